/* action.h - what the browser's keys do: the views an action works in,
 * the action enum and its table, generated from ui/keys.h. No curses
 * here (the key codes are only expanded in ui/action.c). */
#ifndef VITTE_UI_ACTION_H
#define VITTE_UI_ACTION_H

#include "ui/key.h"

/* The views, which actions name in their masks. */
enum view_kind {
	VIEW_HOTSPOTS, /* main views, in Tab order */
	VIEW_FUNCTION,
	VIEW_BRANCHES,
	VIEW_LOOPS,
	VIEW_PROFILES,
	VIEW_DIFF,
	VIEW_MAIN_COUNT,
	VIEW_TREE = VIEW_MAIN_COUNT, /* sub-views */
	VIEW_SOURCE,
	VIEW_DIFF_FUNC,
	VIEW_HELP,
	VIEW_FLAME,
	VIEW_INFO,
	VIEW_KIND_COUNT
};

#define VIEW_BIT(k) (1u << (k))
#define V_ANY	    0xffffffffu
#define V_LISTS                                                                                    \
	(VIEW_BIT(VIEW_HOTSPOTS) | VIEW_BIT(VIEW_FUNCTION) | VIEW_BIT(VIEW_BRANCHES) |             \
	 VIEW_BIT(VIEW_LOOPS) | VIEW_BIT(VIEW_PROFILES) | VIEW_BIT(VIEW_DIFF) |                    \
	 VIEW_BIT(VIEW_TREE) | VIEW_BIT(VIEW_SOURCE) | VIEW_BIT(VIEW_DIFF_FUNC) |                  \
	 VIEW_BIT(VIEW_HELP) | VIEW_BIT(VIEW_FLAME) | VIEW_BIT(VIEW_INFO))
#define V_SORTABLE                                                                                 \
	(VIEW_BIT(VIEW_HOTSPOTS) | VIEW_BIT(VIEW_BRANCHES) | VIEW_BIT(VIEW_LOOPS) |                \
	 VIEW_BIT(VIEW_DIFF))
#define V_FILTERABLE V_SORTABLE
#define V_TABLES     (V_SORTABLE | VIEW_BIT(VIEW_PROFILES) | VIEW_BIT(VIEW_DIFF_FUNC))
#define V_HOT	     VIEW_BIT(VIEW_HOTSPOTS)
#define V_FUNC	     VIEW_BIT(VIEW_FUNCTION)
#define V_PROF	     VIEW_BIT(VIEW_PROFILES)
#define V_DIFF	     VIEW_BIT(VIEW_DIFF)
#define V_TREE	     VIEW_BIT(VIEW_TREE)
#define V_FLAME	     VIEW_BIT(VIEW_FLAME)
/* the main views and the call tree: where c opens the flame graph */
#define V_FLAME_FROM ((VIEW_BIT(VIEW_MAIN_COUNT) - 1) | V_TREE)

#include "ui/keys.h"

#define ACTION_ENUM(name, views, group, keys, label, help) ACT_##name,
enum action { ACT_NONE, UI_ACTIONS(ACTION_ENUM) ACT_COUNT };
#undef ACTION_ENUM

#define HELP_GROUP_ENUM(name, title) HELP_##name,
enum help_group { UI_HELP_GROUPS(HELP_GROUP_ENUM) HELP_GROUP_COUNT };
#undef HELP_GROUP_ENUM

/* An action has one to ACTION_MAX_KEYS keys; 0 ends a shorter list. */
#define ACTION_MAX_KEYS 4

struct action_info {
	const char *name, *label, *help;
	unsigned views;
	enum help_group group;
	int keys[ACTION_MAX_KEYS + 1]; /* always 0-terminated */
};
/* The table generated from keys.h, indexed by enum action (row 0,
 * ACT_NONE, is empty). */
extern const struct action_info action_table[ACT_COUNT];

/* The title of a help section ("Call tree"). */
const char *action_group_title(enum help_group g);

/* A line of the help listing: a section's title (action ACT_NONE), or
 * one of its actions. */
struct action_help_line {
	enum help_group group;
	enum action action;
};
/* The help listing, as the help view shows it: the sections in
 * UI_HELP_GROUPS order, each that has actions as its title then its
 * actions in table order. Fills lines, which has room for
 * ACTION_HELP_LINES, and returns how many it wrote. */
#define ACTION_HELP_LINES (HELP_GROUP_COUNT + ACT_COUNT)
unsigned action_help_listing(struct action_help_line *lines);

/* The action of a key in a view: the first row of the table that works
 * in the view and has the key; ACT_NONE when none has. */
enum action action_for_key(enum view_kind kind, int key);

#endif

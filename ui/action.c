/* action.c - the action table, generated from ui/keys.h, and the lookup
 * from a key to its action. */
#include "ui/action.h"

#include <curses.h>
#include <stdbool.h>

/* clang-format off */
const struct action_info action_table[ACT_COUNT] = {
#define KEYS(...) {__VA_ARGS__}
#define ACTION_ROW(name, views_, group_, keys_, label_, help_)                                     \
	[ACT_##name] = {#name, label_, help_, views_, HELP_##group_, keys_},
	UI_ACTIONS(ACTION_ROW)
#undef ACTION_ROW
#undef KEYS
};

static const char *const group_titles[HELP_GROUP_COUNT] = {
#define GROUP_TITLE(name, title) [HELP_##name] = title,
	UI_HELP_GROUPS(GROUP_TITLE)
#undef GROUP_TITLE
};
/* clang-format on */

const char *action_group_title(enum help_group g)
{
	return (unsigned)g < HELP_GROUP_COUNT ? group_titles[g] : "";
}

unsigned action_help_listing(struct action_help_line *lines)
{
	unsigned n = 0;
	enum help_group g;
	int a;

	for (g = 0; g < HELP_GROUP_COUNT; g++) {
		bool any = false;

		for (a = 1; a < ACT_COUNT; a++) {
			if (action_table[a].group != g)
				continue;
			if (!any) /* the section's title */
				lines[n++] = (struct action_help_line){g, ACT_NONE};
			any = true;
			lines[n++] = (struct action_help_line){g, (enum action)a};
		}
	}
	return n;
}

enum action action_for_key(enum view_kind kind, int key)
{
	int a, i;

	for (a = 1; a < ACT_COUNT; a++) {
		const struct action_info *ai = &action_table[a];

		if (!(ai->views & VIEW_BIT(kind)))
			continue;
		for (i = 0; ai->keys[i]; i++)
			if (ai->keys[i] == key)
				return (enum action)a;
	}
	return ACT_NONE;
}

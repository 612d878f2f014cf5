/* view.h - the browser's views and the browser state they share (struct
 * tui, with the session it shows: analysis/session.h). The actions
 * (ui/action.h), the bars (ui/bars.h), drawing and colours (ui/draw.h),
 * the view stack (ui/viewstack.h) and the table widget (ui/table.h) have
 * their own headers.
 *
 * Views are tables of function pointers (tig's view_ops): the main views
 * live as long as the browser; drill-downs are pushed on a stack and freed
 * when left. All numbers come from analysis/; views only show and move.
 */
#ifndef VITTE_UI_VIEW_H
#define VITTE_UI_VIEW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "analysis/session.h"
#include "ui/action.h"
#include "ui/tui.h"

struct tui;

/* ---- views ---- */

struct view;

/* Table views get theirs from ui/table.h's TABLE_VIEW, the others may
 * write theirs with VIEW_OPS there. */
struct view_ops {
	const char *title;
	enum view_kind kind;
	/* (Re)build rows from the session; called when the view is shown and
	 * when the session's generation changed since. */
	void (*rebuild)(struct view *v);
	/* Draw the body: rows y0 .. y0 + h - 1 of the screen. */
	void (*draw)(struct view *v, int y0, int h);
	/* Handle an action; false when the view does not use it. */
	bool (*key)(struct view *v, enum action a);
	/* The text searched and filtered for a row, NULL when the view has no
	 * names. */
	const char *(*row_name)(struct view *v, uint32_t row);
	/* What the status bar adds about the view (sort, threshold...), NULL
	 * for nothing. */
	const char *(*status)(struct view *v);
	void (*free)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct tui *tui;
	uint32_t nrows, sel, top; /* rows shown, selected row, first row on screen */
	int height;		  /* rows of the list last drawn */
	int first_y;		  /* screen line of the list's first row (for clicks) */
	unsigned generation;	  /* the session generation the rows are from */
	char filter[128];	  /* substring filter on row names */
	char search[128];	  /* last search */
	void *priv;		  /* the view's own state */
};

/* ---- the browser ---- */

struct tui {
	struct session s;
	struct view *main_views[VIEW_MAIN_COUNT];
	struct view *stack[32]; /* current view on top */
	int depth;
	int main_back;	    /* the main view a drill-down to this one came from, or -1 */
	struct work *saved; /* what was last exported (ui/work.h) */
	int cols, lines;
	bool colors, quit, too_small, dumped;
	bool full_name;	   /* v: tables show the selected row's full name on a line */
	char message[256]; /* status bar message, cleared on the next key */
	bool message_error;
	time_t read_at; /* when the inputs were read */
	bool reloaded;	/* read again since, or --follow: the status line says when */
	int follow_fd;	/* --follow: the inotify descriptor, or 0 */
	const struct tui_options *opt;
	const char *script; /* headless: the rest of the key script */
	/* --timings: the file, and the key being timed with its start */
	FILE *timings;
	char timed_key[32];
	double timed_cpu_ms, timed_wall_ms;
	/* the main loop's, for prompts: draw the whole screen, read a key */
	void (*redraw)(struct tui *t);
	int (*getkey)(struct tui *t);
};

/* Main views and sub-views, one constructor each (ui/view_*.c). */
struct view *view_hotspots_new(struct tui *t);
struct view *view_function_new(struct tui *t);
struct view *view_branches_new(struct tui *t);
struct view *view_loops_new(struct tui *t);
struct view *view_profiles_new(struct tui *t);
struct view *view_diff_new(struct tui *t);
struct view *view_help_new(struct tui *t);
/* Open function func (an id of the merged profile) in the function view. */
void view_function_open(struct tui *t, uint32_t func);
/* Whether the function view v has a step to go back to. */
bool view_function_can_back(struct view *v);
/* A call tree from the roots with func (an id of the merged profile, or
 * PF_NONE) revealed and selected when it is in the tree. Never NULL; the
 * caller pushes it. */
struct view *view_tree_new(struct tui *t, uint32_t func);
/* The flame graph of the call tree (ui/view_flame.c), on the widest frame
 * of the function named focus when it has one (focus may be NULL); or
 * zoomed into the frame at the end of path, n functions from a top (owned
 * by the view). Never NULL; the caller pushes it. */
struct view *view_flame_new(struct tui *t, const char *focus);
struct view *view_flame_zoom_new(struct tui *t, uint32_t *path, uint32_t n);
/* What the loaded profiles are: program, binary, mode, clock, runs...
 * (ui/view_info.c). Never NULL; the caller pushes it. */
struct view *view_info_new(struct tui *t);
/* The source file of func annotated with its line counts and sites,
 * scrolled to line (0: the function's own line). NULL, with a status
 * message saying why, when func has no file or it cannot be read. */
struct view *view_source_new(struct tui *t, uint32_t func, uint32_t line);

#endif

/* ui.h - the browser's insides: views, colours (the session it
 * shows is analysis/session.h). The actions (ui/action.h), the bars
 * (ui/bars.h) and the view stack (ui/viewstack.h) have their own headers,
 * included here because every view uses them.
 *
 * Views are tables of function pointers (tig's view_ops): the main views
 * live as long as the browser; drill-downs are pushed on a stack and freed
 * when left. All numbers come from analysis/; views only show and move.
 */
#ifndef VITTE_UI_H
#define VITTE_UI_H

#include <stdbool.h>
#include <stdint.h>

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#include "analysis/branches.h"
#include "analysis/callgraph.h"
#include "analysis/diff.h"
#include "analysis/hotspots.h"
#include "analysis/loops.h"
#include "analysis/session.h"
#include "src/base/error.h"
#include "src/base/strbuf.h"
#include "ui/action.h"
#include "ui/bars.h"
#include "ui/tui.h"
#include "ui/viewstack.h"

/* ---- colours by role ---- */

#define UI_ROLES(_)                                                                                \
	_(NORMAL, -1, -1, A_NORMAL, A_NORMAL)                                                      \
	_(TITLE, COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE)                                       \
	_(STATUS, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)                                   \
	_(HEADER, COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE)                                    \
	_(SELECTED, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE)                                \
	_(HOT, COLOR_RED, -1, A_BOLD, A_BOLD)                                                      \
	_(WARM, COLOR_YELLOW, -1, A_NORMAL, A_NORMAL)                                              \
	_(COLD, COLOR_BLUE, -1, A_NORMAL, A_DIM)                                                   \
	_(GREW, COLOR_RED, -1, A_BOLD, A_BOLD)                                                     \
	_(SHRANK, COLOR_GREEN, -1, A_NORMAL, A_NORMAL)                                             \
	_(DIM, COLOR_WHITE, -1, A_DIM, A_DIM)                                                      \
	_(MARKED, COLOR_MAGENTA, -1, A_BOLD, A_BOLD)                                               \
	_(ERROR, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD)                               \
	_(BAR, COLOR_GREEN, -1, A_NORMAL, A_NORMAL)

#define ROLE_ENUM(name, fg, bg, attr, mono) ROLE_##name,
enum role { UI_ROLES(ROLE_ENUM) ROLE_COUNT };
#undef ROLE_ENUM

struct tui;

/* ---- views ---- */

struct view;

struct view_ops {
	const char *title;
	enum view_kind kind;
	/* (Re)build rows from the session; called when the view is shown and
	 * when the session's generation changed since. */
	void (*rebuild)(struct view *v);
	/* Draw the body: rows y0 .. y0 + h - 1 of the screen. */
	void (*draw)(struct view *v, int y0, int h);
	/* Handle an action; false when the view does not use it. */
	bool (*key)(struct view *v, enum action a, int key);
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
	int height;               /* rows of the list last drawn */
	int first_y;              /* screen line of the list's first row (for clicks) */
	unsigned generation;      /* the session generation the rows are from */
	char filter[128];         /* substring filter on row names */
	char search[128];         /* last search */
	void *priv;               /* the view's own state */
};

/* ---- the browser ---- */

struct tui {
	struct session s;
	struct view *main_views[VIEW_MAIN_COUNT];
	struct view *stack[32]; /* current view on top */
	int depth;
	int cols, lines;
	bool colors, quit, too_small;
	char message[256]; /* status bar message, cleared on the next key */
	bool message_error;
	const struct tui_options *opt;
	const char *script; /* headless: the rest of the key script */
};

/* Merge the session again after a change of its inputs and recompute the
 * analyses; a problem goes to the status bar. (ui/tui.c) */
void tui_update_session(struct tui *t);
/* Ask for a line of text on the status line; false when cancelled (Esc).
 * buf holds the initial text and gets the answer. When changed is set it
 * is called with the current view and text after every edit (incremental
 * search), and the view is redrawn. */
bool tui_prompt(struct tui *t, const char *question, char *buf, size_t size,
		void (*changed)(struct view *v, const char *text));
/* Ask a yes/no question; true for y. (Both in ui/tui.c, on ui/prompt.h.) */
bool tui_confirm(struct tui *t, const char *question);

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
/* A call tree from the roots with func (an id of the merged profile, or
 * PF_NONE) revealed and selected when it is in the tree. Never NULL; the
 * caller pushes it. */
struct view *view_tree_new(struct tui *t, uint32_t func);
/* The source file of func annotated with its line counts and sites,
 * scrolled to line (0: the function's own line). NULL, with a status
 * message saying why, when func has no file or it cannot be read. */
struct view *view_source_new(struct tui *t, uint32_t func, uint32_t line);

/* ---- lists: what every table-like view shares (ui/list.c) ---- */

/* Move the selection for a movement action; false when a is not one. */
bool list_move(struct view *v, enum action a);
/* Search/filter/sort-free keys common to lists (search, n, N); false when
 * a is not one of them. */
bool list_key(struct view *v, enum action a);
/* Keep the selection on screen for a list of h rows, which ends at the
 * bottom of the body (where clicks are mapped to rows). */
void list_scroll(struct view *v, int h);
/* Ask for the view's filter (f); false when the prompt was cancelled. */
bool list_prompt_filter(struct view *v, const char *question);
/* Whether a row name passes the view's filter. */
bool list_filter_match(const struct view *v, const char *name);

/* ---- drawing (ui/draw.c) ---- */

void draw_init_colors(bool colors);
attr_t draw_attr(enum role role);
/* Draw s at (y, x) in exactly width columns: escaped, cut by display width
 * (never inside a character), padded with spaces; right-aligned when
 * right is set. Returns the columns used (width). */
int draw_text(int y, int x, int width, const char *s, enum role role, bool right);
/* Paint row y in role's colours (a selected row's background, gaps included). */
void draw_fill(int y, enum role role);
/* Display width of s once escaped. */
int draw_width(const char *s);
/* A bar of width columns filled to share (0..1). */
void draw_bar(int y, int x, int width, double share, enum role role);

/* A table column: title, width, alignment; flexible columns (width 0)
 * share what the fixed ones leave; priority 0 never hides, higher numbers
 * hide first on narrow terminals. */
struct column {
	const char *title;
	int width;
	bool right;
	int priority;
};
/* Lay out n columns in cols screen columns: x and w of each (w 0 = hidden). */
void draw_layout(const struct column *c, int n, int cols, int *x, int *w);
/* Header row of a table at y. */
void draw_header(int y, const struct column *c, int n, const int *x, const int *w,
		 int sort_col, bool descending);

#endif

/* table.h - the table widget under every list view.
 *
 * A table view gives a struct table_spec: its columns, its sort keys, and
 * callbacks that build its items from the session, compare and format
 * them (curses-free cells, analysis/columns.h) and open one. The
 * widget owns the rest: layout and header with the sort arrow, scrolling,
 * selection, sorting (s cycles the keys, S reverses), the substring filter
 * (f, F), search (/, n, N), the status text, the empty message, Enter and
 * mouse clicks. Its view_ops are the spec's first member (TABLE_VIEW).
 *
 * The list functions (table_move, table_scroll, table_list_key) serve
 * every view with rows, tables or not.
 */
#ifndef VITTE_UI_TABLE_H
#define VITTE_UI_TABLE_H

#include "analysis/columns.h"
#include "ui/table_rows.h"
#include "ui/view.h"

/* A sort key: the view's key number, its column (for the arrow), its
 * name in the status and its first direction. */
struct table_sort {
	unsigned key;
	int col;
	const char *name;
	bool ascending;
};

struct table_spec {
	struct view_ops ops; /* first: v->ops of a table view (TABLE_VIEW) */
	const struct column *columns;
	int ncolumns;
	int name_col; /* the column whose text names an item: searched, filtered */
	/* Columns sized by their text (a bit per column: names, paths): the
	 * layout gives them what they need (columns_layout_fit), and v shows
	 * their full text on a line of its own. */
	unsigned fit;
	const struct table_sort *sorts; /* in the order s cycles through */
	unsigned nsorts, tie;		/* tie: the key that orders ties, ascending */
	/* After s, S or f the selection follows its row; without, it keeps
	 * its position. */
	bool keep_row;
	const char *filter_prompt;

	/* (Re)compute from the session; returns the number of items. */
	uint32_t (*build)(struct view *v);
	/* Optional: the item's file, for "file:" filters and searches (NULL
	 * when it has none). */
	const char *(*file)(struct view *v, uint32_t item);
	/* Optional: whether an item is shown, besides the filter. */
	bool (*keep)(struct view *v, uint32_t item);
	/* Item a against item b by key, ascending; NULL when nsorts is 0. */
	int (*compare)(struct view *v, uint32_t a, uint32_t b, unsigned key);
	/* Optional, instead of compare: the item's rank by key, a number
	 * that orders items as the key does ascending (equal ranks tie): a
	 * new order then costs a radix sort of ranks (ui/table_rows.h). */
	uint64_t (*rank)(struct view *v, uint32_t item, unsigned key);
	/* Cell col of an item (out comes cleared). */
	void (*cell)(struct view *v, uint32_t item, int col, struct cell *out);
	/* Optional: the role of a row that is not selected (ROLE_NORMAL). */
	enum role (*row_role)(struct view *v, uint32_t item);
	/* Optional: Enter on an item. */
	void (*enter)(struct view *v, uint32_t item);
	/* Optional: the view's own actions, before the widget's; true when
	 * handled. */
	bool (*key)(struct view *v, enum action a);
	/* Optional: columns to draw with instead of columns (c has room for
	 * ncolumns), e.g. other titles. */
	void (*titles)(struct view *v, struct column *c);
	/* Optional: lines above the header, drawn from y within h lines;
	 * returns how many. */
	int (*above)(struct view *v, int y, int h);
	/* Optional: when the view has nothing to tabulate, draws its body
	 * instead (from y, in h lines) and returns true; no status then. */
	bool (*nothing)(struct view *v, int y, int h);
	/* The message without rows: no_match when the filter or keep hides
	 * every item, else empty (either stands for both when the other is
	 * NULL). */
	const char *empty, *no_match;
	/* Optional: the status after the sort ("threshold: 5%"), or NULL. */
	const char *(*status)(struct view *v);
	/* Optional: frees the view's state (else free()). */
	void (*free_priv)(void *priv);
};

/* The view_ops every table view shares; title and kind are its own. */
void table_rebuild(struct view *v);
void table_draw(struct view *v, int y0, int h);
bool table_key(struct view *v, enum action a);
const char *table_row_name(struct view *v, uint32_t row);
const char *table_status(struct view *v);
void table_free(struct view *v);
/* The ops of a view from its functions (NULL for those it has not). */
#define VIEW_OPS(title_, kind_, rebuild_, draw_, key_, row_name_, status_, free_)                  \
	{                                                                                          \
		.title = (title_), .kind = (kind_), .rebuild = (rebuild_), .draw = (draw_),        \
		.key = (key_), .row_name = (row_name_), .status = (status_), .free = (free_)       \
	}

/* The fields every spec has: its view's title and kind, its columns (an
 * array), the column that names an item, the callbacks that build the
 * items and format their cells; then, for a sorted table, the
 * sort keys (an array), the tie key and the comparator. */
#define TABLE_VIEW(title_, kind_, columns_, name_col_, build_, cell_)                              \
	.ops = VIEW_OPS(title_, kind_, table_rebuild, table_draw, table_key, table_row_name,       \
			table_status, table_free),                                                 \
	.columns = (columns_), .ncolumns = (int)(sizeof(columns_) / sizeof((columns_)[0])),        \
	.name_col = (name_col_), .build = (build_), .cell = (cell_)
#define TABLE_SORTS(sorts_, tie_, compare_)                                                        \
	.sorts = (sorts_), .nsorts = sizeof(sorts_) / sizeof((sorts_)[0]), .tie = (tie_),          \
	.compare = (compare_)
/* The same with ranks instead of a comparator. */
#define TABLE_RANKED_SORTS(sorts_, tie_, rank_)                                                    \
	.sorts = (sorts_), .nsorts = sizeof(sorts_) / sizeof((sorts_)[0]), .tie = (tie_),          \
	.rank = (rank_)

/* A table view of spec (borrowed, static) with the view's state priv
 * (owned). */
struct view *table_view_new(struct tui *t, const struct table_spec *spec, void *priv);
/* The view's state given to table_view_new(). */
void *table_priv(const struct view *v);
/* Show the same items with another spec (same title and kind), e.g.
 * other columns; the sort stays. */
void table_set_spec(struct view *v, const struct table_spec *spec);
/* Build the items and the rows again now (the selection stays on its row
 * when follow is set). */
void table_refresh(struct view *v, bool follow);
/* The rows again when only the order or the filter changed (change:
 * TABLE_NEW_ORDER, TABLE_NEW_FILTER); the items are not built again. */
void table_update(struct view *v, bool follow, enum table_change change);
/* The item of a row, TABLE_NONE past the rows. */
uint32_t table_item(const struct view *v, uint32_t row);

/* The file of function func of the session's merged profile, NULL when it
 * has none: for the specs' file callbacks. */
const char *table_func_file(const struct view *v, uint32_t func);

/* Draw the cells of an item at row y in columns c laid out at x, w
 * (columns_layout), selected or not. */
void table_draw_cells(struct view *v, int y, const struct column *c, int n, const int *x,
		      const int *w,
		      void (*cell)(struct view *v, uint32_t item, int col, struct cell *out),
		      uint32_t item, bool selected, enum role row_role);

/* ---- lists: every view with rows ---- */

/* Move the selection for a movement action; false when a is not one. */
bool table_move(struct view *v, enum action a);
/* Movement and search (/, n, N); false when a is neither. */
bool table_list_key(struct view *v, enum action a);
/* Keep the selection on screen for a list of h rows, which ends at the
 * bottom of the body (where clicks are mapped to rows). */
void table_scroll(struct view *v, int h);
/* A click at screen line y: select the row there, if any. */
void table_click(struct view *v, int y);
/* A click at line y, column x: on a sorted table's header, sort by the
 * column there (again: the other way); else as table_click(). */
void table_click_at(struct view *v, int y, int x);

#endif

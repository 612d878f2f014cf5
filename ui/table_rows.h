/* table_rows.h - the curses-free half of the table widget (ui/table.h):
 * which items a table shows, in which order, which one is selected, and
 * search. Items are numbers 0 .. n - 1 that the view maps to its data.
 */
#ifndef VITTE_UI_TABLE_ROWS_H
#define VITTE_UI_TABLE_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TABLE_NONE UINT32_MAX

/* The items of a table, through callbacks (borrowed). */
struct table_items {
	void *ctx;
	uint32_t n;
	/* The text searched and filtered; NULL matches nothing. */
	const char *(*name)(void *ctx, uint32_t item);
	/* The item's file, for "file:" filters; NULL (or a NULL callback):
	 * none. */
	const char *(*file)(void *ctx, uint32_t item);
	/* Whether an item is shown besides the filter; NULL shows all. */
	bool (*keep)(void *ctx, uint32_t item);
	/* Item a against item b by key, ascending (-1, 0, 1); NULL leaves the
	 * items in their own order. */
	int (*compare)(void *ctx, uint32_t a, uint32_t b, unsigned key);
};

/* A sort: key in a direction, ties by key tie ascending, then by item. */
struct table_order {
	unsigned key, tie;
	bool ascending;
};

struct table_rows {
	uint32_t *v; /* owned: the items shown, in order */
	uint32_t n;
	uint32_t sel; /* the selected row */
};

/* Whether an item with this name and file (either may be NULL) matches
 * filter, ignoring case: "" matches everything; "file:TEXT" when its file
 * contains TEXT, "mod:TEXT" when its module (table_rows_module) does,
 * anything else when its name does. */
bool table_rows_match(const char *name, const char *file, const char *filter);

/* The module a function's name says it is in, as *start and a length (0:
 * none): "libc.so.6" of "[libc.so.6]" (code without a symbol), "a.c" of
 * "a.c:mix" (a static function named by its unit), "engine" of
 * "engine::step" and "std::vector<int>" of "std::vector<int>::push_back(int)"
 * (what comes before the last "::" outside <> and ()). */
size_t table_rows_module(const char *name, const char **start);

/* Rows again from the items: those kept whose name matches filter, in
 * order o (NULL: item order). With follow the selection stays on the item
 * it was on when that one is still shown; otherwise, and when it is gone,
 * on the same row, within the rows. */
void table_rows_build(struct table_rows *r, const struct table_items *it,
		      const struct table_order *o, const char *filter, bool follow);

/* The row of the next (dir 1) or previous (dir -1) of n rows after from
 * (from included when include_from is set) that matches needle
 * (table_rows_match with name(ctx, row) and, when file is not NULL,
 * file(ctx, row)), wrapping around; TABLE_NONE when none does. */
uint32_t table_rows_search(uint32_t n, uint32_t from, int dir, bool include_from,
			   const char *needle, const char *(*name)(void *ctx, uint32_t row),
			   const char *(*file)(void *ctx, uint32_t row), void *ctx);

void table_rows_free(struct table_rows *r);

#endif

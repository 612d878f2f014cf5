/* table_rows.h - the curses-free half of the table widget (ui/table.h):
 * which items a table shows, in which order, which one is selected, and
 * search. Items are numbers 0 .. n - 1 that the view maps to its data.
 */
#ifndef VITTE_UI_TABLE_ROWS_H
#define VITTE_UI_TABLE_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/sort.h"

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
	/* Optional, instead of compare: the item's rank by key, a number
	 * that orders items as the key does ascending (equal ranks tie).
	 * Sorts then radix-sort precomputed ranks. */
	uint64_t (*rank)(void *ctx, uint32_t item, unsigned key);
};

/* A sort: key in a direction, ties by key tie ascending, then by item. */
struct table_order {
	unsigned key, tie;
	bool ascending;
};

#define TABLE_ORDERS 16 /* orders kept at once */

struct table_rows {
	uint32_t *v; /* owned: the items shown, in order */
	uint32_t n;
	uint32_t sel; /* the selected row */
	/* Kept from one build to the next of the same items (owned), so
	 * that a new order or filter redoes only its own part: */
	uint32_t items; /* how many items they are */
	bool *shown;	/* per item: kept and matching the filter */
	struct table_sorted {
		unsigned key, tie;
		bool ascending;
		uint32_t *v; /* all the items in that order */
	} sorted[TABLE_ORDERS];
	unsigned nsorted;
	/* The items' names in lower case, each ended by a NUL, item i's at
	 * names + name_at[i]: filters and searches by name scan this with
	 * memmem instead of asking for every name. Made on the first. */
	char *names;
	size_t *name_at;
	bool *hit; /* per item: the name has the needle (scratch) */
	/* Scratch for sorts by rank, kept from build to build: fresh memory
	 * costs a page fault per 4 KB. */
	struct radix_kv *kv;
	uint64_t *rank;
	uint32_t kv_room;
};

/* What changed since the rows were last built. */
enum table_change {
	TABLE_NEW_ITEMS,  /* the items or their data: all is done again */
	TABLE_NEW_ORDER,  /* only the order: which items are shown is kept */
	TABLE_NEW_FILTER, /* only the filter, or what keep says: the orders are kept */
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
/* The same when only what change says has changed since the last build:
 * each order of all the items is sorted once and kept until the items
 * change (a filter selects from it, a new order sorts ranks, not rows),
 * and a new order keeps which items are shown. */
void table_rows_update(struct table_rows *r, const struct table_items *it,
		       const struct table_order *o, const char *filter, bool follow,
		       enum table_change change);

/* Whether a search for needle finds no row that a search for was, from
 * the same row, did not find before it: needle is was made longer, in
 * the same kind (name, "file:", "mod:"). Then an incremental search goes
 * on from was's match, or has none when was had none. */
bool table_rows_narrows(const char *was, const char *needle);

/* The row of the next (dir 1) or previous (dir -1) of n rows after from
 * (from included when include_from is set) that matches needle
 * (table_rows_match with name(ctx, row) and, when file is not NULL,
 * file(ctx, row)), wrapping around; TABLE_NONE when none does. */
uint32_t table_rows_search(uint32_t n, uint32_t from, int dir, bool include_from,
			   const char *needle, const char *(*name)(void *ctx, uint32_t row),
			   const char *(*file)(void *ctx, uint32_t row), void *ctx);
/* The same search in rows r of the items it, as built last (names from
 * r->names when needle looks at names). */
uint32_t table_rows_find(struct table_rows *r, const struct table_items *it, uint32_t from, int dir,
			 bool include_from, const char *needle);

void table_rows_free(struct table_rows *r);

#endif

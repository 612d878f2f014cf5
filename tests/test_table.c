/* test_table.c - the table widget's rows: filter, sort with a direction,
 * the selection across a re-sort and a filter, search with wrap-around
 * (ui/table_rows.h, the widget's curses-free half). */
#include "tests/testutil.h"

#include "src/base/numeric.h"
#include "ui/table_rows.h"

/* Five items: a name and a number; two numbers tie. */
static const struct {
	const char *name;
	unsigned n;
} items[] = {
    {"alpha", 30}, {"beta", 10}, {"gamma", 20}, {"delta", 10}, {"alphabet", 40},
};

enum { KEY_N, KEY_NAME };

static const char *item_name(void *ctx, uint32_t item)
{
	(void)ctx;
	return items[item].name;
}

static int item_compare(void *ctx, uint32_t a, uint32_t b, unsigned key)
{
	(void)ctx;
	if (key == KEY_NAME)
		return strcmp(items[a].name, items[b].name);
	return (items[a].n > items[b].n) - (items[a].n < items[b].n);
}

static bool keep_twenty(void *ctx, uint32_t item)
{
	(void)ctx;
	return items[item].n >= 20;
}

static const struct table_items all = {NULL, 5, item_name, NULL, NULL, item_compare, NULL};
static const struct table_order by_n_desc = {KEY_N, KEY_NAME, false};
static const struct table_order by_n_asc = {KEY_N, KEY_NAME, true};
static const struct table_order by_name = {KEY_NAME, KEY_NAME, true};

static void assert_rows(const struct table_rows *r, const uint32_t *want, uint32_t n)
{
	uint32_t i;

	assert_int_equal(r->n, n);
	for (i = 0; i < n; i++)
		assert_int_equal(r->v[i], want[i]);
}

static void test_sort_with_direction(void **state)
{
	struct table_rows r = {0};

	(void)state;
	/* 40 30 20, then the two 10s by name ascending: beta before delta */
	table_rows_build(&r, &all, &by_n_desc, "", false);
	assert_rows(&r, (const uint32_t[]){4, 0, 2, 1, 3}, 5);
	/* ascending reverses the key, not the ties: still beta, delta */
	table_rows_build(&r, &all, &by_n_asc, "", false);
	assert_rows(&r, (const uint32_t[]){1, 3, 2, 0, 4}, 5);
	table_rows_build(&r, &all, &by_name, "", false);
	assert_rows(&r, (const uint32_t[]){0, 4, 1, 3, 2}, 5);
	/* no order: the items' own */
	table_rows_build(&r, &all, NULL, "", false);
	assert_rows(&r, (const uint32_t[]){0, 1, 2, 3, 4}, 5);
	table_rows_free(&r);
}

static void test_filter(void **state)
{
	struct table_items kept = all;
	struct table_rows r = {0};

	(void)state;
	table_rows_build(&r, &all, &by_n_desc, "ALPH", false); /* any case */
	assert_rows(&r, (const uint32_t[]){4, 0}, 2);
	table_rows_build(&r, &all, &by_n_desc, "zzz", false);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.sel, 0);
	kept.keep = keep_twenty; /* the view's own filter, and the substring */
	table_rows_build(&r, &kept, &by_n_asc, "", false);
	assert_rows(&r, (const uint32_t[]){2, 0, 4}, 3);
	table_rows_build(&r, &kept, &by_n_asc, "a", false);
	assert_rows(&r, (const uint32_t[]){2, 0, 4}, 3);
	table_rows_build(&r, &kept, &by_n_asc, "et", false);
	assert_rows(&r, (const uint32_t[]){4}, 1);
	assert_true(table_rows_match("anything", NULL, ""));
	assert_true(table_rows_match(NULL, NULL, ""));
	assert_false(table_rows_match(NULL, NULL, "a"));
	table_rows_free(&r);
}

static void test_selection_follows_its_row(void **state)
{
	struct table_rows r = {0};

	(void)state;
	table_rows_build(&r, &all, &by_n_desc, "", false);
	r.sel = 0; /* alphabet */
	table_rows_build(&r, &all, &by_n_asc, "", true);
	assert_rows(&r, (const uint32_t[]){1, 3, 2, 0, 4}, 5);
	assert_int_equal(r.sel, 4); /* alphabet again, now last */
	/* filtered to delta, alpha, alphabet: alphabet is row 2 */
	table_rows_build(&r, &all, &by_n_asc, "l", true);
	assert_rows(&r, (const uint32_t[]){3, 0, 4}, 3);
	assert_int_equal(r.sel, 2);
	/* beta, alphabet */
	table_rows_build(&r, &all, &by_n_asc, "et", true);
	assert_rows(&r, (const uint32_t[]){1, 4}, 2);
	assert_int_equal(r.sel, 1);
	/* alphabet filtered out: the selection keeps its row, delta */
	table_rows_build(&r, &all, &by_n_asc, "ta", true);
	assert_rows(&r, (const uint32_t[]){1, 3}, 2);
	assert_int_equal(r.sel, 1);
	/* without follow the position stays, whatever row is there */
	table_rows_build(&r, &all, &by_n_desc, "", false);
	assert_int_equal(r.sel, 1);
	assert_int_equal(r.v[r.sel], 0);
	/* a position past the rows comes back to the last one */
	r.sel = 4;
	table_rows_build(&r, &all, &by_n_desc, "alph", false);
	assert_int_equal(r.sel, 1);
	table_rows_free(&r);
}

/* The name of a row of the rows being searched. */
static const char *row_name(void *ctx, uint32_t row)
{
	const struct table_rows *r = ctx;

	return items[r->v[row]].name;
}

static uint32_t search(struct table_rows *r, uint32_t from, int dir, bool include_from,
		       const char *needle)
{
	return table_rows_search(r->n, from, dir, include_from, needle, row_name, NULL, r);
}

static void test_search_wraps(void **state)
{
	struct table_rows r = {0};

	(void)state;
	/* rows: alphabet alpha gamma beta delta */
	table_rows_build(&r, &all, &by_n_desc, "", false);
	assert_int_equal(search(&r, 0, 1, false, "ta"), 3);  /* beta */
	assert_int_equal(search(&r, 3, 1, false, "ta"), 4);  /* delta */
	assert_int_equal(search(&r, 4, 1, false, "ta"), 3);  /* wraps to beta */
	assert_int_equal(search(&r, 3, -1, false, "ta"), 4); /* back, wrapping to delta */
	assert_int_equal(search(&r, 4, -1, false, "ta"), 3);
	assert_int_equal(search(&r, 3, 1, true, "ta"), 3);   /* the row itself first */
	assert_int_equal(search(&r, 4, 1, false, "BET"), 0); /* any case, wrapping */
	assert_int_equal(search(&r, 0, -1, false, "alpha"), 1);
	/* the only match is the row searched from: found after a full turn */
	assert_int_equal(search(&r, 2, 1, false, "gam"), 2);
	assert_int_equal(search(&r, 0, 1, false, "zz"), TABLE_NONE);
	assert_int_equal(search(&r, 0, 1, false, ""), TABLE_NONE);
	assert_int_equal(table_rows_search(0, 0, 1, true, "a", row_name, NULL, &r), TABLE_NONE);
	table_rows_free(&r);
}

/* file: and mod: look at an item's file and at the module its name
 * says, case aside; a plain filter at the name alone. */
static void test_match_file_and_module(void **state)
{
	const char *mod;

	(void)state;
	assert_true(table_rows_match("compress", "../lib/compress/zstd.c", "file:LIB/comp"));
	assert_false(table_rows_match("compress", "../lib/compress/zstd.c", "file:huf"));
	assert_false(table_rows_match("compress", NULL, "file:zstd"));
	assert_false(table_rows_match("compress", "zstd.c", "zstd")); /* a name filter */
	assert_true(table_rows_match("engine::step", NULL, "mod:ENGINE"));
	assert_false(table_rows_match("engine::step", NULL, "mod:step"));
	assert_false(table_rows_match("main", NULL, "mod:main")); /* no module */
	assert_true(table_rows_match("[libc.so.6]", NULL, "mod:libc"));
	assert_true(table_rows_match("a.c:mix", NULL, "mod:a.c"));
	assert_false(table_rows_match("a.c:mix", NULL, "mod:mix"));
	assert_int_equal(table_rows_module("ns::cls::f", &mod), 7);
	assert_memory_equal(mod, "ns::cls", 7);
	/* the last "::" outside <> and (): not the ones in the arguments */
	assert_int_equal(table_rows_module("std::vector<a::b>::push(c::d)", &mod), 17);
	assert_memory_equal(mod, "std::vector<a::b>", 17);
	assert_int_equal(table_rows_module("f(a:b)", &mod), 0);
	assert_int_equal(table_rows_module("[vdso]", &mod), 4);
	assert_memory_equal(mod, "vdso", 4);
	assert_int_equal(table_rows_module("[]", &mod), 0);
	assert_int_equal(table_rows_module("::f", &mod), 0);
}

/* ---- sorts by rank, kept orders, filters from the kept order ---- */

/* Seven items; numbers tie, -0 ties 0, a name comes twice, some have no
 * file. name_rank is each name's place among the names by strcmp. */
static const struct {
	const char *name, *file;
	unsigned n;
	double m;
	uint64_t name_rank;
} things[] = {
    {"Zeta::run", "src/z.c", 3, 1.5, 1},
    {"alpha", "lib/a.c", 1, -2, 2},
    {"Beta::run", NULL, 3, 0.0, 0},
    {"gamma", "src/g.c", 2, -0.0, 5},
    {"delta::Run", "lib/d.c", 1, 1.5, 3},
    {"alpha", "src/a2.c", 3, 7, 2},
    {"eta", NULL, 2, -2, 4},
};
enum { T_N, T_M, T_NAME };

static struct {
	unsigned name, rank, compare, keep;
} calls;

static const char *thing_name(void *ctx, uint32_t item)
{
	(void)ctx;
	calls.name++;
	return things[item].name;
}

static const char *thing_file(void *ctx, uint32_t item)
{
	(void)ctx;
	return things[item].file;
}

static bool thing_keep(void *ctx, uint32_t item)
{
	(void)ctx;
	calls.keep++;
	return item != 99;
}

static int thing_compare(void *ctx, uint32_t a, uint32_t b, unsigned key)
{
	(void)ctx;
	calls.compare++;
	if (key == T_N)
		return cmp_u64(things[a].n, things[b].n);
	if (key == T_M)
		return cmp_double(things[a].m, things[b].m);
	return strcmp(things[a].name, things[b].name);
}

static uint64_t thing_rank(void *ctx, uint32_t item, unsigned key)
{
	(void)ctx;
	calls.rank++;
	return key == T_N   ? things[item].n
	       : key == T_M ? u64_rank_double(things[item].m)
			    : things[item].name_rank;
}

static const struct table_items by_compare = {
    NULL, 7, thing_name, thing_file, thing_keep, thing_compare, NULL};
static const struct table_items by_rank = {NULL,       7,    thing_name, thing_file,
					   thing_keep, NULL, thing_rank};

/* Each order, by rank and by comparator alike, as worked out by hand:
 * the key in its direction, then the name ascending, then the item. */
static void test_rank_sort_is_the_comparator_sort(void **state)
{
	static const struct {
		struct table_order o;
		uint32_t want[7];
	} cases[] = {
	    {{T_N, T_NAME, false}, {2, 0, 5, 6, 3, 1, 4}},
	    {{T_N, T_NAME, true}, {1, 4, 6, 3, 2, 0, 5}},
	    {{T_M, T_NAME, true}, {1, 6, 2, 3, 0, 4, 5}}, /* -0 ties 0 */
	    {{T_M, T_NAME, false}, {5, 0, 4, 2, 3, 1, 6}},
	    {{T_NAME, T_NAME, true}, {2, 0, 1, 5, 4, 6, 3}},
	    {{T_NAME, T_NAME, false}, {3, 6, 4, 1, 5, 0, 2}}, /* the two alphas by item */
	};
	const struct table_items *its[] = {&by_compare, &by_rank};
	struct table_rows r = {0};
	size_t c, k;

	(void)state;
	for (k = 0; k < 2; k++) {
		for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
			/* from scratch, and from the order before */
			table_rows_build(&r, its[k], &cases[c].o, "", false);
			assert_rows(&r, cases[c].want, 7);
			table_rows_update(&r, its[k], &cases[(c + 1) % 6].o, "", false,
					  TABLE_NEW_ORDER);
			table_rows_update(&r, its[k], &cases[c].o, "", false, TABLE_NEW_ORDER);
			assert_rows(&r, cases[c].want, 7);
			/* a filter keeps the order: "ET" is in Zeta, Beta and eta */
			table_rows_update(&r, its[k], &cases[c].o, "ET", false, TABLE_NEW_FILTER);
			assert_int_equal(r.n, 3);
		}
		table_rows_free(&r);
	}
}

/* A new order is sorted once and kept; a new filter selects from the kept
 * order without sorting, and looks names up once per build of the items;
 * a new order keeps which items are shown. */
static void test_orders_and_names_are_kept(void **state)
{
	const struct table_order n_desc = {T_N, T_NAME, false}, m_asc = {T_M, T_NAME, true};
	struct table_rows r = {0};

	(void)state;
	memset(&calls, 0, sizeof(calls));
	table_rows_build(&r, &by_rank, &n_desc, "", false);
	assert_int_equal(calls.rank, 14); /* the name order (for ties), then n */
	table_rows_update(&r, &by_rank, &m_asc, "", false, TABLE_NEW_ORDER);
	assert_int_equal(calls.rank, 21); /* m, on the kept name order */
	memset(&calls, 0, sizeof(calls));
	table_rows_update(&r, &by_rank, &n_desc, "", false, TABLE_NEW_ORDER);
	assert_int_equal(calls.rank, 0);
	assert_int_equal(calls.keep, 0);
	assert_rows(&r, (const uint32_t[]){2, 0, 5, 6, 3, 1, 4}, 7);
	table_rows_update(&r, &by_rank, &n_desc, "ET", false, TABLE_NEW_FILTER);
	assert_rows(&r, (const uint32_t[]){2, 0, 6}, 3);
	assert_int_equal(calls.name, 7);
	assert_int_equal(calls.keep, 7);
	table_rows_update(&r, &by_rank, &n_desc, "AL", false, TABLE_NEW_FILTER);
	assert_rows(&r, (const uint32_t[]){5, 1}, 2);
	assert_int_equal(calls.name, 7); /* the names kept from the first filter */
	table_rows_update(&r, &by_rank, &m_asc, "AL", false, TABLE_NEW_ORDER);
	assert_rows(&r, (const uint32_t[]){1, 5}, 2);
	assert_int_equal(calls.keep, 14);
	table_rows_update(&r, &by_rank, &n_desc, "file:SRC", false, TABLE_NEW_FILTER);
	assert_rows(&r, (const uint32_t[]){0, 5, 3}, 3);
	table_rows_update(&r, &by_rank, &n_desc, "mod:beta", false, TABLE_NEW_FILTER);
	assert_rows(&r, (const uint32_t[]){2}, 1);
	assert_int_equal(calls.rank, 0);
	/* new items: all again */
	table_rows_build(&r, &by_rank, &n_desc, "ET", false);
	assert_rows(&r, (const uint32_t[]){2, 0, 6}, 3);
	assert_int_equal(calls.rank, 14);
	assert_int_equal(calls.name, 7 + 7 + 7); /* ET, mod: (asks each name), ET again */
	/* the comparator's orders are kept too */
	table_rows_build(&r, &by_compare, &n_desc, "", false);
	calls.compare = 0;
	table_rows_update(&r, &by_compare, &m_asc, "", false, TABLE_NEW_ORDER);
	assert_true(calls.compare > 0);
	calls.compare = 0;
	table_rows_update(&r, &by_compare, &n_desc, "eta", false, TABLE_NEW_FILTER);
	assert_int_equal(calls.compare, 0);
	assert_rows(&r, (const uint32_t[]){2, 0, 6}, 3); /* BETA, ZETA, ETA */
	table_rows_free(&r);
}

/* No items: no rows, whatever the order, filter or search (the scratch
 * of a sort of nothing is still an array, for the sanitizers). */
/* Items that already come in the order asked for (the Diff view's rows
 * by |delta|) are checked in one pass and not sorted again: n - 1
 * comparisons, where a sort of 100 items makes hundreds. */
static unsigned presorted_calls;

static int presorted_compare(void *ctx, uint32_t a, uint32_t b, unsigned key)
{
	(void)ctx;
	(void)key;
	presorted_calls++;
	return cmp_u64(b, a); /* descending is the items' own order */
}

static void test_presorted_items_are_not_sorted(void **state)
{
	const struct table_items it = {NULL, 100, NULL, NULL, NULL, presorted_compare, NULL};
	const struct table_order desc = {0, 0, false}, asc = {0, 0, true};
	struct table_rows r = {0};
	uint32_t i;

	(void)state;
	table_rows_build(&r, &it, &desc, "", false);
	assert_int_equal(presorted_calls, 99);
	for (i = 0; i < 100; i++)
		assert_int_equal(r.v[i], i);
	table_rows_update(&r, &it, &asc, "", false, TABLE_NEW_ORDER); /* sorted: 99 .. 0 */
	assert_true(presorted_calls > 99 + 99);
	for (i = 0; i < 100; i++)
		assert_int_equal(r.v[i], 99 - i);
	table_rows_free(&r);
}

static void test_no_items(void **state)
{
	const struct table_order n_desc = {T_N, T_NAME, false};
	struct table_items none = by_rank;
	struct table_rows r = {0};

	(void)state;
	none.n = 0;
	table_rows_build(&r, &none, &n_desc, "", true);
	assert_int_equal(r.n, 0);
	table_rows_update(&r, &none, &n_desc, "a", true, TABLE_NEW_FILTER);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.sel, 0);
	assert_int_equal(table_rows_find(&r, &none, 0, 1, true, "a"), TABLE_NONE);
	table_rows_free(&r);
}

/* A search in the table's rows by its kept names finds what the search by
 * the rows' names does. */
static void test_find_is_search(void **state)
{
	static const char *const needles[] = {"RUN", "run",	 "a",	  "alpha",     "ET",
					      "zz",  "file:lib", "file:", "mod:delta", "::"};
	const struct table_order n_desc = {T_N, T_NAME, false};
	struct table_rows r = {0};
	uint32_t from, i;
	int dir;

	(void)state;
	table_rows_build(&r, &by_rank, &n_desc, "", false); /* rows: 2 0 5 6 3 1 4 */
	assert_int_equal(table_rows_find(&r, &by_rank, 0, 1, true, "RUN"), 0);	/* Beta::run */
	assert_int_equal(table_rows_find(&r, &by_rank, 0, 1, false, "RUN"), 1); /* Zeta::run */
	assert_int_equal(table_rows_find(&r, &by_rank, 1, 1, false, "run"), 6); /* delta::Run */
	assert_int_equal(table_rows_find(&r, &by_rank, 0, -1, false, "run"), 6);
	assert_int_equal(table_rows_find(&r, &by_rank, 0, 1, true, "file:lib"), 5);
	for (i = 0; i < sizeof(needles) / sizeof(needles[0]); i++)
		for (from = 0; from < r.n; from++)
			for (dir = -1; dir <= 1; dir += 2) {
				uint32_t want = TABLE_NONE, k, at;

				for (k = 1; k <= r.n; k++) {
					at = dir > 0 ? (from + k) % r.n : (from + r.n - k) % r.n;
					if (table_rows_match(things[r.v[at]].name,
							     things[r.v[at]].file, needles[i])) {
						want = at;
						break;
					}
				}
				assert_int_equal(
				    table_rows_find(&r, &by_rank, from, dir, false, needles[i]),
				    want);
			}
	table_rows_free(&r);
}

/* An incremental search may go on from its last match only when its text
 * grew in the same kind. */
static void test_narrows(void **state)
{
	(void)state;
	assert_true(table_rows_narrows("a", "ab"));
	assert_true(table_rows_narrows("ab", "ab"));
	assert_false(table_rows_narrows("ab", "a"));
	assert_false(table_rows_narrows("ab", "ba"));
	assert_false(table_rows_narrows("", "a"));
	assert_false(table_rows_narrows("file", "file:")); /* a name, then a file */
	assert_false(table_rows_narrows("mod", "mod:x"));
	assert_true(table_rows_narrows("file:s", "file:sr"));
	assert_true(table_rows_narrows("mod:a", "mod:ab"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sort_with_direction),
	    cmocka_unit_test(test_filter),
	    cmocka_unit_test(test_match_file_and_module),
	    cmocka_unit_test(test_selection_follows_its_row),
	    cmocka_unit_test(test_search_wraps),
	    cmocka_unit_test(test_rank_sort_is_the_comparator_sort),
	    cmocka_unit_test(test_orders_and_names_are_kept),
	    cmocka_unit_test(test_find_is_search),
	    cmocka_unit_test(test_no_items),
	    cmocka_unit_test(test_presorted_items_are_not_sorted),
	    cmocka_unit_test(test_narrows),
	};

	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}

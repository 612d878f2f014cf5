/* test_table.c - the table widget's rows: filter, sort with a direction,
 * the selection across a re-sort and a filter, search with wrap-around
 * (ui/table_rows.h, the widget's curses-free half). */
#include "tests/testutil.h"

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

static const struct table_items all = {NULL, 5, item_name, NULL, NULL, item_compare};
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sort_with_direction),
	    cmocka_unit_test(test_filter),
	    cmocka_unit_test(test_match_file_and_module),
	    cmocka_unit_test(test_selection_follows_its_row),
	    cmocka_unit_test(test_search_wraps),
	};

	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}

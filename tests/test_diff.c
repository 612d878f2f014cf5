/* test_diff.c - base vs new: shares, ratios, overlap, sort orders, sites,
 * edges. Every expected number is worked out by hand in a comment. */
#include "tests/testutil.h"

#include <math.h>

#include "analysis/diff.h"

#define assert_double_equal(a, b)                                                                  \
	do {                                                                                       \
		double a_ = (a), b_ = (b);                                                         \
		if (a_ != b_)                                                                      \
			fail_msg("%s is %.17g, expected %.17g", #a, a_, b_);                       \
	} while (0)

/* Row i of d in full (valid until the next call). */
static const struct diff_function *row_at(const struct diff *d, uint32_t i)
{
	static struct diff_function f[2];
	static unsigned next;

	next = !next;
	diff_function_get(d, i, &f[next]);
	return &f[next];
}

static const struct diff_function *find(const struct diff *d, const char *name)
{
	uint32_t i;

	for (i = 0; i < d->n_funcs; i++)
		if (strcmp(row_at(d, i)->name, name) == 0)
			return row_at(d, i);
	fail_msg("no function %s in the diff", name);
	return NULL;
}

/* Totals are powers of two so that every share is exact:
 * base 64 + 32 + 32 + 0 = 128, new 64 + 128 + 32 + 32 = 256. */
static const char base_json[] = "{'functions': {"
				"  'main': {'calls': 1, 'time_ns': 64, 'self_ns': 64},"
				"  'parse': {'calls': 2, 'time_ns': 32, 'self_ns': 32},"
				"  'old': {'calls': 3, 'time_ns': 32, 'self_ns': 32},"
				"  'idle': {'calls': 4, 'time_ns': 0, 'self_ns': 0}}}";
static const char new_json[] = "{'functions': {"
			       "  'main': {'calls': 5, 'time_ns': 64, 'self_ns': 64},"
			       "  'parse': {'calls': 6, 'time_ns': 128, 'self_ns': 128},"
			       "  'fresh': {'calls': 7, 'time_ns': 32, 'self_ns': 32},"
			       "  'idle': {'calls': 8, 'time_ns': 32, 'self_ns': 32}}}";

static void test_functions(void **state)
{
	struct profile *base = tu_load_q(base_json), *cur = tu_load_q(new_json);
	struct diff d;
	const struct diff_function *f;

	(void)state;
	diff_profiles(base, cur, &d);
	assert_int_equal(d.base_total, 128);
	assert_int_equal(d.new_total, 256);
	assert_int_equal(d.n_funcs, 5); /* main parse old idle + fresh */

	f = find(&d, "main");
	assert_int_equal(f->status, DIFF_CHANGED);
	assert_int_equal(f->base_calls, 1);
	assert_int_equal(f->new_calls, 5);
	assert_int_equal(f->base_self, 64);
	assert_int_equal(f->new_self, 64);
	assert_double_equal(f->base_share, 0.5);    /* 64/128 */
	assert_double_equal(f->new_share, 0.25);    /* 64/256 */
	assert_double_equal(f->delta_share, -0.25); /* 0.25 - 0.5 */
	assert_true(f->has_ratio);
	assert_double_equal(f->ratio, 1.0); /* 64/64 */

	f = find(&d, "parse");
	assert_double_equal(f->base_share, 0.25); /* 32/128 */
	assert_double_equal(f->new_share, 0.5);	  /* 128/256 */
	assert_double_equal(f->delta_share, 0.25);
	assert_double_equal(f->ratio, 4.0); /* 128/32 */

	f = find(&d, "old");
	assert_int_equal(f->status, DIFF_REMOVED);
	assert_int_equal(f->new_id, PF_NONE);
	assert_int_equal(f->base_calls, 3);
	assert_int_equal(f->new_calls, 0);
	assert_double_equal(f->delta_share, -0.25); /* 0 - 32/128 */
	assert_true(f->has_ratio);
	assert_double_equal(f->ratio, 0.0); /* 0/32 */

	f = find(&d, "fresh");
	assert_int_equal(f->status, DIFF_ADDED);
	assert_int_equal(f->base_id, PF_NONE);
	assert_double_equal(f->new_share, 0.125); /* 32/256 */
	assert_double_equal(f->delta_share, 0.125);
	assert_false(f->has_ratio); /* base self 0: none */
	assert_double_equal(f->ratio, 0.0);

	f = find(&d, "idle");
	assert_int_equal(f->status, DIFF_CHANGED);
	assert_double_equal(f->base_share, 0.0);
	assert_double_equal(f->delta_share, 0.125); /* 32/256 - 0 */
	assert_false(f->has_ratio);		    /* in both, but base self is 0 */

	/* min(.5, .25) + min(.25, .5) + min(.25, 0) + min(0, .125) + min(0, .125)
	 * = .25 + .25 = 0.5 */
	assert_double_equal(d.overlap, 0.5);
	assert_int_equal(d.n_added, 1);	  /* fresh */
	assert_int_equal(d.n_removed, 1); /* old */
	/* in |delta| order (see test_sort_orders), each name from the side
	 * that has it: old from base only, fresh from new only */
	assert_string_equal(d.rows[0].name, "main");
	assert_string_equal(d.rows[1].name, "old");
	assert_string_equal(d.rows[3].name, "fresh");
	assert_ptr_equal(d.rows[1].name, profile_str(base, base->funcs.v[d.rows[1].base_id].name));
	assert_ptr_equal(d.rows[3].name, profile_str(cur, cur->funcs.v[d.rows[3].new_id].name));
	diff_free(&d);
	profile_free(base);
	profile_free(cur);
}

static void assert_order(const struct diff *d, const char *const *names)
{
	uint32_t i;

	for (i = 0; i < d->n_funcs; i++)
		assert_string_equal(row_at(d, i)->name, names[i]);
}

static void test_sort_orders(void **state)
{
	struct profile *base = tu_load_q(base_json), *cur = tu_load_q(new_json);
	/* |delta|: main .25, old .25, parse .25 (ties by name), fresh .125, idle .125 */
	static const char *const by_delta[] = {"main", "old", "parse", "fresh", "idle"};
	/* ratio: parse 4, main 1, old 0, then fresh and idle without one, by name */
	static const char *const by_ratio[] = {"parse", "main", "old", "fresh", "idle"};
	static const char *const by_name[] = {"fresh", "idle", "main", "old", "parse"};
	struct diff d;

	(void)state;
	diff_profiles(base, cur, &d);
	assert_order(&d, by_delta); /* the default */
	diff_sort_functions(&d, DIFF_SORT_RATIO);
	assert_order(&d, by_ratio);
	/* ratio ranks: 0x7ff0000000000000 less the bits of the ratio (4.0 is
	 * 0x4010000000000000, 1.0 0x3ff0000000000000, 0.0 0), none last */
	assert_int_equal(diff_row_ratio_rank(&d, 0), 0x3fe0000000000000u); /* parse 4 */
	assert_int_equal(diff_row_ratio_rank(&d, 1), 0x4000000000000000u); /* main 1 */
	assert_int_equal(diff_row_ratio_rank(&d, 2), 0x7ff0000000000000u); /* old 0 */
	assert_int_equal(diff_row_ratio_rank(&d, 3), UINT64_MAX);	   /* fresh: none */
	assert_int_equal(diff_row_ratio_rank(&d, 4), UINT64_MAX);	   /* idle: none */
	diff_sort_functions(&d, DIFF_SORT_NAME);
	assert_order(&d, by_name);
	diff_sort_functions(&d, DIFF_SORT_DELTA);
	assert_order(&d, by_delta);
	diff_free(&d);
	profile_free(base);
	profile_free(cur);
}

static void test_overlap(void **state)
{
	/* shares 1/3 each: a float sum of shares may miss 1 by an ulp */
	static const char same[] =
	    "{'functions': {'a': {'calls': 1, 'time_ns': 1},"
	    " 'b': {'calls': 1, 'time_ns': 1}, 'c': {'calls': 1, 'time_ns': 1}}}";
	struct profile *x = tu_load_q(same), *y = tu_load_q(same);
	/* same distribution, ten times the time: a 10/40 = 100/400, b 30/40 = 300/400 */
	struct profile *s = tu_load_q("{'functions': {'a': {'calls': 1, 'time_ns': 10},"
				      " 'b': {'calls': 1, 'time_ns': 30}}}");
	struct profile *t = tu_load_q("{'functions': {'a': {'calls': 1, 'time_ns': 100},"
				      " 'b': {'calls': 1, 'time_ns': 300}}}");
	struct profile *zero = tu_load_q("{'functions': {'a': {'calls': 1, 'time_ns': 0}}}");
	struct diff d;

	(void)state;
	diff_profiles(x, y, &d);
	assert_double_equal(d.overlap, 1.0); /* 1/3 + 1/3 + 1/3 */
	assert_double_equal(row_at(&d, 0)->delta_share, 0.0);
	assert_double_equal(row_at(&d, 0)->ratio, 1.0);
	diff_free(&d);
	diff_profiles(x, x, &d);
	assert_double_equal(d.overlap, 1.0);
	diff_free(&d);
	diff_profiles(s, t, &d);
	assert_double_equal(d.overlap, 1.0); /* min(.25, .25) + min(.75, .75) */
	diff_free(&d);
	/* a 1/3 vs 1/4, b 1/3 vs 3/4, c 1/3 vs 0: 1/4 + 1/3 = 7/12 */
	diff_profiles(x, s, &d);
	assert_true(fabs(d.overlap - 7.0 / 12.0) < 1e-15);
	diff_free(&d);
	diff_profiles(zero, zero, &d);
	assert_double_equal(d.overlap, 1.0); /* both totals 0: nothing differs */
	assert_double_equal(row_at(&d, 0)->base_share, 0.0);
	diff_free(&d);
	diff_profiles(zero, s, &d);
	assert_double_equal(d.overlap, 0.0); /* one total 0 */
	diff_free(&d);
	profile_free(x);
	profile_free(y);
	profile_free(s);
	profile_free(t);
	profile_free(zero);
}

static const char base_sites[] =
    "{'functions': {'f': {'calls': 1, 'time_ns': 0}, 'g': {'calls': 1, 'time_ns': 0}},"
    " 'branches': {'sites': ["
    "  {'function': 'f', 'line': 10, 'column': 4, 'id': 'x', 'taken': 3, 'not_taken': 1},"
    "  {'function': 'f', 'line': 12, 'taken': 0, 'not_taken': 0},"
    "  {'function': 'f', 'line': 20, 'id': 'a', 'taken': 1, 'not_taken': 1},"
    "  {'function': 'f', 'line': 30, 'column': 0, 'taken': 1, 'not_taken': 0},"
    "  {'function': 'g', 'line': 5, 'taken': 1, 'not_taken': 3}]},"
    " 'loops': {'sites': ["
    "  {'function': 'f', 'name': 'outer', 'line': 3, 'entries': 4, 'iterations': 10},"
    "  {'function': 'f', 'line': 8, 'entries': 0, 'iterations': 0}]}}";

static const char new_sites[] =
    "{'functions': {'f': {'calls': 1, 'time_ns': 0}, 'h': {'calls': 1, 'time_ns': 0}},"
    " 'branches': {'sites': ["
    "  {'function': 'f', 'line': 10, 'column': 4, 'id': 'x', 'taken': 1, 'not_taken': 1},"
    "  {'function': 'f', 'line': 10, 'taken': 7, 'not_taken': 1},"
    "  {'function': 'f', 'line': 12, 'taken': 2, 'not_taken': 6},"
    "  {'function': 'f', 'line': 20, 'taken': 0, 'not_taken': 0},"
    "  {'function': 'f', 'line': 20, 'id': 'a', 'taken': 3, 'not_taken': 1},"
    "  {'function': 'f', 'line': 30, 'taken': 2, 'not_taken': 2},"
    "  {'function': 'h', 'line': 7, 'taken': 5, 'not_taken': 0}]},"
    " 'loops': {'sites': ["
    "  {'function': 'f', 'name': 'outer', 'line': 3, 'entries': 2, 'iterations': 10},"
    "  {'function': 'f', 'name': 'inner', 'line': 8, 'entries': 3, 'iterations': 3},"
    "  {'function': 'g', 'name': 'l', 'line': 1, 'entries': 1, 'iterations': 7}]}}";

/* Branch sites in key order: function, line, no column before a column,
 * column, no id before an id. A missing column is not column 0 and a
 * missing id is not a match for an id. bias = max(p, 1 - p) with
 * p = taken / (taken + not_taken), 0 when never executed or absent. */
static const struct {
	const char *func;
	uint32_t line;
	bool has_column;
	uint32_t column;
	const char *id;
	enum diff_status status;
	double base_bias, new_bias;
} want_branches[] = {
    {"f", 10, false, 0, NULL, DIFF_ADDED, 0, 0.875},   /* 7/8 */
    {"f", 10, true, 4, "x", DIFF_CHANGED, 0.75, 0.5},  /* 3/4, 1/2 */
    {"f", 12, false, 0, NULL, DIFF_CHANGED, 0, 0.75},  /* never run; 2/8 = .25 -> .75 */
    {"f", 20, false, 0, NULL, DIFF_ADDED, 0, 0},       /* never run */
    {"f", 20, false, 0, "a", DIFF_CHANGED, 0.5, 0.75}, /* 1/2; 3/4 */
    {"f", 30, false, 0, NULL, DIFF_ADDED, 0, 0.5},     /* 2/4 */
    {"f", 30, true, 0, NULL, DIFF_REMOVED, 1, 0},      /* 1/1 */
    {"g", 5, false, 0, NULL, DIFF_REMOVED, 0.75, 0},   /* 1/4 = .25 -> .75 */
    {"h", 7, false, 0, NULL, DIFF_ADDED, 0, 1},	       /* 5/5 */
};

/* Loop sites in key order: function, line, no name before a name; the
 * average trip count is iterations / entries, 0 when never entered. */
static const struct {
	const char *func;
	uint32_t line;
	const char *name;
	enum diff_status status;
	double base_trip, new_trip;
} want_loops[] = {
    {"f", 3, "outer", DIFF_CHANGED, 2.5, 5}, /* 10/4, 10/2 */
    {"f", 8, NULL, DIFF_REMOVED, 0, 0},	     /* never entered */
    {"f", 8, "inner", DIFF_ADDED, 0, 1},     /* 3/3 */
    {"g", 1, "l", DIFF_ADDED, 0, 7},	     /* 7/1 */
};

static void assert_opt_string(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

static void collect(void *arg, const char *text)
{
	sb_adds(arg, text);
	sb_addc(arg, '\n');
}

/* Profiles of two builds: how many of the functions in both with
 * checksums changed (f same, g changed; h has none on one side, k is in
 * base only); and of two kinds. Same build and kind: no warning. */
static void test_builds_and_modes(void **state)
{
	struct profile *a =
	    tu_load_q("{'meta': {'mode': 'instrumented', 'build_id': 'aa11'}, 'functions': {"
		      " 'f': {'calls': 1, 'time_ns': 0, 'checksum': '01'},"
		      " 'g': {'calls': 1, 'time_ns': 0, 'checksum': '02'},"
		      " 'h': {'calls': 1, 'time_ns': 0, 'checksum': '03'},"
		      " 'k': {'calls': 1, 'time_ns': 0, 'checksum': '05'}}}");
	struct profile *b =
	    tu_load_q("{'meta': {'mode': 'sampled', 'build_id': 'bb\\u0007'}, 'functions': {"
		      " 'f': {'calls': 1, 'time_ns': 0, 'checksum': '01'},"
		      " 'g': {'calls': 1, 'time_ns': 0, 'checksum': '09'},"
		      " 'h': {'calls': 1, 'time_ns': 0}}}");
	struct strbuf sb = STRBUF_INIT;
	struct diff d;
	uint32_t compared, changed;

	(void)state;
	diff_profiles(a, b, &d);
	diff_count_checksums(&d, &compared, &changed);
	assert_int_equal(compared, 2);
	assert_int_equal(changed, 1);
	diff_warnings(&d, collect, &sb);
	assert_string_equal(sb_str(&sb),
			    "base and new are profiles of different builds (build-id aa11 and "
			    "bb\\x07): 1 of the 2 functions compared by checksum changed\n"
			    "base and new are different kinds of profile (instrumented and "
			    "sampled): their numbers are not measured alike\n");
	diff_free(&d);
	sb_reset(&sb);
	diff_profiles(a, a, &d);
	diff_warnings(&d, collect, &sb);
	assert_string_equal(sb_str(&sb), "");
	diff_free(&d);
	sb_free(&sb);
	profile_free(a);
	profile_free(b);
}

static void test_sites(void **state)
{
	struct profile *base = tu_load_q(base_sites), *cur = tu_load_q(new_sites);
	struct diff d;
	uint32_t i;

	(void)state;
	diff_profiles(base, cur, &d);
	assert_int_equal(d.n_branches, sizeof(want_branches) / sizeof(want_branches[0]));
	for (i = 0; i < d.n_branches; i++) {
		const struct diff_branch *b = &d.branches[i];

		assert_string_equal(b->func, want_branches[i].func);
		assert_int_equal(b->line, want_branches[i].line);
		assert_int_equal(b->has_column, want_branches[i].has_column);
		assert_int_equal(b->column, want_branches[i].column);
		assert_opt_string(b->id, want_branches[i].id);
		assert_int_equal(b->status, want_branches[i].status);
		assert_double_equal(b->base_bias, want_branches[i].base_bias);
		assert_double_equal(b->new_bias, want_branches[i].new_bias);
		assert_true((b->base_index == PF_NONE) == (b->status == DIFF_ADDED));
		assert_true((b->new_index == PF_NONE) == (b->status == DIFF_REMOVED));
	}
	assert_int_equal(d.n_loops, sizeof(want_loops) / sizeof(want_loops[0]));
	for (i = 0; i < d.n_loops; i++) {
		const struct diff_loop *l = &d.loops[i];

		assert_string_equal(l->func, want_loops[i].func);
		assert_int_equal(l->line, want_loops[i].line);
		assert_opt_string(l->name, want_loops[i].name);
		assert_int_equal(l->status, want_loops[i].status);
		assert_double_equal(l->base_trip, want_loops[i].base_trip);
		assert_double_equal(l->new_trip, want_loops[i].new_trip);
	}
	diff_free(&d);
	profile_free(base);
	profile_free(cur);
}

/* Two diffs alike to the bit, row by row in the same order: numbers,
 * ids, statuses and the text of names (which may come from either
 * profile). */
static void assert_same_diff(const struct diff *x, const struct diff *y)
{
	uint32_t i;

	assert_ptr_equal(x->base, y->base);
	assert_ptr_equal(x->new_profile, y->new_profile);
	assert_int_equal(x->base_total, y->base_total);
	assert_int_equal(x->new_total, y->new_total);
	assert_double_equal(x->overlap, y->overlap);
	assert_int_equal(x->n_funcs, y->n_funcs);
	for (i = 0; i < x->n_funcs; i++) {
		const struct diff_function *f = row_at(x, i), *g = row_at(y, i);

		assert_string_equal(f->name, g->name);
		assert_int_equal(f->status, g->status);
		assert_int_equal(f->base_id, g->base_id);
		assert_int_equal(f->new_id, g->new_id);
		assert_int_equal(f->base_self, g->base_self);
		assert_int_equal(f->new_self, g->new_self);
		assert_int_equal(f->base_calls, g->base_calls);
		assert_int_equal(f->new_calls, g->new_calls);
		assert_double_equal(f->base_share, g->base_share);
		assert_double_equal(f->new_share, g->new_share);
		assert_double_equal(f->delta_share, g->delta_share);
		assert_int_equal(f->has_ratio, g->has_ratio);
		assert_double_equal(f->ratio, g->ratio);
	}
	assert_int_equal(x->n_branches, y->n_branches);
	for (i = 0; i < x->n_branches; i++) {
		const struct diff_branch *a = &x->branches[i], *b = &y->branches[i];

		assert_string_equal(a->func, b->func);
		assert_opt_string(a->id, b->id);
		assert_int_equal(a->line, b->line);
		assert_int_equal(a->column, b->column);
		assert_int_equal(a->has_column, b->has_column);
		assert_int_equal(a->status, b->status);
		assert_int_equal(a->base_index, b->base_index);
		assert_int_equal(a->new_index, b->new_index);
		assert_double_equal(a->base_bias, b->base_bias);
		assert_double_equal(a->new_bias, b->new_bias);
	}
	assert_int_equal(x->n_loops, y->n_loops);
	for (i = 0; i < x->n_loops; i++) {
		const struct diff_loop *a = &x->loops[i], *b = &y->loops[i];

		assert_string_equal(a->func, b->func);
		assert_opt_string(a->name, b->name);
		assert_int_equal(a->line, b->line);
		assert_int_equal(a->status, b->status);
		assert_int_equal(a->base_index, b->base_index);
		assert_int_equal(a->new_index, b->new_index);
		assert_double_equal(a->base_trip, b->base_trip);
		assert_double_equal(a->new_trip, b->new_trip);
	}
}

/* x in the Diff view: diff_swap makes the diff of the profiles exchanged
 * without matching them again. The numbers of base_json and new_json
 * exchanged: base totals 256, new 128. */
static void test_swap(void **state)
{
	struct profile *base = tu_load_q(base_json), *cur = tu_load_q(new_json);
	/* |delta| does not change, nor the names: the order stays */
	static const char *const by_delta[] = {"main", "old", "parse", "fresh", "idle"};
	struct diff d, again;
	struct diff_row *before;
	const struct diff_function *f;

	(void)state;
	diff_profiles(base, cur, &d);
	before = xmalloc(d.n_funcs * sizeof(*before));
	memcpy(before, d.rows, d.n_funcs * sizeof(*before));
	diff_swap(&d);
	assert_ptr_equal(d.base, cur);
	assert_ptr_equal(d.new_profile, base);
	assert_int_equal(d.base_total, 256);
	assert_int_equal(d.new_total, 128);
	assert_double_equal(d.overlap, 0.5); /* min is symmetric */
	assert_order(&d, by_delta);

	f = find(&d, "main");
	assert_int_equal(f->status, DIFF_CHANGED);
	assert_int_equal(f->base_calls, 5);
	assert_int_equal(f->new_calls, 1);
	assert_double_equal(f->base_share, 0.25);  /* 64/256 */
	assert_double_equal(f->new_share, 0.5);	   /* 64/128 */
	assert_double_equal(f->delta_share, 0.25); /* 0.5 - 0.25 */
	assert_double_equal(f->ratio, 1.0);	   /* 64/64 */

	f = find(&d, "parse");
	assert_double_equal(f->delta_share, -0.25); /* 32/128 - 128/256 */
	assert_double_equal(f->ratio, 0.25);	    /* 32/128 */

	f = find(&d, "old"); /* only in new now */
	assert_int_equal(f->status, DIFF_ADDED);
	assert_int_equal(f->base_id, PF_NONE);
	assert_int_equal(f->base_calls, 0);
	assert_int_equal(f->new_calls, 3);
	assert_double_equal(f->delta_share, 0.25); /* 32/128 - 0 */
	assert_false(f->has_ratio);		   /* base self 0 */
	assert_double_equal(f->ratio, 0.0);

	f = find(&d, "fresh"); /* only in base now */
	assert_int_equal(f->status, DIFF_REMOVED);
	assert_int_equal(f->new_id, PF_NONE);
	assert_double_equal(f->base_share, 0.125); /* 32/256 */
	assert_double_equal(f->delta_share, -0.125);
	assert_true(f->has_ratio);
	assert_double_equal(f->ratio, 0.0); /* 0/32 */

	f = find(&d, "idle");
	assert_double_equal(f->base_share, 0.125); /* 32/256 */
	assert_double_equal(f->new_share, 0.0);
	assert_true(f->has_ratio); /* base self 32 now */
	assert_double_equal(f->ratio, 0.0);

	/* and what comparing the other way round makes, row for row */
	diff_profiles(cur, base, &again);
	assert_same_diff(&d, &again);
	diff_free(&again);

	/* twice: the first diff back, to the byte */
	diff_swap(&d);
	assert_ptr_equal(d.base, base);
	assert_int_equal(d.base_total, 128);
	assert_memory_equal(d.rows, before, d.n_funcs * sizeof(*before));
	free(before);
	diff_free(&d);
	profile_free(base);
	profile_free(cur);
}

/* The sites swapped: base_sites and new_sites exchanged, each expected row
 * of want_branches and want_loops with its sides exchanged (added and
 * removed trade places). */
static enum diff_status exchanged(enum diff_status s)
{
	return s == DIFF_ADDED ? DIFF_REMOVED : s == DIFF_REMOVED ? DIFF_ADDED : s;
}

static void test_swap_sites(void **state)
{
	struct profile *base = tu_load_q(base_sites), *cur = tu_load_q(new_sites);
	struct diff d, again;
	uint32_t i;

	(void)state;
	diff_profiles(base, cur, &d);
	diff_swap(&d);
	assert_int_equal(d.n_branches, sizeof(want_branches) / sizeof(want_branches[0]));
	for (i = 0; i < d.n_branches; i++) {
		assert_string_equal(d.branches[i].func, want_branches[i].func);
		assert_int_equal(d.branches[i].line, want_branches[i].line);
		assert_int_equal(d.branches[i].status, exchanged(want_branches[i].status));
		assert_double_equal(d.branches[i].base_bias, want_branches[i].new_bias);
		assert_double_equal(d.branches[i].new_bias, want_branches[i].base_bias);
	}
	assert_int_equal(d.n_loops, sizeof(want_loops) / sizeof(want_loops[0]));
	for (i = 0; i < d.n_loops; i++) {
		assert_int_equal(d.loops[i].status, exchanged(want_loops[i].status));
		assert_double_equal(d.loops[i].base_trip, want_loops[i].new_trip);
		assert_double_equal(d.loops[i].new_trip, want_loops[i].base_trip);
	}
	diff_profiles(cur, base, &again);
	assert_same_diff(&d, &again);
	diff_free(&again);
	diff_free(&d);
	/* functions only: the same functions, no site */
	diff_profile_functions(base, cur, &d);
	diff_profiles(base, cur, &again);
	assert_int_equal(d.n_branches, 0);
	assert_int_equal(d.n_loops, 0);
	again.n_branches = again.n_loops = 0;
	assert_same_diff(&d, &again);
	diff_free(&again);
	diff_free(&d);
	profile_free(base);
	profile_free(cur);
}

/* Whether row i - 1 of d comes before row i in key's order, by its
 * definition in diff.h, from the rows in full. */
static bool rows_in_order(const struct diff *d, uint32_t i, enum diff_sort key)
{
	const struct diff_function *x = row_at(d, i - 1), *y = row_at(d, i);
	bool by_name = strcmp(x->name, y->name) < 0;

	if (key == DIFF_SORT_DELTA && fabs(x->delta_share) != fabs(y->delta_share))
		return fabs(x->delta_share) > fabs(y->delta_share);
	if (key == DIFF_SORT_RATIO && x->has_ratio != y->has_ratio)
		return x->has_ratio;
	if (key == DIFF_SORT_RATIO && x->has_ratio && x->ratio != y->ratio)
		return x->ratio > y->ratio;
	return by_name;
}

/* Every order (the radix sorts of |delta| from name order, the sort of
 * ratios, each row's place in name order) against its definition, here
 * over 600 functions whose deltas and ratios tie in many ways: self times
 * 0..7 on each side, a third of the names on one side only. */
static void test_orders_by_definition(void **state)
{
	static const enum diff_sort keys[] = {DIFF_SORT_DELTA, DIFF_SORT_RATIO, DIFF_SORT_NAME,
					      DIFF_SORT_DELTA, DIFF_SORT_NAME,	DIFF_SORT_RATIO};
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct profile *pa, *pb;
	struct diff d;
	struct diff_row *first;
	uint32_t i, k, x = 12345;

	(void)state;
	sb_adds(&a, "{\"functions\": {");
	sb_adds(&b, "{\"functions\": {");
	for (i = 0; i < 600; i++) {
		x = x * 1103515245u + 12345u; /* the C standard's example generator */
		if (i % 3 != 2)		      /* fn2, fn5... only in b */
			sb_addf(&a, "\"fn%u\": {\"calls\": 1, \"time_ns\": %u},", i, x >> 16 & 3);
		if (i % 3 != 1) /* fn1, fn4... only in a */
			sb_addf(&b, "\"fn%u\": {\"calls\": 1, \"time_ns\": %u},", i, x >> 20 & 7);
	}
	sb_adds(&a, "\"z\": {\"calls\": 1, \"time_ns\": 0}}}");
	sb_adds(&b, "\"z\": {\"calls\": 1, \"time_ns\": 0}}}");
	pa = tu_load(sb_str(&a));
	pb = tu_load(sb_str(&b));
	diff_profiles(pa, pb, &d);
	assert_int_equal(d.n_funcs, 601);
	first = xmalloc(d.n_funcs * sizeof(*first));
	memcpy(first, d.rows, d.n_funcs * sizeof(*first));
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		if (k) /* the first is diff_profiles' own */
			diff_sort_functions(&d, keys[k]);
		for (i = 1; i < d.n_funcs; i++) {
			if (!rows_in_order(&d, i, keys[k]))
				fail_msg("key %d: rows %u and %u out of order", keys[k], i - 1, i);
			assert_int_equal(diff_compare_rows(&d, i - 1, i, keys[k]), -1);
			assert_int_equal(diff_compare_rows(&d, i, i - 1, keys[k]), 1);
		}
		if (keys[k] == DIFF_SORT_DELTA) /* the same rows each time */
			assert_memory_equal(d.rows, first, d.n_funcs * sizeof(*first));
	}
	free(first);
	diff_free(&d);
	profile_free(pa);
	profile_free(pb);
	sb_free(&a);
	sb_free(&b);
}

static void test_function_edges(void **state)
{
	struct profile *base =
	    tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 0}},"
		      " 'calls': [{'caller': 'main', 'callee': 'f', 'count': 10},"
		      "  {'caller': 'g', 'callee': 'f', 'count': 5},"
		      "  {'caller': 'f', 'callee': 'h', 'count': 3},"
		      "  {'caller': 'f', 'callee': 'f', 'count': 1}]}");
	struct profile *cur =
	    tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 0}},"
		      " 'calls': [{'caller': 'main', 'callee': 'f', 'count': 20},"
		      "  {'caller': 'k', 'callee': 'f', 'count': 2},"
		      "  {'caller': 'f', 'callee': 'h', 'count': 3, 'time_ns': 40},"
		      "  {'caller': 'f', 'callee': 'z', 'count': 9},"
		      "  {'caller': 'f', 'callee': 'f', 'count': 1}]}");
	/* callers by name: f (recursion), g, k, main; callees: f, h, z */
	static const struct {
		enum diff_edge_side side;
		enum diff_status status;
		const char *other;
		uint64_t base, cur;
	} want[] = {
	    {DIFF_EDGE_CALLER, DIFF_CHANGED, "f", 1, 1},
	    {DIFF_EDGE_CALLER, DIFF_REMOVED, "g", 5, 0},
	    {DIFF_EDGE_CALLER, DIFF_ADDED, "k", 0, 2},
	    {DIFF_EDGE_CALLER, DIFF_CHANGED, "main", 10, 20},
	    {DIFF_EDGE_CALLEE, DIFF_CHANGED, "f", 1, 1},
	    {DIFF_EDGE_CALLEE, DIFF_CHANGED, "h", 3, 3},
	    {DIFF_EDGE_CALLEE, DIFF_ADDED, "z", 0, 9},
	};
	struct diff_edge *e;
	uint32_t n, i;

	(void)state;
	n = diff_function_edges(base, cur, "f", &e);
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < n; i++) {
		assert_int_equal(e[i].side, want[i].side);
		assert_int_equal(e[i].status, want[i].status);
		assert_string_equal(e[i].other, want[i].other);
		assert_int_equal(e[i].base_count, want[i].base);
		assert_int_equal(e[i].new_count, want[i].cur);
	}
	assert_int_equal(e[5].base_time, 0); /* not given */
	assert_int_equal(e[5].new_time, 40);
	free(e);

	/* g only calls in base: one callee edge, removed */
	n = diff_function_edges(base, cur, "g", &e);
	assert_int_equal(n, 1);
	assert_int_equal(e[0].side, DIFF_EDGE_CALLEE);
	assert_int_equal(e[0].status, DIFF_REMOVED);
	free(e);
	assert_int_equal(diff_function_edges(base, cur, "nowhere", &e), 0);
	assert_null(e);
	profile_free(base);
	profile_free(cur);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_functions),
	    cmocka_unit_test(test_sort_orders),
	    cmocka_unit_test(test_overlap),
	    cmocka_unit_test(test_sites),
	    cmocka_unit_test(test_function_edges),
	    cmocka_unit_test(test_builds_and_modes),
	    cmocka_unit_test(test_swap),
	    cmocka_unit_test(test_swap_sites),
	    cmocka_unit_test(test_orders_by_definition),
	};

	return cmocka_run_group_tests_name("diff", tests, NULL, NULL);
}

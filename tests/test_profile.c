/* test_profile.c - the model: strings, functions, canonical order, derived
 * self time, and the calling-context tree with its folding rule. */
#include "tests/testutil.h"

#include "src/model/context.h"

static void test_intern_returns_same_id(void **state)
{
	struct profile *p = profile_new();
	uint32_t a = profile_intern(p, "main", 4);
	uint32_t b = profile_intern(p, "mainx", 4); /* first 4 bytes only */
	uint32_t c = profile_intern(p, "other", 5);
	uint32_t i;

	(void)state;
	assert_int_equal(a, b);
	assert_int_not_equal(a, c);
	assert_string_equal(profile_str(p, a), "main");
	assert_string_equal(profile_str(p, PF_NONE), "");
	/* many strings: the hash table grows and every id still resolves */
	for (i = 0; i < 5000; i++) {
		char name[32];
		int n = snprintf(name, sizeof(name), "f%u", i);

		assert_int_equal(profile_intern(p, name, (size_t)n), i + 2);
	}
	assert_int_equal(profile_str_find(p, "f4321", 5), 4323);
	assert_int_equal(profile_str_find(p, "absent", 6), PF_NONE);
	profile_free(p);
}

/* Strings interned from a block get the ids profile_intern() gives, more
 * of them than are hashed ahead; the first repeat (of a string interned
 * before or earlier in the block) is told. */
static void test_intern_block(void **state)
{
	struct profile *p = profile_new();
	const char *names[] = {"a", "b", "x", "a"};
	char block[512];
	size_t len = 0;
	uint32_t i;

	(void)state;
	for (i = 0; i < 40; i++)
		len += (size_t)snprintf(block + len, sizeof(block) - len, "s%u", i) + 1;
	assert_int_equal(profile_intern_block(p, block, len, 40), 40); /* all new */
	for (i = 0; i < 40; i++) {
		char name[8];

		snprintf(name, sizeof(name), "s%u", i);
		assert_int_equal(profile_str_find(p, name, strlen(name)), i);
	}
	assert_int_equal(profile_intern(p, "x", 1), 40);
	/* "a" "b" "x" "a" then s0 .. s39 again: x is the first repeat */
	len = 0;
	for (i = 0; i < 4; i++)
		len += (size_t)snprintf(block + len, sizeof(block) - len, "%s", names[i]) + 1;
	for (i = 0; i < 40; i++)
		len += (size_t)snprintf(block + len, sizeof(block) - len, "s%u", i) + 1;
	assert_int_equal(profile_intern_block(p, block, len, 44), 2);
	assert_int_equal(p->str_off.n, 43); /* a and b new, the rest were there */
	assert_int_equal(profile_str_find(p, "a", 1), 41);
	assert_int_equal(profile_str_find(p, "b", 1), 42);
	assert_int_equal(profile_intern(p, "s39", 3), 39);
	/* a repeat within the block, after a new string */
	assert_int_equal(profile_intern_block(p, "c\0c\0", 4, 2), 1);
	assert_int_equal(profile_str_find(p, "c", 1), 43);
	assert_int_equal(profile_intern_block(p, block, 0, 0), 0); /* none */
	assert_int_equal(p->str_off.n, 44);
	profile_free(p);
}

static void test_finalize_sorts_and_remaps(void **state)
{
	struct profile *p = profile_new();
	uint32_t z = profile_add_function(p, profile_intern(p, "zeta", 4), NULL);
	uint32_t a = profile_add_function(p, profile_intern(p, "alpha", 5), NULL);
	struct pf_edge *e;
	struct pf_duplicate dup;

	(void)state;
	e = profile_add_edge(p);
	e->caller = z, e->callee = a, e->count = 7, e->time_ns = 30, e->flags = PF_HAS_TIME;
	p->funcs.v[z].time_ns = 100;
	p->funcs.v[a].time_ns = 30;
	assert_true(profile_finalize(p, &dup));
	/* alpha sorts first: ids change, the edge follows */
	assert_string_equal(profile_str(p, p->funcs.v[0].name), "alpha");
	assert_int_equal(profile_find_function(p, "zeta"), 1);
	assert_int_equal(p->edges.v[0].caller, 1);
	assert_int_equal(p->edges.v[0].callee, 0);
	/* zeta: 100 inclusive - 30 spent in alpha */
	assert_int_equal(p->funcs.v[1].self_ns, 70);
	assert_int_equal(p->funcs.v[0].self_ns, 30);
	assert_int_equal(profile_total_self(p), 100);
	profile_free(p);
}

/* Enough edges for finalize to count them into buckets by caller: one
 * caller with 40 callees (a bucket sorted by radix), callers with 3 (by
 * insertion), added in reverse order; a duplicate inside the big bucket
 * is the one reported, at its positions in the order of adding. */
static void test_finalize_sorts_edges_by_caller(void **state)
{
	struct profile *p = profile_new();
	struct pf_duplicate dup;
	uint32_t f[100], i, j, n = 0;
	char name[16];

	(void)state;
	for (i = 0; i < 100; i++) { /* "f00".."f99": ids in name order */
		snprintf(name, sizeof(name), "f%02u", i);
		f[i] = profile_add_function(p, profile_intern(p, name, 3), NULL);
	}
	for (i = 100; i-- > 0;) {
		for (j = i == 50 ? 40 : 3; j-- > 0;) {
			struct pf_edge *e = profile_add_edge(p);

			e->caller = f[i], e->callee = f[j], e->count = 1000 * i + j;
			n++;
		}
	}
	assert_int_equal(n, 99 * 3 + 40); /* at least RADIX_MIN (256) */
	assert_true(profile_finalize(p, &dup));
	for (i = 0; i < n; i++) { /* by caller, then callee */
		const struct pf_edge *e = &p->edges.v[i];

		assert_true(e->count == 1000 * e->caller + e->callee);
		if (i)
			assert_true(e[-1].caller < e->caller ||
				    (e[-1].caller == e->caller && e[-1].callee < e->callee));
	}
	/* f50 -> f07 again, after all: edges 147..186 were f50's (f50 -> f39
	 * at 147, so f50 -> f07 at 147 + 32 = 179) */
	profile_clear(p);
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "f%02u", i);
		profile_add_function(p, profile_intern(p, name, 3), NULL);
	}
	for (i = 100; i-- > 0;)
		for (j = i == 50 ? 40 : 3; j-- > 0;) {
			struct pf_edge *e = profile_add_edge(p);

			e->caller = i, e->callee = j;
		}
	profile_add_edge(p)->caller = 50, p->edges.v[n].callee = 7;
	assert_false(profile_finalize(p, &dup));
	assert_int_equal(dup.kind, PF_OWN_EDGE);
	assert_int_equal(dup.first, 179);
	assert_int_equal(dup.index, n);
	profile_free(p);
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Many functions (enough for the radix sort of names, also within runs of
 * one 8-byte prefix and of one 64-byte prefix) come out in strcmp order,
 * bytes unsigned, a name before its extensions; edges and branch sites
 * follow their functions, a branch tie on line broken by column. */
static void test_finalize_sorts_many_names(void **state)
{
	enum { N = 3000 };
	struct profile *p = profile_new();
	char *names[N], buf[200], pad[80];
	uint32_t i;

	(void)state;
	memset(pad, 'x', 70);
	pad[70] = '\0';
	for (i = 0; i < N; i++) {
		switch (i % 5) {
		case 0: /* one 8-byte prefix, then digits of different lengths */
			snprintf(buf, sizeof(buf), "hash::un%u", (i * 7919u) % 1000);
			break;
		case 1: /* a 70-byte prefix */
			snprintf(buf, sizeof(buf), "%s%u", pad, (i * 31u) % 4000);
			break;
		case 2: /* bytes above 0x7f sort after ASCII */
			snprintf(buf, sizeof(buf), "\xc3\xa9t%u", i);
			break;
		case 3: /* short names and their extensions */
			snprintf(buf, sizeof(buf), "%.*s", (int)(1 + i % 9), "abcdefghijk");
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%u", i / 45);
			break;
		default:
			snprintf(buf, sizeof(buf), "f%u", (i * 2654435761u) % 100000);
		}
		profile_add_function(p, profile_intern(p, buf, strlen(buf)), NULL);
	}
	for (i = 0; i < 2 * p->funcs.n; i++) {
		struct pf_branch *b = profile_add_branch(p);

		b->func = p->funcs.n - 1 - i / 2;
		b->line = 7;
		b->column = 100 - i % 2;
		b->flags = PF_HAS_COLUMN;
		if (i < p->funcs.n)
			profile_add_edge(p)->caller = i;
	}
	for (i = 0; i < p->funcs.n; i++)
		names[i] = xstrdup(profile_str(p, p->funcs.v[i].name));
	qsort(names, p->funcs.n, sizeof(*names), cmp_strp);
	assert_true(profile_finalize(p, NULL));
	for (i = 0; i < p->funcs.n; i++) {
		assert_string_equal(profile_str(p, p->funcs.v[i].name), names[i]);
		assert_int_equal(p->edges.v[i].caller, i);
		assert_int_equal(p->branches.v[2 * i].func, i);
		assert_int_equal(p->branches.v[2 * i].column, 99);
		assert_int_equal(p->branches.v[2 * i + 1].column, 100);
		free(names[i]);
	}
	profile_free(p);
}

/* 400 functions added in reverse name order ("f000".."f399", so id i is
 * "f(399-i)"), 120,000 distinct edges in a scrambled order (edge e joins
 * the pair q = e * 7919 mod 160000: q / 400 calls q % 400, counted e),
 * with extra the edge 5 again and branch site 0 again. */
static struct profile *split_profile(bool dup_edge, bool dup_branch)
{
	struct profile *p = profile_new();
	char name[16];
	uint32_t i, e;

	for (i = 400; i-- > 0;) {
		snprintf(name, sizeof(name), "f%03u", i);
		profile_add_function(p, profile_intern(p, name, strlen(name)), NULL);
	}
	for (e = 0; e < 120000u + dup_edge; e++) {
		uint32_t q = (uint32_t)((e < 120000 ? e : 5) * 7919ull % 160000);
		struct pf_edge *x = profile_add_edge(p);

		x->caller = q / 400;
		x->callee = q % 400;
		x->count = e;
	}
	for (i = 0; i < 400u + dup_branch; i++) {
		struct pf_branch *b = profile_add_branch(p);

		b->func = i % 400;
		b->line = 10;
	}
	return p;
}

/* Finalized on two threads, a big profile is the one finalized on one:
 * edges in (caller, callee) name order, each with its count; the first
 * duplicate reported is the same (edges before branch sites). */
static void test_finalize_split(void **state)
{
	static const bool cases[][2] = {{false, false}, {true, true}, {false, true}};
	struct pf_duplicate d1 = {0}, d2 = {0};
	uint32_t c, i;

	(void)state;
	for (c = 0; c < 3; c++) {
		struct profile *p = split_profile(cases[c][0], cases[c][1]);
		struct profile *q = split_profile(cases[c][0], cases[c][1]);
		bool ok = profile_finalize(p, &d1);

		assert_int_equal(profile_finalize_split(q, &d2), ok);
		assert_int_equal(ok, !cases[c][0] && !cases[c][1]);
		assert_int_equal(p->edges.n, q->edges.n);
		for (i = 0; i < p->edges.n; i++) {
			const struct pf_edge *x = &p->edges.v[i], *y = &q->edges.v[i];

			assert_int_equal(x->caller, y->caller);
			assert_int_equal(x->callee, y->callee);
			assert_int_equal(x->count, y->count);
		}
		for (i = 0; i < p->branches.n; i++)
			assert_int_equal(p->branches.v[i].func, q->branches.v[i].func);
		if (c == 0)
			for (i = 0; i < q->edges.n; i++) {
				const struct pf_edge *y = &q->edges.v[i];

				assert_int_equal(y->count * 7919 % 160000,
						 (399 - y->caller) * 400 + (399 - y->callee));
				if (i > 0)
					assert_true(y[-1].caller < y->caller ||
						    (y[-1].caller == y->caller &&
						     y[-1].callee < y->callee));
			}
		if (c == 1) { /* the later copy of edge 5 */
			assert_int_equal(d2.kind, PF_OWN_EDGE);
			assert_int_equal(d2.index, 120000);
			assert_int_equal(d2.first, 5);
		}
		if (c == 2) {
			assert_int_equal(d2.kind, PF_OWN_BRANCH);
			assert_int_equal(d2.index, 400);
			assert_int_equal(d2.first, 0);
		}
		if (!ok) {
			assert_int_equal(d1.kind, d2.kind);
			assert_int_equal(d1.index, d2.index);
			assert_int_equal(d1.first, d2.first);
		}
		profile_free(p);
		profile_free(q);
	}
}

static void test_saturating_add(void **state)
{
	struct profile *p = profile_new();

	(void)state;
	assert_int_equal(profile_sat_add(p, 1, 2), 3);
	assert_int_equal(p->saturated, 0);
	assert_true(profile_sat_add(p, UINT64_MAX - 1, 2) == UINT64_MAX);
	assert_int_equal(p->saturated, 1);
	profile_free(p);
}

static uint32_t add_func(struct profile *p, const char *name)
{
	return profile_add_function(p, profile_intern(p, name, strlen(name)), NULL);
}

/* The rule of context.h, case by case. */
static void test_context_rule(void **state)
{
	struct profile *p = profile_new();
	uint32_t m = add_func(p, "main"), a = add_func(p, "a"), b = add_func(p, "b");
	uint32_t c = add_func(p, "c");
	struct context_builder cb;

	(void)state;
	context_builder_init(&cb, p);
	assert_int_equal(context_enter(&cb, PF_NONE, m), 0); /* case 3: a new root */
	assert_int_equal(context_enter(&cb, 0, a), 1);	     /* main > a */
	assert_int_equal(context_enter(&cb, 1, b), 2);	     /* main > a > b */
	assert_int_equal(context_enter(&cb, 1, b), 2);	     /* case 1: found */
	assert_int_equal(context_enter(&cb, 2, a), 1);	     /* case 2: a > b > a folds onto a */
	assert_int_equal(context_enter(&cb, 1, a), 1);	     /* case 2: a > a */
	assert_int_equal(context_enter(&cb, 2, m), 0);	     /* case 2: back to the root */
	assert_int_equal(context_enter(&cb, 1, c), 3);	     /* main > a > c */
	assert_int_equal(context_enter(&cb, PF_NONE, c), 4); /* c as a root of its own */
	assert_int_equal(context_enter(&cb, PF_NONE, m), 0);
	assert_int_equal(p->contexts.n, 5);
	assert_int_equal(p->contexts.v[3].parent, 1);
	assert_int_equal(p->contexts.v[3].func, c);
	assert_int_equal(p->contexts.v[4].parent, PF_NONE);
	assert_int_equal(cb.full, 0);
	context_builder_free(&cb);
	/* a new builder indexes what is there */
	context_builder_init(&cb, p);
	assert_int_equal(context_enter(&cb, 1, c), 3);
	assert_int_equal(p->contexts.n, 5);
	context_builder_free(&cb);
	profile_free(p);
}

/* Case 4: past PF_CONTEXT_MAX_DEPTH, or PF_CONTEXT_MAX_NODES, a call stays
 * in its caller's context; a root that does not fit is not recorded. */
static void test_context_caps(void **state)
{
	struct profile *p = profile_new();
	struct context_builder cb;
	uint32_t i, cur = PF_NONE, f[PF_CONTEXT_MAX_DEPTH + 1];
	char name[32];

	(void)state;
	for (i = 0; i <= PF_CONTEXT_MAX_DEPTH; i++) {
		snprintf(name, sizeof(name), "f%u", i);
		f[i] = add_func(p, name);
	}
	context_builder_init(&cb, p);
	for (i = 0; i < PF_CONTEXT_MAX_DEPTH; i++) {
		uint32_t next = context_enter(&cb, cur, f[i]);

		assert_int_equal(next, i); /* a new context, one deeper */
		cur = next;
	}
	/* cur is 256 deep: f256 stays in it */
	assert_int_equal(context_enter(&cb, cur, f[PF_CONTEXT_MAX_DEPTH]), cur);
	assert_int_equal(cb.full, 1);
	assert_int_equal(p->contexts.n, PF_CONTEXT_MAX_DEPTH);
	/* fill the tree: children of the root up to 65536 contexts */
	for (i = p->contexts.n; i < PF_CONTEXT_MAX_NODES; i++) {
		snprintf(name, sizeof(name), "g%u", i);
		assert_int_equal(context_enter(&cb, 0, add_func(p, name)), i);
	}
	assert_int_equal(context_enter(&cb, 0, add_func(p, "one-more")), 0);
	assert_int_equal(context_enter(&cb, PF_NONE, add_func(p, "root-more")), PF_NONE);
	assert_int_equal(cb.full, 3);
	/* existing paths and folds still work when full */
	assert_int_equal(context_enter(&cb, 5, f[1]), 1);
	assert_int_equal(context_enter(&cb, 0, f[1]), 1);
	assert_int_equal(p->contexts.n, PF_CONTEXT_MAX_NODES);
	context_builder_free(&cb);
	profile_free(p);
}

/* Canonical order: depth first, siblings by name, ids remapped; inclusive
 * time derived; two siblings of one function refused. */
static void test_finalize_contexts(void **state)
{
	struct profile *p = profile_new();
	uint32_t z = add_func(p, "zeta"), m = add_func(p, "main"), a = add_func(p, "alpha");
	struct pf_context *x;
	struct pf_duplicate dup;

	(void)state;
	/* made in the order main, main>zeta, main>zeta>alpha, main>alpha */
	profile_add_context(p, PF_NONE, m)->self_ns = 1;
	profile_add_context(p, 0, z)->self_ns = 10;
	x = profile_add_context(p, 1, a);
	x->self_ns = 100;
	x->calls = 7;
	x->flags = PF_HAS_CALLS;
	profile_add_context(p, 0, a)->self_ns = 1000;
	profile_add_extra(p, PF_OWN_CONTEXT, 2, profile_intern(p, "k", 1),
			  profile_intern(p, "1", 1));
	assert_true(profile_finalize(p, &dup));
	/* functions: alpha 0, main 1, zeta 2; contexts: main, main>alpha,
	 * main>zeta, main>zeta>alpha */
	assert_int_equal(p->contexts.n, 4);
	assert_int_equal(p->contexts.v[0].func, 1);
	assert_int_equal(p->contexts.v[1].func, 0);
	assert_int_equal(p->contexts.v[1].parent, 0);
	assert_int_equal(p->contexts.v[1].self_ns, 1000);
	assert_int_equal(p->contexts.v[2].func, 2);
	assert_int_equal(p->contexts.v[2].parent, 0);
	assert_int_equal(p->contexts.v[3].func, 0);
	assert_int_equal(p->contexts.v[3].parent, 2);
	assert_int_equal(p->contexts.v[3].calls, 7);
	assert_true(p->contexts.v[3].flags & PF_HAS_CALLS);
	assert_false(p->contexts.v[0].flags & PF_HAS_CALLS);
	/* inclusive: 1 + 1000 + (10 + 100) */
	assert_int_equal(p->contexts.v[0].time_ns, 1111);
	assert_int_equal(p->contexts.v[1].time_ns, 1000);
	assert_int_equal(p->contexts.v[2].time_ns, 110);
	assert_int_equal(p->contexts.v[3].time_ns, 100);
	/* the extra follows its context, now at 3 */
	assert_int_equal(p->extras.v[0].owner, 3);
	/* finalizing again changes nothing */
	assert_true(profile_finalize(p, &dup));
	assert_int_equal(p->contexts.v[3].parent, 2);
	assert_int_equal(p->contexts.v[0].time_ns, 1111);
	/* a second main>zeta (added at position 4) is a duplicate of 2 */
	profile_add_context(p, 0, 2);
	assert_false(profile_finalize(p, &dup));
	assert_int_equal(dup.kind, PF_OWN_CONTEXT);
	assert_int_equal(dup.index, 4);
	assert_int_equal(dup.first, 2);
	profile_free(p);
}

/* The compiler's name of a function of the profile: copies of static
 * functions lose their unit and address suffix, nothing else changes. */
static void test_symbol_name(void **state)
{
	static const struct {
		const char *name, *symbol;
		size_t unit_len;
	} cases[] = {
	    {"a.c:mix", "mix", 3},	{"a.c:mix@+0x11ec", "mix", 3}, {"ns::f", "ns::f", 0},
	    {"a.cc:ns::f", "ns::f", 4}, {"f(a:b)", "f(a:b)", 0},       {":x", ":x", 0},
	    {"a.c:", "a.c:", 0},	{"a.c:m@+0xzz", "m@+0xzz", 3}, {"a.c:m@+0x", "m@+0x", 3},
	    {"main", "main", 0},
	};
	size_t i, len, unit_len;
	const char *s;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = profile_symbol_name(cases[i].name, &len, &unit_len);
		assert_int_equal(len, strlen(cases[i].symbol));
		assert_memory_equal(s, cases[i].symbol, len);
		assert_int_equal(unit_len, cases[i].unit_len);
	}
}

/* A cleared profile is an empty one that keeps its room; a copied string
 * table has the same ids and names no function. */
static void test_clear_and_copy_strings(void **state)
{
	struct profile *p =
	    tu_load_q("{'program': 'x', 'functions': {'f': {'calls': 1,"
		      " 'time_ns': 2, 'file': 'f.c'}, 'g': {'calls': 0, 'time_ns': 0}},"
		      " 'calls': [{'caller': 'f', 'callee': 'g', 'count': 1}]}");
	struct profile *q = profile_new();
	uint32_t fc = profile_str_find(p, "f.c", 3);
	void *edges = p->edges.v;

	(void)state;
	profile_copy_strings(q, p);
	assert_int_equal(q->str_off.n, p->str_off.n);
	assert_int_equal(profile_str_find(q, "f.c", 3), fc);
	assert_string_equal(profile_str(q, fc), "f.c");
	assert_int_equal(profile_find_function(q, "f"), PF_NONE); /* a string, no function */
	profile_clear(p);
	assert_int_equal(p->funcs.n, 0);
	assert_int_equal(p->edges.n, 0);
	assert_int_equal(p->str_off.n, 0);
	assert_int_equal(p->program, PF_NONE);
	assert_int_equal(p->meta.runs, 1);
	assert_int_equal(profile_str_find(p, "f.c", 3), PF_NONE);
	assert_ptr_equal(p->edges.v, edges); /* the room is kept */
	assert_int_equal(profile_intern(p, "h", 1), 0);
	assert_int_equal(profile_add_function(p, 0, NULL), 0);
	assert_int_equal(profile_find_function(p, "h"), 0);
	profile_free(p);
	profile_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_symbol_name),
	    cmocka_unit_test(test_intern_returns_same_id),
	    cmocka_unit_test(test_intern_block),
	    cmocka_unit_test(test_finalize_sorts_and_remaps),
	    cmocka_unit_test(test_finalize_sorts_edges_by_caller),
	    cmocka_unit_test(test_finalize_sorts_many_names),
	    cmocka_unit_test(test_finalize_split),
	    cmocka_unit_test(test_saturating_add),
	    cmocka_unit_test(test_context_rule),
	    cmocka_unit_test(test_context_caps),
	    cmocka_unit_test(test_finalize_contexts),
	    cmocka_unit_test(test_clear_and_copy_strings),
	};

	return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}

/* test_profile.c - the model: strings, functions, canonical order, derived self time. */
#include "tests/testutil.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_intern_returns_same_id),
	    cmocka_unit_test(test_finalize_sorts_and_remaps),
	    cmocka_unit_test(test_saturating_add),
	};

	return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}

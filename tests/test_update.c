/* test_update.c - carrying a profile over to a new build: each state of a
 * function worked out by hand, and what the updated profile keeps. */
#include "tests/testutil.h"

#include "analysis/update.h"

/* The old profile: f and g unchanged, h changed, gone removed, nosum
 * without a checksum, a.c:mix and b.c:mix copies of one static function
 * (b's changed), twice matching two functions of the new build, and
 * lib+0x40 code without a symbol. Edges: f -> h, f -> g. */
static const char old_json[] =
    "{'meta': {'build_id': 'old1'}, 'functions': {"
    " 'f': {'calls': 1, 'time_ns': 100, 'self_ns': 40, 'checksum': '0a'},"
    " 'g': {'calls': 2, 'time_ns': 10, 'self_ns': 10, 'checksum': '0b', 'lines': {'3': 2}},"
    " 'h': {'calls': 3, 'time_ns': 50, 'self_ns': 50, 'checksum': '0c'},"
    " 'gone': {'calls': 4, 'time_ns': 0, 'checksum': '0d'},"
    " 'nosum': {'calls': 5, 'time_ns': 0},"
    " 'a.c:mix': {'calls': 6, 'time_ns': 0, 'checksum': '1a'},"
    " 'b.c:mix@+0x30': {'calls': 7, 'time_ns': 0, 'checksum': '1b'},"
    " 'twice': {'calls': 8, 'time_ns': 0, 'checksum': '2a'},"
    " 'lib+0x40': {'calls': 9, 'time_ns': 0, 'checksum': '3a'}},"
    " 'calls': [{'caller': 'f', 'callee': 'h', 'count': 3},"
    " {'caller': 'f', 'callee': 'g', 'count': 2}]}";

static const struct update_code code[] = {
    {"twice", "x.c", "2a"}, {"h", "m.c", "ff"},	    {"g", "m.c", "0b"},
    {"f", "m.c", "0a"},	    {"mix", "a.c", "1a"},   {"mix", "b.c", "99"},
    {"nosum", "m.c", "44"}, {"twice", "y.c", "2a"}, {"new", "m.c", "55"},
};

static enum update_state state_of(const struct profile *p, const struct update_result *r,
				  const char *name)
{
	return (enum update_state)r->state[profile_find_function(p, name)];
}

static void test_states(void **state)
{
	struct profile *p = tu_load_q(old_json);
	struct update_result r;

	(void)state;
	update_profile(p, code, sizeof(code) / sizeof(code[0]), false, &r);
	assert_int_equal(state_of(p, &r, "f"), UPDATE_VALID);
	assert_int_equal(state_of(p, &r, "g"), UPDATE_VALID);
	assert_int_equal(state_of(p, &r, "a.c:mix"), UPDATE_VALID); /* only a.c's copy */
	assert_int_equal(state_of(p, &r, "h"), UPDATE_CHANGED);
	assert_int_equal(state_of(p, &r, "b.c:mix@+0x30"), UPDATE_CHANGED);
	assert_int_equal(state_of(p, &r, "gone"), UPDATE_GONE);
	assert_int_equal(state_of(p, &r, "nosum"), UPDATE_UNVERIFIED);
	assert_int_equal(state_of(p, &r, "twice"), UPDATE_UNVERIFIED);
	assert_int_equal(state_of(p, &r, "lib+0x40"), UPDATE_UNVERIFIED);
	assert_int_equal(r.n[UPDATE_VALID], 3);
	assert_int_equal(r.n[UPDATE_CHANGED], 2);
	assert_int_equal(r.n[UPDATE_GONE], 1);
	assert_int_equal(r.n[UPDATE_UNVERIFIED], 3);
	assert_int_equal(r.self_ns[UPDATE_VALID], 50); /* f 40 + g 10 */
	assert_int_equal(r.self_ns[UPDATE_CHANGED], 50);
	/* the valid ones, as they were; the edge to h went with h */
	assert_int_equal(r.profile->funcs.n, 3);
	assert_int_equal(tu_func(r.profile, "g")->calls, 2);
	assert_string_equal(profile_str(r.profile, tu_func(r.profile, "g")->checksum), "0b");
	assert_int_equal(r.profile->lines.n, 1);
	assert_int_equal(r.profile->edges.n, 1);
	assert_int_equal(tu_edge(r.profile, "f", "g")->count, 2);
	assert_int_equal(profile_find_function(r.profile, "h"), PF_NONE);
	update_result_free(&r);

	/* keep_changed: changed and unverified stay, with their old
	 * checksums; the gone one never */
	update_profile(p, code, sizeof(code) / sizeof(code[0]), true, &r);
	assert_int_equal(r.profile->funcs.n, 8);
	assert_int_equal(profile_find_function(r.profile, "gone"), PF_NONE);
	assert_string_equal(profile_str(r.profile, tu_func(r.profile, "h")->checksum), "0c");
	assert_int_equal(tu_edge(r.profile, "f", "h")->count, 3);
	update_result_free(&r);
	profile_free(p);
}

/* A new build of which nothing is known: every function is gone. */
static void test_empty_build(void **state)
{
	struct profile *p = tu_load_q(old_json);
	struct update_result r;

	(void)state;
	update_profile(p, NULL, 0, true, &r);
	assert_int_equal(r.n[UPDATE_GONE], 8);
	assert_int_equal(r.n[UPDATE_UNVERIFIED], 1); /* lib+0x40 */
	assert_int_equal(r.profile->funcs.n, 1);
	assert_string_equal(update_state_name(UPDATE_GONE), "gone");
	update_result_free(&r);
	profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_states),
	    cmocka_unit_test(test_empty_build),
	};

	return cmocka_run_group_tests_name("update", tests, NULL, NULL);
}

/* test_curate.c - a profile restricted to chosen functions: what is kept,
 * what goes, self times unchanged, and the result written and read back.
 * Every expected number is worked out by hand in the comment next to it. */
#include "tests/testutil.h"

#include "analysis/curate.h"
#include "src/base/alloc.h"

/* examples/full.vitprof: 7 functions (ids by name: add 0, compute 1,
 * engine::step 2, io::flush 3, main 4, main::loop 5, parse 6), 6 edges,
 * 3 branch sites, 3 loop sites, 8 line counts (main 3, engine::step 3,
 * compute 2). */
static struct profile *load_full(void)
{
	struct profile *p = NULL;
	struct error err = {0};

	if (loader_load("examples/full.vitprof", NULL, NULL, &p, &err) != STATUS_OK)
		fail_msg("cannot load examples/full.vitprof: %s", err.text);
	return p;
}

/* keep[] with every function but the named ones. */
static uint8_t *keep_all_but(const struct profile *p, const char *a, const char *b)
{
	uint8_t *keep = xmalloc(p->funcs.n);

	memset(keep, 1, p->funcs.n);
	if (a)
		keep[profile_find_function(p, a)] = 0;
	if (b)
		keep[profile_find_function(p, b)] = 0;
	return keep;
}

static bool has_edge(const struct profile *p, const char *caller, const char *callee)
{
	uint32_t from = profile_find_function(p, caller), to = profile_find_function(p, callee);
	uint32_t i;

	for (i = 0; i < p->edges.n; i++)
		if (p->edges.v[i].caller == from && p->edges.v[i].callee == to)
			return true;
	return false;
}

static void test_drop_add_and_parse(void **state)
{
	struct profile *p = load_full();
	uint8_t *keep = keep_all_but(p, "add", "parse");
	struct profile *c = curate_profile(p, keep);
	uint32_t i;

	(void)state;
	/* 7 - 2 functions */
	assert_int_equal(c->funcs.n, 5);
	assert_int_equal(profile_find_function(c, "add"), PF_NONE);
	assert_int_equal(profile_find_function(c, "parse"), PF_NONE);
	/* 6 edges less main->parse and compute->add */
	assert_int_equal(c->edges.n, 4);
	assert_false(has_edge(c, "main", "parse"));
	assert_true(has_edge(c, "main", "main::loop"));
	assert_true(has_edge(c, "main::loop", "engine::step"));
	assert_true(has_edge(c, "main::loop", "compute"));
	assert_true(has_edge(c, "engine::step", "compute"));
	/* 3 branch sites less parse:88; the 3 loop sites are in kept functions */
	assert_int_equal(c->branches.n, 2);
	for (i = 0; i < c->branches.n; i++)
		assert_string_not_equal(profile_str(c, c->funcs.v[c->branches.v[i].func].name),
					"parse");
	assert_int_equal(c->loops.n, 3);
	/* every line count belongs to main, engine::step or compute: 3 + 3 + 2 */
	assert_int_equal(c->lines.n, 8);
	assert_int_equal(tu_func(c, "compute")->lines_n, 2);
	assert_int_equal(c->lines.v[tu_func(c, "compute")->lines_at + 1].count, 152645);
	/* program and meta copied */
	assert_string_equal(profile_str(c, c->program), "vitte-demo");
	assert_string_equal(profile_str(c, c->meta.build_id), "4f2a9d0c7be81e55a3c1");
	assert_int_equal(c->meta.mode, PF_MODE_INSTRUMENTED);
	assert_string_equal(profile_str(c, tu_func(c, "compute")->checksum), "51aa0e02");
	free(keep);
	profile_free(c);
	profile_free(p);
}

/* Derived self times stay what they were: compute's is 12003221 - 93210
 * (its edge to add) = 11910011, and would become 12003221 if derived again
 * without the edge to add; main's is 20000000 - 400000 - 19500000 = 100000,
 * and would become 500000 without the edge to parse. */
static void test_self_time_kept(void **state)
{
	struct profile *p = load_full();
	uint8_t *keep = keep_all_but(p, "add", "parse");
	struct profile *c = curate_profile(p, keep);

	(void)state;
	assert_int_equal(tu_func(c, "compute")->self_ns, 11910011);
	assert_true(tu_func(c, "compute")->flags & PF_HAS_SELF);
	assert_int_equal(tu_func(c, "main")->self_ns, 100000);
	assert_int_equal(tu_func(c, "compute")->time_ns, 12003221);
	/* 20000000 - parse's 400000 - add's 93210 */
	assert_int_equal(profile_total_self(c), 19506790);
	free(keep);
	profile_free(c);
	profile_free(p);
}

/* Written and read again: the same counts and self times, and a rewrite
 * gives the same bytes. */
static void test_write_and_load_again(void **state)
{
	struct profile *p = load_full();
	uint8_t *keep = keep_all_but(p, "add", "parse");
	struct profile *c = curate_profile(p, keep);
	char *text = tu_write(c), *again;
	struct profile *r = tu_load(text);

	(void)state;
	assert_int_equal(tu_warnings.len, 0);
	assert_int_equal(r->funcs.n, 5);
	assert_int_equal(r->edges.n, 4);
	assert_int_equal(r->branches.n, 2);
	assert_int_equal(r->loops.n, 3);
	assert_int_equal(r->lines.n, 8);
	assert_int_equal(tu_func(r, "compute")->self_ns, 11910011);
	assert_int_equal(tu_func(r, "main")->self_ns, 100000);
	assert_int_equal(profile_total_self(r), 19506790);
	again = tu_write(r);
	assert_string_equal(text, again);
	free(again);
	free(text);
	profile_free(r);
	free(keep);
	profile_free(c);
	profile_free(p);
}

/* Keeping a callee without its caller keeps no edge; keeping nothing
 * gives an empty profile that still says what program it is of. */
static void test_keep_one_and_none(void **state)
{
	struct profile *p = load_full();
	uint8_t *keep = xcalloc(p->funcs.n, 1);
	struct profile *c;

	(void)state;
	keep[profile_find_function(p, "compute")] = 1;
	c = curate_profile(p, keep);
	assert_int_equal(c->funcs.n, 1);
	assert_int_equal(c->edges.n, 0);
	assert_int_equal(c->branches.n, 1); /* compute:17 */
	assert_int_equal(c->loops.n, 1);    /* compute's inner */
	assert_int_equal(c->lines.n, 2);
	assert_int_equal(profile_total_self(c), 11910011);
	profile_free(c);
	memset(keep, 0, p->funcs.n);
	c = curate_profile(p, keep);
	assert_int_equal(c->funcs.n, 0);
	assert_int_equal(c->edges.n + c->branches.n + c->loops.n + c->lines.n, 0);
	assert_string_equal(profile_str(c, c->program), "vitte-demo");
	profile_free(c);
	free(keep);
	profile_free(p);
}

/* The discriminator counts of kept functions stay, with their function
 * renumbered; those of dropped ones go. */
static void test_discriminators(void **state)
{
	struct profile *p = tu_load_q("{'functions': {"
				      " 'a': {'calls': 1, 'time_ns': 1, 'lines': {'3': 4},"
				      "  'discriminators': {'3.0': 4, '3.1': 2}},"
				      " 'b': {'calls': 1, 'time_ns': 1, 'lines': {'7': 9},"
				      "  'discriminators': {'7.0': 9, '7.2': 5}}}}");
	uint8_t keep[2] = {0, 1}; /* b */
	struct profile *c = curate_profile(p, keep);
	const struct pf_disc *d;
	uint32_t n;

	(void)state;
	d = profile_func_discs(c, profile_find_function(c, "b"), &n);
	assert_int_equal(c->discs.n, 2);
	assert_int_equal(n, 2);
	assert_int_equal(d[0].line, 7), assert_int_equal(d[0].disc, 0);
	assert_int_equal(d[0].count, 9);
	assert_int_equal(d[1].disc, 2), assert_int_equal(d[1].count, 5);
	profile_free(c);
	profile_free(p);
}

/* tests/data/extras.vitprof's unknown keys: those of the root, meta, the
 * loops object and of kept elements stay; those of dropped ones go. */
static const char extras_json[] =
    "{\"format\": \"vitprof\", \"version\": 1,"
    " \"x-generator\": {\"name\": \"future-tool\"},"
    " \"meta\": {\"mode\": \"sampled\", \"runs\": 3, \"x-host\": \"ci-7\"},"
    " \"functions\": {\"main\": {\"calls\": 1, \"time_ns\": 3000000, \"x-inlined\": false},"
    "  \"worker\": {\"calls\": 7, \"time_ns\": 2000000, \"x-hot\": 1}},"
    " \"calls\": [{\"caller\": \"main\", \"callee\": \"worker\", \"count\": 7,"
    "  \"time_ns\": 2000000, \"x-tail\": true}],"
    " \"loops\": {\"sites\": [{\"function\": \"worker\", \"line\": 10, \"entries\": 7,"
    "  \"iterations\": 700, \"x-unroll\": 4}], \"x-note\": \"unrolled\"}}";

static void test_extras(void **state)
{
	struct profile *p = tu_load(extras_json);
	uint8_t keep[2] = {1, 0}; /* main 0, worker 1 */
	struct profile *c = curate_profile(p, keep);
	char *text = tu_write(c);

	(void)state;
	assert_int_equal(p->extras.n, 7);
	/* x-generator, x-host, x-inlined, x-note */
	assert_int_equal(c->extras.n, 4);
	assert_non_null(strstr(text, "\"x-generator\": {\"name\":\"future-tool\"}"));
	assert_non_null(strstr(text, "\"x-host\": \"ci-7\""));
	assert_non_null(strstr(text, "\"x-inlined\": false"));
	assert_non_null(strstr(text, "\"x-note\": \"unrolled\""));
	assert_null(strstr(text, "x-hot"));
	assert_null(strstr(text, "x-tail"));
	assert_null(strstr(text, "x-unroll"));
	/* main's self time was 3000000 - 2000000 */
	assert_int_equal(tu_func(c, "main")->self_ns, 1000000);
	free(text);
	profile_free(c);
	profile_free(p);
}

/* The legacy aggregates of examples/seed.vitprof are kept as they are. */
static void test_legacy_kept(void **state)
{
	struct profile *p =
	    tu_load("{\"functions\": {\"add\": {\"calls\": 152343, \"time_ns\": 93210},"
		    " \"compute\": {\"calls\": 302, \"time_ns\": 12003221}},"
		    " \"branches\": {\"taken\": 91.3, \"not_taken\": 8.7},"
		    " \"loops\": {\"hot\": [\"main::loop\", \"engine::step\"]}}");
	uint8_t keep[2] = {0, 1}; /* add 0, compute 1 */
	struct profile *c = curate_profile(p, keep);
	char *text = tu_write(c);

	(void)state;
	assert_int_equal(c->funcs.n, 1);
	assert_true(c->has_legacy_branches);
	assert_int_equal(c->legacy_hot.n, 2);
	assert_non_null(strstr(text, "\"taken\": 91.3, \"not_taken\": 8.7"));
	assert_non_null(strstr(text, "\"hot\": [\"main::loop\", \"engine::step\"]"));
	free(text);
	profile_free(c);
	profile_free(p);
}

/* Dropping b: its contexts go with their self time, their children move
 * up to the nearest kept context and meet the ones already there. */
static void test_contexts(void **state)
{
	struct profile *p = tu_load_q(
	    "{'functions': {'main': {'calls': 1, 'time_ns': 100}, 'b': {'calls': 2, 'time_ns': 70},"
	    " 'c': {'calls': 5, 'time_ns': 71}, 'd': {'calls': 1, 'time_ns': 5}},"
	    " 'contexts': [{'function': 'main', 'calls': 1, 'self_ns': 10, 'z': 1},"
	    " {'parent': 0, 'function': 'b', 'calls': 1, 'self_ns': 20, 'x': 1},"
	    " {'parent': 1, 'function': 'c', 'calls': 2, 'self_ns': 30},"
	    " {'parent': 1, 'function': 'd', 'calls': 1, 'self_ns': 5},"
	    " {'parent': 0, 'function': 'c', 'calls': 3, 'self_ns': 40, 'y': 1},"
	    " {'function': 'b', 'calls': 1, 'self_ns': 7},"
	    " {'parent': 5, 'function': 'c', 'self_ns': 1}]}");
	uint8_t *keep = keep_all_but(p, "b", NULL);
	struct profile *out = curate_profile(p, keep);
	const struct pf_context *v = out->contexts.v;
	char *text = tu_write(out);
	struct profile *again = tu_load(text);

	(void)state;
	/* functions c 0, d 1, main 2; contexts: c (from b > c, a root now),
	 * main, main > c (main > b > c and main > c), main > d (main > b > d) */
	assert_int_equal(out->contexts.n, 4);
	assert_int_equal(v[0].func, 0);
	assert_int_equal(v[0].parent, PF_NONE);
	assert_int_equal(v[0].self_ns, 1);
	assert_false(v[0].flags & PF_HAS_CALLS);
	assert_int_equal(v[1].func, 2);
	assert_int_equal(v[1].self_ns, 10);
	assert_int_equal(v[2].func, 0);
	assert_int_equal(v[2].parent, 1);
	assert_int_equal(v[2].calls, 2 + 3);
	assert_int_equal(v[2].self_ns, 30 + 40);
	assert_true(v[2].flags & PF_HAS_CALLS);
	assert_int_equal(v[3].func, 1);
	assert_int_equal(v[3].parent, 1);
	assert_int_equal(v[3].calls, 1);
	assert_int_equal(v[3].self_ns, 5);
	/* main: 10 + 70 + 5, b's 20 gone */
	assert_int_equal(v[1].time_ns, 85);
	/* extras: main's kept, b's gone with it, main > c's with the merge */
	assert_int_equal(out->extras.n, 1);
	assert_int_equal(out->extras.v[0].owner_kind, PF_OWN_CONTEXT);
	assert_int_equal(out->extras.v[0].owner, 1);
	assert_string_equal(profile_str(out, out->extras.v[0].key), "z");
	/* written and read back: the same tree */
	assert_int_equal(again->contexts.n, 4);
	assert_int_equal(again->contexts.v[1].time_ns, 85);
	profile_free(again);
	free(text);
	profile_free(out);
	free(keep);
	profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_contexts),	      cmocka_unit_test(test_drop_add_and_parse),
	    cmocka_unit_test(test_self_time_kept),    cmocka_unit_test(test_write_and_load_again),
	    cmocka_unit_test(test_keep_one_and_none), cmocka_unit_test(test_extras),
	    cmocka_unit_test(test_legacy_kept),	      cmocka_unit_test(test_discriminators),
	};

	return cmocka_run_group_tests_name("curate", tests, NULL, NULL);
}

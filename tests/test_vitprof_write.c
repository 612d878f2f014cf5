/* test_vitprof_write.c - the canonical writer: exact text, stable round trips. */
#include "tests/testutil.h"

/* write(read(write(read(x)))) == write(read(x)), byte for byte. */
static void assert_round_trip_stable(const char *text)
{
	struct profile *p1 = tu_load(text);
	char *once = tu_write(p1);
	struct profile *p2 = tu_load(once);
	char *twice = tu_write(p2);

	assert_string_equal(once, twice);
	free(once);
	free(twice);
	profile_free(p1);
	profile_free(p2);
}

/* The run's meta keys are written after the others, when known. */
static void test_run_meta_written(void **state)
{
	struct profile *p = tu_load_q("{'meta': {'cpu_ns': 4, 'clock': 'wall', 'wall_ns': 10,"
				      " 'threads': 2}, 'functions': {}}");
	char *out = tu_write(p);

	(void)state;
	assert_non_null(strstr(out, "{\"runs\": 1, \"clock\": \"wall\", \"threads\": 2, "
				    "\"wall_ns\": 10, \"cpu_ns\": 4}"));
	assert_round_trip_stable(out);
	free(out);
	profile_free(p);
	p = tu_load_q("{'meta': {'threads': 0}, 'functions': {}}");
	out = tu_write(p);
	assert_null(strstr(out, "threads")); /* 0: unknown */
	free(out);
	profile_free(p);
}

static void test_examples_round_trip(void **state)
{
	const char *files[] = {"examples/seed.vitprof", "examples/full.vitprof"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *text = tu_read_file(files[i]);

		assert_round_trip_stable(text);
		free(text);
	}
}

/* Contexts in any order that has parents first come out depth first,
 * siblings by name, parents renumbered, "calls" only where known, unknown
 * keys kept on their context; tests/data/contexts.vitprof (written by
 * hand in that form) comes back byte for byte. */
static void test_contexts_canonical_text(void **state)
{
	struct profile *p = tu_load_q(
	    "{'functions': {'m': {'calls': 1, 'time_ns': 6}, 'b': {'calls': 1, 'time_ns': 2},"
	    " 'a': {'calls': 1, 'time_ns': 3}},"
	    " 'contexts': [{'function': 'm', 'self_ns': 1, 'calls': 1},"
	    " {'self_ns': 2, 'function': 'b', 'parent': 0, 'why': [1]},"
	    " {'parent': 1, 'function': 'a', 'self_ns': 0},"
	    " {'parent': 0, 'function': 'a', 'self_ns': 3, 'calls': 4}]}");
	char *out = tu_write(p), *text = tu_read_file("tests/data/contexts.vitprof");
	struct profile *q = tu_load(text);
	char *again = tu_write(q);

	(void)state;
	assert_string_equal(
	    out, "{\n"
		 "  \"format\": \"vitprof\",\n"
		 "  \"version\": 1,\n"
		 "  \"functions\": {\n"
		 "    \"a\": {\"calls\": 1, \"time_ns\": 3},\n"
		 "    \"b\": {\"calls\": 1, \"time_ns\": 2},\n"
		 "    \"m\": {\"calls\": 1, \"time_ns\": 6}\n"
		 "  },\n"
		 "  \"contexts\": [\n"
		 "    {\"function\": \"m\", \"calls\": 1, \"self_ns\": 1},\n"
		 "    {\"parent\": 0, \"function\": \"a\", \"calls\": 4, \"self_ns\": 3},\n"
		 "    {\"parent\": 0, \"function\": \"b\", \"self_ns\": 2, \"why\": [1]},\n"
		 "    {\"parent\": 2, \"function\": \"a\", \"self_ns\": 0}\n"
		 "  ]\n"
		 "}\n");
	assert_string_equal(again, text);
	free(again);
	free(text);
	free(out);
	profile_free(q);
	profile_free(p);
}

/* The seed example's canonical form, written out by hand. */
/* A function's discriminators, given in any order, are written by line
 * then discriminator, after its lines. */
static void test_discriminators_canonical_text(void **state)
{
	struct profile *p = tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 2, 'lines': "
				      "{'4': 9}, 'discriminators': {'4.10': 1, '4.2': 9, '3.0': 5, "
				      "'4.0': 7}}}}");
	struct strbuf sb = STRBUF_INIT;
	struct error err;

	(void)state;
	assert_int_equal(exporter_vitprof.write(p, &sb, &err), STATUS_OK);
	assert_non_null(strstr(sb_str(&sb), "\"lines\": {\"4\": 9}, \"discriminators\": {\"3.0\": "
					    "5, \"4.0\": 7, \"4.2\": 9, \"4.10\": 1}}"));
	sb_free(&sb);
	profile_free(p);
}

static void test_seed_canonical_text(void **state)
{
	char *text = tu_read_file("examples/seed.vitprof");
	struct profile *p = tu_load(text);
	char *out = tu_write(p);

	(void)state;
	assert_string_equal(out, "{\n"
				 "  \"format\": \"vitprof\",\n"
				 "  \"version\": 1,\n"
				 "  \"functions\": {\n"
				 "    \"add\": {\"calls\": 152343, \"time_ns\": 93210},\n"
				 "    \"compute\": {\"calls\": 302, \"time_ns\": 12003221}\n"
				 "  },\n"
				 "  \"branches\": {\"taken\": 91.3, \"not_taken\": 8.7},\n"
				 "  \"loops\": {\"hot\": [\"main::loop\", \"engine::step\"]}\n"
				 "}\n");
	free(out);
	free(text);
	profile_free(p);
}

/* Every field of the full example survives a rewrite: compare the loaded
 * profiles field by field. */
static void test_full_example_keeps_every_field(void **state)
{
	char *text = tu_read_file("examples/full.vitprof");
	struct profile *a = tu_load(text);
	char *out = tu_write(a);
	struct profile *b = tu_load(out);
	uint32_t i;

	(void)state;
	assert_string_equal(profile_str(b, b->program), "vitte-demo");
	assert_int_equal(b->meta.mode, a->meta.mode);
	assert_string_equal(profile_str(b, b->meta.created), profile_str(a, a->meta.created));
	assert_string_equal(profile_str(b, b->meta.tool), profile_str(a, a->meta.tool));
	assert_string_equal(profile_str(b, b->meta.binary), profile_str(a, a->meta.binary));
	assert_int_equal(b->funcs.n, a->funcs.n);
	for (i = 0; i < a->funcs.n; i++) {
		const struct pf_function *x = &a->funcs.v[i], *y = &b->funcs.v[i];

		assert_string_equal(profile_str(a, x->name), profile_str(b, y->name));
		assert_int_equal(x->calls, y->calls);
		assert_int_equal(x->time_ns, y->time_ns);
		assert_int_equal(x->self_ns, y->self_ns);
		assert_int_equal(x->flags, y->flags);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->size, y->size);
		assert_string_equal(profile_str(a, x->file), profile_str(b, y->file));
		assert_string_equal(profile_str(a, x->checksum), profile_str(b, y->checksum));
		assert_int_equal(x->lines_n, y->lines_n);
	}
	assert_memory_equal(a->edges.v, b->edges.v, a->edges.n * sizeof(*a->edges.v));
	assert_int_equal(b->branches.n, 3);
	assert_int_equal(b->loops.n, 3);
	assert_memory_equal(a->lines.v, b->lines.v, a->lines.n * sizeof(*a->lines.v));
	free(out);
	free(text);
	profile_free(a);
	profile_free(b);
}

/* Legacy aggregates derived from sites: taken 270+152343+40 = 152653 of
 * 153045 executions = 99.74 % -> 99.7; not_taken 100 - 99.7 = 0.3. Hot
 * loops by time: main::loop (19.5 ms), compute::inner (9 ms), then the
 * unnamed loop of engine::step at line 40 (4 ms). */
static void test_legacy_derived_from_sites(void **state)
{
	char *text = tu_read_file("examples/full.vitprof");
	struct profile *p = tu_load(text);
	char *out = tu_write(p);

	(void)state;
	assert_non_null(strstr(out, "\"branches\": {\"taken\": 99.7, \"not_taken\": 0.3, "));
	assert_non_null(strstr(out, "\"loops\": {\"hot\": [\"main::loop\", \"compute::inner\", "
				    "\"engine::step:40\"], "));
	free(out);
	free(text);
	profile_free(p);
}

static void test_exact_large_integers(void **state)
{
	struct profile *p = tu_load("{\"functions\": {\"f\": {\"calls\": 18446744073709551615, "
				    "\"time_ns\": 10000000000000000}}}");
	char *out = tu_write(p);

	(void)state;
	assert_non_null(strstr(out, "\"calls\": 18446744073709551615, \"time_ns\": "
				    "10000000000000000}"));
	free(out);
	profile_free(p);
}

/* Names with quotes, backslashes, controls and UTF-8 are written as valid
 * JSON that reads back to the same bytes. */
static void test_string_escaping(void **state)
{
	struct profile *p = tu_load("{\"functions\": {\"a\\\"b\\\\c\\u001b\\u007f\\u00e9\\n\": "
				    "{\"calls\": 1, \"time_ns\": 1}}}");
	char *out = tu_write(p);

	(void)state;
	assert_non_null(strstr(out, "\"a\\\"b\\\\c\\u001b\\u007f\xc3\xa9\\n\": {"));
	assert_round_trip_stable(out);
	free(out);
	profile_free(p);
}

static void test_empty_profile(void **state)
{
	struct profile *p = tu_load("{\"functions\": {}}");
	char *out = tu_write(p);

	(void)state;
	assert_string_equal(out, "{\n  \"format\": \"vitprof\",\n  \"version\": 1,\n"
				 "  \"functions\": {}\n}\n");
	free(out);
	profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_run_meta_written),
	    cmocka_unit_test(test_examples_round_trip),
	    cmocka_unit_test(test_discriminators_canonical_text),
	    cmocka_unit_test(test_seed_canonical_text),
	    cmocka_unit_test(test_contexts_canonical_text),
	    cmocka_unit_test(test_full_example_keeps_every_field),
	    cmocka_unit_test(test_legacy_derived_from_sites),
	    cmocka_unit_test(test_exact_large_integers),
	    cmocka_unit_test(test_string_escaping),
	    cmocka_unit_test(test_empty_profile),
	};

	return cmocka_run_group_tests_name("vitprof_write", tests, NULL, NULL);
}

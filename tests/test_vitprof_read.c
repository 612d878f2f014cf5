/* test_vitprof_read.c - the .vitprof loader: exact values, and a located
 * error for every kind of bad input. */
#include "tests/testutil.h"

/* The seed example of the format loads with exactly its numbers. */
static void test_seed_example(void **state)
{
	char *text = tu_read_file("examples/seed.vitprof");
	struct profile *p = tu_load(text);
	const struct pf_function *add = tu_func(p, "add");
	const struct pf_function *compute = tu_func(p, "compute");

	(void)state;
	assert_int_equal(p->funcs.n, 2);
	assert_int_equal(add->calls, 152343);
	assert_int_equal(add->time_ns, 93210);
	assert_int_equal(compute->calls, 302);
	assert_int_equal(compute->time_ns, 12003221);
	/* no edges: self time is the inclusive time */
	assert_int_equal(add->self_ns, 93210);
	assert_int_equal(compute->self_ns, 12003221);
	assert_int_equal(profile_total_self(p), 93210 + 12003221);
	assert_true(p->has_legacy_branches);
	assert_true(p->legacy_taken == 91.3);
	assert_true(p->legacy_not_taken == 8.7);
	assert_int_equal(p->legacy_hot.n, 2);
	assert_string_equal(profile_str(p, p->legacy_hot.v[0]), "main::loop");
	assert_string_equal(profile_str(p, p->legacy_hot.v[1]), "engine::step");
	assert_int_equal(p->meta.runs, 1);
	assert_int_equal(p->meta.mode, PF_MODE_UNSET);
	assert_string_equal(sb_str(&tu_warnings), "");
	profile_free(p);
	free(text);
}

/* tests/data/contexts.vitprof: a and b both call c, which calls d; every
 * context with its calls, self time and derived inclusive time. */
static void test_contexts(void **state)
{
	struct profile *p = tu_load_file("tests/data/contexts.vitprof");
	/* functions a 0, b 1, c 2, d 3, main 4; contexts depth first */
	static const struct {
		uint32_t parent, func;
		uint64_t calls, self_ns, time_ns;
	} want[] = {
	    {PF_NONE, 4, 1, 110, 1310}, /* main: 110 + 1050 + 150 */
	    {0, 0, 1, 50, 1050},	/* main > a: 50 + 1000 */
	    {1, 2, 5, 100, 1000},	/* main > a > c: 100 + 900 */
	    {2, 3, 5, 900, 900},	/* main > a > c > d */
	    {0, 1, 1, 50, 150},		/* main > b: 50 + 100 */
	    {4, 2, 5, 90, 100},		/* main > b > c: 90 + 10 */
	    {5, 3, 5, 10, 10},		/* main > b > c > d */
	};
	size_t i;

	(void)state;
	assert_int_equal(p->contexts.n, 7);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct pf_context *c = &p->contexts.v[i];

		assert_int_equal(c->parent, want[i].parent);
		assert_int_equal(c->func, want[i].func);
		assert_int_equal(c->calls, want[i].calls);
		assert_int_equal(c->self_ns, want[i].self_ns);
		assert_int_equal(c->time_ns, want[i].time_ns);
		assert_true(c->flags & PF_HAS_CALLS);
	}
	assert_string_equal(sb_str(&tu_warnings), "");
	profile_free(p);
	/* calls may be unknown */
	p = tu_load_q("{'functions': {'f': {'calls': 0, 'time_ns': 5}},"
		      " 'contexts': [{'function': 'f', 'self_ns': 5}]}");
	assert_int_equal(p->contexts.n, 1);
	assert_false(p->contexts.v[0].flags & PF_HAS_CALLS);
	assert_int_equal(p->contexts.v[0].time_ns, 5);
	profile_free(p);
}

/* The full example: every field, and self time derived as the spec says. */
static void test_full_example(void **state)
{
	char *text = tu_read_file("examples/full.vitprof");
	struct profile *p = tu_load(text);
	const struct pf_function *main_fn = tu_func(p, "main");
	const struct pf_function *compute = tu_func(p, "compute");
	const struct pf_branch *b;
	const struct pf_loop *l;

	(void)state;
	assert_string_equal(profile_str(p, p->program), "vitte-demo");
	assert_int_equal(p->meta.mode, PF_MODE_INSTRUMENTED);
	assert_string_equal(profile_str(p, p->meta.build_id), "4f2a9d0c7be81e55a3c1");
	assert_int_equal(p->funcs.n, 7);
	assert_int_equal(p->edges.n, 6);
	/* main: 20000000 - (400000 to parse + 19500000 to main::loop) */
	assert_int_equal(main_fn->self_ns, 100000);
	assert_false(main_fn->flags & PF_HAS_SELF);
	/* compute: 12003221 - 93210 to add */
	assert_int_equal(compute->self_ns, 11910011);
	assert_string_equal(profile_str(p, compute->checksum), "51aa0e02");
	assert_int_equal(compute->size, 58);
	assert_int_equal(compute->lines_n, 2);
	assert_int_equal(p->lines.v[compute->lines_at + 1].line, 17);
	assert_int_equal(p->lines.v[compute->lines_at + 1].count, 152645);
	/* parse gives self_ns itself */
	assert_int_equal(tu_func(p, "parse")->self_ns, 400000);
	assert_true(tu_func(p, "parse")->flags & PF_HAS_SELF);
	/* 100000 + 1446779 + 400000 + 6050000 + 11910011 + 93210 + 0 */
	assert_int_equal(profile_total_self(p), 20000000);
	/* sites in canonical order: compute first */
	assert_int_equal(p->branches.n, 3);
	b = &p->branches.v[1];
	assert_int_equal(b->func, profile_find_function(p, "engine::step"));
	assert_int_equal(b->line, 42);
	assert_int_equal(b->column, 9);
	assert_string_equal(profile_str(p, b->id), "b0");
	assert_int_equal(b->taken, 270);
	assert_int_equal(b->not_taken, 30);
	assert_int_equal(p->loops.n, 3);
	l = &p->loops.v[0];
	assert_string_equal(profile_str(p, l->name), "inner");
	assert_int_equal(l->entries, 302);
	assert_int_equal(l->iterations, 152343);
	assert_int_equal(l->time_ns, 9000000);
	profile_free(p);
	free(text);
}

/* What the times measure and the run's threads, wall and CPU time. */
static void test_run_meta(void **state)
{
	struct profile *p =
	    tu_load_q("{'meta': {'clock': 'cpu', 'threads': 5, 'wall_ns': 731000000,"
		      " 'cpu_ns': 18446744073709551615}, 'functions': {}}");

	(void)state;
	assert_int_equal(p->meta.clock, PF_CLOCK_CPU);
	assert_int_equal(p->meta.threads, 5);
	assert_int_equal(p->meta.wall_ns, 731000000);
	assert_true(p->meta.cpu_ns == UINT64_MAX);
	assert_int_equal(p->extras.n, 0); /* known keys, not extras */
	profile_free(p);
	p = tu_load_q("{'meta': {'clock': 'precise'}, 'functions': {}}");
	assert_int_equal(p->meta.clock, PF_CLOCK_PRECISE);
	assert_int_equal(p->meta.threads, 0);
	profile_free(p);
}

static void test_exact_u64(void **state)
{
	struct profile *p = tu_load("{\"functions\": {\"f\": {\"calls\": 18446744073709551615,"
				    " \"time_ns\": 9007199254740993}}}");

	(void)state;
	/* neither fits a double: 2^64-1 and 2^53+1 */
	assert_true(tu_func(p, "f")->calls == UINT64_MAX);
	assert_true(tu_func(p, "f")->time_ns == 9007199254740993ULL);
	profile_free(p);
}

/* The reader's quick paths (plain strings read 16 bytes at a time, plain
 * integers valued as they are lexed, ':' and ',' taken with the token
 * before, keys matched by words) give way to the full ones on anything
 * else: each case here takes that turn, values written by hand. */
static void test_quick_paths_give_way(void **state)
{
	struct profile *p =
	    tu_load("{\"functions\": {\"f\\u00e9\": {\"c\\u0061lls\": 9999999999999999999, "
		    "\"time_ns\"\n: 10000000000000000000 , \"checksum\": \"ab\", \"callz\": 1},\n"
		    "\"g\\u00e9\u00e9\": {\"calls\": 1, \"time_ns\": 2}},\n"
		    "\"meta\": {\"sample_period_ns\": 7, \"sample_period_nz\": 8}, "
		    "\"program\": \"p\"}");
	const struct pf_function *f = tu_func(p, "f\xc3\xa9"), *g = tu_func(p, "g\xc3\xa9\xc3\xa9");
	char *out = tu_write(p);

	(void)state;
	/* 19 digits valued by the lexer, 20 by the full path: both exact */
	assert_true(f->calls == 9999999999999999999ULL);
	assert_true(f->time_ns == 10000000000000000000ULL);
	assert_string_equal(profile_str(p, f->checksum), "ab");
	assert_true(g->calls == 1 && g->time_ns == 2);	      /* a name with UTF-8 bytes */
	assert_true(p->meta.sample_period_ns == 7);	      /* 16 bytes, one off the next key */
	assert_string_equal(profile_str(p, p->program), "p"); /* the last 16 bytes */
	/* keys one byte off known ones are unknown keys, kept */
	assert_int_equal(p->extras.n, 2);
	assert_non_null(strstr(out, "\"callz\": 1"));
	assert_non_null(strstr(out, "\"sample_period_nz\": 8"));
	free(out);
	profile_free(p);
}

static void test_edge_creates_function(void **state)
{
	struct profile *p = tu_load("{\"functions\": {\"a\": {\"calls\": 1, \"time_ns\": 10}},\n"
				    " \"calls\": [{\"caller\": \"a\", \"callee\": \"b\", "
				    "\"count\": 4, \"time_ns\": 3}]}");

	(void)state;
	assert_int_equal(p->funcs.n, 2);
	assert_int_equal(tu_func(p, "b")->calls, 0);
	assert_true(tu_func(p, "b")->flags & PF_IMPLICIT);
	assert_int_equal(tu_func(p, "a")->self_ns, 7);
	/* the warning points at "b": line 2, after ` "calls": [{"caller": "a", "callee": ` (37) */
	assert_non_null(strstr(sb_str(&tu_warnings), "test.vitprof:2:38: warning: function \"b\""));
	profile_free(p);
}

/* Edges name their functions by the last names remembered per field:
 * each edge goes to the functions it names, whether the name is the one
 * of the edge before in its field, in the other field, or too long to be
 * remembered (L and M stand for 130 bytes, the last different); each
 * function not in "functions" is warned about once. */
static const char *long_name(const char *n, const char *l, const char *m)
{
	return !strcmp(n, "L") ? l : !strcmp(n, "M") ? m : n;
}

static void test_edges_name_their_functions(void **state)
{
	char l[131], m[131], *json;
	struct strbuf sb = STRBUF_INIT;
	struct profile *p;
	static const struct {
		const char *caller, *callee;
		unsigned count;
	} want[] = {{"a", "b", 1}, {"a", "c", 2},  {"b", "c", 4},
		    {"L", "a", 8}, {"L", "M", 16}, {"M", "L", 32}};
	size_t i, j, warned = 0;
	const char *w;

	(void)state;
	memset(l, 'x', 130);
	l[130] = '\0';
	memcpy(m, l, sizeof(l));
	m[129] = 'y';
	sb_adds(&sb, "{\"functions\": {\"a\": {\"calls\": 1, \"time_ns\": 100}},\n\"calls\": [\n");
	for (i = 0; i < 6; i++)
		sb_addf(&sb, "%s{\"caller\": \"%s\", \"callee\": \"%s\", \"count\": %u}\n",
			i ? "," : "", long_name(want[i].caller, l, m),
			long_name(want[i].callee, l, m), want[i].count);
	sb_adds(&sb, "]}");
	json = sb_detach(&sb, NULL);
	p = tu_load(json);
	assert_int_equal(p->funcs.n, 5);
	assert_int_equal(p->edges.n, 6);
	for (i = 0; i < 6; i++) {
		const char *c = long_name(want[i].caller, l, m);
		const char *e = long_name(want[i].callee, l, m);

		for (j = 0; j < p->edges.n; j++)
			if (!strcmp(profile_str(p, p->funcs.v[p->edges.v[j].caller].name), c) &&
			    !strcmp(profile_str(p, p->funcs.v[p->edges.v[j].callee].name), e))
				break;
		assert_true(j < p->edges.n);
		assert_int_equal(p->edges.v[j].count, want[i].count);
	}
	for (w = sb_str(&tu_warnings); (w = strstr(w, "is not in \"functions\"")); w++)
		warned++;
	assert_int_equal(warned, 4); /* b, c, L, M */
	profile_free(p);
	free(json);
}

/* Strings of a field that repeats its last value keep theirs: a file
 * named again, then another, then the first; a branch id "" after "b0"
 * and "b0" after "", the branch fields read after those of functions. */
static void test_fields_repeat_strings(void **state)
{
	struct profile *p = tu_load(
	    "{\"functions\": {\"a\": {\"calls\": 1, \"time_ns\": 1, \"file\": \"x.c\"},\n"
	    " \"b\": {\"calls\": 1, \"time_ns\": 1, \"file\": \"x.c\"},\n"
	    " \"c\": {\"calls\": 1, \"time_ns\": 1, \"file\": \"y.c\"},\n"
	    " \"d\": {\"calls\": 1, \"time_ns\": 1, \"file\": \"x.c\"}},\n"
	    " \"branches\": {\"sites\": [\n"
	    "{\"function\": \"a\", \"line\": 1, \"id\": \"b0\", \"taken\": 1, \"not_taken\": 0},\n"
	    "{\"function\": \"a\", \"line\": 2, \"id\": \"\", \"taken\": 2, \"not_taken\": 0},\n"
	    "{\"function\": \"b\", \"line\": 3, \"id\": \"b0\", \"taken\": 3, \"not_taken\": "
	    "0}]}}");
	static const char *const files[] = {"x.c", "x.c", "y.c", "x.c"};
	static const char *const ids[] = {"b0", "", "b0"};
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		char name[2] = {(char)('a' + i), '\0'};

		assert_string_equal(profile_str(p, tu_func(p, name)->file), files[i]);
	}
	assert_int_equal(p->branches.n, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(p->branches.v[i].line, i + 1);
		assert_int_equal(p->branches.v[i].taken, i + 1);
		assert_string_equal(profile_str(p, p->branches.v[i].id), ids[i]);
	}
	profile_free(p);
}

static void test_self_floored_at_zero(void **state)
{
	struct profile *p = tu_load("{\"functions\": {\"a\": {\"calls\": 1, \"time_ns\": 10}},"
				    " \"calls\": [{\"caller\": \"a\", \"callee\": \"a\", "
				    "\"count\": 4, \"time_ns\": 30}]}");

	(void)state;
	assert_int_equal(tu_func(p, "a")->self_ns, 0);
	profile_free(p);
}

/* Names are data: escapes load as the characters they stand for. */
static void test_control_characters_in_names(void **state)
{
	struct profile *p = tu_load("{\"functions\": {\"evil\\u001b[2J\": {\"calls\": 1, "
				    "\"time_ns\": 1}, \"caf\\u00e9\": {\"calls\": 1, "
				    "\"time_ns\": 1}}}");

	(void)state;
	assert_int_not_equal(profile_find_function(p, "evil\x1b[2J"), PF_NONE);
	assert_int_not_equal(profile_find_function(p, "caf\xc3\xa9"), PF_NONE);
	profile_free(p);
}

/* A UTF-8 byte order mark is allowed (RFC 8259 lets parsers ignore it). */
static void test_byte_order_mark(void **state)
{
	struct profile *p = tu_load("\xef\xbb\xbf{\"functions\": {\"f\": {\"calls\": 1, "
				    "\"time_ns\": 5}}}");

	(void)state;
	assert_int_equal(tu_func(p, "f")->time_ns, 5);
	profile_free(p);
}

static void test_unknown_keys_kept(void **state)
{
	struct profile *p = tu_load("{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 2, "
				    "\"x-vendor\": [1, {\"k\": true}]}}, \"future\": {\"a\": 1}}");
	char *out = tu_write(p);

	(void)state;
	assert_int_equal(p->extras.n, 2);
	assert_non_null(strstr(out, "\"f\": {\"calls\": 1, \"time_ns\": 2, \"x-vendor\": "
				    "[1,{\"k\":true}]}"));
	assert_non_null(strstr(out, "\"future\": {\"a\":1}\n}"));
	free(out);
	profile_free(p);
}

static void test_deep_nesting_in_unknown_key(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err;
	int i;

	(void)state;
	sb_adds(&sb, "{\"functions\": {}, \"deep\": ");
	for (i = 0; i < 5000; i++)
		sb_addc(&sb, '[');
	for (i = 0; i < 5000; i++)
		sb_addc(&sb, ']');
	sb_addc(&sb, '}');
	err = tu_load_error(sb_str(&sb));
	/* the first '[' is at column 27 and is nesting level 2 (the root object
	 * is level 1), so level 1001 is the 1000th '[': column 27 + 999 */
	assert_int_equal(err.code, STATUS_SYNTAX);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 1026);
	assert_non_null(strstr(err.text, "nesting deeper than 1000"));
	sb_free(&sb);
}

/* Big inputs: many functions and a 10 MB name load whole, in one piece. */
static void test_big_inputs(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct profile *p;
	char name[32];
	uint32_t i;

	(void)state;
	sb_adds(&sb, "{\"functions\": {");
	for (i = 0; i < 200000; i++)
		sb_addf(&sb, "%s\"f%u\":{\"calls\":%u,\"time_ns\":1}", i ? "," : "", i, i);
	sb_adds(&sb, ",\"");
	for (i = 0; i < 10 * 1000 * 1000; i++)
		sb_addc(&sb, 'x');
	sb_adds(&sb, "\":{\"calls\":7,\"time_ns\":2}}}");
	p = tu_load(sb_str(&sb));
	assert_int_equal(p->funcs.n, 200001);
	assert_int_equal(tu_func(p, "f199999")->calls, 199999);
	/* the long name sorts after "f..." and keeps every byte */
	assert_int_equal(strlen(profile_str(p, p->funcs.v[200000].name)), 10 * 1000 * 1000);
	assert_int_equal(p->funcs.v[200000].calls, 7);
	snprintf(name, sizeof(name), "f%u", 123456);
	assert_int_equal(tu_func(p, name)->calls, 123456);
	assert_int_equal(profile_total_self(p), 200000 + 2);
	profile_free(p);
	sb_free(&sb);
}

/* The parts of the last load_parts() read on a second thread and taken. */
static unsigned tu_parts;

/* Load text on one thread or, split, with parts read on a second: the
 * status, the error or the profile written and its string table (every
 * string in the order of its id), then the warnings. */
static char *load_parts(const char *text, bool split, uint32_t *n_edges)
{
	struct load_ctx ctx = {tu_warn, NULL, 100, split, &tu_parts};
	struct profile *p = NULL;
	struct error err = {0};
	struct strbuf out = STRBUF_INIT;
	char *written;
	uint32_t i;

	sb_reset(&tu_warnings);
	*n_edges = 0;
	tu_parts = 0;
	if (loader_load_buffer("big.vitprof", text, strlen(text), NULL, &ctx, &p, &err) !=
	    STATUS_OK) {
		sb_addf(&out, "error %s\n", err.text);
	} else {
		*n_edges = p->edges.n;
		written = tu_write(p);
		sb_adds(&out, written);
		free(written);
		for (i = 0; i < p->str_off.n; i++)
			sb_addf(&out, "string %u %s\n", i, profile_str(p, i));
		profile_free(p);
	}
	sb_adds(&out, sb_str(&tu_warnings));
	return sb_detach(&out, NULL);
}

static char *load_split(const char *text, bool split, uint32_t *n_edges)
{
	return load_parts(text, split, n_edges);
}

/* A file of more than 8 MB in the canonical layout, "calls" after
 * "functions" (or before it), with bad put in its edge number bad. */
static char *big_text(bool calls_first, uint32_t bad, const char *bad_edge)
{
	struct strbuf sb = STRBUF_INIT, calls = STRBUF_INIT;
	uint32_t i, k, e = 0;

	sb_adds(&calls, "\n  \"calls\": [\n");
	for (i = 0; i < 30000; i++)
		for (k = 1; k <= 6; k++, e++)
			if (e == bad)
				sb_addf(&calls, "    %s,\n", bad_edge);
			else
				sb_addf(
				    &calls,
				    "    { \"caller\": \"f%u\", \"callee\": \"f%u\", \"count\": "
				    "%u, \"time_ns\": %u },\n",
				    i, (i + k) % 30000, i + k, k);
	sb_addf(&calls, "    { \"caller\": \"f0\", \"callee\": \"f0\", \"count\": 1 }\n  ]");
	sb_adds(&sb, "{\n  \"format\": \"vitprof\",\n  \"version\": 1,");
	if (calls_first)
		sb_addf(&sb, "%s,", sb_str(&calls));
	sb_adds(&sb, "\n  \"functions\": {\n");
	for (i = 0; i < 30000; i++)
		sb_addf(&sb, "    \"f%u\": { \"calls\": %u, \"time_ns\": %u }%s\n", i, i, 100 * i,
			i + 1 < 30000 ? "," : "");
	sb_adds(&sb, "  }");
	if (!calls_first)
		sb_addf(&sb, ",%s", sb_str(&calls));
	sb_adds(&sb, "\n}\n");
	sb_free(&calls);
	assert_true(sb.len > ((size_t)8 << 20));
	return sb_detach(&sb, NULL);
}

/* A big file loads on two threads exactly as on one: the same profile
 * (180,001 edges, f7 -> f9 counted 9), and with an edge naming a function
 * that "functions" lacks or a bad edge, the same warnings or error at the
 * same place. */
static void test_calls_read_ahead(void **state)
{
	static const struct {
		bool calls_first;
		const char *bad_edge, *want;
	} cases[] = {
	    {false, NULL, NULL},
	    {true, NULL, NULL},
	    {false, "{ \"caller\": \"ghost\", \"callee\": \"f1\", \"count\": 1 }",
	     "big.vitprof:30010:17: warning: function \"ghost\" is not in \"functions\""},
	    {false, "{ \"caller\": \"f1\", \"callee\": \"f2\", \"count\": -1 }",
	     "big.vitprof:30010:48: error: \"count\" must not be negative, found -1"},
	    {false, "{ \"caller\": \"f1\", \"callee\": \"f2\", \"count\": 1, \"x\": [] }", NULL},
	    {true, "{ \"caller\": \"f1\", \"count\": 1 ",
	     "big.vitprof:9:5: error: expected a string key"},
	};
	uint32_t i, one, two;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = big_text(cases[i].calls_first, cases[i].bad_edge ? 3 : UINT32_MAX,
				      cases[i].bad_edge);
		char *a = load_split(text, false, &one), *b = load_split(text, true, &two);

		assert_string_equal(a, b);
		assert_int_equal(one, two);
		if (!cases[i].bad_edge) {
			struct profile *p = tu_load(text);

			assert_int_equal(p->edges.n, 180001);
			assert_int_equal(p->edges.v[7 * 6 + 1].caller, 0 + 7);
			profile_free(p);
		}
		if (cases[i].want && !strstr(a, cases[i].want))
			fail_msg("case %u: no \"%s\" in:\n%.300s", i, cases[i].want, a);
		free(a);
		free(b);
		free(text);
	}
}

/* A file of more than 8 MB in the canonical layout with every kind of
 * record the second thread reads: 30,000 functions ("g" then the number)
 * with line counts, 6 edges each, a branch site each (ids "b" then the
 * number modulo 7: strings first seen there) and a loop site for every
 * other one (named "L" then the number modulo 5), then contexts. Element
 * bad of part part (0 calls, 1 branch sites, 2 loop sites) is replaced by
 * bad; *line gets its line. */
static char *parts_text(unsigned part, uint32_t bad, const char *bad_text, unsigned *line)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned ln = 7;
	uint32_t i, k, e = 0;

	sb_adds(&sb,
		"{\n  \"format\": \"vitprof\",\n  \"version\": 1,\n  \"program\": \"p\",\n"
		"  \"meta\": { \"mode\": \"instrumented\", \"runs\": 2 },\n  \"functions\": {\n");
	for (i = 0; i < 30000; i++, ln++)
		sb_addf(&sb,
			"    \"g%u\": { \"calls\": %u, \"time_ns\": %u, \"file\": \"u%u.c\", "
			"\"line\": %u, \"lines\": { \"%u\": %u } }%s\n",
			i, i, 1000 + i, i % 13, i + 1, i + 2, i, i + 1 < 30000 ? "," : "");
	sb_adds(&sb, "  },\n  \"calls\": [\n");
	ln += 2;
	for (i = 0; i < 30000; i++)
		for (k = 1; k <= 6; k++, e++, ln++) {
			if (part == 0 && e == bad) {
				sb_addf(&sb, "    %s,\n", bad_text);
				*line = ln;
				continue;
			}
			sb_addf(&sb,
				"    { \"caller\": \"g%u\", \"callee\": \"g%u\", \"count\": %u, "
				"\"time_ns\": %u },\n",
				i, (i + k * 7) % 30000, i + k, k);
		}
	sb_adds(&sb, "    { \"caller\": \"g0\", \"callee\": \"g0\", \"count\": 1 }\n  ],\n"
		     "  \"branches\": {\n    \"sites\": [\n");
	ln += 4;
	for (i = 0; i < 30000; i++, ln++)
		if (part == 1 && i == bad) {
			sb_addf(&sb, "      %s%s\n", bad_text, i + 1 < 30000 ? "," : "");
			*line = ln;
		} else {
			sb_addf(&sb,
				"      { \"function\": \"g%u\", \"line\": %u, \"id\": \"b%u\", "
				"\"taken\": %u, \"not_taken\": 3 }%s\n",
				i, i + 2, i % 7, i, i + 1 < 30000 ? "," : "");
		}
	sb_adds(&sb, "    ]\n  },\n  \"loops\": {\n    \"sites\": [\n");
	ln += 4;
	for (i = 0; i < 30000; i += 2, ln++)
		if (part == 2 && i == bad) {
			sb_addf(&sb, "      %s%s\n", bad_text, i + 2 < 30000 ? "," : "");
			*line = ln;
		} else {
			sb_addf(&sb,
				"      { \"function\": \"g%u\", \"name\": \"L%u\", \"line\": %u, "
				"\"entries\": 2, \"iterations\": %u }%s\n",
				i, i % 5, i + 3, i, i + 2 < 30000 ? "," : "");
		}
	sb_adds(&sb,
		"    ]\n  },\n  \"contexts\": [\n    { \"function\": \"g1\", \"self_ns\": 5 }\n"
		"  ]\n}\n");
	assert_true(sb.len > ((size_t)8 << 20));
	return sb_detach(&sb, NULL);
}

/* A big file loads on two threads exactly as on one: the same profile,
 * string ids included, with the three parts taken (the 180,001 edges, the
 * 30,000 branch and 15,000 loop sites); a problem in any part, early or
 * late in "calls", gives the same error at the same place, and a site
 * naming a function "functions" lacks the same warning. */
static void test_parts_read_ahead(void **state)
{
	static const struct {
		unsigned part;
		uint32_t bad;
		const char *text, *want;
		unsigned col, parts;
	} cases[] = {
	    {0, UINT32_MAX, NULL, NULL, 0, 3},
	    {0, 5, "{ \"caller\": \"g1\", \"callee\": \"g2\", \"count\": -1 }",
	     "error: \"count\" must not be negative, found -1", 48, 0},
	    {0, 170000, "{ \"caller\": \"g1\", \"callee\": \"g2\", \"count\": -1 }",
	     "error: \"count\" must not be negative, found -1", 48, 0},
	    {0, 170000, "{ \"caller\": \"g1\", \"callee\": \"g2\" }",
	     "error: a call edge has no \"count\"", 5, 0},
	    {0, 170000, "{ \"caller\": \"ghost\", \"callee\": \"g2\", \"count\": 1 }",
	     "warning: function \"ghost\" is not in \"functions\"", 17, 2},
	    {0, 170000, "{ \"caller\": \"g1\", \"callee\": \"g2\", \"count\": 1 ",
	     "error: expected", 0, 0},
	    {1, 20000, "{ \"function\": \"g1\", \"line\": 0, \"taken\": 1 }",
	     "error: a branch site has no \"not_taken\"", 7, 1},
	    {1, 20000, "{ \"function\": \"ghost\", \"line\": 1, \"taken\": 1, \"not_taken\": 1 }",
	     "warning: function \"ghost\" is not in \"functions\"", 21, 2},
	    {2, 20000, "{ \"function\": \"g1\", \"line\": 2, \"entries\": 1, \"iterations\": 1.5 }",
	     "error: \"iterations\" must be an integer, found 1.5", 66, 2},
	    {2, 20000,
	     "{ \"function\": \"g1\", \"line\": 2, \"entries\": 1, \"iterations\": 1, "
	     "\"x\": 1 }",
	     NULL, 0, 2},
	};
	uint32_t i, one, two;
	unsigned line = 0;
	char want[200];

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = parts_text(cases[i].part, cases[i].bad, cases[i].text, &line);
		char *a = load_parts(text, false, &one), *b;

		assert_int_equal(tu_parts, 0);
		b = load_parts(text, true, &two);
		assert_string_equal(a, b);
		assert_int_equal(one, two);
		if (tu_parts != cases[i].parts)
			fail_msg("case %u: %u parts taken, not %u", i, tu_parts, cases[i].parts);
		if (!cases[i].text) {
			struct profile *p = tu_load(text);

			assert_int_equal(p->edges.n, 180001);
			assert_int_equal(p->branches.n, 30000);
			assert_int_equal(p->loops.n, 15000);
			/* "b3" was interned at the 4th branch site, after "g0".."g29999",
			 * "u0.c".."u12.c", "p" (read after "functions") and "b0".."b2";
			 * the loops (every other function) name L0, L2, L4, L1, L3 */
			assert_string_equal(profile_str(p, 30000 + 13 + 1 + 3), "b3");
			assert_string_equal(profile_str(p, 30000 + 13 + 1 + 7 + 2), "L4");
			assert_int_equal(p->str_off.n, 30000 + 13 + 1 + 7 + 5);
			profile_free(p);
		}
		if (cases[i].col)
			snprintf(want, sizeof(want), "big.vitprof:%u:%u: %s", line, cases[i].col,
				 cases[i].want);
		else
			snprintf(want, sizeof(want), "%s", cases[i].want ? cases[i].want : "");
		if (!strstr(a, want))
			fail_msg("case %u: no \"%s\" in:\n%.300s", i, want, a);
		free(a);
		free(b);
		free(text);
	}
}

struct bad_case {
	const char *json;
	unsigned line, col;
	const char *what;
};

/* Each malformed input, with the position computed by hand (1-based,
 * columns in characters). */
static const struct bad_case bad_cases[] = {
    {"", 1, 1, "empty file"},
    {"{\"functions\": {\"f\": {\"calls\": 1,", 1, 33, "unexpected end of file"}, /* 32 chars */
    {"{\"functions\": {\"f\": {\"calls\": 1,, }}}", 1, 33, "expected a string key"},
    {"{\"functions\": {\"f\": {\"calls\" 1}}}", 1, 30, "expected ':' after the key"},
    {"{\"functions\": {\"f\": [1 2]}}", 1, 24, "expected ',' or a closing bracket"},
    {"{\"functions\": {\"f\": [1, 2}}}", 1, 26, "mismatched closing bracket"},
    {"{\"functions\": {\"f\\q\": 1}}", 1, 18, "invalid escape in a string"},
    {"{\"functions\": {\"f\": \"abc", 1, 25, "unexpected end of file in a string"},
    {"{\"functions\": {\"f\": 1.}}", 1, 21, "invalid number"},
    {"{\"functions\": {}} x", 1, 19, "expected the end of the text after the JSON value"},
    {"[1, 2]", 1, 1, "a vitprof profile is a JSON object, found an array"},
    {"{\"calls\": []}", 1, 1, "the profile has no \"functions\""},
    {"{\"functions\": []}", 1, 15, "\"functions\" must be an object, found an array"},
    {"{\"functions\": {\n  \"f\": {\"calls\": \"3\", \"time_ns\": 1}}}", 2, 18,
     "\"calls\" must be a non-negative integer, found a string"},
    {"{\"functions\": {\n  \"f\": {\"calls\": -3, \"time_ns\": 1}}}", 2, 18,
     "\"calls\" must not be negative, found -3"},
    {"{\"functions\": {\n  \"f\": {\"calls\": 3, \"time_ns\": 1.5}}}", 2, 32,
     "\"time_ns\" must be an integer, found 1.5"},
    {"{\"functions\": {\n  \"f\": {\"calls\": 3, \"time_ns\": 18446744073709551616}}}", 2, 32,
     "\"time_ns\" is above 2^64-1"},
    {"{\"functions\": {\n  \"f\": {\"calls\": 3, \"time_ns\": NaN}}}", 2, 32,
     "invalid literal (expected true, false or null)"},
    {"{\"functions\": {\n  \"f\": {\"calls\": 3}}}", 2, 8, "function \"f\" has no \"time_ns\""},
    {"{\"functions\": {\n  \"f\": {\"time_ns\": 3}}}", 2, 8, "function \"f\" has no \"calls\""},
    {"{\"functions\": {\n  \"f\": {\"calls\": 1, \"time_ns\": 1},\n  \"f\": {\"calls\": 2, "
     "\"time_ns\": 2}}}",
     3, 3, "duplicate function \"f\" (first at line 2)"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"calls\": 2, \"time_ns\": 1}}}", 1, 34,
     "duplicate key \"calls\""},
    /* two keys repeated: the first repetition in the file */
    {"{\"functions\": {\"f\": {\"time_ns\": 1, \"calls\": 1, \"time_ns\": 2, \"calls\": 2}}}", 1,
     48, "duplicate key \"time_ns\" (first at line 1)"},
    {"{\"functions\": {\"\xc3\x28\": {\"calls\": 1, \"time_ns\": 1}}}", 1, 17, "invalid UTF-8"},
    {"{\"functions\": {\"a\tb\": {\"calls\": 1, \"time_ns\": 1}}}", 1, 18,
     "control character in a string must be escaped"},
    {"{\"functions\": {\"a\\u0000b\": {\"calls\": 1, \"time_ns\": 1}}}", 1, 18, "NUL character"},
    {"{\"version\": 2, \"functions\": 7}", 1, 13,
     "vitprof version 2 is not supported (this vitte-pgo reads version 1)"},
    {"{\"format\": \"gcov\", \"functions\": {}}", 1, 12, "not a vitprof profile"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1, \"line\": 4294967296}}}", 1, 56,
     "\"line\" is above 4294967295"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1, \"lines\": {\"0\": 1}}}}", 1, 58,
     "line key \"0\" must be a line number"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1, \"discriminators\": {\"4\": 1}}}}", 1,
     67, "discriminator key \"4\" must be LINE.DISCRIMINATOR"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1, \"discriminators\": {\"0.1\": 1}}}}",
     1, 67, "discriminator key \"0.1\" must be LINE.DISCRIMINATOR"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1, \"discriminators\": {\"4.01\": 1}}}}",
     1, 67, "discriminator key \"4.01\" must be LINE.DISCRIMINATOR"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1, \"discriminators\": {\"4.1\": 1, "
     "\"4.0\": 3, \"4.1\": 2}}}}",
     1, 66, "duplicate discriminator key \"4.1\""},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1, \"discriminators\": [1]}}}", 1, 66,
     "\"discriminators\" must be an object"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},\n \"calls\": [\n  {\"caller\": "
     "\"f\", \"callee\": \"f\", \"count\": 1},\n  {\"caller\": \"f\", \"callee\": \"f\", "
     "\"count\": 2}]}",
     4, 3, "duplicate call edge (same caller and callee); the first is at line 3"},
    {"{\"functions\": {}, \"calls\": [{\"caller\": \"f\", \"count\": 1}]}", 1, 29,
     "a call edge has no \"callee\""},
    {"{\"functions\": {}, \"branches\": {\"taken\": 101, \"not_taken\": 0}}", 1, 41,
     "\"taken\" must be a percentage between 0 and 100"},
    {"{\"functions\": {}, \"branches\": {\"taken\": 50}}", 1, 31,
     "\"branches\" has \"taken\" but no \"not_taken\""},
    {"{\"functions\": {}, \"branches\": {\"sites\": [{\"function\": \"f\", \"line\": 3, "
     "\"taken\": 1}]}}",
     1, 42, "a branch site has no \"not_taken\""},
    {"{\"functions\": {}, \"loops\": {\"sites\": [{\"function\": \"f\", \"line\": 3, "
     "\"entries\": 1, \"iterations\": 2},\n {\"function\": \"f\", \"line\": 3, \"entries\": 4, "
     "\"iterations\": 5}]}}",
     2, 2, "duplicate loop site"},
    {"{\"functions\": {}, \"loops\": {\"hot\": [\"a\", 3]}}", 1, 42,
     "a hot loop name must be a string, found a number"},
    {"{\"functions\": {}, \"meta\": {\"mode\": \"guessed\"}}", 1, 36, "unknown mode \"guessed\""},
    {"{\"functions\": {}, \"meta\": {\"runs\": 0}}", 1, 36, "\"runs\" must be at least 1"},
    {"{\"functions\": {}, \"meta\": {\"clock\": \"cycles\"}}", 1, 37,
     "unknown clock \"cycles\" (expected cpu, wall, precise or mixed)"},
    {"{\"functions\": {}, \"meta\": {\"clock\": 1}}", 1, 37, "\"clock\" must be a string"},
    {"{\"functions\": {}, \"meta\": {\"cpu_ns\": -1}}", 1, 38, "\"cpu_ns\""},
    {"{\"functions\": {\"\": {\"calls\": 1, \"time_ns\": 1}}}", 1, 16,
     "a function name must not be empty"},
    {"\xef\xbb\xbf{\"functions\": {}, \"x\": \"\xff\"}", 1, 25, "invalid UTF-8"},
    {"{\"functions\": {\"f\": {\"calls\": 01, \"time_ns\": 1}}}", 1, 31, "invalid number"},
    /* contexts */
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},\n \"contexts\": [{\"parent\": 0, "
     "\"function\": \"f\", \"self_ns\": 1}]}",
     2, 26, "\"parent\" of context 0 must be an earlier context"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},\n \"contexts\": [{\"function\": "
     "\"f\", \"self_ns\": 1}, {\"parent\": 1, \"function\": \"f\", \"self_ns\": 1}]}",
     2, 59, "\"parent\" of context 1 must be an earlier context (below 1), found 1"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},\n \"contexts\": [{\"function\": "
     "\"g\", \"self_ns\": 1}]}",
     2, 28, "context of function \"g\", which is not in \"functions\""},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}}, \"calls\": [{\"caller\": \"f\", "
     "\"callee\": \"g\", \"count\": 1}],\n \"contexts\": [{\"function\": \"g\", \"self_ns\": 1}]}",
     2, 28, "context of function \"g\", which is not in \"functions\""},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},\n \"contexts\": [{\"function\": "
     "\"f\", \"self_ns\": 1},\n  {\"function\": \"f\", \"self_ns\": 2}]}",
     3, 3, "duplicate context (same parent and function); the first is at line 2"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},\n \"contexts\": [{\"function\": "
     "\"f\"}]}",
     2, 15, "a context has no \"self_ns\""},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},\n \"contexts\": [{\"self_ns\": 1}]}",
     2, 15, "a context has no \"function\""},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},\n \"contexts\": {}}", 2, 14,
     "\"contexts\" must be an array, found an object"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},\n \"contexts\": [{\"parent\": -1, "
     "\"function\": \"f\", \"self_ns\": 1}]}",
     2, 26, "\"parent\" must not be negative"},
    {"{\"functions\": {\"f\": {\"calls\": 1, \"time_ns\": 1}},\n \"contexts\": [{\"function\": "
     "\"f\", \"calls\": 1.5, \"self_ns\": 1}]}",
     2, 42, "\"calls\" must be an integer"},
    /* raw control characters between tokens are not JSON white space */
    {"{\x0b\"functions\":{}}", 1, 2, "control character between tokens"},
    {"{\"functions\":\n {}\x01}", 2, 4, "control character between tokens"},
    {"{\"functions\": {}}\x1b[2J", 1, 18, "control character between tokens"},
    /* UTF-16 surrogates come in pairs */
    {"{\"functions\": {\"a\\ud800\": {\"calls\": 1, \"time_ns\": 1}}}", 1, 18,
     "lone UTF-16 high surrogate"},
    {"{\"functions\": {\"a\\ud800\\u0041\": {\"calls\": 1, \"time_ns\": 1}}}", 1, 18,
     "lone UTF-16 high surrogate"},
    {"{\"functions\": {\"ab\\uDFFF\": {\"calls\": 1, \"time_ns\": 1}}}", 1, 19,
     "lone UTF-16 low surrogate"},
    /* a byte that ends the quick path of strings, within its 16 bytes and
     * after them */
    {"{\"functions\": {\"abcdefghij\x01klmnopqrstu\": 1}}", 1, 27,
     "control character in a string must be escaped"},
    {"{\"functions\": {\"abcdefghijklmnop\xffq\": 1}}", 1, 33, "invalid UTF-8"},
    /* digits that the quick path of numbers leaves to the full one */
    {"{\"functions\": {\"f\": {\"calls\": 0123, \"time_ns\": 1}}}", 1, 31, "invalid number"},
};

static void test_bad_inputs(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct error err = tu_load_error(c->json);
		char where[64];

		snprintf(where, sizeof(where), "test.vitprof:%u:%u: error: ", c->line, c->col);
		if (strncmp(err.text, where, strlen(where)) != 0 || !strstr(err.text, c->what))
			fail_msg("case %zu: expected \"%s%s\", got \"%s\"", i, where, c->what,
				 err.text);
		assert_int_not_equal(err.code, STATUS_OK);
	}
}

/* The reader goes through the text once, but the error it gives is the
 * one a reader of the whole document sees first: a later syntax error, a
 * later "version", a later duplicate key in the same object outrank a bad
 * value; warnings of an object refused as a whole are dropped; what names
 * functions may come before "functions". Columns computed by hand. */
static void test_error_ranks(void **state)
{
	static const struct {
		const char *json, *want;
	} cases[] = {
	    {"{\"functions\": {\"a\": {\"calls\": -1, \"time_ns\": 1}}, \"version\": 2}",
	     "test.vitprof:1:62: error: vitprof version 2 is not supported"},
	    {"{\"functions\": {\"a\": {\"calls\": -1, \"time_ns\": 1, \"calls\": 2}}}",
	     "test.vitprof:1:49: error: duplicate key \"calls\" (first at line 1)"},
	    {"{\"functions\": {}, \"calls\": [{\"caller\": \"x\", \"callee\": \"y\", \"count\": 1, "
	     "\"caller\": \"z\"}]}",
	     "test.vitprof:1:72: error: duplicate key \"caller\" (first at line 1)"},
	    {"{\"functions\": {\"a\": 1}} x",
	     "test.vitprof:1:25: error: expected the end of the text after the JSON value"},
	    /* fuzzing: a backslash before a raw newline (an escape of it) */
	    {"{\"functions\": {\"a\\\nb\n\": 1}}",
	     "test.vitprof:2:2: error: control character in a string must be escaped"},
	    /* fuzzing: the first of two functions of one name, not the first function */
	    {"{\"functions\": {\"a\": {\"calls\": 1, \"time_ns\": 1},\n"
	     "\"b\": {\"calls\": 1, \"time_ns\": 1},\n\"b\": {}}}",
	     "test.vitprof:3:1: error: duplicate function \"b\" (first at line 2)"},
	    /* fuzzing: a text that ends in a string whose last quote is escaped */
	    {"{\"functions\": {\"a\\\\\\\"",
	     "test.vitprof:1:22: error: unexpected end of file in a string (truncated?)"},
	    /* fuzzing: a text that ends in a backslash inside a string (read
	     * past the end before) */
	    {"{\"functions\": {\"a\\",
	     "test.vitprof:1:19: error: unexpected end of file in a string (truncated?)"},
	};
	struct profile *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct error err = tu_load_error(cases[i].json);

		if (strncmp(err.text, cases[i].want, strlen(cases[i].want)) != 0)
			fail_msg("case %zu: expected \"%s\", got \"%s\"", i, cases[i].want,
				 err.text);
		assert_string_equal(sb_str(&tu_warnings), "");
	}
	p = tu_load("{\"calls\": [{\"caller\": \"a\", \"callee\": \"b\", \"count\": 1}], "
		    "\"functions\": {\"a\": {\"calls\": 1, \"time_ns\": 1}}}");
	assert_int_equal(p->edges.n, 1);
	assert_int_equal(p->funcs.n, 2);
	assert_false(tu_func(p, "a")->flags & PF_IMPLICIT);
	assert_true(tu_func(p, "b")->flags & PF_IMPLICIT);
	assert_string_equal(sb_str(&tu_warnings),
			    "test.vitprof:1:38: warning: function \"b\" is not in \"functions\"; "
			    "added with zero counters\n");
	profile_free(p);
}

static void test_error_text_is_escaped(void **state)
{
	struct error err = tu_load_error("{\"functions\": {\"\\u001b]0;pwned\\u0007\": {\"calls\": "
					 "1}}}");

	(void)state;
	assert_null(strchr(err.text, '\x1b'));
	assert_null(strchr(err.text, '\x07'));
	assert_non_null(strstr(err.text, "function \"\\x1b]0;pwned\\x07\" has no \"time_ns\""));
}

/* What the loader quotes from the input (a mode, a line key) is escaped
 * too, not only function names (issue 12, item 2). */
static void test_quoted_values_are_escaped(void **state)
{
	struct error err = tu_load_error(
	    "{\"meta\":{\"mode\":\"\\u001b]0;T\\u0007\\u001b[2J\"},\"functions\":{}}");

	(void)state;
	assert_string_equal(err.text, "test.vitprof:1:17: error: unknown mode "
				      "\"\\x1b]0;T\\x07\\x1b[2J\" (expected instrumented, "
				      "sampled, merged or imported)");
	err = tu_load_error("{\"functions\":{\"a\":{\"calls\":1,\"time_ns\":1,\"lines\":{\"\\u001b]"
			    "0;T\\u0007\":1}}}}");
	assert_null(strchr(err.text, '\x1b'));
	assert_non_null(strstr(err.text, "line key \"\\x1b]0;T\\x07\" must be a line number"));
}

static void test_missing_file(void **state)
{
	struct profile *p;
	struct error err;

	(void)state;
	assert_int_equal(loader_load("tests/data/does-not-exist.vitprof", NULL, NULL, &p, &err),
			 STATUS_IO);
	assert_null(p);
	assert_non_null(strstr(err.text, "tests/data/does-not-exist.vitprof: error: cannot open"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_seed_example),
	    cmocka_unit_test(test_full_example),
	    cmocka_unit_test(test_run_meta),
	    cmocka_unit_test(test_contexts),
	    cmocka_unit_test(test_exact_u64),
	    cmocka_unit_test(test_quick_paths_give_way),
	    cmocka_unit_test(test_edge_creates_function),
	    cmocka_unit_test(test_edges_name_their_functions),
	    cmocka_unit_test(test_fields_repeat_strings),
	    cmocka_unit_test(test_self_floored_at_zero),
	    cmocka_unit_test(test_control_characters_in_names),
	    cmocka_unit_test(test_byte_order_mark),
	    cmocka_unit_test(test_unknown_keys_kept),
	    cmocka_unit_test(test_deep_nesting_in_unknown_key),
	    cmocka_unit_test(test_big_inputs),
	    cmocka_unit_test(test_calls_read_ahead),
	    cmocka_unit_test(test_parts_read_ahead),
	    cmocka_unit_test(test_bad_inputs),
	    cmocka_unit_test(test_error_ranks),
	    cmocka_unit_test(test_error_text_is_escaped),
	    cmocka_unit_test(test_quoted_values_are_escaped),
	    cmocka_unit_test(test_missing_file),
	};

	return cmocka_run_group_tests_name("vitprof_read", tests, NULL, NULL);
}

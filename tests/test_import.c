/* test_import.c - the importers: exact values from hand-written inputs and
 * from small files kept from real runs of perf, a located error for bad
 * input of each format, and each format recognised by its content. */
#include "tests/testutil.h"

/* The count of line of function name, or -1 when it has none. */
static long long line_count(const struct profile *p, const char *name, uint32_t line)
{
	const struct pf_function *f = tu_func(p, name);
	uint32_t i;

	for (i = f->lines_at; i < f->lines_at + f->lines_n; i++)
		if (p->lines.v[i].line == line)
			return (long long)p->lines.v[i].count;
	return -1;
}

static const struct pf_branch *branch(const struct profile *p, const char *name, uint32_t line,
				      const char *id)
{
	uint32_t fid = profile_find_function(p, name), i;

	for (i = 0; i < p->branches.n; i++) {
		const struct pf_branch *b = &p->branches.v[i];

		if (b->func == fid && b->line == line &&
		    !strcmp(profile_str(p, b->id), id ? id : ""))
			return b;
	}
	fail_msg("no branch site %s:%u %s", name, line, id ? id : "");
	return NULL;
}

static const char *format_of(const char *text)
{
	const struct loader *l = loader_sniff(text, strlen(text));

	return l ? l->name : "none";
}

/* ---- folded ---- */

static void test_folded(void **state)
{
	struct profile *p = tu_load("main;a;b 5\n"
				    "main;a 3\n"
				    "# a comment, and a blank line\n"
				    "\n"
				    "main;c;b 2\r\n"
				    "main;a;b 1\n"
				    "main;main;a 4\n");

	(void)state;
	assert_int_equal(p->meta.mode, PF_MODE_SAMPLED);
	assert_string_equal(profile_str(p, p->meta.tool), "folded stacks");
	assert_int_equal(p->meta.sample_period_ns, 0);
	assert_int_equal(p->funcs.n, 4);
	/* self samples on the leaf */
	assert_int_equal(tu_func(p, "b")->self_ns, 8);
	assert_int_equal(tu_func(p, "a")->self_ns, 7);
	assert_int_equal(tu_func(p, "c")->self_ns, 0);
	assert_int_equal(tu_func(p, "main")->self_ns, 0);
	/* inclusive: once per stack, also when recursive */
	assert_int_equal(tu_func(p, "main")->time_ns, 15);
	assert_int_equal(tu_func(p, "a")->time_ns, 13);
	assert_int_equal(tu_func(p, "b")->time_ns, 8);
	assert_int_equal(tu_func(p, "main")->calls, 0);
	assert_int_equal(p->edges.n, 5);
	assert_int_equal(tu_edge(p, "main", "a")->count, 13);
	assert_int_equal(tu_edge(p, "a", "b")->count, 6);
	assert_int_equal(tu_edge(p, "c", "b")->count, 2);
	assert_int_equal(tu_edge(p, "main", "c")->count, 2);
	assert_int_equal(tu_edge(p, "main", "main")->count, 4);
	assert_int_equal(profile_total_self(p), 15);
	/* contexts (functions a 0, b 1, c 2, main 3): main; main > a, 3 + 4
	 * (main;main;a folds onto main); main > a > b, 5 + 1; main > c;
	 * main > c > b, 2. No calls: samples. */
	assert_int_equal(p->contexts.n, 5);
	assert_int_equal(p->contexts.v[0].func, 3);
	assert_int_equal(p->contexts.v[0].self_ns, 0);
	assert_int_equal(p->contexts.v[0].time_ns, 15);
	assert_false(p->contexts.v[0].flags & PF_HAS_CALLS);
	assert_int_equal(p->contexts.v[1].func, 0);
	assert_int_equal(p->contexts.v[1].self_ns, 7);
	assert_int_equal(p->contexts.v[1].time_ns, 13);
	assert_int_equal(p->contexts.v[2].func, 1);
	assert_int_equal(p->contexts.v[2].parent, 1);
	assert_int_equal(p->contexts.v[2].self_ns, 6);
	assert_int_equal(p->contexts.v[3].func, 2);
	assert_int_equal(p->contexts.v[3].parent, 0);
	assert_int_equal(p->contexts.v[4].func, 1);
	assert_int_equal(p->contexts.v[4].parent, 3);
	assert_int_equal(p->contexts.v[4].self_ns, 2);
	profile_free(p);
	/* stacks of one frame each: no call chains, no contexts */
	p = tu_load("main 5\nf 3\n");
	assert_int_equal(p->contexts.n, 0);
	profile_free(p);
}

static void test_folded_errors(void **state)
{
	struct error e;

	(void)state;
	e = tu_load_error("main;a 1\nmain;;b 2\n");
	assert_string_equal(e.text, "test.vitprof:2:6: error: empty frame name in the stack");
	e = tu_load_error("main;a 1\nmain;b x2\n");
	assert_string_equal(
	    e.text, "test.vitprof:2:8: error: the sample count must be a non-negative integer");
	e = tu_load_error("main;a 1\nmain;b\n");
	assert_string_equal(e.text, "test.vitprof:2:7: error: expected a sample count after the "
				    "stack (\"a;b;c COUNT\")");
	e = tu_load_error("main;a 1\nmain;b 99999999999999999999\n");
	assert_string_equal(e.text, "test.vitprof:2:8: error: the sample count is above 2^64-1");
	e = tu_load_error("main;\xc3\xa9;\xff 1\n");
	assert_string_equal(e.text, "test.vitprof:1:8: error: invalid UTF-8");
}

/* ---- perf script ---- */

/* Six samples of a real `perf record -g -e cpu-clock` run (one with an
 * unknown frame), counted by hand. */
static void test_perf_script_callchains(void **state)
{
	struct profile *p = tu_load_file("tests/data/import/perf-g.txt");
	bool leaf_seen = false;
	uint32_t i;

	(void)state;
	assert_int_equal(p->meta.mode, PF_MODE_SAMPLED);
	assert_string_equal(profile_str(p, p->meta.tool), "perf script (cpu-clock)");
	assert_int_equal(p->meta.sample_period_ns, 1000000);
	assert_int_equal(p->funcs.n, 10);
	assert_int_equal(tu_func(p, "leaf")->self_ns, 3000000);
	assert_int_equal(tu_func(p, "leaf")->time_ns, 3000000);
	assert_int_equal(tu_func(p, "main")->self_ns, 0);
	assert_int_equal(tu_func(p, "main")->time_ns, 3000000);
	assert_int_equal(tu_func(p, "__libc_start_call_main")->time_ns, 3000000);
	assert_int_equal(tu_func(p, "_dl_start_user")->time_ns, 2000000);
	assert_int_equal(tu_func(p, "brk")->self_ns, 1000000);
	assert_int_equal(tu_func(p, "handle_amd")->self_ns, 1000000);
	assert_int_equal(tu_func(p, "[unknown]")->time_ns, 1000000);
	assert_int_equal(p->edges.n, 7);
	assert_int_equal(tu_edge(p, "main", "leaf")->count, 3);
	assert_int_equal(tu_edge(p, "main", "leaf")->time_ns, 3000000);
	assert_int_equal(tu_edge(p, "__libc_start_call_main", "main")->count, 3);
	assert_int_equal(tu_edge(p, "_dl_start_user", "brk")->count, 1);
	assert_int_equal(tu_edge(p, "dl_main", "_dl_map_object_deps")->count, 1);
	assert_int_equal(tu_edge(p, "[unknown]", "handle_amd")->count, 1);
	assert_int_equal(profile_total_self(p), 6000000);
	/* contexts: the four chains, one per frame: __libc_start_call_main >
	 * main > leaf (3 samples), _dl_start_user > brk and > _dl_sysdep_start
	 * > dl_main > _dl_map_object_deps, [unknown] > handle_amd: 10 */
	assert_int_equal(p->contexts.n, 10);
	for (i = 0; i < p->contexts.n; i++) {
		const struct pf_context *c = &p->contexts.v[i];

		if (c->func != profile_find_function(p, "leaf"))
			continue;
		assert_int_equal(c->self_ns, 3000000);
		assert_int_equal(c->parent, i - 1);
		assert_int_equal(p->contexts.v[i - 1].func, profile_find_function(p, "main"));
		assert_int_equal(p->contexts.v[i - 1].time_ns, 3000000);
		leaf_seen = true;
	}
	assert_true(leaf_seen);
	profile_free(p);
}

/* Five samples without call chains: the frame is on the header line. */
static void test_perf_script_flat(void **state)
{
	struct profile *p = tu_load_file("tests/data/import/perf.txt");

	(void)state;
	assert_int_equal(p->funcs.n, 3);
	assert_int_equal(p->edges.n, 0);
	assert_int_equal(tu_func(p, "leaf")->self_ns, 3000000);
	assert_int_equal(tu_func(p, "dl_main")->self_ns, 1000000);
	assert_int_equal(tu_func(p, "__libc_early_init")->self_ns, 1000000);
	assert_int_equal(p->contexts.n, 0); /* no call chains */
	profile_free(p);
}

/* Other events than cpu-clock and task-clock count samples, not time;
 * [unknown] symbols are named after their module. */
static void test_perf_script_cycles(void **state)
{
	struct profile *p = tu_load("prog 7 1.000001: 250000 cycles:u: \n"
				    "\t 400 f+0x10 (/bin/prog)\n"
				    "\t 500 [unknown] (/usr/lib/libz.so.1)\n"
				    "\n"
				    "prog 7 1.000002: 260000 cycles:u: \n"
				    "\t 400 f+0x10 (/bin/prog)\n"
				    "\t 500 [unknown] (/usr/lib/libz.so.1)\n");

	(void)state;
	assert_string_equal(profile_str(p, p->meta.tool), "perf script (cycles)");
	assert_int_equal(p->meta.sample_period_ns, 0);
	assert_int_equal(tu_func(p, "f")->self_ns, 2);
	assert_int_equal(tu_edge(p, "[libz.so.1]", "f")->count, 2);
	profile_free(p);
}

static void test_perf_script_errors(void **state)
{
	struct error e;

	(void)state;
	e = tu_load_error("prog 7 1.000001: 1000 cpu-clock: \n"
			  "\t 400 f+0x10 (/bin/prog)\n"
			  "\tnot-an-address f\n");
	assert_string_equal(e.text,
			    "test.vitprof:3:2: error: expected a frame: ADDRESS SYMBOL (DSO)");
	e = tu_load_error("prog 7 1.000001: 1000 cpu-clock: \n"
			  "\n"
			  "garbage here\n");
	assert_string_equal(e.text, "test.vitprof:3:1: error: expected a sample: COMM PID TIME: "
				    "[PERIOD] EVENT: (perf script's default output)");
}

/* ---- gcov JSON ---- */

static const char gcov_json[] =
    "{\"gcc_version\": \"12.2.0\", \"format_version\": \"1\", \"files\": [\n"
    " {\"file\": \"a.c\", \"functions\": [\n"
    "   {\"name\": \"_Z1fv\", \"demangled_name\": \"f()\", \"start_line\": 2, \"end_line\": 9,\n"
    "    \"execution_count\": 4},\n"
    "   {\"name\": \"helper\", \"start_line\": 11, \"end_line\": 14, \"execution_count\": 7}],\n"
    "  \"lines\": [\n"
    "   {\"line_number\": 1, \"count\": 1, \"branches\": []},\n"
    "   {\"line_number\": 3, \"count\": 4, \"branches\": [\n"
    "     {\"count\": 3, \"fallthrough\": true, \"throw\": false},\n"
    "     {\"count\": 1, \"fallthrough\": false, \"throw\": false}]},\n"
    "   {\"line_number\": 5, \"count\": 4, \"branches\": [\n"
    "     {\"count\": 1, \"fallthrough\": false}, {\"count\": 3, \"fallthrough\": true},\n"
    "     {\"count\": 2, \"fallthrough\": true}, {\"count\": 1, \"fallthrough\": false},\n"
    "     {\"count\": 9, \"fallthrough\": false, \"throw\": true}]},\n"
    "   {\"line_number\": 7, \"count\": 4, \"branches\": [\n"
    "     {\"count\": 1, \"fallthrough\": false}, {\"count\": 2, \"fallthrough\": false},\n"
    "     {\"count\": 1, \"fallthrough\": false}]},\n"
    "   {\"line_number\": 12, \"count\": 18446744073709551615}]},\n"
    " {\"file\": \"b.c\", \"functions\": [\n"
    "   {\"name\": \"helper\", \"start_line\": 1, \"end_line\": 3, \"execution_count\": 2}],\n"
    "  \"lines\": [{\"line_number\": 2, \"count\": 2}]}]}\n";

static void test_gcov(void **state)
{
	struct profile *p = tu_load(gcov_json);
	const struct pf_branch *b;

	(void)state;
	assert_int_equal(p->meta.mode, PF_MODE_IMPORTED);
	assert_string_equal(profile_str(p, p->meta.tool), "gcov JSON (gcc 12.2.0)");
	assert_int_equal(p->funcs.n, 3);
	assert_int_equal(tu_func(p, "f()")->calls, 4);
	assert_int_equal(tu_func(p, "f()")->line, 2);
	assert_string_equal(profile_str(p, tu_func(p, "f()")->file), "a.c");
	/* two files define helper: each is named after its file */
	assert_int_equal(tu_func(p, "a.c:helper")->calls, 7);
	assert_int_equal(tu_func(p, "b.c:helper")->calls, 2);
	/* lines by range; line 1 is outside every function */
	assert_int_equal(line_count(p, "f()", 3), 4);
	assert_int_equal(line_count(p, "f()", 1), -1);
	assert_true(line_count(p, "a.c:helper", 12) == -1 ||
		    (uint64_t)line_count(p, "a.c:helper", 12) == UINT64_MAX);
	assert_int_equal(line_count(p, "b.c:helper", 2), 2);
	/* two arcs: taken is the jump */
	b = branch(p, "f()", 3, NULL);
	assert_int_equal(b->taken, 1);
	assert_int_equal(b->not_taken, 3);
	/* pairs (the throw arc left out) */
	b = branch(p, "f()", 5, "b0");
	assert_int_equal(b->taken, 1);
	assert_int_equal(b->not_taken, 3);
	b = branch(p, "f()", 5, "b1");
	assert_int_equal(b->taken, 1);
	assert_int_equal(b->not_taken, 2);
	/* a switch: one site per arc */
	b = branch(p, "f()", 7, "arc1");
	assert_int_equal(b->taken, 2);
	assert_int_equal(b->not_taken, 2);
	assert_int_equal(p->branches.n, 6);
	assert_non_null(strstr(sb_str(&tu_warnings), "test.vitprof:2:2: warning: 1 line count of "
						     "\"a.c\" is outside every function; dropped"));
	profile_free(p);
	/* the same split in two documents, one per line: the same profile */
	p = tu_load("{\"gcc_version\": \"12\", \"format_version\": \"1\", \"files\": [{\"file\": "
		    "\"a.c\", \"functions\": [{\"name\": \"helper\", \"start_line\": 1, "
		    "\"end_line\": 3, \"execution_count\": 7}]}]}\n"
		    "{\"gcc_version\": \"12\", \"format_version\": \"1\", \"files\": [{\"file\": "
		    "\"b.c\", \"functions\": [{\"name\": \"helper\", \"start_line\": 1, "
		    "\"end_line\": 3, \"execution_count\": 2}], \"lines\": [{\"line_number\": 2, "
		    "\"count\": 2}]}]}\n");
	assert_int_equal(p->funcs.n, 2);
	assert_int_equal(tu_func(p, "a.c:helper")->calls, 7);
	assert_int_equal(line_count(p, "b.c:helper", 2), 2);
	profile_free(p);
}

static void test_gcov_errors(void **state)
{
	struct error e;

	(void)state;
	e = tu_load_error("{\"gcc_version\": \"15\", \"format_version\": \"3\", \"files\": []}");
	assert_int_equal(e.code, STATUS_VERSION);
	assert_string_equal(e.text,
			    "test.vitprof:1:41: error: gcov JSON format_version \"3\" is not "
			    "supported (this vitte-pgo reads versions 1 and 2, GCC 9 to 14)");
	e = tu_load_error("{\"gcc_version\": \"12\", \"format_version\": \"1\", \"files\": [\n"
			  " {\"file\": \"a.c\", \"functions\": [\n"
			  "   {\"name\": \"f\", \"start_line\": 2, \"end_line\": 9,\n"
			  "    \"execution_count\": 1.5}]}]}");
	assert_string_equal(
	    e.text, "test.vitprof:4:24: error: \"execution_count\" must be an integer, found 1.5");
	e = tu_load_error("{\"gcc_version\": \"12\", \"format_version\": \"1\", \"files\": [\n"
			  " {\"file\": \"a.c\", \"functions\": [{\"name\": \"f\"}]}]}");
	assert_string_equal(e.text, "test.vitprof:2:32: error: a function has no \"start_line\"");
	/* one document per line (gcov --stdout with several sources) */
	e = tu_load_error("{\"gcc_version\": \"12\", \"format_version\": \"1\", \"files\": []}\n"
			  "\n"
			  "{\"gcc_version\": \"12\", \"format_version\": \"1\", \"files\": 3}\n");
	assert_string_equal(e.text, "test.vitprof:3:55: error: \"files\" must be an array, found a "
				    "number");
	e = tu_load_error("{\"gcc_version\": \"12\", \"format_version\": \"1\", \"files\": [\n");
	assert_int_equal(e.code, STATUS_SYNTAX);
	assert_memory_equal(e.text, "test.vitprof:2:1: error: ", 25);
}

/* ---- llvm-cov export ---- */

static const char llvm_json[] =
    "{\"data\":[{\"files\":[],\"functions\":[\n"
    " {\"name\":\"main\",\"count\":1,\"filenames\":[\"/src/p.c\"],\n"
    "  \"regions\":[[7,1,20,2,1,0,0,0],[10,14,10,20,11,0,0,0],[10,22,10,25,10,0,0,0],\n"
    "             [10,26,10,27,10,0,0,3],[10,27,15,3,10,0,0,0],[12,15,14,4,7,0,0,3],\n"
    "             [13,1,13,9,5,1,0,0],[16,1,16,2,0,0,0,2]],\n"
    "  \"branches\":[[10,14,10,20,10,1,0,0,4],[13,3,13,4,9,9,1,0,4]]},\n"
    " {\"name\":\"p.c:sq\",\"count\":3,\"filenames\":[\"/src/p.c\"],\n"
    "  \"regions\":[[3,1,5,2,3,0,0,0]],\"branches\":[]},\n"
    " {\"name\":\"q.c:dup\",\"count\":1,\"filenames\":[\"/src/q.c\"],\"regions\":[]},\n"
    " {\"name\":\"r.c:dup\",\"count\":2,\"filenames\":[\"/src/r.c\"],\"regions\":[]},\n"
    " {\"name\":\"ns::g\",\"count\":5,\"filenames\":[\"/src/g.cc\"],\"regions\":[]}]}],\n"
    " \"type\":\"llvm.coverage.json.export\",\"version\":\"2.0.1\"}\n";

static void test_llvm_cov(void **state)
{
	struct profile *p = tu_load(llvm_json);
	const struct pf_branch *b;

	(void)state;
	assert_int_equal(p->meta.mode, PF_MODE_IMPORTED);
	assert_string_equal(profile_str(p, p->meta.tool), "llvm-cov export 2.0.1");
	assert_int_equal(p->funcs.n, 5);
	assert_int_equal(tu_func(p, "main")->calls, 1);
	assert_int_equal(tu_func(p, "main")->line, 7);
	assert_string_equal(profile_str(p, tu_func(p, "main")->file), "/src/p.c");
	/* the static sq loses llvm's "p.c:"; two dups keep theirs */
	assert_int_equal(tu_func(p, "sq")->calls, 3);
	assert_int_equal(tu_func(p, "q.c:dup")->calls, 1);
	assert_int_equal(tu_func(p, "r.c:dup")->calls, 2);
	assert_int_equal(tu_func(p, "ns::g")->calls, 5);
	/* the largest code region starting on a line; gaps, skipped code and
	 * expansions (file id 1) left out */
	assert_int_equal(line_count(p, "main", 10), 11);
	assert_int_equal(line_count(p, "main", 7), 1);
	assert_int_equal(line_count(p, "main", 12), -1);
	assert_int_equal(line_count(p, "main", 13), -1);
	assert_int_equal(line_count(p, "main", 16), -1);
	assert_int_equal(line_count(p, "sq", 3), 3);
	assert_int_equal(p->branches.n, 1);
	b = branch(p, "main", 10, NULL);
	assert_int_equal(b->column, 14);
	assert_int_equal(b->taken, 10);
	assert_int_equal(b->not_taken, 1);
	profile_free(p);
}

static void test_llvm_cov_errors(void **state)
{
	struct error e;

	(void)state;
	e = tu_load_error(
	    "{\"data\":[],\"type\":\"llvm.coverage.json.export\",\"version\":\"1.0\"}");
	assert_int_equal(e.code, STATUS_VERSION);
	assert_string_equal(e.text,
			    "test.vitprof:1:57: error: llvm-cov export version \"1.0\" is not "
			    "supported (this vitte-pgo reads versions 2.x and 3.x)");
	e = tu_load_error("{\"data\":[{\"functions\":[\n"
			  " {\"name\":\"main\",\"count\":1,\"regions\":[[7,1,20]]}]}],\n"
			  " \"type\":\"llvm.coverage.json.export\",\"version\":\"2.0.1\"}");
	assert_string_equal(e.text,
			    "test.vitprof:2:38: error: a region must have 8 numbers, found 3");
	e = tu_load_error("{\"data\":[{\"functions\":[\n"
			  " {\"name\":\"main\",\"count\":-1,\"regions\":[]}]}],\n"
			  " \"type\":\"llvm.coverage.json.export\",\"version\":\"2.0.1\"}");
	assert_string_equal(
	    e.text,
	    "test.vitprof:2:25: error: a function's \"count\" must not be negative, found -1");
}

/* ---- LLVM sample profile, text ---- */

static void test_sample_text(void **state)
{
	struct profile *p = tu_load_file("tests/data/import/sample-prof.txt");

	(void)state;
	assert_int_equal(p->meta.mode, PF_MODE_SAMPLED);
	assert_string_equal(profile_str(p, p->meta.tool), "LLVM sample profile (text)");
	assert_int_equal(p->funcs.n, 4);
	/* calls = head samples, time = total samples, less inlined ones for self */
	assert_int_equal(tu_func(p, "_Z3bari")->calls, 1437);
	assert_int_equal(tu_func(p, "_Z3bari")->time_ns, 20301);
	assert_int_equal(tu_func(p, "main")->calls, 0);
	assert_int_equal(tu_func(p, "main")->time_ns, 184019);
	assert_int_equal(tu_func(p, "main")->self_ns, 184019 - 1000);
	assert_int_equal(tu_func(p, "inline1")->time_ns, 1000);
	assert_false(tu_func(p, "main")->flags & PF_HAS_LINE);
	/* offsets as lines from 1; the most of a line's discriminators */
	assert_int_equal(line_count(p, "main", 5), 535);
	assert_int_equal(line_count(p, "main", 6), 1075);
	assert_int_equal(line_count(p, "main", 12), 7);
	assert_int_equal(line_count(p, "inline1", 2), 1000);
	assert_int_equal(line_count(p, "main", 11), -1);
	assert_int_equal(tu_edge(p, "main", "_Z3bari")->count, 1471);
	assert_false(tu_edge(p, "main", "_Z3bari")->flags & PF_HAS_TIME);
	assert_int_equal(tu_edge(p, "main", "_Z3fooi")->count, 631);
	assert_int_equal(tu_edge(p, "main", "inline1")->count, 1000);
	assert_int_equal(tu_edge(p, "main", "inline1")->time_ns, 1000);
	profile_free(p);
}

static void test_sample_text_errors(void **state)
{
	struct error e;

	(void)state;
	e = tu_load_error("main:10:2\n 1: 5\n x: 3\n");
	assert_string_equal(
	    e.text, "test.vitprof:3:2: error: expected a line offset: OFFSET[.DISCRIMINATOR]");
	e = tu_load_error("main:10:2\n 1: 5 foo\n");
	assert_string_equal(e.text, "test.vitprof:2:7: error: expected a call target: NAME:CALLS");
	e = tu_load_error("main:10:2\nf:1:x\n");
	assert_string_equal(
	    e.text,
	    "test.vitprof:2:5: error: expected a function: NAME:TOTAL_SAMPLES:HEAD_SAMPLES");
	e = tu_load_error("main:10:2\n 1:\n");
	assert_string_equal(e.text, "test.vitprof:2:4: error: expected SAMPLES after the offset");
}

/* Each format is recognised by its content; vitprof still is. */
static void test_sniff(void **state)
{
	char *perf = tu_read_file("tests/data/import/perf-g.txt");
	char *flat = tu_read_file("tests/data/import/perf.txt");
	char *seed = tu_read_file("examples/seed.vitprof");

	(void)state;
	assert_string_equal(format_of(gcov_json), "gcov");
	assert_string_equal(format_of("\x1f\x8b\x08"), "gcov");
	assert_string_equal(format_of(llvm_json), "llvm-cov");
	assert_string_equal(format_of("main;a 1\n"), "folded");
	assert_string_equal(format_of("main:10:2\n 1: 5\n"), "sample-text");
	assert_string_equal(format_of(perf), "perf-script");
	assert_string_equal(format_of(flat), "perf-script");
	assert_string_equal(format_of(seed), "vitprof");
	assert_string_equal(format_of("hello\n"), "none");
	assert_string_equal(format_of(""), "none");
	free(perf);
	free(flat);
	free(seed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_folded),
	    cmocka_unit_test(test_folded_errors),
	    cmocka_unit_test(test_perf_script_callchains),
	    cmocka_unit_test(test_perf_script_flat),
	    cmocka_unit_test(test_perf_script_cycles),
	    cmocka_unit_test(test_perf_script_errors),
	    cmocka_unit_test(test_gcov),
	    cmocka_unit_test(test_gcov_errors),
	    cmocka_unit_test(test_llvm_cov),
	    cmocka_unit_test(test_llvm_cov_errors),
	    cmocka_unit_test(test_sample_text),
	    cmocka_unit_test(test_sample_text_errors),
	    cmocka_unit_test(test_sniff),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	sb_free(&tu_warnings);
	return rc;
}

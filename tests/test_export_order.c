/* test_export_order.c - the order, order-sections and folded exporters:
 * exact outputs worked out by hand, and the ordering files fed to the real
 * linkers (ld.lld, GNU gold) on a small C program. */
#define _GNU_SOURCE /* mkdtemp */
#include "tests/testutil.h"

#include <inttypes.h>
#include <unistd.h>

#include "analysis/exporters.h"
#include "analysis/hotspots.h"
#include "analysis/order.h"

/* The text of p in format name (caller frees). */
static char *export_text(const struct profile *p, const char *name)
{
	const struct exporter *ex = exporter_find(name);
	struct strbuf sb = STRBUF_INIT;
	struct error err;

	assert_non_null(ex);
	assert_int_equal(ex->write(p, &sb, &err), STATUS_OK);
	return sb_detach(&sb, NULL);
}

static void assert_export(const struct profile *p, const char *name, const char *want)
{
	char *got = export_text(p, name);

	assert_string_equal(got, want);
	free(got);
}

/* Ranks (self, total 1000): a 0, b 1, c 2 hot (shares before 0, .5, .8);
 * d 3 warm (.95); e 4, f 5, "h i" 6 cold (.995, .999, 1); g never ran.
 * All edge counts: 1029, so 1 % is 10.29. By count: b->e 1000 joins cold
 * e to hot b (1000 >= 10.29): [b e]; a->b 10: [a b e]; then the count-5
 * edges by canonical order: a->c joins c at the end: [a b e c]; b->c: c
 * heads no chain; c->d: warm d is colder than the chain and 5 < 10.29, no;
 * a->a is a self-call; a->f 1 < 10.29, no. "h i" cannot be a symbol. */
static const char *const chain_json = "{'functions': {"
				      " 'a': {'calls': 1, 'time_ns': 1000, 'self_ns': 500},"
				      " 'b': {'calls': 10, 'time_ns': 300, 'self_ns': 300},"
				      " 'c': {'calls': 10, 'time_ns': 150, 'self_ns': 150},"
				      " 'd': {'calls': 5, 'time_ns': 45, 'self_ns': 45},"
				      " 'e': {'calls': 1000, 'time_ns': 4, 'self_ns': 4},"
				      " 'f': {'calls': 1, 'time_ns': 1, 'self_ns': 1},"
				      " 'g': {'calls': 0, 'time_ns': 0},"
				      " 'h i': {'calls': 1, 'time_ns': 0}},"
				      " 'calls': ["
				      "  {'caller': 'a', 'callee': 'b', 'count': 10},"
				      "  {'caller': 'a', 'callee': 'c', 'count': 5},"
				      "  {'caller': 'b', 'callee': 'c', 'count': 5},"
				      "  {'caller': 'b', 'callee': 'e', 'count': 1000},"
				      "  {'caller': 'a', 'callee': 'f', 'count': 1},"
				      "  {'caller': 'c', 'callee': 'd', 'count': 5},"
				      "  {'caller': 'a', 'callee': 'a', 'count': 3}]}";

static void test_order_chains(void **state)
{
	struct profile *p = tu_load_q(chain_json);
	struct strbuf notes = STRBUF_INIT;

	(void)state;
	assert_export(p, "order", "a\nb\ne\nc\nd\nf\n");
	exporter_order.notes(p, &notes);
	assert_string_equal(sb_str(&notes),
			    "left out 1 function whose name cannot be a linker symbol (whitespace, "
			    "control or glob characters), such as \"h i\"\n");
	sb_free(&notes);
	assert_export(p, "order-sections",
		      ".text.a\n.text.hot.a\n.text.unlikely.a\n.text.startup.a\n"
		      ".text.b\n.text.hot.b\n.text.unlikely.b\n.text.startup.b\n"
		      ".text.e\n.text.hot.e\n.text.unlikely.e\n.text.startup.e\n"
		      ".text.c\n.text.hot.c\n.text.unlikely.c\n.text.startup.c\n"
		      ".text.d\n.text.hot.d\n.text.unlikely.d\n.text.startup.d\n"
		      ".text.f\n.text.hot.f\n.text.unlikely.f\n.text.startup.f\n");
	profile_free(p);
}

/* examples/full.vitprof: compute, engine::step, main::loop hot; parse warm;
 * main, add cold; io::flush never called. Hot edges by count: main::loop
 * -> engine::step (300, 18 ms) before engine::step -> compute (300,
 * 11.95 ms): [main::loop engine::step compute]; compute -> add (152343 of
 * 152947 calls) brings cold add after compute; main -> parse and main ->
 * main::loop would bring warm or hot callees under cold main: no. */
static void test_order_full_example(void **state)
{
	struct profile *p = tu_load_file("examples/full.vitprof");

	(void)state;
	assert_export(p, "order", "main::loop\nengine::step\ncompute\nadd\nparse\nmain\n");
	profile_free(p);
}

/* Without a cross-class join, the order lists the functions class by
 * class, as analysis/hotspots.c classes them. */
static void test_order_classes_agree_with_hotspots(void **state)
{
	struct profile *p =
	    tu_load_q("{'functions': {'a': {'calls': 1, 'self_ns': 89, 'time_ns': 89},"
		      " 'b': {'calls': 1, 'self_ns': 1, 'time_ns': 1},"
		      " 'c': {'calls': 1, 'self_ns': 9, 'time_ns': 9},"
		      " 'd': {'calls': 1, 'self_ns': 1, 'time_ns': 1}}}");
	struct hotspots h;
	char *got = export_text(p, "order"), want[64] = "";
	uint32_t i;

	(void)state;
	hotspots_compute(p, NULL, &h);
	for (i = 0; i < h.n; i++) {
		strcat(want, profile_str(p, p->funcs.v[h.v[i].func].name));
		strcat(want, "\n");
	}
	/* a hot; c hot (89 % before); b warm (98 %); d cold (99 %) */
	assert_int_equal(h.v[1].cls, HOT_CLASS_HOT);
	assert_int_equal(h.v[2].cls, HOT_CLASS_WARM);
	assert_int_equal(h.v[3].cls, HOT_CLASS_COLD);
	assert_string_equal(got, want);
	assert_string_equal(got, "a\nc\nb\nd\n");
	hotspots_free(&h);
	free(got);
	profile_free(p);
}

/* A sampled profile cannot count calls: what has time ran. */
static void test_order_sampled(void **state)
{
	struct profile *p = tu_load_q(
	    "{'meta': {'mode': 'sampled', 'sample_period_ns': 10},"
	    " 'functions': {'x': {'calls': 0, 'time_ns': 30, 'self_ns': 10},"
	    " 'y': {'calls': 0, 'time_ns': 20, 'self_ns': 20}, 'z': {'calls': 0, 'time_ns': 0}},"
	    " 'calls': [{'caller': 'x', 'callee': 'y', 'count': 0, 'time_ns': 20}]}");

	(void)state;
	/* y (rank 0) and x (1) are hot, but only x -> y can join them: [x y] */
	assert_export(p, "order", "x\ny\n");
	profile_free(p);
}

/* Copies of a static function (named by their unit in the profile) are
 * the one local symbol name the linker matches: "mix", written once, where
 * the best-ranked copy is. By self time (total 100): a.c:mix 50, main 30,
 * b.c:mix 20 hot (shares before 0, .5, .8), x 0 cold (1). */
static void test_order_static_copies(void **state)
{
	struct profile *p =
	    tu_load_q("{'functions': {'a.c:mix': {'calls': 1, 'time_ns': 50, 'self_ns': 50},"
		      " 'main': {'calls': 1, 'time_ns': 30, 'self_ns': 30},"
		      " 'b.c:mix': {'calls': 1, 'time_ns': 20, 'self_ns': 20},"
		      " 'h.h:x@+0x10': {'calls': 1, 'time_ns': 0, 'self_ns': 0}}}");

	(void)state;
	assert_export(p, "order", "mix\nmain\nx\n");
	assert_export(p, "order-sections",
		      ".text.mix\n.text.hot.mix\n.text.unlikely.mix\n.text.startup.mix\n"
		      ".text.main\n.text.hot.main\n.text.unlikely.main\n.text.startup.main\n"
		      ".text.x\n.text.hot.x\n.text.unlikely.x\n.text.startup.x\n");
	profile_free(p);
}

/* ---- the real linkers ---- */

/* The functions of chain_json in the reverse of the order file's order. */
static const char *const program_c =
    "#define F(n, k) __attribute__((noinline)) int n(int x) { return x * k + 1; }\n"
    "F(f, 3)\nF(e, 5)\nF(d, 7)\nF(c, 11)\nF(b, 13)\nF(a, 17)\n"
    "int main(int argc, char **argv)\n"
    "{\n\t(void)argv;\n"
    "\treturn (a(argc) + b(argc) + c(argc) + d(argc) + e(argc) + f(argc)) & 1;\n}\n";

struct scratch {
	char dir[64];
};

static void scratch_write(const struct scratch *s, const char *name, const char *text)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", s->dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* Run a shell command in the scratch directory; its exit status. */
static int scratch_run(const struct scratch *s, const char *line)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "cd '%s' && %s", s->dir, line);
	return system(cmd);
}

static void scratch_remove(const struct scratch *s)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
	assert_int_equal(system(cmd), 0);
}

/* The text-symbol names of prog among want[], in address order (nm -n). */
static void scratch_nm_order(const struct scratch *s, const char *const *want, size_t n, char *out,
			     size_t outsz)
{
	char cmd[256], addr[64], type[8], name[128];
	FILE *fp;
	size_t i;

	snprintf(cmd, sizeof(cmd), "nm -n %s/prog", s->dir);
	fp = popen(cmd, "r");
	out[0] = '\0';
	while (fp && fscanf(fp, "%63s %7s %127s", addr, type, name) == 3) {
		if (strcmp(type, "T") != 0 && strcmp(type, "t") != 0)
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(name, want[i]) == 0 && strlen(out) + strlen(name) + 2 < outsz) {
				strcat(out, name);
				strcat(out, " ");
			}
	}
	if (fp)
		pclose(fp);
}

static bool have_tool(const char *name)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

/* Compile program_c with -ffunction-sections, export chain_json as fmt to
 * ORDER, link with link_cmd (given ORDER), return the nm order of the
 * functions and main. Skips when a tool is missing. */
static void link_with_order(const char *fmt, const char *linker, const char *link_cmd, char *out,
			    size_t outsz)
{
	static const char *const names[] = {"a", "b", "c", "d", "e", "f", "main"};
	struct scratch s;
	struct profile *p;
	char *order;
	int cc, ld;

	if (!have_tool("clang") || !have_tool(linker) || !have_tool("nm")) {
		printf("[  SKIPPED ] clang, %s or nm is not installed\n", linker);
		skip();
	}
	strcpy(s.dir, "/tmp/vitte-order.XXXXXX");
	assert_non_null(mkdtemp(s.dir));
	p = tu_load_q(chain_json);
	order = export_text(p, fmt);
	scratch_write(&s, "prog.c", program_c);
	scratch_write(&s, "ORDER", order);
	cc = scratch_run(&s, "clang -O2 -ffunction-sections -c prog.c");
	ld = cc == 0 ? scratch_run(&s, link_cmd) : -1;
	scratch_nm_order(&s, names, sizeof(names) / sizeof(names[0]), out, outsz);
	scratch_remove(&s); /* before any assertion can leave */
	free(order);
	profile_free(p);
	assert_int_equal(cc, 0);
	assert_int_equal(ld, 0);
}

/* ld.lld places the listed symbols first, in the file's order; main, not
 * listed, after them. In the source they are in the reverse order. */
static void test_order_with_lld(void **state)
{
	char got[128];

	(void)state;
	link_with_order("order", "ld.lld",
			"clang -fuse-ld=lld -Wl,--symbol-ordering-file=ORDER -o prog prog.o", got,
			sizeof(got));
	assert_string_equal(got, "a b e c d f main ");
}

/* GNU gold, with the .text.NAME patterns: the listed sections in the
 * file's order (gold puts main, not listed, before them). */
static void test_order_sections_with_gold(void **state)
{
	char got[128], *m;

	(void)state;
	link_with_order("order-sections", "ld.gold",
			"clang -fuse-ld=gold -Wl,--section-ordering-file=ORDER -o prog prog.o", got,
			sizeof(got));
	m = strstr(got, "main ");
	assert_non_null(m);
	memmove(m, m + 5, strlen(m + 5) + 1);
	assert_string_equal(got, "a b e c d f ");
}

/* ---- folded ---- */

/* The sum of the weights of a folded text. */
static uint64_t folded_sum(const char *text, uint32_t *lines)
{
	uint64_t sum = 0;
	const char *nl;

	*lines = 0;
	for (; *text; text = nl + 1) {
		nl = strchr(text, '\n');
		assert_non_null(nl);
		sum += strtoull(memrchr(text, ' ', (size_t)(nl - text)), NULL, 10);
		(*lines)++;
	}
	return sum;
}

/* examples/full.vitprof by time. compute's self 11910011 ns splits over
 * its callers by edge time: 53221 and 11950000 of 12003221 -> 52807.72
 * and 11857203.28, in integers 52808 and 11857203; add's 93210 the same
 * way: 413.28 and 92796.72 -> 413 and 92797. */
static void test_folded_full_example(void **state)
{
	struct profile *p = tu_load_file("examples/full.vitprof");
	char *got = export_text(p, "folded");
	uint32_t n;

	(void)state;
	assert_string_equal(got, "main 100000\n"
				 "main;main::loop 1446779\n"
				 "main;main::loop;compute 52808\n"
				 "main;main::loop;compute;add 413\n"
				 "main;main::loop;engine::step 6050000\n"
				 "main;main::loop;engine::step;compute 11857203\n"
				 "main;main::loop;engine::step;compute;add 92797\n"
				 "main;parse 400000\n");
	assert_int_equal(folded_sum(got, &n), profile_total_self(p));
	assert_int_equal(profile_total_self(p), 20000000);
	free(got);
	profile_free(p);
}

/* No time at all: weights are calls, shares by count (z: 3 of 6 from
 * each of x and y). */
static void test_folded_counts_only(void **state)
{
	struct profile *p = tu_load_q(
	    "{'functions': {'m': {'calls': 1, 'time_ns': 0}, 'x': {'calls': 4, 'time_ns': 0},"
	    " 'y': {'calls': 2, 'time_ns': 0}, 'z': {'calls': 6, 'time_ns': 0}},"
	    " 'calls': [{'caller': 'm', 'callee': 'x', 'count': 4},"
	    " {'caller': 'm', 'callee': 'y', 'count': 2},"
	    " {'caller': 'x', 'callee': 'z', 'count': 3},"
	    " {'caller': 'y', 'callee': 'z', 'count': 3}]}");

	(void)state;
	assert_export(p, "folded", "m 1\nm;x 4\nm;x;z 3\nm;y 2\nm;y;z 3\n");
	profile_free(p);
}

/* a's callers by time: main 100 and b 40 of 140, so the path main;a
 * holds 5/7 of a (35.7 -> 36 of 50) and main;a;b 5/7 of b (28.6 -> 29 of
 * 40); main;a;b;a is cut (a is on the stack) and a's self-call ignored.
 * What the cut kept off every stack is "[unknown];f": 14 and 11, so the
 * sum is still the total, 100. */
static void test_folded_recursion_cut(void **state)
{
	struct profile *p =
	    tu_load_q("{'functions': {'main': {'calls': 1, 'time_ns': 100, 'self_ns': 10},"
		      " 'a': {'calls': 7, 'time_ns': 90, 'self_ns': 50},"
		      " 'b': {'calls': 2, 'time_ns': 80, 'self_ns': 40}},"
		      " 'calls': [{'caller': 'main', 'callee': 'a', 'count': 1, 'time_ns': 100},"
		      " {'caller': 'a', 'callee': 'b', 'count': 2, 'time_ns': 80},"
		      " {'caller': 'b', 'callee': 'a', 'count': 1, 'time_ns': 40},"
		      " {'caller': 'a', 'callee': 'a', 'count': 5, 'time_ns': 30}]}");
	char *got = export_text(p, "folded");
	uint32_t n;

	(void)state;
	assert_string_equal(got,
			    "[unknown];a 14\n[unknown];b 11\nmain 10\nmain;a 36\nmain;a;b 29\n");
	assert_int_equal(folded_sum(got, &n), 100);
	free(got);
	profile_free(p);
}

/* A cycle nobody else calls starts from its member with the most time. */
static void test_folded_lone_cycle(void **state)
{
	struct profile *p =
	    tu_load_q("{'functions': {'p': {'calls': 1, 'time_ns': 50, 'self_ns': 30},"
		      " 'q': {'calls': 1, 'time_ns': 45, 'self_ns': 20}},"
		      " 'calls': [{'caller': 'p', 'callee': 'q', 'count': 1, 'time_ns': 45},"
		      " {'caller': 'q', 'callee': 'p', 'count': 1, 'time_ns': 5}]}");

	(void)state;
	assert_export(p, "folded", "p 30\np;q 20\n");
	profile_free(p);
}

/* A chain of 70 calls: stacks stop at 64 frames, the 6 deeper functions
 * go to "[unknown]" (not made roots); the sum stays 70. */
static void test_folded_depth_bound(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct profile *p;
	char *got;
	uint32_t i, n;

	(void)state;
	sb_adds(&sb, "{'functions': {");
	for (i = 0; i < 70; i++)
		sb_addf(&sb, "%s'f%02u': {'calls': 1, 'time_ns': %u, 'self_ns': 1}", i ? ", " : "",
			i, 70 - i);
	sb_adds(&sb, "}, 'calls': [");
	for (i = 0; i + 1 < 70; i++)
		sb_addf(&sb, "%s{'caller': 'f%02u', 'callee': 'f%02u', 'count': 1, 'time_ns': %u}",
			i ? ", " : "", i, i + 1, 69 - i);
	sb_adds(&sb, "]}");
	p = tu_load_q(sb_str(&sb));
	got = export_text(p, "folded");
	assert_int_equal(folded_sum(got, &n), 70);
	assert_int_equal(n, 70);
	assert_non_null(strstr(got, "[unknown];f64 1\n"));
	assert_non_null(strstr(got, "[unknown];f69 1\n"));
	assert_non_null(strstr(got, "\nf00;f01;f02;f03;f04;f05;f06;f07;f08;f09;f10;f11;f12;f13;f14;"
				    "f15;f16;f17;f18;f19;f20;f21;f22;f23;f24;f25;f26;f27;f28;f29;"
				    "f30;f31;f32;f33;f34;f35;f36;f37;f38;f39;f40;f41;f42;f43;f44;"
				    "f45;f46;f47;f48;f49;f50;f51;f52;f53;f54;f55;f56;f57;f58;f59;"
				    "f60;f61;f62;f63 1\n"));
	assert_null(strstr(got, "f63;f64"));
	free(got);
	sb_free(&sb);
	profile_free(p);
}

/* 17 diamonds in a row: 2^17 paths to the last function, more than the
 * bound of 100000 stacks; what is left goes to "[unknown]", the sum is
 * kept. */
static void test_folded_size_bound(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct profile *p;
	char *got;
	uint32_t i, n;
	uint64_t total;

	(void)state;
	sb_adds(&sb, "{'functions': {'l00': {'calls': 1, 'time_ns': 1, 'self_ns': 1000000}");
	for (i = 0; i < 17; i++)
		sb_addf(&sb,
			", 'a%02u': {'calls': 1, 'time_ns': 1, 'self_ns': 1000000}"
			", 'b%02u': {'calls': 1, 'time_ns': 1, 'self_ns': 1000000}"
			", 'l%02u': {'calls': 2, 'time_ns': 1, 'self_ns': 1000000}",
			i, i, i + 1);
	sb_adds(&sb, "}, 'calls': [");
	for (i = 0; i < 17; i++)
		sb_addf(&sb,
			"%s{'caller': 'l%02u', 'callee': 'a%02u', 'count': 1},"
			"{'caller': 'l%02u', 'callee': 'b%02u', 'count': 1},"
			"{'caller': 'a%02u', 'callee': 'l%02u', 'count': 1},"
			"{'caller': 'b%02u', 'callee': 'l%02u', 'count': 1}",
			i ? ", " : "", i, i, i, i, i, i + 1, i, i + 1);
	sb_adds(&sb, "]}");
	p = tu_load_q(sb_str(&sb));
	total = profile_total_self(p);
	got = export_text(p, "folded");
	assert_int_equal(folded_sum(got, &n), total);
	assert_true(n <= 100000 + p->funcs.n);
	assert_non_null(strstr(got, "[unknown];l17 "));
	free(got);
	sb_free(&sb);
	profile_free(p);
}

/* A name that cannot be a symbol is named escaped in order's note. */
static void test_order_note_escapes(void **state)
{
	struct profile *p = tu_load_q("{'functions': {'a\\u001b[2J': {'calls': 1, 'time_ns': 5}}}");
	struct strbuf notes = STRBUF_INIT;

	(void)state;
	assert_export(p, "order", "");
	exporter_order.notes(p, &notes);
	assert_non_null(strstr(sb_str(&notes), "such as \"a\\x1b[2J\"\n"));
	sb_free(&notes);
	profile_free(p);
}

/* With contexts the stacks are the contexts, exact (the edges would put
 * 910 ns of d under each c): one line per context with self time, no
 * note; the folded text imported again gives the same contexts. */
static void test_folded_contexts(void **state)
{
	struct profile *p = tu_load_file("tests/data/contexts.vitprof"), *back;
	struct strbuf notes = STRBUF_INIT;
	char *got = export_text(p, "folded");
	uint32_t i;

	(void)state;
	assert_string_equal(got, "main 110\n"
				 "main;a 50\n"
				 "main;a;c 100\n"
				 "main;a;c;d 900\n"
				 "main;b 50\n"
				 "main;b;c 90\n"
				 "main;b;c;d 10\n");
	exporter_folded.notes(p, &notes);
	assert_string_equal(sb_str(&notes), "");
	back = tu_load(got);
	assert_int_equal(back->contexts.n, p->contexts.n);
	for (i = 0; i < p->contexts.n; i++) {
		assert_int_equal(back->contexts.v[i].parent, p->contexts.v[i].parent);
		assert_int_equal(back->contexts.v[i].self_ns, p->contexts.v[i].self_ns);
	}
	profile_free(back);
	sb_free(&notes);
	free(got);
	profile_free(p);
}

/* ';' and control characters cannot be in a frame. */
static void test_folded_names_escaped(void **state)
{
	struct profile *p = tu_load_q("{'functions': {'a;b\\tc': {'calls': 1, 'time_ns': 5}}}");

	(void)state;
	assert_export(p, "folded", "a?b?c 5\n");
	profile_free(p);
}

/* A function may be called "[unknown]": its stacks are its own (and no
 * double free, under ASan). */
static void test_folded_unknown_name(void **state)
{
	struct profile *p = tu_load_q(
	    "{'functions': {'[unknown]': {'calls': 1, 'time_ns': 9, 'self_ns': 4},"
	    " 'k': {'calls': 1, 'time_ns': 5, 'self_ns': 5}},"
	    " 'calls': [{'caller': '[unknown]', 'callee': 'k', 'count': 1, 'time_ns': 5}]}");

	(void)state;
	assert_export(p, "folded", "[unknown] 4\n[unknown];k 5\n");
	profile_free(p);
}

/* folded's note says every output is estimated; order's, only what it
 * left out. */
static void test_folded_note(void **state)
{
	struct profile *p = tu_load_file("examples/full.vitprof");
	struct strbuf notes = STRBUF_INIT;

	(void)state;
	assert_non_null(exporter_folded.notes);
	exporter_order.notes(p, &notes);
	assert_string_equal(sb_str(&notes), ""); /* every name is a symbol */
	exporter_folded.notes(p, &notes);
	assert_non_null(strstr(sb_str(&notes), "the stacks are estimated"));
	assert_non_null(strstr(exporter_folded.description, "estimated"));
	sb_free(&notes);
	profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_order_chains),
	    cmocka_unit_test(test_order_full_example),
	    cmocka_unit_test(test_order_classes_agree_with_hotspots),
	    cmocka_unit_test(test_order_sampled),
	    cmocka_unit_test(test_order_static_copies),
	    cmocka_unit_test(test_order_note_escapes),
	    cmocka_unit_test(test_order_with_lld),
	    cmocka_unit_test(test_order_sections_with_gold),
	    cmocka_unit_test(test_folded_full_example),
	    cmocka_unit_test(test_folded_contexts),
	    cmocka_unit_test(test_folded_counts_only),
	    cmocka_unit_test(test_folded_recursion_cut),
	    cmocka_unit_test(test_folded_lone_cycle),
	    cmocka_unit_test(test_folded_depth_bound),
	    cmocka_unit_test(test_folded_size_bound),
	    cmocka_unit_test(test_folded_names_escaped),
	    cmocka_unit_test(test_folded_unknown_name),
	    cmocka_unit_test(test_folded_note),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

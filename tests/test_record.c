/* test_record.c - samples to profile (record_samples.c), symbolized for
 * real against this program's own functions: self and inclusive time,
 * edges, line counts, recursion, call-chain markers, truncated chains,
 * address spaces across fork and exec, code without symbols, scaling. The
 * kernel side is tested end to end by tests/e2e/record.sh. */
#include "tests/testutil.h"

#include <linux/perf_event.h>
#include <unistd.h>

#include "src/collect/record.h"

volatile int rt_sink;

/* Three functions to sample, distinct so that no linker folds them. */
static const unsigned leaf_line = __LINE__ + 1;
__attribute__((noinline, used)) int rt_leaf(int x)
{
	int i;

	for (i = 0; i < x; i++)
		rt_sink += i * 3;
	return rt_sink;
}

__attribute__((noinline, used)) int rt_mid(int x)
{
	int i;

	for (i = 0; i < x; i++)
		rt_sink += rt_leaf(i) * 5;
	return rt_sink;
}

__attribute__((noinline, used)) int rt_root(int x)
{
	int i;

	for (i = 0; i < x; i++)
		rt_sink += rt_mid(i) * 7;
	return rt_sink;
}

#define LEAF	 ((uint64_t)(uintptr_t)&rt_leaf + 4)
#define MID	 ((uint64_t)(uintptr_t)&rt_mid + 8)  /* a return address in rt_mid */
#define ROOT	 ((uint64_t)(uintptr_t)&rt_root + 8) /* and in rt_root */
#define UNMAPPED 0x10ULL

static char self_exe[4096];

/* Report this process's code mappings as those of pid. */
static void map_self(struct record_samples *rs, uint32_t pid)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[4608], perms[8], path[4096];
	unsigned long long start, end, off;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		path[0] = '\0';
		if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %4095s", &start, &end, perms, &off,
			   path) >= 4 &&
		    perms[2] == 'x' && path[0] == '/')
			record_samples_mmap(rs, pid, start, end - start, off, path);
	}
	fclose(f);
}

static struct profile *build(struct record_samples *rs, double ns_per_unit,
			     struct record_build_stats *st)
{
	struct record_meta meta = {"rt", self_exe, "test", 1000, ns_per_unit, false, 0, 0};

	return record_samples_profile(rs, &meta, st);
}

static const struct pf_function *func(const struct profile *p, const char *name)
{
	uint32_t id = profile_find_function(p, name);

	if (id == PF_NONE)
		fail_msg("no function %s", name);
	return &p->funcs.v[id];
}

static const struct pf_edge *edge(const struct profile *p, const char *caller, const char *callee)
{
	uint32_t a = profile_find_function(p, caller), b = profile_find_function(p, callee);
	uint32_t i;

	for (i = 0; i < p->edges.n; i++)
		if (p->edges.v[i].caller == a && p->edges.v[i].callee == b)
			return &p->edges.v[i];
	fail_msg("no edge %s -> %s", caller, callee);
	return NULL;
}

/* The profile must pass the loader unchanged and without a warning. */
static void check_round_trip(const struct profile *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err;
	struct profile *q;

	assert_int_equal(exporter_vitprof.write(p, &sb, &err), STATUS_OK);
	q = tu_load(sb_str(&sb));
	assert_string_equal(sb_str(&tu_warnings), "");
	assert_int_equal(q->funcs.n, p->funcs.n);
	assert_int_equal(q->edges.n, p->edges.n);
	profile_free(q);
	sb_free(&sb);
}

static void test_self_inclusive_edges_lines(void **state)
{
	struct record_samples *rs = record_samples_new();
	const uint64_t chain[] = {PERF_CONTEXT_USER, LEAF, MID, ROOT};
	const uint64_t kernel[] = {
	    PERF_CONTEXT_KERNEL, 0xffffffff81000000ULL, PERF_CONTEXT_USER, LEAF, MID, ROOT};
	const uint64_t in_mid[] = {PERF_CONTEXT_USER, (uint64_t)(uintptr_t)&rt_mid + 12, ROOT};
	struct record_build_stats st;
	const struct pf_function *leaf, *mid, *root;
	struct profile *p;
	uint32_t i;

	(void)state;
	record_samples_exec(rs, 100);
	map_self(rs, 100);
	record_samples_add(rs, 100, chain, 4, 1000);
	record_samples_add(rs, 100, chain, 4, 1000);
	record_samples_add(rs, 100, kernel, 6, 1000); /* kernel frames are skipped */
	record_samples_add(rs, 100, in_mid, 3, 500);
	p = build(rs, 1, &st);
	assert_int_equal(st.samples, 4);
	assert_int_equal(st.truncated, 0);
	assert_int_equal(st.spaces, 1);
	assert_int_equal(p->funcs.n, 3);
	leaf = func(p, "rt_leaf");
	mid = func(p, "rt_mid");
	root = func(p, "rt_root");
	/* self: the periods of the samples taken in it; inclusive: of those
	 * whose chain holds it */
	assert_int_equal(leaf->self_ns, 3000);
	assert_int_equal(leaf->time_ns, 3000);
	assert_int_equal(mid->self_ns, 500);
	assert_int_equal(mid->time_ns, 3500);
	assert_int_equal(root->self_ns, 0);
	assert_int_equal(root->time_ns, 3500);
	assert_int_equal(leaf->calls, 0);
	assert_true(leaf->flags & PF_HAS_SELF);
	/* edges: samples holding the pair, and the callee's time from there */
	assert_int_equal(p->edges.n, 2);
	assert_int_equal(edge(p, "rt_root", "rt_mid")->count, 4);
	assert_int_equal(edge(p, "rt_root", "rt_mid")->time_ns, 3500);
	assert_int_equal(edge(p, "rt_mid", "rt_leaf")->count, 3);
	assert_int_equal(edge(p, "rt_mid", "rt_leaf")->time_ns, 3000);
	/* where: this file, the line of the definition, and the samples on a
	 * line of its body */
	assert_non_null(strstr(profile_str(p, leaf->file), "test_record.c"));
	assert_int_equal(leaf->line, leaf_line);
	assert_true(leaf->size > 4);
	assert_int_equal(leaf->lines_n, 1);
	i = leaf->lines_at;
	assert_int_equal(p->lines.v[i].count, 3);
	assert_in_range(p->lines.v[i].line, leaf_line, leaf_line + 8);
	/* meta */
	assert_int_equal(p->meta.mode, PF_MODE_SAMPLED);
	assert_int_equal(p->meta.sample_period_ns, 1000);
	assert_int_equal(p->meta.runs, 1);
	assert_string_equal(profile_str(p, p->meta.binary), self_exe);
	assert_string_equal(profile_str(p, p->meta.tool), "test");
	assert_string_equal(profile_str(p, p->program), "rt");
	assert_true(p->meta.created != PF_NONE);
	check_round_trip(p);
	profile_free(p);
	record_samples_free(rs);
}

/* mid -> mid: inclusive time once per sample, the inner edge has no time,
 * so that the edges into rt_mid add up to its inclusive time. */
static void test_recursion_counted_once(void **state)
{
	struct record_samples *rs = record_samples_new();
	const uint64_t chain[] = {PERF_CONTEXT_USER, LEAF, MID, MID, MID, ROOT};
	struct profile *p;

	(void)state;
	map_self(rs, 7);
	record_samples_add(rs, 7, chain, 6, 250);
	record_samples_add(rs, 7, chain, 6, 250);
	p = build(rs, 1, NULL);
	assert_int_equal(func(p, "rt_mid")->time_ns, 500);
	assert_int_equal(func(p, "rt_mid")->self_ns, 0);
	assert_int_equal(func(p, "rt_root")->time_ns, 500);
	assert_int_equal(edge(p, "rt_root", "rt_mid")->time_ns, 500);
	assert_int_equal(edge(p, "rt_mid", "rt_mid")->count, 2); /* once per sample */
	assert_int_equal(edge(p, "rt_mid", "rt_mid")->time_ns, 0);
	assert_int_equal(edge(p, "rt_mid", "rt_leaf")->count, 2);
	assert_int_equal(edge(p, "rt_mid", "rt_leaf")->time_ns, 500);
	check_round_trip(p);
	profile_free(p);
	record_samples_free(rs);
}

/* The samples of test_contexts, built with or without contexts. */
static struct profile *contexts_profile(bool contexts)
{
	struct record_samples *rs = record_samples_new();
	const uint64_t chain[] = {PERF_CONTEXT_USER, LEAF, MID, ROOT};
	const uint64_t rec[] = {PERF_CONTEXT_USER, LEAF, MID, MID, MID, ROOT};
	const uint64_t in_mid[] = {PERF_CONTEXT_USER, (uint64_t)(uintptr_t)&rt_mid + 12, ROOT};
	struct record_meta meta = {"rt", self_exe, "test", 1000, 1, contexts, 0, 0};
	struct profile *p;

	map_self(rs, 3);
	record_samples_add(rs, 3, chain, 4, 1000);
	record_samples_add(rs, 3, chain, 4, 1000);
	record_samples_add(rs, 3, rec, 6, 250);
	record_samples_add(rs, 3, in_mid, 3, 500);
	p = record_samples_profile(rs, &meta, NULL);
	record_samples_free(rs);
	return p;
}

/* With meta.contexts, the calling-context tree of the chains: root > mid
 * > leaf with the two plain chains (2 x 1000) and the recursive one (250,
 * mid > mid > mid folded onto one mid), root > mid with the sample taken
 * in mid (500); no calls. Without it, none. */
static void test_contexts(void **state)
{
	struct profile *p = contexts_profile(true);

	(void)state;
	/* functions rt_leaf 0, rt_mid 1, rt_root 2 */
	assert_int_equal(p->contexts.n, 3);
	assert_int_equal(p->contexts.v[0].func, 2);
	assert_int_equal(p->contexts.v[0].self_ns, 0);
	assert_int_equal(p->contexts.v[0].time_ns, 2750);
	assert_int_equal(p->contexts.v[1].func, 1);
	assert_int_equal(p->contexts.v[1].self_ns, 500);
	assert_int_equal(p->contexts.v[2].func, 0);
	assert_int_equal(p->contexts.v[2].parent, 1);
	assert_int_equal(p->contexts.v[2].self_ns, 2250);
	assert_false(p->contexts.v[2].flags & PF_HAS_CALLS);
	check_round_trip(p);
	profile_free(p);
	p = contexts_profile(false);
	assert_int_equal(p->contexts.n, 0);
	profile_free(p);
}

/* A return address outside any code ends the chain (a frame-pointer walk
 * through code without one); a sampled address outside any is
 * "[unknown]"; code mapped without a file is named after its mapping. */
static void test_truncated_and_unknown(void **state)
{
	struct record_samples *rs = record_samples_new();
	const uint64_t cut[] = {PERF_CONTEXT_USER, LEAF, UNMAPPED, ROOT};
	const uint64_t nowhere = 0x20, vdso = 0x7010, anon = 0x9008;
	struct record_build_stats st;
	struct profile *p;

	(void)state;
	map_self(rs, 5);
	record_samples_mmap(rs, 5, 0x7000, 0x1000, 0, "[vdso]");
	record_samples_mmap(rs, 5, 0x9000, 0x1000, 0, "//anon");
	record_samples_add(rs, 5, cut, 4, 100);
	record_samples_add(rs, 5, &nowhere, 1, 10);
	record_samples_add(rs, 5, &vdso, 1, 20);
	record_samples_add(rs, 5, &anon, 1, 30);
	p = build(rs, 1, &st);
	assert_int_equal(st.truncated, 4); /* one cut, three of one frame */
	assert_int_equal(p->edges.n, 0);
	assert_int_equal(func(p, "rt_leaf")->time_ns, 100);
	assert_int_equal(profile_find_function(p, "rt_root"), PF_NONE);
	assert_int_equal(func(p, "[unknown]")->self_ns, 10);
	assert_int_equal(func(p, "[vdso]")->self_ns, 20);
	assert_int_equal(func(p, "[anon]")->self_ns, 30);
	assert_int_equal(p->funcs.n, 4);
	check_round_trip(p);
	profile_free(p);
	record_samples_free(rs);
}

/* The module most truncated chains end in, at the last frame the walk
 * could trust: two chains cut after rt_leaf (this test's executable), one
 * sampled in [vdso] alone, one outside any code (no module). */
static void test_cut_module(void **state)
{
	struct record_samples *rs = record_samples_new();
	const uint64_t cut[] = {LEAF, UNMAPPED, ROOT}, vdso = 0x7010, nowhere = 0x20;
	struct record_build_stats st;
	const char *slash = strrchr(self_exe, '/');

	(void)state;
	map_self(rs, 5);
	record_samples_mmap(rs, 5, 0x7000, 0x1000, 0, "[vdso]");
	record_samples_add(rs, 5, cut, 3, 1);
	record_samples_add(rs, 5, cut, 3, 1);
	record_samples_add(rs, 5, &vdso, 1, 1);
	record_samples_add(rs, 5, &nowhere, 1, 1);
	profile_free(build(rs, 1, &st));
	assert_int_equal(st.truncated, 4);
	assert_int_equal(st.cut_samples, 2);
	assert_string_equal(st.cut_module, slash ? slash + 1 : self_exe);
	record_samples_free(rs);

	/* chains that all go to their roots: no module */
	rs = record_samples_new();
	map_self(rs, 5);
	record_samples_add(rs, 5, (const uint64_t[]){LEAF, MID, ROOT}, 3, 1);
	profile_free(build(rs, 1, &st));
	assert_int_equal(st.truncated, 0);
	assert_int_equal(st.cut_samples, 0);
	assert_string_equal(st.cut_module, "");
	record_samples_free(rs);
}

/* A forked process has its parent's mappings and shares its functions; an
 * exec starts from none; processes of one run add up. */
static void test_fork_and_exec(void **state)
{
	struct record_samples *rs = record_samples_new();
	const uint64_t leaf = LEAF;
	struct record_build_stats st;
	struct profile *p;

	(void)state;
	record_samples_exec(rs, 100);
	map_self(rs, 100);
	record_samples_fork(rs, 200, 100);
	record_samples_fork(rs, 300, 999); /* unknown parent */
	record_samples_add(rs, 100, &leaf, 1, 1);
	record_samples_add(rs, 200, &leaf, 1, 2);
	record_samples_add(rs, 300, &leaf, 1, 4);
	record_samples_exec(rs, 200);
	record_samples_add(rs, 200, &leaf, 1, 8);
	p = build(rs, 1, &st);
	assert_int_equal(st.spaces, 4);
	assert_int_equal(func(p, "rt_leaf")->self_ns, 3);
	assert_int_equal(func(p, "[unknown]")->self_ns, 12);
	assert_int_equal(p->funcs.n, 2);
	profile_free(p);
	record_samples_free(rs);
}

/* Hardware events count, not time: periods are scaled to nanoseconds. */
static void test_scaled_periods(void **state)
{
	struct record_samples *rs = record_samples_new();
	const uint64_t chain[] = {PERF_CONTEXT_USER, LEAF, MID};
	struct profile *p;

	(void)state;
	map_self(rs, 1);
	record_samples_add(rs, 1, chain, 3, 3000);
	record_samples_add(rs, 1, chain, 3, 1001);
	p = build(rs, 0.25, NULL);
	assert_int_equal(func(p, "rt_leaf")->self_ns, 1000); /* 4001 * 0.25 = 1000.25 */
	assert_int_equal(func(p, "rt_mid")->time_ns, 1000);
	assert_int_equal(edge(p, "rt_mid", "rt_leaf")->time_ns, 1000);
	profile_free(p);
	record_samples_free(rs);
}

/* No samples at all: an empty, valid profile. (The toolchain is taken to
 * write build-ids, as Debian's gcc and clang do.) */
static void test_empty(void **state)
{
	struct record_samples *rs = record_samples_new();
	const uint64_t markers[] = {PERF_CONTEXT_USER, PERF_CONTEXT_KERNEL, 0xffffffff81000000ULL};
	struct profile *p;

	(void)state;
	record_samples_add(rs, 1, markers, 3, 10); /* nothing of user space */
	p = build(rs, 1, NULL);
	assert_int_equal(p->funcs.n, 0);
	assert_int_equal(p->meta.mode, PF_MODE_SAMPLED);
	/* the executable's build-id, read even when it had no sample */
	assert_true(p->meta.build_id != PF_NONE);
	assert_true(strspn(profile_str(p, p->meta.build_id), "0123456789abcdef") >= 16);
	check_round_trip(p);
	profile_free(p);
	record_samples_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_self_inclusive_edges_lines),
	    cmocka_unit_test(test_recursion_counted_once),
	    cmocka_unit_test(test_contexts),
	    cmocka_unit_test(test_truncated_and_unknown),
	    cmocka_unit_test(test_cut_module),
	    cmocka_unit_test(test_fork_and_exec),
	    cmocka_unit_test(test_scaled_periods),
	    cmocka_unit_test(test_empty),
	};
	ssize_t n = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);

	if (n > 0)
		self_exe[n] = '\0';
	rt_root(3); /* the code is used, and so stays */
	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}

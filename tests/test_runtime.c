/* test_runtime.c - libvitprof end to end: small C programs from
 * tests/runtime/ are compiled with -finstrument-functions against
 * $BUILD/libvitprof.a (or .so, through $BUILD/vitprof.pc), run, and their
 * profiles loaded and checked to the exact count.
 */
#include "tests/testutil.h"

#include <dirent.h>
#include <limits.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/base/fileio.h"

static char dir[64];	 /* where programs and profiles go */
static char root[1024];	 /* the source tree (the working directory) */
static char build[2048]; /* $BUILD, absolute */

#define MS 1000000ULL

static int setup(void **state)
{
	const char *b = getenv("BUILD");

	(void)state;
	if (!getcwd(root, sizeof(root)))
		return -1;
	if (!b || !*b)
		b = "build";
	if (b[0] == '/')
		snprintf(build, sizeof(build), "%.1024s", b);
	else
		snprintf(build, sizeof(build), "%s/%s", root, b);
	snprintf(dir, sizeof(dir), "/tmp/vitte-runtime-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return tu_sh("rm -rf '%s'", dir) == 0 ? 0 : -1;
}

/* Compile tests/runtime/src into dir/out with the static runtime. */
static void compile(const char *cc, const char *flags, const char *src, const char *out)
{
	int st =
	    tu_sh("%s -g %s -finstrument-functions -I%s/src/runtime -o %s/%s %s/tests/runtime/%s "
		  "%s/libvitprof.a $(pkg-config --libs libdw 2>/dev/null || echo -ldw -lelf) "
		  "-lpthread -lm 2>%s/cc.err",
		  cc, flags, root, dir, out, root, src, build, dir);

	if (st != 0) {
		tu_sh("cat %s/cc.err >&2", dir);
		fail_msg("cannot compile %s", src);
	}
}

/* Run dir/prog with the environment env (may be ""), output to dir. */
static int run(const char *env, const char *prog, const char *args)
{
	return tu_sh("cd %s && env %s ./%s %s >%s.out 2>%s.err", dir, env, prog, args, prog, prog);
}

static struct profile *load(const char *name)
{
	char path[PATH_MAX];
	struct profile *p = NULL;
	struct error err;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (loader_load(path, NULL, NULL, &p, &err) != STATUS_OK)
		fail_msg("%s", err.text);
	return p;
}

/* Build tests/runtime/src with cc and flags into dir/name, and run it
 * (status 0) with VITPROF_FILE=name.vitprof. */
static void build_run(const char *cc, const char *flags, const char *src, const char *name)
{
	char env[128];

	compile(cc, flags, src, name);
	snprintf(env, sizeof(env), "VITPROF_FILE=%s.vitprof", name);
	assert_int_equal(run(env, name, ""), 0);
}

/* Run dir/prog with env (and VITPROF_FILE=file) and load file. */
static struct profile *run_load(const char *env, const char *prog, const char *file)
{
	char all[256];

	snprintf(all, sizeof(all), "%s VITPROF_FILE=%s", env, file);
	assert_int_equal(run(all, prog, ""), 0);
	return load(file);
}

/* The first n numbers that dir/prog printed. */
static void read_numbers(const char *prog, unsigned long long *v, int n)
{
	char path[PATH_MAX], *out, *p, *end;
	struct error err;
	size_t len;
	int i;

	snprintf(path, sizeof(path), "%s/%s.out", dir, prog);
	assert_int_equal(file_read_all(path, &out, &len, &err), STATUS_OK);
	for (i = 0, p = out; i < n; i++, p = end) {
		v[i] = strtoull(p, &end, 10);
		assert_true(end != p);
	}
	free(out);
}

/* The same, and the profile it wrote. */
static struct profile *build_run_load(const char *cc, const char *flags, const char *src,
				      const char *name)
{
	char file[128];

	build_run(cc, flags, src, name);
	snprintf(file, sizeof(file), "%s.vitprof", name);
	return load(file);
}

/* The line of tests/runtime/src holding text, from 1. */
static uint32_t line_of(const char *src, const char *text)
{
	char path[2048], line[512];
	uint32_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/runtime/%s", root, src);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		n++;
		if (strstr(line, text)) {
			fclose(f);
			return n;
		}
	}
	fclose(f);
	fail_msg("%s: no line with %s", src, text);
	return 0;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

/* The context at path ("main/a/c": a root, then a child of it each), or
 * NULL. */
static const struct pf_context *ctx_find(const struct profile *p, const char *path)
{
	char name[256];
	uint32_t parent = PF_NONE, i, f;
	const char *s = path, *e;

	for (; *s; s = *e ? e + 1 : e) {
		e = s + strcspn(s, "/");
		snprintf(name, sizeof(name), "%.*s", (int)(e - s), s);
		f = profile_find_function(p, name);
		for (i = 0; i < p->contexts.n; i++)
			if (p->contexts.v[i].parent == parent && p->contexts.v[i].func == f)
				break;
		if (i == p->contexts.n)
			return NULL;
		parent = i;
	}
	return &p->contexts.v[parent];
}

static const struct pf_context *ctx_at(const struct profile *p, const char *path)
{
	const struct pf_context *c = ctx_find(p, path);

	if (!c)
		fail_msg("no context %s", path);
	return c;
}

/* The calls of the context at path (which must have them). */
static uint64_t ctx_calls(const struct profile *p, const char *path)
{
	const struct pf_context *c = ctx_at(p, path);

	assert_true(c->flags & PF_HAS_CALLS);
	return c->calls;
}

/* A function's self time is the sum of its contexts' (no cap was hit),
 * and so are its calls. */
static void check_context_sums(const struct profile *p)
{
	uint32_t f, i;

	for (f = 0; f < p->funcs.n; f++) {
		uint64_t self = 0, calls = 0;

		for (i = 0; i < p->contexts.n; i++)
			if (p->contexts.v[i].func == f) {
				self += p->contexts.v[i].self_ns;
				calls += p->contexts.v[i].calls;
			}
		assert_int_equal(self, p->funcs.v[f].self_ns);
		assert_int_equal(calls, p->funcs.v[f].calls);
	}
}

/* fib(20): 21891 calls, main -> fib once, fib -> fib 21890 times. */
static void check_fib(const char *name, bool symbols)
{
	struct profile *p = load(name);
	const struct pf_function *fib = tu_func(p, "fib"), *main_ = tu_func(p, "main");

	assert_int_equal(fib->calls, 21891);
	assert_int_equal(main_->calls, 1);
	assert_int_equal(tu_edge(p, "main", "fib")->count, 1);
	assert_int_equal(tu_edge(p, "fib", "fib")->count, 21890);
	assert_int_equal(p->edges.n, 2);
	/* recursion is not counted twice: the edges into fib add up to its time */
	assert_true(main_->time_ns >= fib->time_ns);
	assert_int_equal(tu_edge(p, "main", "fib")->time_ns, fib->time_ns);
	assert_int_equal(tu_edge(p, "fib", "fib")->time_ns, 0);
	assert_int_equal(fib->self_ns, fib->time_ns);
	/* the tree: fib's recursion folds onto main/fib */
	assert_int_equal(p->contexts.n, 2);
	assert_int_equal(ctx_calls(p, "main"), 1);
	assert_int_equal(ctx_calls(p, "main/fib"), 21891);
	assert_int_equal(ctx_at(p, "main/fib")->self_ns, fib->self_ns);
	if (symbols) {
		assert_true(ends_with(profile_str(p, fib->file), "tests/runtime/fib.c"));
		assert_int_equal(fib->line, line_of("fib.c", "int fib(int n)"));
		assert_int_equal(main_->line, line_of("fib.c", "int main(void)"));
		assert_true(fib->flags & PF_HAS_SIZE);
		assert_true(fib->size > 0 && fib->size < 4096);
	}
	assert_int_equal(p->meta.mode, PF_MODE_INSTRUMENTED);
	assert_int_equal(strncmp(profile_str(p, p->meta.tool), "libvitprof ", 11), 0);
	assert_true(strlen(profile_str(p, p->meta.build_id)) >= 16);
	assert_non_null(strstr(profile_str(p, p->meta.created), "T"));
	profile_free(p);
}

static void test_fib_static_o0(void **state)
{
	(void)state;
	build_run("cc", "-O0", "fib.c", "fib0");
	check_fib("fib0.vitprof", true);
}

static void test_fib_static_o2(void **state)
{
	(void)state;
	build_run("cc", "-O2", "fib.c", "fib2");
	check_fib("fib2.vitprof", true);
	if (tu_sh("command -v clang >/dev/null") == 0) {
		build_run("clang", "-O2", "fib.c", "fibclang");
		check_fib("fibclang.vitprof", true);
	}
}

/* As a user types it: pkg-config, which links the shared library. */
static void test_fib_shared_pkg_config(void **state)
{
	(void)state;
	assert_int_equal(
	    tu_sh("PKG_CONFIG_PATH=%s cc -g -finstrument-functions -o %s/fibso "
		  "%s/tests/runtime/fib.c $(PKG_CONFIG_PATH=%s pkg-config --cflags --libs "
		  "vitprof) 2>%s/cc.err",
		  build, dir, root, build, dir),
	    0);
	assert_int_equal(tu_sh("readelf -d %s/fibso | grep -q 'libvitprof.so'", dir), 0);
	/* the default name: <program>.vitprof in the working directory */
	assert_int_equal(run("", "fibso", ""), 0);
	check_fib("fibso.vitprof", true);
}

/* Functions of an instrumented shared library get their names, files and
 * lines from the library's DWARF (found through dl_iterate_phdr). */
static void test_shared_object(void **state)
{
	struct profile *p;
	const struct pf_function *f;

	(void)state;
	assert_int_equal(tu_sh("cd %s && cc -g -O0 -fPIC -shared -finstrument-functions "
			       "-o libsolib.so %s/tests/runtime/solib.c 2>cc.err",
			       dir, root),
			 0);
	assert_int_equal(tu_sh("cd %s && cc -g -O0 -finstrument-functions -o solib "
			       "%s/tests/runtime/solib-main.c -L. -lsolib -Wl,-rpath,%s "
			       "%s/libvitprof.a $(pkg-config --libs libdw) -lpthread -lm 2>>cc.err",
			       dir, root, dir, build),
			 0);
	assert_int_equal(run("VITPROF_FILE=solib.vitprof", "solib", ""), 0);
	p = load("solib.vitprof");
	f = tu_func(p, "lib_work");
	assert_int_equal(f->calls, 7);
	assert_int_equal(tu_edge(p, "main", "lib_work")->count, 7);
	assert_true(ends_with(profile_str(p, f->file), "tests/runtime/solib.c"));
	assert_int_equal(f->line, line_of("solib.c", "int lib_work(int n)"));
	profile_free(p);
}

/* The copies of a header's static inline function are named by their
 * compilation unit, not by the header nor by an address that changes
 * with every build: statics-a.c:mix and statics-b.c:mix. */
/* A library opened by dlopen keeps its names whatever the path it was
 * opened by: relative (and the program leaves that directory before
 * exit), or a symlink. */
static void test_dlopen_paths(void **state)
{
	static const char *const how[] = {"./libsolib.so", "lib/link.so", "/lib-link.so"};
	char args[PATH_MAX];
	struct profile *p;
	size_t i;

	(void)state;
	assert_int_equal(tu_sh("cd %s && mkdir -p lib elsewhere && cc -g -O0 -fPIC -shared "
			       "-finstrument-functions -o libsolib.so %s/tests/runtime/solib.c && "
			       "ln -sf ../libsolib.so lib/link.so && ln -sf %s/libsolib.so "
			       "lib-link.so",
			       dir, root, dir),
			 0);
	compile("cc", "-O0", "dlopen-main.c", "dlopen-main");
	for (i = 0; i < 3; i++) {
		snprintf(args, sizeof(args), "%s%s elsewhere", i == 2 ? dir : "", how[i]);
		assert_int_equal(run("VITPROF_FILE=$PWD/dlopen.vitprof", "dlopen-main", args), 0);
		p = load("dlopen.vitprof");
		assert_int_equal(tu_func(p, "lib_work")->calls, 4);
		assert_true(ends_with(profile_str(p, tu_func(p, "lib_work")->file),
				      "tests/runtime/solib.c"));
		profile_free(p);
	}
}

static void test_static_copies(void **state)
{
	static const char *const cc[] = {"gcc", "clang"};
	struct profile *p;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		if (tu_sh("command -v %s >/dev/null", cc[i]) != 0)
			continue;
		assert_int_equal(tu_sh("cd %s && %s -g -O0 -finstrument-functions -o statics "
				       "%s/tests/runtime/statics-a.c %s/tests/runtime/statics-b.c "
				       "%s/libvitprof.a $(pkg-config --libs libdw) -lpthread -lm",
				       dir, cc[i], root, root, build),
				 0);
		assert_int_equal(run("VITPROF_FILE=statics.vitprof", "statics", ""), 0);
		p = load("statics.vitprof");
		assert_int_equal(tu_func(p, "statics-a.c:mix")->calls, 3);
		assert_int_equal(tu_func(p, "statics-b.c:mix")->calls, 5);
		assert_int_equal(tu_edge(p, "from_a", "statics-a.c:mix")->count, 3);
		assert_int_equal(tu_edge(p, "from_b", "statics-b.c:mix")->count, 5);
		/* both defined in the header */
		assert_true(ends_with(profile_str(p, tu_func(p, "statics-a.c:mix")->file),
				      "tests/runtime/statics.h"));
		assert_int_equal(p->funcs.n, 5);
		profile_free(p);
	}
}

/* A string of the profile's function func, "" when it has none. */
static const char *checksum_of(const struct profile *p, const char *func)
{
	return profile_str(p, tu_func(p, func)->checksum);
}

/* The checksum of a function changes with its code and not with the
 * addresses of the others: three.c built twice, alpha changed and longer
 * the second time (so beta and gamma_ move, as nm shows), by gcc and
 * clang at -O2, PIE and not. meta.build_id is the executable's GNU
 * build-id, as readelf prints it. */
static void test_checksums(void **state)
{
	static const char *const cc[] = {"gcc", "gcc -no-pie", "clang"};
	struct profile *p, *q;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		if (tu_sh("command -v %.*s >/dev/null", (int)strcspn(cc[i], " "), cc[i]) != 0)
			continue;
		assert_int_equal(
		    tu_sh("cd %s && for v in '' -DCHANGE_ALPHA; do %s -g -O2 "
			  "-finstrument-functions $v -o three%s %s/tests/runtime/three.c "
			  "%s/libvitprof.a $(pkg-config --libs libdw) -lpthread -lm && "
			  "VITPROF_FILE=three$v.vitprof ./three$v >/dev/null || exit 1; "
			  "done",
			  dir, cc[i], "$v", root, build),
		    0);
		assert_int_equal(tu_sh("cd %s && test \"$(nm three | grep ' beta$')\" != "
				       "\"$(nm three-DCHANGE_ALPHA | grep ' beta$')\"",
				       dir),
				 0);
		p = load("three.vitprof");
		q = load("three-DCHANGE_ALPHA.vitprof");
		assert_int_equal(strlen(checksum_of(p, "alpha")), 16);
		assert_string_not_equal(checksum_of(p, "alpha"), checksum_of(q, "alpha"));
		assert_string_equal(checksum_of(p, "beta"), checksum_of(q, "beta"));
		assert_string_equal(checksum_of(p, "gamma_"), checksum_of(q, "gamma_"));
		assert_string_equal(checksum_of(p, "main"), checksum_of(q, "main"));
		assert_int_equal(tu_sh("cd %s && readelf -n three | grep -q 'Build ID: %s$'", dir,
				       profile_str(p, p->meta.build_id)),
				 0);
		profile_free(p);
		profile_free(q);
	}
}

static void test_threads(void **state)
{
	struct profile *p;

	(void)state;
	p = build_run_load("cc", "-O0", "threads.c", "threads");
	assert_int_equal(tu_func(p, "f")->calls, 2000);
	assert_int_equal(tu_func(p, "worker")->calls, 2);
	assert_int_equal(tu_edge(p, "worker", "f")->count, 2000);
	profile_free(p);
}

/* main calls a and b, each calls c 5 times, c doing 10 times more work
 * under a: the tree holds main/a/c and main/b/c with their calls, and
 * c's self time split 10 to 1, by each clock. */
static void test_contexts_split(void **state)
{
	static const char *const clocks[] = {"cpu", "precise", "wall"};
	const struct pf_context *ac, *bc;
	struct profile *p;
	char env[128];
	double ratio;
	int i;

	(void)state;
	compile("cc", "-O0", "contexts.c", "contexts");
	for (i = 0; i < 3; i++) {
		snprintf(env, sizeof(env), "VITPROF_CLOCK=%s VITPROF_FILE=split-%s.vitprof",
			 clocks[i], clocks[i]);
		assert_int_equal(run(env, "contexts", "split 12000000"), 0);
		snprintf(env, sizeof(env), "split-%s.vitprof", clocks[i]);
		p = load(env);
		assert_int_equal(p->contexts.n, 5);
		assert_int_equal(ctx_calls(p, "main"), 1);
		assert_int_equal(ctx_calls(p, "main/a"), 1);
		assert_int_equal(ctx_calls(p, "main/b"), 1);
		assert_int_equal(ctx_calls(p, "main/a/c"), 5);
		assert_int_equal(ctx_calls(p, "main/b/c"), 5);
		ac = ctx_at(p, "main/a/c");
		bc = ctx_at(p, "main/b/c");
		assert_true(bc->self_ns > 20 * MS);
		/* c does 10 times the work under a: CPU time splits 10:1 whatever
		 * the load; wall time (precise, wall) also holds the time the
		 * machine gave to others, which a loaded machine adds to either
		 * side, so there only the order is certain */
		ratio = (double)ac->self_ns / (double)bc->self_ns;
		if (i == 0 ? ratio < 7 || ratio > 14 : ratio < 3)
			fail_msg("%s: c's self time under a / under b = %.2f", clocks[i], ratio);
		/* a context's time is its own and its callees' */
		assert_int_equal(ctx_at(p, "main/a")->time_ns,
				 ctx_at(p, "main/a")->self_ns + ac->self_ns);
		check_context_sums(p);
		profile_free(p);
	}
}

/* Recursion folds onto the outermost activation, so the tree is finite:
 * rec (1001 calls, 1000 of them recursive) calling leaf at each level;
 * ping (501 calls) and pong (500) calling each other, every ping after
 * the first entering main/ping again (its ancestor) and every pong
 * main/ping/pong (ping's child). */
static void test_contexts_recursion(void **state)
{
	struct profile *p;

	(void)state;
	compile("cc", "-O0", "contexts.c", "contexts");
	assert_int_equal(run("VITPROF_CLOCK=precise VITPROF_FILE=rec.vitprof", "contexts", "rec"),
			 0);
	p = load("rec.vitprof");
	assert_int_equal(p->contexts.n, 5);
	assert_int_equal(ctx_calls(p, "main"), 1);
	assert_int_equal(ctx_calls(p, "main/rec"), 1001);
	assert_int_equal(ctx_calls(p, "main/rec/leaf"), 1001);
	assert_int_equal(ctx_calls(p, "main/ping"), 501);
	assert_int_equal(ctx_calls(p, "main/ping/pong"), 500);
	check_context_sums(p);
	profile_free(p);
}

/* The contexts of function name. */
static uint32_t ctx_count(const struct profile *p, const char *name)
{
	uint32_t f = profile_find_function(p, name), i, n = 0;

	for (i = 0; i < p->contexts.n; i++)
		n += p->contexts.v[i].func == f;
	return n;
}

/* The caps: a call 257 deep, or past a thread's 65,535 contexts, stays in
 * its caller's context (its time as self time there) and is not counted
 * there; the functions' counts stay exact. */
static void test_contexts_caps(void **state)
{
	uint64_t ctx_self = 0, fn_self = 0;
	struct profile *p;
	char name[16];
	uint32_t i;

	(void)state;
	compile("cc", "-O0", "caps.c", "caps");
	/* main, f0 ... f254: 256 deep */
	assert_int_equal(run("VITPROF_CLOCK=precise VITPROF_FILE=chain.vitprof", "caps", "chain"),
			 0);
	p = load("chain.vitprof");
	assert_int_equal(p->contexts.n, 256);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "f%u", i);
		assert_int_equal(tu_func(p, name)->calls, 1);
		assert_int_equal(ctx_count(p, name), i < 255);
		if (i >= 254)
			fn_self += tu_func(p, name)->self_ns;
	}
	for (i = 0; i < p->contexts.n; i++)
		if (p->contexts.v[i].func == profile_find_function(p, "f254"))
			ctx_self = p->contexts.v[i].self_ns;
	assert_int_equal(ctx_self, fn_self);
	profile_free(p);
	/* main (1), main/f0 .. main/f250 with their 260 callees each (251 x
	 * 261), main/f251 and the first 22 of its callees: 65,535 */
	assert_int_equal(run("VITPROF_CLOCK=precise VITPROF_FILE=wide.vitprof", "caps", "wide"), 0);
	p = load("wide.vitprof");
	assert_int_equal(p->contexts.n, 65535);
	assert_int_equal(ctx_calls(p, "main/f250/f519"), 1);
	assert_int_equal(ctx_calls(p, "main/f251/f281"), 1);
	assert_null(ctx_find(p, "main/f251/f282"));
	assert_null(ctx_find(p, "main/f252"));
	assert_int_equal(tu_func(p, "f300")->calls, 260);
	assert_int_equal(tu_func(p, "f259")->calls, 1);
	for (i = 0, ctx_self = fn_self = 0; i < p->contexts.n; i++)
		ctx_self += p->contexts.v[i].self_ns;
	for (i = 0; i < p->funcs.n; i++)
		fn_self += p->funcs.v[i].self_ns;
	assert_int_equal(ctx_self, fn_self);
	profile_free(p);
}

/* Two threads run worker, one calling x 3 times, the other y 4 times,
 * both z once: one tree, the threads' added up by path. */
static void test_contexts_threads(void **state)
{
	struct profile *p;

	(void)state;
	compile("cc", "-O0", "contexts.c", "contexts");
	assert_int_equal(run("VITPROF_FILE=ctx-threads.vitprof", "contexts", "threads"), 0);
	p = load("ctx-threads.vitprof");
	assert_int_equal(p->contexts.n, 5);
	assert_int_equal(ctx_calls(p, "main"), 1);
	assert_int_equal(ctx_calls(p, "worker"), 2);
	assert_int_equal(ctx_calls(p, "worker/x"), 3);
	assert_int_equal(ctx_calls(p, "worker/y"), 4);
	assert_int_equal(ctx_calls(p, "worker/z"), 2);
	profile_free(p);
}

/* gcc keeps the hooks of inlined functions, with the call site of the
 * function they are inlined into: leaf, inlined into a and b, is entered
 * from main's one indirect call site with two different callers. */
static void test_inlined(void **state)
{
	struct profile *p;

	(void)state;
	p = build_run_load("cc", "-O2", "inlined.c", "inlined");
	assert_int_equal(tu_func(p, "leaf")->calls, 1500);
	assert_int_equal(tu_edge(p, "a", "leaf")->count, 1000);
	assert_int_equal(tu_edge(p, "b", "leaf")->count, 500);
	assert_int_equal(tu_edge(p, "main", "a")->count, 500);
	assert_int_equal(tu_edge(p, "main", "b")->count, 500);
	profile_free(p);
}

/* A program of 3000 functions, so that the call table grows several times
 * and calls share slots: f<k> is called (k % 37) + 1 times by main through
 * one indirect call site, and f0..f99 three times more, each from its own
 * direct call site in direct(). */
#define MANY 3000
static void test_many_calls(void **state)
{
	char path[PATH_MAX], name[32];
	struct profile *p;
	FILE *f;
	int k;

	(void)state;
	snprintf(path, sizeof(path), "%s/many.c", dir);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "static volatile int sink;\n");
	for (k = 0; k < MANY; k++)
		fprintf(f, "void f%d(void) { sink += %d; }\n", k, k);
	fprintf(f, "void (*volatile table[])(void) = {\n");
	for (k = 0; k < MANY; k++)
		fprintf(f, "f%d,\n", k);
	fprintf(f, "};\nvoid direct(void) {\n");
	for (k = 0; k < 100; k++)
		fprintf(f, "f%d();\n", k);
	fprintf(f,
		"}\nint main(void) {\n\tint k, j;\n\tfor (k = 0; k < %d; k++)\n"
		"\t\tfor (j = 0; j <= k %% 37; j++)\n\t\t\ttable[k]();\n"
		"\tdirect(); direct(); direct();\n\treturn 0;\n}\n",
		MANY);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(tu_sh("cd %s && cc -O0 -finstrument-functions -o many many.c "
			       "%s/libvitprof.a $(pkg-config --libs libdw) -lpthread -lm",
			       dir, build),
			 0);
	assert_int_equal(run("VITPROF_FILE=many.vitprof", "many", ""), 0);
	p = load("many.vitprof");
	assert_int_equal(tu_func(p, "direct")->calls, 3);
	for (k = 0; k < MANY; k++) {
		snprintf(name, sizeof(name), "f%d", k);
		assert_int_equal(tu_func(p, name)->calls, k % 37 + 1 + (k < 100 ? 3 : 0));
		assert_int_equal(tu_edge(p, "main", name)->count, k % 37 + 1);
		if (k < 100)
			assert_int_equal(tu_edge(p, "direct", name)->count, 3);
	}
	assert_int_equal(p->edges.n, MANY + 100 + 1);
	profile_free(p);
}

/* longjmp skips exits: the skipped frames stay open until main returns,
 * so the calls after the first jump have the innermost of them as their
 * caller; counts stay exact (docs/runtime.md). */
static void test_longjmp(void **state)
{
	struct profile *p;

	(void)state;
	p = build_run_load("cc", "-O0", "longjmp.c", "longjmp");
	assert_int_equal(tu_func(p, "deep")->calls, 60);
	assert_int_equal(tu_func(p, "after")->calls, 10);
	assert_int_equal(tu_edge(p, "main", "deep")->count, 1);
	assert_int_equal(tu_edge(p, "deep", "deep")->count, 59);
	assert_int_equal(tu_edge(p, "deep", "after")->count, 10);
	/* after runs above the skipped deep frames, so in main/deep's tree */
	assert_int_equal(ctx_calls(p, "main/deep"), 60);
	assert_int_equal(ctx_calls(p, "main/deep/after"), 10);
	assert_int_equal(p->contexts.n, 3);
	profile_free(p);
}

/* A signal handler (2000 runs at least) may interrupt a hook anywhere:
 * main's counts stay exact, and the handler's calls are recorded but for
 * those that interrupted a slow path (the first calls). */
static void test_signals(void **state)
{
	char path[PATH_MAX], *out;
	struct profile *p;
	struct error err;
	size_t len;
	long calls, handled;

	(void)state;
	p = build_run_load("cc", "-O2", "signals.c", "signals");
	snprintf(path, sizeof(path), "%s/signals.out", dir);
	assert_int_equal(file_read_all(path, &out, &len, &err), STATUS_OK);
	assert_int_equal(sscanf(out, "%ld %ld", &calls, &handled), 2);
	free(out);
	assert_true(calls >= 1000000 && handled >= 2000);
	assert_int_equal(tu_func(p, "f")->calls, calls);
	assert_int_equal(tu_edge(p, "main", "f")->count, calls);
	assert_true((long)tu_func(p, "tick")->calls <= handled);
	assert_true((long)tu_func(p, "tick")->calls >= handled - handled / 10 - 2);
	profile_free(p);
}

/* Sampled times keep their identities across the sampler's table
 * growths: every tick goes to main's inclusive time and to one self time,
 * so the self times add up to main's time exactly; work's time is the
 * time of the edge main -> work. (The functions sleep: wall time.) */
static void test_sampled_spread(void **state)
{
	struct profile *p;
	uint64_t self = 0;
	uint32_t i, sampled = 0;

	(void)state;
	compile("cc", "-O0", "spread.c", "spread");
	p = run_load("VITPROF_CLOCK=wall", "spread", "spread.vitprof");
	for (i = 0; i < p->funcs.n; i++) {
		self += p->funcs.v[i].self_ns;
		sampled += p->funcs.v[i].self_ns > 0;
	}
	assert_int_equal(self, tu_func(p, "main")->time_ns);
	assert_int_equal(tu_func(p, "work")->time_ns, tu_edge(p, "main", "work")->time_ns);
	assert_true(tu_func(p, "work")->time_ns > 100000000); /* 400 x 300 us */
	assert_true(sampled > 150);			      /* its tables grow past 128 */
	profile_free(p);
}

/* Without %p in the path, a forked child writes PATH.<pid>.vitprof (by
 * default prog.<pid>.vitprof), never its parent's file. */
static void fork_default_names(long old_child)
{
	static const char *const env[] = {"", "VITPROF_FILE=out.vitprof"};
	static const char *const parent[] = {"fork.vitprof", "out.vitprof"};
	char name[64], path[PATH_MAX], *out;
	struct profile *p;
	struct error err;
	size_t i, len;
	long child;

	for (i = 0; i < 2; i++) {
		assert_int_equal(run(env[i], "fork", ""), 0);
		snprintf(path, sizeof(path), "%s/fork.out", dir);
		assert_int_equal(file_read_all(path, &out, &len, &err), STATUS_OK);
		child = atol(out);
		free(out);
		assert_true(child > 0 && child != old_child);
		p = load(parent[i]);
		assert_int_equal(tu_func(p, "f")->calls, 13);
		profile_free(p);
		snprintf(name, sizeof(name), "%.*s.%ld.vitprof", (int)strlen(parent[i]) - 8,
			 parent[i], child);
		p = load(name);
		assert_int_equal(tu_func(p, "f")->calls, 5);
		profile_free(p);
	}
}

static void test_fork(void **state)
{
	char name[64], *out;
	struct profile *p;
	size_t len;
	long child;
	struct error err;
	char path[PATH_MAX];

	(void)state;
	compile("cc", "-O0", "fork.c", "fork");
	assert_int_equal(run("VITPROF_FILE=fork-%p.vitprof", "fork", ""), 0);
	snprintf(path, sizeof(path), "%s/fork.out", dir);
	assert_int_equal(file_read_all(path, &out, &len, &err), STATUS_OK);
	child = atol(out);
	free(out);
	assert_true(child > 0);
	/* the child's own profile: only what it did after the fork */
	snprintf(name, sizeof(name), "fork-%ld.vitprof", child);
	p = load(name);
	assert_int_equal(tu_func(p, "f")->calls, 5);
	assert_int_equal(tu_func(p, "main")->calls, 1);
	/* its own CPU timer (timers are not inherited): spin()'s 50 ms */
	assert_true(tu_func(p, "spin")->time_ns >= 40 * MS);
	assert_true(tu_func(p, "spin")->time_ns <= 60 * MS);
	assert_int_equal(p->meta.threads, 1);
	/* the parent's tree is kept, but what it counted is not */
	assert_int_equal(p->contexts.n, 3);
	assert_int_equal(ctx_calls(p, "main"), 1);
	assert_int_equal(ctx_calls(p, "main/f"), 5);
	assert_int_equal(ctx_calls(p, "main/spin"), 1);
	assert_int_equal(ctx_at(p, "main/spin")->self_ns, tu_func(p, "spin")->self_ns);
	profile_free(p);
	/* the parent's: 10 + 3 */
	assert_int_equal(tu_sh("cd %s && test $(ls fork-*.vitprof | wc -l) = 2", dir), 0);
	assert_int_equal(
	    tu_sh("cd %s && ls fork-*.vitprof | grep -v 'fork-%ld.vitprof' >parent.txt", dir,
		  child),
	    0);
	snprintf(path, sizeof(path), "%s/parent.txt", dir);
	assert_int_equal(file_read_all(path, &out, &len, &err), STATUS_OK);
	out[strcspn(out, "\n")] = '\0';
	p = load(out);
	free(out);
	assert_int_equal(tu_func(p, "f")->calls, 13);
	assert_int_equal(ctx_calls(p, "main/f"), 13);
	profile_free(p);
	fork_default_names(child);
}

static const struct pf_branch *branch(const struct profile *p, const char *func, uint32_t line)
{
	uint32_t i, f = profile_find_function(p, func);

	for (i = 0; i < p->branches.n; i++)
		if (p->branches.v[i].func == f && p->branches.v[i].line == line)
			return &p->branches.v[i];
	fail_msg("no branch site %s:%u", func, line);
	return NULL;
}

static const struct pf_loop *loop(const struct profile *p, const char *func, uint32_t line)
{
	uint32_t i, f = profile_find_function(p, func);

	for (i = 0; i < p->loops.n; i++)
		if (p->loops.v[i].func == f && p->loops.v[i].line == line)
			return &p->loops.v[i];
	fail_msg("no loop site %s:%u", func, line);
	return NULL;
}

static void test_sites(void **state)
{
	const struct pf_branch *b;
	const struct pf_loop *l;
	struct profile *p;

	(void)state;
	p = build_run_load("cc", "-O2", "sites.c", "sites");
	b = branch(p, "classify", line_of("sites.c", "VITPROF_BRANCH(i % 3 == 0)"));
	assert_int_equal(b->taken, 34);
	assert_int_equal(b->not_taken, 66);
	b = branch(p, "main", line_of("sites.c", "VITPROF_BRANCH_ID(\"never\""));
	assert_int_equal(b->taken, 0);
	assert_int_equal(b->not_taken, 4);
	assert_string_equal(profile_str(p, b->id), "never");
	l = loop(p, "main", line_of("sites.c", "i < 100"));
	assert_int_equal(l->entries, 1);
	assert_int_equal(l->iterations, 100);
	l = loop(p, "main", line_of("sites.c", "\"outer\""));
	assert_string_equal(profile_str(p, l->name), "outer");
	assert_int_equal(l->entries, 1);
	assert_int_equal(l->iterations, 10);
	/* j < i, with a break counted at j == 5: 0+1+2+3+4+5 + 4*6 */
	l = loop(p, "main", line_of("sites.c", "\"inner\""));
	assert_int_equal(l->entries, 10);
	assert_int_equal(l->iterations, 39);
	l = loop(p, "main", line_of("sites.c", "while (k < 7)"));
	assert_int_equal(l->entries, 1);
	assert_int_equal(l->iterations, 7);
	l = loop(p, "main", line_of("sites.c", "VITPROF_LOOP(do)"));
	assert_int_equal(l->entries, 1);
	assert_int_equal(l->iterations, 7);
	assert_int_equal(p->branches.n, 2);
	assert_int_equal(p->loops.n, 5);
	/* the function itself was instrumented: 100 calls, and its site */
	assert_int_equal(tu_func(p, "classify")->calls, 100);
	profile_free(p);
}

/* sleeper() sleeps 50 ms: in wall time, its time is 50 ms and more,
 * within a generous margin (a loaded machine); work()'s self time
 * excludes it. lo is the clock's own error below 50 ms (0 for the precise
 * clock; for the sampled one, the time since its last sample before
 * sleeper() returned: a tick, or more when a loaded machine runs the
 * sampler late). */
static void check_sleep(const char *name, uint64_t lo)
{
	struct profile *p = load(name);
	const struct pf_function *s = tu_func(p, "sleeper"), *w = tu_func(p, "work");

	assert_int_equal(s->calls, 1);
	assert_true(s->time_ns >= 50 * MS - lo);
	assert_true(s->time_ns <= 50 * MS + 100 * MS);
	assert_true(w->time_ns >= s->time_ns);
	assert_true(w->self_ns <= 5 * MS);
	assert_int_equal(w->self_ns + tu_edge(p, "work", "sleeper")->time_ns, w->time_ns);
	assert_true(tu_func(p, "main")->self_ns <= 5 * MS);
	profile_free(p);
}

static void test_sleep(void **state)
{
	(void)state;
	compile("cc", "-O0", "sleep.c", "sleep");
	/* the program's exit status (3) goes through */
	assert_int_equal(
	    run("VITPROF_FILE=sleep-precise.vitprof VITPROF_CLOCK=precise", "sleep", ""), 3);
	check_sleep("sleep-precise.vitprof", 0);
	assert_int_equal(run("VITPROF_FILE=sleep-wall.vitprof VITPROF_CLOCK=wall", "sleep", ""), 3);
	check_sleep("sleep-wall.vitprof", 10 * MS);
}

/* One thread spins in busy() for 300 ms of CPU time (the program measures
 * it) while three wait in waiter() on a condition variable until it is
 * done, and main waits for them all. In CPU time (the default) busy()
 * gets its CPU time, to a tick or two of the kernel's (4 ms at 250 Hz),
 * and the waiting functions next to nothing; in wall time, each waiter
 * gets about the whole run, and main at least the run's wall time. */
static void test_cpu_clock(void **state)
{
	const struct pf_function *busy;
	unsigned long long v[2]; /* busy()'s CPU time, the run's wall time */
	struct profile *p;

	(void)state;
	compile("cc", "-O0", "blocked.c", "blocked");
	p = run_load("", "blocked", "blocked.vitprof");
	read_numbers("blocked", v, 2);
	busy = tu_func(p, "busy");
	assert_true(busy->time_ns >= v[0] - 10 * MS && busy->time_ns <= v[0] + 10 * MS);
	assert_true(tu_func(p, "waiter")->time_ns <= v[0] / 100);
	assert_true(tu_func(p, "main")->time_ns <= v[0] / 100);
	assert_int_equal(p->meta.clock, PF_CLOCK_CPU);
	assert_int_equal(p->meta.threads, 5);
	assert_true(p->meta.wall_ns >= v[1]);
	assert_true(p->meta.cpu_ns >= v[0]);
	profile_free(p);
	p = run_load("VITPROF_CLOCK=wall", "blocked", "blocked-wall.vitprof");
	read_numbers("blocked", v, 2);
	assert_true(tu_func(p, "waiter")->time_ns >= 2 * v[0]);
	/* main is on its stack for the whole run it measured, and the time
	 * since the sampler's last tick is charged when main returns, however
	 * late the sampler runs on a loaded machine: no tail is lost */
	assert_true(tu_func(p, "main")->time_ns >= v[1]);
	assert_int_equal(p->meta.clock, PF_CLOCK_WALL);
	profile_free(p);
}

/* A program that sleeps a second costs (almost) nothing: no thread of the
 * runtime with the CPU clock, under 1 % of a CPU in all. */
static void test_idle_cost(void **state)
{
	unsigned long long v[2]; /* the process's CPU time (us), its threads */
	struct profile *p;

	(void)state;
	compile("cc", "-O0", "idle.c", "idle");
	p = run_load("", "idle", "idle.vitprof");
	read_numbers("idle", v, 2);
	assert_true(v[0] < 10000);
	assert_int_equal(v[1], 1);
	assert_true(tu_func(p, "nap")->time_ns < 10 * MS);
	profile_free(p);
	p = run_load("VITPROF_CLOCK=wall", "idle", "idle-wall.vitprof");
	read_numbers("idle", v, 2);
	assert_int_equal(v[1], 2); /* the wall clock's sampler */
	assert_true(tu_func(p, "nap")->time_ns >= 900 * MS);
	profile_free(p);
}

/* Four threads call along two chains of one depth and a recursion for a
 * second, sampled every 50 us: whatever the clock, the profile has the
 * program's ten edges, each with its calls, and no edge pairing frames of
 * two chains (before, a sample read while the stack changed made some). */
static void test_no_impossible_edges(void **state)
{
	static const char *const clocks[] = {"cpu", "wall"};
	static const char *const edges[][2] = {
	    {"run", "worker"}, {"worker", "seconds"}, {"worker", "a1"}, {"a1", "a2"},
	    {"a2", "a3"},      {"worker", "b1"},      {"b1", "b2"},	{"b2", "b3"},
	    {"worker", "rec"}, {"rec", "rec"},
	};
	char env[64], file[64];
	struct profile *p;
	size_t c, i;

	(void)state;
	compile("cc", "-O0", "race.c", "race");
	for (c = 0; c < 2; c++) {
		snprintf(env, sizeof(env), "VITPROF_TICK_US=50 VITPROF_CLOCK=%s", clocks[c]);
		snprintf(file, sizeof(file), "race-%s.vitprof", clocks[c]);
		p = run_load(env, "race", file);
		for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
			assert_true(tu_edge(p, edges[i][0], edges[i][1])->count > 0);
		for (i = 0; i < p->edges.n; i++)
			assert_true(p->edges.v[i].count > 0);
		assert_int_equal(p->edges.n, sizeof(edges) / sizeof(edges[0]));
		assert_true(tu_func(p, "worker")->time_ns > 100 * MS);
		profile_free(p);
	}
}

/* 500,000 frames deep, the CPU clock charges at every few ticks (after
 * 20 ns of CPU time a frame: 10 ms), with all the time since: spin()
 * still gets its 200 ms, to that and a tick. */
static void test_deep_stack(void **state)
{
	unsigned long long spun;
	struct profile *p;

	(void)state;
	compile("cc", "-O0", "deep.c", "deep");
	p = run_load("", "deep", "deep.vitprof");
	read_numbers("deep", &spun, 1);
	assert_true(tu_func(p, "spin")->time_ns + 15 * MS >= spun);
	assert_true(tu_func(p, "spin")->time_ns <= spun + 15 * MS);
	assert_int_equal(tu_edge(p, "down", "down")->count, 500000);
	profile_free(p);
}

/* A program with its own SIGPROF handler and ITIMER_PROF (as gprof's)
 * runs as it would alone: its handler gets its ticks (and the runtime's,
 * from then on), the counts stay exact. */
static void test_own_sigprof(void **state)
{
	unsigned long long v[2]; /* the handler's runs, the calls of f */
	struct profile *p;

	(void)state;
	compile("cc", "-O0", "ownprof.c", "ownprof");
	p = run_load("", "ownprof", "ownprof.vitprof");
	read_numbers("ownprof", v, 2);
	assert_true(v[0] >= 20); /* 200 ms of CPU at 1 ms, at the kernel's 250 Hz or more */
	assert_int_equal(tu_func(p, "f")->calls, v[1]);
	profile_free(p);
}

/* An output that cannot be written: one warning, the exit status kept. */
static void test_unwritable(void **state)
{
	char path[PATH_MAX], *err_text;
	struct error err;
	size_t len;

	(void)state;
	compile("cc", "-O0", "sleep.c", "sleep");
	assert_int_equal(run("VITPROF_FILE=no/such/dir/x.vitprof", "sleep", ""), 3);
	snprintf(path, sizeof(path), "%s/sleep.err", dir);
	assert_int_equal(file_read_all(path, &err_text, &len, &err), STATUS_OK);
	assert_int_equal(strncmp(err_text, "libvitprof: warning: ", 21), 0);
	assert_non_null(strstr(err_text, "no/such/dir/x.vitprof"));
	assert_non_null(strchr(err_text, '\n'));
	assert_string_equal(strchr(err_text, '\n'), "\n"); /* one line */
	free(err_text);
}

static void test_dump(void **state)
{
	struct profile *p;
	char arg[PATH_MAX];

	(void)state;
	compile("cc", "-O0", "dump.c", "dump");
	snprintf(arg, sizeof(arg), "%s/mid.vitprof", dir);
	assert_int_equal(run("VITPROF_FILE=end.vitprof", "dump", arg), 0);
	p = load("mid.vitprof");
	assert_int_equal(tu_func(p, "f")->calls, 5);
	profile_free(p);
	p = load("end.vitprof");
	assert_int_equal(tu_func(p, "f")->calls, 10);
	profile_free(p);
}

/* VITPROF_INTERVAL: the profile so far is written while the program runs
 * (f() 5 times then, 10 at exit), where the one at exit goes, and nothing
 * else is left in its directory (the writes are atomic: a temporary file
 * renamed); unset or bad, no dump until exit. */
static void test_interval(void **state)
{
	unsigned long long v[1];
	struct profile *p;

	(void)state;
	compile("cc", "-O0", "interval.c", "interval");
	tu_sh("mkdir -p %s/iv && rm -f %s/iv/*", dir, dir);
	assert_int_equal(run("VITPROF_INTERVAL=0.05 VITPROF_FILE=iv/live.vitprof", "interval",
			     "iv/live.vitprof iv/snap.vitprof"),
			 0);
	read_numbers("interval", v, 1);
	assert_int_equal(v[0], 1);
	p = load("iv/snap.vitprof");
	assert_int_equal(tu_func(p, "f")->calls, 5);
	profile_free(p);
	p = load("iv/live.vitprof");
	assert_int_equal(tu_func(p, "f")->calls, 10);
	profile_free(p);
	assert_int_equal(
	    tu_sh("test \"$(ls -A %s/iv | tr '\\n' ' ')\" = 'live.vitprof snap.vitprof '", dir), 0);
	/* the same with the wall clock, whose sampler thread runs beside */
	assert_int_equal(run("VITPROF_CLOCK=wall VITPROF_INTERVAL=0.05 VITPROF_FILE=iv/w.vitprof",
			     "interval", "iv/w.vitprof iv/wsnap.vitprof"),
			 0);
	read_numbers("interval", v, 1);
	assert_int_equal(v[0], 1);
	p = load("iv/wsnap.vitprof");
	assert_int_equal(tu_func(p, "f")->calls, 5);
	profile_free(p);
	assert_int_equal(run("VITPROF_INTERVAL=0x10 VITPROF_FILE=iv/bad.vitprof", "interval",
			     "iv/bad.vitprof iv/badsnap.vitprof"),
			 0);
	read_numbers("interval", v, 1);
	assert_int_equal(v[0], 0);
	assert_int_equal(tu_sh("grep -q 'VITPROF_INTERVAL=0x10 is not a number of seconds' "
			       "%s/interval.err",
			       dir),
			 0);
}

static void test_cxx_demangled(void **state)
{
	struct profile *p;

	(void)state;
	if (tu_sh("command -v c++ >/dev/null") != 0)
		skip();
	p = build_run_load("c++", "-O0", "cxx.cc", "cxx");
	assert_int_equal(tu_func(p, "geo::area(int, int)")->calls, 1);
	assert_int_equal(tu_edge(p, "main", "geo::area(int, int)")->count, 1);
	profile_free(p);
}

/* ---- line counts from coverage callbacks ---- */

/* Compile tests/runtime/SRC with cc and flags (no -finstrument-functions
 * unless flags say so) into dir/name and run it with args. */
static struct profile *cov_run(const char *cc, const char *flags, const char *src, const char *name,
			       const char *args)
{
	char env[128], file[128];

	assert_int_equal(tu_sh("%s -g %s -o %s/%s %s/tests/runtime/%s %s/libvitprof.a "
			       "$(pkg-config --libs libdw 2>/dev/null || echo -ldw -lelf) "
			       "-lpthread -lm 2>%s/cc.err || { cat %s/cc.err >&2; exit 1; }",
			       cc, flags, dir, name, root, src, build, dir, dir),
			 0);
	snprintf(env, sizeof(env), "VITPROF_FILE=%s.vitprof", name);
	assert_int_equal(run(env, name, args), 0);
	snprintf(file, sizeof(file), "%s.vitprof", name);
	return load(file);
}

/* lines.c at -O0. */
static struct profile *lines_run(const char *cc, const char *flags, const char *name,
				 const char *args)
{
	char all[256];

	snprintf(all, sizeof(all), "-O0 %s", flags);
	return cov_run(cc, all, "lines.c", name, args);
}

/* The count of line (of src, holding text) in func; fails when absent. */
static uint64_t src_line_count(const struct profile *p, const char *src, const char *func,
			       const char *text)
{
	uint32_t f = profile_find_function(p, func), line = line_of(src, text), i;

	for (i = 0; i < p->lines.n; i++)
		if (p->lines.v[i].func == f && p->lines.v[i].line == line)
			return p->lines.v[i].count;
	fail_msg("no count for %s line %u", func, line);
	return 0;
}

static uint64_t line_count(const struct profile *p, const char *func, const char *text)
{
	return src_line_count(p, "lines.c", func, text);
}

/* threads 0: the loop once in main, then square() 50 times more; else
 * threads times the loop (see lines.c). */
static void check_lines(const struct profile *p, uint64_t threads)
{
	uint64_t runs = threads ? threads : 1;

	assert_int_equal(line_count(p, "loop", "/* loop body */"), 100000 * runs);
	assert_int_equal(line_count(p, "loop", "/* then */"), 25000 * runs);
	assert_int_equal(line_count(p, "square", "static long square"),
			 25000 * runs + (threads ? 0 : 50));
	assert_true(ends_with(profile_str(p, tu_func(p, "loop")->file), "tests/runtime/lines.c"));
	if (!threads)
		assert_int_equal(line_count(p, "main", "/* 50 more */"), 50);
}

/* -finstrument-functions as well: calls and lines, both exact. */
static void check_lines_calls(const struct profile *p)
{
	check_lines(p, 0);
	assert_int_equal(tu_func(p, "square")->calls, 25050);
	assert_int_equal(tu_func(p, "loop")->calls, 1);
	assert_int_equal(tu_edge(p, "loop", "square")->count, 25000);
	assert_int_equal(tu_edge(p, "main", "square")->count, 50);
}

#define CLANG_COV "-fsanitize-coverage=trace-pc-guard,no-prune -fno-sanitize-link-runtime"
#define CLANG_COV_PCS                                                                              \
	"-fsanitize-coverage=trace-pc-guard,pc-table,no-prune -fno-sanitize-link-runtime"
#define GCC_COV "-fsanitize-coverage=trace-pc"

static void test_lines_clang(void **state)
{
	struct profile *p;

	(void)state;
	if (tu_sh("command -v clang >/dev/null") != 0)
		skip();
	p = lines_run("clang", CLANG_COV, "lines-clang", "");
	check_lines(p, 0);
	assert_int_equal(tu_func(p, "square")->calls, 0); /* no call hooks: unknown */
	profile_free(p);
	p = lines_run("clang", CLANG_COV " -finstrument-functions", "lines-clang-calls", "");
	check_lines_calls(p);
	profile_free(p);
}

static void test_lines_gcc(void **state)
{
	struct profile *p;

	(void)state;
	p = lines_run("gcc", GCC_COV, "lines-gcc", "");
	check_lines(p, 0);
	profile_free(p);
	p = lines_run("gcc", GCC_COV " -finstrument-functions", "lines-gcc-calls", "");
	check_lines_calls(p);
	profile_free(p);
}

/* Code inlined in two places counts in the function it comes from, at
 * its own lines, the copies summed (as llvm-cov does): what a flat sample
 * profile needs, since clang reads it before it inlines. */
static void test_lines_inlined(void **state)
{
	static const char *const cc[] = {"clang", "gcc", "clang"};
	static const char *const flags[] = {"-O1 " CLANG_COV, "-O1 " GCC_COV, "-O1 " CLANG_COV_PCS};
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct profile *p;
		char name[32];

		if (tu_sh("command -v %s >/dev/null", cc[i]) != 0)
			continue;
		snprintf(name, sizeof(name), "inlined-%s-%zu", cc[i], i);
		p = cov_run(cc[i], flags[i], "inlined_lines.c", name, "");
		assert_int_equal(
		    src_line_count(p, "inlined_lines.c", "sum_to", "/* sum_to body */"), 1500);
		assert_int_equal(tu_func(p, "sum_to")->line,
				 line_of("inlined_lines.c", "unsigned sum_to(unsigned n)"));
		profile_free(p);
	}
}

/* Whether func has a count for line (present, 0 or not). */
static bool has_line(const struct profile *p, const char *func, uint32_t line)
{
	uint32_t f = profile_find_function(p, func), i;

	for (i = 0; i < p->lines.n; i++)
		if (p->lines.v[i].func == f && p->lines.v[i].line == line)
			return true;
	return false;
}

/* With clang's PC table every line of a block has the block's count, not
 * only the line its callback is on, and the lines of the blocks that
 * never ran count 0 (see blocks.c); without it, neither. */
static void test_lines_blocks(void **state)
{
	struct profile *p;

	(void)state;
	if (tu_sh("command -v clang >/dev/null") != 0)
		skip();
	p = cov_run("clang", "-O0 " CLANG_COV_PCS, "blocks.c", "blocks-pcs", "");
	assert_int_equal(src_line_count(p, "blocks.c", "main", "/* body 1 */"), 1000);
	assert_int_equal(src_line_count(p, "blocks.c", "main", "/* body 2 */"), 1000);
	assert_int_equal(src_line_count(p, "blocks.c", "main", "/* body 3 */"), 1000);
	assert_int_equal(src_line_count(p, "blocks.c", "main", "/* never 1 */"), 0);
	assert_int_equal(src_line_count(p, "blocks.c", "main", "/* never 2 */"), 0);
	assert_int_equal(src_line_count(p, "blocks.c", "main", "/* tail 1 */"), 1);
	assert_int_equal(src_line_count(p, "blocks.c", "main", "/* tail 2 */"), 1);
	assert_int_equal(profile_find_function(p, "unused"), PF_NONE);
	profile_free(p);
	/* without the table: the lines where blocks start, those that ran */
	p = cov_run("clang", "-O0 " CLANG_COV, "blocks.c", "blocks-nopcs", "");
	assert_int_equal(src_line_count(p, "blocks.c", "main", "/* body 1 */"), 1000);
	assert_int_equal(src_line_count(p, "blocks.c", "main", "/* tail 1 */"), 1);
	assert_false(has_line(p, "main", line_of("blocks.c", "/* body 2 */")));
	assert_false(has_line(p, "main", line_of("blocks.c", "/* never 1 */")));
	assert_false(has_line(p, "main", line_of("blocks.c", "/* tail 2 */")));
	profile_free(p);
}

/* The count of discriminator disc of line (of src, holding text) in func;
 * fails when absent. */
static uint64_t disc_count(const struct profile *p, const char *src, const char *func,
			   const char *text, uint32_t disc)
{
	uint32_t f = profile_find_function(p, func), line = line_of(src, text), n, i;
	const struct pf_disc *d = profile_func_discs(p, f, &n);

	for (i = 0; i < n; i++)
		if (d[i].line == line && d[i].disc == disc)
			return d[i].count;
	fail_msg("no count for %s line %u discriminator %u", func, line, disc);
	return 0;
}

/* How many discriminator counts func has on line (of src, holding text). */
static uint32_t discs_on(const struct profile *p, const char *src, const char *func,
			 const char *text)
{
	uint32_t f = profile_find_function(p, func), line = line_of(src, text), n, i, k = 0;
	const struct pf_disc *d = profile_func_discs(p, f, &n);

	for (i = 0; i < n; i++)
		k += d[i].line == line;
	return k;
}

/* The blocks of discs.c's line "two branches", in the order clang's
 * AddDiscriminators numbers them (clang -S -emit-llvm shows them): the
 * first test (0) runs 1000 times, the second (1) 500, the increment (2)
 * 100 and the join after the if (3) 1000; the line's count is the
 * largest. Without -fdebug-info-for-profiling clang numbers none; gcc
 * numbers its own (0, 1, 2 here), which are not LLVM's and not kept. */
static void test_lines_discriminators(void **state)
{
	static const uint64_t want[] = {1000, 500, 100, 1000};
	const char *text = "/* two branches */";
	struct profile *p;
	uint32_t i;

	(void)state;
	p = cov_run("gcc", "-O0 " GCC_COV, "discs.c", "discs-gcc", "");
	assert_int_equal(src_line_count(p, "discs.c", "main", text), 1000);
	assert_int_equal(p->discs.n, 0);
	profile_free(p);
	if (tu_sh("command -v clang >/dev/null") != 0)
		return;
	p = cov_run("clang", "-O0 -fdebug-info-for-profiling " CLANG_COV, "discs.c", "discs-clang",
		    "");
	assert_int_equal(src_line_count(p, "discs.c", "main", text), 1000);
	assert_int_equal(discs_on(p, "discs.c", "main", text), 4);
	for (i = 0; i < 4; i++)
		assert_int_equal(disc_count(p, "discs.c", "main", text, i), want[i]);
	profile_free(p);
	p = cov_run("clang", "-O0 " CLANG_COV, "discs.c", "discs-clang-nodisc", "");
	assert_int_equal(src_line_count(p, "discs.c", "main", text), 1000);
	assert_int_equal(p->discs.n, 0);
	profile_free(p);
}

/* Four threads run the loop: four times the counts, exactly. */
static void test_lines_threads(void **state)
{
	struct profile *p;

	(void)state;
	p = lines_run("gcc", GCC_COV, "lines-gcc-threads", "4");
	check_lines(p, 4);
	profile_free(p);
	if (tu_sh("command -v clang >/dev/null") != 0)
		return;
	p = lines_run("clang", CLANG_COV, "lines-clang-threads", "4");
	check_lines(p, 4);
	profile_free(p);
}

/* The sum of the line counts of func. */
static uint64_t func_lines(const struct profile *p, const char *func)
{
	uint32_t f = profile_find_function(p, func), i;
	uint64_t sum = 0;

	for (i = 0; i < p->lines.n; i++)
		sum += p->lines.v[i].func == f ? p->lines.v[i].count : 0;
	return sum;
}

/* In CPU time the ticks also count where they interrupted the program, by
 * line: hot()'s loop gets them all (its time is there, at most a tick of
 * the kernel's clock, 1 ms or more, per tick); with coverage callbacks,
 * the exact counts stay alone; in wall time, no line counts. */
static void test_tick_lines(void **state)
{
	uint64_t test, body, all;
	struct profile *p;

	(void)state;
	compile("cc", "-O0", "hot.c", "hot");
	assert_int_equal(run("VITPROF_FILE=hot.vitprof", "hot", "150000000"), 0);
	p = load("hot.vitprof");
	test = src_line_count(p, "hot.c", "hot", "/* loop test */");
	body = src_line_count(p, "hot.c", "hot", "/* loop body */");
	all = func_lines(p, "hot");
	assert_true(test + body >= 10);
	assert_true((test + body) * 10 >= all * 9);
	assert_true(all * MS <= tu_func(p, "hot")->time_ns + 2 * MS);
	assert_int_equal(func_lines(p, "main"), 0);
	profile_free(p);
	p = cov_run("gcc", "-O0 " GCC_COV " -finstrument-functions", "hot.c", "hot-cov",
		    "20000000");
	assert_int_equal(src_line_count(p, "hot.c", "hot", "/* loop test */"), 20000001);
	assert_int_equal(src_line_count(p, "hot.c", "hot", "/* loop body */"), 20000000);
	profile_free(p);
	assert_int_equal(run("VITPROF_FILE=hot-wall.vitprof VITPROF_CLOCK=wall", "hot", "20000000"),
			 0);
	p = load("hot-wall.vitprof");
	assert_int_equal(p->lines.n, 0);
	profile_free(p);
}

/* The runtime's own functions (xmalloc, profile_new, sb_add...) are
 * local to it: a program may define the same names. */
static void test_no_symbol_clash(void **state)
{
	(void)state;
	build_run("cc", "-O0", "clash.c", "clash");
	assert_int_equal(tu_sh("grep -qx 'mine 42' %s/clash.out", dir), 0);
	assert_int_equal(
	    tu_sh("nm -g --defined-only %s/libvitprof.a | grep -v ' vitprof_' | "
		  "grep -v ' __cyg_profile_func_' | grep -v ' __sanitizer_cov_trace_pc' | "
		  "grep -v ' __sanitizer_cov_pcs_init$' | "
		  "grep -q ' [A-Z] '",
		  build),
	    1);
}

/* Every profile written above passes `vitte-pgo check` and opens in
 * vitte-pgo-tui, every view visited. */
static void test_all_check(void **state)
{
	(void)state;
	assert_int_equal(tu_sh("%s/vitte-pgo check %s/*.vitprof >%s/check.out", build, dir, dir),
			 0);
	assert_int_equal(tu_sh("test $(grep -c ': ok:' %s/check.out) -ge 16", dir), 0);
	assert_int_equal(tu_sh("for f in %s/*.vitprof; do %s/vitte-pgo-tui --size 100x30 "
			       "--keys '<Enter>t<Esc>a<Esc>3456?' --dump-screen %s/screen \"$f\" "
			       ">%s/tui.out 2>&1 || { echo \"$f\"; cat %s/tui.out; exit 1; }; done",
			       dir, build, dir, dir, dir),
			 0);
}

/* A pattern as argument runs only the tests whose names match it
 * (test_runtime 'test_cpu_*'). */
int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fib_static_o0),
	    cmocka_unit_test(test_fib_static_o2),
	    cmocka_unit_test(test_fib_shared_pkg_config),
	    cmocka_unit_test(test_shared_object),
	    cmocka_unit_test(test_dlopen_paths),
	    cmocka_unit_test(test_static_copies),
	    cmocka_unit_test(test_checksums),
	    cmocka_unit_test(test_threads),
	    cmocka_unit_test(test_contexts_split),
	    cmocka_unit_test(test_contexts_recursion),
	    cmocka_unit_test(test_contexts_threads),
	    cmocka_unit_test(test_contexts_caps),
	    cmocka_unit_test(test_inlined),
	    cmocka_unit_test(test_many_calls),
	    cmocka_unit_test(test_longjmp),
	    cmocka_unit_test(test_sampled_spread),
	    cmocka_unit_test(test_signals),
	    cmocka_unit_test(test_fork),
	    cmocka_unit_test(test_sites),
	    cmocka_unit_test(test_sleep),
	    cmocka_unit_test(test_cpu_clock),
	    cmocka_unit_test(test_idle_cost),
	    cmocka_unit_test(test_no_impossible_edges),
	    cmocka_unit_test(test_deep_stack),
	    cmocka_unit_test(test_own_sigprof),
	    cmocka_unit_test(test_unwritable),
	    cmocka_unit_test(test_dump),
	    cmocka_unit_test(test_interval),
	    cmocka_unit_test(test_cxx_demangled),
	    cmocka_unit_test(test_lines_clang),
	    cmocka_unit_test(test_lines_discriminators),
	    cmocka_unit_test(test_lines_blocks),
	    cmocka_unit_test(test_lines_gcc),
	    cmocka_unit_test(test_lines_inlined),
	    cmocka_unit_test(test_lines_threads),
	    cmocka_unit_test(test_tick_lines),
	    cmocka_unit_test(test_no_symbol_clash),
	    cmocka_unit_test(test_all_check),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("runtime", tests, setup, teardown);
}

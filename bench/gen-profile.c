/* gen-profile.c - write a synthetic, deterministic .vitprof v1 profile to stdout.
 *
 * Standalone on purpose (no libvitte): `make bench` uses it to make large
 * inputs for report, merge, diff and export, and with --llvm-text their
 * twins for llvm-profdata. Everything is a pure function
 * of (seed, kind, index) through splitmix64, so a profile is the same bytes
 * on every machine and every run.
 *
 * Two kinds of randomness:
 *   - the structure (function names, files, lines, sizes, checksums, who
 *     calls whom, which sites and line counts exist) uses a fixed seed, so
 *     every --seed describes the same program;
 *   - the counters (calls, times, site counts) and which functions were
 *     never reached (--drop, per mille) use --seed, so two seeds are two
 *     runs of that program: merge and diff see matched functions with other
 *     counters, plus a few added and removed ones.
 *
 * Keys are unique by construction: function i calls i+off_1, i+off_2, ...
 * (mod n) with strictly increasing offsets below n; site j of a kind belongs to
 * function j % n at a line that grows with j / n. Edges and sites of a
 * dropped function are left out, so the counts given are upper bounds.
 *
 * Times are consistent: a function's inclusive time is its self time plus
 * the time_ns of its outgoing edges, and an edge carries a share of the
 * callee's inclusive time (its self time on the few edges that wrap around,
 * which are back edges), the shares of one callee adding up to at most 1.
 *
 * For the browser's figures: --func-lines gives function 0 that many line
 * counts (with a heavy tail: a few hot lines), --name-bytes pads every
 * name as C++ template arguments do, and --source writes the files the
 * profile names, so that the browser annotates them.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STRUCT_SEED 0x5eedf00dULL

/* What a hash is for; mixed into the seed so kinds draw independent values. */
enum gen_kind {
	K_NAME = 1,
	K_FILE,
	K_CHECKSUM,
	K_SIZE,
	K_DEGREE,
	K_OFFSET,
	K_LINES,
	K_BRANCH,
	K_LOOP,
	K_SELF,
	K_CALLS,
	K_NOISE,
	K_DROP,
	K_SHARE,
	K_COUNT,
	K_OUTLIER,
	K_HOTLINE
};

struct gen_opts {
	uint32_t functions, edges, branches, loops;
	uint32_t lines_pct;	/* share of functions with a "lines" object */
	uint32_t drop_permille; /* functions left out of a run, per seed */
	uint64_t seed;
	int llvm_text;		/* write the LLVM text twin instead */
	uint32_t func_lines;	/* line counts of function 0, when not 0 */
	uint32_t name_bytes;	/* names padded to this length, when longer */
	const char *source_dir; /* write the source files there too */
};

struct gen {
	struct gen_opts o;
	uint32_t *degree;  /* outgoing edges of each function (before drops) */
	uint32_t *indeg;   /* incoming edges from present callers */
	uint64_t *self_ns; /* per present function */
	uint64_t *time_ns; /* inclusive */
	uint64_t *calls;
	char *name[2]; /* two names at a time, each room for name_bytes */
};

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t hash3(uint64_t seed, enum gen_kind kind, uint64_t i, uint64_t j)
{
	return mix64(mix64(mix64(seed * 0x100000001b3ULL + (uint64_t)kind) ^ i) ^ j);
}

/* Structure: the same for every seed. */
static uint64_t sh(enum gen_kind kind, uint64_t i, uint64_t j)
{
	return hash3(STRUCT_SEED, kind, i, j);
}

/* Counters: one run. */
static uint64_t rh(const struct gen *g, enum gen_kind kind, uint64_t i, uint64_t j)
{
	return hash3(g->o.seed, kind, i, j);
}

/* A heavy tail (Pareto with alpha about 1): base << leading zeros. */
static uint64_t heavy(uint64_t base, uint64_t h, unsigned max_shift)
{
	unsigned shift = h ? (unsigned)__builtin_clzll(h) : 64;

	return base << (shift < max_shift ? shift : max_shift);
}

/* x times a run's noise factor in [0.8, 1.2), and a rare 10x outlier. */
static uint64_t noisy(const struct gen *g, enum gen_kind kind, uint64_t i, uint64_t x)
{
	uint64_t f = 819 + rh(g, kind, i, 0) % 410;

	if (rh(g, K_OUTLIER, i, (uint64_t)kind) % 1000 == 0)
		f *= 10;
	return x / 1024 * f + x % 1024 * f / 1024;
}

/* Function 0 has --func-lines line counts when given. */
static int big_func(const struct gen *g, uint32_t f)
{
	return f == 0 && g->o.func_lines;
}

/* Whether f was reached in this run; the big function always is. */
static int present(const struct gen *g, uint32_t f)
{
	return big_func(g, f) || rh(g, K_DROP, f, 0) % 1000 >= g->o.drop_permille;
}

static uint32_t func_line(uint32_t f)
{
	return 1 + (uint32_t)(sh(K_FILE, f, 1) % 20) * 50;
}

/* The callees of f, in the order of growing offset; returns how many. */
static uint32_t callees(const struct gen *g, uint32_t f, uint32_t *out)
{
	uint32_t n = g->o.functions, d = g->degree[f], k;
	uint64_t off = 0, step = d ? (n - 1) / d : 1;

	/* offsets grow and stay within [1, n - 1]: distinct callees, never f */
	if (step > 48)
		step = 48;
	for (k = 0; k < d; k++) {
		off += 1 + sh(K_OFFSET, f, k) % step;
		out[k] = (uint32_t)((f + off) % n);
	}
	return d;
}

static const char *const words[] = {
    "alloc", "parse", "lex",	"emit",	 "hash",  "sort",  "scan",   "walk",
    "check", "fold",  "inline", "visit", "print", "merge", "split",  "load",
    "store", "spill", "sched",	"type",	 "unify", "match", "lower",  "opt",
    "reg",   "phi",   "cfg",	"dom",	 "loop",  "vec",   "encode", "link",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

/* Append s to buf[len..], cut at end; returns the new length. */
static size_t put_upto(char *buf, size_t len, size_t end, const char *s)
{
	while (*s && len < end)
		buf[len++] = *s++;
	return len;
}

/* f's name in buffer slot (0 or 1): "word::word_F", padded to exactly
 * --name-bytes when that is longer, as a C++ template's arguments are:
 * "word::word_F<word, word, ...>". */
static const char *func_name(const struct gen *g, int slot, uint32_t f)
{
	char *buf = g->name[slot];
	uint64_t h = sh(K_NAME, f, 0);
	size_t len = (size_t)snprintf(buf, 64, "%s::%s_%" PRIu32, words[h % NWORDS],
				      words[(h >> 8) % NWORDS], f),
	       end = g->o.name_bytes ? g->o.name_bytes - 1 : 0;
	uint32_t i;

	if (end <= len)
		return buf;
	buf[len++] = '<';
	for (i = 0; len < end; i++) {
		if (i)
			len = put_upto(buf, len, end, ", ");
		len = put_upto(buf, len, end, words[sh(K_NAME, f, i + 1) % NWORDS]);
	}
	buf[len++] = '>';
	buf[len] = '\0';
	return buf;
}

/* Degrees: edges spread as evenly as possible, bounded by n - 1. */
static void gen_degrees(struct gen *g)
{
	uint32_t n = g->o.functions, f;
	uint64_t base = g->o.edges / n, extra = g->o.edges % n;

	for (f = 0; f < n; f++) {
		uint64_t d = base + (f < extra);

		g->degree[f] = (uint32_t)(d < n - 1 ? d : n - 1);
	}
}

static uint64_t edge_share(const struct gen *g, uint32_t f, uint32_t k, uint64_t x, uint32_t indeg)
{
	uint64_t s = 512 + rh(g, K_SHARE, f, k) % 512;

	return (x / 1024 * s + x % 1024 * s / 1024) / indeg;
}

static uint64_t edge_time(const struct gen *g, uint32_t f, uint32_t k, uint32_t c)
{
	uint64_t x = c > f ? g->time_ns[c] : g->self_ns[c];

	return edge_share(g, f, k, x, g->indeg[c]);
}

static uint64_t edge_count(const struct gen *g, uint32_t f, uint32_t k, uint32_t c)
{
	uint64_t x = edge_share(g, f, k, g->calls[c], g->indeg[c]);

	return x ? x : 1;
}

/* Counters of present functions, then inclusive times from the last
 * function back: forward callees are done before their callers. */
static void gen_counters(struct gen *g, uint32_t *cs)
{
	uint32_t n = g->o.functions, f, k, d;

	for (f = 0; f < n; f++) {
		if (!present(g, f))
			continue;
		g->self_ns[f] = noisy(g, K_SELF, f,
				      heavy(1000 + sh(K_SELF, f, 0) % 1000, sh(K_SELF, f, 1), 20));
		g->calls[f] =
		    noisy(g, K_CALLS, f, heavy(1 + sh(K_CALLS, f, 0) % 100, sh(K_CALLS, f, 1), 16));
		d = callees(g, f, cs);
		for (k = 0; k < d; k++)
			if (present(g, cs[k]))
				g->indeg[cs[k]]++;
	}
	for (f = n; f-- > 0;) {
		uint64_t t;

		if (!present(g, f))
			continue;
		t = g->self_ns[f];
		d = callees(g, f, cs);
		for (k = 0; k < d; k++)
			if (present(g, cs[k]))
				t += edge_time(g, f, k, cs[k]);
		g->time_ns[f] = t;
	}
}

/* How many line counts f has (0 when it has no "lines" object). */
static uint32_t n_lines(const struct gen *g, uint32_t f)
{
	if (big_func(g, f))
		return g->o.func_lines;
	if (sh(K_LINES, f, 0) % 100 >= g->o.lines_pct)
		return 0;
	return 1 + (uint32_t)(sh(K_LINES, f, 1) % 8);
}

/* The line of f's k-th line count: every other line after f's, every
 * line for the big function. */
static uint32_t line_of(const struct gen *g, uint32_t f, uint32_t k)
{
	return func_line(f) + 1 + (big_func(g, f) ? k : 2 * k);
}

/* The big function's counts have a heavy tail: a few hot lines. */
static uint64_t line_count(const struct gen *g, uint32_t f, uint32_t k)
{
	uint64_t x = 1 + rh(g, K_LINES, f, k) % 50;

	return g->calls[f] * (big_func(g, f) ? heavy(x, rh(g, K_HOTLINE, f, k), 20) : x);
}

static void put_lines(const struct gen *g, uint32_t f)
{
	uint32_t k, nl = n_lines(g, f);

	fputs(", \"lines\": {", stdout);
	for (k = 0; k < nl; k++)
		printf("%s\"%" PRIu32 "\": %" PRIu64, k ? ", " : " ", line_of(g, f, k),
		       line_count(g, f, k));
	fputs(" }", stdout);
}

static void put_functions(const struct gen *g)
{
	uint32_t n = g->o.functions, f, first = 1;
	const char *name;

	fputs("  \"functions\": {\n", stdout);
	for (f = 0; f < n; f++) {
		if (!present(g, f))
			continue;
		name = func_name(g, 0, f);
		printf("%s    \"%s\": { \"calls\": %" PRIu64 ", \"time_ns\": %" PRIu64,
		       first ? "" : ",\n", name, g->calls[f], g->time_ns[f]);
		if (f % 10 == 0)
			printf(", \"self_ns\": %" PRIu64, g->self_ns[f]);
		printf(", \"file\": \"src/%s/unit%" PRIu32 ".vt\", \"line\": %" PRIu32
		       ", \"size\": %" PRIu64 ", \"checksum\": \"%08" PRIx64 "\"",
		       words[sh(K_FILE, f / 20, 0) % NWORDS], f / 20, func_line(f),
		       16 + sh(K_SIZE, f, 0) % 4000, sh(K_CHECKSUM, f, 0) & 0xffffffffu);
		if (n_lines(g, f))
			put_lines(g, f);
		fputs(" }", stdout);
		first = 0;
	}
	fputs("\n  },\n", stdout);
}

static void put_edges(const struct gen *g, uint32_t *cs)
{
	uint32_t n = g->o.functions, f, k, d, first = 1;
	const char *caller, *callee;

	fputs("  \"calls\": [\n", stdout);
	for (f = 0; f < n; f++) {
		if (!present(g, f))
			continue;
		caller = func_name(g, 0, f);
		d = callees(g, f, cs);
		for (k = 0; k < d; k++) {
			if (!present(g, cs[k]))
				continue;
			callee = func_name(g, 1, cs[k]);
			printf("%s    { \"caller\": \"%s\", \"callee\": \"%s\", \"count\": %" PRIu64
			       ", \"time_ns\": %" PRIu64 " }",
			       first ? "" : ",\n", caller, callee, edge_count(g, f, k, cs[k]),
			       edge_time(g, f, k, cs[k]));
			first = 0;
		}
	}
	fputs("\n  ],\n", stdout);
}

/* Branch site j (of function j % n): taken and not taken. A few sites
 * were never executed, as in real profiles. */
static void branch_counts(const struct gen *g, uint32_t j, uint64_t *taken, uint64_t *not_taken)
{
	uint32_t f = j % g->o.functions;
	uint64_t total =
	    sh(K_BRANCH, j, 0) % 20 ? g->calls[f] * (1 + rh(g, K_BRANCH, j, 0) % 10) : 0;

	*taken = total / 1000 * (rh(g, K_BRANCH, j, 1) % 1001);
	*not_taken = total - *taken;
}

/* Loop site j (of function j % n): entries, iterations and time. */
static void loop_counts(const struct gen *g, uint32_t j, uint64_t c[3])
{
	uint32_t f = j % g->o.functions;

	c[0] = g->calls[f] * (1 + rh(g, K_LOOP, j, 0) % 4);
	c[1] = c[0] * (1 + rh(g, K_LOOP, j, 1) % 1000);
	c[2] = g->self_ns[f] / 100 * (5 + rh(g, K_LOOP, j, 2) % 90);
}

static void put_branches(const struct gen *g)
{
	uint32_t n = g->o.functions, j, first = 1;
	const char *name;

	fputs("  \"branches\": {\n    \"sites\": [\n", stdout);
	for (j = 0; j < g->o.branches; j++) {
		uint32_t f = j % n;
		uint64_t taken, not_taken;

		if (!present(g, f))
			continue;
		name = func_name(g, 0, f);
		branch_counts(g, j, &taken, &not_taken);
		printf("%s      { \"function\": \"%s\", \"line\": %" PRIu32, first ? "" : ",\n",
		       name, func_line(f) + 3 + 4 * (j / n));
		if (j % 3)
			printf(", \"column\": %" PRIu32, 1 + (uint32_t)(sh(K_BRANCH, j, 1) % 80));
		if (j % 4 == 0)
			printf(", \"id\": \"b%" PRIu32 "\"", j / n);
		printf(", \"taken\": %" PRIu64 ", \"not_taken\": %" PRIu64 " }", taken, not_taken);
		first = 0;
	}
	fputs("\n    ]\n  },\n", stdout);
}

static void put_loops(const struct gen *g)
{
	uint32_t n = g->o.functions, j, first = 1;
	const char *name;

	fputs("  \"loops\": {\n    \"sites\": [\n", stdout);
	for (j = 0; j < g->o.loops; j++) {
		uint32_t f = j % n;
		uint64_t c[3];

		if (!present(g, f))
			continue;
		name = func_name(g, 0, f);
		loop_counts(g, j, c);
		printf("%s      { \"function\": \"%s\"", first ? "" : ",\n", name);
		if (j % 5)
			printf(", \"name\": \"L%" PRIu32 "\"", j / n);
		printf(", \"line\": %" PRIu32 ", \"entries\": %" PRIu64 ", \"iterations\": %" PRIu64
		       ", \"time_ns\": %" PRIu64 " }",
		       func_line(f) + 5 + 4 * (j / n), c[0], c[1], c[2]);
		first = 0;
	}
	fputs("\n    ]\n  }\n", stdout);
}

/* The LLVM twin of the profile: llvm-profdata's text format of an
 * instrumented (frontend) profile, one record per present function, its
 * hash the function's checksum and its counters the same numbers as the
 * .vitprof's, in its order: calls, time_ns, self_ns when given, the line
 * counts, then count and time_ns of each outgoing edge, taken and
 * not_taken of each branch site, entries, iterations and time_ns of each
 * loop site. An edge to a function the run never reached is two zeros, as
 * an instrumented binary has the same counters in every run (else
 * llvm-profdata refuses the record as of another build). So both tools
 * merge the same counters, and the bench compares the formats' costs. */
static void put_llvm_text(const struct gen *g, uint32_t *cs)
{
	uint32_t n = g->o.functions, f, k, d, j;
	const char *name;
	uint64_t c[3];

	for (f = 0; f < n; f++) {
		uint32_t nl = n_lines(g, f), nc = 2 + (f % 10 == 0) + nl;

		if (!present(g, f))
			continue;
		d = callees(g, f, cs);
		nc += 2 * d;
		for (j = f; j < g->o.branches; j += n)
			nc += 2;
		for (j = f; j < g->o.loops; j += n)
			nc += 3;
		name = func_name(g, 0, f);
		printf("%s\n# Func Hash:\n%" PRIu64 "\n# Num Counters:\n%" PRIu32
		       "\n# Counter Values:\n%" PRIu64 "\n%" PRIu64 "\n",
		       name, sh(K_CHECKSUM, f, 0) & 0xffffffffu, nc, g->calls[f], g->time_ns[f]);
		if (f % 10 == 0)
			printf("%" PRIu64 "\n", g->self_ns[f]);
		for (k = 0; k < nl; k++)
			printf("%" PRIu64 "\n", line_count(g, f, k));
		for (k = 0; k < d; k++)
			if (present(g, cs[k]))
				printf("%" PRIu64 "\n%" PRIu64 "\n", edge_count(g, f, k, cs[k]),
				       edge_time(g, f, k, cs[k]));
			else
				fputs("0\n0\n", stdout);
		for (j = f; j < g->o.branches; j += n) {
			branch_counts(g, j, &c[0], &c[1]);
			printf("%" PRIu64 "\n%" PRIu64 "\n", c[0], c[1]);
		}
		for (j = f; j < g->o.loops; j += n) {
			loop_counts(g, j, c);
			printf("%" PRIu64 "\n%" PRIu64 "\n%" PRIu64 "\n", c[0], c[1], c[2]);
		}
		putchar('\n');
	}
}

/* The last line f or one of its sites is on. */
static uint32_t last_line(const struct gen *g, uint32_t f)
{
	uint32_t n = g->o.functions, last = func_line(f), nl = n_lines(g, f);

	if (nl && line_of(g, f, nl - 1) > last)
		last = line_of(g, f, nl - 1);
	/* site j of f is f + m * n; the last m is (sites - 1 - f) / n */
	if (f < g->o.branches && func_line(f) + 3 + 4 * ((g->o.branches - 1 - f) / n) > last)
		last = func_line(f) + 3 + 4 * ((g->o.branches - 1 - f) / n);
	if (f < g->o.loops && func_line(f) + 5 + 4 * ((g->o.loops - 1 - f) / n) > last)
		last = func_line(f) + 5 + 4 * ((g->o.loops - 1 - f) / n);
	return last;
}

static void die_errno(const char *what)
{
	fprintf(stderr, "gen-profile: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0777) && errno != EEXIST)
		die_errno(path);
}

/* --source DIR: the source files the profile names, under DIR, each as
 * long as the last line its functions (20 per file) or their sites are
 * on; line L reads "\tx = step(x, L);". */
static void put_sources(const struct gen *g)
{
	uint32_t n = g->o.functions, u, f, l, last;
	char path[4096];
	FILE *out;

	make_dir(g->o.source_dir);
	snprintf(path, sizeof(path), "%s/src", g->o.source_dir);
	make_dir(path);
	for (u = 0; u <= (n - 1) / 20; u++) {
		const char *word = words[sh(K_FILE, u, 0) % NWORDS];

		snprintf(path, sizeof(path), "%s/src/%s", g->o.source_dir, word);
		make_dir(path);
		snprintf(path, sizeof(path), "%s/src/%s/unit%" PRIu32 ".vt", g->o.source_dir, word,
			 u);
		for (last = 0, f = u * 20; f < n && f < u * 20 + 20; f++)
			if (last_line(g, f) > last)
				last = last_line(g, f);
		out = fopen(path, "w");
		if (!out)
			die_errno(path);
		for (l = 1; l <= last; l++)
			fprintf(out, "\tx = step(x, %" PRIu32 ");\n", l);
		if (fclose(out))
			die_errno(path);
	}
}

static void put_profile(struct gen *g)
{
	uint32_t *cs = calloc(g->o.functions, sizeof(*cs));

	if (!cs) {
		fputs("gen-profile: out of memory\n", stderr);
		exit(1);
	}
	gen_degrees(g);
	gen_counters(g, cs);
	if (g->o.source_dir)
		put_sources(g);
	if (g->o.llvm_text) {
		put_llvm_text(g, cs);
		free(cs);
		return;
	}
	fputs("{\n  \"format\": \"vitprof\",\n  \"version\": 1,\n"
	      "  \"program\": \"bench-synthetic\",\n",
	      stdout);
	printf("  \"meta\": { \"mode\": \"instrumented\", \"runs\": 1, "
	       "\"created\": \"2026-01-01T00:00:00Z\", \"tool\": \"gen-profile (seed %" PRIu64
	       ")\", \"binary\": \"./bench-synthetic\" },\n",
	       g->o.seed);
	put_functions(g);
	put_edges(g, cs);
	put_branches(g);
	put_loops(g);
	fputs("}\n", stdout);
	free(cs);
}

static const char usage[] =
    "Usage: gen-profile [OPTIONS] > FILE.vitprof\n"
    "\n"
    "Write a synthetic, deterministic .vitprof v1 profile to standard output.\n"
    "Seeds change the counters and the dropped functions, not the program.\n"
    "\n"
    "  -n, --functions N   functions (default 100000)\n"
    "  -e, --edges N       call-graph edges, at most (default 500000)\n"
    "  -b, --branches N    branch sites, at most (default 100000)\n"
    "  -l, --loops N       loop sites, at most (default 50000)\n"
    "  -L, --lines-pct P   percent of functions with line counts (default 20)\n"
    "  -d, --drop M        per mille of functions a run never reached (default 1)\n"
    "  -s, --seed S        run seed (default 1)\n"
    "  -t, --llvm-text     write the profile's LLVM twin instead: llvm-profdata's\n"
    "                      text format, the same counters per function\n"
    "  -F, --func-lines N  function 0 has N line counts, one per line after its\n"
    "                      own, a few of them hot (default: 1 to 8, as others)\n"
    "  -N, --name-bytes N  names padded to N bytes (C++ template arguments)\n"
    "  -S, --source DIR    also write the source files the profile names under DIR\n"
    "                      (DIR/src/...; the browser finds them when the profile\n"
    "                      is in DIR), each with every line the profile counts\n"
    "  -h, --help          show this help\n";

static int parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return 0;
	v = strtoull(s, &end, 10);
	if (*end || v > max)
		return 0;
	*out = v;
	return 1;
}

static int parse_args(int argc, char **argv, struct gen_opts *o)
{
	static const struct option longs[] = {
	    {"functions", required_argument, NULL, 'n'},
	    {"edges", required_argument, NULL, 'e'},
	    {"branches", required_argument, NULL, 'b'},
	    {"loops", required_argument, NULL, 'l'},
	    {"lines-pct", required_argument, NULL, 'L'},
	    {"drop", required_argument, NULL, 'd'},
	    {"seed", required_argument, NULL, 's'},
	    {"llvm-text", no_argument, NULL, 't'},
	    {"func-lines", required_argument, NULL, 'F'},
	    {"name-bytes", required_argument, NULL, 'N'},
	    {"source", required_argument, NULL, 'S'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	uint64_t v;
	int c;

	while ((c = getopt_long(argc, argv, "n:e:b:l:L:d:s:tF:N:S:h", longs, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			exit(0);
		}
		if (c == 't') {
			o->llvm_text = 1;
			continue;
		}
		if (c == 'S') {
			o->source_dir = optarg;
			continue;
		}
		if (c == '?' || !parse_u64(optarg, c == 's' ? UINT64_MAX : UINT32_MAX, &v))
			goto bad;
		switch (c) {
		case 'n':
			o->functions = (uint32_t)v;
			break;
		case 'e':
			o->edges = (uint32_t)v;
			break;
		case 'b':
			o->branches = (uint32_t)v;
			break;
		case 'l':
			o->loops = (uint32_t)v;
			break;
		case 'L':
			o->lines_pct = (uint32_t)v;
			break;
		case 'd':
			o->drop_permille = (uint32_t)v;
			break;
		case 'F':
			o->func_lines = (uint32_t)v;
			break;
		case 'N':
			o->name_bytes = (uint32_t)v;
			break;
		default:
			o->seed = v;
			break;
		}
	}
	if (optind == argc && o->functions > 0 && o->lines_pct <= 100 && o->drop_permille < 1000)
		return 1;
bad:
	fputs(usage, stderr);
	return 0;
}

int main(int argc, char **argv)
{
	static char outbuf[1 << 16];
	struct gen g = {.o = {100000, 500000, 100000, 50000, 20, 1, 1, 0, 0, 0, NULL}};
	size_t n;

	if (!parse_args(argc, argv, &g.o))
		return 2;
	n = g.o.functions;
	g.degree = calloc(n, sizeof(*g.degree));
	g.indeg = calloc(n, sizeof(*g.indeg));
	g.self_ns = calloc(n, sizeof(*g.self_ns));
	g.time_ns = calloc(n, sizeof(*g.time_ns));
	g.calls = calloc(n, sizeof(*g.calls));
	g.name[0] = malloc(g.o.name_bytes >= 64 ? (size_t)g.o.name_bytes + 1 : 64);
	g.name[1] = malloc(g.o.name_bytes >= 64 ? (size_t)g.o.name_bytes + 1 : 64);
	if (!g.degree || !g.indeg || !g.self_ns || !g.time_ns || !g.calls || !g.name[0] ||
	    !g.name[1]) {
		fputs("gen-profile: out of memory\n", stderr);
		return 1;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	put_profile(&g);
	if (fflush(stdout) || ferror(stdout)) {
		perror("gen-profile: stdout");
		return 1;
	}
	free(g.degree);
	free(g.indeg);
	free(g.self_ns);
	free(g.time_ns);
	free(g.calls);
	free(g.name[0]);
	free(g.name[1]);
	return 0;
}

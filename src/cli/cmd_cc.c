/* cmd_cc.c - `vitte-pgo cc`: a compiler wrapper for the three phases of
 * profile-guided optimization, usable as CC in any build:
 *
 *	make CC="vitte-pgo cc --profile-gen clang"	  # 1. instrumented build
 *	./prog ...					  # 2. writes prog.vitprof
 *	make CC="vitte-pgo cc --profile-use=prog.vitprof clang"  # 3. optimized build
 *
 * The wrapper adds flags around the compiler's own arguments and execs it;
 * the profile is converted once per change (cached beside it). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/base/alloc.h"
#include "src/base/fileio.h"
#include "src/base/strbuf.h"
#include "src/base/vector.h"
#include "src/cli/cli.h"
#include "src/model/profile.h"
#include "analysis/exporters.h"
#include "src/writers/exporter.h"

static const char cc_help[] =
    "Usage: vitte-pgo cc --profile-gen COMPILER [ARGS...]\n"
    "       vitte-pgo cc --profile-use=PROFILE COMPILER [ARGS...]\n"
    "\n"
    "Run COMPILER (clang or gcc) with ARGS and the flags of one phase of\n"
    "profile-guided optimization; use it as CC in any build:\n"
    "\n"
    "  make CC=\"vitte-pgo cc --profile-gen clang\"               # 1. build\n"
    "  ./prog                                                  # 2. run: prog.vitprof\n"
    "  make clean; make CC=\"vitte-pgo cc --profile-use=prog.vitprof clang\"  # 3.\n"
    "\n"
    "  --profile-gen        link libvitprof: calls and call graph\n"
    "                       (-finstrument-functions) and exact line counts\n"
    "                       (SanitizerCoverage callbacks), with debug info;\n"
    "                       with clang, counts of every block of the source\n"
    "                       (pc-table, -fdebug-info-for-profiling, and -O0\n"
    "                       after the build's flags: the training build is\n"
    "                       unoptimized, as clang's own -fprofile-instr-generate\n"
    "                       counts the source before optimizing)\n"
    "  --profile-use=FILE   optimize with FILE: converted once (cached beside it,\n"
    "                       redone when FILE is newer) to an LLVM sample profile\n"
    "                       (FILE.prof, -fprofile-sample-use) and a linker order\n"
    "                       (FILE.order, used with ld.lld when installed); give\n"
    "                       an absolute path to builds that change directory\n"
    "  --print              print the command instead of running it\n"
    "  -h, --help           show this help\n"
    "\n"
    "gcc has no route for LLVM sample profiles (its -fauto-profile reads\n"
    "AutoFDO's format, made from hardware branch records): with gcc, phase 3\n"
    "applies the link order only, and says so.\n"
    "\n"
    "Exit status: the compiler's; 127 when it is not found; 1 when the profile\n"
    "cannot be converted; 2 on usage errors.\n";

enum cc_phase { CC_GEN, CC_USE };

struct cc_args {
	enum cc_phase phase;
	const char *profile; /* --profile-use */
	bool print;
	int first; /* argv index of the compiler */
};

/* The wrapper's own options come before the compiler: everything from the
 * first argument that is not one of them is the compiler's command. */
static int cc_parse(int argc, char **argv, struct cc_args *a)
{
	bool phase = false;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(cc_help, stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--profile-gen")) {
			a->phase = CC_GEN;
		} else if (!strncmp(argv[i], "--profile-use=", 14) && argv[i][14]) {
			a->phase = CC_USE;
			a->profile = argv[i] + 14;
		} else if (!strcmp(argv[i], "--print")) {
			a->print = true;
			continue;
		} else {
			return cli_usage_error("cc", "unknown option '%s'", argv[i]);
		}
		if (phase)
			return cli_usage_error("cc", "one of --profile-gen, --profile-use");
		phase = true;
	}
	if (!phase)
		return cli_usage_error("cc", "--profile-gen or --profile-use=PROFILE first");
	if (i >= argc)
		return cli_usage_error("cc", "no compiler given");
	a->first = i;
	return -1;
}

/* ---- what the compiler is and does ---- */

/* The path of an executable found on PATH (or as given when it has a
 * slash); NULL when there is none. Caller frees. */
static char *cc_which(const char *name)
{
	const char *path = getenv("PATH"), *p, *end;

	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
	for (p = path ? path : "/usr/bin:/bin"; *p; p = *end ? end + 1 : end) {
		struct strbuf sb = STRBUF_INIT;

		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		sb_add(&sb, p == end ? "." : p, p == end ? 1 : (size_t)(end - p));
		sb_addf(&sb, "/%s", name);
		if (access(sb_str(&sb), X_OK) == 0)
			return sb_detach(&sb, NULL);
		sb_free(&sb);
	}
	return NULL;
}

/* Whether the compiler is clang, by its resolved name (cc may be either). */
static bool cc_is_clang(const char *compiler)
{
	char *found = cc_which(compiler), real[PATH_MAX];
	const char *base;
	bool clang;

	if (!found)
		return strstr(compiler, "clang") != NULL;
	base = realpath(found, real) ? real : found;
	base = strrchr(base, '/') ? strrchr(base, '/') + 1 : base;
	clang = strstr(base, "clang") != NULL;
	free(found);
	return clang;
}

/* Whether the command links: no -c, -S, -E, and a file or -o to work on. */
static bool cc_links(int argc, char **argv)
{
	bool input = false;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-c") || !strcmp(argv[i], "-S") || !strcmp(argv[i], "-E") ||
		    !strcmp(argv[i], "-M") || !strcmp(argv[i], "-MM"))
			return false;
		if (argv[i][0] != '-')
			input = true;
	}
	return input;
}

/* ---- where libvitprof is ---- */

/* The value of "key=" in the pkg-config file at path, NULL when absent. */
static char *cc_pc_value(const char *path, const char *key)
{
	struct error err;
	char *text, *line, *value = NULL;
	size_t len, klen = strlen(key);

	if (file_read_all(path, &text, &len, &err) != STATUS_OK)
		return NULL;
	for (line = strtok(text, "\n"); line && !value; line = strtok(NULL, "\n"))
		if (!strncmp(line, key, klen) && line[klen] == '=')
			value = xstrdup(line + klen + 1);
	free(text);
	return value;
}

/* libvitprof's vitprof.pc: beside this program (a build tree), else in
 * ../lib/pkgconfig (an installation). */
static char *cc_find_pc(void)
{
	static const char *const where[] = {"/vitprof.pc", "/../lib/pkgconfig/vitprof.pc"};
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t i;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	*strrchr(exe, '/') = '\0';
	for (i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		struct strbuf sb = STRBUF_INIT;

		sb_adds(&sb, exe);
		sb_adds(&sb, where[i]);
		if (access(sb_str(&sb), R_OK) == 0)
			return sb_detach(&sb, NULL);
		sb_free(&sb);
	}
	return NULL;
}

/* ---- the command line ---- */

struct cc_cmd {
	VEC(char *) pre;  /* flags before the user's arguments (owned) */
	VEC(char *) post; /* after them: libraries and linker flags (owned) */
};

/* Add the flag flag followed by arg (often ""). */
static void cc_add(struct cc_cmd *c, bool post, const char *flag, const char *arg)
{
	struct strbuf sb = STRBUF_INIT;

	sb_adds(&sb, flag);
	sb_adds(&sb, arg);
	if (post)
		VEC_APPEND(c->post, sb_detach(&sb, NULL));
	else
		VEC_APPEND(c->pre, sb_detach(&sb, NULL));
}

static void cc_cmd_free(struct cc_cmd *c)
{
	uint32_t i;

	for (i = 0; i < c->pre.n; i++)
		free(c->pre.v[i]);
	for (i = 0; i < c->post.n; i++)
		free(c->post.v[i]);
	free(c->pre.v);
	free(c->post.v);
}

/* Phase 1: the runtime's instrumentation, and the runtime when linking. */
static int cc_gen_flags(struct cc_cmd *c, bool clang, bool links)
{
	char *pc = cc_find_pc(), *inc = pc ? cc_pc_value(pc, "includedir") : NULL;
	char *lib = pc ? cc_pc_value(pc, "libdir") : NULL;
	int rc = EXIT_OK;

	if (!inc || !lib) {
		fputs("vitte-pgo cc: cannot find libvitprof (vitprof.pc beside vitte-pgo, or in\n"
		      "../lib/pkgconfig): build it with `make` or install it with `make install`\n",
		      stderr);
		rc = EXIT_FAIL;
	} else {
		cc_add(c, false, "-g", "");
		cc_add(c, false, "-finstrument-functions", "");
		if (clang) {
			/* every block (no-prune) and where each starts (pc-table):
			 * whole-block line counts; each block of a line by its
			 * discriminator; not clang's do-nothing callbacks at link
			 * time (docs/runtime.md, line counts) */
			cc_add(c, false, "-fsanitize-coverage=trace-pc-guard,pc-table,no-prune",
			       "");
			cc_add(c, false, "-fdebug-info-for-profiling", "");
			cc_add(c, false, "-fno-sanitize-link-runtime", "");
			/* after the build's own flags: the source's own blocks, as
			 * clang's instrumentation counts them, not those the
			 * optimizer moved, merged and copied (README, make
			 * pgo-bench) */
			cc_add(c, true, "-O0", "");
		} else {
			cc_add(c, false, "-fsanitize-coverage=trace-pc", "");
		}
		cc_add(c, false, "-I", inc);
		if (links) {
			cc_add(c, true, "-L", lib);
			cc_add(c, true, "-Wl,-rpath,", lib);
			cc_add(c, true, "-lvitprof", "");
		}
	}
	free(pc);
	free(inc);
	free(lib);
	return rc;
}

/* Whether path exists and is at least as new as the profile. */
static bool cc_fresh(const char *path, const struct stat *profile)
{
	struct stat st;

	return stat(path, &st) == 0 && (st.st_mtim.tv_sec > profile->st_mtim.tv_sec ||
					(st.st_mtim.tv_sec == profile->st_mtim.tv_sec &&
					 st.st_mtim.tv_nsec >= profile->st_mtim.tv_nsec));
}

/* Write profile p as format to path, atomically (parallel builds may do it
 * at once: each writes a whole file). */
static int cc_convert(const struct profile *p, const char *format, const char *path)
{
	const struct exporter *ex = exporter_find(format);
	struct error err;

	if (!ex) {
		fprintf(stderr, "vitte-pgo cc: this vitte-pgo has no '%s' export\n", format);
		return EXIT_FAIL;
	}
	if (exporter_write_file(ex, p, path, true, &err) != STATUS_OK) {
		cli_print_error(&err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* The profile's sample profile and link order beside it, made again when
 * the profile is newer. */
static int cc_convert_profile(const char *profile, const char *prof, const char *order)
{
	struct profile *p;
	struct stat st;
	int rc;

	if (stat(profile, &st) != 0) {
		fprintf(stderr, "vitte-pgo cc: %s: %s\n", profile, strerror(errno));
		return EXIT_FAIL;
	}
	if (cc_fresh(prof, &st) && cc_fresh(order, &st))
		return EXIT_OK;
	p = cli_load(profile, NULL);
	if (!p)
		return EXIT_FAIL;
	rc = cc_convert(p, "llvm-profdata", prof);
	if (rc == EXIT_OK)
		rc = cc_convert(p, "order", order);
	profile_free(p);
	return rc;
}

/* Sources newer than the profile: their changed lines get no counts. */
static void cc_warn_stale(int argc, char **argv, const char *profile)
{
	struct stat pst, st;
	int i;

	if (stat(profile, &pst) != 0)
		return;
	for (i = 0; i < argc; i++) {
		const char *dot = strrchr(argv[i], '.');

		if (argv[i][0] == '-' || !dot ||
		    (strcmp(dot, ".c") && strcmp(dot, ".cc") && strcmp(dot, ".cpp") &&
		     strcmp(dot, ".cxx")))
			continue;
		if (stat(argv[i], &st) == 0 && st.st_mtim.tv_sec > pst.st_mtim.tv_sec)
			fprintf(stderr,
				"vitte-pgo cc: warning: %s is newer than %s: lines changed since "
				"the training run get no counts\n",
				argv[i], profile);
	}
}

/* Phase 3: the profile as the compiler's feedback, the order at link time. */
static int cc_use_flags(struct cc_cmd *c, const char *profile, bool clang, bool links, int argc,
			char **argv)
{
	char *lld = cc_which("ld.lld");
	struct strbuf prof = STRBUF_INIT, order = STRBUF_INIT;
	int rc;

	sb_addf(&prof, "%s.prof", profile);
	sb_addf(&order, "%s.order", profile);
	rc = cc_convert_profile(profile, sb_str(&prof), sb_str(&order));
	if (rc == EXIT_OK) {
		cc_warn_stale(argc, argv, profile);
		cc_add(c, false, "-ffunction-sections", "");
		if (clang) {
			cc_add(c, false, "-fprofile-sample-use=", sb_str(&prof));
			cc_add(c, false, "-gline-tables-only", "");
			cc_add(c, false, "-fdebug-info-for-profiling", "");
		} else if (!links) {
			fputs("vitte-pgo cc: warning: gcc cannot read LLVM sample profiles: this "
			      "object gets the link order only\n",
			      stderr);
		}
		if (links && lld) {
			cc_add(c, true, "-fuse-ld=lld", "");
			cc_add(c, true, "-Wl,--symbol-ordering-file=", sb_str(&order));
			cc_add(c, true, "-Wl,--no-warn-symbol-ordering", "");
		} else if (links) {
			fputs(
			    "vitte-pgo cc: warning: ld.lld is not installed (Debian: lld): linked "
			    "without the function order\n",
			    stderr);
		}
	}
	free(lld);
	sb_free(&prof);
	sb_free(&order);
	return rc;
}

/* Print the command, one shell word per argument. */
static void cc_print(char **argv)
{
	int i;

	for (i = 0; argv[i]; i++) {
		fputs(i ? " " : "", stdout);
		cli_print_escaped(stdout, argv[i]);
	}
	fputc('\n', stdout);
}

static int cc_exec(struct cc_cmd *c, int argc, char **argv, bool print)
{
	char **args = xcalloc((size_t)argc + c->pre.n + c->post.n + 1, sizeof(*args));
	size_t n = 0;
	uint32_t i;
	int k;

	args[n++] = argv[0];
	for (i = 0; i < c->pre.n; i++)
		args[n++] = c->pre.v[i];
	for (k = 1; k < argc; k++)
		args[n++] = argv[k];
	for (i = 0; i < c->post.n; i++)
		args[n++] = c->post.v[i];
	if (print) {
		cc_print(args);
		free(args);
		return EXIT_OK;
	}
	fflush(NULL);
	execvp(args[0], args);
	fprintf(stderr, "vitte-pgo cc: %s: %s\n", args[0], strerror(errno));
	free(args);
	return errno == ENOENT ? 127 : 126;
}

static int run_cc(int argc, char **argv)
{
	struct cc_args a = {CC_GEN, NULL, false, 0};
	struct cc_cmd c = {{0}, {0}};
	int rc = cc_parse(argc, argv, &a);
	bool clang, links;

	if (rc >= 0)
		return rc;
	argc -= a.first;
	argv += a.first;
	clang = cc_is_clang(argv[0]);
	links = cc_links(argc - 1, argv + 1);
	if (a.phase == CC_GEN)
		rc = cc_gen_flags(&c, clang, links);
	else
		rc = cc_use_flags(&c, a.profile, clang, links, argc - 1, argv + 1);
	if (rc == EXIT_OK)
		rc = cc_exec(&c, argc, argv, a.print);
	cc_cmd_free(&c);
	return rc;
}

const struct cli_command cmd_cc = {
    "cc", "compiler wrapper: build with --profile-gen or --profile-use", run_cc};

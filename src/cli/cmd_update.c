/* cmd_update.c - `vitte-pgo update`: carry a profile over to a new build,
 * keeping the functions whose code did not change (analysis/update.h),
 * with checksums computed as libvitprof computes them. */
#define _GNU_SOURCE /* realpath */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/update.h"
#include "src/base/alloc.h"
#include "src/base/fileio.h"
#include "src/base/numeric.h"
#include "src/base/text.h"
#include "src/base/vector.h"
#include "src/base/version.h"
#include "src/cli/cli.h"
#include "src/collect/symbolize.h"
#include "src/model/profile.h"
#include "src/writers/exporter.h"

static const char update_help[] =
    "Usage: vitte-pgo update -o OUT --binary PROG [--binary LIB]... [--keep-changed] [--force] "
    "OLD\n"
    "\n"
    "Carry the profile OLD over to a new build of its program: a function is\n"
    "valid when its code checksum (written by libvitprof and vitte-pgo record)\n"
    "is the one of the same function in PROG (and the LIBs), changed when it\n"
    "differs, gone when the new build has no such function, unverified when\n"
    "there is no checksum to compare. OUT keeps the data of the valid functions\n"
    "as they were, and drops the others; its build_id and binary are PROG's.\n"
    "Reports how many functions, and how much of the self time, are still valid.\n"
    "PROG must be built as the profiled program was (same compiler and flags).\n"
    "\n"
    "  -o, --output OUT    the updated profile ('-' for stdout; the report then\n"
    "                      goes to stderr)\n"
    "  -b, --binary FILE   the new build (the executable first; its shared\n"
    "                      libraries with profiled functions after it)\n"
    "      --keep-changed  keep the changed and unverified functions as well, with\n"
    "                      their old checksums (a merge then warns of them)\n"
    "      --force         replace OUT if it exists\n"
    "  -q, --quiet         no report\n"
    "  -h, --help          show this help\n";

static const struct option long_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"quiet", no_argument, NULL, 'q'},
    {"output", required_argument, NULL, 'o'},
    {"binary", required_argument, NULL, 'b'},
    {"keep-changed", no_argument, NULL, 'K'},
    {"force", no_argument, NULL, 'R'},
    {NULL, 0, NULL, 0},
};

struct update_args {
	const char *out, *old;
	VEC(const char *) binaries;
	bool keep_changed, force;
};

static int parse_args(int argc, char **argv, struct update_args *a)
{
	struct cli_opts o = {
	    .cmd = "update", .help = update_help, .shortopts = ":hqo:b:", .longopts = long_opts};
	int c;

	while ((c = cli_next_option(&o, argc, argv)) != CLI_OPT_DONE) {
		switch (c) {
		case CLI_OPT_EXIT:
			return o.rc;
		case 'o':
			a->out = optarg;
			break;
		case 'b':
			VEC_APPEND(a->binaries, optarg);
			break;
		case 'K':
			a->keep_changed = true;
			break;
		case 'R':
			a->force = true;
			break;
		}
	}
	if (!a->out)
		return cli_usage_error("update", "no output given (-o OUT, or -o - for stdout)");
	if (!a->binaries.n)
		return cli_usage_error("update", "no new build given (--binary PROG)");
	if (optind != argc - 1)
		return cli_usage_error("update", optind >= argc ? "no profile given"
								: "one profile at a time");
	a->old = argv[optind];
	if (!a->force && file_same(a->out, a->old))
		return cli_usage_error("update", "'%s' is the input; use --force to replace it",
				       a->out);
	return -1;
}

/* The functions of the reported modules, as libvitprof names them, with
 * their checksums (in sums, 17 bytes each); how many, in *out. */
static size_t new_build_code(struct symbolizer *sym, size_t nmod, struct update_code **out,
			     char **sums, size_t *with_sum)
{
	VEC(struct update_code) code = {0};
	VEC(uint64_t) starts = {0};
	uint64_t *addrs;
	struct sym_info si;
	size_t i, k, n;

	*with_sum = 0;
	for (i = 0; i < nmod; i++) {
		n = symbolize_module_functions(sym, (unsigned)i, &addrs);
		for (k = 0; k < n; k++)
			VEC_APPEND(starts, addrs[k]);
		free(addrs);
	}
	*sums = xcalloc(starts.n ? starts.n : 1, 17);
	for (k = 0; k < starts.n; k++) {
		char *sum = *sums + 17 * k;

		if (!symbolize_addr(sym, starts.v[k], &si) || !si.name || si.start != starts.v[k])
			continue;
		*with_sum += symbolize_checksum(sym, si.start, si.size, sum);
		VEC_APPEND(code, ((struct update_code){si.name, symbolize_qualifier(&si), sum}));
	}
	free(starts.v);
	*out = code.v;
	return code.n;
}

static bool has_checksums(const struct profile *p)
{
	uint32_t i;

	for (i = 0; i < p->funcs.n; i++)
		if (p->funcs.v[i].checksum != PF_NONE)
			return true;
	return false;
}

static void print_report(FILE *f, const struct update_args *a, const struct profile *old,
			 const struct update_result *r)
{
	uint64_t total = profile_total_self(old);
	uint32_t i;

	cli_print_escaped(f, a->old);
	fprintf(f, ": %u of %u %s still valid", r->n[UPDATE_VALID], old->funcs.n,
		text_plural(old->funcs.n, "function", "functions"));
	if (total)
		fprintf(f, " (%.1f%% of the self time)\n",
			100 * share_of(r->self_ns[UPDATE_VALID], total));
	else
		fputs(" (no self time recorded)\n", f);
	for (i = 0; i < old->funcs.n; i++) {
		enum update_state s = (enum update_state)r->state[i];

		if (s == UPDATE_VALID)
			continue;
		fprintf(f, "  %-10s  ", update_state_name(s));
		cli_print_escaped(f, profile_str(old, old->funcs.v[i].name));
		fprintf(f, "  (%s)\n", a->keep_changed && s != UPDATE_GONE ? "kept" : "dropped");
	}
}

/* Load OLD, read the new build, update; prints errors. */
static int update(const struct update_args *a)
{
	struct symbolizer *sym = symbolize_new();
	struct update_code *code = NULL;
	struct update_result r = {0};
	const char *path, *build_id;
	struct profile *old = cli_load(a->old, NULL);
	size_t i, n = 0, with_sum = 0;
	struct error err;
	char *sums = NULL, *bin;
	int rc = EXIT_FAIL;

	if (!old)
		goto out;
	if (!has_checksums(old)) {
		fprintf(stderr,
			"%s: error: no function has a checksum: nothing to compare with the "
			"new build\n",
			a->old);
		goto out;
	}
	for (i = 0; i < a->binaries.n; i++)
		if (symbolize_add_module(sym, a->binaries.v[i], 0, NULL, &err) != STATUS_OK) {
			cli_print_error(&err);
			goto out;
		}
	n = new_build_code(sym, a->binaries.n, &code, &sums, &with_sum);
	if (!with_sum) {
		fprintf(stderr,
			"%s: error: no function checksum can be computed (an x86-64 ELF file "
			"with a symbol table is needed)\n",
			a->binaries.v[0]);
		goto out;
	}
	update_profile(old, code, n, a->keep_changed, &r);
	if (symbolize_module_at(sym, 0, &path, &build_id) && *build_id)
		r.profile->meta.build_id = profile_intern(r.profile, build_id, strlen(build_id));
	bin = realpath(a->binaries.v[0], NULL); /* as libvitprof writes it */
	path = bin ? bin : a->binaries.v[0];
	r.profile->meta.binary = profile_intern(r.profile, path, strlen(path));
	free(bin);
	r.profile->meta.tool = profile_intern(r.profile, "vitte-pgo update " VITTE_PGO_VERSION,
					      strlen("vitte-pgo update " VITTE_PGO_VERSION));
	rc = cli_write_output(&exporter_vitprof, r.profile, a->out, a->force);
	if (rc == EXIT_OK && !cli_quiet)
		print_report(strcmp(a->out, "-") ? stdout : stderr, a, old, &r);
out:
	update_result_free(&r);
	free(code);
	free(sums);
	symbolize_free(sym);
	profile_free(old);
	return rc;
}

static int run_update(int argc, char **argv)
{
	struct update_args a = {0};
	int rc = parse_args(argc, argv, &a);

	if (rc < 0)
		rc = update(&a);
	free(a.binaries.v);
	return rc;
}

const struct cli_command cmd_update = {
    "update", "carry a profile over to a new build, dropping changed functions", run_update};

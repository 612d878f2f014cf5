/* cmd_record.c - `vitte-pgo record`: sample a command into a profile. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/base/version.h"
#include "src/cli/cli.h"
#include "src/collect/record.h"
#include "src/model/profile.h"
#include "src/writers/exporter.h"

#define RECORD_DEFAULT_HZ 1000

static const char record_help[] =
    "Usage: vitte-pgo record [-F HZ] [-e EVENT] [-g] [-o OUT] [--force] -- CMD [ARGS...]\n"
    "\n"
    "Run CMD, sample where it spends its CPU time with perf_event_open (its\n"
    "threads and child processes too), and write a sampled profile: per function\n"
    "the self time (samples x period), the inclusive time and the samples of each\n"
    "source line; with -g the callers and callees. Sampling cannot count calls:\n"
    "\"calls\" is 0 (unknown: the tools show \"-\") and an edge's count is a\n"
    "number of samples.\n"
    "\n"
    "  -F, --freq HZ         samples per second of CPU time, per thread (default 1000;\n"
    "                        above 10000 sampling distorts the run: a warning)\n"
    "  -e, --event EVENT     what to sample: cpu-clock (default), task-clock, or a\n"
    "                        hardware event (cycles, instructions, branches,\n"
    "                        branch-misses, cache-misses), cpu-clock when the\n"
    "                        machine has none\n"
    "  -g, --call-graph      record call chains, into call edges and the\n"
    "                        calling-context tree: needs frame pointers in the\n"
    "                        program (cc -fno-omit-frame-pointer)\n"
    "  -o, --output OUT      the profile ('-' for stdout; default CMD.vitprof)\n"
    "      --force           replace OUT if it exists\n"
    "  -q, --quiet           no summary line and no warnings\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: the command's (128+N when signal N ended it), 127 when it is\n"
    "not found, 126 when it cannot run; 1 when recording or writing failed, 2 on\n"
    "usage errors. Needs kernel.perf_event_paranoid 2 or less, or CAP_PERFMON.\n"
    "\n"
    "Names come from each module's .symtab, else its separate debug file by\n"
    "build-id under /usr/lib/debug (VITTE_PGO_DEBUGINFO_PATH=DIR[:DIR...] looks\n"
    "in other directories instead), else its .dynsym.\n";

/* clang-format off */
static const struct option long_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"quiet", no_argument, NULL, 'q'},
    {"freq", required_argument, NULL, 'F'},
    {"event", required_argument, NULL, 'e'},
    {"call-graph", no_argument, NULL, 'g'},
    {"output", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, 'R'},
    {NULL, 0, NULL, 0},
};
/* clang-format on */

struct record_args {
	struct record_options opt;
	const char *out;
	bool force;
};

static bool known_event(const char *name)
{
	unsigned i;

	for (i = 0; record_event_name(i); i++)
		if (!strcmp(record_event_name(i), name))
			return true;
	return !strcmp(name, "cpu-cycles");
}

/* Options up to the command ('+': the command's own options are its). */
static int parse_args(int argc, char **argv, struct record_args *a)
{
	struct cli_opts o = {.cmd = "record",
			     .help = record_help,
			     .shortopts = "+:hqgF:e:o:",
			     .longopts = long_opts};
	unsigned long hz;
	int c;

	while ((c = cli_next_option(&o, argc, argv)) != CLI_OPT_DONE) {
		switch (c) {
		case CLI_OPT_EXIT:
			return o.rc;
		case 'g':
			a->opt.callchain = true;
			break;
		case 'F':
			if (!cli_parse_uint(optarg, &hz) || hz == 0 || hz > 1000000000ul)
				return cli_usage_error("record",
						       "-F needs a frequency in Hz (1 or more), "
						       "not '%s'",
						       optarg);
			a->opt.freq = (unsigned)hz;
			break;
		case 'e':
			if (!known_event(optarg))
				return cli_usage_error("record",
						       "unknown event '%s' (cpu-clock, task-clock, "
						       "cycles, instructions, branches, "
						       "branch-misses, cache-misses)",
						       optarg);
			a->opt.event = optarg;
			break;
		case 'o':
			a->out = optarg;
			break;
		case 'R':
			a->force = true;
			break;
		}
	}
	if (optind >= argc)
		return cli_usage_error("record", "no command given (vitte-pgo record -- CMD ...)");
	a->opt.argv = argv + optind;
	return -1;
}

/* The highest -F that record does not warn about. */
#define RECORD_MAX_QUIET_HZ 10000u

static void print_note(void *arg, const char *text)
{
	(void)arg;
	if (!cli_quiet)
		fprintf(stderr, "vitte-pgo record: %s\n", text);
}

/* CMD.vitprof in the current directory, as libvitprof names its output. */
static char *default_output(const char *cmd)
{
	const char *slash = strrchr(cmd, '/');
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "%s.vitprof", slash && slash[1] ? slash + 1 : cmd);
	return sb_detach(&sb, NULL);
}

static void print_warnings(const struct record_args *a, const struct record_result *r)
{
	const struct record_build_stats *b = &r->build;

	if (cli_quiet)
		return;
	if (r->lost)
		fprintf(stderr,
			"vitte-pgo record: warning: %" PRIu64 " %s lost (the rings filled up); a "
			"lower -F loses fewer\n",
			r->lost, text_plural(r->lost, "sample was", "samples were"));
	if (r->throttled)
		fprintf(stderr,
			"vitte-pgo record: warning: the kernel throttled sampling %" PRIu64
			" %s (sysctl kernel.perf_event_max_sample_rate)\n",
			r->throttled, text_plural(r->throttled, "time", "times"));
	if (!r->samples)
		fprintf(stderr, "vitte-pgo record: warning: no samples: the command used less "
				"CPU time than one sampling period\n");
	/* some chains stop in libraries built without frame pointers; most
	 * stopping means the program itself was */
	if (a->opt.callchain && b->truncated * 3 > b->samples) {
		fprintf(stderr,
			"vitte-pgo record: warning: %" PRIu64 " of %" PRIu64
			" call chains stop early, in code without frame pointers",
			b->truncated, b->samples);
		if (b->cut_samples) {
			fprintf(stderr, " (%" PRIu64 " in ", b->cut_samples);
			cli_print_escaped(stderr, b->cut_module);
			fputc(')', stderr);
		}
		fputs(": build with -fno-omit-frame-pointer\n", stderr);
	}
	if (b->unreadable)
		fprintf(stderr,
			"vitte-pgo record: warning: %u mapped %s; their code is named "
			"[file]\n",
			b->unreadable,
			text_plural(b->unreadable, "file could not be read",
				    "files could not be read"));
}

static void print_summary(const char *out, const struct record_result *r)
{
	const struct profile *p = r->profile;

	if (cli_quiet)
		return;
	fprintf(stderr,
		"vitte-pgo record: %" PRIu64 " %s of %s (%" PRIu64 " lost), %" PRIu32
		" %s, %" PRIu32 " %s -> ",
		r->samples, text_plural(r->samples, "sample", "samples"), r->event, r->lost,
		p->funcs.n, text_plural(p->funcs.n, "function", "functions"), p->edges.n,
		text_plural(p->edges.n, "edge", "edges"));
	cli_print_escaped(stderr, strcmp(out, "-") ? out : "standard output");
	fputc('\n', stderr);
}

static int run_record(int argc, char **argv)
{
	struct record_args a = {{0}, NULL, false};
	struct record_result r;
	struct error err;
	struct stat sb;
	char *own_out = NULL;
	int rc = parse_args(argc, argv, &a);

	if (rc >= 0)
		return rc;
	if (!a.out)
		a.out = own_out = default_output(a.opt.argv[0]);
	if (!a.force && strcmp(a.out, "-") != 0 && stat(a.out, &sb) == 0) {
		error_set(&err, STATUS_EXISTS, a.out, 0, 0,
			  "file exists (use --force to replace it)");
		fprintf(stderr, "vitte-pgo record: %s\n", err.text);
		free(own_out);
		return EXIT_FAIL;
	}
	a.opt.freq = a.opt.freq ? a.opt.freq : RECORD_DEFAULT_HZ;
	/* a sample costs the command some microseconds of kernel time (more
	 * with -g): at 100 kHz a 2 ms program ran for 14.5 s, 70 % of its
	 * samples in the dynamic loader */
	if (a.opt.freq > RECORD_MAX_QUIET_HZ && !cli_quiet)
		fprintf(stderr,
			"vitte-pgo record: warning: -F %u takes a sample every %.0f us of CPU "
			"time; above %u Hz sampling slows the command down and distorts its "
			"profile\n",
			a.opt.freq, 1e6 / a.opt.freq, RECORD_MAX_QUIET_HZ);
	a.opt.tool = "vitte-pgo record " VITTE_PGO_VERSION;
	a.opt.note = print_note;
	if (record_run(&a.opt, &r, &err) != STATUS_OK) {
		if (err.code == STATUS_USAGE)
			rc = cli_usage_error("record", "%s", err.text + strlen("error: "));
		else
			fprintf(stderr, "vitte-pgo record: %s\n", err.text);
		free(own_out);
		return rc >= 0 ? rc : r.exit_code >= 0 ? r.exit_code : EXIT_FAIL;
	}
	print_warnings(&a, &r);
	rc = cli_write_output(&exporter_vitprof, r.profile, a.out, a.force);
	if (rc == EXIT_OK) {
		print_summary(a.out, &r);
		rc = r.exit_code;
	}
	profile_free(r.profile);
	free(own_out);
	return rc;
}

const struct cli_command cmd_record = {"record", "sample a command into a profile (perf events)",
				       run_record};

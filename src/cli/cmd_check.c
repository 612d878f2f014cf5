/* cmd_check.c - `vitte-pgo check` and `vitte-pgo show`. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis/hotspots.h"
#include "analysis/info.h"
#include "loaders/feedback_read.h"
#include "src/base/fileio.h"
#include "src/base/text.h"
#include "src/cli/cli.h"
#include "src/model/profile.h"

static const char check_help[] =
    "Usage: vitte-pgo check [--quiet] [--format FMT] FILE...\n"
    "\n"
    "Validate profiles. Prints one summary line per valid file on stdout and a\n"
    "located error (FILE:LINE:COL: error: ...) per invalid one on stderr.\n"
    "\n"
    "  -q, --quiet        no warnings, only errors\n"
    "      --format FMT   read the files as FMT (default: detected; 'vitprof')\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 when every file is valid, 1 when any is not, 2 on usage errors.\n";

static const char show_help[] =
    "Usage: vitte-pgo show [--top N] [--format FMT] FILE\n"
    "\n"
    "Print a profile for humans: its header, then its functions by self time.\n"
    "\n"
    "  -n, --top N        only the N functions with the most self time\n"
    "      --format FMT   read FILE as FMT (default: detected)\n"
    "  -q, --quiet        no warnings\n"
    "  -h, --help         show this help\n";

static const struct option long_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"quiet", no_argument, NULL, 'q'},
    {"format", required_argument, NULL, 'F'},
    {"top", required_argument, NULL, 'n'},
    {NULL, 0, NULL, 0},
};

/* Options common to both; returns -1 to go on, else an exit code. */
static int parse_opts(int argc, char **argv, const char *help, const char **format,
		      unsigned long *top)
{
	struct cli_opts o = {.cmd = argv[0],
			     .help = help,
			     .shortopts = top ? ":hqn:" : ":hq",
			     .longopts = long_opts,
			     .top = top};
	int c;

	while ((c = cli_next_option(&o, argc, argv)) != CLI_OPT_DONE) {
		switch (c) {
		case CLI_OPT_EXIT:
			return o.rc;
		case 'F':
			*format = optarg;
			break;
		case 'n': /* --top, given to check */
			return cli_usage_error(argv[0], "--top is an option of show, not check");
		}
	}
	return -1;
}

/* Whether path starts like a feedback file (its first 4 KiB). Only a
 * regular file is looked at: reading a pipe or a device would take away
 * what the loader reads next. */
static bool check_is_feedback(const char *path)
{
	char head[4096];
	struct stat st;
	FILE *f = strcmp(path, "-") && stat(path, &st) == 0 && S_ISREG(st.st_mode)
		      ? fopen(path, "re")
		      : NULL;
	size_t n = f ? fread(head, 1, sizeof(head) - 1, f) : 0;

	if (f)
		fclose(f);
	head[n] = '\0';
	return feedback_sniff(head, n);
}

/* Validate a feedback file; prints its summary or its located error. */
static bool check_feedback(const char *path)
{
	struct feedback_summary s;
	struct error err;
	char *buf;
	size_t len;
	enum status st = file_read_all(path, &buf, &len, &err);

	if (st == STATUS_OK) {
		st = feedback_check(path, buf, len, &s, &err);
		free(buf);
	}
	if (st != STATUS_OK) {
		cli_print_error(&err);
		return false;
	}
	cli_print_escaped(stdout, path);
	printf(": ok: feedback version %" PRIu64 ", %" PRIu32 " %s (%" PRIu32 " hot, %" PRIu32
	       " warm, %" PRIu32 " cold), %" PRIu32 " %s, %" PRIu32 " %s, %" PRIu32 " %s\n",
	       s.version, s.functions, text_plural(s.functions, "function", "functions"), s.hot,
	       s.warm, s.cold, s.inline_calls,
	       text_plural(s.inline_calls, "inline call", "inline calls"), s.branches,
	       text_plural(s.branches, "branch hint", "branch hints"), s.loops,
	       text_plural(s.loops, "loop hint", "loop hints"));
	return true;
}

static int run_check(int argc, char **argv)
{
	const char *format = NULL;
	int rc = parse_opts(argc, argv, check_help, &format, NULL);
	int i, bad = 0;

	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error("check", "no profile given");
	for (i = optind; i < argc; i++) {
		struct profile *p;
		char total[16];

		if (!format && check_is_feedback(argv[i])) {
			bad += !check_feedback(argv[i]);
			continue;
		}
		p = cli_load(argv[i], format);
		if (!p) {
			bad++;
			continue;
		}
		cli_print_escaped(stdout, argv[i]);
		printf(": ok: %" PRIu32 " %s, %" PRIu32 " %s, %" PRIu32 " %s, %" PRIu32 " %s, ",
		       p->funcs.n, text_plural(p->funcs.n, "function", "functions"), p->edges.n,
		       text_plural(p->edges.n, "edge", "edges"), p->branches.n,
		       text_plural(p->branches.n, "branch site", "branch sites"), p->loops.n,
		       text_plural(p->loops.n, "loop site", "loop sites"));
		if (p->contexts.n)
			printf("%" PRIu32 " %s, ", p->contexts.n,
			       text_plural(p->contexts.n, "context", "contexts"));
		printf("total time %s\n", text_duration(total, profile_total_self(p)));
		profile_free(p);
	}
	return bad ? EXIT_FAIL : EXIT_OK;
}

/* "clock:" and "run:" lines, for what meta says. */
static void show_run(const struct pf_meta *m)
{
	char buf[16];

	if (m->clock != PF_CLOCK_UNSET)
		printf("clock:     %s (%s)\n", profile_clock_name(m->clock),
		       info_clock_how(m->clock));
	if (!m->threads && !m->wall_ns && !m->cpu_ns)
		return;
	fputs("run:      ", stdout);
	if (m->threads)
		printf(" %" PRIu64 " thread%s%s", m->threads, text_plural(m->threads, "", "s"),
		       m->wall_ns || m->cpu_ns ? "," : "");
	if (m->wall_ns)
		printf(" %s wall%s", text_duration(buf, m->wall_ns), m->cpu_ns ? "," : "");
	if (m->cpu_ns)
		printf(" %s CPU", text_duration(buf, m->cpu_ns));
	fputc('\n', stdout);
}

static void show_header(const struct profile *p, const char *path)
{
	const struct pf_meta *m = &p->meta;
	char total[16];

	fputs("profile:   ", stdout);
	cli_print_escaped(stdout, path);
	fputs("\nprogram:   ", stdout);
	cli_print_escaped(stdout, p->program != PF_NONE ? profile_str(p, p->program) : "-");
	printf("\nmode:      %s, %" PRIu64 " %s\n",
	       m->mode != PF_MODE_UNSET ? profile_mode_name(m->mode) : "unknown", m->runs,
	       text_plural(m->runs, "run", "runs"));
	if (m->created != PF_NONE) {
		fputs("created:   ", stdout);
		cli_print_escaped(stdout, profile_str(p, m->created));
		fputc('\n', stdout);
	}
	printf("contents:  %" PRIu32 " %s, %" PRIu32 " %s, %" PRIu32 " %s, %" PRIu32 " %s",
	       p->funcs.n, text_plural(p->funcs.n, "function", "functions"), p->edges.n,
	       text_plural(p->edges.n, "call edge", "call edges"), p->branches.n,
	       text_plural(p->branches.n, "branch site", "branch sites"), p->loops.n,
	       text_plural(p->loops.n, "loop site", "loop sites"));
	if (p->contexts.n)
		printf(", %" PRIu32 " %s", p->contexts.n,
		       text_plural(p->contexts.n, "context", "contexts"));
	fputc('\n', stdout);
	show_run(m);
	printf("total:     %s self time", text_duration(total, profile_total_self(p)));
	if (profile_clock_what(m->clock))
		printf(" (%s)", profile_clock_what(m->clock));
	fputs("\n\n", stdout);
}

static void show_functions(const struct profile *p, unsigned long top)
{
	struct hotspots hot;
	uint32_t i, n;

	hotspots_compute(p, NULL, &hot); /* rank order: self time, then name */
	n = top && top < hot.n ? (uint32_t)top : hot.n;
	printf("%7s %10s %10s %12s  %s\n", "Self%", "Self", "Total", "Calls", "Function");
	for (i = 0; i < n; i++) {
		const struct pf_function *f = &p->funcs.v[hot.v[i].func];
		char self[16], incl[16], calls[24] = "-";

		if (profile_counts_calls(p))
			snprintf(calls, sizeof(calls), "%" PRIu64, f->calls);
		printf("%6.1f%% %10s %10s %12s  ", 100 * hot.v[i].self_share,
		       text_duration(self, f->self_ns), text_duration(incl, f->time_ns), calls);
		cli_print_escaped(stdout, profile_str(p, f->name));
		if (f->file != PF_NONE) {
			fputs("  (", stdout);
			cli_print_escaped(stdout, profile_str(p, f->file));
			if (f->flags & PF_HAS_LINE)
				printf(":%" PRIu32, f->line);
			fputc(')', stdout);
		}
		fputc('\n', stdout);
	}
	if (n < hot.n)
		printf("... %" PRIu32 " more %s (use --top to see more)\n", hot.n - n,
		       text_plural(hot.n - n, "function", "functions"));
	hotspots_free(&hot);
}

static int run_show(int argc, char **argv)
{
	const char *format = NULL;
	unsigned long top = 0;
	int rc = parse_opts(argc, argv, show_help, &format, &top);
	struct profile *p;

	if (rc >= 0)
		return rc;
	if (optind != argc - 1)
		return cli_usage_error("show", optind >= argc ? "no profile given"
							      : "one profile at a time");
	p = cli_load(argv[optind], format);
	if (!p)
		return EXIT_FAIL;
	show_header(p, argv[optind]);
	show_functions(p, top);
	profile_free(p);
	return EXIT_OK;
}

const struct cli_command cmd_check = {"check", "validate profiles and summarize them", run_check};
const struct cli_command cmd_show = {"show", "print a profile: header and functions by self time",
				     run_show};

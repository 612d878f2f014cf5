/* cmd_merge.c - `vitte-pgo merge`: weighted merge of profiles into one. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "analysis/exporters.h"
#include "src/base/fileio.h"
#include "src/base/version.h"
#include "src/cli/cli.h"
#include "src/model/profile.h"
#include "src/writers/exporter.h"

static const char merge_help[] =
    "Usage: vitte-pgo merge -o OUT [--format FMT] [--normalize] [--force] [-w W,FILE]...\n"
    "                       [-f LIST] [FILE]...\n"
    "\n"
    "Merge profiles into one: every counter of the result is round(sum(W * c))\n"
    "over the inputs (W = 1 for a plain FILE), exact for integer weights.\n"
    "meta.runs adds up; a function whose checksum differs between inputs is\n"
    "reported as stale, and inputs of different builds (meta.build_id) or kinds\n"
    "(instrumented, sampled, imported) are warned about.\n"
    "\n"
    "  -o, --output OUT             the merged profile ('-' for stdout)\n"
    "      --format FMT             its format: vitprof (JSON, the default), vitprof-bin\n"
    "                               (binary: the fastest to read back and merge again)\n"
    "                               or any of 'vitte-pgo export --help'\n"
    "  -w, --weighted-input=W,FILE  an input with weight W (a positive number)\n"
    "  -f, --input-files LIST       read [W,]FILE lines from LIST ('#' comments)\n"
    "      --normalize              first scale each input to the first one's total\n"
    "                               self time (for runs of different length)\n"
    "      --force                  replace OUT if it exists\n"
    "  -q, --quiet                  no warnings\n"
    "  -h, --help                   show this help\n";

static const struct option long_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"quiet", no_argument, NULL, 'q'},
    {"output", required_argument, NULL, 'o'},
    {"weighted-input", required_argument, NULL, 'w'},
    {"input-files", required_argument, NULL, 'f'},
    {"normalize", no_argument, NULL, 'N'},
    {"force", no_argument, NULL, 'R'},
    {"format", required_argument, NULL, 'F'},
    {NULL, 0, NULL, 0},
};

static int parse_args(int argc, char **argv, struct cli_inputs *in, const char **out,
		      const struct exporter **ex, bool *normalize, bool *force)
{
	struct cli_opts o = {.cmd = "merge",
			     .help = merge_help,
			     .shortopts = ":hqo:w:f:",
			     .longopts = long_opts,
			     .inputs = in};
	int c;

	while ((c = cli_next_option(&o, argc, argv)) != CLI_OPT_DONE) {
		switch (c) {
		case CLI_OPT_EXIT:
			return o.rc;
		case 'o':
			*out = optarg;
			break;
		case 'f':
			if (!cli_inputs_add_list(in, optarg))
				return EXIT_USAGE;
			break;
		case 'N':
			*normalize = true;
			break;
		case 'R':
			*force = true;
			break;
		case 'F':
			*ex = exporter_find(optarg);
			if (!*ex)
				return cli_usage_error("merge", "unknown output format '%s'",
						       optarg);
			break;
		}
	}
	for (; optind < argc; optind++)
		cli_inputs_add(in, argv[optind], 1);
	if (!*out)
		return cli_usage_error("merge", "no output given (-o OUT, or -o - for stdout)");
	if (in->n == 0)
		return cli_usage_error("merge", "no profile given");
	return -1;
}

static int run_merge(int argc, char **argv)
{
	struct cli_inputs in = {0};
	const char *out = NULL;
	const struct exporter *ex = &exporter_vitprof;
	bool normalize = false, force = false;
	struct profile *p;
	size_t i;
	int rc = parse_args(argc, argv, &in, &out, &ex, &normalize, &force);

	for (i = 0; rc < 0 && i < in.n; i++)
		if (!force && file_same(out, in.v[i].path))
			rc = cli_usage_error("merge", "'%s' is an input; use --force to replace it",
					     out);
	if (rc >= 0) {
		cli_inputs_free(&in);
		return rc;
	}
	/* always a merge, also of one file: the result says it was merged */
	p = cli_load_merged(&in, normalize, NULL, true);
	cli_inputs_free(&in);
	if (!p)
		return EXIT_FAIL;
	p->meta.tool = profile_intern(p, "vitte-pgo merge " VITTE_PGO_VERSION,
				      strlen("vitte-pgo merge " VITTE_PGO_VERSION));
	rc = cli_write_output(ex, p, out, force);
	profile_free(p);
	return rc;
}

const struct cli_command cmd_merge = {"merge", "merge weighted profiles into one", run_merge};

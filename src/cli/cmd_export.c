/* cmd_export.c - `vitte-pgo export`: write a profile in another format. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "src/base/fileio.h"
#include "src/base/strbuf.h"
#include "src/cli/cli.h"
#include "src/model/profile.h"
#include "analysis/exporters.h"
#include "src/writers/exporter.h"

static void export_help(void)
{
	const struct exporter *ex;
	unsigned i;

	fputs("Usage: vitte-pgo export [--format FMT] -o OUT [--force] FILE\n"
	      "\n"
	      "Write the profile FILE in format FMT to OUT, atomically. 'vitprof' (the\n"
	      "default) is the canonical rewrite: fixed key order, functions by name,\n"
	      "exact integers; rewriting its output gives the same bytes.\n"
	      "\n"
	      "  -f, --format FMT      output format (default: vitprof)\n"
	      "  -o, --output OUT      where to write; '-' for standard output\n"
	      "      --force           replace OUT if it exists (also when it is FILE)\n"
	      "      --input-format F  read FILE as F (default: detected)\n"
	      "  -q, --quiet           no warnings\n"
	      "  -h, --help            show this help\n"
	      "\n"
	      "Formats:\n",
	      stdout);
	for (i = 0; (ex = exporter_at(i)); i++)
		printf("  %-15s %s\n", ex->name, ex->description);
}

static const struct option long_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"quiet", no_argument, NULL, 'q'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, 'R'},
    {"input-format", required_argument, NULL, 'I'},
    {NULL, 0, NULL, 0},
};

static int run_export(int argc, char **argv)
{
	struct cli_opts o = {
	    .cmd = "export", .help = NULL, .shortopts = ":hqf:o:", .longopts = long_opts};
	const char *format = "vitprof", *out = NULL, *in_format = NULL;
	const struct exporter *ex;
	struct profile *p;
	bool force = false;
	int c, rc;

	while ((c = cli_next_option(&o, argc, argv)) != CLI_OPT_DONE) {
		switch (c) {
		case CLI_OPT_EXIT:
			return o.rc;
		case 'h':
			export_help();
			return EXIT_OK;
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'R':
			force = true;
			break;
		case 'I':
			in_format = optarg;
			break;
		}
	}
	ex = exporter_find(format);
	if (!ex)
		return cli_usage_error("export", "unknown format '%s'", format);
	if (!out)
		return cli_usage_error("export", "no output given (-o OUT, or -o - for stdout)");
	if (optind != argc - 1)
		return cli_usage_error("export", optind >= argc ? "no profile given"
								: "one profile at a time");
	if (!force && file_same(out, argv[optind]))
		return cli_usage_error("export", "'%s' is the input; use --force to replace it",
				       out);
	p = cli_load(argv[optind], in_format);
	if (!p)
		return EXIT_FAIL;
	rc = cli_write_output(ex, p, out, force);
	profile_free(p);
	return rc;
}

const struct cli_command cmd_export = {
    "export", "write a profile in another format (see export --help)", run_export};

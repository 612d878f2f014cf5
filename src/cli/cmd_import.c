/* cmd_import.c - `vitte-pgo import`: another tool's profile to .vitprof. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/loader.h"
#include "src/base/fileio.h"
#include "src/base/text.h"
#include "src/cli/cli.h"
#include "src/model/profile.h"
#include "src/writers/exporter.h"

static void import_help(void)
{
	const struct loader *l;
	size_t i;

	fputs("Usage: vitte-pgo import [--from FORMAT] -o OUT [--force] IN\n"
	      "\n"
	      "Read IN, a profile written by another tool, and write it to OUT as a\n"
	      "canonical .vitprof profile (meta.mode \"imported\" for coverage counts,\n"
	      "\"sampled\" for samples; meta.tool names the source format). Without\n"
	      "--from the format is recognised from the content. Every other command\n"
	      "and vitte-pgo-tui also open these files directly. The mapping of each\n"
	      "format is in docs/import-formats.md.\n"
	      "\n"
	      "  -F, --from FORMAT     read IN as FORMAT (default: recognised)\n"
	      "  -o, --output OUT      where to write; '-' for standard output\n"
	      "      --force           replace OUT if it exists\n"
	      "  -q, --quiet           no warnings\n"
	      "  -h, --help            show this help\n"
	      "\n"
	      "Formats:\n",
	      stdout);
	for (i = 0; (l = loader_at(i)); i++)
		if (strcmp(l->name, "vitprof") != 0)
			printf("  %-12s %s\n", l->name, l->description);
}

static const struct option long_opts[] = {
    {"help", no_argument, NULL, 'h'},	    {"quiet", no_argument, NULL, 'q'},
    {"from", required_argument, NULL, 'F'}, {"output", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, 'R'},	    {NULL, 0, NULL, 0},
};

static void import_warn(void *arg, const char *text)
{
	(void)arg;
	if (!cli_quiet)
		fprintf(stderr, "%s\n", text);
}

/* The format to read IN with: --from, or recognised; NULL after printing
 * why there is none (*rc is then the exit code). */
static const struct loader *import_format(const char *from, const char *path, const char *buf,
					  size_t len, int *rc)
{
	const struct loader *l;
	struct error err;
	char name[200];

	if (from)
		return loader_find(from); /* checked by run_import */
	l = loader_sniff(buf, len);
	text_escape(name, sizeof(name), path, strlen(path));
	*rc = EXIT_FAIL;
	if (!l && loader_refuse_foreign(path, buf, len, &err) != STATUS_OK)
		cli_print_error(&err);
	else if (!l)
		fprintf(stderr,
			"%s: error: not a format vitte-pgo imports; give it with --from FORMAT "
			"(see vitte-pgo import --help)\n",
			name);
	else if (!strcmp(l->name, "vitprof"))
		fprintf(
		    stderr,
		    "%s: error: already a vitprof profile; use vitte-pgo export to rewrite it\n",
		    name);
	return l && strcmp(l->name, "vitprof") ? l : NULL;
}

static int import_run_file(const char *from, const char *in, const char *out, bool force)
{
	struct load_ctx ctx = {import_warn, NULL, 0, false, NULL};
	const struct loader *l;
	struct profile *p;
	struct error err;
	char *buf;
	size_t len;
	int rc;

	if (file_read_all(in, &buf, &len, &err) != STATUS_OK) {
		cli_print_error(&err);
		return EXIT_FAIL;
	}
	l = import_format(from, in, buf, len, &rc);
	if (!l) {
		free(buf);
		return rc;
	}
	if (loader_load_buffer(in, buf, len, l->name, &ctx, &p, &err) != STATUS_OK) {
		cli_print_error(&err);
		free(buf);
		return EXIT_FAIL;
	}
	free(buf);
	rc = cli_write_output(&exporter_vitprof, p, out, force);
	profile_free(p);
	return rc;
}

static int run_import(int argc, char **argv)
{
	struct cli_opts o = {
	    .cmd = "import", .help = NULL, .shortopts = ":hqF:o:", .longopts = long_opts};
	const char *from = NULL, *out = NULL;
	bool force = false;
	int c;

	while ((c = cli_next_option(&o, argc, argv)) != CLI_OPT_DONE) {
		switch (c) {
		case CLI_OPT_EXIT:
			return o.rc;
		case 'h':
			import_help();
			return EXIT_OK;
		case 'F':
			from = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'R':
			force = true;
			break;
		}
	}
	if (from && (!loader_find(from) || !strcmp(from, "vitprof")))
		return cli_usage_error("import", "unknown format '%s' (see --help)", from);
	if (!out)
		return cli_usage_error("import", "no output given (-o OUT, or -o - for stdout)");
	if (optind != argc - 1)
		return cli_usage_error("import",
				       optind >= argc ? "no input given" : "one input at a time");
	if (file_same(out, argv[optind]))
		return cli_usage_error("import", "'%s' is the input; write elsewhere", out);
	return import_run_file(from, argv[optind], out, force);
}

const struct cli_command cmd_import = {
    "import", "convert gcov, llvm-cov, folded, perf script or sample profiles", run_import};

/* main.c - vitte-pgo-tui: load the profiles (errors before the
 * terminal is touched), then hand them to the browser in ui/. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/base/alloc.h"
#include "src/base/fileio.h"
#include "src/base/version.h"
#include "src/cli/cli.h"
#include "src/model/profile.h"
#include "ui/tui.h"

static const char tui_help[] =
    "Usage: vitte-pgo-tui [OPTIONS] [-w W,FILE]... FILE...\n"
    "       vitte-pgo-tui [OPTIONS] --diff BASE NEW\n"
    "\n"
    "Browse profiles in the terminal: hotspots, callers and callees, call tree,\n"
    "branch and loop sites, a live weighted merge of several files, a side by\n"
    "side diff, curation and export. Press ? inside for every key.\n"
    "\n"
    "  -w, --weighted-input=W,FILE  a profile with merge weight W (default 1)\n"
    "  -d, --diff                   open BASE NEW in the diff view\n"
    "      --source-dir=DIR         look for source files in DIR too (repeatable)\n"
    "      --subst=FROM=TO          read source paths that start with FROM from TO\n"
    "                               instead (repeatable; like gdb's substitute-path)\n"
    "      --no-color               monochrome (also when NO_COLOR is set)\n"
    "      --follow                 reload the files when they are replaced on disk, as\n"
    "                               a program run with VITPROF_INTERVAL does (R reloads\n"
    "                               by hand)\n"
    "  -q, --quiet                  no warnings while loading\n"
    "  -h, --help                   show this help\n"
    "  -V, --version                show the version\n"
    "\n"
    "Headless runs (tests, screenshots):\n"
    "      --keys SCRIPT            play these keys instead of reading the terminal:\n"
    "                               characters, <Enter> <Esc> <Tab> <BS> <Up> <Down>\n"
    "                               <Left> <Right> <PgUp> <PgDn> <Home> <End> <Del>\n"
    "                               <Space> <C-x> <F1> <Lt> <Resize:COLSxLINES>\n"
    "                               <Click:LINE[,COLUMN]> (a left click, from 0)\n"
    "      --keys-file FILE         the same, read from FILE (newlines ignored)\n"
    "      --size COLSxLINES        screen size of a headless run (default 100x30)\n"
    "      --dump-screen FILE       write the screen as text to FILE when the keys run\n"
    "                               out (a prompt still open shows)\n"
    "      --timings                print on standard error, per key, its name, then the\n"
    "                               CPU and wall milliseconds it took, redraw included;\n"
    "                               the first line, \"open\", is the load and the first\n"
    "                               screen\n";

static const struct option long_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {"quiet", no_argument, NULL, 'q'},
    {"weighted-input", required_argument, NULL, 'w'},
    {"diff", no_argument, NULL, 'd'},
    {"no-color", no_argument, NULL, 'C'},
    {"keys", required_argument, NULL, 'K'},
    {"keys-file", required_argument, NULL, 'k'},
    {"size", required_argument, NULL, 'S'},
    {"dump-screen", required_argument, NULL, 'D'},
    {"source-dir", required_argument, NULL, 's'},
    {"subst", required_argument, NULL, 'u'},
    {"follow", no_argument, NULL, 'F'},
    {"timings", no_argument, NULL, 'T'},
    {NULL, 0, NULL, 0},
};

/* A key script from a file, newlines dropped. Caller frees. */
static char *read_keys(const char *path)
{
	struct error err;
	char *buf, *w, *r;
	size_t len;

	if (file_read_all(path, &buf, &len, &err) != STATUS_OK) {
		cli_print_error(&err);
		return NULL;
	}
	for (w = r = buf; *r; r++)
		if (*r != '\n' && *r != '\r')
			*w++ = *r;
	*w = '\0';
	return buf;
}

/* Append arg to a list of borrowed strings. */
static void add_arg(const char ***v, size_t *n, const char *arg)
{
	const char **w = xreallocarray(*v, *n + 1, sizeof(*w));

	w[(*n)++] = arg;
	*v = w;
}

static int parse_args(int argc, char **argv, struct tui_options *o, struct cli_inputs *in,
		      char **keys_owned)
{
	struct cli_opts opts = {.cmd = NULL,
				.help = tui_help,
				.shortopts = ":hVqw:d",
				.longopts = long_opts,
				.inputs = in};
	int c;

	while ((c = cli_next_option(&opts, argc, argv)) != CLI_OPT_DONE) {
		switch (c) {
		case CLI_OPT_EXIT:
			return opts.rc;
		case 'V':
			printf("vitte-pgo-tui %s\n", VITTE_PGO_VERSION);
			return EXIT_OK;
		case 'd':
			o->diff = true;
			break;
		case 'C':
			o->no_color = true;
			break;
		case 'F':
			o->follow = true;
			break;
		case 'T':
			o->timings = true;
			break;
		case 'K':
			o->keys = optarg;
			break;
		case 'k':
			free(*keys_owned);
			*keys_owned = read_keys(optarg);
			if (!*keys_owned)
				return EXIT_USAGE;
			o->keys = *keys_owned;
			break;
		case 'S':
			if (sscanf(optarg, "%dx%d", &o->cols, &o->lines) != 2 || o->cols < 1 ||
			    o->lines < 1 || o->cols > 1000 || o->lines > 1000)
				return cli_usage_error(
				    NULL, "--size needs COLSxLINES, like 100x30, not '%s'", optarg);
			break;
		case 'D':
			o->dump_screen = optarg;
			break;
		case 's':
			add_arg(&o->source_dirs, &o->n_source_dirs, optarg);
			break;
		case 'u':
			if (!strchr(optarg, '=') || optarg[0] == '=')
				return cli_usage_error(NULL, "--subst needs FROM=TO, not '%s'",
						       optarg);
			add_arg(&o->substs, &o->n_substs, optarg);
			break;
		}
	}
	for (; optind < argc; optind++)
		cli_inputs_add(in, argv[optind], 1);
	if (in->n == 0)
		return cli_usage_error(NULL, "no profile given");
	if (o->diff && in->n != 2)
		return cli_usage_error(NULL, "--diff needs two profiles: BASE NEW");
	if (!o->keys && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return cli_usage_error(NULL, "needs a terminal (or --keys for a headless run)");
	return -1;
}

/* Load every input before the terminal is touched, with progress on a
 * terminal when there is much to read. */
static bool load_inputs(const struct cli_inputs *in, struct tui_input *out)
{
	bool progress = isatty(STDERR_FILENO) && in->n > 1, ok = true;
	const char **paths = xcalloc(in->n ? in->n : 1, sizeof(*paths));
	struct cli_loads *loads;
	size_t i;

	for (i = 0; i < in->n; i++)
		paths[i] = in->v[i].path;
	loads = cli_loads_start(paths, in->n, NULL, false);
	for (i = 0; i < in->n && ok; i++) {
		struct stat st;

		if (!progress && isatty(STDERR_FILENO) && stat(in->v[i].path, &st) == 0 &&
		    st.st_size > (8 << 20))
			progress = true;
		if (progress)
			cli_progress("loading %zu/%zu: %s", i + 1, (size_t)in->n, in->v[i].path);
		out[i].path = in->v[i].path;
		out[i].weight = in->v[i].weight;
		out[i].p = cli_loads_next(loads);
		ok = out[i].p != NULL;
	}
	cli_loads_end(loads);
	free(paths);
	if (!ok) {
		for (i--; i-- > 0;)
			profile_free(out[i].p);
		return false;
	}
	cli_progress(NULL);
	return true;
}

int main(int argc, char **argv)
{
	struct tui_options o = {0};
	struct cli_inputs in = {0};
	struct tui_input *inputs;
	char *keys = NULL;
	int rc;

	alloc_keep_freed();
	o.started_ms = tui_clock_ms(CLOCK_MONOTONIC);
	cli_program = "vitte-pgo-tui";
	rc = parse_args(argc, argv, &o, &in, &keys);

	if (rc >= 0) {
		free(o.source_dirs);
		free(o.substs);
		cli_inputs_free(&in);
		free(keys);
		return cli_finish_stdout(rc);
	}
	inputs = xcalloc(in.n, sizeof(*inputs));
	if (!load_inputs(&in, inputs)) {
		rc = EXIT_FAIL;
	} else {
		o.inputs = inputs;
		o.n_inputs = in.n;
		rc = tui_run(&o);
	}
	free(inputs);
	free(o.source_dirs);
	free(o.substs);
	cli_inputs_free(&in);
	free(keys);
	return rc;
}

/* cmd_diff.c - `vitte-pgo diff`: how the time moved between two profiles. */
#define _GNU_SOURCE /* qsort_r */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/diff.h"
#include "src/base/alloc.h"
#include "src/base/jsonw.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/cli/cli.h"
#include "src/model/profile.h"

static const char diff_help[] =
    "Usage: vitte-pgo diff [--json] [--top N] [--sort delta|ratio|name] [--fail-above PP]\n"
    "                      BASE NEW\n"
    "\n"
    "Compare two profiles. Functions are matched by name; each has its share of\n"
    "its own profile's total self time in BASE and in NEW, the change in\n"
    "percentage points (pp) and the ratio of self times. The overlap score is\n"
    "llvm-profdata's: the sum over functions of min(base share, new share),\n"
    "1 for identical distributions. Branch and loop sites are compared too.\n"
    "Profiles of different builds (meta.build_id; with how many functions changed\n"
    "by checksum) or of different kinds (instrumented, sampled) are warned about.\n"
    "\n"
    "  -n, --top N          rows per table (default 20 as text, all with --json; 0 = all)\n"
    "  -s, --sort KEY       delta (|change|, default), ratio or name (text only)\n"
    "      --fail-above PP  exit 3 when a function's share grew by more than PP\n"
    "                       percentage points (a CI gate)\n"
    "      --json           one JSON object (format in the README)\n"
    "  -q, --quiet          no warnings\n"
    "  -h, --help           show this help\n"
    "\n"
    "Exit status: 0, 1 when a profile cannot be read, 2 on usage errors, 3 when\n"
    "--fail-above is exceeded.\n";

static const char *const status_names[] = {
    [DIFF_CHANGED] = "changed",
    [DIFF_ADDED] = "added",
    [DIFF_REMOVED] = "removed",
};

static const struct option long_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"quiet", no_argument, NULL, 'q'},
    {"top", required_argument, NULL, 'n'},
    {"sort", required_argument, NULL, 's'},
    {"fail-above", required_argument, NULL, 'F'},
    {"json", no_argument, NULL, 'J'},
    {NULL, 0, NULL, 0},
};

struct diff_args {
	unsigned long top;
	bool json, gate;
	double fail_above; /* percentage points */
	enum diff_sort sort;
};

static int parse_args(int argc, char **argv, struct diff_args *a)
{
	struct cli_opts o = {.cmd = "diff",
			     .help = diff_help,
			     .shortopts = ":hqn:s:",
			     .longopts = long_opts,
			     .top = &a->top};
	int c;

	while ((c = cli_next_option(&o, argc, argv)) != CLI_OPT_DONE) {
		switch (c) {
		case CLI_OPT_EXIT:
			return o.rc;
		case 's':
			if (!strcmp(optarg, "delta"))
				a->sort = DIFF_SORT_DELTA;
			else if (!strcmp(optarg, "ratio"))
				a->sort = DIFF_SORT_RATIO;
			else if (!strcmp(optarg, "name"))
				a->sort = DIFF_SORT_NAME;
			else
				return cli_usage_error("diff",
						       "unknown sort key '%s' (delta, ratio, "
						       "name)",
						       optarg);
			break;
		case 'F':
			if (!cli_parse_real(optarg, 0, 100, &a->fail_above))
				return cli_usage_error("diff",
						       "--fail-above needs percentage points "
						       "from 0 to 100, not '%s'",
						       optarg);
			a->gate = true;
			break;
		case 'J':
			a->json = true;
			break;
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("diff", "needs two profiles: BASE NEW");
	if (a->json && !o.top_given)
		a->top = 0;
	return -1;
}

static uint32_t rows(const struct diff_args *a, uint32_t n)
{
	return a->top && a->top < n ? (uint32_t)a->top : n;
}

static void text_header(const struct diff *d, char **files)
{
	char t[16];

	fputs("base:     ", stdout);
	cli_print_escaped(stdout, files[0]);
	printf("  (%s, %" PRIu32 " %s)\nnew:      ", text_duration(t, d->base_total),
	       d->base->funcs.n, text_plural(d->base->funcs.n, "function", "functions"));
	cli_print_escaped(stdout, files[1]);
	printf("  (%s, %" PRIu32 " %s)\noverlap:  %.3f (1 = the same distribution)\n",
	       text_duration(t, d->new_total), d->new_profile->funcs.n,
	       text_plural(d->new_profile->funcs.n, "function", "functions"), d->overlap);
}

static void text_functions(const struct diff *d, const struct diff_args *a)
{
	uint32_t i, n = rows(a, d->n_funcs);

	printf("\n%7s %7s %9s %9s  %-8s %s\n", "Base%", "New%", "Delta", "Ratio", "Status",
	       "Function");
	for (i = 0; i < n; i++) {
		struct diff_function fn, *f = &fn;

		diff_function_get(d, i, f);
		printf("%6.1f%% %6.1f%% %+7.1fpp ", 100 * f->base_share, 100 * f->new_share,
		       100 * f->delta_share);
		if (f->has_ratio)
			printf("%8.2fx", f->ratio);
		else
			printf("%9s", "-");
		printf("  %-8s ", status_names[f->status]);
		cli_print_escaped(stdout, f->name);
		fputc('\n', stdout);
	}
	if (n < d->n_funcs)
		printf("  ... %" PRIu32 " more (--top 0 shows all)\n", d->n_funcs - n);
}

struct order_ctx {
	const struct diff *d;
	bool loops;
};

static double site_change(const struct diff *d, bool loops, uint32_t i)
{
	if (loops)
		return fabs(d->loops[i].new_trip - d->loops[i].base_trip) /
		       (1 + fmax(d->loops[i].base_trip, d->loops[i].new_trip));
	return fabs(d->branches[i].new_bias - d->branches[i].base_bias);
}

/* Biggest change first; added and removed sites count as a full change. */
static int cmp_change(const void *a, const void *b, void *arg)
{
	const struct order_ctx *c = arg;
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	enum diff_status si = c->loops ? c->d->loops[i].status : c->d->branches[i].status;
	enum diff_status sj = c->loops ? c->d->loops[j].status : c->d->branches[j].status;
	double x = si != DIFF_CHANGED ? 2 : site_change(c->d, c->loops, i);
	double y = sj != DIFF_CHANGED ? 2 : site_change(c->d, c->loops, j);

	if (x != y)
		return x < y ? 1 : -1;
	return (i > j) - (i < j);
}

static uint32_t *site_order(const struct diff *d, bool loops, uint32_t n)
{
	struct order_ctx ctx = {d, loops};
	uint32_t *v = xcalloc(n, sizeof(*v)), i;

	for (i = 0; i < n; i++)
		v[i] = i;
	qsort_r(v, n, sizeof(*v), cmp_change, &ctx);
	return v;
}

static void text_sites(const struct diff *d, const struct diff_args *a)
{
	uint32_t *order, i, n;

	if (d->n_branches) {
		order = site_order(d, false, d->n_branches);
		n = rows(a, d->n_branches);
		printf("\nBranch sites\n%9s %9s  %-8s %s\n", "Base bias", "New bias", "Status",
		       "Site");
		for (i = 0; i < n; i++) {
			const struct diff_branch *b = &d->branches[order[i]];

			printf("%9.3f %9.3f  %-8s ", b->base_bias, b->new_bias,
			       status_names[b->status]);
			cli_print_escaped(stdout, b->func);
			printf(":%" PRIu32 "\n", b->line);
		}
		free(order);
	}
	if (d->n_loops) {
		order = site_order(d, true, d->n_loops);
		n = rows(a, d->n_loops);
		printf("\nLoop sites\n%9s %9s  %-8s %s\n", "Base trip", "New trip", "Status",
		       "Loop");
		for (i = 0; i < n; i++) {
			const struct diff_loop *l = &d->loops[order[i]];

			printf("%9.1f %9.1f  %-8s ", l->base_trip, l->new_trip,
			       status_names[l->status]);
			cli_print_escaped(stdout, l->func);
			if (l->name) {
				fputs("::", stdout);
				cli_print_escaped(stdout, l->name);
			}
			printf(":%" PRIu32 "\n", l->line);
		}
		free(order);
	}
}

static void json_diff(const struct diff *d, const struct diff_args *a)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t i, n = rows(a, d->n_funcs);

	sb_adds(&sb, "{\"overlap\":");
	jsonw_put_double(&sb, d->overlap);
	sb_adds(&sb, ",\n\"functions\":[");
	for (i = 0; i < n; i++) {
		struct diff_function fn, *f = &fn;

		diff_function_get(d, i, f);
		sb_adds(&sb, i ? ",\n{\"name\":" : "\n{\"name\":");
		jsonw_put_string(&sb, f->name);
		sb_adds(&sb, ",\"status\":");
		jsonw_put_string(&sb, status_names[f->status]);
		sb_addf(&sb, ",\"base_self_ns\":%" PRIu64 ",\"new_self_ns\":%" PRIu64, f->base_self,
			f->new_self);
		sb_adds(&sb, ",\"base_share\":");
		jsonw_put_double(&sb, f->base_share);
		sb_adds(&sb, ",\"new_share\":");
		jsonw_put_double(&sb, f->new_share);
		sb_adds(&sb, ",\"delta_share\":");
		jsonw_put_double(&sb, f->delta_share);
		sb_addc(&sb, '}');
	}
	sb_adds(&sb, "]}\n");
	fwrite(sb_str(&sb), 1, sb.len, stdout);
	sb_free(&sb);
}

/* Functions whose share grew by more than the limit, on stderr. */
static int gate(const struct diff *d, const struct diff_args *a)
{
	uint32_t i, over = 0;

	for (i = 0; a->gate && i < d->n_funcs; i++) {
		struct diff_function fn, *f = &fn;

		diff_function_get(d, i, f);
		if (100 * f->delta_share > a->fail_above) {
			fputs("vitte-pgo diff: ", stderr);
			cli_print_escaped(stderr, f->name);
			fprintf(stderr, ": share grew by %.2f percentage points (limit %g)\n",
				100 * f->delta_share, a->fail_above);
			over++;
		}
	}
	return over ? EXIT_GATE : EXIT_OK;
}

static int run_diff(int argc, char **argv)
{
	struct diff_args a = {.top = 20, .sort = DIFF_SORT_DELTA};
	struct profile *base, *new_p;
	struct cli_loads *loads;
	struct diff d;
	int rc = parse_args(argc, argv, &a);

	if (rc >= 0)
		return rc;
	loads = cli_loads_start((const char *const *)argv + optind, 2, NULL, false);
	base = cli_loads_next(loads);
	new_p = base ? cli_loads_next(loads) : NULL;
	cli_loads_end(loads);
	if (!base || !new_p) {
		profile_free(base);
		return EXIT_FAIL;
	}
	diff_profiles(base, new_p, &d);
	if (!cli_quiet)
		diff_warnings(&d, cli_warn_line, NULL);
	if (a.json) {
		json_diff(&d, &a); /* the JSON contract: by |delta| */
	} else {
		diff_sort_functions(&d, a.sort);
		text_header(&d, argv + optind);
		text_functions(&d, &a);
		text_sites(&d, &a);
	}
	rc = gate(&d, &a);
	diff_free(&d);
	profile_free(base);
	profile_free(new_p);
	return rc;
}

const struct cli_command cmd_diff = {"diff", "compare two profiles (base and new)", run_diff};

/* cmd_report.c - `vitte-pgo report`: hotspots, branches, loops, inline
 * candidates and the profile summary, as text tables or JSON. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/branches.h"
#include "analysis/callgraph.h"
#include "analysis/columns.h"
#include "analysis/hotspots.h"
#include "analysis/loops.h"
#include "analysis/session.h"
#include "src/base/jsonw.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/cli/cli.h"
#include "src/model/profile.h"

static const char report_help[] =
    "Usage: vitte-pgo report [OPTIONS] [-w W,FILE]... [FILE]...\n"
    "\n"
    "Analyse a profile: hotspots, branch sites, loop sites, inline candidates\n"
    "and how many functions make up 50/90/99 % of the time. Several inputs are\n"
    "merged first, each with weight 1 or the W given with -w.\n"
    "\n"
    "  -n, --top N            rows per table (default 20 as text, all with --json;\n"
    "                         0 = all)\n"
    "  -s, --sort KEY         hotspot order: self (default), total, calls, name, avg\n"
    "                         (text only: --json lists functions by self time)\n"
    "      --hot-cutoff X     hot while the time ranked before is below X (0.90)\n"
    "      --cold-cutoff X    cold once the time ranked before reaches X (0.99)\n"
    "  -w, --weighted-input=W,FILE  an input with merge weight W\n"
    "      --normalize        scale inputs to the first one's total time\n"
    "      --json             one JSON object (format in the README)\n"
    "  -q, --quiet            no warnings\n"
    "  -h, --help             show this help\n";

struct report {
	struct session s;	 /* the profile and its analyses */
	const struct profile *p; /* s.merged */
	struct hotspots *hot;	 /* the session's analyses, all computed */
	const struct branches *br;
	const struct loops *lp;
	struct cg_inline *inl;
	uint32_t n_inl;
	unsigned long top;
};

static uint32_t rows(const struct report *r, uint32_t n)
{
	return r->top && r->top < n ? (uint32_t)r->top : n;
}

static const char *fname(const struct profile *p, uint32_t func)
{
	return profile_str(p, p->funcs.v[func].name);
}

/* ---- text ---- */

static void text_summary(const struct report *r)
{
	const char *no_time = hotspots_no_time(r->p);
	const char *what = profile_clock_what(r->p->meta.clock);
	char total[16];

	fputs("program:   ", stdout);
	cli_print_escaped(stdout,
			  r->p->program != PF_NONE ? profile_str(r->p, r->p->program) : "-");
	printf("\ntotal:     %s self time%s%s%s in %" PRIu32 " %s (%" PRIu32 " hot, %" PRIu32
	       " warm, %" PRIu32 " cold), %" PRIu64 " %s\n",
	       text_duration(total, r->hot->total), what ? " (" : "", what ? what : "",
	       what ? ")" : "", r->hot->n, text_plural(r->hot->n, "function", "functions"),
	       r->hot->count[HOT_CLASS_HOT], r->hot->count[HOT_CLASS_WARM],
	       r->hot->count[HOT_CLASS_COLD], r->p->meta.runs,
	       text_plural(r->p->meta.runs, "run", "runs"));
	if (no_time) {
		printf("summary:   %s\n", no_time);
		return;
	}
	printf("summary:   %" PRIu32 " %s 50%% of the time, %" PRIu32 " %s 90%%, %" PRIu32
	       " %s 99%%\n",
	       r->hot->n50, text_plural(r->hot->n50, "function makes", "functions make"),
	       r->hot->n90, text_plural(r->hot->n90, "makes", "make"), r->hot->n99,
	       text_plural(r->hot->n99, "makes", "make"));
}

/* The hotspot table: the browser's columns and cells (analysis/columns.h)
 * at the report's widths, after gap; the last one unpadded and escaped. */
static const struct {
	enum hot_col col;
	int width;
	const char *gap;
} report_hot_columns[] = {
    {HC_SELF_PCT, 7, ""}, {HC_TOTAL_PCT, 7, " "}, {HC_SELF, 10, " "},  {HC_TOTAL, 10, " "},
    {HC_CALLS, 12, " "},  {HC_AVG, 10, " "},	  {HC_CLASS, 5, "  "}, {HC_NAME, 0, " "},
};
#define REPORT_HOT_NCOLS (sizeof(report_hot_columns) / sizeof(report_hot_columns[0]))

/* One line of the table: the titles (h NULL) or the cells of h. */
static void text_hotspot_line(const struct report *r, const struct hotspot *h)
{
	struct cell c;
	size_t i;

	for (i = 0; i < REPORT_HOT_NCOLS; i++) {
		const struct column *col = &hot_columns[report_hot_columns[i].col];

		columns_cell_clear(&c);
		if (h)
			columns_hotspot_cell(r->p, h, report_hot_columns[i].col, &c);
		else
			c.text = col->title;
		fputs(report_hot_columns[i].gap, stdout);
		if (i + 1 == REPORT_HOT_NCOLS)
			cli_print_escaped(stdout, c.text);
		else
			printf(col->right ? "%*s" : "%-*s", report_hot_columns[i].width, c.text);
	}
	fputc('\n', stdout);
}

static void text_hotspots(const struct report *r)
{
	uint32_t i, n = rows(r, r->hot->n);

	fputs("\nHotspots\n", stdout);
	text_hotspot_line(r, NULL);
	for (i = 0; i < n; i++)
		text_hotspot_line(r, &r->hot->v[i]);
	if (n < r->hot->n)
		printf("  ... %" PRIu32 " more (--top 0 shows all)\n", r->hot->n - n);
}

static void text_branches(const struct report *r)
{
	uint32_t i, n = rows(r, r->br->n);

	if (r->br->n == 0) {
		if (r->br->has_legacy)
			printf("\nBranches (aggregate only): %.1f%% taken, %.1f%% not taken\n",
			       r->br->legacy_taken, r->br->legacy_not_taken);
		return;
	}
	printf("\nBranches: %.1f%% of %" PRIu64 " executions in biased sites, %.1f%% in "
	       "unpredictable ones\n%12s %7s %6s  %-13s %s\n",
	       100 * r->br->biased_share, r->br->executions, 100 * r->br->unpredictable_share,
	       "Executions", "Taken%", "Bias", "Hint", "Site");
	for (i = 0; i < n; i++) {
		const struct branch_stat *b = &r->br->v[i];
		const struct pf_branch *s = &r->p->branches.v[b->site];

		printf("%12" PRIu64 " %6.1f%% %6.3f  %-13s ", b->executions, 100 * b->p_taken,
		       b->bias, branches_hint_name(b->hint));
		cli_print_escaped(stdout, fname(r->p, s->func));
		printf(":%" PRIu32, s->line);
		if (s->flags & PF_HAS_COLUMN)
			printf(":%" PRIu32, s->column);
		if (s->id != PF_NONE) {
			fputs(" [", stdout);
			cli_print_escaped(stdout, profile_str(r->p, s->id));
			fputc(']', stdout);
		}
		fputc('\n', stdout);
	}
	if (n < r->br->n)
		printf("  ... %" PRIu32 " more\n", r->br->n - n);
}

static void text_loops(const struct report *r)
{
	uint32_t i, n = rows(r, r->lp->n);

	if (r->lp->n == 0) {
		if (r->p->legacy_hot.n) {
			fputs("\nHot loops (names only):", stdout);
			for (i = 0; i < r->p->legacy_hot.n; i++) {
				fputs(i ? ", " : " ", stdout);
				cli_print_escaped(stdout, profile_str(r->p, r->p->legacy_hot.v[i]));
			}
			fputc('\n', stdout);
		}
		return;
	}
	printf("\nLoops\n%7s %10s %12s %14s %10s  %-9s %s\n", "Time%", "Time", "Entries",
	       "Iterations", "Avg trip", "Hint", "Loop");
	for (i = 0; i < n; i++) {
		const struct loop_stat *l = &r->lp->v[i];
		const struct pf_loop *s = &r->p->loops.v[l->site];
		char t[16];

		if (l->has_time)
			printf("%6.1f%% %10s", 100 * l->time_share, text_duration(t, l->time_ns));
		else
			printf("%7s %10s", "-", "-");
		printf(" %12" PRIu64 " %14" PRIu64 " %10.1f  %-9s ", l->entries, l->iterations,
		       l->avg_trip, loops_hint_name(l->hint));
		cli_print_escaped(stdout, fname(r->p, s->func));
		if (s->name != PF_NONE) {
			fputs("::", stdout);
			cli_print_escaped(stdout, profile_str(r->p, s->name));
		}
		printf(":%" PRIu32 "\n", s->line);
	}
	if (n < r->lp->n)
		printf("  ... %" PRIu32 " more\n", r->lp->n - n);
}

static void text_inline(const struct report *r)
{
	uint32_t i, n = rows(r, r->n_inl);

	if (r->n_inl == 0)
		return;
	printf("\nInline candidates\n%12s %7s %6s  %s\n",
	       profile_counts_calls(r->p) ? "Count" : "Samples", "Share", "Size",
	       "Caller -> callee");
	for (i = 0; i < n; i++) {
		const struct cg_inline *c = &r->inl[i];

		printf("%12" PRIu64 " %6.1f%% ", c->count, 100 * c->share);
		if (c->has_size)
			printf("%6" PRIu32 "  ", c->size);
		else
			printf("%6s  ", "?");
		cli_print_escaped(stdout, fname(r->p, c->caller));
		fputs(" -> ", stdout);
		cli_print_escaped(stdout, fname(r->p, c->callee));
		fputc('\n', stdout);
	}
	if (n < r->n_inl)
		printf("  ... %" PRIu32 " more\n", r->n_inl - n);
}

/* ---- JSON (the contract is in the README) ---- */

static void json_key(struct strbuf *sb, const char *key)
{
	jsonw_put_string(sb, key);
	sb_addc(sb, ':');
}

static void json_functions(struct strbuf *sb, const struct report *r)
{
	uint32_t i, n = rows(r, r->hot->n);

	sb_adds(sb, "\"functions\":[");
	for (i = 0; i < n; i++) {
		const struct hotspot *h = &r->hot->v[i];

		sb_adds(sb, i ? ",\n{" : "\n{");
		json_key(sb, "name");
		jsonw_put_string(sb, fname(r->p, h->func));
		if (profile_counts_calls(r->p))
			sb_addf(sb, ",\"calls\":%" PRIu64, h->calls);
		else
			sb_adds(sb, ",\"calls\":null"); /* unknown */
		sb_addf(sb, ",\"time_ns\":%" PRIu64 ",\"self_ns\":%" PRIu64, h->time_ns,
			h->self_ns);
		sb_adds(sb, ",\"self_share\":");
		jsonw_put_double(sb, h->self_share);
		sb_adds(sb, ",\"time_share\":");
		jsonw_put_double(sb, h->time_share);
		sb_adds(sb, ",\"class\":");
		jsonw_put_string(sb, hotspots_class_name(h->cls));
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]");
}

static void json_branches(struct strbuf *sb, const struct report *r)
{
	uint32_t i, n = rows(r, r->br->n);

	sb_adds(sb, ",\n\"branches\":[");
	for (i = 0; i < n; i++) {
		const struct branch_stat *b = &r->br->v[i];
		const struct pf_branch *s = &r->p->branches.v[b->site];

		sb_adds(sb, i ? ",\n{" : "\n{");
		json_key(sb, "function");
		jsonw_put_string(sb, fname(r->p, s->func));
		sb_addf(sb, ",\"line\":%" PRIu32 ",\"taken\":%" PRIu64 ",\"not_taken\":%" PRIu64,
			s->line, s->taken, s->not_taken);
		sb_adds(sb, ",\"bias\":");
		jsonw_put_double(sb, b->bias);
		sb_adds(sb, ",\"hint\":");
		jsonw_put_string(sb, branches_hint_name(b->hint));
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]");
}

static void json_loops(struct strbuf *sb, const struct report *r)
{
	uint32_t i, n = rows(r, r->lp->n);

	sb_adds(sb, ",\n\"loops\":[");
	for (i = 0; i < n; i++) {
		const struct loop_stat *l = &r->lp->v[i];
		const struct pf_loop *s = &r->p->loops.v[l->site];

		sb_adds(sb, i ? ",\n{" : "\n{");
		json_key(sb, "function");
		jsonw_put_string(sb, fname(r->p, s->func));
		sb_adds(sb, ",\"name\":");
		if (s->name != PF_NONE)
			jsonw_put_string(sb, profile_str(r->p, s->name));
		else
			sb_adds(sb, "null");
		sb_addf(sb, ",\"line\":%" PRIu32 ",\"entries\":%" PRIu64 ",\"iterations\":%" PRIu64,
			s->line, l->entries, l->iterations);
		sb_adds(sb, ",\"avg_trip\":");
		jsonw_put_double(sb, l->avg_trip);
		sb_adds(sb, ",\"hint\":");
		jsonw_put_string(sb, loops_hint_name(l->hint));
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]");
}

static void json_report(const struct report *r)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t i, n = rows(r, r->n_inl);

	sb_adds(&sb, "{\"program\":");
	if (r->p->program != PF_NONE)
		jsonw_put_string(&sb, profile_str(r->p, r->p->program));
	else
		sb_adds(&sb, "null");
	sb_addf(&sb, ",\"total_self_ns\":%" PRIu64 ",\n", r->hot->total);
	json_functions(&sb, r);
	json_branches(&sb, r);
	json_loops(&sb, r);
	sb_adds(&sb, ",\n\"inline_candidates\":[");
	for (i = 0; i < n; i++) {
		sb_adds(&sb, i ? ",\n{" : "\n{");
		json_key(&sb, "caller");
		jsonw_put_string(&sb, fname(r->p, r->inl[i].caller));
		sb_adds(&sb, ",\"callee\":");
		jsonw_put_string(&sb, fname(r->p, r->inl[i].callee));
		sb_addf(&sb, ",\"count\":%" PRIu64 "}", r->inl[i].count);
	}
	sb_addf(&sb,
		"],\n\"summary\":{\"functions_for_50\":%" PRIu32 ",\"functions_for_90\":%" PRIu32
		",\"functions_for_99\":%" PRIu32 "}}\n",
		r->hot->n50, r->hot->n90, r->hot->n99);
	fwrite(sb_str(&sb), 1, sb.len, stdout);
	sb_free(&sb);
}

/* ---- options ---- */

static const struct option long_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"quiet", no_argument, NULL, 'q'},
    {"top", required_argument, NULL, 'n'},
    {"sort", required_argument, NULL, 's'},
    {"hot-cutoff", required_argument, NULL, 'H'},
    {"cold-cutoff", required_argument, NULL, 'C'},
    {"weighted-input", required_argument, NULL, 'w'},
    {"normalize", no_argument, NULL, 'N'},
    {"json", no_argument, NULL, 'J'},
    {NULL, 0, NULL, 0},
};

static const struct {
	const char *name;
	enum hotspots_key key;
} sort_keys[] = {
    {"self", HOTSPOTS_BY_SELF}, {"total", HOTSPOTS_BY_TIME}, {"calls", HOTSPOTS_BY_CALLS},
    {"name", HOTSPOTS_BY_NAME}, {"avg", HOTSPOTS_BY_AVG},
};

static bool parse_sort(const char *s, enum hotspots_key *key)
{
	size_t i;

	for (i = 0; i < sizeof(sort_keys) / sizeof(sort_keys[0]); i++) {
		if (!strcmp(s, sort_keys[i].name)) {
			*key = sort_keys[i].key;
			return true;
		}
	}
	return false;
}

/* The analyses of p (taken over by the report's session). */
static void report_compute(struct report *r, struct profile *p, const struct hotspots_opts *ho)
{
	struct callgraph_inline_opts io = CALLGRAPH_INLINE_OPTS_DEFAULT;
	struct error err;

	session_init(&r->s, NULL, NULL);
	r->s.hot_opts = *ho;
	session_add_input(&r->s, "", p, 1);
	session_update(&r->s, &err); /* one input of weight 1: cannot fail */
	r->p = r->s.merged;
	r->hot = session_hotspots(&r->s);
	r->br = session_branches(&r->s);
	r->lp = session_loops(&r->s);
	r->n_inl = callgraph_find_inline_candidates(session_callgraph(&r->s), &io, &r->inl);
}

static void report_free(struct report *r)
{
	free(r->inl);
	session_free(&r->s);
}

struct report_args {
	struct hotspots_opts ho;
	enum hotspots_key key;
	bool json, normalize;
	unsigned long top;
};

/* The options into a and the inputs into in; -1 to go on, else an exit code. */
static int parse_args(int argc, char **argv, struct report_args *a, struct cli_inputs *in)
{
	struct cli_opts o = {.cmd = "report",
			     .help = report_help,
			     .shortopts = ":hqn:s:w:",
			     .longopts = long_opts,
			     .inputs = in,
			     .top = &a->top};
	int c;

	while ((c = cli_next_option(&o, argc, argv)) != CLI_OPT_DONE) {
		switch (c) {
		case CLI_OPT_EXIT:
			return o.rc;
		case 's':
			if (!parse_sort(optarg, &a->key))
				return cli_usage_error("report",
						       "unknown sort key '%s' (self, total, "
						       "calls, name, avg)",
						       optarg);
			break;
		case 'H':
			if (!cli_parse_real(optarg, 0, 1, &a->ho.hot_cutoff))
				return cli_usage_error("report",
						       "--hot-cutoff needs a number from 0 to 1");
			break;
		case 'C':
			if (!cli_parse_real(optarg, 0, 1, &a->ho.cold_cutoff))
				return cli_usage_error("report",
						       "--cold-cutoff needs a number from 0 to 1");
			break;
		case 'N':
			a->normalize = true;
			break;
		case 'J':
			a->json = true;
			break;
		}
	}
	for (; optind < argc; optind++)
		cli_inputs_add(in, argv[optind], 1);
	if (in->n == 0)
		return cli_usage_error("report", "no profile given");
	if (a->json && !o.top_given)
		a->top = 0; /* the JSON contract: everything, unless asked */
	return -1;
}

static int run_report(int argc, char **argv)
{
	struct report_args a = {HOTSPOTS_OPTS_DEFAULT, HOTSPOTS_BY_SELF, false, false, 20};
	struct cli_inputs in = {0};
	struct report r = {0};
	struct profile *p;
	int rc = parse_args(argc, argv, &a, &in);

	if (rc >= 0) {
		cli_inputs_free(&in);
		return rc;
	}
	p = cli_load_merged(&in, a.normalize, NULL, false);
	cli_inputs_free(&in);
	if (!p)
		return EXIT_FAIL;
	r.top = a.top;
	report_compute(&r, p, &a.ho);
	if (a.json) { /* the JSON contract: always by self time */
		json_report(&r);
	} else {
		hotspots_sort(r.hot->v, r.hot->n, a.key, a.key != HOTSPOTS_BY_NAME);
		text_summary(&r);
		text_hotspots(&r);
		text_branches(&r);
		text_loops(&r);
		text_inline(&r);
	}
	report_free(&r);
	return EXIT_OK;
}

const struct cli_command cmd_report = {"report", "hotspots, branches, loops, inline candidates",
				       run_report};

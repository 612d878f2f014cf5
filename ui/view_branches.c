/* view_branches.c - branch sites: how often each is taken, how biased it
 * is and which hint it deserves (from analysis/branches.h). */
#define _GNU_SOURCE /* qsort_r */
#include "ui/ui.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/model/profile.h"
#include "ui/table.h"

enum br_col {
	BC_EXEC,
	BC_TAKEN_PCT,
	BC_TAKEN,
	BC_NOT_TAKEN,
	BC_BIAS,
	BC_BAR,
	BC_HINT,
	BC_FUNC,
	BC_LINE,
	BC_ID,
	BC_COUNT
};

/* At 100 columns only the id hides; at 60 the function, line, taken%,
 * hint and executions stay; at 40 the function, line and taken%. */
static const struct column br_columns[BC_COUNT] = {
    [BC_EXEC] = {"Executions", 11, true, 4}, [BC_TAKEN_PCT] = {"Taken%", 7, true, 0},
    [BC_TAKEN] = {"Taken", 11, true, 7},     [BC_NOT_TAKEN] = {"Not taken", 11, true, 8},
    [BC_BIAS] = {"Bias", 6, true, 5},	     [BC_BAR] = {"", 10, false, 6},
    [BC_HINT] = {"Hint", 13, false, 1},	     [BC_FUNC] = {"Function", 0, false, 0},
    [BC_LINE] = {"Line", 8, false, 0},	     [BC_ID] = {"Id", 10, false, 9},
};

enum br_key { BK_EXEC, BK_BIAS, BK_TAKEN, BK_NAME, BK_LINE };

/* Sort keys in the order `s` cycles through them, with their column and
 * their first direction. */
static const struct {
	enum br_key key;
	enum br_col col;
	const char *name;
	bool ascending;
} br_sorts[] = {
    {BK_EXEC, BC_EXEC, "executions", false},   {BK_BIAS, BC_BIAS, "bias", false},
    {BK_TAKEN, BC_TAKEN_PCT, "taken%", false}, {BK_NAME, BC_FUNC, "function", true},
    {BK_LINE, BC_LINE, "line", true},
};
#define BR_NSORTS (sizeof(br_sorts) / sizeof(br_sorts[0]))

struct br_view {
	uint32_t *rows; /* indexes in t->s.br.v of the shown sites, sorted */
	/* each row's function name, for search without a walk through the
	 * profile: borrowed from the merged profile, which interns nothing
	 * until the next rebuild */
	const char **names;
	unsigned sort; /* index in br_sorts[] */
	bool ascending;
	char status[80];
};

/* What the comparison needs: borrowed from the session. */
struct br_order {
	const struct branches *br;
	const struct profile *p;
	enum br_key key;
	bool ascending;
};

static int cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int cmp_double(double a, double b)
{
	return (a > b) - (a < b);
}

/* The sort key of two sites, ascending. Sites are in canonical order
 * (function, line, column, id) and function ids in name order (profile.h),
 * so the site index is the "function, then line" order. */
static int br_cmp_key(const struct br_order *o, const struct branch_stat *x,
		      const struct branch_stat *y)
{
	const struct pf_branch *bx = &o->p->branches.v[x->site], *by = &o->p->branches.v[y->site];
	int r;

	switch (o->key) {
	case BK_EXEC:
		return cmp_u64(x->executions, y->executions);
	case BK_BIAS:
		return cmp_double(x->bias, y->bias);
	case BK_TAKEN:
		return cmp_double(x->p_taken, y->p_taken);
	case BK_LINE:
		r = cmp_u64(bx->line, by->line);
		if (!r)
			r = cmp_u64(bx->flags & PF_HAS_COLUMN ? bx->column + 1ull : 0,
				    by->flags & PF_HAS_COLUMN ? by->column + 1ull : 0);
		return r;
	case BK_NAME:
	default:
		return cmp_u64(x->site, y->site);
	}
}

/* The key in the asked direction, ties by site index (so that executions
 * descending is the analysis's own order). */
static int br_cmp(const void *a, const void *b, void *arg)
{
	const struct br_order *o = arg;
	const struct branch_stat *x = &o->br->v[*(const uint32_t *)a];
	const struct branch_stat *y = &o->br->v[*(const uint32_t *)b];
	int r = br_cmp_key(o, x, y);

	if (r)
		return o->ascending ? r : -r;
	return cmp_u64(x->site, y->site);
}

static const char *br_func_name(const struct session *s, const struct branch_stat *st)
{
	const struct profile *p = s->merged;

	return profile_str(p, p->funcs.v[p->branches.v[st->site].func].name);
}

/* Filter and sort the sites into rows; the selection stays on the site it
 * was on when follow is set and the site is still shown. */
static void br_build(struct view *v, bool follow)
{
	struct br_view *b = v->priv;
	struct session *s = &v->tui->s;
	struct br_order o = {&s->br, s->merged, br_sorts[b->sort].key, b->ascending};
	uint32_t i, n = 0, was = follow && v->sel < v->nrows ? b->rows[v->sel] : UINT32_MAX;

	free(b->rows);
	free(b->names);
	b->rows = xcalloc(s->br.n ? s->br.n : 1, sizeof(*b->rows));
	b->names = xcalloc(s->br.n ? s->br.n : 1, sizeof(*b->names));
	for (i = 0; i < s->br.n; i++)
		if (table_rows_match(br_func_name(s, &s->br.v[i]), v->filter))
			b->rows[n++] = i;
	qsort_r(b->rows, n, sizeof(*b->rows), br_cmp, &o);
	v->nrows = n;
	for (i = 0; i < n; i++) {
		b->names[i] = br_func_name(s, &s->br.v[b->rows[i]]);
		if (b->rows[i] == was)
			v->sel = i;
	}
	if (v->sel >= n)
		v->sel = n ? n - 1 : 0;
}

static void br_rebuild(struct view *v)
{
	br_build(v, false);
}

static const char *br_row_name(struct view *v, uint32_t row)
{
	struct br_view *b = v->priv;

	return row < v->nrows ? b->names[row] : NULL;
}

static const char *br_status(struct view *v)
{
	struct br_view *b = v->priv;

	if (!v->tui->s.br.n)
		return NULL;
	snprintf(b->status, sizeof(b->status), "sort: %s %s", br_sorts[b->sort].name,
		 b->ascending ? "ascending" : "descending");
	return b->status;
}

/* Unpredictable sites are the ones to look at; biased ones get a hint. */
static enum role br_hint_role(enum branch_hint h)
{
	switch (h) {
	case BRANCH_HINT_UNPREDICTABLE:
		return ROLE_HOT;
	case BRANCH_HINT_LIKELY:
	case BRANCH_HINT_UNLIKELY:
		return ROLE_WARM;
	default:
		return ROLE_DIM;
	}
}

/* The numbers of a row: counts, shares, bias and its bar. */
static void br_draw_counts(int y, const struct branch_stat *st, const struct pf_branch *pb,
			   enum role base, const int *x, const int *w)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, st->executions);
	draw_text(y, x[BC_EXEC], w[BC_EXEC], buf, base, true);
	snprintf(buf, sizeof(buf), "%" PRIu64, pb->taken);
	draw_text(y, x[BC_TAKEN], w[BC_TAKEN], buf, base, true);
	snprintf(buf, sizeof(buf), "%" PRIu64, pb->not_taken);
	draw_text(y, x[BC_NOT_TAKEN], w[BC_NOT_TAKEN], buf, base, true);
	if (!st->executions) { /* never executed: no share, no bias */
		draw_text(y, x[BC_TAKEN_PCT], w[BC_TAKEN_PCT], "-", base, true);
		draw_text(y, x[BC_BIAS], w[BC_BIAS], "-", base, true);
		return;
	}
	snprintf(buf, sizeof(buf), "%.1f%%", 100 * st->p_taken);
	draw_text(y, x[BC_TAKEN_PCT], w[BC_TAKEN_PCT], buf, base, true);
	snprintf(buf, sizeof(buf), "%.3f", st->bias);
	draw_text(y, x[BC_BIAS], w[BC_BIAS], buf, base, true);
	/* The bar shows the bias, not p_taken: 0.5 (a coin flip) is empty,
	 * 1 (always one way) is full, whichever way the branch goes. */
	draw_bar(y, x[BC_BAR], w[BC_BAR], 2 * (st->bias - 0.5),
		 base == ROLE_NORMAL ? ROLE_BAR : base);
}

static void br_draw_row(struct view *v, int y, uint32_t row, const int *x, const int *w)
{
	struct br_view *b = v->priv;
	const struct session *s = &v->tui->s;
	const struct branch_stat *st = &s->br.v[b->rows[row]];
	const struct pf_branch *pb = &s->merged->branches.v[st->site];
	bool sel = row == v->sel;
	enum role base = sel ? ROLE_SELECTED : ROLE_NORMAL;
	char buf[32];

	move(y, 0);
	attron(draw_attr(base));
	clrtoeol();
	attroff(draw_attr(base));
	br_draw_counts(y, st, pb, base, x, w);
	draw_text(y, x[BC_HINT], w[BC_HINT], branch_hint_name(st->hint),
		  sel ? base : br_hint_role(st->hint), false);
	draw_text(y, x[BC_FUNC], w[BC_FUNC], b->names[row], base, false);
	if (pb->flags & PF_HAS_COLUMN)
		snprintf(buf, sizeof(buf), "%" PRIu32 ":%" PRIu32, pb->line, pb->column);
	else
		snprintf(buf, sizeof(buf), "%" PRIu32, pb->line);
	draw_text(y, x[BC_LINE], w[BC_LINE], buf, base, false);
	if (pb->id != PF_NONE)
		draw_text(y, x[BC_ID], w[BC_ID], profile_str(s->merged, pb->id),
			  sel ? base : ROLE_DIM, false);
}

/* The line above the table: the whole profile's summary. */
static void br_draw_summary(struct view *v, int y)
{
	const struct branches *br = &v->tui->s.br;
	char buf[160];

	snprintf(buf, sizeof(buf),
		 "%" PRIu32 " sites, %" PRIu64 " executions: %.1f%% in biased sites, "
		 "%.1f%% unpredictable",
		 br->n, br->executions, 100 * br->biased_share, 100 * br->unpredictable_share);
	if (draw_width(buf) > v->tui->cols - 2) /* a narrow terminal: the shares first */
		snprintf(buf, sizeof(buf), "%" PRIu32 " sites, %.1f%% biased, %.1f%% unpred.",
			 br->n, 100 * br->biased_share, 100 * br->unpredictable_share);
	draw_text(y, 1, v->tui->cols - 2, buf, ROLE_NORMAL, false);
}

/* No sites: the seed format's aggregate percentages, or nothing. */
static void br_draw_empty(struct view *v, int y)
{
	const struct branches *br = &v->tui->s.br;
	char buf[160];

	if (br->has_legacy)
		snprintf(buf, sizeof(buf), "aggregate only: %.1f%% taken, %.1f%% not taken",
			 br->legacy_taken, br->legacy_not_taken);
	else
		snprintf(buf, sizeof(buf), "the profile has no branch sites");
	draw_text(y, 1, v->tui->cols - 2, buf, br->has_legacy ? ROLE_NORMAL : ROLE_DIM, false);
}

static void br_draw(struct view *v, int y0, int h)
{
	struct br_view *b = v->priv;
	int x[BC_COUNT], w[BC_COUNT], i;

	if (!v->tui->s.br.n) {
		table_scroll(v, h);
		br_draw_empty(v, y0);
		return;
	}
	br_draw_summary(v, y0);
	columns_layout(br_columns, BC_COUNT, v->tui->cols, x, w);
	draw_header(y0 + 1, br_columns, BC_COUNT, x, w, (int)br_sorts[b->sort].col, !b->ascending);
	table_scroll(v, h - 2);
	if (v->nrows == 0) {
		draw_text(y0 + 2, 1, v->tui->cols - 2,
			  "no branch site matches (F clears the filter)", ROLE_DIM, false);
		return;
	}
	for (i = 0; i < h - 2 && v->top + (uint32_t)i < v->nrows; i++)
		br_draw_row(v, y0 + 2 + i, v->top + (uint32_t)i, x, w);
}

static bool br_key(struct view *v, enum action a)
{
	struct br_view *b = v->priv;
	const struct session *s = &v->tui->s;

	switch (a) {
	case ACT_ENTER:
		if (v->nrows)
			view_function_open(
			    v->tui, s->merged->branches.v[s->br.v[b->rows[v->sel]].site].func);
		return true;
	case ACT_SORT:
		b->sort = (b->sort + 1) % BR_NSORTS;
		b->ascending = br_sorts[b->sort].ascending;
		break;
	case ACT_SORT_REVERSE:
		b->ascending = !b->ascending;
		break;
	case ACT_FILTER:
		if (!table_prompt_filter(v, "filter functions: "))
			return true;
		break;
	case ACT_FILTER_CLEAR:
		v->filter[0] = '\0';
		break;
	default:
		return table_list_key(v, a);
	}
	br_build(v, true);
	return true;
}

static void br_free(struct view *v)
{
	struct br_view *b = v->priv;

	free(b->rows);
	free(b->names);
	free(b);
}

static const struct view_ops br_ops = {
    .title = "Branches",
    .kind = VIEW_BRANCHES,
    .rebuild = br_rebuild,
    .draw = br_draw,
    .key = br_key,
    .row_name = br_row_name,
    .status = br_status,
    .free = br_free,
};

struct view *view_branches_new(struct tui *t)
{
	return view_new(t, &br_ops, xcalloc(1, sizeof(struct br_view)));
}

/* view_loops.c - loop sites: time, trip counts and an unroll/vectorize
 * hint (from analysis/loops.h); for seed-format profiles, the names of
 * their hot loops. */
#define _GNU_SOURCE /* qsort_r */
#include "ui/ui.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/table.h"

enum lp_col {
	LC_TIME_PCT,
	LC_TIME,
	LC_ENTRIES,
	LC_ITERS,
	LC_AVG,
	LC_HINT,
	LC_FUNC,
	LC_NAME,
	LC_LINE,
	LC_COUNT
};

/* Everything fits in 100 columns; at 60 the time share, average trip,
 * hint, function, loop name and line stay; at 40 the loop name goes. */
static const struct column lp_columns[LC_COUNT] = {
    [LC_TIME_PCT] = {"Time%", 7, true, 0},   [LC_TIME] = {"Time", 9, true, 4},
    [LC_ENTRIES] = {"Entries", 11, true, 6}, [LC_ITERS] = {"Iterations", 11, true, 5},
    [LC_AVG] = {"Avg trip", 9, true, 2},     [LC_HINT] = {"Hint", 9, false, 1},
    [LC_FUNC] = {"Function", 0, false, 0},   [LC_NAME] = {"Loop", 10, false, 3},
    [LC_LINE] = {"Line", 6, false, 0},
};

/* The seed format's loops.hot: one column of names. */
static const struct column lp_legacy_column = {"Hot loops (names only)", 0, false, 0};

enum lp_key { LK_TIME, LK_ITERS, LK_AVG, LK_ENTRIES, LK_NAME };

/* Sort keys in the order `s` cycles through them, with their column and
 * their first direction. */
static const struct {
	enum lp_key key;
	enum lp_col col;
	const char *name;
	bool ascending;
} lp_sorts[] = {
    {LK_TIME, LC_TIME_PCT, "time", false}, {LK_ITERS, LC_ITERS, "iterations", false},
    {LK_AVG, LC_AVG, "avg trip", false},   {LK_ENTRIES, LC_ENTRIES, "entries", false},
    {LK_NAME, LC_FUNC, "function", true},
};
#define LP_NSORTS (sizeof(lp_sorts) / sizeof(lp_sorts[0]))

struct lp_view {
	/* indexes of the shown rows, sorted: in t->s.lp.v, or in
	 * merged->legacy_hot.v when legacy is set */
	uint32_t *rows;
	/* the name of each row, for search without a walk through the
	 * profile: borrowed from the merged profile, which interns nothing
	 * until the next rebuild */
	const char **names;
	bool legacy;   /* no sites: the rows are the seed format's hot loop names */
	unsigned sort; /* index in lp_sorts[] */
	bool ascending;
	char status[80];
};

/* What the comparison needs: borrowed from the session. */
struct lp_order {
	const struct loops *lp;
	enum lp_key key;
	bool ascending;
};

static int cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

/* The sort key of two sites, ascending. Sites are in canonical order
 * (function, line, name) and function ids in name order (profile.h), so
 * the site index is the "function, then line" order. Time ties go by
 * iterations, as in loops_compute(). */
static int lp_cmp_key(const struct lp_order *o, const struct loop_stat *x,
		      const struct loop_stat *y)
{
	int r;

	switch (o->key) {
	case LK_TIME:
		r = cmp_u64(x->time_ns, y->time_ns);
		return r ? r : cmp_u64(x->iterations, y->iterations);
	case LK_ITERS:
		return cmp_u64(x->iterations, y->iterations);
	case LK_AVG:
		return (x->avg_trip > y->avg_trip) - (x->avg_trip < y->avg_trip);
	case LK_ENTRIES:
		return cmp_u64(x->entries, y->entries);
	case LK_NAME:
	default:
		return cmp_u64(x->site, y->site);
	}
}

/* The key in the asked direction, ties by site index (so that time
 * descending is the analysis's own order). */
static int lp_cmp(const void *a, const void *b, void *arg)
{
	const struct lp_order *o = arg;
	const struct loop_stat *x = &o->lp->v[*(const uint32_t *)a];
	const struct loop_stat *y = &o->lp->v[*(const uint32_t *)b];
	int r = lp_cmp_key(o, x, y);

	if (r)
		return o->ascending ? r : -r;
	return cmp_u64(x->site, y->site);
}

/* The name searched and filtered: the function of a site, or a hot loop
 * name in legacy mode. */
static const char *lp_index_name(const struct view *v, uint32_t i)
{
	const struct lp_view *l = v->priv;
	const struct profile *p = v->tui->s.merged;

	if (l->legacy)
		return profile_str(p, p->legacy_hot.v[i]);
	return profile_str(p, p->funcs.v[p->loops.v[v->tui->s.lp.v[i].site].func].name);
}

/* Filter and sort into rows; the selection stays on the row it was on
 * when follow is set and the row is still shown. */
static void lp_build(struct view *v, bool follow)
{
	struct lp_view *l = v->priv;
	struct session *s = &v->tui->s;
	struct lp_order o = {&s->lp, lp_sorts[l->sort].key, l->ascending};
	uint32_t i, n = 0, total, was = follow && v->sel < v->nrows ? l->rows[v->sel] : UINT32_MAX;

	l->legacy = s->lp.n == 0;
	total = l->legacy ? s->merged->legacy_hot.n : s->lp.n;
	free(l->rows);
	free(l->names);
	l->rows = xcalloc(total ? total : 1, sizeof(*l->rows));
	l->names = xcalloc(total ? total : 1, sizeof(*l->names));
	for (i = 0; i < total; i++)
		if (table_rows_match(lp_index_name(v, i), v->filter))
			l->rows[n++] = i;
	if (!l->legacy)
		qsort_r(l->rows, n, sizeof(*l->rows), lp_cmp, &o);
	v->nrows = n;
	for (i = 0; i < n; i++) {
		l->names[i] = lp_index_name(v, l->rows[i]);
		if (l->rows[i] == was)
			v->sel = i;
	}
	if (v->sel >= n)
		v->sel = n ? n - 1 : 0;
}

static void lp_rebuild(struct view *v)
{
	lp_build(v, false);
}

static const char *lp_row_name(struct view *v, uint32_t row)
{
	struct lp_view *l = v->priv;

	return row < v->nrows ? l->names[row] : NULL;
}

static const char *lp_status(struct view *v)
{
	struct lp_view *l = v->priv;

	if (l->legacy)
		return v->tui->s.merged->legacy_hot.n ? "names only" : NULL;
	snprintf(l->status, sizeof(l->status), "sort: %s %s", lp_sorts[l->sort].name,
		 l->ascending ? "ascending" : "descending");
	return l->status;
}

/* Vectorizing pays most, unrolling less; no hint is background. */
static enum role lp_hint_role(enum loop_hint h)
{
	return h == LOOP_HINT_VECTORIZE ? ROLE_HOT : h == LOOP_HINT_UNROLL ? ROLE_WARM : ROLE_DIM;
}

/* The numbers of a row; time is "-" for a site without one. */
static void lp_draw_counts(int y, const struct loop_stat *st, enum role base, const int *x,
			   const int *w)
{
	char buf[32];

	if (st->has_time) {
		snprintf(buf, sizeof(buf), "%.1f%%", 100 * st->time_share);
		draw_text(y, x[LC_TIME_PCT], w[LC_TIME_PCT], buf, base, true);
		draw_text(y, x[LC_TIME], w[LC_TIME], text_duration(buf, st->time_ns), base, true);
	} else {
		draw_text(y, x[LC_TIME_PCT], w[LC_TIME_PCT], "-", base, true);
		draw_text(y, x[LC_TIME], w[LC_TIME], "-", base, true);
	}
	snprintf(buf, sizeof(buf), "%" PRIu64, st->entries);
	draw_text(y, x[LC_ENTRIES], w[LC_ENTRIES], buf, base, true);
	snprintf(buf, sizeof(buf), "%" PRIu64, st->iterations);
	draw_text(y, x[LC_ITERS], w[LC_ITERS], buf, base, true);
	snprintf(buf, sizeof(buf), "%.1f", st->avg_trip);
	draw_text(y, x[LC_AVG], w[LC_AVG], buf, base, true);
}

static void lp_draw_row(struct view *v, int y, uint32_t row, const int *x, const int *w)
{
	struct lp_view *l = v->priv;
	const struct session *s = &v->tui->s;
	const struct loop_stat *st = &s->lp.v[l->rows[row]];
	const struct pf_loop *pl = &s->merged->loops.v[st->site];
	bool sel = row == v->sel;
	enum role base = sel ? ROLE_SELECTED : ROLE_NORMAL;
	char buf[16];

	move(y, 0);
	attron(draw_attr(base));
	clrtoeol();
	attroff(draw_attr(base));
	lp_draw_counts(y, st, base, x, w);
	draw_text(y, x[LC_HINT], w[LC_HINT], loop_hint_name(st->hint),
		  sel ? base : lp_hint_role(st->hint), false);
	draw_text(y, x[LC_FUNC], w[LC_FUNC], l->names[row], base, false);
	draw_text(y, x[LC_NAME], w[LC_NAME], profile_str(s->merged, pl->name), base, false);
	snprintf(buf, sizeof(buf), "%" PRIu32, pl->line);
	draw_text(y, x[LC_LINE], w[LC_LINE], buf, base, false);
}

/* Legacy mode: a list of names under one header. */
static void lp_draw_legacy(struct view *v, int y0, int h)
{
	int i;

	if (!v->tui->s.merged->legacy_hot.n) {
		draw_text(y0, 1, v->tui->cols - 2, "the profile has no loop sites", ROLE_DIM,
			  false);
		return;
	}
	draw_text(y0, 0, v->tui->cols, lp_legacy_column.title, ROLE_HEADER, false);
	if (!v->nrows)
		draw_text(y0 + 1, 1, v->tui->cols - 2, "no loop matches (F clears the filter)",
			  ROLE_DIM, false);
	for (i = 0; i < h - 1 && v->top + (uint32_t)i < v->nrows; i++) {
		uint32_t row = v->top + (uint32_t)i;

		draw_text(y0 + 1 + i, 0, v->tui->cols, lp_row_name(v, row),
			  row == v->sel ? ROLE_SELECTED : ROLE_NORMAL, false);
	}
}

static void lp_draw(struct view *v, int y0, int h)
{
	struct lp_view *l = v->priv;
	int x[LC_COUNT], w[LC_COUNT], i;

	table_scroll(v, h - 1);
	if (l->legacy) {
		lp_draw_legacy(v, y0, h);
		return;
	}
	columns_layout(lp_columns, LC_COUNT, v->tui->cols, x, w);
	draw_header(y0, lp_columns, LC_COUNT, x, w, (int)lp_sorts[l->sort].col, !l->ascending);
	if (v->nrows == 0) {
		draw_text(y0 + 1, 1, v->tui->cols - 2, "no loop site matches (F clears the filter)",
			  ROLE_DIM, false);
		return;
	}
	for (i = 0; i < h - 1 && v->top + (uint32_t)i < v->nrows; i++)
		lp_draw_row(v, y0 + 1 + i, v->top + (uint32_t)i, x, w);
}

/* Enter: the site's function, or the function a hot loop name names. */
static void lp_open(struct view *v)
{
	struct lp_view *l = v->priv;
	const struct session *s = &v->tui->s;
	uint32_t func;

	if (!v->nrows)
		return;
	if (!l->legacy) {
		view_function_open(v->tui, s->merged->loops.v[s->lp.v[l->rows[v->sel]].site].func);
		return;
	}
	func = profile_find_function(s->merged, lp_row_name(v, v->sel));
	if (func != PF_NONE)
		view_function_open(v->tui, func);
	else
		tui_message(v->tui, true, "no function named \"%s\" in the profile",
			    lp_row_name(v, v->sel));
}

static bool lp_key(struct view *v, enum action a)
{
	struct lp_view *l = v->priv;

	switch (a) {
	case ACT_ENTER:
		lp_open(v);
		return true;
	case ACT_SORT:
	case ACT_SORT_REVERSE:
		if (l->legacy) {
			tui_message(v->tui, false, "hot loop names only: nothing to sort by");
			return true;
		}
		l->sort = a == ACT_SORT ? (l->sort + 1) % LP_NSORTS : l->sort;
		l->ascending = a == ACT_SORT ? lp_sorts[l->sort].ascending : !l->ascending;
		break;
	case ACT_FILTER:
		if (!table_prompt_filter(v, l->legacy ? "filter loops: " : "filter functions: "))
			return true;
		break;
	case ACT_FILTER_CLEAR:
		v->filter[0] = '\0';
		break;
	default:
		return table_list_key(v, a);
	}
	lp_build(v, true);
	return true;
}

static void lp_free(struct view *v)
{
	struct lp_view *l = v->priv;

	free(l->rows);
	free(l->names);
	free(l);
}

static const struct view_ops lp_ops = {
    .title = "Loops",
    .kind = VIEW_LOOPS,
    .rebuild = lp_rebuild,
    .draw = lp_draw,
    .key = lp_key,
    .row_name = lp_row_name,
    .status = lp_status,
    .free = lp_free,
};

struct view *view_loops_new(struct tui *t)
{
	return view_new(t, &lp_ops, xcalloc(1, sizeof(struct lp_view)));
}

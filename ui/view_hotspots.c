/* view_hotspots.c - the first view: where the time goes, one row per function. */
#define _GNU_SOURCE /* qsort_r */
#include "ui/ui.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/text.h"
#include "src/model/profile.h"

enum hot_col { HC_MARK, HC_SELF_PCT, HC_SELF, HC_TOTAL_PCT, HC_TOTAL, HC_CALLS, HC_AVG, HC_CLASS,
	       HC_NAME, HC_LOCATION, HC_COUNT };

static const struct column hot_columns[HC_COUNT] = {
	[HC_MARK] = {"", 1, false, 0},          [HC_SELF_PCT] = {"Self%", 7, true, 0},
	[HC_SELF] = {"Self", 9, true, 2},       [HC_TOTAL_PCT] = {"Total%", 7, true, 4},
	[HC_TOTAL] = {"Total", 9, true, 3},     [HC_CALLS] = {"Calls", 11, true, 5},
	[HC_AVG] = {"Avg/call", 9, true, 6},    [HC_CLASS] = {"Class", 5, false, 1},
	[HC_NAME] = {"Function", 0, false, 0},  [HC_LOCATION] = {"Location", 24, false, 7},
};

/* Sort keys in the order `s` cycles through them, with their column. */
static const struct {
	enum hotspots_key key;
	enum hot_col col;
	const char *name;
} sorts[] = {
	{HOTSPOTS_BY_SELF, HC_SELF_PCT, "self"}, {HOTSPOTS_BY_TIME, HC_TOTAL_PCT, "total"},
	{HOTSPOTS_BY_CALLS, HC_CALLS, "calls"},  {HOTSPOTS_BY_AVG, HC_AVG, "avg/call"},
	{HOTSPOTS_BY_NAME, HC_NAME, "name"},
};

struct hot_view {
	struct hotspot *rows; /* the shown rows, sorted */
	unsigned sort;        /* index in sorts[] */
	bool ascending;
	double threshold; /* percent of self time; rows below are hidden */
	char status[80];
};

static void hot_refresh(struct view *v)
{
	struct hot_view *h = v->priv;
	struct session *s = &v->tui->s;
	uint32_t i, n = 0;

	free(h->rows);
	h->rows = xcalloc(s->hot.n ? s->hot.n : 1, sizeof(*h->rows));
	for (i = 0; i < s->hot.n; i++) {
		const struct hotspot *e = &s->hot.v[i];
		const char *name = profile_str(s->merged, s->merged->funcs.v[e->func].name);

		if (100 * e->self_share < h->threshold || !list_filter_match(v, name))
			continue;
		h->rows[n++] = *e;
	}
	hotspots_sort(h->rows, n, sorts[h->sort].key, !h->ascending);
	v->nrows = n;
	if (v->sel >= n)
		v->sel = n ? n - 1 : 0;
}

static const char *hot_row_name(struct view *v, uint32_t row)
{
	struct hot_view *h = v->priv;
	const struct profile *p = v->tui->s.merged;

	return row < v->nrows ? profile_str(p, p->funcs.v[h->rows[row].func].name) : NULL;
}

static const char *hot_status(struct view *v)
{
	struct hot_view *h = v->priv;
	int n = snprintf(h->status, sizeof(h->status), "sort: %s %s", sorts[h->sort].name,
			 h->ascending ? "ascending" : "descending");

	if (h->threshold > 0 && n > 0 && (size_t)n < sizeof(h->status))
		snprintf(h->status + n, sizeof(h->status) - (size_t)n, "  threshold: %g%%",
			 h->threshold);
	return h->status;
}

static enum role class_role(enum hot_class c)
{
	return c == HOT_CLASS_HOT ? ROLE_HOT : c == HOT_CLASS_WARM ? ROLE_WARM : ROLE_COLD;
}

static void hot_draw_row(struct view *v, int y, uint32_t row, const int *x, const int *w)
{
	struct hot_view *h = v->priv;
	const struct hotspot *e = &h->rows[row];
	const struct profile *p = v->tui->s.merged;
	const struct pf_function *f = &p->funcs.v[e->func];
	bool sel = row == v->sel;
	enum role base = sel ? ROLE_SELECTED : ROLE_NORMAL;
	char buf[64];

	draw_fill(y, base);
	draw_text(y, x[HC_MARK], w[HC_MARK], v->tui->s.marked[e->func] ? "*" : " ",
		  sel ? base : ROLE_MARKED, false);
	snprintf(buf, sizeof(buf), "%.1f%%", 100 * e->self_share);
	draw_text(y, x[HC_SELF_PCT], w[HC_SELF_PCT], buf, base, true);
	draw_text(y, x[HC_SELF], w[HC_SELF], text_duration(buf, e->self_ns), base, true);
	snprintf(buf, sizeof(buf), "%.1f%%", 100 * e->time_share);
	draw_text(y, x[HC_TOTAL_PCT], w[HC_TOTAL_PCT], buf, base, true);
	draw_text(y, x[HC_TOTAL], w[HC_TOTAL], text_duration(buf, e->time_ns), base, true);
	snprintf(buf, sizeof(buf), "%" PRIu64, e->calls);
	draw_text(y, x[HC_CALLS], w[HC_CALLS], buf, base, true);
	draw_text(y, x[HC_AVG], w[HC_AVG], text_duration(buf, (uint64_t)(e->avg_ns + 0.5)), base,
		  true);
	draw_text(y, x[HC_CLASS], w[HC_CLASS], hotspots_class_name(e->cls),
		  sel ? base : class_role(e->cls), false);
	draw_text(y, x[HC_NAME], w[HC_NAME], profile_str(p, f->name), base, false);
	if (w[HC_LOCATION] && f->file != PF_NONE) {
		struct strbuf sb = STRBUF_INIT;

		sb_adds(&sb, profile_str(p, f->file));
		if (f->flags & PF_HAS_LINE)
			sb_addf(&sb, ":%" PRIu32, f->line);
		draw_text(y, x[HC_LOCATION], w[HC_LOCATION], sb_str(&sb), sel ? base : ROLE_DIM,
			  false);
		sb_free(&sb);
	}
}

static void hot_draw(struct view *v, int y0, int h)
{
	struct hot_view *hv = v->priv;
	int x[HC_COUNT], w[HC_COUNT], i;

	draw_layout(hot_columns, HC_COUNT, v->tui->cols, x, w);
	draw_header(y0, hot_columns, HC_COUNT, x, w, (int)sorts[hv->sort].col, !hv->ascending);
	list_scroll(v, h - 1);
	if (v->nrows == 0) {
		draw_text(y0 + 1, 1, v->tui->cols - 2,
			  v->filter[0] || hv->threshold > 0 ? "no function matches (F clears the filter)"
							      : "the profile has no functions",
			  ROLE_DIM, false);
		return;
	}
	for (i = 0; i < h - 1 && v->top + (uint32_t)i < v->nrows; i++)
		hot_draw_row(v, y0 + 1 + i, v->top + (uint32_t)i, x, w);
}

static void hot_mark_all(struct view *v)
{
	struct hot_view *h = v->priv;
	struct session *s = &v->tui->s;
	uint32_t i, unmarked = 0;

	for (i = 0; i < v->nrows; i++)
		unmarked += !s->marked[h->rows[i].func];
	for (i = 0; i < v->nrows; i++)
		session_set_mark(s, h->rows[i].func, unmarked > 0);
	tui_message(v->tui, false, "%s %u functions", unmarked ? "marked" : "unmarked", v->nrows);
}

static bool hot_key(struct view *v, enum action a, int key)
{
	struct hot_view *h = v->priv;
	char buf[sizeof(v->filter)];

	(void)key;
	switch (a) {
	case ACT_ENTER:
		if (v->nrows)
			view_function_open(v->tui, h->rows[v->sel].func);
		return true;
	case ACT_SORT:
		h->sort = (h->sort + 1) % (sizeof(sorts) / sizeof(sorts[0]));
		h->ascending = sorts[h->sort].key == HOTSPOTS_BY_NAME;
		break;
	case ACT_SORT_REVERSE:
		h->ascending = !h->ascending;
		break;
	case ACT_FILTER:
		if (!list_prompt_filter(v, "filter: "))
			return true;
		break;
	case ACT_FILTER_CLEAR:
		v->filter[0] = '\0';
		h->threshold = 0;
		break;
	case ACT_THRESHOLD:
		snprintf(buf, sizeof(buf), "%g", h->threshold);
		if (!tui_prompt(v->tui, "hide functions under this self-time %: ", buf, sizeof(buf),
				NULL))
			return true;
		if (!(sscanf(buf, "%lf", &h->threshold) == 1 && h->threshold >= 0 &&
		      h->threshold <= 100)) {
			h->threshold = 0;
			tui_message(v->tui, true, "a threshold is a percentage from 0 to 100");
		}
		break;
	case ACT_MARK:
		if (v->nrows) {
			session_set_mark(&v->tui->s, h->rows[v->sel].func,
					 !v->tui->s.marked[h->rows[v->sel].func]);
			list_move(v, ACT_DOWN);
		}
		return true;
	case ACT_MARK_ALL:
		hot_mark_all(v);
		return true;
	default:
		return list_key(v, a);
	}
	hot_refresh(v);
	return true;
}

static void hot_free(struct view *v)
{
	struct hot_view *h = v->priv;

	free(h->rows);
	free(h);
}

static const struct view_ops hot_ops = {
	.title = "Hotspots",
	.kind = VIEW_HOTSPOTS,
	.rebuild = hot_refresh,
	.draw = hot_draw,
	.key = hot_key,
	.row_name = hot_row_name,
	.status = hot_status,
	.free = hot_free,
};

struct view *view_hotspots_new(struct tui *t)
{
	return view_new(t, &hot_ops, xcalloc(1, sizeof(struct hot_view)));
}

/* view_hotspots.c - the first view: where the time goes, one row per function. */
#include "ui/view.h"

#include <stdio.h>

#include "analysis/hotspots.h"
#include "src/base/alloc.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/table.h"
#include "ui/viewstack.h"

/* Sort keys in the order `s` cycles through them. */
static const struct table_sort hot_sorts[] = {
    {HOTSPOTS_BY_SELF, HC_SELF_PCT, "self", false},
    {HOTSPOTS_BY_TIME, HC_TOTAL_PCT, "total", false},
    {HOTSPOTS_BY_CALLS, HC_CALLS, "calls", false},
    {HOTSPOTS_BY_AVG, HC_AVG, "avg/call", false},
    {HOTSPOTS_BY_NAME, HC_NAME, "name", true},
};

struct hot_view {
	double threshold; /* percent of self time; rows below are hidden */
	char status[40];
};

/* Items are entries of the session's hotspots (session_hotspots()). */
static uint32_t hot_build(struct view *v)
{
	return session_hotspots(&v->tui->s)->n;
}

static const struct hotspot *hot_at(struct view *v, uint32_t item)
{
	return &session_hotspots(&v->tui->s)->v[item];
}

static bool hot_keep(struct view *v, uint32_t item)
{
	const struct hot_view *h = table_priv(v);

	return !(100 * hot_at(v, item)->self_share < h->threshold);
}

static uint64_t hot_rank(struct view *v, uint32_t item, unsigned key)
{
	return hotspots_rank(hot_at(v, item), (enum hotspots_key)key);
}

static void hot_cell(struct view *v, uint32_t item, int col, struct cell *out)
{
	const struct session *s = &v->tui->s;
	const struct hotspot *e = hot_at(v, item);

	if (col == HC_MARK) {
		out->text = s->marked[e->func] ? "*" : " ";
		out->role = ROLE_MARKED;
		return;
	}
	columns_hotspot_cell(s->merged, e, (enum hot_col)col, out);
}

static const char *hot_file(struct view *v, uint32_t item)
{
	return table_func_file(v, hot_at(v, item)->func);
}

static void hot_enter(struct view *v, uint32_t item)
{
	view_function_open(v->tui, hot_at(v, item)->func);
}

static const char *hot_status(struct view *v)
{
	struct hot_view *h = table_priv(v);

	if (!(h->threshold > 0))
		return NULL;
	snprintf(h->status, sizeof(h->status), "threshold: %g%%", h->threshold);
	return h->status;
}

/* M: mark every row shown, or unmark them all when all are marked. */
static void hot_mark_all(struct view *v)
{
	struct session *s = &v->tui->s;
	uint32_t i, unmarked = 0;

	for (i = 0; i < v->nrows; i++)
		unmarked += !s->marked[hot_at(v, table_item(v, i))->func];
	for (i = 0; i < v->nrows; i++)
		session_set_mark(s, hot_at(v, table_item(v, i))->func, unmarked > 0);
	tui_message(v->tui, false, "%s %u %s", unmarked ? "marked" : "unmarked", v->nrows,
		    text_plural(v->nrows, "function", "functions"));
}

/* L: ask for the threshold. */
static void hot_ask_threshold(struct view *v)
{
	struct hot_view *h = table_priv(v);
	char buf[sizeof(v->filter)];

	snprintf(buf, sizeof(buf), "%g", h->threshold);
	if (!tui_prompt(v->tui, "hide functions under this self-time %: ", buf, sizeof(buf), NULL))
		return;
	if (!(sscanf(buf, "%lf", &h->threshold) == 1 && h->threshold >= 0 && h->threshold <= 100)) {
		h->threshold = 0;
		tui_message(v->tui, true, "a threshold is a percentage from 0 to 100");
	}
	table_refresh(v, false);
}

/* a and t: the selected function's annotated source, its place in the
 * call tree. */
static void hot_open(struct view *v, enum action a)
{
	struct tui *t = v->tui;
	uint32_t func;
	struct view *sub;

	if (!v->nrows)
		return;
	func = hot_at(v, table_item(v, v->sel))->func;
	sub = a == ACT_ANNOTATE ? view_source_new(t, func, 0) : view_tree_new(t, func);
	if (sub)
		tui_push(t, sub);
}

static bool hot_key(struct view *v, enum action a)
{
	struct hot_view *h = table_priv(v);

	switch (a) {
	case ACT_ANNOTATE:
	case ACT_TREE:
		hot_open(v, a);
		return true;
	case ACT_FILTER_CLEAR:
		h->threshold = 0;
		return false; /* and the widget clears the filter */
	case ACT_THRESHOLD:
		hot_ask_threshold(v);
		return true;
	case ACT_MARK:
		if (v->nrows) {
			uint32_t func = hot_at(v, table_item(v, v->sel))->func;

			session_set_mark(&v->tui->s, func, !v->tui->s.marked[func]);
			table_move(v, ACT_DOWN);
		}
		return true;
	case ACT_MARK_ALL:
		hot_mark_all(v);
		return true;
	default:
		return false;
	}
}

static const struct table_spec hot_spec = {
    TABLE_VIEW("Hotspots", VIEW_HOTSPOTS, hot_columns, HC_NAME, hot_build, hot_cell),
    .fit = 1u << HC_NAME | 1u << HC_LOCATION,
    TABLE_RANKED_SORTS(hot_sorts, HOTSPOTS_BY_NAME, hot_rank),
    .keep = hot_keep,
    .file = hot_file,
    .enter = hot_enter,
    .key = hot_key,
    .status = hot_status,
    .empty = "the profile has no functions",
    .no_match = "no function matches (F clears the filter)",
};

struct view *view_hotspots_new(struct tui *t)
{
	return table_view_new(t, &hot_spec, xcalloc(1, sizeof(struct hot_view)));
}

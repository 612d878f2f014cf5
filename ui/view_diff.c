/* view_diff.c - two profiles side by side, base vs new: one row per
 * function with its shares and their change (analysis/diff.h), and a
 * sub-view with the changes of one function's callers and callees. */
#include "ui/view.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/diff.h"
#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/table.h"
#include "ui/viewstack.h"

static const char *const status_names[] = {
    [DIFF_CHANGED] = "changed", [DIFF_ADDED] = "added", [DIFF_REMOVED] = "removed"};

/* A change in percentage points as shown ("▲ +2.9", "▼ -6.6", "+0.0") and
 * its role: grew or shrank once it shows as non-zero. */
static enum role diff_delta_text(char *buf, size_t size, double delta_pp, enum role plain)
{
	bool utf8 = draw_utf8();

	if (fabs(delta_pp) < 0.05) {
		snprintf(buf, size, "%+.1f", 0.0);
		return plain;
	}
	snprintf(buf, size, "%s %+.1f",
		 delta_pp > 0 ? (utf8 ? "\u25b2" : "+") : (utf8 ? "\u25bc" : "-"), delta_pp);
	return delta_pp > 0 ? ROLE_GREW : ROLE_SHRANK;
}

/* The columns both tables end with: base time, new time, status (a
 * function only on one side stands out) and name; tail counts from 0. */
static void diff_tail_cell(int tail, uint64_t base_ns, uint64_t new_ns, enum diff_status status,
			   const char *name, struct cell *out)
{
	if (tail == 0) {
		out->text = text_duration(out->buf, base_ns);
	} else if (tail == 1) {
		out->text = text_duration(out->buf, new_ns);
	} else if (tail == 2) {
		out->text = status_names[status];
		out->role = status == DIFF_CHANGED ? ROLE_NORMAL : ROLE_MARKED;
	} else {
		out->text = name;
		out->cut = TEXT_CUT_MIDDLE;
	}
}

/* ---- the diff view ---- */

/* clang-format off */
#define DIFF_COLUMNS(_) \
	_(DC_BASE, "Base%", 7, true, 0) _(DC_NEW, "New%", 7, true, 0) \
	_(DC_DELTA, "\u0394pp", 8, true, 0) _(DC_RATIO, "Ratio", 8, true, 3) \
	_(DC_BASE_T, "Base", 9, true, 4) _(DC_NEW_T, "New", 9, true, 4) \
	_(DC_STATUS, "Status", 7, false, 2) _(DC_NAME, "Function", 0, false, 0)
/* clang-format on */
enum diff_col { DIFF_COLUMNS(COLUMN_ENUM) DC_COUNT };

static const struct column diff_columns[DC_COUNT] = {DIFF_COLUMNS(COLUMN_ROW)};

/* Sort keys in the order `s` cycles through them. */
static const struct table_sort diff_sorts[] = {
    {DIFF_SORT_DELTA, DC_DELTA, "|delta|", false},
    {DIFF_SORT_RATIO, DC_RATIO, "ratio", false},
    {DIFF_SORT_NAME, DC_NAME, "name", true},
};

struct diff_view {
	uint32_t base, new_index; /* the inputs the rows are from */
	/* each row's diff_row_ratio_rank, made at the first sort by ratio
	 * after a build (NULL until then), for the comparisons of the sort */
	uint64_t *ratio;
};

/* Items are the rows of s->diff, which the view does not reorder. */
static uint32_t diff_build(struct view *v)
{
	struct diff_view *dv = table_priv(v);
	struct session *s = &v->tui->s;

	free(dv->ratio);
	dv->ratio = NULL;
	if (!s->has_diff && s->n_inputs >= 2)
		session_set_diff(s, 0, 1); /* first shown: the first two files */
	if (!s->has_diff)
		return 0;
	if (dv->base != s->diff_base || dv->new_index != s->diff_new) {
		dv->base = s->diff_base;
		dv->new_index = s->diff_new;
		v->sel = v->top = 0;
	}
	return s->diff.n_funcs;
}

/* Ascending: the reverse of the key's own order, but for names. The
 * session's diff is in |delta| order (session.h), so for that key items
 * compare by position, which is what the rows would say. */
static int diff_compare(struct view *v, uint32_t a, uint32_t b, unsigned key)
{
	struct diff_view *dv = table_priv(v);
	const struct diff *d = &v->tui->s.diff;
	uint32_t i;
	int r;

	if (key == DIFF_SORT_RATIO && !dv->ratio) {
		dv->ratio = xmalloc(((size_t)d->n_funcs + 1) * sizeof(*dv->ratio));
		for (i = 0; i < d->n_funcs; i++)
			dv->ratio[i] = diff_row_ratio_rank(d, i);
	}
	if (key == DIFF_SORT_DELTA)
		r = cmp_u64(a, b);
	else if (key == DIFF_SORT_RATIO && dv->ratio[a] != dv->ratio[b])
		r = cmp_u64(dv->ratio[a], dv->ratio[b]);
	else
		r = diff_compare_rows(d, a, b, DIFF_SORT_NAME);
	return key == DIFF_SORT_NAME ? r : -r;
}

static void diff_cell(struct view *v, uint32_t item, int col, struct cell *out)
{
	struct diff_function fn, *f = &fn;

	if (col == DC_NAME) { /* alone: for the widths, filters and searches of all rows */
		diff_tail_cell(DC_NAME - DC_BASE_T, 0, 0, DIFF_CHANGED,
			       v->tui->s.diff.rows[item].name, out);
		return;
	}
	diff_function_get(&v->tui->s.diff, item, f);
	switch ((enum diff_col)col) {
	case DC_BASE:
		columns_cell_printf(out, "%.1f%%", 100 * f->base_share);
		break;
	case DC_NEW:
		columns_cell_printf(out, "%.1f%%", 100 * f->new_share);
		break;
	case DC_DELTA:
		out->role =
		    diff_delta_text(out->buf, sizeof(out->buf), 100 * f->delta_share, ROLE_NORMAL);
		out->text = out->buf;
		break;
	case DC_RATIO:
		if (f->has_ratio)
			columns_cell_printf(out, "%.2fx", f->ratio);
		else
			out->text = "-";
		break;
	default:
		diff_tail_cell(col - DC_BASE_T, f->base_self, f->new_self, f->status, f->name, out);
		break;
	}
}

static struct view *diff_func_new(struct tui *t, const char *name);

static void diff_enter(struct view *v, uint32_t item)
{
	struct diff_function f;

	diff_function_get(&v->tui->s.diff, item, &f);
	tui_push(v->tui, diff_func_new(v->tui, f.name));
}

static bool diff_key(struct view *v, enum action a)
{
	struct session *s = &v->tui->s;

	if (!s->has_diff) /* nothing to sort, filter or swap */
		return a == ACT_SORT || a == ACT_SORT_REVERSE || a == ACT_FILTER ||
		       a == ACT_FILTER_CLEAR || a == ACT_SWAP;
	if (a != ACT_SWAP)
		return false;
	session_set_diff(s, s->diff_new, s->diff_base);
	tui_message(v->tui, false, "base is now %s", s->inputs[s->diff_base].path);
	return true;
}

static void diff_titles(struct view *v, struct column *c)
{
	(void)v;
	if (!draw_utf8())
		c[DC_DELTA].title = "+/-pp";
}

/* One header line: "base  PATH  20.0 ms, 7 functions". */
static void diff_draw_side(struct view *v, int y, const char *label, uint32_t input, uint64_t total,
			   const struct profile *p)
{
	struct strbuf sb = STRBUF_INIT;
	char t[16];

	sb_addf(&sb, "%s  %s  %s, %" PRIu32 " %s", label, v->tui->s.inputs[input].path,
		text_duration(t, total), p->funcs.n,
		text_plural(p->funcs.n, "function", "functions"));
	draw_text(y, 0, v->tui->cols, sb_str(&sb), ROLE_NORMAL, false);
	sb_free(&sb);
}

/* The header: both files and the overlap, in 3 lines or, when the screen
 * is short, in 1. Returns the lines used. */
static int diff_above(struct view *v, int y0, int h)
{
	const struct session *s = &v->tui->s;
	struct strbuf sb = STRBUF_INIT;

	if (h >= 10) {
		diff_draw_side(v, y0, "base", s->diff_base, s->diff.base_total, s->diff.base);
		diff_draw_side(v, y0 + 1, "new ", s->diff_new, s->diff.new_total,
			       s->diff.new_profile);
		sb_addf(&sb,
			"overlap %.3f (1 = the same distribution)  %" PRIu32 " added, %" PRIu32
			" removed",
			s->diff.overlap, s->diff.n_added, s->diff.n_removed);
		draw_text(y0 + 2, 0, v->tui->cols, sb_str(&sb), ROLE_NORMAL, false);
		sb_free(&sb);
		return 3;
	}
	sb_addf(&sb, "overlap %.3f  %s -> %s", s->diff.overlap, s->inputs[s->diff_base].path,
		s->inputs[s->diff_new].path);
	draw_text(y0, 0, v->tui->cols, sb_str(&sb), ROLE_NORMAL, false);
	sb_free(&sb);
	return 1;
}

static bool diff_nothing(struct view *v, int y0, int h)
{
	static const char *const lines[] = {
	    "no diff: this needs two profiles.",
	    "",
	    "  vitte-pgo-tui --diff BASE NEW",
	    "or in the Profiles view (5): o adds a file; d on the base, then d on the new one.",
	};
	int i;

	if (v->tui->s.has_diff)
		return false;
	for (i = 0; i < 4 && i < h - 1; i++)
		draw_text(y0 + 1 + i, 1, v->tui->cols - 2, lines[i], ROLE_DIM, false);
	return true;
}

static void diff_free_priv(void *priv)
{
	struct diff_view *dv = priv;

	free(dv->ratio);
	free(dv);
}

static const struct table_spec diff_spec = {
    TABLE_VIEW("Diff", VIEW_DIFF, diff_columns, DC_NAME, diff_build, diff_cell),
    .fit = 1u << DC_NAME,
    TABLE_SORTS(diff_sorts, DIFF_SORT_NAME, diff_compare),
    .enter = diff_enter,
    .key = diff_key,
    .titles = diff_titles,
    .above = diff_above,
    .nothing = diff_nothing,
    .free_priv = diff_free_priv,
    .empty = "neither profile has functions",
    .no_match = "no function matches (F clears the filter)",
};

struct view *view_diff_new(struct tui *t)
{
	struct diff_view *dv = xcalloc(1, sizeof(*dv));

	dv->base = dv->new_index = PF_NONE;
	return table_view_new(t, &diff_spec, dv);
}

/* ---- one function's callers and callees, base vs new ---- */

/* clang-format off */
#define EDGE_COLUMNS(_) \
	_(EC_SIDE, "Side", 6, false, 0) _(EC_BASE, "Base calls", 10, true, 0) \
	_(EC_NEW, "New calls", 10, true, 0) _(EC_DELTA, "\u0394calls", 11, true, 1) \
	_(EC_BASE_T, "Base time", 9, true, 3) _(EC_NEW_T, "New time", 9, true, 3) \
	_(EC_STATUS, "Status", 7, false, 2) _(EC_NAME, "Caller / callee", 0, false, 0)
/* clang-format on */
enum edge_col { EDGE_COLUMNS(COLUMN_ENUM) EC_COUNT };
_Static_assert(DC_NAME == DC_BASE_T + 3 && EC_NAME == EC_BASE_T + 3,
	       "both tables end with the columns of diff_tail_cell()");

static const struct column edge_columns[EC_COUNT] = {EDGE_COLUMNS(COLUMN_ROW)};

struct diff_func_view {
	char *name; /* owned */
	struct diff_edge *edges;
	uint32_t n_edges, n_callers;
	struct strbuf head; /* the line above the table, made at rebuild */
};

/* "compute: self 59.6% -> 52.9% (▼ -6.6 pp, changed), 2 callers, 1 callee". */
static void dfunc_make_head(struct diff_func_view *fv, const struct diff *d)
{
	struct strbuf *sb = &fv->head;
	uint32_t i, n_callees = fv->n_edges - fv->n_callers;
	uint32_t b = profile_find_function(d->base, fv->name);
	uint32_t n = profile_find_function(d->new_profile, fv->name);
	struct diff_function f;
	char delta[32];

	sb_reset(sb);
	sb_addf(sb, "%s:", fv->name);
	for (i = 0; (b != PF_NONE || n != PF_NONE) && i < d->n_funcs; i++) {
		if (d->rows[i].base_id != b || d->rows[i].new_id != n)
			continue;
		diff_function_get(d, i, &f);
		diff_delta_text(delta, sizeof(delta), 100 * f.delta_share, ROLE_NORMAL);
		sb_addf(sb, " self %.1f%% -> %.1f%% (%s pp, %s),", 100 * f.base_share,
			100 * f.new_share, delta, status_names[f.status]);
		break;
	}
	sb_addf(sb, " %" PRIu32 " %s, %" PRIu32 " %s", fv->n_callers,
		text_plural(fv->n_callers, "caller", "callers"), n_callees,
		text_plural(n_callees, "callee", "callees"));
}

/* Items are the function's edges, callers first. */
static uint32_t dfunc_build(struct view *v)
{
	struct diff_func_view *fv = table_priv(v);
	const struct session *s = &v->tui->s;
	uint32_t i;

	free(fv->edges);
	fv->edges = NULL;
	fv->n_edges = fv->n_callers = 0;
	if (!s->has_diff)
		return 0;
	fv->n_edges = diff_function_edges(s->diff.base, s->diff.new_profile, fv->name, &fv->edges);
	for (i = 0; i < fv->n_edges; i++)
		fv->n_callers += fv->edges[i].side == DIFF_EDGE_CALLER;
	dfunc_make_head(fv, &s->diff);
	return fv->n_edges;
}

/* A signed difference of counters: "+300", "-2", "0", grown or shrunk. */
static void count_delta(struct cell *out, uint64_t base, uint64_t now)
{
	out->role = now > base ? ROLE_GREW : now < base ? ROLE_SHRANK : ROLE_NORMAL;
	if (now > base)
		columns_cell_printf(out, "+%" PRIu64, now - base);
	else if (now == base)
		out->text = "0";
	else
		columns_cell_printf(out, "-%" PRIu64, base - now);
}

static void dfunc_cell(struct view *v, uint32_t item, int col, struct cell *out)
{
	const struct diff_func_view *fv = table_priv(v);
	const struct diff_edge *e = &fv->edges[item];

	switch ((enum edge_col)col) {
	case EC_SIDE:
		out->text = e->side == DIFF_EDGE_CALLER ? "caller" : "callee";
		out->role = ROLE_DIM;
		break;
	case EC_BASE:
		columns_cell_printf(out, "%" PRIu64, e->base_count);
		break;
	case EC_NEW:
		columns_cell_printf(out, "%" PRIu64, e->new_count);
		break;
	case EC_DELTA:
		count_delta(out, e->base_count, e->new_count);
		break;
	default:
		diff_tail_cell(col - EC_BASE_T, e->base_time, e->new_time, e->status, e->other,
			       out);
		break;
	}
}

/* Enter: the other end's own callers and callees. */
static void dfunc_enter(struct view *v, uint32_t item)
{
	const struct diff_func_view *fv = table_priv(v);

	tui_push(v->tui, diff_func_new(v->tui, fv->edges[item].other));
}

/* Each side's counts are calls, or samples where its profile is sampled. */
static void dfunc_titles(struct view *v, struct column *c)
{
	const struct session *s = &v->tui->s;
	bool base = !s->has_diff || profile_counts_calls(s->diff.base);
	bool now = !s->has_diff || profile_counts_calls(s->diff.new_profile);

	if (!base)
		c[EC_BASE].title = "Base smpl";
	if (!now)
		c[EC_NEW].title = "New smpl";
	if (base != now)
		c[EC_DELTA].title = draw_utf8() ? "\u0394count" : "+/-count";
	else if (!base)
		c[EC_DELTA].title = draw_utf8() ? "\u0394smpl" : "+/-smpl";
	else if (!draw_utf8())
		c[EC_DELTA].title = "+/-calls";
}

static int dfunc_above(struct view *v, int y, int h)
{
	const struct diff_func_view *fv = table_priv(v);

	(void)h;
	draw_text(y, 0, v->tui->cols, sb_str(&fv->head), ROLE_NORMAL, false);
	return 1;
}

static void dfunc_free(void *priv)
{
	struct diff_func_view *fv = priv;

	free(fv->name);
	free(fv->edges);
	sb_free(&fv->head);
	free(fv);
}

static const struct table_spec diff_func_spec = {
    TABLE_VIEW("Call edges diff", VIEW_DIFF_FUNC, edge_columns, EC_NAME, dfunc_build, dfunc_cell),
    .fit = 1u << EC_NAME,
    .enter = dfunc_enter,
    .titles = dfunc_titles,
    .above = dfunc_above,
    .free_priv = dfunc_free,
    .empty = "no caller and no callee in either profile",
};

static struct view *diff_func_new(struct tui *t, const char *name)
{
	struct diff_func_view *fv = xcalloc(1, sizeof(*fv));

	fv->name = xstrdup(name);
	fv->head = (struct strbuf)STRBUF_INIT;
	return table_view_new(t, &diff_func_spec, fv);
}

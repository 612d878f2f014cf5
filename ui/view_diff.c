/* view_diff.c - two profiles side by side, base vs new: one row per
 * function with its shares and their change (analysis/diff.h), and a
 * sub-view with the changes of one function's callers and callees. */
#include "ui/ui.h"

#include <inttypes.h>
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/table.h"

static const char *const status_names[] = {
    [DIFF_CHANGED] = "changed", [DIFF_ADDED] = "added", [DIFF_REMOVED] = "removed"};

/* Whether arrows can be drawn as ▲ ▼ (else + -). */
static bool diff_utf8(void)
{
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

/* A change in percentage points as shown ("▲ +2.9", "▼ -6.6", "+0.0") and
 * its role: grew or shrank once it shows as non-zero. */
static enum role diff_delta_text(char *buf, size_t size, double delta_pp, enum role plain)
{
	bool utf8 = diff_utf8();

	if (fabs(delta_pp) < 0.05) {
		snprintf(buf, size, "%+.1f", 0.0);
		return plain;
	}
	snprintf(buf, size, "%s %+.1f",
		 delta_pp > 0 ? (utf8 ? "\u25b2" : "+") : (utf8 ? "\u25bc" : "-"), delta_pp);
	return delta_pp > 0 ? ROLE_GREW : ROLE_SHRANK;
}

/* ---- the diff view ---- */

enum diff_col {
	DC_BASE,
	DC_NEW,
	DC_DELTA,
	DC_RATIO,
	DC_BASE_T,
	DC_NEW_T,
	DC_STATUS,
	DC_NAME,
	DC_COUNT
};

static const struct column diff_columns[DC_COUNT] = {
    [DC_BASE] = {"Base%", 7, true, 0},	   [DC_NEW] = {"New%", 7, true, 0},
    [DC_DELTA] = {"\u0394pp", 8, true, 0}, [DC_RATIO] = {"Ratio", 8, true, 3},
    [DC_BASE_T] = {"Base", 9, true, 4},	   [DC_NEW_T] = {"New", 9, true, 4},
    [DC_STATUS] = {"Status", 7, false, 2}, [DC_NAME] = {"Function", 0, false, 0},
};

/* Sort keys in the order `s` cycles through them, with their column. */
static const struct {
	enum diff_sort key;
	enum diff_col col;
	const char *name;
} sorts[] = {
    {DIFF_SORT_DELTA, DC_DELTA, "|delta|"},
    {DIFF_SORT_RATIO, DC_RATIO, "ratio"},
    {DIFF_SORT_NAME, DC_NAME, "name"},
};

struct diff_view {
	uint32_t *rows;		  /* indexes in s->diff.funcs, in the order shown */
	unsigned sort;		  /* index in sorts[] */
	bool reversed;		  /* against the key's own order */
	uint32_t base, new_index; /* the inputs the rows are from */
	uint32_t n_added, n_removed;
	char status[64];
};

static void diff_refresh(struct view *v)
{
	struct diff_view *dv = v->priv;
	struct session *s = &v->tui->s;
	uint32_t i, n = 0;

	if (!s->has_diff && s->n_inputs >= 2)
		session_set_diff(s, 0, 1); /* first shown: the first two files */
	free(dv->rows);
	dv->rows = NULL;
	v->nrows = 0;
	if (!s->has_diff)
		return;
	if (dv->base != s->diff_base || dv->new_index != s->diff_new) {
		dv->base = s->diff_base;
		dv->new_index = s->diff_new;
		v->sel = v->top = 0;
	}
	diff_sort_functions(&s->diff, sorts[dv->sort].key);
	dv->rows = xcalloc(s->diff.n_funcs ? s->diff.n_funcs : 1, sizeof(*dv->rows));
	dv->n_added = dv->n_removed = 0;
	for (i = 0; i < s->diff.n_funcs; i++) {
		const struct diff_function *f = &s->diff.funcs[i];

		dv->n_added += f->status == DIFF_ADDED;
		dv->n_removed += f->status == DIFF_REMOVED;
		if (table_rows_match(f->name, v->filter))
			dv->rows[n++] = i;
	}
	for (i = 0; dv->reversed && i < n / 2; i++) {
		uint32_t t = dv->rows[i];

		dv->rows[i] = dv->rows[n - 1 - i];
		dv->rows[n - 1 - i] = t;
	}
	v->nrows = n;
	if (v->sel >= n)
		v->sel = n ? n - 1 : 0;
}

static const struct diff_function *diff_row(struct view *v, uint32_t row)
{
	struct diff_view *dv = v->priv;

	return row < v->nrows ? &v->tui->s.diff.funcs[dv->rows[row]] : NULL;
}

static const char *diff_row_name(struct view *v, uint32_t row)
{
	const struct diff_function *f = diff_row(v, row);

	return f ? f->name : NULL;
}

static const char *diff_status(struct view *v)
{
	struct diff_view *dv = v->priv;
	bool descending = (sorts[dv->sort].key != DIFF_SORT_NAME) != dv->reversed;

	if (!v->tui->s.has_diff)
		return NULL;
	snprintf(dv->status, sizeof(dv->status), "sort: %s %s", sorts[dv->sort].name,
		 descending ? "descending" : "ascending");
	return dv->status;
}

/* One header line: "base  PATH  20.0 ms, 7 functions". */
static void diff_draw_side(struct view *v, int y, const char *label, uint32_t input, uint64_t total,
			   const struct profile *p)
{
	struct strbuf sb = STRBUF_INIT;
	char t[16];

	sb_addf(&sb, "%s  %s  %s, %" PRIu32 " functions", label, v->tui->s.inputs[input].path,
		text_duration(t, total), p->funcs.n);
	draw_text(y, 0, v->tui->cols, sb_str(&sb), ROLE_NORMAL, false);
	sb_free(&sb);
}

/* The header: both files and the overlap, in 3 lines or, when the screen
 * is short, in 1. Returns the lines used. */
static int diff_draw_head(struct view *v, int y0, int h)
{
	struct diff_view *dv = v->priv;
	const struct session *s = &v->tui->s;
	struct strbuf sb = STRBUF_INIT;

	if (h >= 10) {
		diff_draw_side(v, y0, "base", s->diff_base, s->diff.base_total, s->diff.base);
		diff_draw_side(v, y0 + 1, "new ", s->diff_new, s->diff.new_total,
			       s->diff.new_profile);
		sb_addf(&sb,
			"overlap %.3f (1 = the same distribution)  %" PRIu32 " added, %" PRIu32
			" removed",
			s->diff.overlap, dv->n_added, dv->n_removed);
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

static void diff_draw_row(struct view *v, int y, uint32_t row, const int *x, const int *w)
{
	const struct diff_function *f = diff_row(v, row);
	bool sel = row == v->sel;
	enum role base = sel ? ROLE_SELECTED : ROLE_NORMAL, role;
	char buf[64];

	draw_fill(y, base);
	snprintf(buf, sizeof(buf), "%.1f%%", 100 * f->base_share);
	draw_text(y, x[DC_BASE], w[DC_BASE], buf, base, true);
	snprintf(buf, sizeof(buf), "%.1f%%", 100 * f->new_share);
	draw_text(y, x[DC_NEW], w[DC_NEW], buf, base, true);
	role = diff_delta_text(buf, sizeof(buf), 100 * f->delta_share, base);
	draw_text(y, x[DC_DELTA], w[DC_DELTA], buf, sel ? base : role, true);
	if (f->has_ratio)
		snprintf(buf, sizeof(buf), "%.2fx", f->ratio);
	else
		snprintf(buf, sizeof(buf), "-");
	draw_text(y, x[DC_RATIO], w[DC_RATIO], buf, base, true);
	draw_text(y, x[DC_BASE_T], w[DC_BASE_T], text_duration(buf, f->base_self), base, true);
	draw_text(y, x[DC_NEW_T], w[DC_NEW_T], text_duration(buf, f->new_self), base, true);
	draw_text(y, x[DC_STATUS], w[DC_STATUS], status_names[f->status],
		  sel || f->status == DIFF_CHANGED ? base : ROLE_MARKED, false);
	draw_text(y, x[DC_NAME], w[DC_NAME], f->name, base, false);
}

static void diff_draw_empty(struct view *v, int y0, int h)
{
	static const char *const lines[] = {
	    "no diff: this needs two profiles.",
	    "",
	    "  vitte-pgo-tui --diff BASE NEW",
	    "or, in the Profiles view (5), add a file with o, mark two with m and press d.",
	};
	int i;

	for (i = 0; i < 4 && i < h - 1; i++)
		draw_text(y0 + 1 + i, 1, v->tui->cols - 2, lines[i], ROLE_DIM, false);
}

static void diff_draw(struct view *v, int y0, int h)
{
	struct diff_view *dv = v->priv;
	struct column c[DC_COUNT];
	int x[DC_COUNT], w[DC_COUNT], i, head;
	bool descending = (sorts[dv->sort].key != DIFF_SORT_NAME) != dv->reversed;

	if (!v->tui->s.has_diff) {
		diff_draw_empty(v, y0, h);
		return;
	}
	head = diff_draw_head(v, y0, h);
	memcpy(c, diff_columns, sizeof(c));
	if (!diff_utf8())
		c[DC_DELTA].title = "+/-pp";
	columns_layout(c, DC_COUNT, v->tui->cols, x, w);
	draw_header(y0 + head, c, DC_COUNT, x, w, (int)sorts[dv->sort].col, descending);
	table_scroll(v, h - head - 1);
	if (v->nrows == 0) {
		draw_text(y0 + head + 1, 1, v->tui->cols - 2,
			  v->filter[0] ? "no function matches (F clears the filter)"
				       : "neither profile has functions",
			  ROLE_DIM, false);
		return;
	}
	for (i = 0; i < h - head - 1 && v->top + (uint32_t)i < v->nrows; i++)
		diff_draw_row(v, y0 + head + 1 + i, v->top + (uint32_t)i, x, w);
}

static struct view *diff_func_new(struct tui *t, const char *name);

static bool diff_key(struct view *v, enum action a)
{
	struct diff_view *dv = v->priv;
	struct session *s = &v->tui->s;

	if (!s->has_diff)
		return false;
	switch (a) {
	case ACT_ENTER:
		if (v->nrows)
			tui_push(v->tui, diff_func_new(v->tui, diff_row(v, v->sel)->name));
		return true;
	case ACT_SWAP:
		session_set_diff(s, s->diff_new, s->diff_base);
		tui_message(v->tui, false, "base is now %s", s->inputs[s->diff_base].path);
		return true;
	case ACT_SORT:
		dv->sort = (dv->sort + 1) % (sizeof(sorts) / sizeof(sorts[0]));
		dv->reversed = false;
		break;
	case ACT_SORT_REVERSE:
		dv->reversed = !dv->reversed;
		break;
	case ACT_FILTER:
		if (!table_prompt_filter(v, "filter: "))
			return true;
		break;
	case ACT_FILTER_CLEAR:
		v->filter[0] = '\0';
		break;
	default:
		return table_list_key(v, a);
	}
	diff_refresh(v);
	return true;
}

static void diff_free_view(struct view *v)
{
	struct diff_view *dv = v->priv;

	free(dv->rows);
	free(dv);
}

static const struct view_ops diff_ops = {
    .title = "Diff",
    .kind = VIEW_DIFF,
    .rebuild = diff_refresh,
    .draw = diff_draw,
    .key = diff_key,
    .row_name = diff_row_name,
    .status = diff_status,
    .free = diff_free_view,
};

struct view *view_diff_new(struct tui *t)
{
	struct diff_view *dv = xcalloc(1, sizeof(*dv));

	dv->base = dv->new_index = PF_NONE;
	return view_new(t, &diff_ops, dv);
}

/* ---- one function's callers and callees, base vs new ---- */

enum edge_col {
	EC_SIDE,
	EC_BASE,
	EC_NEW,
	EC_DELTA,
	EC_BASE_T,
	EC_NEW_T,
	EC_STATUS,
	EC_NAME,
	EC_COUNT
};

static const struct column edge_columns[EC_COUNT] = {
    [EC_SIDE] = {"Side", 6, false, 0},	     [EC_BASE] = {"Base calls", 10, true, 0},
    [EC_NEW] = {"New calls", 10, true, 0},   [EC_DELTA] = {"\u0394calls", 11, true, 1},
    [EC_BASE_T] = {"Base time", 9, true, 3}, [EC_NEW_T] = {"New time", 9, true, 3},
    [EC_STATUS] = {"Status", 7, false, 2},   [EC_NAME] = {"Caller / callee", 0, false, 0},
};

struct diff_func_view {
	char *name; /* owned */
	struct diff_edge *edges;
	uint32_t n_callers;
	struct strbuf head; /* the line above the table, made at rebuild */
};

static void dfunc_make_head(struct view *v);

static void dfunc_refresh(struct view *v)
{
	struct diff_func_view *fv = v->priv;
	const struct session *s = &v->tui->s;
	uint32_t i;

	free(fv->edges);
	fv->edges = NULL;
	v->nrows = 0;
	fv->n_callers = 0;
	if (!s->has_diff)
		return;
	v->nrows = diff_function_edges(s->diff.base, s->diff.new_profile, fv->name, &fv->edges);
	for (i = 0; i < v->nrows; i++)
		fv->n_callers += fv->edges[i].side == DIFF_EDGE_CALLER;
	if (v->sel >= v->nrows)
		v->sel = v->nrows ? v->nrows - 1 : 0;
	dfunc_make_head(v);
}

static const char *dfunc_row_name(struct view *v, uint32_t row)
{
	struct diff_func_view *fv = v->priv;

	return row < v->nrows ? fv->edges[row].other : NULL;
}

/* "compute: self 59.6% -> 52.9% (▼ -6.6 pp, changed), 2 callers, 1 callee". */
static void dfunc_make_head(struct view *v)
{
	struct diff_func_view *fv = v->priv;
	const struct diff *d = &v->tui->s.diff;
	struct strbuf *sb = &fv->head;
	char delta[32];
	uint32_t i;

	sb_reset(sb);
	sb_addf(sb, "%s:", fv->name);
	for (i = 0; i < d->n_funcs; i++) {
		const struct diff_function *f = &d->funcs[i];

		if (strcmp(f->name, fv->name) != 0)
			continue;
		diff_delta_text(delta, sizeof(delta), 100 * f->delta_share, ROLE_NORMAL);
		sb_addf(sb, " self %.1f%% -> %.1f%% (%s pp, %s),", 100 * f->base_share,
			100 * f->new_share, delta, status_names[f->status]);
		break;
	}
	sb_addf(sb, " %" PRIu32 " caller%s, %" PRIu32 " callee%s", fv->n_callers,
		fv->n_callers == 1 ? "" : "s", v->nrows - fv->n_callers,
		v->nrows - fv->n_callers == 1 ? "" : "s");
}

/* A signed difference of counters: "+300", "-2", "0". */
static const char *count_delta(char *buf, size_t size, uint64_t base, uint64_t now, enum role *role)
{
	*role = now > base ? ROLE_GREW : now < base ? ROLE_SHRANK : ROLE_NORMAL;
	if (now > base)
		snprintf(buf, size, "+%" PRIu64, now - base);
	else if (now == base)
		snprintf(buf, size, "0");
	else
		snprintf(buf, size, "-%" PRIu64, base - now);
	return buf;
}

static void dfunc_draw_row(struct view *v, int y, uint32_t row, const int *x, const int *w)
{
	struct diff_func_view *fv = v->priv;
	const struct diff_edge *e = &fv->edges[row];
	bool sel = row == v->sel;
	enum role base = sel ? ROLE_SELECTED : ROLE_NORMAL, role;
	char buf[32];

	draw_fill(y, base);
	draw_text(y, x[EC_SIDE], w[EC_SIDE], e->side == DIFF_EDGE_CALLER ? "caller" : "callee",
		  sel ? base : ROLE_DIM, false);
	snprintf(buf, sizeof(buf), "%" PRIu64, e->base_count);
	draw_text(y, x[EC_BASE], w[EC_BASE], buf, base, true);
	snprintf(buf, sizeof(buf), "%" PRIu64, e->new_count);
	draw_text(y, x[EC_NEW], w[EC_NEW], buf, base, true);
	count_delta(buf, sizeof(buf), e->base_count, e->new_count, &role);
	draw_text(y, x[EC_DELTA], w[EC_DELTA], buf, sel ? base : role, true);
	draw_text(y, x[EC_BASE_T], w[EC_BASE_T], text_duration(buf, e->base_time), base, true);
	draw_text(y, x[EC_NEW_T], w[EC_NEW_T], text_duration(buf, e->new_time), base, true);
	draw_text(y, x[EC_STATUS], w[EC_STATUS], status_names[e->status],
		  sel || e->status == DIFF_CHANGED ? base : ROLE_MARKED, false);
	draw_text(y, x[EC_NAME], w[EC_NAME], e->other, base, false);
}

static void dfunc_draw(struct view *v, int y0, int h)
{
	struct diff_func_view *fv = v->priv;
	struct column c[EC_COUNT];
	int x[EC_COUNT], w[EC_COUNT], i;

	draw_text(y0, 0, v->tui->cols, sb_str(&fv->head), ROLE_NORMAL, false);
	memcpy(c, edge_columns, sizeof(c));
	if (!diff_utf8())
		c[EC_DELTA].title = "+/-calls";
	columns_layout(c, EC_COUNT, v->tui->cols, x, w);
	draw_header(y0 + 1, c, EC_COUNT, x, w, -1, false);
	table_scroll(v, h - 2);
	if (v->nrows == 0) {
		draw_text(y0 + 2, 1, v->tui->cols - 2, "no caller and no callee in either profile",
			  ROLE_DIM, false);
		return;
	}
	for (i = 0; i < h - 2 && v->top + (uint32_t)i < v->nrows; i++)
		dfunc_draw_row(v, y0 + 2 + i, v->top + (uint32_t)i, x, w);
}

static bool dfunc_key(struct view *v, enum action a)
{
	struct diff_func_view *fv = v->priv;

	switch (a) {
	case ACT_ENTER:
		/* the other end's own callers and callees */
		if (v->nrows)
			tui_push(v->tui, diff_func_new(v->tui, fv->edges[v->sel].other));
		return true;
	default:
		return table_list_key(v, a);
	}
}

static void dfunc_free(struct view *v)
{
	struct diff_func_view *fv = v->priv;

	free(fv->name);
	free(fv->edges);
	sb_free(&fv->head);
	free(fv);
}

static const struct view_ops diff_func_ops = {
    .title = "Call edges diff",
    .kind = VIEW_DIFF_FUNC,
    .rebuild = dfunc_refresh,
    .draw = dfunc_draw,
    .key = dfunc_key,
    .row_name = dfunc_row_name,
    .free = dfunc_free,
};

static struct view *diff_func_new(struct tui *t, const char *name)
{
	struct diff_func_view *fv = xcalloc(1, sizeof(*fv));

	fv->name = xstrdup(name);
	fv->head = (struct strbuf)STRBUF_INIT;
	return view_new(t, &diff_func_ops, fv);
}

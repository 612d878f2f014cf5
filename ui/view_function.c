/* view_function.c - the second view: one function, its numbers on top,
 * then its callers, callees, branch sites and loop sites as one list.
 * Enter walks the call graph, Backspace walks back through a history
 * kept by name (ids change when the session re-merges). */
#include "ui/view.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/hotspots.h"
#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/table.h"
#include "ui/viewstack.h"

#define FN_HISTORY_MAX 128

enum fn_section { FS_CALLERS, FS_CALLEES, FS_BRANCHES, FS_LOOPS, FS_COUNT };

enum fn_kind {
	FR_HEAD,  /* a section's column titles */
	FR_EMPTY, /* "no callers" */
	FR_LINK,  /* a caller or a callee (by section) */
	FR_BRANCH,
	FR_LOOP,
};

struct fn_row {
	uint8_t kind, section;
	uint32_t i; /* index in the section's array */
};

/* A step back: a function by name, or (name NULL) the main view that
 * opened this one. */
struct fn_step {
	char *name; /* owned */
	enum view_kind from;
	uint32_t sel, top;
};

struct fn_view {
	uint32_t func;		  /* PF_NONE: nothing to show */
	char *name;		  /* owned: func's name */
	uint32_t hot;		  /* func's entry in session_hotspots() */
	struct cg_link *links[2]; /* callers, callees (owned) */
	uint32_t nlinks[2];
	uint32_t *branches, *loops; /* indexes in the session's branches, loops */
	uint32_t nbranches, nloops;
	struct fn_row *rows; /* v->nrows of them */
	struct fn_step hist[FN_HISTORY_MAX];
	uint32_t nhist;
	bool hinted; /* said once how to get the sites and line counts the profile lacks */
};

/* clang-format off */
#define FN_LINK_COLUMNS(_) \
	_(FK_COUNT, "Count", 12, true, 0) _(FK_SHARE, "Calls%", 7, true, 0) \
	_(FK_TIME, "Time", 9, true, 2) _(FK_TIME_PCT, "Time%", 7, true, 3) _(FK_NAME, "", 0, false, 0)
#define FN_BRANCH_COLUMNS(_) \
	_(FB_LINE, "Line", 8, true, 0) _(FB_TAKEN, "Taken", 12, true, 0) \
	_(FB_NOT, "Not taken", 12, true, 3) _(FB_PCT, "Taken%", 7, true, 0) \
	_(FB_HINT, "Hint", 13, false, 1) _(FB_BAR, "", 0, false, 0)
#define FN_LOOP_COLUMNS(_) \
	_(FL_LINE, "Line", 8, true, 0) _(FL_ENTRIES, "Entries", 12, true, 0) \
	_(FL_ITER, "Iterations", 12, true, 2) _(FL_AVG, "Avg trip", 9, true, 0) \
	_(FL_TIME, "Time", 9, true, 3) _(FL_HINT, "Hint", 9, false, 1) _(FL_NAME, "", 0, false, 0)
/* clang-format on */
enum fn_link_col { FN_LINK_COLUMNS(COLUMN_ENUM) FK_COUNT_ };
enum fn_branch_col { FN_BRANCH_COLUMNS(COLUMN_ENUM) FB_COUNT };
enum fn_loop_col { FN_LOOP_COLUMNS(COLUMN_ENUM) FL_COUNT };
static const struct column fn_link_columns[] = {FN_LINK_COLUMNS(COLUMN_ROW)};
static const struct column fn_branch_columns[] = {FN_BRANCH_COLUMNS(COLUMN_ROW)};
static const struct column fn_loop_columns[] = {FN_LOOP_COLUMNS(COLUMN_ROW)};

static const char *const section_titles[FS_COUNT] = {"Callers", "Callees", "Branch sites",
						     "Loop sites"};
static const char *const section_empty[FS_COUNT] = {
    "no callers: a root of the call graph", "no callees", "no branch sites", "no loop sites"};

/* ---- the sites of the function, by line ---- */

static int fn_cmp_key(const void *a, const void *b)
{
	return cmp_u64(*(const uint64_t *)a, *(const uint64_t *)b);
}

/* The entries in keys (site << 32 | entry), sorted by site: sites are in
 * canonical order (profile.h), by line and column within a function. */
static uint32_t *fn_by_site(uint64_t *keys, uint32_t n)
{
	uint32_t *entries = xcalloc(n ? n : 1, sizeof(*entries)), i;

	qsort(keys, n, sizeof(*keys), fn_cmp_key);
	for (i = 0; i < n; i++)
		entries[i] = (uint32_t)keys[i];
	return entries;
}

/* The entries of the session's branches and loops that belong to f->func,
 * by line. */
static void fn_collect_sites(struct fn_view *f, struct session *s)
{
	const struct profile *p = s->merged;
	const struct branches *br = session_branches(s);
	const struct loops *lp = session_loops(s);
	uint64_t *keys = xcalloc((size_t)br->n + lp->n + 1, sizeof(*keys));
	uint32_t i;

	for (i = 0; i < br->n; i++)
		if (p->branches.v[br->v[i].site].func == f->func)
			keys[f->nbranches++] = (uint64_t)br->v[i].site << 32 | i;
	f->branches = fn_by_site(keys, f->nbranches);
	for (i = 0; i < lp->n; i++)
		if (p->loops.v[lp->v[i].site].func == f->func)
			keys[f->nloops++] = (uint64_t)lp->v[i].site << 32 | i;
	f->loops = fn_by_site(keys, f->nloops);
	free(keys);
}

/* ---- rows ---- */

static void fn_clear(struct fn_view *f)
{
	free(f->links[0]);
	free(f->links[1]);
	free(f->branches);
	free(f->loops);
	free(f->rows);
	f->links[0] = f->links[1] = NULL;
	f->nlinks[0] = f->nlinks[1] = 0;
	f->branches = f->loops = NULL;
	f->nbranches = f->nloops = 0;
	f->rows = NULL;
}

static bool fn_selectable(const struct fn_view *f, uint32_t row)
{
	return f->rows[row].kind >= FR_LINK;
}

/* The first selectable row from `from` going dir (+1/-1), PF_NONE when none. */
static uint32_t fn_find_selectable(const struct view *v, uint32_t from, int dir)
{
	uint32_t i;

	for (i = from; i < v->nrows; i += (uint32_t)dir)
		if (fn_selectable(v->priv, i))
			return i;
	return PF_NONE;
}

/* After a move from row old, land on a selectable row: further the way
 * the move went, else back. */
static void fn_fix_sel(struct view *v, uint32_t old)
{
	int dir = v->sel >= old ? 1 : -1;
	uint32_t at;

	if (!v->nrows || fn_selectable(v->priv, v->sel))
		return;
	at = fn_find_selectable(v, v->sel, dir);
	if (at == PF_NONE)
		at = fn_find_selectable(v, v->sel, -dir);
	if (at != PF_NONE)
		v->sel = at;
}

static void fn_add_section(struct fn_view *f, uint32_t *n, enum fn_section sec, uint8_t kind,
			   uint32_t count)
{
	uint32_t i;

	f->rows[(*n)++] = (struct fn_row){FR_HEAD, (uint8_t)sec, 0};
	if (!count)
		f->rows[(*n)++] = (struct fn_row){FR_EMPTY, (uint8_t)sec, 0};
	for (i = 0; i < count; i++)
		f->rows[(*n)++] = (struct fn_row){kind, (uint8_t)sec, i};
}

/* Once a session, when a site panel is left out because the profile has
 * no such sites at all: how to get them, and line counts, on the status
 * line (unless it already has something to say). */
static void fn_hint(struct view *v)
{
	struct fn_view *f = v->priv;
	const struct profile *p = v->tui->s.merged;
	bool br = !p->branches.n, lp = !p->loops.n;

	if (f->hinted || v->tui->message[0] || (!br && !lp))
		return;
	f->hinted = true;
	tui_message(v->tui, false, "no %s sites in this profile: %s%s%s (docs/runtime.md)%s",
		    br && lp ? "branch or loop"
		    : br     ? "branch"
			     : "loop",
		    br ? "VITPROF_BRANCH" : "", br && lp ? ", " : "", lp ? "VITPROF_LOOP" : "",
		    p->lines.n ? "" : "; line counts: vitte-pgo record");
}

/* Recompute everything shown about f->func (an id of the live profile). */
static void fn_refresh(struct view *v)
{
	struct fn_view *f = v->priv;
	struct session *s = &v->tui->s;
	const struct hotspots *hot = session_hotspots(s);
	uint32_t i, n = 0;

	fn_clear(f);
	v->nrows = 0;
	if (f->func == PF_NONE)
		return;
	for (f->hot = 0; f->hot < hot->n && hot->v[f->hot].func != f->func; f->hot++)
		;
	for (i = 0; i < 2; i++)
		f->nlinks[i] = (i ? callgraph_get_callees : callgraph_get_callers)(
		    session_callgraph(s), f->func, &f->links[i]);
	fn_collect_sites(f, s);
	f->rows = xcalloc((size_t)f->nlinks[0] + f->nlinks[1] + f->nbranches + f->nloops + 8,
			  sizeof(*f->rows));
	fn_add_section(f, &n, FS_CALLERS, FR_LINK, f->nlinks[0]);
	fn_add_section(f, &n, FS_CALLEES, FR_LINK, f->nlinks[1]);
	if (f->nbranches) /* an empty site panel is left out */
		fn_add_section(f, &n, FS_BRANCHES, FR_BRANCH, f->nbranches);
	if (f->nloops)
		fn_add_section(f, &n, FS_LOOPS, FR_LOOP, f->nloops);
	fn_hint(v);
	v->nrows = n;
	if (v->sel >= n)
		v->sel = n - 1;
	fn_fix_sel(v, 0);
}

/* Show func, taking ownership of name (func's name), at a selection. */
static void fn_show(struct view *v, uint32_t func, char *name, uint32_t sel, uint32_t top)
{
	struct fn_view *f = v->priv;

	free(f->name);
	f->func = func;
	f->name = name;
	v->sel = sel;
	v->top = top;
	fn_refresh(v);
}

static void fn_push(struct fn_view *f, char *name, enum view_kind from, uint32_t sel, uint32_t top)
{
	if (f->nhist == FN_HISTORY_MAX) {
		free(f->hist[0].name);
		memmove(f->hist, f->hist + 1, (FN_HISTORY_MAX - 1) * sizeof(f->hist[0]));
		f->nhist--;
	}
	f->hist[f->nhist++] = (struct fn_step){name, from, sel, top};
}

/* Move to func, remembering where we were. */
static void fn_goto(struct view *v, uint32_t func)
{
	struct fn_view *f = v->priv;
	const struct profile *p = v->tui->s.merged;

	if (f->func != PF_NONE && f->func != func)
		fn_push(f, xstrdup(f->name), VIEW_FUNCTION, v->sel, v->top);
	if (f->func != func)
		fn_show(v, func, xstrdup(profile_str(p, p->funcs.v[func].name)), 0, 0);
}

/* The session changed: find the function and the history again by name,
 * dropping what is gone; with nothing left, show the hottest function. */
static void fn_rebuild(struct view *v)
{
	struct fn_view *f = v->priv;
	struct session *s = &v->tui->s;
	uint32_t i, n = 0;

	f->func = f->name ? profile_find_function(s->merged, f->name) : PF_NONE;
	if (f->func == PF_NONE) {
		free(f->name);
		f->name = NULL;
		v->sel = v->top = 0;
		if (session_hotspots(s)->n) {
			f->func = session_hotspots(s)->v[0].func;
			f->name = xstrdup(profile_str(s->merged, s->merged->funcs.v[f->func].name));
		}
	}
	for (i = 0; i < f->nhist; i++) {
		if (f->hist[i].name && profile_find_function(s->merged, f->hist[i].name) == PF_NONE)
			free(f->hist[i].name);
		else
			f->hist[n++] = f->hist[i];
	}
	f->nhist = n;
	fn_refresh(v);
}

/* Rebuild now if the session changed since the view was last drawn. */
static void fn_sync(struct view *v)
{
	if (v->generation != v->tui->s.generation) {
		fn_rebuild(v);
		v->generation = v->tui->s.generation;
	}
}

/* Back one step, over functions gone or shown already; false when the
 * history is empty. */
static bool fn_back(struct view *v)
{
	struct fn_view *f = v->priv;
	const struct profile *p = v->tui->s.merged;

	while (f->nhist) {
		struct fn_step st = f->hist[--f->nhist];
		uint32_t func;

		if (!st.name) {
			tui_show_main(v->tui, st.from);
			return true;
		}
		func = profile_find_function(p, st.name);
		if (func != PF_NONE && func != f->func) {
			fn_show(v, func, st.name, st.sel, st.top);
			return true;
		}
		free(st.name);
	}
	return false;
}

void view_function_open(struct tui *t, uint32_t func)
{
	struct view *v = t->main_views[VIEW_FUNCTION];
	struct fn_view *f = v->priv;
	enum view_kind from = t->stack[0]->ops->kind;

	fn_sync(v);
	if (func >= t->s.merged->funcs.n)
		return; /* not an id of the live profile */
	if (from != VIEW_FUNCTION) {
		/* Backspace returns to the opener; the function shown before
		 * stays one step further back */
		if (f->func != PF_NONE && f->func != func)
			fn_push(f, xstrdup(f->name), VIEW_FUNCTION, v->sel, v->top);
		fn_push(f, NULL, from, 0, 0);
		if (f->func != func)
			fn_show(v, func,
				xstrdup(profile_str(t->s.merged, t->s.merged->funcs.v[func].name)),
				0, 0);
	} else {
		fn_goto(v, func);
	}
	tui_show_main(t, VIEW_FUNCTION);
}

/* ---- drawing ---- */

struct fn_field {
	const char *label, *value;
};

/* Fields flowed over at most maxlines lines from y; returns the lines used. */
static int fn_draw_fields(int y, int cols, int maxlines, const struct fn_field *fl, int n)
{
	int x = 1, line = 0, i;

	for (i = 0; i < n; i++) {
		int lw = draw_width(fl[i].label), vw = draw_width(fl[i].value);

		if (x > 1 && x + lw + 1 + vw > cols) {
			x = 1;
			if (++line >= maxlines)
				return line;
		}
		x += draw_text(y + line, x, lw < cols - x ? lw : cols - x, fl[i].label, ROLE_DIM,
			       false);
		x += 1;
		if (x < cols)
			x += draw_text(y + line, x, vw < cols - x ? vw : cols - x, fl[i].value,
				       ROLE_NORMAL, false);
		x += 3;
	}
	return n ? line + 1 : 0;
}

static enum role fn_class_role(enum hot_class c)
{
	return c == HOT_CLASS_HOT ? ROLE_HOT : c == HOT_CLASS_WARM ? ROLE_WARM : ROLE_COLD;
}

/* The function's name and numbers over at most maxlines lines from y;
 * returns the lines used. */
static int fn_draw_summary(struct view *v, int y, int maxlines)
{
	struct fn_view *f = v->priv;
	struct session *s = &v->tui->s;
	const struct pf_function *fn = &s->merged->funcs.v[f->func];
	const struct hotspot *h = &session_hotspots(s)->v[f->hot];
	bool calls_known = profile_counts_calls(s->merged);
	char b[6][48];
	struct fn_field fl[8];
	struct strbuf sb = STRBUF_INIT;
	int cols = v->tui->cols, x, n = 0;

	x = draw_width(f->name);
	draw_text(y, 1, x < cols - 1 ? x : cols - 1, f->name, fn_class_role(h->cls), false);
	x += 1;
	if (fn->file != PF_NONE && x + 2 < cols) {
		sb_adds(&sb, profile_str(s->merged, fn->file));
		if (fn->flags & PF_HAS_LINE)
			sb_addf(&sb, ":%" PRIu32, fn->line);
		draw_text(y, x + 2, cols - x - 2, sb_str(&sb), ROLE_DIM, false);
		x += 2 + draw_width(sb_str(&sb));
	}
	if (s->marked[f->func] && x + 2 < cols)
		draw_text(y, x + 2, cols - x - 2, "[marked]", ROLE_MARKED, false);
	sb_free(&sb);
	snprintf(b[0], sizeof(b[0]), "%" PRIu64, h->calls);
	fl[n++] = (struct fn_field){"calls", calls_known ? b[0] : "-"};
	snprintf(b[1], sizeof(b[1]), "%s %.1f%%", text_duration(b[5], h->self_ns),
		 100 * h->self_share);
	fl[n++] = (struct fn_field){"self", b[1]};
	snprintf(b[2], sizeof(b[2]), "%s %.1f%%", text_duration(b[5], h->time_ns),
		 100 * h->time_share);
	fl[n++] = (struct fn_field){"total", b[2]};
	fl[n++] = (struct fn_field){"class", hotspots_class_name(h->cls)};
	fl[n++] = (struct fn_field){
	    "avg/call", calls_known ? text_duration(b[3], u64_round_sat(h->avg_ns)) : "-"};
	snprintf(b[4], sizeof(b[4]), "%" PRIu32, fn->size);
	if (fn->flags & PF_HAS_SIZE)
		fl[n++] = (struct fn_field){"size", b[4]};
	if (fn->checksum != PF_NONE)
		fl[n++] = (struct fn_field){"checksum", profile_str(s->merged, fn->checksum)};
	return 1 + (maxlines > 1 ? fn_draw_fields(y + 1, cols, maxlines - 1, fl, n) : 0);
}

static void fn_draw_head(struct view *v, int y, const struct fn_row *r)
{
	struct fn_view *f = v->priv;
	const struct column *src[FS_COUNT] = {fn_link_columns, fn_link_columns, fn_branch_columns,
					      fn_loop_columns};
	const int ncol[FS_COUNT] = {FK_COUNT_, FK_COUNT_, FB_COUNT, FL_COUNT};
	const uint32_t count[FS_COUNT] = {f->nlinks[0], f->nlinks[1], f->nbranches, f->nloops};
	struct column c[FL_COUNT];
	char title[48];
	int x[FL_COUNT], w[FL_COUNT], n = ncol[r->section];

	memcpy(c, src[r->section], (size_t)n * sizeof(c[0]));
	if (r->section <= FS_CALLEES && !profile_counts_calls(v->tui->s.merged)) {
		c[FK_COUNT].title = "Samples"; /* through the edge */
		c[FK_SHARE].title = "Share%";
	}
	snprintf(title, sizeof(title), "%s (%" PRIu32 ")", section_titles[r->section],
		 count[r->section]);
	c[n - 1].title = title;
	columns_layout(c, n, v->tui->cols, x, w);
	draw_header(y, c, n, x, w, -1, false);
}

/* The cells of a caller or a callee; items are rows of the view. */
static void fn_link_cell(struct view *v, uint32_t row, int col, struct cell *out)
{
	const struct fn_view *f = v->priv;
	const struct fn_row *r = &f->rows[row];
	const struct cg_link *l = &f->links[r->section][r->i];
	const struct profile *p = v->tui->s.merged;
	const char *name = profile_str(p, p->funcs.v[l->func].name);

	switch ((enum fn_link_col)col) {
	case FK_COUNT:
		columns_cell_printf(out, "%" PRIu64, l->count);
		break;
	case FK_SHARE:
		columns_cell_printf(out, "%.1f%%", 100 * l->count_share);
		break;
	case FK_TIME:
		out->text = l->has_time ? text_duration(out->buf, l->time_ns) : "-";
		break;
	case FK_TIME_PCT:
		if (l->has_time)
			columns_cell_printf(out, "%.1f%%", 100 * l->time_share);
		else
			out->text = "-";
		break;
	case FK_NAME:
		if (l->recursive)
			columns_cell_printf(out, "%s (recursive)", name);
		else
			out->text = name;
		out->cut = TEXT_CUT_MIDDLE;
		break;
	case FK_COUNT_:
		break;
	}
}

/* Here a hint worth acting on is hot, an unsure one warm. */
static enum role fn_hint_role(bool actionable, bool unsure)
{
	return actionable ? ROLE_HOT : unsure ? ROLE_WARM : ROLE_DIM;
}

/* The Branches view's cells, but for the share (0.0% for a site never
 * executed), its bar (p_taken, at most 30 wide) and the hint's role. */
static void fn_branch_cell(struct view *v, uint32_t row, int col, struct cell *out)
{
	static const enum branch_col shared[FB_COUNT] = {BC_LINE,      BC_TAKEN, BC_NOT_TAKEN,
							 BC_TAKEN_PCT, BC_HINT,	 BC_BAR};
	const struct fn_view *f = v->priv;
	const struct branch_stat *b = &session_branches(&v->tui->s)->v[f->branches[f->rows[row].i]];

	if (col == FB_PCT) {
		columns_cell_printf(out, "%.1f%%", 100 * b->p_taken);
	} else if (col == FB_BAR) {
		out->bar = b->p_taken;
		out->bar_width = 30;
		out->role = ROLE_BAR;
	} else {
		columns_branch_cell(v->tui->s.merged, b, shared[col], out);
	}
	if (col == FB_HINT)
		out->role =
		    fn_hint_role(b->hint == BRANCH_HINT_LIKELY || b->hint == BRANCH_HINT_UNLIKELY,
				 b->hint == BRANCH_HINT_UNPREDICTABLE);
}

/* The Loops view's cells, but for the hint's role. */
static void fn_loop_cell(struct view *v, uint32_t row, int col, struct cell *out)
{
	static const enum loop_col shared[FL_COUNT] = {LPC_LINE, LPC_ENTRIES, LPC_ITERS, LPC_AVG,
						       LPC_TIME, LPC_HINT,    LPC_NAME};
	const struct fn_view *f = v->priv;
	const struct loop_stat *l = &session_loops(&v->tui->s)->v[f->loops[f->rows[row].i]];

	columns_loop_cell(v->tui->s.merged, l, shared[col], out);
	if (col == FL_HINT)
		out->role = fn_hint_role(l->hint != LOOP_HINT_NONE, false);
}

/* A caller, callee, branch or loop row: its section's columns and cells. */
static void fn_draw_cells(struct view *v, int y, uint32_t row)
{
	static const struct {
		const struct column *columns;
		int n;
		void (*cell)(struct view *v, uint32_t row, int col, struct cell *out);
	} kinds[] = {
	    [FR_LINK] = {fn_link_columns, FK_COUNT_, fn_link_cell},
	    [FR_BRANCH] = {fn_branch_columns, FB_COUNT, fn_branch_cell},
	    [FR_LOOP] = {fn_loop_columns, FL_COUNT, fn_loop_cell},
	};
	const struct fn_view *f = v->priv;
	int k = f->rows[row].kind, x[FL_COUNT], w[FL_COUNT];

	columns_layout(kinds[k].columns, kinds[k].n, v->tui->cols, x, w);
	table_draw_cells(v, y, kinds[k].columns, kinds[k].n, x, w, kinds[k].cell, row,
			 row == v->sel, ROLE_NORMAL);
}

static void fn_draw_row(struct view *v, int y, uint32_t row)
{
	struct fn_view *f = v->priv;
	const struct fn_row *r = &f->rows[row];

	if (r->kind >= FR_LINK) {
		fn_draw_cells(v, y, row);
		return;
	}
	draw_fill(y, row == v->sel ? ROLE_SELECTED : ROLE_NORMAL);
	if (r->kind == FR_HEAD)
		fn_draw_head(v, y, r);
	else
		draw_text(y, 2, v->tui->cols - 2, section_empty[r->section], ROLE_DIM, false);
}

static void fn_draw(struct view *v, int y0, int h)
{
	struct fn_view *f = v->priv;
	int top_lines = h >= 16 ? 4 : h >= 10 ? 2 : 1, i;
	uint32_t page;

	if (f->func == PF_NONE) {
		draw_text(y0 + 1, 1, v->tui->cols - 2, "the profile has no functions", ROLE_DIM,
			  false);
		return;
	}
	top_lines = fn_draw_summary(v, y0, top_lines);
	top_lines += h >= 16; /* room for a blank line under the numbers */
	y0 += top_lines;
	h -= top_lines;
	table_scroll(v, h);
	page = h > 0 ? (uint32_t)h : 1;
	/* keep a section's titles above its first row in sight */
	if (v->sel > 0 && v->top == v->sel && page > 1 && !fn_selectable(f, v->sel - 1))
		v->top--;
	for (i = 0; i < h && v->top + (uint32_t)i < v->nrows; i++)
		fn_draw_row(v, y0 + i, v->top + (uint32_t)i);
}

/* ---- keys ---- */

static const char *fn_row_name(struct view *v, uint32_t row)
{
	struct fn_view *f = v->priv;
	struct session *s = &v->tui->s;
	const struct profile *p = s->merged;
	const struct fn_row *r;
	uint32_t id = PF_NONE;

	if (row >= v->nrows)
		return NULL;
	r = &f->rows[row];
	if (r->kind == FR_LINK)
		return profile_str(p, p->funcs.v[f->links[r->section][r->i].func].name);
	if (r->kind == FR_BRANCH)
		id = p->branches.v[session_branches(s)->v[f->branches[r->i]].site].id;
	if (r->kind == FR_LOOP)
		id = p->loops.v[session_loops(s)->v[f->loops[r->i]].site].name;
	return id != PF_NONE ? profile_str(p, id) : NULL;
}

static const char *fn_status(struct view *v)
{
	(void)v;
	return "t tree  a source";
}

bool view_function_can_back(struct view *v)
{
	return ((struct fn_view *)v->priv)->nhist > 0;
}

/* The source of the function, at a line (0: its own line). */
static void fn_annotate(struct view *v, uint32_t line)
{
	struct fn_view *f = v->priv;
	struct view *src;

	if (f->func == PF_NONE)
		return;
	src = view_source_new(v->tui, f->func, line);
	if (src)
		tui_push(v->tui, src);
}

static void fn_enter(struct view *v)
{
	struct fn_view *f = v->priv;
	struct session *s = &v->tui->s;
	const struct fn_row *r;

	if (!v->nrows || !fn_selectable(f, v->sel))
		return;
	r = &f->rows[v->sel];
	if (r->kind == FR_LINK) {
		const struct cg_link *l = &f->links[r->section][r->i];

		if (l->func == f->func)
			tui_message(v->tui, false, "%s calls itself", f->name);
		else
			fn_goto(v, l->func);
	} else if (r->kind == FR_BRANCH) {
		fn_annotate(
		    v, s->merged->branches.v[session_branches(s)->v[f->branches[r->i]].site].line);
	} else {
		fn_annotate(v, s->merged->loops.v[session_loops(s)->v[f->loops[r->i]].site].line);
	}
}

static bool fn_key(struct view *v, enum action a)
{
	struct fn_view *f = v->priv;
	uint32_t old = v->sel;

	switch (a) {
	case ACT_ENTER:
		fn_enter(v);
		return true;
	case ACT_BACK:
		return fn_back(v);
	case ACT_TREE:
		tui_push(v->tui, view_tree_new(v->tui, f->func));
		return true;
	case ACT_ANNOTATE:
		fn_annotate(v, 0);
		return true;
	default:
		if (!table_list_key(v, a))
			return false;
		fn_fix_sel(v, old);
		return true;
	}
}

static void fn_free(struct view *v)
{
	struct fn_view *f = v->priv;
	uint32_t i;

	fn_clear(f);
	for (i = 0; i < f->nhist; i++)
		free(f->hist[i].name);
	free(f->name);
	free(f);
}

static const struct view_ops fn_ops = VIEW_OPS("Function", VIEW_FUNCTION, fn_rebuild, fn_draw,
					       fn_key, fn_row_name, fn_status, fn_free);

struct view *view_function_new(struct tui *t)
{
	struct fn_view *f = xcalloc(1, sizeof(*f));

	f->func = PF_NONE;
	return view_new(t, &fn_ops, f);
}

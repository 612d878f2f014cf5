/* view_profiles.c - the loaded profiles and their live weighted merge:
 * include or exclude a file, change its weight, add a file, pick two for
 * the diff view. Every change re-merges (tui_update_session) and the other
 * views rebuild from the new merge. */
#include "ui/ui.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/loader.h"
#include "src/base/alloc.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/table.h"

/* The smallest weight `-` halves down to. */
#define WEIGHT_FLOOR (1.0 / 1024)

enum prof_col {
	PC_INCLUDE,
	PC_MARK,
	PC_WEIGHT,
	PC_PROGRAM,
	PC_MODE,
	PC_RUNS,
	PC_FUNCS,
	PC_TOTAL,
	PC_PATH,
	PC_COUNT
};

static const struct column prof_columns[PC_COUNT] = {
    [PC_INCLUDE] = {"In", 3, false, 0},	  [PC_MARK] = {"", 1, false, 0},
    [PC_WEIGHT] = {"Weight", 9, true, 0}, [PC_PROGRAM] = {"Program", 14, false, 3},
    [PC_MODE] = {"Mode", 12, false, 6},	  [PC_RUNS] = {"Runs", 6, true, 5},
    [PC_FUNCS] = {"Funcs", 8, true, 4},	  [PC_TOTAL] = {"Total", 9, true, 1},
    [PC_PATH] = {"Path", 0, false, 0},
};

struct prof_view {
	uint64_t *totals; /* total self time of each input */
	uint32_t n_totals;
	uint32_t n_included;
};

static void prof_refresh(struct view *v)
{
	struct prof_view *pv = v->priv;
	struct session *s = &v->tui->s;
	uint32_t i;

	/* inputs never change once loaded: only new ones need a total */
	if (pv->n_totals < s->n_inputs) {
		pv->totals = xreallocarray(pv->totals, s->n_inputs, sizeof(*pv->totals));
		for (i = pv->n_totals; i < s->n_inputs; i++)
			pv->totals[i] = profile_total_self(s->inputs[i].p);
		pv->n_totals = s->n_inputs;
	}
	pv->n_included = 0;
	for (i = 0; i < s->n_inputs; i++)
		pv->n_included += s->inputs[i].included;
	v->nrows = s->n_inputs;
	if (v->sel >= v->nrows)
		v->sel = v->nrows ? v->nrows - 1 : 0;
}

static const char *prof_row_name(struct view *v, uint32_t row)
{
	return row < v->nrows ? v->tui->s.inputs[row].path : NULL;
}

static const char *prof_status(struct view *v)
{
	(void)v;
	return "Space in/out  +/-/w weight  o add  m mark  d diff";
}

/* "merged: 2 of 2 profiles, 37.0 ms, 8 functions" and the stale count. */
static void prof_draw_summary(struct view *v, int y)
{
	struct prof_view *pv = v->priv;
	const struct session *s = &v->tui->s;
	char buf[160], t[16];
	int x;

	snprintf(buf, sizeof(buf),
		 "merged: %" PRIu32 " of %" PRIu32 " profile%s, %s, %" PRIu32 " function%s",
		 pv->n_included, s->n_inputs, s->n_inputs == 1 ? "" : "s",
		 text_duration(t, s->hot.total), s->merged->funcs.n,
		 s->merged->funcs.n == 1 ? "" : "s");
	move(y, 0);
	clrtoeol();
	x = draw_width(buf) + 1;
	if (x > v->tui->cols)
		x = v->tui->cols;
	draw_text(y, 0, x, buf, ROLE_NORMAL, false);
	if (s->n_stale && x < v->tui->cols) {
		snprintf(buf, sizeof(buf), " %" PRIu32 " stale function%s (checksums differ)",
			 s->n_stale, s->n_stale == 1 ? "" : "s");
		draw_text(y, x, v->tui->cols - x, buf, ROLE_WARM, false);
	}
}

static void prof_draw_row(struct view *v, int y, uint32_t row, const int *x, const int *w)
{
	struct prof_view *pv = v->priv;
	const struct session_input *in = &v->tui->s.inputs[row];
	const struct profile *p = in->p;
	bool sel = row == v->sel;
	enum role base = sel ? ROLE_SELECTED : in->included ? ROLE_NORMAL : ROLE_DIM;
	char buf[64];

	move(y, 0);
	attron(draw_attr(base));
	clrtoeol();
	attroff(draw_attr(base));
	draw_text(y, x[PC_INCLUDE], w[PC_INCLUDE], in->included ? "[x]" : "[ ]", base, false);
	draw_text(y, x[PC_MARK], w[PC_MARK], in->marked ? "*" : " ", sel ? base : ROLE_MARKED,
		  false);
	snprintf(buf, sizeof(buf), "%.4g", in->weight);
	draw_text(y, x[PC_WEIGHT], w[PC_WEIGHT], buf, base, true);
	draw_text(y, x[PC_PROGRAM], w[PC_PROGRAM],
		  p->program != PF_NONE ? profile_str(p, p->program) : "-", base, false);
	draw_text(y, x[PC_MODE], w[PC_MODE],
		  p->meta.mode != PF_MODE_UNSET ? profile_mode_name(p->meta.mode) : "-", base,
		  false);
	snprintf(buf, sizeof(buf), "%" PRIu64, p->meta.runs);
	draw_text(y, x[PC_RUNS], w[PC_RUNS], buf, base, true);
	snprintf(buf, sizeof(buf), "%" PRIu32, p->funcs.n);
	draw_text(y, x[PC_FUNCS], w[PC_FUNCS], buf, base, true);
	draw_text(y, x[PC_TOTAL], w[PC_TOTAL], text_duration(buf, pv->totals[row]), base, true);
	draw_text(y, x[PC_PATH], w[PC_PATH], in->path, base, false);
}

static void prof_draw(struct view *v, int y0, int h)
{
	int x[PC_COUNT], w[PC_COUNT], i;

	prof_draw_summary(v, y0);
	columns_layout(prof_columns, PC_COUNT, v->tui->cols, x, w);
	draw_header(y0 + 1, prof_columns, PC_COUNT, x, w, -1, false);
	table_scroll(v, h - 2);
	for (i = 0; i < h - 2 && v->top + (uint32_t)i < v->nrows; i++)
		prof_draw_row(v, y0 + 2 + i, v->top + (uint32_t)i, x, w);
}

/* Merge again after a change and let every view rebuild. */
static void prof_update(struct view *v)
{
	tui_update_session(v->tui);
	prof_refresh(v);
	v->generation = v->tui->s.generation;
}

static void prof_toggle(struct view *v)
{
	struct prof_view *pv = v->priv;
	struct session_input *in = &v->tui->s.inputs[v->sel];

	if (in->included && pv->n_included == 1) {
		tui_message(v->tui, true,
			    "the merge needs one profile at least: include another first");
		return;
	}
	in->included = !in->included;
	prof_update(v);
	tui_message(v->tui, false, "%s %s: %" PRIu32 " of %" PRIu32 " merged",
		    in->included ? "included" : "excluded", in->path, pv->n_included,
		    v->tui->s.n_inputs);
}

static void prof_set_weight(struct view *v, double weight)
{
	struct session_input *in = &v->tui->s.inputs[v->sel];

	if (weight == in->weight)
		return;
	in->weight = weight;
	if (in->included)
		prof_update(v);
	tui_message(v->tui, false, "weight of %s: %g", in->path, weight);
}

/* +: add 1. -: subtract 1 down to 1, then halve down to WEIGHT_FLOOR. */
static void prof_step_weight(struct view *v, bool up)
{
	double w = v->tui->s.inputs[v->sel].weight;

	if (up)
		w += 1;
	else if (w > 1)
		w = w - 1 < 1 ? 1 : w - 1;
	else if (w / 2 >= WEIGHT_FLOOR)
		w /= 2;
	else {
		tui_message(v->tui, true, "%g is the smallest weight (Space excludes the file)",
			    WEIGHT_FLOOR);
		return;
	}
	prof_set_weight(v, w);
}

static void prof_type_weight(struct view *v)
{
	char question[64], buf[64] = "", *end;
	double w;

	snprintf(question, sizeof(question), "weight (now %g): ", v->tui->s.inputs[v->sel].weight);
	if (!tui_prompt(v->tui, question, buf, sizeof(buf), NULL) || !buf[0])
		return;
	w = strtod(buf, &end);
	while (*end == ' ')
		end++;
	if (end == buf || *end || !isfinite(w) || w <= 0) {
		tui_message(v->tui, true, "a weight is a positive number, not '%s'", buf);
		return;
	}
	prof_set_weight(v, w);
}

/* Load warnings: the first one is kept for the status line. */
struct prof_load {
	unsigned n_warnings;
	char first[200];
};

static void prof_load_warn(void *arg, const char *text)
{
	struct prof_load *l = arg;

	if (l->n_warnings++ == 0)
		snprintf(l->first, sizeof(l->first), "%s", text);
}

static void prof_open(struct view *v)
{
	struct prof_load l = {0, ""};
	struct load_ctx ctx = {prof_load_warn, &l, 0};
	char path[1024] = "";
	struct profile *p;
	struct error err;

	if (!tui_prompt(v->tui, "add profile: ", path, sizeof(path), NULL) || !path[0])
		return;
	if (load_profile(path, NULL, &ctx, &p, &err) != STATUS_OK) {
		tui_message(v->tui, true, "%s", err.text);
		return;
	}
	session_add_input(&v->tui->s, path, p, 1);
	v->sel = v->tui->s.n_inputs - 1;
	prof_update(v);
	if (l.n_warnings)
		tui_message(v->tui, true, "added %s with %u warning%s: %s", path, l.n_warnings,
			    l.n_warnings == 1 ? "" : "s", l.first);
	else
		tui_message(v->tui, false, "added %s: %" PRIu32 " functions, now merged", path,
			    p->funcs.n);
}

static void prof_diff_marked(struct view *v)
{
	struct session *s = &v->tui->s;
	uint32_t i, n = 0, pick[2] = {0, 0};

	for (i = 0; i < s->n_inputs; i++)
		if (s->inputs[i].marked && n++ < 2)
			pick[n - 1] = i;
	if (n != 2) {
		tui_message(v->tui, true,
			    "mark two profiles with m, then d (the upper one is the base); %" PRIu32
			    " marked",
			    n);
		return;
	}
	session_set_diff(s, pick[0], pick[1]);
	tui_show_main(v->tui, VIEW_DIFF);
}

static bool prof_key(struct view *v, enum action a)
{
	if (v->nrows == 0)
		return table_list_key(v, a);
	switch (a) {
	case ACT_TOGGLE:
		prof_toggle(v);
		return true;
	case ACT_WEIGHT_UP:
	case ACT_WEIGHT_DOWN:
		prof_step_weight(v, a == ACT_WEIGHT_UP);
		return true;
	case ACT_WEIGHT_SET:
		prof_type_weight(v);
		return true;
	case ACT_OPEN:
		prof_open(v);
		return true;
	case ACT_MARK:
		v->tui->s.inputs[v->sel].marked = !v->tui->s.inputs[v->sel].marked;
		table_move(v, ACT_DOWN);
		return true;
	case ACT_DIFF_MARKED:
		prof_diff_marked(v);
		return true;
	default:
		return table_list_key(v, a);
	}
}

static void prof_free(struct view *v)
{
	struct prof_view *pv = v->priv;

	free(pv->totals);
	free(pv);
}

static const struct view_ops prof_ops = {
    .title = "Profiles",
    .kind = VIEW_PROFILES,
    .rebuild = prof_refresh,
    .draw = prof_draw,
    .key = prof_key,
    .row_name = prof_row_name,
    .status = prof_status,
    .free = prof_free,
};

struct view *view_profiles_new(struct tui *t)
{
	return view_new(t, &prof_ops, xcalloc(1, sizeof(struct prof_view)));
}

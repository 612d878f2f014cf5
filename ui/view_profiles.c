/* view_profiles.c - the loaded profiles and their live weighted merge:
 * include or exclude a file, change its weight, add a file, pick two for
 * the diff view. Every change re-merges (tui_update_session) and the other
 * views rebuild from the new merge. */
#include "ui/view.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/loader.h"
#include "src/base/alloc.h"
#include "src/base/fileio.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/table.h"
#include "ui/viewstack.h"

/* The smallest weight `-` halves down to. */
#define WEIGHT_FLOOR (1.0 / 1024)

/* clang-format off */
#define PROF_COLUMNS(_) \
	_(PC_INCLUDE, "In", 3, false, 0) _(PC_MARK, "", 1, false, 0) \
	_(PC_WEIGHT, "Weight", 9, true, 0) _(PC_PROGRAM, "Program", 14, false, 3) \
	_(PC_MODE, "Mode", 12, false, 6) _(PC_RUNS, "Runs", 6, true, 5) \
	_(PC_FUNCS, "Funcs", 8, true, 4) _(PC_TOTAL, "Total", 9, true, 1) \
	_(PC_PATH, "Path", 0, false, 0)
/* clang-format on */
enum prof_col { PROF_COLUMNS(COLUMN_ENUM) PC_COUNT };

static const struct column prof_columns[PC_COUNT] = {PROF_COLUMNS(COLUMN_ROW)};

struct prof_view {
	uint64_t *totals; /* total self time of each input */
	uint32_t n_totals;
	uint32_t n_included;
};

/* Items are the inputs, in the order loaded. */
static uint32_t prof_build(struct view *v)
{
	struct prof_view *pv = table_priv(v);
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
	return s->n_inputs;
}

static const char *prof_status(struct view *v)
{
	(void)v;
	return "Space in/out  +/-/w weight  o add  d diff";
}

/* "merged: 2 of 2 profiles, 37.0 ms, 8 functions" and the stale count. */
static int prof_above(struct view *v, int y, int h)
{
	struct prof_view *pv = table_priv(v);
	const struct session *s = &v->tui->s;
	char buf[160], t[16];
	int x;

	(void)h;
	snprintf(buf, sizeof(buf), "merged: %" PRIu32 " of %" PRIu32 " %s, %s, %" PRIu32 " %s",
		 pv->n_included, s->n_inputs, text_plural(s->n_inputs, "profile", "profiles"),
		 text_duration(t, profile_total_self(s->merged)), s->merged->funcs.n,
		 text_plural(s->merged->funcs.n, "function", "functions"));
	move(y, 0);
	clrtoeol();
	x = draw_width(buf) + 1;
	if (x > v->tui->cols)
		x = v->tui->cols;
	draw_text(y, 0, x, buf, ROLE_NORMAL, false);
	if (s->n_stale && x < v->tui->cols) {
		snprintf(buf, sizeof(buf), " %" PRIu32 " stale %s (checksums differ)", s->n_stale,
			 text_plural(s->n_stale, "function", "functions"));
		draw_text(y, x, v->tui->cols - x, buf, ROLE_WARM, false);
	}
	return 1;
}

/* Excluded inputs are dim. */
static enum role prof_row_role(struct view *v, uint32_t item)
{
	return v->tui->s.inputs[item].included ? ROLE_NORMAL : ROLE_DIM;
}

static void prof_cell(struct view *v, uint32_t item, int col, struct cell *out)
{
	struct prof_view *pv = table_priv(v);
	const struct session_input *in = &v->tui->s.inputs[item];
	const struct profile *p = in->p;

	switch ((enum prof_col)col) {
	case PC_INCLUDE:
		out->text = in->included ? "[x]" : "[ ]";
		break;
	case PC_MARK: /* picked as the diff's base */
		out->text = in->marked ? "B" : " ";
		out->role = ROLE_MARKED;
		break;
	case PC_WEIGHT:
		columns_cell_printf(out, "%.4g", in->weight);
		break;
	case PC_PROGRAM:
		out->text = p->program != PF_NONE ? profile_str(p, p->program) : "-";
		break;
	case PC_MODE:
		out->text = p->meta.mode != PF_MODE_UNSET ? profile_mode_name(p->meta.mode) : "-";
		break;
	case PC_RUNS:
		columns_cell_printf(out, "%" PRIu64, p->meta.runs);
		break;
	case PC_FUNCS:
		columns_cell_printf(out, "%" PRIu32, p->funcs.n);
		break;
	case PC_TOTAL:
		out->text = text_duration(out->buf, pv->totals[item]);
		break;
	case PC_PATH:
		out->text = in->path;
		out->cut = TEXT_CUT_LEFT;
		break;
	case PC_COUNT:
		break;
	}
}

/* Merge again after a change and let every view rebuild. */
static void prof_update(struct view *v)
{
	tui_update_session(v->tui);
	table_refresh(v, false);
	v->generation = v->tui->s.generation;
}

static void prof_toggle(struct view *v)
{
	struct prof_view *pv = table_priv(v);
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
	struct load_ctx ctx = {prof_load_warn, &l, 0, true, NULL};
	char path[1024] = "";
	struct profile *p;
	struct error err;
	uint32_t i;

	if (!tui_prompt_path(v->tui, "add profile: ", path, sizeof(path)) || !path[0])
		return;
	for (i = 0; i < v->tui->s.n_inputs; i++)
		if (file_same(path, v->tui->s.inputs[i].path)) {
			v->sel = i;
			tui_message(v->tui, true,
				    "%s is loaded already (as %s): + gives it more weight", path,
				    v->tui->s.inputs[i].path);
			return;
		}
	if (loader_load(path, NULL, &ctx, &p, &err) != STATUS_OK) {
		tui_message(v->tui, true, "%s", err.text);
		return;
	}
	session_add_input(&v->tui->s, path, p, 1);
	v->sel = v->tui->s.n_inputs - 1;
	prof_update(v);
	if (l.n_warnings)
		tui_message(v->tui, true, "added %s with %u %s: %s", path, l.n_warnings,
			    text_plural(l.n_warnings, "warning", "warnings"), l.first);
	else
		tui_message(v->tui, false, "added %s: %" PRIu32 " %s, now merged", path, p->funcs.n,
			    text_plural(p->funcs.n, "function", "functions"));
}

/* d: the selected profile becomes the diff's base (its mark, B); d on
 * another diffs the base against it; d on the base unpicks it. */
static void prof_pick_diff(struct view *v)
{
	struct session *s = &v->tui->s;
	uint32_t i, base = PF_NONE;

	for (i = 0; i < s->n_inputs; i++)
		if (s->inputs[i].marked)
			base = i;
	if (base == v->sel) {
		s->inputs[base].marked = false;
		tui_message(v->tui, false, "no base picked for the diff");
	} else if (base == PF_NONE) {
		s->inputs[v->sel].marked = true;
		tui_message(v->tui, false, "diff base: %s; d on another profile diffs against it",
			    s->inputs[v->sel].path);
	} else {
		s->inputs[base].marked = false;
		session_set_diff(s, base, v->sel);
		tui_open_main(v->tui, VIEW_DIFF);
	}
}

static bool prof_key(struct view *v, enum action a)
{
	if (v->nrows == 0)
		return false;
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
	case ACT_DIFF_PICK:
		prof_pick_diff(v);
		return true;
	default:
		return false;
	}
}

static void prof_free(void *priv)
{
	struct prof_view *pv = priv;

	free(pv->totals);
	free(pv);
}

static const struct table_spec prof_spec = {
    TABLE_VIEW("Profiles", VIEW_PROFILES, prof_columns, PC_PATH, prof_build, prof_cell),
    .fit = 1u << PC_PATH,
    .row_role = prof_row_role,
    .key = prof_key,
    .above = prof_above,
    .status = prof_status,
    .free_priv = prof_free,
};

struct view *view_profiles_new(struct tui *t)
{
	return table_view_new(t, &prof_spec, xcalloc(1, sizeof(struct prof_view)));
}

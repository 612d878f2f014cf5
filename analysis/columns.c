/* columns.c - column layout and cells, and the hotspot columns. */
#include "analysis/columns.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "analysis/branches.h"
#include "analysis/hotspots.h"
#include "analysis/loops.h"
#include "src/base/numeric.h"
#include "src/base/text.h"
#include "src/model/profile.h"

/* Whether column c shows once the hide least important levels are gone. */
static bool column_shown(const struct column *c, int hide)
{
	return !(c->priority && c->priority > 9 - hide);
}

#define FLEX_MIN      12 /* a flexible column's width before any column hides... */
#define FLEX_MIN_WANT 20 /* ...or its content's, up to this */

/* The width a flexible column keeps before columns hide. */
static int flex_min(const int *want, int i)
{
	int m = want && want[i] > FLEX_MIN ? want[i] : FLEX_MIN;

	return m < FLEX_MIN_WANT ? m : FLEX_MIN_WANT;
}

/* Give column i up to `to` columns from *spare. */
static void column_grow(int *w, int i, int to, int *spare)
{
	int more = to - w[i];

	if (more > *spare)
		more = *spare;
	if (more > 0) {
		w[i] += more;
		*spare -= more;
	}
}

/* The widths of the columns shown once `hide` levels are gone: each its
 * own or its minimum, then the flexible ones up to their content, then
 * the fixed ones that want more up to theirs, then the rest to the
 * flexible ones. Returns the width left over (negative: too narrow). */
static int columns_widths(const struct column *c, int n, int cols, const int *want, int hide,
			  int *w)
{
	int spare = cols, flex = 0, i, share;

	for (i = 0; i < n; i++) {
		w[i] = !column_shown(&c[i], hide) ? 0 : c[i].width ? c[i].width : flex_min(want, i);
		spare -= w[i] ? w[i] + 1 : 0;
		flex += w[i] && !c[i].width;
	}
	if (spare > 0 && want) {
		for (i = 0; i < n; i++)
			if (w[i] && !c[i].width)
				column_grow(w, i, want[i], &spare);
		for (i = 0; i < n; i++)
			if (w[i] && c[i].width)
				column_grow(w, i, want[i], &spare);
	}
	share = spare > 0 && flex ? spare / flex : 0;
	for (i = 0; i < n; i++)
		if (w[i] && !c[i].width)
			w[i] += share;
	return spare;
}

void columns_layout_fit(const struct column *c, int n, int cols, const int *want, int *x, int *w)
{
	int hide = 0, at = 0, i;

	while (columns_widths(c, n, cols, want, hide, w) < 0 && hide < 9)
		hide++; /* drop the least important columns first */
	for (i = 0; i < n; i++) {
		x[i] = at;
		if (w[i])
			at += w[i] + 1;
		if (at > cols)
			w[i] = at - w[i] - 1 < cols ? cols - (at - w[i] - 1) : 0;
	}
}

void columns_layout(const struct column *c, int n, int cols, int *x, int *w)
{
	columns_layout_fit(c, n, cols, NULL, x, w);
}

void columns_cell_clear(struct cell *c)
{
	c->text = "";
	c->role = ROLE_NORMAL;
	c->bar = -1;
	c->bar_width = 0;
	c->cut = TEXT_CUT_RIGHT;
	c->buf[0] = '\0';
}

void columns_cell_printf(struct cell *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->buf, sizeof(c->buf), fmt, ap);
	va_end(ap);
	c->text = c->buf;
}

const struct column hot_columns[HC_COUNT] = {HOT_COLUMNS(COLUMN_ROW)};

static enum role hot_class_role(enum hot_class c)
{
	return c == HOT_CLASS_HOT ? ROLE_HOT : c == HOT_CLASS_WARM ? ROLE_WARM : ROLE_COLD;
}

/* "file:line", or nothing for a function without a file. */
static void hot_location(const struct profile *p, const struct pf_function *f, struct cell *out)
{
	if (f->file == PF_NONE)
		return;
	if (f->flags & PF_HAS_LINE)
		columns_cell_printf(out, "%s:%" PRIu32, profile_str(p, f->file), f->line);
	else
		out->text = profile_str(p, f->file);
	out->role = ROLE_DIM;
	out->cut = TEXT_CUT_LEFT;
}

void columns_hotspot_cell(const struct profile *p, const struct hotspot *h, enum hot_col col,
			  struct cell *out)
{
	const struct pf_function *f = &p->funcs.v[h->func];

	switch (col) {
	case HC_SELF_PCT:
		columns_cell_printf(out, "%.1f%%", 100 * h->self_share);
		break;
	case HC_SELF:
		out->text = text_duration(out->buf, h->self_ns);
		break;
	case HC_TOTAL_PCT:
		columns_cell_printf(out, "%.1f%%", 100 * h->time_share);
		break;
	case HC_TOTAL:
		out->text = text_duration(out->buf, h->time_ns);
		break;
	case HC_CALLS:
		if (profile_counts_calls(p))
			columns_cell_printf(out, "%" PRIu64, h->calls);
		else
			out->text = "-";
		break;
	case HC_AVG:
		if (profile_counts_calls(p))
			out->text = text_duration(out->buf, u64_round_sat(h->avg_ns));
		else
			out->text = "-";
		break;
	case HC_CLASS:
		out->text = hotspots_class_name(h->cls);
		out->role = hot_class_role(h->cls);
		break;
	case HC_NAME:
		out->text = profile_str(p, f->name);
		out->cut = TEXT_CUT_MIDDLE;
		break;
	case HC_LOCATION:
		hot_location(p, f, out);
		break;
	case HC_MARK:
	case HC_COUNT:
		break;
	}
}

/* ---- branch sites ---- */

const struct column branch_columns[BC_COUNT] = {BRANCH_COLUMNS(COLUMN_ROW)};

/* Unpredictable sites are the ones to look at; biased ones get a hint. */
static enum role branch_hint_role(enum branch_hint h)
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

/* The share and the bias, "-" for a site never executed. The bar shows
 * the bias, not p_taken: 0.5 (a coin flip) is empty, 1 (always one way)
 * is full, whichever way the branch goes. */
static void branch_shares(const struct branch_stat *st, enum branch_col col, struct cell *out)
{
	if (!st->executions) {
		out->text = col == BC_BAR ? "" : "-";
		return;
	}
	if (col == BC_TAKEN_PCT) {
		columns_cell_printf(out, "%.1f%%", 100 * st->p_taken);
	} else if (col == BC_BIAS) {
		columns_cell_printf(out, "%.3f", st->bias);
	} else {
		out->bar = 2 * (st->bias - 0.5);
		out->role = ROLE_BAR;
	}
}

/* "line" or "line:column". */
static void branch_line(const struct pf_branch *b, struct cell *out)
{
	if (b->flags & PF_HAS_COLUMN)
		columns_cell_printf(out, "%" PRIu32 ":%" PRIu32, b->line, b->column);
	else
		columns_cell_printf(out, "%" PRIu32, b->line);
}

void columns_branch_cell(const struct profile *p, const struct branch_stat *st, enum branch_col col,
			 struct cell *out)
{
	const struct pf_branch *b = &p->branches.v[st->site];

	switch (col) {
	case BC_EXEC:
		columns_cell_printf(out, "%" PRIu64, st->executions);
		break;
	case BC_TAKEN:
		columns_cell_printf(out, "%" PRIu64, b->taken);
		break;
	case BC_NOT_TAKEN:
		columns_cell_printf(out, "%" PRIu64, b->not_taken);
		break;
	case BC_TAKEN_PCT:
	case BC_BIAS:
	case BC_BAR:
		branch_shares(st, col, out);
		break;
	case BC_HINT:
		out->text = branches_hint_name(st->hint);
		out->role = branch_hint_role(st->hint);
		break;
	case BC_FUNC:
		out->text = profile_str(p, p->funcs.v[b->func].name);
		out->cut = TEXT_CUT_MIDDLE;
		break;
	case BC_LINE:
		branch_line(b, out);
		break;
	case BC_ID:
		out->text = profile_str(p, b->id);
		out->role = ROLE_DIM;
		break;
	case BC_COUNT:
		break;
	}
}

/* ---- loop sites ---- */

const struct column loop_columns[LPC_COUNT] = {LOOP_COLUMNS(COLUMN_ROW)};

/* Vectorizing pays most, unrolling less; no hint is background. */
static enum role loop_hint_role(enum loop_hint h)
{
	return h == LOOP_HINT_VECTORIZE ? ROLE_HOT : h == LOOP_HINT_UNROLL ? ROLE_WARM : ROLE_DIM;
}

void columns_loop_cell(const struct profile *p, const struct loop_stat *st, enum loop_col col,
		       struct cell *out)
{
	const struct pf_loop *l = &p->loops.v[st->site];

	switch (col) {
	case LPC_TIME_PCT:
		if (st->has_time)
			columns_cell_printf(out, "%.1f%%", 100 * st->time_share);
		else
			out->text = "-";
		break;
	case LPC_TIME:
		out->text = st->has_time ? text_duration(out->buf, st->time_ns) : "-";
		break;
	case LPC_ENTRIES:
		columns_cell_printf(out, "%" PRIu64, st->entries);
		break;
	case LPC_ITERS:
		columns_cell_printf(out, "%" PRIu64, st->iterations);
		break;
	case LPC_AVG:
		columns_cell_printf(out, "%.1f", st->avg_trip);
		break;
	case LPC_HINT:
		out->text = loops_hint_name(st->hint);
		out->role = loop_hint_role(st->hint);
		break;
	case LPC_FUNC:
		out->text = profile_str(p, p->funcs.v[l->func].name);
		out->cut = TEXT_CUT_MIDDLE;
		break;
	case LPC_NAME:
		out->text = profile_str(p, l->name);
		break;
	case LPC_LINE:
		columns_cell_printf(out, "%" PRIu32, l->line);
		break;
	case LPC_COUNT:
		break;
	}
}

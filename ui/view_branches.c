/* view_branches.c - branch sites: how often each is taken, how biased it
 * is and which hint it deserves (from analysis/branches.h). */
#include "ui/ui.h"

#include <inttypes.h>
#include <stdio.h>

#include "src/base/numeric.h"
#include "src/model/profile.h"
#include "ui/table.h"

/* clang-format off */
#define BR_COLUMNS(_) \
	_(BC_EXEC, "Executions", 11, true, 4) _(BC_TAKEN_PCT, "Taken%", 7, true, 0) \
	_(BC_TAKEN, "Taken", 11, true, 7) _(BC_NOT_TAKEN, "Not taken", 11, true, 8) \
	_(BC_BIAS, "Bias", 6, true, 5) _(BC_BAR, "", 10, false, 6) \
	_(BC_HINT, "Hint", 13, false, 1) _(BC_FUNC, "Function", 0, false, 0) \
	_(BC_LINE, "Line", 8, false, 0) _(BC_ID, "Id", 10, false, 9)
/* clang-format on */
enum br_col { BR_COLUMNS(COLUMN_ENUM) BC_COUNT };

/* At 100 columns only the id hides; at 60 the function, line, taken%,
 * hint and executions stay; at 40 the function, line and taken%. */
static const struct column br_columns[BC_COUNT] = {BR_COLUMNS(COLUMN_ROW)};

enum br_key { BK_EXEC, BK_BIAS, BK_TAKEN, BK_NAME, BK_LINE };

/* Sort keys in the order `s` cycles through them. */
static const struct table_sort br_sorts[] = {
    {BK_EXEC, BC_EXEC, "executions", false},   {BK_BIAS, BC_BIAS, "bias", false},
    {BK_TAKEN, BC_TAKEN_PCT, "taken%", false}, {BK_NAME, BC_FUNC, "function", true},
    {BK_LINE, BC_LINE, "line", true},
};

/* Items are entries of s->br.v. */
static uint32_t br_build(struct view *v)
{
	return v->tui->s.br.n;
}

static const struct pf_branch *br_site(const struct view *v, uint32_t item)
{
	return &v->tui->s.merged->branches.v[v->tui->s.br.v[item].site];
}

static const char *br_name(struct view *v, uint32_t item)
{
	const struct profile *p = v->tui->s.merged;

	return profile_str(p, p->funcs.v[br_site(v, item)->func].name);
}

/* The sort key of two sites, ascending. Sites are in canonical order
 * (function, line, column, id) and function ids in name order (profile.h),
 * so the site index is the "function, then line" order, and the ties'. */
static int br_compare(struct view *v, uint32_t a, uint32_t b, unsigned key)
{
	const struct branch_stat *x = &v->tui->s.br.v[a], *y = &v->tui->s.br.v[b];
	const struct pf_branch *bx = br_site(v, a), *by = br_site(v, b);
	int r;

	switch ((enum br_key)key) {
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

/* The share and the bias, "-" for a site never executed. The bar shows
 * the bias, not p_taken: 0.5 (a coin flip) is empty, 1 (always one way)
 * is full, whichever way the branch goes. */
static void br_cell_shares(const struct branch_stat *st, int col, struct cell *out)
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

static void br_cell(struct view *v, uint32_t item, int col, struct cell *out)
{
	const struct branch_stat *st = &v->tui->s.br.v[item];
	const struct pf_branch *pb = br_site(v, item);

	switch ((enum br_col)col) {
	case BC_EXEC:
		columns_cell_printf(out, "%" PRIu64, st->executions);
		break;
	case BC_TAKEN:
		columns_cell_printf(out, "%" PRIu64, pb->taken);
		break;
	case BC_NOT_TAKEN:
		columns_cell_printf(out, "%" PRIu64, pb->not_taken);
		break;
	case BC_TAKEN_PCT:
	case BC_BIAS:
	case BC_BAR:
		br_cell_shares(st, col, out);
		break;
	case BC_HINT:
		out->text = branch_hint_name(st->hint);
		out->role = br_hint_role(st->hint);
		break;
	case BC_FUNC:
		out->text = br_name(v, item);
		break;
	case BC_LINE:
		if (pb->flags & PF_HAS_COLUMN)
			columns_cell_printf(out, "%" PRIu32 ":%" PRIu32, pb->line, pb->column);
		else
			columns_cell_printf(out, "%" PRIu32, pb->line);
		break;
	case BC_ID:
		out->text = pb->id != PF_NONE ? profile_str(v->tui->s.merged, pb->id) : "";
		out->role = ROLE_DIM;
		break;
	case BC_COUNT:
		break;
	}
}

static void br_enter(struct view *v, uint32_t item)
{
	view_function_open(v->tui, br_site(v, item)->func);
}

/* The line above the table: the whole profile's summary. */
static int br_above(struct view *v, int y, int h)
{
	const struct branches *br = &v->tui->s.br;
	char buf[160];

	(void)h;
	snprintf(buf, sizeof(buf),
		 "%" PRIu32 " sites, %" PRIu64 " executions: %.1f%% in biased sites, "
		 "%.1f%% unpredictable",
		 br->n, br->executions, 100 * br->biased_share, 100 * br->unpredictable_share);
	if (draw_width(buf) > v->tui->cols - 2) /* a narrow terminal: the shares first */
		snprintf(buf, sizeof(buf), "%" PRIu32 " sites, %.1f%% biased, %.1f%% unpred.",
			 br->n, 100 * br->biased_share, 100 * br->unpredictable_share);
	draw_text(y, 1, v->tui->cols - 2, buf, ROLE_NORMAL, false);
	return 1;
}

/* No sites: the seed format's aggregate percentages, or nothing. */
static bool br_nothing(struct view *v, int y, int h)
{
	const struct branches *br = &v->tui->s.br;
	char buf[160];

	(void)h;
	if (br->n)
		return false;
	if (br->has_legacy)
		snprintf(buf, sizeof(buf), "aggregate only: %.1f%% taken, %.1f%% not taken",
			 br->legacy_taken, br->legacy_not_taken);
	else
		snprintf(buf, sizeof(buf), "the profile has no branch sites");
	draw_text(y, 1, v->tui->cols - 2, buf, br->has_legacy ? ROLE_NORMAL : ROLE_DIM, false);
	return true;
}

static const struct table_spec br_spec = {
    TABLE_VIEW("Branches", VIEW_BRANCHES, br_columns, br_build, br_name, br_cell),
    TABLE_SORTS(br_sorts, BK_NAME, br_compare),
    .keep_row = true,
    .filter_prompt = "filter functions: ",
    .enter = br_enter,
    .above = br_above,
    .nothing = br_nothing,
    .no_match = "no branch site matches (F clears the filter)",
};

struct view *view_branches_new(struct tui *t)
{
	return table_view_new(t, &br_spec, NULL);
}

/* view_branches.c - branch sites: how often each is taken, how biased it
 * is and which hint it deserves (from analysis/branches.h). */
#include "ui/view.h"

#include <inttypes.h>
#include <stdio.h>

#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/draw.h"
#include "ui/table.h"

/* Sort keys in the order `s` cycles through them. */
static const struct table_sort br_sorts[] = {
    {BRANCHES_BY_EXECUTIONS, BC_EXEC, "executions", false},
    {BRANCHES_BY_BIAS, BC_BIAS, "bias", false},
    {BRANCHES_BY_TAKEN, BC_TAKEN_PCT, "taken%", false},
    {BRANCHES_BY_SITE, BC_FUNC, "function", true},
    {BRANCHES_BY_LINE, BC_LINE, "line", true},
};

/* Items are entries of the session's branches (session_branches()). */
static uint32_t br_build(struct view *v)
{
	return session_branches(&v->tui->s)->n;
}

static const struct branch_stat *br_at(struct view *v, uint32_t item)
{
	return &session_branches(&v->tui->s)->v[item];
}

/* Sites are in canonical order (function, line, column, id) and function
 * ids in name order (profile.h), so the site order is the "function, then
 * line" order, and the ties'. */
static int br_compare(struct view *v, uint32_t a, uint32_t b, unsigned key)
{
	return branches_compare(v->tui->s.merged, br_at(v, a), br_at(v, b), (enum branches_key)key);
}

static void br_cell(struct view *v, uint32_t item, int col, struct cell *out)
{
	columns_branch_cell(v->tui->s.merged, br_at(v, item), (enum branch_col)col, out);
}

static const char *br_file(struct view *v, uint32_t item)
{
	const struct profile *p = v->tui->s.merged;

	return table_func_file(v, p->branches.v[br_at(v, item)->site].func);
}

static void br_enter(struct view *v, uint32_t item)
{
	const struct profile *p = v->tui->s.merged;

	view_function_open(v->tui, p->branches.v[br_at(v, item)->site].func);
}

/* The line above the table: the whole profile's summary. */
static int br_above(struct view *v, int y, int h)
{
	const struct branches *br = session_branches(&v->tui->s);
	char buf[160];

	(void)h;
	snprintf(buf, sizeof(buf),
		 "%" PRIu32 " %s, %" PRIu64 " %s: %.1f%% in biased sites, %.1f%% unpredictable",
		 br->n, text_plural(br->n, "site", "sites"), br->executions,
		 text_plural(br->executions, "execution", "executions"), 100 * br->biased_share,
		 100 * br->unpredictable_share);
	if (draw_width(buf) > v->tui->cols - 2) /* a narrow terminal: the shares first */
		snprintf(buf, sizeof(buf), "%" PRIu32 " %s, %.1f%% biased, %.1f%% unpred.", br->n,
			 text_plural(br->n, "site", "sites"), 100 * br->biased_share,
			 100 * br->unpredictable_share);
	draw_text(y, 1, v->tui->cols - 2, buf, ROLE_NORMAL, false);
	return 1;
}

/* No sites: the seed format's aggregate percentages, or nothing. */
static bool br_nothing(struct view *v, int y, int h)
{
	const struct branches *br = session_branches(&v->tui->s);
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
    TABLE_VIEW("Branches", VIEW_BRANCHES, branch_columns, BC_FUNC, br_build, br_cell),
    .fit = 1u << BC_FUNC,
    .file = br_file,
    TABLE_SORTS(br_sorts, BRANCHES_BY_SITE, br_compare),
    .keep_row = true,
    .filter_prompt = "filter functions (file:X, mod:X): ",
    .enter = br_enter,
    .above = br_above,
    .nothing = br_nothing,
    .no_match = "no branch site matches (F clears the filter)",
};

struct view *view_branches_new(struct tui *t)
{
	return table_view_new(t, &br_spec, NULL);
}

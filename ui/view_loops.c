/* view_loops.c - loop sites: time, trip counts and an unroll/vectorize
 * hint (from analysis/loops.h); for seed-format profiles, the names of
 * their hot loops. */
#include "ui/view.h"

#include <inttypes.h>
#include <stdio.h>

#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/table.h"

/* The seed format's loops.hot: one column of names. */
static const struct column lp_legacy_columns[] = {{"Hot loops (names only)", 0, false, 0}};

static const struct table_spec lp_spec, lp_legacy_spec;

/* Sort keys in the order `s` cycles through them. */
static const struct table_sort lp_sorts[] = {
    {LOOPS_BY_TIME, LPC_TIME_PCT, "time", false},
    {LOOPS_BY_ITERATIONS, LPC_ITERS, "iterations", false},
    {LOOPS_BY_AVG_TRIP, LPC_AVG, "avg trip", false},
    {LOOPS_BY_ENTRIES, LPC_ENTRIES, "entries", false},
    {LOOPS_BY_SITE, LPC_FUNC, "function", true},
};

/* Items are entries of the session's loops (session_loops()) or, without
 * sites, the seed format's hot loop names (merged->legacy_hot.v), with
 * their own spec. */
static uint32_t lp_build(struct view *v)
{
	uint32_t n = session_loops(&v->tui->s)->n;

	table_set_spec(v, n ? &lp_spec : &lp_legacy_spec);
	return n ? n : v->tui->s.merged->legacy_hot.n;
}

static const struct loop_stat *lp_at(struct view *v, uint32_t item)
{
	return &session_loops(&v->tui->s)->v[item];
}

/* Sites are in canonical order (function, line, name) and function ids in
 * name order (profile.h), so the site order is the "function, then line"
 * order, and the ties'. */
static int lp_compare(struct view *v, uint32_t a, uint32_t b, unsigned key)
{
	return loops_compare(lp_at(v, a), lp_at(v, b), (enum loops_key)key);
}

static void lp_cell(struct view *v, uint32_t item, int col, struct cell *out)
{
	columns_loop_cell(v->tui->s.merged, lp_at(v, item), (enum loop_col)col, out);
}

static const char *lp_file(struct view *v, uint32_t item)
{
	const struct profile *p = v->tui->s.merged;

	return table_func_file(v, p->loops.v[lp_at(v, item)->site].func);
}

static void lp_enter(struct view *v, uint32_t item)
{
	const struct profile *p = v->tui->s.merged;

	view_function_open(v->tui, p->loops.v[lp_at(v, item)->site].func);
}

static const struct table_spec lp_spec = {
    TABLE_VIEW("Loops", VIEW_LOOPS, loop_columns, LPC_FUNC, lp_build, lp_cell),
    .fit = 1u << LPC_FUNC,
    .file = lp_file,
    TABLE_SORTS(lp_sorts, LOOPS_BY_SITE, lp_compare),
    .keep_row = true,
    .filter_prompt = "filter functions (file:X, mod:X): ",
    .enter = lp_enter,
    .no_match = "no loop site matches (F clears the filter)",
};

/* ---- the seed format's hot loop names ---- */

static const char *lp_legacy_name(struct view *v, uint32_t item)
{
	const struct profile *p = v->tui->s.merged;

	return profile_str(p, p->legacy_hot.v[item]);
}

static void lp_legacy_cell(struct view *v, uint32_t item, int col, struct cell *out)
{
	(void)col;
	out->text = lp_legacy_name(v, item);
}

/* Enter: the function a hot loop name names. */
static void lp_legacy_enter(struct view *v, uint32_t item)
{
	const char *name = lp_legacy_name(v, item);
	uint32_t func = profile_find_function(v->tui->s.merged, name);

	if (func != PF_NONE)
		view_function_open(v->tui, func);
	else
		tui_message(v->tui, true, "no function named \"%s\" in the profile", name);
}

static bool lp_legacy_key(struct view *v, enum action a)
{
	if (a != ACT_SORT && a != ACT_SORT_REVERSE)
		return false;
	tui_message(v->tui, false, "hot loop names only: nothing to sort by");
	return true;
}

static bool lp_legacy_nothing(struct view *v, int y, int h)
{
	(void)h;
	if (v->tui->s.merged->legacy_hot.n)
		return false;
	draw_text(y, 1, v->tui->cols - 2, "the profile has no loop sites", ROLE_DIM, false);
	return true;
}

static const char *lp_legacy_status(struct view *v)
{
	(void)v;
	return "names only";
}

static const struct table_spec lp_legacy_spec = {
    TABLE_VIEW("Loops", VIEW_LOOPS, lp_legacy_columns, 0, lp_build, lp_legacy_cell),
    .filter_prompt = "filter loops: ",
    .enter = lp_legacy_enter,
    .key = lp_legacy_key,
    .nothing = lp_legacy_nothing,
    .status = lp_legacy_status,
    .no_match = "no loop matches (F clears the filter)",
};

struct view *view_loops_new(struct tui *t)
{
	return table_view_new(t, &lp_spec, NULL);
}

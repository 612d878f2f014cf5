/* view_loops.c - loop sites: time, trip counts and an unroll/vectorize
 * hint (from analysis/loops.h); for seed-format profiles, the names of
 * their hot loops. */
#include "ui/ui.h"

#include <inttypes.h>
#include <stdio.h>

#include "src/base/numeric.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/table.h"

/* clang-format off */
#define LP_COLUMNS(_) \
	_(LC_TIME_PCT, "Time%", 7, true, 0) _(LC_TIME, "Time", 9, true, 4) \
	_(LC_ENTRIES, "Entries", 11, true, 6) _(LC_ITERS, "Iterations", 11, true, 5) \
	_(LC_AVG, "Avg trip", 9, true, 2) _(LC_HINT, "Hint", 9, false, 1) \
	_(LC_FUNC, "Function", 0, false, 0) _(LC_NAME, "Loop", 10, false, 3) \
	_(LC_LINE, "Line", 6, false, 0)
/* clang-format on */
enum lp_col { LP_COLUMNS(COLUMN_ENUM) LC_COUNT };

/* Everything fits in 100 columns; at 60 the time share, average trip,
 * hint, function, loop name and line stay; at 40 the loop name goes. */
static const struct column lp_columns[LC_COUNT] = {LP_COLUMNS(COLUMN_ROW)};

/* The seed format's loops.hot: one column of names. */
static const struct column lp_legacy_columns[] = {{"Hot loops (names only)", 0, false, 0}};

static const struct table_spec lp_spec, lp_legacy_spec;

enum lp_key { LK_TIME, LK_ITERS, LK_AVG, LK_ENTRIES, LK_NAME };

/* Sort keys in the order `s` cycles through them. */
static const struct table_sort lp_sorts[] = {
    {LK_TIME, LC_TIME_PCT, "time", false}, {LK_ITERS, LC_ITERS, "iterations", false},
    {LK_AVG, LC_AVG, "avg trip", false},   {LK_ENTRIES, LC_ENTRIES, "entries", false},
    {LK_NAME, LC_FUNC, "function", true},
};

/* Items are entries of s->lp.v or, without sites, the seed format's hot
 * loop names (merged->legacy_hot.v), with their own spec. */
static uint32_t lp_build(struct view *v)
{
	const struct session *s = &v->tui->s;

	table_set_spec(v, s->lp.n ? &lp_spec : &lp_legacy_spec);
	return s->lp.n ? s->lp.n : s->merged->legacy_hot.n;
}

static const struct pf_loop *lp_site(const struct view *v, uint32_t item)
{
	return &v->tui->s.merged->loops.v[v->tui->s.lp.v[item].site];
}

static const char *lp_name(struct view *v, uint32_t item)
{
	const struct profile *p = v->tui->s.merged;

	return profile_str(p, p->funcs.v[lp_site(v, item)->func].name);
}

/* The sort key of two sites, ascending. Sites are in canonical order
 * (function, line, name) and function ids in name order (profile.h), so
 * the site index is the "function, then line" order, and the ties'. Time
 * ties go by iterations, as in loops_compute(). */
static int lp_compare(struct view *v, uint32_t a, uint32_t b, unsigned key)
{
	const struct loop_stat *x = &v->tui->s.lp.v[a], *y = &v->tui->s.lp.v[b];
	int r;

	switch ((enum lp_key)key) {
	case LK_TIME:
		r = cmp_u64(x->time_ns, y->time_ns);
		return r ? r : cmp_u64(x->iterations, y->iterations);
	case LK_ITERS:
		return cmp_u64(x->iterations, y->iterations);
	case LK_AVG:
		return cmp_double(x->avg_trip, y->avg_trip);
	case LK_ENTRIES:
		return cmp_u64(x->entries, y->entries);
	case LK_NAME:
	default:
		return cmp_u64(x->site, y->site);
	}
}

/* Vectorizing pays most, unrolling less; no hint is background. */
static enum role lp_hint_role(enum loop_hint h)
{
	return h == LOOP_HINT_VECTORIZE ? ROLE_HOT : h == LOOP_HINT_UNROLL ? ROLE_WARM : ROLE_DIM;
}

static void lp_cell(struct view *v, uint32_t item, int col, struct cell *out)
{
	const struct loop_stat *st = &v->tui->s.lp.v[item];
	const struct pf_loop *pl = lp_site(v, item);

	switch ((enum lp_col)col) {
	case LC_TIME_PCT: /* "-" for a site without time */
		if (st->has_time)
			columns_cell_printf(out, "%.1f%%", 100 * st->time_share);
		else
			out->text = "-";
		break;
	case LC_TIME:
		out->text = st->has_time ? text_duration(out->buf, st->time_ns) : "-";
		break;
	case LC_ENTRIES:
		columns_cell_printf(out, "%" PRIu64, st->entries);
		break;
	case LC_ITERS:
		columns_cell_printf(out, "%" PRIu64, st->iterations);
		break;
	case LC_AVG:
		columns_cell_printf(out, "%.1f", st->avg_trip);
		break;
	case LC_HINT:
		out->text = loop_hint_name(st->hint);
		out->role = lp_hint_role(st->hint);
		break;
	case LC_FUNC:
		out->text = lp_name(v, item);
		break;
	case LC_NAME:
		out->text = profile_str(v->tui->s.merged, pl->name);
		break;
	case LC_LINE:
		columns_cell_printf(out, "%" PRIu32, pl->line);
		break;
	case LC_COUNT:
		break;
	}
}

static void lp_enter(struct view *v, uint32_t item)
{
	view_function_open(v->tui, lp_site(v, item)->func);
}

static const struct table_spec lp_spec = {
    TABLE_VIEW("Loops", VIEW_LOOPS, lp_columns, lp_build, lp_name, lp_cell),
    TABLE_SORTS(lp_sorts, LK_NAME, lp_compare),
    .keep_row = true,
    .filter_prompt = "filter functions: ",
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
    TABLE_VIEW("Loops", VIEW_LOOPS, lp_legacy_columns, lp_build, lp_legacy_name, lp_legacy_cell),
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

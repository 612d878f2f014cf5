#include "analysis/branches.h"

#include <stdlib.h>

#include "src/base/alloc.h"
#include "src/base/error.h"
#include "src/base/numeric.h"
#include "src/base/sort.h"
#include "src/model/profile.h"

#define BRANCH_HINT_NAME(name, str) str,
static const char *const hint_names[] = {BRANCH_HINTS(BRANCH_HINT_NAME)};
#undef BRANCH_HINT_NAME

struct branches_opts branches_opts_default(void)
{
	struct branches_opts o = BRANCHES_OPTS_DEFAULT;

	return o;
}

const char *branches_hint_name(enum branch_hint hint)
{
	return (unsigned)hint < BRANCH_HINT_COUNT ? hint_names[hint] : "";
}

/* Taken probability; 0 when never executed. Dividing the two doubles
 * (rather than by a u64 sum) cannot overflow. */
static double p_taken(uint64_t taken, uint64_t not_taken)
{
	double t = (double)taken, all = (double)taken + (double)not_taken;

	return all > 0 ? t / all : 0.0;
}

enum branch_hint branches_classify(uint64_t taken, uint64_t not_taken,
				   const struct branches_opts *opts)
{
	struct branches_opts defaults = branches_opts_default();
	double p = p_taken(taken, not_taken);

	if (!opts)
		opts = &defaults;
	if (taken == 0 && not_taken == 0)
		return BRANCH_HINT_NONE;
	if (p >= opts->likely)
		return BRANCH_HINT_LIKELY;
	if (p <= opts->unlikely)
		return BRANCH_HINT_UNLIKELY;
	if (p >= opts->unpredictable_lo && p <= opts->unpredictable_hi)
		return BRANCH_HINT_UNPREDICTABLE;
	return BRANCH_HINT_NONE;
}

/* Executions descending, then site index ascending. */
static uint64_t stat_key(const void *a)
{
	return ((const struct branch_stat *)a)->executions;
}

void branches_compute(const struct profile *p, const struct branches_opts *opts,
		      struct branches *out)
{
	struct branches_opts defaults = branches_opts_default();
	uint32_t i;

	if (!opts)
		opts = &defaults;
	*out = (struct branches){0};
	out->n = p->branches.n;
	out->v = xcalloc(out->n ? out->n : 1, sizeof(*out->v));
	for (i = 0; i < out->n; i++) {
		const struct pf_branch *b = &p->branches.v[i];
		struct branch_stat *s = &out->v[i];

		s->site = i;
		s->executions = add_sat_u64(b->taken, b->not_taken);
		s->hint = branches_classify(b->taken, b->not_taken, opts);
		if (s->executions) {
			s->p_taken = p_taken(b->taken, b->not_taken);
			s->bias = s->p_taken >= 0.5 ? s->p_taken : 1.0 - s->p_taken;
		}
		out->executions = add_sat_u64(out->executions, s->executions);
		if (s->hint == BRANCH_HINT_LIKELY || s->hint == BRANCH_HINT_UNLIKELY)
			out->biased = add_sat_u64(out->biased, s->executions);
		else if (s->hint == BRANCH_HINT_UNPREDICTABLE)
			out->unpredictable = add_sat_u64(out->unpredictable, s->executions);
	}
	sort_desc_u64(out->v, out->n, sizeof(*out->v), stat_key); /* ties: by site */
	out->biased_share = share_of(out->biased, out->executions);
	out->unpredictable_share = share_of(out->unpredictable, out->executions);
	out->has_legacy = p->has_legacy_branches;
	out->legacy_taken = p->legacy_taken;
	out->legacy_not_taken = p->legacy_not_taken;
}

int branches_compare(const struct profile *p, const struct branch_stat *x,
		     const struct branch_stat *y, enum branches_key key)
{
	const struct pf_branch *bx = &p->branches.v[x->site], *by = &p->branches.v[y->site];
	int r;

	switch (key) {
	case BRANCHES_BY_EXECUTIONS:
		return cmp_u64(x->executions, y->executions);
	case BRANCHES_BY_BIAS:
		return cmp_double(x->bias, y->bias);
	case BRANCHES_BY_TAKEN:
		return cmp_double(x->p_taken, y->p_taken);
	case BRANCHES_BY_LINE:
		r = cmp_u64(bx->line, by->line);
		return r ? r
			 : cmp_u64(bx->flags & PF_HAS_COLUMN ? bx->column + 1ull : 0,
				   by->flags & PF_HAS_COLUMN ? by->column + 1ull : 0);
	case BRANCHES_BY_SITE:
		break;
	}
	return cmp_u64(x->site, y->site);
}

void branches_free(struct branches *b)
{
	free(b->v);
	*b = (struct branches){0};
}

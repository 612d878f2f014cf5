#include "analysis/loops.h"

#include <stdlib.h>

#include "src/base/alloc.h"
#include "src/base/error.h"
#include "src/base/numeric.h"
#include "src/base/sort.h"
#include "src/model/profile.h"

#define LOOP_HINT_NAME(name, str) str,
static const char *const hint_names[] = {LOOP_HINTS(LOOP_HINT_NAME)};
#undef LOOP_HINT_NAME

struct loops_opts loops_opts_default(void)
{
	struct loops_opts o = LOOPS_OPTS_DEFAULT;

	return o;
}

const char *loops_hint_name(enum loop_hint hint)
{
	return (unsigned)hint < LOOP_HINT_COUNT ? hint_names[hint] : "";
}

enum loop_hint loops_classify(double avg_trip, const struct loops_opts *opts)
{
	struct loops_opts defaults = loops_opts_default();

	if (!opts)
		opts = &defaults;
	if (avg_trip > 0 && avg_trip <= opts->unroll_max)
		return LOOP_HINT_UNROLL;
	if (avg_trip > 0 && avg_trip >= opts->vectorize_min)
		return LOOP_HINT_VECTORIZE;
	return LOOP_HINT_NONE;
}

static uint64_t time_key(const void *a)
{
	return ((const struct loop_stat *)a)->time_ns;
}

static uint64_t iterations_key(const void *a)
{
	return ((const struct loop_stat *)a)->iterations;
}

int loops_compare(const struct loop_stat *x, const struct loop_stat *y, enum loops_key key)
{
	int r;

	switch (key) {
	case LOOPS_BY_TIME:
		r = cmp_u64(x->time_ns, y->time_ns);
		return r ? r : cmp_u64(x->iterations, y->iterations);
	case LOOPS_BY_ITERATIONS:
		return cmp_u64(x->iterations, y->iterations);
	case LOOPS_BY_AVG_TRIP:
		return cmp_double(x->avg_trip, y->avg_trip);
	case LOOPS_BY_ENTRIES:
		return cmp_u64(x->entries, y->entries);
	case LOOPS_BY_SITE:
		break;
	}
	return cmp_u64(x->site, y->site);
}

void loops_compute(const struct profile *p, const struct loops_opts *opts, struct loops *out)
{
	struct loops_opts defaults = loops_opts_default();
	uint32_t i;

	if (!opts)
		opts = &defaults;
	*out = (struct loops){0};
	out->n = p->loops.n;
	out->v = xcalloc(out->n ? out->n : 1, sizeof(*out->v));
	out->total = profile_total_self(p);
	for (i = 0; i < out->n; i++) {
		const struct pf_loop *l = &p->loops.v[i];
		struct loop_stat *s = &out->v[i];

		s->site = i;
		s->entries = l->entries;
		s->iterations = l->iterations;
		s->avg_trip = l->entries ? (double)l->iterations / (double)l->entries : 0.0;
		s->hint = loops_classify(s->avg_trip, opts);
		s->has_time = (l->flags & PF_HAS_TIME) != 0;
		s->time_ns = s->has_time ? l->time_ns : 0;
		if (!s->has_time)
			s->time_share = -1.0;
		else if (out->total)
			s->time_share = (double)s->time_ns / (double)out->total;
	}
	/* time_ns descending, iterations descending, site ascending: stable
	 * sorts, the least important key first */
	sort_desc_u64(out->v, out->n, sizeof(*out->v), iterations_key);
	sort_desc_u64(out->v, out->n, sizeof(*out->v), time_key);
}

void loops_free(struct loops *l)
{
	free(l->v);
	*l = (struct loops){0};
}

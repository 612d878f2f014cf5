#define _GNU_SOURCE
#include "analysis/hotspots.h"

#include <stdlib.h>

#include "src/base/alloc.h"
#include "src/base/error.h"
#include "src/base/numeric.h"
#include "src/base/sort.h"
#include "src/model/profile.h"

typedef unsigned __int128 u128;

#define HOT_CLASS_NAME(name, str) str,
static const char *const class_names[] = {HOT_CLASSES(HOT_CLASS_NAME)};
#undef HOT_CLASS_NAME

struct hotspots_opts hotspots_opts_default(void)
{
	struct hotspots_opts o = HOTSPOTS_OPTS_DEFAULT;

	return o;
}

const char *hotspots_class_name(enum hot_class cls)
{
	return (unsigned)cls < HOT_CLASS_COUNT ? class_names[cls] : "";
}

/* Whether part is at least pct percent of total, exactly. */
static bool reaches_percent(u128 part, u128 total, unsigned pct)
{
	return part * 100 >= total * pct;
}

/* Rank order: self_ns descending, then function id ascending (the
 * order of the entries before the sort, which is stable). */
static uint64_t rank_key(const void *a)
{
	return ((const struct hotspot *)a)->self_ns;
}

/* Never run: no calls, or, in a sampled profile (which cannot count
 * calls), no sample at all. */
static bool never_run(const struct hotspot *h, bool counts_calls)
{
	return h->calls == 0 && (counts_calls || h->time_ns == 0);
}

/* The class of the samples a function is on the stack of, in a sampled
 * profile: the bars its own samples clear in the self-time rank whatever
 * ranks before it (above 1 - hot_cutoff of the total it is hot there,
 * above 1 - cold_cutoff not cold). */
static enum hot_class classify_on_stack(const struct hotspot *h, u128 total, uint64_t hot_ppb,
					uint64_t cold_ppb)
{
	if (hot_ppb <= PPB && cmp_share_ppb(h->time_ns, total, PPB - hot_ppb) > 0)
		return HOT_CLASS_HOT;
	if (cold_ppb <= PPB && cmp_share_ppb(h->time_ns, total, PPB - cold_ppb) > 0)
		return HOT_CLASS_WARM;
	return HOT_CLASS_COLD;
}

static enum hot_class classify(const struct hotspot *h, u128 before, u128 total, uint64_t hot_ppb,
			       uint64_t cold_ppb, bool counts_calls)
{
	enum hot_class cls = HOT_CLASS_WARM, stack;

	if (never_run(h, counts_calls))
		return HOT_CLASS_COLD;
	if (cmp_share_ppb(before, total, hot_ppb) < 0)
		cls = HOT_CLASS_HOT;
	else if (cmp_share_ppb(before, total, cold_ppb) >= 0)
		cls = HOT_CLASS_COLD;
	if (counts_calls)
		return cls;
	stack = classify_on_stack(h, total, hot_ppb, cold_ppb);
	return stack < cls ? stack : cls;
}

/* Cumulative shares, classes and the 50/90/99 % counts, in rank order. */
static void rank_entries(struct hotspots *out, const struct hotspots_opts *opts, bool counts_calls,
			 u128 total)
{
	uint64_t hot_ppb = share_to_ppb(opts->hot_cutoff);
	uint64_t cold_ppb = share_to_ppb(opts->cold_cutoff);
	u128 cum = 0;
	uint32_t i;

	for (i = 0; i < out->n; i++) {
		struct hotspot *h = &out->v[i];
		u128 before = cum;

		cum += h->self_ns;
		h->rank = i;
		h->cum_share = total ? (double)cum / (double)total : 0.0;
		h->cls = classify(h, before, total, hot_ppb, cold_ppb, counts_calls);
		out->count[h->cls]++;
		if (total == 0)
			continue;
		if (!out->n50 && reaches_percent(cum, total, 50))
			out->n50 = i + 1;
		if (!out->n90 && reaches_percent(cum, total, 90))
			out->n90 = i + 1;
		if (!out->n99 && reaches_percent(cum, total, 99))
			out->n99 = i + 1;
	}
}

void hotspots_compute(const struct profile *p, const struct hotspots_opts *opts,
		      struct hotspots *out)
{
	struct hotspots_opts defaults = hotspots_opts_default();
	u128 total = profile_total_self_exact(p);
	double total_d = (double)total;
	uint32_t i;

	*out = (struct hotspots){0};
	out->n = p->funcs.n;
	out->v = xcalloc(out->n ? out->n : 1, sizeof(*out->v));
	out->total = profile_total_self(p);
	for (i = 0; i < out->n; i++) {
		const struct pf_function *f = &p->funcs.v[i];
		struct hotspot *h = &out->v[i];

		h->func = i;
		h->calls = f->calls;
		h->time_ns = f->time_ns;
		h->self_ns = f->self_ns;
		h->self_share = total ? (double)f->self_ns / total_d : 0.0;
		h->time_share = total ? (double)f->time_ns / total_d : 0.0;
		h->avg_ns = f->calls ? (double)f->time_ns / (double)f->calls : 0.0;
	}
	sort_desc_u64(out->v, out->n, sizeof(*out->v), rank_key);
	rank_entries(out, opts ? opts : &defaults, profile_counts_calls(p), total);
}

const char *hotspots_saturated(const struct profile *p)
{
	return profile_total_self_exact(p) > UINT64_MAX
		   ? "the total self time is above 2^64-1 ns and is shown clamped at "
		     "18446744074 s; shares are of the exact sum"
		   : NULL;
}

void hotspots_free(struct hotspots *h)
{
	free(h->v);
	*h = (struct hotspots){0};
}

uint64_t hotspots_rank(const struct hotspot *h, enum hotspots_key key)
{
	switch (key) {
	case HOTSPOTS_BY_SELF:
		return h->self_ns;
	case HOTSPOTS_BY_TIME:
		return h->time_ns;
	case HOTSPOTS_BY_CALLS:
		return h->calls;
	case HOTSPOTS_BY_AVG:
		return u64_rank_double(h->avg_ns);
	case HOTSPOTS_BY_NAME:
		break;
	}
	return h->func;
}

int hotspots_compare(const struct hotspot *x, const struct hotspot *y, enum hotspots_key key)
{
	return cmp_u64(hotspots_rank(x, key), hotspots_rank(y, key));
}

struct sort_key {
	enum hotspots_key key;
	bool descending;
};

static int cmp_key(const void *a, const void *b, void *arg)
{
	const struct hotspot *x = a, *y = b;
	const struct sort_key *k = arg;
	int r = hotspots_compare(x, y, k->key);

	if (k->descending)
		r = -r;
	return r ? r : cmp_u64(x->func, y->func);
}

void hotspots_sort(struct hotspot *v, uint32_t n, enum hotspots_key key, bool descending)
{
	struct sort_key k = {key, descending};

	qsort_r(v, n, sizeof(*v), cmp_key, &k);
}

const char *hotspots_no_time(const struct profile *p)
{
	if (!p->funcs.n || profile_total_self(p) != 0)
		return NULL;
	if (!profile_counts_calls(p))
		return "no time recorded (no sample: a run shorter than the sampling period?)";
	/* libvitprof samples each thread's CPU time at the kernel's tick by default */
	return "no time recorded (a run shorter than the runtime's tick? VITPROF_CLOCK=precise "
	       "times every call)";
}

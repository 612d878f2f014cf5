/* hotspots.h - where the time goes: per-function shares and a hot/warm/cold
 * classification of a finalized profile.
 *
 * Pure: no I/O. The rank order is self_ns descending, ties by function id
 * (which is name order after profile_finalize()); the classification and
 * the cumulative shares always come from that order, whatever order the
 * caller re-sorts the result into with hotspots_sort().
 */
#ifndef VITTE_HOTSPOTS_H
#define VITTE_HOTSPOTS_H

#include <stdbool.h>
#include <stdint.h>

struct profile;

#define HOT_CLASSES(_)                                                                             \
	_(HOT, "hot")                                                                              \
	_(WARM, "warm")                                                                            \
	_(COLD, "cold")

#define HOT_CLASS_ENUM(name, str) HOT_CLASS_##name,
enum hot_class { HOT_CLASSES(HOT_CLASS_ENUM) HOT_CLASS_COUNT };
#undef HOT_CLASS_ENUM

/* Cutoffs are shares of the total self time, in [0, 1]; they are compared
 * exactly after rounding to parts per billion. */
struct hotspots_opts {
	double hot_cutoff;  /* hot while the share ranked before is below it; 0.90 */
	double cold_cutoff; /* cold once the share ranked before reaches it; 0.99 */
};

/* The defaults above, as an initializer and as a value. */
/* clang-format off */
#define HOTSPOTS_OPTS_DEFAULT {.hot_cutoff = 0.90, .cold_cutoff = 0.99}
/* clang-format on */
struct hotspots_opts hotspots_opts_default(void);

struct hotspot {
	uint32_t func; /* function id */
	uint32_t rank; /* 0-based position in the rank order */
	uint64_t calls, time_ns, self_ns;
	double self_share; /* self_ns / total */
	double time_share; /* time_ns (inclusive) / total; may exceed 1 with recursion */
	double cum_share;  /* self share of ranks 0..rank, this one included */
	double avg_ns;	   /* time_ns (inclusive) / calls, 0 when calls is 0 (or unknown:
			      profile_counts_calls) */
	enum hot_class cls;
};

struct hotspots {
	struct hotspot *v; /* one per function, owned; rank order after compute */
	uint32_t n;
	uint64_t total; /* profile_total_self(): clamped at 2^64-1; shares are
			   of the exact sum all the same, and add up to 100 % */
	/* The fewest top-ranked functions whose self time reaches 50, 90 and
	 * 99 % of the total (exactly, in integers); 0 when the total is 0. */
	uint32_t n50, n90, n99;
	uint32_t count[HOT_CLASS_COUNT]; /* functions per class */
};

/* "hot", "warm" or "cold" ("" when out of range). */
const char *hotspots_class_name(enum hot_class cls);

/* Fill *out with one entry per function of p, in rank order. opts may be
 * NULL for hotspots_opts_default(). A function is cold when it has no calls
 * (in a sampled profile, which cannot count calls: when it has no time),
 * otherwise hot while the share ranked before it is below hot_cutoff, cold
 * when that share is at or above cold_cutoff, warm in between. A sampled
 * profile measures no calls but, for each function, the samples it is on
 * the stack of (time_ns): there a function is also hot when those are
 * above 1 - hot_cutoff of the total, and not cold when above 1 -
 * cold_cutoff (the bars its self time clears whatever ranks before it),
 * so that main, on nearly every stack, is not cold for doing little
 * itself. With a total of 0 every share is 0, never NaN (so, with the
 * default cutoffs, every called function is hot: nothing says it is
 * not). Free with hotspots_free(). */
void hotspots_compute(const struct profile *p, const struct hotspots_opts *opts,
		      struct hotspots *out);

/* Why p, which has functions, has no time at all, as a sentence for the
 * user ("no time recorded (...)"); NULL when it has time or nothing. */
const char *hotspots_no_time(const struct profile *p);

/* What the user should know of p's total self time when it is above
 * 2^64-1 ns (shown clamped), as a sentence; NULL when it is not. */
const char *hotspots_saturated(const struct profile *p);

/* Free what hotspots_compute() allocated; *h is left empty. */
void hotspots_free(struct hotspots *h);

enum hotspots_key {
	HOTSPOTS_BY_SELF,
	HOTSPOTS_BY_TIME, /* inclusive time */
	HOTSPOTS_BY_CALLS,
	HOTSPOTS_BY_NAME, /* function id, which is name order */
	HOTSPOTS_BY_AVG,
};

/* x against y by key alone, ascending (-1, 0 or 1); BY_NAME compares
 * function ids. */
int hotspots_compare(const struct hotspot *x, const struct hotspot *y, enum hotspots_key key);
/* h's rank by key: hotspots_compare() is the comparison of ranks (for
 * the browser's radix sorts). */
uint64_t hotspots_rank(const struct hotspot *h, enum hotspots_key key);

/* Re-sort entries for display by key, descending or ascending; ties go by
 * name ascending in either direction (so BY_SELF descending is the rank
 * order). Only the order changes: ranks, classes and cumulative shares stay
 * those of the rank order. */
void hotspots_sort(struct hotspot *v, uint32_t n, enum hotspots_key key, bool descending);

#endif

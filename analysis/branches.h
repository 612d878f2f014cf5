/* branches.h - branch sites of a finalized profile: how biased each one is
 * and which hint it deserves.
 *
 * Pure: no I/O. p is taken / (taken + not_taken), computed in double: the
 * division is correctly rounded, so a site exactly at a threshold (270 of
 * 300 at 0.90) counts as at it for any realistic count.
 */
#ifndef VITTE_BRANCHES_H
#define VITTE_BRANCHES_H

#include <stdbool.h>
#include <stdint.h>

struct profile;

#define BRANCH_HINTS(_)                                                                            \
	_(NONE, "none")                                                                            \
	_(LIKELY, "likely")                                                                        \
	_(UNLIKELY, "unlikely")                                                                    \
	_(UNPREDICTABLE, "unpredictable")

#define BRANCH_HINT_ENUM(name, str) BRANCH_HINT_##name,
enum branch_hint { BRANCH_HINTS(BRANCH_HINT_ENUM) BRANCH_HINT_COUNT };
#undef BRANCH_HINT_ENUM

/* Thresholds on p, the taken probability; bounds are inclusive. */
struct branches_opts {
	double likely;		 /* likely when p >= it; 0.90 */
	double unlikely;	 /* unlikely when p <= it; 0.10 */
	double unpredictable_lo; /* unpredictable when lo <= p <= hi; 0.30 */
	double unpredictable_hi; /* 0.70 */
};

/* The defaults above, as an initializer and as a value. */
/* clang-format off */
#define BRANCHES_OPTS_DEFAULT \
	{.likely = 0.90, .unlikely = 0.10, .unpredictable_lo = 0.30, .unpredictable_hi = 0.70}
/* clang-format on */
struct branches_opts branches_opts_default(void);

struct branch_stat {
	uint32_t site;	     /* index in profile->branches */
	uint64_t executions; /* taken + not_taken (saturating) */
	double p_taken;	     /* 0 when never executed */
	double bias;	     /* max(p, 1 - p); 0 when never executed */
	enum branch_hint hint;
};

struct branches {
	struct branch_stat *v; /* one per site, owned; executions descending, ties by site */
	uint32_t n;
	uint64_t executions;	/* over all sites (saturating) */
	uint64_t biased;	/* executions of sites hinted likely or unlikely */
	uint64_t unpredictable; /* executions of sites hinted unpredictable */
	double biased_share, unpredictable_share; /* of executions; 0 when there are none */
	/* The seed format's aggregate percentages, copied from the profile for
	 * callers to show when there are no sites. */
	bool has_legacy;
	double legacy_taken, legacy_not_taken;
};

/* "none", "likely", "unlikely" or "unpredictable" ("" when out of range). */
const char *branches_hint_name(enum branch_hint hint);

/* The hint for a site taken `taken` times out of `taken + not_taken`;
 * opts may be NULL for branches_opts_default(). Likely is tested first, then
 * unlikely, then unpredictable (only matters for overlapping options). */
enum branch_hint branches_classify(uint64_t taken, uint64_t not_taken,
				   const struct branches_opts *opts);

/* Fill *out with one entry per branch site of p plus the summary; opts may
 * be NULL for branches_opts_default(). Free with branches_free(). */
void branches_compute(const struct profile *p, const struct branches_opts *opts,
		      struct branches *out);

enum branches_key {
	BRANCHES_BY_EXECUTIONS,
	BRANCHES_BY_BIAS,
	BRANCHES_BY_TAKEN, /* p_taken */
	BRANCHES_BY_SITE,  /* canonical order: function (by name), line, column, id */
	BRANCHES_BY_LINE,  /* line, then column (none first) */
};

/* x against y, sites of p, by key alone, ascending (-1, 0 or 1). */
int branches_compare(const struct profile *p, const struct branch_stat *x,
		     const struct branch_stat *y, enum branches_key key);

/* Free what branches_compute() allocated; *b is left empty. */
void branches_free(struct branches *b);

#endif

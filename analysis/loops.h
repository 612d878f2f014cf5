/* loops.h - loop sites of a finalized profile: trip counts, time shares
 * and an unroll/vectorize hint.
 *
 * Pure: no I/O. Profiles in the seed format have no sites, only the names
 * of "loops.hot"; callers that want to show those read them directly from
 * profile->legacy_hot (string ids), which this module does not touch.
 */
#ifndef VITTE_LOOPS_H
#define VITTE_LOOPS_H

#include <stdbool.h>
#include <stdint.h>

struct profile;

#define LOOP_HINTS(_)                                                                              \
	_(NONE, "none")                                                                            \
	_(UNROLL, "unroll")                                                                        \
	_(VECTORIZE, "vectorize")

#define LOOP_HINT_ENUM(name, str) LOOP_HINT_##name,
enum loop_hint { LOOP_HINTS(LOOP_HINT_ENUM) LOOP_HINT_COUNT };
#undef LOOP_HINT_ENUM

/* Thresholds on the average trip count; bounds are inclusive. */
struct loops_opts {
	double unroll_max;    /* unroll when 0 < avg_trip <= it; 8 */
	double vectorize_min; /* vectorize when avg_trip >= it; 64 */
};

/* The defaults above, as an initializer and as a value. */
/* clang-format off */
#define LOOPS_OPTS_DEFAULT {.unroll_max = 8, .vectorize_min = 64}
/* clang-format on */
struct loops_opts loops_opts_default(void);

struct loop_stat {
	uint32_t site; /* index in profile->loops */
	uint64_t entries, iterations;
	uint64_t time_ns;  /* 0 when !has_time */
	double avg_trip;   /* iterations / entries, 0 when never entered */
	bool has_time;	   /* the site has PF_HAS_TIME */
	double time_share; /* time_ns / profile_total_self(); -1 when !has_time, 0 for a 0 total */
	enum loop_hint hint;
};

struct loops {
	struct loop_stat *v; /* one per site, owned; see loops_compute() for the order */
	uint32_t n;
	uint64_t total; /* profile_total_self(), the denominator of time_share */
};

/* "none", "unroll" or "vectorize" ("" when out of range). */
const char *loops_hint_name(enum loop_hint hint);

/* The hint for an average trip count; opts may be NULL for
 * loops_opts_default(). Unroll is tested first (only matters for overlapping
 * options). */
enum loop_hint loops_classify(double avg_trip, const struct loops_opts *opts);

enum loops_key {
	LOOPS_BY_TIME, /* ties by iterations, as loops_compute() */
	LOOPS_BY_ITERATIONS,
	LOOPS_BY_AVG_TRIP,
	LOOPS_BY_ENTRIES,
	LOOPS_BY_SITE, /* canonical order: function (by name), then line */
};

/* x against y by key alone, ascending (-1, 0 or 1). */
int loops_compare(const struct loop_stat *x, const struct loop_stat *y, enum loops_key key);

/* Fill *out with one entry per loop site of p, sorted by time_ns
 * descending, then iterations descending, then site index; opts may be
 * NULL for loops_opts_default(). Free with loops_free(). */
void loops_compute(const struct profile *p, const struct loops_opts *opts, struct loops *out);

/* Free what loops_compute() allocated; *l is left empty. */
void loops_free(struct loops *l);

#endif

/* diff.h - compare two profiles, base and new (pure: no I/O).
 *
 * Functions are matched by exact name, branch sites by function name, line,
 * column and id, loop sites by function name, name and line, edges by
 * caller and callee names. Both profiles must be finalized (canonical
 * order), which lets every match be one walk over both sorted arrays.
 *
 * A function's share is its self_ns over its own profile's total self time
 * (profile_total_self), 0 when that total is 0. The overlap score is, as in
 * llvm-profdata's `overlap`, the sum over all functions of
 * min(base share, new share): 1 for identical distributions, 0 for
 * disjoint ones. It is computed exactly in integers and divided once, so
 * identical profiles score exactly 1; two profiles whose totals are both 0
 * score 1 (nothing differs), one with a total of 0 against one without
 * scores 0.
 */
#ifndef VITTE_DIFF_H
#define VITTE_DIFF_H

#include <stdbool.h>
#include <stdint.h>

struct profile;

enum diff_status {
	DIFF_CHANGED, /* in both profiles (the numbers may be equal) */
	DIFF_ADDED,   /* only in new */
	DIFF_REMOVED  /* only in base */
};

enum diff_sort {
	DIFF_SORT_DELTA, /* |delta_share| descending, ties by name (the default) */
	DIFF_SORT_RATIO, /* ratio descending, functions without one last, ties by name */
	DIFF_SORT_NAME	 /* name ascending (byte order) */
};

/* One function of the diff, as diff_function_get() makes it from a row. */
struct diff_function {
	const char *name; /* borrowed from base or new */
	enum diff_status status;
	uint32_t base_id, new_id; /* function ids, PF_NONE on the side it is missing from */
	uint64_t base_self, new_self;
	uint64_t base_calls, new_calls;
	double base_share, new_share; /* in [0, 1] */
	double delta_share;	      /* new_share - base_share */
	bool has_ratio;		      /* false when base_self is 0: ratio "none" */
	double ratio;		      /* new_self / base_self; 0 when !has_ratio */
};

/* A row of the diff: a function of either profile or of both. The rest
 * of what the row says follows from its ids and the profiles, and is
 * computed when asked for (diff_function_get), so that a diff of 100,000
 * functions is 1.6 MB to fill, not 10. */
struct diff_row {
	const char *name;	  /* borrowed from base or new */
	uint32_t base_id, new_id; /* function ids, PF_NONE on the side it is missing from */
};

struct diff_branch {
	const char *func;      /* borrowed: the function's name */
	const char *id;	       /* borrowed; NULL when the site has no id */
	uint32_t line, column; /* column 0 when !has_column */
	bool has_column;
	enum diff_status status;
	uint32_t base_index, new_index; /* in each profile's branches, PF_NONE when missing */
	/* max(p, 1 - p) with p = taken / (taken + not_taken); 0 when never
	 * executed or missing on that side */
	double base_bias, new_bias;
};

struct diff_loop {
	const char *func; /* borrowed: the function's name */
	const char *name; /* borrowed; NULL when the loop has no name */
	uint32_t line;
	enum diff_status status;
	uint32_t base_index, new_index; /* in each profile's loops, PF_NONE when missing */
	/* iterations / entries; 0 when never entered or missing on that side */
	double base_trip, new_trip;
};

struct diff {
	const struct profile *base, *new_profile; /* borrowed */
	uint64_t base_total, new_total;		  /* total self time of each */
	double overlap;				  /* in [0, 1] */
	struct diff_row *rows;			  /* owned */
	uint32_t n_funcs;
	uint32_t n_added, n_removed;  /* rows only in new, only in base */
	struct diff_branch *branches; /* owned, in canonical key order */
	uint32_t n_branches;
	struct diff_loop *loops; /* owned, in canonical key order */
	uint32_t n_loops;
};

/* Compare base with new_profile (both finalized and borrowed: they must
 * outlive *out and stay unchanged, names point into them). Rows come
 * sorted by DIFF_SORT_DELTA. Free with diff_free(). */
void diff_profiles(const struct profile *base, const struct profile *new_profile, struct diff *out);

/* diff_profiles() without the sites (n_branches and n_loops are 0), for a
 * reader that shows only functions: the browser's Diff view. */
void diff_profile_functions(const struct profile *base, const struct profile *new_profile,
			    struct diff *out);

/* Row `row` of d in full into *out. */
void diff_function_get(const struct diff *d, uint32_t row, struct diff_function *out);

/* Of the functions in both, those with a checksum on both sides in
 * *compared, and of them those whose checksums differ (their code
 * changed) in *changed. */
void diff_count_checksums(const struct diff *d, uint32_t *compared, uint32_t *changed);

/* Exchange d's two sides: d becomes what diff_profiles() (or
 * diff_profile_functions()) of the two profiles exchanged makes, to the
 * bit (counters, shares, deltas, ratios, statuses, ids and indexes), but
 * in one pass over the rows, matching nothing again. Rows keep their
 * place, which keeps a DIFF_SORT_DELTA or DIFF_SORT_NAME order (|delta|
 * and names do not change) but not a DIFF_SORT_RATIO one (re-sort).
 * Swapping twice gives d back. */
void diff_swap(struct diff *d);

/* Row a of d against row b in key's order (-1, 0 or 1): the order
 * diff_sort_functions() sorts into, a total one (names are unique). */
int diff_compare_rows(const struct diff *d, uint32_t a, uint32_t b, enum diff_sort key);

/* A number that orders row `row` of d as DIFF_SORT_RATIO does, names
 * aside (those with a ratio first, by ratio descending): rows whose ratio
 * ranks tie compare by name. For a reader that sorts often and keeps
 * them, as each takes two of the profiles' functions to work out. */
uint64_t diff_row_ratio_rank(const struct diff *d, uint32_t row);

/* Re-sort d->rows by key. */
void diff_sort_functions(struct diff *d, enum diff_sort key);

/* Call warn with one escaped line (no newline) when base and new are of
 * different builds (meta.build_id; saying how many functions changed) and
 * one when they are different kinds of profile (meta.mode): see
 * merge_say_builds and merge_say_modes. */
void diff_warnings(const struct diff *d, void (*warn)(void *arg, const char *text), void *arg);

/* Free what d owns and empty it. */
void diff_free(struct diff *d);

enum diff_edge_side {
	DIFF_EDGE_CALLER, /* `other` calls the function */
	DIFF_EDGE_CALLEE  /* the function calls `other` */
};

struct diff_edge {
	enum diff_edge_side side;
	enum diff_status status;
	const char *other;		/* borrowed: the caller's or callee's name */
	uint64_t base_count, new_count; /* 0 on the side the edge is missing from */
	uint64_t base_time, new_time;	/* time_ns; 0 when missing or not given */
};

/* The call edges of function `name` in base and new, matched by the other
 * end's name: its callers, then its callees, each group by name (a
 * recursive call is in both). Returns how many are stored in *out
 * (allocated, caller frees; NULL when none). */
uint32_t diff_function_edges(const struct profile *base, const struct profile *new_profile,
			     const char *name, struct diff_edge **out);

#endif

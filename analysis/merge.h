/* merge.h - weighted merge of profiles into a new one (pure: no I/O).
 *
 * Every counter of the result is round(sum(w_i * c_i)), rounded half away
 * from zero and clamped at UINT64_MAX (each clamped counter is counted once
 * in the result's `saturated`). Integer weights are applied with exact
 * integer arithmetic, other weights as long double products whose integer
 * parts are summed exactly and fractions apart, so with integer weights the
 * merge is associative and commutative for every counter.
 *
 * What the result holds:
 * - functions, edges, branch sites, loop sites and line counts: the union
 *   of the inputs', matched by name (edges by caller and callee, branches
 *   by function, line, column and id, loops by function, name and line,
 *   lines by function and line), counters summed as above;
 * - self_ns on every function (the inputs' given or derived self time,
 *   weighted), with PF_HAS_SELF set; PF_HAS_TIME on an edge or loop when
 *   any input's had it; PF_HAS_LINES_OBJ when any input's function had a
 *   "lines" object; PF_IMPLICIT only when implicit in every input that
 *   has the function;
 * - file, line, size and checksum of a function from the first input that
 *   has them; a different checksum in a later input makes the function
 *   stale (warned about and listed, the first checksum is kept);
 * - program, meta.binary, meta.build_id and meta.sample_period_ns from the
 *   first input that has them (inputs of different build ids, or of
 *   different modes among instrumented, sampled and imported, are warned
 *   about: see merge_say_builds, merge_say_modes); meta.created and meta.tool are left unset
 *   for the caller, which knows when and by what the merge was made;
 *   meta.mode is "merged" ("sampled" when every input is sampled: samples
 *   added up are still samples and calls still unknown), meta.runs the
 *   (saturating) sum of the inputs';
 * - contexts, when every input has some: the union of the inputs', matched
 *   by path (the function names from the root), calls and self_ns summed
 *   as above; PF_HAS_CALLS only where every input that has the context
 *   had it. A path that finds the result's tree full (src/model/context.h)
 *   adds its time to the deepest context of it that fit, and its calls
 *   nowhere. When an input has no contexts the result has none: a tree of
 *   part of the runs would misstate every share;
 * - legacy branch percentages: the mean, weighted by the effective weights,
 *   over the inputs that have them and no branch sites; legacy "loops.hot"
 *   names: the union over the inputs without loop sites, in first-seen
 *   order (input order, then list order);
 * - unknown keys (profile->extras) are dropped: summed counters would make
 *   them describe something they were not written for.
 *
 * normalize: each input is first scaled so that its total self time
 * (profile_total_self) equals the first input's: its effective weight is
 * weight * total_0 / total_i. Inputs whose total is 0 keep scale 1, and
 * when the first input's total is 0 nothing is scaled.
 */
#ifndef VITTE_MERGE_H
#define VITTE_MERGE_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "src/base/error.h"

struct profile;

struct merge_options {
	bool normalize; /* scale inputs to the first input's total self time */
	/* Called with one escaped line (no newline) per stale checksum, then
	 * one when the inputs are of different builds (meta.build_id) and
	 * one when they are of different kinds (meta.mode); may be NULL. */
	void (*warn)(void *arg, const char *text);
	void *warn_arg;
};

/* One input of merge_profiles(). */
struct merge_input {
	const struct profile *profile; /* borrowed, finalized */
	double weight;		       /* finite and > 0 */
};

/* A function whose checksum differs between inputs. */
struct merge_stale {
	uint32_t func;	      /* function id in the merged profile */
	uint32_t kept_input;  /* 0-based input whose checksum the result keeps */
	uint32_t other_input; /* 0-based first input with a different checksum */
};

struct merge_result {
	struct profile *profile;   /* owned, finalized */
	struct merge_stale *stale; /* owned, by function id (so by name) */
	uint32_t n_stale;
};

struct merge; /* a merge in progress */

/* Start a merge; opt may be NULL (defaults: no normalize, no warnings).
 * Never NULL; end it with merge_finish() or merge_free(). */
struct merge *merge_new(const struct merge_options *opt);

/* Add a finalized profile with a weight. Everything needed is copied, so p
 * may be freed afterwards. Returns STATUS_USAGE (and adds nothing) when the
 * weight is not finite and positive. */
enum status merge_add_input(struct merge *m, const struct profile *p, double weight,
			    struct error *err);

/* End the merge: fill *out (free with merge_result_free) and free m. With
 * no input added the result is an empty merged profile with runs = 1. */
void merge_finish(struct merge *m, struct merge_result *out);

/* Abandon a merge without a result. m may be NULL. */
void merge_free(struct merge *m);

/* Merge n inputs in one call: merge_new, merge_add_input each, merge_finish.
 * On error *out is left empty and err says which input is wrong. */
enum status merge_profiles(const struct merge_input *inputs, size_t n,
			   const struct merge_options *opt, struct merge_result *out,
			   struct error *err);

/* A plan: the alignment of some inputs to their merge, kept so that a
 * merge of any of them again, with any weights, maps each element of an
 * input to its place instead of finding it by its keys (no interning, no
 * hashing). Its result is the one merge_profiles() gives for the same
 * inputs and weights, counter for counter, flag for flag and in the same
 * order: elements that only inputs left out have are left out; only the
 * string ids differ (the result has the plan's string table). */
struct merge_plan;

/* A plan over inputs[0..n) (borrowed: they must outlive the plan, unchanged),
 * whose merge_profiles() result is merged (taken: the plan frees it): maps
 * each element of each input to its place in merged, by one merging walk
 * of the two (both are in canonical order), a fraction of the merge. */
struct merge_plan *merge_plan_new(struct profile *merged, const struct profile *const *inputs,
				  size_t n);

/* The merge the plan was made from (owned by the plan). */
const struct profile *merge_plan_profile(const struct merge_plan *pl);

/* Whether merge_plan_apply() can merge inputs[0..n): each is one of the
 * plan's and has no calling contexts (contexts are merged by path, which a
 * plan does not replay). pl may be NULL. */
bool merge_plan_covers(struct merge_plan *pl, const struct merge_input *inputs, size_t n);

/* merge_profiles(inputs, n, opt, out, err) through the plan, which must
 * cover the inputs. Same errors. */
enum status merge_plan_apply(struct merge_plan *pl, const struct merge_input *inputs, size_t n,
			     const struct merge_options *opt, struct merge_result *out,
			     struct error *err);

/* Give back p, a result of merge_plan_apply() no longer used (taken):
 * the next one is made in its room, which is faster than in fresh memory. */
void merge_plan_recycle(struct merge_plan *pl, struct profile *p);

/* Free a plan and the merge it owns. pl may be NULL. */
void merge_plan_free(struct merge_plan *pl);

/* Whether a merge of n inputs, the first of weight weight, would give back
 * the input as it is (one input of weight 1, not normalized): callers then
 * use it and skip the merge. */
bool merge_passes_through(size_t n, double weight, bool normalize);

struct strbuf;

/* "WHAT are profiles of different builds (build-id A and B): N of the M
 * functions compared by checksum changed" (or "no function checksum to
 * compare" when M is 0), escaped, into sb: the warning of merge and diff. */
void merge_say_builds(struct strbuf *sb, const char *what, const char *a, const char *b,
		      uint32_t changed, uint32_t compared);

/* Whether two meta.mode values are known and different kinds of profile
 * (merged and unset profiles are of no one kind). */
bool merge_modes_differ(int a, int b);

/* "WHAT are different kinds of profile (A and B): their numbers are not
 * measured alike", into sb; a and b are enum pf_mode values. */
void merge_say_modes(struct strbuf *sb, const char *what, int a, int b);

/* Free what a merge result owns (the profile too) and empty it. */
void merge_result_free(struct merge_result *r);

#endif

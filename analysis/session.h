/* session.h - the profiles being looked at: inputs with their weights, their
 * merge, and the analyses of the merged profile.
 *
 * Curses-free and shared: the browser keeps one for its whole run and
 * updates it at every change of weight or inclusion; `vitte-pgo report`
 * makes one over the profile it loaded. The merged profile and the
 * analyses are replaced by each session_update(), so pointers into them
 * are borrowed until the next update; `generation` tells a reader that
 * they changed. The analyses are computed when first asked for after an
 * update (session_hotspots() and its siblings), so a change of weight
 * pays only for the merge and for what the browser shows. A merge of
 * inputs that the last full merge had (a weight changed, an input left
 * out or put back) replays that merge's alignment instead of matching
 * names again: same result, a fraction of the time.
 */
#ifndef VITTE_ANALYSIS_SESSION_H
#define VITTE_ANALYSIS_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis/branches.h"
#include "analysis/callgraph.h"
#include "analysis/diff.h"
#include "analysis/hotspots.h"
#include "analysis/loops.h"
#include "src/base/error.h"

struct merge_plan;

struct session_input {
	char *path; /* owned */
	double weight;
	bool included, marked; /* in the merge; marked for a diff (by the browser) */
	struct profile *p;     /* owned, finalized */
};

struct session {
	struct session_input *inputs;
	uint32_t n_inputs, cap_inputs;
	struct hotspots_opts hot_opts; /* for hotspots_compute() */
	/* Called with one escaped line per merge warning (a stale checksum);
	 * may be NULL. */
	void (*warn)(void *arg, const char *text);
	void *warn_arg;

	/* the result of the last session_update() */
	struct profile *merged; /* owned (or the plan's), or inputs[i].p used as it is */
	bool merged_owned;
	/* its analyses: read them through session_hotspots(), session_branches(),
	 * session_loops() and session_callgraph(), which compute the ones not
	 * fresh (a bit per analysis, cleared by each update). Until then cg is
	 * the graph of an earlier merge of the same inputs, or NULL. */
	struct hotspots hot;
	struct branches br;
	struct loops lp;
	struct callgraph *cg;
	unsigned fresh;
	uint8_t *marked; /* per function of merged: marked for curation */
	uint32_t n_marked;
	uint32_t n_stale;    /* functions whose checksum differs between inputs */
	unsigned generation; /* grows at every update and diff: readers rebuild */
	/* the alignment of the inputs of the last full merge, which later
	 * merges of some of them replay (analysis/merge.h); NULL before one */
	struct merge_plan *plan;
	/* which inputs (one flag each) the last update merged, and the one
	 * before, with that one's call graph: a merge of either set again
	 * keeps the index of its graph (callgraph_retarget) */
	uint8_t *cg_inputs[2];
	struct callgraph *cg_before;
	uint32_t n_cg_inputs; /* n_inputs when they were noted */

	/* the diff of two inputs (functions only: diff_profile_functions), or
	 * none; its functions stay in DIFF_SORT_DELTA order */
	struct diff diff;
	bool has_diff;
	uint32_t diff_base, diff_new;
};

/* An empty session with default analysis options and the given warning
 * callback (may be NULL). */
void session_init(struct session *s, void (*warn)(void *arg, const char *text), void *warn_arg);

/* Add a profile (taking ownership of p, a finalized profile) with its
 * weight (finite, > 0), included in the merge; path is copied. Returns its
 * index. Nothing is merged until session_update(). */
uint32_t session_add_input(struct session *s, const char *path, struct profile *p, double weight);

/* Merge the included inputs with their weights (one input of weight 1 is
 * used as it is) and make every analysis stale; marks follow function
 * names. With no included input, or on a merge error (err says which
 * input is wrong), the merged profile is empty and the status says why;
 * the session stays usable either way. */
enum status session_update(struct session *s, struct error *err);

/* The analyses of the merged profile, each computed at its first call
 * after an update (hotspots with s->hot_opts, the others with their
 * defaults); owned by the session, borrowed until the next update. The
 * callers may re-sort the entries (hotspots_sort()). */
struct hotspots *session_hotspots(struct session *s);
struct branches *session_branches(struct session *s);
struct loops *session_loops(struct session *s);
struct callgraph *session_callgraph(struct session *s);

/* Mark or unmark function func of the merged profile for curation. */
void session_set_mark(struct session *s, uint32_t func, bool marked);
/* Replace each input's profile with fresh[i] (taken, finalized; NULL
 * keeps the input's), keeping paths, weights and inclusion, then update as
 * session_update: the marks kept by name, the diff made again. */
enum status session_reload(struct session *s, struct profile **fresh, struct error *err);

/* Compare inputs base and new_index into s->diff (replacing the last one;
 * the last pair is kept as it is, and with its sides exchanged is
 * swapped, not compared again). */
void session_set_diff(struct session *s, uint32_t base, uint32_t new_index);

/* Free everything the session owns, inputs included, and empty it. */
void session_free(struct session *s);

#endif

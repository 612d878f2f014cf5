/* session.c - inputs, their live merge and its analyses. */
#include "analysis/session.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/merge.h"
#include "src/base/alloc.h"
#include "src/model/profile.h"

void session_init(struct session *s, void (*warn)(void *arg, const char *text), void *warn_arg)
{
	memset(s, 0, sizeof(*s));
	s->hot_opts = hotspots_opts_default();
	s->warn = warn;
	s->warn_arg = warn_arg;
}

uint32_t session_add_input(struct session *s, const char *path, struct profile *p, double weight)
{
	if (s->n_inputs == s->cap_inputs) {
		s->cap_inputs = s->cap_inputs ? 2 * s->cap_inputs : 4;
		s->inputs = xreallocarray(s->inputs, s->cap_inputs, sizeof(*s->inputs));
	}
	s->inputs[s->n_inputs] = (struct session_input){xstrdup(path), weight, true, false, p};
	return s->n_inputs++;
}

/* Whether flags (one per input, noted at an update) are the inputs
 * included now: then the merge has the same functions and edges. */
static bool session_inputs_are(const struct session *s, const uint8_t *flags)
{
	uint32_t i;

	if (!flags || s->n_cg_inputs != s->n_inputs)
		return false;
	for (i = 0; i < s->n_inputs; i++)
		if (flags[i] != s->inputs[i].included)
			return false;
	return true;
}

/* Forget the call graphs kept for other merges. */
static void session_forget_cg(struct session *s)
{
	callgraph_free(s->cg_before);
	s->cg_before = NULL;
	free(s->cg_inputs[0]);
	free(s->cg_inputs[1]);
	s->cg_inputs[0] = s->cg_inputs[1] = NULL;
	s->n_cg_inputs = s->n_inputs;
}

/* Take out of the session the call graph of an earlier merge of the inputs
 * included now (the last update's, or the one's before: a toggle back), to
 * be retargeted; NULL when there is none. The last update's is kept as the
 * one before, and the inputs included now are noted. */
static struct callgraph *session_reuse_cg(struct session *s)
{
	struct callgraph *cg = NULL;
	uint8_t *flags;
	uint32_t i;

	if (s->n_cg_inputs != s->n_inputs)
		session_forget_cg(s);
	if (session_inputs_are(s, s->cg_inputs[0])) {
		cg = s->cg;
		s->cg = NULL;
		return cg;
	}
	if (session_inputs_are(s, s->cg_inputs[1])) {
		cg = s->cg_before;
		s->cg_before = NULL;
	}
	callgraph_free(s->cg_before);
	s->cg_before = s->cg;
	s->cg = NULL;
	flags = s->cg_inputs[1] ? s->cg_inputs[1] : xcalloc(s->n_inputs ? s->n_inputs : 1, 1);
	s->cg_inputs[1] = s->cg_inputs[0];
	s->cg_inputs[0] = flags;
	for (i = 0; i < s->n_inputs; i++)
		flags[i] = s->inputs[i].included;
	return cg;
}

/* The analyses of the merged profile, one bit each in s->fresh. */
enum { FRESH_HOT = 1, FRESH_BR = 2, FRESH_LP = 4, FRESH_CG = 8 };

static void session_drop_merged(struct session *s)
{
	hotspots_free(&s->hot);
	branches_free(&s->br);
	loops_free(&s->lp);
	callgraph_free(s->cg);
	s->cg = NULL;
	s->fresh = 0;
	if (!s->merged_owned || (s->plan && s->merged == merge_plan_profile(s->plan)))
		; /* an input's, or the plan's */
	else if (s->plan)
		merge_plan_recycle(s->plan, s->merged); /* the next merge reuses its room */
	else
		profile_free(s->merged);
	s->merged = NULL;
	free(s->marked);
	s->marked = NULL;
	s->n_marked = 0;
}

static void session_take_result(struct session *s, struct merge_result *r)
{
	s->merged = r->profile;
	s->n_stale = r->n_stale;
	r->profile = NULL;
	merge_result_free(r);
}

/* Keep the alignment of the inputs of the full merge just made, which the
 * plan owns from now on (s->merged is the plan's merge); not when an input
 * has calling contexts, which a plan never replays. */
static void session_new_plan(struct session *s, const struct merge_input *in, uint32_t n)
{
	const struct profile **p = xcalloc(n, sizeof(*p));
	uint32_t i;

	merge_plan_free(s->plan);
	s->plan = NULL;
	for (i = 0; i < n; i++)
		if ((p[i] = in[i].profile)->contexts.n)
			break;
	if (i == n)
		s->plan = merge_plan_new(s->merged, p, n);
	free(p);
}

/* The included inputs, merged with their weights, into s->merged. */
static enum status session_merge(struct session *s, struct error *err)
{
	struct merge_options mo = {false, s->warn, s->warn_arg};
	struct merge_input *in = xcalloc(s->n_inputs, sizeof(*in));
	enum status st = STATUS_OK;
	struct merge_result r;
	uint32_t i, n = 0, last = 0;

	for (i = 0; i < s->n_inputs; i++)
		if (s->inputs[i].included) {
			in[n++] = (struct merge_input){s->inputs[i].p, s->inputs[i].weight};
			last = i;
		}
	s->n_stale = 0;
	s->merged_owned = true;
	if (n == 0) {
		st = error_set(err, STATUS_USAGE, NULL, 0, 0, "no profile is included");
	} else if (merge_passes_through(n, in[0].weight, mo.normalize)) {
		s->merged = s->inputs[last].p;
		s->merged_owned = false;
	} else if (merge_plan_covers(s->plan, in, n)) {
		if ((st = merge_plan_apply(s->plan, in, n, &mo, &r, err)) == STATUS_OK)
			session_take_result(s, &r);
	} else if ((st = merge_profiles(in, n, &mo, &r, err)) == STATUS_OK) {
		session_take_result(s, &r);
		session_new_plan(s, in, n);
	}
	if (!s->merged) { /* an empty profile, so that every reader has one */
		s->merged = profile_new();
		profile_finalize(s->merged, NULL);
	}
	free(in);
	return st;
}

/* The names of the marked functions of the merged profile (caller frees
 * each and the array), before it is replaced. */
static char **session_marked_names(const struct session *s, uint32_t *n)
{
	char **names = xcalloc(s->n_marked ? s->n_marked : 1, sizeof(*names));
	uint32_t i;

	*n = 0;
	for (i = 0; s->merged && s->n_marked && i < s->merged->funcs.n; i++)
		if (s->marked[i])
			names[(*n)++] = xstrdup(profile_str(s->merged, s->merged->funcs.v[i].name));
	return names;
}

/* Merge again, leaving the analyses to be computed when asked for, and
 * mark the functions named in names (n of them, freed here) where they
 * still are. */
static enum status session_rebuild(struct session *s, char **names, uint32_t n_names,
				   struct error *err)
{
	struct callgraph *cg = session_reuse_cg(s);
	enum status st;
	uint32_t i;

	session_drop_merged(s);
	st = session_merge(s, err);
	if (st != STATUS_OK) { /* an empty profile: its graph is no merge's */
		free(s->cg_inputs[0]);
		s->cg_inputs[0] = NULL;
		callgraph_free(cg);
		cg = NULL;
	}
	s->cg = cg; /* retargeted by session_callgraph() */
	s->marked = xcalloc(s->merged->funcs.n ? s->merged->funcs.n : 1, 1);
	for (i = 0; i < n_names; i++) {
		uint32_t f = profile_find_function(s->merged, names[i]);

		if (f != PF_NONE)
			session_set_mark(s, f, true);
		free(names[i]);
	}
	free(names);
	s->generation++;
	return st;
}

struct hotspots *session_hotspots(struct session *s)
{
	if (!(s->fresh & FRESH_HOT))
		hotspots_compute(s->merged, &s->hot_opts, &s->hot);
	s->fresh |= FRESH_HOT;
	return &s->hot;
}

struct branches *session_branches(struct session *s)
{
	if (!(s->fresh & FRESH_BR))
		branches_compute(s->merged, NULL, &s->br);
	s->fresh |= FRESH_BR;
	return &s->br;
}

struct loops *session_loops(struct session *s)
{
	if (!(s->fresh & FRESH_LP))
		loops_compute(s->merged, NULL, &s->lp);
	s->fresh |= FRESH_LP;
	return &s->lp;
}

struct callgraph *session_callgraph(struct session *s)
{
	if (s->fresh & FRESH_CG)
		return s->cg;
	if (s->cg) /* an earlier merge's of the same functions and edges */
		callgraph_retarget(s->cg, s->merged);
	else
		s->cg = callgraph_build(s->merged);
	s->fresh |= FRESH_CG;
	return s->cg;
}

enum status session_update(struct session *s, struct error *err)
{
	uint32_t n_names;
	char **names = session_marked_names(s, &n_names);

	return session_rebuild(s, names, n_names, err);
}

enum status session_reload(struct session *s, struct profile **fresh, struct error *err)
{
	uint32_t i, n_names;
	char **names = session_marked_names(s, &n_names);

	session_drop_merged(s);	  /* it may be one of the inputs */
	merge_plan_free(s->plan); /* it borrows them */
	s->plan = NULL;
	session_forget_cg(s); /* other profiles: other functions */
	if (s->has_diff)
		diff_free(&s->diff);
	for (i = 0; i < s->n_inputs; i++)
		if (fresh[i]) {
			profile_free(s->inputs[i].p);
			s->inputs[i].p = fresh[i];
		}
	if (s->has_diff)
		diff_profile_functions(s->inputs[s->diff_base].p, s->inputs[s->diff_new].p,
				       &s->diff);
	return session_rebuild(s, names, n_names, err);
}

void session_set_mark(struct session *s, uint32_t func, bool marked)
{
	if (func >= s->merged->funcs.n || s->marked[func] == marked)
		return;
	s->marked[func] = marked;
	s->n_marked += marked ? 1 : (uint32_t)-1;
}

void session_set_diff(struct session *s, uint32_t base, uint32_t new_index)
{
	if (s->has_diff && base == s->diff_base && new_index == s->diff_new) {
		; /* the inputs do not change with merges: the diff made is still theirs */
	} else if (s->has_diff && base == s->diff_new && new_index == s->diff_base) {
		diff_swap(&s->diff); /* the same pair, sides exchanged */
	} else {
		if (s->has_diff)
			diff_free(&s->diff);
		diff_profile_functions(s->inputs[base].p, s->inputs[new_index].p, &s->diff);
	}
	s->has_diff = true;
	s->diff_base = base;
	s->diff_new = new_index;
	s->generation++;
}

void session_free(struct session *s)
{
	uint32_t i;

	if (s->has_diff)
		diff_free(&s->diff);
	session_drop_merged(s);
	merge_plan_free(s->plan);
	session_forget_cg(s);
	for (i = 0; i < s->n_inputs; i++) {
		free(s->inputs[i].path);
		profile_free(s->inputs[i].p);
	}
	free(s->inputs);
	memset(s, 0, sizeof(*s));
}

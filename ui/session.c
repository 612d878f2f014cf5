/* session.c - the loaded profiles, their live merge and its analyses. */
#include "src/base/alloc.h"
#include "ui/ui.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/merge.h"
#include "src/model/profile.h"

static void session_warn(void *arg, const char *text)
{
	tui_message(arg, true, "%s", text);
}

static void session_drop_merged(struct session *s)
{
	hotspots_free(&s->hot);
	branches_free(&s->br);
	loops_free(&s->lp);
	callgraph_free(s->cg);
	s->cg = NULL;
	if (s->merged_owned)
		profile_free(s->merged);
	s->merged = NULL;
	free(s->marked);
	s->marked = NULL;
	s->n_marked = 0;
}

/* The included inputs, merged with their weights. */
static struct profile *session_merge(struct session *s, struct tui *t, bool *owned)
{
	struct merge_options mo = {false, session_warn, t};
	struct merge_input *in = xcalloc(s->n_inputs, sizeof(*in));
	struct merge_result r;
	struct error err;
	uint32_t i, n = 0;
	struct profile *p;

	for (i = 0; i < s->n_inputs; i++)
		if (s->inputs[i].included)
			in[n++] = (struct merge_input){s->inputs[i].p, s->inputs[i].weight};
	*owned = true;
	s->n_stale = 0;
	if (n == 1 && in[0].weight == 1) {
		p = NULL;
		for (i = 0; i < s->n_inputs; i++)
			if (s->inputs[i].included)
				p = s->inputs[i].p;
		*owned = false;
	} else if (merge_profiles(in, n, &mo, &r, &err) == STATUS_OK) {
		p = r.profile;
		s->n_stale = r.n_stale;
		r.profile = NULL;
		merge_result_free(&r);
	} else {
		tui_message(t, true, "%s", err.text);
		p = profile_new();
		profile_finalize(p, NULL);
	}
	free(in);
	return p;
}

void session_update(struct session *s, struct tui *t)
{
	char **names = NULL;
	uint32_t i, n_names = 0;

	if (s->merged && s->n_marked) {
		names = xcalloc(s->n_marked, sizeof(*names));
		for (i = 0; i < s->merged->funcs.n; i++)
			if (s->marked[i])
				names[n_names++] = xstrdup(profile_str(s->merged, s->merged->funcs.v[i].name));
	}
	session_drop_merged(s);
	s->merged = session_merge(s, t, &s->merged_owned);
	hotspots_compute(s->merged, NULL, &s->hot);
	branches_compute(s->merged, NULL, &s->br);
	loops_compute(s->merged, NULL, &s->lp);
	s->cg = callgraph_build(s->merged);
	s->marked = xcalloc(s->merged->funcs.n ? s->merged->funcs.n : 1, 1);
	for (i = 0; i < n_names; i++) {
		uint32_t f = profile_find_function(s->merged, names[i]);

		if (f != PF_NONE && !s->marked[f]) {
			s->marked[f] = 1;
			s->n_marked++;
		}
		free(names[i]);
	}
	free(names);
	s->generation++;
}

void session_set_diff(struct session *s, uint32_t base, uint32_t new_index)
{
	if (s->has_diff)
		diff_free(&s->diff);
	diff_profiles(s->inputs[base].p, s->inputs[new_index].p, &s->diff);
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
	for (i = 0; i < s->n_inputs; i++) {
		free(s->inputs[i].path);
		profile_free(s->inputs[i].p);
	}
	free(s->inputs);
	memset(s, 0, sizeof(*s));
}

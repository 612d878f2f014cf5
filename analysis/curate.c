/* curate.c - a profile restricted to chosen functions (see curate.h).
 *
 * Elements are copied in the source's canonical order, so the copy is
 * already in canonical order; profile_finalize() still runs to index the
 * lines and to remap the extras' owners, which are recorded as positions
 * in the copy's arrays.
 */
#include "analysis/curate.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/model/context.h"
#include "src/model/profile.h"

/* Old index -> new index of each kind of owner; PF_NONE when dropped (a
 * context also when it was merged into one made from an earlier one). */
struct curate_maps {
	uint32_t *func, *edge, *branch, *loop, *context;
};

static uint32_t curate_str(struct profile *out, const struct profile *p, uint32_t id)
{
	const char *s;

	if (id == PF_NONE)
		return PF_NONE;
	s = profile_str(p, id);
	return profile_intern(out, s, strlen(s));
}

static uint32_t *curate_map_new(uint32_t n)
{
	uint32_t *m = xmalloc((n ? n : 1) * sizeof(*m));

	memset(m, 0xff, (n ? n : 1) * sizeof(*m)); /* all PF_NONE */
	return m;
}

static void curate_meta(struct profile *out, const struct profile *p)
{
	uint32_t i;

	out->program = curate_str(out, p, p->program);
	out->meta = p->meta;
	out->meta.created = curate_str(out, p, p->meta.created);
	out->meta.tool = curate_str(out, p, p->meta.tool);
	out->meta.binary = curate_str(out, p, p->meta.binary);
	out->meta.build_id = curate_str(out, p, p->meta.build_id);
	out->has_legacy_branches = p->has_legacy_branches;
	out->legacy_taken = p->legacy_taken;
	out->legacy_not_taken = p->legacy_not_taken;
	for (i = 0; i < p->legacy_hot.n; i++)
		profile_add_hot_loop(out, curate_str(out, p, p->legacy_hot.v[i]));
	out->saturated = p->saturated;
}

static void curate_functions(struct profile *out, const struct profile *p, const uint8_t *keep,
			     uint32_t *map)
{
	uint32_t i;

	for (i = 0; i < p->funcs.n; i++) {
		const struct pf_function *src = &p->funcs.v[i];
		struct pf_function *f;

		if (!keep[i])
			continue;
		map[i] = profile_add_function(out, curate_str(out, p, src->name), NULL);
		f = &out->funcs.v[map[i]];
		f->file = curate_str(out, p, src->file);
		f->checksum = curate_str(out, p, src->checksum);
		f->line = src->line;
		f->size = src->size;
		/* the source's self time, given or derived, is now given */
		f->flags = src->flags | PF_HAS_SELF;
		f->calls = src->calls;
		f->time_ns = src->time_ns;
		f->self_ns = src->self_ns;
	}
}

static void curate_edges(struct profile *out, const struct profile *p, struct curate_maps *m)
{
	uint32_t i;

	for (i = 0; i < p->edges.n; i++) {
		const struct pf_edge *src = &p->edges.v[i];
		struct pf_edge *e;

		if (m->func[src->caller] == PF_NONE || m->func[src->callee] == PF_NONE)
			continue;
		m->edge[i] = out->edges.n;
		e = profile_add_edge(out);
		*e = *src;
		e->caller = m->func[src->caller];
		e->callee = m->func[src->callee];
	}
}

static void curate_sites(struct profile *out, const struct profile *p, struct curate_maps *m)
{
	uint32_t i;

	for (i = 0; i < p->branches.n; i++) {
		const struct pf_branch *src = &p->branches.v[i];
		struct pf_branch *b;

		if (m->func[src->func] == PF_NONE)
			continue;
		m->branch[i] = out->branches.n;
		b = profile_add_branch(out);
		*b = *src;
		b->func = m->func[src->func];
		b->id = curate_str(out, p, src->id);
	}
	for (i = 0; i < p->loops.n; i++) {
		const struct pf_loop *src = &p->loops.v[i];
		struct pf_loop *l;

		if (m->func[src->func] == PF_NONE)
			continue;
		m->loop[i] = out->loops.n;
		l = profile_add_loop(out);
		*l = *src;
		l->func = m->func[src->func];
		l->name = curate_str(out, p, src->name);
	}
	for (i = 0; i < p->lines.n; i++) {
		const struct pf_line *src = &p->lines.v[i];
		struct pf_line *ln;

		if (m->func[src->func] == PF_NONE)
			continue;
		ln = profile_add_line(out);
		*ln = *src;
		ln->func = m->func[src->func];
	}
	for (i = 0; i < p->discs.n; i++) {
		const struct pf_disc *src = &p->discs.v[i];
		struct pf_disc *d;

		if (m->func[src->func] == PF_NONE)
			continue;
		d = profile_add_disc(out);
		*d = *src;
		d->func = m->func[src->func];
	}
}

/* The contexts of kept functions, each entered under the copy of its
 * nearest kept ancestor (none: a root), parents first; where two meet
 * (a > b > c and a > c with b dropped), their counters add up. Paths only
 * lose functions, so the rule of context.h neither folds nor fills up. */
static void curate_contexts(struct profile *out, const struct profile *p, struct curate_maps *m)
{
	uint32_t *at = curate_map_new(p->contexts.n), i;
	struct context_builder cb;

	context_builder_init(&cb, out);
	for (i = 0; i < p->contexts.n; i++) {
		const struct pf_context *src = &p->contexts.v[i];
		uint32_t parent = src->parent == PF_NONE ? PF_NONE : at[src->parent];
		uint32_t n = out->contexts.n;
		struct pf_context *c;

		at[i] = parent;
		if (m->func[src->func] == PF_NONE)
			continue;
		at[i] = context_enter(&cb, parent, m->func[src->func]);
		c = &out->contexts.v[at[i]];
		if (at[i] == n) {
			m->context[i] = at[i];
			c->flags = src->flags & PF_HAS_CALLS;
		} else {
			c->flags &= src->flags | ~(uint32_t)PF_HAS_CALLS;
		}
		c->calls = profile_sat_add(out, c->calls, src->calls);
		c->self_ns = profile_sat_add(out, c->self_ns, src->self_ns);
	}
	context_builder_free(&cb);
	free(at);
}

/* The new index of an extra's owner, PF_NONE when the owner was dropped. */
static uint32_t curate_owner(const struct curate_maps *m, uint32_t kind, uint32_t owner)
{
	switch (kind) {
	case PF_OWN_FUNCTION:
		return m->func[owner];
	case PF_OWN_EDGE:
		return m->edge[owner];
	case PF_OWN_BRANCH:
		return m->branch[owner];
	case PF_OWN_LOOP:
		return m->loop[owner];
	case PF_OWN_CONTEXT:
		return m->context[owner];
	default: /* root, meta, the branches and loops objects */
		return owner;
	}
}

static void curate_extras(struct profile *out, const struct profile *p, const struct curate_maps *m)
{
	uint32_t i;

	for (i = 0; i < p->extras.n; i++) {
		const struct pf_extra *x = &p->extras.v[i];
		uint32_t owner = curate_owner(m, x->owner_kind, x->owner);

		if (owner != PF_NONE)
			profile_add_extra(out, (enum pf_owner)x->owner_kind, owner,
					  curate_str(out, p, x->key), curate_str(out, p, x->json));
	}
}

struct profile *curate_profile(const struct profile *p, const uint8_t *keep)
{
	struct profile *out = profile_new();
	struct curate_maps m = {curate_map_new(p->funcs.n), curate_map_new(p->edges.n),
				curate_map_new(p->branches.n), curate_map_new(p->loops.n),
				curate_map_new(p->contexts.n)};

	curate_meta(out, p);
	curate_functions(out, p, keep, m.func);
	curate_edges(out, p, &m);
	curate_sites(out, p, &m);
	curate_contexts(out, p, &m);
	curate_extras(out, p, &m);
	profile_finalize(out, NULL); /* no duplicates: the source had none */
	free(m.func);
	free(m.edge);
	free(m.branch);
	free(m.loop);
	free(m.context);
	return out;
}

/* context.c - growing a calling-context tree (see context.h). */
#include "src/model/context.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/model/profile.h"

static uint32_t ctx_hash(uint32_t parent, uint32_t func)
{
	uint64_t x = ((uint64_t)parent << 32 | func) * 0x9e3779b97f4a7c15ULL;

	return (uint32_t)(x >> 32);
}

/* The slot of (parent, func): its entry, or the empty slot for it. */
static struct ctx_slot *ctx_slot(const struct context_builder *b, uint32_t parent, uint32_t func)
{
	uint32_t mask = b->cap - 1, i = ctx_hash(parent, func) & mask;

	while (b->slots[i].id && (b->slots[i].parent != parent || b->slots[i].func != func))
		i = (i + 1) & mask;
	return &b->slots[i];
}

static void ctx_index(struct context_builder *b, uint32_t id)
{
	const struct pf_context *c = &b->p->contexts.v[id];
	uint32_t i, old_cap = b->cap;
	struct ctx_slot *old = b->slots;

	if (2 * ((size_t)id + 1) > b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->slots = xcalloc(b->cap, sizeof(*b->slots));
		for (i = 0; i < old_cap; i++)
			if (old[i].id)
				*ctx_slot(b, old[i].parent, old[i].func) = old[i];
		free(old);
	}
	*ctx_slot(b, c->parent, c->func) = (struct ctx_slot){c->parent, c->func, id + 1};
	i = VEC_PUSH(b->depth);
	b->depth.v[i] = c->parent == PF_NONE ? 1 : b->depth.v[c->parent] + 1;
}

void context_builder_init(struct context_builder *b, struct profile *p)
{
	uint32_t i;

	memset(b, 0, sizeof(*b));
	b->p = p;
	for (i = 0; i < p->contexts.n; i++)
		ctx_index(b, i);
}

void context_builder_free(struct context_builder *b)
{
	free(b->slots);
	free(b->depth.v);
	memset(b, 0, sizeof(*b));
}

uint32_t context_enter(struct context_builder *b, uint32_t parent, uint32_t func)
{
	const struct pf_context *v = b->p->contexts.v;
	uint32_t a;

	if (b->cap) {
		const struct ctx_slot *s = ctx_slot(b, parent, func);

		if (s->id)
			return s->id - 1;
	}
	for (a = parent; a != PF_NONE; a = v[a].parent)
		if (v[a].func == func)
			return a;
	if (b->p->contexts.n >= PF_CONTEXT_MAX_NODES ||
	    (parent != PF_NONE && b->depth.v[parent] >= PF_CONTEXT_MAX_DEPTH)) {
		b->full++;
		return parent;
	}
	profile_add_context(b->p, parent, func);
	ctx_index(b, b->p->contexts.n - 1);
	return b->p->contexts.n - 1;
}

/* flame.c - the layout of a flame graph over a call tree. */
#include "analysis/flame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/model/profile.h"

/* The frames laid out so far, with their extents in time (a parallel
 * array: a scaled estimate is narrower than its node's time). */
struct flame_span {
	double start, span;
};

struct flame_ctx {
	struct flame *fl;
	struct cg_tree *t;
	struct flame_span *at; /* owned: per frame */
	uint32_t at_cap;
	int width;
};

static int flame_col(const struct flame_ctx *c, double at)
{
	return (int)lround(c->fl->total_ns > 0 ? c->width * at / c->fl->total_ns : 0);
}

/* Add a frame for node from time start to start + span, if it is at
 * least a column wide. */
static void flame_add(struct flame_ctx *c, uint32_t node, uint32_t parent, uint32_t depth,
		      double start, double span)
{
	struct flame *fl = c->fl;
	int x = flame_col(c, start), end = flame_col(c, start + span);

	if (end <= x)
		return;
	if (fl->n == fl->cap) {
		fl->cap = fl->cap ? 2 * fl->cap : 64;
		fl->v = xreallocarray(fl->v, fl->cap, sizeof(*fl->v));
	}
	if (fl->n == c->at_cap) {
		c->at_cap = fl->cap > fl->n ? fl->cap : 2 * fl->n;
		c->at = xreallocarray(c->at, c->at_cap, sizeof(*c->at));
	}
	c->at[fl->n] = (struct flame_span){start, span};
	fl->v[fl->n++] =
	    (struct flame_frame){node, parent, depth, x, end - x, c->t->v[node].time_ns};
	if (depth + 1 > fl->depth)
		fl->depth = depth + 1;
}

/* The callees of frame f under it, from its left edge, scaled as f was
 * and further when they add up to more than its time (an estimate from
 * edges): so they never reach past f's right edge. */
static void flame_children(struct flame_ctx *c, uint32_t f)
{
	struct cg_tree *t = c->t;
	uint32_t node = c->fl->v[f].node, depth = c->fl->v[f].depth + 1, k, i, at;
	double sum = 0, scale, base, start = c->at[f].start;

	if (t->v[node].recursive || t->v[node].leaf)
		return;
	k = callgraph_tree_expand(t, node);
	at = t->v[node].child_at; /* t->v may move while expanding: read after */
	for (i = 0; i < k; i++)
		sum += (double)t->v[at + i].time_ns;
	base = sum > (double)t->v[node].time_ns ? sum : (double)t->v[node].time_ns;
	scale = base > 0 ? c->at[f].span / base : 0;
	for (i = 0; i < k; i++) {
		double span = (double)t->v[at + i].time_ns * scale;

		flame_add(c, at + i, f, depth, start, span);
		start += span;
	}
}

void flame_layout(struct flame *fl, struct cg_tree *t, uint32_t root, int width, uint32_t max_depth)
{
	struct flame_ctx c = {fl, t, NULL, 0, width};
	uint32_t i, f;
	double at = 0;

	fl->n = fl->depth = 0;
	fl->total_ns = 0;
	if (root != PF_NONE) {
		fl->total_ns = (double)t->v[root].time_ns;
		flame_add(&c, root, PF_NONE, 0, 0, fl->total_ns);
	} else {
		for (i = 0; i < t->ntop; i++)
			fl->total_ns += (double)t->v[i].time_ns;
		for (i = 0; i < t->ntop; i++) {
			flame_add(&c, i, PF_NONE, 0, at, (double)t->v[i].time_ns);
			at += (double)t->v[i].time_ns;
		}
	}
	/* breadth first: the frames come out by depth, then by x */
	for (f = 0; f < fl->n; f++)
		if (fl->v[f].depth + 1 < max_depth)
			flame_children(&c, f);
	free(c.at);
}

uint32_t flame_find_path(struct cg_tree *t, const uint32_t *funcs, uint32_t n)
{
	uint32_t node = PF_NONE, i, k, j, from = 0, count = t->ntop;

	for (i = 0; i < n; i++) {
		if (node != PF_NONE) {
			if (t->v[node].recursive || t->v[node].leaf)
				return PF_NONE;
			count = callgraph_tree_expand(t, node);
			from = t->v[node].child_at;
		}
		for (j = 0, k = PF_NONE; j < count && k == PF_NONE; j++)
			if (t->v[from + j].func == funcs[i])
				k = from + j;
		if (k == PF_NONE)
			return PF_NONE;
		node = k;
	}
	return node;
}

void flame_free(struct flame *fl)
{
	free(fl->v);
	memset(fl, 0, sizeof(*fl));
}

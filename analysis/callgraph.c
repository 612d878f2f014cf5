#define _GNU_SOURCE
#include "analysis/callgraph.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/error.h"
#include "src/base/numeric.h"
#include "src/model/profile.h"

/* ---- the index ---- */

/* Fill at[] (nfuncs + 1 offsets) and idx[] with the edge ids grouped by
 * caller (or by callee), in edge order: a counting sort, O(V + E). */
static void index_edges(const struct profile *p, bool by_callee, uint32_t *at, uint32_t *idx)
{
	uint32_t nf = p->funcs.n, ne = p->edges.n, i;
	uint32_t *next = xcalloc(nf ? nf : 1, sizeof(*next));

	for (i = 0; i < ne; i++) {
		const struct pf_edge *e = &p->edges.v[i];

		at[(by_callee ? e->callee : e->caller) + 1]++;
	}
	for (i = 0; i < nf; i++) {
		at[i + 1] += at[i];
		next[i] = at[i];
	}
	for (i = 0; i < ne; i++) {
		const struct pf_edge *e = &p->edges.v[i];

		idx[next[by_callee ? e->callee : e->caller]++] = i;
	}
	free(next);
}

/* Strongly connected components of the call graph (Tarjan, iterative):
 * comp[f] for every function; returns how many. O(V + E). */
static uint32_t find_components(const struct callgraph *g, uint32_t *comp)
{
	uint32_t nf = g->nfuncs, next = 0, ncomp = 0, f;
	uint32_t *index = xcalloc(nf, sizeof(*index)); /* visit order + 1, 0 = unvisited */
	uint32_t *low = xcalloc(nf, sizeof(*low));
	uint32_t *iter = xcalloc(nf, sizeof(*iter));	 /* next outgoing edge to follow */
	uint32_t *stack = xcalloc(nf, sizeof(*stack));	 /* Tarjan's stack */
	uint32_t *frames = xcalloc(nf, sizeof(*frames)); /* the DFS path */
	bool *on_stack = xcalloc(nf, sizeof(*on_stack));
	uint32_t nstack = 0, nframes = 0;

	for (f = 0; f < nf; f++) {
		if (index[f])
			continue;
		index[f] = low[f] = ++next;
		iter[f] = g->out_at[f];
		stack[nstack++] = frames[nframes++] = f;
		on_stack[f] = true;
		while (nframes > 0) {
			uint32_t v = frames[nframes - 1], w;

			if (iter[v] < g->out_at[v + 1]) {
				w = g->p->edges.v[g->out_edge[iter[v]++]].callee;
				if (!index[w]) {
					index[w] = low[w] = ++next;
					iter[w] = g->out_at[w];
					stack[nstack++] = frames[nframes++] = w;
					on_stack[w] = true;
				} else if (on_stack[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			if (--nframes > 0 && low[v] < low[frames[nframes - 1]])
				low[frames[nframes - 1]] = low[v];
			if (low[v] != index[v])
				continue;
			do {
				w = stack[--nstack];
				on_stack[w] = false;
				comp[w] = ncomp;
			} while (w != v);
			ncomp++;
		}
	}
	free(on_stack);
	free(frames);
	free(stack);
	free(iter);
	free(low);
	free(index);
	return ncomp;
}

struct time_ctx {
	const struct profile *p;
};

/* Function ids by inclusive time descending, then id (name) ascending. */
static int cmp_by_time(const void *a, const void *b, void *arg)
{
	const struct time_ctx *c = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int r = cmp_u64(c->p->funcs.v[y].time_ns, c->p->funcs.v[x].time_ns);

	return r ? r : cmp_u64(x, y);
}

/* One root per component that no other component calls: its function with
 * the most time (the first by name among equals). */
static void find_roots(struct callgraph *g)
{
	const struct profile *p = g->p;
	uint32_t nf = g->nfuncs, f, c, i, ncomp = g->ncomp;
	const uint32_t *comp = g->comp;
	uint32_t *best;
	bool *called;
	struct time_ctx ctx = {p};

	best = xcalloc(ncomp ? ncomp : 1, sizeof(*best));
	called = xcalloc(ncomp ? ncomp : 1, sizeof(*called));
	for (c = 0; c < ncomp; c++)
		best[c] = PF_NONE;
	for (f = 0; f < nf; f++)
		if (best[comp[f]] == PF_NONE ||
		    p->funcs.v[f].time_ns > p->funcs.v[best[comp[f]]].time_ns)
			best[comp[f]] = f;
	for (i = 0; i < g->nedges; i++)
		if (comp[p->edges.v[i].caller] != comp[p->edges.v[i].callee])
			called[comp[p->edges.v[i].callee]] = true;
	g->roots = xcalloc(ncomp ? ncomp : 1, sizeof(*g->roots));
	for (c = 0; c < ncomp; c++)
		if (!called[c])
			g->roots[g->nroots++] = best[c];
	qsort_r(g->roots, g->nroots, sizeof(*g->roots), cmp_by_time, &ctx);
	free(called);
	free(best);
}

/* The group of a context's siblings: 0 for the roots, parent + 1 else. */
static uint32_t ctx_group(const struct profile *p, uint32_t c)
{
	uint32_t parent = p->contexts.v[c].parent;

	return parent == PF_NONE ? 0 : parent + 1;
}

/* The children of each context: a counting sort by parent, in context
 * order, which is sibling order. */
static void index_contexts(struct callgraph *g)
{
	const struct profile *p = g->p;
	uint32_t n = p->contexts.n, i, *next;

	g->ncontexts = n;
	g->ctx_at = xcalloc((size_t)n + 2, sizeof(*g->ctx_at));
	g->ctx_kid = xcalloc(n ? n : 1, sizeof(*g->ctx_kid));
	next = xcalloc((size_t)n + 1, sizeof(*next));
	for (i = 0; i < n; i++)
		g->ctx_at[ctx_group(p, i) + 1]++;
	for (i = 0; i <= n; i++) {
		g->ctx_at[i + 1] += g->ctx_at[i];
		next[i] = g->ctx_at[i];
	}
	for (i = 0; i < n; i++)
		g->ctx_kid[next[ctx_group(p, i)]++] = i;
	free(next);
}

/* What depends on the counters (and the contexts): the outgoing counts,
 * the roots; and the index of the contexts. */
static void count_and_root(struct callgraph *g)
{
	const struct profile *p = g->p;
	uint32_t i;

	g->out_count = xcalloc(g->nfuncs ? g->nfuncs : 1, sizeof(*g->out_count));
	g->total_count = 0;
	for (i = 0; i < g->nedges; i++) {
		const struct pf_edge *e = &p->edges.v[i];

		g->out_count[e->caller] = add_sat_u64(g->out_count[e->caller], e->count);
		g->total_count = add_sat_u64(g->total_count, e->count);
	}
	find_roots(g);
	index_contexts(g);
}

struct callgraph *callgraph_build(const struct profile *p)
{
	struct callgraph *g = xcalloc(1, sizeof(*g));
	uint32_t nf = p->funcs.n, ne = p->edges.n;

	g->p = p;
	g->nfuncs = nf;
	g->nedges = ne;
	g->out_at = xcalloc((size_t)nf + 1, sizeof(*g->out_at));
	g->in_at = xcalloc((size_t)nf + 1, sizeof(*g->in_at));
	g->out_edge = xcalloc(ne ? ne : 1, sizeof(*g->out_edge));
	g->in_edge = xcalloc(ne ? ne : 1, sizeof(*g->in_edge));
	g->comp = xcalloc(nf ? nf : 1, sizeof(*g->comp));
	index_edges(p, false, g->out_at, g->out_edge);
	index_edges(p, true, g->in_at, g->in_edge);
	g->ncomp = find_components(g, g->comp);
	count_and_root(g);
	return g;
}

void callgraph_retarget(struct callgraph *g, const struct profile *p)
{
	g->p = p;
	free(g->out_count);
	free(g->roots);
	free(g->ctx_at);
	free(g->ctx_kid);
	g->roots = NULL;
	g->nroots = 0;
	count_and_root(g);
}

void callgraph_free(struct callgraph *g)
{
	if (!g)
		return;
	free(g->out_at);
	free(g->out_edge);
	free(g->in_at);
	free(g->in_edge);
	free(g->out_count);
	free(g->roots);
	free(g->ctx_at);
	free(g->ctx_kid);
	free(g->comp);
	free(g);
}

/* ---- callers and callees ---- */

/* Count descending, then the other end's id (name) ascending. */
static int cmp_link(const void *a, const void *b)
{
	const struct cg_link *x = a, *y = b;
	int r = cmp_u64(y->count, x->count);

	return r ? r : cmp_u64(x->func, y->func);
}

/* What the callers' counts of func are shares of: its calls, or, where
 * calls are unknown (a sampled profile), the sum of its incoming counts. */
static uint64_t callers_total(const struct callgraph *g, uint32_t func)
{
	uint64_t sum = 0;
	uint32_t i;

	if (profile_counts_calls(g->p))
		return g->p->funcs.v[func].calls;
	for (i = g->in_at[func]; i < g->in_at[func + 1]; i++)
		sum = add_sat_u64(sum, g->p->edges.v[g->in_edge[i]].count);
	return sum;
}

static uint32_t get_links(const struct callgraph *g, uint32_t func, bool callers,
			  struct cg_link **out)
{
	const uint32_t *at = callers ? g->in_at : g->out_at;
	const uint32_t *idx = callers ? g->in_edge : g->out_edge;
	const struct pf_function *f = &g->p->funcs.v[func];
	uint32_t n = at[func + 1] - at[func], i;
	uint64_t count_total;
	struct cg_link *v;

	*out = NULL;
	if (n == 0)
		return 0;
	count_total = callers ? callers_total(g, func) : g->out_count[func];
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		uint32_t id = idx[at[func] + i];
		const struct pf_edge *e = &g->p->edges.v[id];
		struct cg_link *l = &v[i];

		l->edge = id;
		l->func = callers ? e->caller : e->callee;
		l->count = e->count;
		l->has_time = (e->flags & PF_HAS_TIME) != 0;
		l->time_ns = l->has_time ? e->time_ns : 0;
		l->recursive = e->caller == e->callee;
		l->count_share = share_of(e->count, count_total);
		l->time_share = share_of(l->time_ns, f->time_ns);
	}
	qsort(v, n, sizeof(*v), cmp_link);
	*out = v;
	return n;
}

uint32_t callgraph_get_callers(const struct callgraph *g, uint32_t func, struct cg_link **out)
{
	return get_links(g, func, true, out);
}

uint32_t callgraph_get_callees(const struct callgraph *g, uint32_t func, struct cg_link **out)
{
	return get_links(g, func, false, out);
}

uint32_t callgraph_reachable(const struct callgraph *g, uint32_t func, uint32_t **out,
			     uint64_t *self_ns)
{
	uint32_t nf = g->nfuncs, top = 0, n = 0, i;
	unsigned char *seen = xcalloc(nf / 8 + 1, 1);
	uint32_t *stack = xcalloc(nf, sizeof(*stack));
	uint32_t *found = xcalloc(nf, sizeof(*found));
	uint64_t sum = 0;

	seen[func / 8] |= (unsigned char)(1u << func % 8);
	stack[top++] = func;
	while (top > 0) {
		uint32_t cur = stack[--top];

		found[n++] = cur;
		sum = add_sat_u64(sum, g->p->funcs.v[cur].self_ns);
		/* push in reverse so that callees are visited in edge order */
		for (i = g->out_at[cur + 1]; i-- > g->out_at[cur];) {
			uint32_t c = g->p->edges.v[g->out_edge[i]].callee;

			if (!(seen[c / 8] & (1u << c % 8))) {
				seen[c / 8] |= (unsigned char)(1u << c % 8);
				stack[top++] = c;
			}
		}
	}
	free(stack);
	free(seen);
	*out = xreallocarray(found, n, sizeof(*found));
	if (self_ns)
		*self_ns = sum;
	return n;
}

/* ---- call trees ---- */

static uint32_t degree(const struct cg_tree *t, uint32_t func)
{
	const uint32_t *at = t->inverted ? t->g->in_at : t->g->out_at;

	return at[func + 1] - at[func];
}

static void tree_reserve(struct cg_tree *t, uint32_t more)
{
	if (t->n + more <= t->cap)
		return;
	t->cap = t->n + more > 2 * t->cap ? t->n + more : 2 * t->cap;
	t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
}

static void tree_add_top(struct cg_tree *t, uint32_t func)
{
	const struct pf_function *f = &t->g->p->funcs.v[func];
	struct cg_node *nd = &t->v[t->n++];

	*nd = (struct cg_node){.func = func, .edge = PF_NONE, .parent = PF_NONE};
	nd->count = f->calls;
	nd->time_ns = f->time_ns;
	nd->has_time = true;
	nd->has_count = profile_counts_calls(t->g->p);
	nd->leaf = degree(t, func) == 0;
	t->ntop++;
}

static void tree_start(struct cg_tree *t, const struct callgraph *g, bool inverted, uint32_t ntop)
{
	*t = (struct cg_tree){.g = g, .inverted = inverted};
	t->mark = xcalloc(g->nfuncs ? g->nfuncs : 1, sizeof(*t->mark));
	tree_reserve(t, ntop ? ntop : 1);
}

/* ---- call trees from contexts ---- */

static void set_reserve(struct cg_tree *t, uint32_t more)
{
	if (t->nset + more <= t->set_cap)
		return;
	t->set_cap = t->nset + more > 2 * t->set_cap ? t->nset + more : 2 * t->set_cap;
	t->set = xreallocarray(t->set, t->set_cap, sizeof(*t->set));
}

/* Whether the pair leads further: cur has a caller (callers tree) or
 * children (call tree). */
static bool pair_goes_on(const struct cg_tree *t, const struct cg_pair *q)
{
	if (t->inverted)
		return t->g->p->contexts.v[q->cur].parent != PF_NONE;
	return t->g->ctx_at[q->cur + 2] > t->g->ctx_at[q->cur + 1];
}

/* A contexts node for the pairs set[at .. at + n): the sums of their base
 * contexts, a leaf when no pair goes on. */
static void ctx_node_add(struct cg_tree *t, uint32_t func, uint32_t parent, uint32_t at, uint32_t n)
{
	const struct profile *p = t->g->p;
	struct cg_node *nd = &t->v[t->n++];
	uint32_t i;

	*nd = (struct cg_node){.func = func, .edge = PF_NONE, .parent = parent};
	nd->depth = parent == PF_NONE ? 0 : t->v[parent].depth + 1;
	nd->set_at = at;
	nd->set_n = n;
	nd->has_time = nd->has_count = nd->leaf = true;
	for (i = 0; i < n; i++) {
		const struct pf_context *b = &p->contexts.v[t->set[at + i].base];

		nd->time_ns = add_sat_u64(nd->time_ns, b->time_ns);
		nd->count = add_sat_u64(nd->count, b->calls);
		nd->has_count = nd->has_count && (b->flags & PF_HAS_CALLS);
		nd->leaf = nd->leaf && !pair_goes_on(t, &t->set[at + i]);
	}
	if (parent == PF_NONE)
		t->ntop++;
}

/* Time descending, then function id (name) ascending. */
static int cmp_ctx_node(const void *a, const void *b)
{
	const struct cg_node *x = a, *y = b;
	int r = cmp_u64(y->time_ns, x->time_ns);

	return r ? r : cmp_u64(x->func, y->func);
}

struct pair_ctx {
	const struct pf_context *v;
};

/* Pairs by the function of cur, then base. */
static int cmp_pair(const void *a, const void *b, void *arg)
{
	const struct pf_context *v = ((const struct pair_ctx *)arg)->v;
	const struct cg_pair *x = a, *y = b;

	if (v[x->cur].func != v[y->cur].func)
		return cmp_u64(v[x->cur].func, v[y->cur].func);
	return cmp_u64(x->base, y->base);
}

static void ctx_tree_init(struct cg_tree *t, const struct callgraph *g, bool inverted,
			  uint32_t func)
{
	const struct pf_context *v = g->p->contexts.v;
	uint32_t i, n = inverted ? 0 : g->ctx_at[1];

	*t = (struct cg_tree){.g = g, .inverted = inverted, .contexts = true};
	for (i = 0; inverted && i < g->ncontexts; i++)
		n += v[i].func == func;
	set_reserve(t, n ? n : 1);
	tree_reserve(t, inverted ? 1 : n ? n : 1);
	for (i = 0; inverted && i < g->ncontexts; i++)
		if (v[i].func == func)
			t->set[t->nset++] = (struct cg_pair){i, i};
	if (inverted) {
		ctx_node_add(t, func, PF_NONE, 0, n);
		return;
	}
	for (i = 0; i < n; i++) {
		uint32_t c = g->ctx_kid[g->ctx_at[0] + i];

		t->set[t->nset++] = (struct cg_pair){c, c};
		ctx_node_add(t, v[c].func, PF_NONE, i, 1);
	}
	qsort(t->v, t->n, sizeof(*t->v), cmp_ctx_node);
}

/* The children of a contexts node: the pairs one step further, grouped by
 * the function they reach. */
static uint32_t ctx_tree_expand(struct cg_tree *t, uint32_t node)
{
	const struct callgraph *g = t->g;
	const struct pf_context *v = g->p->contexts.v;
	uint32_t at = t->v[node].set_at, n = t->v[node].set_n, more = 0, groups = 0;
	uint32_t start, first = t->n, i, j;

	for (i = 0; i < n; i++)
		more += t->inverted
			    ? pair_goes_on(t, &t->set[at + i])
			    : g->ctx_at[t->set[at + i].cur + 2] - g->ctx_at[t->set[at + i].cur + 1];
	set_reserve(t, more);
	start = t->nset;
	for (i = 0; i < n; i++) {
		struct cg_pair q = t->set[at + i];

		if (t->inverted && v[q.cur].parent != PF_NONE)
			t->set[t->nset++] = (struct cg_pair){q.base, v[q.cur].parent};
		for (j = g->ctx_at[q.cur + 1]; !t->inverted && j < g->ctx_at[q.cur + 2]; j++)
			t->set[t->nset++] = (struct cg_pair){g->ctx_kid[j], g->ctx_kid[j]};
	}
	qsort_r(t->set + start, more, sizeof(*t->set), cmp_pair, &(struct pair_ctx){v});
	for (i = 0; i < more; i++)
		groups +=
		    i == 0 || v[t->set[start + i].cur].func != v[t->set[start + i - 1].cur].func;
	tree_reserve(t, groups);
	for (i = 0; i < more; i = j) {
		uint32_t f = v[t->set[start + i].cur].func;

		for (j = i + 1; j < more && v[t->set[start + j].cur].func == f; j++)
			;
		ctx_node_add(t, f, node, start + i, j - i);
	}
	qsort(t->v + first, groups, sizeof(*t->v), cmp_ctx_node);
	t->v[node].expanded = true;
	t->v[node].child_at = first;
	t->v[node].child_n = groups;
	return groups;
}

uint32_t callgraph_tree_reveal_context(struct cg_tree *t, uint32_t func)
{
	const struct pf_context *v = t->g->p->contexts.v;
	uint32_t best = PF_NONE, depth = 0, node = PF_NONE, i, k, c, *path;

	if (!t->contexts || t->inverted)
		return PF_NONE;
	for (i = 0; i < t->g->ncontexts; i++)
		if (v[i].func == func && (best == PF_NONE || v[i].time_ns > v[best].time_ns))
			best = i;
	if (best == PF_NONE)
		return PF_NONE;
	for (c = best; c != PF_NONE; c = v[c].parent)
		depth++;
	path = xcalloc(depth, sizeof(*path));
	for (c = best, i = depth; c != PF_NONE; c = v[c].parent)
		path[--i] = c;
	for (i = 0; i < t->ntop; i++)
		if (t->set[t->v[i].set_at].base == path[0])
			node = i;
	for (i = 1; i < depth && node != PF_NONE; i++) {
		uint32_t at;

		k = callgraph_tree_expand(t, node);
		at = t->v[node].child_at;
		for (node = PF_NONE, c = 0; c < k; c++)
			if (t->set[t->v[at + c].set_at].base == path[i])
				node = at + c;
	}
	free(path);
	return node;
}

/* ---- call trees from edges ---- */

void callgraph_tree_init(struct cg_tree *t, const struct callgraph *g)
{
	uint32_t i;

	if (g->ncontexts) {
		ctx_tree_init(t, g, false, PF_NONE);
		return;
	}
	tree_start(t, g, false, g->nroots);
	for (i = 0; i < g->nroots; i++)
		tree_add_top(t, g->roots[i]);
}

void callgraph_tree_init_callers(struct cg_tree *t, const struct callgraph *g, uint32_t func)
{
	if (g->ncontexts) {
		ctx_tree_init(t, g, true, func);
		return;
	}
	tree_start(t, g, true, 1);
	tree_add_top(t, func);
}

/* Count descending, then function id (name) ascending. */
static int cmp_node(const void *a, const void *b)
{
	const struct cg_node *x = a, *y = b;
	int r = cmp_u64(y->count, x->count);

	return r ? r : cmp_u64(x->func, y->func);
}

/* Stamp the functions on the path from the top down to node. */
static void mark_path(struct cg_tree *t, uint32_t node)
{
	if (++t->stamp == 0) {
		memset(t->mark, 0, t->g->nfuncs * sizeof(*t->mark));
		t->stamp = 1;
	}
	for (; node != PF_NONE; node = t->v[node].parent)
		t->mark[t->v[node].func] = t->stamp;
}

uint32_t callgraph_tree_expand(struct cg_tree *t, uint32_t node)
{
	const uint32_t *at = t->inverted ? t->g->in_at : t->g->out_at;
	const uint32_t *idx = t->inverted ? t->g->in_edge : t->g->out_edge;
	uint32_t func = t->v[node].func, k = 0, i, first;

	if (t->v[node].expanded)
		return t->v[node].child_n;
	if (t->contexts)
		return ctx_tree_expand(t, node);
	if (!t->v[node].leaf) {
		k = at[func + 1] - at[func];
		mark_path(t, node);
		tree_reserve(t, k);
	}
	first = t->n;
	for (i = 0; i < k; i++) {
		const struct pf_edge *e = &t->g->p->edges.v[idx[at[func] + i]];
		struct cg_node *c = &t->v[t->n++];

		*c = (struct cg_node){.edge = idx[at[func] + i], .parent = node};
		c->func = t->inverted ? e->caller : e->callee;
		c->depth = t->v[node].depth + 1;
		c->count = e->count;
		c->has_count = true;
		c->has_time = (e->flags & PF_HAS_TIME) != 0;
		c->time_ns = c->has_time ? e->time_ns : 0;
		c->recursive = t->mark[c->func] == t->stamp;
		c->leaf = c->recursive || degree(t, c->func) == 0;
	}
	qsort(t->v + first, k, sizeof(*t->v), cmp_node);
	t->v[node].expanded = true;
	t->v[node].child_at = first;
	t->v[node].child_n = k;
	return k;
}

void callgraph_tree_free(struct cg_tree *t)
{
	free(t->v);
	free(t->mark);
	free(t->set);
	*t = (struct cg_tree){0};
}

/* ---- inline candidates ---- */

struct callgraph_inline_opts callgraph_inline_opts_default(void)
{
	struct callgraph_inline_opts o = CALLGRAPH_INLINE_OPTS_DEFAULT;

	return o;
}

/* Whether part / total >= ppb / 1e9, exactly (total > 0). */
static bool reaches_ppb(uint64_t part, uint64_t total, uint64_t ppb)
{
	return (unsigned __int128)part * PPB >= (unsigned __int128)ppb * total;
}

/* Count descending, then edge id ascending. */
static int cmp_inline(const void *a, const void *b)
{
	const struct cg_inline *x = a, *y = b;
	int r = cmp_u64(y->count, x->count);

	return r ? r : cmp_u64(x->edge, y->edge);
}

uint32_t callgraph_find_inline_candidates(const struct callgraph *g,
					  const struct callgraph_inline_opts *opts,
					  struct cg_inline **out)
{
	struct callgraph_inline_opts defaults = callgraph_inline_opts_default();
	const struct profile *p = g->p;
	uint64_t ppb;
	uint32_t i, n = 0;
	struct cg_inline *v;

	if (!opts)
		opts = &defaults;
	ppb = share_to_ppb(opts->min_share);
	*out = NULL;
	if (g->total_count == 0 || g->nedges == 0)
		return 0;
	v = xcalloc(g->nedges, sizeof(*v));
	for (i = 0; i < g->nedges; i++) {
		const struct pf_edge *e = &p->edges.v[i];
		const struct pf_function *callee = &p->funcs.v[e->callee];
		bool has_size = (callee->flags & PF_HAS_SIZE) != 0;

		if (e->caller == e->callee || !reaches_ppb(e->count, g->total_count, ppb))
			continue;
		if (has_size && callee->size > opts->max_size)
			continue;
		v[n++] = (struct cg_inline){
		    .edge = i,
		    .caller = e->caller,
		    .callee = e->callee,
		    .count = e->count,
		    .share = share_of(e->count, g->total_count),
		    .has_size = has_size,
		    .size = has_size ? callee->size : 0,
		};
	}
	if (n == 0) {
		free(v);
		return 0;
	}
	qsort(v, n, sizeof(*v), cmp_inline);
	*out = xreallocarray(v, n, sizeof(*v));
	return n;
}

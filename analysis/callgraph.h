/* callgraph.h - the call graph of a finalized profile: an index of the
 * edges by caller and by callee, callers/callees with shares, lazily
 * expanded call trees, reachable sets and inline candidates.
 *
 * The call trees come from the profile's calling-context tree when it has
 * one (exact: each node is a real path of calls), else from its edges
 * (estimated: a callee's numbers are the edge's, whatever the path above
 * it, so a child may show more than its parent).
 *
 * Pure: no I/O. Build the index once per profile with callgraph_build();
 * it borrows the profile, which must outlive it and stay unchanged.
 */
#ifndef VITTE_CALLGRAPH_H
#define VITTE_CALLGRAPH_H

#include <stdbool.h>
#include <stdint.h>

struct profile;

/* Read-only to callers. Compressed rows: the outgoing edges of function f
 * are out_edge[out_at[f] .. out_at[f + 1]), the incoming ones
 * in_edge[in_at[f] .. in_at[f + 1]), as edge ids in edge order. */
struct callgraph {
	const struct profile *p; /* borrowed */
	uint32_t nfuncs, nedges;
	uint32_t *out_at, *out_edge;
	uint32_t *in_at, *in_edge;
	uint64_t *out_count;  /* per function: sum of its outgoing edge counts */
	uint64_t total_count; /* sum of all edge counts (saturating) */
	/* Tops of the call tree: for each group of functions that call one
	 * another (a strongly connected component, often one function) and
	 * that no function outside the group calls, the member with the most
	 * inclusive time, ties by name. So a function whose only caller is
	 * itself is a root, a cycle nobody else calls has one, every function
	 * is reachable from a root and no root from another. Sorted by
	 * time_ns descending, ties by name. */
	uint32_t *roots;
	uint32_t nroots;
	/* The calling-context tree, when p->contexts.n > 0: the children of
	 * context c are ctx_kid[ctx_at[c + 1] .. ctx_at[c + 2]), the roots
	 * ctx_kid[ctx_at[0] .. ctx_at[1]), each in canonical (name) order. */
	uint32_t ncontexts;
	uint32_t *ctx_at, *ctx_kid;
	uint32_t *comp, ncomp; /* the component of each function, and how many */
};

/* Index the edges of p in O(functions + edges). Never NULL; free with
 * callgraph_free(). */
struct callgraph *callgraph_build(const struct profile *p);
void callgraph_free(struct callgraph *g);

/* Make g, built for a profile with the same functions and edges (same ids
 * and keys: a merge of the same inputs with other weights), the call
 * graph of p: keeps the index and the components, redoes what depends on
 * counters and contexts. O(functions + edges), no search of the graph. */
void callgraph_retarget(struct callgraph *g, const struct profile *p);

/* One caller or callee of a function. */
struct cg_link {
	uint32_t edge;	    /* edge id */
	uint32_t func;	    /* the other end: the caller, or the callee */
	uint64_t count;	    /* edge count */
	uint64_t time_ns;   /* edge time, 0 when !has_time */
	bool has_time;	    /* the edge has PF_HAS_TIME */
	bool recursive;	    /* a self-edge (caller == callee), listed once */
	double count_share; /* callers: count / function calls (sum of the incoming counts
			       where calls are unknown: profile_counts_calls); callees:
			       count / sum of the function's outgoing counts; 0 when the
			       denominator is 0 */
	double time_share;  /* time_ns / the function's time_ns; 0 when 0 or !has_time */
};

/* The callers of func, or its callees, in a new array (caller frees) sorted
 * by count descending, ties by name of the other end; returns how many
 * (*out is NULL when none). */
uint32_t callgraph_get_callers(const struct callgraph *g, uint32_t func, struct cg_link **out);
uint32_t callgraph_get_callees(const struct callgraph *g, uint32_t func, struct cg_link **out);

/* The functions reachable from func through calls (callees of callees...),
 * func itself first and each function once, in depth-first discovery order,
 * in a new array (caller frees); returns how many (at least 1). When
 * self_ns is not NULL it receives the saturating sum of their self_ns: an
 * inclusive time that counts recursion once. Iterative, O(functions +
 * edges). */
uint32_t callgraph_reachable(const struct callgraph *g, uint32_t func, uint32_t **out,
			     uint64_t *self_ns);

/* ---- call trees, expanded one node at a time ---- */

struct cg_node {
	uint32_t func;	   /* function id */
	uint32_t edge;	   /* the edge from the parent, PF_NONE for a top node or contexts */
	uint32_t parent;   /* node index, PF_NONE for a top node */
	uint32_t depth;	   /* 0 for a top node */
	uint64_t count;	   /* edge count, or the function's calls for a top node;
			      contexts: the calls of its contexts (below) */
	uint64_t time_ns;  /* edge time (0 when !has_time), or the function's time_ns;
			      contexts: the inclusive time of its contexts */
	bool has_time;	   /* top nodes and contexts always have one */
	bool has_count;	   /* false where calls are unknown: a top node of a sampled
			      profile (profile_counts_calls), contexts without calls */
	uint32_t set_at;   /* contexts: the node stands for the pairs */
	uint32_t set_n;	   /* t->set[set_at .. set_at + set_n) */
	bool recursive;	   /* func is already on the path from the top: no children */
	bool leaf;	   /* no children: recursive, or no edges in the tree's direction */
	bool expanded;	   /* children computed (child_at, child_n valid) */
	uint32_t child_at; /* children are nodes child_at .. child_at + child_n - 1 */
	uint32_t child_n;
};

/* A pair of a contexts tree: the node's numbers are those of context
 * base; cur is the context its children come from. A call tree node has
 * one pair {c, c}. A callers tree node of depth d stands for the contexts
 * of the top function whose path ends with the d callers above it: base
 * is such a context, cur its d-th ancestor. */
struct cg_pair {
	uint32_t base, cur;
};

/* A call tree (children are callees) or a callers tree (children are
 * callers). Nodes are appended as they are expanded and never move in
 * index; pointers into v are valid until the next expansion. */
struct cg_tree {
	const struct callgraph *g; /* borrowed */
	bool inverted;		   /* children are callers */
	bool contexts;		   /* made from g's contexts: exact, not estimated */
	struct cg_pair *set;	   /* owned: the pairs of the nodes (contexts) */
	uint32_t nset, set_cap;
	struct cg_node *v; /* owned; top nodes first */
	uint32_t n, cap, ntop;
	uint32_t *mark; /* owned: per function, stamp of the path being expanded */
	uint32_t stamp;
};

/* A call tree. With contexts its top nodes are the root contexts, by
 * inclusive time descending, ties by name; else they are g->roots. Free
 * with callgraph_tree_free(). */
void callgraph_tree_init(struct cg_tree *t, const struct callgraph *g);
/* A callers tree with func as its one top node. With contexts the top
 * node adds up every context of func (recursion is folded, so none is
 * inside another: the sums are func's calls and inclusive time), and each
 * child the contexts whose path ends with its callers, as perf's caller
 * view does: every number in the tree is func's. */
void callgraph_tree_init_callers(struct cg_tree *t, const struct callgraph *g, uint32_t func);

/* Compute the children of node (once; later calls return the same ones).
 * From edges: one per edge in the tree's direction, sorted by count
 * descending, ties by name; a child whose function is on the path from
 * the top is marked recursive and is a leaf. O(depth + children log
 * children). From contexts: one per child context, or per caller function
 * of the node's contexts, sorted by time descending, ties by name; never
 * recursive. Returns the number of children; the first is
 * t->v[t->v[node].child_at]. */
uint32_t callgraph_tree_expand(struct cg_tree *t, uint32_t node);

/* Contexts call tree: expand the path down to the context of func with
 * the most inclusive time (the first in canonical order among equals) and
 * return its node; PF_NONE when func has no context or the tree is not
 * made from contexts. */
uint32_t callgraph_tree_reveal_context(struct cg_tree *t, uint32_t func);

void callgraph_tree_free(struct cg_tree *t);

/* ---- inline candidates ---- */

struct callgraph_inline_opts {
	double min_share;  /* edge count / total edge count at least this; 0.01 */
	uint32_t max_size; /* callee size at most this, when known; 64 */
};

/* The defaults above, as an initializer and as a value. */
/* clang-format off */
#define CALLGRAPH_INLINE_OPTS_DEFAULT {.min_share = 0.01, .max_size = 64}
/* clang-format on */
struct callgraph_inline_opts callgraph_inline_opts_default(void);

struct cg_inline {
	uint32_t edge, caller, callee;
	uint64_t count;
	double share;  /* count / g->total_count */
	bool has_size; /* the callee has PF_HAS_SIZE */
	uint32_t size; /* the callee's size, 0 when !has_size */
};

/* Edges worth inlining: count at least min_share of all edge counts
 * (compared exactly, after rounding min_share to parts per billion; never
 * when the total is 0), callee not the caller, callee size unknown or at
 * most max_size. A new array (caller frees) sorted by count descending,
 * ties by edge id; returns how many (*out is NULL when none). opts may be
 * NULL for callgraph_inline_opts_default(). */
uint32_t callgraph_find_inline_candidates(const struct callgraph *g,
					  const struct callgraph_inline_opts *opts,
					  struct cg_inline **out);

#endif

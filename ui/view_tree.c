/* view_tree.c - the call tree: callees from the roots, or the callers of
 * one function, expanded one node at a time (callgraph_tree_expand), with
 * a flat list of the visible nodes rebuilt on every expand or collapse.
 * The tree is the profile's calling-context tree when it has one; else it
 * is estimated from the call edges, and the title says so. */
#include "ui/view.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/callgraph.h"
#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/table.h"
#include "ui/viewstack.h"

#define TREE_DEEP_LEVELS 4    /* `e` expands this many levels below the node... */
#define TREE_DEEP_ROWS	 2000 /* ...and stops once it showed this many new rows */

struct tree_view {
	struct cg_tree tree;
	bool callers;	      /* the callers tree of focus, else top-down from the roots */
	char *focus;	      /* owned: name of the function to reveal, or NULL */
	uint8_t *open;	      /* per node: its children are shown */
	uint32_t *rows;	      /* the visible nodes, in order (v->nrows) */
	uint32_t cap;	      /* nodes open and rows have room for */
	const char *glyph[4]; /* collapsed, expanded, recursive, leaf */
	char status[96];
};

enum tree_col { TC_COUNT, TC_TIME, TC_SHARE, TC_NAME, TC_COUNT_ };
static const struct column tree_columns[TC_COUNT_] = {
    {"Count", 12, true, 0},
    {"Time", 9, true, 2},
    {"Total%", 7, true, 1},
    {"", 0, false, 0},
};

/* ---- the visible rows ---- */

/* Make room in open and rows for every node of the tree. */
static void tree_grow(struct tree_view *tv)
{
	uint32_t n = tv->tree.n;

	if (n <= tv->cap)
		return;
	n = n > 2 * tv->cap ? n : 2 * tv->cap;
	tv->open = xreallocarray(tv->open, n, sizeof(*tv->open));
	memset(tv->open + tv->cap, 0, n - tv->cap);
	tv->rows = xreallocarray(tv->rows, n, sizeof(*tv->rows));
	tv->cap = n;
}

/* Show the children of node (computing them once); returns how many. */
static uint32_t tree_open(struct tree_view *tv, uint32_t node)
{
	uint32_t k = callgraph_tree_expand(&tv->tree, node);

	tree_grow(tv);
	tv->open[node] = k > 0;
	return k;
}

/* The node after cur in display order once cur's subtree is done. */
static uint32_t tree_next(const struct tree_view *tv, uint32_t cur)
{
	const struct cg_node *v = tv->tree.v;

	for (;;) {
		uint32_t p = v[cur].parent;
		uint32_t end = p == PF_NONE ? tv->tree.ntop : v[p].child_at + v[p].child_n;

		if (cur + 1 < end)
			return cur + 1;
		if (p == PF_NONE)
			return PF_NONE;
		cur = p;
	}
}

/* List the visible nodes again and select keep, or its nearest visible
 * ancestor when it is hidden (PF_NONE: the first row). */
static void tree_flatten(struct view *v, uint32_t keep)
{
	struct tree_view *tv = v->priv;
	const struct cg_node *nd = tv->tree.v;
	uint32_t n = 0, cur = tv->tree.ntop ? 0 : PF_NONE, x;

	for (x = keep; x != PF_NONE && nd[x].parent != PF_NONE; x = nd[x].parent)
		if (!tv->open[nd[x].parent])
			keep = nd[x].parent;
	v->sel = 0;
	while (cur != PF_NONE) {
		if (cur == keep)
			v->sel = n;
		tv->rows[n++] = cur;
		cur = tv->open[cur] && nd[cur].child_n ? nd[cur].child_at : tree_next(tv, cur);
	}
	v->nrows = n;
}

/* Expand the path from a root down to func; returns its node, or PF_NONE.
 * The path is a shortest one, found backwards over the callers: O(V + E). */
static uint32_t tree_reveal(struct tree_view *tv, uint32_t func)
{
	const struct callgraph *g = tv->tree.g;
	const struct profile *p = g->p;
	uint32_t *next, *queue, qn = 0, qi, i, root = PF_NONE, node = PF_NONE;
	uint8_t *is_root;

	if (func >= g->nfuncs)
		return PF_NONE;
	if (tv->tree.contexts) {
		node = callgraph_tree_reveal_context(&tv->tree, func);
		tree_grow(tv);
		for (i = node; i != PF_NONE && tv->tree.v[i].parent != PF_NONE;)
			tv->open[i = tv->tree.v[i].parent] = 1;
		return node;
	}
	next = xmalloc((size_t)g->nfuncs * sizeof(*next));
	queue = xmalloc((size_t)g->nfuncs * sizeof(*queue));
	is_root = xcalloc(g->nfuncs, 1);
	memset(next, 0xff, (size_t)g->nfuncs * sizeof(*next));
	for (i = 0; i < g->nroots; i++)
		is_root[g->roots[i]] = 1;
	next[func] = func;
	queue[qn++] = func;
	for (qi = 0; qi < qn && root == PF_NONE; qi++) {
		uint32_t x = queue[qi];

		if (is_root[x]) {
			root = x;
			break;
		}
		for (i = g->in_at[x]; i < g->in_at[x + 1]; i++) {
			uint32_t c = p->edges.v[g->in_edge[i]].caller;

			if (next[c] == PF_NONE) {
				next[c] = x;
				queue[qn++] = c;
			}
		}
	}
	for (i = 0; root != PF_NONE && i < tv->tree.ntop; i++)
		if (tv->tree.v[i].func == root)
			node = i;
	while (node != PF_NONE && tv->tree.v[node].func != func) {
		uint32_t want = next[tv->tree.v[node].func], k = tree_open(tv, node), at;

		at = tv->tree.v[node].child_at;
		for (node = PF_NONE, i = 0; i < k; i++)
			if (tv->tree.v[at + i].func == want && !tv->tree.v[at + i].recursive)
				node = at + i;
	}
	free(is_root);
	free(queue);
	free(next);
	return node;
}

/* (Re)build the tree for the live call graph and the focus function. */
static void tree_rebuild(struct view *v)
{
	struct tree_view *tv = v->priv;
	struct session *s = &v->tui->s;
	uint32_t func = tv->focus ? profile_find_function(s->merged, tv->focus) : PF_NONE;
	uint32_t keep = PF_NONE;

	callgraph_tree_free(&tv->tree);
	if (tv->cap)
		memset(tv->open, 0, tv->cap);
	v->top = 0;
	if (tv->callers && func == PF_NONE)
		tv->callers = false;
	if (tv->callers) {
		callgraph_tree_init_callers(&tv->tree, session_callgraph(s), func);
		tree_grow(tv);
		tree_open(tv, 0);
		keep = 0;
	} else {
		callgraph_tree_init(&tv->tree, session_callgraph(s));
		tree_grow(tv);
		keep = tree_reveal(tv, func);
	}
	tree_flatten(v, keep);
}

/* ---- drawing ---- */

static void tree_draw_row(struct view *v, int y, uint32_t row, const int *x, const int *w)
{
	struct tree_view *tv = v->priv;
	const struct profile *p = v->tui->s.merged;
	const struct cg_node *nd = &tv->tree.v[tv->rows[row]];
	uint64_t total = session_hotspots(&v->tui->s)->total;
	enum role base = row == v->sel ? ROLE_SELECTED : ROLE_NORMAL;
	struct strbuf sb = STRBUF_INIT;
	uint32_t indent = 2 * nd->depth, most = (uint32_t)(w[TC_NAME] > 8 ? w[TC_NAME] / 2 : 0);
	int g = nd->recursive ? 2 : nd->leaf ? 3 : tv->open[tv->rows[row]] ? 1 : 0;
	char buf[48];

	move(y, 0);
	attron(draw_attr(base));
	clrtoeol();
	attroff(draw_attr(base));
	snprintf(buf, sizeof(buf), "%" PRIu64, nd->count);
	draw_text(y, x[TC_COUNT], w[TC_COUNT], nd->has_count ? buf : "-", base, true);
	draw_text(y, x[TC_TIME], w[TC_TIME], nd->has_time ? text_duration(buf, nd->time_ns) : "-",
		  base, true);
	snprintf(buf, sizeof(buf), "%.1f%%",
		 total ? 100.0 * (double)nd->time_ns / (double)total : 0);
	draw_text(y, x[TC_SHARE], w[TC_SHARE], nd->has_time ? buf : "-", base, true);
	sb_addf(&sb, "%*s%s %s", (int)(indent < most ? indent : most), "", tv->glyph[g],
		profile_str(p, p->funcs.v[nd->func].name));
	if (nd->recursive)
		sb_adds(&sb, " (recursive)");
	draw_text(y, x[TC_NAME], w[TC_NAME], sb_str(&sb),
		  nd->recursive && base != ROLE_SELECTED ? ROLE_DIM : base, false);
	sb_free(&sb);
}

static void tree_draw(struct view *v, int y0, int h)
{
	struct tree_view *tv = v->priv;
	const struct profile *p = v->tui->s.merged;
	struct column c[TC_COUNT_];
	struct strbuf title = STRBUF_INIT;
	int x[TC_COUNT_], w[TC_COUNT_], i;

	memcpy(c, tree_columns, sizeof(c));
	if (tv->callers)
		sb_addf(&title, "Callers of %s",
			profile_str(p, p->funcs.v[tv->tree.v[0].func].name));
	else
		sb_addf(&title, "Call tree from %" PRIu32 " %s", tv->tree.ntop,
			text_plural(tv->tree.ntop, "root", "roots"));
	if (!tv->tree.contexts)
		sb_adds(&title, ", estimated from edges");
	c[TC_NAME].title = sb_str(&title);
	if (!profile_counts_calls(p) && !tv->tree.contexts)
		c[TC_COUNT].title = "Samples"; /* of the edges; the tops' calls are unknown */
	columns_layout(c, TC_COUNT_, v->tui->cols, x, w);
	draw_header(y0, c, TC_COUNT_, x, w, -1, false);
	sb_free(&title);
	table_scroll(v, h - 1);
	if (v->nrows == 0) {
		draw_text(y0 + 1, 1, v->tui->cols - 2, "the profile has no functions", ROLE_DIM,
			  false);
		return;
	}
	for (i = 0; i < h - 1 && v->top + (uint32_t)i < v->nrows; i++)
		tree_draw_row(v, y0 + 1 + i, v->top + (uint32_t)i, x, w);
}

/* ---- keys ---- */

static const char *tree_row_name(struct view *v, uint32_t row)
{
	struct tree_view *tv = v->priv;
	const struct profile *p = v->tui->s.merged;

	if (row >= v->nrows)
		return NULL;
	return profile_str(p, p->funcs.v[tv->tree.v[tv->rows[row]].func].name);
}

static const char *tree_status(struct view *v)
{
	struct tree_view *tv = v->priv;

	snprintf(tv->status, sizeof(tv->status), "%s  + - * E  t %s",
		 tv->callers ? "callers tree" : "call tree", tv->callers ? "call tree" : "callers");
	return tv->status;
}

/* + and Right: show the children, or go to the first one when shown. */
static void tree_expand_sel(struct view *v)
{
	struct tree_view *tv = v->priv;
	const struct profile *p = v->tui->s.merged;
	uint32_t node = tv->rows[v->sel];

	if (tv->tree.v[node].recursive) {
		tui_message(v->tui, false, "%s is already on the path above: recursion",
			    profile_str(p, p->funcs.v[tv->tree.v[node].func].name));
		return;
	}
	if (tv->open[node]) {
		tree_flatten(v, tv->tree.v[node].child_at);
		return;
	}
	tree_open(tv, node);
	tree_flatten(v, node);
}

/* -: hide the children, or go to the parent when hidden. */
static void tree_collapse_sel(struct view *v)
{
	struct tree_view *tv = v->priv;
	uint32_t node = tv->rows[v->sel];

	if (tv->open[node]) {
		tv->open[node] = 0;
		tree_flatten(v, node);
	} else if (tv->tree.v[node].parent != PF_NONE) {
		tree_flatten(v, tv->tree.v[node].parent);
	}
}

/* e: expand the selected subtree, level by level, TREE_DEEP_LEVELS deep
 * and until TREE_DEEP_ROWS new rows are shown, so never exponentially. */
static void tree_expand_deep(struct view *v)
{
	struct tree_view *tv = v->priv;
	uint32_t top = tv->rows[v->sel], depth = tv->tree.v[top].depth;
	uint32_t *queue = xmalloc(sizeof(*queue)), qn = 0, qcap = 1, qi, added = 0;

	queue[qn++] = top;
	for (qi = 0; qi < qn && added < TREE_DEEP_ROWS; qi++) {
		uint32_t node = queue[qi], k, i, was_open;

		if (tv->tree.v[node].leaf || tv->tree.v[node].depth - depth >= TREE_DEEP_LEVELS)
			continue;
		was_open = tv->open[node];
		k = tree_open(tv, node);
		added += was_open ? 0 : k;
		if (qn + k > qcap) {
			qcap = qn + k > 2 * qcap ? qn + k : 2 * qcap;
			queue = xreallocarray(queue, qcap, sizeof(*queue));
		}
		for (i = 0; i < k; i++)
			queue[qn++] = tv->tree.v[node].child_at + i;
	}
	if (added >= TREE_DEEP_ROWS)
		tui_message(v->tui, false, "stopped after %" PRIu32 " new %s: * again goes deeper",
			    added, text_plural(added, "row", "rows"));
	free(queue);
	tree_flatten(v, top);
}

/* E: collapse everything, keeping the selection's top node selected. */
static void tree_collapse_all(struct view *v)
{
	struct tree_view *tv = v->priv;

	if (tv->cap)
		memset(tv->open, 0, tv->cap);
	tree_flatten(v, v->nrows ? tv->rows[v->sel] : PF_NONE);
}

/* t: the callers tree of the selected function, or back to the call tree
 * with it revealed. */
static void tree_switch(struct view *v)
{
	struct tree_view *tv = v->priv;
	const struct profile *p = v->tui->s.merged;

	if (v->nrows) {
		free(tv->focus);
		tv->focus =
		    xstrdup(profile_str(p, p->funcs.v[tv->tree.v[tv->rows[v->sel]].func].name));
	}
	tv->callers = !tv->callers;
	tree_rebuild(v);
}

static bool tree_key(struct view *v, enum action a)
{
	struct tree_view *tv = v->priv;

	if (!v->nrows && a != ACT_TREE)
		return table_list_key(v, a);
	switch (a) {
	case ACT_ENTER:
		/* frees this view: nothing after it */
		view_function_open(v->tui, tv->tree.v[tv->rows[v->sel]].func);
		return true;
	case ACT_EXPAND:
	case ACT_EXPAND_RIGHT:
		tree_expand_sel(v);
		return true;
	case ACT_COLLAPSE:
		tree_collapse_sel(v);
		return true;
	case ACT_EXPAND_ALL:
		tree_expand_deep(v);
		return true;
	case ACT_COLLAPSE_ALL:
		tree_collapse_all(v);
		return true;
	case ACT_TREE:
		tree_switch(v);
		return true;
	default:
		return table_list_key(v, a);
	}
}

static void tree_free(struct view *v)
{
	struct tree_view *tv = v->priv;

	callgraph_tree_free(&tv->tree);
	free(tv->open);
	free(tv->rows);
	free(tv->focus);
	free(tv);
}

static const struct view_ops tree_ops = VIEW_OPS("Call tree", VIEW_TREE, tree_rebuild, tree_draw,
						 tree_key, tree_row_name, tree_status, tree_free);

struct view *view_tree_new(struct tui *t, uint32_t func)
{
	static const char *const utf8[4] = {"\u25b8", "\u25be", "\u21bb", "\u00b7"};
	static const char *const ascii[4] = {"+", "-", "@", " "};
	struct tree_view *tv = xcalloc(1, sizeof(*tv));
	const struct profile *p = t->s.merged;

	memcpy(tv->glyph, draw_utf8() ? utf8 : ascii, sizeof(tv->glyph));
	if (func != PF_NONE && func < p->funcs.n)
		tv->focus = xstrdup(profile_str(p, p->funcs.v[func].name));
	return view_new(t, &tree_ops, tv);
}

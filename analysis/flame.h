/* flame.h - a flame graph (icicle: the roots on top) of a call tree, laid
 * out in columns: one row per depth, each frame as wide as its inclusive
 * time, its callees under it from its left edge, heaviest first.
 *
 * The tree is analysis/callgraph.h's: the calling-context tree when the
 * profile has one (exact), else estimated from the edges (the tree's
 * `contexts` says which). A frame spans the columns
 * [round(width * start / total), round(width * end / total)), start and
 * end being times from the left edge of the top row and total the top
 * row's time, so widths add up and never drift; an estimated node whose
 * callees add up to more than its own time has them scaled to fit, and a
 * scaled node's callees are scaled with it, so a frame never reaches past
 * its caller's (nor the rows grow past the width).
 * Frames narrower than a column are left out, with their callees.
 *
 * Pure: no I/O. The layout expands the tree's nodes it needs.
 */
#ifndef VITTE_ANALYSIS_FLAME_H
#define VITTE_ANALYSIS_FLAME_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis/callgraph.h"

struct flame_frame {
	uint32_t node;	  /* in the tree */
	uint32_t parent;  /* frame index, PF_NONE on the top row */
	uint32_t depth;	  /* 0: the top row */
	int x, w;	  /* columns, w >= 1 */
	uint64_t time_ns; /* the node's inclusive time */
};

struct flame {
	struct flame_frame *v; /* owned: by depth, then by x */
	uint32_t n, cap;
	uint32_t depth;	 /* rows: 1 + the deepest frame's depth (0 when empty) */
	double total_ns; /* the top row's time */
};

/* Lay out the frames of tree t (expanding nodes as needed) in width
 * columns and at most max_depth rows: from its top nodes, or from node
 * root alone (a zoom; PF_NONE for the tops). fl is emptied first; free
 * with flame_free(). */
void flame_layout(struct flame *fl, struct cg_tree *t, uint32_t root, int width,
		  uint32_t max_depth);

/* The node of t at the end of the path of functions funcs[0 .. n) from a
 * top node (expanding nodes as needed); PF_NONE when t has no such path. */
uint32_t flame_find_path(struct cg_tree *t, const uint32_t *funcs, uint32_t n);

void flame_free(struct flame *fl);

#endif

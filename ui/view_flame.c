/* view_flame.c - the flame graph (an icicle: callers on top) of the call
 * tree, laid out by analysis/flame.h in the screen's width: one row per
 * depth, each frame as wide as its inclusive time, labelled when there is
 * room. j/k go to a callee and back to the caller, h/l to the frames
 * beside; Enter zooms into a frame (a new view on the stack, which q
 * leaves); / highlights the frames that match. Exact from the profile's
 * calling contexts, else estimated from its edges, which the header says.
 */
#include "ui/view.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/flame.h"
#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/table.h"
#include "ui/viewstack.h"

#define FLAME_MAX_DEPTH 256 /* rows laid out (the contexts' own bound) */
#define FLAME_LABEL_MIN 3   /* a frame this wide or more shows its name */

struct flame_view {
	struct cg_tree tree;
	struct flame fl;
	uint32_t *path; /* owned: the zoomed frame's functions from a top, or NULL */
	uint32_t npath;
	uint32_t root;	  /* the zoomed frame's node, PF_NONE for the whole tree */
	char *focus;	  /* owned: select this function's widest frame at the first layout */
	int laid_cols;	  /* the width of the last layout, 0: lay out again */
	uint32_t matches; /* frames the search matches */
	char status[200];
};

static const char *flame_name(const struct view *v, uint32_t frame)
{
	const struct flame_view *fv = v->priv;
	const struct profile *p = v->tui->s.merged;

	return profile_str(p, p->funcs.v[fv->tree.v[fv->fl.v[frame].node].func].name);
}

/* ---- layout ---- */

/* The frame of node, or of its nearest ancestor laid out; 0 when none. */
static uint32_t flame_frame_of(const struct flame_view *fv, uint32_t node)
{
	uint32_t f;

	for (; node != PF_NONE; node = fv->tree.v[node].parent)
		for (f = 0; f < fv->fl.n; f++)
			if (fv->fl.v[f].node == node)
				return f;
	return 0;
}

/* The widest frame of the function named focus (the first of equals),
 * or the selection when it has none. */
static uint32_t flame_focus(const struct view *v, const char *focus)
{
	const struct flame_view *fv = v->priv;
	uint32_t func = profile_find_function(v->tui->s.merged, focus), f, best = PF_NONE;

	for (f = 0; f < fv->fl.n && func != PF_NONE; f++)
		if (fv->tree.v[fv->fl.v[f].node].func == func &&
		    (best == PF_NONE || fv->fl.v[f].w > fv->fl.v[best].w))
			best = f;
	return best != PF_NONE ? best : v->sel;
}

/* Lay out in cols columns, keeping the selection on its node (at first,
 * on the focus). */
static void flame_relayout(struct view *v, int cols)
{
	struct flame_view *fv = v->priv;
	uint32_t node = v->sel < fv->fl.n ? fv->fl.v[v->sel].node : PF_NONE;

	flame_layout(&fv->fl, &fv->tree, fv->root, cols, FLAME_MAX_DEPTH);
	fv->laid_cols = cols;
	v->nrows = fv->fl.n;
	v->sel = flame_frame_of(fv, node);
	if (fv->focus) {
		v->sel = flame_focus(v, fv->focus);
		free(fv->focus);
		fv->focus = NULL;
	}
}

/* The session changed: the tree again, and the zoomed frame by its path. */
static void flame_rebuild(struct view *v)
{
	struct flame_view *fv = v->priv;

	callgraph_tree_free(&fv->tree);
	callgraph_tree_init(&fv->tree, session_callgraph(&v->tui->s));
	fv->root = fv->npath ? flame_find_path(&fv->tree, fv->path, fv->npath) : PF_NONE;
	if (fv->npath && fv->root == PF_NONE)
		tui_message(v->tui, false, "the zoomed frame is gone: the whole graph instead");
	v->sel = v->top = 0;
	fv->laid_cols = 0;
	flame_free(&fv->fl);
	v->nrows = 0;
}

/* ---- drawing ---- */

/* Colours by the frame's share of the whole graph's time. */
static enum role flame_role(const struct view *v, uint32_t f)
{
	const struct flame_view *fv = v->priv;
	double share = fv->fl.total_ns > 0 ? (double)fv->fl.v[f].time_ns / fv->fl.total_ns : 0;

	if (f == v->sel)
		return ROLE_SELECTED;
	if (v->search[0] && table_rows_match(flame_name(v, f), NULL, v->search))
		return ROLE_MARKED;
	return share >= 0.2 ? ROLE_HOT : share >= 0.05 ? ROLE_WARM : ROLE_COLD;
}

/* Frame f at line y: its name in w - 1 columns (cut in the middle), in
 * reverse video, then its right edge, a thin bar in its colour (the
 * frames' extents show without colours too). */
static void flame_draw_frame(struct view *v, int y, uint32_t f)
{
	const struct flame_frame *fr = &((struct flame_view *)v->priv)->fl.v[f];
	enum role role = flame_role(v, f);
	attr_t attr = draw_attr(role) | A_REVERSE;
	int w = fr->w > 1 ? fr->w - 1 : 1;

	if (role == ROLE_SELECTED)
		attr = draw_attr(role) | A_BOLD | A_UNDERLINE;
	if (w >= FLAME_LABEL_MIN)
		draw_text_cut(y, fr->x, w, flame_name(v, f), ROLE_NORMAL, false, TEXT_CUT_MIDDLE);
	else
		mvhline(y, fr->x, ' ', w);
	mvchgat(y, fr->x, w, attr, PAIR_NUMBER(attr), NULL);
	if (fr->w > 1)
		draw_text(y, fr->x + w, 1, draw_utf8() ? "\u258f" : "|", role, false);
}

/* The header: what is shown, its time and share, exact or estimated. */
static void flame_draw_header(struct view *v, int y)
{
	struct flame_view *fv = v->priv;
	const struct profile *p = v->tui->s.merged;
	struct strbuf sb = STRBUF_INIT;
	char dur[16];
	uint32_t i;

	sb_adds(&sb, "Flame graph");
	for (i = 0; i < fv->npath && fv->root != PF_NONE; i++)
		sb_addf(&sb, "%s%s", i ? " > " : " of ",
			profile_str(p, p->funcs.v[fv->path[i]].name));
	sb_addf(&sb, ", %s, ", text_duration(dur, (uint64_t)fv->fl.total_ns));
	sb_adds(&sb, fv->tree.contexts
			 ? "exact from the calling contexts"
			 : "estimated from edges (the profile has no calling contexts)");
	draw_text(y, 0, v->tui->cols, sb_str(&sb), ROLE_HEADER, false);
	sb_free(&sb);
}

static void flame_draw(struct view *v, int y0, int h)
{
	struct flame_view *fv = v->priv;
	uint32_t f, rows = h > 1 ? (uint32_t)h - 1 : 1, depth;

	if (fv->laid_cols != v->tui->cols)
		flame_relayout(v, v->tui->cols);
	flame_draw_header(v, y0);
	v->height = (int)rows;
	v->first_y = v->tui->lines; /* clicks select no row */
	if (!fv->fl.n) {
		draw_text(y0 + 1, 1, v->tui->cols - 2, "no time to draw: the profile has no time",
			  ROLE_DIM, false);
		return;
	}
	depth = fv->fl.v[v->sel].depth; /* keep the selected row in sight */
	if (depth < v->top)
		v->top = depth;
	if (depth >= v->top + rows)
		v->top = depth - rows + 1;
	fv->matches = 0;
	for (f = 0; f < fv->fl.n; f++) {
		fv->matches += v->search[0] && table_rows_match(flame_name(v, f), NULL, v->search);
		if (fv->fl.v[f].depth >= v->top && fv->fl.v[f].depth < v->top + rows)
			flame_draw_frame(v, y0 + 1 + (int)(fv->fl.v[f].depth - v->top), f);
	}
}

/* ---- keys ---- */

static const char *flame_row_name(struct view *v, uint32_t row)
{
	return row < ((struct flame_view *)v->priv)->fl.n ? flame_name(v, row) : NULL;
}

/* The selected frame: its path, time, share of the graph and calls. */
static const char *flame_status(struct view *v)
{
	struct flame_view *fv = v->priv;
	const struct flame_frame *fr;
	const struct cg_node *nd;
	char dur[16];
	int n;

	if (!fv->fl.n)
		return NULL;
	fr = &fv->fl.v[v->sel];
	nd = &fv->tree.v[fr->node];
	n = snprintf(fv->status, sizeof(fv->status), "%s %s  %.1f%%", flame_name(v, v->sel),
		     text_duration(dur, fr->time_ns),
		     fv->fl.total_ns > 0 ? 100 * (double)fr->time_ns / fv->fl.total_ns : 0);
	if (nd->has_count && n > 0 && (size_t)n < sizeof(fv->status))
		n += snprintf(fv->status + n, sizeof(fv->status) - (size_t)n,
			      "  %" PRIu64 " call%s", nd->count, nd->count == 1 ? "" : "s");
	if (v->search[0] && n > 0 && (size_t)n < sizeof(fv->status))
		snprintf(fv->status + n, sizeof(fv->status) - (size_t)n, "  %" PRIu32 " match%s",
			 fv->matches, fv->matches == 1 ? "" : "es");
	return fv->status;
}

/* The frame beside the selection on its row (dir -1 left, 1 right). */
static void flame_beside(struct view *v, int dir)
{
	struct flame_view *fv = v->priv;
	uint32_t f = v->sel, depth = fv->fl.v[f].depth;

	if (dir < 0 && f > 0 && fv->fl.v[f - 1].depth == depth)
		v->sel = f - 1;
	if (dir > 0 && f + 1 < fv->fl.n && fv->fl.v[f + 1].depth == depth)
		v->sel = f + 1;
}

/* The first callee of the selection that is laid out: its widest. */
static void flame_down(struct view *v)
{
	struct flame_view *fv = v->priv;
	uint32_t f;

	for (f = v->sel + 1; f < fv->fl.n; f++)
		if (fv->fl.v[f].parent == v->sel) {
			v->sel = f;
			return;
		}
}

/* Enter: a new view zoomed into the selected frame. */
static void flame_zoom(struct view *v)
{
	struct flame_view *fv = v->priv;
	uint32_t node = fv->fl.v[v->sel].node, n = 0, i, x;
	uint32_t *path;

	if (node == fv->root) {
		tui_message(v->tui, false, "zoomed in on this frame already: q goes back");
		return;
	}
	for (x = node; x != PF_NONE; x = fv->tree.v[x].parent)
		n++;
	path = xcalloc(n, sizeof(*path));
	for (i = n, x = node; x != PF_NONE; x = fv->tree.v[x].parent)
		path[--i] = fv->tree.v[x].func;
	tui_push(v->tui, view_flame_zoom_new(v->tui, path, n));
}

static bool flame_key(struct view *v, enum action a)
{
	struct flame_view *fv = v->priv;

	if (!fv->fl.n)
		return table_list_key(v, a);
	switch (a) {
	case ACT_DOWN:
		flame_down(v);
		return true;
	case ACT_UP:
		v->sel = fv->fl.v[v->sel].parent != PF_NONE ? fv->fl.v[v->sel].parent : v->sel;
		return true;
	case ACT_FLAME_LEFT:
	case ACT_FLAME_RIGHT:
		flame_beside(v, a == ACT_FLAME_LEFT ? -1 : 1);
		return true;
	case ACT_ENTER:
		flame_zoom(v);
		return true;
	default:
		return table_list_key(v, a);
	}
}

static void flame_view_free(struct view *v)
{
	struct flame_view *fv = v->priv;

	callgraph_tree_free(&fv->tree);
	flame_free(&fv->fl);
	free(fv->path);
	free(fv->focus);
	free(fv);
}

static const struct view_ops flame_ops =
    VIEW_OPS("Flame graph", VIEW_FLAME, flame_rebuild, flame_draw, flame_key, flame_row_name,
	     flame_status, flame_view_free);

struct view *view_flame_zoom_new(struct tui *t, uint32_t *path, uint32_t n)
{
	struct flame_view *fv = xcalloc(1, sizeof(*fv));

	fv->path = path;
	fv->npath = path ? n : 0;
	fv->root = PF_NONE;
	return view_new(t, &flame_ops, fv);
}

struct view *view_flame_new(struct tui *t, const char *focus)
{
	struct view *v = view_flame_zoom_new(t, NULL, 0);

	if (focus)
		((struct flame_view *)v->priv)->focus = xstrdup(focus);
	return v;
}

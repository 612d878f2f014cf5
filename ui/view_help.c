/* view_help.c - every key, generated from the one key table (keys.h). */
#include "ui/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"

static const struct {
	unsigned views;
	const char *title;
} groups[] = {
	{V_ANY, "Everywhere"},
	{V_LISTS, "In lists"},
	{V_SORTABLE, "Hotspots, branches, loops, diff"},
	{VIEW_BIT(VIEW_HOTSPOTS), "Hotspots"},
	{VIEW_BIT(VIEW_HOTSPOTS) | VIEW_BIT(VIEW_PROFILES), "Hotspots and profiles"},
	{VIEW_BIT(VIEW_FUNCTION), "Function"},
	{VIEW_BIT(VIEW_FUNCTION) | VIEW_BIT(VIEW_TREE), "Function and call tree"},
	{VIEW_BIT(VIEW_TREE), "Call tree"},
	{VIEW_BIT(VIEW_PROFILES), "Profiles"},
	{VIEW_BIT(VIEW_DIFF), "Diff"},
};

#define N_GROUPS (sizeof(groups) / sizeof(groups[0]))

/* One line of the help: a group title (action 0) or an action. */
struct help_line {
	unsigned group;
	int action;
};

struct help_view {
	struct help_line *lines;
};

static void help_refresh(struct view *v)
{
	struct help_view *h = v->priv;
	unsigned g;
	int a;

	free(h->lines);
	h->lines = xcalloc(N_GROUPS * (ACT_COUNT + 2), sizeof(*h->lines));
	v->nrows = 0;
	for (g = 0; g < N_GROUPS; g++) {
		bool any = false;

		for (a = 1; a < ACT_COUNT; a++) {
			if (action_table[a].views != groups[g].views)
				continue;
			if (!any) {
				if (v->nrows)
					h->lines[v->nrows++] = (struct help_line){g, -1};
				h->lines[v->nrows++] = (struct help_line){g, 0};
				any = true;
			}
			h->lines[v->nrows++] = (struct help_line){g, a};
		}
	}
}

static const char *help_row_name(struct view *v, uint32_t row)
{
	struct help_view *h = v->priv;
	int a = h->lines[row].action;

	return a > 0 ? action_table[a].help : a == 0 ? groups[h->lines[row].group].title : "";
}

static void help_draw(struct view *v, int y0, int h)
{
	struct help_view *hv = v->priv;
	int i, cols = v->tui->cols;

	draw_text(y0, 0, cols, " Keys (q or Esc closes this help; / searches it)", ROLE_HEADER,
		  false);
	list_scroll(v, h - 1);
	for (i = 0; i < h - 1 && v->top + (uint32_t)i < v->nrows; i++) {
		uint32_t row = v->top + (uint32_t)i;
		const struct help_line *l = &hv->lines[row];
		enum role role = row == v->sel ? ROLE_SELECTED : ROLE_NORMAL;
		int y = y0 + 1 + i;

		if (l->action < 0) {
			draw_text(y, 0, cols, "", role, false);
		} else if (l->action == 0) {
			draw_text(y, 0, cols, groups[l->group].title, row == v->sel ? role : ROLE_HEADER,
				  false);
		} else {
			draw_text(y, 0, 4, "", role, false);
			draw_text(y, 4, 12, action_table[l->action].label, role, false);
			draw_text(y, 16, cols - 16, action_table[l->action].help, role, false);
		}
	}
}

static bool help_key(struct view *v, enum action a, int key)
{
	(void)key;
	if (a == ACT_HELP) {
		tui_pop(v->tui);
		return true;
	}
	return list_key(v, a);
}

static void help_free(struct view *v)
{
	struct help_view *h = v->priv;

	free(h->lines);
	free(h);
}

static const struct view_ops help_ops = {
	.title = "Help",
	.kind = VIEW_HELP,
	.rebuild = help_refresh,
	.draw = help_draw,
	.key = help_key,
	.row_name = help_row_name,
	.free = help_free,
};

struct view *view_help_new(struct tui *t)
{
	return view_new(t, &help_ops, xcalloc(1, sizeof(struct help_view)));
}

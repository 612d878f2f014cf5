/* view_help.c - every key, generated from the one key table (keys.h),
 * in the sections the table names. */
#include "ui/view.h"
#include "ui/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "ui/draw.h"
#include "ui/viewstack.h"

/* One line of the help: blank (label and text NULL), a section title
 * (label NULL), or keys and what they do. */
struct help_line {
	const char *label, *text;
};

struct help_view {
	struct help_line *lines;
};

/* The keys of a prompt (ui/prompt.c), which are not actions. */
static const struct help_line prompt_keys[] = {
    {"Left Right", "move the cursor"},
    {"Home End", "to the start, to the end (also ^A, ^E)"},
    {"BS Del", "delete the character before, at the cursor"},
    {"^U ^K", "delete to the start, to the end"},
    {"^W", "delete the word before the cursor (of a path, its last part)"},
    {"Tab", "complete a file name (~ is the home directory)"},
    {"Enter", "accept"},
    {"Esc ^C ^G", "cancel"},
};
#define N_PROMPT_KEYS (sizeof(prompt_keys) / sizeof(prompt_keys[0]))

/* The listing of the key table (ui/action.h), a blank line between
 * sections, then the keys of prompts. */
static void help_refresh(struct view *v)
{
	struct help_view *h = v->priv;
	struct action_help_line l[ACTION_HELP_LINES];
	unsigned i, n = action_help_listing(l);

	free(h->lines);
	h->lines = xcalloc(2 * (size_t)n + N_PROMPT_KEYS + 2, sizeof(*h->lines));
	v->nrows = 0;
	for (i = 0; i < n; i++) {
		const struct action_info *a = &action_table[l[i].action];

		if (l[i].action == ACT_NONE && v->nrows)
			h->lines[v->nrows++] = (struct help_line){NULL, NULL};
		h->lines[v->nrows++] =
		    l[i].action == ACT_NONE
			? (struct help_line){NULL, action_group_title(l[i].group)}
			: (struct help_line){a->label, a->help};
	}
	h->lines[v->nrows++] = (struct help_line){NULL, NULL};
	h->lines[v->nrows++] = (struct help_line){NULL, "In prompts (the cursor shows)"};
	for (i = 0; i < N_PROMPT_KEYS; i++)
		h->lines[v->nrows++] = prompt_keys[i];
}

static const char *help_row_name(struct view *v, uint32_t row)
{
	struct help_view *h = v->priv;

	return h->lines[row].text ? h->lines[row].text : "";
}

static void help_draw(struct view *v, int y0, int h)
{
	struct help_view *hv = v->priv;
	int i, cols = v->tui->cols;

	draw_text(y0, 0, cols, " Keys (q or Esc closes this help; / searches it)", ROLE_HEADER,
		  false);
	table_scroll(v, h - 1);
	for (i = 0; i < h - 1 && v->top + (uint32_t)i < v->nrows; i++) {
		uint32_t row = v->top + (uint32_t)i;
		const struct help_line *l = &hv->lines[row];
		enum role role = row == v->sel ? ROLE_SELECTED : ROLE_NORMAL;
		int y = y0 + 1 + i;

		if (!l->text) {
			draw_text(y, 0, cols, "", role, false);
		} else if (!l->label) {
			draw_text(y, 0, cols, l->text, row == v->sel ? role : ROLE_HEADER, false);
		} else {
			draw_text(y, 0, 4, "", role, false);
			draw_text(y, 4, 12, l->label, role, false);
			draw_text(y, 16, cols - 16, l->text, role, false);
		}
	}
}

static bool help_key(struct view *v, enum action a)
{
	if (a == ACT_HELP) {
		tui_pop(v->tui);
		return true;
	}
	return table_list_key(v, a);
}

static void help_free(struct view *v)
{
	struct help_view *h = v->priv;

	free(h->lines);
	free(h);
}

static const struct view_ops help_ops =
    VIEW_OPS("Help", VIEW_HELP, help_refresh, help_draw, help_key, help_row_name, NULL, help_free);

struct view *view_help_new(struct tui *t)
{
	return view_new(t, &help_ops, xcalloc(1, sizeof(struct help_view)));
}

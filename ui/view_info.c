/* view_info.c - the info screen (i, as perf report's): what the loaded
 * profiles are, from analysis/info.h: the merged result when there are
 * several, then each input with its path, weight and inclusion. */
#include "ui/view.h"

#include <stdio.h>
#include <stdlib.h>

#include "analysis/info.h"
#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"
#include "ui/draw.h"
#include "ui/table.h"
#include "ui/viewstack.h"

#define INFO_LABEL_WIDTH 10

/* A row: a section's title (label NULL), a line, or blank (text NULL). */
struct info_row {
	const char *label;
	char *text; /* owned */
};

struct info_view {
	struct info_row *rows;
	uint32_t cap;
};

static void info_push(struct view *v, const char *label, char *text)
{
	struct info_view *iv = v->priv;

	if (v->nrows == iv->cap) {
		iv->cap = iv->cap ? 2 * iv->cap : 32;
		iv->rows = xreallocarray(iv->rows, iv->cap, sizeof(*iv->rows));
	}
	iv->rows[v->nrows++] = (struct info_row){label, text};
}

/* A section: its title, then the lines about p. */
static void info_section(struct view *v, char *title, const struct profile *p)
{
	struct info_line l[INFO_MAX_LINES];
	unsigned i, n = info_profile(p, l);

	if (v->nrows)
		info_push(v, NULL, NULL);
	info_push(v, NULL, title);
	for (i = 0; i < n; i++)
		info_push(v, l[i].label, xstrdup(l[i].value));
}

static void info_clear(struct view *v)
{
	struct info_view *iv = v->priv;
	uint32_t i;

	for (i = 0; i < v->nrows; i++)
		free(iv->rows[i].text);
	v->nrows = 0;
}

static void info_rebuild(struct view *v)
{
	const struct session *s = &v->tui->s;
	struct strbuf sb = STRBUF_INIT;
	uint32_t i, included = 0;

	info_clear(v);
	for (i = 0; i < s->n_inputs; i++)
		included += s->inputs[i].included;
	if (s->n_inputs > 1) {
		sb_addf(&sb, "Merged: %u of %u profiles (what the views show)", included,
			s->n_inputs);
		info_section(v, sb_detach(&sb, NULL), s->merged);
	}
	for (i = 0; i < s->n_inputs; i++) {
		sb_addf(&sb, "Input %u of %u: %s  (weight %g, %s)", i + 1, s->n_inputs,
			s->inputs[i].path, s->inputs[i].weight,
			s->inputs[i].included ? "in the merge" : "left out of the merge");
		info_section(v, sb_detach(&sb, NULL), s->inputs[i].p);
	}
	if (v->sel >= v->nrows)
		v->sel = v->nrows ? v->nrows - 1 : 0;
}

static const char *info_row_name(struct view *v, uint32_t row)
{
	struct info_view *iv = v->priv;

	return row < v->nrows && iv->rows[row].text ? iv->rows[row].text : "";
}

static void info_draw(struct view *v, int y0, int h)
{
	struct info_view *iv = v->priv;
	int i, cols = v->tui->cols, x = 2 + INFO_LABEL_WIDTH + 1;

	draw_text(y0, 0, cols, " Profile information (q or Esc closes it; / searches it)",
		  ROLE_HEADER, false);
	table_scroll(v, h - 1);
	for (i = 0; i < h - 1 && v->top + (uint32_t)i < v->nrows; i++) {
		uint32_t row = v->top + (uint32_t)i;
		const struct info_row *r = &iv->rows[row];
		enum role role = row == v->sel ? ROLE_SELECTED : ROLE_NORMAL;
		int y = y0 + 1 + i;
		char label[INFO_LABEL_WIDTH + 2];

		if (!r->label) {
			draw_text(y, 0, cols, r->text ? r->text : "",
				  row == v->sel || !r->text ? role : ROLE_HEADER, false);
			continue;
		}
		snprintf(label, sizeof(label), "%s:", r->label);
		draw_text(y, 0, x, "", role, false);
		draw_text(y, 2, INFO_LABEL_WIDTH, label, row == v->sel ? role : ROLE_DIM, false);
		draw_text(y, x, cols - x, r->text, role, false);
	}
}

static bool info_key(struct view *v, enum action a)
{
	if (a == ACT_INFO) {
		tui_pop(v->tui);
		return true;
	}
	return table_list_key(v, a);
}

static void info_free(struct view *v)
{
	struct info_view *iv = v->priv;

	info_clear(v);
	free(iv->rows);
	free(iv);
}

static const struct view_ops info_ops =
    VIEW_OPS("Info", VIEW_INFO, info_rebuild, info_draw, info_key, info_row_name, NULL, info_free);

struct view *view_info_new(struct tui *t)
{
	return view_new(t, &info_ops, xcalloc(1, sizeof(struct info_view)));
}

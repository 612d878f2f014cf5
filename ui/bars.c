/* bars.c - the title and status bars, the messages on the status line,
 * and the prompts and questions asked there. */
#include "ui/bars.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "analysis/hotspots.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/view.h"
#include "ui/viewstack.h"

/* The program shown (and how many inputs make it), right-aligned from x. */
static void title_program(struct tui *t, int x)
{
	struct strbuf sb = STRBUF_INIT;
	const struct profile *p = t->s.merged;
	uint32_t i, n = 0;

	for (i = 0; i < t->s.n_inputs; i++)
		n += t->s.inputs[i].included;
	sb_adds(&sb, p->program != PF_NONE ? profile_str(p, p->program) : t->s.inputs[0].path);
	if (n != 1)
		sb_addf(&sb, " (%u merged)", n);
	draw_text(0, x, t->cols - x - 1, sb_str(&sb), ROLE_TITLE, true);
	sb_free(&sb);
}

/* Where the last title bar drew each main view's tab: [from, to) */
static int tab_from[VIEW_MAIN_COUNT], tab_to[VIEW_MAIN_COUNT];

int bars_tab_at(int x)
{
	int i;

	for (i = 0; i < VIEW_MAIN_COUNT; i++)
		if (x >= tab_from[i] && x < tab_to[i])
			return i;
	return -1;
}

void bars_draw_title(struct tui *t)
{
	static const char *const names[VIEW_MAIN_COUNT] = {"Hotspots", "Function", "Branches",
							   "Loops",    "Profiles", "Diff"};
	struct view *cur = tui_current(t);
	enum view_kind main_kind = t->stack[0]->ops->kind;
	char buf[64];
	int x = 0, i, room;

	move(0, 0);
	attron(draw_attr(ROLE_TITLE));
	clrtoeol();
	for (x = 0; x < t->cols; x++)
		mvaddch(0, x, ' ');
	x = draw_text(0, 0, 11, " vitte-pgo", ROLE_TITLE, false);
	for (i = 0; i < VIEW_MAIN_COUNT; i++)
		tab_from[i] = tab_to[i] = -1;
	for (i = 0; i < VIEW_MAIN_COUNT; i++) {
		bool current = i == (int)main_kind;
		int w, left;

		snprintf(buf, sizeof(buf), current ? "[%d %s]" : " %d %s ", i + 1, names[i]);
		w = draw_width(buf);
		/* the tabs after this one need room for the current one's */
		left = t->cols - 12 - (i < (int)main_kind ? draw_width(names[main_kind]) + 5 : 0);
		if (!current && x + w + 1 > left)
			continue;
		if (x + w + 1 > t->cols)
			break;
		draw_text(0, x, w, buf, current ? ROLE_SELECTED : ROLE_TITLE, false);
		tab_from[i] = x;
		tab_to[i] = x + w;
		x += w + 1;
	}
	if (cur != t->stack[0] && x + 3 < t->cols) {
		snprintf(buf, sizeof(buf), "> %s", cur->ops->title);
		room = t->cols - x > 24 ? 24 : t->cols - x;
		x += draw_text(0, x, room, buf, ROLE_TITLE, false) + 1;
	}
	if (x < t->cols && t->s.merged)
		title_program(t, x);
	attroff(draw_attr(ROLE_TITLE));
}

void bars_draw_status(struct tui *t)
{
	struct view *v = tui_current(t);
	struct strbuf sb = STRBUF_INIT;
	const char *extra = v->ops->status ? v->ops->status(v) : NULL;

	if (t->message[0]) {
		draw_text(t->lines - 1, 0, t->cols, t->message,
			  t->message_error ? ROLE_ERROR : ROLE_STATUS, false);
		return;
	}
	sb_addf(&sb, " %s  %u/%u", v->ops->title, v->nrows ? v->sel + 1 : 0, v->nrows);
	if (extra)
		sb_addf(&sb, "  %s", extra);
	if (v->filter[0])
		sb_addf(&sb, "  filter: %s", v->filter);
	if (t->s.n_marked)
		sb_addf(&sb, "  marked: %u", t->s.n_marked);
	if (t->s.merged && profile_clock_what(t->s.merged->meta.clock))
		sb_addf(&sb, "  %s", profile_clock_what(t->s.merged->meta.clock));
	if (t->reloaded) {
		char at[16];

		strftime(at, sizeof(at), "%H:%M:%S", localtime(&t->read_at));
		sb_addf(&sb, "  read %s", at);
	}
	if (v->ops->kind != VIEW_HELP)
		sb_adds(&sb, tui_can_back(t) ? "  ? help  q back" : "  ? help  q quit");
	draw_text(t->lines - 1, 0, t->cols, sb_str(&sb), ROLE_STATUS, false);
	sb_free(&sb);
}

/* Display width of the first n bytes of s. */
static int width_of(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	int w;

	sb_add(&sb, s, n);
	w = draw_width(sb_str(&sb));
	sb_free(&sb);
	return w;
}

void bars_draw_prompt(struct tui *t, const char *label, const char *text, size_t cursor,
		      const char *note)
{
	int y = t->lines - 1, cols = t->cols, lw = draw_width(label);
	int nw = note && *note ? draw_width(note) + 2 : 0, fw;
	int room = nw || *text ? 20 : 2; /* a yes/no question needs no field */
	size_t start = 0;

	if (lw > cols - room)
		lw = cols - room > cols / 2 ? cols - room : cols / 2;
	draw_text(y, 0, lw, label, ROLE_HEADER, false);
	fw = cols - lw;
	if (nw && fw - nw >= width_of(text, strlen(text)) + 2 && fw - nw >= 16) {
		fw -= nw;
		draw_text(y, lw + fw, 2, "", ROLE_NORMAL, false);
		draw_text(y, lw + fw + 2, nw - 2, note, ROLE_DIM, false);
	}
	/* the field scrolls to keep the cursor in it */
	while (start < cursor && width_of(text + start, cursor - start) >= fw)
		while (++start < cursor && ((unsigned char)text[start] & 0xc0) == 0x80)
			;
	draw_text(y, lw, fw, text + start, ROLE_SELECTED, false);
	move(y, lw + width_of(text + start, cursor - start));
	curs_set(1);
	refresh();
}

void tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof(t->message), fmt, ap);
	va_end(ap);
	t->message_error = error;
}

void tui_update_session(struct tui *t)
{
	struct error err;

	if (session_update(&t->s, &err) != STATUS_OK)
		tui_message(t, true, "%s", err.text);
	else if (t->s.merged && hotspots_saturated(t->s.merged))
		tui_message(t, false, "%s", hotspots_saturated(t->s.merged));
}

/* ---- prompts and questions on the status line ---- */

struct tui_prompt_ctx {
	struct tui *t;
	void (*changed)(struct view *v, const char *text);
};

static void tui_prompt_redraw(void *ctx, const char *label, const char *text, size_t cursor,
			      const char *note)
{
	struct tui_prompt_ctx *pc = ctx;

	pc->t->redraw(pc->t);
	bars_draw_prompt(pc->t, label, text, cursor, note);
}

static int tui_prompt_getkey(void *ctx)
{
	struct tui *t = ((struct tui_prompt_ctx *)ctx)->t;

	return t->getkey(t);
}

static void tui_prompt_changed(void *ctx, const char *text)
{
	struct tui_prompt_ctx *pc = ctx;

	pc->changed(tui_current(pc->t), text);
}

/* The prompt of kind; the cursor, shown while it is open, hidden after. */
static bool tui_ask(struct tui *t, const char *question, char *buf, size_t size,
		    void (*changed)(struct view *v, const char *text), enum prompt_kind kind)
{
	struct tui_prompt_ctx pc = {t, changed};
	struct prompt_hooks h = {tui_prompt_redraw, tui_prompt_getkey,
				 changed ? tui_prompt_changed : NULL, &pc};
	bool yes;

	t->message[0] = '\0';
	yes = buf ? prompt_read(&h, question, buf, size, kind) : prompt_confirm(&h, question);
	curs_set(0);
	return yes;
}

bool tui_prompt(struct tui *t, const char *question, char *buf, size_t size,
		void (*changed)(struct view *v, const char *text))
{
	return tui_ask(t, question, buf, size, changed, PROMPT_TEXT);
}

bool tui_prompt_path(struct tui *t, const char *question, char *buf, size_t size)
{
	return tui_ask(t, question, buf, size, NULL, PROMPT_PATH);
}

bool tui_confirm(struct tui *t, const char *question)
{
	return tui_ask(t, question, NULL, 0, NULL, PROMPT_TEXT);
}

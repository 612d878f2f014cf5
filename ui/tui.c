/* tui.c - the browser's main loop: terminal set-up, the view stack, title
 * and status bars, prompts, resizing, signals, and the headless mode that
 * tests and screenshots drive with a key script. */
#define _GNU_SOURCE /* setenv, wcrtomb */
#include "ui/ui.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "analysis/hotspots.h"
#include "src/base/alloc.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/action.h"
#include "ui/key.h"
#include "ui/script.h"
#include "ui/term.h"

#define MIN_COLS 40
#define MIN_LINES 8

/* ---- keys: the terminal, or the script of a headless run ---- */

int tui_getkey(struct tui *t)
{
	return t->opt->keys ? script_next_key(&t->script) : term_getkey();
}

/* ---- bars ---- */

static void draw_title(struct tui *t)
{
	static const char *const names[VIEW_MAIN_COUNT] = {"Hotspots", "Function", "Branches",
							   "Loops",    "Profiles", "Diff"};
	struct view *cur = tui_current(t);
	enum view_kind main_kind = t->stack[0]->ops->kind;
	char buf[64];
	int x = 0, i;

	move(0, 0);
	attron(draw_attr(ROLE_TITLE));
	clrtoeol();
	for (x = 0; x < t->cols; x++)
		mvaddch(0, x, ' ');
	x = draw_text(0, 0, 11, " vitte-pgo", ROLE_TITLE, false);
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
		x += w + 1;
	}
	if (cur != t->stack[0] && x + 3 < t->cols) {
		snprintf(buf, sizeof(buf), "> %s", cur->ops->title);
		x += draw_text(0, x, t->cols - x > 24 ? 24 : t->cols - x, buf, ROLE_TITLE, false) + 1;
	}
	if (x < t->cols && t->s.merged) {
		struct strbuf sb = STRBUF_INIT;
		uint32_t n = 0;

		for (i = 0; i < (int)t->s.n_inputs; i++)
			n += t->s.inputs[i].included;
		sb_adds(&sb, t->s.merged->program != PF_NONE ? profile_str(t->s.merged, t->s.merged->program)
							     : t->s.inputs[0].path);
		if (n != 1)
			sb_addf(&sb, " (%u merged)", n);
		draw_text(0, x, t->cols - x - 1, sb_str(&sb), ROLE_TITLE, true);
		sb_free(&sb);
	}
	attroff(draw_attr(ROLE_TITLE));
}

static void draw_status(struct tui *t)
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
	if (v->ops->kind != VIEW_HELP)
		sb_adds(&sb, "  ? help  q quit");
	draw_text(t->lines - 1, 0, t->cols, sb_str(&sb), ROLE_STATUS, false);
	sb_free(&sb);
}

static void draw_screen(struct tui *t)
{
	struct view *v = tui_current(t);

	erase();
	getmaxyx(stdscr, t->lines, t->cols);
	t->too_small = t->cols < MIN_COLS || t->lines < MIN_LINES;
	if (t->too_small) {
		mvprintw(0, 0, "terminal too small: %dx%d", t->cols, t->lines);
		mvprintw(1, 0, "need %dx%d", MIN_COLS, MIN_LINES);
		return;
	}
	if (v->generation != t->s.generation) {
		v->ops->rebuild(v);
		v->generation = t->s.generation;
	}
	draw_title(t);
	v->ops->draw(v, 1, t->lines - 2);
	draw_status(t);
}

void tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof(t->message), fmt, ap);
	va_end(ap);
	t->message_error = error;
}

/* ---- prompts ---- */

static void draw_prompt(struct tui *t, const char *question, const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "%s%s", question, text);
	draw_text(t->lines - 1, 0, t->cols, sb_str(&sb), ROLE_NORMAL, false);
	sb_free(&sb);
	refresh();
}

bool tui_prompt(struct tui *t, const char *question, char *buf, size_t size,
		void (*changed)(struct view *v, const char *text))
{
	size_t len = strlen(buf);

	t->message[0] = '\0';
	for (;;) {
		int key;

		draw_screen(t);
		draw_prompt(t, question, buf);
		key = tui_getkey(t);
		if (key == ERR || key == 27 || key == CTRL_KEY('c') || key == CTRL_KEY('g')) {
			if (changed)
				changed(tui_current(t), "");
			return false;
		}
		if (key == '\n' || key == '\r' || key == KEY_ENTER)
			return true;
		if (key == KEY_BACKSPACE || key == 127 || key == CTRL_KEY('h')) {
			while (len > 0 && ((unsigned char)buf[len - 1] & 0xc0) == 0x80)
				len--;
			if (len > 0)
				len--;
		} else if (key == CTRL_KEY('u')) {
			len = 0;
		} else if (key_char(key) >= 0) {
			char mb[8];
			int n = (int)wcrtomb(mb, (wchar_t)key_char(key), &(mbstate_t){0});

			if (n > 0 && len + (size_t)n < size) {
				memcpy(buf + len, mb, (size_t)n);
				len += (size_t)n;
			}
		} else {
			continue;
		}
		buf[len] = '\0';
		if (changed)
			changed(tui_current(t), buf);
	}
}

bool tui_confirm(struct tui *t, const char *question)
{
	int key;

	t->message[0] = '\0';
	draw_screen(t);
	draw_prompt(t, question, " [y/N] ");
	key = tui_getkey(t);
	return key == 'y' || key == 'Y';
}

/* ---- the view stack ---- */

struct view *view_new(struct tui *t, const struct view_ops *ops, void *priv)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->ops = ops;
	v->tui = t;
	v->priv = priv;
	v->generation = t->s.generation - 1; /* refresh when first drawn */
	return v;
}

void view_free(struct view *v)
{
	if (!v)
		return;
	if (v->ops->free)
		v->ops->free(v);
	free(v);
}

struct view *tui_current(struct tui *t)
{
	return t->stack[t->depth - 1];
}

static void pop_subviews(struct tui *t)
{
	while (t->depth > 1)
		view_free(t->stack[--t->depth]);
}

void tui_show_main(struct tui *t, enum view_kind kind)
{
	pop_subviews(t);
	t->stack[0] = t->main_views[kind];
	t->depth = 1;
}

void tui_push(struct tui *t, struct view *v)
{
	if (t->depth == (int)(sizeof(t->stack) / sizeof(t->stack[0]))) {
		/* deep drill-downs forget their oldest step */
		view_free(t->stack[1]);
		memmove(t->stack + 1, t->stack + 2, (size_t)(t->depth - 2) * sizeof(t->stack[0]));
		t->depth--;
	}
	t->stack[t->depth++] = v;
}

void tui_pop(struct tui *t)
{
	if (t->depth > 1)
		view_free(t->stack[--t->depth]);
}

/* ---- dispatch ---- */

static void handle_mouse(struct tui *t)
{
	struct view *v = tui_current(t);
	MEVENT ev;
	int i;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		for (i = 0; i < 3; i++)
			list_move(v, ACT_UP);
	} else if (ev.bstate & BUTTON5_PRESSED) {
		for (i = 0; i < 3; i++)
			list_move(v, ACT_DOWN);
	} else if ((ev.bstate & BUTTON1_CLICKED) && ev.y >= v->first_y && ev.y < t->lines - 1) {
		uint32_t row = v->top + (uint32_t)(ev.y - v->first_y);

		if (row < v->nrows)
			v->sel = row;
	}
}

static void handle_global(struct tui *t, enum action a)
{
	struct view *v = tui_current(t);
	int k = (int)t->stack[0]->ops->kind;

	switch (a) {
	case ACT_QUIT:
		if (t->depth > 1)
			tui_pop(t);
		else
			t->quit = true;
		break;
	case ACT_BACK:
	case ACT_BACK2:
		tui_pop(t);
		break;
	case ACT_HELP:
		if (v->ops->kind != VIEW_HELP)
			tui_push(t, view_help_new(t));
		break;
	case ACT_NEXT_VIEW:
	case ACT_PREV_VIEW:
		k = (k + (a == ACT_NEXT_VIEW ? 1 : VIEW_MAIN_COUNT - 1)) % VIEW_MAIN_COUNT;
		tui_show_main(t, (enum view_kind)k);
		break;
	case ACT_VIEW_HOT:
	case ACT_VIEW_FUNC:
	case ACT_VIEW_BRANCHES:
	case ACT_VIEW_LOOPS:
	case ACT_VIEW_PROFILES:
	case ACT_VIEW_DIFF:
		tui_show_main(t, (enum view_kind)(a - ACT_VIEW_HOT));
		break;
	case ACT_EXPORT:
		tui_export(t);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		list_key(v, a);
		break;
	}
}

static void handle_key(struct tui *t, int key)
{
	struct view *v = tui_current(t);
	enum action a;

	if (key == KEY_RESIZE)
		return; /* draw_screen lays out again */
	if (key == KEY_MOUSE) {
		handle_mouse(t);
		return;
	}
	if (t->too_small) {
		if (key == 'q')
			t->quit = true;
		return;
	}
	a = action_for_key(v->ops->kind, key);
	if (a == ACT_NONE) {
		if (key_char(key) >= 0) {
			char k[8] = "";
			int n = (int)wcrtomb(k, (wchar_t)key_char(key), &(mbstate_t){0});

			if (n > 0)
				k[n] = '\0';
			tui_message(t, false, "key '%s' does nothing here; ? lists the keys", k);
		}
		return;
	}
	if (v->ops->key && v->ops->key(v, a, key))
		return;
	handle_global(t, a);
}

/* ---- screen dumps ---- */

static void dump_screen(struct tui *t, const char *path)
{
	FILE *f = fopen(path, "w");
	wchar_t *line = xcalloc((size_t)t->cols + 1, sizeof(*line));
	int y;

	if (!f) {
		free(line);
		return;
	}
	for (y = 0; y < t->lines; y++) {
		char mb[8];
		struct strbuf sb = STRBUF_INIT;
		int i, n = mvwinnwstr(stdscr, y, 0, line, t->cols);

		for (i = 0; i < n && line[i]; i++) {
			int k = (int)wcrtomb(mb, line[i], &(mbstate_t){0});

			if (k > 0)
				sb_add(&sb, mb, (size_t)k);
		}
		while (sb.len && sb.buf[sb.len - 1] == ' ')
			sb.len--;
		fprintf(f, "%.*s\n", (int)sb.len, sb_str(&sb));
		sb_free(&sb);
	}
	fclose(f);
	free(line);
}

/* ---- the loop ---- */

static void tui_init_views(struct tui *t)
{
	t->main_views[VIEW_HOTSPOTS] = view_hotspots_new(t);
	t->main_views[VIEW_FUNCTION] = view_function_new(t);
	t->main_views[VIEW_BRANCHES] = view_branches_new(t);
	t->main_views[VIEW_LOOPS] = view_loops_new(t);
	t->main_views[VIEW_PROFILES] = view_profiles_new(t);
	t->main_views[VIEW_DIFF] = view_diff_new(t);
}

static void tui_session_warn(void *arg, const char *text)
{
	tui_message(arg, true, "%s", text);
}

void tui_update_session(struct tui *t)
{
	struct error err;

	if (session_update(&t->s, &err) != STATUS_OK)
		tui_message(t, true, "%s", err.text);
}

/* The profiles of the command line: all merged, or the first alone (the
 * merge side) when the browser opens on their diff. */
static void tui_take_inputs(struct tui *t, const struct tui_options *o)
{
	size_t i;

	session_init(&t->s, tui_session_warn, t);
	for (i = 0; i < o->n_inputs; i++) {
		session_add_input(&t->s, o->inputs[i].path, o->inputs[i].p, o->inputs[i].weight);
		t->s.inputs[i].included = !o->diff || i == 0;
	}
}

int tui_run(const struct tui_options *o)
{
	const char *no_time;
	struct tui t;
	int i, rc = 0;

	memset(&t, 0, sizeof(t));
	t.opt = o;
	t.script = o->keys;
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	tui_take_inputs(&t, o);
	tui_update_session(&t);
	if (o->diff && t.s.n_inputs >= 2)
		session_set_diff(&t.s, 0, 1);
	tui_init_views(&t);
	tui_show_main(&t, o->diff ? VIEW_DIFF : VIEW_HOTSPOTS);
	if (!o->diff && (no_time = hotspots_no_time(t.s.merged)))
		tui_message(&t, false, "%s", no_time);
	term_install_signals();
	if (!term_start(o, &t.colors)) {
		term_stop();
		fputs("vitte-pgo-tui: cannot start the terminal (is TERM set?)\n", stderr);
		rc = 1;
		goto out;
	}
	draw_init_colors(t.colors);
	while (!t.quit && !term_signal()) {
		int key;

		draw_screen(&t);
		refresh();
		key = tui_getkey(&t);
		if (key == ERR)
			break; /* the key script ended, or a signal */
		t.message[0] = '\0';
		handle_key(&t, key);
	}
	draw_screen(&t);
	if (o->dump_screen)
		dump_screen(&t, o->dump_screen);
	term_stop();
	if (term_signal())
		rc = 128 + term_signal();
out:
	pop_subviews(&t);
	for (i = 0; i < VIEW_MAIN_COUNT; i++)
		view_free(t.main_views[i]);
	session_free(&t.s);
	return rc;
}

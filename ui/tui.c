/* tui.c - the browser's main loop: draw the screen, read a key (from the
 * terminal or the key script of a headless run), dispatch its action to
 * the current view, then to the browser. Prompts (ui/bars.c) draw and
 * read through the loop's struct tui hooks, so nothing calls back in. */
#define _GNU_SOURCE /* wcrtomb */
#include "ui/tui.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "analysis/hotspots.h"
#include "src/base/alloc.h"
#include "ui/action.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/export_dialog.h"
#include "ui/key.h"
#include "ui/reload.h"
#include "ui/screendump.h"
#include "ui/script.h"
#include "ui/table.h"
#include "ui/term.h"
#include "ui/view.h"
#include "ui/viewstack.h"
#include "ui/work.h"

#define MIN_COLS  40
#define MIN_LINES 8

/* ---- the screen and the keys ---- */

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
	bars_draw_title(t);
	v->ops->draw(v, 1, t->lines - 2);
	bars_draw_status(t);
}

/* ---- --timings ---- */

double tui_clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* End the key being timed: all the work since it was read, prompts and
 * redraws included, but not the wait for the next key. */
static void timings_end(struct tui *t)
{
	if (!t->timings || !t->timed_key[0])
		return;
	fprintf(t->timings, "%s\t%.3f\t%.3f\n", t->timed_key,
		tui_clock_ms(CLOCK_PROCESS_CPUTIME_ID) - t->timed_cpu_ms,
		tui_clock_ms(CLOCK_MONOTONIC) - t->timed_wall_ms);
	t->timed_key[0] = '\0';
}

/* Start timing key, named by its script text [from, to) or by curses. */
static void timings_start(struct tui *t, int key, const char *from, const char *to)
{
	const char *name = keyname(key);

	if (!t->timings || key == ERR)
		return;
	if (from && to > from)
		snprintf(t->timed_key, sizeof(t->timed_key), "%.*s", (int)(to - from), from);
	else
		snprintf(t->timed_key, sizeof(t->timed_key), "%s", name ? name : "?");
	t->timed_cpu_ms = tui_clock_ms(CLOCK_PROCESS_CPUTIME_ID);
	t->timed_wall_ms = tui_clock_ms(CLOCK_MONOTONIC);
}

/* The next key: from the key script of a headless run (ERR at its end),
 * or the terminal (ERR after a stop signal). A headless run's screen is
 * dumped when its keys run out, so a prompt still open is in the dump. */
static int tui_getkey(struct tui *t)
{
	const char *from = t->script;
	int key;

	timings_end(t);
	if (!t->opt->keys) {
		key = t->follow_fd > 0 ? reload_follow_getkey(t) : term_getkey();
		timings_start(t, key, NULL, NULL);
		return key;
	}
	key = script_next_key(&t->script);
	if (key == ERR && t->opt->dump_screen && !t->dumped) {
		screendump_write(t->opt->dump_screen); /* the test that reads it will fail */
		t->dumped = true;
	}
	timings_start(t, key, from, t->script);
	return key;
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
			table_move(v, ACT_UP);
	} else if (ev.bstate & BUTTON5_PRESSED) {
		for (i = 0; i < 3; i++)
			table_move(v, ACT_DOWN);
	} else if (ev.bstate & BUTTON1_CLICKED) {
		if (ev.y == 0 && bars_tab_at(ev.x) >= 0)
			tui_show_main(t, (enum view_kind)bars_tab_at(ev.x));
		else
			table_click_at(v, ev.y, ev.x);
	}
}

/* q at the top: quit, after a question when work would be lost. */
static void tui_quit(struct tui *t)
{
	char what[160], question[200];

	if (work_unsaved(t->saved, &t->s, what, sizeof(what))) {
		snprintf(question, sizeof(question), "not exported: %s; quit anyway?", what);
		if (!tui_confirm(t, question)) {
			tui_message(t, false,
				    "not quit: %s not exported (e exports, Q quits at once)", what);
			return;
		}
	}
	t->quit = true;
}

static void handle_global(struct tui *t, enum action a)
{
	struct view *v = tui_current(t);
	int k = (int)t->stack[0]->ops->kind;

	switch (a) {
	case ACT_QUIT:
		if (!tui_back(t))
			tui_quit(t);
		break;
	case ACT_QUIT_NOW:
		t->quit = true;
		break;
	case ACT_BACK:
		tui_back(t);
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
		export_dialog_run(t);
		break;
	case ACT_FLAME: /* on the selected row's function, when it names one */
		tui_push(t, view_flame_new(t, v->nrows && v->ops->row_name
						  ? v->ops->row_name(v, v->sel)
						  : NULL));
		break;
	case ACT_INFO:
		if (v->ops->kind != VIEW_INFO)
			tui_push(t, view_info_new(t));
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_RELOAD:
		reload_inputs(t);
		break;
	default:
		table_list_key(v, a);
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
	if (t->too_small) { /* q quits (asking as ever), Q at once */
		if (key == 'q')
			tui_quit(t);
		t->quit |= key == 'Q';
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
	/* q is back first: a view with its own history (Function) goes back */
	if (v->ops->key && v->ops->key(v, a == ACT_QUIT ? ACT_BACK : a))
		return;
	handle_global(t, a);
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

/* Draw, read a key, dispatch, until q, the end of the key script or a
 * stop signal. */
static void tui_loop(struct tui *t)
{
	while (!t->quit && !term_signal()) {
		int key;

		draw_screen(t);
		refresh();
		key = tui_getkey(t);
		if (key == ERR)
			break; /* the key script ended, or a signal */
		t->message[0] = '\0';
		handle_key(t, key);
	}
	draw_screen(t);
}

int tui_run(const struct tui_options *o)
{
	const char *no_time;
	struct work saved = {0};
	struct tui t;
	int i, rc = 0;

	memset(&t, 0, sizeof(t));
	t.saved = &saved;
	t.opt = o;
	t.script = o->keys;
	t.redraw = draw_screen;
	t.getkey = tui_getkey;
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	tui_take_inputs(&t, o);
	t.read_at = time(NULL);
	tui_update_session(&t);
	if (o->diff && t.s.n_inputs >= 2)
		session_set_diff(&t.s, 0, 1);
	tui_init_views(&t);
	tui_show_main(&t, o->diff ? VIEW_DIFF : VIEW_HOTSPOTS);
	work_save(&saved, &t.s);
	if (!o->diff && (no_time = hotspots_no_time(t.s.merged)))
		tui_message(&t, false, "%s", no_time);
	if (o->timings) { /* the load and the first screen, up to the first key */
		t.timings = stderr;
		snprintf(t.timed_key, sizeof(t.timed_key), "open");
		t.timed_wall_ms = o->started_ms;
	}
	term_install_signals();
	if (term_start(o, &t.colors)) {
		draw_init_colors(t.colors);
		if (o->follow && !o->keys)
			reload_follow_start(&t);
		tui_loop(&t);
		reload_follow_stop(&t);
		timings_end(&t);		 /* the last key, when it quit */
		if (o->dump_screen && !t.dumped) /* q before the keys ran out */
			screendump_write(o->dump_screen);
		rc = term_signal() ? 128 + term_signal() : 0;
	} else {
		fputs("vitte-pgo-tui: this terminal is not supported (TERM is unset, unknown, or "
		      "names one that cannot move the cursor); 'vitte-pgo report' and 'vitte-pgo "
		      "show' print the same tables as text\n",
		      stderr);
		rc = 1;
	}
	term_stop();
	tui_pop_all(&t);
	for (i = 0; i < VIEW_MAIN_COUNT; i++)
		view_free(t.main_views[i]);
	session_free(&t.s);
	work_free(&saved);
	return rc;
}

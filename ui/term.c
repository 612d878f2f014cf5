/* term.c - curses start-up and shutdown, and the signals around them. */
#define _GNU_SOURCE /* setenv */
#include "ui/term.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/key.h"
#include "ui/tui.h"

static volatile sig_atomic_t got_signal;
static bool curses_on;
static FILE *headless_out, *headless_in;

static void restore_terminal(void)
{
	if (curses_on && !isendwin())
		endwin();
	curses_on = false;
}

static void on_stop_signal(int sig)
{
	got_signal = sig;
}

static void on_crash_signal(int sig)
{
	restore_terminal(); /* not async-signal-safe, but the terminal matters more */
	signal(sig, SIG_DFL);
	raise(sig);
}

void term_install_signals(void)
{
	struct sigaction sa;
	static const int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal; /* no SA_RESTART: getch returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	for (i = 0; i < sizeof(crash) / sizeof(crash[0]); i++)
		signal(crash[i], on_crash_signal);
	atexit(restore_terminal);
}

/* A virtual terminal of the asked size, drawn nowhere. */
static bool start_headless(const struct tui_options *o)
{
	const char *term = getenv("TERM");
	char num[16];

	snprintf(num, sizeof(num), "%d", o->cols > 0 ? o->cols : 100);
	setenv("COLUMNS", num, 1);
	snprintf(num, sizeof(num), "%d", o->lines > 0 ? o->lines : 30);
	setenv("LINES", num, 1);
	if (!term || !*term || !strcmp(term, "dumb"))
		term = "xterm-256color";
	headless_out = fopen("/dev/null", "w");
	headless_in = fopen("/dev/null", "r");
	return headless_out && headless_in && newterm(term, headless_out, headless_in);
}

bool term_start(const struct tui_options *o, bool *colors)
{
	if (o->keys ? !start_headless(o) : !initscr())
		return false;
	curses_on = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	*colors = !o->no_color && !getenv("NO_COLOR") && has_colors();
	return true;
}

void term_stop(void)
{
	restore_terminal();
	if (headless_out)
		fclose(headless_out);
	if (headless_in)
		fclose(headless_in);
	headless_out = headless_in = NULL;
}

int term_signal(void)
{
	return got_signal;
}

int term_getkey(void)
{
	wint_t wc;
	int r;

	for (;;) {
		if (got_signal)
			return ERR;
		r = get_wch(&wc);
		if (r == ERR)
			continue; /* interrupted: look at the signal flag */
		return r == KEY_CODE_YES ? (int)wc : key_from_char((uint32_t)wc);
	}
}

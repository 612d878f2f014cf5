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

static void on_fatal_signal(int sig)
{
	restore_terminal(); /* not async-signal-safe, but the terminal matters more */
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Every signal whose default action ends the process, but the three that
 * end it through the loop (on_stop_signal) and the real-time ones. */
static const int fatal_signals[] = {
    SIGSEGV,   SIGBUS,	SIGFPE,	 SIGILL,  SIGABRT, SIGQUIT,   SIGTRAP, SIGSYS,	SIGXCPU,
    SIGXFSZ,   SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF, SIGPOLL,
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
};

/* Handle sig with handler; when only_default, not if it is ignored (as
 * SIGPIPE or SIGQUIT may be by the parent): an ignored signal stays so. */
static void catch_signal(int sig, void (*handler)(int), bool only_default)
{
	struct sigaction sa, old;

	if (only_default && sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler; /* no SA_RESTART: getch returns */
	sigaction(sig, &sa, NULL);
}

void term_install_signals(void)
{
	size_t i;
	int sig;

	catch_signal(SIGINT, on_stop_signal, false);
	catch_signal(SIGTERM, on_stop_signal, false);
	catch_signal(SIGHUP, on_stop_signal, false);
	for (i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		catch_signal(fatal_signals[i], on_fatal_signal, true);
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		catch_signal(sig, on_fatal_signal, true);
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

/* The real terminal, when curses knows its type and it can move the
 * cursor (TERM=dumb cannot); false otherwise, with nothing drawn. newterm,
 * unlike initscr, returns instead of exiting with its own message. */
static bool start_terminal(void)
{
	const char *cup;

	if (!newterm(NULL, stdout, stdin))
		return false;
	cup = tigetstr("cup");
	if (!cup || cup == (char *)-1) {
		endwin();
		return false;
	}
	return true;
}

bool term_start(const struct tui_options *o, bool *colors)
{
	if (o->keys ? !start_headless(o) : !start_terminal())
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

int term_getkey_now(void)
{
	wint_t wc;
	int r = get_wch(&wc);

	if (r == ERR)
		return ERR;
	return r == KEY_CODE_YES ? (int)wc : key_from_char((uint32_t)wc);
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

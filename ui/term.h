/* term.h - the terminal: curses started on the real one, or on a virtual
 * one drawn nowhere for headless runs; stop signals caught, and the
 * terminal restored on every way out (quit, signal, crash, exit). */
#ifndef VITTE_UI_TERM_H
#define VITTE_UI_TERM_H

#include <stdbool.h>

struct tui_options;

/* Catch SIGINT, SIGTERM and SIGHUP (term_signal() then tells which);
 * restore the terminal at exit and before any other signal whose default
 * action ends the process (SIGQUIT, SIGPIPE, SIGUSR1, SIGSEGV, ...; those
 * not ignored), which is then raised again with that default action. */
void term_install_signals(void);
/* Start curses: on the terminal, or when o->keys is set on a virtual one
 * of o->cols x o->lines (100x30 when unset). *colors tells whether colours
 * are wanted (no o->no_color, no NO_COLOR) and available. False when
 * curses cannot start: an unknown terminal type, or one that cannot move
 * the cursor (TERM=dumb). */
bool term_start(const struct tui_options *o, bool *colors);
/* Restore the terminal and release what term_start() took; idempotent. */
void term_stop(void);
/* The stop signal caught so far; 0 for none. */
int term_signal(void);
/* The next key typed: a curses KEY_* code or key_from_char() of a
 * character; ERR once a stop signal has arrived. */
int term_getkey(void);
/* The same without waiting (after nodelay()): ERR when no key is there. */
int term_getkey_now(void);

#endif

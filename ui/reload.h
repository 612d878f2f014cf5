/* reload.h - the input files read again from disk: R, and --follow, which
 * watches their directories (inotify) and reloads when a file is
 * replaced, as a running program's periodic dump (VITPROF_INTERVAL) does. */
#ifndef VITTE_UI_RELOAD_H
#define VITTE_UI_RELOAD_H

#include <stdbool.h>

struct tui;

/* Read every input file again and merge anew, keeping the view, the
 * selected row (by name, where it still is), the marks and the weights;
 * when a file does not load, keep the data as it was and say why. The
 * status line then says when the data was read. */
void reload_inputs(struct tui *t);

/* Start watching the inputs' directories; false (and a message on the
 * status line) when inotify is not available. */
bool reload_follow_start(struct tui *t);

/* The next key from the terminal; while it waits and a watched input was
 * replaced, reload and redraw. ERR as term_getkey(). */
int reload_follow_getkey(struct tui *t);

/* Stop watching; idempotent. */
void reload_follow_stop(struct tui *t);

#endif

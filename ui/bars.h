/* bars.h - the title bar (first line) and the status bar (last line),
 * and the status bar's message. */
#ifndef VITTE_UI_BARS_H
#define VITTE_UI_BARS_H

#include <stdbool.h>

#include "src/base/compiler.h"

struct tui;

/* The title bar: the main views as tabs (the current one marked), the
 * sub-view shown, and the program. */
void bars_draw_title(struct tui *t);
/* The status bar: the message when there is one; else the view, the
 * selected row, the view's status, filter and marks, and key hints. */
void bars_draw_status(struct tui *t);
/* line (a prompt with its answer so far) in place of the status bar. */
void bars_draw_prompt(struct tui *t, const char *line);
/* Set the status bar's message (an error is shown as one) until the next
 * key; printf-like. */
void tui_message(struct tui *t, bool error, const char *fmt, ...) PRINTF_LIKE(3, 4);

#endif

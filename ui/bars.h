/* bars.h - the title bar (first line) and the status bar (last line):
 * the status bar's message, and the prompts and questions asked there. */
#ifndef VITTE_UI_BARS_H
#define VITTE_UI_BARS_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/compiler.h"

struct tui;
struct view;

/* The title bar: the main views as tabs (the current one marked), the
 * sub-view shown, and the program. */
void bars_draw_title(struct tui *t);
/* The main view whose tab the title bar drew at column x, or -1. */
int bars_tab_at(int x);
/* The status bar: the message when there is one; else the view, the
 * selected row, the view's status, filter and marks, and key hints. */
void bars_draw_status(struct tui *t);
/* A prompt in place of the status bar: its label, then the field with
 * text and the cursor (shown) at byte cursor of it, then the note (keys,
 * completions) when there is room. */
void bars_draw_prompt(struct tui *t, const char *label, const char *text, size_t cursor,
		      const char *note);
/* Set the status bar's message (an error is shown as one) until the next
 * key; printf-like. */
void tui_message(struct tui *t, bool error, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* Merge the session again after a change of its inputs and recompute the
 * analyses; a problem goes to the status bar as an error. */
void tui_update_session(struct tui *t);
/* Ask for a line of text on the status line; false when cancelled (Esc).
 * buf holds the initial text and gets the answer. When changed is set it
 * is called with the current view and text after every edit (incremental
 * search), and the view is redrawn. */
bool tui_prompt(struct tui *t, const char *question, char *buf, size_t size,
		void (*changed)(struct view *v, const char *text));
/* The same for a file path: Tab completes it, ~ is expanded. */
bool tui_prompt_path(struct tui *t, const char *question, char *buf, size_t size);
/* Ask a yes/no question; true for y. */
bool tui_confirm(struct tui *t, const char *question);

#endif

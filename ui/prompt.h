/* prompt.h - a line of text asked for on the status line, and yes/no
 * questions. The line editing (prompt_edit) is curses-free; the reading
 * loop draws and reads keys through hooks, so it knows nothing of views
 * or of the screen around it. */
#ifndef VITTE_UI_PROMPT_H
#define VITTE_UI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

enum prompt_result {
	PROMPT_IGNORED, /* the key does nothing in a prompt */
	PROMPT_EDITED,	/* the text may have changed */
	PROMPT_DONE,	/* Enter: the text is the answer */
	PROMPT_CANCEL	/* Esc, ^C, ^G, or no more keys */
};

/* Apply key to the UTF-8 text in buf (size bytes, NUL-terminated):
 * Backspace and ^H delete the last character, ^U clears, a character is
 * appended when it fits (in the locale's encoding). */
enum prompt_result prompt_edit(char *buf, size_t size, int key);

struct prompt_hooks {
	/* Draw the screen with line (the question and the answer so far) in
	 * place of the status bar. */
	void (*redraw)(void *ctx, const char *line);
	/* The next key; ERR when there is none (cancels). */
	int (*getkey)(void *ctx);
	/* NULL, or called with the text after every edit, and with "" when
	 * the prompt is cancelled (incremental search). */
	void (*changed)(void *ctx, const char *text);
	void *ctx; /* borrowed: handed to the hooks */
};

/* Ask question; buf holds the initial text and gets the answer. False
 * when cancelled (buf then holds the text typed so far). */
bool prompt_read(const struct prompt_hooks *h, const char *question, char *buf, size_t size);
/* Ask a yes/no question (" [y/N] " is shown after it); true for y or Y. */
bool prompt_confirm(const struct prompt_hooks *h, const char *question);

#endif

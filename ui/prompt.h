/* prompt.h - a line of text asked for on the status line, and yes/no
 * questions. The line editing (prompt_edit) and the path helpers are
 * curses-free; the reading loop draws and reads keys through hooks, so it
 * knows nothing of views or of the screen around it. */
#ifndef VITTE_UI_PROMPT_H
#define VITTE_UI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

enum prompt_result {
	PROMPT_IGNORED, /* the key does nothing in a prompt */
	PROMPT_EDITED,	/* the text or the cursor may have changed */
	PROMPT_DONE,	/* Enter: the text is the answer */
	PROMPT_CANCEL,	/* Esc, ^C, ^G, or no more keys */
	PROMPT_COMPLETE /* Tab: complete the text (prompt_complete_path) */
};

/* A line being edited: UTF-8 text in buf (size bytes, NUL-terminated,
 * borrowed), len bytes of it, the cursor a byte offset on a character
 * boundary. */
struct prompt_line {
	char *buf;
	size_t size, len, cur;
};

/* The line of buf, the cursor at its end. */
struct prompt_line prompt_line_of(char *buf, size_t size);

/* Apply key to the line, as readline does: a character is inserted at the
 * cursor when it fits (in the locale's encoding); Left/Right move by a
 * character, Home/^A and End/^E to the ends; Backspace (and ^H, DEL)
 * deletes before the cursor, Delete at it; ^U deletes to the start, ^K to
 * the end, ^W the word before the cursor (words end at spaces and
 * slashes, so a path loses one component). */
enum prompt_result prompt_edit(struct prompt_line *l, int key);

/* A path with a leading "~" or "~/..." (the user's $HOME) or "~NAME/..."
 * (NAME's home) written out into buf (size bytes); others are copied.
 * False (buf copied as it was) when the home is unknown or too long. */
bool prompt_expand_home(char *buf, size_t size);

/* Tab: complete the path before the cursor from the files of its
 * directory (~ understood; hidden files only when the name starts with a
 * dot): the one match, with a / after a directory, or the longest prefix
 * the matches share. note (note_size bytes) gets what the user should
 * see: the matches when several remain, or that none does; "" when the
 * completion is whole. */
void prompt_complete_path(struct prompt_line *l, char *note, size_t note_size);

struct prompt_hooks {
	/* Draw the screen with the prompt in place of the status bar: the
	 * label (the question), the field's text with the cursor at byte
	 * cursor of it, and a note (keys, completions) where there is room. */
	void (*redraw)(void *ctx, const char *label, const char *text, size_t cursor,
		       const char *note);
	/* The next key; ERR when there is none (cancels). */
	int (*getkey)(void *ctx);
	/* NULL, or called with the text after every edit, and with "" when
	 * the prompt is cancelled (incremental search). */
	void (*changed)(void *ctx, const char *text);
	void *ctx; /* borrowed: handed to the hooks */
};

/* What prompt_read asks for. */
enum prompt_kind {
	PROMPT_TEXT,
	PROMPT_PATH, /* a file: Tab completes, ~ is expanded in the answer */
};

/* Ask question; buf holds the initial text and gets the answer. False
 * when cancelled (buf then holds the text typed so far). */
bool prompt_read(const struct prompt_hooks *h, const char *question, char *buf, size_t size,
		 enum prompt_kind kind);
/* Ask a yes/no question ("[y/N]" is shown after it); true for y or Y. */
bool prompt_confirm(const struct prompt_hooks *h, const char *question);

#endif

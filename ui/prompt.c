/* prompt.c - line editing, paths (~ and Tab), and the prompt loop, drawn
 * through hooks. */
#define _GNU_SOURCE /* wcrtomb */
#include "ui/prompt.h"

#include <curses.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/base/vector.h"
#include "ui/key.h"

struct prompt_line prompt_line_of(char *buf, size_t size)
{
	size_t len = strlen(buf);

	return (struct prompt_line){buf, size, len, len};
}

/* The start of the character before byte at, and the end of the one at it. */
static size_t char_before(const char *buf, size_t at)
{
	while (at > 0 && ((unsigned char)buf[--at] & 0xc0) == 0x80)
		;
	return at;
}

static size_t char_after(const struct prompt_line *l, size_t at)
{
	if (at >= l->len)
		return l->len;
	while (++at < l->len && ((unsigned char)l->buf[at] & 0xc0) == 0x80)
		;
	return at;
}

/* Remove bytes [from, to) of the line; the cursor goes to from. */
static void line_cut(struct prompt_line *l, size_t from, size_t to)
{
	memmove(l->buf + from, l->buf + to, l->len - to + 1);
	l->len -= to - from;
	l->cur = from;
}

/* Insert n bytes at the cursor when they fit; false when they do not. */
static bool line_insert(struct prompt_line *l, const char *s, size_t n)
{
	if (l->len + n >= l->size)
		return false;
	memmove(l->buf + l->cur + n, l->buf + l->cur, l->len - l->cur + 1);
	memcpy(l->buf + l->cur, s, n);
	l->len += n;
	l->cur += n;
	return true;
}

/* ^W: back over separators, then over the word before them. */
static size_t word_start(const struct prompt_line *l)
{
	size_t at = l->cur;

	while (at > 0 && (l->buf[at - 1] == ' ' || l->buf[at - 1] == '/'))
		at--;
	while (at > 0 && l->buf[at - 1] != ' ' && l->buf[at - 1] != '/')
		at--;
	return at;
}

enum prompt_result prompt_edit(struct prompt_line *l, int key)
{
	switch (key) {
	case ERR:
	case UI_KEY_ESC:
	case CTRL_KEY('c'):
	case CTRL_KEY('g'):
		return PROMPT_CANCEL;
	case '\n':
	case '\r':
	case KEY_ENTER:
		return PROMPT_DONE;
	case '\t':
		return PROMPT_COMPLETE;
	case KEY_LEFT:
		l->cur = char_before(l->buf, l->cur);
		break;
	case KEY_RIGHT:
		l->cur = char_after(l, l->cur);
		break;
	case KEY_HOME:
	case CTRL_KEY('a'):
		l->cur = 0;
		break;
	case KEY_END:
	case CTRL_KEY('e'):
		l->cur = l->len;
		break;
	case KEY_BACKSPACE:
	case UI_KEY_DEL:
	case CTRL_KEY('h'):
		line_cut(l, char_before(l->buf, l->cur), l->cur);
		break;
	case KEY_DC:
		line_cut(l, l->cur, char_after(l, l->cur));
		break;
	case CTRL_KEY('u'):
		line_cut(l, 0, l->cur);
		break;
	case CTRL_KEY('k'):
		line_cut(l, l->cur, l->len);
		break;
	case CTRL_KEY('w'):
		line_cut(l, word_start(l), l->cur);
		break;
	default: {
		char mb[MB_LEN_MAX];
		int n;

		if (key_char(key) < 0)
			return PROMPT_IGNORED;
		n = (int)wcrtomb(mb, (wchar_t)key_char(key), &(mbstate_t){0});
		if (n > 0)
			line_insert(l, mb, (size_t)n);
		break;
	}
	}
	return PROMPT_EDITED;
}

/* ---- paths ---- */

bool prompt_expand_home(char *buf, size_t size)
{
	const char *rest, *home = NULL;
	struct strbuf out = STRBUF_INIT;
	char user[256];

	if (buf[0] != '~')
		return true;
	rest = strchr(buf, '/');
	if (!rest)
		rest = buf + strlen(buf);
	if (rest == buf + 1) {
		home = getenv("HOME");
	} else if ((size_t)(rest - buf) <= sizeof(user)) {
		struct passwd *pw;

		snprintf(user, sizeof(user), "%.*s", (int)(rest - buf - 1), buf + 1);
		pw = getpwnam(user);
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || !*home || strlen(home) + strlen(rest) >= size)
		return false;
	sb_addf(&out, "%s%s", home, rest);
	memcpy(buf, out.buf, out.len + 1);
	sb_free(&out);
	return true;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir that start with base (hidden ones only when base
 * starts with a dot), sorted; NULL with errno when dir cannot be read. */
static char **dir_matches(const char *dir, const char *base, uint32_t *n)
{
	VEC(char *) names = {0};
	size_t blen = strlen(base);
	struct dirent *e;
	DIR *d = opendir(dir);

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, base, blen) || (e->d_name[0] == '.' && base[0] != '.') ||
		    !strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		VEC_APPEND(names, xstrdup(e->d_name));
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_names);
	*n = names.n;
	return names.n ? names.v : xcalloc(1, sizeof(char *));
}

/* Bytes that every one of the n names shares, cut to a whole character. */
static size_t shared_prefix(char **names, uint32_t n)
{
	size_t len = strlen(names[0]);
	uint32_t i;

	for (i = 1; i < n; i++) {
		size_t k = 0;

		while (k < len && names[i][k] == names[0][k])
			k++;
		len = k;
	}
	while (len > 0 && ((unsigned char)names[0][len] & 0xc0) == 0x80)
		len--;
	return len;
}

/* The note of several matches: as many names as fit. */
static void note_matches(char *note, size_t size, char **names, uint32_t n)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t i;

	sb_addf(&sb, "%u matches:", n);
	for (i = 0; i < n && sb.len + strlen(names[i]) + 6 < size; i++)
		sb_addf(&sb, " %s", names[i]);
	if (i < n)
		sb_adds(&sb, " ...");
	snprintf(note, size, "%s", sb_str(&sb));
	sb_free(&sb);
}

void prompt_complete_path(struct prompt_line *l, char *note, size_t note_size)
{
	char word[PATH_MAX], dir[PATH_MAX], full[PATH_MAX + 256];
	const char *slash, *base;
	char **names;
	uint32_t n, i;
	size_t blen, common;
	struct stat st;

	note[0] = '\0';
	snprintf(word, sizeof(word), "%.*s", (int)l->cur, l->buf);
	prompt_expand_home(word, sizeof(word));
	slash = strrchr(word, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - word) + 1 : 2,
		 slash ? word : "./");
	base = slash ? slash + 1 : word;
	names = dir_matches(dir, base, &n);
	if (!names) {
		snprintf(note, note_size, "cannot read %s: %s", dir, strerror(errno));
		return;
	}
	blen = strlen(base);
	if (!n)
		snprintf(note, note_size, "no file starts with '%s'", word);
	else {
		common = shared_prefix(names, n);
		line_insert(l, names[0] + blen, common - blen);
		snprintf(full, sizeof(full), "%s%s", dir, names[0]);
		if (n == 1 && stat(full, &st) == 0 && S_ISDIR(st.st_mode))
			line_insert(l, "/", 1);
		else if (n > 1)
			note_matches(note, note_size, names, n);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- the loop ---- */

bool prompt_read(const struct prompt_hooks *h, const char *question, char *buf, size_t size,
		 enum prompt_kind kind)
{
	const char *keys = kind == PROMPT_PATH ? "Tab completes, Esc cancels" : "Esc cancels";
	struct prompt_line l = prompt_line_of(buf, size);
	char note[256] = "";

	for (;;) {
		h->redraw(h->ctx, question, buf, l.cur, note[0] ? note : keys);
		note[0] = '\0';
		switch (prompt_edit(&l, h->getkey(h->ctx))) {
		case PROMPT_CANCEL:
			if (h->changed)
				h->changed(h->ctx, "");
			return false;
		case PROMPT_DONE:
			if (kind == PROMPT_PATH)
				prompt_expand_home(buf, size);
			return true;
		case PROMPT_COMPLETE:
			if (kind == PROMPT_PATH)
				prompt_complete_path(&l, note, sizeof(note));
			break;
		case PROMPT_EDITED:
			if (h->changed)
				h->changed(h->ctx, buf);
			break;
		case PROMPT_IGNORED:
			break;
		}
	}
}

bool prompt_confirm(const struct prompt_hooks *h, const char *question)
{
	struct strbuf sb = STRBUF_INIT;
	int key;

	sb_addf(&sb, "%s [y/N] ", question);
	h->redraw(h->ctx, sb_str(&sb), "", 0, "");
	sb_free(&sb);
	key = h->getkey(h->ctx);
	return key == 'y' || key == 'Y';
}

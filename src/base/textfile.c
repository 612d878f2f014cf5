/* textfile.c - a text file's lines, read on demand. */
#include "src/base/textfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/base/alloc.h"
#include "src/base/fileio.h"

/* pread() of at most n bytes at off; 0 at the end of the file or on an
 * error (the line reads as ending there). */
static size_t read_at(int fd, char *buf, size_t n, size_t off)
{
	ssize_t r;

	do
		r = pread(fd, buf, n, (off_t)off);
	while (r < 0 && errno == EINTR);
	return r > 0 ? (size_t)r : 0;
}

/* Newlines in s[0..n): a loop compilers vectorize. */
static uint32_t count_newlines(const char *s, size_t n)
{
	uint32_t c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c += s[i] == '\n';
	return c;
}

/* Count the newlines of the n bytes of the window read from off into
 * *lines, keeping where each line that is a mark's starts: 4 KB at a
 * time, walked line by line only where a mark falls. */
static void index_window(struct textfile *tf, size_t off, size_t n, uint32_t *lines, uint32_t *cap)
{
	const char *p = tf->win, *block, *end = tf->win + n;
	uint32_t c;

	for (block = p; block < end; block = p) {
		p = block + (end - block < 4096 ? end - block : 4096);
		c = count_newlines(block, (size_t)(p - block));
		if ((*lines + c) / TEXTFILE_MARK == *lines / TEXTFILE_MARK) {
			*lines += c;
			continue;
		}
		while ((block = memchr(block, '\n', (size_t)(p - block))) != NULL) {
			block++;
			if (++*lines % TEXTFILE_MARK)
				continue;
			if (*lines / TEXTFILE_MARK == *cap) {
				*cap *= 2;
				tf->mark = xreallocarray(tf->mark, *cap, sizeof(*tf->mark));
			}
			tf->mark[*lines / TEXTFILE_MARK] = off + (size_t)(block - tf->win);
		}
	}
}

int textfile_open(struct textfile *tf, const char *path, size_t max)
{
	uint32_t lines = 0, cap = 8; /* lines: newlines so far */
	size_t size, off = 0, n;
	char last = '\n';
	int e;

	memset(tf, 0, sizeof(*tf));
	if ((e = file_open_text(path, max, &tf->fd, &size)) != 0) {
		tf->fd = -1;
		return e;
	}
	tf->win = xmalloc(TEXTFILE_WINDOW);
	tf->mark = xmalloc(cap * sizeof(*tf->mark));
	tf->mark[0] = 0;
	while (!e && (n = read_at(tf->fd, tf->win, TEXTFILE_WINDOW, off)) > 0) {
		if (memchr(tf->win, '\0', n))
			e = FILE_BINARY;
		else if (n > max - off || n > UINT32_MAX - 1 - lines) /* it grew */
			e = EFBIG;
		else
			index_window(tf, off, n, &lines, &cap);
		last = tf->win[n - 1];
		off += n;
	}
	if (e) {
		textfile_close(tf);
		return e;
	}
	tf->nlines = lines + (last != '\n'); /* a last line without its newline */
	tf->win_len = 0;
	return 0;
}

/* The bytes of the file from off, *n of them: read into the window when
 * it does not hold want of them (that many when the file has them, want
 * at most TEXTFILE_WINDOW); *n is 0 at the end of the file. */
static const char *window(struct textfile *tf, size_t off, size_t want, size_t *n)
{
	size_t end = tf->win_at + tf->win_len;

	/* a window shorter than TEXTFILE_WINDOW ends at the end of the file */
	if (off < tf->win_at || off > end || (off + want > end && tf->win_len == TEXTFILE_WINDOW) ||
	    !tf->win_len) {
		tf->win_len = read_at(tf->fd, tf->win, TEXTFILE_WINDOW, off);
		tf->win_at = off;
		end = off + tf->win_len;
	}
	*n = end - off;
	return tf->win + (off - tf->win_at);
}

/* Where the line that starts at off ends: its newline, or the end of the
 * file. */
static size_t line_end(struct textfile *tf, size_t off)
{
	const char *p, *nl;
	size_t n;

	for (;;) {
		p = window(tf, off, 1, &n);
		if (!n)
			return off;
		if ((nl = memchr(p, '\n', n)) != NULL)
			return off + (size_t)(nl - p);
		off += n;
	}
}

/* Where the line before the one that starts at at (> 0) starts. */
static size_t prev_start(struct textfile *tf, size_t at)
{
	size_t end = at - 1, from, n, i; /* at - 1: that line's newline */
	const char *p;

	while (end > 0) {
		/* the window's bytes before end, else a window that ends just
		 * past it: the line found is then read from the window, up to
		 * its newline, and so are the lines before it */
		if (tf->win_len && tf->win_at < end && end < tf->win_at + tf->win_len)
			from = tf->win_at;
		else
			from = end + 1 > TEXTFILE_WINDOW ? end + 1 - TEXTFILE_WINDOW : 0;
		p = window(tf, from, end + 1 - from, &n);
		for (i = n < end - from ? n : end - from; i > 0; i--)
			if (p[i - 1] == '\n')
				return from + i;
		end = from;
	}
	return 0;
}

/* Where row starts: after or before the last row read, else after the
 * mark before it. */
static size_t row_start(struct textfile *tf, uint32_t row)
{
	size_t at;
	uint32_t k;

	if (row == tf->at_row)
		return tf->at;
	if (row == tf->at_row + 1)
		at = tf->next ? tf->next : line_end(tf, tf->at) + 1;
	else if (row + 1 == tf->at_row && tf->at > 0)
		at = prev_start(tf, tf->at);
	else
		for (at = tf->mark[row / TEXTFILE_MARK], k = row % TEXTFILE_MARK; k > 0; k--)
			at = line_end(tf, at) + 1;
	tf->at_row = row;
	tf->at = at;
	tf->next = 0;
	return at;
}

const char *textfile_line(struct textfile *tf, uint32_t row, size_t most, size_t *len)
{
	struct strbuf *sb = &tf->line;
	/* up to one byte past most: whether the line ends there */
	size_t off, n = 0, take, limit = most < SIZE_MAX ? most + 1 : most;
	const char *p, *nl = NULL;

	sb_reset(sb);
	sb_add(sb, "", 0);
	off = row < tf->nlines ? row_start(tf, row) : 0;
	while (row < tf->nlines && sb->len < limit) {
		p = window(tf, off, 1, &n);
		if (!n)
			break;
		nl = memchr(p, '\n', n);
		take = nl ? (size_t)(nl - p) : n;
		if (take > limit - sb->len) {
			take = limit - sb->len;
			nl = NULL;
		}
		sb_add(sb, p, take);
		off += take;
		if (nl) {
			tf->next = off + 1; /* the next line, found */
			break;
		}
	}
	if ((nl || !n) && sb->len && sb->buf[sb->len - 1] == '\r') /* "\r\n" */
		sb->buf[--sb->len] = '\0';
	if (sb->len > most)
		sb->buf[sb->len = most] = '\0';
	*len = sb->len;
	return sb->buf;
}

void textfile_close(struct textfile *tf)
{
	if (tf->fd >= 0)
		close(tf->fd);
	free(tf->mark);
	free(tf->win);
	sb_free(&tf->line);
	memset(tf, 0, sizeof(*tf));
	tf->fd = -1;
}

/* screendump.c - curses' screen written out as text. */
#define _GNU_SOURCE /* wcrtomb */
#include "ui/screendump.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#include "src/base/alloc.h"
#include "src/base/strbuf.h"

/* Screen line y of cols columns, as UTF-8 without its trailing spaces. */
static void dump_line(FILE *f, wchar_t *line, int y, int cols)
{
	struct strbuf sb = STRBUF_INIT;
	char mb[MB_LEN_MAX];
	int i, n = mvwinnwstr(stdscr, y, 0, line, cols);

	for (i = 0; i < n && line[i]; i++) {
		int k = (int)wcrtomb(mb, line[i], &(mbstate_t){0});

		if (k > 0)
			sb_add(&sb, mb, (size_t)k);
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.len--;
	fprintf(f, "%.*s\n", (int)sb.len, sb_str(&sb));
	sb_free(&sb);
}

bool screendump_write(const char *path)
{
	FILE *f = fopen(path, "w");
	wchar_t *line;
	int y, lines, cols;
	bool ok;

	if (!f)
		return false;
	getmaxyx(stdscr, lines, cols);
	line = xcalloc((size_t)cols + 1, sizeof(*line));
	for (y = 0; y < lines; y++)
		dump_line(f, line, y, cols);
	free(line);
	ok = !ferror(f);
	return fclose(f) == 0 && ok;
}

/* textfile.h - a text file's lines, read on demand: at opening the file is
 * read once through a small window, its lines counted and where every
 * TEXTFILE_MARK-th starts kept; a line is then read back from there
 * (pread), and the lines after or before the last one read are found
 * from it. So opening costs one pass, memory does not grow with the file,
 * and showing a screen of lines reads a few kilobytes.
 *
 * A file changed after its opening is read as it now is (lines may move
 * or come out empty), never an error.
 */
#ifndef VITTE_BASE_TEXTFILE_H
#define VITTE_BASE_TEXTFILE_H

#include <stddef.h>
#include <stdint.h>

#include "src/base/strbuf.h"

#define TEXTFILE_MARK	1024
#define TEXTFILE_WINDOW 65536

struct textfile {
	int fd;
	uint32_t nlines;
	size_t *mark;	    /* owned: where line k * TEXTFILE_MARK starts */
	uint32_t at_row;    /* the last line read... */
	size_t at;	    /* ...where it starts... */
	size_t next;	    /* ...and the next one, when known (else 0) */
	char *win;	    /* owned: TEXTFILE_WINDOW bytes of the file... */
	size_t win_at;	    /* ...from this offset... */
	size_t win_len;	    /* ...this many (fewer at its end) */
	struct strbuf line; /* textfile_line()'s */
};

/* Open path, a regular file of at most max bytes without NUL bytes, and
 * count its lines (the last one may lack its "\n"). Returns 0, or the
 * errno value or FILE_BINARY that file_read_text() returns (*tf is then
 * closed). Close with textfile_close(). */
int textfile_open(struct textfile *tf, const char *path, size_t max);

/* Line row (< tf->nlines) without its "\n" or "\r\n", cut to at most most
 * bytes; NUL-terminated (a NUL in a changed file ends it early), valid
 * until the next call; *len its length. */
const char *textfile_line(struct textfile *tf, uint32_t row, size_t most, size_t *len);

void textfile_close(struct textfile *tf);

#endif

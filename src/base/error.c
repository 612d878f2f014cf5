/* error.c - status messages and located errors. */
#include "src/base/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/text.h"

#define STATUS_TEXT(name, msg) msg,
static const char *const status_texts[] = {STATUS_INFO(STATUS_TEXT)};
#undef STATUS_TEXT

const char *status_message(enum status code)
{
	if ((unsigned)code >= STATUS_COUNT)
		return "unknown error";
	return status_texts[code];
}

/* The message of error_setv(), located by pos (":LINE:COL", ":+OFFSET"
 * or ""). */
static enum status error_fill(struct error *err, enum status code, const char *file,
			      const char *pos, const char *fmt, va_list ap) PRINTF_LIKE(5, 0);
static enum status error_fill(struct error *err, enum status code, const char *file,
			      const char *pos, const char *fmt, va_list ap)
{
	char raw[768], what[768];
	char where[256] = "";

	/* the one place every message passes: whatever of the input it quotes
	 * (a name, a key, a mode) reaches the terminal escaped */
	vsnprintf(raw, sizeof(raw), fmt, ap);
	text_escape(what, sizeof(what), raw, strlen(raw));
	if (file) {
		char safe[200];

		text_escape(safe, sizeof(safe), file, strlen(file));
		snprintf(where, sizeof(where), "%s%s: ", safe, pos);
	}
	err->code = code;
	snprintf(err->text, sizeof(err->text), "%serror: %s", where, what);
	return code;
}

enum status error_setv(struct error *err, enum status code, const char *file, unsigned line,
		       unsigned col, const char *fmt, va_list ap)
{
	char pos[32] = "";

	if (!err)
		return code;
	if (line)
		snprintf(pos, sizeof(pos), ":%u:%u", line, col);
	err->line = line;
	err->col = col;
	return error_fill(err, code, file, pos, fmt, ap);
}

enum status error_setv_offset(struct error *err, enum status code, const char *file,
			      unsigned long long offset, const char *fmt, va_list ap)
{
	char pos[32];

	if (!err)
		return code;
	snprintf(pos, sizeof(pos), ":+%llu", offset);
	err->line = err->col = 0;
	return error_fill(err, code, file, pos, fmt, ap);
}

enum status error_set_offset(struct error *err, enum status code, const char *file,
			     unsigned long long offset, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_setv_offset(err, code, file, offset, fmt, ap);
	va_end(ap);
	return code;
}

enum status error_set(struct error *err, enum status code, const char *file, unsigned line,
		      unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_setv(err, code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

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

enum status error_setv(struct error *err, enum status code, const char *file, unsigned line,
		       unsigned col, const char *fmt, va_list ap)
{
	char raw[768], what[768];
	char where[256] = "";

	if (!err)
		return code;
	/* the one place every message passes: whatever of the input it quotes
	 * (a name, a key, a mode) reaches the terminal escaped */
	vsnprintf(raw, sizeof(raw), fmt, ap);
	text_escape(what, sizeof(what), raw, strlen(raw));
	if (file) {
		char safe[200];

		text_escape(safe, sizeof(safe), file, strlen(file));
		if (line)
			snprintf(where, sizeof(where), "%s:%u:%u: ", safe, line, col);
		else
			snprintf(where, sizeof(where), "%s: ", safe);
	}
	err->code = code;
	err->line = line;
	err->col = col;
	snprintf(err->text, sizeof(err->text), "%serror: %s", where, what);
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

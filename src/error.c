/* error.c - status messages, located errors, allocation that never fails. */
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

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
	char what[768];
	char where[256] = "";

	if (!err)
		return code;
	vsnprintf(what, sizeof(what), fmt, ap);
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

void die_nomem(void)
{
	fputs("vitte-pgo: out of memory\n", stderr);
	exit(70);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_nomem();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die_nomem();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die_nomem();
	return p;
}

void *xreallocarray(void *ptr, size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		die_nomem();
	return xrealloc(ptr, n * size);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

/* error.h - the one error type of vitte-pgo.
 *
 * Library code returns an enum status and fills a struct error with a
 * one-line, located message ("FILE:LINE:COL: error: WHAT", or
 * "FILE:+OFFSET: error: WHAT" in a binary file); only main()
 * and the UI decide to print it or exit.
 */
#ifndef VITTE_ERROR_H
#define VITTE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "src/base/compiler.h"

#define STATUS_INFO(_)                                                                             \
	_(OK, "success")                                                                           \
	_(NOMEM, "out of memory")                                                                  \
	_(IO, "input/output error")                                                                \
	_(SYNTAX, "syntax error")                                                                  \
	_(INVALID, "invalid profile")                                                              \
	_(VERSION, "unsupported format version")                                                   \
	_(FORMAT, "unknown file format")                                                           \
	_(EXISTS, "refusing to overwrite")                                                         \
	_(LIMIT, "size limit exceeded")                                                            \
	_(USAGE, "usage error")

#define STATUS_ENUM(name, msg) STATUS_##name,
enum status { STATUS_INFO(STATUS_ENUM) STATUS_COUNT };
#undef STATUS_ENUM

struct error {
	enum status code;
	unsigned line, col; /* 1-based location of the problem, 0 when none */
	char text[1024];    /* the whole message, already escaped for a terminal */
};

/* The generic message of a status code ("out of memory", ...). */
const char *status_message(enum status code);

/* Fill err with a message located at file:line:col (line 0 leaves the
 * position out, a NULL file leaves the file out). The file and the
 * formatted message are escaped with text_escape(), so input quoted in a
 * message never reaches a terminal raw. Returns code, so that callers can
 * write `return error_set(...)`. err may be NULL. */
enum status error_set(struct error *err, enum status code, const char *file, unsigned line,
		      unsigned col, const char *fmt, ...) PRINTF_LIKE(6, 7);
enum status error_setv(struct error *err, enum status code, const char *file, unsigned line,
		       unsigned col, const char *fmt, va_list ap) PRINTF_LIKE(6, 0);

/* The same located at a byte offset of a binary file:
 * "FILE:+OFFSET: error: WHAT", the offset in decimal from the start of the
 * file, its '+' telling it from a line number. */
enum status error_set_offset(struct error *err, enum status code, const char *file,
			     unsigned long long offset, const char *fmt, ...) PRINTF_LIKE(5, 6);
enum status error_setv_offset(struct error *err, enum status code, const char *file,
			      unsigned long long offset, const char *fmt, va_list ap)
    PRINTF_LIKE(5, 0);

#endif

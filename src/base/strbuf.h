/* strbuf.h - a growable byte buffer, always NUL-terminated. */
#ifndef VITTE_STRBUF_H
#define VITTE_STRBUF_H

#include <stddef.h>

#include "src/base/compiler.h"

struct strbuf {
	char *buf; /* owned; NULL until the first append */
	size_t len, cap;
};

#define STRBUF_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void sb_add(struct strbuf *sb, const void *data, size_t n);
/* Append n zero bytes; returns them, for the caller to fill in place
 * (valid until the next append). */
void *sb_add_zeros(struct strbuf *sb, size_t n);
/* Make room for n more bytes at once, for a writer that knows about how
 * many it adds: the buffer is not grown (and copied) again and again. */
void sb_reserve(struct strbuf *sb, size_t n);
void sb_addc(struct strbuf *sb, char c);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* The text so far ("" when empty); valid until the next append. */
const char *sb_str(const struct strbuf *sb);
/* Take the buffer; the strbuf is left empty. Caller frees. */
char *sb_detach(struct strbuf *sb, size_t *len);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

#endif

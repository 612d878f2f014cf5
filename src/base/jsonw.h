/* jsonw.h - pieces of JSON output, shared by the writers and --json. */
#ifndef VITTE_JSONW_H
#define VITTE_JSONW_H

#include <stdint.h>

struct strbuf;

/* s as a JSON string: quotes and backslashes escaped, and as \uXXXX every
 * character text_is_unsafe() names (C0 and C1 controls, DEL, zero-width
 * characters, bidirectional controls, U+2028/U+2029); invalid UTF-8
 * replaced by \ufffd, everything else as UTF-8. */
void jsonw_put_string(struct strbuf *sb, const char *s);

/* v in decimal, as printf's %llu writes it. */
void jsonw_put_u64(struct strbuf *sb, uint64_t v);

/* d in the shortest form that reads back exactly; 0 for NaN/infinity. */
void jsonw_put_double(struct strbuf *sb, double d);

#endif

/* jsonw.c - pieces of JSON output. */
#include "src/base/jsonw.h"

#include <string.h>

#include "src/base/strbuf.h"
#include "src/base/text.h"

/* The bytes a JSON string takes as they are: printable ASCII but quotes
 * and backslashes. */
static const unsigned char plain[256] = {
    [0x20 ... 0x21] = 1, /* '"' is 0x22 */
    [0x23 ... 0x5b] = 1, /* '\\' is 0x5c */
    [0x5d ... 0x7e] = 1,
};

void jsonw_put_string(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;
	uint32_t c;

	sb_addc(sb, '"');
	while (i < len) {
		for (n = i; plain[p[n]]; n++) /* the NUL at len ends the run */
			;
		if (n > i) {
			sb_add(sb, p + i, n - i);
			i = n;
			continue;
		}
		n = text_utf8_decode(p + i, len - i, &c);
		if (n == 0) {
			sb_adds(sb, "\\ufffd"); /* never write invalid UTF-8 */
			i++;
			continue;
		}
		if (c == '"' || c == '\\')
			sb_addf(sb, "\\%c", (char)c);
		else if (c == '\n')
			sb_adds(sb, "\\n");
		else if (c == '\t')
			sb_adds(sb, "\\t");
		else if (text_is_unsafe(c))
			sb_addf(sb, "\\u%04x", (unsigned)c);
		else
			sb_add(sb, p + i, n);
		i += n;
	}
	sb_addc(sb, '"');
}

void jsonw_put_u64(struct strbuf *sb, uint64_t v)
{
	char buf[20], *d = buf + sizeof(buf);

	do
		*--d = (char)('0' + v % 10);
	while (v /= 10);
	sb_add(sb, d, (size_t)(buf + sizeof(buf) - d));
}

void jsonw_put_double(struct strbuf *sb, double d)
{
	char buf[32];

	sb_adds(sb, text_double(buf, d));
}

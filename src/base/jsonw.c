/* jsonw.c - pieces of JSON output. */
#include "src/base/jsonw.h"

#include <string.h>

#include "src/base/strbuf.h"
#include "src/base/text.h"

void jsonw_put_string(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;
	uint32_t c;

	sb_addc(sb, '"');
	while (i < len) {
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

void jsonw_put_double(struct strbuf *sb, double d)
{
	char buf[32];

	sb_adds(sb, text_double(buf, d));
}

/* json_scan.c - a pull reader of JSON text with positions and byte checks. */
#include "loaders/json_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/compiler.h"
#include "src/base/text.h"

enum want { W_VALUE, W_KEY_OR_CLOSE, W_KEY, W_COLON, W_COMMA_OR_CLOSE, W_VALUE_OR_CLOSE, W_END };

static const char *const want_text[] = {
    [W_VALUE] = "expected a value",
    [W_KEY_OR_CLOSE] = "expected a string key or '}'",
    [W_KEY] = "expected a string key",
    [W_COLON] = "expected ':' after the key",
    [W_COMMA_OR_CLOSE] = "expected ',' or a closing bracket",
    [W_VALUE_OR_CLOSE] = "expected a value or ']'",
    [W_END] = "expected the end of the text after the JSON value",
};

void json_pull_init(struct json_pull *jp, const char *text, size_t len)
{
	memset(jp, 0, sizeof(*jp));
	jp->text = text;
	jp->len = len;
	jp->line = 1;
	jp->want = W_VALUE;
	jp->stop_depth = SIZE_MAX;
	/* a leading byte order mark is skipped, as cJSON does */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		jp->pos = 3;
}

void json_pull_init_at(struct json_pull *jp, const char *text, size_t len, size_t off,
		       unsigned line, size_t line_at)
{
	json_pull_init(jp, text, len);
	jp->pos = off;
	jp->line = line;
	jp->line_at = line_at;
	jp->stop_depth = 0;
}

void json_pull_free(struct json_pull *jp)
{
	free(jp->stack);
	sb_free(&jp->unescaped);
	jp->stack = NULL;
}

void json_pull_init_in_array(struct json_pull *jp, const char *text, size_t len, size_t off)
{
	json_pull_init_at(jp, text, len, off, 1, off);
	jp->stack = xmalloc(jp->cap = 64);
	jp->stack[jp->depth++] = '[';
}

/* jp on past what ahead read, levels of nesting up from where it is. */
static void pull_skip_to(struct json_pull *jp, const struct json_pull *ahead, size_t levels)
{
	jp->pos = ahead->pos;
	jp->off = ahead->off;
	jp->end = ahead->end;
	if (ahead->line > 1) {
		jp->line += ahead->line - 1;
		jp->line_at = ahead->line_at;
	}
	jp->depth -= levels;
	jp->want = jp->depth ? W_COMMA_OR_CLOSE : W_END;
}

void json_pull_skip_read(struct json_pull *jp, const struct json_pull *ahead)
{
	pull_skip_to(jp, ahead, 1);
}

void json_pull_skip_array(struct json_pull *jp, const struct json_pull *ahead)
{
	pull_skip_to(jp, ahead, 2);
}

static COLD enum json_ev pull_fail(struct json_pull *jp, size_t off, const char *why)
{
	jp->bad_off = off;
	snprintf(jp->why, sizeof(jp->why), "%s", why);
	jp->want = -1;
	return JSON_ERROR;
}

/* The 4 hex digits at p (avail bytes there) as *v; false when they are not. */
static bool hex4(const char *p, size_t avail, unsigned *v)
{
	size_t k;

	*v = 0;
	for (k = 0; k < 4; k++) {
		if (k >= avail || !p[k] || !strchr("0123456789abcdefABCDEF", p[k]))
			return false;
		*v = *v * 16 + (unsigned)(p[k] <= '9' ? p[k] - '0' : (p[k] | 0x20) - 'a' + 10);
	}
	return true;
}

/* Offset of the first bad escape or end in the string token [start, end),
 * (size_t)-1 when it is fine; *why says what is wrong. */
static size_t string_problem(const char *s, size_t start, size_t end, const char **why)
{
	size_t i;

	if (end - start < 2 || s[end - 1] != '"') {
		*why = "unexpected end of file in a string (truncated?)";
		return end;
	}
	for (i = start + 1; i < end - 1; i++) {
		if (s[i] != '\\')
			continue;
		if (strchr("\"\\/bfnrt", s[i + 1]) && s[i + 1]) {
			i++;
		} else if (s[i + 1] == 'u') {
			unsigned v, low;

			if (!hex4(s + i + 2, end - 1 - (i + 2), &v)) {
				*why = "invalid \\u escape (needs 4 hex digits)";
				return i;
			}
			if (v >= 0xdc00 && v <= 0xdfff) {
				*why = "lone UTF-16 low surrogate (\\udc00-\\udfff) with no high "
				       "surrogate before it";
				return i;
			}
			if (v >= 0xd800 && v <= 0xdbff) {
				if (end - 1 - (i + 6) < 2 || s[i + 6] != '\\' || s[i + 7] != 'u' ||
				    !hex4(s + i + 8, end - 1 - (i + 8), &low) || low < 0xdc00 ||
				    low > 0xdfff) {
					*why = "lone UTF-16 high surrogate (\\ud800-\\udbff) not "
					       "followed by a low surrogate (\\udc00-\\udfff)";
					return i;
				}
				i += 6;
			}
			i += 5;
		} else {
			*why = "invalid escape in a string";
			return i;
		}
	}
	/* an escaped quote just before the end: the string did not end */
	if (i == end - 1 && s[end - 2] == '\\' && i > start + 1) {
		size_t n = 0;

		while (s[end - 2 - n] == '\\')
			n++;
		if (n % 2) {
			*why = "unexpected end of file in a string (truncated?)";
			return end;
		}
	}
	return (size_t)-1;
}

/* The bytes a string takes as they are: ASCII but control characters,
 * quotes and backslashes. */
static const unsigned char plain[256] = {
    [0x20 ... 0x21] = 1, /* '"' is 0x22 */
    [0x23 ... 0x5b] = 1, /* '\\' is 0x5c */
    [0x5d ... 0x7f] = 1,
};

#ifdef __SSE2__
#include <emmintrin.h>

#define RUN 16 /* bytes plain_run() looks at */

/* Offset in the RUN bytes at s of the first one that is not plain, RUN
 * when all are: compared 16 at once, those below 0x20 and above 0x7f
 * both below 0x20 as signed bytes. */
static inline unsigned plain_run(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
					      _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
				 _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
	unsigned bits = (unsigned)_mm_movemask_epi8(m);

	return bits ? (unsigned)__builtin_ctz(bits) : RUN;
}
#else
#define RUN   8
#define ONES  0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* The same 8 bytes at a time in a word. Each test flags a byte that is
 * what it looks for exactly, and may flag bytes after it (a borrow), so
 * the lowest flag is exact. */
static inline unsigned plain_run(const unsigned char *s)
{
	uint64_t w, q, b, m;

	memcpy(&w, s, 8);
	q = w ^ (ONES * '"');
	b = w ^ (ONES * '\\');
	m = (((w - ONES * 0x20) & ~w) | ((q - ONES) & ~q) | ((b - ONES) & ~b) | w) & HIGHS;
	if (!m)
		return 8;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (unsigned)__builtin_ctzll(m) / 8;
#else
	return (unsigned)__builtin_clzll(m) / 8;
#endif
}
#endif

/* Move over the string whose quote is at pos, checking its bytes: the
 * offset of the first bad one ((size_t)-1 if none) and *why. *escaped
 * says whether it has a backslash, *closed whether it ends with a quote. */
static size_t lex_string(struct json_pull *jp, const char **why, bool *escaped, bool *closed)
{
	const unsigned char *s = (const unsigned char *)jp->text;
	size_t i = jp->pos + 1, n = jp->len, bad = (size_t)-1;
	uint32_t cp;
	unsigned k;

	*escaped = false;
	for (;;) {
		/* RUN bytes at a time while RUN are there, then one by one */
		while (i + RUN <= n) {
			k = plain_run(s + i);
			i += k;
			if (k < RUN)
				break;
		}
		while (plain[s[i]]) /* the text ends with a NUL, which is not plain */
			i++;
		if (i >= n || s[i] == '"')
			break;
		if (s[i] == '\\') {
			*escaped = true;
			if (bad == (size_t)-1 && i + 5 < n && s[i + 1] == 'u' &&
			    memcmp(s + i + 2, "0000", 4) == 0)
				bad = i,
				*why = "NUL character (\\u0000) in a string is not supported";
			i += i + 1 < n ? 2 : 1; /* not past the NUL after the text */
		} else if (s[i] < 0x20) {
			if (bad == (size_t)-1)
				bad = i,
				*why = s[i] ? "control character in a string must be escaped"
					    : "NUL byte in the text";
			i++;
		} else {
			size_t len = text_utf8_decode(s + i, n - i, &cp);

			if (len == 0) {
				if (bad == (size_t)-1)
					bad = i, *why = "invalid UTF-8";
				len = 1;
			}
			i += len;
		}
	}
	*closed = i < n;
	jp->pos = i < n ? i + 1 : n;
	return bad;
}

static void put_utf8(struct strbuf *sb, uint32_t c)
{
	char b[4];

	if (c < 0x80) {
		sb_addc(sb, (char)c);
	} else if (c < 0x800) {
		b[0] = (char)(0xc0 | c >> 6), b[1] = (char)(0x80 | (c & 0x3f));
		sb_add(sb, b, 2);
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | c >> 12), b[1] = (char)(0x80 | (c >> 6 & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		sb_add(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | c >> 18), b[1] = (char)(0x80 | (c >> 12 & 0x3f));
		b[2] = (char)(0x80 | (c >> 6 & 0x3f)), b[3] = (char)(0x80 | (c & 0x3f));
		sb_add(sb, b, 4);
	}
}

/* The text of the string token [start, end), checked, without its escapes. */
static void unescape(struct json_pull *jp, size_t start, size_t end)
{
	const char *s = jp->text;
	size_t i = start + 1, from = i;
	unsigned v, low;

	sb_reset(&jp->unescaped);
	for (; i < end - 1; i++) {
		if (s[i] != '\\')
			continue;
		sb_add(&jp->unescaped, s + from, i - from);
		switch (s[++i]) {
		case 'b':
			sb_addc(&jp->unescaped, '\b');
			break;
		case 'f':
			sb_addc(&jp->unescaped, '\f');
			break;
		case 'n':
			sb_addc(&jp->unescaped, '\n');
			break;
		case 'r':
			sb_addc(&jp->unescaped, '\r');
			break;
		case 't':
			sb_addc(&jp->unescaped, '\t');
			break;
		case 'u':
			hex4(s + i + 1, 4, &v);
			i += 4;
			if (v >= 0xd800 && v <= 0xdbff) {
				hex4(s + i + 3, 4, &low);
				v = 0x10000 + ((v - 0xd800) << 10) + (low - 0xdc00);
				i += 6;
			}
			put_utf8(&jp->unescaped, v);
			break;
		default:
			sb_addc(&jp->unescaped, s[i]);
			break; /* " \ / */
		}
		from = i + 1;
	}
	sb_add(&jp->unescaped, s + from, end - 1 - from);
	jp->str = sb_str(&jp->unescaped);
	jp->str_len = jp->unescaped.len;
}

static bool number_ok(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return false;
	if (i < n && s[i] == '.') {
		if (++i >= n || s[i] < '0' || s[i] > '9')
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == n;
}

/* The state after a complete value inside the container on top. */
static enum want after_value(const struct json_pull *jp)
{
	return jp->depth ? W_COMMA_OR_CLOSE : W_END;
}

/* After a key or a value: the ':' or ',' that most often follows at once,
 * and a space after it, are taken now, which spares the next event turns
 * of json_pull_next's loop. Only on the token's line, so that the line
 * of the token stays the reader's. */
static inline void take_separator(struct json_pull *jp)
{
	const char *s = jp->text + jp->pos;

	if (*s == ':' && jp->want == W_COLON) {
		jp->want = W_VALUE;
		jp->pos += 1 + (s[1] == ' ');
	} else if (*s == ',' && jp->want == W_COMMA_OR_CLOSE) {
		jp->want = jp->stack[jp->depth - 1] == '{' ? W_KEY : W_VALUE;
		jp->pos += 1 + (s[1] == ' ');
	}
}

static bool want_value(const struct json_pull *jp)
{
	return jp->want == W_VALUE || jp->want == W_VALUE_OR_CLOSE;
}

static NOINLINE enum json_ev pull_open(struct json_pull *jp, char c)
{
	if (!want_value(jp))
		return pull_fail(jp, jp->off, want_text[jp->want]);
	if (jp->depth == JSON_MAX_DEPTH)
		return pull_fail(jp, jp->off, "nesting deeper than 1000 levels");
	if (jp->depth == jp->cap)
		jp->stack = xreallocarray(jp->stack, jp->cap = jp->cap ? jp->cap * 2 : 64, 1);
	jp->stack[jp->depth++] = c;
	jp->pos++;
	jp->want = c == '{' ? W_KEY_OR_CLOSE : W_VALUE_OR_CLOSE;
	return c == '{' ? JSON_OBJECT : JSON_ARRAY;
}

static NOINLINE enum json_ev pull_close(struct json_pull *jp, char c)
{
	enum want w = jp->want;

	jp->pos++;
	if (!jp->depth || (w != W_COMMA_OR_CLOSE && w != W_KEY_OR_CLOSE && w != W_VALUE_OR_CLOSE))
		return pull_fail(jp, jp->off, want_text[w]);
	if ((jp->stack[jp->depth - 1] == '{') != (c == '}') || (w == W_KEY_OR_CLOSE && c != '}') ||
	    (w == W_VALUE_OR_CLOSE && c != ']'))
		return pull_fail(jp, jp->off, "mismatched closing bracket");
	jp->depth--;
	jp->end = jp->pos;
	jp->want = after_value(jp);
	take_separator(jp);
	return JSON_CLOSE;
}

/* Any string: its bytes, escapes and place checked in the order that
 * gives the first problem. */
static COLD enum json_ev pull_string(struct json_pull *jp)
{
	const char *why = NULL;
	bool escaped, key = jp->want == W_KEY || jp->want == W_KEY_OR_CLOSE, closed;
	size_t bad = lex_string(jp, &why, &escaped, &closed);

	jp->end = jp->pos;
	if (bad != (size_t)-1)
		return pull_fail(jp, bad, why);
	if (jp->want == W_COLON || jp->want == W_COMMA_OR_CLOSE || jp->want == W_END)
		return pull_fail(jp, jp->off, want_text[jp->want]);
	if (escaped || jp->text[jp->end - 1] != '"' || jp->end - jp->off < 2) {
		bad = string_problem(jp->text, jp->off, jp->end, &why);
		if (bad != (size_t)-1)
			return pull_fail(jp, bad, why);
	}
	if (!closed) /* the last quote was escaped */
		return pull_fail(jp, jp->end, "unexpected end of file in a string (truncated?)");
	if (escaped) {
		unescape(jp, jp->off, jp->end);
	} else {
		jp->str = jp->text + jp->off + 1;
		jp->str_len = jp->end - jp->off - 2;
	}
	jp->want = key ? W_COLON : after_value(jp);
	take_separator(jp);
	return key ? JSON_KEY : JSON_STRING;
}

/* Bytes that may go on a number after its first digits. */
static const unsigned char number_tail[256] = {
    ['-'] = 1, ['+'] = 1, ['.'] = 1, ['e'] = 1, ['E'] = 1,
};

static NOINLINE enum json_ev pull_number(struct json_pull *jp)
{
	const unsigned char *s = (const unsigned char *)jp->text;
	size_t i = jp->pos, start = i;
	uint64_t v = 0;

	/* plain digits, the common case, in one pass (the NUL after the
	 * text stops it); the value wraps past 19 digits, then unused */
	while ((unsigned)(s[i] - '0') < 10)
		v = v * 10 + (uint64_t)(s[i++] - '0');
	jp->uint_ok = false;
	if (i > start && !number_tail[s[i]] && (s[start] != '0' || i - start == 1)) {
		jp->uint = v;
		jp->uint_ok = i - start <= 19;
	} else {
		while (i < jp->len && ((s[i] >= '0' && s[i] <= '9') || number_tail[s[i]]))
			i++;
	}
	jp->pos = jp->end = i;
	if (!want_value(jp))
		return pull_fail(jp, jp->off, want_text[jp->want]);
	if (!jp->uint_ok && !number_ok(jp->text + start, i - start))
		return pull_fail(jp, jp->off, "invalid number");
	jp->want = after_value(jp);
	take_separator(jp);
	return JSON_NUMBER;
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static COLD enum json_ev pull_word(struct json_pull *jp)
{
	const char *w = jp->text + jp->off;
	size_t n;

	while (jp->pos < jp->len && is_alpha(jp->text[jp->pos]))
		jp->pos++;
	jp->end = jp->pos;
	n = jp->end - jp->off;
	if (!want_value(jp))
		return pull_fail(jp, jp->off, want_text[jp->want]);
	jp->want = after_value(jp);
	if (n == 4 && !memcmp(w, "true", 4))
		return JSON_TRUE;
	if (n == 5 && !memcmp(w, "false", 5))
		return JSON_FALSE;
	if (n == 4 && !memcmp(w, "null", 4))
		return JSON_NULL;
	return pull_fail(jp, jp->off, "invalid literal (expected true, false or null)");
}

/* A byte that starts no token: what is wrong with it. */
static COLD enum json_ev pull_other(struct json_pull *jp)
{
	unsigned char c = (unsigned char)jp->text[jp->pos];
	uint32_t cp;

	if (c == '\0')
		return pull_fail(jp, jp->off, "NUL byte in the text");
	if (c < 0x20) /* cJSON skips them as white space; JSON allows only four */
		return pull_fail(jp, jp->off,
				 "control character between tokens (only space, tab, "
				 "newline and carriage return may separate them)");
	if (c >= 0x80 &&
	    !text_utf8_decode((const unsigned char *)jp->text + jp->pos, jp->len - jp->pos, &cp))
		return pull_fail(jp, jp->off, "invalid UTF-8");
	return pull_fail(jp, jp->off, want_text[jp->want]);
}

/* The event a string makes in each state; JSON_ERROR where none may come. */
static const unsigned char string_ev[] = {
    [W_VALUE] = JSON_STRING, [W_KEY_OR_CLOSE] = JSON_KEY,     [W_KEY] = JSON_KEY,
    [W_COLON] = JSON_ERROR,  [W_COMMA_OR_CLOSE] = JSON_ERROR, [W_VALUE_OR_CLOSE] = JSON_STRING,
    [W_END] = JSON_ERROR,
};

/* The common string: plain bytes, where a string may come, read a word at
 * a time; any other is left to pull_string(). */
static NOINLINE enum json_ev pull_plain_string(struct json_pull *jp)
{
	const unsigned char *s = (const unsigned char *)jp->text;
	size_t i = jp->pos + 1;
	enum json_ev ev = (enum json_ev)string_ev[jp->want];
	unsigned k;

	if (ev == JSON_ERROR)
		return pull_string(jp);
	do {
		if (i + RUN > jp->len)
			return pull_string(jp);
		k = plain_run(s + i);
		i += k;
	} while (k == RUN);
	if (s[i] != '"')
		return pull_string(jp);
	jp->str = jp->text + jp->pos + 1;
	jp->str_len = i - jp->pos - 1;
	jp->pos = jp->end = i + 1;
	jp->want = ev == JSON_KEY ? W_COLON : after_value(jp);
	take_separator(jp);
	return ev;
}

/* White space between tokens: 2 for a newline. */
static const unsigned char space[256] = {[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 2};

enum json_ev json_pull_next(struct json_pull *jp)
{
	const unsigned char *s = (const unsigned char *)jp->text;
	size_t i;
	unsigned c;

	if (jp->want < 0)
		return JSON_ERROR;
	for (;;) {
		/* the NUL after the text ends white space */
		for (i = jp->pos; (c = space[s[i]]); i++)
			if (c == 2) {
				jp->line++;
				jp->line_at = i + 1;
			}
		jp->pos = jp->off = i;
		if (jp->want == W_END && jp->stop_depth == 0)
			return JSON_END;
		if (i >= jp->len) {
			if (jp->want != W_END)
				return pull_fail(jp, jp->len,
						 "unexpected end of file (truncated?)");
			return JSON_END;
		}
		switch (s[i]) {
		case '{':
		case '[':
			return pull_open(jp, (char)s[i]);
		case '}':
		case ']':
			return pull_close(jp, (char)s[i]);
		case '"':
			return pull_plain_string(jp);
		case ':':
			if (jp->want != W_COLON)
				return pull_fail(jp, jp->off, want_text[jp->want]);
			jp->want = W_VALUE;
			jp->pos++;
			continue;
		case ',':
			if (jp->want != W_COMMA_OR_CLOSE)
				return pull_fail(jp, jp->off, want_text[jp->want]);
			jp->want = jp->stack[jp->depth - 1] == '{' ? W_KEY : W_VALUE;
			jp->pos++;
			continue;
		default:
			break;
		}
		if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9'))
			return pull_number(jp);
		if (is_alpha((char)s[i]))
			return pull_word(jp);
		return pull_other(jp);
	}
}

enum json_ev json_pull_skip(struct json_pull *jp, enum json_ev ev)
{
	size_t depth = jp->depth;

	if (ev != JSON_OBJECT && ev != JSON_ARRAY)
		return ev;
	while ((ev = json_pull_next(jp)) != JSON_ERROR && jp->depth >= depth)
		;
	return ev;
}

/* Line and column of off, counting from at, the start of line line. */
static void count_position(const char *text, size_t len, size_t at, unsigned line, size_t off,
			   unsigned *line_out, unsigned *col)
{
	size_t i = at;

	*line_out = line;
	*col = 1;
	if (off > len)
		off = len;
	if (i == 0 && len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) && off >= 3)
		i = 3; /* a byte order mark takes no column */
	for (; i < off; i++) {
		if (text[i] == '\n') {
			(*line_out)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

void json_pull_position(const struct json_pull *jp, size_t off, unsigned *line, unsigned *col)
{
	if (off < jp->line_at)
		count_position(jp->text, jp->len, 0, 1, off, line, col);
	else
		count_position(jp->text, jp->len, jp->line_at, jp->line, off, line, col);
}

const char *json_ev_type(enum json_ev ev)
{
	switch (ev) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_NUMBER:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

/* ---- for the importers' cJSON trees ---- */

static bool is_plain_small(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 15 || (s[0] == '0' && len > 1))
		return false;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

void json_scan(const char *text, size_t len, struct json_scan_result *res)
{
	struct json_pull jp;
	size_t number = 0, cap = 0;
	enum json_ev ev;

	memset(res, 0, sizeof(*res));
	json_pull_init(&jp, text, len);
	while ((ev = json_pull_next(&jp)) != JSON_END && ev != JSON_ERROR) {
		if (ev != JSON_NUMBER)
			continue;
		if (!is_plain_small(text + jp.off, jp.end - jp.off)) {
			if (res->n_literals == cap) {
				cap = cap ? cap * 2 : 16;
				res->literals =
				    xreallocarray(res->literals, cap, sizeof(*res->literals));
			}
			res->literals[res->n_literals++] =
			    (struct json_literal){number, jp.off, jp.end - jp.off};
		}
		number++;
	}
	res->ok = ev == JSON_END;
	res->bad_off = jp.bad_off;
	memcpy(res->why, jp.why, sizeof(res->why));
	json_pull_free(&jp);
}

bool json_scan_syntax(const char *text, size_t len, size_t *off, char *why, size_t whysize)
{
	struct json_pull jp;
	enum json_ev ev;

	json_pull_init(&jp, text, len);
	while ((ev = json_pull_next(&jp)) != JSON_END && ev != JSON_ERROR)
		;
	*off = ev == JSON_ERROR ? jp.bad_off : jp.off;
	if (ev == JSON_ERROR)
		snprintf(why, whysize, "%s", jp.why);
	json_pull_free(&jp);
	return ev == JSON_END;
}

size_t json_scan_value_offset(const char *text, size_t len, size_t k, size_t *key_off)
{
	struct json_pull jp;
	size_t n = 0, key = len, at = len;
	enum json_ev ev;

	json_pull_init(&jp, text, len);
	while ((ev = json_pull_next(&jp)) != JSON_END && ev != JSON_ERROR) {
		if (ev == JSON_KEY) {
			key = jp.off;
		} else if (ev == JSON_CLOSE) {
			key = len;
		} else if (n++ == k) {
			at = jp.off;
			break;
		} else {
			key = len;
		}
	}
	if (key_off)
		*key_off = at == len ? len : key != len ? key : at;
	json_pull_free(&jp);
	return at;
}

void json_scan_position(const char *text, size_t len, size_t off, unsigned *line, unsigned *col)
{
	count_position(text, len, 0, 1, off, line, col);
}

/* json_scan.c - positions, exact numbers and byte checks for JSON text. */
#include "loaders/json_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/error.h"
#include "src/base/text.h"

enum tok { T_END, T_OPEN, T_CLOSE, T_KEY, T_STRING, T_NUMBER, T_WORD, T_PUNCT, T_OTHER };

struct lexer {
	const char *s;
	size_t len, pos;
	/* the first byte-level problem seen, if any */
	bool bad;
	size_t bad_off;
	char why[128];
};

static void lex_fail(struct lexer *lx, size_t off, const char *why)
{
	if (lx->bad)
		return;
	lx->bad = true;
	lx->bad_off = off;
	snprintf(lx->why, sizeof(lx->why), "%s", why);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Scan a string starting at the opening quote; checks its bytes. */
static void lex_string(struct lexer *lx)
{
	const unsigned char *s = (const unsigned char *)lx->s;
	size_t i = lx->pos + 1;
	uint32_t cp;

	while (i < lx->len && s[i] != '"') {
		if (s[i] == '\\') {
			if (i + 5 < lx->len && s[i + 1] == 'u' && memcmp(s + i + 2, "0000", 4) == 0)
				lex_fail(lx, i,
					 "NUL character (\\u0000) in a string is not supported");
			i += 2;
		} else if (s[i] < 0x20) {
			lex_fail(lx, i,
				 s[i] ? "control character in a string must be escaped"
				      : "NUL byte in the text");
			i++;
		} else {
			size_t n = text_utf8_decode(s + i, lx->len - i, &cp);

			if (n == 0) {
				lex_fail(lx, i, "invalid UTF-8");
				n = 1;
			}
			i += n;
		}
	}
	lx->pos = i < lx->len ? i + 1 : lx->len;
}

/* Next token; *start is where it begins. A leading byte order mark is
 * skipped, as cJSON does. */
static enum tok lex_next(struct lexer *lx, size_t *start)
{
	const char *s = lx->s;
	char c;

	if (lx->pos == 0 && lx->len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		lx->pos = 3;
	while (lx->pos < lx->len && is_space(s[lx->pos]))
		lx->pos++;
	*start = lx->pos;
	if (lx->pos >= lx->len)
		return T_END;
	c = s[lx->pos];
	switch (c) {
	case '{':
	case '[':
		lx->pos++;
		return T_OPEN;
	case '}':
	case ']':
		lx->pos++;
		return T_CLOSE;
	case ':':
	case ',':
		lx->pos++;
		return T_PUNCT;
	case '"': {
		size_t after;

		lex_string(lx);
		after = lx->pos;
		while (after < lx->len && is_space(s[after]))
			after++;
		return after < lx->len && s[after] == ':' ? T_KEY : T_STRING;
	}
	default:
		break;
	}
	if (c == '-' || (c >= '0' && c <= '9')) {
		while (lx->pos < lx->len && strchr("0123456789+-.eE", s[lx->pos]) && s[lx->pos])
			lx->pos++;
		return T_NUMBER;
	}
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		while (lx->pos < lx->len && ((s[lx->pos] >= 'a' && s[lx->pos] <= 'z') ||
					     (s[lx->pos] >= 'A' && s[lx->pos] <= 'Z')))
			lx->pos++;
		return T_WORD;
	}
	if (c == '\0') {
		lex_fail(lx, lx->pos, "NUL byte in the text");
	} else if ((unsigned char)c < 0x20) {
		/* cJSON skips them as white space; JSON allows only four */
		lex_fail(lx, lx->pos,
			 "control character between tokens (only space, tab, "
			 "newline and carriage return may separate them)");
	} else if ((unsigned char)c >= 0x80) {
		uint32_t cp;
		size_t n =
		    text_utf8_decode((const unsigned char *)s + lx->pos, lx->len - lx->pos, &cp);

		if (n == 0)
			lex_fail(lx, lx->pos, "invalid UTF-8");
		else
			lx->pos += n - 1;
	}
	lx->pos++;
	return T_OTHER;
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

void json_scan(const char *text, size_t len, size_t limit, struct json_scan_result *res)
{
	struct lexer lx = {.s = text, .len = limit};
	size_t start, number = 0, cap = 0, depth = 0;
	enum tok t;

	memset(res, 0, sizeof(*res));
	(void)len;
	while (!lx.bad && (t = lex_next(&lx, &start)) != T_END) {
		if (t == T_OPEN && ++depth > JSON_MAX_DEPTH) {
			lex_fail(&lx, start, "nesting deeper than 1000 levels");
		} else if (t == T_CLOSE && depth > 0) {
			depth--;
		} else if (t == T_NUMBER && !number_ok(text + start, lx.pos - start)) {
			lex_fail(&lx, start, "invalid number");
		} else if (t == T_NUMBER) {
			if (!is_plain_small(text + start, lx.pos - start)) {
				if (res->n_literals == cap) {
					cap = cap ? cap * 2 : 16;
					res->literals = xreallocarray(res->literals, cap,
								      sizeof(*res->literals));
				}
				res->literals[res->n_literals++] =
				    (struct json_literal){number, start, lx.pos - start};
			}
			number++;
		}
	}
	res->ok = !lx.bad;
	res->bad_off = lx.bad_off;
	memcpy(res->why, lx.why, sizeof(res->why));
}

size_t json_scan_value_offset(const char *text, size_t len, size_t k, size_t *key_off)
{
	struct lexer lx = {.s = text, .len = len};
	size_t start, n = 0, key = len;
	enum tok t;

	while ((t = lex_next(&lx, &start)) != T_END) {
		if (t == T_KEY) {
			key = start;
		} else if (t == T_OPEN || t == T_STRING || t == T_NUMBER || t == T_WORD) {
			if (n++ == k) {
				if (key_off)
					*key_off = key != len ? key : start;
				return start;
			}
			key = len;
		} else if (t != T_PUNCT || text[start] != ':') {
			key = len;
		}
	}
	if (key_off)
		*key_off = len;
	return len;
}

void json_scan_position(const char *text, size_t len, size_t off, unsigned *line, unsigned *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	if (off > len)
		off = len;
	i = len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) && off >= 3 ? 3 : 0; /* BOM: no column */
	for (; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/* ---- grammar, for exact syntax error positions ---- */

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

/* Offset of the first bad thing in a string token, or len when fine. */
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

/* The state after a complete value inside the container on top. */
static enum want after_value(size_t depth)
{
	return depth ? W_COMMA_OR_CLOSE : W_END;
}

bool json_scan_syntax(const char *text, size_t len, size_t *off, char *why, size_t whysize)
{
	struct lexer lx = {.s = text, .len = len};
	char *stack = NULL;
	size_t depth = 0, cap = 0, start, n;
	enum want w = W_VALUE;
	const char *msg = NULL;
	enum tok t;

	for (;;) {
		t = lex_next(&lx, &start);
		n = lx.pos - start;
		if (lx.bad) {
			*off = lx.bad_off, msg = lx.why;
			break;
		}
		if (t == T_END) {
			if (w != W_END)
				*off = len, msg = "unexpected end of file (truncated?)";
			break;
		}
		*off = start;
		if (t == T_OPEN && (w == W_VALUE || w == W_VALUE_OR_CLOSE)) {
			if (depth == JSON_MAX_DEPTH) {
				msg = "nesting deeper than 1000 levels";
				break;
			}
			if (depth == cap)
				stack = xreallocarray(stack, cap = cap ? cap * 2 : 64, 1);
			stack[depth++] = text[start];
			w = text[start] == '{' ? W_KEY_OR_CLOSE : W_VALUE_OR_CLOSE;
		} else if (t == T_CLOSE && depth &&
			   (w == W_COMMA_OR_CLOSE || w == W_KEY_OR_CLOSE ||
			    w == W_VALUE_OR_CLOSE)) {
			if ((stack[depth - 1] == '{') != (text[start] == '}') ||
			    (w == W_KEY_OR_CLOSE && text[start] != '}') ||
			    (w == W_VALUE_OR_CLOSE && text[start] != ']')) {
				msg = "mismatched closing bracket";
				break;
			}
			w = after_value(--depth);
		} else if ((t == T_KEY || t == T_STRING) && w != W_COLON && w != W_COMMA_OR_CLOSE &&
			   w != W_END) {
			size_t bad = string_problem(text, start, lx.pos, &msg);

			if (bad != (size_t)-1) {
				*off = bad;
				break;
			}
			msg = NULL;
			w = (w == W_KEY || w == W_KEY_OR_CLOSE) ? W_COLON : after_value(depth);
		} else if (t == T_NUMBER && (w == W_VALUE || w == W_VALUE_OR_CLOSE)) {
			if (!number_ok(text + start, n)) {
				msg = "invalid number";
				break;
			}
			w = after_value(depth);
		} else if (t == T_WORD && (w == W_VALUE || w == W_VALUE_OR_CLOSE)) {
			if (!((n == 4 && !memcmp(text + start, "true", 4)) ||
			      (n == 5 && !memcmp(text + start, "false", 5)) ||
			      (n == 4 && !memcmp(text + start, "null", 4)))) {
				msg = "invalid literal (expected true, false or null)";
				break;
			}
			w = after_value(depth);
		} else if (t == T_PUNCT && text[start] == ':' && w == W_COLON) {
			w = W_VALUE;
		} else if (t == T_PUNCT && text[start] == ',' && w == W_COMMA_OR_CLOSE) {
			w = stack[depth - 1] == '{' ? W_KEY : W_VALUE;
		} else {
			msg = want_text[w];
			break;
		}
	}
	free(stack);
	if (msg)
		snprintf(why, whysize, "%s", msg);
	return msg == NULL;
}

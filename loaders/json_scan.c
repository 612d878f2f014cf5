/* json_scan.c - positions, exact numbers and byte checks for JSON text. */
#include "json_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "text.h"

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
				lex_fail(lx, i, "NUL character (\\u0000) in a string is not supported");
			i += 2;
		} else if (s[i] < 0x20) {
			lex_fail(lx, i, s[i] ? "control character in a string must be escaped"
					     : "NUL byte in the text");
			i++;
		} else {
			size_t n = utf8_decode(s + i, lx->len - i, &cp);

			if (n == 0) {
				lex_fail(lx, i, "invalid UTF-8");
				n = 1;
			}
			i += n;
		}
	}
	lx->pos = i < lx->len ? i + 1 : lx->len;
}

/* Next token; *start is where it begins. */
static enum tok lex_next(struct lexer *lx, size_t *start)
{
	const char *s = lx->s;
	char c;

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
	if (c >= 'a' && c <= 'z') {
		while (lx->pos < lx->len && s[lx->pos] >= 'a' && s[lx->pos] <= 'z')
			lx->pos++;
		return T_WORD;
	}
	if (c == '\0')
		lex_fail(lx, lx->pos, "NUL byte in the text");
	else if ((unsigned char)c >= 0x80) {
		uint32_t cp;

		if (!utf8_decode((const unsigned char *)s + lx->pos, lx->len - lx->pos, &cp))
			lex_fail(lx, lx->pos, "invalid UTF-8");
	}
	lx->pos++;
	return T_OTHER;
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

size_t json_scan_value_offset(const char *text, size_t len, size_t k)
{
	struct lexer lx = {.s = text, .len = len};
	size_t start, n = 0;
	enum tok t;

	while ((t = lex_next(&lx, &start)) != T_END) {
		if (t == T_OPEN || t == T_STRING || t == T_NUMBER || t == T_WORD) {
			if (n++ == k)
				return start;
		}
	}
	return len;
}

void json_scan_position(const char *text, size_t len, size_t off, unsigned *line, unsigned *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/* text.c - terminal-safe escaping, UTF-8 decoding, number formats. */
#define _GNU_SOURCE /* wcwidth, memmem */
#include "src/base/text.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "src/base/alloc.h"
#include "src/base/strbuf.h"

size_t text_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c, min;
	size_t n, i;

	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

bool text_is_unsafe(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||	     /* controls */
	       (c >= 0x200b && c <= 0x200f) || c == 0x2060 || c == 0xfeff || /* zero width */
	       c == 0x2028 || c == 0x2029 ||				     /* line breaks */
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069); /* bidi */
}

/* The escaped text of the character at p (len > 0 bytes available) in
 * esc (8 bytes): *esc_len bytes of display width *w. Returns the bytes
 * of p it stands for. */
static size_t escape_char(const unsigned char *p, size_t len, char *esc, size_t *esc_len, int *w)
{
	uint32_t c = 0;
	size_t n = text_utf8_decode(p, len, &c);
	int k;

	if (n && !text_is_unsafe(c)) {
		memcpy(esc, p, n);
		*esc_len = n;
		*w = c < 0x80 ? 1 : text_cp_width(c); /* printable ASCII: 1, without wcwidth */
		return n;
	}
	if (n == 0)
		k = snprintf(esc, 8, "\\x%02x", p[0]);
	else if (c == '\n' || c == '\t' || c == '\r')
		k = snprintf(esc, 8, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
	else if (c < 0x80)
		k = snprintf(esc, 8, "\\x%02x", (unsigned)c);
	else
		k = snprintf(esc, 8, "\\u%04x", (unsigned)c);
	*esc_len = (size_t)k;
	*w = k; /* an escape is ASCII */
	return n ? n : 1;
}

/* Escape s[from, to) into sb (NULL: only measure) until its display width
 * passes max; returns where it stopped, a character boundary, and adds
 * the width escaped to *w. */
static size_t escape_until(struct strbuf *sb, const char *s, size_t from, size_t to, int max,
			   int *w)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = from, k;
	char esc[8];
	int cw;

	while (i < to && *w <= max) {
		i += escape_char(p + i, to - i, esc, &k, &cw);
		*w += cw;
		if (sb)
			sb_add(sb, esc, k);
	}
	return i;
}

void text_escape_sb(struct strbuf *sb, const char *s, size_t len)
{
	int w = 0;

	escape_until(sb, s, 0, len, INT_MAX, &w);
}

size_t text_escape(char *dst, size_t size, const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	text_escape_sb(&sb, s, len);
	n = sb.len < size ? sb.len : size - 1;
	/* never cut inside a UTF-8 sequence */
	while (n > 0 && n < sb.len && ((unsigned char)sb.buf[n] & 0xc0) == 0x80)
		n--;
	memcpy(dst, sb_str(&sb), n);
	dst[n] = '\0';
	sb_free(&sb);
	return n;
}

int text_cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

/* The characters of s: at[i] is where character i starts (at[n] = the
 * end), w[i] its display width; an invalid byte is a character of width
 * 1. Returns n; the caller frees *at and *w. */
static size_t text_chars(const char *s, size_t len, size_t **at, int **w)
{
	size_t i = 0, n = 0, k;
	uint32_t cp;

	*at = xmalloc((len + 1) * sizeof(**at));
	*w = xmalloc((len + 1) * sizeof(**w));
	while (i < len) {
		k = text_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		(*at)[n] = i;
		(*w)[n++] = k ? text_cp_width(cp) : 1;
		i += k ? k : 1;
	}
	(*at)[n] = len;
	return n;
}

int text_width(const char *s, size_t len)
{
	size_t *at, n, i;
	int *w, total = 0;

	n = text_chars(s, len, &at, &w);
	for (i = 0; i < n; i++)
		total += w[i];
	free(at);
	free(w);
	return total;
}

/* The characters s keeps in width columns, cut as how says: the head
 * [0, *head) and the tail [*tail, n) around the marker of width mw. */
static void text_cut_at(const char *s, const size_t *at, const int *w, size_t n, int width, int mw,
			enum text_cut how, size_t *head, size_t *tail)
{
	int avail = width - mw, used = 0;
	size_t j;

	if (how == TEXT_CUT_MIDDLE)
		avail -= (avail + 1) / 2; /* the head's half; the tail gets the rest */
	*head = 0;
	if (how != TEXT_CUT_LEFT)
		for (; *head < n && used + w[*head] <= avail; used += w[(*head)++])
			;
	avail = width - mw - used;
	*tail = n;
	if (how != TEXT_CUT_RIGHT)
		for (; *tail > *head && w[*tail - 1] <= avail; avail -= w[--*tail])
			;
	if (how == TEXT_CUT_LEFT) /* start at a directory when one is kept */
		for (j = *tail; j < n; j++)
			if (s[at[j]] == '/') {
				*tail = j;
				break;
			}
}

int text_fit(struct strbuf *sb, const char *s, int width, enum text_cut how, const char *marker)
{
	size_t len = strlen(s), *at, n, i, head, tail;
	int *w, total = 0, mw = text_width(marker, strlen(marker)), used = 0;

	n = text_chars(s, len, &at, &w);
	for (i = 0; i < n; i++)
		total += w[i];
	if (width > 0 && total <= width) {
		sb_add(sb, s, len);
		used = total;
	} else if (width > 0) {
		if (mw >= width) { /* no room for the marker: the start alone */
			how = TEXT_CUT_RIGHT;
			mw = 0;
			marker = "";
		}
		text_cut_at(s, at, w, n, width, mw, how, &head, &tail);
		sb_add(sb, s, at[head]);
		sb_adds(sb, marker);
		sb_add(sb, s + at[tail], len - at[tail]);
		for (i = 0; i < n; i++)
			used += i < head || i >= tail ? w[i] : 0;
		used += mw;
	}
	free(at);
	free(w);
	return used;
}

int text_escaped_width(const char *s, size_t len, int max)
{
	int w = 0;

	escape_until(NULL, s, 0, len, max, &w);
	return w;
}

/* A character boundary of the forward decoding of s (that escape_until
 * follows) at t or at most 3 bytes before it, lo at the earliest (lo is
 * one): a byte that is not a continuation byte starts a character, and a
 * continuation byte with 3 more before it cannot be inside one. */
static size_t char_start(const char *s, size_t t, size_t lo)
{
	size_t q;

	for (q = t; t - q <= 3; q--)
		if (q == lo || ((unsigned char)s[q] & 0xc0) != 0x80)
			return q;
	return t;
}

int text_fit_escaped(struct strbuf *sb, const char *s, size_t len, int width, enum text_cut how,
		     const char *marker)
{
	struct strbuf win = STRBUF_INIT, tail = STRBUF_INIT;
	size_t head, from, back;
	int w = 0;

	/* the head up to one character past the width: all of s when it fits */
	head = escape_until(&win, s, 0, len, width, &w);
	/* and a tail wider than the width, from a boundary after the head
	 * (further back while zero-width characters keep it narrower) */
	for (back = 4 * (size_t)(width > 0 ? width : 0) + 16; head < len && how != TEXT_CUT_RIGHT;
	     back *= 2) {
		from = len - head > back ? char_start(s, len - back, head) : head;
		sb_reset(&tail);
		w = 0;
		escape_until(&tail, s, from, len, INT_MAX, &w);
		if (w > width || from == head) {
			sb_add(&win, sb_str(&tail), tail.len);
			break;
		}
	}
	w = text_fit(sb, sb_str(&win), width, how, marker);
	sb_free(&win);
	sb_free(&tail);
	return w;
}

const char *text_duration(char *buf, uint64_t ns)
{
	static const struct {
		const char *unit;
		double scale;
	} units[] = {{"s", 1e9}, {"ms", 1e6}, {"us", 1e3}};
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		double v = (double)ns / units[i].scale;

		if (v < 1.0)
			continue;
		if (v >= 99.95)
			snprintf(buf, 16, "%.0f %s", v, units[i].unit);
		else if (v >= 9.995)
			snprintf(buf, 16, "%.1f %s", v, units[i].unit);
		else
			snprintf(buf, 16, "%.2f %s", v, units[i].unit);
		return buf;
	}
	snprintf(buf, 16, "%llu ns", (unsigned long long)ns);
	return buf;
}

/* d printed with prec digits (after the point when fixed, significant
 * otherwise), and whether that reads back as d. */
static bool reads_back(char *buf, double d, bool fixed, int prec)
{
	snprintf(buf, 32, fixed ? "%.*f" : "%.*g", prec, d);
	return strtod(buf, NULL) == d;
}

const char *text_double(char *buf, double d)
{
	/* plain decimals where they are short ("100", "91.3"), %g elsewhere */
	bool fixed = fabs(d) < 1e15 && (d == 0 || fabs(d) >= 1e-4);
	/* 17 significant digits always read back; fixed, the first of them is
	 * at most the 4th decimal (d >= 1e-4), so 20 decimals do */
	int lo = fixed ? 0 : 1, hi = fixed ? 20 : 17, mid;

	if (!isfinite(d)) {
		snprintf(buf, 32, "0");
		return buf;
	}
	/* the fewest digits that read back (more digits read back too: a
	 * binary search, about 5 tries in place of up to 18) */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (reads_back(buf, d, fixed, mid))
			hi = mid;
		else
			lo = mid + 1;
	}
	reads_back(buf, d, fixed, lo);
	return buf;
}

const char *text_plural(uint64_t n, const char *one, const char *other)
{
	return n == 1 ? one : other;
}

bool text_near_ends(const char *buf, size_t len, const char *needle, size_t window)
{
	size_t n = strlen(needle), head = len < window ? len : window;
	size_t tail = len - head < window + n ? len - head : window + n;

	return memmem(buf, head, needle, n) || memmem(buf + len - tail, tail, needle, n);
}

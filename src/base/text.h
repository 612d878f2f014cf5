/* text.h - text for humans: terminal-safe escaping, UTF-8, number formats. */
#ifndef VITTE_TEXT_H
#define VITTE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* Decode one UTF-8 sequence at s (len bytes available). Returns its length
 * (1..4) and stores the code point, or returns 0 for an invalid or
 * truncated sequence (overlong forms and surrogates are invalid). */
size_t text_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* Whether code point c is one a terminal may act on or that hides or
 * reorders text: C0/C1 controls and DEL, zero-width characters (U+200B-
 * U+200D, U+2060, U+FEFF), direction marks, embeddings, overrides and
 * isolates (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), and the line and
 * paragraph separators U+2028, U+2029. Text and JSON outputs escape these. */
bool text_is_unsafe(uint32_t c);

/* Whether needle is in the first or the last window bytes of buf (len
 * bytes): what a format sniffer looks for in a big input without reading
 * all of it. */
bool text_near_ends(const char *buf, size_t len, const char *needle, size_t window);

/* Append s (len bytes) to sb with every text_is_unsafe() character
 * escaped: C0 controls and DEL as \xNN (\n, \t, \r), the others as
 * \uXXXX, invalid UTF-8 bytes as \xNN. Printable UTF-8 is kept as it
 * is. */
void text_escape_sb(struct strbuf *sb, const char *s, size_t len);

/* Same into a fixed buffer, cut at a character boundary to fit size
 * (which must be at least 1); returns the length written. */
size_t text_escape(char *dst, size_t size, const char *s, size_t len);

/* Display width of code point cp on a terminal, by the locale (wcwidth):
 * 0 for combining marks, 2 for wide characters, 1 for what it does not
 * know. */
int text_cp_width(uint32_t cp);

/* Display width of s (len bytes of UTF-8; an invalid byte counts 1). */
int text_width(const char *s, size_t len);

/* Where text_fit() cuts text too wide for its room. */
enum text_cut {
	TEXT_CUT_RIGHT,	 /* keep the start: messages, titles */
	TEXT_CUT_LEFT,	 /* keep the end, from a '/' when one fits: paths, "…/dir/file.c:12" */
	TEXT_CUT_MIDDLE, /* keep both ends, which tell names apart: "ZSTD_compr…_generic" */
};

/* Append to sb the text s (UTF-8, already escaped) fitted in width display
 * columns: all of it when it fits, else cut as `how` says with marker (a
 * short string, e.g. "…" or "~") where the text was cut, never inside a
 * character. Returns the display width appended (at most width; 0 when
 * width <= 0). */
int text_fit(struct strbuf *sb, const char *s, int width, enum text_cut how, const char *marker);

/* text_fit() of s (len bytes, raw) once escaped (text_escape_sb), in time
 * and memory that grow with width, not with len: it escapes only the
 * start and the end of a long s, the parts a cut keeps (a 100 KB name
 * costs what a short one does). */
int text_fit_escaped(struct strbuf *sb, const char *s, size_t len, int width, enum text_cut how,
		     const char *marker);

/* Display width of s (len bytes, raw) once escaped, when it is at most
 * max; else a number above max, found without reading all of s. */
int text_escaped_width(const char *s, size_t len, int max);

/* Human-scaled duration with three significant digits: "930 ns", "93.2 us",
 * "12.0 ms", "1.50 s", "150 s". ASCII only ("us"), so it aligns in any
 * locale. buf needs 16 bytes. */
const char *text_duration(char *buf, uint64_t ns);

/* The word for n things: one when n is 1, else other ("1 function",
 * "0 functions"; "1 makes", "3 make"). Every message that counts uses it. */
const char *text_plural(uint64_t n, const char *one, const char *other);

/* Shortest decimal text of d that reads back as the same double
 * ("91.3", not "91.299999999999997"). buf needs 32 bytes. */
const char *text_double(char *buf, double d);

#endif

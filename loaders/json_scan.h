/* json_scan.h - a lexical pass over JSON text that knows where things are.
 *
 * cJSON parses but keeps no positions and reads every number as a double.
 * This scanner walks the same text in document order, which is also the
 * pre-order of cJSON's tree, so the k-th value of the text is the k-th
 * node of the tree: that gives errors their FILE:LINE:COL and numbers
 * their exact literal text.
 */
#ifndef VITTE_JSON_SCAN_H
#define VITTE_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 1000 /* cJSON's nesting limit */

/* A number literal that is not a plain integer below 10^15 (and so might
 * not be exact as a double, or is negative, fractional or exponential). */
struct json_literal {
	size_t index;	 /* which number of the text, counting from 0 */
	size_t off, len; /* its bytes */
};

struct json_scan_result {
	struct json_literal *literals; /* owned; free() */
	size_t n_literals;
	size_t bad_off; /* where the first problem is, when ok is false */
	char why[128];	/* what it is */
	bool ok;
};

/* Scan text[0, limit) (limit <= len): check that it is valid UTF-8 with no
 * NUL byte, no raw control character or \u0000 escape in a string, and no
 * nesting deeper than JSON_MAX_DEPTH, and collect the special number
 * literals. Syntax errors are left to the parser. */
void json_scan(const char *text, size_t len, size_t limit, struct json_scan_result *res);

/* Check the JSON grammar of text (a parser failed on it): false with the
 * offset of the first error and what it is, true when the text is valid. */
bool json_scan_syntax(const char *text, size_t len, size_t *off, char *why, size_t whysize);

/* Byte offset of the k-th value (counting from 0, in document order) of a
 * text that parsed; len when there is none. When key_off is not NULL it
 * gets the offset of the value's key (of the value itself outside objects). */
size_t json_scan_value_offset(const char *text, size_t len, size_t k, size_t *key_off);

/* 1-based line and column (in characters) of a byte offset. */
void json_scan_position(const char *text, size_t len, size_t off, unsigned *line, unsigned *col);

#endif

/* json_scan.h - a pull reader of JSON text that knows where things are.
 *
 * json_pull walks a text token by token, checks its grammar and bytes as
 * it goes (valid UTF-8, no NUL, no raw control character or \u0000 in a
 * string, nesting at most JSON_MAX_DEPTH) and hands out values in
 * document order, each with its byte offset and line: the .vitprof reader
 * builds its profile from it directly. The other helpers serve the
 * importers that keep cJSON's tree (loaders/json_doc.h): the same walk
 * gives their errors FILE:LINE:COL and their numbers the exact literal.
 */
#ifndef VITTE_JSON_SCAN_H
#define VITTE_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/strbuf.h"

#define JSON_MAX_DEPTH 1000 /* cJSON's nesting limit */

enum json_ev {
	JSON_END,    /* the text ended after its one value */
	JSON_ERROR,  /* a syntax or byte problem: bad_off and why */
	JSON_OBJECT, /* '{' */
	JSON_ARRAY,  /* '[' */
	JSON_CLOSE,  /* '}' or ']' */
	JSON_KEY,    /* a member's key: str, str_len */
	JSON_STRING, /* str, str_len */
	JSON_NUMBER, /* its literal at text + off, end - off bytes */
	JSON_TRUE,
	JSON_FALSE,
	JSON_NULL
};

struct json_pull {
	const char *text; /* borrowed, NUL-terminated at len */
	size_t len, pos;
	unsigned line;	   /* line of pos, from 1 */
	size_t line_at;	   /* offset where that line starts */
	size_t depth;	   /* open objects and arrays */
	size_t stop_depth; /* json_pull_init_at: END when back at this depth */
	int want;	   /* what the grammar expects next */
	char *stack;	   /* owned: '{' or '[' per open level */
	size_t cap;
	/* the last event */
	size_t off, end; /* its bytes (of a close: end only, after it); for a key, the key itself */
	const char *str; /* a string or key, unescaped; borrowed until the next event */
	size_t str_len;
	/* a number of at most 19 digits with no sign, fraction or exponent:
	 * its value, exact (uint_ok); else uint_ok is false */
	uint64_t uint;
	bool uint_ok;
	struct strbuf unescaped; /* owned: str for strings that had escapes */
	/* after JSON_ERROR */
	size_t bad_off;
	char why[128];
};

/* Start reading text (len bytes, NUL-terminated). Free with
 * json_pull_free(). */
void json_pull_init(struct json_pull *jp, const char *text, size_t len);
/* Start reading the one value at off (a value json_pull_next() returned
 * before, whose line started at line_at and was line); JSON_END after it. */
void json_pull_init_at(struct json_pull *jp, const char *text, size_t len, size_t off,
		       unsigned line, size_t line_at);
void json_pull_free(struct json_pull *jp);

/* Move jp past the value its last event opened, which ahead (a reader
 * started by json_pull_init_at at that value, counting lines from 1) has
 * read to its end: jp goes on as if it had read it itself. */
void json_pull_skip_read(struct json_pull *jp, const struct json_pull *ahead);
/* Start reading at off, taken to be an element of an array (the text
 * before it is not looked at): that element and the next ones, the
 * array's end, then JSON_END. Lines count from 1 at off. */
void json_pull_init_in_array(struct json_pull *jp, const char *text, size_t len, size_t off);
/* Move jp, whose last event opened an element of an array, past the end
 * of that array, which ahead (json_pull_init_in_array at that element)
 * has read: jp goes on as if it had read it itself. */
void json_pull_skip_array(struct json_pull *jp, const struct json_pull *ahead);

/* The next event. After JSON_ERROR or JSON_END it returns the same again. */
enum json_ev json_pull_next(struct json_pull *jp);

/* Read on to the end of the value whose first event was ev (nothing to do
 * unless it opened an object or an array): JSON_CLOSE, or JSON_ERROR. */
enum json_ev json_pull_skip(struct json_pull *jp, enum json_ev ev);

/* Line and column of off: cheap from the start of the line of the last
 * event on, a walk from the start of the text before it. */
void json_pull_position(const struct json_pull *jp, size_t off, unsigned *line, unsigned *col);

/* "an object", "a string"... the type of the value an event starts. */
const char *json_ev_type(enum json_ev ev);

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

/* Check text (len bytes) as json_pull does and collect its special number
 * literals. */
void json_scan(const char *text, size_t len, struct json_scan_result *res);

/* Check the JSON grammar and bytes of text: false with the offset of the
 * first error and what it is, true when the text is valid. */
bool json_scan_syntax(const char *text, size_t len, size_t *off, char *why, size_t whysize);

/* Byte offset of the k-th value (counting from 0, in document order) of a
 * text that parsed; len when there is none. When key_off is not NULL it
 * gets the offset of the value's key (of the value itself outside objects). */
size_t json_scan_value_offset(const char *text, size_t len, size_t k, size_t *key_off);

/* 1-based line and column (in characters) of a byte offset. */
void json_scan_position(const char *text, size_t len, size_t off, unsigned *line, unsigned *col);

#endif

/* json_doc.h - a parsed JSON input with located errors, for the importers.
 *
 * cJSON's tree plus the text it came from: errors and warnings about a
 * node are located at FILE:LINE:COL of its value (json_scan gives the
 * positions), and counters are read exactly to 2^64-1 from their literal.
 */
#ifndef VITTE_JSON_DOC_H
#define VITTE_JSON_DOC_H

#include <cJSON.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loaders/loader.h"

/* A number node whose literal matters (beyond what a double holds), with
 * the place of that literal in the text. */
struct json_number {
	const cJSON *node;
	size_t off, len;
};

struct json_scan_result;

/* The scanner's literals of scan paired with their number nodes in the tree
 * under root, sorted by node: a new array in *out (caller frees), and how
 * many. */
size_t json_literals_index(const cJSON *root, const struct json_scan_result *scan,
			   struct json_number **out);
/* The literal of node among lits, NULL when it has none (plain digits). */
const struct json_number *json_literals_find(const struct json_number *lits, size_t n,
					     const cJSON *node);

struct json_doc {
	const char *path, *text; /* borrowed */
	size_t len;
	const struct load_ctx *ctx; /* borrowed; may be NULL */
	struct error *err;	    /* borrowed; may be NULL */
	cJSON *root;		    /* owned after json_doc_parse() */
	struct json_number *lits;
	size_t n_lits;
	unsigned warnings;
	unsigned line_base; /* lines of text before this document's (several in one file) */
};

/* Parse d->text (d->len bytes, NUL-terminated) into d->root. On a syntax
 * error or bad bytes returns STATUS_SYNTAX with a located message.
 * json_doc_free() must be called either way. */
enum status json_doc_parse(struct json_doc *d);
void json_doc_free(struct json_doc *d);

/* Fill d->err with a message located at node's value (at the end of the
 * text when node is NULL) and return STATUS_INVALID. */
enum status json_doc_fail(struct json_doc *d, const cJSON *node, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* Same with a code of the caller's choice (STATUS_VERSION, ...). */
enum status json_doc_fail_code(struct json_doc *d, enum status code, const cJSON *node,
			       const char *fmt, ...) PRINTF_LIKE(4, 5);
/* A located warning through d->ctx (at most ctx->max_warnings). */
void json_doc_warn(struct json_doc *d, const cJSON *node, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* "PATH:LINE:COL: warning: MESSAGE", escaped, in a new string (caller
 * frees; NULL if the message could not be made). */
char *json_warning_textv(const char *path, unsigned line, unsigned col, const char *fmt, va_list ap)
    PRINTF_LIKE(4, 0);

/* The pre-order index of node in the tree under root, which is its value's
 * rank in the text (json_scan_value_offset); (size_t)-1 when absent. */
size_t json_doc_node_index(const cJSON *root, const cJSON *node);

/* "an object", "a string"... for messages. */
const char *json_doc_type(const cJSON *n);

/* The member key of obj; when absent, or when obj is not an object, a
 * located error "WHAT has no \"KEY\"" in *st and NULL. */
const cJSON *json_doc_member(struct json_doc *d, const cJSON *obj, const char *key,
			     const char *what, enum status *st);
/* An exact non-negative integer; a located error otherwise. */
enum status json_doc_u64(struct json_doc *d, const cJSON *n, const char *what, uint64_t *out);
/* Same, at most 4294967295. */
enum status json_doc_u32(struct json_doc *d, const cJSON *n, const char *what, uint32_t *out);
/* A string (empty refused unless empty_ok); *out borrows it from the tree. */
enum status json_doc_string(struct json_doc *d, const cJSON *n, const char *what, bool empty_ok,
			    const char **out);
/* Whether n is an array (or an object), a located error otherwise. */
enum status json_doc_array(struct json_doc *d, const cJSON *n, const char *what);
enum status json_doc_object(struct json_doc *d, const cJSON *n, const char *what);

/* s quoted and escaped for a message, cut to a readable length, in buf. */
const char *json_doc_quote(char *buf, size_t size, const char *s);

#endif

/* json_doc.c - a parsed JSON input with located errors, for the importers. */
#include "loaders/json_doc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/json_scan.h"
#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"

/* The node after n in document order (children first), the way the
 * scanner counts nodes; stack holds the open parents. NULL at the end. */
static const cJSON *preorder_next(const cJSON *n, const cJSON **stack, size_t *depth)
{
	if (n->child && *depth < JSON_MAX_DEPTH + 1) {
		stack[(*depth)++] = n;
		return n->child;
	}
	while (n && !n->next)
		n = *depth ? stack[--*depth] : NULL;
	return n ? n->next : NULL;
}

size_t json_doc_node_index(const cJSON *root, const cJSON *node)
{
	const cJSON *stack[JSON_MAX_DEPTH + 2];
	const cJSON *n = root;
	size_t depth = 0, k = 0;

	while (n) {
		if (n == node)
			return k;
		k++;
		n = preorder_next(n, stack, &depth);
	}
	return (size_t)-1;
}

static void doc_position(const struct json_doc *d, const cJSON *node, unsigned *line, unsigned *col)
{
	size_t off = d->len;

	if (node && d->root)
		off = json_scan_value_offset(d->text, d->len, json_doc_node_index(d->root, node),
					     NULL);
	json_scan_position(d->text, d->len, off, line, col);
	*line += d->line_base;
}

static enum status doc_failv(struct json_doc *d, enum status code, const cJSON *node,
			     const char *fmt, va_list ap) PRINTF_LIKE(4, 0);
static enum status doc_failv(struct json_doc *d, enum status code, const cJSON *node,
			     const char *fmt, va_list ap)
{
	unsigned line, col;

	doc_position(d, node, &line, &col);
	return error_setv(d->err, code, d->path, line, col, fmt, ap);
}

enum status json_doc_fail(struct json_doc *d, const cJSON *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	doc_failv(d, STATUS_INVALID, node, fmt, ap);
	va_end(ap);
	return STATUS_INVALID;
}

enum status json_doc_fail_code(struct json_doc *d, enum status code, const cJSON *node,
			       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	doc_failv(d, code, node, fmt, ap);
	va_end(ap);
	return code;
}

char *json_warning_textv(const char *path, unsigned line, unsigned col, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	struct error w;
	const char *colon;

	error_setv(&w, STATUS_OK, path, line, col, fmt, ap);
	colon = strstr(w.text, "error: ");
	if (!colon)
		return NULL;
	sb_add(&sb, w.text, (size_t)(colon - w.text));
	sb_addf(&sb, "warning: %s", colon + 7);
	return sb_detach(&sb, NULL);
}

void json_doc_warn(struct json_doc *d, const cJSON *node, const char *fmt, ...)
{
	unsigned max = d->ctx && d->ctx->max_warnings ? d->ctx->max_warnings : 20;
	unsigned line, col;
	char *text;
	va_list ap;

	if (!d->ctx || !d->ctx->warn || d->warnings++ >= max)
		return;
	doc_position(d, node, &line, &col);
	va_start(ap, fmt);
	text = json_warning_textv(d->path, line, col, fmt, ap);
	va_end(ap);
	if (text)
		d->ctx->warn(d->ctx->arg, text);
	free(text);
}

const char *json_doc_type(const cJSON *n)
{
	if (cJSON_IsObject(n))
		return "an object";
	if (cJSON_IsArray(n))
		return "an array";
	if (cJSON_IsString(n))
		return "a string";
	if (cJSON_IsNumber(n))
		return "a number";
	if (cJSON_IsBool(n))
		return "a boolean";
	return "null";
}

const char *json_doc_quote(char *buf, size_t size, const char *s)
{
	char tmp[96];
	size_t n = strlen(s);

	text_escape(tmp, sizeof(tmp), s, n);
	snprintf(buf, size, "\"%s%s\"", tmp, strlen(tmp) + 3 < n ? "..." : "");
	return buf;
}

static int cmp_literal(const void *a, const void *b)
{
	const cJSON *x = ((const struct json_number *)a)->node;
	const cJSON *y = ((const struct json_number *)b)->node;

	return (x > y) - (x < y);
}

size_t json_literals_index(const cJSON *root, const struct json_scan_result *scan,
			   struct json_number **out)
{
	const cJSON *stack[JSON_MAX_DEPTH + 2];
	const cJSON *n = root;
	size_t depth = 0, number = 0, next = 0;
	struct json_number *lits = xcalloc(scan->n_literals + 1, sizeof(*lits));

	while (n && next < scan->n_literals) {
		if (cJSON_IsNumber(n)) {
			if (scan->literals[next].index == number) {
				lits[next] = (struct json_number){n, scan->literals[next].off,
								  scan->literals[next].len};
				next++;
			}
			number++;
		}
		n = preorder_next(n, stack, &depth);
	}
	qsort(lits, next, sizeof(*lits), cmp_literal);
	*out = lits;
	return next;
}

const struct json_number *json_literals_find(const struct json_number *lits, size_t n,
					     const cJSON *node)
{
	struct json_number key = {node, 0, 0};

	return n ? bsearch(&key, lits, n, sizeof(key), cmp_literal) : NULL;
}

enum status json_doc_parse(struct json_doc *d)
{
	struct json_scan_result scan;
	const char *end = NULL;
	unsigned line, col;
	size_t off;
	char why[128];

	d->root = cJSON_ParseWithLengthOpts(d->text, d->len + 1, &end, 1);
	if (!d->root) {
		off = end ? (size_t)(end - d->text) : 0;
		if (strspn(d->text, " \t\r\n") == d->len) {
			off = d->len;
			snprintf(why, sizeof(why), "empty file, expected a JSON object");
		} else if (json_scan_syntax(d->text, d->len, &off, why, sizeof(why))) {
			snprintf(why, sizeof(why), "JSON syntax error");
		}
		json_scan_position(d->text, d->len, off, &line, &col);
		return error_set(d->err, STATUS_SYNTAX, d->path, line + d->line_base, col, "%s",
				 why);
	}
	json_scan(d->text, d->len, &scan);
	if (!scan.ok) {
		json_scan_position(d->text, d->len, scan.bad_off, &line, &col);
		free(scan.literals);
		return error_set(d->err, STATUS_SYNTAX, d->path, line + d->line_base, col, "%s",
				 scan.why);
	}
	d->n_lits = json_literals_index(d->root, &scan, &d->lits);
	free(scan.literals);
	return STATUS_OK;
}

void json_doc_free(struct json_doc *d)
{
	cJSON_Delete(d->root);
	free(d->lits);
	d->root = NULL;
	d->lits = NULL;
	d->n_lits = 0;
}

const cJSON *json_doc_member(struct json_doc *d, const cJSON *obj, const char *key,
			     const char *what, enum status *st)
{
	const cJSON *n;

	if (!cJSON_IsObject(obj)) {
		*st = json_doc_fail(d, obj, "%s must be an object, found %s", what,
				    json_doc_type(obj));
		return NULL;
	}
	n = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!n)
		*st = json_doc_fail(d, obj, "%s has no \"%s\"", what, key);
	return n;
}

enum status json_doc_u64(struct json_doc *d, const cJSON *n, const char *what, uint64_t *out)
{
	const struct json_number *lit;
	char digits[32];
	unsigned long long v;

	if (!cJSON_IsNumber(n))
		return json_doc_fail(d, n, "%s must be a non-negative integer, found %s", what,
				     json_doc_type(n));
	lit = json_literals_find(d->lits, d->n_lits, n);
	if (!lit) {
		*out = (uint64_t)n->valuedouble; /* plain digits below 10^15: exact */
		return STATUS_OK;
	}
	snprintf(digits, sizeof(digits), "%.*s", (int)(lit->len < 31 ? lit->len : 31),
		 d->text + lit->off);
	if (d->text[lit->off] == '-')
		return json_doc_fail(d, n, "%s must not be negative, found %s", what, digits);
	if (strcspn(digits, ".eE") < strlen(digits))
		return json_doc_fail(d, n, "%s must be an integer, found %s", what, digits);
	errno = 0;
	v = strtoull(digits, NULL, 10);
	if (errno == ERANGE || lit->len > 20)
		return json_doc_fail(d, n, "%s is above 2^64-1 (18446744073709551615): %s", what,
				     digits);
	*out = v;
	return STATUS_OK;
}

enum status json_doc_u32(struct json_doc *d, const cJSON *n, const char *what, uint32_t *out)
{
	uint64_t v;
	enum status st = json_doc_u64(d, n, what, &v);

	if (st != STATUS_OK)
		return st;
	if (v > UINT32_MAX)
		return json_doc_fail(d, n, "%s is above 4294967295: %llu", what,
				     (unsigned long long)v);
	*out = (uint32_t)v;
	return STATUS_OK;
}

enum status json_doc_string(struct json_doc *d, const cJSON *n, const char *what, bool empty_ok,
			    const char **out)
{
	if (!cJSON_IsString(n) || !n->valuestring)
		return json_doc_fail(d, n, "%s must be a string, found %s", what, json_doc_type(n));
	if (!empty_ok && !n->valuestring[0])
		return json_doc_fail(d, n, "%s must not be empty", what);
	*out = n->valuestring;
	return STATUS_OK;
}

enum status json_doc_array(struct json_doc *d, const cJSON *n, const char *what)
{
	if (!cJSON_IsArray(n))
		return json_doc_fail(d, n, "%s must be an array, found %s", what, json_doc_type(n));
	return STATUS_OK;
}

enum status json_doc_object(struct json_doc *d, const cJSON *n, const char *what)
{
	if (!cJSON_IsObject(n))
		return json_doc_fail(d, n, "%s must be an object, found %s", what,
				     json_doc_type(n));
	return STATUS_OK;
}

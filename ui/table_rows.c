/* table_rows.c - filter, sort, selection and search of table rows. */
#define _GNU_SOURCE /* qsort_r, strcasestr */
#include "ui/table_rows.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/alloc.h"
#include "src/base/numeric.h"

size_t table_rows_module(const char *name, const char **start)
{
	size_t n = strlen(name), i = strcspn(name, ":(< "), depth = 0, last = 0;

	*start = name;
	if (n > 2 && name[0] == '[' && name[n - 1] == ']') {
		*start = name + 1;
		return n - 2;
	}
	if (i > 0 && name[i] == ':' && name[i + 1] != ':')
		return i;
	for (i = 0; i + 1 < n; i++) {
		if (name[i] == '<' || name[i] == '(')
			depth++;
		else if ((name[i] == '>' || name[i] == ')') && depth)
			depth--;
		else if (!depth && name[i] == ':' && name[i + 1] == ':')
			last = i++;
	}
	return last;
}

/* Whether the n bytes at s contain needle, ignoring case. */
static bool contains_n(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (!strncasecmp(s + i, needle, k))
			return true;
	return false;
}

bool table_rows_match(const char *name, const char *file, const char *filter)
{
	const char *mod;
	size_t n;

	if (!filter[0])
		return true;
	if (!strncmp(filter, "file:", 5))
		return file && strcasestr(file, filter + 5);
	if (!strncmp(filter, "mod:", 4)) {
		n = name ? table_rows_module(name, &mod) : 0;
		return n && contains_n(mod, n, filter + 4);
	}
	return name && strcasestr(name, filter);
}

struct rows_sort {
	const struct table_items *it;
	const struct table_order *o;
};

static int rows_cmp(const void *a, const void *b, void *arg)
{
	const struct rows_sort *s = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int r = s->it->compare(s->it->ctx, x, y, s->o->key);

	if (r)
		return s->o->ascending ? r : -r;
	r = s->it->compare(s->it->ctx, x, y, s->o->tie);
	return r ? r : cmp_u64(x, y);
}

void table_rows_build(struct table_rows *r, const struct table_items *it,
		      const struct table_order *o, const char *filter, bool follow)
{
	uint32_t i, n = 0, was = follow && r->sel < r->n ? r->v[r->sel] : TABLE_NONE;
	struct rows_sort s = {it, o};

	free(r->v);
	r->v = xcalloc(it->n ? it->n : 1, sizeof(*r->v));
	for (i = 0; i < it->n; i++)
		if ((!it->keep || it->keep(it->ctx, i)) &&
		    table_rows_match(it->name ? it->name(it->ctx, i) : NULL,
				     it->file ? it->file(it->ctx, i) : NULL, filter))
			r->v[n++] = i;
	if (o && it->compare)
		qsort_r(r->v, n, sizeof(*r->v), rows_cmp, &s);
	r->n = n;
	for (i = 0; was != TABLE_NONE && i < n; i++)
		if (r->v[i] == was)
			r->sel = i;
	if (r->sel >= n)
		r->sel = n ? n - 1 : 0;
}

uint32_t table_rows_search(uint32_t n, uint32_t from, int dir, bool include_from,
			   const char *needle, const char *(*name)(void *ctx, uint32_t row),
			   const char *(*file)(void *ctx, uint32_t row), void *ctx)
{
	uint32_t i, at;

	if (!needle[0] || !n)
		return TABLE_NONE;
	for (i = include_from ? 0 : 1; i <= n; i++) {
		at = dir > 0 ? (from + i) % n : (from + n - i % n) % n;
		if (table_rows_match(name(ctx, at), file ? file(ctx, at) : NULL, needle))
			return at;
	}
	return TABLE_NONE;
}

void table_rows_free(struct table_rows *r)
{
	free(r->v);
	*r = (struct table_rows){0};
}

/* table_rows.c - filter, sort, selection and search of table rows. */
#define _GNU_SOURCE /* qsort_r, strcasestr */
#include "ui/table_rows.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/numeric.h"

bool table_rows_match(const char *name, const char *filter)
{
	return !filter[0] || (name && strcasestr(name, filter));
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
		    table_rows_match(it->name ? it->name(it->ctx, i) : NULL, filter))
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
			   void *ctx)
{
	uint32_t i, at;

	if (!needle[0] || !n)
		return TABLE_NONE;
	for (i = include_from ? 0 : 1; i <= n; i++) {
		const char *s;

		at = dir > 0 ? (from + i) % n : (from + n - i % n) % n;
		s = name(ctx, at);
		if (s && strcasestr(s, needle))
			return at;
	}
	return TABLE_NONE;
}

void table_rows_free(struct table_rows *r)
{
	free(r->v);
	*r = (struct table_rows){0};
}

/* table_rows.c - filter, sort, selection and search of table rows. */
#define _GNU_SOURCE /* qsort_r, memmem */
#include "ui/table_rows.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/base/strbuf.h"

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

/* Whether s (n bytes, or up to its NUL when n is SIZE_MAX) contains
 * needle, ignoring case as strcasestr does: the first byte found by a
 * plain loop, the rest compared only there. */
static bool contains(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;
	int first = tolower((unsigned char)needle[0]);

	if (!k)
		return true;
	for (i = 0; i < n && s[i]; i++)
		if (tolower((unsigned char)s[i]) == first && (n == SIZE_MAX || k <= n - i) &&
		    !strncasecmp(s + i + 1, needle + 1, k - 1))
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
		return file && contains(file, SIZE_MAX, filter + 5);
	if (!strncmp(filter, "mod:", 4)) {
		n = name ? table_rows_module(name, &mod) : 0;
		return n && contains(mod, n, filter + 4);
	}
	return name && contains(name, SIZE_MAX, filter);
}

/* Whether item (a row for searches) matches filter, asking only for the
 * text the filter looks at: its file for "file:", else its name. */
static bool match_item(const char *(*name)(void *ctx, uint32_t item),
		       const char *(*file)(void *ctx, uint32_t item), void *ctx, uint32_t item,
		       const char *filter)
{
	if (!filter[0])
		return true;
	if (!strncmp(filter, "file:", 5))
		return table_rows_match(NULL, file ? file(ctx, item) : NULL, filter);
	return table_rows_match(name ? name(ctx, item) : NULL, NULL, filter);
}

/* The kind of a filter or search: 2 "file:", 1 "mod:", 0 a name. */
static int filter_kind(const char *filter)
{
	return !strncmp(filter, "file:", 5) ? 2 : !strncmp(filter, "mod:", 4) ? 1 : 0;
}

bool table_rows_narrows(const char *was, const char *needle)
{
	return was[0] && !strncmp(needle, was, strlen(was)) &&
	       filter_kind(was) == filter_kind(needle);
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

/* Make r->names from the items' names, once per build of the items. */
static void rows_names(struct table_rows *r, const struct table_items *it)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned char fold[256];
	const char *name;
	uint32_t i;
	size_t k;

	if (r->names)
		return;
	r->name_at = xcalloc((size_t)it->n + 1, sizeof(*r->name_at));
	for (i = 0; i < it->n; i++) {
		name = it->name ? it->name(it->ctx, i) : NULL;
		r->name_at[i] = sb.len;
		sb_add(&sb, name ? name : "", name ? strlen(name) + 1 : 1);
	}
	r->name_at[it->n] = sb.len;
	r->names = sb_detach(&sb, NULL);
	for (k = 0; k < 256; k++)
		fold[k] = (unsigned char)tolower((int)k);
	for (k = 0; k < r->name_at[it->n]; k++)
		r->names[k] = (char)fold[(unsigned char)r->names[k]];
}

/* r->hit: which items' names contain needle (not "file:" nor "mod:"),
 * ignoring case as table_rows_match does. */
static void rows_hits(struct table_rows *r, const struct table_items *it, const char *needle)
{
	size_t k = strlen(needle), i, lo, hi, mid;
	char *low = xmalloc(k + 1), *at, *end;

	rows_names(r, it);
	memset(r->hit, 0, it->n ? it->n : 1);
	for (i = 0; i < k; i++)
		low[i] = (char)tolower((unsigned char)needle[i]);
	at = r->names;
	end = r->names + r->name_at[it->n];
	while (at < end && (at = memmem(at, (size_t)(end - at), low, k))) {
		for (lo = 0, hi = it->n; hi - lo > 1;) { /* the name the match is in */
			mid = lo + (hi - lo) / 2;
			if (r->name_at[mid] <= (size_t)(at - r->names))
				lo = mid;
			else
				hi = mid;
		}
		r->hit[lo] = true;
		at = r->names + r->name_at[lo + 1]; /* the next name */
	}
	free(low);
}

/* Forget the orders kept. */
static void rows_forget_orders(struct table_rows *r)
{
	unsigned i;

	for (i = 0; i < r->nsorted; i++)
		free(r->sorted[i].v);
	r->nsorted = 0;
}

/* Forget the rows and all that was kept with them. */
static void rows_forget(struct table_rows *r)
{
	rows_forget_orders(r);
	free(r->v);
	free(r->shown);
	free(r->names);
	free(r->name_at);
	free(r->hit);
	*r =
	    (struct table_rows){.sel = r->sel, .kv = r->kv, .rank = r->rank, .kv_room = r->kv_room};
}

/* Into out, the items in from's order (NULL: item order) sorted by their
 * rank by key, descending or not: ties keep from's order. */
static void rows_rank_sort(struct table_rows *r, uint32_t *out, const uint32_t *from,
			   const struct table_items *it, unsigned key, bool descending)
{
	uint32_t i, item;

	if (!r->kv || r->kv_room < it->n) {
		free(r->kv);
		free(r->rank);
		r->kv_room = it->n ? it->n : 1;
		r->kv = xcalloc(2 * (size_t)r->kv_room, sizeof(*r->kv));
		r->rank = xcalloc(r->kv_room, sizeof(*r->rank));
	}
	for (i = 0; i < it->n; i++) /* in item order: the view's data in its order */
		r->rank[i] = it->rank(it->ctx, i, key);
	for (i = 0; i < it->n; i++) {
		item = from ? from[i] : i;
		r->kv[i] = (struct radix_kv){descending ? ~r->rank[item] : r->rank[item], item};
	}
	radix_sort(r->kv, r->kv + it->n, it->n);
	for (i = 0; i < it->n; i++)
		out[i] = r->kv[i].val;
}

/* All the items in order o, sorted when first asked for and kept: by
 * rank, by the tie key's order (itself kept) sorted again by the key;
 * else by the comparator. NULL: item order. */
static const uint32_t *rows_sorted(struct table_rows *r, const struct table_items *it,
				   const struct table_order *o)
{
	const struct table_order by_tie = {o ? o->tie : 0, o ? o->tie : 0, true};
	const uint32_t *from = NULL;
	struct table_sorted *c;
	struct rows_sort s = {it, o};
	uint32_t i;

	if (!o || !(it->rank || it->compare))
		return NULL;
	for (i = 0; i < r->nsorted; i++) {
		c = &r->sorted[i];
		if (c->key == o->key && c->tie == o->tie && c->ascending == o->ascending)
			return c->v;
	}
	if (r->nsorted + 2 > TABLE_ORDERS) /* room for this order and the tie's */
		rows_forget_orders(r);
	if (it->rank && (o->key != o->tie || !o->ascending))
		from = rows_sorted(r, it, &by_tie); /* (tie, item): what ties keep */
	c = &r->sorted[r->nsorted++];
	*c = (struct table_sorted){o->key, o->tie, o->ascending, xcalloc(it->n ? it->n : 1, 4)};
	if (it->rank) {
		rows_rank_sort(r, c->v, from, it, o->key, !o->ascending);
		return c->v;
	}
	for (i = 0; i < it->n; i++)
		c->v[i] = i;
	/* items that come in that order (a view's own, as the Diff view's
	 * rows by |delta|) are left as they are: qsort would still compare
	 * n log n times */
	for (i = 1; i < it->n && rows_cmp(&c->v[i - 1], &c->v[i], &s) < 0; i++)
		;
	if (i < it->n)
		qsort_r(c->v, it->n, sizeof(*c->v), rows_cmp, &s);
	return c->v;
}

void table_rows_update(struct table_rows *r, const struct table_items *it,
		       const struct table_order *o, const char *filter, bool follow,
		       enum table_change change)
{
	uint32_t i, item, n = 0, was = follow && r->sel < r->n ? r->v[r->sel] : TABLE_NONE;
	const uint32_t *order;

	if (change == TABLE_NEW_ITEMS || r->items != it->n || !r->shown) {
		rows_forget(r);
		r->v = xcalloc(it->n ? it->n : 1, sizeof(*r->v));
		r->shown = xcalloc(it->n ? it->n : 1, sizeof(*r->shown));
		r->hit = xcalloc(it->n ? it->n : 1, sizeof(*r->hit));
		r->items = it->n;
		change = TABLE_NEW_ITEMS;
	}
	if (change != TABLE_NEW_ORDER && filter[0] && !filter_kind(filter))
		rows_hits(r, it, filter);
	if (change != TABLE_NEW_ORDER)
		for (i = 0; i < it->n; i++)
			r->shown[i] = (!it->keep || it->keep(it->ctx, i)) &&
				      (filter[0] && !filter_kind(filter)
					   ? r->hit[i]
					   : match_item(it->name, it->file, it->ctx, i, filter));
	order = rows_sorted(r, it, o);
	for (i = 0; i < it->n; i++) {
		item = order ? order[i] : i;
		if (r->shown[item])
			r->v[n++] = item;
	}
	r->n = n;
	for (i = 0; was != TABLE_NONE && i < n; i++)
		if (r->v[i] == was)
			r->sel = i;
	if (r->sel >= n)
		r->sel = n ? n - 1 : 0;
}

void table_rows_build(struct table_rows *r, const struct table_items *it,
		      const struct table_order *o, const char *filter, bool follow)
{
	table_rows_update(r, it, o, filter, follow, TABLE_NEW_ITEMS);
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
		if (match_item(name, file, ctx, at, needle))
			return at;
	}
	return TABLE_NONE;
}

/* Rows of r as rows for table_rows_search(). */
struct rows_at {
	const struct table_rows *r;
	const struct table_items *it;
};

static const char *row_name(void *ctx, uint32_t row)
{
	const struct rows_at *a = ctx;

	return a->it->name ? a->it->name(a->it->ctx, a->r->v[row]) : NULL;
}

static const char *row_file(void *ctx, uint32_t row)
{
	const struct rows_at *a = ctx;

	return a->it->file(a->it->ctx, a->r->v[row]);
}

uint32_t table_rows_find(struct table_rows *r, const struct table_items *it, uint32_t from, int dir,
			 bool include_from, const char *needle)
{
	uint32_t i, at, n = r->n;

	if (filter_kind(needle) || !needle[0] || !n || r->items != it->n)
		return table_rows_search(n, from, dir, include_from, needle, row_name,
					 it->file ? row_file : NULL, &(struct rows_at){r, it});
	rows_hits(r, it, needle);
	for (i = include_from ? 0 : 1; i <= n; i++) {
		at = dir > 0 ? (from + i) % n : (from + n - i % n) % n;
		if (r->hit[r->v[at]])
			return at;
	}
	return TABLE_NONE;
}

void table_rows_free(struct table_rows *r)
{
	rows_forget(r);
	free(r->kv);
	free(r->rank);
	*r = (struct table_rows){0};
}

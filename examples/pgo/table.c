#include <stdlib.h>
#include <string.h>

#include "wordfreq.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

void table_init(struct table *t, size_t cap)
{
	t->v = calloc(cap, sizeof(*t->v));
	t->cap = cap;
	t->n = 0;
}

void table_add(struct table *t, const char *word)
{
	size_t i = hash(word) & (t->cap - 1);

	while (t->v[i].count && strcmp(t->v[i].word, word) != 0)
		i = (i + 1) & (t->cap - 1);
	if (!t->v[i].count) {
		strcpy(t->v[i].word, word);
		t->n++;
	}
	t->v[i].count++;
}

static int by_count(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->word, y->word);
}

void table_sort(struct table *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->cap; i++)
		if (t->v[i].count)
			t->v[n++] = t->v[i];
	qsort(t->v, n, sizeof(*t->v), by_count);
}

void table_free(struct table *t)
{
	free(t->v);
}

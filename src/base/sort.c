/* sort.c - stable sorting by a 64-bit key (see sort.h). */
#include "src/base/sort.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"

#define RADIX_BITS 11 /* 2048 buckets: the counts stay in the first-level cache */

void radix_sort(struct radix_kv *a, struct radix_kv *tmp, uint32_t n)
{
	uint32_t at[1u << RADIX_BITS], mask = (1u << RADIX_BITS) - 1, i, sum, c;
	struct radix_kv *from = a, *to = tmp, *t;
	unsigned shift;

	if (n < 2)
		return;
	for (shift = 0; shift < 64; shift += RADIX_BITS) {
		memset(at, 0, sizeof(at));
		for (i = 0; i < n; i++)
			at[from[i].key >> shift & mask]++;
		if (at[from[0].key >> shift & mask] == n)
			continue; /* a digit every key shares */
		for (i = 0, sum = 0; i <= mask; i++)
			c = at[i], at[i] = sum, sum += c;
		for (i = 0; i < n; i++)
			to[at[from[i].key >> shift & mask]++] = from[i];
		t = from, from = to, to = t;
	}
	if (from != a)
		memcpy(a, from, (size_t)n * sizeof(*a));
}

void sort_desc_u64(void *arr, uint32_t n, size_t elsize, uint64_t (*key)(const void *))
{
	struct radix_kv *a, *b;
	char *tmp;
	uint32_t i;

	if (n < 2)
		return;
	a = xreallocarray(NULL, n, sizeof(*a));
	b = xreallocarray(NULL, n, sizeof(*b));
	/* the keys complemented: ascending order is descending keys */
	for (i = 0; i < n; i++)
		a[i] = (struct radix_kv){~key((const char *)arr + (size_t)i * elsize), i};
	radix_sort(a, b, n);
	tmp = xreallocarray(NULL, n, elsize);
	for (i = 0; i < n; i++)
		memcpy(tmp + (size_t)i * elsize, (const char *)arr + (size_t)a[i].val * elsize,
		       elsize);
	memcpy(arr, tmp, (size_t)n * elsize);
	free(tmp);
	free(b);
	free(a);
}

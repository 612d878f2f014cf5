/* sort.c - stable sorting by a 64-bit key (see sort.h). */
#include "src/base/sort.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"

#define RADIX_BITS 11 /* 2048 buckets: the counts stay in the first-level cache */

struct kv {
	uint64_t k; /* the key, complemented: ascending order is descending keys */
	uint32_t i; /* the position */
};

void sort_desc_u64(void *arr, uint32_t n, size_t elsize, uint64_t (*key)(const void *))
{
	uint32_t at[1u << RADIX_BITS], mask = (1u << RADIX_BITS) - 1, i, sum, c;
	struct kv *a, *b, *t;
	unsigned shift;
	char *tmp;

	if (n < 2)
		return;
	a = xreallocarray(NULL, n, sizeof(*a));
	b = xreallocarray(NULL, n, sizeof(*b));
	for (i = 0; i < n; i++)
		a[i] = (struct kv){~key((const char *)arr + (size_t)i * elsize), i};
	for (shift = 0; shift < 64; shift += RADIX_BITS) {
		memset(at, 0, sizeof(at));
		for (i = 0; i < n; i++)
			at[a[i].k >> shift & mask]++;
		if (at[a[0].k >> shift & mask] == n)
			continue; /* a digit every key shares */
		for (i = 0, sum = 0; i <= mask; i++)
			c = at[i], at[i] = sum, sum += c;
		for (i = 0; i < n; i++)
			b[at[a[i].k >> shift & mask]++] = a[i];
		t = a, a = b, b = t;
	}
	tmp = xreallocarray(NULL, n, elsize);
	for (i = 0; i < n; i++)
		memcpy(tmp + (size_t)i * elsize, (const char *)arr + (size_t)a[i].i * elsize,
		       elsize);
	memcpy(arr, tmp, (size_t)n * elsize);
	free(tmp);
	free(b);
	free(a);
}

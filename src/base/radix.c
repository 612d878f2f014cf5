/* radix.c - a stable LSD radix sort of (key, value) pairs. */
#include "src/base/radix.h"

#include <string.h>

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

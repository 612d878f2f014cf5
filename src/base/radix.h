/* radix.h - a stable sort of (key, value) pairs by a 64-bit key. */
#ifndef VITTE_BASE_RADIX_H
#define VITTE_BASE_RADIX_H

#include <stdint.h>

struct radix_kv {
	uint64_t key;
	uint32_t val;
};

/* Sort the n pairs at a by key, ascending, with tmp (room for n pairs)
 * as scratch; pairs with equal keys keep their order (an LSD radix sort
 * that skips the digits all keys share: linear, where a comparison sort
 * of 100,000 pairs calls its comparator 1.7 million times). A caller
 * that sorts often keeps tmp: fresh memory costs a page fault per 4 KB. */
void radix_sort(struct radix_kv *a, struct radix_kv *tmp, uint32_t n);

#endif

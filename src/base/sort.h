/* sort.h - stable sorting by a 64-bit key, in linear time. */
#ifndef VITTE_BASE_SORT_H
#define VITTE_BASE_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Sort the n elements of elsize bytes at arr by key(element), largest
 * first; equal keys keep their order (so a second sort by a more
 * important key keeps the first as the tie-break). An LSD radix sort of
 * (key, position) pairs that skips the digits all keys share: O(n), no
 * comparison callback per pair, then one move of each element. */
void sort_desc_u64(void *arr, uint32_t n, size_t elsize, uint64_t (*key)(const void *));

struct radix_kv {
	uint64_t key;
	uint32_t val;
};

/* The same radix sort of n (key, value) pairs at a, ascending, with tmp
 * (room for n pairs) as scratch: for a caller that sorts often and keeps
 * tmp, as fresh memory costs a page fault per 4 KB. */
void radix_sort(struct radix_kv *a, struct radix_kv *tmp, uint32_t n);

#endif

/* vector.c - the growth rule of VEC arrays. */
#include "src/base/vector.h"

#include "src/base/alloc.h"

void *vec_grow(void *v, uint32_t *cap, uint32_t n, size_t elsize)
{
	if (n >= *cap) {
		size_t ncap = *cap ? (size_t)*cap * 2 : 16;

		if (n >= UINT32_MAX - 1)
			die_nomem(); /* ids are 32-bit: an array this long cannot be indexed */
		if (ncap <= n)
			ncap = (size_t)n + 1;
		if (ncap >= UINT32_MAX)
			ncap = UINT32_MAX - 1;
		*cap = (uint32_t)ncap;
		v = xreallocarray(v, ncap, elsize);
	}
	return v;
}

void *vec_reserve(void *v, uint32_t *cap, uint32_t n, size_t elsize)
{
	uint64_t ncap = (uint64_t)n + n / 8 + 1;

	if (v && *cap >= n)
		return v;
	*cap = ncap < UINT32_MAX ? (uint32_t)ncap : n;
	return xreallocarray(v, *cap, elsize);
}

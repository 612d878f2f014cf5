/* vector.h - growable arrays of plain structs: one struct shape and one
 * growth rule for the whole tree (tig's DEFINE_ALLOCATOR, in a macro).
 *
 *	VEC(struct pf_edge) edges = {0};
 *	uint32_t i = VEC_PUSH(edges);	// edges.v[i] is new and zeroed
 *	free(edges.v);
 *
 * Indexes are 32-bit, like every id of the model; growing past that dies
 * as out of memory. Pointers into v are borrowed until the next push.
 */
#ifndef VITTE_BASE_VECTOR_H
#define VITTE_BASE_VECTOR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define VEC(T)                                                                                     \
	struct {                                                                                   \
		T *v;                                                                              \
		uint32_t n, cap;                                                                   \
	}

/* Append one zeroed element to vec; evaluates to its index. Inline while
 * there is room (the zeroing of a known size too): pushes are many. */
#define VEC_PUSH(vec)                                                                              \
	((vec).n < (vec).cap                                                                       \
	     ? (void)0                                                                             \
	     : (void)((vec).v = vec_grow((vec).v, &(vec).cap, (vec).n, sizeof(*(vec).v))),         \
	 memset(&(vec).v[(vec).n], 0, sizeof(*(vec).v)), (vec).n++)

/* Append one zeroed element to vec; evaluates to a pointer to it. */
#define VEC_NEW(vec) (VEC_PUSH(vec), &(vec).v[(vec).n - 1])

/* Append x to vec. */
#define VEC_APPEND(vec, x)                                                                         \
	do {                                                                                       \
		uint32_t vec_at_ = VEC_PUSH(vec);                                                  \
		(vec).v[vec_at_] = (x);                                                            \
	} while (0)

/* Make room in vec for count elements, and an eighth more when it grows
 * (its elements kept, none zeroed): for an array filled again to about
 * the same size, as the next input of a merge. */
#define VEC_RESERVE(vec, count)                                                                    \
	((vec).v = vec_reserve((vec).v, &(vec).cap, (count), sizeof(*(vec).v)))

/* The array v of *cap elements of elsize bytes, grown (doubling) to hold
 * element n. Dies when n reaches UINT32_MAX. */
void *vec_grow(void *v, uint32_t *cap, uint32_t n, size_t elsize);
/* VEC_RESERVE()'s: v itself when it has room for n (an array of none is
 * allocated all the same). */
void *vec_reserve(void *v, uint32_t *cap, uint32_t n, size_t elsize);

#endif

/* alloc.c - allocation that never fails (or exits). */
#include "src/base/alloc.h"

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void alloc_keep_freed(void)
{
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

void die_nomem(void)
{
	fputs("vitte-pgo: out of memory\n", stderr);
	exit(70);
}

#define HUGE_PAGE ((uintptr_t)2 << 20)

/* A block of a few MiB or more (the arrays and the string table of a big
 * profile) asks for transparent huge pages: one page fault instead of 512,
 * and far fewer TLB misses in the random walks of hashing and sorting. Only
 * its whole 2 MiB pages; a hint the kernel may ignore. */
static void *advise_huge(void *p, size_t size)
{
	uintptr_t from = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	uintptr_t to = ((uintptr_t)p + size) & ~(HUGE_PAGE - 1);

	if (p && size >= 2 * HUGE_PAGE && to > from)
		madvise((void *)from, to - from, MADV_HUGEPAGE);
	return p;
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_nomem();
	return advise_huge(p, size);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die_nomem();
	return advise_huge(p, n * size);
}

void *xrealloc(void *ptr, size_t size)
{
	void *p;

	/* a big block grows into fresh advised memory, so that the copy of
	 * its old contents takes huge pages too */
	if (ptr && size >= 2 * HUGE_PAGE && malloc_usable_size(ptr) < size) {
		p = xmalloc(size);
		memcpy(p, ptr, malloc_usable_size(ptr));
		free(ptr);
		return p;
	}
	p = realloc(ptr, size ? size : 1);

	if (!p)
		die_nomem();
	return advise_huge(p, size);
}

void *xreallocarray(void *ptr, size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		die_nomem();
	return xrealloc(ptr, n * size);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

/* alloc.h - allocation that never returns NULL: the ground floor. */
#ifndef VITTE_BASE_ALLOC_H
#define VITTE_BASE_ALLOC_H

#include <stddef.h>

#include "src/base/compiler.h"

/* Print "vitte-pgo: out of memory" and exit(70): for allocation failures
 * only, where no caller could do anything better. */
NORETURN void die_nomem(void);

/* Allocation wrappers that call die_nomem() instead of returning NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t n, size_t size);

/* For a program's main(): what it frees (a loaded input while the next
 * is merged, a diff, the loaders' scratch) stays for its next allocations
 * instead of going back to the kernel and being faulted in again, at
 * about 15 us per 4 KB page on this project's machines: half of a 32-file
 * merge's time, most of a browser Diff's. */
void alloc_keep_freed(void);
char *xstrdup(const char *s);

#endif

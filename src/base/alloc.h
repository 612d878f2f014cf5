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
char *xstrdup(const char *s);

#endif

/* compiler.h - attributes the whole tree uses. */
#ifndef VITTE_BASE_COMPILER_H
#define VITTE_BASE_COMPILER_H

#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#define NORETURN	       __attribute__((noreturn))
/* A function for the rare case, kept out of its hot callers' code. */
#define COLD __attribute__((cold, noinline))
/* Kept a function of its own (a small frame of its own, a tail call). */
#define NOINLINE __attribute__((noinline))

#endif

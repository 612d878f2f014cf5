/* compiler.h - attributes the whole tree uses. */
#ifndef VITTE_BASE_COMPILER_H
#define VITTE_BASE_COMPILER_H

#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#define NORETURN	       __attribute__((noreturn))

#endif

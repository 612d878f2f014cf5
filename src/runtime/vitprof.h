/* vitprof.h - the libvitprof runtime: what instrumented programs call.
 *
 * Build a C program with function timing, call counts and the call graph:
 *
 *     cc -g -finstrument-functions prog.c $(pkg-config --cflags --libs vitprof)
 *
 * and run it: at exit it writes <program>.vitprof (or $VITPROF_FILE).
 * This header is only needed for the branch and loop counters and for
 * vitprof_dump(). docs/runtime.md is the full contract, including the
 * ABI that compilers (vitte build --profile-gen) emit.
 */
#ifndef VITPROF_H
#define VITPROF_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VITPROF_ABI_VERSION 1

#if defined(__GNUC__)
#define VITPROF_API    __attribute__((visibility("default")))
#define VITPROF_NOINST __attribute__((no_instrument_function))
#else
#define VITPROF_API
#define VITPROF_NOINST
#endif

enum vitprof_site_kind {
	VITPROF_SITE_BRANCH = 1, /* count[0] taken, count[1] not taken */
	VITPROF_SITE_LOOP = 2	 /* count[0] entries, count[1] iterations */
};

/* One branch or loop of the program, described statically by the compiler
 * (one static object per site) so that recording it is one increment.
 * The first part is filled in by the compiler; the rest must start zeroed
 * and belongs to the runtime. */
struct vitprof_site {
	uint32_t abi;	       /* VITPROF_ABI_VERSION */
	uint32_t kind;	       /* enum vitprof_site_kind */
	const char *function;  /* enclosing function, named as in the profile */
	const char *file;      /* source file, or NULL */
	uint32_t line, column; /* 1-based; column 0 when unknown */
	const char *id;	       /* branch: tells apart branches of one line;
				  loop: the loop's name; NULL for none */
	/* runtime state */
	uint64_t count[2];
	struct vitprof_site *next; /* registered sites, a lock-free list */
	uint32_t registered;
	uint32_t reserved;
};

/* The ABI for compilers, out of line: record one execution of a branch
 * site (returns taken, as 0 or 1), one entry into a loop, one iteration
 * of a loop body. A site is registered with the runtime the first time it
 * is hit; sites never hit are absent from the profile. */
VITPROF_API int vitprof_branch(struct vitprof_site *site, int taken);
VITPROF_API void vitprof_loop_enter(struct vitprof_site *site);
VITPROF_API void vitprof_loop_iter(struct vitprof_site *site);

/* Register a site (the slow path of the three above; idempotent). */
VITPROF_API void vitprof_site_register(struct vitprof_site *site);

/* Write the profile now, to $VITPROF_FILE or <program>.vitprof, without
 * resetting anything; the profile written at exit includes this one's
 * counts again. Returns 0, or -1 after printing one warning. */
VITPROF_API int vitprof_dump(void);

/* Same, to path (NULL: as vitprof_dump). */
VITPROF_API int vitprof_dump_to(const char *path);

/* ---- inline fast paths, used by the macros below ----
 *
 * Counters are plain increments, as clang's default -fprofile-update=single:
 * exact unless two threads hit one site at the same instant. Define
 * VITPROF_ATOMIC before including this header for relaxed atomic ones. */
#if defined(VITPROF_ATOMIC) && VITPROF_ATOMIC
#define VITPROF__INC(x) __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)
#else
#define VITPROF__INC(x) ((x)++)
#endif

static inline VITPROF_NOINST int vitprof__branch(struct vitprof_site *s, int taken)
{
	if (__builtin_expect(!s->registered, 0))
		vitprof_site_register(s);
	VITPROF__INC(s->count[taken ? 0 : 1]);
	return taken;
}

static inline VITPROF_NOINST struct vitprof_site *vitprof__loop_enter(struct vitprof_site *s)
{
	if (__builtin_expect(!s->registered, 0))
		vitprof_site_register(s);
	VITPROF__INC(s->count[0]);
	return s;
}

static inline VITPROF_NOINST void vitprof__loop_iter(struct vitprof_site *s)
{
	VITPROF__INC(s->count[1]);
}

/* ---- macros for C (GNU C: gcc and clang) ---- */

#define VITPROF__CAT2(a, b) a##b
#define VITPROF__CAT(a, b)  VITPROF__CAT2(a, b)

#if defined(__has_builtin)
#if __has_builtin(__builtin_COLUMN)
#define VITPROF__COLUMN __builtin_COLUMN()
#endif
#endif
#ifndef VITPROF__COLUMN
#define VITPROF__COLUMN 0
#endif

/* A pointer to a static site for the current function, file and line. */
#define VITPROF__SITE(kind, id)                                                                    \
	__extension__({                                                                            \
		static struct vitprof_site vitprof__site = {VITPROF_ABI_VERSION,                   \
							    (kind),                                \
							    __func__,                              \
							    __FILE__,                              \
							    __LINE__,                              \
							    VITPROF__COLUMN,                       \
							    (id),                                  \
							    {0, 0},                                \
							    0,                                     \
							    0,                                     \
							    0};                                    \
		&vitprof__site;                                                                    \
	})

/* VITPROF_BRANCH(cond): evaluates cond once, records whether it was true
 * (taken) or false (not taken), and is 1 or 0 accordingly:
 *     if (VITPROF_BRANCH(n < 2)) return n;
 * VITPROF_BRANCH_ID("name", cond) names the site, to tell apart branches
 * on one line when the compiler gives no column. */
#define VITPROF_BRANCH(cond) vitprof__branch(VITPROF__SITE(VITPROF_SITE_BRANCH, 0), (cond) ? 1 : 0)
#define VITPROF_BRANCH_ID(id, cond)                                                                \
	vitprof__branch(VITPROF__SITE(VITPROF_SITE_BRANCH, (id)), (cond) ? 1 : 0)

/* VITPROF_LOOP(loop header) counts entries into the loop and executions
 * of its body; the body follows as usual, break and continue work:
 *     VITPROF_LOOP(for (i = 0; i < n; i++)) { ... }
 *     VITPROF_LOOP(while (p)) p = p->next;
 *     VITPROF_LOOP(do) { ... } while (more());
 * VITPROF_LOOP_NAMED("name", header) also names the loop. */
#define VITPROF_LOOP(...) VITPROF__LOOP(VITPROF__CAT(vitprof__loop_, __COUNTER__), 0, __VA_ARGS__)
#define VITPROF_LOOP_NAMED(name, ...)                                                              \
	VITPROF__LOOP(VITPROF__CAT(vitprof__loop_, __COUNTER__), (name), __VA_ARGS__)

#define VITPROF__LOOP(s, name, ...)                                                                \
	for (struct vitprof_site *s = vitprof__loop_enter(VITPROF__SITE(VITPROF_SITE_LOOP, name)); \
	     s; s = 0)                                                                             \
		__VA_ARGS__                                                                        \
	if (vitprof__loop_iter(s), 0) {                                                            \
	} else

#ifdef __cplusplus
}
#endif

#endif

/* vp_internal.h - what the parts of libvitprof share (never installed).
 *
 * Each thread owns a struct vp_thread reached through one TLS pointer:
 * an open-addressing table of functions keyed by address, one of call
 * edges keyed by (caller, callee), and a shadow stack of frames. They live
 * in mmap()ed memory, so the hooks never call malloc, and grow by
 * doubling (amortized; never per call). Times are nanoseconds of
 * CLOCK_MONOTONIC: by default sampled (the sampler thread of vitprof.c adds
 * the time since its last tick to what each live thread's shadow stack
 * holds), with VITPROF_CLOCK=precise measured by the hooks at every call.
 */
#ifndef VITPROF_INTERNAL_H
#define VITPROF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitprof.h"

#define VP_HIDDEN __attribute__((visibility("hidden")))
#define VP_NONE	  UINT32_MAX

/* 32 bytes: a slot never straddles two cache lines. Calls are not kept
 * here: they are the sum of the edges into the function. */
struct vp_func {
	uintptr_t fn;	  /* function address; 0 = empty slot */
	uint64_t incl_ns; /* precise: added when the outermost activation returns */
	uint64_t self_ns;
	uint32_t active; /* precise: activations on the stack */
	uint32_t stamp;	 /* sampled: the last sample that counted this function */
};

/* 64 bytes, one cache line. */
struct vp_edge {
	uintptr_t caller, callee; /* caller 0 = empty slot */
	struct vp_func *func;	  /* the callee's slot: one probe finds both */
	uint64_t count;
	uint64_t time_ns; /* the callee's inclusive time entered by this edge */
	uint64_t pad[3];
};

/* A frame of the shadow stack. Frame 0 is a sentinel whose fn is VP_ROOT,
 * so every real frame has a caller: the edges (VP_ROOT, f) record the
 * entries of a thread's outermost functions and are not written out. */
struct vp_frame {
	uintptr_t fn;
	struct vp_func *func; /* its slot (moved when the table grows) */
	struct vp_edge *edge; /* the slot of (caller, fn) */
	uint64_t t0;	      /* precise: entry time */
	uint64_t child_ns;    /* precise: time spent in callees */
	uint64_t pad[3];      /* 64 bytes */
};

#define VP_ROOT ((uintptr_t)1) /* the sentinel's "function": no code is there */

struct vp_table {
	struct vp_func *funcs;
	struct vp_edge *edges;
	uint32_t func_shift, edge_shift; /* 64 - log2(capacity) */
	uint32_t nfuncs, nedges;	 /* used slots */
};

struct vp_thread {
	volatile uint32_t busy; /* inside a hook or the runtime: hooks do nothing */
	uint32_t sp;		/* the top frame (0: only the sentinel) */
	uint32_t stack_cap;
	uint32_t pad;
	struct vp_frame *stack;
	struct vp_table tab;
	struct vp_thread *next; /* the registry of live threads */
};

/* Capacity of a table from its shift. */
static inline uint32_t vp_cap(uint32_t shift)
{
	return (uint32_t)1 << (64 - shift);
}

/* vitprof.c */
VP_HIDDEN uint64_t vp_clock_precise(void);
/* Program path and name, found at start-up ("" when unknown). */
VP_HIDDEN const char *vp_program_path(void);
VP_HIDDEN const char *vp_program_name(void);
/* Pop every frame of t at now, as if each function returned (precise
 * clock: their times up to now; sampled: the samples already hold them). */
VP_HIDDEN void vp_thread_unwind_all(struct vp_thread *t, uint64_t now);
/* Add the counters of src to dst (tables allocated with vp_table_*). */
VP_HIDDEN void vp_table_merge(struct vp_table *dst, const struct vp_table *src);
VP_HIDDEN bool vp_table_init(struct vp_table *tab, uint32_t func_bits, uint32_t edge_bits);
VP_HIDDEN void vp_table_free(struct vp_table *tab);
/* Fill dst with everything recorded so far: finished threads plus a copy
 * of each live thread unwound at now. dst must be empty (vp_table_init). */
VP_HIDDEN void vp_collect(struct vp_table *dst, uint64_t now);
/* The thread record of the caller, or NULL; set busy while the runtime
 * itself runs so that instrumented callbacks (malloc...) are ignored. */
VP_HIDDEN struct vp_thread *vp_self_enter(void);
VP_HIDDEN void vp_self_leave(struct vp_thread *t);

/* vp_sites.c */
/* Call fn on every registered site. */
VP_HIDDEN void vp_sites_each(void (*fn)(struct vitprof_site *s, void *arg), void *arg);
/* Zero every site's counters (a forked child starts afresh). */
VP_HIDDEN void vp_sites_reset(void);

/* vp_output.c */
/* Build the profile of everything so far and write it to path (NULL:
 * $VITPROF_FILE or <program>.vitprof). Prints one warning on failure. */
VP_HIDDEN int vp_output_write(const char *path);

#endif

/* vp_internal.h - what the parts of libvitprof share (never installed).
 *
 * Each thread keeps, in its static TLS (struct vp_hot: what the hooks
 * read), a shadow stack of function addresses and an open-addressing
 * table of calls keyed by (call site, callee, caller), whose counts the
 * hooks increment. Times are nanoseconds, sampled by default: each
 * thread's CPU time (a timer on the thread's CPU clock signals it, and it
 * charges the CPU time since its last tick to its own shadow stack, in a
 * table of its own); with VITPROF_CLOCK=wall, CLOCK_MONOTONIC (a sampler
 * thread reads every live thread's shadow stack each tick and adds the
 * time since the previous one to a table of its own); with
 * VITPROF_CLOCK=precise, CLOCK_MONOTONIC measured by the hooks at every
 * call. Everything lives in mmap()ed memory, so the hooks never call
 * malloc, and tables grow by doubling (amortized; never per call).
 *
 * Each thread also grows its calling-context tree (struct vp_tree) by
 * the rule of src/model/context.h: a frame of the shadow stack is its
 * function's address with the id of the context it runs in (plus one, 0
 * for none) in the top VP_CTX_SHIFT bits, and the call table's slots,
 * keyed by the caller's frame, keep the callee's frame to push, so the
 * hooks find the context with the call.
 */
#ifndef VITPROF_INTERNAL_H
#define VITPROF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/runtime/vitprof.h"

#define VP_HIDDEN __attribute__((visibility("hidden")))
#define VP_NONE	  UINT32_MAX

/* The aggregate tables (finished threads, sampled times, a dump): */
struct vp_func {
	uintptr_t fn;	  /* function address; 0 = empty slot */
	uint64_t incl_ns; /* precise: added when the outermost activation returns */
	uint64_t self_ns;
	uint32_t active; /* precise: activations on the stack */
	uint32_t stamp;	 /* sampled: the last sample that counted this function */
};

struct vp_edge {
	uintptr_t caller, callee; /* caller 0 = empty slot */
	uint64_t count;
	uint64_t time_ns; /* the callee's inclusive time entered by this edge */
};

/* The shadow stack's frame 0 is a sentinel whose "function" is VP_ROOT
 * (no code is there), so every real frame has a caller: calls by VP_ROOT
 * are the entries of a thread's outermost functions and are not written
 * out as edges. */
#define VP_ROOT ((uintptr_t)1)

struct vp_table {
	struct vp_func *funcs;
	struct vp_edge *edges;
	uint32_t func_shift, edge_shift; /* 64 - log2(capacity) */
	uint32_t nfuncs, nedges;	 /* used slots */
};

/* A frame word: a function's address (below 2^48 on x86-64 and
 * aarch64) and its context's id + 1 (0: none) above. */
#define VP_CTX_SHIFT 48
#define VP_FN(w)     ((w) & (((uintptr_t)1 << VP_CTX_SHIFT) - 1))
#define VP_CTX(w)    ((uint32_t)((w) >> VP_CTX_SHIFT)) /* id + 1, 0 = none */
/* Whether frame w is of function fn (two instructions: xor, shift). */
#define VP_IS_FN(w, fn) ((((w) ^ (fn)) << (64 - VP_CTX_SHIFT)) == 0)
/* A thread's tree holds ids 0..65534 (id + 1 must fit in 16 bits); a
 * tree of several threads, PF_CONTEXT_MAX_NODES. */
#define VP_THREAD_CONTEXTS ((1u << (64 - VP_CTX_SHIFT)) - 1)

/* A context: the path of calls from a root to fn (parent: VP_NONE for a
 * root). A thread's nodes never move (the array is reserved whole); its
 * calls are counted in the call table's slots, and written here only in
 * trees that add threads up. */
struct vp_node {
	uintptr_t fn;
	uint32_t parent, depth; /* depth 1 for a root */
	uint64_t calls, self_ns;
};

struct vp_tree {
	struct vp_node *nodes; /* cap, reserved */
	uint32_t *index;       /* (parent, fn) -> id + 1, open addressing */
	uint32_t n, cap;       /* n is published with a release store */
	uint32_t index_cap;    /* a power of two, at least 2 n */
};

struct vp_thread;

/* Capacity of a table from its shift. */
static inline uint32_t vp_cap(uint32_t shift)
{
	return (uint32_t)1 << (64 - shift);
}

/* What times measure (VITPROF_CLOCK). */
enum vp_clock {
	VP_CLOCK_CPU,	 /* sampled CPU time of each thread (default) */
	VP_CLOCK_WALL,	 /* sampled wall time of each live thread */
	VP_CLOCK_PRECISE /* wall time read at every entry and exit */
};

/* vitprof.c */
/* Memory the hooks may use (they never call malloc): size bytes of zeroed
 * anonymous pages, NULL when none; vp_unmap takes NULL too. */
VP_HIDDEN void *vp_map(size_t size);
VP_HIDDEN void vp_unmap(void *p, size_t size);
VP_HIDDEN uint64_t vp_clock_precise(void);
/* The clock in use (fixed at start-up), the threads that started
 * recording (in this process, since a fork) and CLOCK_MONOTONIC when the
 * runtime started (or the process forked). */
VP_HIDDEN enum vp_clock vp_clock_kind(void);
VP_HIDDEN uint32_t vp_threads_started(void);
VP_HIDDEN uint64_t vp_started_ns(void);
/* Program path and name, found at start-up ("" when unknown). */
VP_HIDDEN const char *vp_program_path(void);
VP_HIDDEN const char *vp_program_name(void);
/* Add the counters of src to dst (tables allocated with vp_table_*). */
VP_HIDDEN void vp_table_merge(struct vp_table *dst, const struct vp_table *src);
VP_HIDDEN bool vp_table_init(struct vp_table *tab, uint32_t func_bits, uint32_t edge_bits);
VP_HIDDEN void vp_table_free(struct vp_table *tab);
/* A tree of up to cap contexts (empty); false when out of memory. */
VP_HIDDEN bool vp_tree_init(struct vp_tree *tr, uint32_t cap);
VP_HIDDEN void vp_tree_free(struct vp_tree *tr);
/* Fill dst with everything recorded so far: finished threads plus a copy
 * of each live thread unwound at now, and ctx with their contexts added
 * up by path. dst and ctx must be empty (vp_table_init, vp_tree_init):
 * in ctx a parent comes before its children. */
VP_HIDDEN void vp_collect(struct vp_table *dst, struct vp_tree *ctx, uint64_t now);
/* Fill dst (empty, vp_table_init) with the CPU clock's ticks so far by
 * the PC they interrupted: a "function" per PC, its ticks in self_ns. */
VP_HIDDEN void vp_ticks_collect(struct vp_table *dst);
/* The thread record of the caller, or NULL; set busy while the runtime
 * itself runs so that instrumented callbacks (malloc...) are ignored. */
VP_HIDDEN struct vp_thread *vp_self_enter(void);
VP_HIDDEN void vp_self_leave(struct vp_thread *t);

/* vp_sites.c */
/* Call fn on every registered site. */
VP_HIDDEN void vp_sites_each(void (*fn)(struct vitprof_site *s, void *arg), void *arg);
/* Zero every site's counters (a forked child starts afresh). */
VP_HIDDEN void vp_sites_reset(void);

/* vp_cov.c */
/* A basic block's count: with clang's PC table, pc is where the block
 * starts (start true); without, its coverage callback's call instruction
 * (the return address less one). */
struct vp_cov_count {
	uintptr_t pc;
	uint64_t count;
	bool start;
};
/* Every block counted so far (finished threads, and live ones read while
 * they run), one entry per PC, and with the PC table every block that
 * never ran too (count 0), in *out (malloc()ed, the caller frees; NULL
 * when out of memory). Returns the number of entries. */
VP_HIDDEN size_t vp_cov_collect(struct vp_cov_count **out);

/* vp_output.c */
/* Build the profile of everything so far and write it to path (NULL:
 * $VITPROF_FILE or <program>.vitprof). Prints one warning on failure. */
VP_HIDDEN int vp_output_write(const char *path);
/* Take (true) or release the lock of the writes, around a fork: a child
 * never inherits it taken by a thread it does not have (the periodic
 * dumps'). */
VP_HIDDEN void vp_output_hold(bool take);

#endif

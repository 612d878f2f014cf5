/* vitprof.c - the -finstrument-functions hooks, the per-thread call
 * tables, shadow stacks and calling-context trees, the clock, thread
 * exit, fork and exit.
 *
 * The hot path (one __cyg_profile_func_enter/exit pair) reads the
 * thread's static TLS only: one hash probe of the call table keyed by
 * (call site, callee, caller's frame), whose count it increments, a push
 * of the frame the slot holds (the callee and its context) and a pop; no
 * clock, no lock, no allocation, no call. The hash takes the call site
 * and the callee, which the hook gets as arguments, and not the caller,
 * which the shadow stack holds: so the probe does not wait for the
 * stack, and the caller only confirms it. A new slot gets its context by
 * the rule of src/model/context.h (vp_tree_enter), on the slow path.
 * Times are sampled: by
 * default each thread has a timer on its own CPU clock whose signal makes
 * the thread charge the CPU time it used since its last tick to its own
 * shadow stack (vp_on_tick); with VITPROF_CLOCK=wall a sampler thread
 * charges wall time to every live thread's stack, read while the thread
 * runs (vp_sampler). Nothing here is instrumented (the Makefile builds
 * this directory without -finstrument-functions) and nothing here calls
 * malloc while a hook runs: tables and stacks are mmap()ed.
 * VITPROF_CLOCK=precise instead reads the clock at every entry and exit
 * (exact per-call times, much slower).
 */
#define _GNU_SOURCE
#include "src/runtime/vp_internal.h"

#include "src/model/context.h"

#include <errno.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

#define VP_NOINST      __attribute__((no_instrument_function))
#define VP_PUBLIC      __attribute__((visibility("default"), no_instrument_function))
#define VP_COLD	       __attribute__((noinline, cold, no_instrument_function))
#define VP_LIKELY(x)   __builtin_expect(!!(x), 1)
#define VP_UNLIKELY(x) __builtin_expect(!!(x), 0)

#define VP_CALL_BITS0	   9	      /* first call table: 512 slots (16 KiB), grown at 1/8 full */
#define VP_STACK_MAX	   (1u << 20) /* frames reserved per thread (8 MiB, on use) */
#define VP_SWAP_MIN	   64	      /* see vp_call_find */
#define VP_MAX_RETIRED	   64
#define VP_DEFAULT_TICK_NS 200000      /* the clock's period: 200 us */
#define VP_FLOOR_OFF	   UINTPTR_MAX /* vp_hot.floor: every exit takes the slow path */

VP_PUBLIC void __cyg_profile_func_enter(void *fn, void *site);
VP_PUBLIC void __cyg_profile_func_exit(void *fn, void *site);

_Static_assert(sizeof(uintptr_t) == 8, "frame words pack a context id above the address");

/* A slot of the hooks' table, 32 bytes (two to a cache line). The call
 * site only spreads the hash; the caller (the shadow stack's top frame,
 * so the caller's context too) makes the key exact, also where gcc gives
 * inlined functions their caller's call site. fn is the frame pushed:
 * the callee with the context it runs in. */
struct vp_call {
	uintptr_t site; /* 0 = empty slot */
	uintptr_t fn, caller;
	uint64_t count;
};

/* What the hooks read, in the thread's static TLS. end is where the fast
 * enter stops and floor the frames the fast exit may pop (those above
 * it): end 0 and floor VP_FLOOR_OFF turn them off (thread not started,
 * runtime busy on the thread, precise clock, stack full), so that each
 * hook tests one word. While the wall clock's sampler reads the stack,
 * floor is its top frame's caller (see vp_wall_sample). */
struct vp_hot {
	uintptr_t *top;	 /* the shadow stack's top frame */
	uintptr_t end;	 /* the last frame the fast enter may fill, or 0 */
	uintptr_t floor; /* written by the thread and by the sampler, with atomics */
	struct vp_call *calls;
	uint32_t shift;	       /* 64 - log2(capacity of calls) */
	struct vp_thread *rec; /* NULL: not started yet */
};

/* Precise clock: a frame's times, beside the shadow stack. */
struct vp_ptime {
	uint64_t t0;	   /* entry time */
	uint64_t child_ns; /* time spent in callees */
};

/* The sampler's memory of a thread's last sample: the frames whose
 * slots in the times table (vp_times, or the thread's own) it found. */
struct vp_seen {
	uintptr_t fn;
	uint32_t func, edge;
};

/* The rest of a thread's state, mmap()ed; reached from vp_hot.rec and from
 * the registry of live threads. */
struct vp_thread {
	struct vp_hot *hot; /* the thread's TLS (valid while it is registered) */
	uintptr_t *stack;   /* VP_STACK_MAX frames; frame 0 is the sentinel */
	uint32_t busy;	    /* in a hook's slow path or the runtime: record nothing */
	uint32_t overflow;  /* entries past a full stack, not recorded */
	uint32_t ncalls;
	struct vp_ptime *ptimes; /* precise: one per frame */
	struct vp_table times;	 /* precise and cpu: this thread's times */
	struct vp_table ticks;	 /* cpu: the interrupted PCs (as fn), ticks in self_ns */
	struct vp_tree tree;	 /* its contexts; self_ns written by whoever charges times */
	struct vp_seen *seen;	 /* the last sample of this thread */
	uint32_t nseen, seen_cap, seen_fshift, seen_eshift;
	uint32_t stamp;	   /* cpu: the generation of the thread's samples */
	uint32_t pops;	   /* wall: slow pops so far (the sampler checks it) */
	uint64_t cpu_last; /* cpu: the thread's CPU clock at its last tick */
	uint64_t carry;	   /* wall: time of samples not taken (the stack moved) */
	uint64_t since;	   /* wall: CLOCK_MONOTONIC when its time was last taken */
	uintptr_t *snap;   /* wall: the sampler's copy of the stack */
	uint32_t snap_cap;
	uint32_t frozen; /* wall: the depth the sampler froze, 0 if not */
	bool timed;	 /* cpu: timer is set */
	timer_t timer;
	struct vp_thread *next; /* the registry */
	struct {
		void *ptr;
		size_t size;
	} retired[VP_MAX_RETIRED]; /* replaced arrays, freed at thread exit */
	unsigned nretired;
};

/* The record of a thread that records nothing: busy forever. */
static struct vp_thread vp_off = {.busy = 1};
static uintptr_t vp_idle = VP_ROOT;  /* the top of a thread without a stack */
static struct vp_call vp_nocalls[3]; /* shift 63: homes 0 and 1, and the slot after */
static __thread struct vp_hot vp_hot __attribute__((tls_model("initial-exec"))) = {
    .top = &vp_idle, .floor = VP_FLOOR_OFF, .calls = vp_nocalls, .shift = 63};

static pthread_once_t vp_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t vp_lock = PTHREAD_MUTEX_INITIALIZER;
static struct vp_thread *vp_threads;  /* live threads, under vp_lock */
static struct vp_table vp_dead;	      /* finished threads, under vp_lock */
static struct vp_table vp_times;      /* sampled times, under vp_lock */
static struct vp_table vp_dead_ticks; /* finished threads' ticks by PC, under vp_lock */
static struct vp_tree vp_dead_tree;   /* finished threads' contexts, under vp_lock */
static pthread_key_t vp_key;

/* times: sampled (cpu: each thread's timer; wall: a sampler thread) or
 * precise (the hooks) */
static enum vp_clock vp_clock = VP_CLOCK_CPU;
static bool vp_sampled;
static uint64_t vp_tick_ns = VP_DEFAULT_TICK_NS;
static int vp_tick_tag;		      /* its address: the sigev_value of our timers */
static struct sigaction vp_prev_prof; /* SIGPROF's action before ours */
static uint32_t vp_nthreads;	      /* threads started, under vp_lock */
static uint64_t vp_start_ns;	      /* CLOCK_MONOTONIC at start-up (or fork) */
static uint32_t vp_wall_gen;	      /* wall: vp_charge's generation in vp_times, under vp_lock */
static uint64_t vp_interval_ns;	      /* VITPROF_INTERVAL: a dump every so often, or 0 */
static int vp_exiting;		      /* the dump at exit has begun (atomics) */

static char vp_path[4096];
static const char *vp_name = "";

/* ---- memory and hashing ---- */

VP_NOINST void *vp_map(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

VP_NOINST void vp_unmap(void *p, size_t size)
{
	if (p)
		munmap(p, size);
}

static inline VP_NOINST uint32_t vp_hash(uintptr_t k, uint32_t shift)
{
	return (uint32_t)(((uint64_t)k * 0x9e3779b97f4a7c15ULL) >> shift);
}

static inline VP_NOINST uint32_t vp_hash2(uintptr_t a, uintptr_t b, uint32_t shift)
{
	return vp_hash((uintptr_t)((uint64_t)a * 0xff51afd7ed558ccdULL) ^ b, shift);
}

/* The call table's hash: one multiply, of what the hook gets as arguments. */
static inline VP_NOINST uint32_t vp_call_hash(uintptr_t site, uintptr_t fn, uint32_t shift)
{
	return vp_hash(site ^ (fn << 21), shift);
}

static inline VP_NOINST size_t vp_funcs_size(uint32_t shift)
{
	return (size_t)vp_cap(shift) * sizeof(struct vp_func);
}

static inline VP_NOINST size_t vp_edges_size(uint32_t shift)
{
	return (size_t)vp_cap(shift) * sizeof(struct vp_edge);
}

/* One slot more than the capacity: the fast path also looks at the slot
 * after the home, and the one after the last is always empty. */
static inline VP_NOINST size_t vp_calls_size(uint32_t shift)
{
	return ((size_t)vp_cap(shift) + 1) * sizeof(struct vp_call);
}

bool vp_table_init(struct vp_table *tab, uint32_t func_bits, uint32_t edge_bits)
{
	memset(tab, 0, sizeof(*tab));
	tab->func_shift = 64 - func_bits;
	tab->edge_shift = 64 - edge_bits;
	tab->funcs = vp_map(vp_funcs_size(tab->func_shift));
	tab->edges = vp_map(vp_edges_size(tab->edge_shift));
	if (!tab->funcs || !tab->edges) {
		vp_table_free(tab);
		return false;
	}
	return true;
}

void vp_table_free(struct vp_table *tab)
{
	if (tab->funcs)
		vp_unmap(tab->funcs, vp_funcs_size(tab->func_shift));
	if (tab->edges)
		vp_unmap(tab->edges, vp_edges_size(tab->edge_shift));
	tab->funcs = NULL;
	tab->edges = NULL;
}

/* Free an array that was replaced: at once for a private table, at thread
 * exit for a live thread's (a dump may be copying it right now). */
static VP_NOINST void vp_retire(struct vp_thread *owner, void *ptr, size_t size)
{
	if (!owner)
		vp_unmap(ptr, size);
	else if (owner->nretired < VP_MAX_RETIRED) {
		owner->retired[owner->nretired].ptr = ptr;
		owner->retired[owner->nretired++].size = size;
	}
}

/* Slot of fn in funcs (shift), inserting it when absent; the table must
 * have room. */
static inline VP_NOINST uint32_t vp_func_probe(struct vp_func *v, uint32_t shift, uintptr_t fn,
					       bool *inserted)
{
	uint32_t mask = vp_cap(shift) - 1, i = vp_hash(fn, shift);

	while (v[i].fn != fn) {
		if (!v[i].fn) {
			v[i].fn = fn;
			*inserted = true;
			return i;
		}
		i = (i + 1) & mask;
	}
	return i;
}

static inline VP_NOINST uint32_t vp_edge_probe(struct vp_edge *v, uint32_t shift, uintptr_t caller,
					       uintptr_t callee, bool *inserted)
{
	uint32_t mask = vp_cap(shift) - 1, i = vp_hash2(caller, callee, shift);

	while (v[i].caller != caller || v[i].callee != callee) {
		if (!v[i].caller) {
			v[i].caller = caller;
			v[i].callee = callee;
			*inserted = true;
			return i;
		}
		i = (i + 1) & mask;
	}
	return i;
}

/* Double a table's function array (rehash). Writes the new array before
 * the new shift, for concurrent readers (VP_READ_SIZED). */
static VP_NOINST bool vp_funcs_grow(struct vp_table *tab, struct vp_thread *owner)
{
	uint32_t shift = tab->func_shift - 1, i, cap = vp_cap(tab->func_shift);
	struct vp_func *v = vp_map(vp_funcs_size(shift));
	bool dummy;

	if (!v)
		return false;
	for (i = 0; i < cap; i++)
		if (tab->funcs[i].fn)
			v[vp_func_probe(v, shift, tab->funcs[i].fn, &dummy)] = tab->funcs[i];
	vp_retire(owner, tab->funcs, vp_funcs_size(tab->func_shift));
	__atomic_store_n(&tab->funcs, v, __ATOMIC_RELEASE);
	__atomic_store_n(&tab->func_shift, shift, __ATOMIC_RELEASE);
	return true;
}

static VP_NOINST bool vp_edges_grow(struct vp_table *tab, struct vp_thread *owner)
{
	uint32_t shift = tab->edge_shift - 1, i, cap = vp_cap(tab->edge_shift);
	struct vp_edge *v = vp_map(vp_edges_size(shift));
	const struct vp_edge *e;
	bool dummy;

	if (!v)
		return false;
	for (i = 0; i < cap; i++) {
		e = &tab->edges[i];
		if (e->caller)
			v[vp_edge_probe(v, shift, e->caller, e->callee, &dummy)] = *e;
	}
	vp_retire(owner, tab->edges, vp_edges_size(tab->edge_shift));
	__atomic_store_n(&tab->edges, v, __ATOMIC_RELEASE);
	__atomic_store_n(&tab->edge_shift, shift, __ATOMIC_RELEASE);
	return true;
}

/* Slot of fn, inserting it (and growing at half full); VP_NONE when out
 * of memory. */
static VP_NOINST uint32_t vp_table_func(struct vp_table *tab, struct vp_thread *owner, uintptr_t fn)
{
	bool inserted = false;
	uint32_t i;

	if ((tab->nfuncs + 1) * 2ULL > vp_cap(tab->func_shift) && !vp_funcs_grow(tab, owner))
		return VP_NONE;
	i = vp_func_probe(tab->funcs, tab->func_shift, fn, &inserted);
	tab->nfuncs += inserted;
	return i;
}

static VP_NOINST uint32_t vp_table_edge(struct vp_table *tab, struct vp_thread *owner,
					uintptr_t caller, uintptr_t callee)
{
	bool inserted = false;
	uint32_t i;

	if ((tab->nedges + 1) * 2ULL > vp_cap(tab->edge_shift) && !vp_edges_grow(tab, owner))
		return VP_NONE;
	i = vp_edge_probe(tab->edges, tab->edge_shift, caller, callee, &inserted);
	tab->nedges += inserted;
	return i;
}

void vp_table_merge(struct vp_table *dst, const struct vp_table *src)
{
	uint32_t i, j, cap;

	if (!src->funcs || !src->edges) /* never set up (a sampled thread's times) */
		return;
	cap = vp_cap(src->func_shift);
	for (i = 0; i < cap; i++) {
		const struct vp_func *f = &src->funcs[i];

		if (!f->fn || (j = vp_table_func(dst, NULL, f->fn)) == VP_NONE)
			continue;
		dst->funcs[j].incl_ns += f->incl_ns;
		dst->funcs[j].self_ns += f->self_ns;
	}
	cap = vp_cap(src->edge_shift);
	for (i = 0; i < cap; i++) {
		const struct vp_edge *e = &src->edges[i];

		if (!e->caller || (j = vp_table_edge(dst, NULL, e->caller, e->callee)) == VP_NONE)
			continue;
		dst->edges[j].count += e->count;
		dst->edges[j].time_ns += e->time_ns;
	}
}

/* Read the array p of a thread that may be running, and the shift s that
 * sizes it, into vp and vs: again until both belong together (the owner
 * writes a new array, then its shift; the old one stays mapped). */
#define VP_READ_SIZED(p, s, vp, vs)                                                                \
	do {                                                                                       \
		(vs) = __atomic_load_n(&(s), __ATOMIC_ACQUIRE);                                    \
		(vp) = __atomic_load_n(&(p), __ATOMIC_ACQUIRE);                                    \
	} while (__atomic_load_n(&(s), __ATOMIC_ACQUIRE) != (vs))

/* Add a thread's call counts (it may be running) to dst, by (caller,
 * callee); the callees get a function slot even when they have no time. */
static VP_NOINST void vp_table_add_calls(struct vp_table *dst, struct vp_hot *h)
{
	const struct vp_call *calls;
	uint32_t shift, i, j;

	VP_READ_SIZED(h->calls, h->shift, calls, shift);
	for (i = 0; i < vp_cap(shift); i++) {
		uintptr_t site = __atomic_load_n(&calls[i].site, __ATOMIC_ACQUIRE);
		const struct vp_call *c = &calls[i];

		if (!site || vp_table_func(dst, NULL, VP_FN(c->fn)) == VP_NONE ||
		    (j = vp_table_edge(dst, NULL, VP_FN(c->caller), VP_FN(c->fn))) == VP_NONE)
			continue;
		dst->edges[j].count += c->count;
	}
}

/* ---- calling-context trees ---- */

bool vp_tree_init(struct vp_tree *tr, uint32_t cap)
{
	memset(tr, 0, sizeof(*tr));
	tr->cap = cap;
	tr->index_cap = 256;
	tr->nodes = vp_map((size_t)cap * sizeof(*tr->nodes));
	tr->index = vp_map((size_t)tr->index_cap * sizeof(*tr->index));
	if (!tr->nodes || !tr->index) {
		vp_tree_free(tr);
		return false;
	}
	return true;
}

void vp_tree_free(struct vp_tree *tr)
{
	vp_unmap(tr->nodes, (size_t)tr->cap * sizeof(*tr->nodes));
	vp_unmap(tr->index, (size_t)tr->index_cap * sizeof(*tr->index));
	memset(tr, 0, sizeof(*tr));
}

/* The index slot of (parent, fn): its id + 1, or the empty slot for it. */
static VP_NOINST uint32_t *vp_tree_slot(const struct vp_tree *tr, uint32_t *index, uint32_t cap,
					uint32_t parent, uintptr_t fn)
{
	uint32_t mask = cap - 1, i = vp_hash2(parent, fn, 64 - (uint32_t)__builtin_ctz(cap));

	while (index[i] &&
	       (tr->nodes[index[i] - 1].parent != parent || tr->nodes[index[i] - 1].fn != fn))
		i = (i + 1) & mask;
	return &index[i];
}

/* The index at half full: twice as large (only its thread reads it). */
static VP_NOINST bool vp_tree_grow(struct vp_tree *tr)
{
	uint32_t cap = tr->index_cap * 2, i;
	uint32_t *v = vp_map((size_t)cap * sizeof(*v));

	if (!v)
		return false;
	for (i = 0; i < tr->n; i++)
		*vp_tree_slot(tr, v, cap, tr->nodes[i].parent, tr->nodes[i].fn) = i + 1;
	vp_unmap(tr->index, (size_t)tr->index_cap * sizeof(*tr->index));
	tr->index = v;
	tr->index_cap = cap;
	return true;
}

/* The context a call of fn from parent (VP_NONE: a root) runs in, by the
 * rule of src/model/context.h, with its caps (and tr's, and memory):
 * the child for fn, the ancestor that is fn (recursion folds), a new
 * child, or parent itself. A new node is written before n publishes it. */
static VP_NOINST uint32_t vp_tree_enter(struct vp_tree *tr, uint32_t parent, uintptr_t fn)
{
	struct vp_node *v = tr->nodes;
	uint32_t *slot, a;

	if (!tr->index) /* never set up (out of memory) */
		return parent;
	slot = vp_tree_slot(tr, tr->index, tr->index_cap, parent, fn);
	if (*slot)
		return *slot - 1;
	for (a = parent; a != VP_NONE; a = v[a].parent)
		if (v[a].fn == fn)
			return a;
	if (tr->n >= tr->cap || tr->n >= PF_CONTEXT_MAX_NODES ||
	    (parent != VP_NONE && v[parent].depth >= PF_CONTEXT_MAX_DEPTH))
		return parent;
	if (2 * (tr->n + 1) > tr->index_cap) {
		if (!vp_tree_grow(tr))
			return parent;
		slot = vp_tree_slot(tr, tr->index, tr->index_cap, parent, fn);
	}
	a = tr->n;
	v[a] = (struct vp_node){fn, parent, parent == VP_NONE ? 1 : v[parent].depth + 1, 0, 0};
	*slot = a + 1;
	__atomic_store_n(&tr->n, a + 1, __ATOMIC_RELEASE);
	return a;
}

/* Add the n contexts of src (n read from it before: src may be a live
 * thread's, growing) to dst by path, with their self times and calls;
 * map[i] is where src's i went (VP_NONE: nowhere, the tree was full). A
 * context that dst has no room for leaves its time to its parent and
 * its calls uncounted, as the rule says. */
static VP_NOINST void vp_tree_merge(struct vp_tree *dst, const struct vp_node *src, uint32_t n,
				    uint32_t *map)
{
	uint32_t i, d;

	for (i = 0; i < n; i++) {
		const struct vp_node *s = &src[i];

		d = vp_tree_enter(dst, s->parent == VP_NONE ? VP_NONE : map[s->parent], s->fn);
		map[i] = d;
		if (d == VP_NONE)
			continue;
		dst->nodes[d].self_ns += __atomic_load_n(&s->self_ns, __ATOMIC_RELAXED);
		if (dst->nodes[d].fn == s->fn)
			dst->nodes[d].calls += s->calls;
	}
}

/* Add a thread's contexts (it may be running) to dst: their calls are the
 * counts of the call table's slots that entered their function (not
 * those whose call stayed in its caller's context). Returns the map of
 * the thread's ids to dst's (vp_unmap with *n entries), NULL when out of
 * memory. */
static VP_NOINST uint32_t *vp_tree_add_thread(struct vp_tree *dst, struct vp_thread *t,
					      uint32_t *pn)
{
	uint32_t n = __atomic_load_n(&t->tree.n, __ATOMIC_ACQUIRE), shift, i, k;
	uint32_t *map = vp_map(((size_t)n + 1) * sizeof(*map));
	const struct vp_call *calls;

	*pn = n;
	if (!map)
		return NULL;
	vp_tree_merge(dst, t->tree.nodes, n, map);
	VP_READ_SIZED(t->hot->calls, t->hot->shift, calls, shift);
	for (i = 0; i < vp_cap(shift); i++) {
		const struct vp_call *c = &calls[i];

		if (!__atomic_load_n(&c->site, __ATOMIC_ACQUIRE) || !(k = VP_CTX(c->fn)) ||
		    --k >= n || t->tree.nodes[k].fn != VP_FN(c->fn) || map[k] == VP_NONE ||
		    dst->nodes[map[k]].fn != VP_FN(c->fn))
			continue;
		dst->nodes[map[k]].calls += c->count;
	}
	return map;
}

/* The frame pushed for a call of fn from the frame caller. */
static VP_NOINST uintptr_t vp_tree_frame(struct vp_tree *tr, uintptr_t caller, uintptr_t fn)
{
	uint32_t k = VP_CTX(caller);

	k = vp_tree_enter(tr, k ? k - 1 : VP_NONE, fn);
	return fn | (k == VP_NONE ? 0 : (uintptr_t)(k + 1) << VP_CTX_SHIFT);
}

/* Give dt to the context of frame w of t (self time). */
static inline VP_NOINST void vp_tree_charge(struct vp_thread *t, uintptr_t w, uint64_t dt)
{
	uint32_t k = VP_CTX(w);

	if (k)
		t->tree.nodes[k - 1].self_ns += dt;
}

/* ---- the call table ---- */

/* Double t's call table at 1/8 full: a hot call whose slot is taken
 * costs a slow path each time. */
static VP_NOINST bool vp_calls_grow(struct vp_thread *t)
{
	struct vp_hot *h = t->hot;
	uint32_t shift = h->shift - 1, i, j, mask = vp_cap(shift) - 1;
	uint32_t cap = h->calls == vp_nocalls ? 0 : vp_cap(h->shift);
	struct vp_call *v = vp_map(vp_calls_size(shift));

	if (!v)
		return false;
	for (i = 0; i < cap; i++) {
		const struct vp_call *c = &h->calls[i];

		if (!c->site)
			continue;
		for (j = vp_call_hash(c->site, VP_FN(c->fn), shift); v[j].site; j = (j + 1) & mask)
			;
		v[j] = *c;
	}
	if (cap)
		vp_retire(t, h->calls, vp_calls_size(h->shift));
	__atomic_store_n(&h->calls, v, __ATOMIC_RELEASE);
	__atomic_store_n(&h->shift, shift, __ATOMIC_RELEASE);
	return true;
}

/* The slot of (site, fn, caller), inserted when absent, with the frame
 * to push (push, or when 0 the context the rule gives); NULL when out of
 * memory. The fast path looks at the home (the hash's slot) and the slot
 * after it; a slot found further away changes places with the colder of
 * the two when it is much the hotter: linear probing allows that (every
 * slot between them is taken), and nothing points into the table. */
static VP_NOINST struct vp_call *vp_call_find(struct vp_thread *t, uintptr_t site, uintptr_t fn,
					      uintptr_t caller, uintptr_t push)
{
	struct vp_hot *h = t->hot;
	uint32_t mask, home, i;
	struct vp_call *v, tmp;

	if ((t->ncalls + 1) * 8ULL > vp_cap(h->shift) && !vp_calls_grow(t) &&
	    (t->ncalls + 1) * 2ULL > vp_cap(h->shift))
		return NULL;
	v = h->calls;
	mask = vp_cap(h->shift) - 1;
	home = i = vp_call_hash(site, fn, h->shift);
	while (v[i].site && (v[i].site != site || VP_FN(v[i].fn) != fn || v[i].caller != caller))
		i = (i + 1) & mask;
	if (!v[i].site) {
		v[i].fn = push ? push : vp_tree_frame(&t->tree, caller, fn);
		v[i].caller = caller;
		v[i].count = 0;
		__atomic_store_n(&v[i].site, site, __ATOMIC_RELEASE);
		t->ncalls++;
	} else if (i != home && i != home + 1) {
		uint32_t j =
		    home + 1 <= mask && v[home + 1].count < v[home].count ? home + 1 : home;

		if (v[i].count > 2 * v[j].count + VP_SWAP_MIN) {
			tmp = v[j];
			v[j] = v[i];
			v[i] = tmp;
			i = j;
		}
	}
	return &v[i];
}

/* ---- the clock ---- */

uint64_t vp_clock_precise(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The floor of a thread whose fast paths are on: none, but with the wall
 * clock the outermost frame's exit takes the slow path, which charges the
 * time since the last sample (vp_wall_close). */
static inline VP_NOINST uintptr_t vp_floor_on(const struct vp_thread *t)
{
	return vp_clock == VP_CLOCK_WALL ? (uintptr_t)&t->stack[1] : 0;
}

/* Turn the fast paths on or off for the thread, after its state changed.
 * floor goes from and to VP_FLOOR_OFF only: a value the sampler set stays
 * until the sampler takes it back (or the fast paths go off). */
static inline VP_NOINST void vp_arm(struct vp_thread *t)
{
	uintptr_t off = VP_FLOOR_OFF;

	if (t->busy || t->overflow || !vp_sampled) {
		t->hot->end = 0;
		__atomic_store_n(&t->hot->floor, VP_FLOOR_OFF, __ATOMIC_SEQ_CST);
	} else {
		t->hot->end = (uintptr_t)&t->stack[VP_STACK_MAX - 2];
		__atomic_compare_exchange_n(&t->hot->floor, &off, vp_floor_on(t), false,
					    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
	}
}

/* Precise clock: close the top frame of a stack at now, in times, its
 * self time also in *ctx_self (its context's).
 * Inclusive time goes to a function only when its outermost activation
 * returns (recursion is not counted twice), and then also to the edge it
 * was called by: the times of the edges into a function add up to its
 * inclusive time. Self time is the frame's time less its callees'. */
static VP_NOINST void vp_precise_pop(struct vp_table *times, struct vp_thread *owner,
				     const uintptr_t *stack, struct vp_ptime *pt, uint32_t d,
				     uint64_t now, uint64_t *ctx_self)
{
	uint64_t dt = now > pt[d].t0 ? now - pt[d].t0 : 0;
	uint64_t child = pt[d].child_ns < dt ? pt[d].child_ns : dt;
	uint32_t fi = vp_table_func(times, owner, VP_FN(stack[d])), ei;

	pt[d - 1].child_ns += dt;
	*ctx_self += dt - child;
	if (fi == VP_NONE)
		return;
	times->funcs[fi].self_ns += dt - child;
	if (times->funcs[fi].active && --times->funcs[fi].active)
		return;
	times->funcs[fi].incl_ns += dt;
	ei = vp_table_edge(times, owner, VP_FN(stack[d - 1]), VP_FN(stack[d]));
	if (ei != VP_NONE)
		times->edges[ei].time_ns += dt;
}

/* Add dt to a stack of n frames above the sentinel (frames[0]) in tab,
 * whose retired arrays owner keeps (NULL: vp_times, under vp_lock): to
 * the self time of the top frame's function, to the inclusive time of
 * every distinct function on the stack (stamp: recursion is counted once)
 * and to the edge by which the outermost activation of each was entered.
 * The top frame's context gets the self time too (in t's tree: the
 * thread's own ticks, or the sampler, write it, never both).
 * Every pair of frames must have been caller and callee (an edge of the
 * call table, counted before it was pushed). The slots found last time
 * (t->seen) are kept for the frames that did not change (tab does not
 * move while it does not grow). */
static VP_NOINST void vp_charge(struct vp_thread *t, struct vp_table *tab, struct vp_thread *owner,
				const uintptr_t *frames, uint32_t n, uint64_t dt, uint32_t *gen)
{
	uint32_t i, g, fi = VP_NONE;
	struct vp_seen *s;

	if (n >= t->seen_cap) {
		uint32_t cap = t->seen_cap ? t->seen_cap : 256;
		struct vp_seen *v;

		while (cap <= n)
			cap *= 2;
		if (!(v = vp_map((size_t)cap * sizeof(*v))))
			return;
		if (t->seen)
			memcpy(v, t->seen, (size_t)t->nseen * sizeof(*v));
		vp_unmap(t->seen, (size_t)t->seen_cap * sizeof(*v));
		t->seen = v;
		t->seen_cap = cap;
	}
	if (t->seen_fshift != tab->func_shift || t->seen_eshift != tab->edge_shift) {
		t->nseen = 0; /* the slots moved */
		t->seen_fshift = tab->func_shift;
		t->seen_eshift = tab->edge_shift;
	}
	if (++*gen == 0)
		++*gen;
	g = *gen;
	for (i = 1; i <= n; i++) {
		uintptr_t fn = frames[i];

		s = &t->seen[i];
		if (i >= t->nseen || s->fn != fn) {
			t->nseen = i; /* the frames above changed, or may have */
			s->fn = fn;
			s->func = vp_table_func(tab, owner, VP_FN(fn));
			s->edge = vp_table_edge(tab, owner, VP_FN(frames[i - 1]), VP_FN(fn));
			if (s->func == VP_NONE || s->edge == VP_NONE)
				break;
		}
		fi = s->func;
		if (tab->funcs[fi].stamp == g)
			continue;
		tab->funcs[fi].stamp = g;
		tab->funcs[fi].incl_ns += dt;
		tab->edges[s->edge].time_ns += dt;
	}
	if (i > n)
		t->nseen = n + 1;
	if (fi != VP_NONE) /* the last slot found: valid even if the table just grew */
		tab->funcs[fi].self_ns += dt;
	vp_tree_charge(t, frames[n], dt);
}

/* ---- the cpu clock ---- */

static VP_NOINST uint64_t vp_thread_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* A SIGPROF that is not our timer's goes where it went before us. */
static VP_NOINST void vp_chain(int sig, siginfo_t *si, void *uc)
{
	if (vp_prev_prof.sa_flags & SA_SIGINFO)
		vp_prev_prof.sa_sigaction(sig, si, uc);
	else if (vp_prev_prof.sa_handler == SIG_DFL) {
		signal(sig, SIG_DFL); /* its default action, when we return */
		raise(sig);
	} else if (vp_prev_prof.sa_handler != SIG_IGN)
		vp_prev_prof.sa_handler(sig);
}

/* The program counter a signal interrupted, 0 where unknown. */
static VP_NOINST uintptr_t vp_interrupted_pc(const void *uc)
{
#if defined(__x86_64__)
	return (uintptr_t)((const ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
	return (uintptr_t)((const ucontext_t *)uc)->uc_mcontext.pc;
#else
	(void)uc;
	return 0;
#endif
}

/* The tick of a thread's CPU timer, on that thread: the CPU time it used
 * since its last tick goes to its own shadow stack, in its own table (so
 * no lock, and the stack is as the thread left it: its frames are written
 * before the top that publishes them), and the tick to the interrupted
 * PC. While the runtime is busy on the thread (a slow path, a dump) the
 * time waits for the next tick; so does it while it is less than 20 ns a
 * frame (a compare or two each), so that a stack hundreds of thousands of
 * frames deep costs the thread about a tenth of its time at most. */
static VP_NOINST void vp_on_tick(int sig, siginfo_t *si, void *uc)
{
	int saved = errno;
	struct vp_thread *t = vp_hot.rec;
	uintptr_t top = (uintptr_t)vp_hot.top, pc;
	uint64_t now;
	uint32_t n, i;

	if (si->si_code != SI_TIMER || si->si_value.sival_ptr != &vp_tick_tag)
		vp_chain(sig, si, uc);
	else if (t && t != &vp_off && !t->busy) {
		now = vp_thread_cpu();
		n = (uint32_t)((top - (uintptr_t)t->stack) / sizeof(uintptr_t));
		if (top <= (uintptr_t)t->stack || n >= VP_STACK_MAX - 1 || now <= t->cpu_last)
			t->cpu_last = now; /* no frame to charge */
		else if (now - t->cpu_last >= (uint64_t)n * 20) {
			vp_charge(t, &t->times, t, t->stack, n, now - t->cpu_last, &t->stamp);
			t->cpu_last = now;
		}
		if ((pc = vp_interrupted_pc(uc)) &&
		    (i = vp_table_func(&t->ticks, t, pc)) != VP_NONE)
			t->ticks.funcs[i].self_ns++;
	}
	errno = saved;
}

/* Install the tick's handler (chaining to an earlier one); false when
 * SIGPROF cannot be had. */
static VP_NOINST bool vp_cpu_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = vp_on_tick;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGPROF, &sa, &vp_prev_prof) == 0;
}

/* Start the calling thread's timer on its CPU clock, which signals it
 * every tick of CPU time it uses. */
static VP_NOINST void vp_timer_start(struct vp_thread *t)
{
	struct sigevent sev;
	struct itimerspec its;

	if (vp_clock != VP_CLOCK_CPU)
		return;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGPROF;
	sev.sigev_value.sival_ptr = &vp_tick_tag;
	sev.sigev_notify_thread_id = (pid_t)syscall(SYS_gettid);
	t->cpu_last = vp_thread_cpu();
	if (timer_create(CLOCK_THREAD_CPUTIME_ID, &sev, &t->timer) != 0)
		return;
	its.it_interval.tv_sec = (time_t)(vp_tick_ns / 1000000000u);
	its.it_interval.tv_nsec = (long)(vp_tick_ns % 1000000000u);
	its.it_value = its.it_interval;
	if (timer_settime(t->timer, 0, &its, NULL) == 0)
		t->timed = true;
	else
		timer_delete(t->timer);
}

/* ---- the wall clock ---- */

/* A full memory barrier on every running thread of the process: after
 * it, a thread sees the floors the sampler set, and the sampler sees
 * every pop made before. */
static VP_NOINST bool vp_membarrier(int cmd)
{
	return syscall(SYS_membarrier, cmd, 0, 0) == 0;
}

/* The time since t's last sample, taken now: to be charged (t->carry),
 * or lost when t has no frames (n 0). */
static VP_NOINST void vp_wall_take(struct vp_thread *t, uint32_t n, uint64_t now)
{
	if (n)
		t->carry += now - t->since;
	t->since = now;
}

/* Ask t to pop the frames below its top through the slow path (which
 * counts them in t->pops) while its stack is read; the stack's depth
 * then, or 0 when the thread has no frames (its time is lost) or its fast
 * paths are off (its time waits for the next sample). The outermost frame
 * stays below the floor, as always with this clock. */
static VP_NOINST uint32_t vp_wall_freeze(struct vp_thread *t, uint64_t now)
{
	uintptr_t top = (uintptr_t)__atomic_load_n(&t->hot->top, __ATOMIC_ACQUIRE);
	uintptr_t base = (uintptr_t)t->stack, on = vp_floor_on(t);
	uint32_t n = 0;

	if (top > base && top < base + (VP_STACK_MAX - 1) * sizeof(uintptr_t))
		n = (uint32_t)((top - base) / sizeof(uintptr_t));
	vp_wall_take(t, n, now);
	if (!n || !__atomic_compare_exchange_n(&t->hot->floor, &on,
					       n > 1 ? (uintptr_t)&t->stack[n - 1] : on, false,
					       __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
		return 0;
	return n;
}

/* One sample of a live thread frozen at depth n0 (after the barrier),
 * under vp_lock (so the thread's record and arrays stay mapped: a thread
 * leaves vp_threads before it frees them). The thread runs on, but pops
 * the frames below depth n0 only through the slow path, which counts
 * them: the frames below the top of the copy cannot change unseen, and
 * the top may change only to another callee of the frame below. So every
 * pair of the copy was a call; when a pop was counted, or the thread took
 * its floor back (its fast paths went off), the time waits for the next
 * sample. */
static VP_NOINST void vp_wall_sample(struct vp_thread *t, uint32_t n0)
{
	uint32_t pops = __atomic_load_n(&t->pops, __ATOMIC_ACQUIRE), n, i;
	uintptr_t top = (uintptr_t)__atomic_load_n(&t->hot->top, __ATOMIC_ACQUIRE);
	uintptr_t floor = n0 > 1 ? (uintptr_t)&t->stack[n0 - 1] : vp_floor_on(t);
	bool ok;

	n = (uint32_t)((top - (uintptr_t)t->stack) / sizeof(uintptr_t));
	if (top < (uintptr_t)t->stack || n > n0)
		n = n0;
	if (n >= t->snap_cap) {
		uint32_t cap = t->snap_cap ? t->snap_cap : 256;
		uintptr_t *v;

		while (cap <= n)
			cap *= 2;
		if ((v = vp_map((size_t)cap * sizeof(*v)))) {
			vp_unmap(t->snap, (size_t)t->snap_cap * sizeof(*v));
			t->snap = v;
			t->snap_cap = cap;
		}
	}
	ok = n > 0 && n < t->snap_cap;
	for (i = 0; ok && i <= n; i++)
		t->snap[i] = __atomic_load_n(&t->stack[i], __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	ok = ok && __atomic_load_n(&t->pops, __ATOMIC_ACQUIRE) == pops;
	ok = __atomic_compare_exchange_n(&t->hot->floor, &floor, vp_floor_on(t), false,
					 __ATOMIC_SEQ_CST, __ATOMIC_RELAXED) &&
	     ok;
	if (ok) {
		vp_charge(t, &vp_times, NULL, t->snap, n, t->carry, &vp_wall_gen);
		t->carry = 0;
	}
}

/* The calling thread t's time since its last sample, to its own stack,
 * which it reads itself: it is in the runtime (busy), so its stack does
 * not move. Under vp_lock. */
static VP_NOINST void vp_wall_self(struct vp_thread *t, uint64_t now)
{
	uint32_t n = (uint32_t)(t->hot->top - t->stack);

	vp_wall_take(t, n, now);
	if (n && n < VP_STACK_MAX - 1) {
		vp_charge(t, &vp_times, NULL, t->stack, n, t->carry, &vp_wall_gen);
		t->carry = 0;
	}
}

/* A sample of every live thread at now, under vp_lock: the time since
 * each one's last sample goes to its stack; self (the calling thread, in
 * the runtime, or NULL) reads its own. */
static VP_NOINST void vp_wall_round(struct vp_thread *self, uint64_t now)
{
	struct vp_thread *t;

	for (t = vp_threads; t; t = t->next)
		t->frozen = t == self ? 0 : vp_wall_freeze(t, now);
	vp_membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED);
	for (t = vp_threads; t; t = t->next)
		if (t == self)
			vp_wall_self(t, now);
		else if (t->frozen)
			vp_wall_sample(t, t->frozen);
}

/* The wall clock: the calling thread t is about to pop its outermost
 * frame (its fast paths are off). The time since its last sample goes to
 * its stack now, so that no time of a run is lost after the sampler's
 * last tick, however late the sampler runs. */
static VP_NOINST void vp_wall_close(struct vp_thread *t)
{
	pthread_mutex_lock(&vp_lock);
	vp_wall_self(t, vp_clock_precise());
	pthread_mutex_unlock(&vp_lock);
}

/* The sampler: every tick, the time since the last one (measured, so a
 * late wake-up loses nothing) goes to every live thread's stack. It takes
 * vp_lock, which the hooks take only when a thread pops its outermost
 * frame. A sample costs a compare per frame: when stacks are so deep
 * (hundreds of thousands of frames) that it takes more than a tenth of a
 * tick, the next one waits ten times as long as it took, so that the
 * sampler never takes more than about a tenth of a CPU (coarser times,
 * still right on average). */
static VP_NOINST void *vp_sampler(void *arg)
{
	struct timespec next;
	uint64_t now, wake = vp_clock_precise(), cost;

	(void)arg;
	for (;;) {
		wake += vp_tick_ns;
		next.tv_sec = (time_t)(wake / 1000000000u);
		next.tv_nsec = (long)(wake % 1000000000u);
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
		pthread_mutex_lock(&vp_lock);
		now = vp_clock_precise();
		vp_wall_round(NULL, now);
		pthread_mutex_unlock(&vp_lock);
		cost = vp_clock_precise() - now;
		if (now > wake + vp_tick_ns) /* far behind: no burst to catch up */
			wake = now;
		if (cost * 10 > vp_tick_ns && now + cost * 10 - vp_tick_ns > wake)
			wake = now + cost * 10 - vp_tick_ns;
	}
	return NULL;
}

/* Start a thread of the runtime, detached, with every signal blocked (it
 * must never take the program's signals); false when it cannot. */
static VP_NOINST bool vp_spawn(void *(*fn)(void *), const char *name, size_t stack)
{
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t th;
	bool ok;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (stack)
		pthread_attr_setstacksize(&attr, stack);
	ok = pthread_create(&th, &attr, fn, NULL) == 0;
	if (ok)
		pthread_setname_np(th, name);
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ok;
}

/* Start the sampler; at start-up, fall back to the precise clock when it
 * cannot (a forked child then has no times). */
static VP_NOINST void vp_sampler_start(bool at_init)
{
	if (vp_clock != VP_CLOCK_WALL)
		return;
	if ((!vp_membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) ||
	     !vp_spawn(vp_sampler, "vitprof-clock", 64 * 1024)) &&
	    at_init) {
		fprintf(stderr, "libvitprof: warning: no wall clock (membarrier or "
				"threads unavailable); using VITPROF_CLOCK=precise\n");
		vp_clock = VP_CLOCK_PRECISE;
		vp_sampled = false;
	}
}

/* ---- periodic dumps ---- */

/* VITPROF_INTERVAL: every so many seconds, the profile so far is written
 * where the one at exit goes (atomically, as always), by a thread of its
 * own that records nothing, until the dump at exit begins. */
static VP_NOINST void *vp_dumper(void *arg)
{
	struct timespec next;
	uint64_t wake = vp_clock_precise(), now;

	(void)arg;
	for (;;) {
		wake += vp_interval_ns;
		next.tv_sec = (time_t)(wake / 1000000000u);
		next.tv_nsec = (long)(wake % 1000000000u);
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
		if (__atomic_load_n(&vp_exiting, __ATOMIC_ACQUIRE))
			return NULL;
		vp_output_write(NULL);
		now = vp_clock_precise();
		if (now > wake + vp_interval_ns) /* a dump longer than the interval */
			wake = now;
	}
	return NULL;
}

static VP_NOINST void vp_dumper_start(void)
{
	if (vp_interval_ns && !vp_spawn(vp_dumper, "vitprof-dump", 0))
		fprintf(stderr, "libvitprof: warning: no thread for VITPROF_INTERVAL; the "
				"profile is written at exit only\n");
}

/* VITPROF_INTERVAL=SECONDS (a decimal, 0.001 to a day), or 0. */
static VP_NOINST uint64_t vp_interval_parse(const char *s)
{
	char *end;
	double sec;

	if (!s || !*s)
		return 0;
	errno = 0;
	sec = strtod(s, &end);
	if (errno || end == s || *end || !(sec >= 0.001 && sec <= 86400) || s[0] == ' ' ||
	    (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))) {
		fprintf(stderr,
			"libvitprof: warning: VITPROF_INTERVAL=%.40s is not a number of seconds "
			"from 0.001 to 86400; the profile is written at exit only\n",
			s);
		return 0;
	}
	return (uint64_t)(sec * 1e9 + 0.5);
}

/* ---- the slow paths ---- */

static struct vp_thread *vp_thread_start(void);

/* Everything the fast path does not: first call on a thread, a new call,
 * a hash collision, a growth, a full stack, the precise clock. */
static VP_COLD void vp_enter_slow(uintptr_t fn, uintptr_t site)
{
	struct vp_hot *h = &vp_hot;
	struct vp_thread *t = h->rec ? h->rec : vp_thread_start();
	struct vp_call *c;
	uint32_t d;

	if (t->busy || VP_CTX(fn)) /* no room for the context id: not recorded */
		return;
	d = (uint32_t)(h->top - t->stack);
	if (t->overflow || d + 1 >= VP_STACK_MAX) {
		t->overflow++; /* deeper than any real stack: not recorded */
		vp_arm(t);
		return;
	}
	t->busy = 1;
	vp_arm(t); /* a signal handler's calls from here on are not recorded */
	c = vp_call_find(t, site, fn, *h->top, 0);
	if (c) {
		c->count++;
		if (!vp_sampled) {
			uint32_t fi = vp_table_func(&t->times, t, fn);

			if (fi != VP_NONE)
				t->times.funcs[fi].active++;
			t->ptimes[d + 1].t0 = vp_clock_precise();
			t->ptimes[d + 1].child_ns = 0;
		}
		h->top[1] = c->fn;
		__atomic_store_n(&h->top, h->top + 1, __ATOMIC_RELEASE);
	}
	__asm__ volatile("" ::: "memory");
	t->busy = 0;
	vp_arm(t);
}

/* Pop t's top frame, counted for the wall clock's sampler: after the
 * top moved, and before any later push can rewrite the frame. */
static inline VP_NOINST void vp_pop(struct vp_thread *t)
{
	__atomic_store_n(&t->hot->top, t->hot->top - 1, __ATOMIC_RELEASE);
	__atomic_store_n(&t->pops, t->pops + 1, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

/* Pop the frames of t down to below d (d >= 1). */
static VP_NOINST void vp_pop_to(struct vp_thread *t, uint32_t d)
{
	struct vp_hot *h = t->hot;
	uint64_t now = vp_sampled ? 0 : vp_clock_precise();

	uint64_t none;

	while ((uint32_t)(h->top - t->stack) >= d) {
		uint32_t k = VP_CTX(*h->top);

		if (!vp_sampled)
			vp_precise_pop(&t->times, t, t->stack, t->ptimes,
				       (uint32_t)(h->top - t->stack), now,
				       k ? &t->tree.nodes[k - 1].self_ns : &none);
		vp_pop(t);
	}
}

/* An exit the fast path did not take: the wall clock's sampler is
 * reading the stack (a plain pop, counted) or the outermost frame closes
 * (its time since the last sample charged first), the precise clock, an entry
 * past a full stack, or not the top frame's: the frames above the
 * matching one were skipped by longjmp and are closed now; an exit whose
 * entry was not recorded changes nothing. */
static VP_COLD void vp_exit_slow(uintptr_t fn)
{
	struct vp_thread *t = vp_hot.rec;
	uint32_t d;

	if (!t || t->busy)
		return;
	if (t->overflow) {
		t->overflow--;
		vp_arm(t);
		return;
	}
	if (vp_sampled && VP_FN(*t->hot->top) == fn && t->hot->top > &t->stack[1]) {
		vp_pop(t);
		return;
	}
	for (d = (uint32_t)(t->hot->top - t->stack); d > 0 && VP_FN(t->stack[d]) != fn; d--)
		;
	if (!d)
		return;
	t->busy = 1;
	vp_arm(t);
	if (d == 1 && vp_clock == VP_CLOCK_WALL)
		vp_wall_close(t);
	vp_pop_to(t, d);
	t->busy = 0;
	vp_arm(t);
}

/* ---- threads ---- */

static VP_NOINST void vp_thread_free(struct vp_thread *t)
{
	unsigned i;

	for (i = 0; i < t->nretired; i++)
		vp_unmap(t->retired[i].ptr, t->retired[i].size);
	if (t->hot->calls != vp_nocalls)
		vp_unmap(t->hot->calls, vp_calls_size(t->hot->shift));
	vp_table_free(&t->times);
	vp_table_free(&t->ticks);
	vp_tree_free(&t->tree);
	vp_unmap(t->ptimes, (size_t)VP_STACK_MAX * sizeof(*t->ptimes));
	vp_unmap(t->stack, (size_t)VP_STACK_MAX * sizeof(*t->stack));
	vp_unmap(t->seen, (size_t)t->seen_cap * sizeof(*t->seen));
	vp_unmap(t->snap, (size_t)t->snap_cap * sizeof(*t->snap));
	vp_unmap(t, sizeof(*t));
}

/* The hooks' state of a thread that records nothing (again). */
static VP_NOINST void vp_hot_off(struct vp_hot *h)
{
	h->end = 0;
	__atomic_store_n(&h->floor, VP_FLOOR_OFF, __ATOMIC_SEQ_CST);
	h->top = &vp_idle;
	h->calls = vp_nocalls;
	h->shift = 63;
	h->rec = &vp_off;
}

/* pthread key destructor: the thread is finishing; fold its counters into
 * the finished threads' table. */
static VP_NOINST void vp_thread_exit(void *arg)
{
	struct vp_thread *t = arg, **pp;
	uint32_t *map, n;

	t->busy = 1;
	vp_arm(t);
	if (t->timed)
		timer_delete(t->timer);
	if (!vp_sampled)
		vp_pop_to(t, 1);
	pthread_mutex_lock(&vp_lock);
	if (vp_clock == VP_CLOCK_WALL) /* frames left by pthread_exit */
		vp_wall_self(t, vp_clock_precise());
	for (pp = &vp_threads; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	vp_table_add_calls(&vp_dead, t->hot);
	vp_table_merge(&vp_dead, &t->times);
	vp_table_merge(&vp_dead_ticks, &t->ticks);
	map = vp_tree_add_thread(&vp_dead_tree, t, &n);
	pthread_mutex_unlock(&vp_lock);
	vp_unmap(map, ((size_t)n + 1) * sizeof(*map));
	vp_hot.rec = &vp_off; /* a tick still pending finds nothing */
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	vp_thread_free(t);
	vp_hot_off(&vp_hot);
}

static void vp_global_init(void);

static VP_NOINST struct vp_thread *vp_thread_start(void)
{
	struct vp_hot *h = &vp_hot;
	struct vp_thread *t;

	h->rec = &vp_off; /* whatever runs while we set up is not recorded */
	pthread_once(&vp_once, vp_global_init);
	if (!(t = vp_map(sizeof(*t))))
		return &vp_off;
	t->hot = h;
	t->stack = vp_map((size_t)VP_STACK_MAX * sizeof(*t->stack));
	if (!t->stack || !vp_tree_init(&t->tree, VP_THREAD_CONTEXTS) ||
	    (vp_clock != VP_CLOCK_WALL && !vp_table_init(&t->times, 8, 8)) ||
	    (vp_clock == VP_CLOCK_CPU && !vp_table_init(&t->ticks, 8, 1)) ||
	    (!vp_sampled && !(t->ptimes = vp_map((size_t)VP_STACK_MAX * sizeof(*t->ptimes))))) {
		vp_table_free(&t->times);
		vp_table_free(&t->ticks);
		vp_tree_free(&t->tree);
		vp_unmap(t->stack, (size_t)VP_STACK_MAX * sizeof(*t->stack));
		vp_unmap(t->ptimes, (size_t)VP_STACK_MAX * sizeof(*t->ptimes));
		vp_unmap(t, sizeof(*t));
		return &vp_off;
	}
	t->stack[0] = VP_ROOT;
	h->calls = vp_nocalls;
	h->shift = 64 - VP_CALL_BITS0 + 1; /* vp_calls_grow doubles it */
	if (!vp_calls_grow(t)) {
		vp_thread_free(t);
		vp_hot_off(h);
		return &vp_off;
	}
	h->top = t->stack;
	t->since = vp_clock_precise();
	pthread_mutex_lock(&vp_lock);
	t->next = vp_threads;
	vp_threads = t;
	vp_nthreads++;
	pthread_mutex_unlock(&vp_lock);
	pthread_setspecific(vp_key, t);
	h->rec = t;
	vp_timer_start(t); /* its ticks find the record ready */
	return t;
}

struct vp_thread *vp_self_enter(void)
{
	struct vp_thread *t = vp_hot.rec;

	if (!t) {
		vp_hot.rec = &vp_off;
		return NULL;
	}
	if (t != &vp_off) {
		t->busy++;
		vp_arm(t);
	}
	return t;
}

void vp_self_leave(struct vp_thread *t)
{
	if (!t)
		vp_hot.rec = NULL;
	else if (t != &vp_off) {
		t->busy--;
		vp_arm(t);
	}
}

/* The arrays of a table that its thread may be growing, in dst. */
static VP_NOINST void vp_table_read_live(struct vp_table *dst, struct vp_table *live)
{
	VP_READ_SIZED(live->funcs, live->func_shift, dst->funcs, dst->func_shift);
	VP_READ_SIZED(live->edges, live->edge_shift, dst->edges, dst->edge_shift);
}

/* Precise clock: a live thread's times so far, its open frames closed at
 * now in a copy (the thread may be running: torn values only blur); the
 * frames' self times to their contexts in ctx, where map (nmap entries)
 * put the thread's. */
static VP_NOINST void vp_precise_add(struct vp_table *dst, struct vp_thread *t, uint64_t now,
				     struct vp_tree *ctx, const uint32_t *map, uint32_t nmap)
{
	uintptr_t top = (uintptr_t)__atomic_load_n(&t->hot->top, __ATOMIC_ACQUIRE);
	struct vp_table copy, src = {0};
	struct vp_ptime *pt = NULL;
	uint32_t i, n = 0;
	uintptr_t *stack = NULL;

	vp_table_read_live(&src, &t->times);
	if (top > (uintptr_t)t->stack && top < (uintptr_t)&t->stack[VP_STACK_MAX - 1])
		n = (uint32_t)((top - (uintptr_t)t->stack) / sizeof(uintptr_t));
	if (!vp_table_init(&copy, 8, 8))
		return;
	vp_table_merge(&copy, &src);
	if (n && (stack = vp_map((size_t)(n + 1) * sizeof(*stack))) &&
	    (pt = vp_map((size_t)(n + 1) * sizeof(*pt)))) {
		memcpy(stack, t->stack, (size_t)(n + 1) * sizeof(*stack));
		memcpy(pt, t->ptimes, (size_t)(n + 1) * sizeof(*pt));
		for (i = 1; i <= n; i++) {
			uint32_t fi = vp_table_func(&copy, NULL, VP_FN(stack[i]));

			if (fi != VP_NONE) /* the activations open in the copy */
				copy.funcs[fi].active++;
		}
		for (i = n; i > 0; i--) {
			uint32_t k = VP_CTX(stack[i]);
			uint64_t none, *self = &none;

			if (map && k && k - 1 < nmap && map[k - 1] != VP_NONE)
				self = &ctx->nodes[map[k - 1]].self_ns;
			vp_precise_pop(&copy, NULL, stack, pt, i, now, self);
		}
	}
	vp_unmap(stack, (size_t)(n + 1) * sizeof(*stack));
	vp_unmap(pt, (size_t)(n + 1) * sizeof(*pt));
	vp_table_merge(dst, &copy);
	vp_table_free(&copy);
}

/* A live thread's times are read before its calls: a time is charged to
 * an edge after the edge's call was counted, so every edge read with a
 * time has its count. */
void vp_collect(struct vp_table *dst, struct vp_tree *ctx, uint64_t now)
{
	struct vp_table live = {0};
	struct vp_thread *t;
	uint32_t *map, n, *dead = NULL;

	pthread_mutex_lock(&vp_lock);
	if (vp_clock == VP_CLOCK_WALL) /* the time since the sampler's last tick */
		vp_wall_round(vp_hot.rec, now);
	vp_table_merge(dst, &vp_dead);
	vp_table_merge(dst, &vp_times);
	if (vp_dead_tree.n && (dead = vp_map((size_t)vp_dead_tree.n * sizeof(*dead))))
		vp_tree_merge(ctx, vp_dead_tree.nodes, vp_dead_tree.n, dead);
	vp_unmap(dead, (size_t)vp_dead_tree.n * sizeof(*dead));
	for (t = vp_threads; t; t = t->next) {
		/* times before calls (here too: a context's self time comes
		 * after its call) */
		map = vp_tree_add_thread(ctx, t, &n);
		if (!vp_sampled)
			vp_precise_add(dst, t, now, ctx, map, n);
		else if (vp_clock == VP_CLOCK_CPU) {
			vp_table_read_live(&live, &t->times);
			vp_table_merge(dst, &live);
		}
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		vp_table_add_calls(dst, t->hot);
		vp_unmap(map, ((size_t)n + 1) * sizeof(*map));
	}
	pthread_mutex_unlock(&vp_lock);
}

void vp_ticks_collect(struct vp_table *dst)
{
	struct vp_table live = {0};
	struct vp_thread *t;

	pthread_mutex_lock(&vp_lock);
	vp_table_merge(dst, &vp_dead_ticks);
	for (t = vp_threads; t; t = t->next) {
		vp_table_read_live(&live, &t->ticks);
		vp_table_merge(dst, &live);
	}
	pthread_mutex_unlock(&vp_lock);
}

enum vp_clock vp_clock_kind(void)
{
	return vp_clock;
}

uint32_t vp_threads_started(void)
{
	return __atomic_load_n(&vp_nthreads, __ATOMIC_RELAXED);
}

uint64_t vp_started_ns(void)
{
	return vp_start_ns;
}

/* ---- fork and exit ---- */

/* The writes' lock, then the registry's (a dump takes them in that order). */
static VP_NOINST void vp_fork_prepare(void)
{
	vp_output_hold(true);
	pthread_mutex_lock(&vp_lock);
}

static VP_NOINST void vp_fork_parent(void)
{
	pthread_mutex_unlock(&vp_lock);
	vp_output_hold(false);
}

static VP_NOINST void vp_table_clear(struct vp_table *tab)
{
	if (tab->funcs)
		memset(tab->funcs, 0, vp_funcs_size(tab->func_shift));
	if (tab->edges)
		memset(tab->edges, 0, vp_edges_size(tab->edge_shift));
	tab->nfuncs = tab->nedges = 0;
}

/* The child starts a profile of its own: only the forking thread lives
 * on; the functions on its stack count as entered once, at the fork (by
 * a call site of their own, VP_ROOT). */
static VP_NOINST void vp_fork_child(void)
{
	struct vp_thread *self = vp_hot.rec, *t, *next;
	uint64_t now = vp_clock_precise();
	uint32_t i, n, fi;
	struct vp_call *c;

	for (t = vp_threads; t; t = next) {
		next = t->next;
		if (t != self) /* its TLS is still mapped, but nobody will use it */
			vp_thread_free(t);
	}
	vp_threads = NULL;
	vp_nthreads = 0;
	vp_start_ns = now;
	vp_table_clear(&vp_dead);
	vp_table_clear(&vp_times);
	vp_table_clear(&vp_dead_ticks);
	vp_tree_free(&vp_dead_tree);
	vp_tree_init(&vp_dead_tree, PF_CONTEXT_MAX_NODES);
	vp_sites_reset();
	if (self && self != &vp_off) {
		self->next = NULL;
		vp_threads = self;
		vp_nthreads = 1;
		self->nseen = 0;
		self->carry = 0;
		self->since = now;
		vp_table_clear(&self->times);
		vp_table_clear(&self->ticks);
		for (i = 0; i < vp_cap(vp_hot.shift); i++)
			vp_hot.calls[i].count = 0;
		for (i = 0; i < self->tree.n; i++) /* kept: the frames and slots name them */
			self->tree.nodes[i].self_ns = 0;
		n = (uint32_t)(vp_hot.top - self->stack);
		for (i = 1; i <= n; i++) {
			if ((c = vp_call_find(self, VP_ROOT, VP_FN(self->stack[i]),
					      self->stack[i - 1], self->stack[i])))
				c->count++;
			if (vp_sampled)
				continue;
			self->ptimes[i].t0 = now;
			self->ptimes[i].child_ns = 0;
			if ((fi = vp_table_func(&self->times, self, VP_FN(self->stack[i]))) !=
			    VP_NONE)
				self->times.funcs[fi].active++;
		}
		self->timed = false;  /* timers are not inherited */
		vp_timer_start(self); /* last: its ticks find the tables ready */
	}
	vp_sampler_start(false);
	vp_dumper_start();
	pthread_mutex_unlock(&vp_lock);
	vp_output_hold(false);
}

static VP_NOINST void vp_at_exit(void)
{
	__atomic_store_n(&vp_exiting, 1, __ATOMIC_RELEASE); /* no periodic dump after */
	vp_output_write(NULL);
}

const char *vp_program_path(void)
{
	return vp_path;
}

const char *vp_program_name(void)
{
	return vp_name;
}

/* VITPROF_CLOCK: cpu (default; sampled and coarse, its former names,
 * too), wall or precise; anything else is warned about. */
static VP_NOINST enum vp_clock vp_clock_parse(const char *name)
{
	if (!name || !*name || !strcmp(name, "cpu") || !strcmp(name, "sampled") ||
	    !strcmp(name, "coarse"))
		return VP_CLOCK_CPU;
	if (!strcmp(name, "wall"))
		return VP_CLOCK_WALL;
	if (!strcmp(name, "precise"))
		return VP_CLOCK_PRECISE;
	fprintf(stderr,
		"libvitprof: warning: VITPROF_CLOCK=%.40s is not cpu, wall or precise; using "
		"cpu\n",
		name);
	return VP_CLOCK_CPU;
}

static VP_NOINST void vp_global_init(void)
{
	const char *clock = getenv("VITPROF_CLOCK");
	const char *tick = getenv("VITPROF_TICK_US");
	ssize_t n = readlink("/proc/self/exe", vp_path, sizeof(vp_path) - 1);
	const char *slash;

	vp_path[n > 0 ? n : 0] = '\0';
	slash = strrchr(vp_path, '/');
	vp_name = slash ? slash + 1 : n > 0 ? vp_path : program_invocation_short_name;
	vp_clock = vp_clock_parse(clock);
	if (tick && atol(tick) > 0)
		vp_tick_ns = (uint64_t)atol(tick) * 1000;
	vp_start_ns = vp_clock_precise();
	if (vp_clock == VP_CLOCK_CPU && !vp_cpu_init())
		vp_clock = VP_CLOCK_PRECISE;
	vp_sampled = vp_clock != VP_CLOCK_PRECISE;
	vp_table_init(&vp_dead, 8, 8);
	vp_table_init(&vp_times, 8, 8);
	vp_table_init(&vp_dead_ticks, 8, 1);
	vp_tree_init(&vp_dead_tree, PF_CONTEXT_MAX_NODES);
	pthread_key_create(&vp_key, vp_thread_exit);
	pthread_atfork(vp_fork_prepare, vp_fork_parent, vp_fork_child);
	vp_sampler_start(true);
	vp_interval_ns = vp_interval_parse(getenv("VITPROF_INTERVAL"));
	vp_dumper_start();
	atexit(vp_at_exit);
}

/* Early, so that the profile is written after the program's own atexit
 * handlers, and also for programs that only use the site counters. */
__attribute__((constructor(101))) static VP_NOINST void vp_ctor(void)
{
	struct vp_thread *t = vp_self_enter();

	pthread_once(&vp_once, vp_global_init);
	vp_self_leave(t);
}

/* ---- the hooks ----
 *
 * The fast paths call nothing (so they save no register), read only the
 * thread's TLS and the call table's home slot (or the next), and go to
 * the slow paths for anything else. They do not set busy: a signal
 * handler that runs in between pushes and pops above the top it sees, so
 * the enter writes its frame again after it moved top: a handler run
 * before would have overwritten it, and the stack would keep the
 * handler's function (written only after, a sample could read a stale
 * frame). The worst a handler does is blur one call's count, or its own
 * caller (replaced arrays stay mapped until the thread ends, so nothing
 * points into freed memory). The comparisons of top with end and floor
 * are made on addresses, as end is 0 and floor VP_FLOOR_OFF when the fast
 * paths are off (floor is also the wall clock's frozen frame while its
 * sampler copies the stack).
 */

static inline VP_NOINST bool vp_call_is(const struct vp_call *c, uintptr_t site, uintptr_t fn,
					uintptr_t caller)
{
	return c->site == site && VP_IS_FN(c->fn, fn) && c->caller == caller;
}

void __cyg_profile_func_enter(void *fnp, void *sitep)
{
	struct vp_hot *h = &vp_hot;
	uintptr_t fn = (uintptr_t)fnp, site = (uintptr_t)sitep, *top = h->top;
	struct vp_call *c = &h->calls[vp_call_hash(site, fn, h->shift)];

	if (VP_LIKELY((uintptr_t)top < h->end) &&
	    (VP_LIKELY(vp_call_is(c, site, fn, *top)) || vp_call_is(++c, site, fn, *top))) {
		uintptr_t frame = c->fn;

		c->count++;
		top[1] = frame;
		__atomic_store_n(&h->top, top + 1, __ATOMIC_RELEASE);
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		top[1] = frame; /* again: a signal handler run before top moved wrote there */
		return;
	}
	vp_enter_slow(fn, site);
}

void __cyg_profile_func_exit(void *fnp, void *site)
{
	struct vp_hot *h = &vp_hot;
	uintptr_t *top = h->top;

	(void)site;
	/* the sentinel's (and an idle thread's) VP_ROOT never matches */
	if (VP_LIKELY(VP_IS_FN(*top, (uintptr_t)fnp) &&
		      (uintptr_t)top > __atomic_load_n(&h->floor, __ATOMIC_RELAXED))) {
		__atomic_store_n(&h->top, top - 1, __ATOMIC_RELEASE);
		return;
	}
	vp_exit_slow((uintptr_t)fnp);
}

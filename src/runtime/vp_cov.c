/* vp_cov.c - basic-block counts from SanitizerCoverage callbacks: clang's
 * -fsanitize-coverage=trace-pc-guard and gcc's -fsanitize-coverage=trace-pc.
 *
 * Every thread counts in memory of its own, so the hot paths are plain
 * increments: with guards (clang), an array indexed by the guard's value,
 * which the runtime numbers at start-up (guard 0 counts nowhere that
 * matters); with bare PCs (gcc), an open-addressing table keyed by the
 * return address, whose home slot (or the next) the hook checks. A guard
 * remembers the PC of its callback the first time a thread counts it;
 * with clang's PC table (-fsanitize-coverage=pc-table), every guard also
 * knows where its block starts, which gives the lines of the whole block
 * and the blocks that never ran. A
 * finishing thread adds its counts to the finished threads' (a pthread_key
 * destructor); a dump adds those and every live thread's, read while the
 * thread runs (a torn read blurs a count in flight, no more). Memory is
 * mmap()ed: the guard counters reserve VP_COV_GUARDS slots of address
 * space per thread, touched as used; a PC table that grows keeps its old
 * array mapped until its thread ends, as a dump could be reading it.
 * Nothing here is instrumented (the runtime is built without coverage).
 */
#define _GNU_SOURCE
#include "src/runtime/vp_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define VP_PUBLIC      __attribute__((visibility("default"), no_instrument_function))
#define VP_NOINST      __attribute__((no_instrument_function))
#define VP_COLD	       __attribute__((noinline, cold, no_instrument_function))
#define VP_LIKELY(x)   __builtin_expect(!!(x), 1)
#define VP_UNLIKELY(x) __builtin_expect(!!(x), 0)

#define VP_COV_GUARDS  (1u << 22) /* guards numbered at most (32 MiB reserved per thread) */
#define VP_PC_BITS0    10	  /* first PC table: 1024 slots, grown at 1/4 full */
#define VP_COV_RETIRED 40

VP_PUBLIC void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop);
VP_PUBLIC void __sanitizer_cov_pcs_init(const uintptr_t *beg, const uintptr_t *end);
VP_PUBLIC void __sanitizer_cov_trace_pc_guard(uint32_t *guard);
VP_PUBLIC void __sanitizer_cov_trace_pc(void);

/* A slot of a PC table: 16 bytes, four to a cache line. */
struct vp_pc {
	uintptr_t pc; /* 0 = empty slot */
	uint64_t count;
};

struct vp_pcs {
	struct vp_pc *v; /* capacity + 1 slots: the one after the last stays empty */
	uint32_t shift;	 /* 64 - log2(capacity) */
	uint32_t n;	 /* used slots */
};

/* A thread's counters; reached from its TLS and from the registry. */
struct vp_cov_thread {
	struct vp_cov_hot *hot;
	uint64_t *guards;  /* VP_COV_GUARDS counters, or NULL */
	struct vp_pcs pcs; /* the PC table (what hot->pcs points to) */
	struct vp_cov_thread *next;
	struct {
		void *ptr;
		size_t size;
	} retired[VP_COV_RETIRED];
	unsigned nretired;
};

/* What the hooks read, in the thread's static TLS. */
struct vp_cov_hot {
	uint64_t *guards;  /* NULL until the thread's first guard */
	struct vp_pc *pcs; /* vp_nopcs until the thread's first PC */
	uint32_t shift;	   /* of pcs */
	uint32_t busy;	   /* in a slow path: a signal handler's counts go to the shared ones */
	uint32_t locked;   /* holds vp_cov_lock: a signal handler does not wait for it */
	struct vp_cov_thread *rec; /* NULL: not started; &vp_cov_off: never again */
};

static struct vp_cov_thread vp_cov_off;
static struct vp_pc vp_nopcs[3]; /* shift 63: homes 0 and 1, and the slot after */
static __thread struct vp_cov_hot vp_cov_hot
    __attribute__((tls_model("initial-exec"))) = {.pcs = vp_nopcs, .shift = 63};

static pthread_mutex_t vp_cov_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t vp_cov_once = PTHREAD_ONCE_INIT;
static pthread_key_t vp_cov_key;
static bool vp_cov_keyed;
static struct vp_cov_thread *vp_cov_threads; /* live threads, under vp_cov_lock */

/* Guards: numbered 1..vp_nguards; the PC of each, where its block starts
 * (0 when unknown), and the counts of the finished threads (and of
 * threads without counters of their own). The guards of the last
 * __sanitizer_cov_trace_pc_guard_init: the PC table that follows it is
 * theirs. */
static uint32_t vp_nguards;
static uintptr_t *vp_guard_pc;
static uintptr_t *vp_guard_block;
static uint32_t *vp_init_start, *vp_init_stop;
static pthread_mutex_t vp_guard_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t *vp_guard_dead;
static struct vp_pcs vp_pc_dead; /* under vp_cov_lock */

/* vp_cov_lock, taken with a mark in the thread's TLS, so that a signal
 * handler run while its thread holds it never waits for it. */
static VP_NOINST void vp_cov_lock_take(void)
{
	vp_cov_hot.locked = 1; /* first: a handler run while it waits must not wait too */
	pthread_mutex_lock(&vp_cov_lock);
}

static VP_NOINST void vp_cov_lock_drop(void)
{
	vp_cov_hot.locked = 0;
	pthread_mutex_unlock(&vp_cov_lock);
}

static inline VP_NOINST uint32_t vp_pc_hash(uintptr_t pc, uint32_t shift)
{
	return (uint32_t)(((uint64_t)pc * 0x9e3779b97f4a7c15ULL) >> shift);
}

static inline VP_NOINST size_t vp_pcs_size(uint32_t shift)
{
	return ((size_t)vp_cap(shift) + 1) * sizeof(struct vp_pc);
}

/* ---- PC tables ---- */

/* The slot of pc in v (shift), inserted when absent; v must have room. */
static VP_NOINST struct vp_pc *vp_pcs_probe(struct vp_pc *v, uint32_t shift, uintptr_t pc)
{
	uint32_t mask = vp_cap(shift) - 1, i = vp_pc_hash(pc, shift);

	while (v[i].pc != pc) {
		if (!v[i].pc) {
			v[i].pc = pc;
			return &v[i];
		}
		i = (i + 1) & mask;
	}
	return &v[i];
}

/* Double a table (or make its first, from no array): the new array is
 * written before it is published, and the old one goes to retired (kept
 * mapped: a dump may read it) or, with retired NULL, is unmapped. */
static VP_NOINST bool vp_pcs_grow(struct vp_pcs *t, struct vp_cov_thread *owner)
{
	uint32_t shift = t->v ? t->shift - 1 : 64 - VP_PC_BITS0, i;
	struct vp_pc *v = vp_map(vp_pcs_size(shift)), *s;

	if (!v)
		return false;
	for (i = 0; t->v && i < vp_cap(t->shift); i++)
		if (t->v[i].pc) {
			s = vp_pcs_probe(v, shift, t->v[i].pc);
			s->count = t->v[i].count;
		}
	if (t->v && owner && owner->nretired < VP_COV_RETIRED) {
		owner->retired[owner->nretired].ptr = t->v;
		owner->retired[owner->nretired++].size = vp_pcs_size(t->shift);
	} else if (t->v && !owner)
		vp_unmap(t->v, vp_pcs_size(t->shift));
	__atomic_store_n(&t->v, v, __ATOMIC_RELEASE);
	__atomic_store_n(&t->shift, shift, __ATOMIC_RELEASE);
	return true;
}

/* The slot of pc in t, inserted (and the table grown at 1/4 full) when
 * absent; NULL when out of memory. */
static VP_NOINST struct vp_pc *vp_pcs_slot(struct vp_pcs *t, struct vp_cov_thread *owner,
					   uintptr_t pc)
{
	struct vp_pc *s;

	if ((!t->v || (t->n + 1) * 4ULL > vp_cap(t->shift)) && !vp_pcs_grow(t, owner))
		return NULL;
	s = vp_pcs_probe(t->v, t->shift, pc);
	t->n += s->count == 0;
	return s;
}

/* ---- threads ---- */

/* The thread is finishing: its counts go to the finished threads'. */
static VP_NOINST void vp_cov_thread_exit(void *arg)
{
	struct vp_cov_thread *t = arg, **pp;
	struct vp_pc *s;
	uint32_t i;

	vp_cov_hot.busy = 1;
	vp_cov_lock_take();
	for (pp = &vp_cov_threads; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	for (i = 1; t->guards && i <= vp_nguards; i++)
		if (t->guards[i])
			__atomic_fetch_add(&vp_guard_dead[i], t->guards[i], __ATOMIC_RELAXED);
	for (i = 0; t->pcs.v && i < vp_cap(t->pcs.shift); i++)
		if (t->pcs.v[i].pc && (s = vp_pcs_slot(&vp_pc_dead, NULL, t->pcs.v[i].pc)))
			s->count += t->pcs.v[i].count;
	vp_cov_lock_drop();
	vp_cov_hot.guards = NULL;
	vp_cov_hot.pcs = vp_nopcs;
	vp_cov_hot.shift = 63;
	vp_cov_hot.rec = &vp_cov_off; /* later destructors count in the shared counters */
	for (i = 0; i < t->nretired; i++)
		vp_unmap(t->retired[i].ptr, t->retired[i].size);
	vp_unmap(t->pcs.v, t->pcs.v ? vp_pcs_size(t->pcs.shift) : 0);
	vp_unmap(t->guards, (size_t)VP_COV_GUARDS * sizeof(uint64_t));
	vp_unmap(t, sizeof(*t));
	vp_cov_hot.busy = 0;
}

static VP_NOINST void vp_cov_fork_prepare(void)
{
	vp_cov_lock_take();
}

static VP_NOINST void vp_cov_fork_parent(void)
{
	vp_cov_lock_drop();
}

/* The child counts afresh, with only the forking thread. */
static VP_NOINST void vp_cov_fork_child(void)
{
	struct vp_cov_thread *self = vp_cov_hot.rec, *t, *next;

	for (t = vp_cov_threads; t; t = next) {
		next = t->next;
		if (t != self) {
			vp_unmap(t->pcs.v, t->pcs.v ? vp_pcs_size(t->pcs.shift) : 0);
			vp_unmap(t->guards, (size_t)VP_COV_GUARDS * sizeof(uint64_t));
			vp_unmap(t, sizeof(*t));
		}
	}
	vp_cov_threads = NULL;
	if (vp_guard_dead)
		memset(vp_guard_dead, 0, ((size_t)vp_nguards + 1) * sizeof(uint64_t));
	if (vp_pc_dead.v)
		memset(vp_pc_dead.v, 0, vp_pcs_size(vp_pc_dead.shift));
	vp_pc_dead.n = 0;
	if (self && self != &vp_cov_off) {
		self->next = NULL;
		vp_cov_threads = self;
		if (self->guards)
			memset(self->guards, 0, ((size_t)vp_nguards + 1) * sizeof(uint64_t));
		if (self->pcs.v)
			memset(self->pcs.v, 0, vp_pcs_size(self->pcs.shift));
		self->pcs.n = 0;
	}
	vp_cov_lock_drop();
}

static VP_NOINST void vp_cov_global_init(void)
{
	vp_cov_keyed = pthread_key_create(&vp_cov_key, vp_cov_thread_exit) == 0;
	pthread_atfork(vp_cov_fork_prepare, vp_cov_fork_parent, vp_cov_fork_child);
}

/* The calling thread's record, made on its first count; &vp_cov_off when
 * it cannot have one (out of memory, finished). */
static VP_NOINST struct vp_cov_thread *vp_cov_thread_self(struct vp_cov_hot *h)
{
	struct vp_cov_thread *t = h->rec;

	if (t)
		return t;
	h->rec = &vp_cov_off; /* whatever runs while we set up */
	pthread_once(&vp_cov_once, vp_cov_global_init);
	if (!vp_cov_keyed || !(t = vp_map(sizeof(*t))))
		return &vp_cov_off;
	t->hot = h;
	vp_cov_lock_take();
	t->next = vp_cov_threads;
	vp_cov_threads = t;
	vp_cov_lock_drop();
	pthread_setspecific(vp_cov_key, t);
	h->rec = t;
	return t;
}

/* ---- clang: trace-pc-guard ---- */

/* Number the guards of a module (called once or more per module, before
 * its code runs): 1, 2, ... across modules; guards past VP_COV_GUARDS,
 * or all of them if memory is short, stay 0 and are not counted. */
VP_PUBLIC void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop)
{
	uint32_t *g;

	pthread_mutex_lock(&vp_guard_lock);
	vp_init_start = start;
	vp_init_stop = stop;
	if (start != stop && !*start) {
		if (!vp_guard_pc) {
			vp_guard_pc = vp_map((size_t)VP_COV_GUARDS * sizeof(*vp_guard_pc));
			vp_guard_block = vp_map((size_t)VP_COV_GUARDS * sizeof(*vp_guard_block));
			vp_guard_dead = vp_map((size_t)VP_COV_GUARDS * sizeof(*vp_guard_dead));
		}
		if (vp_guard_pc && vp_guard_block && vp_guard_dead)
			for (g = start; g < stop && vp_nguards + 1 < VP_COV_GUARDS; g++)
				*g = ++vp_nguards;
	}
	pthread_mutex_unlock(&vp_guard_lock);
}

/* The PC table of the module whose guards were just numbered (clang calls
 * it right after __sanitizer_cov_trace_pc_guard_init, from the same
 * constructor): a (PC, flags) pair per guard, in the guards' order, PC
 * being where the guard's block starts. A table that does not match the
 * guards one to one is not used. */
VP_PUBLIC void __sanitizer_cov_pcs_init(const uintptr_t *beg, const uintptr_t *end)
{
	size_t i;

	pthread_mutex_lock(&vp_guard_lock);
	if (vp_guard_block && vp_init_start && end > beg &&
	    (size_t)(end - beg) == 2 * (size_t)(vp_init_stop - vp_init_start))
		for (i = 0; vp_init_start + i < vp_init_stop; i++)
			if (vp_init_start[i] && vp_init_start[i] <= vp_nguards)
				vp_guard_block[vp_init_start[i]] = beg[2 * i];
	pthread_mutex_unlock(&vp_guard_lock);
}

/* A guard's first count on this thread: remember its PC (the call's, one
 * byte before the return address is inside it). */
static VP_COLD void vp_cov_guard_first(uint32_t g, uintptr_t ret)
{
	if (g && g <= vp_nguards && !__atomic_load_n(&vp_guard_pc[g], __ATOMIC_RELAXED))
		__atomic_store_n(&vp_guard_pc[g], ret - 1, __ATOMIC_RELAXED);
}

/* The thread has no counters yet (or cannot have them): make them, or
 * count in the shared ones. */
static VP_COLD void vp_cov_guard_slow(uint32_t g, uintptr_t ret)
{
	struct vp_cov_hot *h = &vp_cov_hot;
	struct vp_cov_thread *t;

	if (!g || g > vp_nguards)
		return;
	vp_cov_guard_first(g, ret);
	if (!h->busy) {
		h->busy = 1;
		t = vp_cov_thread_self(h);
		if (t != &vp_cov_off && !t->guards)
			t->guards = vp_map((size_t)VP_COV_GUARDS * sizeof(uint64_t));
		if (t != &vp_cov_off && t->guards) {
			h->guards = t->guards;
			h->guards[g]++;
			h->busy = 0;
			return;
		}
		h->busy = 0;
	}
	__atomic_fetch_add(&vp_guard_dead[g], 1, __ATOMIC_RELAXED);
}

/* The hot path: one increment, and a test of what it was. */
VP_PUBLIC void __sanitizer_cov_trace_pc_guard(uint32_t *guard)
{
	uint64_t *c = vp_cov_hot.guards;
	uintptr_t ret = (uintptr_t)__builtin_return_address(0);

	if (VP_UNLIKELY(!c)) {
		vp_cov_guard_slow(*guard, ret);
		return;
	}
	if (VP_UNLIKELY(c[*guard]++ == 0))
		vp_cov_guard_first(*guard, ret);
}

/* ---- gcc: trace-pc ---- */

/* A PC that is not at its home slot or the next: insert it (making the
 * thread's table on its first PC), or count it in the finished threads'
 * table when the thread cannot have one (or is in here already). */
static VP_COLD void vp_cov_pc_slow(uintptr_t pc)
{
	struct vp_cov_hot *h = &vp_cov_hot;
	struct vp_cov_thread *t;
	struct vp_pc *s;

	if (!h->busy) {
		h->busy = 1;
		t = vp_cov_thread_self(h);
		if (t != &vp_cov_off && (s = vp_pcs_slot(&t->pcs, t, pc))) {
			s->count++;
			h->pcs = t->pcs.v;
			h->shift = t->pcs.shift;
			h->busy = 0;
			return;
		}
		h->busy = 0;
	}
	if (h->locked)
		return; /* a signal handler interrupting its thread's dump: not counted */
	vp_cov_lock_take();
	if ((s = vp_pcs_slot(&vp_pc_dead, NULL, pc)))
		s->count++;
	vp_cov_lock_drop();
}

VP_PUBLIC void __sanitizer_cov_trace_pc(void)
{
	struct vp_cov_hot *h = &vp_cov_hot;
	uintptr_t pc = (uintptr_t)__builtin_return_address(0) - 1;
	struct vp_pc *s = &h->pcs[vp_pc_hash(pc, h->shift)];

	if (VP_LIKELY(s->pc == pc) || VP_LIKELY((++s)->pc == pc)) {
		s->count++;
		return;
	}
	vp_cov_pc_slow(pc);
}

/* ---- the dump ---- */

/* Read the array p of a thread that may be running, and the shift s that
 * sizes it, into vp and vs: again until both belong together. */
#define VP_READ_SIZED(p, s, vp, vs)                                                                \
	do {                                                                                       \
		(vs) = __atomic_load_n(&(s), __ATOMIC_ACQUIRE);                                    \
		(vp) = __atomic_load_n(&(p), __ATOMIC_ACQUIRE);                                    \
	} while (__atomic_load_n(&(s), __ATOMIC_ACQUIRE) != (vs))

static VP_NOINST void vp_cov_add_pcs(struct vp_pcs *dst, struct vp_pcs *src)
{
	struct vp_pc *v, *s;
	uint32_t shift, i;

	VP_READ_SIZED(src->v, src->shift, v, shift);
	for (i = 0; v && i < vp_cap(shift); i++) {
		uintptr_t pc = __atomic_load_n(&v[i].pc, __ATOMIC_ACQUIRE);
		uint64_t n = __atomic_load_n(&v[i].count, __ATOMIC_RELAXED);

		if (pc && n && (s = vp_pcs_slot(dst, NULL, pc)))
			s->count += n;
	}
}

/* The counts of a thread (or the finished threads') added to per-guard
 * totals. */
static VP_NOINST void vp_cov_add_guards(uint64_t *dst, const uint64_t *src, uint32_t n)
{
	uint32_t i;

	for (i = 1; src && i <= n; i++)
		dst[i] += __atomic_load_n(&src[i], __ATOMIC_RELAXED);
}

size_t vp_cov_collect(struct vp_cov_count **out)
{
	struct vp_pcs all = {0};
	struct vp_cov_thread *t;
	struct vp_cov_count *v;
	uint64_t *sum = NULL;
	uint32_t ng, i;
	size_t n = 0;

	*out = NULL;
	vp_cov_lock_take();
	ng = __atomic_load_n(&vp_nguards, __ATOMIC_ACQUIRE);
	if (ng && (sum = calloc((size_t)ng + 1, sizeof(*sum)))) {
		vp_cov_add_guards(sum, vp_guard_dead, ng);
		for (t = vp_cov_threads; t; t = t->next)
			vp_cov_add_guards(sum, __atomic_load_n(&t->guards, __ATOMIC_ACQUIRE), ng);
	}
	vp_cov_add_pcs(&all, &vp_pc_dead);
	for (t = vp_cov_threads; t; t = t->next)
		vp_cov_add_pcs(&all, &t->pcs);
	vp_cov_lock_drop();
	if ((v = calloc((size_t)ng + all.n + 1, sizeof(*v)))) {
		for (i = 1; sum && i <= ng; i++) {
			uintptr_t block = __atomic_load_n(&vp_guard_block[i], __ATOMIC_RELAXED);

			if (block) {
				v[n].pc = block;
				v[n].start = true;
				v[n++].count = sum[i];
			} else if (sum[i] && vp_guard_pc[i]) {
				v[n].pc = vp_guard_pc[i];
				v[n++].count = sum[i];
			}
		}
		for (i = 0; all.v && i < vp_cap(all.shift); i++)
			if (all.v[i].pc) {
				v[n].pc = all.v[i].pc;
				v[n++].count = all.v[i].count;
			}
	}
	free(sum);
	vp_unmap(all.v, all.v ? vp_pcs_size(all.shift) : 0);
	*out = v;
	return v ? n : 0;
}

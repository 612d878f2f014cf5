/* vitprof.c - the -finstrument-functions hooks, per-thread tables, the
 * clock, thread exit, fork and exit.
 *
 * The hot path (one __cyg_profile_func_enter/exit pair): one TLS load, one
 * hash probe for the (caller, callee) edge, whose count it increments, a
 * push and a pop; no time at all. Times come from a sampler thread that,
 * every tick, adds the time since its last tick to the functions on each
 * live thread's shadow stack (see vp_sampler). No lock, no allocation, no
 * call out of the runtime in the hooks. Nothing here is instrumented (the
 * Makefile builds this directory without -finstrument-functions) and
 * nothing here calls malloc while a hook runs: tables and stacks are
 * mmap()ed. VITPROF_CLOCK=precise instead reads the clock at every entry
 * and exit (exact per-call times, much slower).
 */
#define _GNU_SOURCE
#include "vp_internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define VP_NOINST      __attribute__((no_instrument_function))
#define VP_PUBLIC      __attribute__((visibility("default"), no_instrument_function))
#define VP_LIKELY(x)   __builtin_expect(!!(x), 1)
#define VP_UNLIKELY(x) __builtin_expect(!!(x), 0)

#define VP_FUNC_BITS0	   11 /* first tables: 2048 functions, 4096 edges */
#define VP_EDGE_BITS0	   12
#define VP_STACK0	   1024 /* frames */
#define VP_MAX_RETIRED	   64
#define VP_DEFAULT_TICK_NS 200000 /* the sampler's period: 200 us */

VP_PUBLIC void __cyg_profile_func_enter(void *fn, void *site);
VP_PUBLIC void __cyg_profile_func_exit(void *fn, void *site);

/* a thread record with its retired arrays, freed at thread exit */
struct vp_owned {
	struct vp_thread t;
	struct {
		void *ptr;
		size_t size;
	} retired[VP_MAX_RETIRED];
	unsigned nretired;
};

/* The record of a thread that records nothing (set up failed, finished,
 * or the runtime is running on it): busy forever. A thread starts with
 * vp_new, busy too, so that the hooks test one flag. */
static struct vp_thread vp_off = {.busy = 1};
static struct vp_thread vp_new = {.busy = 1};
static __thread struct vp_thread *vp_self __attribute__((tls_model("initial-exec"))) = &vp_new;

static pthread_once_t vp_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t vp_lock = PTHREAD_MUTEX_INITIALIZER;
static struct vp_thread *vp_threads; /* live threads, under vp_lock */
static struct vp_table vp_dead;	     /* finished threads, under vp_lock */
static pthread_key_t vp_key;

/* times: sampled (a sampler thread, every tick) or precise (the hooks) */
static bool vp_sampled;
static uint64_t vp_tick_ns = VP_DEFAULT_TICK_NS;

static char vp_path[4096];
static const char *vp_name = "";

/* ---- memory and hashing ---- */

static VP_NOINST void *vp_map(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static VP_NOINST void vp_unmap(void *p, size_t size)
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

static inline VP_NOINST size_t vp_funcs_size(uint32_t shift)
{
	return (size_t)vp_cap(shift) * sizeof(struct vp_func);
}

static inline VP_NOINST size_t vp_edges_size(uint32_t shift)
{
	return (size_t)vp_cap(shift) * sizeof(struct vp_edge);
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
	vp_unmap(tab->funcs, vp_funcs_size(tab->func_shift));
	vp_unmap(tab->edges, vp_edges_size(tab->edge_shift));
	tab->funcs = NULL;
	tab->edges = NULL;
}

/* Free an array that was replaced: at once for a private table, at thread
 * exit for a live thread's (a dump may be copying it right now). */
static VP_NOINST void vp_retire(struct vp_thread *owner, void *ptr, size_t size)
{
	struct vp_owned *o = (struct vp_owned *)owner;

	if (!owner)
		vp_unmap(ptr, size);
	else if (o->nretired < VP_MAX_RETIRED) {
		o->retired[o->nretired].ptr = ptr;
		o->retired[o->nretired++].size = size;
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

/* Double the function table (rehash). Writes the new array before the new
 * shift, so that a concurrent reader that sees a shift sees an array at
 * least that big. */
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
	cap = vp_cap(tab->edge_shift);
	for (i = 0; i < cap; i++)
		if (tab->edges[i].caller)
			tab->edges[i].func =
			    &v[vp_func_probe(v, shift, tab->edges[i].callee, &dummy)];
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
	uint32_t i, j, cap = vp_cap(src->func_shift);

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

/* ---- the clock ---- */

uint64_t vp_clock_precise(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The time for the hooks' slow paths: only the precise clock needs one. */
static inline VP_NOINST uint64_t vp_now(void)
{
	return vp_sampled ? 0 : vp_clock_precise();
}

/* One sample of a live thread, under vp_lock (so the thread's record and
 * arrays stay mapped: a thread leaves vp_threads before it frees them, and
 * replaced arrays stay mapped until then). The thread runs on: read the
 * stack after its capacity (see vp_stack_grow) and the frames below sp
 * after sp (vp_push writes a frame before it publishes sp), so every frame
 * read holds slots that were valid at some time; the worst a race does is
 * give one tick to a frame just popped, or lose it in an array that a
 * table growth just replaced. dt goes to the self time of the top frame's
 * function, to the inclusive time of every distinct function on the stack
 * (stamp: recursion is counted once) and to the edge by which the
 * outermost activation of each was entered. */
static VP_NOINST void vp_thread_sample(struct vp_thread *t, uint64_t dt, uint32_t *gen)
{
	uint32_t cap = __atomic_load_n(&t->stack_cap, __ATOMIC_ACQUIRE);
	const struct vp_frame *s = __atomic_load_n(&t->stack, __ATOMIC_ACQUIRE);
	uint32_t sp = __atomic_load_n(&t->sp, __ATOMIC_ACQUIRE), i, g;
	struct vp_func *f, *top = NULL;
	struct vp_edge *e;

	if (sp >= cap)
		sp = cap - 1;
	if (!sp)
		return;
	if (++*gen == 0)
		++*gen;
	g = *gen;
	for (i = 1; i <= sp; i++) {
		f = __atomic_load_n(&s[i].func, __ATOMIC_RELAXED);
		e = __atomic_load_n(&s[i].edge, __ATOMIC_RELAXED);
		if (!f || !e)
			continue;
		top = f;
		if (f->stamp == g)
			continue;
		f->stamp = g;
		f->incl_ns += dt;
		e->time_ns += dt;
	}
	if (top)
		top->self_ns += dt;
}

/* The sampler: every tick, the time since the last one (measured, so a
 * late wake-up loses nothing) goes to every live thread's stack. It takes
 * vp_lock, which the hooks never take. */
static VP_NOINST void *vp_sampler(void *arg)
{
	struct timespec next;
	struct vp_thread *t;
	uint64_t last = vp_clock_precise(), now, wake = last;
	uint32_t gen = 0;

	(void)arg;
	for (;;) {
		wake += vp_tick_ns;
		next.tv_sec = (time_t)(wake / 1000000000u);
		next.tv_nsec = (long)(wake % 1000000000u);
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
		pthread_mutex_lock(&vp_lock);
		now = vp_clock_precise();
		for (t = vp_threads; t; t = t->next)
			vp_thread_sample(t, now - last, &gen);
		last = now;
		pthread_mutex_unlock(&vp_lock);
		if (now > wake + vp_tick_ns) /* far behind: no burst to catch up */
			wake = now;
	}
	return NULL;
}

/* Start the sampler with every signal blocked (it must never take the
 * program's signals); fall back to the precise clock when it cannot. */
static VP_NOINST void vp_sampler_start(void)
{
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t th;

	if (!vp_sampled)
		return;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	if (pthread_create(&th, &attr, vp_sampler, NULL) == 0)
		pthread_setname_np(th, "vitprof-clock");
	else
		vp_sampled = false;
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* ---- the shadow stack ---- */

static struct vp_thread *vp_thread_start(void);

static VP_NOINST bool vp_stack_grow(struct vp_thread *t)
{
	uint32_t cap = t->stack_cap * 2;
	struct vp_frame *s = vp_map((size_t)cap * sizeof(*s));

	if (!s || cap < t->stack_cap)
		return false;
	memcpy(s, t->stack, (size_t)(t->sp + 1) * sizeof(*s));
	vp_retire(t, t->stack, (size_t)t->stack_cap * sizeof(*s));
	__atomic_store_n(&t->stack, s, __ATOMIC_RELEASE);
	__atomic_store_n(&t->stack_cap, cap, __ATOMIC_RELEASE);
	return true;
}

/* The slots of each frame, found again after a table grew (slots moved)
 * or in a copy of the tables. A frame whose slot is missing (a copy torn
 * by a running thread) gets the scratch ones. */
static VP_NOINST void vp_frames_remap(struct vp_thread *t, struct vp_func *fscratch,
				      struct vp_edge *escratch)
{
	struct vp_table *tab = &t->tab;
	uint32_t i, fmask = vp_cap(tab->func_shift) - 1, emask = vp_cap(tab->edge_shift) - 1;

	for (i = 1; i <= t->sp; i++) {
		struct vp_frame *fr = &t->stack[i];
		uintptr_t caller = t->stack[i - 1].fn;
		uint32_t j = vp_hash(fr->fn, tab->func_shift), n;

		for (n = 0; n <= fmask && tab->funcs[j].fn && tab->funcs[j].fn != fr->fn; n++)
			j = (j + 1) & fmask;
		fr->func = tab->funcs[j].fn == fr->fn ? &tab->funcs[j] : fscratch;
		j = vp_hash2(caller, fr->fn, tab->edge_shift);
		for (n = 0; n <= emask && tab->edges[j].caller &&
			    (tab->edges[j].caller != caller || tab->edges[j].callee != fr->fn);
		     n++)
			j = (j + 1) & emask;
		fr->edge = tab->edges[j].caller == caller && tab->edges[j].callee == fr->fn
			       ? &tab->edges[j]
			       : escratch;
	}
}

/* Close the top frame at now (precise clock). Inclusive time goes to a function only when
 * its outermost activation returns (recursion is not counted twice), and
 * then also to the edge it was called by: the times of the edges into a
 * function add up to its inclusive time. Self time is the frame's time
 * less its callees'. */
static inline VP_NOINST void vp_pop(struct vp_thread *t, uint64_t now)
{
	struct vp_frame *fr = &t->stack[t->sp];
	uint64_t dt = now - fr->t0, child = fr->child_ns;
	struct vp_func *f = fr->func;
	struct vp_edge *e = fr->edge;

	f->self_ns += dt - child;
	if (--f->active == 0) {
		f->incl_ns += dt;
		e->time_ns += dt;
	}
	fr[-1].child_ns += dt;
	t->sp--;
}

/* Close the top frame, with either clock. */
static inline VP_NOINST void vp_pop_any(struct vp_thread *t, uint64_t now)
{
	if (vp_sampled)
		t->sp--;
	else
		vp_pop(t, now);
}

void vp_thread_unwind_all(struct vp_thread *t, uint64_t now)
{
	if (vp_sampled) {
		t->sp = 0;
		return;
	}
	while (t->sp) {
		struct vp_frame *fr = &t->stack[t->sp];

		/* in a copy taken while the thread ran, times may be torn */
		if (fr->t0 > now)
			fr->t0 = now;
		if (fr->child_ns > now - fr->t0)
			fr->child_ns = now - fr->t0;
		vp_pop(t, now);
	}
}

/* Push a frame for fn, whose slots are f and e; timed (the precise clock)
 * at now. The frame is written before sp is published, for the sampler. */
static inline VP_NOINST void vp_push(struct vp_thread *t, struct vp_frame *up, uintptr_t fn,
				     struct vp_func *f, struct vp_edge *e, bool timed,
				     uint64_t now)
{
	struct vp_frame *fr = up + 1;

	e->count++;
	fr->fn = fn;
	fr->func = f;
	fr->edge = e;
	if (timed) {
		f->active++;
		fr->t0 = now;
		fr->child_ns = 0;
	}
	__atomic_store_n(&t->sp, t->sp + 1, __ATOMIC_RELEASE);
}

/* Everything the fast path does not: first call on a thread, a new
 * function or edge, a hash collision, a full table or stack. */
static __attribute__((noinline, cold)) VP_NOINST void vp_enter_slow(struct vp_thread *t,
								    uintptr_t fn)
{
	uint32_t fshift, eshift, fi, ei;
	struct vp_frame *up;

	if (t == &vp_new)
		t = vp_thread_start();
	if (t->busy)
		return;
	t->busy = 1;
	if (t->sp + 1 >= t->stack_cap && !vp_stack_grow(t))
		goto out;
	fshift = t->tab.func_shift;
	eshift = t->tab.edge_shift;
	fi = vp_table_func(&t->tab, t, fn);
	up = &t->stack[t->sp];
	ei = fi == VP_NONE ? VP_NONE : vp_table_edge(&t->tab, t, up->fn, fn);
	if (fshift != t->tab.func_shift || eshift != t->tab.edge_shift)
		vp_frames_remap(t, &t->tab.funcs[0], &t->tab.edges[0]);
	if (ei == VP_NONE)
		goto out;
	t->tab.edges[ei].func = &t->tab.funcs[fi];
	vp_push(t, up, fn, &t->tab.funcs[fi], &t->tab.edges[ei], !vp_sampled, vp_now());
out:
	__asm__ volatile("" ::: "memory");
	t->busy = 0;
}

/* An exit that is not the top frame's: the frames above the matching one
 * were skipped by longjmp and are closed now; an exit whose entry was not
 * recorded changes nothing. */
static __attribute__((noinline, cold)) VP_NOINST void vp_exit_slow(struct vp_thread *t,
								   uintptr_t fn)
{
	uint64_t now;
	uint32_t i;

	if (t->busy)
		return;
	for (i = t->sp; i > 0 && t->stack[i].fn != fn; i--)
		;
	if (!i)
		return;
	now = vp_now();
	while (t->sp >= i)
		vp_pop_any(t, now);
}

/* ---- threads ---- */

static VP_NOINST void vp_thread_free(struct vp_thread *t)
{
	struct vp_owned *o = (struct vp_owned *)t;
	unsigned i;

	for (i = 0; i < o->nretired; i++)
		vp_unmap(o->retired[i].ptr, o->retired[i].size);
	vp_table_free(&t->tab);
	vp_unmap(t->stack, (size_t)t->stack_cap * sizeof(*t->stack));
	vp_unmap(o, sizeof(*o));
}

/* pthread key destructor: the thread is finishing; fold its counters into
 * the finished threads' table. */
static VP_NOINST void vp_thread_exit(void *arg)
{
	struct vp_thread *t = arg, **pp;

	vp_self = &vp_off;
	vp_thread_unwind_all(t, vp_now());
	pthread_mutex_lock(&vp_lock);
	for (pp = &vp_threads; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	vp_table_merge(&vp_dead, &t->tab);
	pthread_mutex_unlock(&vp_lock);
	vp_thread_free(t);
}

static void vp_global_init(void);

static VP_NOINST struct vp_thread *vp_thread_start(void)
{
	struct vp_owned *o;
	struct vp_thread *t;

	vp_self = &vp_off; /* whatever runs while we set up is not recorded */
	pthread_once(&vp_once, vp_global_init);
	o = vp_map(sizeof(*o));
	if (!o)
		return &vp_off;
	t = &o->t;
	t->stack_cap = VP_STACK0;
	t->stack = vp_map((size_t)t->stack_cap * sizeof(*t->stack));
	if (!t->stack || !vp_table_init(&t->tab, VP_FUNC_BITS0, VP_EDGE_BITS0)) {
		vp_unmap(t->stack, (size_t)t->stack_cap * sizeof(*t->stack));
		vp_unmap(o, sizeof(*o));
		return &vp_off;
	}
	t->stack[0].fn = VP_ROOT;
	pthread_mutex_lock(&vp_lock);
	t->next = vp_threads;
	vp_threads = t;
	pthread_mutex_unlock(&vp_lock);
	pthread_setspecific(vp_key, t);
	vp_self = t;
	return t;
}

struct vp_thread *vp_self_enter(void)
{
	struct vp_thread *t = vp_self;

	if (t == &vp_new) {
		vp_self = &vp_off;
		return NULL;
	}
	if (t != &vp_off)
		t->busy++;
	return t;
}

void vp_self_leave(struct vp_thread *t)
{
	if (!t)
		vp_self = &vp_new;
	else if (t != &vp_off)
		t->busy--;
}

/* A private copy of a live thread, which may be running: read each array
 * after its size (see vp_funcs_grow), find the frames' slots in the copy. */
static VP_NOINST bool vp_thread_copy(struct vp_thread *dst, struct vp_thread *src,
				     struct vp_func *fscratch, struct vp_edge *escratch)
{
	uint32_t fshift = __atomic_load_n(&src->tab.func_shift, __ATOMIC_ACQUIRE);
	uint32_t eshift = __atomic_load_n(&src->tab.edge_shift, __ATOMIC_ACQUIRE);
	uint32_t scap = __atomic_load_n(&src->stack_cap, __ATOMIC_ACQUIRE);
	const struct vp_func *funcs = __atomic_load_n(&src->tab.funcs, __ATOMIC_ACQUIRE);
	const struct vp_edge *edges = __atomic_load_n(&src->tab.edges, __ATOMIC_ACQUIRE);
	const struct vp_frame *stack = __atomic_load_n(&src->stack, __ATOMIC_ACQUIRE);
	uint32_t sp = __atomic_load_n(&src->sp, __ATOMIC_RELAXED);

	memset(dst, 0, sizeof(*dst));
	dst->tab.func_shift = fshift;
	dst->tab.edge_shift = eshift;
	dst->stack_cap = scap;
	dst->sp = sp < scap ? sp : scap - 1;
	dst->tab.funcs = vp_map(vp_funcs_size(fshift));
	dst->tab.edges = vp_map(vp_edges_size(eshift));
	dst->stack = vp_map((size_t)scap * sizeof(*stack));
	if (!dst->tab.funcs || !dst->tab.edges || !dst->stack) {
		vp_table_free(&dst->tab);
		vp_unmap(dst->stack, (size_t)scap * sizeof(*stack));
		return false;
	}
	memcpy(dst->tab.funcs, funcs, vp_funcs_size(fshift));
	memcpy(dst->tab.edges, edges, vp_edges_size(eshift));
	memcpy(dst->stack, stack, (size_t)(dst->sp + 1) * sizeof(*stack));
	vp_frames_remap(dst, fscratch, escratch);
	return true;
}

void vp_collect(struct vp_table *dst, uint64_t now)
{
	struct vp_thread *t, copy;
	struct vp_func fscratch;
	struct vp_edge escratch;

	pthread_mutex_lock(&vp_lock);
	vp_table_merge(dst, &vp_dead);
	for (t = vp_threads; t; t = t->next) {
		if (!vp_thread_copy(&copy, t, &fscratch, &escratch))
			continue;
		vp_thread_unwind_all(&copy, now);
		vp_table_merge(dst, &copy.tab);
		vp_table_free(&copy.tab);
		vp_unmap(copy.stack, (size_t)copy.stack_cap * sizeof(*copy.stack));
	}
	pthread_mutex_unlock(&vp_lock);
}

/* ---- fork and exit ---- */

static VP_NOINST void vp_fork_prepare(void)
{
	pthread_mutex_lock(&vp_lock);
}

static VP_NOINST void vp_fork_parent(void)
{
	pthread_mutex_unlock(&vp_lock);
}

static VP_NOINST void vp_table_clear(struct vp_table *tab)
{
	uint32_t i, cap = vp_cap(tab->func_shift);

	for (i = 0; i < cap; i++) {
		tab->funcs[i].incl_ns = tab->funcs[i].self_ns = 0;
		tab->funcs[i].active = tab->funcs[i].stamp = 0;
	}
	cap = vp_cap(tab->edge_shift);
	for (i = 0; i < cap; i++) {
		tab->edges[i].count = tab->edges[i].time_ns = 0;
	}
}

/* The child starts a profile of its own: only the forking thread lives
 * on; the functions on its stack count as entered once, at the fork. */
static VP_NOINST void vp_fork_child(void)
{
	struct vp_thread *self = vp_self, *t, *next;
	uint64_t now;
	uint32_t i;

	for (t = vp_threads; t; t = next) {
		next = t->next;
		if (t != self)
			vp_thread_free(t);
	}
	vp_threads = NULL;
	if (self != &vp_new && self != &vp_off) {
		self->next = NULL;
		vp_threads = self;
	}
	vp_table_clear(&vp_dead);
	vp_sites_reset();
	vp_sampler_start();
	now = vp_clock_precise();
	if (self != &vp_new && self != &vp_off) {
		vp_table_clear(&self->tab);
		for (i = 1; i <= self->sp; i++) {
			struct vp_frame *fr = &self->stack[i];

			fr->t0 = now;
			fr->child_ns = 0;
			fr->func->active++;
			fr->edge->count++;
		}
	}
	pthread_mutex_unlock(&vp_lock);
}

static VP_NOINST void vp_at_exit(void)
{
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

static VP_NOINST void vp_global_init(void)
{
	const char *clock = getenv("VITPROF_CLOCK");
	const char *tick = getenv("VITPROF_TICK_US");
	ssize_t n = readlink("/proc/self/exe", vp_path, sizeof(vp_path) - 1);
	const char *slash;

	vp_path[n > 0 ? n : 0] = '\0';
	slash = strrchr(vp_path, '/');
	vp_name = slash ? slash + 1 : n > 0 ? vp_path : program_invocation_short_name;
	vp_sampled = !(clock && strcmp(clock, "precise") == 0);
	if (tick && atol(tick) > 0)
		vp_tick_ns = (uint64_t)atol(tick) * 1000;
	vp_table_init(&vp_dead, 8, 8);
	pthread_key_create(&vp_key, vp_thread_exit);
	pthread_atfork(vp_fork_prepare, vp_fork_parent, vp_fork_child);
	vp_sampler_start();
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
 * The fast paths call nothing (so they save no register) and take only
 * the first probe of the edge table, whose slot also points to the
 * callee's; anything else goes to the slow paths. Sampled (the default),
 * they count the edge and push or pop a frame: no clock, no function slot.
 * They do not set busy: only a signal handler could run in between, and
 * the worst it can do there is lose or blur one call's counts (old arrays
 * stay mapped until the thread ends, so nothing points into freed memory).
 */

/* The enter fast path: false when the slow path must run. */
static inline VP_NOINST bool vp_enter_fast(struct vp_thread *t, uintptr_t fn, bool timed)
{
	struct vp_frame *up;
	struct vp_edge *e;

	if (VP_UNLIKELY(t->busy || t->sp + 1 >= t->stack_cap))
		return false;
	up = &t->stack[t->sp];
	e = &t->tab.edges[vp_hash2(up->fn, fn, t->tab.edge_shift)];
	if (VP_UNLIKELY(e->caller != up->fn || e->callee != fn))
		return false;
	vp_push(t, up, fn, e->func, e, timed, timed ? vp_clock_precise() : 0);
	return true;
}

/* The precise clock's fast path, and the slow path. */
static __attribute__((noinline)) VP_NOINST void vp_enter_other(struct vp_thread *t, uintptr_t fn)
{
	if (!vp_sampled && vp_enter_fast(t, fn, true))
		return;
	vp_enter_slow(t, fn);
}

static __attribute__((noinline)) VP_NOINST void vp_exit_other(struct vp_thread *t, uintptr_t fn)
{
	if (t->busy)
		return;
	if (t->stack[t->sp].fn == fn)
		vp_pop_any(t, vp_now());
	else
		vp_exit_slow(t, fn);
}

void __cyg_profile_func_enter(void *fnp, void *site)
{
	struct vp_thread *t = vp_self;

	(void)site;
	if (VP_LIKELY(vp_sampled) && VP_LIKELY(vp_enter_fast(t, (uintptr_t)fnp, false)))
		return;
	vp_enter_other(t, (uintptr_t)fnp);
}

void __cyg_profile_func_exit(void *fnp, void *site)
{
	struct vp_thread *t = vp_self;

	(void)site;
	/* the sentinel's fn never matches: sp > 0 when it does */
	if (VP_LIKELY(vp_sampled) && VP_LIKELY(!t->busy) &&
	    VP_LIKELY(t->stack[t->sp].fn == (uintptr_t)fnp)) {
		t->sp--;
		return;
	}
	vp_exit_other(t, (uintptr_t)fnp);
}

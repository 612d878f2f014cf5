/* profile.c - the profile model: string table, arrays, canonical order. */
#define _GNU_SOURCE /* qsort_r */
#include "src/model/profile.h"

#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/base/sort.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *const mode_names[] = {
    [PF_MODE_UNSET] = "",
    [PF_MODE_INSTRUMENTED] = "instrumented",
    [PF_MODE_SAMPLED] = "sampled",
    [PF_MODE_MERGED] = "merged",
    [PF_MODE_IMPORTED] = "imported",
};

struct profile *profile_new(void)
{
	struct profile *p = xcalloc(1, sizeof(*p));

	p->program = PF_NONE;
	p->meta.created = p->meta.tool = p->meta.binary = p->meta.build_id = PF_NONE;
	p->meta.runs = 1;
	return p;
}

void profile_free(struct profile *p)
{
	if (!p)
		return;
	free(p->str_arena);
	free(p->str_off.v);
	free(p->str_hash);
	free(p->func_of_str);
	free(p->funcs.v);
	free(p->edges.v);
	free(p->branches.v);
	free(p->loops.v);
	free(p->lines.v);
	free(p->discs.v);
	free(p->contexts.v);
	free(p->extras.v);
	free(p->legacy_hot.v);
	free(p);
}

/* ---- string table ---- */

/* 8 bytes at a time, multiplied and folded (names are long and many). */
static uint32_t str_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ len, w;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	h *= 0xbf58476d1ce4e5b9ULL;
	return (uint32_t)(h ^ (h >> 32));
}

static bool str_equal(const struct profile *p, uint32_t id, const char *s, size_t len)
{
	size_t off = p->str_off.v[id];
	const char *t = p->str_arena + off;

	/* an equal string ends, with its NUL, inside the arena */
	return off + len < p->arena_len && memcmp(t, s, len) == 0 && t[len] == '\0';
}

/* The high bits of a hash that a slot of a table of cap slots keeps above
 * an id + 1 (the low bits choose the slot); the id + 1 in a slot. */
static uint32_t str_tag(uint32_t h, uint32_t cap)
{
	return h & ~(cap - 1);
}

static uint32_t str_slot_id(uint32_t slot, uint32_t cap)
{
	return slot & (cap - 1);
}

/* Slot of s in the hash table: its entry, or the empty slot for it. A
 * slot of 4 bytes keeps part of each string's hash beside its id, so that
 * a probe only reads the arena for a likely match, and the table is small
 * (it is read at random: what stays in the cache counts). */
static uint32_t str_slot(const struct profile *p, const char *s, size_t len, uint32_t h)
{
	uint32_t cap = p->str_hash_cap, i = h & (cap - 1), tag = str_tag(h, cap);

	while (p->str_hash[i] && (str_tag(p->str_hash[i], cap) != tag ||
				  !str_equal(p, str_slot_id(p->str_hash[i], cap) - 1, s, len)))
		i = (i + 1) & (cap - 1);
	return i;
}

/* Whether a table of cap slots is too full for n strings: past 3/4, where
 * linear probing still finds most strings in the first cache line read,
 * and the table is half the size it would be at 1/2 (it is read at random:
 * what fits in the cache counts). */
static bool str_full(uint64_t n, uint64_t cap)
{
	return n * 4 >= cap * 3;
}

/* A table twice as big, every string hashed again (slots keep only part
 * of a hash). */
static void str_rehash(struct profile *p)
{
	uint32_t cap = p->str_hash_cap ? p->str_hash_cap * 2 : 1024, id;

	if (p->str_hash_cap >= (uint32_t)1 << 31)
		die_nomem(); /* ids + 1 and a tag bit fill a slot */
	free(p->str_hash);
	p->str_hash = xcalloc(cap, sizeof(*p->str_hash));
	p->str_hash_cap = cap;
	for (id = 0; id < p->str_off.n; id++) {
		const char *s = p->str_arena + p->str_off.v[id];
		uint32_t h = str_hash(s, strlen(s)), j = h & (cap - 1);

		while (p->str_hash[j])
			j = (j + 1) & (cap - 1);
		p->str_hash[j] = str_tag(h, cap) | (id + 1);
	}
}

void profile_reserve_strings(struct profile *p, uint32_t n, size_t bytes)
{
	uint64_t total = (uint64_t)p->str_off.n + n;
	uint32_t old_cap = p->str_off.cap;

	if (total >= UINT32_MAX - 1)
		die_nomem(); /* string ids are 32-bit */
	if (p->arena_len + bytes > p->arena_cap) {
		p->arena_cap = p->arena_len + bytes;
		p->str_arena = xrealloc(p->str_arena, p->arena_cap);
	}
	if (total > old_cap) {
		p->str_off.cap = (uint32_t)total;
		p->str_off.v = xreallocarray(p->str_off.v, total, sizeof(*p->str_off.v));
		p->func_of_str = xreallocarray(p->func_of_str, total, sizeof(uint32_t));
		memset(p->func_of_str + old_cap, 0xff, (total - old_cap) * sizeof(uint32_t));
	}
	while (str_full(total, p->str_hash_cap))
		str_rehash(p);
}

uint32_t profile_str_find(const struct profile *p, const char *s, size_t len)
{
	uint32_t slot;

	if (!p->str_hash_cap)
		return PF_NONE;
	slot = str_slot(p, s, len, str_hash(s, len));
	return p->str_hash[slot] ? str_slot_id(p->str_hash[slot], p->str_hash_cap) - 1 : PF_NONE;
}

/* profile_intern() of s, whose hash is h, the table having room for it. */
static uint32_t str_intern(struct profile *p, const char *s, size_t len, uint32_t h)
{
	uint32_t slot = str_slot(p, s, len, h), id;
	uint32_t old_cap = p->str_off.cap;

	if (p->str_hash[slot])
		return str_slot_id(p->str_hash[slot], p->str_hash_cap) - 1;

	if (p->arena_len + len + 1 > p->arena_cap) {
		size_t cap = p->arena_cap ? p->arena_cap * 2 : 4096;

		while (cap < p->arena_len + len + 1)
			cap *= 2;
		p->str_arena = xrealloc(p->str_arena, cap);
		p->arena_cap = cap;
	}
	memcpy(p->str_arena + p->arena_len, s, len);
	p->str_arena[p->arena_len + len] = '\0';

	id = VEC_PUSH(p->str_off);
	p->str_off.v[id] = p->arena_len;
	p->arena_len += len + 1;
	if (p->str_off.cap != old_cap) {
		p->func_of_str = xreallocarray(p->func_of_str, p->str_off.cap, sizeof(uint32_t));
		memset(p->func_of_str + old_cap, 0xff,
		       (p->str_off.cap - old_cap) * sizeof(uint32_t));
	}
	p->str_hash[slot] = str_tag(h, p->str_hash_cap) | (id + 1);
	return id;
}

uint32_t profile_intern(struct profile *p, const char *s, size_t len)
{
	if (str_full(p->str_off.n, p->str_hash_cap))
		str_rehash(p);
	return str_intern(p, s, len, str_hash(s, len));
}

#define INTERN_AHEAD 16 /* strings hashed, and their slots fetched, ahead */

uint32_t profile_intern_block(struct profile *p, const char *block, size_t bytes, uint32_t n)
{
	uint32_t h[INTERN_AHEAD], i, repeat = n;
	const char *at = block, *ahead = block;
	size_t len[INTERN_AHEAD];

	profile_reserve_strings(p, n, bytes);
	/* the slots of strings i + 1 .. i + INTERN_AHEAD are on their way
	 * while string i is probed: random reads overlap instead of queuing */
	for (i = 0; i < n + INTERN_AHEAD; i++) {
		uint32_t k = i % INTERN_AHEAD;

		if (i >= INTERN_AHEAD) {
			uint32_t before = p->str_off.n;

			str_intern(p, at, len[k], h[k]);
			if (p->str_off.n == before && repeat == n)
				repeat = i - INTERN_AHEAD;
			at += len[k] + 1;
		}
		if (i < n) {
			len[k] = strlen(ahead);
			h[k] = str_hash(ahead, len[k]);
			__builtin_prefetch(&p->str_hash[h[k] & (p->str_hash_cap - 1)]);
			ahead += len[k] + 1;
		}
	}
	return repeat;
}

void profile_copy_strings(struct profile *dst, const struct profile *src)
{
	size_t n = src->str_off.n;

	if (dst->str_off.n || !n)
		return;
	if (dst->arena_cap < src->arena_len) {
		dst->str_arena = xrealloc(dst->str_arena, src->arena_len);
		dst->arena_cap = src->arena_len;
	}
	memcpy(dst->str_arena, src->str_arena, src->arena_len);
	dst->arena_len = src->arena_len;
	if (dst->str_off.cap < n) {
		dst->str_off.v = xreallocarray(dst->str_off.v, n, sizeof(*dst->str_off.v));
		dst->func_of_str = xreallocarray(dst->func_of_str, n, sizeof(uint32_t));
		memset(dst->func_of_str + dst->str_off.cap, 0xff,
		       (n - dst->str_off.cap) * sizeof(uint32_t));
		dst->str_off.cap = (uint32_t)n;
	}
	memcpy(dst->str_off.v, src->str_off.v, n * sizeof(*dst->str_off.v));
	dst->str_off.n = (uint32_t)n;
	if (dst->str_hash_cap != src->str_hash_cap) {
		free(dst->str_hash);
		dst->str_hash = xreallocarray(NULL, src->str_hash_cap, sizeof(*dst->str_hash));
		dst->str_hash_cap = src->str_hash_cap;
	}
	memcpy(dst->str_hash, src->str_hash, src->str_hash_cap * sizeof(*dst->str_hash));
}

void profile_clear(struct profile *p)
{
	struct profile keep = *p;

	if (keep.func_of_str)
		memset(keep.func_of_str, 0xff, (size_t)keep.str_off.cap * sizeof(uint32_t));
	if (keep.str_hash)
		memset(keep.str_hash, 0, (size_t)keep.str_hash_cap * sizeof(*keep.str_hash));
	memset(p, 0, sizeof(*p));
	p->program = PF_NONE;
	p->meta.created = p->meta.tool = p->meta.binary = p->meta.build_id = PF_NONE;
	p->meta.runs = 1;
	p->str_arena = keep.str_arena;
	p->arena_cap = keep.arena_cap;
	p->str_off.v = keep.str_off.v, p->str_off.cap = keep.str_off.cap;
	p->str_hash = keep.str_hash, p->str_hash_cap = keep.str_hash_cap;
	p->func_of_str = keep.func_of_str;
	p->funcs.v = keep.funcs.v, p->funcs.cap = keep.funcs.cap;
	p->edges.v = keep.edges.v, p->edges.cap = keep.edges.cap;
	p->branches.v = keep.branches.v, p->branches.cap = keep.branches.cap;
	p->loops.v = keep.loops.v, p->loops.cap = keep.loops.cap;
	p->lines.v = keep.lines.v, p->lines.cap = keep.lines.cap;
	p->discs.v = keep.discs.v, p->discs.cap = keep.discs.cap;
	p->contexts.v = keep.contexts.v, p->contexts.cap = keep.contexts.cap;
	p->extras.v = keep.extras.v, p->extras.cap = keep.extras.cap;
	p->legacy_hot.v = keep.legacy_hot.v, p->legacy_hot.cap = keep.legacy_hot.cap;
}

const char *profile_str(const struct profile *p, uint32_t id)
{
	return id == PF_NONE ? "" : p->str_arena + p->str_off.v[id];
}

/* ---- elements ---- */

uint32_t profile_find_function(const struct profile *p, const char *name)
{
	uint32_t id = profile_str_find(p, name, strlen(name));

	return id == PF_NONE ? PF_NONE : p->func_of_str[id];
}

uint32_t profile_add_function(struct profile *p, uint32_t name, bool *created)
{
	struct pf_function *f;
	uint32_t id = p->func_of_str[name];

	if (created)
		*created = id == PF_NONE;
	if (id != PF_NONE)
		return id;
	id = VEC_PUSH(p->funcs);
	f = &p->funcs.v[id];
	memset(f, 0, sizeof(*f));
	f->name = name;
	f->file = f->checksum = PF_NONE;
	p->func_of_str[name] = id;
	return id;
}

struct pf_edge *profile_add_edge(struct profile *p)
{
	uint32_t i = VEC_PUSH(p->edges); /* before taking .v: it may move */
	struct pf_edge *e = &p->edges.v[i];

	memset(e, 0, sizeof(*e));
	return e;
}

struct pf_branch *profile_add_branch(struct profile *p)
{
	uint32_t i = VEC_PUSH(p->branches); /* before taking .v: it may move */
	struct pf_branch *b = &p->branches.v[i];

	memset(b, 0, sizeof(*b));
	b->id = PF_NONE;
	return b;
}

struct pf_loop *profile_add_loop(struct profile *p)
{
	uint32_t i = VEC_PUSH(p->loops); /* before taking .v: it may move */
	struct pf_loop *l = &p->loops.v[i];

	memset(l, 0, sizeof(*l));
	l->name = PF_NONE;
	return l;
}

struct pf_disc *profile_add_disc(struct profile *p)
{
	uint32_t i = VEC_PUSH(p->discs); /* before taking .v: it may move */
	struct pf_disc *d = &p->discs.v[i];

	memset(d, 0, sizeof(*d));
	return d;
}

const struct pf_disc *profile_func_discs(const struct profile *p, uint32_t func, uint32_t *n)
{
	uint32_t lo = 0, hi = p->discs.n, at;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (p->discs.v[mid].func < func)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (at = lo; at < p->discs.n && p->discs.v[at].func == func; at++)
		;
	*n = at - lo;
	return *n ? &p->discs.v[lo] : NULL;
}

struct pf_line *profile_add_line(struct profile *p)
{
	uint32_t i = VEC_PUSH(p->lines); /* before taking .v: it may move */
	struct pf_line *l = &p->lines.v[i];

	memset(l, 0, sizeof(*l));
	return l;
}

struct pf_context *profile_add_context(struct profile *p, uint32_t parent, uint32_t func)
{
	uint32_t i = VEC_PUSH(p->contexts); /* before taking .v: it may move */
	struct pf_context *c = &p->contexts.v[i];

	memset(c, 0, sizeof(*c));
	c->parent = parent;
	c->func = func;
	return c;
}

void profile_add_extra(struct profile *p, enum pf_owner kind, uint32_t owner, uint32_t key,
		       uint32_t json)
{
	uint32_t i = VEC_PUSH(p->extras); /* before taking .v: it may move */
	struct pf_extra *x = &p->extras.v[i];

	x->owner_kind = kind;
	x->owner = owner;
	x->key = key;
	x->json = json;
}

void profile_add_hot_loop(struct profile *p, uint32_t name)
{
	uint32_t i = VEC_PUSH(p->legacy_hot);

	p->legacy_hot.v[i] = name;
}

uint64_t profile_sat_add(struct profile *p, uint64_t a, uint64_t b)
{
	if (a > UINT64_MAX - b) {
		p->saturated++;
		return UINT64_MAX;
	}
	return a + b;
}

unsigned __int128 profile_total_self_exact(const struct profile *p)
{
	unsigned __int128 total = 0;
	uint32_t i;

	for (i = 0; i < p->funcs.n; i++)
		total += p->funcs.v[i].self_ns;
	return total;
}

uint64_t profile_total_self(const struct profile *p)
{
	uint64_t total = 0;
	uint32_t i;

	for (i = 0; i < p->funcs.n; i++) {
		uint64_t s = p->funcs.v[i].self_ns;

		total = add_sat_u64(total, s);
	}
	return total;
}

bool profile_counts_calls(const struct profile *p)
{
	return p->meta.mode != PF_MODE_SAMPLED;
}

const char *profile_symbol_name(const char *name, size_t *len, size_t *unit_len)
{
	size_t k = strcspn(name, ":(< "), n;
	const char *at;

	*unit_len = 0;
	*len = strlen(name);
	if (name[k] != ':' || name[k + 1] == ':' || name[k + 1] == '\0' || k == 0)
		return name;
	*unit_len = k;
	name += k + 1;
	n = strlen(name);
	at = strstr(name, "@+0x");
	/* "@+0x" then hex digits to the end: an address suffix */
	if (at && at > name && strspn(at + 4, "0123456789abcdef") == n - (size_t)(at + 4 - name) &&
	    at[4])
		n = (size_t)(at - name);
	*len = n;
	return name;
}

const char *profile_mode_name(enum pf_mode mode)
{
	return (unsigned)mode < sizeof(mode_names) / sizeof(mode_names[0]) ? mode_names[mode] : "";
}

bool profile_mode_parse(const char *name, enum pf_mode *mode)
{
	unsigned i;

	for (i = PF_MODE_INSTRUMENTED; i < sizeof(mode_names) / sizeof(mode_names[0]); i++) {
		if (strcmp(name, mode_names[i]) == 0) {
			*mode = (enum pf_mode)i;
			return true;
		}
	}
	return false;
}

static const char *const clock_names[] = {"", "cpu", "wall", "precise", "mixed"};

const char *profile_clock_name(enum pf_clock clock)
{
	return (unsigned)clock < sizeof(clock_names) / sizeof(clock_names[0]) ? clock_names[clock]
									      : "";
}

bool profile_clock_parse(const char *name, enum pf_clock *clock)
{
	unsigned i;

	for (i = PF_CLOCK_CPU; i < sizeof(clock_names) / sizeof(clock_names[0]); i++) {
		if (strcmp(name, clock_names[i]) == 0) {
			*clock = (enum pf_clock)i;
			return true;
		}
	}
	return false;
}

const char *profile_clock_what(enum pf_clock clock)
{
	switch (clock) {
	case PF_CLOCK_CPU:
		return "CPU time";
	case PF_CLOCK_WALL:
	case PF_CLOCK_PRECISE:
		return "wall time";
	case PF_CLOCK_MIXED:
		return "CPU and wall time";
	default:
		return NULL;
	}
}

/* ---- canonical order ---- */

static int cmp_function(const struct profile *p, const void *a, const void *b);

struct sort_ctx {
	const struct profile *p;
	const void *base;
	size_t elsize;
	int (*cmp)(const struct profile *p, const void *a, const void *b);
};

static int cmp_str(const struct profile *p, uint32_t a, uint32_t b)
{
	if (a == b)
		return 0;
	if (a == PF_NONE || b == PF_NONE)
		return a == PF_NONE ? -1 : 1;
	return strcmp(profile_str(p, a), profile_str(p, b));
}

/* Compare two positions by their elements' keys, ties by position, so the
 * order is total and the earlier of two duplicates stays first. */
static int cmp_index(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *c = arg;
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	const char *base = c->base;
	int r = c->cmp(c->p, base + i * c->elsize, base + j * c->elsize);

	return r ? r : cmp_u64(i, j);
}

#define RADIX_MIN 256 /* below this, a comparison sort costs less */

/* 8 bytes of a name from byte depth on (it is that long), big-endian,
 * zeros past its end: keys order as strcmp() orders the names. */
static uint64_t name_chunk(const char *name, size_t depth)
{
	const unsigned char *c = (const unsigned char *)name + depth;
	uint64_t k = 0;
	unsigned j, end = 0;

	for (j = 0; j < 8; j++) {
		end = end || !c[j];
		k = k << 8 | (end ? 0 : c[j]);
	}
	return k;
}

static int cmp_kv_name(const void *a, const void *b, void *arg)
{
	const struct profile *p = arg;
	const struct radix_kv *x = a, *y = b;
	int r = strcmp(profile_str(p, p->funcs.v[x->val].name),
		       profile_str(p, p->funcs.v[y->val].name));

	return r ? r : cmp_u64(x->val, y->val);
}

/* Functions a[0..n) (positions in i) by name, their names all equal up to
 * byte depth: an MSD radix sort, 8 bytes a level, so that most names are
 * read a few times instead of at each of log n comparisons; a run of
 * names that still share a long prefix falls back to comparisons. */
static void sort_names(const struct profile *p, struct radix_kv *a, struct radix_kv *tmp,
		       uint32_t n, size_t depth)
{
	uint32_t s, e;

	if (n < RADIX_MIN || depth >= 64) {
		qsort_r(a, n, sizeof(*a), cmp_kv_name, (void *)(uintptr_t)p);
		return;
	}
	for (s = 0; s < n; s++)
		a[s].key = name_chunk(profile_str(p, p->funcs.v[a[s].val].name), depth);
	radix_sort(a, tmp, n);
	for (s = 0; s < n; s = e) {
		for (e = s + 1; e < n && a[e].key == a[s].key; e++)
			;
		if (e - s > 1 && (a[s].key & 0xff)) /* the names go on past these 8 bytes */
			sort_names(p, a + s, tmp, e - s, depth + 8);
	}
}

#define SMALL_RUN 32 /* runs this short are sorted by insertion */

/* Pairs a[0..n) by key, equal keys in their order: counted into buckets
 * by the key's high half, below buckets (a function id: sites come
 * grouped by function, so the pairs move in runs), then each bucket by
 * the low half, by insertion while it is short. */
static void sort_by_high(struct radix_kv *a, struct radix_kv *tmp, uint32_t n, uint32_t buckets)
{
	uint32_t *at = xcalloc((size_t)buckets + 1, sizeof(*at));
	uint32_t i, j, b, s, e;

	for (i = 0; i < n; i++)
		at[(a[i].key >> 32) + 1]++;
	for (b = 0; b < buckets; b++)
		at[b + 1] += at[b];
	for (i = 0; i < n; i++)
		tmp[at[a[i].key >> 32]++] = a[i];
	for (b = 0, s = 0; b < buckets; b++, s = e) {
		e = at[b]; /* the end of bucket b now */
		if (e - s > SMALL_RUN) {
			radix_sort(tmp + s, a + s, e - s);
			continue;
		}
		for (i = s + 1; i < e; i++) {
			struct radix_kv x = tmp[i];

			for (j = i; j > s && tmp[j - 1].key > x.key; j--)
				tmp[j] = tmp[j - 1];
			tmp[j] = x;
		}
	}
	memcpy(a, tmp, (size_t)n * sizeof(*a));
	free(at);
}

/* Pairs by key: by their high halves when those are few (at most
 * max_high), else by a radix sort of the whole key. */
static void sort_pairs(struct radix_kv *a, struct radix_kv *tmp, uint32_t n, uint64_t max_high)
{
	uint64_t high = 0;
	uint32_t i;

	for (i = 0; i < n; i++)
		if (a[i].key >> 32 > high)
			high = a[i].key >> 32;
	if (n >= RADIX_MIN && high <= max_high)
		sort_by_high(a, tmp, n, (uint32_t)high + 1);
	else
		radix_sort(a, tmp, n);
}

/* The order of n elements into perm: by name for functions (cmp is
 * cmp_function); else by key, which orders elements as cmp does but may
 * tie where cmp does not (ties are sorted by cmp); else by cmp. Ties of
 * cmp by position, so the earlier of two duplicates comes first. */
static void sort_order(const struct profile *p, const void *arr, uint32_t n, size_t elsize,
		       int (*cmp)(const struct profile *, const void *, const void *),
		       uint64_t (*key)(const void *), uint32_t *perm)
{
	struct sort_ctx ctx = {p, arr, elsize, cmp};
	struct radix_kv *a, *tmp;
	uint32_t i, s, e;

	if (!key && cmp != cmp_function) {
		for (i = 0; i < n; i++)
			perm[i] = i;
		qsort_r(perm, n, sizeof(*perm), cmp_index, &ctx);
		return;
	}
	a = xmalloc((size_t)n * sizeof(*a));
	tmp = xmalloc((size_t)n * sizeof(*tmp));
	for (i = 0; i < n; i++)
		a[i] = (struct radix_kv){key ? key((const char *)arr + (size_t)i * elsize) : 0, i};
	if (key) /* the high half of every key is a function id */
		sort_pairs(a, tmp, n, p->funcs.n);
	else
		sort_names(p, a, tmp, n, 0);
	for (i = 0; i < n; i++)
		perm[i] = a[i].val;
	for (s = 0; key && s < n; s = e) {
		for (e = s + 1; e < n && a[e].key == a[s].key; e++)
			;
		if (e - s > 1)
			qsort_r(perm + s, e - s, sizeof(*perm), cmp_index, &ctx);
	}
	free(tmp);
	free(a);
}

/* What sort_array() sorts: elements of elsize bytes, ordered by cmp
 * (and key, see sort_order()); in_order is the length of the longest
 * prefix of arr[0..n) in strictly increasing order (n and more when all
 * is), a loop with cmp inlined, as most arrays come in order. */
struct sort_kind {
	size_t elsize;
	int (*cmp)(const struct profile *p, const void *a, const void *b);
	uint64_t (*key)(const void *a);
	uint32_t (*in_order)(const struct profile *p, const void *arr, uint32_t n);
};

#define GATHER_AHEAD 16 /* elements fetched ahead of their move */

/* memcpy() of one small element: by words when it is made of them (all
 * but the extra keys are), not by the string instruction a size not
 * known at compile time gets. */
static inline void copy_element(char *dst, const char *src, size_t elsize)
{
	size_t w;

	if (elsize % 8) {
		memcpy(dst, src, elsize);
		return;
	}
	for (w = 0; w < elsize; w += 8)
		memcpy(dst + w, src + w, 8);
}

/* Sort an array of n elements as sort_order() does; returns old->new
 * positions (caller frees), NULL when the array was in order already (no
 * element moved: nothing to remap), and reports the first pair of equal
 * keys in *dup_at (the later one's old position) and *dup_first, PF_NONE
 * when none or when find_dup is false. */
static uint32_t *sort_array(const struct profile *p, void *arr, uint32_t n,
			    const struct sort_kind *k, bool find_dup, uint32_t *dup_at,
			    uint32_t *dup_first)
{
	int (*cmp)(const struct profile *, const void *, const void *) = k->cmp;
	size_t elsize = k->elsize;
	uint32_t *old2new, *perm;
	char *tmp;
	uint32_t i;

	*dup_at = *dup_first = PF_NONE;
	/* files written in canonical order load in that order: no sort then */
	if (k->in_order(p, arr, n) >= n)
		return NULL;
	old2new = xmalloc((size_t)n * sizeof(*old2new));
	perm = xmalloc((size_t)n * sizeof(*perm));
	tmp = xmalloc((size_t)n * elsize);
	sort_order(p, arr, n, elsize, cmp, k->key, perm);
	for (i = 0; i < n; i++) {
		/* elements are gathered from all over: fetched ahead */
		if (i + GATHER_AHEAD < n)
			__builtin_prefetch((char *)arr + (size_t)perm[i + GATHER_AHEAD] * elsize);
		copy_element(tmp + i * elsize, (char *)arr + (size_t)perm[i] * elsize, elsize);
		old2new[perm[i]] = i;
	}
	/* equal neighbours, in the sorted copy: read in order */
	for (i = 1; find_dup && i < n; i++)
		if (cmp(p, tmp + (i - 1) * elsize, tmp + i * elsize) == 0) {
			*dup_at = perm[i];
			*dup_first = perm[i - 1];
			break;
		}
	memcpy(arr, tmp, (size_t)n * elsize);
	free(tmp);
	free(perm);
	return old2new;
}

static int cmp_function(const struct profile *p, const void *a, const void *b)
{
	return cmp_str(p, ((const struct pf_function *)a)->name,
		       ((const struct pf_function *)b)->name);
}

/* After functions are sorted, ids compare as names do. */
static int cmp_edge(const struct profile *p, const void *a, const void *b)
{
	const struct pf_edge *x = a, *y = b;

	(void)p;
	return x->caller != y->caller ? cmp_u64(x->caller, y->caller)
				      : cmp_u64(x->callee, y->callee);
}

/* Keys that order edges and lines as cmp_edge and cmp_line do. */
static uint64_t key_edge(const void *a)
{
	const struct pf_edge *e = a;

	return (uint64_t)e->caller << 32 | e->callee;
}

static uint64_t key_line(const void *a)
{
	const struct pf_line *l = a;

	return (uint64_t)l->func << 32 | l->line;
}

/* Keys that order sites as cmp_branch and cmp_loop do, ties left to them. */
static uint64_t key_branch(const void *a)
{
	const struct pf_branch *b = a;

	return (uint64_t)b->func << 32 | b->line;
}

static uint64_t key_loop(const void *a)
{
	const struct pf_loop *l = a;

	return (uint64_t)l->func << 32 | l->line;
}

static int cmp_branch(const struct profile *p, const void *a, const void *b)
{
	const struct pf_branch *x = a, *y = b;
	uint32_t xc = x->flags & PF_HAS_COLUMN ? x->column : 0;
	uint32_t yc = y->flags & PF_HAS_COLUMN ? y->column : 0;

	if (x->func != y->func)
		return cmp_u64(x->func, y->func);
	if (x->line != y->line)
		return cmp_u64(x->line, y->line);
	if ((x->flags & PF_HAS_COLUMN) != (y->flags & PF_HAS_COLUMN))
		return x->flags & PF_HAS_COLUMN ? 1 : -1;
	if (xc != yc)
		return cmp_u64(xc, yc);
	return cmp_str(p, x->id, y->id);
}

static int cmp_loop(const struct profile *p, const void *a, const void *b)
{
	const struct pf_loop *x = a, *y = b;

	if (x->func != y->func)
		return cmp_u64(x->func, y->func);
	if (x->line != y->line)
		return cmp_u64(x->line, y->line);
	return cmp_str(p, x->name, y->name);
}

static int cmp_line(const struct profile *p, const void *a, const void *b)
{
	const struct pf_line *x = a, *y = b;

	(void)p;
	return x->func != y->func ? cmp_u64(x->func, y->func) : cmp_u64(x->line, y->line);
}

static int cmp_disc(const struct profile *p, const void *a, const void *b)
{
	const struct pf_disc *x = a, *y = b;

	(void)p;
	if (x->func != y->func)
		return cmp_u64(x->func, y->func);
	return x->line != y->line ? cmp_u64(x->line, y->line) : cmp_u64(x->disc, y->disc);
}

static uint64_t key_disc(const void *a)
{
	const struct pf_disc *d = a;

	return (uint64_t)d->func << 32 | d->line;
}

static int cmp_extra(const struct profile *p, const void *a, const void *b)
{
	const struct pf_extra *x = a, *y = b;

	if (x->owner_kind != y->owner_kind)
		return cmp_u64(x->owner_kind, y->owner_kind);
	if (x->owner != y->owner)
		return cmp_u64(x->owner, y->owner);
	return cmp_str(p, x->key, y->key);
}

/* The kinds of element sort_array() sorts, with their in_order loops. */
#define SORT_KIND(name, type, key)                                                                 \
	static uint32_t in_order_##name(const struct profile *p, const void *arr, uint32_t n)      \
	{                                                                                          \
		const type *v = arr;                                                               \
		uint32_t i;                                                                        \
                                                                                                   \
		for (i = 1; i < n && cmp_##name(p, &v[i - 1], &v[i]) < 0; i++)                     \
			;                                                                          \
		return i;                                                                          \
	}                                                                                          \
	static const struct sort_kind kind_##name = {sizeof(type), cmp_##name, key, in_order_##name}

SORT_KIND(function, struct pf_function, NULL);
SORT_KIND(edge, struct pf_edge, key_edge);
SORT_KIND(branch, struct pf_branch, key_branch);
SORT_KIND(loop, struct pf_loop, key_loop);
SORT_KIND(line, struct pf_line, key_line);
SORT_KIND(disc, struct pf_disc, key_disc);
SORT_KIND(extra, struct pf_extra, NULL);

static void remap_extras(struct profile *p, enum pf_owner kind, const uint32_t *old2new)
{
	uint32_t i;

	for (i = 0; i < p->extras.n; i++)
		if (p->extras.v[i].owner_kind == (uint32_t)kind)
			p->extras.v[i].owner = old2new[p->extras.v[i].owner];
}

static void sort_functions(struct profile *p)
{
	uint32_t dup, first, i;
	/* names are interned: two functions never have one */
	uint32_t *map = sort_array(p, p->funcs.v, p->funcs.n, &kind_function, false, &dup, &first);

	if (!map)
		return; /* in order: every id stays */
	for (i = 0; i < p->funcs.n; i++)
		p->func_of_str[p->funcs.v[i].name] = i;
	for (i = 0; i < p->edges.n; i++) {
		p->edges.v[i].caller = map[p->edges.v[i].caller];
		p->edges.v[i].callee = map[p->edges.v[i].callee];
	}
	for (i = 0; i < p->branches.n; i++)
		p->branches.v[i].func = map[p->branches.v[i].func];
	for (i = 0; i < p->loops.n; i++)
		p->loops.v[i].func = map[p->loops.v[i].func];
	for (i = 0; i < p->lines.n; i++)
		p->lines.v[i].func = map[p->lines.v[i].func];
	for (i = 0; i < p->discs.n; i++)
		p->discs.v[i].func = map[p->discs.v[i].func];
	for (i = 0; i < p->contexts.n; i++)
		p->contexts.v[i].func = map[p->contexts.v[i].func];
	remap_extras(p, PF_OWN_FUNCTION, map);
	free(map);
}

/* Sort one array of sites; remap its extras; note its first duplicate. */
static void sort_sites(struct profile *p, void *arr, uint32_t n, const struct sort_kind *k,
		       enum pf_owner kind, struct pf_duplicate *dup, bool *ok)
{
	uint32_t at, first;
	uint32_t *map = sort_array(p, arr, n, k, true, &at, &first);

	if (map && kind != PF_OWN_FUNCTION)
		remap_extras(p, kind, map);
	if (at != PF_NONE && *ok) {
		*ok = false;
		if (dup)
			*dup = (struct pf_duplicate){kind, at, first};
	}
	free(map);
}

/* Siblings by function id (so by name), then by position. */
static int cmp_sibling(const void *a, const void *b, void *arg)
{
	const struct pf_context *v = arg;
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;

	return v[i].func != v[j].func ? cmp_u64(v[i].func, v[j].func) : cmp_u64(i, j);
}

/* The children of each context, in sibling order: those of context c are
 * kids[at[c + 1] .. at[c + 2]), the roots kids[at[0] .. at[1]). Notes the
 * first two siblings of one function in *dup. */
static uint32_t *context_children(const struct profile *p, uint32_t **kids_out,
				  struct pf_duplicate *dup, bool *ok)
{
	const struct pf_context *v = p->contexts.v;
	uint32_t n = p->contexts.n, i, g;
	uint32_t *at = xcalloc((size_t)n + 2, sizeof(*at));
	uint32_t *fill = xcalloc((size_t)n + 1, sizeof(*fill));
	uint32_t *kids = xcalloc(n ? n : 1, sizeof(*kids));

	for (i = 0; i < n; i++)
		at[(v[i].parent == PF_NONE ? 0 : v[i].parent + 1) + 1]++;
	for (g = 0; g <= n; g++)
		at[g + 1] += at[g];
	for (i = 0; i < n; i++) {
		g = v[i].parent == PF_NONE ? 0 : v[i].parent + 1;
		kids[at[g] + fill[g]++] = i;
	}
	for (g = 0; g <= n; g++) {
		uint32_t *k = kids + at[g], m = at[g + 1] - at[g];

		qsort_r(k, m, sizeof(*k), cmp_sibling, p->contexts.v);
		for (i = 1; i < m; i++)
			if (v[k[i]].func == v[k[i - 1]].func && *ok) {
				*ok = false;
				if (dup)
					*dup =
					    (struct pf_duplicate){PF_OWN_CONTEXT, k[i], k[i - 1]};
			}
	}
	free(fill);
	*kids_out = kids;
	return at;
}

/* Contexts depth first, siblings by function; then each time_ns, from the
 * leaves up (a context's descendants all come after it). */
static void sort_contexts(struct profile *p, struct pf_duplicate *dup, bool *ok)
{
	uint32_t n = p->contexts.n, top = 0, next = 0, i, *kids;
	uint32_t *at = context_children(p, &kids, dup, ok);
	uint32_t *stack = xcalloc(n ? n : 1, sizeof(*stack));
	uint32_t *old2new = xcalloc(n ? n : 1, sizeof(*old2new));
	struct pf_context *out = xcalloc(n ? n : 1, sizeof(*out));

	for (i = at[1]; i-- > at[0];)
		stack[top++] = kids[i];
	while (top > 0) {
		uint32_t c = stack[--top];

		old2new[c] = next;
		out[next++] = p->contexts.v[c];
		for (i = at[c + 2]; i-- > at[c + 1];)
			stack[top++] = kids[i];
	}
	for (i = 0; i < next; i++) {
		if (out[i].parent != PF_NONE)
			out[i].parent = old2new[out[i].parent];
		out[i].time_ns = out[i].self_ns;
	}
	for (i = next; i-- > 0;)
		if (out[i].parent != PF_NONE)
			out[out[i].parent].time_ns =
			    profile_sat_add(p, out[out[i].parent].time_ns, out[i].time_ns);
	free(p->contexts.v);
	p->contexts.v = out;
	p->contexts.cap = n ? n : 1;
	p->contexts.n = next; /* every context: parents come first (see pf_context) */
	remap_extras(p, PF_OWN_CONTEXT, old2new);
	free(old2new);
	free(stack);
	free(kids);
	free(at);
}

static void derive_self(struct profile *p)
{
	uint64_t *callee_time;
	bool *timed;
	uint32_t i;

	for (i = 0; i < p->funcs.n && (p->funcs.v[i].flags & PF_HAS_SELF); i++)
		;
	if (i == p->funcs.n)
		return; /* every self time is given */
	callee_time = xcalloc(p->funcs.n, sizeof(*callee_time));
	timed = xcalloc(p->funcs.n, sizeof(*timed));

	for (i = 0; i < p->edges.n; i++) {
		const struct pf_edge *e = &p->edges.v[i];

		if (!(e->flags & PF_HAS_TIME))
			continue;
		callee_time[e->caller] = profile_sat_add(p, callee_time[e->caller], e->time_ns);
		timed[e->caller] = true;
	}
	for (i = 0; i < p->funcs.n; i++) {
		struct pf_function *f = &p->funcs.v[i];

		if (f->flags & PF_HAS_SELF)
			continue;
		if (!timed[i])
			f->self_ns = f->time_ns;
		else
			f->self_ns = f->time_ns > callee_time[i] ? f->time_ns - callee_time[i] : 0;
	}
	free(timed);
	free(callee_time);
}

/* The edges (the most records by far) of a profile, sorted by a thread
 * of their own; what it found twice. */
struct edge_sort {
	struct profile *p;
	struct pf_duplicate dup;
	bool ok;
};

static void *sort_edges(void *arg)
{
	struct edge_sort *e = arg;

	sort_sites(e->p, e->p->edges.v, e->p->edges.n, &kind_edge, PF_OWN_EDGE, &e->dup, &e->ok);
	return NULL;
}

#define FINALIZE_SPLIT_MIN 100000 /* edges worth a thread */

/* profile_finalize(), the edges sorted on a second thread with two_threads
 * while this one sorts the rest: each array is sorted alone (their extras
 * are distinct elements), the first duplicate reported in the same order. */
static bool finalize(struct profile *p, struct pf_duplicate *dup, bool two_threads)
{
	struct edge_sort edges = {p, {0}, true};
	struct pf_duplicate rest = {0};
	uint32_t at, first;
	bool ok = true, threaded;
	pthread_t thread;

	sort_functions(p);
	threaded = two_threads && p->edges.n >= FINALIZE_SPLIT_MIN &&
		   pthread_create(&thread, NULL, sort_edges, &edges) == 0;
	if (!threaded)
		sort_edges(&edges);
	sort_sites(p, p->branches.v, p->branches.n, &kind_branch, PF_OWN_BRANCH, &rest, &ok);
	sort_sites(p, p->loops.v, p->loops.n, &kind_loop, PF_OWN_LOOP, &rest, &ok);
	sort_sites(p, p->lines.v, p->lines.n, &kind_line, PF_OWN_FUNCTION, &rest, &ok);
	sort_contexts(p, &rest, &ok);
	if (threaded)
		pthread_join(thread, NULL);
	if (dup && (!edges.ok || !ok))
		*dup = edges.ok ? rest : edges.dup;
	free(sort_array(p, p->extras.v, p->extras.n, &kind_extra, false, &at, &first));
	profile_finalize_sorted(p);
	return ok && edges.ok;
}

bool profile_finalize(struct profile *p, struct pf_duplicate *dup)
{
	return finalize(p, dup, false);
}

bool profile_finalize_split(struct profile *p, struct pf_duplicate *dup)
{
	return finalize(p, dup, true);
}

void profile_finalize_sorted(struct profile *p)
{
	uint32_t i, at, first;

	/* discriminator counts, sorted here for both finalizes (a merge's
	 * replay appends those of its later inputs after the first's) */
	free(sort_array(p, p->discs.v, p->discs.n, &kind_disc, false, &at, &first));

	for (i = 0; i < p->funcs.n; i++)
		p->funcs.v[i].lines_at = p->funcs.v[i].lines_n = 0;
	for (i = p->lines.n; i-- > 0;) {
		struct pf_function *f = &p->funcs.v[p->lines.v[i].func];

		f->lines_at = i;
		f->lines_n++;
	}
	derive_self(p);
}

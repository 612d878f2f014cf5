/* record_samples.c - samples by address space, symbolized into a profile.
 *
 * While the command runs only cheap work is done: each sample's call chain
 * is cleaned (markers and kernel frames dropped) and counted in a table of
 * distinct stacks per address space; mappings are listed per space. At
 * the end each space gets a symbolizer (spaces with the same mappings, as
 * after a fork, share one), every distinct address is resolved once to a
 * function and a line, the functions are named, and the stacks are added
 * up into the model.
 */
#include "src/collect/record.h"

#include <inttypes.h>
#include <linux/perf_event.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/collect/symbolize.h"
#include "src/model/context.h"
#include "src/model/profile.h"

#define RS_MAX_FRAMES 512
#define RS_NONE	      UINT32_MAX
#define RS_NO_SYMBOL  UINT64_MAX /* the offset of "[module]": code without a symbol */

/* A hash map from two 64-bit keys to a 32-bit value (RS_NONE = empty). */
struct rs_map {
	struct rs_slot {
		uint64_t a, b;
		uint32_t v;
	} * slots;
	uint32_t cap, n; /* cap: a power of two */
};

struct rs_mapping {
	uint64_t start, end, pgoff;
	uint32_t path; /* string id in the profile */
};

struct rs_space {
	VEC(struct rs_mapping) maps;
	bool sampled;
};

/* A distinct call chain of one space and what it adds up to. */
struct rs_stack {
	uint32_t space, n, hash;
	size_t at; /* first frame in rs->frames */
	uint64_t samples, period;
};

/* A function as the symbolizer knows it: (module, start) identifies it. */
struct rs_func {
	uint32_t name, file, module; /* string ids (PF_NONE when unknown) */
	uint32_t unit, checksum;     /* string ids (PF_NONE when unknown) */
	uint32_t line, size;
	uint64_t offset; /* its start in its module; RS_NO_SYMBOL */
	uint32_t id;	 /* function id in the profile */
	bool used;	 /* in a chain (not only at a cut) */
};

/* A resolved address: its function and source line. */
struct rs_frame {
	uint32_t func, line;
	bool mapped; /* in a mapping of its space, or in a module */
};

/* A mapped file, reported at its link-time addresses. */
struct rs_module {
	uint32_t path;		/* string id */
	struct symbolizer *sym; /* NULL when the file cannot be read */
};

struct record_samples {
	struct profile *p; /* the result; also the string table of paths */
	VEC(struct rs_space) spaces;
	struct rs_map pids; /* pid -> current space */
	VEC(struct rs_stack) stacks;
	uint32_t *stack_slots, stack_cap; /* open addressing over stacks */
	VEC(uint64_t) frames;
	uint64_t samples;
};

/* What building needs, gathered in one place. */
/* Samples of the chains that end early in one module. */
struct rs_cut {
	uint32_t module; /* string id */
	uint64_t samples;
};

struct rs_build {
	struct record_samples *rs;
	VEC(struct rs_module) modules;
	VEC(uint64_t) bases; /* link-time address of a file offset, UINT64_MAX unknown */
	VEC(struct rs_func) funcs;
	VEC(struct rs_frame) frames;
	struct rs_map module_ix;   /* path -> module */
	struct rs_map base_ix;	   /* (path, file offset) -> bases */
	struct rs_map func_ix;	   /* (path, start) -> func */
	struct rs_map space_addr;  /* (space, address) -> frame */
	struct rs_map module_addr; /* (path, link-time address) -> frame */
	uint32_t *resolved;	   /* per frame of rs->frames: rs_frame index, RS_NONE = cut */
	VEC(struct rs_cut) cuts;
	struct record_build_stats st;
};

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* The value slot of (a, b), for the caller to fill when it is RS_NONE
 * (absent). The pointer lives until the next call. */
static uint32_t *map_slot(struct rs_map *m, uint64_t a, uint64_t b)
{
	uint32_t i, mask;

	if (2 * (m->n + 1) > m->cap) {
		struct rs_map old = *m;

		m->cap = old.cap ? 2 * old.cap : 64;
		m->slots = xcalloc(m->cap, sizeof(*m->slots));
		m->n = 0;
		for (i = 0; i < m->cap; i++)
			m->slots[i].v = RS_NONE;
		for (i = 0; i < old.cap; i++)
			if (old.slots[i].v != RS_NONE)
				*map_slot(m, old.slots[i].a, old.slots[i].b) = old.slots[i].v;
		free(old.slots);
	}
	mask = m->cap - 1;
	for (i = (uint32_t)mix64(a * 31 + mix64(b)) & mask;; i = (i + 1) & mask) {
		struct rs_slot *s = &m->slots[i];

		if (s->v == RS_NONE) {
			s->a = a;
			s->b = b;
			m->n++;
			return &s->v;
		}
		if (s->a == a && s->b == b)
			return &s->v;
	}
}

/* The value of (a, b), RS_NONE when absent. */
static uint32_t map_get(const struct rs_map *m, uint64_t a, uint64_t b)
{
	uint32_t i, mask = m->cap - 1;

	if (!m->cap)
		return RS_NONE;
	for (i = (uint32_t)mix64(a * 31 + mix64(b)) & mask; m->slots[i].v != RS_NONE;
	     i = (i + 1) & mask)
		if (m->slots[i].a == a && m->slots[i].b == b)
			return m->slots[i].v;
	return RS_NONE;
}

static void map_free(struct rs_map *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

struct record_samples *record_samples_new(void)
{
	struct record_samples *rs = xcalloc(1, sizeof(*rs));

	rs->p = profile_new();
	return rs;
}

void record_samples_free(struct record_samples *rs)
{
	uint32_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->spaces.n; i++)
		free(rs->spaces.v[i].maps.v);
	free(rs->spaces.v);
	map_free(&rs->pids);
	free(rs->stacks.v);
	free(rs->stack_slots);
	free(rs->frames.v);
	profile_free(rs->p);
	free(rs);
}

static uint32_t space_new(struct record_samples *rs, uint32_t pid)
{
	uint32_t i = VEC_PUSH(rs->spaces);

	*map_slot(&rs->pids, pid, 0) = i;
	return i;
}

/* The current space of pid, made empty when it has none yet. */
static uint32_t space_of(struct record_samples *rs, uint32_t pid)
{
	uint32_t id = map_get(&rs->pids, pid, 0);

	return id != RS_NONE ? id : space_new(rs, pid);
}

void record_samples_exec(struct record_samples *rs, uint32_t pid)
{
	space_new(rs, pid);
}

void record_samples_fork(struct record_samples *rs, uint32_t pid, uint32_t ppid)
{
	uint32_t parent = map_get(&rs->pids, ppid, 0);
	uint32_t id = space_new(rs, pid);
	struct rs_space *sp = &rs->spaces.v[id];

	if (parent == RS_NONE || !rs->spaces.v[parent].maps.n)
		return;
	sp->maps.n = sp->maps.cap = rs->spaces.v[parent].maps.n;
	sp->maps.v = xreallocarray(NULL, sp->maps.n, sizeof(*sp->maps.v));
	memcpy(sp->maps.v, rs->spaces.v[parent].maps.v, sp->maps.n * sizeof(*sp->maps.v));
}

void record_samples_mmap(struct record_samples *rs, uint32_t pid, uint64_t start, uint64_t len,
			 uint64_t pgoff, const char *path)
{
	uint32_t i, id = space_of(rs, pid), name = profile_intern(rs->p, path, strlen(path));
	struct rs_space *sp = &rs->spaces.v[id];
	struct rs_mapping *m;

	for (i = 0; i < sp->maps.n; i++) {
		m = &sp->maps.v[i];
		if (m->start == start && m->end == start + len && m->pgoff == pgoff &&
		    m->path == name)
			return;
	}
	m = VEC_NEW(sp->maps);
	m->start = start;
	m->end = start + len;
	m->pgoff = pgoff;
	m->path = name;
}

static uint32_t hash_frames(uint32_t space, const uint64_t *f, uint32_t n)
{
	uint64_t h = mix64(space + 1);
	uint32_t i;

	for (i = 0; i < n; i++)
		h = mix64(h ^ f[i]);
	return (uint32_t)h;
}

static bool stack_equal(const struct record_samples *rs, const struct rs_stack *st, uint32_t space,
			const uint64_t *f, uint32_t n, uint32_t hash)
{
	return st->hash == hash && st->space == space && st->n == n &&
	       !memcmp(&rs->frames.v[st->at], f, n * sizeof(*f));
}

static void stacks_rehash(struct record_samples *rs)
{
	uint32_t i, j, mask;

	free(rs->stack_slots);
	rs->stack_cap = rs->stack_cap ? 2 * rs->stack_cap : 1024;
	rs->stack_slots = xreallocarray(NULL, rs->stack_cap, sizeof(*rs->stack_slots));
	memset(rs->stack_slots, 0xff, rs->stack_cap * sizeof(*rs->stack_slots));
	mask = rs->stack_cap - 1;
	for (i = 0; i < rs->stacks.n; i++) {
		for (j = rs->stacks.v[i].hash & mask; rs->stack_slots[j] != RS_NONE;)
			j = (j + 1) & mask;
		rs->stack_slots[j] = i;
	}
}

/* The stack of (space, frames), added with zero counts when new. */
static struct rs_stack *stack_find(struct record_samples *rs, uint32_t space, const uint64_t *f,
				   uint32_t n)
{
	uint32_t hash = hash_frames(space, f, n), i, mask;
	struct rs_stack *st;

	if (2 * (rs->stacks.n + 1) > rs->stack_cap)
		stacks_rehash(rs);
	mask = rs->stack_cap - 1;
	for (i = hash & mask; rs->stack_slots[i] != RS_NONE; i = (i + 1) & mask) {
		st = &rs->stacks.v[rs->stack_slots[i]];
		if (stack_equal(rs, st, space, f, n, hash))
			return st;
	}
	rs->stack_slots[i] = rs->stacks.n;
	st = VEC_NEW(rs->stacks);
	st->space = space;
	st->n = n;
	st->hash = hash;
	st->at = rs->frames.n;
	for (i = 0; i < n; i++)
		*VEC_NEW(rs->frames) = f[i];
	return st;
}

void record_samples_add(struct record_samples *rs, uint32_t pid, const uint64_t *ips, uint32_t n,
			uint64_t period)
{
	uint64_t clean[RS_MAX_FRAMES];
	uint32_t i, k = 0;
	bool user = true; /* frames before any marker are the sampled address */
	struct rs_stack *st;
	uint32_t space = space_of(rs, pid);

	for (i = 0; i < n && k < RS_MAX_FRAMES; i++) {
		if (ips[i] >= (uint64_t)PERF_CONTEXT_MAX)
			user = ips[i] == (uint64_t)PERF_CONTEXT_USER;
		else if (user)
			clean[k++] = ips[i];
	}
	if (!k)
		return;
	rs->spaces.v[space].sampled = true;
	st = stack_find(rs, space, clean, k);
	st->samples++;
	st->period += period;
	rs->samples++;
}

/* ---- building ---- */

/* The mapping of sp holding addr, the latest when several do. */
static const struct rs_mapping *mapping_at(const struct rs_space *sp, uint64_t addr)
{
	uint32_t i;

	for (i = sp->maps.n; i-- > 0;)
		if (sp->maps.v[i].start <= addr && addr < sp->maps.v[i].end)
			return &sp->maps.v[i];
	return NULL;
}

/* The module of a mapped file, its symbolizer made on first use (NULL
 * when the file cannot be read: deleted, not ELF). */
static struct rs_module *module_of(struct rs_build *b, uint32_t path)
{
	uint32_t *slot = map_slot(&b->module_ix, path, 0);
	struct rs_module *mod;
	struct error err;

	if (*slot != RS_NONE)
		return &b->modules.v[*slot];
	*slot = b->modules.n;
	mod = VEC_NEW(b->modules);
	mod->path = path;
	mod->sym = symbolize_new();
	if (symbolize_add_module(mod->sym, profile_str(b->rs->p, path), 0, NULL, &err) !=
	    STATUS_OK) {
		symbolize_free(mod->sym);
		mod->sym = NULL;
		b->st.unreadable++;
	}
	return mod;
}

/* The link-time address of the start of mapping m, false when unknown. */
static bool mapping_base(struct rs_build *b, const struct rs_mapping *m, uint64_t *base)
{
	uint32_t *slot = map_slot(&b->base_ix, m->path, m->pgoff);
	struct error err;
	uint64_t *v;

	if (*slot == RS_NONE) {
		*slot = b->bases.n;
		v = VEC_NEW(b->bases);
		if (symbolize_file_address(profile_str(b->rs->p, m->path), m->pgoff, v, &err) !=
		    STATUS_OK)
			*v = UINT64_MAX;
	}
	*base = b->bases.v[*slot];
	return *base != UINT64_MAX;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

/* The function of code without a symbol in where (a path or a mapping's
 * name): "[libfoo.so]", "[vdso]"; "[unknown]" outside any mapping. */
static uint32_t func_unnamed(struct rs_build *b, uint32_t where)
{
	struct profile *p = b->rs->p;
	uint32_t *slot = map_slot(&b->func_ix, where, RS_NO_SYMBOL), id;
	struct strbuf sb = STRBUF_INIT;
	const char *w = profile_str(p, where);
	struct rs_func *f;

	if (*slot != RS_NONE)
		return *slot;
	*slot = id = b->funcs.n;
	if (where == PF_NONE)
		sb_adds(&sb, "[unknown]");
	else if (w[0] == '[')
		sb_adds(&sb, w);
	else
		sb_addf(&sb, "[%s]", base_name(w));
	f = VEC_NEW(b->funcs);
	f->name = profile_intern(p, sb_str(&sb), sb.len);
	f->module = where;
	f->file = f->unit = f->checksum = PF_NONE;
	f->offset = RS_NO_SYMBOL;
	sb_free(&sb);
	return id;
}

/* The function of a symbol of mod, identified by (file, start), so that
 * every process of the run shares it. What DWARF says of it is read at
 * its entry, which is not in code inlined into it. */
static uint32_t func_symbol(struct rs_build *b, const struct rs_module *mod,
			    const struct sym_info *si, uint64_t vaddr)
{
	struct profile *p = b->rs->p;
	/* named by DWARF alone (no symbol table): keyed by the name */
	uint64_t key = si->start
			   ? si->start
			   : (uint64_t)1 << 63 | profile_intern(p, si->name, strlen(si->name));
	uint32_t *slot = map_slot(&b->func_ix, mod->path, key), id;
	struct sym_info at;
	struct rs_func *f;
	char checksum[17];

	if (*slot != RS_NONE)
		return *slot;
	*slot = id = b->funcs.n;
	if (!si->start || !symbolize_addr(mod->sym, si->start, &at) || !at.name)
		at = *si;
	f = VEC_NEW(b->funcs);
	/* "clock_gettime@@GLIBC_2.17": the symbol's version is not its name */
	f->name = profile_intern(p, si->name, strcspn(si->name + 1, "@") + 1);
	f->module = mod->path;
	f->file = at.file ? profile_intern(p, at.file, strlen(at.file)) : PF_NONE;
	f->unit = at.unit ? profile_intern(p, at.unit, strlen(at.unit)) : PF_NONE;
	f->line = at.line;
	f->size = at.size ? at.size : si->size;
	f->checksum = si->start && symbolize_checksum(mod->sym, si->start, f->size, checksum)
			  ? profile_intern(p, checksum, strlen(checksum))
			  : PF_NONE;
	/* as libvitprof's "@+0x..." : from the module's start */
	f->offset = si->start ? si->start - (vaddr - si->offset) : RS_NO_SYMBOL;
	return id;
}

static uint32_t frame_new(struct rs_build *b, uint32_t func, uint32_t line, bool mapped)
{
	struct rs_frame *fr = VEC_NEW(b->frames);

	fr->func = func;
	fr->line = line;
	fr->mapped = mapped;
	return b->frames.n - 1;
}

/* The frame of link-time address vaddr of mod, resolved once per file. */
static uint32_t frame_in_module(struct rs_build *b, struct rs_module *mod, uint64_t vaddr)
{
	uint32_t *slot = map_slot(&b->module_addr, mod->path, vaddr), id;
	struct sym_info si;

	if (*slot != RS_NONE)
		return *slot;
	*slot = b->frames.n;
	if (!symbolize_addr(mod->sym, vaddr, &si) || !si.name)
		id = frame_new(b, func_unnamed(b, mod->path), 0, true);
	else
		id = frame_new(b, func_symbol(b, mod, &si, vaddr),
			       symbolize_addr_line(mod->sym, vaddr, NULL), true);
	return id;
}

/* The frame of addr in space: function, line, and whether it is in code
 * mapped there. */
static uint32_t frame_of(struct rs_build *b, uint32_t space, uint64_t addr)
{
	const struct rs_mapping *m = mapping_at(&b->rs->spaces.v[space], addr);
	uint32_t *slot = map_slot(&b->space_addr, space, addr), id;
	struct rs_module *mod;
	uint64_t base;

	if (*slot != RS_NONE)
		return *slot;
	*slot = b->frames.n; /* held by the frame made below, when one is */
	if (!m)
		id = frame_new(b, func_unnamed(b, PF_NONE), 0, false);
	else if (profile_str(b->rs->p, m->path)[0] != '/' || !(mod = module_of(b, m->path))->sym ||
		 !mapping_base(b, m, &base))
		id = frame_new(b, func_unnamed(b, m->path), 0, true);
	else
		id = frame_in_module(b, mod, base + (addr - m->start));
	*map_slot(&b->space_addr, space, addr) = id;
	return id;
}

/* Count samples of a chain that ends early in the function of frame fr:
 * its module (the last one the walk could trust) is likely to have been
 * built without frame pointers. */
static void count_cut(struct rs_build *b, uint32_t fr, uint64_t samples)
{
	uint32_t module = b->funcs.v[b->frames.v[fr].func].module, i;

	if (module == PF_NONE)
		return;
	for (i = 0; i < b->cuts.n && b->cuts.v[i].module != module; i++)
		;
	if (i == b->cuts.n)
		VEC_NEW(b->cuts)->module = module;
	b->cuts.v[i].samples += samples;
	if (b->cuts.v[i].samples > b->st.cut_samples) {
		b->st.cut_samples = b->cuts.v[i].samples;
		snprintf(b->st.cut_module, sizeof(b->st.cut_module), "%s",
			 base_name(profile_str(b->rs->p, module)));
	}
}

/* Resolve every frame of every stack. A return address outside mapped
 * code ends the chain: it was read through a frame that has no frame
 * pointer. Such chains, and chains of the sampled address alone, are
 * counted as truncated. Return addresses are looked up one byte back, in
 * the call. */
static void resolve_stacks(struct rs_build *b)
{
	struct record_samples *rs = b->rs;
	uint32_t s, i;

	b->resolved = xreallocarray(NULL, rs->frames.n ? rs->frames.n : 1, sizeof(*b->resolved));
	for (i = 0; i < rs->spaces.n; i++)
		b->st.spaces += rs->spaces.v[i].sampled;
	for (s = 0; s < rs->stacks.n; s++) {
		const struct rs_stack *st = &rs->stacks.v[s];
		uint32_t *out = &b->resolved[st->at];

		for (i = 0; i < st->n; i++) {
			uint64_t addr = rs->frames.v[st->at + i];

			out[i] = frame_of(b, st->space, i ? addr - 1 : addr);
			if (i && !b->frames.v[out[i]].mapped)
				break;
			b->funcs.v[b->frames.v[out[i]].func].used = true;
		}
		if (i < st->n || st->n == 1) {
			b->st.truncated += st->samples;
			count_cut(b, out[i - 1], st->samples);
		}
		for (; i < st->n; i++)
			out[i] = RS_NONE;
	}
}

/* "unit.c:name", then "unit.c:name@+0xOFFSET", for names given to more
 * than one function (static functions of two files or two modules, copies
 * of a header's static inline function): the scheme of libvitprof, so
 * that both kinds of profile name them alike. */
static uint32_t qualified_name(struct profile *p, const struct rs_func *f, uint32_t base, int level)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t where = f->unit != PF_NONE ? f->unit : f->file != PF_NONE ? f->file : f->module;
	uint32_t id;

	sb_addf(&sb, "%s:%s", where != PF_NONE ? base_name(profile_str(p, where)) : "",
		profile_str(p, base));
	if (level > 1 && f->offset < (uint64_t)1 << 63)
		sb_addf(&sb, "@+0x%" PRIx64, f->offset);
	id = profile_intern(p, sb_str(&sb), sb.len);
	sb_free(&sb);
	return id;
}

/* Name the functions and add them to the profile. Two that still share a
 * name become one function. */
static void name_functions(struct rs_build *b)
{
	struct profile *p = b->rs->p;
	uint32_t i, n = b->funcs.n, *name = xcalloc(n ? n : 1, sizeof(*name)), *count = NULL;
	int level;

	for (i = 0; i < n; i++)
		name[i] = b->funcs.v[i].name;
	for (level = 1; level <= 2; level++) {
		bool clash = false;

		free(count);
		count = xcalloc(p->str_off.n, sizeof(*count));
		for (i = 0; i < n; i++)
			count[name[i]] += b->funcs.v[i].used;
		for (i = 0; i < n; i++)
			if (b->funcs.v[i].used && count[name[i]] > 1) {
				name[i] =
				    qualified_name(p, &b->funcs.v[i], b->funcs.v[i].name, level);
				clash = true;
			}
		if (!clash)
			break;
	}
	for (i = 0; i < n; i++) {
		const struct rs_func *rf = &b->funcs.v[i];
		struct pf_function *f;
		bool created;
		uint32_t id;

		if (!rf->used)
			continue;
		id = profile_add_function(p, name[i], &created);
		f = &p->funcs.v[id];
		b->funcs.v[i].id = id;
		f->flags |= PF_HAS_SELF;
		if (!created)
			continue;
		f->file = rf->file;
		f->checksum = rf->checksum;
		if (rf->line) {
			f->line = rf->line;
			f->flags |= PF_HAS_LINE;
		}
		if (rf->size) {
			f->size = rf->size;
			f->flags |= PF_HAS_SIZE;
		}
	}
	free(count);
	free(name);
}

struct rs_edge_sum {
	uint32_t caller, callee, stamp;
	uint64_t count, period;
};

struct rs_line_sum {
	uint32_t func, line;
	uint64_t count;
};

/* Sums over the stacks, per function of the profile. */
struct rs_sums {
	uint64_t *self, *incl;
	uint32_t *stamp;
	struct rs_map edge_ix, line_ix;
	VEC(struct rs_edge_sum) edges;
	VEC(struct rs_line_sum) lines;
};

static struct rs_edge_sum *edge_sum(struct rs_sums *sums, uint32_t caller, uint32_t callee)
{
	uint32_t *slot = map_slot(&sums->edge_ix, caller, callee);
	struct rs_edge_sum *e;

	if (*slot != RS_NONE)
		return &sums->edges.v[*slot];
	*slot = sums->edges.n;
	e = VEC_NEW(sums->edges);
	e->caller = caller;
	e->callee = callee;
	return e;
}

static void line_add(struct rs_sums *sums, uint32_t func, uint32_t line, uint64_t count)
{
	uint32_t *slot = map_slot(&sums->line_ix, func, line);
	struct rs_line_sum *l;

	if (*slot == RS_NONE) {
		*slot = sums->lines.n;
		l = VEC_NEW(sums->lines);
		l->func = func;
		l->line = line;
	}
	sums->lines.v[*slot].count += count;
}

/* One stack, root first: each function's inclusive time once, however
 * often it recurs; each edge counted once, its time given by the callee's
 * outermost activation (as libvitprof does), so that the edges into a
 * function add up to its inclusive time. */
static void add_stack(struct rs_sums *sums, const uint32_t *fid, uint32_t n,
		      const struct rs_stack *st, uint32_t stamp)
{
	uint32_t i;

	sums->self[fid[0]] += st->period;
	for (i = n; i-- > 0;) {
		bool outermost = sums->stamp[fid[i]] != stamp;
		struct rs_edge_sum *e;

		sums->stamp[fid[i]] = stamp;
		if (outermost)
			sums->incl[fid[i]] += st->period;
		if (i + 1 == n)
			continue;
		e = edge_sum(sums, fid[i + 1], fid[i]);
		if (e->stamp != stamp)
			e->count += st->samples;
		e->stamp = stamp;
		if (outermost)
			e->period += st->period;
	}
}

static uint64_t to_ns(struct profile *p, uint64_t units, double ns_per_unit)
{
	double ns;

	if (ns_per_unit == 1)
		return units;
	ns = nearbyint((double)units * ns_per_unit);
	if (ns >= 18446744073709551615.0)
		return profile_sat_add(p, UINT64_MAX, 1);
	return ns > 0 ? (uint64_t)ns : 0;
}

/* The calling-context tree of the stacks: each entered from its root;
 * fid holds each stack's functions, leaf first, cut like add_sums's. */
static void add_contexts(struct rs_build *b, double ns_per_unit)
{
	struct record_samples *rs = b->rs;
	struct profile *p = rs->p;
	struct context_builder cb;
	VEC(uint64_t) units = {0};
	uint32_t s, n, i;

	context_builder_init(&cb, p);
	for (s = 0; s < rs->stacks.n; s++) {
		const struct rs_stack *st = &rs->stacks.v[s];
		const uint32_t *r = &b->resolved[st->at];
		uint32_t cur = PF_NONE;

		for (n = 0; n < st->n && r[n] != RS_NONE; n++)
			;
		for (i = n; i-- > 0;) {
			uint32_t next =
			    context_enter(&cb, cur, b->funcs.v[b->frames.v[r[i]].func].id);

			if (next == PF_NONE)
				break; /* a new root in a full tree: the sample has no context */
			cur = next;
		}
		while (units.n < p->contexts.n)
			VEC_PUSH(units);
		if (cur != PF_NONE)
			units.v[cur] += st->period;
	}
	for (i = 0; i < p->contexts.n; i++)
		p->contexts.v[i].self_ns = to_ns(p, units.v[i], ns_per_unit);
	free(units.v);
	context_builder_free(&cb);
}

static void add_sums(struct rs_build *b, double ns_per_unit)
{
	struct record_samples *rs = b->rs;
	struct profile *p = rs->p;
	struct rs_sums sums = {0};
	uint32_t s, i, n, fid[RS_MAX_FRAMES];

	sums.self = xcalloc(p->funcs.n, sizeof(*sums.self));
	sums.incl = xcalloc(p->funcs.n, sizeof(*sums.incl));
	sums.stamp = xcalloc(p->funcs.n, sizeof(*sums.stamp));
	for (s = 0; s < rs->stacks.n; s++) {
		const struct rs_stack *st = &rs->stacks.v[s];
		const uint32_t *r = &b->resolved[st->at];

		for (n = 0; n < st->n && r[n] != RS_NONE; n++)
			fid[n] = b->funcs.v[b->frames.v[r[n]].func].id;
		add_stack(&sums, fid, n, st, s + 1);
		if (b->frames.v[r[0]].line)
			line_add(&sums, fid[0], b->frames.v[r[0]].line, st->samples);
	}
	for (i = 0; i < p->funcs.n; i++) {
		p->funcs.v[i].self_ns = to_ns(p, sums.self[i], ns_per_unit);
		p->funcs.v[i].time_ns = to_ns(p, sums.incl[i], ns_per_unit);
	}
	for (i = 0; i < sums.edges.n; i++) {
		struct pf_edge *e = profile_add_edge(p);

		e->caller = sums.edges.v[i].caller;
		e->callee = sums.edges.v[i].callee;
		e->count = sums.edges.v[i].count;
		e->time_ns = to_ns(p, sums.edges.v[i].period, ns_per_unit);
		e->flags |= PF_HAS_TIME;
	}
	for (i = 0; i < sums.lines.n; i++) {
		struct pf_line *l = profile_add_line(p);

		l->func = sums.lines.v[i].func;
		l->line = sums.lines.v[i].line;
		l->count = sums.lines.v[i].count;
	}
	free(sums.self);
	free(sums.incl);
	free(sums.stamp);
	free(sums.edges.v);
	free(sums.lines.v);
	map_free(&sums.edge_ix);
	map_free(&sums.line_ix);
}

static uint32_t intern_opt(struct profile *p, const char *s)
{
	return s && *s ? profile_intern(p, s, strlen(s)) : PF_NONE;
}

static void add_meta(struct rs_build *b, const struct record_meta *meta)
{
	struct profile *p = b->rs->p;
	const char *path, *build_id;
	const struct rs_module *mod;
	char created[32];
	time_t now = time(NULL);
	struct tm tm;

	p->meta.mode = PF_MODE_SAMPLED;
	p->meta.present = true;
	p->meta.runs = 1;
	p->meta.sample_period_ns = meta->sample_period_ns;
	/* every event record takes counts the CPU time of the command's threads
	 * (hardware counts are scaled to it in record.c) */
	p->meta.clock = PF_CLOCK_CPU;
	p->meta.wall_ns = meta->wall_ns;
	p->meta.cpu_ns = meta->cpu_ns;
	p->program = intern_opt(p, meta->program);
	p->meta.tool = intern_opt(p, meta->tool);
	p->meta.binary = intern_opt(p, meta->binary);
	if (gmtime_r(&now, &tm) && strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm))
		p->meta.created = profile_intern(p, created, strlen(created));
	if (p->meta.binary == PF_NONE || profile_str(p, p->meta.binary)[0] != '/')
		return;
	mod = module_of(b, p->meta.binary);
	if (mod->sym && symbolize_module_at(mod->sym, 0, &path, &build_id) && *build_id)
		p->meta.build_id = profile_intern(p, build_id, strlen(build_id));
}

struct profile *record_samples_profile(struct record_samples *rs, const struct record_meta *meta,
				       struct record_build_stats *stats)
{
	struct rs_build b = {0};
	struct pf_duplicate dup;
	struct profile *p;
	uint32_t i;

	b.rs = rs;
	b.st.samples = rs->samples;
	resolve_stacks(&b);
	name_functions(&b);
	add_sums(&b, meta->ns_per_unit > 0 ? meta->ns_per_unit : 1);
	if (meta->contexts)
		add_contexts(&b, meta->ns_per_unit > 0 ? meta->ns_per_unit : 1);
	add_meta(&b, meta);
	p = rs->p;
	rs->p = profile_new();
	profile_finalize(p, &dup); /* no duplicates: every key was summed once */
	for (i = 0; i < b.modules.n; i++)
		symbolize_free(b.modules.v[i].sym);
	free(b.modules.v);
	free(b.bases.v);
	free(b.funcs.v);
	free(b.frames.v);
	free(b.resolved);
	free(b.cuts.v);
	map_free(&b.module_ix);
	map_free(&b.base_ix);
	map_free(&b.func_ix);
	map_free(&b.space_addr);
	map_free(&b.module_addr);
	if (stats)
		*stats = b.st;
	return p;
}

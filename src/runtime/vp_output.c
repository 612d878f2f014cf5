/* vp_output.c - the profile of this process: counters merged over the
 * threads, symbolized with libdw, built as a struct profile and written
 * with the canonical writer, atomically.
 *
 * Runs at exit and on vitprof_dump(); never on the hot path. Failures
 * print one warning and are otherwise silent: the program's exit status
 * is not ours to change.
 */
#define _GNU_SOURCE
#include "src/runtime/vp_internal.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/base/alloc.h"
#include "src/base/fileio.h"
#include "src/base/strbuf.h"
#include "src/base/vector.h"
#include "src/base/version.h"
#include "src/collect/symbolize.h"
#include "src/model/context.h"
#include "src/model/profile.h"
#include "src/writers/exporter.h"

#define VP_PUBLIC __attribute__((visibility("default"), no_instrument_function))

struct vp_fn {
	uintptr_t fn;
	const struct vp_func *c;
	struct sym_info si;
	uint32_t base; /* string id of its plain name */
	uint32_t id;   /* function id in the profile */
};

struct vp_site_rec {
	const struct vitprof_site *s;
	uint64_t c0, c1;
};

struct vp_sites {
	struct vp_site_rec *v; /* a VEC (src/base/vector.h) */
	uint32_t n, cap;
};

static bool vp_warned;

static const char *basename_of(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : path ? path : "";
}

/* "name", or "module+0xOFFSET" for code without symbols */
static uint32_t plain_name(struct profile *p, const struct vp_fn *e)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t id;

	if (e->si.name && *e->si.name)
		return profile_intern(p, e->si.name, strlen(e->si.name));
	if (e->si.module)
		sb_addf(&sb, "%s+0x%" PRIx64, basename_of(e->si.module), e->si.offset);
	else
		sb_addf(&sb, "0x%" PRIxPTR, e->fn);
	id = profile_intern(p, sb_str(&sb), sb.len);
	sb_free(&sb);
	return id;
}

/* Two functions with one name (static functions of two files, the
 * copies of a static inline function of a header, or functions of two
 * modules) become "unit.c:name", named by their compilation unit (else
 * their file, else their module), which does not change from build to
 * build; if that still is not enough (two modules with units of one
 * name), the module offset is added: "unit.c:name@+0x1234". */
static uint32_t qualified_name(struct profile *p, const struct vp_fn *e, int level)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t id;

	sb_addf(&sb, "%s:%s", symbolize_qualifier(&e->si), profile_str(p, e->base));
	if (level > 1)
		sb_addf(&sb, "@+0x%" PRIx64, e->si.offset);
	id = profile_intern(p, sb_str(&sb), sb.len);
	sb_free(&sb);
	return id;
}

/* Name the functions and describe them: file, line, size, checksum. */
static void name_functions(struct profile *p, struct symbolizer *sym, struct vp_fn *fns, size_t n)
{
	char checksum[17];
	uint32_t *count = NULL, ncount = 0, *name = xcalloc(n ? n : 1, sizeof(*name));
	size_t i;
	int level;

	for (i = 0; i < n; i++)
		name[i] = fns[i].base = plain_name(p, &fns[i]);
	for (level = 1; level <= 2; level++) {
		bool clash = false;

		free(count);
		ncount = p->str_off.n;
		count = xcalloc(ncount, sizeof(*count));
		for (i = 0; i < n; i++)
			count[name[i]]++;
		for (i = 0; i < n; i++)
			if (count[name[i]] > 1) {
				name[i] = qualified_name(p, &fns[i], level);
				clash = true;
			}
		if (!clash)
			break;
	}
	for (i = 0; i < n; i++) {
		struct pf_function *f;

		fns[i].id = profile_add_function(p, name[i], NULL);
		f = &p->funcs.v[fns[i].id];
		f->time_ns = fns[i].c->incl_ns;
		f->self_ns = fns[i].c->self_ns;
		f->flags |= PF_HAS_SELF;
		if (fns[i].si.file)
			f->file = profile_intern(p, fns[i].si.file, strlen(fns[i].si.file));
		if (fns[i].si.line) {
			f->line = fns[i].si.line;
			f->flags |= PF_HAS_LINE;
		}
		if (fns[i].si.size) {
			f->size = fns[i].si.size;
			f->flags |= PF_HAS_SIZE;
		}
		if (fns[i].si.start == fns[i].fn &&
		    symbolize_checksum(sym, fns[i].fn, fns[i].si.size, checksum))
			f->checksum = profile_intern(p, checksum, strlen(checksum));
	}
	free(count);
	free(name);
}

static int cmp_fn(const void *a, const void *b)
{
	uintptr_t x = ((const struct vp_fn *)a)->fn, y = ((const struct vp_fn *)b)->fn;

	return (x > y) - (x < y);
}

static uint32_t fn_id(const struct vp_fn *fns, size_t n, uintptr_t fn)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (fns[mid].fn < fn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && fns[lo].fn == fn ? fns[lo].id : PF_NONE;
}

/* A line count of a function, before the counts of one line are merged:
 * inst tells the copies of inlined code apart (0 for a function's own). */
struct vp_line_rec {
	uint32_t func, line, disc; /* disc: the base discriminator of the code */
	uint64_t inst, count;
};

static const struct vp_func vp_nothing; /* a function known only from its blocks */

static int cmp_uintptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return (x > y) - (x < y);
}

/* The code of a function: [start, end), both 0 when unknown (end 0 when
 * its size is). */
struct vp_span {
	uintptr_t start, end;
};

/* The functions of the call table, and those holding blocks that ran (by
 * their start address), symbolized and sorted by address; *out is the
 * array, the count is returned. cov is sorted by address; spans[i] is
 * the code of cov[i]'s function. */
static size_t gather_functions(const struct vp_table *tab, struct symbolizer *sym,
			       const struct vp_cov_count *cov, size_t ncov, struct vp_span *spans,
			       struct vp_fn **out)
{
	uint32_t i, cap = vp_cap(tab->func_shift);
	uintptr_t *uniq = xcalloc(ncov ? ncov : 1, sizeof(*uniq));
	struct vp_fn *fns = xcalloc((size_t)tab->nfuncs + ncov + 1, sizeof(*fns));
	struct sym_info si;
	uintptr_t lo, hi, start;
	size_t n = 0, m = 0, k, j;

	for (i = 0; i < cap && n < tab->nfuncs; i++) {
		if (!tab->funcs[i].fn)
			continue;
		fns[n].fn = tab->funcs[i].fn;
		fns[n].c = &tab->funcs[i];
		symbolize_addr(sym, fns[n].fn, &fns[n].si);
		n++;
	}
	qsort(fns, n, sizeof(*fns), cmp_fn);
	/* cov is sorted: one look-up per function, not per block */
	for (k = 0, lo = hi = start = 0; k < ncov; k++) {
		if (cov[k].pc < lo || cov[k].pc >= hi) {
			start = symbolize_addr(sym, cov[k].pc, &si) ? (uintptr_t)si.start : 0;
			lo = start;
			hi = start && si.size ? start + si.size : 0;
		}
		spans[k] = (struct vp_span){start, hi};
		if (start && cov[k].count)
			uniq[m++] = start;
	}
	qsort(uniq, m, sizeof(*uniq), cmp_uintptr);
	for (k = 0, j = n; k < m; k++) {
		struct vp_fn key = {.fn = uniq[k]};

		if ((k && uniq[k] == uniq[k - 1]) || bsearch(&key, fns, n, sizeof(*fns), cmp_fn))
			continue;
		fns[j].fn = uniq[k];
		fns[j].c = &vp_nothing;
		symbolize_addr(sym, fns[j].fn, &fns[j].si);
		j++;
	}
	free(uniq);
	qsort(fns, j, sizeof(*fns), cmp_fn);
	*out = fns;
	return j;
}

/* By function and line: the counts of one line, copy by copy. */
static int cmp_line_rec(const void *a, const void *b)
{
	const struct vp_line_rec *x = a, *y = b;

	if (x->func != y->func)
		return x->func < y->func ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->inst > y->inst) - (x->inst < y->inst);
}

/* By function, line and discriminator, copy by copy. */
static int cmp_disc_rec(const void *a, const void *b)
{
	const struct vp_line_rec *x = a, *y = b;

	if (x->func != y->func || x->line != y->line)
		return cmp_line_rec(a, b);
	if (x->disc != y->disc)
		return x->disc < y->disc ? -1 : 1;
	return (x->inst > y->inst) - (x->inst < y->inst);
}

/* The function of the profile that inlined code at pc comes from (named
 * as its source function; added when new if add, else r->line is 0 when
 * it is new) and pc's line in it; false when pc is not inlined code. */
static bool inlined_source(struct profile *p, struct symbolizer *sym, uintptr_t pc, bool add,
			   struct vp_line_rec *r)
{
	struct sym_source src;
	struct pf_function *f;
	bool created;

	if (!symbolize_addr_source(sym, pc, &src))
		return false;
	r->line = src.line;
	r->disc = src.disc;
	r->inst = src.instance;
	if (!add) {
		r->func = profile_find_function(p, src.name);
		r->line = r->func == PF_NONE ? 0 : r->line;
		return true;
	}
	r->func = profile_add_function(p, profile_intern(p, src.name, strlen(src.name)), &created);
	f = &p->funcs.v[r->func];
	if (created || !(f->flags & PF_HAS_LINE)) {
		f->line = src.decl_line;
		f->flags |= PF_HAS_LINE;
		if (src.file)
			f->file = profile_intern(p, src.file, strlen(src.file));
	}
	return true;
}

/* Whether records x and y are of one line (with disc, of one
 * discriminator of it). */
static bool same_line(const struct vp_line_rec *x, const struct vp_line_rec *y, bool disc)
{
	return x->func == y->func && x->line == y->line && (!disc || x->disc == y->disc);
}

/* The count of the records v[k..*end) of one line (with disc, of one
 * discriminator of it; v sorted so): with by_max (blocks), the largest of
 * them in each copy of the code, summed over the copies; else (ticks)
 * their sum. */
static uint64_t group_count(struct profile *p, const struct vp_line_rec *v, size_t k, size_t m,
			    bool disc, bool by_max, size_t *end)
{
	uint64_t sum = 0, max = 0;
	size_t j;

	for (j = k; j < m && same_line(&v[j], &v[k], disc); j++) {
		if (!by_max || (j > k && v[j].inst != v[j - 1].inst)) {
			sum = profile_sat_add(p, sum, max);
			max = 0;
		}
		if (v[j].count > max)
			max = v[j].count;
	}
	*end = j;
	return profile_sat_add(p, sum, max);
}

/* The counts of every discriminator of the lines that have code of more
 * than one, from blocks' records v[0..m) (see group_count). */
static void emit_discs(struct profile *p, struct vp_line_rec *v, size_t m)
{
	size_t k, j, i;

	qsort(v, m, sizeof(*v), cmp_disc_rec);
	for (k = 0; k < m; k = j) {
		bool several = false;

		for (j = k; j < m && same_line(&v[j], &v[k], false); j++)
			several |= v[j].disc != v[k].disc;
		for (i = k; several && i < j;) {
			struct pf_disc *d = profile_add_disc(p);

			d->func = v[i].func;
			d->line = v[i].line;
			d->disc = v[i].disc;
			d->count = group_count(p, v, i, j, true, true, &i);
		}
	}
}

/* The records v[0..m) as line counts, by function and line (see
 * group_count); with by_max (blocks), the counts of the discriminators
 * too. */
static void emit_lines(struct profile *p, struct vp_line_rec *v, size_t m, bool by_max)
{
	size_t k, j;

	qsort(v, m, sizeof(*v), cmp_line_rec);
	for (k = 0; k < m; k = j) {
		struct pf_line *l = profile_add_line(p);

		l->count = group_count(p, v, k, m, false, by_max, &j);
		l->func = v[k].func;
		l->line = v[k].line;
		p->funcs.v[v[k].func].flags |= PF_HAS_LINES_OBJ;
	}
	if (by_max)
		emit_discs(p, v, m);
}

struct vp_line_recs {
	struct vp_line_rec *v; /* a VEC (src/base/vector.h) */
	uint32_t n, cap;
};

/* The records of the lines of block k (from its start to the next block's
 * of its function, or the function's end) into v: every row of the line
 * table there, in the source function of its code (for inlined code, the
 * function it was inlined from). A block that never ran gives records of
 * count 0, for functions that ran only. */
static void block_lines(struct profile *p, struct symbolizer *sym, const struct vp_fn *fns,
			size_t n, const struct vp_cov_count *cov, size_t ncov,
			const struct vp_span *spans, size_t k, struct vp_line_recs *v)
{
	uintptr_t end = k + 1 < ncov && spans[k + 1].start == spans[k].start && cov[k + 1].start
			    ? cov[k + 1].pc
			    : spans[k].end;
	uint32_t own = spans[k].start ? fn_id(fns, n, spans[k].start) : PF_NONE;
	struct sym_row *rows;
	size_t i, nrows;

	if (own == PF_NONE || !end)
		return;
	nrows = symbolize_rows(sym, cov[k].pc, end, &rows);
	for (i = 0; i < nrows; i++) {
		struct vp_line_rec r = {.count = cov[k].count};

		if (!inlined_source(p, sym, rows[i].addr, cov[k].count > 0, &r)) {
			r.func = own;
			r.line = rows[i].line;
			r.disc = rows[i].disc;
		}
		if (r.line)
			VEC_APPEND(*v, r);
	}
	free(rows);
}

/* Line counts from block counts, in the source function of each block
 * (for inlined code, the function it was inlined from, as llvm-cov
 * counts): a line's count is the largest count of the blocks that hold
 * code of it (with the PC table, every line of a block; without, the
 * line its callback is on) in one copy of the code, summed over the
 * copies. The blocks that ran come first, so that those that did not
 * know which functions ran. */
static void add_lines(struct profile *p, struct symbolizer *sym, const struct vp_fn *fns, size_t n,
		      const struct vp_cov_count *cov, size_t ncov, const struct vp_span *spans)
{
	struct vp_line_recs v = {0};
	size_t k;

	for (k = 0; k < ncov; k++) {
		struct vp_line_rec r = {.count = cov[k].count};

		if (cov[k].start) {
			if (cov[k].count)
				block_lines(p, sym, fns, n, cov, ncov, spans, k, &v);
			continue;
		}
		/* pc is in the call of the callback, whose debug location is
		 * its function's, not the inlined code's: the block's own code
		 * starts at the return address, pc + 1 */
		if (!inlined_source(p, sym, cov[k].pc + 1, true, &r)) {
			r.func = spans[k].start ? fn_id(fns, n, spans[k].start) : PF_NONE;
			r.line =
			    r.func != PF_NONE ? symbolize_addr_line(sym, cov[k].pc, &r.disc) : 0;
		}
		if (r.line)
			VEC_APPEND(v, r);
	}
	for (k = 0; k < ncov; k++)
		if (cov[k].start && !cov[k].count)
			block_lines(p, sym, fns, n, cov, ncov, spans, k, &v);
	emit_lines(p, v.v, v.n, true);
	free(v.v);
}

/* Line counts from the CPU clock's ticks (gprof's PC histogram): a line's
 * count is the number of ticks that interrupted its code, in the source
 * function of that code, for the PCs in functions with calls (the others,
 * library code, are their callers' self time). A function with counts
 * from coverage callbacks keeps those alone: they are exact. */
static void add_tick_lines(struct profile *p, struct symbolizer *sym, const struct vp_fn *fns,
			   size_t n)
{
	struct vp_line_rec *v;
	struct vp_table tab;
	struct sym_info si;
	uint32_t i, cap;
	size_t m = 0;

	if (vp_clock_kind() != VP_CLOCK_CPU || !vp_table_init(&tab, 8, 1))
		return;
	vp_ticks_collect(&tab);
	cap = vp_cap(tab.func_shift);
	v = xcalloc((size_t)tab.nfuncs + 1, sizeof(*v));
	for (i = 0; i < cap; i++) {
		uintptr_t pc = tab.funcs[i].fn;
		struct vp_line_rec *r = &v[m];
		uint32_t func;

		if (!pc || !symbolize_addr(sym, pc, &si) ||
		    (func = fn_id(fns, n, (uintptr_t)si.start)) == PF_NONE)
			continue;
		r->count = tab.funcs[i].self_ns;
		if (!inlined_source(p, sym, pc, true, r)) {
			r->func = func;
			r->line = symbolize_addr_line(sym, pc, NULL);
			r->inst = 0;
		}
		m += r->line && !(p->funcs.v[r->func].flags & PF_HAS_LINES_OBJ);
	}
	emit_lines(p, v, m, false);
	free(v);
	vp_table_free(&tab);
}

/* The calling-context tree, whose parents come before their children:
 * the contexts where something was counted (a forked child keeps its
 * parent's tree, empty), of functions in the profile. */
static void add_contexts(struct profile *p, const struct vp_tree *tr, const struct vp_fn *fns,
			 size_t n)
{
	uint32_t *map = xcalloc((size_t)tr->n + 1, sizeof(*map)), i, parent, func, c;
	bool *used = xcalloc((size_t)tr->n + 1, sizeof(*used));
	struct context_builder b;

	for (i = tr->n; i-- > 0;) {
		const struct vp_node *v = &tr->nodes[i];

		used[i] = used[i] || v->calls || v->self_ns;
		if (used[i] && v->parent != VP_NONE)
			used[v->parent] = true;
	}
	context_builder_init(&b, p);
	for (i = 0; i < tr->n; i++) {
		const struct vp_node *v = &tr->nodes[i];

		map[i] = PF_NONE;
		parent = v->parent == VP_NONE ? PF_NONE : map[v->parent];
		if (!used[i] || (v->parent != VP_NONE && parent == PF_NONE) ||
		    (func = fn_id(fns, n, v->fn)) == PF_NONE ||
		    (c = context_enter(&b, parent, func)) == PF_NONE)
			continue;
		map[i] = c;
		p->contexts.v[c].self_ns = profile_sat_add(p, p->contexts.v[c].self_ns, v->self_ns);
		if (p->contexts.v[c].func != func)
			continue;
		p->contexts.v[c].calls = profile_sat_add(p, p->contexts.v[c].calls, v->calls);
		p->contexts.v[c].flags |= PF_HAS_CALLS;
	}
	context_builder_free(&b);
	free(used);
	free(map);
}

/* Functions and call edges, and line counts, symbolized; and contexts. */
static void add_functions(struct profile *p, const struct vp_table *tab, const struct vp_tree *ctx,
			  struct symbolizer *sym)
{
	struct vp_cov_count *cov = NULL;
	size_t ncov = vp_cov_collect(&cov), n;
	struct vp_span *spans = xcalloc(ncov ? ncov : 1, sizeof(*spans));
	struct vp_fn *fns;
	uint32_t i, cap;

	if (cov)
		qsort(cov, ncov, sizeof(*cov), cmp_uintptr); /* by pc, the first member */
	n = gather_functions(tab, sym, cov, ncov, spans, &fns);

	name_functions(p, sym, fns, n);
	add_lines(p, sym, fns, n, cov, ncov, spans);
	add_tick_lines(p, sym, fns, n);
	free(spans);
	free(cov);
	add_contexts(p, ctx, fns, n);
	cap = vp_cap(tab->edge_shift);
	/* calls: the sum of the edges into the function, the roots' included */
	for (i = 0; i < cap; i++) {
		const struct vp_edge *e = &tab->edges[i];
		uint32_t callee = e->caller ? fn_id(fns, n, e->callee) : PF_NONE;

		if (callee != PF_NONE)
			p->funcs.v[callee].calls =
			    profile_sat_add(p, p->funcs.v[callee].calls, e->count);
	}
	for (i = 0; i < cap; i++) {
		const struct vp_edge *e = &tab->edges[i];
		uint32_t caller, callee;
		struct pf_edge *pe;

		if (!e->caller)
			continue;
		caller = fn_id(fns, n, e->caller);
		callee = fn_id(fns, n, e->callee);
		if (caller == PF_NONE || callee == PF_NONE)
			continue;
		pe = profile_add_edge(p);
		pe->caller = caller;
		pe->callee = callee;
		pe->count = e->count;
		pe->time_ns = e->time_ns;
		pe->flags |= PF_HAS_TIME;
	}
	free(fns);
}

static void collect_site(struct vitprof_site *s, void *arg)
{
	struct vp_sites *v = arg;
	struct vp_site_rec *rec;

	if (s->abi != VITPROF_ABI_VERSION || !s->function || !*s->function ||
	    (s->kind != VITPROF_SITE_BRANCH && s->kind != VITPROF_SITE_LOOP))
		return;
	rec = VEC_NEW(*v);
	rec->s = s;
	rec->c0 = __atomic_load_n(&s->count[0], __ATOMIC_RELAXED);
	rec->c1 = __atomic_load_n(&s->count[1], __ATOMIC_RELAXED);
}

static int cmp_nullable(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* By the key of the format: branches (function, line, column, id), loops
 * (function, name, line); two sites with one key are one site. */
static int cmp_site(const void *a, const void *b)
{
	const struct vitprof_site *x = ((const struct vp_site_rec *)a)->s;
	const struct vitprof_site *y = ((const struct vp_site_rec *)b)->s;
	int c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(x->function, y->function)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->kind == VITPROF_SITE_BRANCH && x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return cmp_nullable(x->id, y->id);
}

static void add_site(struct profile *p, const struct vitprof_site *s, uint64_t c0, uint64_t c1)
{
	uint32_t func =
	    profile_add_function(p, profile_intern(p, s->function, strlen(s->function)), NULL);
	uint32_t id = s->id ? profile_intern(p, s->id, strlen(s->id)) : PF_NONE;

	if (s->kind == VITPROF_SITE_BRANCH) {
		struct pf_branch *b = profile_add_branch(p);

		b->func = func;
		b->line = s->line;
		b->column = s->column;
		b->flags = s->column ? PF_HAS_COLUMN : 0;
		b->id = id;
		b->taken = c0;
		b->not_taken = c1;
	} else {
		struct pf_loop *l = profile_add_loop(p);

		l->func = func;
		l->name = id;
		l->line = s->line;
		l->entries = c0;
		l->iterations = c1;
	}
}

static void add_sites(struct profile *p)
{
	struct vp_sites v = {0};
	size_t i, j;

	vp_sites_each(collect_site, &v);
	qsort(v.v, v.n, sizeof(*v.v), cmp_site);
	for (i = 0; i < v.n; i = j) {
		uint64_t c0 = v.v[i].c0, c1 = v.v[i].c1;

		for (j = i + 1; j < v.n && cmp_site(&v.v[i], &v.v[j]) == 0; j++) {
			c0 = profile_sat_add(p, c0, v.v[j].c0);
			c1 = profile_sat_add(p, c1, v.v[j].c1);
		}
		add_site(p, v.v[i].s, c0, c1);
	}
	free(v.v);
}

/* What the times measure, and the run's threads, wall and CPU time (the
 * process's, all its threads', up to now). */
static void add_run_meta(struct profile *p)
{
	static const enum pf_clock clocks[] = {
	    [VP_CLOCK_CPU] = PF_CLOCK_CPU,
	    [VP_CLOCK_WALL] = PF_CLOCK_WALL,
	    [VP_CLOCK_PRECISE] = PF_CLOCK_PRECISE,
	};
	struct timespec ts;
	uint64_t now = vp_clock_precise();

	p->meta.clock = clocks[vp_clock_kind()];
	p->meta.threads = vp_threads_started();
	p->meta.wall_ns = now > vp_started_ns() ? now - vp_started_ns() : 0;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) == 0)
		p->meta.cpu_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void add_meta(struct profile *p, struct symbolizer *sym)
{
	const char *path, *build_id, *name = vp_program_name();
	char created[32];
	struct tm tm;
	time_t now = time(NULL);

	p->meta.mode = PF_MODE_INSTRUMENTED;
	p->meta.present = true;
	if (*name)
		p->program = profile_intern(p, name, strlen(name));
	path = vp_program_path();
	if (*path)
		p->meta.binary = profile_intern(p, path, strlen(path));
	if (gmtime_r(&now, &tm) && strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm))
		p->meta.created = profile_intern(p, created, strlen(created));
	p->meta.tool = profile_intern(p, "libvitprof " VITTE_PGO_VERSION,
				      strlen("libvitprof " VITTE_PGO_VERSION));
	if (symbolize_module_at(sym, 0, &path, &build_id) && *build_id)
		p->meta.build_id = profile_intern(p, build_id, strlen(build_id));
}

/* The process the runtime started in; a forked child has another pid. */
static pid_t vp_first_pid;

__attribute__((constructor)) static void vp_output_init(void)
{
	vp_first_pid = getpid();
}

/* The output path: VITPROF_FILE with %p (pid), %m (program name) and %%
 * expanded, or <program>.vitprof. In a forked child, a path without %p
 * gets ".<pid>" before its ".vitprof" (or at its end), so that a child
 * never replaces its parent's profile. Caller frees. */
static char *output_path(void)
{
	const char *pat = getenv("VITPROF_FILE");
	struct strbuf sb = STRBUF_INIT, child = STRBUF_INIT;
	bool pid = false;
	size_t at;

	if (!pat || !*pat)
		pat = "%m.vitprof";
	for (; *pat; pat++) {
		if (pat[0] != '%' || !pat[1]) {
			sb_addc(&sb, *pat);
			continue;
		}
		pat++;
		if (*pat == 'p')
			sb_addf(&sb, "%ld", (long)getpid());
		else if (*pat == 'm')
			sb_adds(&sb, *vp_program_name() ? vp_program_name() : "program");
		else if (*pat == '%')
			sb_addc(&sb, '%');
		else
			sb_addf(&sb, "%%%c", *pat);
		pid |= *pat == 'p';
	}
	if (pid || getpid() == vp_first_pid)
		return sb_detach(&sb, NULL);
	at = sb.len >= 8 && strcmp(sb_str(&sb) + sb.len - 8, ".vitprof") == 0 ? sb.len - 8 : sb.len;
	sb_add(&child, sb_str(&sb), at);
	sb_addf(&child, ".%ld%s", (long)getpid(), sb_str(&sb) + at);
	sb_free(&sb);
	return sb_detach(&child, NULL);
}

static void warn_once(const char *what)
{
	if (vp_warned)
		return;
	vp_warned = true;
	fprintf(stderr, "libvitprof: warning: %s (profile not written)\n", what);
}

static int write_profile(const char *path)
{
	struct profile *p = profile_new();
	struct symbolizer *sym = symbolize_new();
	struct strbuf out = STRBUF_INIT;
	struct pf_duplicate dup;
	struct vp_table tab;
	struct vp_tree ctx;
	struct error err;
	char *where = path ? NULL : output_path();
	int rc = 0;

	if (!vp_table_init(&tab, 10, 11)) {
		warn_once("out of memory");
		rc = -1;
		goto out;
	}
	if (!vp_tree_init(&ctx, PF_CONTEXT_MAX_NODES)) {
		vp_table_free(&tab);
		warn_once("out of memory");
		rc = -1;
		goto out;
	}
	vp_collect(&tab, &ctx, vp_clock_precise());
	add_run_meta(p);	       /* before the dump's own work */
	symbolize_add_self(sym, &err); /* what does not resolve keeps its address */
	add_meta(p, sym);
	add_functions(p, &tab, &ctx, sym);
	add_sites(p);
	vp_table_free(&tab);
	vp_tree_free(&ctx);
	if (!profile_finalize(p, &dup)) {
		warn_once("duplicate keys in the profile");
		rc = -1;
		goto out;
	}
	exporter_vitprof.write(p, &out, &err);
	if (file_write_atomic(path ? path : where, out.buf, out.len, true, &err) != STATUS_OK) {
		warn_once(err.text);
		rc = -1;
	}
out:
	sb_free(&out);
	free(where);
	symbolize_free(sym);
	profile_free(p);
	return rc;
}

static pthread_mutex_t vp_output_lock = PTHREAD_MUTEX_INITIALIZER;

void vp_output_hold(bool take)
{
	if (take)
		pthread_mutex_lock(&vp_output_lock);
	else
		pthread_mutex_unlock(&vp_output_lock);
}

int vp_output_write(const char *path)
{
	struct vp_thread *self = vp_self_enter();
	int rc;

	pthread_mutex_lock(&vp_output_lock);
	rc = write_profile(path);
	pthread_mutex_unlock(&vp_output_lock);
	vp_self_leave(self);
	return rc;
}

VP_PUBLIC int vitprof_dump(void)
{
	return vp_output_write(NULL);
}

VP_PUBLIC int vitprof_dump_to(const char *path)
{
	return vp_output_write(path);
}

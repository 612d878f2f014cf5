/* diff.c - compare two profiles (see diff.h).
 *
 * Finalized profiles keep functions sorted by name and edges and sites
 * sorted by keys that start with function ids, which sort as names do. So
 * every comparison is one walk over two sorted arrays. The functions' walk
 * compares names (not ids, which differ between the profiles) and gives
 * each function of either side its row in name order, so the sites' walks
 * compare functions by those rows, as integers.
 */
#define _GNU_SOURCE /* qsort_r */
#include "analysis/diff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/merge.h"
#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/base/sort.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"

typedef unsigned __int128 u128;

/* Compare element i of one side with element j of the other. */
typedef int (*walk_cmp)(const void *ctx, uint32_t i, uint32_t j);
/* Record a match (both set) or an element of one side (the other PF_NONE). */
typedef void (*walk_emit)(void *ctx, uint32_t i, uint32_t j);

/* Walk two sorted arrays of na and nb elements together. */
static void diff_walk(void *ctx, uint32_t na, uint32_t nb, walk_cmp cmp, walk_emit emit)
{
	uint32_t i = 0, j = 0;

	while (i < na || j < nb) {
		int c = i == na ? 1 : j == nb ? -1 : cmp(ctx, i, j);
		uint32_t a = c <= 0 ? i++ : PF_NONE;
		uint32_t b = c >= 0 ? j++ : PF_NONE;

		emit(ctx, a, b);
	}
}

/* Optional strings of two profiles, ordered as profile_finalize orders
 * them: none before any string. */
static int cmp_opt_str(const struct profile *pa, uint32_t a, const struct profile *pb, uint32_t b)
{
	if (a == PF_NONE || b == PF_NONE)
		return (a != PF_NONE) - (b != PF_NONE);
	return strcmp(profile_str(pa, a), profile_str(pb, b));
}

static const char *func_name(const struct profile *p, uint32_t func)
{
	return profile_str(p, p->funcs.v[func].name);
}

static enum diff_status status_of(uint32_t base_index, uint32_t new_index)
{
	if (base_index == PF_NONE)
		return DIFF_ADDED;
	return new_index == PF_NONE ? DIFF_REMOVED : DIFF_CHANGED;
}

static double ratio_of(long double num, long double den)
{
	return den == 0 ? 0 : (double)(num / den);
}

/* ---- functions ---- */

struct func_walk {
	struct diff *d;
	struct diff_row *rows; /* the functions matched, in name order */
	/* each side's function ids to their row in name order, for the sites
	 * walks, which then compare functions as integers; NULL without sites */
	uint32_t *base_row, *new_row;
};

static int cmp_funcs(const void *ctx, uint32_t i, uint32_t j)
{
	const struct diff *d = ((const struct func_walk *)ctx)->d;

	return strcmp(func_name(d->base, i), func_name(d->new_profile, j));
}

static void emit_row(void *ctx, uint32_t i, uint32_t j)
{
	struct func_walk *w = ctx;

	/* the name the walk has just compared, still in the cache */
	w->rows[w->d->n_funcs++] = (struct diff_row){
	    i != PF_NONE ? func_name(w->d->base, i) : func_name(w->d->new_profile, j), i, j};
}

static uint64_t self_of(const struct profile *p, uint32_t func)
{
	return func != PF_NONE ? p->funcs.v[func].self_ns : 0;
}

/* The fields that follow from the ids, counters and shares. */
static void func_derive(struct diff_function *f)
{
	f->status = status_of(f->base_id, f->new_id);
	f->delta_share = f->new_share - f->base_share;
	f->has_ratio = f->base_self != 0;
	f->ratio = ratio_of(f->new_self, f->base_self);
}

void diff_function_get(const struct diff *d, uint32_t row, struct diff_function *f)
{
	const struct diff_row *r = &d->rows[row];

	memset(f, 0, sizeof(*f));
	f->name = r->name;
	f->base_id = r->base_id;
	f->new_id = r->new_id;
	if (r->base_id != PF_NONE) {
		f->base_self = d->base->funcs.v[r->base_id].self_ns;
		f->base_calls = d->base->funcs.v[r->base_id].calls;
	}
	if (r->new_id != PF_NONE) {
		f->new_self = d->new_profile->funcs.v[r->new_id].self_ns;
		f->new_calls = d->new_profile->funcs.v[r->new_id].calls;
	}
	f->base_share = ratio_of(f->base_self, d->base_total);
	f->new_share = ratio_of(f->new_self, d->new_total);
	func_derive(f);
}

/* A row's |delta_share| as diff_function_get() computes it, as a key
 * that orders as its value: the bits of a non-negative double do. */
static uint64_t row_abs_delta(const struct diff *d, const struct diff_row *r)
{
	double delta = fabs(ratio_of(self_of(d->new_profile, r->new_id), d->new_total) -
			    ratio_of(self_of(d->base, r->base_id), d->base_total));
	uint64_t bits;

	memcpy(&bits, &delta, sizeof(bits));
	return bits;
}

/* Put d->rows, in name order, in DIFF_SORT_DELTA order: largest |delta|
 * first, ties left in name order by the stable radix sort of the keys.
 * The rows are gathered in their new order into the sort's scratch half,
 * which has room, then copied back: no more memory, and independent loads
 * where moving them along the cycles of the permutation waited on each. */
static void sort_by_delta_from_names(struct diff *d)
{
	uint32_t n = d->n_funcs, i;
	struct radix_kv *kv = xmalloc(2 * ((size_t)n + 1) * sizeof(*kv));
	struct diff_row *sorted = (struct diff_row *)(void *)(kv + n);

	_Static_assert(sizeof(*d->rows) <= sizeof(*kv), "rows fit in the sort's scratch");
	for (i = 0; i < n; i++) /* complemented: ascending order is descending keys */
		kv[i] = (struct radix_kv){~row_abs_delta(d, &d->rows[i]), i};
	radix_sort(kv, kv + n, n);
	for (i = 0; i < n; i++)
		sorted[i] = d->rows[kv[i].val];
	memcpy(d->rows, sorted, (size_t)n * sizeof(*sorted));
	free(kv);
}

/* The overlap, and the rows only on one side. */
static void diff_count(struct diff *d)
{
	u128 sum = 0, b, n, den = (u128)d->base_total * d->new_total;
	long double overlap;
	const struct diff_row *r;
	uint32_t i;

	for (i = 0; i < d->n_funcs; i++) {
		r = &d->rows[i];
		d->n_added += r->base_id == PF_NONE;
		d->n_removed += r->new_id == PF_NONE;
		/* min(b / B, n / N) = min(b * N, n * B) / (B * N) */
		b = (u128)self_of(d->base, r->base_id) * d->new_total;
		n = (u128)self_of(d->new_profile, r->new_id) * d->base_total;
		b = b < n ? b : n;
		sum = sum > ~(u128)0 - b ? ~(u128)0 : sum + b;
	}
	if (!d->base_total || !d->new_total)
		overlap = !d->base_total && !d->new_total ? 1 : 0;
	else
		overlap = (long double)sum / (long double)den;
	d->overlap = overlap > 1 ? 1.0 : (double)overlap; /* > 1 only after saturation */
}

/* Match the functions by name into d->rows, in name order, noting each
 * one's row in w's maps when it has them. */
static void diff_functions(struct diff *d, struct func_walk *w)
{
	size_t most = (size_t)d->base->funcs.n + d->new_profile->funcs.n;
	uint32_t k;

	/* The walk's loop alone is small enough for the processor to run
	 * ahead to the next names while one misses the cache: the rest is
	 * done after it. */
	w->rows = xmalloc((most + 1) * sizeof(*w->rows));
	diff_walk(w, d->base->funcs.n, d->new_profile->funcs.n, cmp_funcs, emit_row);
	d->rows = xreallocarray(w->rows, (size_t)d->n_funcs + 1, sizeof(*d->rows));
	for (k = 0; w->base_row && k < d->n_funcs; k++) {
		if (d->rows[k].base_id != PF_NONE)
			w->base_row[d->rows[k].base_id] = k;
		if (d->rows[k].new_id != PF_NONE)
			w->new_row[d->rows[k].new_id] = k;
	}
	diff_count(d);
}

/* ---- sites ---- */

static int cmp_branches(const void *ctx, uint32_t i, uint32_t j)
{
	const struct func_walk *w = ctx;
	const struct pf_branch *x = &w->d->base->branches.v[i];
	const struct pf_branch *y = &w->d->new_profile->branches.v[j];

	if (w->base_row[x->func] != w->new_row[y->func])
		return cmp_u64(w->base_row[x->func], w->new_row[y->func]);
	if (x->line != y->line)
		return cmp_u64(x->line, y->line);
	if ((x->flags & PF_HAS_COLUMN) != (y->flags & PF_HAS_COLUMN))
		return x->flags & PF_HAS_COLUMN ? 1 : -1;
	if ((x->flags & PF_HAS_COLUMN) && x->column != y->column)
		return cmp_u64(x->column, y->column);
	return cmp_opt_str(w->d->base, x->id, w->d->new_profile, y->id);
}

static double branch_bias(const struct profile *p, uint32_t index)
{
	long double t, n, taken;

	if (index == PF_NONE)
		return 0;
	t = p->branches.v[index].taken;
	n = p->branches.v[index].not_taken;
	if (t + n == 0)
		return 0;
	taken = t / (t + n);
	return (double)(taken > 1 - taken ? taken : 1 - taken);
}

static void emit_branch(void *ctx, uint32_t i, uint32_t j)
{
	struct diff *d = ((struct func_walk *)ctx)->d;
	struct diff_branch *b = &d->branches[d->n_branches++];
	const struct profile *p = i != PF_NONE ? d->base : d->new_profile;
	const struct pf_branch *site = &p->branches.v[i != PF_NONE ? i : j];

	memset(b, 0, sizeof(*b));
	b->func = func_name(p, site->func);
	b->id = site->id != PF_NONE ? profile_str(p, site->id) : NULL;
	b->line = site->line;
	b->has_column = site->flags & PF_HAS_COLUMN;
	b->column = b->has_column ? site->column : 0;
	b->status = status_of(i, j);
	b->base_index = i;
	b->new_index = j;
	b->base_bias = branch_bias(d->base, i);
	b->new_bias = branch_bias(d->new_profile, j);
}

/* In canonical order: function, line, then name. */
static int cmp_loops(const void *ctx, uint32_t i, uint32_t j)
{
	const struct func_walk *w = ctx;
	const struct pf_loop *x = &w->d->base->loops.v[i];
	const struct pf_loop *y = &w->d->new_profile->loops.v[j];

	if (w->base_row[x->func] != w->new_row[y->func])
		return cmp_u64(w->base_row[x->func], w->new_row[y->func]);
	if (x->line != y->line)
		return cmp_u64(x->line, y->line);
	return cmp_opt_str(w->d->base, x->name, w->d->new_profile, y->name);
}

static double loop_trip(const struct profile *p, uint32_t index)
{
	if (index == PF_NONE)
		return 0;
	return ratio_of(p->loops.v[index].iterations, p->loops.v[index].entries);
}

static void emit_loop(void *ctx, uint32_t i, uint32_t j)
{
	struct diff *d = ((struct func_walk *)ctx)->d;
	struct diff_loop *l = &d->loops[d->n_loops++];
	const struct profile *p = i != PF_NONE ? d->base : d->new_profile;
	const struct pf_loop *site = &p->loops.v[i != PF_NONE ? i : j];

	memset(l, 0, sizeof(*l));
	l->func = func_name(p, site->func);
	l->name = site->name != PF_NONE ? profile_str(p, site->name) : NULL;
	l->line = site->line;
	l->status = status_of(i, j);
	l->base_index = i;
	l->new_index = j;
	l->base_trip = loop_trip(d->base, i);
	l->new_trip = loop_trip(d->new_profile, j);
}

static void diff_sites(struct diff *d, struct func_walk *w)
{
	const struct profile *b = d->base, *n = d->new_profile;

	d->branches = xmalloc(((size_t)b->branches.n + n->branches.n + 1) * sizeof(*d->branches));
	diff_walk(w, b->branches.n, n->branches.n, cmp_branches, emit_branch);
	d->loops = xmalloc(((size_t)b->loops.n + n->loops.n + 1) * sizeof(*d->loops));
	diff_walk(w, b->loops.n, n->loops.n, cmp_loops, emit_loop);
}

/* ---- the diff ---- */

static void diff_make(const struct profile *base, const struct profile *new_profile, bool sites,
		      struct diff *out)
{
	struct func_walk w = {out, NULL, NULL, NULL};

	memset(out, 0, sizeof(*out));
	out->base = base;
	out->new_profile = new_profile;
	out->base_total = profile_total_self(base);
	out->new_total = profile_total_self(new_profile);
	if (sites) {
		w.base_row = xmalloc(((size_t)base->funcs.n + 1) * sizeof(*w.base_row));
		w.new_row = xmalloc(((size_t)new_profile->funcs.n + 1) * sizeof(*w.new_row));
	}
	diff_functions(out, &w);
	if (sites)
		diff_sites(out, &w);
	free(w.base_row);
	free(w.new_row);
	sort_by_delta_from_names(out);
}

void diff_profiles(const struct profile *base, const struct profile *new_profile, struct diff *out)
{
	diff_make(base, new_profile, true, out);
}

void diff_profile_functions(const struct profile *base, const struct profile *new_profile,
			    struct diff *out)
{
	diff_make(base, new_profile, false, out);
}

#define SWAP(a, b)                                                                                 \
	do {                                                                                       \
		__typeof__(a) swap_ = (a);                                                         \
		(a) = (b);                                                                         \
		(b) = swap_;                                                                       \
	} while (0)

void diff_swap(struct diff *d)
{
	struct diff_branch *b;
	struct diff_loop *l;
	uint32_t i;

	SWAP(d->base, d->new_profile);
	SWAP(d->base_total, d->new_total);
	SWAP(d->n_added, d->n_removed);
	/* the overlap is symmetric; each row keeps its name and place */
	for (i = 0; i < d->n_funcs; i++)
		SWAP(d->rows[i].base_id, d->rows[i].new_id);
	for (i = 0; i < d->n_branches; i++) { /* none (and no array) without sites */
		b = &d->branches[i];
		SWAP(b->base_index, b->new_index);
		SWAP(b->base_bias, b->new_bias);
		b->status = status_of(b->base_index, b->new_index);
	}
	for (i = 0; i < d->n_loops; i++) {
		l = &d->loops[i];
		SWAP(l->base_index, l->new_index);
		SWAP(l->base_trip, l->new_trip);
		l->status = status_of(l->base_index, l->new_index);
	}
}

void diff_count_checksums(const struct diff *d, uint32_t *compared, uint32_t *changed)
{
	const struct diff_row *r;
	uint32_t i, b, n;

	*compared = *changed = 0;
	for (i = 0; i < d->n_funcs; i++) {
		r = &d->rows[i];
		if (r->base_id == PF_NONE || r->new_id == PF_NONE)
			continue;
		b = d->base->funcs.v[r->base_id].checksum;
		n = d->new_profile->funcs.v[r->new_id].checksum;
		if (b == PF_NONE || n == PF_NONE)
			continue;
		(*compared)++;
		*changed += strcmp(profile_str(d->base, b), profile_str(d->new_profile, n)) != 0;
	}
}

void diff_warnings(const struct diff *d, void (*warn)(void *arg, const char *text), void *arg)
{
	const struct pf_meta *b = &d->base->meta, *n = &d->new_profile->meta;
	struct strbuf sb = STRBUF_INIT;
	uint32_t compared, changed;

	if (b->build_id != PF_NONE && n->build_id != PF_NONE &&
	    strcmp(profile_str(d->base, b->build_id), profile_str(d->new_profile, n->build_id))) {
		diff_count_checksums(d, &compared, &changed);
		merge_say_builds(&sb, "base and new", profile_str(d->base, b->build_id),
				 profile_str(d->new_profile, n->build_id), changed, compared);
		warn(arg, sb_str(&sb));
	}
	if (merge_modes_differ(b->mode, n->mode)) {
		sb_reset(&sb);
		merge_say_modes(&sb, "base and new", b->mode, n->mode);
		warn(arg, sb_str(&sb));
	}
	sb_free(&sb);
}

static uint64_t ratio_rank(const struct diff *d, const struct diff_row *r)
{
	uint64_t base = self_of(d->base, r->base_id), bits;
	double ratio = ratio_of(self_of(d->new_profile, r->new_id), base);

	if (!base)
		return UINT64_MAX;	     /* no ratio: last */
	memcpy(&bits, &ratio, sizeof(bits)); /* a finite ratio >= 0 orders as its bits */
	return 0x7ff0000000000000u - bits;
}

uint64_t diff_row_ratio_rank(const struct diff *d, uint32_t row)
{
	return ratio_rank(d, &d->rows[row]);
}

/* Ties by name. */
static int cmp_rows(const struct diff *d, const struct diff_row *x, const struct diff_row *y,
		    enum diff_sort key)
{
	uint64_t a, b;
	int r;

	if (key == DIFF_SORT_DELTA && (a = row_abs_delta(d, x)) != (b = row_abs_delta(d, y)))
		return a < b ? 1 : -1;
	if (key == DIFF_SORT_RATIO && (a = ratio_rank(d, x)) != (b = ratio_rank(d, y)))
		return cmp_u64(a, b);
	r = strcmp(x->name, y->name);
	return (r > 0) - (r < 0);
}

struct diff_sort_ctx {
	const struct diff *d;
	enum diff_sort key;
};

int diff_compare_rows(const struct diff *d, uint32_t a, uint32_t b, enum diff_sort key)
{
	return cmp_rows(d, &d->rows[a], &d->rows[b], key);
}

static int cmp_rows_qsort(const void *a, const void *b, void *key)
{
	const struct diff_sort_ctx *c = key;

	return cmp_rows(c->d, a, b, c->key);
}

void diff_sort_functions(struct diff *d, enum diff_sort key)
{
	struct diff_sort_ctx c = {d, key == DIFF_SORT_RATIO ? key : DIFF_SORT_NAME};

	/* |delta|: by name, then by |delta| from there */
	if (d->n_funcs)
		qsort_r(d->rows, d->n_funcs, sizeof(*d->rows), cmp_rows_qsort, &c);
	if (key == DIFF_SORT_DELTA)
		sort_by_delta_from_names(d);
}

void diff_free(struct diff *d)
{
	free(d->rows);
	free(d->branches);
	free(d->loops);
	memset(d, 0, sizeof(*d));
}

/* ---- the edges of one function ---- */

/* Positions of a function's caller and callee edges, each in name order. */
struct edge_sides {
	const struct profile *p;
	uint32_t *callers, *callees;
	uint32_t n_callers, n_callees;
};

static void edge_sides_collect(struct edge_sides *s, const struct profile *p, const char *name)
{
	uint32_t f = profile_find_function(p, name);
	uint32_t i;

	memset(s, 0, sizeof(*s));
	s->p = p;
	s->callers = xcalloc(p->edges.n + 1, sizeof(*s->callers));
	s->callees = xcalloc(p->edges.n + 1, sizeof(*s->callees));
	for (i = 0; f != PF_NONE && i < p->edges.n; i++) {
		if (p->edges.v[i].callee == f)
			s->callers[s->n_callers++] = i;
		if (p->edges.v[i].caller == f)
			s->callees[s->n_callees++] = i;
	}
}

struct edge_walk {
	const struct edge_sides *base, *new_side;
	enum diff_edge_side side;
	struct diff_edge *out;
	uint32_t n;
};

/* The edge at position i of one side's list, and the name at its other end. */
static const struct pf_edge *edge_at(const struct edge_walk *w, const struct edge_sides *s,
				     uint32_t i, const char **other)
{
	const uint32_t *list = w->side == DIFF_EDGE_CALLER ? s->callers : s->callees;
	const struct pf_edge *e = &s->p->edges.v[list[i]];

	*other = func_name(s->p, w->side == DIFF_EDGE_CALLER ? e->caller : e->callee);
	return e;
}

static int cmp_edges(const void *ctx, uint32_t i, uint32_t j)
{
	const struct edge_walk *w = ctx;
	const char *a, *b;

	edge_at(w, w->base, i, &a);
	edge_at(w, w->new_side, j, &b);
	return strcmp(a, b);
}

static void emit_edge(void *ctx, uint32_t i, uint32_t j)
{
	struct edge_walk *w = ctx;
	struct diff_edge *e = &w->out[w->n++];
	const struct pf_edge *x;

	memset(e, 0, sizeof(*e));
	e->side = w->side;
	e->status = status_of(i, j);
	if (j != PF_NONE) {
		x = edge_at(w, w->new_side, j, &e->other);
		e->new_count = x->count;
		e->new_time = x->flags & PF_HAS_TIME ? x->time_ns : 0;
	}
	if (i != PF_NONE) {
		x = edge_at(w, w->base, i, &e->other);
		e->base_count = x->count;
		e->base_time = x->flags & PF_HAS_TIME ? x->time_ns : 0;
	}
}

uint32_t diff_function_edges(const struct profile *base, const struct profile *new_profile,
			     const char *name, struct diff_edge **out)
{
	struct edge_sides b, n;
	struct edge_walk w = {&b, &n, DIFF_EDGE_CALLER, NULL, 0};
	size_t most;

	edge_sides_collect(&b, base, name);
	edge_sides_collect(&n, new_profile, name);
	most = (size_t)b.n_callers + b.n_callees + n.n_callers + n.n_callees;
	w.out = most ? xcalloc(most, sizeof(*w.out)) : NULL;
	diff_walk(&w, b.n_callers, n.n_callers, cmp_edges, emit_edge);
	w.side = DIFF_EDGE_CALLEE;
	diff_walk(&w, b.n_callees, n.n_callees, cmp_edges, emit_edge);
	free(b.callers);
	free(b.callees);
	free(n.callers);
	free(n.callees);
	*out = w.out;
	return w.n;
}

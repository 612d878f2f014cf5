/* folded_write.c - folded stacks ("a;b;c WEIGHT" per line) for flamegraph.pl
 * and speedscope: a profile's calling contexts when it has them (exact: a
 * line per context with self time), else estimated from the call edges.
 *
 * The estimate (docs/export-formats.md#folded): the weight of a function is
 * its self time in ns, or its calls when the profile has no time at all.
 * A path root -> ... -> f gets the weight of f times the product, along
 * the path, of each edge's share of its callee's incoming edges (by time
 * when the profile has time and every incoming edge of the callee has one,
 * else by count; equal shares when all are 0). Self-calls are left out (a
 * recursive function's frames fold into one). Walks start from the
 * functions nobody else calls, in order of inclusive time (ties by
 * name), then from each function that none of those reaches through calls
 * (a cycle nobody else calls), in the same order, skipping what an earlier
 * one reaches. A walk does not enter a function already on its path
 * (recursion is cut), stops at FOLD_MAX_DEPTH frames and after
 * FOLD_MAX_STACKS stacks or FOLD_MAX_BYTES of text (callees are walked
 * heaviest share first, so the bounds drop the lightest paths), and drops
 * paths whose share could not give anything half a unit. Each function's
 * weight is then split over its paths in integers (largest remainder);
 * what the cuts and bounds kept off every path is written as
 * "[unknown];f". So the weights add up to the profile's total self time
 * (or calls) exactly.
 *
 * Lines are sorted by stack (bytes); lines of weight 0 are left out.
 * ';' and control characters in names become '?'.
 */
#define _GNU_SOURCE /* qsort_r */
#include "src/writers/exporter.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"

#define FOLD_MAX_DEPTH	64
#define FOLD_MAX_STACKS 100000
#define FOLD_MAX_BYTES	(64u << 20)

struct fold_stack {
	uint32_t func, seq; /* seq: the order found */
	double frac;	    /* the path's share of func's weight */
	uint64_t w;	    /* the weight it gets, in integers */
	double rem;	    /* the fractional part left by the floor */
	char *text;	    /* owned: the frames, ';'-separated */
};

struct fold {
	const struct profile *p; /* borrowed */
	uint32_t n;
	bool use_time;		     /* weights are self_ns; else calls */
	double total;		     /* sum of the weights, as a double */
	uint32_t *out_at, *out_edge; /* non-self edges by caller */
	double *in_sum;		     /* per callee: sum of its incoming edge weights */
	uint32_t *in_n;		     /* per callee: how many incoming edges */
	bool *in_time;		     /* per callee: share by time, else by count */
	bool *on_path, *reached;
	uint32_t path[FOLD_MAX_DEPTH], depth;
	struct fold_stack *v;
	uint32_t nv, cap;
	size_t bytes; /* of the stacks' text */
};

static uint64_t fold_weight(const struct fold *fo, uint32_t f)
{
	const struct pf_function *fn = &fo->p->funcs.v[f];

	return fo->use_time ? fn->self_ns : fn->calls;
}

/* Per callee: how its incoming edges share its weight. */
static void fold_index(struct fold *fo)
{
	const struct profile *p = fo->p;
	uint32_t i, ne = p->edges.n;
	double *in_t = xcalloc(fo->n + 1, sizeof(*in_t)), *in_c = xcalloc(fo->n + 1, sizeof(*in_c));

	fo->out_at = xcalloc(fo->n + 1, sizeof(*fo->out_at));
	fo->out_edge = xcalloc(ne ? ne : 1, sizeof(*fo->out_edge));
	for (i = 0; i < fo->n; i++)
		fo->in_time[i] = fo->use_time;
	for (i = 0; i < ne; i++) {
		const struct pf_edge *e = &p->edges.v[i];

		if (e->caller == e->callee)
			continue;
		fo->out_at[e->caller + 1]++;
		fo->in_n[e->callee]++;
		in_t[e->callee] += (double)e->time_ns;
		in_c[e->callee] += (double)e->count;
		if (!(e->flags & PF_HAS_TIME))
			fo->in_time[e->callee] = false;
	}
	for (i = 0; i < fo->n; i++) {
		fo->out_at[i + 1] += fo->out_at[i];
		if (in_t[i] <= 0)
			fo->in_time[i] = false;
		fo->in_sum[i] = fo->in_time[i] ? in_t[i] : in_c[i];
	}
	/* edges are in canonical order, so by caller: fill the rows in order */
	for (ne = 0, i = 0; i < p->edges.n; i++)
		if (p->edges.v[i].caller != p->edges.v[i].callee)
			fo->out_edge[ne++] = i;
	free(in_t);
	free(in_c);
}

static double fold_share(const struct fold *fo, const struct pf_edge *e)
{
	uint32_t c = e->callee;

	if (fo->in_sum[c] <= 0)
		return 1.0 / fo->in_n[c];
	return (double)(fo->in_time[c] ? e->time_ns : e->count) / fo->in_sum[c];
}

/* Edge ids by share of their callee, descending, then by id. */
static int cmp_share(const void *a, const void *b, void *arg)
{
	const struct fold *fo = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int r = cmp_double(fold_share(fo, &fo->p->edges.v[y]), fold_share(fo, &fo->p->edges.v[x]));

	return r ? r : cmp_u64(x, y);
}

/* Each caller's row, heaviest share first: the walk's bounds then cut the
 * lightest paths. */
static void fold_sort_rows(struct fold *fo)
{
	uint32_t f;

	for (f = 0; f < fo->n; f++)
		qsort_r(fo->out_edge + fo->out_at[f], fo->out_at[f + 1] - fo->out_at[f],
			sizeof(*fo->out_edge), cmp_share, fo);
}

/* A name as a frame: ';' and control characters become '?'. */
static void fold_put_name(struct strbuf *sb, const char *c)
{
	for (; *c; c++)
		sb_addc(sb, *c == ';' || (unsigned char)*c < ' ' || *c == 0x7f ? '?' : *c);
}

static void fold_record(struct fold *fo, uint32_t f, double frac)
{
	struct strbuf sb = STRBUF_INIT;
	struct fold_stack *s;
	uint32_t i;

	if (fo->nv == fo->cap) {
		fo->cap = fo->cap ? 2 * fo->cap : 64;
		fo->v = xreallocarray(fo->v, fo->cap, sizeof(*fo->v));
	}
	for (i = 0; i < fo->depth; i++) {
		if (i)
			sb_addc(&sb, ';');
		fold_put_name(&sb, profile_str(fo->p, fo->p->funcs.v[fo->path[i]].name));
	}
	fo->bytes += sb.len + 1;
	s = &fo->v[fo->nv++];
	*s = (struct fold_stack){
	    .func = f, .seq = fo->nv - 1, .frac = frac, .text = sb_detach(&sb, NULL)};
}

/* Record the path ending at f (already pushed), then walk its callees. */
static void fold_walk(struct fold *fo, uint32_t f, double frac)
{
	uint32_t i;

	if (fo->nv >= FOLD_MAX_STACKS || fo->bytes >= FOLD_MAX_BYTES)
		return;
	fold_record(fo, f, frac);
	if (fo->depth == FOLD_MAX_DEPTH)
		return;
	fo->on_path[f] = true;
	for (i = fo->out_at[f]; i < fo->out_at[f + 1]; i++) {
		const struct pf_edge *e = &fo->p->edges.v[fo->out_edge[i]];
		double nf = frac * fold_share(fo, e);

		if (fo->on_path[e->callee] || nf * fo->total < 0.5)
			continue;
		fo->path[fo->depth++] = e->callee;
		fold_walk(fo, e->callee, nf);
		fo->depth--;
	}
	fo->on_path[f] = false;
}

static int cmp_time(const void *a, const void *b, void *arg)
{
	const struct profile *p = ((const struct fold *)arg)->p;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int r = cmp_u64(p->funcs.v[y].time_ns, p->funcs.v[x].time_ns);

	return r ? r : cmp_u64(x, y);
}

/* Mark what f reaches through calls, whatever the walk's bounds. */
static void fold_mark(struct fold *fo, uint32_t f, uint32_t *todo)
{
	uint32_t n = 0, i;

	fo->reached[f] = true;
	todo[n++] = f;
	while (n) {
		f = todo[--n];
		for (i = fo->out_at[f]; i < fo->out_at[f + 1]; i++) {
			uint32_t c = fo->p->edges.v[fo->out_edge[i]].callee;

			if (!fo->reached[c]) {
				fo->reached[c] = true;
				todo[n++] = c;
			}
		}
	}
}

static void fold_walk_all(struct fold *fo)
{
	uint32_t *ids = xcalloc(fo->n + 1, sizeof(*ids)), i, pass;
	uint32_t *todo = xcalloc(fo->n + 1, sizeof(*todo));

	for (i = 0; i < fo->n; i++)
		ids[i] = i;
	qsort_r(ids, fo->n, sizeof(*ids), cmp_time, fo);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < fo->n; i++) {
			uint32_t f = ids[i];

			if (fo->reached[f] || (pass == 0 && fo->in_n[f]))
				continue;
			fold_mark(fo, f, todo);
			fo->path[0] = f;
			fo->depth = 1;
			fold_walk(fo, f, 1.0);
		}
	free(ids);
	free(todo);
}

/* Stacks by function, then in the order they were found. */
static int cmp_by_func(const void *a, const void *b)
{
	const struct fold_stack *x = a, *y = b;
	int r = cmp_u64(x->func, y->func);

	return r ? r : cmp_u64(x->seq, y->seq);
}

/* Largest remainder first, then the order found (text breaks no tie: the
 * stacks of one function are distinct paths). */
static int cmp_rem(const void *a, const void *b, void *arg)
{
	const struct fold_stack *v = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int r = cmp_double(v[y].rem, v[x].rem);

	return r ? r : cmp_u64(x, y);
}

/* Split the weight W of one function over its stacks v[0..n): returns
 * what no stack got. */
static uint64_t fold_split(struct fold_stack *v, uint32_t n, uint64_t w)
{
	double sum = 0;
	uint64_t target, given = 0;
	uint32_t i, *ids = xcalloc(n + 1, sizeof(*ids));

	for (i = 0; i < n; i++)
		sum += v[i].frac;
	if (sum > 1 - 1e-9)
		target = w;
	else if ((target = u64_round_sat((double)w * sum)) > w)
		target = w;
	for (i = 0; i < n; i++) {
		double x = (double)w * v[i].frac, fl = floor(x);
		uint64_t k = fl >= (double)(target - given) ? target - given : (uint64_t)fl;

		v[i].w = k;
		v[i].rem = x - fl;
		given += k;
		ids[i] = i;
	}
	qsort_r(ids, n, sizeof(*ids), cmp_rem, v);
	for (i = 0; i < n && given < target; i++) {
		v[ids[i]].w++;
		given++;
	}
	if (given < target) /* only when w is beyond double's precision */
		v[ids[0]].w += target - given;
	free(ids);
	return w - target;
}

struct fold_line {
	char *text; /* owned when owned, else a stack's */
	uint64_t w;
	bool owned;
};

static int cmp_line(const void *a, const void *b)
{
	return strcmp(((const struct fold_line *)a)->text, ((const struct fold_line *)b)->text);
}

/* Weights in integers, plus one "[unknown];f" line per function that kept
 * some; sorted and written. */
static void fold_emit(struct fold *fo, struct strbuf *out)
{
	struct fold_line *lines = xcalloc(fo->nv + fo->n + 1, sizeof(*lines));
	uint32_t i = 0, j, nl = 0;

	qsort(fo->v, fo->nv, sizeof(*fo->v), cmp_by_func);
	for (uint32_t f = 0; f < fo->n; f++) {
		uint32_t at = i;
		uint64_t left;

		while (i < fo->nv && fo->v[i].func == f)
			i++;
		left = fold_split(fo->v + at, i - at, fold_weight(fo, f));
		for (j = at; j < i; j++)
			if (fo->v[j].w)
				lines[nl++] = (struct fold_line){fo->v[j].text, fo->v[j].w, false};
		if (left) {
			struct strbuf sb = STRBUF_INIT;

			sb_adds(&sb, "[unknown];");
			fold_put_name(&sb, profile_str(fo->p, fo->p->funcs.v[f].name));
			lines[nl++] = (struct fold_line){sb_detach(&sb, NULL), left, true};
		}
	}
	qsort(lines, nl, sizeof(*lines), cmp_line);
	for (j = 0; j < nl; j++) {
		sb_addf(out, "%s %" PRIu64 "\n", lines[j].text, lines[j].w);
		if (lines[j].owned)
			free(lines[j].text);
	}
	free(lines);
}

/* With contexts the stacks are exact: one line per context with self
 * time, its path from the root, sorted. */
static void fold_contexts(const struct profile *p, struct strbuf *out)
{
	struct fold_line *lines = xcalloc(p->contexts.n, sizeof(*lines));
	uint32_t *path = xcalloc(p->contexts.n, sizeof(*path));
	uint32_t i, j, k, nl = 0;

	for (i = 0; i < p->contexts.n; i++) {
		struct strbuf sb = STRBUF_INIT;

		if (!p->contexts.v[i].self_ns)
			continue;
		for (k = 0, j = i; j != PF_NONE; j = p->contexts.v[j].parent)
			path[k++] = p->contexts.v[j].func;
		while (k-- > 0) {
			fold_put_name(&sb, profile_str(p, p->funcs.v[path[k]].name));
			if (k)
				sb_addc(&sb, ';');
		}
		lines[nl++] =
		    (struct fold_line){sb_detach(&sb, NULL), p->contexts.v[i].self_ns, true};
	}
	qsort(lines, nl, sizeof(*lines), cmp_line);
	for (j = 0; j < nl; j++) {
		sb_addf(out, "%s %" PRIu64 "\n", lines[j].text, lines[j].w);
		free(lines[j].text);
	}
	free(path);
	free(lines);
}

static enum status folded_write(const struct profile *p, struct strbuf *out, struct error *err)
{
	struct fold fo = {.p = p, .n = p->funcs.n};
	size_t sz = fo.n + 1;
	uint32_t i;

	(void)err;
	if (p->contexts.n) {
		fold_contexts(p, out);
		return STATUS_OK;
	}
	fo.use_time = profile_total_self(p) != 0;
	for (i = 0; i < fo.n; i++)
		fo.total += (double)fold_weight(&fo, i);
	fo.in_sum = xcalloc(sz, sizeof(*fo.in_sum));
	fo.in_n = xcalloc(sz, sizeof(*fo.in_n));
	fo.in_time = xcalloc(sz, sizeof(*fo.in_time));
	fo.on_path = xcalloc(sz, sizeof(*fo.on_path));
	fo.reached = xcalloc(sz, sizeof(*fo.reached));
	fold_index(&fo);
	fold_sort_rows(&fo);
	fold_walk_all(&fo);
	fold_emit(&fo, out);
	for (i = 0; i < fo.nv; i++)
		free(fo.v[i].text);
	free(fo.v);
	free(fo.out_at);
	free(fo.out_edge);
	free(fo.in_sum);
	free(fo.in_n);
	free(fo.in_time);
	free(fo.on_path);
	free(fo.reached);
	return STATUS_OK;
}

/* Without contexts the output is an estimate: say it (the format has no
 * comments). */
static void folded_notes(const struct profile *p, struct strbuf *notes)
{
	if (p->contexts.n)
		return;
	sb_adds(notes, "the stacks are estimated: the profile has caller->callee edges, not "
		       "calling contexts, so each function's self time is spread over its callers "
		       "in proportion to the edges (docs/export-formats.md#folded)\n");
}

const struct exporter exporter_folded = {
    .name = "folded",
    .extension = ".folded",
    .description = "folded stacks for flamegraph.pl and speedscope: the contexts, or estimated "
		   "from the call edges",
    .write = folded_write,
    .notes = folded_notes,
};

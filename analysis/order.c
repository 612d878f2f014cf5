/* order.c - linker ordering files: `order` (one symbol per line, for
 * ld.lld --symbol-ordering-file) and `order-sections` (input section names,
 * for GNU gold --section-ordering-file with -ffunction-sections).
 *
 * The layout (docs/export-formats.md#order for the algorithm):
 *
 * 1. Functions that never ran (no calls; in a sampled profile no time) are
 *    left out: the linker keeps them after the listed ones, in input order.
 * 2. The others are ranked and classed hot, warm or cold by the hotspot
 *    analysis with its default cutoffs (self time descending, ties by
 *    name; hot while the share ranked before is below 90 %, cold from
 *    99 %; in a sampled profile also hot on more than 10 % of the stacks,
 *    not cold on more than 1 %).
 * 3. Each function starts as a chain of one. Call edges between two
 *    different functions that ran are taken by count, descending (ties by
 *    time, then canonical edge order); an edge joins the callee's chain to
 *    the end of the caller's when the callee heads its chain, the two
 *    chains differ, and the callee is of the caller's class, or colder and
 *    the edge carries at least 1 % of all calls (a small function called
 *    from a hot loop is hot code, whatever its self time). A chain's class
 *    is its first function's.
 * 4. Chains are written hot, then warm, then cold, and within a class by
 *    their best-ranked function.
 */
#define _GNU_SOURCE /* qsort_r */
#include "analysis/order.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/hotspots.h"
#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/profile.h"

enum { ORD_HOT, ORD_WARM, ORD_COLD };

struct order {
	const struct profile *p;      /* borrowed */
	uint32_t n;		      /* functions */
	uint32_t *rank;		      /* per function; UINT32_MAX when it never ran */
	uint8_t *cls;		      /* per function, ORD_* */
	uint32_t *head, *next, *tail; /* chains: head of each member, next member,
					 tail of each head (PF_NONE: none) */
	uint32_t *best;		      /* per head: the best rank in its chain */
	uint32_t *list, nlist;	      /* the functions to write, in order */
};

static bool order_ran(const struct profile *p, const struct pf_function *f)
{
	return f->calls != 0 || (!profile_counts_calls(p) && f->time_ns != 0);
}

/* Steps 1 and 2: ranks and classes of the functions that ran, as the
 * hotspot analysis ranks and classes them. */
static void order_rank(struct order *o)
{
	struct hotspots hot;
	uint32_t i, n = 0;

	for (i = 0; i < o->n; i++) {
		o->rank[i] = UINT32_MAX;
		o->cls[i] = ORD_COLD;
	}
	hotspots_compute(o->p, NULL, &hot);
	for (i = 0; i < hot.n; i++) { /* in rank order */
		const struct hotspot *h = &hot.v[i];

		if (!order_ran(o->p, &o->p->funcs.v[h->func]))
			continue;
		o->rank[h->func] = n++;
		o->cls[h->func] = h->cls == HOT_CLASS_HOT    ? ORD_HOT
				  : h->cls == HOT_CLASS_WARM ? ORD_WARM
							     : ORD_COLD;
	}
	hotspots_free(&hot);
}

/* Edges by count descending, then time descending, then edge id. */
static int cmp_edge(const void *a, const void *b, void *arg)
{
	const struct profile *p = ((const struct order *)arg)->p;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const struct pf_edge *ex = &p->edges.v[x], *ey = &p->edges.v[y];
	int r = cmp_u64(ey->count, ex->count);

	if (!r)
		r = cmp_u64(ey->time_ns, ex->time_ns);
	return r ? r : cmp_u64(x, y);
}

/* Step 3: whether edge e may join the callee's chain to the caller's. */
static bool order_may_join(const struct order *o, const struct pf_edge *e, uint64_t all_calls)
{
	uint32_t a = e->caller, b = e->callee;

	if (a == b || o->rank[a] == UINT32_MAX || o->rank[b] == UINT32_MAX)
		return false;
	if (o->head[b] != b || o->head[a] == b)
		return false;
	if (o->cls[b] == o->cls[o->head[a]])
		return true;
	return o->cls[b] > o->cls[o->head[a]] &&
	       (unsigned __int128)e->count * 100 >= (unsigned __int128)all_calls && e->count;
}

static void order_chain(struct order *o)
{
	const struct profile *p = o->p;
	uint32_t ne = p->edges.n, *ids = xcalloc(ne ? ne : 1, sizeof(*ids));
	uint64_t all_calls = 0;
	uint32_t i;

	for (i = 0; i < o->n; i++) {
		o->head[i] = o->tail[i] = i;
		o->next[i] = PF_NONE;
	}
	for (i = 0; i < ne; i++) {
		ids[i] = i;
		all_calls = add_sat_u64(all_calls, p->edges.v[i].count);
	}
	qsort_r(ids, ne, sizeof(*ids), cmp_edge, o);
	for (i = 0; i < ne; i++) {
		const struct pf_edge *e = &p->edges.v[ids[i]];
		uint32_t h, b = e->callee, m;

		if (!order_may_join(o, e, all_calls))
			continue;
		h = o->head[e->caller];
		o->next[o->tail[h]] = b;
		o->tail[h] = o->tail[b];
		for (m = b; m != PF_NONE; m = o->next[m])
			o->head[m] = h;
	}
	free(ids);
}

/* Chain heads by class, then by their best-ranked member. */
static int cmp_chain(const void *a, const void *b, void *arg)
{
	const struct order *o = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int r = cmp_u64(o->cls[x], o->cls[y]);

	return r ? r : cmp_u64(o->best[x], o->best[y]);
}

/* A name a linker can take as one line: no whitespace, control or glob
 * characters (a symbol never has them; a demangled C++ name may). */
static bool order_name_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f || strchr("*?[]", *s))
			return false;
	return true;
}

/* The symbol name of function f: "mix" for a copy of a static function
 * named "a.c:mix" in the profile (linkers match local symbols by name). */
static const char *order_symbol(const struct profile *p, uint32_t f, size_t *len)
{
	size_t unit_len;

	return profile_symbol_name(profile_str(p, p->funcs.v[f].name), len, &unit_len);
}

/* Positions in the order by symbol name, then position. */
static int cmp_symbol(const void *a, const void *b, void *arg)
{
	const struct order *o = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	size_t xl, yl;
	const char *xs = order_symbol(o->p, o->list[x], &xl),
		   *ys = order_symbol(o->p, o->list[y], &yl);
	int r = strncmp(xs, ys, xl < yl ? xl : yl);

	if (!r)
		r = cmp_u64(xl, yl);
	return r ? r : cmp_u64(x, y);
}

/* Drop from o->list every function whose symbol name an earlier one has:
 * two copies of a static function are one line, where the first is. */
static void order_unique_symbols(struct order *o)
{
	uint32_t *pos = xcalloc(o->nlist ? o->nlist : 1, sizeof(*pos)), i, n = 0;
	uint8_t *dup = xcalloc(o->nlist ? o->nlist : 1, 1);
	size_t al, bl;

	for (i = 0; i < o->nlist; i++)
		pos[i] = i;
	qsort_r(pos, o->nlist, sizeof(*pos), cmp_symbol, o);
	for (i = 1; i < o->nlist; i++) {
		const char *a = order_symbol(o->p, o->list[pos[i - 1]], &al);
		const char *b = order_symbol(o->p, o->list[pos[i]], &bl);

		dup[pos[i]] = al == bl && strncmp(a, b, al) == 0;
	}
	for (i = 0; i < o->nlist; i++)
		if (!dup[i])
			o->list[n++] = o->list[i];
	o->nlist = n;
	free(pos);
	free(dup);
}

static void order_put(const struct profile *p, uint32_t f, bool sections, struct strbuf *out)
{
	static const char *const prefixes[] = {".text.", ".text.hot.", ".text.unlikely.",
					       ".text.startup."};
	struct strbuf name = STRBUF_INIT;
	size_t i, len;
	const char *sym = order_symbol(p, f, &len);

	sb_add(&name, sym, len);
	if (!order_name_ok(sb_str(&name)))
		goto out;
	if (!sections) {
		sb_adds(out, sb_str(&name));
		sb_addc(out, '\n');
		goto out;
	}
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		sb_addf(out, "%s%s\n", prefixes[i], sb_str(&name));
out:
	sb_free(&name);
}

static enum status order_write_any(const struct profile *p, bool sections, struct strbuf *out)
{
	struct order o = {.p = p, .n = p->funcs.n};
	size_t sz = o.n ? o.n : 1;
	uint32_t *heads = xcalloc(sz, sizeof(*heads)), nh = 0, i, m;

	o.rank = xcalloc(sz, sizeof(*o.rank));
	o.cls = xcalloc(sz, sizeof(*o.cls));
	o.head = xcalloc(sz, sizeof(*o.head));
	o.next = xcalloc(sz, sizeof(*o.next));
	o.tail = xcalloc(sz, sizeof(*o.tail));
	o.best = xcalloc(sz, sizeof(*o.best));
	order_rank(&o);
	order_chain(&o);
	for (i = 0; i < o.n; i++)
		o.best[i] = UINT32_MAX;
	for (i = 0; i < o.n; i++) {
		uint32_t h = o.head[i];

		o.best[h] = o.rank[i] < o.best[h] ? o.rank[i] : o.best[h];
		if (h == i && o.rank[i] != UINT32_MAX)
			heads[nh++] = i;
	}
	qsort_r(heads, nh, sizeof(*heads), cmp_chain, &o);
	o.list = xcalloc(sz, sizeof(*o.list));
	for (i = 0; i < nh; i++)
		for (m = heads[i]; m != PF_NONE; m = o.next[m])
			o.list[o.nlist++] = m;
	order_unique_symbols(&o);
	for (i = 0; i < o.nlist; i++)
		order_put(p, o.list[i], sections, out);
	free(o.list);
	free(heads);
	free(o.rank);
	free(o.cls);
	free(o.head);
	free(o.next);
	free(o.tail);
	free(o.best);
	return STATUS_OK;
}

static enum status order_write(const struct profile *p, struct strbuf *out, struct error *err)
{
	(void)err;
	return order_write_any(p, false, out);
}

static enum status order_write_sections(const struct profile *p, struct strbuf *out,
					struct error *err)
{
	(void)err;
	return order_write_any(p, true, out);
}

/* What the order files leave out of what ran: names that cannot be
 * symbols. */
static void order_notes(const struct profile *p, struct strbuf *notes)
{
	uint32_t i, n = 0, first = PF_NONE;
	const char *name;

	for (i = 0; i < p->funcs.n; i++)
		if (order_ran(p, &p->funcs.v[i]) &&
		    !order_name_ok(profile_str(p, p->funcs.v[i].name))) {
			first = n++ ? first : i;
		}
	if (!n)
		return;
	sb_addf(notes,
		"left out %" PRIu32 " %s whose name cannot be a linker symbol "
		"(whitespace, control or glob characters), such as \"",
		n, text_plural(n, "function", "functions"));
	name = profile_str(p, p->funcs.v[first].name);
	text_escape_sb(notes, name, strlen(name)); /* notes reach terminals */
	sb_adds(notes, "\"\n");
}

const struct exporter exporter_order = {
    .name = "order",
    .extension = ".order",
    .description = "symbol ordering file for ld.lld --symbol-ordering-file, hot call chains first",
    .write = order_write,
    .notes = order_notes,
};

const struct exporter exporter_order_sections = {
    .name = "order-sections",
    .extension = ".order",
    .description = "the same layout for GNU gold --section-ordering-file (-ffunction-sections)",
    .write = order_write_sections,
    .notes = order_notes,
};

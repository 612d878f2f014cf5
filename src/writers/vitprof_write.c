/* vitprof_write.c - the canonical .vitprof v1 writer.
 *
 * Keys in a fixed order, elements in the profile's canonical order (see
 * profile_finalize), integers exact, one function, edge or site per line:
 * writing what was read from a written file gives the same bytes.
 */
#define _GNU_SOURCE /* qsort_r */
#include "src/writers/exporter.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/jsonw.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"

#define MAX_HOT_LOOPS 10

static void put_key(struct strbuf *sb, bool *first, const char *key)
{
	if (!*first)
		sb_adds(sb, ", ");
	*first = false;
	jsonw_put_string(sb, key);
	sb_adds(sb, ": ");
}

static void put_u64(struct strbuf *sb, bool *first, const char *key, uint64_t v)
{
	put_key(sb, first, key);
	jsonw_put_u64(sb, v);
}

static void put_str(struct strbuf *sb, bool *first, const char *key, const struct profile *p,
		    uint32_t id)
{
	put_key(sb, first, key);
	jsonw_put_string(sb, profile_str(p, id));
}

/* The extras of one owner, which profile_finalize sorted by (kind, owner). */
static void put_extras(struct strbuf *sb, bool *first, const struct profile *p, enum pf_owner kind,
		       uint32_t owner)
{
	uint32_t lo = 0, hi = p->extras.n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const struct pf_extra *x = &p->extras.v[mid];

		if (x->owner_kind < (uint32_t)kind ||
		    (x->owner_kind == (uint32_t)kind && x->owner < owner))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < p->extras.n; lo++) {
		const struct pf_extra *x = &p->extras.v[lo];

		if (x->owner_kind != (uint32_t)kind || x->owner != owner)
			break;
		put_key(sb, first, profile_str(p, x->key));
		sb_adds(sb, profile_str(p, x->json));
	}
}

static bool meta_wanted(const struct profile *p)
{
	const struct pf_meta *m = &p->meta;
	uint32_t i;

	for (i = 0; i < p->extras.n; i++)
		if (p->extras.v[i].owner_kind == PF_OWN_META)
			return true;
	return m->present || m->mode != PF_MODE_UNSET || m->runs != 1 || m->created != PF_NONE ||
	       m->tool != PF_NONE || m->binary != PF_NONE || m->build_id != PF_NONE ||
	       m->sample_period_ns || m->clock != PF_CLOCK_UNSET || m->threads || m->wall_ns ||
	       m->cpu_ns;
}

static void put_meta(struct strbuf *sb, const struct profile *p)
{
	const struct pf_meta *m = &p->meta;
	bool first = true;

	sb_adds(sb, "  \"meta\": {");
	if (m->mode != PF_MODE_UNSET) {
		put_key(sb, &first, "mode");
		jsonw_put_string(sb, profile_mode_name(m->mode));
	}
	put_u64(sb, &first, "runs", m->runs);
	if (m->created != PF_NONE)
		put_str(sb, &first, "created", p, m->created);
	if (m->tool != PF_NONE)
		put_str(sb, &first, "tool", p, m->tool);
	if (m->binary != PF_NONE)
		put_str(sb, &first, "binary", p, m->binary);
	if (m->build_id != PF_NONE)
		put_str(sb, &first, "build_id", p, m->build_id);
	if (m->sample_period_ns)
		put_u64(sb, &first, "sample_period_ns", m->sample_period_ns);
	if (m->clock != PF_CLOCK_UNSET) {
		put_key(sb, &first, "clock");
		jsonw_put_string(sb, profile_clock_name(m->clock));
	}
	if (m->threads)
		put_u64(sb, &first, "threads", m->threads);
	if (m->wall_ns)
		put_u64(sb, &first, "wall_ns", m->wall_ns);
	if (m->cpu_ns)
		put_u64(sb, &first, "cpu_ns", m->cpu_ns);
	put_extras(sb, &first, p, PF_OWN_META, 0);
	sb_adds(sb, "},\n");
}

static void put_function(struct strbuf *sb, const struct profile *p, uint32_t id)
{
	const struct pf_function *f = &p->funcs.v[id];
	const struct pf_disc *d;
	bool first = true;
	uint32_t i, nd;

	sb_adds(sb, "    ");
	jsonw_put_string(sb, profile_str(p, f->name));
	sb_adds(sb, ": {");
	put_u64(sb, &first, "calls", f->calls);
	put_u64(sb, &first, "time_ns", f->time_ns);
	if (f->flags & PF_HAS_SELF)
		put_u64(sb, &first, "self_ns", f->self_ns);
	if (f->file != PF_NONE)
		put_str(sb, &first, "file", p, f->file);
	if (f->flags & PF_HAS_LINE)
		put_u64(sb, &first, "line", f->line);
	if (f->flags & PF_HAS_SIZE)
		put_u64(sb, &first, "size", f->size);
	if (f->checksum != PF_NONE)
		put_str(sb, &first, "checksum", p, f->checksum);
	if (f->lines_n || (f->flags & PF_HAS_LINES_OBJ)) {
		bool lfirst = true;

		put_key(sb, &first, "lines");
		sb_addc(sb, '{');
		for (i = f->lines_at; i < f->lines_at + f->lines_n; i++) {
			char key[16];

			snprintf(key, sizeof(key), "%" PRIu32, p->lines.v[i].line);
			put_u64(sb, &lfirst, key, p->lines.v[i].count);
		}
		sb_addc(sb, '}');
	}
	if ((d = profile_func_discs(p, id, &nd))) {
		bool dfirst = true;

		put_key(sb, &first, "discriminators");
		sb_addc(sb, '{');
		for (i = 0; i < nd; i++) {
			char key[24];

			snprintf(key, sizeof(key), "%" PRIu32 ".%" PRIu32, d[i].line, d[i].disc);
			put_u64(sb, &dfirst, key, d[i].count);
		}
		sb_addc(sb, '}');
	}
	put_extras(sb, &first, p, PF_OWN_FUNCTION, id);
	sb_addc(sb, '}');
}

static void put_edges(struct strbuf *sb, const struct profile *p)
{
	uint32_t i;

	sb_adds(sb, "  \"calls\": [\n");
	for (i = 0; i < p->edges.n; i++) {
		const struct pf_edge *e = &p->edges.v[i];
		bool first = true;

		sb_adds(sb, "    {");
		put_str(sb, &first, "caller", p, p->funcs.v[e->caller].name);
		put_str(sb, &first, "callee", p, p->funcs.v[e->callee].name);
		put_u64(sb, &first, "count", e->count);
		if (e->flags & PF_HAS_TIME)
			put_u64(sb, &first, "time_ns", e->time_ns);
		put_extras(sb, &first, p, PF_OWN_EDGE, i);
		sb_adds(sb, i + 1 < p->edges.n ? "},\n" : "}\n");
	}
	sb_adds(sb, "  ]");
}

/* Legacy percentages: derived from the sites when there are any. */
static bool legacy_branches(const struct profile *p, double *taken, double *not_taken)
{
	long double t = 0, n = 0;
	uint32_t i;

	if (p->branches.n == 0) {
		*taken = p->legacy_taken;
		*not_taken = p->legacy_not_taken;
		return p->has_legacy_branches;
	}
	for (i = 0; i < p->branches.n; i++) {
		t += p->branches.v[i].taken;
		n += p->branches.v[i].not_taken;
	}
	if (t + n == 0)
		return false;
	/* to 0.1 %, with the two adding up to 100 exactly */
	*taken = (double)roundl(1000 * t / (t + n));
	*not_taken = (1000 - *taken) / 10;
	*taken /= 10;
	return true;
}

static void put_branches(struct strbuf *sb, const struct profile *p)
{
	double taken, not_taken;
	bool first = true;
	uint32_t i;

	sb_adds(sb, "  \"branches\": {");
	if (legacy_branches(p, &taken, &not_taken)) {
		put_key(sb, &first, "taken");
		jsonw_put_double(sb, taken);
		put_key(sb, &first, "not_taken");
		jsonw_put_double(sb, not_taken);
	}
	if (p->branches.n) {
		put_key(sb, &first, "sites");
		sb_adds(sb, "[\n");
		for (i = 0; i < p->branches.n; i++) {
			const struct pf_branch *b = &p->branches.v[i];
			bool f = true;

			sb_adds(sb, "    {");
			put_str(sb, &f, "function", p, p->funcs.v[b->func].name);
			put_u64(sb, &f, "line", b->line);
			if (b->flags & PF_HAS_COLUMN)
				put_u64(sb, &f, "column", b->column);
			if (b->id != PF_NONE)
				put_str(sb, &f, "id", p, b->id);
			put_u64(sb, &f, "taken", b->taken);
			put_u64(sb, &f, "not_taken", b->not_taken);
			put_extras(sb, &f, p, PF_OWN_BRANCH, i);
			sb_adds(sb, i + 1 < p->branches.n ? "},\n" : "}\n");
		}
		sb_adds(sb, "  ]");
	}
	put_extras(sb, &first, p, PF_OWN_BRANCHES, 0);
	sb_addc(sb, '}');
}

struct hot_ctx {
	const struct profile *p;
};

/* Hottest first: time, then iterations, then canonical order. */
static int cmp_hot(const void *a, const void *b, void *arg)
{
	const struct profile *p = ((const struct hot_ctx *)arg)->p;
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	const struct pf_loop *x = &p->loops.v[i], *y = &p->loops.v[j];

	if (x->time_ns != y->time_ns)
		return x->time_ns < y->time_ns ? 1 : -1;
	if (x->iterations != y->iterations)
		return x->iterations < y->iterations ? 1 : -1;
	return (i > j) - (i < j);
}

/* loops.hot derived from the sites: "function::name" or "function:line". */
static void put_hot_from_sites(struct strbuf *sb, const struct profile *p)
{
	uint32_t *idx = xcalloc(p->loops.n, sizeof(*idx));
	struct hot_ctx ctx = {p};
	uint32_t i, n = 0;

	for (i = 0; i < p->loops.n; i++)
		if (p->loops.v[i].time_ns || p->loops.v[i].iterations)
			idx[n++] = i;
	qsort_r(idx, n, sizeof(*idx), cmp_hot, &ctx);
	for (i = 0; i < n && i < MAX_HOT_LOOPS; i++) {
		const struct pf_loop *l = &p->loops.v[idx[i]];
		struct strbuf name = STRBUF_INIT;

		sb_adds(&name, profile_str(p, p->funcs.v[l->func].name));
		if (l->name != PF_NONE)
			sb_addf(&name, "::%s", profile_str(p, l->name));
		else
			sb_addf(&name, ":%" PRIu32, l->line);
		sb_adds(sb, i ? ", " : "");
		jsonw_put_string(sb, sb_str(&name));
		sb_free(&name);
	}
	free(idx);
}

static void put_loops(struct strbuf *sb, const struct profile *p)
{
	bool first = true;
	uint32_t i;

	sb_adds(sb, "  \"loops\": {");
	if (p->loops.n || p->legacy_hot.n) {
		put_key(sb, &first, "hot");
		sb_addc(sb, '[');
		if (p->loops.n)
			put_hot_from_sites(sb, p);
		for (i = 0; !p->loops.n && i < p->legacy_hot.n; i++) {
			sb_adds(sb, i ? ", " : "");
			jsonw_put_string(sb, profile_str(p, p->legacy_hot.v[i]));
		}
		sb_addc(sb, ']');
	}
	if (p->loops.n) {
		put_key(sb, &first, "sites");
		sb_adds(sb, "[\n");
		for (i = 0; i < p->loops.n; i++) {
			const struct pf_loop *l = &p->loops.v[i];
			bool f = true;

			sb_adds(sb, "    {");
			put_str(sb, &f, "function", p, p->funcs.v[l->func].name);
			if (l->name != PF_NONE)
				put_str(sb, &f, "name", p, l->name);
			put_u64(sb, &f, "line", l->line);
			put_u64(sb, &f, "entries", l->entries);
			put_u64(sb, &f, "iterations", l->iterations);
			if (l->flags & PF_HAS_TIME)
				put_u64(sb, &f, "time_ns", l->time_ns);
			put_extras(sb, &f, p, PF_OWN_LOOP, i);
			sb_adds(sb, i + 1 < p->loops.n ? "},\n" : "}\n");
		}
		sb_adds(sb, "  ]");
	}
	put_extras(sb, &first, p, PF_OWN_LOOPS, 0);
	sb_addc(sb, '}');
}

/* One context per line, depth first; a root has no "parent", a sampled
 * context no "calls". */
static void put_contexts(struct strbuf *sb, const struct profile *p)
{
	uint32_t i;

	sb_adds(sb, "  \"contexts\": [\n");
	for (i = 0; i < p->contexts.n; i++) {
		const struct pf_context *c = &p->contexts.v[i];
		bool first = true;

		sb_adds(sb, "    {");
		if (c->parent != PF_NONE)
			put_u64(sb, &first, "parent", c->parent);
		put_str(sb, &first, "function", p, p->funcs.v[c->func].name);
		if (c->flags & PF_HAS_CALLS)
			put_u64(sb, &first, "calls", c->calls);
		put_u64(sb, &first, "self_ns", c->self_ns);
		put_extras(sb, &first, p, PF_OWN_CONTEXT, i);
		sb_adds(sb, i + 1 < p->contexts.n ? "},\n" : "}\n");
	}
	sb_adds(sb, "  ]");
}

static bool has_extras(const struct profile *p, enum pf_owner kind)
{
	uint32_t i;

	for (i = 0; i < p->extras.n; i++)
		if (p->extras.v[i].owner_kind == (uint32_t)kind)
			return true;
	return false;
}

static enum status vitprof_write(const struct profile *p, struct strbuf *sb, struct error *err)
{
	uint32_t i;

	(void)err;
	/* about what a record takes with names of some 20 bytes; more is
	 * grown as needed, what is not written is never touched */
	sb_reserve(sb, 4096 + (size_t)p->funcs.n * 192 + (size_t)p->lines.n * 16 +
			   ((size_t)p->edges.n + p->branches.n + p->loops.n + p->contexts.n) * 128);
	sb_adds(sb, "{\n  \"format\": \"vitprof\",\n  \"version\": 1,\n");
	if (p->program != PF_NONE) {
		sb_adds(sb, "  \"program\": ");
		jsonw_put_string(sb, profile_str(p, p->program));
		sb_adds(sb, ",\n");
	}
	if (meta_wanted(p))
		put_meta(sb, p);
	sb_adds(sb, "  \"functions\": {");
	for (i = 0; i < p->funcs.n; i++) {
		sb_adds(sb, i ? ",\n" : "\n");
		put_function(sb, p, i);
	}
	sb_adds(sb, p->funcs.n ? "\n  }" : "}");
	if (p->edges.n) {
		sb_adds(sb, ",\n");
		put_edges(sb, p);
	}
	if (p->branches.n || p->has_legacy_branches || has_extras(p, PF_OWN_BRANCHES)) {
		sb_adds(sb, ",\n");
		put_branches(sb, p);
	}
	if (p->loops.n || p->legacy_hot.n || has_extras(p, PF_OWN_LOOPS)) {
		sb_adds(sb, ",\n");
		put_loops(sb, p);
	}
	if (p->contexts.n) {
		sb_adds(sb, ",\n");
		put_contexts(sb, p);
	}
	for (i = 0; i < p->extras.n; i++) {
		const struct pf_extra *x = &p->extras.v[i];

		if (x->owner_kind != PF_OWN_ROOT)
			continue;
		sb_adds(sb, ",\n  ");
		jsonw_put_string(sb, profile_str(p, x->key));
		sb_adds(sb, ": ");
		sb_adds(sb, profile_str(p, x->json));
	}
	sb_adds(sb, "\n}\n");
	return STATUS_OK;
}

const struct exporter exporter_vitprof = {
    .name = "vitprof",
    .extension = ".vitprof",
    .description = "vitte-pgo profile (canonical JSON)",
    .write = vitprof_write,
};

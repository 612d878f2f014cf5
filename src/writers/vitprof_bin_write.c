/* vitprof_bin_write.c - the vitprof-bin writer (src/model/vitprof_bin.h).
 *
 * The strings the profile uses, in the order of their first use (header,
 * functions, branch and loop sites, extra keys, hot loops), then every
 * record in the profile's canonical order (see profile_finalize): a
 * profile always gives the same bytes, whatever order its strings were
 * interned in. A field whose flag is clear is written as 0, as the JSON
 * writer leaves its key out.
 */
#include "src/writers/exporter.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"
#include "src/model/vitprof_bin.h"

struct bw {
	const struct profile *p;
	uint32_t *index; /* profile string id -> file string index, or VPB_NONE */
	uint32_t *order; /* file string index -> profile string id */
	uint32_t n;	 /* strings so far */
	uint64_t bytes;	 /* their bytes, NULs included */
};

/* The file index of string id, given one at its first use. */
static uint32_t bw_str(struct bw *w, uint32_t id)
{
	if (id == PF_NONE)
		return VPB_NONE;
	if (w->index[id] == VPB_NONE) {
		w->index[id] = w->n;
		w->order[w->n++] = id;
		w->bytes += strlen(profile_str(w->p, id)) + 1;
	}
	return w->index[id];
}

/* The file index of a string already numbered, VPB_NONE for PF_NONE. */
static uint32_t bw_idx(const struct bw *w, uint32_t id)
{
	return id == PF_NONE ? VPB_NONE : w->index[id];
}

static void bw_number_strings(struct bw *w)
{
	const struct profile *p = w->p;
	uint32_t i;

	bw_str(w, p->program);
	bw_str(w, p->meta.created);
	bw_str(w, p->meta.tool);
	bw_str(w, p->meta.binary);
	bw_str(w, p->meta.build_id);
	for (i = 0; i < p->funcs.n; i++) {
		bw_str(w, p->funcs.v[i].name);
		bw_str(w, p->funcs.v[i].file);
		bw_str(w, p->funcs.v[i].checksum);
	}
	for (i = 0; i < p->branches.n; i++)
		bw_str(w, p->branches.v[i].id);
	for (i = 0; i < p->loops.n; i++)
		bw_str(w, p->loops.v[i].name);
	for (i = 0; i < p->extras.n; i++) {
		bw_str(w, p->extras.v[i].key);
		bw_str(w, p->extras.v[i].json);
	}
	for (i = 0; i < p->legacy_hot.n; i++)
		bw_str(w, p->legacy_hot.v[i]);
}

static uint64_t f64_bits(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

static void bw_header(const struct bw *w, unsigned char *h, const uint32_t count[VPB_SECTIONS])
{
	const struct profile *p = w->p;
	const struct pf_meta *m = &p->meta;
	unsigned s;

	memcpy(h, VPB_MAGIC, VPB_MAGIC_SIZE);
	vpb_put32(h + VPB_H_VERSION, VPB_VERSION);
	vpb_put32(h + VPB_H_FLAGS, (m->present ? VPB_META_PRESENT : 0) |
				       (p->has_legacy_branches ? VPB_LEGACY_BRANCHES : 0));
	for (s = 0; s < VPB_SECTIONS; s++)
		vpb_put32(h + VPB_H_COUNTS + 4 * s, count[s]);
	vpb_put32(h + VPB_H_PROGRAM, bw_idx(w, p->program));
	vpb_put32(h + VPB_H_MODE, (uint32_t)m->mode);
	vpb_put32(h + VPB_H_CLOCK, (uint32_t)m->clock);
	vpb_put32(h + VPB_H_CREATED, bw_idx(w, m->created));
	vpb_put32(h + VPB_H_TOOL, bw_idx(w, m->tool));
	vpb_put32(h + VPB_H_BINARY, bw_idx(w, m->binary));
	vpb_put32(h + VPB_H_BUILD_ID, bw_idx(w, m->build_id));
	vpb_put64(h + VPB_H_STR_BYTES, w->bytes);
	vpb_put64(h + VPB_H_RUNS, m->runs);
	vpb_put64(h + VPB_H_PERIOD, m->sample_period_ns);
	vpb_put64(h + VPB_H_THREADS, m->threads);
	vpb_put64(h + VPB_H_WALL, m->wall_ns);
	vpb_put64(h + VPB_H_CPU, m->cpu_ns);
	vpb_put64(h + VPB_H_TAKEN, p->has_legacy_branches ? f64_bits(p->legacy_taken) : 0);
	vpb_put64(h + VPB_H_NOT_TAKEN, p->has_legacy_branches ? f64_bits(p->legacy_not_taken) : 0);
}

static unsigned char *bw_functions(const struct bw *w, unsigned char *r)
{
	const struct profile *p = w->p;
	uint32_t i;

	for (i = 0; i < p->funcs.n; i++, r += 48) {
		const struct pf_function *f = &p->funcs.v[i];

		vpb_put32(r + VPB_F_NAME, w->index[f->name]);
		vpb_put32(r + VPB_F_FILE, bw_idx(w, f->file));
		vpb_put32(r + VPB_F_CHECKSUM, bw_idx(w, f->checksum));
		vpb_put32(r + VPB_F_LINE, f->flags & PF_HAS_LINE ? f->line : 0);
		vpb_put32(r + VPB_F_SIZE, f->flags & PF_HAS_SIZE ? f->size : 0);
		vpb_put32(r + VPB_F_FLAGS, f->flags);
		vpb_put64(r + VPB_F_CALLS, f->calls);
		vpb_put64(r + VPB_F_TIME, f->time_ns);
		vpb_put64(r + VPB_F_SELF, f->flags & PF_HAS_SELF ? f->self_ns : 0);
	}
	return r;
}

static unsigned char *bw_lines_edges(const struct profile *p, unsigned char *r)
{
	uint32_t i;

	for (i = 0; i < p->lines.n; i++, r += 16) {
		vpb_put32(r + VPB_L_FUNCTION, p->lines.v[i].func);
		vpb_put32(r + VPB_L_LINE, p->lines.v[i].line);
		vpb_put64(r + VPB_L_COUNT, p->lines.v[i].count);
	}
	for (i = 0; i < p->edges.n; i++, r += 32) {
		const struct pf_edge *e = &p->edges.v[i];

		vpb_put32(r + VPB_E_CALLER, e->caller);
		vpb_put32(r + VPB_E_CALLEE, e->callee);
		vpb_put32(r + VPB_E_FLAGS, e->flags);
		vpb_put64(r + VPB_E_COUNT, e->count);
		vpb_put64(r + VPB_E_TIME, e->flags & PF_HAS_TIME ? e->time_ns : 0);
	}
	return r;
}

static unsigned char *bw_sites(const struct bw *w, unsigned char *r)
{
	const struct profile *p = w->p;
	uint32_t i;

	for (i = 0; i < p->branches.n; i++, r += 40) {
		const struct pf_branch *b = &p->branches.v[i];

		vpb_put32(r + VPB_B_FUNCTION, b->func);
		vpb_put32(r + VPB_B_LINE, b->line);
		vpb_put32(r + VPB_B_COLUMN, b->flags & PF_HAS_COLUMN ? b->column : 0);
		vpb_put32(r + VPB_B_ID, bw_idx(w, b->id));
		vpb_put32(r + VPB_B_FLAGS, b->flags);
		vpb_put64(r + VPB_B_TAKEN, b->taken);
		vpb_put64(r + VPB_B_NOT_TAKEN, b->not_taken);
	}
	for (i = 0; i < p->loops.n; i++, r += 40) {
		const struct pf_loop *l = &p->loops.v[i];

		vpb_put32(r + VPB_P_FUNCTION, l->func);
		vpb_put32(r + VPB_P_NAME, bw_idx(w, l->name));
		vpb_put32(r + VPB_P_LINE, l->line);
		vpb_put32(r + VPB_P_FLAGS, l->flags);
		vpb_put64(r + VPB_P_ENTRIES, l->entries);
		vpb_put64(r + VPB_P_ITERATIONS, l->iterations);
		vpb_put64(r + VPB_P_TIME, l->flags & PF_HAS_TIME ? l->time_ns : 0);
	}
	return r;
}

static unsigned char *bw_rest(const struct bw *w, unsigned char *r)
{
	const struct profile *p = w->p;
	uint32_t i;

	for (i = 0; i < p->contexts.n; i++, r += 32) {
		const struct pf_context *c = &p->contexts.v[i];

		vpb_put32(r + VPB_C_PARENT, c->parent);
		vpb_put32(r + VPB_C_FUNCTION, c->func);
		vpb_put32(r + VPB_C_FLAGS, c->flags);
		vpb_put64(r + VPB_C_CALLS, c->flags & PF_HAS_CALLS ? c->calls : 0);
		vpb_put64(r + VPB_C_SELF, c->self_ns);
	}
	for (i = 0; i < p->extras.n; i++, r += 16) {
		const struct pf_extra *x = &p->extras.v[i];

		vpb_put32(r + VPB_X_KIND, x->owner_kind);
		vpb_put32(r + VPB_X_OWNER, x->owner);
		vpb_put32(r + VPB_X_KEY, w->index[x->key]);
		vpb_put32(r + VPB_X_JSON, w->index[x->json]);
	}
	for (i = 0; i < p->legacy_hot.n; i++, r += 4)
		vpb_put32(r, w->index[p->legacy_hot.v[i]]);
	return r;
}

static enum status vpb_write(const struct profile *p, struct strbuf *out, struct error *err)
{
	struct bw w = {p, NULL, NULL, 0, 0};
	uint32_t count[VPB_SECTIONS], i, n = p->str_off.n;
	uint64_t size = VPB_HEADER_SIZE;
	unsigned char *buf, *r;
	unsigned s;

	(void)err;
	w.index = xmalloc((n ? n : 1) * sizeof(*w.index));
	w.order = xmalloc((n ? n : 1) * sizeof(*w.order));
	memset(w.index, 0xff, (size_t)n * sizeof(*w.index));
	bw_number_strings(&w);
	count[VPB_STRINGS] = w.n;
	count[VPB_FUNCTIONS] = p->funcs.n;
	count[VPB_LINES] = p->lines.n;
	count[VPB_EDGES] = p->edges.n;
	count[VPB_BRANCHES] = p->branches.n;
	count[VPB_LOOPS] = p->loops.n;
	count[VPB_CONTEXTS] = p->contexts.n;
	count[VPB_EXTRAS] = p->extras.n;
	count[VPB_HOT] = p->legacy_hot.n;
	size += vpb_align8(w.bytes);
	for (s = VPB_FUNCTIONS; s < VPB_SECTIONS; s++)
		size += vpb_align8((uint64_t)count[s] * vpb_record_size[s]);

	if (size > SIZE_MAX - out->len - 1)
		die_nomem();
	buf = sb_add_zeros(out, (size_t)size); /* written in place: no copy */
	bw_header(&w, buf, count);
	r = buf + VPB_HEADER_SIZE;
	for (i = 0; i < w.n; i++) {
		const char *str = profile_str(p, w.order[i]);
		size_t len = strlen(str) + 1;

		memcpy(r, str, len);
		r += len;
	}
	r = buf + VPB_HEADER_SIZE + vpb_align8(w.bytes);
	r = bw_functions(&w, r);
	r = bw_lines_edges(p, r);
	r = bw_sites(&w, r);
	bw_rest(&w, r);
	free(w.index);
	free(w.order);
	return STATUS_OK;
}

/* What version 1 of the encoding has no section for. */
static void vpb_notes(const struct profile *p, struct strbuf *notes)
{
	if (p->discs.n)
		sb_addf(notes,
			"dropped %" PRIu32 " discriminator %s (vitprof-bin has no room for them)\n",
			p->discs.n, p->discs.n == 1 ? "count" : "counts");
}

const struct exporter exporter_vitprof_bin = {
    .name = "vitprof-bin",
    .extension = ".vpbin",
    .description = "vitte-pgo profile, binary encoding (fast to load and merge)",
    .write = vpb_write,
    .notes = vpb_notes,
};

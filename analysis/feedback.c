/* feedback.c - the Vitte optimizer's feedback file from the analyses. */
#include "analysis/feedback.h"

#include <inttypes.h>
#include <stdlib.h>

#include "analysis/branches.h"
#include "analysis/callgraph.h"
#include "analysis/hotspots.h"
#include "analysis/loops.h"
#include "src/base/alloc.h"
#include "src/base/jsonw.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"

/* Everything the file says, computed once. */
struct feedback {
	const struct profile *p; /* borrowed */
	struct hotspots hot;
	struct branches br;
	struct loops lp;
	struct callgraph *cg;
	struct cg_inline *inl;
	uint32_t n_inl;
	const struct hotspot **by_func;	  /* per function id: its hotspot */
	const struct branch_stat **br_at; /* per branch site (canonical order) */
	const struct loop_stat **lp_at;	  /* per loop site (canonical order) */
	/* cursors into the sites and the inline candidates (sorted by caller):
	 * functions are written in id order, and sites are sorted by function */
	uint32_t br_next, lp_next, inl_next;
};

/* Caller ascending, then count descending, then edge id. */
static int cmp_inline_caller(const void *a, const void *b)
{
	const struct cg_inline *x = a, *y = b;

	if (x->caller != y->caller)
		return x->caller < y->caller ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (x->edge > y->edge) - (x->edge < y->edge);
}

static void feedback_compute(struct feedback *f, const struct profile *p)
{
	struct callgraph_inline_opts io = CALLGRAPH_INLINE_OPTS_DEFAULT;
	uint32_t i;

	f->p = p;
	hotspots_compute(p, NULL, &f->hot);
	branches_compute(p, NULL, &f->br);
	loops_compute(p, NULL, &f->lp);
	f->cg = callgraph_build(p);
	f->n_inl = callgraph_find_inline_candidates(f->cg, &io, &f->inl);
	f->by_func = xcalloc(p->funcs.n ? p->funcs.n : 1, sizeof(*f->by_func));
	f->br_at = xcalloc(p->branches.n ? p->branches.n : 1, sizeof(*f->br_at));
	f->lp_at = xcalloc(p->loops.n ? p->loops.n : 1, sizeof(*f->lp_at));
	for (i = 0; i < f->hot.n; i++)
		f->by_func[f->hot.v[i].func] = &f->hot.v[i];
	for (i = 0; i < f->br.n; i++)
		f->br_at[f->br.v[i].site] = &f->br.v[i];
	for (i = 0; i < f->lp.n; i++)
		f->lp_at[f->lp.v[i].site] = &f->lp.v[i];
	if (f->n_inl) /* qsort takes no NULL */
		qsort(f->inl, f->n_inl, sizeof(*f->inl), cmp_inline_caller);
}

static void feedback_free(struct feedback *f)
{
	hotspots_free(&f->hot);
	branches_free(&f->br);
	loops_free(&f->lp);
	callgraph_free(f->cg);
	free(f->inl);
	free(f->by_func);
	free(f->br_at);
	free(f->lp_at);
}

static const char *feedback_name(const struct profile *p, uint32_t func)
{
	return profile_str(p, p->funcs.v[func].name);
}

/* The functions that ran (calls or self time), hottest first: the hotspot
 * rank order (self time descending, ties by name). */
static void feedback_put_order(struct strbuf *sb, const struct feedback *f)
{
	bool first = true;
	uint32_t i;

	sb_adds(sb, "  \"order\": [");
	for (i = 0; i < f->hot.n; i++) {
		const struct hotspot *h = &f->hot.v[i];

		if (!h->calls && !h->self_ns)
			continue;
		sb_adds(sb, first ? "" : ", ");
		jsonw_put_string(sb, feedback_name(f->p, h->func));
		first = false;
	}
	sb_adds(sb, "],\n");
}

/* The calls from func worth inlining, by count descending. */
static void feedback_put_inline(struct strbuf *sb, struct feedback *f, uint32_t func)
{
	bool first = true;
	uint32_t i;

	for (; f->inl_next < f->n_inl && f->inl[f->inl_next].caller == func; f->inl_next++) {
		i = f->inl_next;
		sb_adds(sb, first ? ", \"inline\": [" : ", ");
		sb_adds(sb, "{\"callee\": ");
		jsonw_put_string(sb, feedback_name(f->p, f->inl[i].callee));
		sb_addf(sb, ", \"count\": %" PRIu64 "}", f->inl[i].count);
		first = false;
	}
	if (!first)
		sb_addc(sb, ']');
}

/* The branch sites of func that have a hint, in site order. */
static void feedback_put_branches(struct strbuf *sb, struct feedback *f, uint32_t func)
{
	bool first = true;

	for (; f->br_next < f->p->branches.n && f->p->branches.v[f->br_next].func == func;
	     f->br_next++) {
		const struct branch_stat *st = f->br_at[f->br_next];
		const struct pf_branch *b = &f->p->branches.v[f->br_next];

		if (st->hint == BRANCH_HINT_NONE)
			continue;
		sb_addf(sb, "%s{\"line\": %" PRIu32, first ? ", \"branches\": [" : ", ", b->line);
		if (b->flags & PF_HAS_COLUMN)
			sb_addf(sb, ", \"column\": %" PRIu32, b->column);
		if (b->id != PF_NONE) {
			sb_adds(sb, ", \"id\": ");
			jsonw_put_string(sb, profile_str(f->p, b->id));
		}
		sb_adds(sb, ", \"hint\": ");
		jsonw_put_string(sb, branches_hint_name(st->hint));
		sb_adds(sb, ", \"p_taken\": ");
		jsonw_put_double(sb, st->p_taken);
		sb_addc(sb, '}');
		first = false;
	}
	if (!first)
		sb_addc(sb, ']');
}

/* The loop sites of func that have a hint. */
static void feedback_put_loops(struct strbuf *sb, struct feedback *f, uint32_t func)
{
	bool first = true;

	for (; f->lp_next < f->p->loops.n && f->p->loops.v[f->lp_next].func == func; f->lp_next++) {
		const struct loop_stat *st = f->lp_at[f->lp_next];
		const struct pf_loop *l = &f->p->loops.v[f->lp_next];

		if (st->hint == LOOP_HINT_NONE)
			continue;
		sb_addf(sb, "%s{\"line\": %" PRIu32, first ? ", \"loops\": [" : ", ", l->line);
		if (l->name != PF_NONE) {
			sb_adds(sb, ", \"name\": ");
			jsonw_put_string(sb, profile_str(f->p, l->name));
		}
		sb_adds(sb, ", \"hint\": ");
		jsonw_put_string(sb, loops_hint_name(st->hint));
		sb_adds(sb, ", \"avg_trip\": ");
		jsonw_put_double(sb, st->avg_trip);
		sb_addc(sb, '}');
		first = false;
	}
	if (!first)
		sb_addc(sb, ']');
}

/* One line per function, in name order (the model's id order). */
static void feedback_put_functions(struct strbuf *sb, struct feedback *f)
{
	uint32_t i;

	sb_adds(sb, "  \"functions\": {");
	for (i = 0; i < f->p->funcs.n; i++) {
		const struct hotspot *h = f->by_func[i];

		sb_adds(sb, i ? ",\n    " : "\n    ");
		jsonw_put_string(sb, feedback_name(f->p, i));
		sb_adds(sb, ": {\"class\": ");
		jsonw_put_string(sb, hotspots_class_name(h->cls));
		sb_addf(sb, ", \"calls\": %" PRIu64 ", \"self_share\": ", h->calls);
		jsonw_put_double(sb, h->self_share);
		feedback_put_inline(sb, f, i);
		feedback_put_branches(sb, f, i);
		feedback_put_loops(sb, f, i);
		sb_addc(sb, '}');
	}
	sb_adds(sb, f->p->funcs.n ? "\n  }\n" : "}\n");
}

enum status feedback_write(const struct profile *p, struct strbuf *out, struct error *err)
{
	struct feedback f = {0};

	(void)err;
	feedback_compute(&f, p);
	sb_addf(out, "{\n  \"format\": \"vitte-feedback\",\n  \"version\": %d,\n",
		FEEDBACK_VERSION);
	if (p->program != PF_NONE) {
		sb_adds(out, "  \"program\": ");
		jsonw_put_string(out, profile_str(p, p->program));
		sb_adds(out, ",\n");
	}
	sb_addf(out, "  \"profile\": {\"mode\": ");
	jsonw_put_string(out, p->meta.mode != PF_MODE_UNSET ? profile_mode_name(p->meta.mode)
							    : "unknown");
	sb_addf(out, ", \"runs\": %" PRIu64 ", \"total_self_ns\": %" PRIu64 "},\n", p->meta.runs,
		f.hot.total);
	feedback_put_order(out, &f);
	feedback_put_functions(out, &f);
	sb_adds(out, "}\n");
	feedback_free(&f);
	return STATUS_OK;
}

const struct exporter exporter_feedback = {
    .name = "feedback",
    .extension = ".feedback",
    .description = "the Vitte optimizer's feedback: classes, inlining, branch and loop hints, "
		   "a function order (docs/feedback-format.md)",
    .write = feedback_write,
};

/* import_build.c - what the importers share to fill a profile. */
#include "loaders/import_build.h"

#include <stdlib.h>
#include <string.h>

uint32_t import_build_function(struct profile *p, const char *name, size_t len)
{
	return profile_add_function(p, profile_intern(p, name, len), NULL);
}

void import_build_meta(struct profile *p, enum pf_mode mode, const char *tool)
{
	p->meta.present = true;
	p->meta.mode = mode;
	p->meta.tool = profile_intern(p, tool, strlen(tool));
}

#define CMP(a, b) (((a) > (b)) - ((a) < (b)))

static int cmp_edge(const void *a, const void *b)
{
	const struct pf_edge *x = a, *y = b;

	return x->caller != y->caller ? CMP(x->caller, y->caller) : CMP(x->callee, y->callee);
}

static int cmp_branch(const void *a, const void *b)
{
	const struct pf_branch *x = a, *y = b;

	if (x->func != y->func)
		return CMP(x->func, y->func);
	if (x->line != y->line)
		return CMP(x->line, y->line);
	if (x->column != y->column)
		return CMP(x->column, y->column);
	return CMP(x->id, y->id);
}

static int cmp_line(const void *a, const void *b)
{
	const struct pf_line *x = a, *y = b;

	return x->func != y->func ? CMP(x->func, y->func) : CMP(x->line, y->line);
}

static void merge_edges(struct profile *p)
{
	uint32_t i, n = 0;

	if (p->edges.n)
		qsort(p->edges.v, p->edges.n, sizeof(*p->edges.v), cmp_edge);
	for (i = 0; i < p->edges.n; i++) {
		struct pf_edge *e = &p->edges.v[i], *last = n ? &p->edges.v[n - 1] : NULL;

		if (last && !cmp_edge(last, e)) {
			last->count = profile_sat_add(p, last->count, e->count);
			last->time_ns = profile_sat_add(p, last->time_ns, e->time_ns);
			last->flags |= e->flags;
		} else {
			p->edges.v[n++] = *e;
		}
	}
	p->edges.n = n;
}

static void merge_branches(struct profile *p)
{
	uint32_t i, n = 0;

	if (p->branches.n)
		qsort(p->branches.v, p->branches.n, sizeof(*p->branches.v), cmp_branch);
	for (i = 0; i < p->branches.n; i++) {
		struct pf_branch *b = &p->branches.v[i];
		struct pf_branch *last = n ? &p->branches.v[n - 1] : NULL;

		if (last && !cmp_branch(last, b)) {
			last->taken = profile_sat_add(p, last->taken, b->taken);
			last->not_taken = profile_sat_add(p, last->not_taken, b->not_taken);
		} else {
			p->branches.v[n++] = *b;
		}
	}
	p->branches.n = n;
}

static void merge_lines(struct profile *p)
{
	uint32_t i, n = 0;

	if (p->lines.n)
		qsort(p->lines.v, p->lines.n, sizeof(*p->lines.v), cmp_line);
	for (i = 0; i < p->lines.n; i++) {
		struct pf_line *l = &p->lines.v[i], *last = n ? &p->lines.v[n - 1] : NULL;

		if (last && !cmp_line(last, l))
			last->count = profile_sat_add(p, last->count, l->count);
		else
			p->lines.v[n++] = *l;
	}
	p->lines.n = n;
}

void import_build_finish(struct profile *p)
{
	struct pf_duplicate dup;
	uint32_t i;

	merge_edges(p);
	merge_branches(p);
	merge_lines(p);
	for (i = 0; i < p->lines.n; i++)
		p->funcs.v[p->lines.v[i].func].flags |= PF_HAS_LINES_OBJ;
	profile_finalize(p, &dup);
}

/* import_build.c - what the importers share to fill a profile. */
#include "loaders/import_build.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/json_scan.h"
#include "src/base/alloc.h"
#include "src/base/text.h"
#include "src/model/context.h"

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

/* ---- text formats ---- */

bool import_lines_next(struct import_lines *r, const char **s, size_t *n)
{
	const char *nl;
	size_t end;

	if (r->pos >= r->len)
		return false;
	r->at = r->pos;
	r->lineno++;
	nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
	end = nl ? (size_t)(nl - r->buf) : r->len;
	r->pos = nl ? end + 1 : r->len;
	if (end > r->at && r->buf[end - 1] == '\r')
		end--;
	*s = r->buf + r->at;
	*n = end - r->at;
	return true;
}

enum status import_fail_at(struct error *err, const char *path, const char *buf, size_t len,
			   size_t off, const char *fmt, ...)
{
	unsigned line, col;
	va_list ap;

	json_scan_position(buf, len, off, &line, &col);
	va_start(ap, fmt);
	error_setv(err, STATUS_INVALID, path, line, col, fmt, ap);
	va_end(ap);
	return STATUS_INVALID;
}

enum status import_check_text(struct error *err, const char *path, const char *buf, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)buf[i] < 0x80) {
			if (!buf[i])
				break;
			i++;
			continue;
		}
		k = text_utf8_decode((const unsigned char *)buf + i, len - i, &cp);
		if (!k)
			break;
		i += k;
	}
	if (i == len)
		return STATUS_OK;
	import_fail_at(err, path, buf, len, i, "%s", buf[i] ? "invalid UTF-8" : "NUL byte in text");
	err->code = STATUS_SYNTAX;
	return STATUS_SYNTAX;
}

void import_stacks_add(struct import_stacks *s, const uint32_t *fids, uint32_t n, uint64_t count,
		       uint64_t weight)
{
	struct import_stack *st = VEC_NEW(s->stacks);
	uint32_t i;

	st->at = s->frames.n;
	st->n = n;
	st->count = count;
	st->weight = weight;
	for (i = 0; i < n; i++)
		VEC_APPEND(s->frames, fids[i]);
}

static int cmp_pair(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return CMP(*x, *y);
}

/* The calling-context tree of the stacks (src/model/context.h), when one
 * of them has more than one frame: else they are samples without call
 * chains, whose frames are not roots. */
static void stacks_contexts(const struct import_stacks *s, struct profile *p, bool by_count)
{
	struct context_builder cb;
	uint32_t i, k;

	for (i = 0; i < s->stacks.n && s->stacks.v[i].n < 2; i++)
		;
	if (i == s->stacks.n)
		return;
	context_builder_init(&cb, p);
	for (i = 0; i < s->stacks.n; i++) {
		const struct import_stack *st = &s->stacks.v[i];
		uint32_t cur = PF_NONE, next;

		for (k = 0; k < st->n; k++) {
			if ((next = context_enter(&cb, cur, s->frames.v[st->at + k])) == PF_NONE)
				break; /* a new root in a full tree */
			cur = next;
		}
		if (cur != PF_NONE)
			p->contexts.v[cur].self_ns = profile_sat_add(
			    p, p->contexts.v[cur].self_ns, by_count ? st->count : st->weight);
	}
	context_builder_free(&cb);
}

void import_stacks_finish(struct import_stacks *s, struct profile *p, bool by_count)
{
	uint64_t *stamp = xcalloc(p->funcs.n + 1, sizeof(*stamp));
	VEC(uint64_t) pairs = {0};
	uint32_t i, k;

	for (i = 0; i < s->stacks.n; i++) {
		const struct import_stack *st = &s->stacks.v[i];
		const uint32_t *f = s->frames.v + st->at;
		uint64_t w = by_count ? st->count : st->weight;

		if (!st->n)
			continue;
		p->funcs.v[f[st->n - 1]].self_ns =
		    profile_sat_add(p, p->funcs.v[f[st->n - 1]].self_ns, w);
		pairs.n = 0;
		for (k = 0; k < st->n; k++) {
			if (stamp[f[k]] != (uint64_t)i + 1) {
				stamp[f[k]] = (uint64_t)i + 1;
				p->funcs.v[f[k]].time_ns =
				    profile_sat_add(p, p->funcs.v[f[k]].time_ns, w);
			}
			if (k)
				VEC_APPEND(pairs, (uint64_t)f[k - 1] << 32 | f[k]);
		}
		if (pairs.n)
			qsort(pairs.v, pairs.n, sizeof(*pairs.v), cmp_pair);
		for (k = 0; k < pairs.n; k++) {
			struct pf_edge *e;

			if (k && pairs.v[k] == pairs.v[k - 1])
				continue;
			e = profile_add_edge(p);
			e->caller = (uint32_t)(pairs.v[k] >> 32);
			e->callee = (uint32_t)pairs.v[k];
			e->count = st->count;
			e->time_ns = w;
			e->flags |= PF_HAS_TIME;
		}
	}
	for (i = 0; i < p->funcs.n; i++)
		p->funcs.v[i].flags |= PF_HAS_SELF;
	stacks_contexts(s, p, by_count);
	free(stamp);
	free(pairs.v);
	free(s->frames.v);
	free(s->stacks.v);
	s->frames.v = NULL;
	s->stacks.v = NULL;
	s->frames.n = s->stacks.n = 0;
}

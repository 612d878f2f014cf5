/* sample_text.c - import LLVM's text sample profile (the input of clang's
 * -fprofile-sample-use, as llvm-profdata merge --sample --text writes it):
 *
 *	main:184019:0                 NAME:TOTAL_SAMPLES:HEAD_SAMPLES
 *	 4: 534                       OFFSET[.DISCRIMINATOR]: SAMPLES
 *	 9: 2064 _Z3bari:1471         ... [CALLEE:CALLS]...
 *	 10: inline1:1000             an inlined call: NAME:TOTAL, its body
 *	  1: 1000                     indented below it
 *	 !CFGChecksum: 563022570642068  metadata, skipped
 *
 * The mapping is documented in docs/import-formats.md. */
#define _GNU_SOURCE /* memrchr */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/import_build.h"
#include "loaders/loader.h"
#include "src/base/alloc.h"

#define ST_MAX_DEPTH 256 /* nested inlined calls */

struct st_level {
	size_t indent;
	uint32_t fid;
};

struct st {
	struct profile *p;
	const char *path, *buf;
	size_t len;
	struct error *err;
	struct st_level stack[ST_MAX_DEPTH];
	unsigned depth;
	VEC(struct pf_line) lines; /* merged by maximum at the end */
};

/* A decimal number of s[0, n) into *v; false when it is none. */
static bool st_number(const char *s, size_t n, uint64_t *v)
{
	char digits[24];

	if (!n || n > 20 || strspn(s, "0123456789") < n)
		return false;
	memcpy(digits, s, n);
	digits[n] = '\0';
	errno = 0;
	*v = strtoull(digits, NULL, 10);
	return errno != ERANGE;
}

static enum status st_fail(struct st *st, const char *at, const char *what)
{
	return import_fail_at(st->err, st->path, st->buf, st->len, (size_t)(at - st->buf), "%s",
			      what);
}

/* "NAME:NUMBER" ending at s + n: the name's length and the number. */
static bool st_name_count(const char *s, size_t n, size_t *name_n, uint64_t *v)
{
	const char *colon = memrchr(s, ':', n);

	if (!colon || colon == s)
		return false;
	*name_n = (size_t)(colon - s);
	return st_number(colon + 1, n - *name_n - 1, v);
}

/* "NAME:TOTAL:HEAD" at the start of a line. */
static enum status st_header(struct st *st, const char *s, size_t n)
{
	const char *colon = memrchr(s, ':', n);
	uint64_t total, head;
	size_t name_n;
	uint32_t fid;
	struct pf_function *f;

	if (!colon || !st_number(colon + 1, n - (size_t)(colon + 1 - s), &head))
		return st_fail(st, colon ? colon + 1 : s + n,
			       "expected a function: NAME:TOTAL_SAMPLES:HEAD_SAMPLES");
	if (!st_name_count(s, (size_t)(colon - s), &name_n, &total))
		return st_fail(st, s, "expected a function: NAME:TOTAL_SAMPLES:HEAD_SAMPLES");
	fid = import_build_function(st->p, s, name_n);
	f = &st->p->funcs.v[fid];
	f->calls = profile_sat_add(st->p, f->calls, head);
	f->time_ns = profile_sat_add(st->p, f->time_ns, total);
	f->self_ns = profile_sat_add(st->p, f->self_ns, total);
	st->stack[0] = (struct st_level){0, fid};
	st->depth = 1;
	return STATUS_OK;
}

static void st_line(struct st *st, uint32_t fid, uint64_t offset, uint64_t count)
{
	struct pf_line *l = VEC_NEW(st->lines);

	l->func = fid;
	l->line = (uint32_t)offset + 1;
	l->count = count;
}

/* An inlined call "NAME:TOTAL" at offset of the function owner. */
static enum status st_inlined(struct st *st, const char *s, size_t n, size_t indent, uint32_t owner)
{
	struct pf_function *o, *f;
	struct pf_edge *e;
	uint64_t total;
	size_t name_n;
	uint32_t fid;

	if (!st_name_count(s, n, &name_n, &total))
		return st_fail(st, s, "expected SAMPLES, or an inlined call NAME:TOTAL_SAMPLES");
	if (st->depth == ST_MAX_DEPTH)
		return st_fail(st, s, "inlined calls nested too deep");
	fid = import_build_function(st->p, s, name_n);
	f = &st->p->funcs.v[fid];
	f->time_ns = profile_sat_add(st->p, f->time_ns, total);
	f->self_ns = profile_sat_add(st->p, f->self_ns, total);
	o = &st->p->funcs.v[owner];
	o->self_ns = o->self_ns > total ? o->self_ns - total : 0;
	e = profile_add_edge(st->p);
	e->caller = owner;
	e->callee = fid;
	e->count = total;
	e->time_ns = total;
	e->flags |= PF_HAS_TIME;
	st->stack[st->depth++] = (struct st_level){indent, fid};
	return STATUS_OK;
}

/* The call targets after a body line's samples: "NAME:CALLS"... */
static enum status st_targets(struct st *st, const char *s, size_t n, uint32_t owner)
{
	size_t i = 0, t, name_n;
	uint64_t calls;
	struct pf_edge *e;

	while (i < n) {
		i += strspn(s + i, " \t");
		if (i >= n)
			break;
		for (t = i; t < n && s[t] != ' ' && s[t] != '\t'; t++)
			;
		if (!st_name_count(s + i, t - i, &name_n, &calls))
			return st_fail(st, s + i, "expected a call target: NAME:CALLS");
		e = profile_add_edge(st->p);
		e->caller = owner;
		e->callee = import_build_function(st->p, s + i, name_n);
		e->count = calls;
		i = t;
	}
	return STATUS_OK;
}

/* " OFFSET[.DISCRIMINATOR]: SAMPLES [TARGET:CALLS]..." or an inlined call. */
static enum status st_body(struct st *st, const char *s, size_t n, size_t indent)
{
	size_t colon, dot, i, t;
	uint64_t offset, samples;
	uint32_t owner;

	while (st->depth > 1 && st->stack[st->depth - 1].indent >= indent)
		st->depth--;
	owner = st->stack[st->depth - 1].fid;
	colon = strcspn(s, ":");
	if (colon >= n)
		return st_fail(st, s, "expected OFFSET: SAMPLES");
	dot = strcspn(s, ".:");
	if (!st_number(s, dot, &offset) || offset >= UINT32_MAX ||
	    (dot < colon && !st_number(s + dot + 1, colon - dot - 1, &samples)))
		return st_fail(st, s, "expected a line offset: OFFSET[.DISCRIMINATOR]");
	i = colon + 1 + strspn(s + colon + 1, " \t");
	for (t = i; t < n && s[t] != ' ' && s[t] != '\t'; t++)
		;
	if (t == i)
		return st_fail(st, s + i, "expected SAMPLES after the offset");
	if (!st_number(s + i, t - i, &samples))
		return t >= n ? st_inlined(st, s + i, t - i, indent, owner)
			      : st_fail(st, s + i,
					"expected SAMPLES, or an inlined call "
					"NAME:TOTAL_SAMPLES");
	st_line(st, owner, offset, samples);
	return st_targets(st, s + t, n - t, owner);
}

static int st_cmp_line(const void *a, const void *b)
{
	const struct pf_line *x = a, *y = b;

	if (x->func != y->func)
		return (x->func > y->func) - (x->func < y->func);
	return (x->line > y->line) - (x->line < y->line);
}

/* One line per offset: the most of its discriminators. */
static void st_add_lines(struct st *st)
{
	uint32_t i;

	if (st->lines.n)
		qsort(st->lines.v, st->lines.n, sizeof(*st->lines.v), st_cmp_line);
	for (i = 0; i < st->lines.n; i++) {
		struct pf_line *l = &st->lines.v[i];

		if (i && !st_cmp_line(l, l - 1)) {
			struct pf_line *last = &st->p->lines.v[st->p->lines.n - 1];

			if (l->count > last->count)
				last->count = l->count;
			continue;
		}
		*profile_add_line(st->p) = *l;
	}
}

static enum status sample_text_load(struct profile *p, const char *path, const char *buf,
				    size_t len, const struct load_ctx *ctx, struct error *err)
{
	struct st st = {.p = p, .path = path, .buf = buf, .len = len, .err = err};
	struct import_lines r = {buf, len, 0, 0, 0};
	enum status rc;
	const char *s;
	size_t n, indent;

	(void)ctx;
	rc = import_check_text(err, path, buf, len);
	while (rc == STATUS_OK && import_lines_next(&r, &s, &n)) {
		indent = strspn(s, " \t");
		if (indent >= n || s[indent] == '#' || s[indent] == '!')
			continue;
		if (!indent)
			rc = st_header(&st, s, n);
		else if (!st.depth)
			rc = st_fail(&st, s, "a body line before any function");
		else
			rc = st_body(&st, s + indent, n - indent, indent);
	}
	if (rc == STATUS_OK && !p->funcs.n)
		rc = error_set(err, STATUS_INVALID, path, 0, 0,
			       "no functions in the sample profile");
	if (rc == STATUS_OK) {
		uint32_t i;

		st_add_lines(&st);
		for (i = 0; i < p->funcs.n; i++)
			p->funcs.v[i].flags |= PF_HAS_SELF;
		import_build_meta(p, PF_MODE_SAMPLED, "LLVM sample profile (text)");
		import_build_finish(p);
	}
	free(st.lines.v);
	return rc;
}

/* The first line that is not blank or a comment is NAME:TOTAL:HEAD. */
static bool sample_text_sniff(const char *buf, size_t len)
{
	struct import_lines r = {buf, len, 0, 0, 0};
	const char *s, *colon;
	size_t n, name_n;
	uint64_t v;

	while (import_lines_next(&r, &s, &n)) {
		if (strspn(s, " \t") >= n || s[0] == '#')
			continue;
		if (s[0] == ' ' || s[0] == '\t' || s[0] == '{')
			return false;
		colon = memrchr(s, ':', n);
		return colon && st_number(colon + 1, n - (size_t)(colon + 1 - s), &v) &&
		       st_name_count(s, (size_t)(colon - s), &name_n, &v) && !memchr(s, ' ', n);
	}
	return false;
}

const struct loader loader_sample_text = {
    .name = "sample-text",
    .description = "LLVM sample profile, text form (llvm-profdata --sample --text)",
    .sniff = sample_text_sniff,
    .load = sample_text_load,
};

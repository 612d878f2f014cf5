/* llvm_sample_write.c - LLVM's sample profile text format, as clang reads
 * it with -fprofile-sample-use (docs/export-formats.md, "llvm-sample").
 *
 * One flat record per function, no inline nesting:
 *
 *	NAME:TOTAL:HEAD
 *	 OFFSET: COUNT
 *
 * OFFSET is the source line less the function's declaration line
 * (pf_function.line, from DW_AT_decl_line), which is what clang's sample
 * loader computes. A line with discriminator counts (pf_disc) gets one
 * " OFFSET.DISC: COUNT" per discriminator (" OFFSET: COUNT" for 0) in
 * place of its count; the others discriminator 0. HEAD is the function's call count,
 * offset 0 carries the count of the declaration line or, when the profile
 * has none, the call count (so that functions whose code all sits on their
 * declaration line, as macro-generated ones do, still match; not when the
 * count is 0: sampled profiles have no call counts, and a 0 there would
 * tell clang the entry is cold), and TOTAL is the sum of the body counts,
 * saturating.
 *
 * The copies of a static function ("a.c:mix", "b.c:mix", named by their
 * unit in the profile) are one record under the name the compiler knows
 * them by, "mix": the compiler matches records by that name, so their
 * counts are added up, offset by offset.
 *
 * The format's "OFFSET: COUNT callee:N" call targets are not written: a
 * call edge of the model (pf_edge) does not know the line of its call.
 *
 * What the format cannot hold is dropped and said in '#' comment lines at
 * the top, which LLVM's reader skips, and by the notes op: lines before the declaration line
 * (negative offsets) or 65536 and more lines after it (LLVM's limit), line
 * counts of a function whose declaration line is unknown (it gets the
 * call-count record), and functions whose name LLVM's line-based reader
 * would misread (empty, a control character, a leading blank or '#').
 */
#define _GNU_SOURCE /* qsort_r */
#include "src/writers/exporter.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/base/vector.h"
#include "src/model/profile.h"

#define LLVM_MAX_OFFSET 0xffffu /* LineLocation offsets are 16 bits wide */

struct llvm_counts {
	struct llvm_count *v; /* a VEC (src/base/vector.h) */
	uint32_t n, cap;
};

/* What one pass over the profile could not write. */
struct llvm_dropped {
	uint64_t before_decl; /* line counts before the declaration line */
	uint64_t too_far;     /* line counts past LLVM_MAX_OFFSET */
	uint64_t no_decl;     /* line counts of functions without a declaration line */
	uint64_t bad_names;   /* functions LLVM's reader would misparse */
};

/* Whether LLVM's text reader reads name back as one function name. */
static bool llvm_name_ok(const char *name)
{
	const unsigned char *c = (const unsigned char *)name;

	if (!*c || *c == ' ' || *c == '\t' || *c == '#')
		return false;
	for (; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			return false;
	return true;
}

/* A line count of a record, at its offset from the declaration line. */
struct llvm_count {
	uint32_t offset, disc;
	uint64_t count;
};

static int llvm_cmp_count(const void *a, const void *b)
{
	const struct llvm_count *x = a, *y = b;

	return x->offset != y->offset ? cmp_u64(x->offset, y->offset) : cmp_u64(x->disc, y->disc);
}

/* Add the counted lines of f at their offsets to v. */
static void llvm_add_lines(const struct profile *p, const struct pf_function *f,
			   struct llvm_counts *v, struct llvm_dropped *d)
{
	uint32_t i, nd, k = 0;
	const struct pf_disc *dv = profile_func_discs(p, (uint32_t)(f - p->funcs.v), &nd);

	if (f->lines_n && !(f->flags & PF_HAS_LINE)) {
		d->no_decl += f->lines_n;
		return;
	}
	for (i = f->lines_at; i < f->lines_at + f->lines_n; i++) {
		const struct pf_line *l = &p->lines.v[i];
		bool split = false;

		/* both sorted by line: the line's discriminators replace its count */
		for (; k < nd && dv[k].line < l->line; k++)
			;
		if (l->line < f->line)
			d->before_decl++;
		else if (l->line - f->line > LLVM_MAX_OFFSET)
			d->too_far++;
		else
			for (; k < nd && dv[k].line == l->line; k++, split = true)
				VEC_APPEND(*v, ((struct llvm_count){l->line - f->line, dv[k].disc,
								    dv[k].count}));
		if (!split && l->line >= f->line && l->line - f->line <= LLVM_MAX_OFFSET)
			VEC_APPEND(*v, ((struct llvm_count){l->line - f->line, 0, l->count}));
	}
}

/* Append the record of the functions of one symbol name (the copies of a
 * static function, "a.c:mix" and "b.c:mix", are one record "mix", their
 * counts summed offset by offset), if it has anything to say. */
static void llvm_put_function(const struct profile *p, const uint32_t *fs, uint32_t n,
			      struct strbuf *out, struct llvm_dropped *d)
{
	struct strbuf body = STRBUF_INIT;
	struct llvm_counts v = {0};
	size_t len, unit_len;
	const char *name =
	    profile_symbol_name(profile_str(p, p->funcs.v[fs[0]].name), &len, &unit_len);
	bool decl_seen = false;
	uint64_t total = 0, calls = 0;
	uint32_t i, j;

	for (i = 0; i < n; i++) {
		llvm_add_lines(p, &p->funcs.v[fs[i]], &v, d);
		calls = add_sat_u64(calls, p->funcs.v[fs[i]].calls);
	}
	if (v.n)
		qsort(v.v, v.n, sizeof(*v.v), llvm_cmp_count);
	for (i = 0; i < v.n; i = j) {
		uint64_t sum = 0;

		for (j = i; j < v.n && v.v[j].offset == v.v[i].offset && v.v[j].disc == v.v[i].disc;
		     j++)
			sum = add_sat_u64(sum, v.v[j].count);
		decl_seen |= v.v[i].offset == 0;
		if (v.v[i].disc)
			sb_addf(&body, " %" PRIu32 ".%" PRIu32 ": %" PRIu64 "\n", v.v[i].offset,
				v.v[i].disc, sum);
		else
			sb_addf(&body, " %" PRIu32 ": %" PRIu64 "\n", v.v[i].offset, sum);
		total = add_sat_u64(total, sum);
	}
	if (!calls && !body.len)
		goto out;
	if (!llvm_name_ok(name)) {
		d->bad_names++;
		goto out;
	}
	if (!decl_seen && calls)
		total = add_sat_u64(total, calls);
	sb_addf(out, "%.*s:%" PRIu64 ":%" PRIu64 "\n", (int)len, name, total, calls);
	if (!decl_seen && calls)
		sb_addf(out, " 0: %" PRIu64 "\n", calls);
	sb_adds(out, sb_str(&body));
out:
	free(v.v);
	sb_free(&body);
}

/* One line per kind of what was dropped, each starting with prefix. */
static void llvm_put_dropped(struct strbuf *out, const char *prefix, const struct llvm_dropped *d)
{
	static const char *const why[] = {
	    "before their function's declaration line",
	    "65536 or more lines after their function's declaration line",
	    "of functions whose declaration line is unknown",
	};
	const uint64_t n[] = {d->before_decl, d->too_far, d->no_decl};
	size_t i;

	for (i = 0; i < sizeof(n) / sizeof(n[0]); i++)
		if (n[i])
			sb_addf(out, "%sdropped %" PRIu64 " %s %s\n", prefix, n[i],
				text_plural(n[i], "line count", "line counts"), why[i]);
	if (d->bad_names)
		sb_addf(out, "%sdropped %" PRIu64 " %s the format cannot hold\n", prefix,
			d->bad_names,
			text_plural(d->bad_names, "function whose name", "functions whose names"));
}

/* Functions by symbol name, then by name (a total order: names are unique). */
static int llvm_cmp_symbol(const void *a, const void *b, void *arg)
{
	const struct profile *p = *(const struct profile *const *)arg;
	const char *x = profile_str(p, p->funcs.v[*(const uint32_t *)a].name);
	const char *y = profile_str(p, p->funcs.v[*(const uint32_t *)b].name);
	size_t xl, yl, u;
	const char *xs = profile_symbol_name(x, &xl, &u), *ys = profile_symbol_name(y, &yl, &u);
	int r = strncmp(xs, ys, xl < yl ? xl : yl);

	if (!r)
		r = cmp_u64(xl, yl);
	return r ? r : strcmp(x, y);
}

/* Whether functions a and b have one symbol name. */
static bool llvm_same_symbol(const struct profile *p, uint32_t a, uint32_t b)
{
	size_t al, bl, u;
	const char *as = profile_symbol_name(profile_str(p, p->funcs.v[a].name), &al, &u);
	const char *bs = profile_symbol_name(profile_str(p, p->funcs.v[b].name), &bl, &u);

	return al == bl && strncmp(as, bs, al) == 0;
}

/* The records of every symbol name into records, what was dropped into *d. */
static void llvm_put_records(const struct profile *p, struct strbuf *records,
			     struct llvm_dropped *d)
{
	uint32_t *fs = xcalloc(p->funcs.n ? p->funcs.n : 1, sizeof(*fs)), i, j;

	for (i = 0; i < p->funcs.n; i++)
		fs[i] = i;
	qsort_r(fs, p->funcs.n, sizeof(*fs), llvm_cmp_symbol, &p);
	for (i = 0; i < p->funcs.n; i = j) {
		for (j = i + 1; j < p->funcs.n && llvm_same_symbol(p, fs[i], fs[j]); j++)
			;
		llvm_put_function(p, fs + i, j - i, records, d);
	}
	free(fs);
}

static enum status llvm_sample_write(const struct profile *p, struct strbuf *out, struct error *err)
{
	struct strbuf records = STRBUF_INIT;
	struct llvm_dropped d = {0};

	(void)err;
	llvm_put_records(p, &records, &d);
	llvm_put_dropped(out, "# vitte-pgo: ", &d);
	sb_adds(out, sb_str(&records));
	sb_free(&records);
	return STATUS_OK;
}

static void llvm_sample_notes(const struct profile *p, struct strbuf *notes)
{
	struct strbuf records = STRBUF_INIT;
	struct llvm_dropped d = {0};

	llvm_put_records(p, &records, &d);
	llvm_put_dropped(notes, "", &d);
	sb_free(&records);
}

const struct exporter exporter_llvm_sample = {
    .name = "llvm-sample",
    .extension = ".prof",
    .description = "LLVM sample profile text (clang -fprofile-sample-use)",
    .write = llvm_sample_write,
    .notes = llvm_sample_notes,
};

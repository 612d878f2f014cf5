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
 * loader computes; the discriminator is always 0 (clang 14 drops counts
 * whose discriminator does not match). HEAD is the function's call count,
 * offset 0 carries the count of the declaration line or, when the profile
 * has none, the call count (so that functions whose code all sits on their
 * declaration line, as macro-generated ones do, still match; not when the
 * count is 0: sampled profiles have no call counts, and a 0 there would
 * tell clang the entry is cold), and TOTAL is the sum of the body counts,
 * saturating.
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
#include "src/writers/exporter.h"

#include <inttypes.h>
#include <stdint.h>

#include "src/base/numeric.h"
#include "src/base/strbuf.h"
#include "src/model/profile.h"

#define LLVM_MAX_OFFSET 0xffffu /* LineLocation offsets are 16 bits wide */

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

/* Append the body of f (its counted lines at their offsets) to body and
 * return its total; *decl_seen says whether the declaration line had one. */
static uint64_t llvm_put_lines(const struct profile *p, const struct pf_function *f,
			       struct strbuf *body, bool *decl_seen, struct llvm_dropped *d)
{
	uint64_t total = 0;
	uint32_t i;

	*decl_seen = false;
	for (i = f->lines_at; i < f->lines_at + f->lines_n; i++) {
		const struct pf_line *l = &p->lines.v[i];

		if (l->line < f->line) {
			d->before_decl++;
			continue;
		}
		if (l->line - f->line > LLVM_MAX_OFFSET) {
			d->too_far++;
			continue;
		}
		*decl_seen |= l->line == f->line;
		sb_addf(body, " %" PRIu32 ": %" PRIu64 "\n", l->line - f->line, l->count);
		total = add_sat_u64(total, l->count);
	}
	return total;
}

/* Append the record of f, if it has anything to say. */
static void llvm_put_function(const struct profile *p, const struct pf_function *f,
			      struct strbuf *out, struct llvm_dropped *d)
{
	struct strbuf body = STRBUF_INIT;
	const char *name = profile_str(p, f->name);
	bool decl_seen = false;
	uint64_t total = 0;

	if (f->lines_n && !(f->flags & PF_HAS_LINE))
		d->no_decl += f->lines_n;
	else if (f->lines_n)
		total = llvm_put_lines(p, f, &body, &decl_seen, d);
	if (!f->calls && !body.len)
		goto out;
	if (!llvm_name_ok(name)) {
		d->bad_names++;
		goto out;
	}
	if (!decl_seen && f->calls)
		total = add_sat_u64(total, f->calls);
	sb_addf(out, "%s:%" PRIu64 ":%" PRIu64 "\n", name, total, f->calls);
	if (!decl_seen && f->calls)
		sb_addf(out, " 0: %" PRIu64 "\n", f->calls);
	sb_adds(out, sb_str(&body));
out:
	sb_free(&body);
}

/* One line per kind of what was dropped, each starting with prefix. */
static void llvm_put_dropped(struct strbuf *out, const char *prefix, const struct llvm_dropped *d)
{
	if (d->before_decl)
		sb_addf(out,
			"%sdropped %" PRIu64
			" line counts before their function's declaration line\n",
			prefix, d->before_decl);
	if (d->too_far)
		sb_addf(
		    out,
		    "%sdropped %" PRIu64
		    " line counts 65536 or more lines after their function's declaration line\n",
		    prefix, d->too_far);
	if (d->no_decl)
		sb_addf(out,
			"%sdropped %" PRIu64
			" line counts of functions whose declaration line is unknown\n",
			prefix, d->no_decl);
	if (d->bad_names)
		sb_addf(out, "%sdropped %" PRIu64 " functions whose names the format cannot hold\n",
			prefix, d->bad_names);
}

/* The records of every function into records, what was dropped into *d. */
static void llvm_put_records(const struct profile *p, struct strbuf *records,
			     struct llvm_dropped *d)
{
	uint32_t i;

	for (i = 0; i < p->funcs.n; i++)
		llvm_put_function(p, &p->funcs.v[i], records, d);
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

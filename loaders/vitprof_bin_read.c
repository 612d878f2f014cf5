/* vitprof_bin_read.c - the vitprof-bin loader (src/model/vitprof_bin.h,
 * docs/vitprof-format.md "The binary encoding").
 *
 * The header's counts are checked against the file's size before any
 * record is read; then every field as the JSON reader checks its value:
 * string indexes inside the string table, function and context positions
 * inside theirs, flags known and a field whose flag is clear 0, strings
 * UTF-8, names unique, extra keys unknown to the format and their values
 * JSON. The first problem ends the load with an error at its byte offset
 * ("FILE:+OFFSET: error: ..."): no partial profile. Records go into
 * arrays sized once; profile_finalize() then indexes and derives as for
 * JSON, and finds a file already in canonical order (as written) without
 * sorting it.
 */
#define _GNU_SOURCE /* qsort_r */
#include "loaders/loader.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/json_scan.h"
#include "src/base/alloc.h"
#include "src/base/fileio.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "src/model/vitprof_bin.h"

/* A record of each section, in messages. */
static const char *const section_what[VPB_SECTIONS] = {
    "string",	 "function", "line count", "edge",     "branch site",
    "loop site", "context",  "extra key",  "hot loop",
};

/* The keys the JSON text gives each owner of extra keys: an extra key may
 * be none of them (the JSON writer would write it twice). */
static const char *const known_keys[] = {
    [PF_OWN_ROOT] = "format version program meta functions calls branches loops contexts",
    [PF_OWN_META] = ("mode runs created tool binary build_id sample_period_ns clock threads "
		     "wall_ns cpu_ns"),
    [PF_OWN_FUNCTION] = "calls time_ns self_ns file line size checksum lines discriminators",
    [PF_OWN_EDGE] = "caller callee count time_ns",
    [PF_OWN_BRANCHES] = "taken not_taken sites",
    [PF_OWN_BRANCH] = "function line column id taken not_taken",
    [PF_OWN_LOOPS] = "hot sites",
    [PF_OWN_LOOP] = "function name line entries iterations time_ns",
    [PF_OWN_CONTEXT] = "parent function calls self_ns",
};

#define FUNC_FLAGS (PF_HAS_SELF | PF_HAS_LINE | PF_HAS_SIZE | PF_IMPLICIT | PF_HAS_LINES_OBJ)

/* How a string field may be: absent (VPB_NONE), empty. */
enum { STR_NONE_OK = 1, STR_EMPTY_OK = 2 };

struct rd {
	const char *path;
	const unsigned char *b;
	size_t len;
	struct error *err;
	struct profile *p;
	uint32_t n[VPB_SECTIONS];  /* records of each section */
	uint64_t at[VPB_SECTIONS]; /* where each begins */
	uint64_t str_bytes;
	/* String i of the file is profile string str0 + i: the strings go in
	 * order into a profile that has none (each one is new, or an error). */
	uint32_t str0;
	uint32_t empty; /* the file index of the empty string, or VPB_NONE */
};

static enum status rd_fail(struct rd *r, uint64_t off, const char *fmt, ...) PRINTF_LIKE(3, 4) COLD;
static enum status rd_fail(struct rd *r, uint64_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_setv_offset(r->err, STATUS_INVALID, r->path, off, fmt, ap);
	va_end(ap);
	return STATUS_INVALID;
}

/* An error in field `field` of record i of section s, said as "WHAT I: ...". */
static enum status rd_fail_rec(struct rd *r, enum vpb_section s, uint32_t i, unsigned field,
			       const char *fmt, ...) PRINTF_LIKE(5, 6) COLD;
static enum status rd_fail_rec(struct rd *r, enum vpb_section s, uint32_t i, unsigned field,
			       const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return rd_fail(r, r->at[s] + (uint64_t)i * vpb_record_size[s] + field, "%s %" PRIu32 ": %s",
		       section_what[s], i, what);
}

static const unsigned char *rd_rec(const struct rd *r, enum vpb_section s, uint32_t i)
{
	return r->b + r->at[s] + (uint64_t)i * vpb_record_size[s];
}

/* ---- the header and the sections' places ---- */

static enum status rd_header(struct rd *r)
{
	uint64_t at, end;
	uint32_t version, flags;
	unsigned s;

	if (r->len < VPB_MAGIC_SIZE || memcmp(r->b, VPB_MAGIC, VPB_MAGIC_SIZE) != 0)
		return rd_fail(r, 0, "not a vitprof-bin file (no magic bytes)");
	if (r->len < VPB_HEADER_SIZE)
		return rd_fail(r, r->len, "truncated: the header is %d bytes, the file %zu",
			       VPB_HEADER_SIZE, r->len);
	version = vpb_get32(r->b + VPB_H_VERSION);
	if (version > VPB_VERSION)
		return error_set_offset(r->err, STATUS_VERSION, r->path, VPB_H_VERSION,
					"vitprof-bin version %" PRIu32
					" is not supported (this vitte-pgo reads version %d); "
					"upgrade vitte-pgo",
					version, VPB_VERSION);
	if (version < 1)
		return rd_fail(r, VPB_H_VERSION, "vitprof-bin versions start at 1, found 0");
	flags = vpb_get32(r->b + VPB_H_FLAGS);
	if (flags & ~(uint32_t)(VPB_META_PRESENT | VPB_LEGACY_BRANCHES))
		return rd_fail(r, VPB_H_FLAGS, "unknown header flags 0x%" PRIx32,
			       flags & ~(uint32_t)(VPB_META_PRESENT | VPB_LEGACY_BRANCHES));
	r->str_bytes = vpb_get64(r->b + VPB_H_STR_BYTES);
	at = VPB_HEADER_SIZE;
	for (s = 0; s < VPB_SECTIONS; s++) {
		r->n[s] = vpb_get32(r->b + VPB_H_COUNTS + 4 * s);
		r->at[s] = at;
		/* below 2^62 either way: no overflow */
		end = s == VPB_STRINGS ? (r->str_bytes > r->len ? r->len + 1 : r->str_bytes)
				       : (uint64_t)r->n[s] * vpb_record_size[s];
		end = at + vpb_align8(end);
		if (end > r->len) {
			if (s == VPB_STRINGS)
				return rd_fail(r, VPB_H_STR_BYTES,
					       "%" PRIu64 " bytes of strings from byte %" PRIu64
					       " run past the end of the file (%zu bytes)",
					       r->str_bytes, at, r->len);
			return rd_fail(r, VPB_H_COUNTS + 4 * s,
				       "%" PRIu32 " %ss of %u bytes from byte %" PRIu64
				       " run past the end of the file (%zu bytes)",
				       r->n[s], section_what[s], vpb_record_size[s], at, r->len);
		}
		at = end;
	}
	if (at < r->len)
		return rd_fail(r, at, "%zu bytes after the last section", r->len - (size_t)at);
	if (r->n[VPB_STRINGS] > r->str_bytes) /* each one ends with its NUL */
		return rd_fail(r, VPB_H_COUNTS,
			       "%" PRIu32 " strings do not fit in %" PRIu64 " bytes of strings",
			       r->n[VPB_STRINGS], r->str_bytes);
	return STATUS_OK;
}

/* Padding and reserved bytes are zeros. */
static enum status rd_zeros(struct rd *r, uint64_t from, uint64_t to)
{
	for (; from < to; from++)
		if (r->b[from])
			return rd_fail(r, from, "padding byte is 0x%02x, not 0", r->b[from]);
	return STATUS_OK;
}

/* ---- strings ---- */

#define HIGH_BITS 0x8080808080808080ULL /* of each byte of a word */

/* The end (its NUL) of string i of n, which starts at *pos, in *pos: the
 * NUL found by memchr(), the bytes before it ASCII a word at a time and
 * decoded only from a byte of 0x80 or more. */
static enum status rd_string_end(struct rd *r, uint64_t *pos, uint64_t end, uint32_t i, uint32_t n)
{
	const unsigned char *nul = memchr(r->b + *pos, 0, end - *pos);
	uint64_t stop = nul ? (uint64_t)(nul - r->b) : end, w;

	while (*pos < stop) {
		uint32_t cp;
		size_t k;

		if (stop - *pos >= 8 && (memcpy(&w, r->b + *pos, 8), !(w & HIGH_BITS))) {
			*pos += 8;
			continue;
		}
		k = r->b[*pos] < 0x80 ? 1 : text_utf8_decode(r->b + *pos, end - *pos, &cp);
		if (!k)
			return rd_fail(r, *pos, "string %" PRIu32 " is not valid UTF-8", i);
		*pos += k; /* a character has no NUL: not past stop */
	}
	if (*pos == end)
		return rd_fail(r, *pos,
			       "string %" PRIu32 " of %" PRIu32
			       " runs past the end of the string table",
			       i, n);
	return STATUS_OK;
}

/* Strings: NUL-terminated UTF-8, each interned once. Those before the
 * first malformed one are interned together; a repeat among them is the
 * error then, as it comes first. */
static enum status rd_strings(struct rd *r)
{
	uint64_t start = r->at[VPB_STRINGS], pos = start, at = start, end = pos + r->str_bytes;
	uint32_t i, good, n = r->n[VPB_STRINGS];
	enum status st = STATUS_OK;

	r->str0 = r->p->str_off.n;
	r->empty = VPB_NONE;
	for (good = 0; good < n && st == STATUS_OK; good++, pos++) {
		at = pos;
		st = rd_string_end(r, &pos, end, good, n);
		if (pos == at)
			r->empty = good;
	}
	if (st != STATUS_OK)
		good--;
	else
		at = pos;
	i = profile_intern_block(r->p, (const char *)r->b + start, at - start, good);
	if (i < good) {
		for (good = 0; good < i; good++)
			start += strlen((const char *)r->b + start) + 1;
		return rd_fail(r, start, "string %" PRIu32 " repeats an earlier one", i);
	}
	if (st != STATUS_OK)
		return st;
	if (pos < end)
		return rd_fail(r, pos, "%" PRIu64 " bytes after the last of %" PRIu32 " strings",
			       end - pos, n);
	return rd_zeros(r, end, r->at[VPB_STRINGS] + vpb_align8(r->str_bytes));
}

/* rd_str() of a field that is not a string of the table, or the empty
 * one: the field's id when its rules allow it, else the error. */
static enum status rd_str_rare(struct rd *r, enum vpb_section s, uint32_t rec, unsigned field,
			       const char *name, unsigned rules, uint32_t *out) COLD;
static enum status rd_str_rare(struct rd *r, enum vpb_section s, uint32_t rec, unsigned field,
			       const char *name, unsigned rules, uint32_t *out)
{
	uint32_t i = vpb_get32(rd_rec(r, s, rec) + field);

	*out = PF_NONE;
	if (i == VPB_NONE) {
		if (rules & STR_NONE_OK)
			return STATUS_OK;
		return rd_fail_rec(r, s, rec, field, "%s is missing", name);
	}
	if (i >= r->n[VPB_STRINGS])
		return rd_fail_rec(r, s, rec, field,
				   "%s is string %" PRIu32 ", past the string table (%" PRIu32
				   " strings)",
				   name, i, r->n[VPB_STRINGS]);
	*out = r->str0 + i;
	if (!(rules & STR_EMPTY_OK))
		return rd_fail_rec(r, s, rec, field, "%s must not be empty", name);
	return STATUS_OK;
}

/* The string of a field: its profile id in *out, PF_NONE when absent. */
static inline enum status rd_str(struct rd *r, enum vpb_section s, uint32_t rec, unsigned field,
				 const char *name, unsigned rules, uint32_t *out)
{
	uint32_t i = vpb_get32(rd_rec(r, s, rec) + field);

	if (i < r->n[VPB_STRINGS] && i != r->empty) {
		*out = r->str0 + i;
		return STATUS_OK;
	}
	return rd_str_rare(r, s, rec, field, name, rules, out);
}

/* The same for a string of the header. */
static enum status rd_header_str(struct rd *r, unsigned field, const char *name, unsigned rules,
				 uint32_t *out)
{
	uint32_t i = vpb_get32(r->b + field);

	*out = PF_NONE;
	if (i == VPB_NONE)
		return STATUS_OK;
	if (i >= r->n[VPB_STRINGS])
		return rd_fail(r, field,
			       "%s is string %" PRIu32 ", past the string table (%" PRIu32
			       " strings)",
			       name, i, r->n[VPB_STRINGS]);
	*out = r->str0 + i;
	if (!(rules & STR_EMPTY_OK) && i == r->empty)
		return rd_fail(r, field, "%s must not be empty", name);
	return STATUS_OK;
}

/* A position in section s (functions, contexts) of a field. */
static inline enum status rd_ref(struct rd *r, enum vpb_section s, uint32_t rec, unsigned field,
				 const char *name, enum vpb_section to, uint32_t *out)
{
	*out = vpb_get32(rd_rec(r, s, rec) + field);
	if (*out >= r->n[to])
		return rd_fail_rec(r, s, rec, field,
				   "%s is %s %" PRIu32 ", past the last one (%" PRIu32 " %ss)",
				   name, section_what[to], *out, r->n[to], section_what[to]);
	return STATUS_OK;
}

/* Flags of a record: known ones only. */
static inline enum status rd_flags(struct rd *r, enum vpb_section s, uint32_t rec, unsigned field,
				   uint32_t known, uint32_t *out)
{
	*out = vpb_get32(rd_rec(r, s, rec) + field);
	if (*out & ~known)
		return rd_fail_rec(r, s, rec, field, "unknown flags 0x%" PRIx32, *out & ~known);
	return STATUS_OK;
}

/* A field that must be 0: reserved, or whose flag is clear. */
static inline enum status rd_unset(struct rd *r, enum vpb_section s, uint32_t rec, unsigned field,
				   unsigned size, const char *what)
{
	const unsigned char *f = rd_rec(r, s, rec) + field;
	uint64_t v = size == 8 ? vpb_get64(f) : vpb_get32(f);

	if (v)
		return rd_fail_rec(r, s, rec, field, "%s is %" PRIu64 ", not 0", what, v);
	return STATUS_OK;
}

/* ---- header fields ---- */

static enum status rd_legacy(struct rd *r, bool present, unsigned field, double *out)
{
	uint64_t bits = vpb_get64(r->b + field);

	memcpy(out, &bits, sizeof(*out));
	if (!present && bits)
		return rd_fail(r, field,
			       "a legacy branch percentage without the header flag that has them");
	if (present && !(*out >= 0 && *out <= 100))
		return rd_fail(r, field, "a legacy branch percentage must be between 0 and 100");
	return STATUS_OK;
}

static enum status rd_meta(struct rd *r)
{
	struct profile *p = r->p;
	struct pf_meta *m = &p->meta;
	uint32_t flags = vpb_get32(r->b + VPB_H_FLAGS);
	uint32_t mode = vpb_get32(r->b + VPB_H_MODE), clock = vpb_get32(r->b + VPB_H_CLOCK);
	enum status st;

	m->present = flags & VPB_META_PRESENT;
	p->has_legacy_branches = flags & VPB_LEGACY_BRANCHES;
	if (mode > PF_MODE_IMPORTED)
		return rd_fail(r, VPB_H_MODE, "unknown mode %" PRIu32, mode);
	if (clock > PF_CLOCK_MIXED)
		return rd_fail(r, VPB_H_CLOCK, "unknown clock %" PRIu32, clock);
	m->mode = (enum pf_mode)mode;
	m->clock = (enum pf_clock)clock;
	if ((st = rd_header_str(r, VPB_H_PROGRAM, "program", STR_EMPTY_OK, &p->program)) ||
	    (st = rd_header_str(r, VPB_H_CREATED, "created", 0, &m->created)) ||
	    (st = rd_header_str(r, VPB_H_TOOL, "tool", 0, &m->tool)) ||
	    (st = rd_header_str(r, VPB_H_BINARY, "binary", 0, &m->binary)) ||
	    (st = rd_header_str(r, VPB_H_BUILD_ID, "build_id", 0, &m->build_id)))
		return st;
	m->runs = vpb_get64(r->b + VPB_H_RUNS);
	if (m->runs == 0)
		return rd_fail(r, VPB_H_RUNS, "runs must be at least 1");
	m->sample_period_ns = vpb_get64(r->b + VPB_H_PERIOD);
	m->threads = vpb_get64(r->b + VPB_H_THREADS);
	m->wall_ns = vpb_get64(r->b + VPB_H_WALL);
	m->cpu_ns = vpb_get64(r->b + VPB_H_CPU);
	if ((st = rd_legacy(r, p->has_legacy_branches, VPB_H_TAKEN, &p->legacy_taken)) ||
	    (st = rd_legacy(r, p->has_legacy_branches, VPB_H_NOT_TAKEN, &p->legacy_not_taken)))
		return st;
	return STATUS_OK;
}

/* ---- records ---- */

/* vec as count elements, in the memory it has when that is enough (a
 * profile loaded into one cleared for reuse, see loader_load_into): not
 * zeroed, the caller sets every field of each. */
#define RD_ARRAY(vec, count)                                                                       \
	do {                                                                                       \
		VEC_RESERVE(vec, count);                                                           \
		(vec).n = (count);                                                                 \
	} while (0)

/* An implicit function (named only by an edge or a site) has no more. */
static bool rd_bare(const struct pf_function *f)
{
	return f->flags == PF_IMPLICIT && !f->calls && !f->time_ns && f->file == PF_NONE &&
	       f->checksum == PF_NONE;
}

static enum status rd_function(struct rd *r, uint32_t i)
{
	const unsigned char *rec = rd_rec(r, VPB_FUNCTIONS, i);
	struct profile *p = r->p;
	struct pf_function *f;
	uint32_t name, flags;
	bool created;
	enum status st;

	if ((st = rd_str(r, VPB_FUNCTIONS, i, VPB_F_NAME, "the name", 0, &name)) ||
	    (st = rd_flags(r, VPB_FUNCTIONS, i, VPB_F_FLAGS, FUNC_FLAGS, &flags)))
		return st;
	profile_add_function(p, name, &created);
	if (!created)
		return rd_fail_rec(r, VPB_FUNCTIONS, i, VPB_F_NAME,
				   "duplicate function \"%.60s\" (first: function %" PRIu32 ")",
				   profile_str(p, name), p->func_of_str[name]);
	f = &p->funcs.v[i];
	f->flags = flags;
	f->line = vpb_get32(rec + VPB_F_LINE);
	f->size = vpb_get32(rec + VPB_F_SIZE);
	f->calls = vpb_get64(rec + VPB_F_CALLS);
	f->time_ns = vpb_get64(rec + VPB_F_TIME);
	f->self_ns = vpb_get64(rec + VPB_F_SELF);
	if ((st = rd_str(r, VPB_FUNCTIONS, i, VPB_F_FILE, "the file", STR_NONE_OK, &f->file)) ||
	    (st = rd_str(r, VPB_FUNCTIONS, i, VPB_F_CHECKSUM, "the checksum", STR_NONE_OK,
			 &f->checksum)) ||
	    (!(flags & PF_HAS_LINE) &&
	     (st = rd_unset(r, VPB_FUNCTIONS, i, VPB_F_LINE, 4, "the line (no line flag)"))) ||
	    (!(flags & PF_HAS_SIZE) &&
	     (st = rd_unset(r, VPB_FUNCTIONS, i, VPB_F_SIZE, 4, "the size (no size flag)"))) ||
	    (!(flags & PF_HAS_SELF) &&
	     (st = rd_unset(r, VPB_FUNCTIONS, i, VPB_F_SELF, 8, "self_ns (no self flag)"))))
		return st;
	if ((flags & PF_IMPLICIT) && !rd_bare(f))
		return rd_fail_rec(r, VPB_FUNCTIONS, i, VPB_F_FLAGS,
				   "an implicit function has no counters, file, line, size, "
				   "checksum or line counts");
	return STATUS_OK;
}

static enum status rd_functions(struct rd *r)
{
	uint32_t i, n = r->n[VPB_FUNCTIONS];
	enum status st = STATUS_OK;

	VEC_RESERVE(r->p->funcs, n);
	for (i = 0; i < n && st == STATUS_OK; i++)
		st = rd_function(r, i);
	return st;
}

static enum status rd_lines(struct rd *r)
{
	struct profile *p = r->p;
	uint32_t i;
	enum status st;

	RD_ARRAY(p->lines, r->n[VPB_LINES]);
	for (i = 0; i < p->lines.n; i++) {
		struct pf_line *l = &p->lines.v[i];
		const unsigned char *rec = rd_rec(r, VPB_LINES, i);

		if ((st = rd_ref(r, VPB_LINES, i, VPB_L_FUNCTION, "the function", VPB_FUNCTIONS,
				 &l->func)))
			return st;
		if (!(p->funcs.v[l->func].flags & PF_HAS_LINES_OBJ))
			return rd_fail_rec(
			    r, VPB_LINES, i, VPB_L_FUNCTION,
			    "function %" PRIu32 " has no line counts (flag 64 clear)", l->func);
		l->line = vpb_get32(rec + VPB_L_LINE);
		if (!l->line)
			return rd_fail_rec(r, VPB_LINES, i, VPB_L_LINE,
					   "line 0: lines are numbered from 1");
		l->count = vpb_get64(rec + VPB_L_COUNT);
	}
	return STATUS_OK;
}

static enum status rd_edges(struct rd *r)
{
	struct profile *p = r->p;
	uint32_t i;
	enum status st;

	RD_ARRAY(p->edges, r->n[VPB_EDGES]);
	for (i = 0; i < p->edges.n; i++) {
		struct pf_edge *e = &p->edges.v[i];
		const unsigned char *rec = rd_rec(r, VPB_EDGES, i);

		if ((st = rd_ref(r, VPB_EDGES, i, VPB_E_CALLER, "the caller", VPB_FUNCTIONS,
				 &e->caller)) ||
		    (st = rd_ref(r, VPB_EDGES, i, VPB_E_CALLEE, "the callee", VPB_FUNCTIONS,
				 &e->callee)) ||
		    (st = rd_flags(r, VPB_EDGES, i, VPB_E_FLAGS, PF_HAS_TIME, &e->flags)) ||
		    (st = rd_unset(r, VPB_EDGES, i, VPB_E_FLAGS + 4, 4, "the reserved field")) ||
		    (!(e->flags & PF_HAS_TIME) &&
		     (st = rd_unset(r, VPB_EDGES, i, VPB_E_TIME, 8, "time_ns (no time flag)"))))
			return st;
		e->count = vpb_get64(rec + VPB_E_COUNT);
		e->time_ns = vpb_get64(rec + VPB_E_TIME);
	}
	return STATUS_OK;
}

static enum status rd_branches(struct rd *r)
{
	struct profile *p = r->p;
	uint32_t i;
	enum status st;

	RD_ARRAY(p->branches, r->n[VPB_BRANCHES]);
	for (i = 0; i < p->branches.n; i++) {
		struct pf_branch *b = &p->branches.v[i];
		const unsigned char *rec = rd_rec(r, VPB_BRANCHES, i);

		if ((st = rd_ref(r, VPB_BRANCHES, i, VPB_B_FUNCTION, "the function", VPB_FUNCTIONS,
				 &b->func)) ||
		    (st = rd_str(r, VPB_BRANCHES, i, VPB_B_ID, "the id", STR_NONE_OK | STR_EMPTY_OK,
				 &b->id)) ||
		    (st = rd_flags(r, VPB_BRANCHES, i, VPB_B_FLAGS, PF_HAS_COLUMN, &b->flags)) ||
		    (st = rd_unset(r, VPB_BRANCHES, i, VPB_B_FLAGS + 4, 4, "the reserved field")) ||
		    (!(b->flags & PF_HAS_COLUMN) &&
		     (st = rd_unset(r, VPB_BRANCHES, i, VPB_B_COLUMN, 4,
				    "the column (no column flag)"))))
			return st;
		b->line = vpb_get32(rec + VPB_B_LINE);
		b->column = vpb_get32(rec + VPB_B_COLUMN);
		b->taken = vpb_get64(rec + VPB_B_TAKEN);
		b->not_taken = vpb_get64(rec + VPB_B_NOT_TAKEN);
	}
	return STATUS_OK;
}

static enum status rd_loops(struct rd *r)
{
	struct profile *p = r->p;
	uint32_t i;
	enum status st;

	RD_ARRAY(p->loops, r->n[VPB_LOOPS]);
	for (i = 0; i < p->loops.n; i++) {
		struct pf_loop *l = &p->loops.v[i];
		const unsigned char *rec = rd_rec(r, VPB_LOOPS, i);

		if ((st = rd_ref(r, VPB_LOOPS, i, VPB_P_FUNCTION, "the function", VPB_FUNCTIONS,
				 &l->func)) ||
		    (st = rd_str(r, VPB_LOOPS, i, VPB_P_NAME, "the name", STR_NONE_OK, &l->name)) ||
		    (st = rd_flags(r, VPB_LOOPS, i, VPB_P_FLAGS, PF_HAS_TIME, &l->flags)) ||
		    (!(l->flags & PF_HAS_TIME) &&
		     (st = rd_unset(r, VPB_LOOPS, i, VPB_P_TIME, 8, "time_ns (no time flag)"))))
			return st;
		l->line = vpb_get32(rec + VPB_P_LINE);
		l->entries = vpb_get64(rec + VPB_P_ENTRIES);
		l->iterations = vpb_get64(rec + VPB_P_ITERATIONS);
		l->time_ns = vpb_get64(rec + VPB_P_TIME);
	}
	return STATUS_OK;
}

/* A context: its parent an earlier context, its function not implicit. */
static enum status rd_contexts(struct rd *r)
{
	struct profile *p = r->p;
	uint32_t i;
	enum status st;

	RD_ARRAY(p->contexts, r->n[VPB_CONTEXTS]);
	memset(p->contexts.v, 0, p->contexts.n * sizeof(*p->contexts.v)); /* time_ns: derived */
	for (i = 0; i < p->contexts.n; i++) {
		struct pf_context *c = &p->contexts.v[i];
		const unsigned char *rec = rd_rec(r, VPB_CONTEXTS, i);

		c->parent = vpb_get32(rec + VPB_C_PARENT);
		if (c->parent != VPB_NONE && c->parent >= i)
			return rd_fail_rec(r, VPB_CONTEXTS, i, VPB_C_PARENT,
					   "the parent must be an earlier context, found %" PRIu32,
					   c->parent);
		if ((st = rd_ref(r, VPB_CONTEXTS, i, VPB_C_FUNCTION, "the function", VPB_FUNCTIONS,
				 &c->func)) ||
		    (st = rd_flags(r, VPB_CONTEXTS, i, VPB_C_FLAGS, PF_HAS_CALLS, &c->flags)) ||
		    (st = rd_unset(r, VPB_CONTEXTS, i, VPB_C_FLAGS + 4, 4, "the reserved field")) ||
		    (!(c->flags & PF_HAS_CALLS) &&
		     (st = rd_unset(r, VPB_CONTEXTS, i, VPB_C_CALLS, 8, "calls (no calls flag)"))))
			return st;
		if (p->funcs.v[c->func].flags & PF_IMPLICIT)
			return rd_fail_rec(r, VPB_CONTEXTS, i, VPB_C_FUNCTION,
					   "function %" PRIu32
					   " is implicit (named only by an edge "
					   "or a site): it has no context",
					   c->func);
		c->calls = vpb_get64(rec + VPB_C_CALLS);
		c->self_ns = vpb_get64(rec + VPB_C_SELF);
	}
	return STATUS_OK;
}

/* Whether key is one of the space-separated words of list. */
static bool rd_word_in(const char *key, const char *list)
{
	size_t n = strlen(key);

	while (*list) {
		size_t w = strcspn(list, " ");

		if (w == n && memcmp(key, list, n) == 0)
			return true;
		list += w + (list[w] == ' ');
	}
	return false;
}

/* A value of an unknown key: one JSON value, as the JSON writer copies it. */
static bool rd_json_value(const char *s)
{
	size_t off;
	char why[128];

	return json_scan_syntax(s, strlen(s), &off, why, sizeof(why));
}

/* How many owners of kind there are (one for the objects of the format). */
static uint32_t rd_owners(const struct rd *r, uint32_t kind)
{
	switch (kind) {
	case PF_OWN_FUNCTION:
		return r->n[VPB_FUNCTIONS];
	case PF_OWN_EDGE:
		return r->n[VPB_EDGES];
	case PF_OWN_BRANCH:
		return r->n[VPB_BRANCHES];
	case PF_OWN_LOOP:
		return r->n[VPB_LOOPS];
	case PF_OWN_CONTEXT:
		return r->n[VPB_CONTEXTS];
	default:
		return 1;
	}
}

static enum status rd_extra(struct rd *r, uint32_t i)
{
	struct pf_extra *x = &r->p->extras.v[i];
	const unsigned char *rec = rd_rec(r, VPB_EXTRAS, i);
	enum status st;

	x->owner_kind = vpb_get32(rec + VPB_X_KIND);
	x->owner = vpb_get32(rec + VPB_X_OWNER);
	if (x->owner_kind > PF_OWN_CONTEXT)
		return rd_fail_rec(r, VPB_EXTRAS, i, VPB_X_KIND, "unknown owner kind %" PRIu32,
				   x->owner_kind);
	if (x->owner >= rd_owners(r, x->owner_kind))
		return rd_fail_rec(r, VPB_EXTRAS, i, VPB_X_OWNER,
				   "owner %" PRIu32 " is past the last one (%" PRIu32 ")", x->owner,
				   rd_owners(r, x->owner_kind));
	if ((st = rd_str(r, VPB_EXTRAS, i, VPB_X_KEY, "the key", STR_EMPTY_OK, &x->key)) ||
	    (st = rd_str(r, VPB_EXTRAS, i, VPB_X_JSON, "the value", 0, &x->json)))
		return st;
	if (rd_word_in(profile_str(r->p, x->key), known_keys[x->owner_kind]))
		return rd_fail_rec(r, VPB_EXTRAS, i, VPB_X_KEY,
				   "\"%.60s\" is a key of the format, not an unknown one",
				   profile_str(r->p, x->key));
	if (!rd_json_value(profile_str(r->p, x->json)))
		return rd_fail_rec(r, VPB_EXTRAS, i, VPB_X_JSON, "the value is not one JSON value");
	return STATUS_OK;
}

static int cmp_extra_at(const void *a, const void *b, void *arg)
{
	const struct pf_extra *v = arg, *x = &v[*(const uint32_t *)a],
			      *y = &v[*(const uint32_t *)b];

	if (x->owner_kind != y->owner_kind)
		return x->owner_kind < y->owner_kind ? -1 : 1;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

/* Extra keys: one owner has a key once (keys are interned: equal ids). */
static enum status rd_extras(struct rd *r)
{
	struct profile *p = r->p;
	uint32_t i, *at;
	enum status st = STATUS_OK;

	RD_ARRAY(p->extras, r->n[VPB_EXTRAS]);
	for (i = 0; i < p->extras.n && st == STATUS_OK; i++)
		st = rd_extra(r, i);
	if (st != STATUS_OK || p->extras.n < 2)
		return st;
	at = xmalloc(p->extras.n * sizeof(*at));
	for (i = 0; i < p->extras.n; i++)
		at[i] = i;
	qsort_r(at, p->extras.n, sizeof(*at), cmp_extra_at, p->extras.v);
	for (i = 1; i < p->extras.n && st == STATUS_OK; i++) {
		const struct pf_extra *x = &p->extras.v[at[i - 1]], *y = &p->extras.v[at[i]];

		if (x->owner_kind == y->owner_kind && x->owner == y->owner && x->key == y->key)
			st = rd_fail_rec(r, VPB_EXTRAS, at[i], VPB_X_KEY,
					 "duplicate key \"%.60s\" (first: extra key %" PRIu32 ")",
					 profile_str(p, y->key), at[i - 1]);
	}
	free(at);
	return st;
}

static enum status rd_hot(struct rd *r)
{
	struct profile *p = r->p;
	uint32_t i, n = r->n[VPB_HOT];
	enum status st;

	RD_ARRAY(p->legacy_hot, n);
	for (i = 0; i < n; i++)
		if ((st = rd_str(r, VPB_HOT, i, 0, "the name", 0, &p->legacy_hot.v[i])))
			return st;
	return rd_zeros(r, r->at[VPB_HOT] + 4 * (uint64_t)n,
			r->at[VPB_HOT] + vpb_align8(4 * (uint64_t)n));
}

/* Two records with one identity: the later one is the error. */
static enum status rd_duplicate(struct rd *r, const struct pf_duplicate *d)
{
	switch (d->kind) {
	case PF_OWN_EDGE:
		return rd_fail_rec(r, VPB_EDGES, d->index, 0,
				   "duplicate edge (same caller and callee as edge %" PRIu32 ")",
				   d->first);
	case PF_OWN_BRANCH:
		return rd_fail_rec(r, VPB_BRANCHES, d->index, 0,
				   "duplicate branch site (same function, line, column and id as "
				   "branch site %" PRIu32 ")",
				   d->first);
	case PF_OWN_LOOP:
		return rd_fail_rec(r, VPB_LOOPS, d->index, 0,
				   "duplicate loop site (same function, name and line as loop "
				   "site %" PRIu32 ")",
				   d->first);
	case PF_OWN_CONTEXT:
		return rd_fail_rec(r, VPB_CONTEXTS, d->index, 0,
				   "duplicate context (same parent and function as context %" PRIu32
				   ")",
				   d->first);
	default:
		return rd_fail_rec(r, VPB_LINES, d->index, 0,
				   "duplicate line count (same function and line as line count "
				   "%" PRIu32 ")",
				   d->first);
	}
}

static enum status vpb_load(struct profile *p, const char *path, const char *buf, size_t len,
			    const struct load_ctx *ctx, struct error *err)
{
	struct rd r = {path, (const unsigned char *)buf, len, err, p, {0}, {0}, 0, 0, VPB_NONE};
	struct pf_duplicate dup;
	enum status st;

	(void)ctx;		 /* nothing to warn about: what a writer checked */
	file_prefault(buf, len); /* every byte is read */
	if ((st = rd_header(&r)) || (st = rd_strings(&r)) || (st = rd_meta(&r)) ||
	    (st = rd_functions(&r)) || (st = rd_lines(&r)) || (st = rd_edges(&r)) ||
	    (st = rd_branches(&r)) || (st = rd_loops(&r)) || (st = rd_contexts(&r)) ||
	    (st = rd_extras(&r)) || (st = rd_hot(&r)))
		return st;
	return profile_finalize(p, &dup) ? STATUS_OK : rd_duplicate(&r, &dup);
}

static bool vpb_sniff(const char *buf, size_t len)
{
	return len >= VPB_MAGIC_SIZE && memcmp(buf, VPB_MAGIC, VPB_MAGIC_SIZE) == 0;
}

const struct loader loader_vitprof_bin = {
    .name = "vitprof-bin",
    .description = "vitte-pgo profile, binary encoding (docs/vitprof-format.md)",
    .sniff = vpb_sniff,
    .load = vpb_load,
};

/* vitprof_read.c - the .vitprof v1 loader (docs/vitprof-format.md).
 *
 * One pass of the pull reader (loaders/json_scan.h) over the text builds
 * the profile: no tree. Each kind of object is a table of its keys; the
 * table says how each value is read into the record and which keys are
 * required, so the schema is written once. Every value is checked for
 * type and range, and a problem ends the load with a located error: no
 * partial profile.
 *
 * The error reported is the one a reader of the whole document would see
 * first: any syntax problem; then, at the top, a duplicate key, "format"
 * and "version"; "functions" before what refers to them, whatever the
 * order of the text; in each object a duplicate key, then a missing one,
 * then its values in order. Reading on after a problem (values skipped,
 * only keys and grammar checked) finds what outranks it; warnings are
 * held until the end, those of an object refused as a whole dropped.
 */
#define _GNU_SOURCE /* memmem */
#include "loaders/loader.h"

#include <cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaders/json_doc.h"
#include "loaders/json_scan.h"
#include "src/base/alloc.h"
#include "src/base/compiler.h"
#include "src/base/fileio.h"
#include "src/base/numeric.h"
#include "src/model/profile.h"

#define VITPROF_VERSION 1

/* What outranks what among errors: lower first. */
enum rank { R_SYNTAX, R_ROOT_DUP, R_FORMAT, R_VERSION, R_VALUE, R_NONE };

/* Where a token is: its offset and the line it is on. */
struct pos {
	size_t off, line_at;
	unsigned line;
};

struct vp {
	struct json_pull *jp; /* the reader; another one for a deferred member */
	enum json_ev ev;      /* its last event */
	const char *path, *text;
	size_t len;
	const struct load_ctx *ctx; /* borrowed; may be NULL */
	struct error *err;	    /* borrowed; may be NULL */
	struct profile *p;
	enum rank rank;	      /* of the error in err */
	enum rank value_rank; /* of a problem with a value: R_VALUE but at the top */
	enum status code;     /* of the error in err */
	bool have_functions;
	/* what the last few fields of strings and function names read
	 * last, with the text: records in a run mostly give the same (an
	 * edge's caller, a function's file) */
	struct last_value {
		const void *field; /* NULL while unused */
		uint32_t id, len;  /* a string or function id; len 0: not kept */
		char text[128];
	} last[32];	 /* by the index of the field in its kind's table */
	size_t released; /* the mapped text before it was given back */
	/* the column of col_off on the line starting at col_line_at: where
	 * the next column count starts */
	size_t col_line_at, col_off;
	unsigned col;
	/* warnings, held: the first max of n_warnings */
	VEC(char *) warnings;
	unsigned n_warnings;
	struct ahead *ahead; /* parts read on a second thread, or NULL */
};

/* ---- positions, errors, warnings ---- */

static struct pos vp_here(const struct vp *vp)
{
	return (struct pos){vp->jp->off, vp->jp->line_at, vp->jp->line};
}

/* Line and column of a token: columns are counted from the last place
 * counted on the same line, so that a long line is not walked again. */
static void vp_linecol(struct vp *vp, struct pos at, unsigned *line, unsigned *col)
{
	size_t i = at.line_at;

	*line = at.line;
	*col = 1;
	if (vp->col_line_at == at.line_at && vp->col_off <= at.off)
		i = vp->col_off, *col = vp->col;
	else if (i == 0 && vp->len >= 3 && !memcmp(vp->text, "\xef\xbb\xbf", 3) && at.off >= 3)
		i = 3; /* a byte order mark takes no column */
	for (; i < at.off; i++)
		if (((unsigned char)vp->text[i] & 0xc0) != 0x80)
			(*col)++;
	vp->col_line_at = at.line_at;
	vp->col_off = at.off;
	vp->col = *col;
}

static void vp_drop_warnings(struct vp *vp, unsigned mark)
{
	while (vp->warnings.n > mark)
		free(vp->warnings.v[--vp->warnings.n]);
	if (vp->n_warnings > mark)
		vp->n_warnings = mark;
}

/* Set the error (code, at at) unless one of a lower rank is set; with
 * override, unless one of a strictly lower rank is. The warnings from
 * mark on go with what the error refuses. Returns the code of the error
 * now set. */
static enum status vp_failv(struct vp *vp, enum rank rank, bool override, unsigned mark,
			    enum status code, struct pos at, const char *fmt, va_list ap)
    PRINTF_LIKE(7, 0);
static enum status vp_failv(struct vp *vp, enum rank rank, bool override, unsigned mark,
			    enum status code, struct pos at, const char *fmt, va_list ap)
{
	unsigned line, col;

	if (rank > vp->rank || (rank == vp->rank && !override))
		return vp->code;
	vp->rank = rank;
	vp->code = code;
	vp_drop_warnings(vp, mark);
	vp_linecol(vp, at, &line, &col);
	return error_setv(vp->err, code, vp->path, line, col, fmt, ap);
}

/* A problem with a value: the first one found is kept. */
static enum status vp_fail(struct vp *vp, struct pos at, const char *fmt, ...) PRINTF_LIKE(3, 4);
static enum status vp_fail(struct vp *vp, struct pos at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vp_failv(vp, vp->value_rank, false, vp->value_rank < R_VALUE ? 0 : vp->n_warnings,
		 STATUS_INVALID, at, fmt, ap);
	va_end(ap);
	return STATUS_INVALID;
}

/* The same with another status code. */
static void vp_failv_code(struct vp *vp, enum status code, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void vp_failv_code(struct vp *vp, enum status code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vp_failv(vp, vp->value_rank, false, vp->value_rank < R_VALUE ? 0 : vp->n_warnings, code,
		 vp_here(vp), fmt, ap);
	va_end(ap);
}

/* A problem with an object as a whole, found at its end: it outranks the
 * problems found inside it, whose warnings from mark on are dropped. */
static void vp_refuse(struct vp *vp, enum rank rank, unsigned mark, struct pos at, const char *fmt,
		      ...) PRINTF_LIKE(5, 6);
static void vp_refuse(struct vp *vp, enum rank rank, unsigned mark, struct pos at, const char *fmt,
		      ...)
{
	va_list ap;

	va_start(ap, fmt);
	vp_failv(vp, rank, true, mark, STATUS_INVALID, at, fmt, ap);
	va_end(ap);
}

static void vp_warn(struct vp *vp, struct pos at, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void vp_warn(struct vp *vp, struct pos at, const char *fmt, ...)
{
	unsigned max = vp->ctx && vp->ctx->max_warnings ? vp->ctx->max_warnings : 20;
	unsigned line, col;
	char *text;
	va_list ap;

	if (!vp->ctx || !vp->ctx->warn || vp->n_warnings++ >= max)
		return;
	vp_linecol(vp, at, &line, &col);
	va_start(ap, fmt);
	text = json_warning_textv(vp->path, line, col, fmt, ap);
	va_end(ap);
	VEC_APPEND(vp->warnings, text);
}

#define RELEASE_STEP ((size_t)8 << 20)

/* A syntax problem, which outranks every other. */
static COLD void vp_syntax_error(struct vp *vp)
{
	unsigned line, col;

	json_pull_position(vp->jp, vp->jp->bad_off, &line, &col);
	vp->rank = R_SYNTAX;
	vp_drop_warnings(vp, 0);
	vp->code = error_set(vp->err, STATUS_SYNTAX, vp->path, line, col, "%s", vp->jp->why);
}

/* The next event. Every few MiB of a text that file_map() mapped, the
 * pages read are given back: a load takes the memory of its profile, not
 * of its text. */
static inline enum json_ev vp_next(struct vp *vp)
{
	vp->ev = json_pull_next(vp->jp);
	if (vp->jp->off > vp->released + RELEASE_STEP)
		vp->released = file_release(vp->text, vp->released, vp->jp->off);
	if (vp->ev == JSON_ERROR && vp->rank != R_SYNTAX)
		vp_syntax_error(vp);
	return vp->ev;
}

/* Read on to the end of the value that the last event started. */
static void vp_skip(struct vp *vp, size_t depth)
{
	while (vp->ev != JSON_ERROR && vp->jp->depth > depth)
		vp_next(vp);
}

static bool vp_failed(const struct vp *vp)
{
	return vp->code != STATUS_OK;
}

/* The current string, copied (for messages and names that need a NUL). */
static char *vp_strdup(const struct vp *vp)
{
	char *s = xmalloc(vp->jp->str_len + 1);

	memcpy(s, vp->jp->str, vp->jp->str_len);
	s[vp->jp->str_len] = '\0';
	return s;
}

/* ---- values ---- */

/* vp_u64() of any other than plain digits below 10^19. */
static COLD enum status vp_u64_other(struct vp *vp, const char *what, uint64_t *out)
{
	const char *s = vp->text + vp->jp->off;
	size_t n = vp->jp->end - vp->jp->off, i;
	char digits[32];
	uint64_t v = 0;

	if (vp->ev != JSON_NUMBER)
		return vp_fail(vp, vp_here(vp), "%s must be a non-negative integer, found %s", what,
			       json_ev_type(vp->ev));
	snprintf(digits, sizeof(digits), "%.*s", (int)(n < 31 ? n : 31), s);
	if (s[0] == '-')
		return vp_fail(vp, vp_here(vp), "%s must not be negative, found %s", what, digits);
	if (strcspn(digits, ".eE") < strlen(digits))
		return vp_fail(vp, vp_here(vp), "%s must be an integer, found %s", what, digits);
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return vp_fail(vp, vp_here(vp),
				       "%s is above 2^64-1 (18446744073709551615): %s", what,
				       digits);
		v = v * 10 + d;
	}
	*out = v;
	return STATUS_OK;
}

static inline enum status vp_u64(struct vp *vp, const char *what, uint64_t *out)
{
	if (vp->ev == JSON_NUMBER && vp->jp->uint_ok) { /* the lexer's value */
		*out = vp->jp->uint;
		return STATUS_OK;
	}
	return vp_u64_other(vp, what, out);
}

static enum status vp_u32(struct vp *vp, const char *what, uint32_t *out)
{
	uint64_t v;
	enum status st = vp_u64(vp, what, &v);

	if (st != STATUS_OK)
		return st;
	if (v > UINT32_MAX)
		return vp_fail(vp, vp_here(vp), "%s is above 4294967295: %llu", what,
			       (unsigned long long)v);
	*out = (uint32_t)v;
	return STATUS_OK;
}

/* A number, as cJSON reads it (strtod of at most 63 characters). */
static enum status vp_percent(struct vp *vp, const char *what, double *out)
{
	char lit[64];
	size_t n = vp->jp->end - vp->jp->off;
	double v;

	if (vp->ev != JSON_NUMBER)
		return vp_fail(vp, vp_here(vp), "%s must be a number, found %s", what,
			       json_ev_type(vp->ev));
	snprintf(lit, sizeof(lit), "%.*s", (int)(n < 63 ? n : 63), vp->text + vp->jp->off);
	v = strtod(lit, NULL);
	if (!isfinite(v) || v < 0 || v > 100)
		return vp_fail(vp, vp_here(vp), "%s must be a percentage between 0 and 100", what);
	*out = v;
	return STATUS_OK;
}

/* A string interned in the profile; empty strings refused when !empty_ok. */
static enum status vp_string(struct vp *vp, const char *what, bool empty_ok, uint32_t *out)
{
	if (vp->ev != JSON_STRING)
		return vp_fail(vp, vp_here(vp), "%s must be a string, found %s", what,
			       json_ev_type(vp->ev));
	if (!empty_ok && !vp->jp->str_len)
		return vp_fail(vp, vp_here(vp), "%s must not be empty", what);
	*out = profile_intern(vp->p, vp->jp->str, vp->jp->str_len);
	return STATUS_OK;
}

/* Keep an unknown key and its value verbatim, as cJSON prints it
 * minified, for a later rewrite: the value is read to its end. */
static void vp_keep_extra(struct vp *vp, enum pf_owner kind, uint32_t owner, uint32_t key)
{
	size_t start = vp->jp->off;
	cJSON *v;
	char *json;

	vp_skip(vp, vp->jp->depth - (vp->ev == JSON_OBJECT || vp->ev == JSON_ARRAY));
	if (vp->ev == JSON_ERROR)
		return;
	v = cJSON_ParseWithLength(vp->text + start, vp->jp->end - start);
	json = v ? cJSON_PrintUnformatted(v) : NULL;
	if (!json)
		die_nomem();
	profile_add_extra(vp->p, kind, owner, key, profile_intern(vp->p, json, strlen(json)));
	cJSON_free(json);
	cJSON_Delete(v);
}

/* ---- objects, read by their tables ---- */

enum ftype {
	F_U64,	 /* uint64_t */
	F_U32,	 /* uint32_t */
	F_STR,	 /* a non-empty string: uint32_t string id */
	F_STR0,	 /* a string, maybe empty */
	F_FUNC,	 /* a function's name: uint32_t function id */
	F_PCT,	 /* a percentage: double */
	F_CALL,	 /* read by the field's own function */
	F_STASH, /* the value's position, read after "functions" */
};

struct rec;

enum { REQUIRED = 1, ALWAYS = 2 /* read even after a problem */ };

#define KEY_ROOM 24 /* a key's bytes, zeros after it: 16 may be read at once */

struct field {
	char key[KEY_ROOM];
	const char *what;  /* the key quoted, for messages */
	unsigned char len; /* of key */
	enum ftype type;
	unsigned char how;  /* REQUIRED, ALWAYS */
	unsigned short off; /* of the value in the record */
	uint32_t flag;	    /* set in the record's flags when the key is there */
	/* F_CALL: read the value of the current event into rec */
	enum status (*read)(struct vp *vp, struct rec *r);
};

struct kind {
	const char *what; /* "a call edge", for messages; NULL: see rec.who */
	const struct field *fields;
	unsigned n_fields;
	short flags_off;     /* of uint32_t flags in the record, -1 for none */
	enum pf_owner owner; /* of its unknown keys */
	enum rank dup_rank;
	/* checks of the whole object after its duplicate keys, before its
	 * missing ones: whether it refused the object */
	bool (*check)(struct vp *vp, struct rec *r);
};

/* A member of the profile kept for after "functions". */
struct stash {
	const struct field *f;
	struct pos value;
};

/* One object being read. */
struct rec {
	const struct kind *kind;
	void *base;	/* the record its values go to (NULL: a duplicate function) */
	uint32_t index; /* owner index of its unknown keys; a function's id */
	uint32_t seen;	/* the fields given */
	struct pos key; /* a function's key */
	struct pos at;	/* its '{' */
	unsigned mark;	/* warnings before it */
	VEC(struct stash) stash;
};

#define FIELD(k, t, how, type, member, fl)                                                         \
	{                                                                                          \
		k, "\"" k "\"", sizeof(k) - 1, t, how, offsetof(type, member), fl, NULL            \
	}
#define CALL(k, how, fn)                                                                           \
	{                                                                                          \
		k, "\"" k "\"", sizeof(k) - 1, F_CALL, how, 0, 0, fn                               \
	}

/* The unknown keys of an object, to find one given twice: string ids and
 * the line of each; looked up one by one while few, then hashed. */
struct key_seen {
	uint32_t id, line;
};
struct keyset {
	VEC(struct key_seen) v;
	uint32_t *hash, cap; /* index + 1, open addressing */
};

static void keyset_hash_in(struct keyset *ks, uint32_t i)
{
	uint32_t h = (ks->v.v[i].id * 2654435761u) & (ks->cap - 1);

	while (ks->hash[h])
		h = (h + 1) & (ks->cap - 1);
	ks->hash[h] = i + 1;
}

/* Add id; the line of its first occurrence when it was there, 0 if not. */
static uint32_t keyset_add(struct keyset *ks, uint32_t id, uint32_t line)
{
	uint32_t i, h;

	if (!ks->hash) {
		for (i = 0; i < ks->v.n; i++)
			if (ks->v.v[i].id == id)
				return ks->v.v[i].line;
	} else {
		for (h = (id * 2654435761u) & (ks->cap - 1); ks->hash[h];
		     h = (h + 1) & (ks->cap - 1))
			if (ks->v.v[ks->hash[h] - 1].id == id)
				return ks->v.v[ks->hash[h] - 1].line;
	}
	VEC_APPEND(ks->v, ((struct key_seen){id, line}));
	if (ks->v.n > 16 && ks->v.n * 2 > ks->cap) {
		free(ks->hash);
		ks->cap = ks->cap ? ks->cap * 2 : 64;
		ks->hash = xcalloc(ks->cap, sizeof(*ks->hash));
		for (i = 0; i < ks->v.n; i++)
			keyset_hash_in(ks, i);
	}
	return 0;
}

/* Whether the len bytes at a and b are the same: keys are short, and
 * a loop here costs less than a call to memcmp. */
static bool same_bytes(const char *a, const char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* The bits of the first n bytes (below 8) of a word loaded from memory. */
static uint64_t first_bytes(size_t n)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return ((uint64_t)1 << (8 * n)) - 1;
#else
	return n ? ~(uint64_t)0 << (64 - 8 * n) : 0;
#endif
}

/* Whether key (len bytes) is f's; with room, 16 bytes may be read from
 * key, and two words are compared instead of bytes one by one. */
static bool field_is(const struct field *f, const char *key, size_t len, bool room)
{
	uint64_t a[2], b[2];

	if (f->len != len)
		return false;
	if (!room || len > 16)
		return same_bytes(f->key, key, len);
	memcpy(a, key, 16);
	memcpy(b, f->key, 16);
	if (len <= 8)
		return !((a[0] ^ b[0]) & (len == 8 ? ~(uint64_t)0 : first_bytes(len)));
	return a[0] == b[0] && !((a[1] ^ b[1]) & (len == 16 ? ~(uint64_t)0 : first_bytes(len - 8)));
}

/* The field of the key of the current event: the one after the last
 * found (*next) is tried first, as files mostly give keys in one order. */
static const struct field *kind_field(const struct vp *vp, const struct kind *k, unsigned *next)
{
	const struct json_pull *jp = vp->jp;
	/* a key without escapes, in the text: 16 bytes readable from it */
	bool room = jp->str == vp->text + jp->off + 1 && jp->off + 1 + 16 <= vp->len;
	unsigned i, j;

	for (j = 0, i = *next; j < k->n_fields; j++, i++) {
		if (i >= k->n_fields)
			i = 0;
		if (field_is(&k->fields[i], jp->str, jp->str_len, room)) {
			*next = i + 1;
			return &k->fields[i];
		}
	}
	return NULL;
}

/* The entry of last for field f of r, and whether the string of the
 * current event is what f read last (*hit). */
static inline struct last_value *vp_last(struct vp *vp, const struct rec *r, const struct field *f,
					 bool *hit)
{
	struct last_value *l = &vp->last[f - r->kind->fields];
	size_t len = vp->jp->str_len;

	if (l->field != f) {
		l->field = f;
		l->len = 0;
	}
	*hit = vp->ev == JSON_STRING && len && len == l->len && !memcmp(vp->jp->str, l->text, len);
	return l;
}

/* Remember id as what the string of the current event gave. */
static void last_keep(struct last_value *l, const struct json_pull *jp, uint32_t id)
{
	l->id = id;
	l->len = jp->str_len <= sizeof(l->text) ? (uint32_t)jp->str_len : 0;
	memcpy(l->text, jp->str, l->len);
}

/* vp_string() for field f of r, which remembers its last string. */
static enum status vp_field_string(struct vp *vp, const struct rec *r, const struct field *f,
				   bool empty_ok, uint32_t *out)
{
	bool hit;
	struct last_value *l = vp_last(vp, r, f, &hit);
	enum status st;

	if (hit) {
		*out = l->id;
		return STATUS_OK;
	}
	st = vp_string(vp, f->what, empty_ok, out);
	if (st == STATUS_OK)
		last_keep(l, vp->jp, *out);
	return st;
}

/* The function a site or an edge names in field f of r, created with zero
 * counters when the "functions" object lacks it. */
static enum status vp_function_ref(struct vp *vp, const struct rec *r, const struct field *f,
				   uint32_t *fid)
{
	bool hit, created;
	struct last_value *l = vp_last(vp, r, f, &hit);
	uint32_t name;
	char k[128];
	enum status st;

	if (hit) {
		*fid = l->id;
		return STATUS_OK;
	}
	st = vp_string(vp, f->what, false, &name);
	if (st != STATUS_OK)
		return st;
	*fid = profile_add_function(vp->p, name, &created);
	last_keep(l, vp->jp, *fid);
	if (created) {
		vp->p->funcs.v[*fid].flags |= PF_IMPLICIT;
		vp_warn(vp, vp_here(vp),
			"function %s is not in \"functions\"; added with zero counters",
			json_doc_quote(k, sizeof(k), profile_str(vp->p, name)));
	}
	return STATUS_OK;
}

static enum status vp_stash_read(struct vp *vp, struct rec *r, const struct field *f);

/* The value of the current event into field f of r. */
static enum status vp_field(struct vp *vp, struct rec *r, const struct field *f)
{
	const char *what = f->what;
	void *at = (char *)r->base + f->off;

	if (r->kind->flags_off >= 0)
		*(uint32_t *)((char *)r->base + r->kind->flags_off) |= f->flag;
	switch (f->type) {
	case F_U64:
		return vp_u64(vp, what, at);
	case F_U32:
		return vp_u32(vp, what, at);
	case F_STR:
	case F_STR0:
		return vp_field_string(vp, r, f, f->type == F_STR0, at);
	case F_FUNC:
		return vp_function_ref(vp, r, f, at);
	case F_PCT:
		return vp_percent(vp, what, at);
	case F_STASH:
		return vp_stash_read(vp, r, f);
	default:
		return f->read(vp, r);
	}
}

/* What an object is called in messages. */
static const char *vp_who(const struct vp *vp, const struct rec *r, char *buf, size_t size)
{
	char k[128];

	if (r->kind->what)
		return r->kind->what;
	snprintf(buf, size, "function %s",
		 json_doc_quote(k, sizeof(k), profile_str(vp->p, vp->p->funcs.v[r->index].name)));
	return buf;
}

/* A duplicate key, a missing one, then the kind's own checks: each
 * outranks what was found inside the object. */
static void vp_object_end(struct vp *vp, struct rec *r, struct pos dup, uint32_t dup_line,
			  const char *dup_key)
{
	const struct kind *k = r->kind;
	unsigned i;
	char q[128], who[160];

	if (dup_key) {
		vp_refuse(vp, k->dup_rank, r->mark, dup, "duplicate key %s (first at line %u)",
			  json_doc_quote(q, sizeof(q), dup_key), dup_line);
		return;
	}
	if (k->check && k->check(vp, r))
		return;
	for (i = 0; i < k->n_fields; i++)
		if ((k->fields[i].how & REQUIRED) && !(r->seen & 1u << i)) {
			vp_refuse(vp, R_VALUE, r->mark, r->at, "%s has no \"%s\"",
				  vp_who(vp, r, who, sizeof(who)), k->fields[i].key);
			return;
		}
}

/* Read the object of the current event into r by its kind's table. After
 * a problem (or with skip_values) only keys are read on, for a duplicate,
 * and the values of ALWAYS fields. */
static void vp_object(struct vp *vp, struct rec *r, bool skip_values)
{
	const struct kind *k = r->kind;
	struct keyset ks = {0};
	struct pos dup = {0};
	uint32_t field_line[32], dup_line = 0;
	char *dup_key = NULL;
	unsigned next = 0;

	r->at = vp_here(vp);
	r->mark = vp->n_warnings;
	while (vp_next(vp) == JSON_KEY) {
		const struct field *f = kind_field(vp, k, &next);
		struct pos key = vp_here(vp);
		uint32_t first = 0, key_id = PF_NONE;
		size_t depth = vp->jp->depth;

		if (f) {
			unsigned i = (unsigned)(f - k->fields);

			if (r->seen & 1u << i)
				first = field_line[i];
			r->seen |= 1u << i;
			field_line[i] = key.line;
		} else {
			key_id = profile_intern(vp->p, vp->jp->str, vp->jp->str_len);
			first = keyset_add(&ks, key_id, key.line);
		}
		if (first && !dup_key) {
			dup_key = vp_strdup(vp);
			dup = key;
			dup_line = first;
		}
		if (vp_next(vp) == JSON_ERROR)
			break;
		if (!dup_key && !skip_values && !vp_failed(vp)) {
			if (f)
				vp_field(vp, r, f);
			else
				vp_keep_extra(vp, k->owner, r->index, key_id);
		} else if (f && (f->how & ALWAYS) && !dup_key) {
			vp_field(vp, r, f);
		}
		vp_skip(vp, depth);
	}
	if (vp->ev == JSON_CLOSE)
		vp_object_end(vp, r, dup, dup_line, dup_key);
	free(dup_key);
	free(ks.v.v);
	free(ks.hash);
}

/* Whether the current event opens an object, with an error if not. */
static bool vp_is_object(struct vp *vp, const char *what)
{
	if (vp->ev == JSON_OBJECT)
		return true;
	vp_fail(vp, vp_here(vp), "%s must be an object, found %s", what, json_ev_type(vp->ev));
	return false;
}

static bool vp_take_part(struct vp *vp, void (*read)(struct vp *vp));

/* Each element of the array of the current event, read by one function. */
static enum status vp_each(struct vp *vp, const char *what, void (*read)(struct vp *vp))
{
	size_t depth = vp->jp->depth;

	if (vp->ev != JSON_ARRAY)
		return vp_fail(vp, vp_here(vp), "%s must be an array, found %s", what,
			       json_ev_type(vp->ev));
	while (vp_next(vp) != JSON_ERROR && vp->ev != JSON_CLOSE) {
		if (vp->ahead && vp_take_part(vp, read))
			break;
		if (!vp_failed(vp))
			read(vp);
		vp_skip(vp, depth);
	}
	return STATUS_OK;
}

/* ---- functions ---- */

static enum status vp_lines(struct vp *vp, struct rec *r)
{
	uint32_t fid = r->index;

	vp->p->funcs.v[fid].flags |= PF_HAS_LINES_OBJ;
	if (!vp_is_object(vp, "\"lines\""))
		return STATUS_INVALID;
	while (!vp_failed(vp) && vp_next(vp) == JSON_KEY) {
		const char *k = vp->jp->str;
		size_t n = vp->jp->str_len, i;
		uint64_t v = 0;
		struct pf_line *l;

		for (i = 0; i < n && i < 11 && k[i] >= '0' && k[i] <= '9'; i++)
			v = v * 10 + (uint64_t)(k[i] - '0');
		if (!n || k[0] == '0' || i < n || v > UINT32_MAX)
			return vp_fail(vp, vp_here(vp),
				       "line key \"%.*s\" must be a line number (1 to 4294967295)",
				       (int)(n < 40 ? n : 40), k);
		l = profile_add_line(vp->p);
		l->func = fid;
		l->line = (uint32_t)v;
		if (vp_next(vp) != JSON_ERROR)
			vp_u64(vp, "a line count", &l->count);
	}
	return STATUS_OK;
}

/* A decimal u32 at the start of k[0..n) without a leading 0: its length,
 * 0 when there is none or it is too large. */
static size_t vp_u32_prefix(const char *k, size_t n, uint32_t *out)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n && i < 11 && k[i] >= '0' && k[i] <= '9'; i++)
		v = v * 10 + (uint64_t)(k[i] - '0');
	if (!i || (k[0] == '0' && i > 1) || v > UINT32_MAX)
		return 0;
	*out = (uint32_t)v;
	return i;
}

static int vp_cmp_disc(const void *a, const void *b)
{
	const struct pf_disc *x = a, *y = b;

	return x->line != y->line ? cmp_u64(x->line, y->line) : cmp_u64(x->disc, y->disc);
}

/* "discriminators": {"LINE.DISC": COUNT, ...}, a key at most once. */
static enum status vp_discs(struct vp *vp, struct rec *r)
{
	uint32_t from = vp->p->discs.n, i;
	struct pos open = vp_here(vp);

	if (!vp_is_object(vp, "\"discriminators\""))
		return STATUS_INVALID;
	while (!vp_failed(vp) && vp_next(vp) == JSON_KEY) {
		const char *k = vp->jp->str;
		size_t n = vp->jp->str_len, a, b = 0;
		struct pf_disc *d = profile_add_disc(vp->p);

		d->func = r->index;
		a = vp_u32_prefix(k, n, &d->line);
		if (a && a + 1 < n && k[a] == '.')
			b = vp_u32_prefix(k + a + 1, n - a - 1, &d->disc);
		if (!a || !d->line || !b || a + 1 + b != n)
			return vp_fail(vp, vp_here(vp),
				       "discriminator key \"%.*s\" must be LINE.DISCRIMINATOR "
				       "(a line number from 1, a discriminator from 0)",
				       (int)(n < 40 ? n : 40), k);
		if (vp_next(vp) != JSON_ERROR)
			vp_u64(vp, "a discriminator count", &d->count);
	}
	if (vp->p->discs.n - from > 1)
		qsort(vp->p->discs.v + from, vp->p->discs.n - from, sizeof(struct pf_disc),
		      vp_cmp_disc);
	for (i = from + 1; i < vp->p->discs.n; i++)
		if (!vp_cmp_disc(&vp->p->discs.v[i - 1], &vp->p->discs.v[i]))
			return vp_fail(vp, open,
				       "duplicate discriminator key \"%" PRIu32 ".%" PRIu32 "\"",
				       vp->p->discs.v[i].line, vp->p->discs.v[i].disc);
	return STATUS_OK;
}

static const struct field function_fields[] = {
    FIELD("calls", F_U64, REQUIRED, struct pf_function, calls, 0),
    FIELD("time_ns", F_U64, REQUIRED, struct pf_function, time_ns, 0),
    FIELD("self_ns", F_U64, 0, struct pf_function, self_ns, PF_HAS_SELF),
    FIELD("file", F_STR, 0, struct pf_function, file, 0),
    FIELD("line", F_U32, 0, struct pf_function, line, PF_HAS_LINE),
    FIELD("size", F_U32, 0, struct pf_function, size, PF_HAS_SIZE),
    FIELD("checksum", F_STR, 0, struct pf_function, checksum, 0),
    CALL("lines", 0, vp_lines),
    CALL("discriminators", 0, vp_discs),
};

/* The line of the key of function name in the text (an error's walk). */
static unsigned vp_function_line(struct vp *vp, const char *name);

/* A function found twice: after a duplicate key, before a missing one. */
static bool vp_function_check(struct vp *vp, struct rec *r)
{
	char k[128];
	const char *name = profile_str(vp->p, vp->p->funcs.v[r->index].name);

	if (r->base)
		return false;
	vp_refuse(vp, R_VALUE, r->mark, r->key, "duplicate function %s (first at line %u)",
		  json_doc_quote(k, sizeof(k), name), vp_function_line(vp, name));
	return true;
}

static const struct kind function_kind = {
    NULL,    function_fields,  9, offsetof(struct pf_function, flags), PF_OWN_FUNCTION,
    R_VALUE, vp_function_check};

/* One member of "functions": its key is the current event. */
static void vp_function(struct vp *vp)
{
	struct rec r = {.kind = &function_kind, .key = vp_here(vp)};
	uint32_t name = profile_intern(vp->p, vp->jp->str, vp->jp->str_len);
	char who[160];
	struct pf_function *f;
	bool created;

	if (!vp->jp->str_len) {
		vp_fail(vp, r.key, "a function name must not be empty");
		vp_next(vp);
		return;
	}
	r.index = profile_add_function(vp->p, name, &created);
	if (vp_next(vp) == JSON_ERROR)
		return;
	if (!created)
		r.base = NULL;
	else
		r.base = &vp->p->funcs.v[r.index];
	if (vp->ev != JSON_OBJECT) {
		vp_fail(vp, vp_here(vp), "%s must be an object, found %s",
			vp_who(vp, &r, who, sizeof(who)), json_ev_type(vp->ev));
		return;
	}
	vp_object(vp, &r, !created);
	f = &vp->p->funcs.v[r.index];
	if (!vp_failed(vp) && (f->flags & PF_HAS_SELF) && f->self_ns > f->time_ns)
		vp_warn(vp, r.at, "%s: self_ns is larger than time_ns",
			vp_who(vp, &r, who, sizeof(who)));
}

static enum status vp_functions(struct vp *vp, struct rec *root)
{
	size_t depth = vp->jp->depth;
	unsigned i;

	if (!vp_is_object(vp, "\"functions\""))
		return STATUS_INVALID;
	while (vp_next(vp) == JSON_KEY) {
		if (!vp_failed(vp))
			vp_function(vp);
		else
			vp_next(vp);
		vp_skip(vp, depth);
	}
	vp->have_functions = true;
	/* what came before "functions" and refers to it, now */
	for (i = 0; i < root->stash.n && !vp_failed(vp); i++) {
		struct json_pull jp, *main = vp->jp;
		struct stash *s = &root->stash.v[i];

		json_pull_init_at(&jp, vp->text, vp->len, s->value.off, s->value.line,
				  s->value.line_at);
		vp->jp = &jp;
		if (vp_next(vp) != JSON_ERROR)
			vp_field(vp, root, s->f);
		vp->jp = main;
		vp->ev = JSON_CLOSE;
		json_pull_free(&jp);
	}
	return STATUS_OK;
}

/* ---- edges, sites, contexts ---- */

static const struct field edge_fields[] = {
    FIELD("caller", F_FUNC, REQUIRED, struct pf_edge, caller, 0),
    FIELD("callee", F_FUNC, REQUIRED, struct pf_edge, callee, 0),
    FIELD("count", F_U64, REQUIRED, struct pf_edge, count, 0),
    FIELD("time_ns", F_U64, 0, struct pf_edge, time_ns, PF_HAS_TIME),
};
static const struct kind edge_kind = {
    "a call edge", edge_fields, 4, offsetof(struct pf_edge, flags), PF_OWN_EDGE, R_VALUE, NULL};

static const struct field branch_fields[] = {
    FIELD("function", F_FUNC, REQUIRED, struct pf_branch, func, 0),
    FIELD("line", F_U32, REQUIRED, struct pf_branch, line, 0),
    FIELD("column", F_U32, 0, struct pf_branch, column, PF_HAS_COLUMN),
    FIELD("id", F_STR0, 0, struct pf_branch, id, 0),
    FIELD("taken", F_U64, REQUIRED, struct pf_branch, taken, 0),
    FIELD("not_taken", F_U64, REQUIRED, struct pf_branch, not_taken, 0),
};
static const struct kind branch_kind = {
    "a branch site", branch_fields, 6,	 offsetof(struct pf_branch, flags),
    PF_OWN_BRANCH,   R_VALUE,	    NULL};

static const struct field loop_fields[] = {
    FIELD("function", F_FUNC, REQUIRED, struct pf_loop, func, 0),
    FIELD("name", F_STR, 0, struct pf_loop, name, 0),
    FIELD("line", F_U32, REQUIRED, struct pf_loop, line, 0),
    FIELD("entries", F_U64, REQUIRED, struct pf_loop, entries, 0),
    FIELD("iterations", F_U64, REQUIRED, struct pf_loop, iterations, 0),
    FIELD("time_ns", F_U64, 0, struct pf_loop, time_ns, PF_HAS_TIME),
};
static const struct kind loop_kind = {
    "a loop site", loop_fields, 6, offsetof(struct pf_loop, flags), PF_OWN_LOOP, R_VALUE, NULL};

/* A context's parent is an earlier context, so contexts form a forest. */
static enum status vp_context_parent(struct vp *vp, struct rec *r)
{
	struct pf_context *x = r->base;
	enum status st = vp_u32(vp, "\"parent\"", &x->parent);

	if (st == STATUS_OK && x->parent >= r->index)
		return vp_fail(vp, vp_here(vp),
			       "\"parent\" of context %" PRIu32
			       " must be an earlier context (below %" PRIu32 "), found %" PRIu32,
			       r->index, r->index, x->parent);
	return st;
}

/* A context's function is one of "functions". */
static enum status vp_context_function(struct vp *vp, struct rec *r)
{
	struct pf_context *x = r->base;
	uint32_t name;
	char k[128];
	enum status st = vp_string(vp, "\"function\"", false, &name);

	if (st != STATUS_OK)
		return st;
	x->func = vp->p->func_of_str[name];
	if (x->func == PF_NONE || (vp->p->funcs.v[x->func].flags & PF_IMPLICIT))
		return vp_fail(vp, vp_here(vp),
			       "context of function %s, which is not in \"functions\"",
			       json_doc_quote(k, sizeof(k), profile_str(vp->p, name)));
	return STATUS_OK;
}

static const struct field context_fields[] = {
    CALL("parent", 0, vp_context_parent),
    CALL("function", REQUIRED, vp_context_function),
    FIELD("calls", F_U64, 0, struct pf_context, calls, PF_HAS_CALLS),
    FIELD("self_ns", F_U64, REQUIRED, struct pf_context, self_ns, 0),
};
static const struct kind context_kind = {
    "a context",    context_fields, 4,	 offsetof(struct pf_context, flags),
    PF_OWN_CONTEXT, R_VALUE,	    NULL};

/* One element of an array of records of kind k into rec: whether it
 * reads well. */
static bool vp_record(struct vp *vp, const struct kind *k, void *rec, uint32_t index)
{
	struct rec r = {.kind = k, .base = rec, .index = index};

	if (!vp_is_object(vp, k->what))
		return false;
	vp_object(vp, &r, false);
	return !vp_failed(vp);
}

static void vp_edge(struct vp *vp)
{
	struct pf_edge e = {0};

	if (vp_record(vp, &edge_kind, &e, vp->p->edges.n))
		*profile_add_edge(vp->p) = e;
}

static void vp_branch_site(struct vp *vp)
{
	struct pf_branch b = {.id = PF_NONE};

	if (vp_record(vp, &branch_kind, &b, vp->p->branches.n))
		*profile_add_branch(vp->p) = b;
}

static void vp_loop_site(struct vp *vp)
{
	struct pf_loop l = {.name = PF_NONE};

	if (vp_record(vp, &loop_kind, &l, vp->p->loops.n))
		*profile_add_loop(vp->p) = l;
}

static void vp_context(struct vp *vp)
{
	struct pf_context x = {.parent = PF_NONE, .func = PF_NONE};

	if (vp_record(vp, &context_kind, &x, vp->p->contexts.n))
		*profile_add_context(vp->p, x.parent, x.func) = x;
}

/* ---- the end of a big file read on a second thread ---- */

/* A big file is read by two threads. While the first reads it from the
 * start ("functions", then the first part of "calls"), the second reads
 * the records of three parts where the canonical layout puts them: "calls"
 * from an element about as far on as makes both threads' shares even,
 * then "branches.sites" and "loops.sites", each to its array's end, into
 * a profile of its own where functions are only names. The first thread
 * takes a part when it reaches that very element of that array, if the
 * part read without a problem and every function it names is known by
 * then (its other strings are interned then, in the order of the text);
 * else it reads the part itself. So the profile, its string ids, the
 * messages and their order are those of one reading. */
enum { PART_CALLS, PART_BRANCHES, PART_LOOPS, N_PARTS };

struct part {
	atomic_size_t off;   /* of its first element, once found; SIZE_MAX: none, or taken */
	struct json_pull jp; /* its reader, at its array's end */
	uint32_t from, to;   /* its records in ahead.q */
	bool ok;
};

struct ahead {
	pthread_t thread;
	bool running;
	atomic_bool stop;  /* set by the first thread when it needs nothing more */
	struct profile *q; /* the records read */
	uint32_t *fid;	   /* q's function ids -> the profile's + 1, 0: not known yet */
	uint32_t *sid;	   /* q's string ids -> the profile's + 1, 0: not interned yet */
	struct part part[N_PARTS];
	struct vp vp;
};

/* Each part: how its records are read, and the text before its array in
 * the canonical layout, from the line of its member. */
static const struct {
	void (*read)(struct vp *vp);
	const char *member, *array;
} part_kinds[N_PARTS] = {
    [PART_CALLS] = {vp_edge, "\n  \"calls\": [", NULL},
    [PART_BRANCHES] = {vp_branch_site, "\n  \"branches\": {", "\n    \"sites\": ["},
    [PART_LOOPS] = {vp_loop_site, "\n  \"loops\": {", "\n    \"sites\": ["},
};

#define SPLIT_MIN ((size_t)8 << 20) /* smaller files read faster on one thread */

static uint32_t part_count(const struct profile *q, unsigned k)
{
	return k == PART_CALLS ? q->edges.n : k == PART_BRANCHES ? q->branches.n : q->loops.n;
}

/* Offset of needle in text from from on, SIZE_MAX when it is not there. */
static size_t text_find(const struct vp *vp, size_t from, const char *needle)
{
	const char *at =
	    from < vp->len ? memmem(vp->text + from, vp->len - from, needle, strlen(needle)) : NULL;

	return at ? (size_t)(at - vp->text) : SIZE_MAX;
}

/* Where part k's first element is, looking from from on: SIZE_MAX when
 * the layout is not the one expected. */
static size_t part_find(const struct vp *vp, unsigned k, size_t from)
{
	size_t at = text_find(vp, from, part_kinds[k].member);

	if (at != SIZE_MAX && part_kinds[k].array) {
		size_t member = at;

		at = text_find(vp, at + 1, part_kinds[k].array);
		/* "sites" must be a key of this member: no other member between */
		if (at != SIZE_MAX && text_find(vp, member + 1, "\n  \"") < at)
			at = SIZE_MAX;
	}
	if (at == SIZE_MAX)
		return SIZE_MAX;
	at += strlen(part_kinds[k].array ? part_kinds[k].array : part_kinds[k].member);
	/* "calls": the first element of the second half of the text. The
	 * first thread reads "functions" (a third of the text, slower to read
	 * a byte: it interns three strings a function) and the start of
	 * "calls"; the second, the rest, finding names anew: as long. */
	if (k == PART_CALLS) {
		at = text_find(vp, at > vp->len / 2 ? at : vp->len / 2, "\n    {");
		return at == SIZE_MAX ? at : at + 5;
	}
	at += strspn(vp->text + at, " \t\r\n");
	return vp->text[at] == '{' ? at : SIZE_MAX;
}

/* The second thread: part k's records from off to its array's end. */
static void part_read(struct ahead *a, unsigned k, size_t off)
{
	struct part *pt = &a->part[k];
	struct vp *vp = &a->vp;
	uint32_t extras = a->q->extras.n;

	json_pull_init_in_array(&pt->jp, vp->text, vp->len, off);
	vp->jp = &pt->jp;
	vp->released = off;
	vp->code = STATUS_OK;
	vp->rank = R_NONE;
	pt->from = part_count(a->q, k);
	while (!atomic_load_explicit(&a->stop, memory_order_relaxed) && !vp_failed(vp) &&
	       vp_next(vp) != JSON_ERROR && vp->ev != JSON_CLOSE) {
		part_kinds[k].read(vp);
		vp_skip(vp, 1);
	}
	pt->to = part_count(a->q, k);
	pt->ok =
	    !vp_failed(vp) && vp->ev == JSON_CLOSE && !pt->jp.depth && a->q->extras.n == extras;
}

static void *ahead_run(void *arg)
{
	struct ahead *a = arg;
	size_t from = 0;
	unsigned k;

	for (k = 0; k < N_PARTS; k++) {
		size_t off = part_find(&a->vp, k, from);

		if (off == SIZE_MAX)
			continue;
		atomic_store(&a->part[k].off, off); /* the first thread may look now */
		part_read(a, k, off);
		if (a->part[k].ok)
			from = a->part[k].jp.pos;
	}
	return NULL;
}

/* Start reading the parts of a big text on a second thread; NULL for a
 * small text or when there is no thread. */
static struct ahead *ahead_start(const struct vp *vp)
{
	struct ahead *a;
	unsigned k;

	if (vp->len < SPLIT_MIN)
		return NULL;
	a = xcalloc(1, sizeof(*a));
	a->q = profile_new();
	atomic_init(&a->stop, false);
	for (k = 0; k < N_PARTS; k++)
		atomic_init(&a->part[k].off, SIZE_MAX);
	a->vp = (struct vp){.path = vp->path,
			    .text = vp->text,
			    .len = vp->len,
			    .p = a->q,
			    .rank = R_NONE,
			    .value_rank = R_VALUE,
			    .code = STATUS_OK,
			    .col_line_at = (size_t)-1,
			    .have_functions = true};
	a->running = pthread_create(&a->thread, NULL, ahead_run, a) == 0;
	if (a->running)
		return a;
	profile_free(a->q);
	free(a);
	return NULL;
}

static void ahead_join(struct ahead *a)
{
	if (a->running)
		pthread_join(a->thread, NULL);
	a->running = false;
}

static void ahead_end(struct ahead *a)
{
	unsigned k;

	if (!a)
		return;
	atomic_store(&a->stop, true);
	ahead_join(a);
	for (k = 0; k < N_PARTS; k++)
		json_pull_free(&a->part[k].jp);
	profile_free(a->q);
	free(a->fid);
	free(a->sid);
	free(a->vp.warnings.v);
	free(a);
}

/* The profile's id of q's function qf, PF_NONE when it has none yet. */
static uint32_t ahead_function(struct ahead *a, const struct profile *p, uint32_t qf)
{
	if (!a->fid[qf]) {
		const char *name = profile_str(a->q, a->q->funcs.v[qf].name);
		uint32_t id = profile_str_find(p, name, strlen(name));

		if (id == PF_NONE || p->func_of_str[id] == PF_NONE)
			return PF_NONE;
		a->fid[qf] = p->func_of_str[id] + 1;
	}
	return a->fid[qf] - 1;
}

/* The profile's id of q's string qs (PF_NONE stays), interned now. */
static uint32_t ahead_string(struct ahead *a, struct profile *p, uint32_t qs)
{
	if (qs != PF_NONE && !a->sid[qs]) {
		const char *s = profile_str(a->q, qs);

		a->sid[qs] = profile_intern(p, s, strlen(s)) + 1;
	}
	return qs == PF_NONE ? PF_NONE : a->sid[qs] - 1;
}

/* Whether every function part k names is known to the profile. */
static bool part_known(struct ahead *a, const struct profile *p, unsigned k)
{
	const struct profile *q = a->q;
	uint32_t i;

	for (i = a->part[k].from; i < a->part[k].to; i++) {
		bool ok =
		    k == PART_CALLS ? ahead_function(a, p, q->edges.v[i].caller) != PF_NONE &&
					  ahead_function(a, p, q->edges.v[i].callee) != PF_NONE
		    : k == PART_BRANCHES ? ahead_function(a, p, q->branches.v[i].func) != PF_NONE
					 : ahead_function(a, p, q->loops.v[i].func) != PF_NONE;

		if (!ok)
			return false;
	}
	return true;
}

/* Part k's records into the profile, in their order. */
static void part_add(struct ahead *a, struct profile *p, unsigned k)
{
	const struct profile *q = a->q;
	uint32_t i;

	for (i = a->part[k].from; i < a->part[k].to; i++) {
		if (k == PART_CALLS) {
			struct pf_edge e = q->edges.v[i];

			e.caller = ahead_function(a, p, e.caller);
			e.callee = ahead_function(a, p, e.callee);
			*profile_add_edge(p) = e;
		} else if (k == PART_BRANCHES) {
			struct pf_branch b = q->branches.v[i];

			b.func = ahead_function(a, p, b.func);
			b.id = ahead_string(a, p, b.id);
			*profile_add_branch(p) = b;
		} else {
			struct pf_loop l = q->loops.v[i];

			l.func = ahead_function(a, p, l.func);
			l.name = ahead_string(a, p, l.name);
			*profile_add_loop(p) = l;
		}
	}
}

/* At an element of an array of records read by read: when it is where a
 * part read ahead starts, that part into the profile and the reader past
 * the array; false when the part cannot be taken. */
static bool vp_take_part(struct vp *vp, void (*read)(struct vp *vp))
{
	struct ahead *a = vp->ahead;
	unsigned k;

	for (k = 0; k < N_PARTS && part_kinds[k].read != read; k++)
		;
	if (k == N_PARTS ||
	    atomic_load_explicit(&a->part[k].off, memory_order_relaxed) != vp->jp->off ||
	    vp_failed(vp))
		return false;
	ahead_join(a);
	atomic_store(&a->part[k].off, SIZE_MAX); /* tried once */
	if (!a->part[k].ok)
		return false;
	if (!a->fid) {
		a->fid = xcalloc(a->q->funcs.n + 1, sizeof(*a->fid));
		a->sid = xcalloc(a->q->str_off.n + 1, sizeof(*a->sid));
	}
	if (!part_known(a, vp->p, k))
		return false;
	part_add(a, vp->p, k);
	json_pull_skip_array(vp->jp, &a->part[k].jp);
	vp->ev = JSON_CLOSE;
	if (vp->ctx && vp->ctx->parts_taken)
		(*vp->ctx->parts_taken)++;
	return true;
}

static enum status vp_calls(struct vp *vp, struct rec *r)
{
	(void)r;
	return vp_each(vp, "\"calls\"", vp_edge);
}

static enum status vp_contexts(struct vp *vp, struct rec *r)
{
	(void)r;
	return vp_each(vp, "\"contexts\"", vp_context);
}

/* ---- branches, loops, meta ---- */

static enum status vp_branch_sites(struct vp *vp, struct rec *r)
{
	(void)r;
	return vp_each(vp, "\"branches.sites\"", vp_branch_site);
}

static enum status vp_legacy_taken(struct vp *vp, struct rec *r)
{
	(void)r;
	vp->p->has_legacy_branches = true;
	return vp_percent(vp, "\"taken\"", &vp->p->legacy_taken);
}

static const struct field branches_fields[] = {
    CALL("taken", 0, vp_legacy_taken),
    FIELD("not_taken", F_PCT, 0, struct profile, legacy_not_taken, 0),
    CALL("sites", 0, vp_branch_sites),
};

/* The legacy percentages come in pairs. */
static bool vp_branches_check(struct vp *vp, struct rec *r)
{
	bool taken = r->seen & 1, not_taken = r->seen & 2;

	if (taken != not_taken)
		vp_refuse(vp, R_VALUE, r->mark, r->at, "\"branches\" has \"%s\" but no \"%s\"",
			  taken ? "taken" : "not_taken", taken ? "not_taken" : "taken");
	return taken != not_taken;
}

static const struct kind branches_kind = {"\"branches\"", branches_fields,  3, -1, PF_OWN_BRANCHES,
					  R_VALUE,	  vp_branches_check};

static void vp_hot_loop(struct vp *vp)
{
	uint32_t id;

	if (vp_string(vp, "a hot loop name", false, &id) == STATUS_OK)
		profile_add_hot_loop(vp->p, id);
}

static enum status vp_hot_loops(struct vp *vp, struct rec *r)
{
	(void)r;
	return vp_each(vp, "\"loops.hot\"", vp_hot_loop);
}

static enum status vp_loop_sites(struct vp *vp, struct rec *r)
{
	(void)r;
	return vp_each(vp, "\"loops.sites\"", vp_loop_site);
}

static const struct field loops_fields[] = {
    CALL("hot", 0, vp_hot_loops),
    CALL("sites", 0, vp_loop_sites),
};
static const struct kind loops_kind = {"\"loops\"",  loops_fields, 2,	-1,
				       PF_OWN_LOOPS, R_VALUE,	   NULL};

/* A string of the current event that must be one of a few names. */
static enum status vp_name(struct vp *vp, const char *what, bool (*parse)(const char *, void *),
			   void *out, const char *expected)
{
	char *s;
	enum status st = STATUS_OK;

	if (vp->ev != JSON_STRING)
		return vp_fail(vp, vp_here(vp), "\"%s\" must be a string, found %s", what,
			       json_ev_type(vp->ev));
	s = vp_strdup(vp);
	if (!parse(s, out))
		st = vp_fail(vp, vp_here(vp), "unknown %s \"%.40s\" (expected %s)", what, s,
			     expected);
	free(s);
	return st;
}

static bool parse_mode(const char *s, void *out)
{
	return profile_mode_parse(s, out);
}

static bool parse_clock(const char *s, void *out)
{
	return profile_clock_parse(s, out);
}

static enum status vp_meta_mode(struct vp *vp, struct rec *r)
{
	(void)r;
	return vp_name(vp, "mode", parse_mode, &vp->p->meta.mode,
		       "instrumented, sampled, merged or imported");
}

static enum status vp_meta_clock(struct vp *vp, struct rec *r)
{
	(void)r;
	return vp_name(vp, "clock", parse_clock, &vp->p->meta.clock, "cpu, wall, precise or mixed");
}

static enum status vp_meta_runs(struct vp *vp, struct rec *r)
{
	enum status st = vp_u64(vp, "\"runs\"", &vp->p->meta.runs);

	(void)r;
	if (st == STATUS_OK && vp->p->meta.runs == 0)
		return vp_fail(vp, vp_here(vp), "\"runs\" must be at least 1");
	return st;
}

static const struct field meta_fields[] = {
    CALL("mode", 0, vp_meta_mode),
    CALL("runs", 0, vp_meta_runs),
    FIELD("created", F_STR, 0, struct pf_meta, created, 0),
    FIELD("tool", F_STR, 0, struct pf_meta, tool, 0),
    FIELD("binary", F_STR, 0, struct pf_meta, binary, 0),
    FIELD("build_id", F_STR, 0, struct pf_meta, build_id, 0),
    FIELD("sample_period_ns", F_U64, 0, struct pf_meta, sample_period_ns, 0),
    CALL("clock", 0, vp_meta_clock),
    FIELD("threads", F_U64, 0, struct pf_meta, threads, 0),
    FIELD("wall_ns", F_U64, 0, struct pf_meta, wall_ns, 0),
    FIELD("cpu_ns", F_U64, 0, struct pf_meta, cpu_ns, 0),
};
static const struct kind meta_kind = {"\"meta\"", meta_fields, 11, -1, PF_OWN_META, R_VALUE, NULL};

/* An object member of the profile read by its kind's table. */
static enum status vp_part(struct vp *vp, const struct kind *k, void *base)
{
	struct rec r = {.kind = k, .base = base};

	if (!vp_is_object(vp, k->what))
		return STATUS_INVALID;
	if (k == &meta_kind)
		vp->p->meta.present = true;
	vp_object(vp, &r, false);
	return STATUS_OK;
}

static enum status vp_meta(struct vp *vp, struct rec *r)
{
	(void)r;
	return vp_part(vp, &meta_kind, &vp->p->meta);
}

static enum status vp_branches(struct vp *vp, struct rec *r)
{
	(void)r;
	return vp_part(vp, &branches_kind, vp->p);
}

static enum status vp_loops(struct vp *vp, struct rec *r)
{
	(void)r;
	return vp_part(vp, &loops_kind, vp->p);
}

/* ---- the profile ---- */

/* "format" and "version" outrank the rest: a newer file is refused for
 * its version, not for whatever else changed in it. */
static enum status vp_format(struct vp *vp, struct rec *r)
{
	enum status st = STATUS_OK;

	(void)r;
	vp->value_rank = R_FORMAT;
	if (vp->ev != JSON_STRING || vp->jp->str_len != 7 || memcmp(vp->jp->str, "vitprof", 7))
		st = vp_fail(vp, vp_here(vp),
			     "not a vitprof profile: \"format\" must be \"vitprof\"");
	vp->value_rank = R_VALUE;
	return st;
}

static enum status vp_version(struct vp *vp, struct rec *r)
{
	uint64_t v;
	enum status st;

	(void)r;
	vp->value_rank = R_VERSION;
	st = vp_u64(vp, "\"version\"", &v);
	if (st == STATUS_OK && v > VITPROF_VERSION) {
		st = STATUS_VERSION;
		vp_failv_code(vp, STATUS_VERSION,
			      "vitprof version %llu is not supported (this vitte-pgo reads "
			      "version %d); upgrade vitte-pgo",
			      (unsigned long long)v, VITPROF_VERSION);
	} else if (st == STATUS_OK && v < 1) {
		st = vp_fail(vp, vp_here(vp), "vitprof versions start at 1, found %llu",
			     (unsigned long long)v);
	}
	vp->value_rank = R_VALUE;
	return st;
}

#define LATER(k, fn)                                                                               \
	{                                                                                          \
		k, "\"" k "\"", sizeof(k) - 1, F_STASH, 0, 0, 0, fn                                \
	}
static const struct field root_fields[] = {
    CALL("format", ALWAYS, vp_format),
    CALL("version", ALWAYS, vp_version),
    CALL("functions", REQUIRED, vp_functions),
    LATER("program", NULL),
    LATER("meta", vp_meta),
    LATER("calls", vp_calls),
    LATER("branches", vp_branches),
    LATER("loops", vp_loops),
    LATER("contexts", vp_contexts),
};
static const struct kind root_kind = {"the profile", root_fields, 9,   -1,
				      PF_OWN_ROOT,   R_ROOT_DUP,  NULL};

/* A member of the profile that refers to functions: read now if they
 * were, else kept for after them. */
static enum status vp_stash_read(struct vp *vp, struct rec *r, const struct field *f)
{
	if (!vp->have_functions) {
		VEC_APPEND(r->stash, ((struct stash){f, vp_here(vp)}));
		return STATUS_OK;
	}
	if (!f->read)
		return vp_string(vp, "\"program\"", true, &vp->p->program);
	return f->read(vp, r);
}

static void vp_root(struct vp *vp)
{
	struct rec r = {.kind = &root_kind, .base = vp->p};

	if (vp_next(vp) == JSON_ERROR)
		return;
	if (vp->ev != JSON_OBJECT) {
		vp_fail(vp, vp_here(vp), "a vitprof profile is a JSON object, found %s",
			json_ev_type(vp->ev));
		vp_skip(vp, 0);
	} else {
		vp_object(vp, &r, false);
	}
	free(r.stash.v);
	if (vp->ev != JSON_ERROR)
		vp_next(vp); /* the end of the text */
}

/* ---- where things are, for errors found after the reading ---- */

/* At an object's event: on to the first event of the value of its member
 * key; JSON_ERROR when it has none. */
static enum json_ev nav_member(struct json_pull *jp, const char *key)
{
	size_t n = strlen(key);

	while (json_pull_next(jp) == JSON_KEY) {
		bool hit = jp->str_len == n && !memcmp(jp->str, key, n);
		enum json_ev ev = json_pull_next(jp);

		if (hit)
			return ev;
		if (json_pull_skip(jp, ev) == JSON_ERROR)
			break;
	}
	return JSON_ERROR;
}

/* At an array's event: on to the first event of its element i. */
static bool nav_element(struct json_pull *jp, uint32_t i)
{
	enum json_ev ev;

	while ((ev = json_pull_next(jp)) != JSON_ERROR && ev != JSON_CLOSE) {
		if (i-- == 0)
			return true;
		if (json_pull_skip(jp, ev) == JSON_ERROR)
			break;
	}
	return false;
}

/* Through the members of "functions": the key of function name when
 * line_n is PF_NONE, else the value of the line_n-th line count of all. */
static bool nav_functions(struct json_pull *jp, const char *name, uint32_t line_n)
{
	size_t n = strlen(name), depth;

	if (json_pull_next(jp) != JSON_OBJECT || nav_member(jp, "functions") != JSON_OBJECT)
		return false;
	depth = jp->depth;
	while (json_pull_next(jp) == JSON_KEY) {
		if (line_n == PF_NONE && jp->str_len == n && !memcmp(jp->str, name, n))
			return true;
		if (json_pull_next(jp) == JSON_OBJECT && line_n != PF_NONE &&
		    nav_member(jp, "lines") == JSON_OBJECT)
			while (json_pull_next(jp) == JSON_KEY)
				if (json_pull_next(jp) == JSON_NUMBER && line_n-- == 0)
					return true;
		while (jp->depth > depth && json_pull_next(jp) != JSON_ERROR)
			;
	}
	return false;
}

static unsigned vp_function_line(struct vp *vp, const char *name)
{
	struct json_pull jp;
	unsigned line = 0;

	json_pull_init(&jp, vp->text, vp->len);
	if (nav_functions(&jp, name, PF_NONE))
		line = jp.line;
	json_pull_free(&jp);
	return line;
}

/* Where the index-th element of a kind was read. */
static struct pos vp_element(struct vp *vp, enum pf_owner kind, uint32_t index)
{
	static const char *const path[][2] = {
	    [PF_OWN_EDGE] = {"calls", NULL},
	    [PF_OWN_BRANCH] = {"branches", "sites"},
	    [PF_OWN_LOOP] = {"loops", "sites"},
	    [PF_OWN_CONTEXT] = {"contexts", NULL},
	};
	struct json_pull jp;
	struct pos at = {vp->len, 0, 0};

	json_pull_init(&jp, vp->text, vp->len);
	if (kind == PF_OWN_FUNCTION
		? nav_functions(&jp, "", index)
		: json_pull_next(&jp) == JSON_OBJECT &&
		      nav_member(&jp, path[kind][0]) != JSON_ERROR &&
		      (!path[kind][1] || nav_member(&jp, path[kind][1]) != JSON_ERROR) &&
		      nav_element(&jp, index))
		at = (struct pos){jp.off, jp.line_at, jp.line};
	json_pull_free(&jp);
	return at;
}

static void vp_duplicate(struct vp *vp, const struct pf_duplicate *d)
{
	const char *what = d->kind == PF_OWN_EDGE ? "call edge (same caller and callee)"
			   : d->kind == PF_OWN_BRANCH
			       ? "branch site (same function, line, column and id)"
			   : d->kind == PF_OWN_LOOP    ? "loop site (same function, name and line)"
			   : d->kind == PF_OWN_CONTEXT ? "context (same parent and function)"
						       : "line count";

	vp_fail(vp, vp_element(vp, d->kind, d->index), "duplicate %s; the first is at line %u",
		what, vp_element(vp, d->kind, d->first).line);
}

static enum status vitprof_load(struct profile *p, const char *path, const char *buf, size_t len,
				const struct load_ctx *ctx, struct error *err)
{
	struct json_pull jp;
	struct vp vp = {.jp = &jp,
			.path = path,
			.text = buf,
			.len = len,
			.ctx = ctx,
			.err = err,
			.p = p,
			.rank = R_NONE,
			.value_rank = R_VALUE,
			.code = STATUS_OK,
			.col_line_at = (size_t)-1};
	struct pf_duplicate dup;
	struct ahead *ahead = NULL;
	unsigned i, line, col;

	json_pull_init(&jp, buf, len);
	if (ctx && ctx->split)
		vp.ahead = ahead = ahead_start(&vp);
	if (strspn(buf, " \t\r\n") == len) {
		json_scan_position(buf, len, len, &line, &col);
		vp.code = error_set(err, STATUS_SYNTAX, path, line, col,
				    "empty file, expected a JSON object");
	} else {
		vp_root(&vp);
	}
	ahead_end(ahead);
	if (vp.code == STATUS_OK &&
	    !(ctx && ctx->split ? profile_finalize_split(p, &dup) : profile_finalize(p, &dup)))
		vp_duplicate(&vp, &dup);
	for (i = 0; i < vp.warnings.n; i++) {
		if (vp.warnings.v[i])
			ctx->warn(ctx->arg, vp.warnings.v[i]);
		free(vp.warnings.v[i]);
	}
	free(vp.warnings.v);
	json_pull_free(&jp);
	return vp.code;
}

/* A JSON object whose first key is one a vitprof file starts with. */
static bool vitprof_sniff(const char *buf, size_t len)
{
	size_t i = strspn(buf, " \t\r\n\xef\xbb\xbf");

	return i < len && buf[i] == '{' &&
	       (strstr(buf, "\"functions\"") != NULL || strstr(buf, "\"vitprof\"") != NULL);
}

const struct loader loader_vitprof = {
    .name = "vitprof",
    .description = "vitte-pgo profile, JSON (docs/vitprof-format.md)",
    .sniff = vitprof_sniff,
    .load = vitprof_load,
};

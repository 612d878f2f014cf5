/* merge.c - weighted merge of profiles (see merge.h for the rules).
 *
 * The result is built in a fresh profile as inputs come: names interned in
 * it, functions found through its string->function index, edges, sites,
 * line counts and hot names through open-addressing tables that map a key
 * (made of the result's ids) to an index in the result's arrays. Before
 * either, the element after the last one found is tried: inputs in
 * canonical order meet the result's elements in that order, so most
 * lookups are one comparison with no hashing (table_find).
 *
 * Counters are summed in place. Integer weights add w * c exactly into the
 * result's uint64_t fields, clamping at UINT64_MAX and setting an overflow
 * bit for the counter. A fractional weight's product w * c is taken in long
 * double; its integer part is added like the above and its fraction, in
 * [0, 1), to a sum kept beside each counter (those arrays exist only once
 * such a weight has come). At the end each counter becomes
 * field + round(sum of fractions), which is round(sum(w * c)) as the field
 * is an integer and both are non-negative: exact integer parts however
 * large the counts, and ties decided on fractions that are exact for
 * dyadic weights (0.5, 0.25, 1.5...).
 */
#include "analysis/merge.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/numeric.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/context.h"
#include "src/model/profile.h"

typedef unsigned __int128 u128;

#define KEY_WORDS 5

/* The parts of the result whose elements carry counters or are keyed. */
enum part {
	PART_FUNC,
	PART_EDGE,
	PART_BRANCH,
	PART_LOOP,
	PART_LINE,
	PART_HOT,
	PART_CONTEXT,
	PART_DISC,
	PART_COUNT
};

/* Counters per element of each part. */
static const unsigned part_width[PART_COUNT] = {3, 2, 2, 3, 1, 0, 2, 1};

/* Open addressing: a slot is empty when value is 0, else value is the
 * element's index + 1 and hash its key's hash. Keys are not stored: they
 * are read back from the element (merge_key_of). */
struct key_slot {
	uint32_t hash, value;
};

struct part_state {
	struct key_slot *slots; /* unused for PART_FUNC (found by name) */
	uint32_t slots_cap, n;	/* slots_cap a power of two */
	uint8_t *overflow;	/* a bit per counter: its integer sum passed 2^64-1 */
	double *frac;		/* per counter: sum of fractional parts, or NULL */
	uint32_t cap;		/* elements that overflow (and frac) have room for */
};

/* The effective weight of an input, in the form it is applied in. */
struct weight {
	bool whole; /* an integer below 2^64: applied as the exact u */
	uint64_t u;
	long double ld;
};

struct func_note {
	uint32_t checksum_input; /* input that gave the kept checksum */
	bool stale;
	bool compared; /* a second input gave a checksum */
};

struct stale_note {
	uint32_t name; /* string id in the result */
	uint32_t kept_input, other_input;
};

struct merge {
	struct merge_options opt;
	struct profile *out;
	uint32_t n_inputs;
	bool fractional;   /* a fractional weight came: frac arrays exist */
	bool overflowed;   /* a counter's integer sum passed 2^64-1 */
	u128 total0;	   /* first input's total self time (exact), for normalize */
	u128 runs;	   /* sum of the inputs' runs, clamped once at the end */
	bool counts_calls; /* an input counts calls: the result is not sampled */
	struct part_state parts[PART_COUNT];
	VEC(struct func_note) notes;
	VEC(struct stale_note) stale;
	long double legacy_w, legacy_taken, legacy_not_taken;
	bool has_legacy;
	struct context_builder contexts; /* matches contexts by path (context.h) */
	uint32_t context_inputs;	 /* inputs that had contexts */
	uint32_t n_compared;		 /* functions with checksums from two inputs */
	/* the first input with a build id, and the first with another one
	 * (PF_NONE until found), and the same for the kind of profile */
	uint32_t build_input, other_build, other_build_id;
	uint32_t mode_input, other_mode;
	enum pf_mode first_mode, second_mode;
	uint8_t *seen;	       /* a replay (merge_plan_apply): per function, reached yet */
	uint32_t *smap;	       /* a replay: the input's string id -> the result's (STR_UNSEEN) */
	uint32_t plan_strings; /* a replay: strings of the plan's merge, first in the result */
};

/* One input being added. */
struct merge_in {
	const struct profile *p;
	uint32_t index;
	struct weight w;
	uint32_t *fmap; /* input function id -> result function id */
	/* A replay of a plan: where each element of the input goes in the
	 * plan's merge (umap) and where that one is in the result (u2r), per
	 * keyed part; NULL in a merge that finds elements by their keys. */
	const uint32_t *const *umap, *const *u2r;
};

/* ---- counters ---- */

/* Make room in a part's side arrays for element index. */
static void part_reserve(struct merge *m, enum part part, uint32_t index)
{
	struct part_state *s = &m->parts[part];
	size_t w = part_width[part], old, cap;

	if (index < s->cap)
		return;
	cap = s->cap ? (size_t)s->cap * 2 : 256;
	while (cap <= index)
		cap *= 2;
	if (cap > UINT32_MAX)
		cap = UINT32_MAX; /* indexes are below PF_NONE */
	old = ((size_t)s->cap * w + 7) / 8;
	s->overflow = xrealloc(s->overflow, (cap * w + 7) / 8);
	memset(s->overflow + old, 0, (cap * w + 7) / 8 - old);
	if (m->fractional) {
		s->frac = xreallocarray(s->frac, cap * w, sizeof(*s->frac));
		memset(s->frac + (size_t)s->cap * w, 0, (cap - s->cap) * w * sizeof(*s->frac));
	}
	s->cap = (uint32_t)cap;
}

/* The first fractional weight: give every part its frac array. */
static void merge_go_fractional(struct merge *m)
{
	int part;

	if (m->fractional)
		return;
	m->fractional = true;
	for (part = 0; part < PART_COUNT; part++) {
		struct part_state *s = &m->parts[part];

		s->frac = xcalloc((size_t)s->cap * part_width[part] + 1, sizeof(*s->frac));
	}
}

/* counter_add() for a fractional weight or a sum past 2^64-1. */
static void counter_add_rare(struct merge *m, enum part part, uint32_t index, unsigned k,
			     uint64_t *field, uint64_t v, const struct weight *w) NOINLINE;
static void counter_add_rare(struct merge *m, enum part part, uint32_t index, unsigned k,
			     uint64_t *field, uint64_t v, const struct weight *w)
{
	struct part_state *s = &m->parts[part];
	size_t c = (size_t)index * part_width[part] + k;
	u128 add;

	if (index >= s->cap)
		part_reserve(m, part, index);
	if (w->whole) {
		add = (u128)w->u * v;
	} else {
		long double x = w->ld * (long double)v, whole = floorl(x);

		s->frac[c] += (double)(x - whole);
		add = whole >= 0x1p64L ? (u128)1 << 64 : (uint64_t)whole;
	}
	if (add > UINT64_MAX - *field) {
		*field = UINT64_MAX;
		s->overflow[c / 8] |= (uint8_t)(1u << (c % 8));
		m->overflowed = true;
	} else {
		*field += (uint64_t)add;
	}
}

/* Add w * v to counter k of element index, whose value is *field: inline
 * for a whole weight and a sum that fits, as nearly every one. */
static inline void counter_add(struct merge *m, enum part part, uint32_t index, unsigned k,
			       uint64_t *field, uint64_t v, const struct weight *w)
{
	uint64_t add, sum;

	if (!v)
		return;
	if (w->whole && !__builtin_mul_overflow(w->u, v, &add) &&
	    !__builtin_add_overflow(*field, add, &sum)) {
		*field = sum;
		return;
	}
	counter_add_rare(m, part, index, k, field, v, w);
}

/* Fold the fractions into *field, clamp, count a clamp in *clamped. */
static void counter_settle(const struct merge *m, enum part part, uint32_t index, unsigned k,
			   uint64_t *field, uint64_t *clamped)
{
	const struct part_state *s = &m->parts[part];
	size_t c = (size_t)index * part_width[part] + k;
	double r;

	if (index >= s->cap)
		return; /* never touched */
	if (s->overflow[c / 8] & (1u << (c % 8))) {
		(*clamped)++;
		return;
	}
	if (!s->frac || s->frac[c] <= 0)
		return;
	r = round(s->frac[c]); /* at most the number of inputs */
	if ((u128)*field + (uint64_t)r > UINT64_MAX) {
		*field = UINT64_MAX;
		(*clamped)++;
	} else {
		*field += (uint64_t)r;
	}
}

static struct weight weight_make(long double w)
{
	struct weight r = {false, 0, w};

	if (w < 0x1p64L && w == floorl(w)) {
		r.whole = true;
		r.u = (uint64_t)w;
	}
	return r;
}

/* ---- key tables ---- */

static uint32_t key_hash(const uint32_t *k)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	int i;

	for (i = 0; i < KEY_WORDS; i++) {
		h = (h ^ k[i]) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	h *= 0xc4ceb9fe1a85ec53ULL;
	return (uint32_t)(h ^ (h >> 33));
}

/* The key of element i of a part, as it was built when the element was. */
static void merge_key_of(const struct merge *m, enum part part, uint32_t i, uint32_t key[KEY_WORDS])
{
	const struct profile *p = m->out;

	memset(key, 0, KEY_WORDS * sizeof(*key));
	switch (part) {
	case PART_EDGE:
		key[0] = p->edges.v[i].caller, key[1] = p->edges.v[i].callee;
		break;
	case PART_BRANCH:
		key[0] = p->branches.v[i].func, key[1] = p->branches.v[i].line;
		key[2] = p->branches.v[i].flags & PF_HAS_COLUMN;
		key[3] = p->branches.v[i].column, key[4] = p->branches.v[i].id;
		break;
	case PART_LOOP:
		key[0] = p->loops.v[i].func, key[1] = p->loops.v[i].name;
		key[2] = p->loops.v[i].line;
		break;
	case PART_LINE:
		key[0] = p->lines.v[i].func, key[1] = p->lines.v[i].line;
		break;
	case PART_HOT:
		key[0] = p->legacy_hot.v[i];
		break;
	case PART_DISC:
		key[0] = p->discs.v[i].func, key[1] = p->discs.v[i].line;
		key[2] = p->discs.v[i].disc;
		break;
	default:
		break;
	}
}

/* Make the table of a part hold `more` more keys at half load at most. */
static void table_reserve(struct part_state *s, uint32_t more)
{
	uint64_t need = ((uint64_t)s->n + more) * 2;
	uint32_t cap = s->slots_cap ? s->slots_cap : 1024;
	struct key_slot *slots;
	uint32_t i, j;

	if (need > (uint64_t)1 << 31)
		die_nomem(); /* more keys than 32-bit ids can name */
	while (cap < need)
		cap *= 2;
	if (cap == s->slots_cap)
		return;
	slots = xcalloc(cap, sizeof(*slots));
	for (i = 0; i < s->slots_cap; i++) {
		if (!s->slots[i].value)
			continue;
		for (j = s->slots[i].hash & (cap - 1); slots[j].value; j = (j + 1) & (cap - 1))
			;
		slots[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = slots;
	s->slots_cap = cap;
}

/* Make the table of a part ready for an input of n keys: at least those
 * beyond the keys it has are new (inputs of one program mostly repeat
 * the same keys, so reserving room for all n would double the table for
 * nothing at the second input). */
static void table_expect(struct part_state *s, uint32_t n)
{
	table_reserve(s, n > s->n ? n - s->n : 0);
}

/* The index of key's element in a part; when absent, key is entered with
 * index `next` (the caller then appends that element) and *added is set. */
static uint32_t table_get(struct merge *m, enum part part, const uint32_t *key, uint32_t next,
			  bool *added)
{
	struct part_state *s = &m->parts[part];
	uint32_t h = key_hash(key), mask, i;
	uint32_t other[KEY_WORDS];

	table_reserve(s, 1);
	mask = s->slots_cap - 1;
	for (i = h & mask; s->slots[i].value; i = (i + 1) & mask) {
		if (s->slots[i].hash != h)
			continue;
		merge_key_of(m, part, s->slots[i].value - 1, other);
		if (memcmp(other, key, sizeof(other)) == 0) {
			*added = false;
			return s->slots[i].value - 1;
		}
	}
	s->slots[i] = (struct key_slot){h, next + 1};
	s->n++;
	*added = true;
	return next;
}

/* The same, trying first the element at guess: inputs in canonical order
 * meet the result's elements in the order the first input gave them, so
 * the one after the last one found is most often the next, and checking
 * it costs no hashing and no cache miss. */
static uint32_t table_find(struct merge *m, enum part part, const uint32_t *key, uint32_t guess,
			   uint32_t next, bool *added)
{
	uint32_t other[KEY_WORDS];

	if (guess < next) {
		merge_key_of(m, part, guess, other);
		if (memcmp(other, key, sizeof(other)) == 0) {
			*added = false;
			return guess;
		}
	}
	return table_get(m, part, key, next, added);
}

/* ---- strings ---- */

#define STR_UNSEEN (PF_NONE - 1) /* in a string map: not looked up yet */

/* The result's id of a string of the input (PF_NONE stays PF_NONE). A
 * replay remembers it for the next replays of the input. */
static uint32_t merge_intern(struct merge *m, const struct profile *p, uint32_t id)
{
	const char *s;
	uint32_t r;

	if (id == PF_NONE)
		return PF_NONE;
	if (m->smap && m->smap[id] != STR_UNSEEN)
		return m->smap[id];
	s = profile_str(p, id);
	r = profile_intern(m->out, s, strlen(s));
	if (m->smap && r < m->plan_strings) /* the same id in every replay */
		m->smap[id] = r;
	return r;
}

/* merge_intern() trying first the result's string `like` (PF_NONE for
 * none): the string of the element the input's one most likely merges
 * into, so that the string is compared, not hashed and looked up. */
static uint32_t merge_intern_like(struct merge *m, const struct profile *p, uint32_t id,
				  uint32_t like)
{
	if (id != PF_NONE && like != PF_NONE &&
	    !strcmp(profile_str(m->out, like), profile_str(p, id)))
		return like;
	return merge_intern(m, p, id);
}

static void sb_add_escaped(struct strbuf *sb, const char *s)
{
	text_escape_sb(sb, s, strlen(s));
}

/* Where element i of a part of a replayed input goes in the result. */
static uint32_t plan_at(const struct merge_in *in, enum part part, uint32_t i)
{
	return in->u2r[part][in->umap[part][i]];
}

/* ---- functions ---- */

static struct func_note *merge_note(struct merge *m, uint32_t fid)
{
	if (fid >= m->notes.cap) {
		size_t cap = m->notes.cap ? (size_t)m->notes.cap * 2 : 256;

		while (cap <= fid)
			cap *= 2;
		if (cap > UINT32_MAX)
			cap = UINT32_MAX; /* function ids are below PF_NONE */
		m->notes.v = xreallocarray(m->notes.v, cap, sizeof(*m->notes.v));
		memset(m->notes.v + m->notes.cap, 0, (cap - m->notes.cap) * sizeof(*m->notes.v));
		m->notes.cap = (uint32_t)cap;
	}
	return &m->notes.v[fid];
}

static void merge_warn_stale(struct merge *m, const struct merge_in *in, uint32_t fid,
			     uint32_t in_checksum)
{
	const struct pf_function *f = &m->out->funcs.v[fid];
	struct func_note *note = merge_note(m, fid);
	struct strbuf sb = STRBUF_INIT;

	if (!note->stale) {
		VEC_APPEND(m->stale,
			   ((struct stale_note){f->name, note->checksum_input, in->index}));
		note->stale = true;
	}
	if (!m->opt.warn)
		return;
	sb_adds(&sb, "function \"");
	sb_add_escaped(&sb, profile_str(m->out, f->name));
	sb_adds(&sb, "\": checksum differs between inputs (");
	sb_add_escaped(&sb, profile_str(m->out, f->checksum));
	sb_addf(&sb, " in input %u, ", note->checksum_input + 1);
	sb_add_escaped(&sb, profile_str(in->p, in_checksum));
	sb_addf(&sb, " in input %u): profile is stale", in->index + 1);
	m->opt.warn(m->opt.warn_arg, sb_str(&sb));
	sb_free(&sb);
}

/* Whether string out_id of the result is string in_id of the input. A
 * replay knows where the input's strings are among the plan merge's,
 * which are the result's first ids: no string to compare then. */
static bool merge_same_string(const struct merge *m, const struct profile *p, uint32_t out_id,
			      uint32_t in_id)
{
	if (m->smap && m->smap[in_id] != STR_UNSEEN && out_id < m->plan_strings)
		return m->smap[in_id] == out_id;
	return !strcmp(profile_str(m->out, out_id), profile_str(p, in_id));
}

/* file, line, size, checksum: the first input that has them wins. */
static void merge_describe(struct merge *m, const struct merge_in *in, uint32_t fid,
			   const struct pf_function *src)
{
	struct pf_function *f = &m->out->funcs.v[fid];

	if (f->file == PF_NONE && src->file != PF_NONE)
		f->file = merge_intern(m, in->p, src->file);
	if (!(f->flags & PF_HAS_LINE) && (src->flags & PF_HAS_LINE)) {
		f->line = src->line;
		f->flags |= PF_HAS_LINE;
	}
	if (!(f->flags & PF_HAS_SIZE) && (src->flags & PF_HAS_SIZE)) {
		f->size = src->size;
		f->flags |= PF_HAS_SIZE;
	}
	f->flags |= src->flags & PF_HAS_LINES_OBJ;
	if (src->checksum == PF_NONE)
		return;
	if (f->checksum == PF_NONE) {
		f->checksum = merge_intern(m, in->p, src->checksum);
		merge_note(m, fid)->checksum_input = in->index;
		return;
	}
	if (!merge_note(m, fid)->compared) {
		merge_note(m, fid)->compared = true;
		m->n_compared++;
	}
	if (!merge_same_string(m, in->p, f->checksum, src->checksum))
		merge_warn_stale(m, in, fid, src->checksum);
}

static void merge_functions(struct merge *m, struct merge_in *in)
{
	uint32_t i;

	uint32_t guess = 0; /* as table_find() */

	for (i = 0; i < in->p->funcs.n; i++) {
		const struct pf_function *src = &in->p->funcs.v[i];
		const char *name = in->umap ? NULL : profile_str(in->p, src->name);
		struct pf_function *f;
		uint32_t fid;
		bool created = false;

		if (in->umap) {
			fid = plan_at(in, PART_FUNC, i);
			created = !m->seen[fid];
			m->seen[fid] = 1;
		} else if (guess < m->out->funcs.n &&
			   !strcmp(profile_str(m->out, m->out->funcs.v[guess].name), name))
			fid = guess;
		else
			fid = profile_add_function(m->out, merge_intern(m, in->p, src->name),
						   &created);
		guess = fid + 1;
		in->fmap[i] = fid;
		f = &m->out->funcs.v[fid];
		if (created)
			f->flags |= src->flags & PF_IMPLICIT;
		else if (!(src->flags & PF_IMPLICIT))
			f->flags &= ~(uint32_t)PF_IMPLICIT;
		counter_add(m, PART_FUNC, fid, 0, &f->calls, src->calls, &in->w);
		counter_add(m, PART_FUNC, fid, 1, &f->time_ns, src->time_ns, &in->w);
		counter_add(m, PART_FUNC, fid, 2, &f->self_ns, src->self_ns, &in->w);
		merge_describe(m, in, fid, src);
	}
}

/* ---- edges, sites, lines ---- */

static void merge_edges(struct merge *m, const struct merge_in *in)
{
	uint32_t i, guess = 0; /* as table_find() */

	if (!in->umap)
		table_expect(&m->parts[PART_EDGE], in->p->edges.n);
	for (i = 0; i < in->p->edges.n; i++) {
		const struct pf_edge *src = &in->p->edges.v[i];
		uint32_t at;
		struct pf_edge *e;

		if (in->umap) {
			at = plan_at(in, PART_EDGE, i);
			e = &m->out->edges.v[at];
		} else {
			uint32_t key[KEY_WORDS] = {in->fmap[src->caller], in->fmap[src->callee]};
			bool added;

			at = table_find(m, PART_EDGE, key, guess, m->out->edges.n, &added);
			e = added ? profile_add_edge(m->out) : &m->out->edges.v[at];
			guess = at + 1;
			e->caller = key[0];
			e->callee = key[1];
		}
		e->flags |= src->flags & PF_HAS_TIME;
		counter_add(m, PART_EDGE, at, 0, &e->count, src->count, &in->w);
		counter_add(m, PART_EDGE, at, 1, &e->time_ns, src->time_ns, &in->w);
	}
}

static void merge_branches(struct merge *m, const struct merge_in *in)
{
	uint32_t i, guess = 0; /* as table_find() */

	if (!in->umap)
		table_expect(&m->parts[PART_BRANCH], in->p->branches.n);
	for (i = 0; i < in->p->branches.n; i++) {
		const struct pf_branch *src = &in->p->branches.v[i];
		uint32_t at;
		struct pf_branch *b;

		if (in->umap) {
			at = plan_at(in, PART_BRANCH, i);
			b = &m->out->branches.v[at];
		} else {
			uint32_t has_col = src->flags & PF_HAS_COLUMN;
			uint32_t like =
			    guess < m->out->branches.n ? m->out->branches.v[guess].id : PF_NONE;
			uint32_t key[KEY_WORDS] = {in->fmap[src->func], src->line, has_col,
						   has_col ? src->column : 0,
						   merge_intern_like(m, in->p, src->id, like)};
			bool added;

			at = table_find(m, PART_BRANCH, key, guess, m->out->branches.n, &added);
			b = added ? profile_add_branch(m->out) : &m->out->branches.v[at];
			guess = at + 1;
			b->func = key[0];
			b->line = key[1];
			b->flags = key[2];
			b->column = key[3];
			b->id = key[4];
		}
		counter_add(m, PART_BRANCH, at, 0, &b->taken, src->taken, &in->w);
		counter_add(m, PART_BRANCH, at, 1, &b->not_taken, src->not_taken, &in->w);
	}
}

static void merge_loops(struct merge *m, const struct merge_in *in)
{
	uint32_t i, guess = 0; /* as table_find() */

	if (!in->umap)
		table_expect(&m->parts[PART_LOOP], in->p->loops.n);
	for (i = 0; i < in->p->loops.n; i++) {
		const struct pf_loop *src = &in->p->loops.v[i];
		uint32_t at;
		struct pf_loop *l;

		if (in->umap) {
			at = plan_at(in, PART_LOOP, i);
			l = &m->out->loops.v[at];
		} else {
			uint32_t like =
			    guess < m->out->loops.n ? m->out->loops.v[guess].name : PF_NONE;
			uint32_t key[KEY_WORDS] = {in->fmap[src->func],
						   merge_intern_like(m, in->p, src->name, like),
						   src->line};
			bool added;

			at = table_find(m, PART_LOOP, key, guess, m->out->loops.n, &added);
			l = added ? profile_add_loop(m->out) : &m->out->loops.v[at];
			guess = at + 1;
			l->func = key[0];
			l->name = key[1];
			l->line = key[2];
		}
		l->flags |= src->flags & PF_HAS_TIME;
		counter_add(m, PART_LOOP, at, 0, &l->entries, src->entries, &in->w);
		counter_add(m, PART_LOOP, at, 1, &l->iterations, src->iterations, &in->w);
		counter_add(m, PART_LOOP, at, 2, &l->time_ns, src->time_ns, &in->w);
	}
}

static void merge_lines(struct merge *m, const struct merge_in *in)
{
	uint32_t i, guess = 0; /* as table_find() */

	if (!in->umap)
		table_expect(&m->parts[PART_LINE], in->p->lines.n);
	for (i = 0; i < in->p->lines.n; i++) {
		const struct pf_line *src = &in->p->lines.v[i];
		uint32_t at;
		struct pf_line *l;

		if (in->umap) {
			at = plan_at(in, PART_LINE, i);
			l = &m->out->lines.v[at];
		} else {
			uint32_t key[KEY_WORDS] = {in->fmap[src->func], src->line};
			bool added;

			at = table_find(m, PART_LINE, key, guess, m->out->lines.n, &added);
			l = added ? profile_add_line(m->out) : &m->out->lines.v[at];
			guess = at + 1;
			l->func = key[0];
			l->line = key[1];
		}
		counter_add(m, PART_LINE, at, 0, &l->count, src->count, &in->w);
	}
}

/* Discriminator counts by function, line and discriminator (never by a
 * plan's maps: few profiles have them). */
static void merge_discs(struct merge *m, const struct merge_in *in)
{
	uint32_t i, guess = 0; /* as table_find() */

	table_expect(&m->parts[PART_DISC], in->p->discs.n);
	for (i = 0; i < in->p->discs.n; i++) {
		const struct pf_disc *src = &in->p->discs.v[i];
		uint32_t key[KEY_WORDS] = {in->fmap[src->func], src->line, src->disc}, at;
		struct pf_disc *d;
		bool added;

		at = table_find(m, PART_DISC, key, guess, m->out->discs.n, &added);
		d = added ? profile_add_disc(m->out) : &m->out->discs.v[at];
		guess = at + 1;
		d->func = key[0];
		d->line = key[1];
		d->disc = key[2];
		counter_add(m, PART_DISC, at, 0, &d->count, src->count, &in->w);
	}
}

/* Contexts by path of names: each input context, parents first, entered
 * under its parent's result context by the rule of context.h (which only
 * folds when the tree is full: the inputs' paths hold no function twice).
 * calls are known where every input that has the context knew them. */
static void merge_contexts(struct merge *m, const struct merge_in *in)
{
	const struct profile *p = in->p;
	uint32_t *map = xcalloc(p->contexts.n ? p->contexts.n : 1, sizeof(*map)), i;

	if (p->contexts.n)
		m->context_inputs++;
	for (i = 0; i < p->contexts.n; i++) {
		const struct pf_context *src = &p->contexts.v[i];
		uint32_t parent = src->parent == PF_NONE ? PF_NONE : map[src->parent];
		uint32_t n = m->out->contexts.n, at;
		struct pf_context *c;

		map[i] = PF_NONE;
		if (src->parent != PF_NONE && parent == PF_NONE)
			continue; /* under a root that did not fit */
		at = map[i] = context_enter(&m->contexts, parent, in->fmap[src->func]);
		if (at == PF_NONE)
			continue;
		c = &m->out->contexts.v[at];
		counter_add(m, PART_CONTEXT, at, 1, &c->self_ns, src->self_ns, &in->w);
		if (c->func != in->fmap[src->func])
			continue; /* the tree is full: only the time is kept, in the caller */
		if (at == n)
			c->flags = src->flags & PF_HAS_CALLS;
		else
			c->flags &= src->flags | ~(uint32_t)PF_HAS_CALLS;
		counter_add(m, PART_CONTEXT, at, 0, &c->calls, src->calls, &in->w);
	}
	free(map);
}

/* ---- meta and legacy aggregates ---- */

/* Instrumented, sampled and imported profiles measure differently; a
 * merged one or one that does not say is of no one kind. */
static bool mode_known(int mode)
{
	return mode == PF_MODE_INSTRUMENTED || mode == PF_MODE_SAMPLED || mode == PF_MODE_IMPORTED;
}

bool merge_modes_differ(int a, int b)
{
	return mode_known(a) && mode_known(b) && a != b;
}

void merge_say_builds(struct strbuf *sb, const char *what, const char *a, const char *b,
		      uint32_t changed, uint32_t compared)
{
	sb_adds(sb, what);
	sb_adds(sb, " are profiles of different builds (build-id ");
	sb_add_escaped(sb, a);
	sb_adds(sb, " and ");
	sb_add_escaped(sb, b);
	if (compared)
		sb_addf(sb, "): %u of the %u %s compared by checksum changed", changed, compared,
			text_plural(compared, "function", "functions"));
	else
		sb_adds(sb, "): no function checksum to compare");
}

void merge_say_modes(struct strbuf *sb, const char *what, int a, int b)
{
	sb_addf(
	    sb,
	    "%s are different kinds of profile (%s and %s): their numbers are not measured alike",
	    what, profile_mode_name((enum pf_mode)a), profile_mode_name((enum pf_mode)b));
}

static void merge_meta(struct merge *m, const struct profile *p)
{
	struct profile *out = m->out;

	m->runs += p->meta.runs; /* below 2^96 for 2^32 inputs */
	m->counts_calls |= profile_counts_calls(p);
	if (out->program == PF_NONE)
		out->program = merge_intern(m, p, p->program);
	if (out->meta.binary == PF_NONE)
		out->meta.binary = merge_intern(m, p, p->meta.binary);
	if (out->meta.build_id == PF_NONE) {
		out->meta.build_id = merge_intern(m, p, p->meta.build_id);
		m->build_input = m->n_inputs;
	} else if (p->meta.build_id != PF_NONE && m->other_build == PF_NONE &&
		   strcmp(profile_str(p, p->meta.build_id), profile_str(out, out->meta.build_id))) {
		m->other_build = m->n_inputs;
		m->other_build_id = merge_intern(m, p, p->meta.build_id);
	}
	if (m->mode_input == PF_NONE && mode_known(p->meta.mode)) {
		m->mode_input = m->n_inputs;
		m->first_mode = p->meta.mode;
	} else if (m->other_mode == PF_NONE && merge_modes_differ(m->first_mode, p->meta.mode)) {
		m->other_mode = m->n_inputs;
		m->second_mode = p->meta.mode;
	}
	if (!out->meta.sample_period_ns)
		out->meta.sample_period_ns = p->meta.sample_period_ns;
	/* one clock, or mixed (an input that does not say makes it unknown) */
	if (m->n_inputs == 0)
		out->meta.clock = p->meta.clock;
	else if (out->meta.clock != p->meta.clock)
		out->meta.clock =
		    out->meta.clock && p->meta.clock ? PF_CLOCK_MIXED : PF_CLOCK_UNSET;
	out->meta.threads = add_sat_u64(out->meta.threads, p->meta.threads);
	out->meta.wall_ns = add_sat_u64(out->meta.wall_ns, p->meta.wall_ns);
	out->meta.cpu_ns = add_sat_u64(out->meta.cpu_ns, p->meta.cpu_ns);
}

static void merge_legacy(struct merge *m, const struct merge_in *in)
{
	const struct profile *p = in->p;
	long double w = in->w.whole ? (long double)in->w.u : in->w.ld;
	uint32_t i;

	if (p->has_legacy_branches && !p->branches.n) {
		m->has_legacy = true;
		m->legacy_w += w;
		m->legacy_taken += w * p->legacy_taken;
		m->legacy_not_taken += w * p->legacy_not_taken;
	}
	if (p->loops.n)
		return;
	table_expect(&m->parts[PART_HOT], p->legacy_hot.n);
	for (i = 0; i < p->legacy_hot.n; i++) {
		uint32_t key[KEY_WORDS] = {merge_intern(m, p, p->legacy_hot.v[i])};
		bool added;

		table_get(m, PART_HOT, key, m->out->legacy_hot.n, &added);
		if (added)
			profile_add_hot_loop(m->out, key[0]);
	}
}

/* ---- the merge ---- */

/* A merge into out, an empty profile (taken). */
static struct merge *merge_start(const struct merge_options *opt, struct profile *out)
{
	struct merge *m = xcalloc(1, sizeof(*m));

	if (opt)
		m->opt = *opt;
	m->out = out;
	m->out->meta.mode = PF_MODE_MERGED;
	m->out->meta.present = true;
	context_builder_init(&m->contexts, m->out);
	m->other_build = m->mode_input = m->other_mode = PF_NONE;
	return m;
}

struct merge *merge_new(const struct merge_options *opt)
{
	return merge_start(opt, profile_new());
}

/* The weight an input is applied with, after normalization. */
static struct weight merge_weight(struct merge *m, const struct profile *p, double weight)
{
	long double w = weight;

	if (m->n_inputs == 0)
		m->total0 = profile_total_self_exact(p);
	if (m->opt.normalize && m->n_inputs > 0 && m->total0) {
		u128 total = profile_total_self_exact(p);

		if (total)
			w = w * (long double)m->total0 / (long double)total;
	}
	return weight_make(w);
}

/* The first input's sizes, and an eighth more, for the result: the later
 * inputs of one program add few elements, so its arrays and string table
 * are then filled without being moved and rehashed as they grow. */
static void merge_presize(struct merge *m, const struct profile *p)
{
	struct profile *out = m->out;

	profile_reserve_strings(out, p->str_off.n, p->arena_len);
	VEC_RESERVE(out->funcs, p->funcs.n);
	VEC_RESERVE(out->edges, p->edges.n);
	VEC_RESERVE(out->branches, p->branches.n);
	VEC_RESERVE(out->loops, p->loops.n);
	VEC_RESERVE(out->lines, p->lines.n);
}

/* Add an input, found by keys, or by a plan's maps when umap is set. */
static enum status merge_add(struct merge *m, const struct profile *p, double weight,
			     const uint32_t *const *umap, const uint32_t *const *u2r,
			     struct error *err)
{
	struct merge_in in = {p, m->n_inputs, {false, 0, 0}, NULL, umap, u2r};

	if (!isfinite(weight) || weight <= 0)
		return error_set(err, STATUS_USAGE, NULL, 0, 0,
				 "input %u: the weight must be a positive number, found %g",
				 m->n_inputs + 1, weight);
	in.w = merge_weight(m, p, weight);
	if (!in.w.whole)
		merge_go_fractional(m);
	in.fmap = xcalloc(p->funcs.n ? p->funcs.n : 1, sizeof(*in.fmap));
	if (m->n_inputs == 0 && !umap)
		merge_presize(m, p);
	merge_functions(m, &in);
	merge_edges(m, &in);
	merge_branches(m, &in);
	merge_loops(m, &in);
	merge_lines(m, &in);
	merge_discs(m, &in);
	merge_contexts(m, &in);
	merge_meta(m, p);
	merge_legacy(m, &in);
	free(in.fmap);
	m->n_inputs++;
	return STATUS_OK;
}

enum status merge_add_input(struct merge *m, const struct profile *p, double weight,
			    struct error *err)
{
	return merge_add(m, p, weight, NULL, NULL, err);
}

/* Round and clamp every counter in place; count the clamped ones. With
 * whole weights and no sum past 2^64-1 there is nothing to do. */
static void merge_settle_counters(struct merge *m)
{
	struct profile *out = m->out;
	uint64_t n = 0;
	uint32_t i;

	if (!m->fractional && !m->overflowed) {
		for (i = 0; i < out->funcs.n; i++)
			out->funcs.v[i].flags |= PF_HAS_SELF;
		return;
	}

	for (i = 0; i < out->funcs.n; i++) {
		struct pf_function *f = &out->funcs.v[i];

		counter_settle(m, PART_FUNC, i, 0, &f->calls, &n);
		counter_settle(m, PART_FUNC, i, 1, &f->time_ns, &n);
		counter_settle(m, PART_FUNC, i, 2, &f->self_ns, &n);
		f->flags |= PF_HAS_SELF;
	}
	for (i = 0; i < out->edges.n; i++) {
		counter_settle(m, PART_EDGE, i, 0, &out->edges.v[i].count, &n);
		counter_settle(m, PART_EDGE, i, 1, &out->edges.v[i].time_ns, &n);
	}
	for (i = 0; i < out->branches.n; i++) {
		counter_settle(m, PART_BRANCH, i, 0, &out->branches.v[i].taken, &n);
		counter_settle(m, PART_BRANCH, i, 1, &out->branches.v[i].not_taken, &n);
	}
	for (i = 0; i < out->loops.n; i++) {
		counter_settle(m, PART_LOOP, i, 0, &out->loops.v[i].entries, &n);
		counter_settle(m, PART_LOOP, i, 1, &out->loops.v[i].iterations, &n);
		counter_settle(m, PART_LOOP, i, 2, &out->loops.v[i].time_ns, &n);
	}
	for (i = 0; i < out->lines.n; i++)
		counter_settle(m, PART_LINE, i, 0, &out->lines.v[i].count, &n);
	for (i = 0; i < out->discs.n; i++)
		counter_settle(m, PART_DISC, i, 0, &out->discs.v[i].count, &n);
	for (i = 0; i < out->contexts.n; i++) {
		counter_settle(m, PART_CONTEXT, i, 0, &out->contexts.v[i].calls, &n);
		counter_settle(m, PART_CONTEXT, i, 1, &out->contexts.v[i].self_ns, &n);
	}
	out->saturated += n;
}

static int cmp_stale(const void *a, const void *b)
{
	return cmp_u64(((const struct merge_stale *)a)->func,
		       ((const struct merge_stale *)b)->func);
}

/* The stale functions by their final ids (after profile_finalize). */
static void merge_list_stale(struct merge *m, struct merge_result *out)
{
	uint32_t i;

	out->n_stale = m->stale.n;
	out->stale = m->stale.n ? xcalloc(m->stale.n, sizeof(*out->stale)) : NULL;
	for (i = 0; i < m->stale.n; i++) {
		const struct stale_note *s = &m->stale.v[i];

		out->stale[i] = (struct merge_stale){m->out->func_of_str[s->name], s->kept_input,
						     s->other_input};
	}
	if (out->n_stale)
		qsort(out->stale, out->n_stale, sizeof(*out->stale), cmp_stale);
}

/* The warnings of inputs of different builds or kinds. */
static void merge_warn_identity(struct merge *m)
{
	struct strbuf sb = STRBUF_INIT, what = STRBUF_INIT;

	if (!m->opt.warn)
		return;
	if (m->other_build != PF_NONE) {
		sb_addf(&what, "inputs %u and %u", m->build_input + 1, m->other_build + 1);
		merge_say_builds(&sb, sb_str(&what), profile_str(m->out, m->out->meta.build_id),
				 profile_str(m->out, m->other_build_id), m->stale.n, m->n_compared);
		m->opt.warn(m->opt.warn_arg, sb_str(&sb));
	}
	if (m->other_mode != PF_NONE) {
		sb_reset(&sb);
		sb_reset(&what);
		sb_addf(&what, "inputs %u and %u", m->mode_input + 1, m->other_mode + 1);
		merge_say_modes(&sb, sb_str(&what), m->first_mode, m->second_mode);
		m->opt.warn(m->opt.warn_arg, sb_str(&sb));
	}
	sb_free(&sb);
	sb_free(&what);
}

void merge_finish(struct merge *m, struct merge_result *out)
{
	struct profile *p = m->out;

	if (m->context_inputs < m->n_inputs)
		p->contexts.n = 0; /* a tree of part of the inputs would misstate shares */
	merge_warn_identity(m);
	merge_settle_counters(m);
	p->meta.runs = m->n_inputs ? (uint64_t)m->runs : 1;
	if (m->n_inputs && !m->counts_calls)
		p->meta.mode = PF_MODE_SAMPLED; /* samples added up are samples */
	if (m->runs > UINT64_MAX) {
		p->meta.runs = UINT64_MAX;
		p->saturated++;
	}
	if (m->has_legacy) {
		p->has_legacy_branches = true;
		p->legacy_taken = (double)(m->legacy_taken / m->legacy_w);
		p->legacy_not_taken = (double)(m->legacy_not_taken / m->legacy_w);
	}
	/* keys are unique by construction: finalize cannot find duplicates;
	 * a replay (m->seen) laid the result out in canonical order */
	if (m->seen)
		profile_finalize_sorted(p);
	else
		profile_finalize(p, NULL);
	memset(out, 0, sizeof(*out));
	out->profile = p;
	merge_list_stale(m, out);
	m->out = NULL;
	merge_free(m);
}

void merge_free(struct merge *m)
{
	int part;

	if (!m)
		return;
	profile_free(m->out);
	for (part = 0; part < PART_COUNT; part++) {
		free(m->parts[part].slots);
		free(m->parts[part].overflow);
		free(m->parts[part].frac);
	}
	free(m->notes.v);
	free(m->stale.v);
	free(m->seen);
	context_builder_free(&m->contexts);
	free(m);
}

enum status merge_profiles(const struct merge_input *inputs, size_t n,
			   const struct merge_options *opt, struct merge_result *out,
			   struct error *err)
{
	struct merge *m = merge_new(opt);
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		enum status st = merge_add_input(m, inputs[i].profile, inputs[i].weight, err);

		if (st != STATUS_OK) {
			merge_free(m);
			return st;
		}
	}
	merge_finish(m, out);
	return STATUS_OK;
}

bool merge_passes_through(size_t n, double weight, bool normalize)
{
	return n == 1 && weight == 1 && !normalize;
}

void merge_result_free(struct merge_result *r)
{
	profile_free(r->profile);
	free(r->stale);
	memset(r, 0, sizeof(*r));
}

/* ---- plans: a merge done again through the alignment of the last ---- */

#define PLAN_PARTS (PART_LINE + 1) /* the parts aligned: functions to lines */

/* Where the elements of one input are in the plan's merge. */
struct plan_input {
	const struct profile *p; /* borrowed */
	uint32_t *map[PLAN_PARTS];
	uint32_t *smap;	  /* string id -> the plan merge's, as merge_intern() finds them */
	bool aligned, ok; /* maps made; every element was found */
};

struct merge_plan {
	struct profile *u;     /* owned: the merge the plan was made from */
	struct profile *spare; /* owned: a result given back, whose room is reused */
	struct plan_input *in;
	uint32_t n;
};

static uint32_t part_count(const struct profile *p, enum part part)
{
	switch (part) {
	case PART_FUNC:
		return p->funcs.n;
	case PART_EDGE:
		return p->edges.n;
	case PART_BRANCH:
		return p->branches.n;
	case PART_LOOP:
		return p->loops.n;
	case PART_LINE:
		return p->lines.n;
	default:
		return 0;
	}
}

/* Strings of two profiles in the order of canonical order (none first). */
static int cmp_str2(const struct profile *a, uint32_t x, const struct profile *b, uint32_t y)
{
	if (x == PF_NONE || y == PF_NONE)
		return (x != PF_NONE) - (y != PF_NONE);
	return strcmp(profile_str(a, x), profile_str(b, y));
}

static int cmp_u32(uint32_t a, uint32_t b)
{
	return (a > b) - (a < b);
}

/* Element j of u against element i of p (its functions mapped by fmap),
 * in canonical order (src/model/profile.c). */
static int plan_cmp(const struct profile *u, uint32_t j, const struct profile *p, uint32_t i,
		    enum part part, const uint32_t *fmap)
{
	int r;

	switch (part) {
	case PART_FUNC:
		return cmp_str2(u, u->funcs.v[j].name, p, p->funcs.v[i].name);
	case PART_EDGE: {
		const struct pf_edge *a = &u->edges.v[j], *b = &p->edges.v[i];

		r = cmp_u32(a->caller, fmap[b->caller]);
		return r ? r : cmp_u32(a->callee, fmap[b->callee]);
	}
	case PART_BRANCH: {
		const struct pf_branch *a = &u->branches.v[j], *b = &p->branches.v[i];
		uint32_t ac = a->flags & PF_HAS_COLUMN, bc = b->flags & PF_HAS_COLUMN;

		if ((r = cmp_u32(a->func, fmap[b->func])) || (r = cmp_u32(a->line, b->line)) ||
		    (r = cmp_u32(ac, bc)) || (r = cmp_u32(ac ? a->column : 0, bc ? b->column : 0)))
			return r;
		return cmp_str2(u, a->id, p, b->id);
	}
	case PART_LOOP: {
		const struct pf_loop *a = &u->loops.v[j], *b = &p->loops.v[i];

		if ((r = cmp_u32(a->func, fmap[b->func])) || (r = cmp_u32(a->line, b->line)))
			return r;
		return cmp_str2(u, a->name, p, b->name);
	}
	case PART_LINE:
		r = cmp_u32(u->lines.v[j].func, fmap[p->lines.v[i].func]);
		return r ? r : cmp_u32(u->lines.v[j].line, p->lines.v[i].line);
	default:
		return 0;
	}
}

/* Map each element of p to the equal one of u: both are in canonical
 * order and the function map keeps it, so one merging walk does, with no
 * hashing. False when an element of p is not in u. */
static bool plan_align_part(const struct profile *u, const struct profile *p, enum part part,
			    const uint32_t *fmap, uint32_t *map)
{
	uint32_t nu = part_count(u, part), np = part_count(p, part), i, j = 0;

	for (i = 0; i < np; i++) {
		int c = -1;

		while (j < nu && (c = plan_cmp(u, j, p, i, part, fmap)) < 0)
			j++;
		if (j == nu || c)
			return false;
		map[i] = j++;
	}
	return true;
}

/* Note in the input's string map where its string id is in u, if there. */
static void plan_map_string(const struct profile *u, struct plan_input *pi, uint32_t id)
{
	const char *s;

	if (id == PF_NONE || pi->smap[id] != STR_UNSEEN)
		return;
	s = profile_str(pi->p, id);
	if ((pi->smap[id] = profile_str_find(u, s, strlen(s))) == PF_NONE)
		pi->smap[id] = STR_UNSEEN; /* interned in each result */
}

static bool plan_align(const struct profile *u, struct plan_input *pi)
{
	uint32_t i;
	int part;

	if (pi->aligned)
		return pi->ok;
	pi->aligned = true;
	pi->smap = xreallocarray(NULL, pi->p->str_off.n ? pi->p->str_off.n : 1, sizeof(uint32_t));
	for (i = 0; i < pi->p->str_off.n; i++)
		pi->smap[i] = STR_UNSEEN;
	for (i = 0; i < pi->p->funcs.n; i++) { /* what merge_describe() interns */
		plan_map_string(u, pi, pi->p->funcs.v[i].file);
		plan_map_string(u, pi, pi->p->funcs.v[i].checksum);
	}
	for (part = 0; part < PLAN_PARTS; part++) {
		uint32_t n = part_count(pi->p, (enum part)part);

		pi->map[part] = xcalloc(n ? n : 1, sizeof(uint32_t));
		if (!plan_align_part(u, pi->p, (enum part)part, pi->map[PART_FUNC], pi->map[part]))
			return false;
	}
	return pi->ok = true;
}

struct merge_plan *merge_plan_new(struct profile *merged, const struct profile *const *inputs,
				  size_t n)
{
	struct merge_plan *pl = xcalloc(1, sizeof(*pl));
	size_t i;

	pl->u = merged;
	pl->n = (uint32_t)n;
	pl->in = xcalloc(n ? n : 1, sizeof(*pl->in));
	for (i = 0; i < n; i++) {
		pl->in[i].p = inputs[i];
		plan_align(merged, &pl->in[i]); /* now, while the merge is the work */
	}
	return pl;
}

const struct profile *merge_plan_profile(const struct merge_plan *pl)
{
	return pl->u;
}

static struct plan_input *plan_find(struct merge_plan *pl, const struct profile *p)
{
	uint32_t i;

	for (i = 0; i < pl->n; i++)
		if (pl->in[i].p == p)
			return &pl->in[i];
	return NULL;
}

bool merge_plan_covers(struct merge_plan *pl, const struct merge_input *inputs, size_t n)
{
	size_t i;

	if (!pl)
		return false;
	for (i = 0; i < n; i++) {
		struct plan_input *pi = plan_find(pl, inputs[i].profile);

		if (!pi || pi->p->contexts.n || !plan_align(pl->u, pi))
			return false;
	}
	return true;
}

/* Room for count elements in a result array, which is empty. */
#define PLAN_RESERVE(vec, count)                                                                   \
	do {                                                                                       \
		if ((vec).cap < (count) || !(vec).v) {                                             \
			(vec).v = xreallocarray((vec).v, (count) ? (count) : 1, sizeof(*(vec).v)); \
			(vec).cap = (count) ? (count) : 1;                                         \
		}                                                                                  \
	} while (0)

/* Which elements of the plan's merge the inputs reach: u2r[j] is the
 * place of element j in the result (in the plan merge's order), PF_NONE
 * when no input has it; returns how many there are. */
static uint32_t plan_reach(uint32_t nu, struct plan_input *const *in, size_t n, enum part part,
			   uint32_t **u2r)
{
	uint32_t j, next = 0;
	size_t i;

	*u2r = xreallocarray(NULL, nu ? nu : 1, sizeof(uint32_t));
	memset(*u2r, 0xff, (nu ? nu : 1) * sizeof(uint32_t));
	for (i = 0; i < n; i++)
		for (j = 0; j < part_count(in[i]->p, part); j++)
			(*u2r)[in[i]->map[part][j]] = 0;
	for (j = 0; j < nu; j++)
		if ((*u2r)[j] != PF_NONE)
			(*u2r)[j] = next++;
	return next;
}

/* The result's elements: those of the plan's merge that an input reaches,
 * in its (canonical) order, keys copied and counters zero; u2r[part] says
 * where each went. */
static void plan_lay_out(struct merge *m, const struct profile *u, struct plan_input *const *in,
			 size_t n, uint32_t *u2r[PLAN_PARTS])
{
	struct profile *r = m->out;
	uint32_t count[PLAN_PARTS], j, *f2r;
	int part;

	for (part = 0; part < PLAN_PARTS; part++) {
		count[part] =
		    plan_reach(part_count(u, (enum part)part), in, n, (enum part)part, &u2r[part]);
		if (count[part])
			part_reserve(m, (enum part)part, count[part] - 1);
	}
	f2r = u2r[PART_FUNC];
	profile_copy_strings(r, u);
	PLAN_RESERVE(r->funcs, count[PART_FUNC]);
	PLAN_RESERVE(r->edges, count[PART_EDGE]);
	PLAN_RESERVE(r->branches, count[PART_BRANCH]);
	PLAN_RESERVE(r->loops, count[PART_LOOP]);
	PLAN_RESERVE(r->lines, count[PART_LINE]);
	for (j = 0; j < u->funcs.n; j++)
		if (f2r[j] != PF_NONE)
			profile_add_function(r, u->funcs.v[j].name, NULL);
	for (j = 0; j < u->edges.n; j++)
		if (u2r[PART_EDGE][j] != PF_NONE)
			r->edges.v[r->edges.n++] = (struct pf_edge){
			    f2r[u->edges.v[j].caller], f2r[u->edges.v[j].callee], 0, 0, 0};
	for (j = 0; j < u->branches.n; j++)
		if (u2r[PART_BRANCH][j] != PF_NONE) {
			const struct pf_branch *b = &u->branches.v[j];

			r->branches.v[r->branches.n++] =
			    (struct pf_branch){f2r[b->func],
					       b->line,
					       b->column,
					       b->id,
					       b->flags & PF_HAS_COLUMN,
					       0,
					       0};
		}
	for (j = 0; j < u->loops.n; j++)
		if (u2r[PART_LOOP][j] != PF_NONE) {
			const struct pf_loop *l = &u->loops.v[j];

			r->loops.v[r->loops.n++] =
			    (struct pf_loop){f2r[l->func], l->name, l->line, 0, 0, 0, 0};
		}
	for (j = 0; j < u->lines.n; j++)
		if (u2r[PART_LINE][j] != PF_NONE)
			r->lines.v[r->lines.n++] =
			    (struct pf_line){f2r[u->lines.v[j].func], u->lines.v[j].line, 0};
	m->seen = xcalloc(count[PART_FUNC] ? count[PART_FUNC] : 1, 1);
}

enum status merge_plan_apply(struct merge_plan *pl, const struct merge_input *inputs, size_t n,
			     const struct merge_options *opt, struct merge_result *out,
			     struct error *err)
{
	struct plan_input **in = xcalloc(n ? n : 1, sizeof(*in));
	uint32_t *u2r[PLAN_PARTS];
	struct merge *m;
	enum status st = STATUS_OK;
	size_t i;
	int part;

	if (pl->spare)
		profile_clear(pl->spare);
	m = merge_start(opt, pl->spare ? pl->spare : profile_new());
	pl->spare = NULL;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++)
		in[i] = plan_find(pl, inputs[i].profile);
	plan_lay_out(m, pl->u, in, n, u2r);
	m->plan_strings = pl->u->str_off.n;
	for (i = 0; i < n && st == STATUS_OK; i++) {
		m->smap = in[i]->smap;
		st = merge_add(m, inputs[i].profile, inputs[i].weight,
			       (const uint32_t *const *)in[i]->map, (const uint32_t *const *)u2r,
			       err);
	}
	m->smap = NULL;
	for (part = 0; part < PLAN_PARTS; part++)
		free(u2r[part]);
	free(in);
	if (st != STATUS_OK) {
		merge_free(m);
		return st;
	}
	merge_finish(m, out);
	return STATUS_OK;
}

void merge_plan_free(struct merge_plan *pl)
{
	uint32_t i;
	int part;

	if (!pl)
		return;
	for (i = 0; i < pl->n; i++)
		for (part = 0; part < PLAN_PARTS; part++)
			free(pl->in[i].map[part]);
	for (i = 0; i < pl->n; i++)
		free(pl->in[i].smap);
	free(pl->in);
	profile_free(pl->u);
	profile_free(pl->spare);
	free(pl);
}

void merge_plan_recycle(struct merge_plan *pl, struct profile *p)
{
	profile_free(pl->spare);
	pl->spare = p;
}

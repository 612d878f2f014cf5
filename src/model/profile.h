/* profile.h - the profile model: one struct profile owns everything.
 *
 * Plain structs in growable arrays, referred to by 32-bit ids; every name
 * is interned once in the profile's string table. Counters are uint64_t
 * and sums saturate at UINT64_MAX (counted in `saturated`). After
 * profile_finalize() the arrays are in canonical order: functions by name,
 * then edges, sites and lines by their keys, contexts depth first, which
 * is the order writers emit and analyses may rely on.
 */
#ifndef VITTE_PROFILE_H
#define VITTE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/error.h"
#include "src/base/vector.h"

#define PF_NONE UINT32_MAX /* no string / no id */

enum pf_mode {
	PF_MODE_UNSET,
	PF_MODE_INSTRUMENTED,
	PF_MODE_SAMPLED,
	PF_MODE_MERGED,
	PF_MODE_IMPORTED
};

/* What times measure (meta.clock). */
enum pf_clock {
	PF_CLOCK_UNSET,
	PF_CLOCK_CPU,	  /* sampled CPU time of each thread */
	PF_CLOCK_WALL,	  /* sampled wall time of each thread */
	PF_CLOCK_PRECISE, /* wall time measured at every call */
	PF_CLOCK_MIXED	  /* a merge of profiles with different clocks */
};

enum {
	PF_HAS_SELF = 1 << 0,	   /* function: self_ns was given, not derived */
	PF_HAS_LINE = 1 << 1,	   /* function: line known */
	PF_HAS_SIZE = 1 << 2,	   /* function: size known */
	PF_IMPLICIT = 1 << 3,	   /* function: only named by an edge or a site */
	PF_HAS_TIME = 1 << 4,	   /* edge, loop: time_ns known */
	PF_HAS_COLUMN = 1 << 5,	   /* branch: column known */
	PF_HAS_LINES_OBJ = 1 << 6, /* function: had a (maybe empty) "lines" object */
	PF_HAS_CALLS = 1 << 7	   /* context: calls known (not for sampled ones) */
};

struct pf_function {
	uint32_t name, file, checksum; /* string ids; file/checksum PF_NONE if unknown */
	uint32_t line, size, flags;
	uint32_t lines_at, lines_n; /* its range in profile.lines (after finalize) */
	uint64_t calls, time_ns;    /* time_ns is inclusive */
	uint64_t self_ns;	    /* given (PF_HAS_SELF) or derived */
};

struct pf_edge {
	uint32_t caller, callee, flags; /* function ids */
	uint64_t count, time_ns;	/* time_ns: callee's inclusive time from here */
};

struct pf_branch {
	uint32_t func, line, column, id; /* id: string id or PF_NONE */
	uint32_t flags;
	uint64_t taken, not_taken;
};

struct pf_loop {
	uint32_t func, name, line, flags; /* name: string id or PF_NONE */
	uint64_t entries, iterations, time_ns;
};

struct pf_line {
	uint32_t func, line;
	uint64_t count;
};

/* The count of the code of one discriminator of a line (the blocks that
 * share a line, as clang's -fdebug-info-for-profiling numbers them: the
 * base discriminator), for lines whose code has more than one. */
struct pf_disc {
	uint32_t func, line, disc;
	uint64_t count;
};

/* A node of the calling-context tree: one distinct path of calls from a
 * root, recursion folded (src/model/context.h has the rule). Before
 * profile_finalize() a parent is an earlier context; after it the array
 * is in canonical order: depth first, siblings (and roots) by function
 * name, so a parent comes before its children and a subtree is one
 * range. */
struct pf_context {
	uint32_t parent; /* context id, PF_NONE for a root */
	uint32_t func;	 /* function id */
	uint32_t flags;	 /* PF_HAS_CALLS */
	uint64_t calls;	 /* entries into this context; 0 when !PF_HAS_CALLS */
	uint64_t self_ns;
	uint64_t time_ns; /* derived by profile_finalize: self_ns + children's time_ns */
};

/* A key the format does not know, kept verbatim (minified JSON) so that a
 * rewrite by an older vitte-pgo loses nothing. */
enum pf_owner {
	PF_OWN_ROOT,
	PF_OWN_META,
	PF_OWN_FUNCTION,
	PF_OWN_EDGE,
	PF_OWN_BRANCHES,
	PF_OWN_BRANCH,
	PF_OWN_LOOPS,
	PF_OWN_LOOP,
	PF_OWN_CONTEXT
};
struct pf_extra {
	uint32_t owner_kind, owner; /* enum pf_owner and the index of the owner */
	uint32_t key, json;	    /* string ids */
};

struct pf_meta {
	enum pf_mode mode;
	uint32_t created, tool, binary, build_id; /* string ids or PF_NONE */
	uint64_t runs;				  /* 1 unless said otherwise */
	uint64_t sample_period_ns;		  /* 0 when not sampled */
	enum pf_clock clock;
	uint64_t threads;	  /* threads that recorded; 0 when unknown */
	uint64_t wall_ns, cpu_ns; /* the run's wall and CPU time; 0 when unknown */
	bool present;		  /* write a "meta" object */
};

struct profile {
	/* string table: NUL-terminated strings in one arena, hashed */
	char *str_arena;
	size_t arena_len, arena_cap;
	VEC(size_t) str_off; /* string id -> offset in the arena */
	/* open addressing, a slot 0 when empty, else the string's id + 1 in
	 * its low log2(str_hash_cap) bits and the high bits of its hash above */
	uint32_t *str_hash;
	uint32_t str_hash_cap; /* a power of two, at most 2^31 */
	uint32_t *func_of_str; /* string id -> function id or PF_NONE */

	uint32_t program; /* string id or PF_NONE */
	struct pf_meta meta;
	VEC(struct pf_function) funcs;
	VEC(struct pf_edge) edges;
	VEC(struct pf_branch) branches;
	VEC(struct pf_loop) loops;
	VEC(struct pf_line) lines;
	VEC(struct pf_disc) discs; /* by function, line, discriminator after finalize */
	VEC(struct pf_context) contexts;
	VEC(struct pf_extra) extras;

	/* legacy aggregates of the seed format */
	bool has_legacy_branches;
	double legacy_taken, legacy_not_taken; /* percentages */
	VEC(uint32_t) legacy_hot;	       /* string ids of loops.hot */

	uint64_t saturated; /* how many sums were clamped at UINT64_MAX */
};

/* A new empty profile (meta.runs = 1); never NULL. Free with profile_free(). */
struct profile *profile_new(void);
void profile_free(struct profile *p);
/* Empty p into what profile_new() gives, keeping the room of its arrays
 * and string table for what is put in next (no memory to fault in). */
void profile_clear(struct profile *p);

/* Intern a string of len bytes (no NUL inside); returns its id. */
uint32_t profile_intern(struct profile *p, const char *s, size_t len);
/* Intern the n NUL-terminated strings that follow each other in block
 * (bytes long, NULs included; the caller has checked there are n): as n
 * profile_intern() calls, with the table's random reads overlapped (what
 * a table of strings read at once can afford). Returns the place in the
 * block of the first string the table had already (from before or from
 * the block), n when none: then string i got id (strings before) + i. */
uint32_t profile_intern_block(struct profile *p, const char *block, size_t bytes, uint32_t n);
/* Make room for n more strings of bytes bytes in all (their NULs
 * included), so that interning them grows nothing. */
void profile_reserve_strings(struct profile *p, uint32_t n, size_t bytes);
/* Give dst, a profile with no string yet, a copy of src's string table
 * (same ids, no function named yet), in the room dst already has where
 * it is enough; does nothing when dst has strings. */
void profile_copy_strings(struct profile *dst, const struct profile *src);
/* The string of an id ("" for PF_NONE); valid until the next intern. */
const char *profile_str(const struct profile *p, uint32_t id);
/* Id of an interned string, PF_NONE when the profile has never seen it. */
uint32_t profile_str_find(const struct profile *p, const char *s, size_t len);

/* Function id of a name, PF_NONE when absent. */
uint32_t profile_find_function(const struct profile *p, const char *name);
/* Function id of a name, adding a zeroed function when absent; *created
 * (may be NULL) says which happened. */
uint32_t profile_add_function(struct profile *p, uint32_t name, bool *created);

/* Append zeroed elements and return a pointer to them (valid until the
 * next append to the same array). */
struct pf_edge *profile_add_edge(struct profile *p);
struct pf_branch *profile_add_branch(struct profile *p);
struct pf_loop *profile_add_loop(struct profile *p);
struct pf_line *profile_add_line(struct profile *p);
struct pf_disc *profile_add_disc(struct profile *p);
/* The discriminator counts of function func, after finalize: *n of them
 * from the returned one (NULL when none). */
const struct pf_disc *profile_func_discs(const struct profile *p, uint32_t func, uint32_t *n);
/* A context of func under parent (PF_NONE: a root), which must be an
 * existing context; producers go through src/model/context.h instead,
 * which finds existing paths and folds recursion. */
struct pf_context *profile_add_context(struct profile *p, uint32_t parent, uint32_t func);
void profile_add_extra(struct profile *p, enum pf_owner kind, uint32_t owner, uint32_t key,
		       uint32_t json);

/* Append a name to the legacy "loops.hot" list. */
void profile_add_hot_loop(struct profile *p, uint32_t name);

/* a + b, clamped at UINT64_MAX (and counted in p->saturated). */
uint64_t profile_sat_add(struct profile *p, uint64_t a, uint64_t b);

/* What profile_finalize() found twice. index is the position, in the order
 * the elements were added, of the later of two elements with one key. */
struct pf_duplicate {
	enum pf_owner kind; /* PF_OWN_EDGE, _BRANCH, _LOOP, _CONTEXT, or _FUNCTION for lines */
	uint32_t index;
	uint32_t first; /* position of the earlier one */
};

/* Sort every array into canonical order (remapping ids), index each
 * function's lines, derive self_ns where it was not given and each
 * context's time_ns. Returns false, and fills *dup, when two edges, sites,
 * line counts or sibling contexts share a key (then the arrays are sorted
 * but the profile should be dropped). */
bool profile_finalize(struct profile *p, struct pf_duplicate *dup);
/* profile_finalize() of a profile built in canonical order already, with
 * no contexts and no extras (a merge replayed in the order of an earlier
 * one): only the line index and the self times, no sorting but of the
 * discriminator counts when they are out of order. */
void profile_finalize_sorted(struct profile *p);
/* The same, with a second thread for a big profile's edges while this one
 * sorts the rest: the same result, sooner on two cores. */
bool profile_finalize_split(struct profile *p, struct pf_duplicate *dup);

/* Sum of self_ns over all functions (saturating): the profile's total. */
uint64_t profile_total_self(const struct profile *p);
/* The same sum, exact (it exceeds 2^64-1 when profile_total_self() is
 * clamped): what shares are taken of. */
unsigned __int128 profile_total_self_exact(const struct profile *p);

/* Whether p counts calls. A sampled profile (meta.mode "sampled": made by
 * `record`, imported from perf or folded stacks, or merged from sampled
 * profiles only) does not: its functions' calls are unknown (0 in the
 * file) and its edge and line counts are numbers of samples. */
bool profile_counts_calls(const struct profile *p);

/* The name a compiler and a linker know a function by: for a copy of a
 * static function, named "unit.c:name" or "unit.c:name@+0xOFFSET" by
 * libvitprof and vitte-pgo record (docs/vitprof-format.md), "name"; else
 * the name itself ("ns::f" and "f(int)" are not qualified). Returns where
 * it starts in name, its length in *len, and the length of the unit
 * ("unit.c", 0 for none) in *unit_len. */
const char *profile_symbol_name(const char *name, size_t *len, size_t *unit_len);

/* The "meta.mode" name of a mode, and back (false when unknown). */
const char *profile_mode_name(enum pf_mode mode);
bool profile_mode_parse(const char *name, enum pf_mode *mode);
/* The "meta.clock" name of a clock, and back (false when unknown). */
const char *profile_clock_name(enum pf_clock clock);
bool profile_clock_parse(const char *name, enum pf_clock *clock);
/* What a profile's times are, for people: "CPU time", "wall time", "CPU
 * and wall time" (mixed), or NULL when the profile does not say. */
const char *profile_clock_what(enum pf_clock clock);

#endif

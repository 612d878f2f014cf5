/* import_build.h - what the importers share to fill a profile.
 *
 * Importers add edges, branch sites and line counts as they read them;
 * a source may give one key more than once (a line of a header in two
 * translation units, a stack twice in a folded file), so the counters of
 * one key are summed at the end instead of being refused as duplicates.
 */
#ifndef VITTE_IMPORT_BUILD_H
#define VITTE_IMPORT_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/error.h"
#include "src/base/vector.h"
#include "src/model/profile.h"

/* The function id of name (len bytes), added with zero counters when new. */
uint32_t import_build_function(struct profile *p, const char *name, size_t len);

/* Set meta.mode and meta.tool (copied) and mark the meta as present. */
void import_build_meta(struct profile *p, enum pf_mode mode, const char *tool);

/* Sum the edges, branch sites and line counts that share a key into one
 * each (saturating), then profile_finalize() p, which cannot then fail. */
void import_build_finish(struct profile *p);

#endif

/* ---- text formats ---- */

/* Lines of a text input, in order. */
struct import_lines {
	const char *buf; /* borrowed */
	size_t len, pos;
	size_t at;	 /* offset of the current line */
	unsigned lineno; /* 1-based number of the current line */
};

/* The next line without its line end (LF or CRLF) in *s and *n; false
 * after the last one. */
bool import_lines_next(struct import_lines *r, const char **s, size_t *n);

/* Fill err with a message located at byte offset off of buf (line and
 * column in characters) and return STATUS_INVALID. */
enum status import_fail_at(struct error *err, const char *path, const char *buf, size_t len,
			   size_t off, const char *fmt, ...) PRINTF_LIKE(6, 7);

/* Check that buf holds UTF-8 text without NUL bytes; on failure, the
 * located error (STATUS_SYNTAX). */
enum status import_check_text(struct error *err, const char *path, const char *buf, size_t len);

/* Call stacks, kept until the end of the input (a sample's weight may
 * depend on all of them) and then added to the profile. */
struct import_stack {
	uint32_t at, n;		/* its frames: frames.v[at, at + n) */
	uint64_t count, weight; /* samples, and the time they stand for */
};
struct import_stacks {
	VEC(uint32_t) frames; /* function ids, outermost first, stack after stack */
	VEC(struct import_stack) stacks;
};

/* Keep a stack of n function ids (outermost first): count samples
 * standing for weight (time, or samples when there is no time). */
void import_stacks_add(struct import_stacks *s, const uint32_t *fids, uint32_t n, uint64_t count,
		       uint64_t weight);

/* Add every stack to p (sums saturate): its weight as self time of the
 * leaf and as time of each distinct function of the stack; its count and
 * weight to each distinct caller -> callee pair. With by_count, the
 * counts stand for the weights. Frees s. */
void import_stacks_finish(struct import_stacks *s, struct profile *p, bool by_count);

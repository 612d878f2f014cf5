/* loader.h - input formats: bytes in, a finalized struct profile out.
 *
 * Each format is one file with one `const struct loader`, listed in the
 * table in loader.c; loader_load() picks one by name or by sniffing.
 */
#ifndef VITTE_LOADER_H
#define VITTE_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/error.h"

struct profile;

/* Where warnings go; text is one located, escaped line without newline. */
struct load_ctx {
	void (*warn)(void *arg, const char *text);
	void *arg;
	unsigned max_warnings; /* located warnings per file before a summary; 0 = 20 */
	bool split;	       /* the load may take a second thread (one input, two cores) */
	unsigned *parts_taken; /* if not NULL, counts the parts read by that thread and used */
};

/* How far from either end of an input a sniffer looks for a key. */
#define SNIFF_SPAN ((size_t)1 << 16)

struct loader {
	const char *name; /* as given to --format */
	const char *description;
	/* Whether buf (len bytes, NUL-terminated) looks like this format. */
	bool (*sniff)(const char *buf, size_t len);
	/* Fill the empty profile p from buf; path names the input in messages.
	 * On error p is left for the caller to free. */
	enum status (*load)(struct profile *p, const char *path, const char *buf, size_t len,
			    const struct load_ctx *ctx, struct error *err);
};

extern const struct loader loader_vitprof, loader_vitprof_bin, loader_gcov, loader_llvm_cov,
    loader_folded, loader_perf_script, loader_sample_text;

/* The i-th loader of the table, NULL past the last one. */
const struct loader *loader_at(size_t i);

/* The first loader whose sniff accepts buf (len bytes, NUL-terminated),
 * NULL when none does. */
const struct loader *loader_sniff(const char *buf, size_t len);

/* The loader called name, NULL when none is. */
const struct loader *loader_find(const char *name);

/* When buf (len bytes) starts as a known kind of file that no loader
 * reads (perf.data, LLVM .profraw/.profdata, gcov .gcda/.gcno, ELF), an
 * error naming it and what to run instead; STATUS_OK otherwise. Loading
 * without a format asks it first. */
enum status loader_refuse_foreign(const char *path, const char *buf, size_t len, struct error *err);

/* Read path ("-" for standard input) and load it with the named format, or
 * the first whose sniff accepts it when format is NULL. On success *out is
 * a finalized profile the caller frees; on error *out is NULL and err says
 * where and what. ctx may be NULL (warnings dropped). */
enum status loader_load(const char *path, const char *format, const struct load_ctx *ctx,
			struct profile **out, struct error *err);

/* The same into reuse, an empty profile (profile_clear()) instead of a new
 * one, so that its memory serves again: *out is reuse on success; on
 * error reuse is still the caller's, to free or clear. */
enum status loader_load_into(struct profile *reuse, const char *path, const char *format,
			     const struct load_ctx *ctx, struct profile **out, struct error *err);

/* Same on bytes already in memory (buf must be NUL-terminated at len). */
enum status loader_load_buffer(const char *path, const char *buf, size_t len, const char *format,
			       const struct load_ctx *ctx, struct profile **out, struct error *err);

#endif

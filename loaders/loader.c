/* loader.c - the table of input formats and the entry points. */
#include "loaders/loader.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/fileio.h"
#include "src/model/profile.h"

/* Sniffed in this order: vitprof-bin by its magic bytes, then the JSON
 * importers before vitprof, whose test (an object naming "functions")
 * their files pass too. */
static const struct loader *const loaders[] = {
    &loader_vitprof_bin, &loader_gcov,	      &loader_llvm_cov, &loader_vitprof,
    &loader_perf_script, &loader_sample_text, &loader_folded,
};

#define N_LOADERS (sizeof(loaders) / sizeof(loaders[0]))

const struct loader *loader_at(size_t i)
{
	return i < N_LOADERS ? loaders[i] : NULL;
}

const struct loader *loader_sniff(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < N_LOADERS; i++)
		if (loaders[i]->sniff(buf, len))
			return loaders[i];
	return NULL;
}

const struct loader *loader_find(const char *name)
{
	size_t i;

	for (i = 0; i < N_LOADERS; i++)
		if (strcmp(loaders[i]->name, name) == 0)
			return loaders[i];
	return NULL;
}

/* Files often taken for profiles that no loader reads, known by their
 * first bytes: what they are and what to run instead. */
static const struct {
	const char *magic;
	size_t len;
	const char *what;
} foreign[] = {
#define PERF_DATA                                                                                  \
	"a perf.data file (perf record's binary output): 'perf script -i FILE > FILE.txt' "        \
	"makes text that this reads, or sample with 'vitte-pgo record -- CMD'"
#define PROFRAW                                                                                    \
	"an LLVM raw profile (.profraw): 'llvm-profdata merge -o FILE.profdata FILE', then "       \
	"'llvm-cov export -instr-profile FILE.profdata PROGRAM > cov.json' makes JSON that this "  \
	"reads"
#define GCOV                                                                                       \
	"gcov's binary counts (.gcda or .gcno): 'gcov -b --json-format --stdout SOURCE.c > "       \
	"cov.json' makes JSON that this reads"
    {"PERFILE2", 8, PERF_DATA},
    {"2ELIFREP", 8, PERF_DATA}, /* written on a big-endian machine */
    {"\x81rforpl\xff", 8, PROFRAW},
    {"\x81Rforpl\xff", 8, PROFRAW}, /* a 32-bit program's */
    {"\xfflprofi\x81", 8,
     "an LLVM indexed profile (.profdata): 'llvm-cov export -instr-profile FILE PROGRAM > "
     "cov.json' makes JSON that this reads"},
    {"adcg", 4, GCOV},
    {"gcda", 4, GCOV},
    {"oncg", 4, GCOV},
    {"gcno", 4, GCOV},
    {"\x7f"
     "ELF",
     4,
     "an ELF file (a program or a library), not a profile: 'vitte-pgo record -o "
     "prof.vitprof -- PROGRAM' samples it, 'vitte-pgo cc --profile-gen' instruments it"},
#undef PERF_DATA
#undef PROFRAW
#undef GCOV
};

enum status loader_refuse_foreign(const char *path, const char *buf, size_t len, struct error *err)
{
	size_t i;

	for (i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++)
		if (len >= foreign[i].len && !memcmp(buf, foreign[i].magic, foreign[i].len))
			return error_set(err, STATUS_FORMAT, path, 0, 0, "this is %s",
					 foreign[i].what);
	return STATUS_OK;
}

/* loader_load_buffer() into reuse when it is not NULL. */
static enum status load_buffer(struct profile *reuse, const char *path, const char *buf, size_t len,
			       const char *format, const struct load_ctx *ctx, struct profile **out,
			       struct error *err)
{
	const struct loader *l = NULL;
	struct profile *p;
	enum status st;

	*out = NULL;
	if (format) {
		l = loader_find(format);
		if (!l)
			return error_set(err, STATUS_USAGE, NULL, 0, 0, "unknown input format '%s'",
					 format);
	}
	if (!l && (st = loader_refuse_foreign(path, buf, len, err)) != STATUS_OK)
		return st;
	if (!l)
		l = loader_sniff(buf, len);
	if (!l)
		l = &loader_vitprof; /* its errors say best what is wrong */
	p = reuse ? reuse : profile_new();
	st = l->load(p, path, buf, len, ctx, err);
	if (st != STATUS_OK) {
		if (p != reuse)
			profile_free(p);
		return st;
	}
	*out = p;
	return STATUS_OK;
}

enum status loader_load_buffer(const char *path, const char *buf, size_t len, const char *format,
			       const struct load_ctx *ctx, struct profile **out, struct error *err)
{
	return load_buffer(NULL, path, buf, len, format, ctx, out, err);
}

enum status loader_load_into(struct profile *reuse, const char *path, const char *format,
			     const struct load_ctx *ctx, struct profile **out, struct error *err)
{
	struct file_data d;
	enum status st;

	*out = NULL;
	/* a profile to reuse means one input of many: a buffer for them too */
	st = reuse ? file_read_pooled(path, &d, err) : file_map(path, &d, err);
	if (st != STATUS_OK)
		return st;
	st = load_buffer(reuse, path, d.buf, d.len, format, ctx, out, err);
	file_unmap(&d);
	return st;
}

enum status loader_load(const char *path, const char *format, const struct load_ctx *ctx,
			struct profile **out, struct error *err)
{
	return loader_load_into(NULL, path, format, ctx, out, err);
}

/* exporter.h - output formats: a finalized struct profile in, bytes out.
 *
 * Each format is one `const struct exporter`, written from the model here
 * (src/writers/) or from analyses (analysis/feedback.h); the table that
 * lists them all is analysis/exporters.h, above both.
 */
#ifndef VITTE_WRITERS_EXPORTER_H
#define VITTE_WRITERS_EXPORTER_H

#include <stdbool.h>

#include "src/base/error.h"

struct profile;
struct strbuf;

struct exporter {
	const char *name;      /* as given to --format */
	const char *extension; /* of the default output file, with the dot */
	const char *description;
	/* Append the profile in this format to out. */
	enum status (*write)(const struct profile *p, struct strbuf *out, struct error *err);
	/* Optional (NULL: the format holds everything): append to notes one
	 * line per kind of data of p that write() drops, or for what it
	 * only estimates, for warnings. */
	void (*notes)(const struct profile *p, struct strbuf *notes);
};

extern const struct exporter exporter_vitprof;
/* The same model in the binary encoding vitprof-bin (vitprof_bin_write.c,
 * docs/vitprof-format.md). */
extern const struct exporter exporter_vitprof_bin;
/* LLVM's sample profile text (llvm_sample_write.c, docs/export-formats.md). */
extern const struct exporter exporter_llvm_sample;
/* The same through llvm-profdata into LLVM's binary .profdata; fails with
 * STATUS_IO when no llvm-profdata is on PATH (llvm_profdata_write.c). */
extern const struct exporter exporter_llvm_profdata;
/* Folded stacks (flamegraph.pl, speedscope): the contexts, or estimated
 * from the call edges without them (folded_write.c). */
extern const struct exporter exporter_folded;

/* Write p in format ex to path atomically (replacing an existing file only
 * when replace is set). */
enum status exporter_write_file(const struct exporter *ex, const struct profile *p,
				const char *path, bool replace, struct error *err);

#endif

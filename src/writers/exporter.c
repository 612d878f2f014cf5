/* export.c - the table of output formats. */
#include "src/writers/exporter.h"

#include <stdbool.h>
#include <string.h>

#include "src/base/fileio.h"
#include "src/base/strbuf.h"

static const struct exporter *const exporters[] = {
    &exporter_vitprof, &exporter_llvm_sample,	 &exporter_llvm_profdata,
    &exporter_order,   &exporter_order_sections, &exporter_folded,
};

#define N_EXPORTERS (sizeof(exporters) / sizeof(exporters[0]))

const struct exporter *exporter_find(const char *name)
{
	size_t i;

	for (i = 0; i < N_EXPORTERS; i++)
		if (strcmp(exporters[i]->name, name) == 0)
			return exporters[i];
	return NULL;
}

const struct exporter *exporter_at(unsigned i)
{
	return i < N_EXPORTERS ? exporters[i] : NULL;
}

enum status exporter_write_file(const struct exporter *ex, const struct profile *p,
				const char *path, bool replace, struct error *err)
{
	struct strbuf sb = STRBUF_INIT;
	enum status st = ex->write(p, &sb, err);

	if (st == STATUS_OK)
		st = file_write_atomic(path, sb_str(&sb), sb.len, replace, err);
	sb_free(&sb);
	return st;
}

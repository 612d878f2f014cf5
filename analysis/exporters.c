/* exporters.c - the table of output formats. */
#include "analysis/exporters.h"

#include <string.h>

#include "analysis/feedback.h"
#include "analysis/order.h"

static const struct exporter *const exporters[] = {
    &exporter_vitprof, &exporter_vitprof_bin,	 &exporter_llvm_sample, &exporter_llvm_profdata,
    &exporter_order,   &exporter_order_sections, &exporter_folded,	&exporter_feedback,
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

/* exporters.h - the table of output formats, for the CLI and the browser:
 * the writers of the model (src/writers/) and the formats computed from
 * analyses (the feedback file), in the order they are offered.
 */
#ifndef VITTE_ANALYSIS_EXPORTERS_H
#define VITTE_ANALYSIS_EXPORTERS_H

#include "src/writers/exporter.h"

/* The exporter called name, NULL when none is. */
const struct exporter *exporter_find(const char *name);
/* The i-th exporter, NULL past the end (for listings and dialogs). */
const struct exporter *exporter_at(unsigned i);

#endif

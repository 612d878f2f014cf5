/* order.h - linker layouts from the call graph and the hotspot classes:
 * hot call chains first (docs/export-formats.md, "order"). Pure: text out.
 */
#ifndef VITTE_ANALYSIS_ORDER_H
#define VITTE_ANALYSIS_ORDER_H

#include "src/writers/exporter.h"

/* ld.lld --symbol-ordering-file: one symbol per line. */
extern const struct exporter exporter_order;
/* GNU gold --section-ordering-file, the same layout as .text.* names. */
extern const struct exporter exporter_order_sections;

#endif

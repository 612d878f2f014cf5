/* import_build.h - what the importers share to fill a profile.
 *
 * Importers add edges, branch sites and line counts as they read them;
 * a source may give one key more than once (a line of a header in two
 * translation units, a stack twice in a folded file), so the counters of
 * one key are summed at the end instead of being refused as duplicates.
 */
#ifndef VITTE_IMPORT_BUILD_H
#define VITTE_IMPORT_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "src/model/profile.h"

/* The function id of name (len bytes), added with zero counters when new. */
uint32_t import_build_function(struct profile *p, const char *name, size_t len);

/* Set meta.mode and meta.tool (copied) and mark the meta as present. */
void import_build_meta(struct profile *p, enum pf_mode mode, const char *tool);

/* Sum the edges, branch sites and line counts that share a key into one
 * each (saturating), then profile_finalize() p, which cannot then fail. */
void import_build_finish(struct profile *p);

#endif

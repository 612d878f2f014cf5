/* curate.h - a profile restricted to chosen functions (pure: no I/O).
 *
 * What the curated profile holds:
 * - the kept functions, with every field as it was; self_ns is always
 *   written as given (PF_HAS_SELF set) with the source's given-or-derived
 *   value, because derived self time is time_ns minus the time of the
 *   edges to callees, and dropping a callee's edge would otherwise give
 *   its caller that time back as self time;
 * - the edges whose caller and callee are both kept, the branch and loop
 *   sites and the line counts of kept functions, counters unchanged;
 * - the contexts of kept functions, as if the dropped functions had been
 *   inlined into their callers but without their own time: a dropped
 *   function's contexts go, with their self time, and their children
 *   move up to the nearest kept ancestor's context (a root when none);
 *   two that meet there (a > b > c and a > c, b dropped) become one with
 *   the sums of their calls (known when both knew them) and self times.
 *   So each kept function's contexts still add up to its self time, and
 *   a context's inclusive time loses exactly the dropped functions' self
 *   time below it;
 * - program, meta (mode, created, tool, binary, build_id, runs, sample
 *   period) and the saturation count, copied;
 * - the legacy aggregates (branch percentages, "loops.hot" names) as they
 *   are: they cannot be attributed to functions, and the writer uses them
 *   only when the profile has no sites of that kind;
 * - unknown keys (profile->extras) of the root, of meta, of the branches
 *   and loops objects, and of every kept function, edge, site and
 *   context: the curated elements are unchanged, so what was said about
 *   them still holds. Those of dropped elements go with them, and so do
 *   those of a context merged into another.
 */
#ifndef VITTE_CURATE_H
#define VITTE_CURATE_H

#include <stdint.h>

struct profile;

/* Copy of p (finalized, borrowed) with only the functions f for which
 * keep[f] is non-zero (keep has p->funcs.n entries), as described above.
 * Returns a new finalized profile that owns its strings; free it with
 * profile_free(). Never NULL. */
struct profile *curate_profile(const struct profile *p, const uint8_t *keep);

#endif

/* info.h - what a profile says about itself (its meta and its contents)
 * as "label: value" lines, for the browser's info screen and `vitte-pgo
 * show`.
 */
#ifndef VITTE_ANALYSIS_INFO_H
#define VITTE_ANALYSIS_INFO_H

#include "src/model/profile.h"

#define INFO_MAX_LINES 16

struct info_line {
	const char *label; /* static */
	char value[200];   /* not escaped: names come from the profile */
};

/* How a clock measures ("CPU time of each thread, sampled"); NULL for
 * PF_CLOCK_UNSET. */
const char *info_clock_how(enum pf_clock clock);

/* The lines about p, in this order, each only when p says it: program,
 * binary, build id, tool, mode (with runs), clock, run (threads, wall and
 * CPU time), sampling period, created, contents (functions, edges, and the
 * sites, contexts and functions with line counts it has), total self time. Fills lines (room for
 * INFO_MAX_LINES) and returns how many. */
unsigned info_profile(const struct profile *p, struct info_line *lines);

#endif

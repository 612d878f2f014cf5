/* feedback_read.h - validation of the Vitte optimizer's feedback file
 * (docs/feedback-format.md), for `vitte-pgo check`; analysis/feedback.h
 * writes it.
 */
#ifndef VITTE_LOADERS_FEEDBACK_READ_H
#define VITTE_LOADERS_FEEDBACK_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/error.h"

/* The format's version: written by the exporter, the highest read here. */
#define FEEDBACK_VERSION 1

/* What a valid file holds, for check's summary line. */
struct feedback_summary {
	uint64_t version;
	uint32_t functions, hot, warm, cold; /* functions by class */
	uint32_t inline_calls, branches, loops;
};

/* Whether the start of a file (len bytes) is a feedback file's. */
bool feedback_sniff(const char *buf, size_t len);

/* Validate buf (len bytes, NUL-terminated) read from path: every required
 * key, every value's type and range, every name it cites being one of its
 * functions. On error a located message (PATH:LINE:COL) in err. */
enum status feedback_check(const char *path, const char *buf, size_t len,
			   struct feedback_summary *out, struct error *err);

#endif

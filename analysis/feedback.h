/* feedback.h - the Vitte optimizer's feedback file (docs/feedback-format.md):
 * what the analyses of a profile tell a compiler, per function (its class,
 * the calls worth inlining, branch and loop hints by site) and for the
 * whole program (a function order). Pure: text out, no I/O.
 */
#ifndef VITTE_ANALYSIS_FEEDBACK_H
#define VITTE_ANALYSIS_FEEDBACK_H

#include "loaders/feedback_read.h" /* FEEDBACK_VERSION */
#include "src/base/error.h"
#include "src/writers/exporter.h"

struct profile;
struct strbuf;

/* The "feedback" format of the exporter table (analysis/exporters.h). */
extern const struct exporter exporter_feedback;

/* Append the feedback of p (finalized) to out as JSON, with the default
 * options of every analysis. Never fails on a valid profile. */
enum status feedback_write(const struct profile *p, struct strbuf *out, struct error *err);

#endif

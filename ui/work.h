/* work.h - what quitting would lose: the marks, the added files and the
 * changed weights and inclusions since the browser started or last
 * exported (an export writes the curated, weighted merge, so it saves
 * them). No curses here. */
#ifndef VITTE_UI_WORK_H
#define VITTE_UI_WORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct session;

/* The state last saved. */
struct work {
	double *weights; /* of the inputs then loaded, 0 for an excluded one */
	uint32_t n_inputs;
	uint64_t marks; /* the marked functions' names, hashed */
};

/* Remember s's state as saved (at start, and after an export). */
void work_save(struct work *w, const struct session *s);
/* Whether s has changed since work_save(); when it has, what changed goes
 * to buf ("3 marked functions, 1 added file, changed weights"). */
bool work_unsaved(const struct work *w, const struct session *s, char *buf, size_t size);
void work_free(struct work *w);

#endif

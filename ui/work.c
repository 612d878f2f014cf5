/* work.c - the browser's unsaved work, against the state last saved. */
#include "ui/work.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/session.h"
#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/profile.h"

/* The marked functions' names, each hashed (FNV-1a) and the hashes
 * added: the same set gives the same sum whatever the merge's order. */
static uint64_t work_marks(const struct session *s)
{
	uint64_t sum = 0;
	uint32_t i;

	for (i = 0; s->merged && s->n_marked && i < s->merged->funcs.n; i++) {
		const char *c = profile_str(s->merged, s->merged->funcs.v[i].name);
		uint64_t h = 0xcbf29ce484222325u;

		if (!s->marked[i])
			continue;
		for (; *c; c++)
			h = (h ^ (unsigned char)*c) * 0x100000001b3u;
		sum += h;
	}
	return sum;
}

void work_save(struct work *w, const struct session *s)
{
	uint32_t i;

	free(w->weights);
	w->weights = xcalloc(s->n_inputs ? s->n_inputs : 1, sizeof(*w->weights));
	for (i = 0; i < s->n_inputs; i++)
		w->weights[i] = s->inputs[i].included ? s->inputs[i].weight : 0;
	w->n_inputs = s->n_inputs;
	w->marks = work_marks(s);
}

bool work_unsaved(const struct work *w, const struct session *s, char *buf, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t i, added = s->n_inputs - w->n_inputs;
	bool weights = false;

	for (i = 0; i < w->n_inputs; i++)
		weights |= w->weights[i] != (s->inputs[i].included ? s->inputs[i].weight : 0);
	if (work_marks(s) != w->marks) {
		if (s->n_marked)
			sb_addf(&sb, "%u marked %s", s->n_marked,
				text_plural(s->n_marked, "function", "functions"));
		else
			sb_adds(&sb, "marks removed");
	}
	if (added)
		sb_addf(&sb, "%s%u added %s", sb.len ? ", " : "", added,
			text_plural(added, "file", "files"));
	if (weights)
		sb_addf(&sb, "%schanged weights", sb.len ? ", " : "");
	snprintf(buf, size, "%s", sb_str(&sb));
	sb_free(&sb);
	return buf[0] != '\0';
}

void work_free(struct work *w)
{
	free(w->weights);
	w->weights = NULL;
}

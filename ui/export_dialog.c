/* export_dialog.c - the export dialog: the curated profile (analysis/curate.h)
 * written in a format of the exporter table (src/writers/exporter.h).
 *
 * What is kept: the marked functions when there are any; otherwise the
 * rows the hotspots view shows under its filter and threshold, read
 * through its row_name op (all functions when it hides none). The dialog
 * asks for the format (every exporter is listed), then for the path with
 * a preview of what will be written, asks before replacing a file, and
 * writes atomically. */
#include "ui/export_dialog.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis/curate.h"
#include "src/base/alloc.h"
#include "src/base/fileio.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/base/version.h"
#include "src/model/profile.h"
#include "analysis/exporters.h"
#include "src/writers/exporter.h"
#include "ui/bars.h"
#include "ui/view.h"
#include "ui/work.h"

/* Fill keep[] (zeroed, one byte per function of the merged profile) with
 * the functions to export; returns how many, *what says which they are. */
static uint32_t export_pick(struct tui *t, uint8_t *keep, const char **what)
{
	struct session *s = &t->s;
	struct view *hv = t->main_views[VIEW_HOTSPOTS];
	uint32_t i, n = 0, nf = s->merged->funcs.n;

	if (s->n_marked) {
		memcpy(keep, s->marked, nf);
		*what = "marked";
		return s->n_marked;
	}
	if (hv->generation != s->generation) {
		hv->ops->rebuild(hv);
		hv->generation = s->generation;
	}
	if (hv->nrows == nf || !hv->ops->row_name) {
		memset(keep, 1, nf);
		*what = "all";
		return nf;
	}
	for (i = 0; i < hv->nrows; i++) {
		const char *name = hv->ops->row_name(hv, i);
		uint32_t f = name ? profile_find_function(s->merged, name) : PF_NONE;

		if (f != PF_NONE && !keep[f]) {
			keep[f] = 1;
			n++;
		}
	}
	*what = "shown in Hotspots";
	return n;
}

/* The exporters' names, as many as leave 20 columns of a line of cols
 * for the answer (the prompt would cut the answer off), then "...";
 * an unknown answer lists them all. */
static void export_put_names(struct strbuf *q, int cols)
{
	size_t room = cols > 23 ? (size_t)cols - 23 : 0; /* "): " and the answer */
	const struct exporter *ex;
	unsigned i;

	for (i = 0; (ex = exporter_at(i)); i++) {
		bool last = !exporter_at(i + 1);

		if (i && q->len + 2 + strlen(ex->name) + (last ? 0 : 5) > room) {
			sb_adds(q, ", ...");
			return;
		}
		sb_addf(q, "%s%s", i ? ", " : "", ex->name);
	}
}

/* Ask for the format among every exporter, saying what n functions will
 * be written; NULL when cancelled or unknown. */
static const struct exporter *export_ask_format(struct tui *t, uint32_t n, const char *what)
{
	struct strbuf names = STRBUF_INIT, question = STRBUF_INIT;
	const struct exporter *ex = NULL;
	char buf[64];
	unsigned i;

	for (i = 0; exporter_at(i); i++)
		sb_addf(&names, "%s%s", i ? ", " : "", exporter_at(i)->name);
	if (!strcmp(what, "all"))
		sb_addf(&question, "export all %" PRIu32 " functions", n);
	else
		sb_addf(&question, "export %" PRIu32 " %s %s", n,
			text_plural(n, "function", "functions"), what);
	sb_adds(&question, "; format (");
	export_put_names(&question, t->cols);
	sb_adds(&question, "): ");
	snprintf(buf, sizeof(buf), "%s", exporter_at(0)->name);
	if (!tui_prompt(t, sb_str(&question), buf, sizeof(buf), NULL))
		tui_message(t, false, "export cancelled");
	else if (!(ex = exporter_find(buf)))
		tui_message(t, true, "unknown format '%s' (formats: %s)", buf, sb_str(&names));
	sb_free(&names);
	sb_free(&question);
	return ex;
}

/* "<program>-curated<ext>" in the current directory, or the first
 * included input's base name when the profile names no program; only
 * characters that need no quoting in a shell. */
static void export_default_path(const struct tui *t, const struct exporter *ex, char *buf,
				size_t size)
{
	const struct session *s = &t->s;
	const char *from = NULL, *slash, *dot = NULL;
	char name[64];
	size_t i, n;

	if (s->merged->program != PF_NONE)
		from = profile_str(s->merged, s->merged->program);
	for (i = 0; (!from || !*from) && i < s->n_inputs; i++)
		if (s->inputs[i].included) {
			from = s->inputs[i].path;
			dot = strrchr(from, '.');
		}
	slash = strrchr(from, '/');
	from = slash ? slash + 1 : from;
	n = dot && dot > from ? (size_t)(dot - from) : strlen(from);
	for (i = 0; i < n && i < sizeof(name) - 1; i++) {
		char c = from[i];
		bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || c == '-' || c == '_' || (c == '.' && i);

		name[i] = plain ? c : '_';
	}
	name[i] = '\0';
	snprintf(buf, size, "%s-curated%s", i ? name : "profile", ex->extension);
}

/* Whether path may be written: yes when it does not exist, else ask. */
static bool export_may_replace(struct tui *t, const char *path, bool *replace)
{
	struct strbuf q = STRBUF_INIT;
	struct stat st;
	bool yes;
	uint32_t i;

	*replace = false;
	if (stat(path, &st) != 0)
		return true;
	sb_addf(&q, "%s exists", path);
	for (i = 0; i < t->s.n_inputs; i++)
		if (file_same(path, t->s.inputs[i].path)) {
			sb_adds(&q, " and is a loaded profile");
			break;
		}
	sb_adds(&q, "; replace it?");
	yes = tui_confirm(t, sb_str(&q));
	sb_free(&q);
	if (!yes)
		tui_message(t, false, "not written: %s is kept as it was", path);
	*replace = yes;
	return yes;
}

/* Say that p went to path, and the first thing the format dropped (the
 * exporter's notes; the command line prints them all). */
static void export_say_written(struct tui *t, const struct exporter *ex, const struct profile *p,
			       const char *path)
{
	struct strbuf notes = STRBUF_INIT;
	const char *first, *nl;
	unsigned more = 0;

	if (ex->notes)
		ex->notes(p, &notes);
	first = sb_str(&notes);
	nl = strchr(first, '\n');
	if (nl)
		for (const char *c = nl + 1; *c; c++)
			more += *c == '\n';
	if (!nl)
		tui_message(t, false, "wrote %" PRIu32 " %s to %s", p->funcs.n,
			    text_plural(p->funcs.n, "function", "functions"), path);
	else
		tui_message(t, false, "wrote %" PRIu32 " %s to %s; %s: %.*s%s", p->funcs.n,
			    text_plural(p->funcs.n, "function", "functions"), path, ex->name,
			    (int)(nl - first), first, more ? " (and more)" : "");
	sb_free(&notes);
}

/* Ask for the path, with a preview of p, and write it. */
static void export_write(struct tui *t, const struct exporter *ex, const struct profile *p)
{
	struct strbuf preview = STRBUF_INIT;
	struct error err;
	char path[1024];
	bool replace;

	export_default_path(t, ex, path, sizeof(path));
	sb_addf(&preview,
		"write %" PRIu32 " %s, %" PRIu32 " %s, %" PRIu32 " %s, %" PRIu32 " %s to: ",
		p->funcs.n, text_plural(p->funcs.n, "function", "functions"), p->edges.n,
		text_plural(p->edges.n, "edge", "edges"), p->branches.n,
		text_plural(p->branches.n, "branch site", "branch sites"), p->loops.n,
		text_plural(p->loops.n, "loop site", "loop sites"));
	if (!tui_prompt_path(t, sb_str(&preview), path, sizeof(path)) || !path[0])
		tui_message(t, false, "export cancelled");
	else if (export_may_replace(t, path, &replace)) {
		if (exporter_write_file(ex, p, path, replace, &err) != STATUS_OK)
			tui_message(t, true, "%s", err.text);
		else {
			export_say_written(t, ex, p, path);
			work_save(t->saved, &t->s);
		}
	}
	sb_free(&preview);
}

void export_dialog_run(struct tui *t)
{
	const struct profile *merged = t->s.merged;
	uint8_t *keep = xcalloc(merged->funcs.n ? merged->funcs.n : 1, 1);
	const struct exporter *ex;
	const char *what;
	struct profile *cur;
	uint32_t n = export_pick(t, keep, &what);

	if (n == 0) {
		tui_message(t, true, "nothing to export: no function is marked or shown");
	} else if ((ex = export_ask_format(t, n, what))) {
		cur = curate_profile(merged, keep);
		cur->meta.tool = profile_intern(cur, "vitte-pgo-tui " VITTE_PGO_VERSION,
						strlen("vitte-pgo-tui " VITTE_PGO_VERSION));
		cur->meta.present = true;
		export_write(t, ex, cur);
		profile_free(cur);
	}
	free(keep);
}

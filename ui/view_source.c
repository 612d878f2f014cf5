/* view_source.c - a function's source file, read once, each line with its
 * count from the profile and the branch and loop sites on it; the
 * hottest lines stand out. */
#include "ui/view.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/fileio.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/table.h"
#include "ui/viewstack.h"

#define SRC_MAX_BYTES ((size_t)50 << 20)
#define SRC_HOT_LINES 5	 /* at most this many hot lines... */
#define SRC_HOT_SHARE 10 /* ...each with at least 1/10 of the top count */

enum { SL_COUNTED = 1, SL_HOT = 2 };

struct src_view {
	char *file;	  /* owned: the file as the profile names it */
	char *path;	  /* owned: where it was read */
	char *name;	  /* owned: the function's name */
	char *text;	  /* owned: the file, every line end made a NUL */
	size_t *line_at;  /* owned: where each line starts in text */
	uint64_t *count;  /* owned: per line */
	uint8_t *flags;	  /* owned: per line, SL_* */
	char **sites;	  /* owned: per line, its site markers or NULL */
	uint32_t counted; /* lines with a count */
	uint32_t beyond;  /* counted lines past the end of the file */
	char status[160];
};

enum src_col { SC_LINE, SC_COUNT, SC_SITES, SC_TEXT, SC_COUNT_ };
static const struct column src_columns[SC_COUNT_] = {
    {"Line", 6, true, 0},
    {"Count", 11, true, 0},
    {"Sites", 28, false, 2},
    {"", 0, false, 0},
};

/* ---- reading ---- */

static const char *src_strerror(int err)
{
	if (err == FILE_BINARY)
		return "a binary file (it has a NUL byte)";
	if (err == EFBIG)
		return "larger than 50 MB";
	if (err == EINVAL)
		return "not a regular file";
	return strerror(err);
}

/* Read file as given, else relative to the directory of each input
 * profile. Returns the path read (caller frees) or NULL with *err set,
 * preferring an error about a file that exists to "no such file". */
static char *src_find(const struct tui *t, const char *file, char **text, size_t *len, int *err)
{
	uint32_t i;
	int e;

	*err = file_read_text(file, SRC_MAX_BYTES, text, len);
	if (!*err)
		return xstrdup(file);
	for (i = 0; file[0] != '/' && i < t->s.n_inputs; i++) {
		const char *in = t->s.inputs[i].path, *slash = strrchr(in, '/');
		struct strbuf sb = STRBUF_INIT;

		if (!slash)
			continue;
		sb_add(&sb, in, (size_t)(slash - in) + 1);
		sb_adds(&sb, file);
		e = file_read_text(sb_str(&sb), SRC_MAX_BYTES, text, len);
		if (!e)
			return sb_detach(&sb, NULL);
		if (*err == ENOENT)
			*err = e;
		sb_free(&sb);
	}
	return NULL;
}

/* Cut text into lines (NUL-terminated in place, "\r\n" too); returns how
 * many, with their starts in a new *at. */
static uint32_t src_split(char *text, size_t len, size_t **at)
{
	uint32_t n = 0, cap = 64;
	size_t i = 0;

	*at = xmalloc(cap * sizeof(**at));
	while (i < len) {
		char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;

		if (n == cap) {
			cap *= 2;
			*at = xreallocarray(*at, cap, sizeof(**at));
		}
		(*at)[n++] = i;
		if (end > i && text[end - 1] == '\r')
			text[end - 1] = '\0';
		text[end] = '\0';
		i = end + 1;
	}
	return n;
}

/* ---- annotations ---- */

/* Add a site's marker to a line's (lines 1..nlines, others ignored). */
static void src_add_site(struct src_view *sv, uint32_t nlines, uint32_t line, const char *kind,
			 uint64_t a, const char *a_what, uint64_t b, const char *b_what)
{
	struct strbuf sb = STRBUF_INIT;

	if (line == 0 || line > nlines)
		return;
	if (sv->sites[line - 1]) {
		sb_adds(&sb, sv->sites[line - 1]);
		sb_adds(&sb, "; ");
		free(sv->sites[line - 1]);
	}
	sb_addf(&sb, "%s %" PRIu64 " %s %" PRIu64 " %s", kind, a, a_what, b, b_what);
	sv->sites[line - 1] = sb_detach(&sb, NULL);
}

static int src_cmp_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y) - (x > y);
}

/* Mark as hot the top SRC_HOT_LINES counted lines that have at least
 * 1/SRC_HOT_SHARE of the top count. */
static void src_mark_hot(struct src_view *sv, const struct profile *p, const struct pf_function *fn,
			 uint32_t nlines)
{
	uint64_t *c, min;
	uint32_t i, n = fn->lines_n;

	if (!n)
		return;
	c = xmalloc(n * sizeof(*c));
	for (i = 0; i < n; i++)
		c[i] = p->lines.v[fn->lines_at + i].count;
	qsort(c, n, sizeof(*c), src_cmp_desc);
	min = c[(n < SRC_HOT_LINES ? n : SRC_HOT_LINES) - 1];
	if (min < (c[0] + SRC_HOT_SHARE - 1) / SRC_HOT_SHARE)
		min = (c[0] + SRC_HOT_SHARE - 1) / SRC_HOT_SHARE;
	for (i = 0; i < nlines; i++)
		if ((sv->flags[i] & SL_COUNTED) && sv->count[i] && sv->count[i] >= min)
			sv->flags[i] |= SL_HOT;
	free(c);
}

/* Counts and sites of the function (found again by name) on each line. */
static void src_rebuild(struct view *v)
{
	struct src_view *sv = v->priv;
	const struct profile *p = v->tui->s.merged;
	uint32_t func = profile_find_function(p, sv->name), i, n = v->nrows;
	const struct pf_function *fn;

	memset(sv->count, 0, n * sizeof(*sv->count));
	memset(sv->flags, 0, n);
	for (i = 0; i < n; i++) {
		free(sv->sites[i]);
		sv->sites[i] = NULL;
	}
	sv->counted = sv->beyond = 0;
	if (func == PF_NONE)
		return;
	fn = &p->funcs.v[func];
	for (i = 0; i < fn->lines_n; i++) {
		const struct pf_line *l = &p->lines.v[fn->lines_at + i];

		if (l->line == 0 || l->line > n) {
			sv->beyond++;
			continue;
		}
		sv->count[l->line - 1] = l->count;
		sv->flags[l->line - 1] |= SL_COUNTED;
		sv->counted++;
	}
	src_mark_hot(sv, p, fn, n);
	for (i = 0; i < p->branches.n; i++)
		if (p->branches.v[i].func == func)
			src_add_site(sv, n, p->branches.v[i].line, "br", p->branches.v[i].taken,
				     "taken", p->branches.v[i].not_taken, "not");
	for (i = 0; i < p->loops.n; i++)
		if (p->loops.v[i].func == func)
			src_add_site(sv, n, p->loops.v[i].line, "loop", p->loops.v[i].entries, "in",
				     p->loops.v[i].iterations, "iter");
}

/* ---- drawing ---- */

/* Line row's text with tabs expanded (stops every 8 columns), enough of it
 * for width columns. */
static void src_expand_tabs(struct strbuf *sb, const char *s, int width)
{
	size_t most = (size_t)width * 4 + 64;
	unsigned col = 0;

	for (; *s && sb->len < most; s++) {
		if (*s == '\t') {
			do
				sb_addc(sb, ' ');
			while (++col % 8);
			continue;
		}
		sb_addc(sb, *s);
		col += ((unsigned char)*s & 0xc0) != 0x80;
	}
}

static void src_draw_row(struct view *v, int y, uint32_t row, const int *x, const int *w)
{
	struct src_view *sv = v->priv;
	bool sel = row == v->sel, hot = sv->flags[row] & SL_HOT;
	enum role base = sel ? ROLE_SELECTED : ROLE_NORMAL;
	enum role text = sel ? base : hot ? ROLE_HOT : ROLE_NORMAL;
	struct strbuf sb = STRBUF_INIT;
	char buf[32];

	move(y, 0);
	attron(draw_attr(base));
	clrtoeol();
	attroff(draw_attr(base));
	snprintf(buf, sizeof(buf), "%" PRIu32, row + 1);
	draw_text(y, x[SC_LINE], w[SC_LINE], buf, sel ? base : ROLE_DIM, true);
	snprintf(buf, sizeof(buf), "%" PRIu64, sv->count[row]);
	draw_text(y, x[SC_COUNT], w[SC_COUNT], sv->flags[row] & SL_COUNTED ? buf : "", text, true);
	draw_text(y, x[SC_SITES], w[SC_SITES], sv->sites[row] ? sv->sites[row] : "",
		  sel ? base : ROLE_WARM, false);
	src_expand_tabs(&sb, sv->text + sv->line_at[row], w[SC_TEXT]);
	draw_text(y, x[SC_TEXT], w[SC_TEXT], sb_str(&sb), text, false);
	sb_free(&sb);
}

static void src_draw(struct view *v, int y0, int h)
{
	struct src_view *sv = v->priv;
	struct column c[SC_COUNT_];
	struct strbuf title = STRBUF_INIT;
	int x[SC_COUNT_], w[SC_COUNT_], i;

	memcpy(c, src_columns, sizeof(c));
	sb_addf(&title, "%s (%s)", sv->file, sv->name);
	c[SC_TEXT].title = sb_str(&title);
	columns_layout(c, SC_COUNT_, v->tui->cols, x, w);
	draw_header(y0, c, SC_COUNT_, x, w, -1, false);
	sb_free(&title);
	table_scroll(v, h - 1);
	if (v->nrows == 0) {
		draw_text(y0 + 1, 1, v->tui->cols - 2, "the file is empty", ROLE_DIM, false);
		return;
	}
	for (i = 0; i < h - 1 && v->top + (uint32_t)i < v->nrows; i++)
		src_draw_row(v, y0 + 1 + i, v->top + (uint32_t)i, x, w);
}

/* ---- the view ---- */

static const char *src_row_name(struct view *v, uint32_t row)
{
	struct src_view *sv = v->priv;

	return row < v->nrows ? sv->text + sv->line_at[row] : NULL;
}

static const char *src_status(struct view *v)
{
	struct src_view *sv = v->priv;

	if (sv->beyond)
		snprintf(sv->status, sizeof(sv->status),
			 "%" PRIu32 " %s counted, %" PRIu32 " past the end (stale source?)",
			 sv->counted, text_plural(sv->counted, "line", "lines"), sv->beyond);
	else
		snprintf(sv->status, sizeof(sv->status), "%" PRIu32 " %s counted", sv->counted,
			 text_plural(sv->counted, "line", "lines"));
	return sv->status;
}

static bool src_key(struct view *v, enum action a)
{
	return table_list_key(v, a);
}

static void src_free(struct view *v)
{
	struct src_view *sv = v->priv;
	uint32_t i;

	for (i = 0; i < v->nrows; i++)
		free(sv->sites[i]);
	free(sv->sites);
	free(sv->flags);
	free(sv->count);
	free(sv->line_at);
	free(sv->text);
	free(sv->name);
	free(sv->path);
	free(sv->file);
	free(sv);
}

static const struct view_ops src_ops = VIEW_OPS("Source", VIEW_SOURCE, src_rebuild, src_draw,
						src_key, src_row_name, src_status, src_free);

/* The line to start at: the one asked, else the function's, else its
 * first counted line, else 1. */
static uint32_t src_first_line(const struct profile *p, const struct pf_function *fn, uint32_t line)
{
	if (line)
		return line;
	if (fn->flags & PF_HAS_LINE)
		return fn->line;
	return fn->lines_n ? p->lines.v[fn->lines_at].line : 1;
}

struct view *view_source_new(struct tui *t, uint32_t func, uint32_t line)
{
	const struct profile *p = t->s.merged;
	const struct pf_function *fn = &p->funcs.v[func];
	const char *name = profile_str(p, fn->name), *file;
	struct src_view *sv;
	struct view *v;
	char *text, *path;
	size_t len;
	uint32_t n, first;
	int err;

	if (fn->file == PF_NONE) {
		tui_message(t, true, "%s has no source file in the profile", name);
		return NULL;
	}
	file = profile_str(p, fn->file);
	path = src_find(t, file, &text, &len, &err);
	if (!path) {
		tui_message(t, true, "cannot read %s: %s", file, src_strerror(err));
		return NULL;
	}
	sv = xcalloc(1, sizeof(*sv));
	sv->file = xstrdup(file);
	sv->name = xstrdup(name);
	sv->path = path;
	sv->text = text;
	n = src_split(text, len, &sv->line_at);
	sv->count = xcalloc(n ? n : 1, sizeof(*sv->count));
	sv->flags = xcalloc(n ? n : 1, 1);
	sv->sites = xcalloc(n ? n : 1, sizeof(*sv->sites));
	v = view_new(t, &src_ops, sv);
	v->nrows = n;
	first = src_first_line(p, fn, line);
	v->sel = first && first <= n ? first - 1 : 0;
	v->top = v->sel > 2 ? v->sel - 2 : 0;
	return v;
}

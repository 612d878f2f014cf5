/* view_source.c - a function's source file, read once, each line with its
 * count and share from the profile and the branch and loop sites on it;
 * the hottest lines stand out, Tab goes from one to the next, E opens the
 * file there in the user's editor.
 *
 * Work is in what is shown, not in the size of the file or function (a
 * million counted lines opens in milliseconds): the file is read once to
 * count its lines and then line by line as shown (src/base/textfile.h), a
 * row's count is found by binary search in the function's line counts
 * (sorted by line in the profile), and the hot lines' threshold is found
 * in one pass, without sorting the counts. */
#include "ui/view.h"

#include <curses.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/base/alloc.h"
#include "src/base/fileio.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/base/textfile.h"
#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/table.h"
#include "ui/viewstack.h"

#define SRC_MAX_BYTES ((size_t)50 << 20)
#define SRC_HOT_LINES 5	 /* at most this many hot lines... */
#define SRC_HOT_SHARE 10 /* ...each with at least 1/10 of the top count */

/* The branch and loop markers of one line. */
struct src_site {
	uint32_t line, seq; /* seq: the order markers are joined in */
	char *text;	    /* owned */
};

struct src_view {
	char *file;		     /* owned: the file as the profile names it */
	char *path;		     /* owned: where it was read */
	char *name;		     /* owned: the function's name */
	struct textfile text;	     /* owned: the file */
	const struct pf_line *lines; /* borrowed from the merged profile of generation
					gen: the function's counts of lines 1..nrows */
	unsigned gen;
	uint32_t counted;	    /* lines with a count */
	uint32_t beyond;	    /* counted lines past the end of the file (or 0) */
	uint64_t total;		    /* the sum of the counts of the lines in the file */
	uint64_t hot_min;	    /* a hot line's least count */
	VEC(struct src_site) sites; /* by line */
	int sites_width;	    /* the longest line's sites */
	char status[512];
};

enum src_col { SC_LINE, SC_SHARE, SC_COUNT, SC_SITES, SC_TEXT, SC_COUNT_ };
static const struct column src_columns[SC_COUNT_] = {
    {"Line", 6, true, 0},    {"Share", 6, true, 1}, {"Count", 11, true, 0},
    {"Sites", 28, false, 2}, {"", 0, false, 0},
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

/* A search for a source file: the first path that reads, the paths tried
 * and the error to give when none does (about a file that exists rather
 * than "no such file"). */
struct src_search {
	struct textfile text;
	int err;
	struct strbuf tried; /* "a, b, c" */
};

static char *src_try(struct src_search *ss, const char *path)
{
	int e = textfile_open(&ss->text, path, SRC_MAX_BYTES);

	if (!e)
		return xstrdup(path);
	if (ss->tried.len)
		sb_adds(&ss->tried, ", ");
	sb_adds(&ss->tried, path);
	if (ss->err == 0 || ss->err == ENOENT)
		ss->err = e;
	return NULL;
}

/* dir/file, tried. */
static char *src_try_in(struct src_search *ss, const char *dir, size_t dir_len, const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	char *found;

	sb_add(&sb, dir, dir_len);
	if (dir_len && dir[dir_len - 1] != '/')
		sb_addc(&sb, '/');
	sb_adds(&sb, file);
	found = src_try(ss, sb_str(&sb));
	sb_free(&sb);
	return found;
}

/* file with the first --subst FROM=TO whose FROM is a leading part of its
 * path (whole components) rewritten, or NULL when none is. */
static char *src_subst(const struct tui_options *o, const char *file)
{
	size_t i;

	for (i = 0; i < o->n_substs; i++) {
		const char *eq = strchr(o->substs[i], '='), *from = o->substs[i];
		size_t n = (size_t)(eq - from);
		struct strbuf sb = STRBUF_INIT;

		if (!n || strncmp(file, from, n) != 0 ||
		    (file[n] != '/' && file[n] != '\0' && from[n - 1] != '/'))
			continue;
		sb_adds(&sb, eq + 1);
		sb_adds(&sb, file + n);
		return sb_detach(&sb, NULL);
	}
	return NULL;
}

/* Find file: rewritten by --subst, as given, in each --source-dir (the
 * path, then its last component), then relative to the directory of each
 * input profile. Returns the path read (caller frees) or NULL with
 * ss->err and ss->tried set. */
static char *src_find(const struct tui *t, const char *file, struct src_search *ss)
{
	const struct tui_options *o = t->opt;
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	char *subst = src_subst(o, file), *found = NULL;
	uint32_t i;

	if (subst)
		found = src_try(ss, subst);
	free(subst);
	if (!found)
		found = src_try(ss, file);
	for (i = 0; !found && i < o->n_source_dirs; i++) {
		const char *d = o->source_dirs[i];

		if (file[0] != '/')
			found = src_try_in(ss, d, strlen(d), file);
		if (!found && (base != file || file[0] == '/'))
			found = src_try_in(ss, d, strlen(d), base);
	}
	for (i = 0; !found && file[0] != '/' && i < t->s.n_inputs; i++) {
		const char *in = t->s.inputs[i].path, *slash = strrchr(in, '/');

		if (slash)
			found = src_try_in(ss, in, (size_t)(slash - in) + 1, file);
	}
	return found;
}

/* ---- annotations ---- */

/* The first of lines[0..n) (sorted by line) on a line past line. */
static uint32_t src_after(const struct pf_line *lines, uint32_t n, uint32_t line)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (lines[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Row's line count, or NULL when it has none. */
static const struct pf_line *src_count(const struct view *v, uint32_t row)
{
	const struct src_view *sv = v->priv;
	uint32_t i;

	if (sv->gen != v->tui->s.generation || !sv->counted) /* not rebuilt yet */
		return NULL;
	i = src_after(sv->lines, sv->counted, row + 1);
	return i > 0 && sv->lines[i - 1].line == row + 1 ? &sv->lines[i - 1] : NULL;
}

static bool src_hot(const struct src_view *sv, const struct pf_line *l)
{
	return l && l->count && l->count >= sv->hot_min;
}

/* A hot line's least count: the SRC_HOT_LINES-th largest of lines[0..n)
 * (the least when fewer), at least 1/SRC_HOT_SHARE of the largest. The
 * largest are kept in order as they come: no sort. */
static uint64_t src_hot_min(const struct pf_line *lines, uint32_t n)
{
	uint64_t top[SRC_HOT_LINES], c;
	uint32_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		c = lines[i].count;
		if (k == SRC_HOT_LINES && c <= top[k - 1])
			continue;
		for (j = k < SRC_HOT_LINES ? k++ : k - 1; j > 0 && top[j - 1] < c; j--)
			top[j] = top[j - 1];
		top[j] = c;
	}
	if (!k)
		return 0;
	c = top[0] / SRC_HOT_SHARE + (top[0] % SRC_HOT_SHARE != 0);
	return top[k - 1] > c ? top[k - 1] : c;
}

/* Add a site's marker on line (1..nrows; others ignored), as the seq-th. */
static void src_add_site(struct view *v, uint32_t line, const char *kind, uint64_t a,
			 const char *a_what, uint64_t b, const char *b_what)
{
	struct src_view *sv = v->priv;
	struct strbuf sb = STRBUF_INIT;
	struct src_site *site;

	if (line == 0 || line > v->nrows)
		return;
	sb_addf(&sb, "%s %" PRIu64 " %s %" PRIu64 " %s", kind, a, a_what, b, b_what);
	site = VEC_NEW(sv->sites);
	site->line = line;
	site->seq = sv->sites.n;
	site->text = sb_detach(&sb, NULL);
}

static int src_cmp_site(const void *a, const void *b)
{
	const struct src_site *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static void src_free_sites(struct src_view *sv)
{
	uint32_t i;

	for (i = 0; i < sv->sites.n; i++)
		free(sv->sites.v[i].text);
	sv->sites.n = 0;
}

/* The sites of func by line, the markers of one line joined by "; " in
 * the order they were added. */
static void src_find_sites(struct view *v, const struct profile *p, uint32_t func)
{
	struct src_view *sv = v->priv;
	uint32_t i, n = 0;

	for (i = 0; i < p->branches.n; i++)
		if (p->branches.v[i].func == func)
			src_add_site(v, p->branches.v[i].line, "br", p->branches.v[i].taken,
				     "taken", p->branches.v[i].not_taken, "not");
	for (i = 0; i < p->loops.n; i++)
		if (p->loops.v[i].func == func)
			src_add_site(v, p->loops.v[i].line, "loop", p->loops.v[i].entries, "in",
				     p->loops.v[i].iterations, "iter");
	if (sv->sites.n)
		qsort(sv->sites.v, sv->sites.n, sizeof(*sv->sites.v), src_cmp_site);
	for (i = 0; i < sv->sites.n; i++) {
		struct src_site *last = n ? &sv->sites.v[n - 1] : NULL;

		if (last && last->line == sv->sites.v[i].line) {
			struct strbuf sb = STRBUF_INIT;

			sb_addf(&sb, "%s; %s", last->text, sv->sites.v[i].text);
			free(last->text);
			free(sv->sites.v[i].text);
			last->text = sb_detach(&sb, NULL);
		} else
			sv->sites.v[n++] = sv->sites.v[i];
	}
	sv->sites.n = n;
	for (i = 0; i < n; i++)
		if ((int)strlen(sv->sites.v[i].text) > sv->sites_width)
			sv->sites_width = (int)strlen(sv->sites.v[i].text);
}

/* Row's site markers, or NULL. */
static const char *src_sites(const struct src_view *sv, uint32_t row)
{
	uint32_t lo = 0, hi = sv->sites.n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (sv->sites.v[mid].line < row + 1)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sv->sites.n && sv->sites.v[lo].line == row + 1 ? sv->sites.v[lo].text : NULL;
}

/* Counts and sites of the function (found again by name) on each line. */
static void src_rebuild(struct view *v)
{
	struct src_view *sv = v->priv;
	const struct profile *p = v->tui->s.merged;
	uint32_t func = profile_find_function(p, sv->name), i, first;
	const struct pf_line *lines;
	const struct pf_function *fn;

	src_free_sites(sv);
	sv->gen = v->tui->s.generation;
	sv->lines = NULL;
	sv->counted = sv->beyond = 0;
	sv->total = sv->hot_min = 0;
	sv->sites_width = 0;
	if (func == PF_NONE)
		return;
	fn = &p->funcs.v[func];
	if (fn->lines_n) { /* (p->lines.v is NULL when no function has any) */
		lines = &p->lines.v[fn->lines_at];
		/* sorted by line: line 0 first, then 1..nrows, then past the end */
		first = src_after(lines, fn->lines_n, 0);
		sv->lines = lines + first;
		sv->counted = src_after(sv->lines, fn->lines_n - first, v->nrows);
		sv->beyond = fn->lines_n - sv->counted;
		for (i = 0; i < sv->counted; i++)
			sv->total += sv->lines[i].count;
		sv->hot_min = src_hot_min(lines, fn->lines_n);
	}
	src_find_sites(v, p, func);
}

/* ---- drawing ---- */

/* Line row's text with tabs expanded (stops every 8 columns), enough of it
 * for width columns. */
static void src_expand_tabs(struct strbuf *sb, struct textfile *tf, uint32_t row, int width)
{
	size_t most = (size_t)width * 4 + 64, len;
	const char *s = textfile_line(tf, row, most, &len);
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
	const struct pf_line *l = src_count(v, row);
	const char *sites = src_sites(sv, row);
	bool sel = row == v->sel;
	enum role base = sel ? ROLE_SELECTED : ROLE_NORMAL;
	enum role text = sel ? base : src_hot(sv, l) ? ROLE_HOT : ROLE_NORMAL;
	struct strbuf sb = STRBUF_INIT;
	char buf[32];

	move(y, 0);
	attron(draw_attr(base));
	clrtoeol();
	attroff(draw_attr(base));
	snprintf(buf, sizeof(buf), "%" PRIu32, row + 1);
	draw_text(y, x[SC_LINE], w[SC_LINE], buf, sel ? base : ROLE_DIM, true);
	snprintf(buf, sizeof(buf), "%.1f%%",
		 l && sv->total ? 100.0 * (double)l->count / (double)sv->total : 0.0);
	draw_text(y, x[SC_SHARE], w[SC_SHARE], l ? buf : "", text, true);
	snprintf(buf, sizeof(buf), "%" PRIu64, l ? l->count : 0);
	draw_text(y, x[SC_COUNT], w[SC_COUNT], l ? buf : "", text, true);
	draw_text(y, x[SC_SITES], w[SC_SITES], sites ? sites : "", sel ? base : ROLE_WARM, false);
	src_expand_tabs(&sb, &sv->text, row, w[SC_TEXT]);
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
	/* the sites whole, unless they would leave the text under half */
	c[SC_SITES].width = sv->sites_width < 5 ? 5 : sv->sites_width;
	if (c[SC_SITES].width > v->tui->cols / 2 - 20)
		c[SC_SITES].width = v->tui->cols / 2 - 20 > 5 ? v->tui->cols / 2 - 20 : 5;
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

/* Row's text, valid until the next call. */
static const char *src_row_name(struct view *v, uint32_t row)
{
	struct src_view *sv = v->priv;
	size_t len;

	return row < v->nrows ? textfile_line(&sv->text, row, SIZE_MAX, &len) : NULL;
}

/* The counts, and the selected line's sites whole (the column may cut
 * them). */
static const char *src_status(struct view *v)
{
	struct src_view *sv = v->priv;
	const char *sites = v->sel < v->nrows ? src_sites(sv, v->sel) : NULL;
	int n;

	if (sv->beyond)
		n = snprintf(sv->status, sizeof(sv->status),
			     "%" PRIu32 " %s counted, %" PRIu32 " past the end (stale source?)",
			     sv->counted, text_plural(sv->counted, "line", "lines"), sv->beyond);
	else
		n = snprintf(sv->status, sizeof(sv->status), "%" PRIu32 " %s counted", sv->counted,
			     text_plural(sv->counted, "line", "lines"));
	if (sites && n > 0 && (size_t)n < sizeof(sv->status))
		snprintf(sv->status + n, sizeof(sv->status) - (size_t)n, "; line %" PRIu32 ": %s",
			 v->sel + 1, sites);
	return sv->status;
}

/* Select the next (dir 1) or previous (-1) hot line, round the file. */
static void src_hot_jump(struct view *v, int dir)
{
	struct src_view *sv = v->priv;
	uint32_t n = sv->gen == v->tui->s.generation ? sv->counted : 0;
	/* the first counted line past the selected one (forward), or at or
	 * past it (backward: the one before is the first to look at) */
	uint32_t i, at, k = src_after(sv->lines, n, v->sel + (dir > 0));

	for (i = 0; i < n; i++) {
		at = dir > 0 ? (k + i) % n : (k + n - 1 - i) % n;
		if (src_hot(sv, &sv->lines[at])) {
			v->sel = sv->lines[at].line - 1;
			return;
		}
	}
	tui_message(v->tui, false, "no hot line in this file");
}

/* Open the file at the selected line in $VISUAL, else $EDITOR, else vi,
 * as tig does: the screen is left while it runs and restored after. */
static void src_edit(struct view *v)
{
	struct src_view *sv = v->priv;
	char line[24];
	pid_t pid;
	int st = 0;

	snprintf(line, sizeof(line), "+%" PRIu32, v->sel + 1);
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exec ${VISUAL:-${EDITOR:-vi}} \"$@\"", "sh", line,
		      sv->path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	reset_prog_mode();
	clearok(curscr, TRUE);
	if (pid < 0)
		tui_message(v->tui, true, "cannot start the editor: %s", strerror(errno));
	else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		tui_message(v->tui, true, "the editor failed (status %d)",
			    WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}

static bool src_key(struct view *v, enum action a)
{
	switch (a) {
	case ACT_HOT_NEXT:
	case ACT_HOT_PREV:
		if (v->nrows)
			src_hot_jump(v, a == ACT_HOT_NEXT ? 1 : -1);
		return true;
	case ACT_EDIT:
		src_edit(v);
		return true;
	default:
		return table_list_key(v, a);
	}
}

static void src_free(struct view *v)
{
	struct src_view *sv = v->priv;

	src_free_sites(sv);
	free(sv->sites.v);
	textfile_close(&sv->text);
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
	struct src_search ss = {.tried = STRBUF_INIT};
	char *path;
	uint32_t n, first;

	if (fn->file == PF_NONE) {
		tui_message(t, true, "%s has no source file in the profile", name);
		return NULL;
	}
	file = profile_str(p, fn->file);
	path = src_find(t, file, &ss);
	if (!path) {
		tui_message(t, true, "cannot read %s: %s (tried %s; see --source-dir, --subst)",
			    file, src_strerror(ss.err), sb_str(&ss.tried));
		sb_free(&ss.tried);
		return NULL;
	}
	sb_free(&ss.tried);
	sv = xcalloc(1, sizeof(*sv));
	sv->file = xstrdup(file);
	sv->name = xstrdup(name);
	sv->path = path;
	sv->text = ss.text;
	n = ss.text.nlines;
	v = view_new(t, &src_ops, sv);
	v->nrows = n;
	first = src_first_line(p, fn, line);
	v->sel = first && first <= n ? first - 1 : 0;
	v->top = v->sel > 2 ? v->sel - 2 : 0;
	return v;
}

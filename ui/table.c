/* table.c - the table widget: rows of items through a view's callbacks,
 * and the list keys every view with rows shares. */
#include "ui/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/model/profile.h"
#include "ui/bars.h"
#include "ui/draw.h"
#include "ui/viewstack.h"

#define TABLE_MAX_COLUMNS 16
#define TABLE_FIT_ROWS	  2000 /* rows measured for the widths of the fit columns */
#define TABLE_FULL_LINES  3    /* the full-name line wraps over at most this many */
#define TABLE_WANT_MAX	  4096 /* widths measured up to this: wider is as wide as a screen */

/* A table view's v->priv. */
struct table {
	void *priv; /* the view's own state (owned) */
	struct table_rows rows;
	uint32_t n_items; /* from the last build */
	unsigned sort;	  /* index in the spec's sorts */
	bool ascending;
	bool nothing;		     /* the last draw had nothing to tabulate */
	struct cell name;	     /* the last item name asked for */
	int want[TABLE_MAX_COLUMNS]; /* the fit columns' widest text, from the last refresh */
	int header_y;		     /* where the last draw put the header, -1: none */
	int ncols, col_x[TABLE_MAX_COLUMNS], col_w[TABLE_MAX_COLUMNS]; /* and its columns */
	char status[160];
};

static const struct table_spec *table_spec(const struct view *v)
{
	return (const struct table_spec *)v->ops;
}

struct view *table_view_new(struct tui *t, const struct table_spec *spec, void *priv)
{
	struct table *tb = xcalloc(1, sizeof(*tb));

	tb->priv = priv;
	tb->header_y = -1;
	tb->ascending = spec->nsorts ? spec->sorts[0].ascending : true;
	return view_new(t, &spec->ops, tb);
}

void *table_priv(const struct view *v)
{
	return ((struct table *)v->priv)->priv;
}

void table_set_spec(struct view *v, const struct table_spec *spec)
{
	v->ops = &spec->ops;
}

uint32_t table_item(const struct view *v, uint32_t row)
{
	const struct table *tb = v->priv;

	return row < tb->rows.n ? tb->rows.v[row] : TABLE_NONE;
}

const char *table_func_file(const struct view *v, uint32_t func)
{
	const struct profile *p = v->tui->s.merged;

	return p->funcs.v[func].file != PF_NONE ? profile_str(p, p->funcs.v[func].file) : NULL;
}

void table_free(struct view *v)
{
	struct table *tb = v->priv;

	if (table_spec(v)->free_priv)
		table_spec(v)->free_priv(tb->priv);
	else
		free(tb->priv);
	table_rows_free(&tb->rows);
	free(tb);
}

/* ---- rows ---- */

/* An item's name: the text of its name column, valid until the next. */
static const char *item_name(void *ctx, uint32_t item)
{
	struct view *v = ctx;
	struct table *tb = v->priv;

	columns_cell_clear(&tb->name);
	table_spec(v)->cell(v, item, table_spec(v)->name_col, &tb->name);
	return tb->name.text;
}

static const char *item_file(void *ctx, uint32_t item)
{
	return table_spec(ctx)->file(ctx, item);
}

static bool item_keep(void *ctx, uint32_t item)
{
	return table_spec(ctx)->keep(ctx, item);
}

static int item_compare(void *ctx, uint32_t a, uint32_t b, unsigned key)
{
	return table_spec(ctx)->compare(ctx, a, b, key);
}

static uint64_t item_rank(void *ctx, uint32_t item, unsigned key)
{
	return table_spec(ctx)->rank(ctx, item, key);
}

/* The widest text of each fit column over the first TABLE_FIT_ROWS rows
 * (the top of the order: the rows that matter most). */
static void table_measure(struct view *v)
{
	const struct table_spec *sp = table_spec(v);
	struct table *tb = v->priv;
	struct cell c;
	uint32_t r;
	int i, w;

	memset(tb->want, 0, sizeof(tb->want));
	for (i = 0; i < sp->ncolumns && i < TABLE_MAX_COLUMNS; i++) {
		if (!(sp->fit & 1u << i))
			continue;
		for (r = 0; r < tb->rows.n && r < TABLE_FIT_ROWS; r++) {
			columns_cell_clear(&c);
			sp->cell(v, tb->rows.v[r], i, &c);
			w = text_escaped_width(c.text, strlen(c.text), TABLE_WANT_MAX);
			tb->want[i] = w > tb->want[i] ? w : tb->want[i];
		}
	}
}

/* The items of v's spec for the table rows (n of them), and whether they
 * are sorted. */
static bool table_items_of(struct view *v, uint32_t n, struct table_items *it)
{
	const struct table_spec *sp = table_spec(v);
	bool sorted = sp->nsorts && (sp->compare || sp->rank);

	*it = (struct table_items){v,
				   n,
				   item_name,
				   sp->file ? item_file : NULL,
				   sp->keep ? item_keep : NULL,
				   sorted && sp->compare ? item_compare : NULL,
				   sorted && sp->rank ? item_rank : NULL};
	return sorted;
}

void table_update(struct view *v, bool follow, enum table_change change)
{
	struct table *tb = v->priv;
	/* build may change the spec */
	uint32_t n = change == TABLE_NEW_ITEMS ? table_spec(v)->build(v) : tb->n_items;
	const struct table_spec *sp = table_spec(v);
	struct table_items it;
	bool sorted = table_items_of(v, n, &it);
	struct table_order o = {sorted ? sp->sorts[tb->sort % sp->nsorts].key : 0, sp->tie,
				tb->ascending};

	tb->n_items = n;
	tb->rows.sel = v->sel;
	table_rows_update(&tb->rows, &it, sorted ? &o : NULL, v->filter, follow, change);
	v->nrows = tb->rows.n;
	v->sel = tb->rows.sel;
	table_measure(v);
}

void table_refresh(struct view *v, bool follow)
{
	table_update(v, follow, TABLE_NEW_ITEMS);
}

void table_rebuild(struct view *v)
{
	table_refresh(v, false);
}

const char *table_row_name(struct view *v, uint32_t row)
{
	uint32_t item = table_item(v, row);

	return item != TABLE_NONE ? item_name(v, item) : NULL;
}

const char *table_status(struct view *v)
{
	const struct table_spec *sp = table_spec(v);
	struct table *tb = v->priv;
	const char *extra;
	int n = 0;

	if (tb->nothing)
		return NULL;
	extra = sp->status ? sp->status(v) : NULL;
	if (sp->nsorts)
		n = snprintf(tb->status, sizeof(tb->status), "sort: %s %s",
			     sp->sorts[tb->sort % sp->nsorts].name,
			     tb->ascending ? "ascending" : "descending");
	if (n < 0 || (size_t)n >= sizeof(tb->status))
		n = 0;
	if (extra)
		snprintf(tb->status + n, sizeof(tb->status) - (size_t)n, "%s%s", n ? "  " : "",
			 extra);
	return n || extra ? tb->status : NULL;
}

/* ---- drawing ---- */

void table_draw_cells(struct view *v, int y, const struct column *c, int n, const int *x,
		      const int *w,
		      void (*cell)(struct view *v, uint32_t item, int col, struct cell *out),
		      uint32_t item, bool selected, enum role row_role)
{
	enum role base = selected ? ROLE_SELECTED : row_role, role;
	struct cell out;
	int i;

	draw_fill(y, base);
	for (i = 0; i < n; i++) {
		if (!w[i])
			continue;
		columns_cell_clear(&out);
		cell(v, item, i, &out);
		role = selected || out.role == ROLE_NORMAL ? base : out.role;
		if (out.bar >= 0)
			draw_bar(y, x[i],
				 out.bar_width && out.bar_width < w[i] ? out.bar_width : w[i],
				 out.bar, role);
		else if (out.text[0])
			draw_text_cut(y, x[i], w[i], out.text, role, c[i].right, out.cut);
	}
}

/* The rows from the selection's page, in h lines from y. */
static void table_draw_rows(struct view *v, int y, int h, const struct column *c, int n,
			    const int *x, const int *w)
{
	const struct table_spec *sp = table_spec(v);
	const struct table *tb = v->priv;
	bool hidden = v->filter[0] || tb->n_items;
	const char *empty = hidden && sp->no_match ? sp->no_match : sp->empty;
	uint32_t row, item;
	int i;

	if (!v->nrows) {
		if (!empty)
			empty = sp->no_match;
		if (empty)
			draw_text(y, 1, v->tui->cols - 2, empty, ROLE_DIM, false);
		return;
	}
	for (i = 0; i < h && v->top + (uint32_t)i < v->nrows; i++) {
		row = v->top + (uint32_t)i;
		item = table_item(v, row);
		table_draw_cells(v, y + i, c, n, x, w, sp->cell, item, row == v->sel,
				 sp->row_role ? sp->row_role(v, item) : ROLE_NORMAL);
	}
}

/* Lay out the columns, the fit ones by their text and title (with room
 * for the sort arrow). */
static void table_layout(struct view *v, const struct column *c, int n, int *x, int *w)
{
	const struct table_spec *sp = table_spec(v);
	struct table *tb = v->priv;
	int want[TABLE_MAX_COLUMNS], i, t;

	for (i = 0; i < n; i++) {
		t = draw_width(c[i].title) + 1;
		want[i] = sp->fit & 1u << i ? (tb->want[i] > t ? tb->want[i] : t) : 0;
	}
	columns_layout_fit(c, n, v->tui->cols, sp->fit ? want : NULL, x, w);
}

/* v: the full text of the selected row's fit columns, two spaces apart,
 * wrapped over at most TABLE_FULL_LINES (and max) lines from line y;
 * returns how many. */
static int table_draw_full(struct view *v, int y, int max)
{
	const struct table_spec *sp = table_spec(v);
	struct strbuf sb = STRBUF_INIT, esc = STRBUF_INIT, part = STRBUF_INIT;
	struct cell c;
	const char *at;
	int i, n, cols = v->tui->cols;

	if (max > TABLE_FULL_LINES)
		max = TABLE_FULL_LINES;
	if (!v->nrows || max < 1)
		return 0;
	for (i = 0; i < sp->ncolumns && i < TABLE_MAX_COLUMNS; i++) {
		if (!(sp->fit & 1u << i))
			continue;
		columns_cell_clear(&c);
		sp->cell(v, table_item(v, v->sel), i, &c);
		if (c.text[0])
			sb_addf(&sb, "%s%s", sb.len ? "  " : "", c.text);
	}
	/* no more than the lines can show: a long name costs what fits */
	text_fit_escaped(&esc, sb_str(&sb), sb.len, max * cols, TEXT_CUT_RIGHT, "");
	for (at = sb_str(&esc), n = 0; *at && n < max; at += part.len, n++) {
		sb_reset(&part);
		text_fit(&part, at, cols - 1, TEXT_CUT_RIGHT, "");
		if (!part.len)
			break;
		draw_fill(y + n, ROLE_STATUS);
		draw_text(y + n, 1, cols - 1, sb_str(&part), ROLE_STATUS, false);
	}
	sb_free(&sb);
	sb_free(&esc);
	sb_free(&part);
	return n;
}

void table_draw(struct view *v, int y0, int h)
{
	const struct table_spec *sp = table_spec(v);
	struct table *tb = v->priv;
	int n = sp->ncolumns < TABLE_MAX_COLUMNS ? sp->ncolumns : TABLE_MAX_COLUMNS;
	int x[TABLE_MAX_COLUMNS], w[TABLE_MAX_COLUMNS], above;
	struct column c[TABLE_MAX_COLUMNS];

	tb->header_y = -1;
	tb->nothing = sp->nothing && sp->nothing(v, y0, h);
	if (tb->nothing) {
		table_scroll(v, h);
		return;
	}
	above = sp->above ? sp->above(v, y0, h) : 0;
	memcpy(c, sp->columns, (size_t)n * sizeof(c[0]));
	if (sp->titles)
		sp->titles(v, c);
	if (v->tui->full_name && sp->fit)
		above += table_draw_full(v, y0 + above, h - above - 2);
	table_layout(v, c, n, x, w);
	tb->header_y = y0 + above;
	tb->ncols = n;
	memcpy(tb->col_x, x, sizeof(x));
	memcpy(tb->col_w, w, sizeof(w));
	draw_header(y0 + above, c, n, x, w, sp->nsorts ? sp->sorts[tb->sort % sp->nsorts].col : -1,
		    !tb->ascending);
	table_scroll(v, h - above - 1);
	table_draw_rows(v, y0 + above + 1, h - above - 1, c, n, x, w);
}

/* ---- keys ---- */

/* Ask for the view's filter (f); false when the prompt was cancelled. */
static bool table_prompt_filter(struct view *v, const char *question)
{
	char buf[sizeof(v->filter)];

	snprintf(buf, sizeof(buf), "%s", v->filter);
	if (!tui_prompt(v->tui, question, buf, sizeof(buf), NULL))
		return false;
	snprintf(v->filter, sizeof(v->filter), "%s", buf);
	return true;
}

/* s and S: the next key in its first direction, or the other direction. */
static void table_sort_next(struct view *v, bool next)
{
	const struct table_spec *sp = table_spec(v);
	struct table *tb = v->priv;

	if (next) {
		tb->sort = (tb->sort + 1) % sp->nsorts;
		tb->ascending = sp->sorts[tb->sort].ascending;
	} else {
		tb->ascending = !tb->ascending;
	}
}

bool table_key(struct view *v, enum action a)
{
	const struct table_spec *sp = table_spec(v);

	if (sp->key && sp->key(v, a))
		return true;
	switch (a) {
	case ACT_ENTER:
		if (!sp->enter)
			return false;
		if (v->nrows)
			sp->enter(v, table_item(v, v->sel));
		return true;
	case ACT_SORT:
	case ACT_SORT_REVERSE:
		if (!sp->nsorts)
			return false;
		table_sort_next(v, a == ACT_SORT);
		table_update(v, sp->keep_row, TABLE_NEW_ORDER);
		return true;
	case ACT_FILTER:
		if (!table_prompt_filter(v, sp->filter_prompt ? sp->filter_prompt
							      : "filter (file:X, mod:X): "))
			return true;
		break;
	case ACT_FILTER_CLEAR:
		v->filter[0] = '\0';
		break;
	case ACT_FULL_NAME:
		v->tui->full_name = !v->tui->full_name;
		return true;
	default:
		return table_list_key(v, a);
	}
	table_update(v, sp->keep_row, TABLE_NEW_FILTER);
	return true;
}

/* ---- lists ---- */

bool table_move(struct view *v, enum action a)
{
	uint32_t page = v->height > 1 ? (uint32_t)v->height : 1;
	uint32_t last = v->nrows ? v->nrows - 1 : 0;

	switch (a) {
	case ACT_DOWN:
		v->sel = v->sel < last ? v->sel + 1 : last;
		break;
	case ACT_UP:
		v->sel = v->sel ? v->sel - 1 : 0;
		break;
	case ACT_PAGE_DOWN:
		v->sel = v->sel + page < last ? v->sel + page : last;
		v->top = v->top + page < v->nrows ? v->top + page : v->top;
		break;
	case ACT_PAGE_UP:
		v->sel = v->sel > page ? v->sel - page : 0;
		v->top = v->top > page ? v->top - page : 0;
		break;
	case ACT_HALF_DOWN:
		v->sel = v->sel + page / 2 < last ? v->sel + page / 2 : last;
		break;
	case ACT_HALF_UP:
		v->sel = v->sel > page / 2 ? v->sel - page / 2 : 0;
		break;
	case ACT_FIRST:
		v->sel = 0;
		break;
	case ACT_LAST:
		v->sel = last;
		break;
	default:
		return false;
	}
	return true;
}

void table_scroll(struct view *v, int h)
{
	uint32_t page = h > 0 ? (uint32_t)h : 1;

	v->height = h;
	v->first_y = v->tui->lines - 1 - h;
	if (v->nrows == 0) {
		v->sel = v->top = 0;
		return;
	}
	if (v->sel >= v->nrows)
		v->sel = v->nrows - 1;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + page)
		v->top = v->sel - page + 1;
	if (v->top + page > v->nrows)
		v->top = v->nrows > page ? v->nrows - page : 0;
}

void table_click(struct view *v, int y)
{
	uint32_t row;

	if (y < v->first_y || y >= v->tui->lines - 1)
		return; /* the header, the lines above it, the status bar */
	row = v->top + (uint32_t)(y - v->first_y);
	if (row < v->nrows)
		v->sel = row;
}

/* A click on the header of a sorted table: sort by the column clicked
 * (again: the other way); false when the click is not on a sort column. */
static bool table_click_header(struct view *v, int y, int x)
{
	const struct table_spec *sp = table_spec(v);
	struct table *tb = v->priv;
	unsigned k;
	int i;

	if (v->ops->draw != table_draw || y != tb->header_y)
		return false;
	for (i = 0; i < tb->ncols; i++)
		if (tb->col_w[i] && x >= tb->col_x[i] && x < tb->col_x[i] + tb->col_w[i])
			break;
	for (k = 0; k < sp->nsorts && i < tb->ncols; k++) {
		if (sp->sorts[k].col != i)
			continue;
		if (k == tb->sort % sp->nsorts) {
			tb->ascending = !tb->ascending;
		} else {
			tb->sort = k;
			tb->ascending = sp->sorts[k].ascending;
		}
		table_update(v, sp->keep_row, TABLE_NEW_ORDER);
		return true;
	}
	return false;
}

void table_click_at(struct view *v, int y, int x)
{
	if (!table_click_header(v, y, x))
		table_click(v, y);
}

static const char *list_row_name(void *ctx, uint32_t row)
{
	struct view *v = ctx;

	return v->ops->row_name(v, row);
}

/* The row after from (from included when include_from is set) whose
 * name contains the search text, going dir (1, -1), wrapping around. */
static uint32_t list_search(struct view *v, uint32_t from, int dir, bool include_from)
{
	struct table *tb = v->priv;
	struct table_items it;

	if (v->ops->draw == table_draw) { /* from the table's names at once */
		table_items_of(v, tb->n_items, &it);
		return table_rows_find(&tb->rows, &it, from, dir, include_from, v->search);
	}
	return table_rows_search(v->nrows, from, dir, include_from, v->search, list_row_name, NULL,
				 v);
}

static void list_no_match(struct view *v)
{
	tui_message(v->tui, true, "no match for \"%s\"", v->search);
}

/* Select the next (dir 1) or previous (dir -1) row whose name contains
 * the search text, from the one after the selection, wrapping around. */
static bool list_find(struct view *v, int dir, bool include_current)
{
	uint32_t at;

	if (!v->search[0] || !v->nrows || !v->ops->row_name)
		return false;
	at = list_search(v, v->sel, dir, include_current);
	if (at != TABLE_NONE) {
		v->sel = at;
		return true;
	}
	list_no_match(v);
	return false;
}

/* The incremental search under way: where it started, its text and the
 * row that text was found at (TABLE_NONE: none), in which view. */
static struct {
	uint32_t origin, found;
	char text[sizeof(((struct view *)0)->search)];
	const struct view *v;
	unsigned generation;
} search;

/* Incremental search: every edit searches again from where it started,
 * or, when the text only grew, from where it was found (no match
 * before it can match now; none at all when there was none). */
static void search_changed(struct view *v, const char *text)
{
	bool narrows = table_rows_narrows(search.text, text) && search.v == v &&
		       search.generation == v->generation;

	snprintf(v->search, sizeof(v->search), "%s", text);
	snprintf(search.text, sizeof(search.text), "%s", text);
	search.v = v;
	search.generation = v->generation;
	v->sel = search.origin;
	v->tui->message[0] = '\0'; /* "no match" is for the text as it is now */
	if (!text[0] || !v->nrows || !v->ops->row_name) {
		search.found = TABLE_NONE;
		return;
	}
	if (narrows && search.found == TABLE_NONE) {
		list_no_match(v);
		return;
	}
	if (narrows)
		v->sel = search.found;
	search.found = list_find(v, 1, true) ? v->sel : TABLE_NONE;
	if (search.found == TABLE_NONE)
		v->sel = search.origin;
}

bool table_list_key(struct view *v, enum action a)
{
	char buf[sizeof(v->search)];

	if (table_move(v, a))
		return true;
	switch (a) {
	case ACT_SEARCH:
		buf[0] = '\0';
		search.origin = v->sel;
		search.text[0] = '\0';
		if (!tui_prompt(v->tui, "/", buf, sizeof(buf), search_changed))
			v->sel = search.origin; /* cancelled: back where it was */
		return true;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!v->search[0])
			tui_message(v->tui, false, "no search yet: press / first");
		else
			list_find(v, a == ACT_SEARCH_NEXT ? 1 : -1, false);
		return true;
	default:
		return false;
	}
}

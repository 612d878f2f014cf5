/* list.c - selection, scrolling, search and filter shared by table views. */
#define _GNU_SOURCE /* strcasestr */
#include "ui/ui.h"

#include <string.h>

bool list_filter_match(const struct view *v, const char *name)
{
	return !v->filter[0] || (name && strcasestr(name, v->filter));
}

bool list_move(struct view *v, enum action a)
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

void list_scroll(struct view *v, int h)
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

/* Select the next (dir 1) or previous (dir -1) row whose name contains
 * the search text, from the one after the selection, wrapping around. */
static bool list_find(struct view *v, int dir, bool include_current)
{
	uint32_t i, n = v->nrows, at;

	if (!v->search[0] || !n || !v->ops->row_name)
		return false;
	for (i = include_current ? 0 : 1; i <= n; i++) {
		const char *name;

		at = dir > 0 ? (v->sel + i) % n : (v->sel + n - i % n) % n;
		name = v->ops->row_name(v, at);
		if (name && strcasestr(name, v->search)) {
			v->sel = at;
			return true;
		}
	}
	tui_message(v->tui, true, "no match for \"%s\"", v->search);
	return false;
}

static uint32_t search_origin;

/* Incremental search: every edit searches again from where it started. */
static void search_changed(struct view *v, const char *text)
{
	snprintf(v->search, sizeof(v->search), "%s", text);
	v->sel = search_origin;
	if (text[0])
		list_find(v, 1, true);
}

bool list_key(struct view *v, enum action a)
{
	char buf[sizeof(v->search)];

	if (list_move(v, a))
		return true;
	switch (a) {
	case ACT_SEARCH:
		buf[0] = '\0';
		search_origin = v->sel;
		if (!tui_prompt(v->tui, "/", buf, sizeof(buf), search_changed))
			v->sel = search_origin; /* cancelled: back where it was */
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

bool list_prompt_filter(struct view *v, const char *question)
{
	char buf[sizeof(v->filter)];

	snprintf(buf, sizeof(buf), "%s", v->filter);
	if (!tui_prompt(v->tui, question, buf, sizeof(buf), NULL))
		return false;
	snprintf(v->filter, sizeof(v->filter), "%s", buf);
	return true;
}

/* viewstack.c - the stack of views: a main view, then drill-downs. */
#include "ui/viewstack.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "ui/view.h"

struct view *view_new(struct tui *t, const struct view_ops *ops, void *priv)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->ops = ops;
	v->tui = t;
	v->priv = priv;
	v->generation = t->s.generation - 1; /* refresh when first drawn */
	return v;
}

void view_free(struct view *v)
{
	if (!v)
		return;
	if (v->ops->free)
		v->ops->free(v);
	free(v);
}

struct view *tui_current(struct tui *t)
{
	return t->stack[t->depth - 1];
}

void tui_pop_all(struct tui *t)
{
	while (t->depth > 1)
		view_free(t->stack[--t->depth]);
}

void tui_show_main(struct tui *t, enum view_kind kind)
{
	tui_pop_all(t);
	t->stack[0] = t->main_views[kind];
	t->depth = 1;
	t->main_back = -1;
}

void tui_open_main(struct tui *t, enum view_kind kind)
{
	int from = (int)t->stack[0]->ops->kind;

	tui_show_main(t, kind);
	if (from != (int)kind)
		t->main_back = from;
}

bool tui_back(struct tui *t)
{
	if (t->depth > 1) {
		tui_pop(t);
		return true;
	}
	if (t->main_back < 0)
		return false;
	tui_show_main(t, (enum view_kind)t->main_back);
	return true;
}

bool tui_can_back(struct tui *t)
{
	struct view *v = tui_current(t);

	return t->depth > 1 || t->main_back >= 0 ||
	       (v->ops->kind == VIEW_FUNCTION && view_function_can_back(v));
}

void tui_push(struct tui *t, struct view *v)
{
	if (t->depth == (int)(sizeof(t->stack) / sizeof(t->stack[0]))) {
		/* deep drill-downs forget their oldest step */
		view_free(t->stack[1]);
		memmove(t->stack + 1, t->stack + 2, (size_t)(t->depth - 2) * sizeof(t->stack[0]));
		t->depth--;
	}
	t->stack[t->depth++] = v;
}

void tui_pop(struct tui *t)
{
	if (t->depth > 1)
		view_free(t->stack[--t->depth]);
}

/* viewstack.h - the views shown: a main view at the bottom of a stack,
 * the drill-downs (sub-views) pushed on it and freed when left. */
#ifndef VITTE_UI_VIEWSTACK_H
#define VITTE_UI_VIEWSTACK_H

#include <stdbool.h>

#include "ui/action.h"

struct tui;
struct view;
struct view_ops;

/* A new view of kind ops with private state priv (owned by the view, freed
 * by ops->free); it rebuilds its rows when first drawn. */
struct view *view_new(struct tui *t, const struct view_ops *ops, void *priv);
/* Free v (NULL is fine) and its private state. */
void view_free(struct view *v);

/* The view on top of the stack. */
struct view *tui_current(struct tui *t);
/* Show a main view: free every sub-view and put kind at the bottom. */
void tui_show_main(struct tui *t, enum view_kind kind);
/* Show a main view as a drill-down from the current one, which back
 * returns to. */
void tui_open_main(struct tui *t, enum view_kind kind);
/* Go back one level: the top sub-view, else the main view a drill-down
 * came from; false when there is nowhere to go back to. */
bool tui_back(struct tui *t);
/* Whether tui_back() has somewhere to go (the function view's own
 * history counts). */
bool tui_can_back(struct tui *t);
/* Push a sub-view, taking ownership; past the stack's depth the oldest
 * sub-view is freed. */
void tui_push(struct tui *t, struct view *v);
/* Go back one view: free the top sub-view (never the main view). */
void tui_pop(struct tui *t);
/* Free every sub-view, back to the main view. */
void tui_pop_all(struct tui *t);

#endif

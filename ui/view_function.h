/* view_function.h - the sub-views of the function view: the call tree and
 * the annotated source. (Their place is ui.h, beside the other
 * constructors; they live here until it has them.)
 */
#ifndef VITTE_UI_VIEW_FUNCTION_H
#define VITTE_UI_VIEW_FUNCTION_H

#include <stdint.h>

struct tui;
struct view;

/* A call tree from the roots with func (an id of the merged profile, or
 * PF_NONE) revealed and selected when it is in the tree. Never NULL; the
 * caller pushes it. */
struct view *view_tree_new(struct tui *t, uint32_t func);

/* The source file of func annotated with its line counts and sites,
 * scrolled to line (0: the function's own line). NULL, with a status
 * message saying why, when func has no file or it cannot be read. */
struct view *view_source_new(struct tui *t, uint32_t func, uint32_t line);

#endif

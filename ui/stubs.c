/* stubs.c - placeholders for views still being written; each is replaced
 * by the real one (a strong symbol of the same name) in its own file. */
#include "ui.h"

#include <stdlib.h>

static void stub_refresh(struct view *v)
{
	v->nrows = 0;
}

static void stub_draw(struct view *v, int y0, int h)
{
	(void)h;
	draw_text(y0 + 1, 1, v->tui->cols - 2, "not written yet", ROLE_DIM, false);
}

static const struct view_ops stub_ops[] = {
	{.title = "Function", .kind = VIEW_FUNCTION, .rebuild = stub_refresh, .draw = stub_draw},
	{.title = "Branches", .kind = VIEW_BRANCHES, .rebuild = stub_refresh, .draw = stub_draw},
	{.title = "Loops", .kind = VIEW_LOOPS, .rebuild = stub_refresh, .draw = stub_draw},
	{.title = "Profiles", .kind = VIEW_PROFILES, .rebuild = stub_refresh, .draw = stub_draw},
	{.title = "Diff", .kind = VIEW_DIFF, .rebuild = stub_refresh, .draw = stub_draw},
};

__attribute__((weak)) struct view *view_function_new(struct tui *t)
{
	return view_new(t, &stub_ops[0], NULL);
}

__attribute__((weak)) struct view *view_branches_new(struct tui *t)
{
	return view_new(t, &stub_ops[1], NULL);
}

__attribute__((weak)) struct view *view_loops_new(struct tui *t)
{
	return view_new(t, &stub_ops[2], NULL);
}

__attribute__((weak)) struct view *view_profiles_new(struct tui *t)
{
	return view_new(t, &stub_ops[3], NULL);
}

__attribute__((weak)) struct view *view_diff_new(struct tui *t)
{
	return view_new(t, &stub_ops[4], NULL);
}

__attribute__((weak)) void view_function_open(struct tui *t, uint32_t func)
{
	(void)func;
	tui_show_main(t, VIEW_FUNCTION);
}

__attribute__((weak)) void tui_export(struct tui *t)
{
	tui_message(t, true, "export is not written yet");
}

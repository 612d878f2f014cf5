/* draw.c - colours by role and text cut by display width. */
#include "ui/draw.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <langinfo.h>

#include "src/base/strbuf.h"
#include "src/base/text.h"

static const struct {
	short fg, bg;
	attr_t attr, mono;
} roles[ROLE_COUNT] = {
#define ROLE_ROW(name, fg, bg, attr, mono) [ROLE_##name] = {fg, bg, attr, mono},
    UI_ROLES(ROLE_ROW)
#undef ROLE_ROW
};
#define ROLE_ONE(name, fg, bg, attr, mono) +1
_Static_assert(0 UI_ROLES(ROLE_ONE) == ROLE_COUNT, "UI_ROLES colours every role");
#undef ROLE_ONE

static bool use_colors;

bool draw_utf8(void)
{
	static int utf8 = -1;

	if (utf8 < 0)
		utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	return utf8;
}

void draw_init_colors(bool colors)
{
	int i;

	use_colors = colors && has_colors();
	if (!use_colors)
		return;
	start_color();
	use_default_colors();
	for (i = 1; i < ROLE_COUNT; i++)
		init_pair((short)i, roles[i].fg, roles[i].bg);
}

attr_t draw_attr(enum role role)
{
	if (!use_colors)
		return roles[role].mono;
	return role == ROLE_NORMAL ? A_NORMAL : (COLOR_PAIR(role) | roles[role].attr);
}

int draw_width(const char *s)
{
	return text_escaped_width(s, strlen(s), INT_MAX);
}

int draw_text_cut(int y, int x, int width, const char *s, enum role role, bool right,
		  enum text_cut how)
{
	struct strbuf out = STRBUF_INIT;
	int w, pad;

	if (width <= 0)
		return 0;
	/* a cut at the end keeps its old '~'; the others say where with an ellipsis */
	w = text_fit_escaped(&out, s, strlen(s), width, how,
			     how == TEXT_CUT_RIGHT || !draw_utf8() ? "~" : "\u2026");
	pad = width - w;
	attron(draw_attr(role));
	move(y, x);
	if (right && pad > 0)
		printw("%*s", pad, "");
	addnstr(sb_str(&out), (int)out.len);
	if (!right && pad > 0)
		printw("%*s", pad, "");
	attroff(draw_attr(role));
	sb_free(&out);
	return width;
}

int draw_text(int y, int x, int width, const char *s, enum role role, bool right)
{
	return draw_text_cut(y, x, width, s, role, right, TEXT_CUT_RIGHT);
}

void draw_fill(int y, enum role role)
{
	mvhline(y, 0, ' ' | draw_attr(role), COLS);
}

void draw_bar(int y, int x, int width, double share, enum role role)
{
	static const char *const eighths[] = {"",	"\u258f", "\u258e", "\u258d",
					      "\u258c", "\u258b", "\u258a", "\u2589"};
	int cells, i;
	double units;

	if (width <= 0)
		return;
	if (share < 0)
		share = 0;
	if (share > 1)
		share = 1;
	units = share * width * 8;
	cells = (int)(units / 8);
	move(y, x);
	attron(draw_attr(role));
	if (!draw_utf8()) {
		for (i = 0; i < width; i++)
			addch(i < cells ? '#' : ' ');
		attroff(draw_attr(role));
		return;
	}
	for (i = 0; i < cells; i++)
		addstr("\u2588");
	if (cells < width) {
		addstr(eighths[(int)units % 8]);
		for (i = cells + ((int)units % 8 ? 1 : 0); i < width; i++)
			addch(' ');
	}
	attroff(draw_attr(role));
}

void draw_header(int y, const struct column *c, int n, const int *x, const int *w, int sort_col,
		 bool descending)
{
	int i;

	move(y, 0);
	attron(draw_attr(ROLE_HEADER));
	clrtoeol();
	for (i = 0; i < n; i++) {
		char title[64];

		if (!w[i])
			continue;
		snprintf(title, sizeof(title), "%s%s", c[i].title,
			 i != sort_col ? ""
			 : descending  ? (draw_utf8() ? "\u25bc" : "v")
				       : (draw_utf8() ? "\u25b2" : "^"));
		draw_text(y, x[i], w[i], title, ROLE_HEADER, c[i].right);
	}
	attroff(draw_attr(ROLE_HEADER));
}

/* draw.h - the browser's drawing: colours by role, text cut by display
 * width, bars and table headers (ui/draw.c). */
#ifndef VITTE_UI_DRAW_H
#define VITTE_UI_DRAW_H

#include <stdbool.h>

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#include "analysis/columns.h"
#include "src/base/text.h"

/* The colours of each role of analysis/columns.h (enum role): foreground,
 * background, attributes with colours, attributes without. */
#define UI_ROLES(_)                                                                                \
	_(NORMAL, -1, -1, A_NORMAL, A_NORMAL)                                                      \
	_(TITLE, COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE)                                       \
	_(STATUS, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)                                   \
	_(HEADER, COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE)                                    \
	_(SELECTED, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE)                                \
	_(HOT, COLOR_RED, -1, A_BOLD, A_BOLD)                                                      \
	_(WARM, COLOR_YELLOW, -1, A_NORMAL, A_NORMAL)                                              \
	_(COLD, COLOR_BLUE, -1, A_NORMAL, A_DIM)                                                   \
	_(GREW, COLOR_RED, -1, A_BOLD, A_BOLD)                                                     \
	_(SHRANK, COLOR_GREEN, -1, A_NORMAL, A_NORMAL)                                             \
	_(DIM, COLOR_WHITE, -1, A_DIM, A_DIM)                                                      \
	_(MARKED, COLOR_MAGENTA, -1, A_BOLD, A_BOLD)                                               \
	_(ERROR, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD)                               \
	_(BAR, COLOR_GREEN, -1, A_NORMAL, A_NORMAL)

void draw_init_colors(bool colors);
/* Whether the locale's charset is UTF-8, so glyphs such as ▲ ▸ █ can be
 * drawn (else their ASCII stand-ins); asked once, after setlocale(). */
bool draw_utf8(void);
attr_t draw_attr(enum role role);
/* Draw s at (y, x) in exactly width columns: escaped, cut by display width
 * (never inside a character), padded with spaces; right-aligned when
 * right is set. Returns the columns used (width). */
int draw_text(int y, int x, int width, const char *s, enum role role, bool right);
/* The same, cut as how says (src/base/text.h: paths on the left, names in
 * the middle) with an ellipsis ('~' without UTF-8). */
int draw_text_cut(int y, int x, int width, const char *s, enum role role, bool right,
		  enum text_cut how);
/* Paint row y in role's colours (a selected row's background, gaps included). */
void draw_fill(int y, enum role role);
/* Display width of s once escaped. */
int draw_width(const char *s);
/* A bar of width columns filled to share (0..1). */
void draw_bar(int y, int x, int width, double share, enum role role);
/* Header row of a table at y, laid out by columns_layout() (x, w); the
 * sort column gets an arrow (-1: none). */
void draw_header(int y, const struct column *c, int n, const int *x, const int *w, int sort_col,
		 bool descending);

#endif

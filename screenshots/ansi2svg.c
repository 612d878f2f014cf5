/* ansi2svg.c - turn a terminal screen captured with colours (tmux
 * capture-pane -e -p) into an SVG picture, for the screenshots in the
 * README. Reads stdin, writes stdout. Knows the SGR codes tmux emits. */
#define _XOPEN_SOURCE 700
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define CELL_W	  8.4
#define CELL_H	  17.0
#define FONT_SIZE 14

static const char *const palette16[16] = {
    "#1e1e1e", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
    "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
};
#define DEFAULT_FG "#d4d4d4"
#define DEFAULT_BG "#1e1e1e"

struct style {
	char fg[8], bg[8];
	int bold, dim, underline, reverse;
};

static void color256(char *out, int n)
{
	static const int steps[6] = {0, 95, 135, 175, 215, 255};

	if (n < 16) {
		snprintf(out, 8, "%s", palette16[n]);
	} else if (n < 232) {
		n -= 16;
		snprintf(out, 8, "#%02x%02x%02x", steps[n / 36], steps[(n / 6) % 6], steps[n % 6]);
	} else {
		int g = 8 + (n - 232) * 10;

		snprintf(out, 8, "#%02x%02x%02x", g, g, g);
	}
}

/* Apply "ESC [ params m". */
static void sgr(struct style *st, const char *params)
{
	int v[32], n = 0, i;
	const char *p = params;

	while (*p && n < 32) {
		v[n++] = atoi(p);
		p = strchr(p, ';');
		if (!p)
			break;
		p++;
	}
	if (n == 0)
		v[n++] = 0;
	for (i = 0; i < n; i++) {
		int c = v[i];

		if (c == 0) {
			memset(st, 0, sizeof(*st));
		} else if (c == 1) {
			st->bold = 1;
		} else if (c == 2) {
			st->dim = 1;
		} else if (c == 4) {
			st->underline = 1;
		} else if (c == 7) {
			st->reverse = 1;
		} else if (c == 22) {
			st->bold = st->dim = 0;
		} else if (c == 24) {
			st->underline = 0;
		} else if (c == 27) {
			st->reverse = 0;
		} else if (c >= 30 && c <= 37) {
			snprintf(st->fg, 8, "%s", palette16[c - 30]);
		} else if (c >= 90 && c <= 97) {
			snprintf(st->fg, 8, "%s", palette16[c - 90 + 8]);
		} else if (c == 39) {
			st->fg[0] = '\0';
		} else if (c >= 40 && c <= 47) {
			snprintf(st->bg, 8, "%s", palette16[c - 40]);
		} else if (c >= 100 && c <= 107) {
			snprintf(st->bg, 8, "%s", palette16[c - 100 + 8]);
		} else if (c == 49) {
			st->bg[0] = '\0';
		} else if ((c == 38 || c == 48) && i + 2 < n && v[i + 1] == 5) {
			color256(c == 38 ? st->fg : st->bg, v[i + 2]);
			i += 2;
		} else if ((c == 38 || c == 48) && i + 4 < n && v[i + 1] == 2) {
			snprintf(c == 38 ? st->fg : st->bg, 8, "#%02x%02x%02x", v[i + 2] & 255,
				 v[i + 3] & 255, v[i + 4] & 255);
			i += 4;
		}
	}
}

static void put_escaped(wchar_t wc)
{
	char mb[8];
	int n;

	if (wc == '<')
		fputs("&lt;", stdout);
	else if (wc == '>')
		fputs("&gt;", stdout);
	else if (wc == '&')
		fputs("&amp;", stdout);
	else if ((n = (int)wcrtomb(mb, wc, &(mbstate_t){0})) > 0)
		fwrite(mb, 1, (size_t)n, stdout);
}

/* One character cell (or two for a wide character). */
static void cell(const struct style *st, int row, int col, int width, wchar_t wc)
{
	const char *fg = st->fg[0] ? st->fg : DEFAULT_FG;
	const char *bg = st->bg[0] ? st->bg : NULL;

	if (st->reverse) {
		const char *t = fg;

		fg = bg ? bg : DEFAULT_BG;
		bg = t;
	}
	if (bg)
		printf("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
		       col * CELL_W, row * CELL_H, width * CELL_W + 0.5, CELL_H + 0.5, bg);
	if (wc == ' ')
		return;
	printf("<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\"%s%s%s>", col * CELL_W,
	       row * CELL_H + CELL_H * 0.78, fg, st->bold ? " font-weight=\"bold\"" : "",
	       st->dim ? " opacity=\"0.6\"" : "",
	       st->underline ? " text-decoration=\"underline\"" : "");
	put_escaped(wc);
	fputs("</text>\n", stdout);
}

int main(int argc, char **argv)
{
	int cols = argc > 1 ? atoi(argv[1]) : 100, rows = argc > 2 ? atoi(argv[2]) : 30;
	struct style st;
	char line[65536];
	int row = 0;

	setlocale(LC_ALL, "C.UTF-8");
	printf(
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	    "font-family=\"DejaVu Sans Mono, monospace\" font-size=\"%d\" xml:space=\"preserve\">\n"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n",
	    cols * CELL_W + 16, rows * CELL_H + 16, FONT_SIZE, DEFAULT_BG);
	printf("<g transform=\"translate(8,8)\">\n");
	memset(&st, 0, sizeof(st));
	while (row < rows && fgets(line, sizeof(line), stdin)) {
		const char *p = line;
		int col = 0;
		mbstate_t ms;

		memset(&ms, 0, sizeof(ms));
		while (*p && *p != '\n') {
			wchar_t wc;
			size_t n;
			int w;

			if (*p == '\033' && p[1] == '[') {
				const char *end = p + 2;

				while (*end && !(*end >= '@' && *end <= '~'))
					end++;
				if (*end == 'm') {
					char params[256];

					snprintf(params, sizeof(params), "%.*s", (int)(end - p - 2),
						 p + 2);
					sgr(&st, params);
				}
				p = *end ? end + 1 : end;
				continue;
			}
			n = mbrtowc(&wc, p, strlen(p), &ms);
			if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
				memset(&ms, 0, sizeof(ms));
				wc = 0xfffd;
				n = 1;
			}
			w = wcwidth(wc);
			if (w < 1)
				w = 1;
			if (col < cols)
				cell(&st, row, col, w, wc);
			col += w;
			p += n;
		}
		/* the rest of the row keeps the current background */
		if (st.bg[0] || st.reverse)
			for (; col < cols; col++)
				cell(&st, row, col, 1, ' ');
		row++;
	}
	printf("</g>\n</svg>\n");
	return 0;
}

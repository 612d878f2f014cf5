/* script.c - the key-script parser of headless runs. */
#include "ui/script.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "src/base/text.h"
#include "ui/key.h"

static const struct {
	const char *name;
	int key;
} key_names[] = {
    {"Enter", '\n'},	   {"Esc", UI_KEY_ESC}, {"Tab", '\t'},	     {"S-Tab", KEY_BTAB},
    {"BS", KEY_BACKSPACE}, {"Up", KEY_UP},	{"Down", KEY_DOWN},  {"Left", KEY_LEFT},
    {"Right", KEY_RIGHT},  {"PgUp", KEY_PPAGE}, {"PgDn", KEY_NPAGE}, {"Home", KEY_HOME},
    {"End", KEY_END},	   {"Space", ' '},	{"F1", KEY_F(1)},    {"Lt", '<'},
    {"Del", KEY_DC},
};

/* The key of the name between < and >; ERR when it names none. */
static int named_key(const char *name, struct script_event *ev)
{
	char x;
	size_t i;

	if (name[0] == 'C' && name[1] == '-' && name[2] && !name[3])
		return CTRL_KEY(name[2]);
	if (sscanf(name, "Resize:%dx%d%c", &ev->cols, &ev->lines, &x) == 2)
		return ev->cols > 0 && ev->lines > 0 && ev->cols <= SCRIPT_MAX_SIZE &&
			       ev->lines <= SCRIPT_MAX_SIZE
			   ? KEY_RESIZE
			   : ERR;
	if ((sscanf(name, "Click:%d,%d%c", &ev->y, &ev->x, &x) == 2 ||
	     (ev->x = 0, sscanf(name, "Click:%d%c", &ev->y, &x) == 1)) &&
	    ev->y >= 0 && ev->x >= 0 && ev->y <= SCRIPT_MAX_SIZE && ev->x <= SCRIPT_MAX_SIZE) {
		ev->mouse = SCRIPT_CLICK;
		return KEY_MOUSE;
	}
	if (!strcmp(name, "WheelUp") || !strcmp(name, "WheelDown")) {
		ev->mouse = name[5] == 'U' ? SCRIPT_WHEEL_UP : SCRIPT_WHEEL_DOWN;
		return KEY_MOUSE;
	}
	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (!strcmp(name, key_names[i].name))
			return key_names[i].key;
	return ERR;
}

int script_parse_key(const char **s, struct script_event *ev)
{
	const char *p = *s, *end;
	uint32_t cp;
	size_t n;

	memset(ev, 0, sizeof(*ev));
	if (!p || !*p)
		return ERR;
	if (*p == '<' && (end = strchr(p, '>'))) {
		char name[32];
		int key;

		n = (size_t)(end - p - 1);
		snprintf(name, sizeof(name), "%.*s", (int)(n < 31 ? n : 31), p + 1);
		key = named_key(name, ev);
		if (key != ERR) {
			*s = end + 1;
			return key;
		}
		memset(ev, 0, sizeof(*ev));
		*s = p + 1; /* not a key name: a plain '<' */
		return '<';
	}
	n = text_utf8_decode((const unsigned char *)p, strlen(p), &cp); /* one UTF-8 character */
	*s = p + (n ? n : 1);
	return key_from_char(n ? cp : (unsigned char)*p);
}

int script_next_key(const char **s)
{
	struct script_event ev;
	int key = script_parse_key(s, &ev);

	if (key == KEY_RESIZE) {
		resizeterm(ev.lines, ev.cols);
	} else if (key == KEY_MOUSE) {
		static const mmask_t button[] = {BUTTON1_CLICKED, BUTTON4_PRESSED, BUTTON5_PRESSED};
		MEVENT me;

		memset(&me, 0, sizeof(me));
		me.y = ev.y;
		me.x = ev.x;
		me.bstate = button[ev.mouse];
		ungetmouse(&me);
	}
	return key;
}

/* script.h - the key scripts of headless runs (--keys), as tig's
 * TIG_SCRIPT: characters stand for themselves (UTF-8), and <Name> for a
 * key or an event: <Enter> <Esc> <Tab> <S-Tab> <BS> <Up> <Down> <Left>
 * <Right> <PgUp> <PgDn> <Home> <End> <Space> <F1>, <Lt> for '<', <C-x>
 * for Ctrl-x, <Click:LINE> (in column 0) or <Click:LINE,COLUMN> <WheelUp> <WheelDown> for the mouse
 * and <Resize:COLSxLINES> for the terminal. Anything else in <...> is text. */
#ifndef VITTE_UI_SCRIPT_H
#define VITTE_UI_SCRIPT_H

enum script_mouse { SCRIPT_CLICK, SCRIPT_WHEEL_UP, SCRIPT_WHEEL_DOWN };

/* The largest <Resize:COLSxLINES> side; a larger one, or a click above
 * the screen (<Click:-1>), is text like any other unknown name. */
#define SCRIPT_MAX_SIZE 1000

/* What a script key brings besides its code. */
struct script_event {
	enum script_mouse mouse; /* KEY_MOUSE: the button */
	int y, x;		 /* KEY_MOUSE, SCRIPT_CLICK: the screen line and column */
	int cols, lines;	 /* KEY_RESIZE: the new size */
};

/* Read the next key of the script *s and move *s past it: a curses KEY_*
 * code, CTRL_KEY(c) or key_from_char(); KEY_MOUSE and KEY_RESIZE fill
 * *ev. ERR at the end of the script. A '<' that starts no known name is
 * a plain '<'. Touches no terminal. */
int script_parse_key(const char **s, struct script_event *ev);
/* script_parse_key(), then queue the mouse event for getmouse() or resize
 * the (virtual) terminal. */
int script_next_key(const char **s);

#endif

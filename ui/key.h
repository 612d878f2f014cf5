/* key.h - what a key is in the browser: a curses KEY_* code, or a
 * character (code point); the control keys used by name are named here
 * once. No curses calls. */
#ifndef VITTE_UI_KEY_H
#define VITTE_UI_KEY_H

#include <stdint.h>

#define CTRL_KEY(c) ((c)&0x1f)
#define UI_KEY_ESC  27	/* Esc: back, or cancel a prompt */
#define UI_KEY_DEL  127 /* what many terminals send for Backspace */

/* The key of character cp. Characters that curses' key codes would
 * shadow (KEY_MIN and up) are moved above Unicode, so a key is never
 * both. */
int key_from_char(uint32_t cp);
/* The character (code point) of a key; -1 for a function or control key. */
int key_char(int key);

#endif

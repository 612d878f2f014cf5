/* key.c - characters and curses key codes kept apart. */
#include "ui/key.h"

#include <curses.h>

#define CHAR_SHIFT 0x110000

int key_from_char(uint32_t cp)
{
	return cp >= KEY_MIN ? (int)(cp + CHAR_SHIFT) : (int)cp;
}

int key_char(int key)
{
	if (key >= CHAR_SHIFT + KEY_MIN)
		return key - CHAR_SHIFT;
	return key >= 0x20 && key != UI_KEY_DEL && key < KEY_MIN ? key : -1;
}

/* screendump.h - the screen as text, for the goldens of headless runs. */
#ifndef VITTE_UI_SCREENDUMP_H
#define VITTE_UI_SCREENDUMP_H

#include <stdbool.h>

/* Write curses' screen to path, one line of UTF-8 text per screen line,
 * trailing spaces cut; colours and attributes are dropped. False when the
 * file cannot be written. */
bool screendump_write(const char *path);

#endif

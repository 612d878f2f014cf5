/* fuzz_script.c - libFuzzer target: the browser's key-script parser
 * (--keys) must read any text to its end without crashing, each key moving
 * the script forward, and give sizes and lines it can use. */
#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/alloc.h"
#include "ui/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size + 1);
	const char *s = buf, *before;
	struct script_event ev;
	int key;

	memcpy(buf, data, size);
	buf[size] = '\0';
	for (;;) {
		before = s;
		memset(&ev, 0, sizeof(ev));
		key = script_parse_key(&s, &ev);
		if (key == ERR)
			break;
		if (s <= before || s > buf + size)
			abort(); /* every key moves forward, within the script */
		if (key == KEY_RESIZE && (ev.cols <= 0 || ev.lines <= 0 ||
					  ev.cols > SCRIPT_MAX_SIZE || ev.lines > SCRIPT_MAX_SIZE))
			abort(); /* a size the virtual terminal can take */
		if (key == KEY_MOUSE && ev.mouse == SCRIPT_CLICK && ev.y < 0)
			abort();
	}
	free(buf);
	return 0;
}

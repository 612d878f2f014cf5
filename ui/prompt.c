/* prompt.c - line editing and the prompt loop, drawn through hooks. */
#define _GNU_SOURCE /* wcrtomb */
#include "ui/prompt.h"

#include <curses.h>
#include <limits.h>
#include <string.h>
#include <wchar.h>

#include "src/base/strbuf.h"
#include "ui/key.h"

/* Remove the last UTF-8 character of buf (len bytes); the new length. */
static size_t drop_last_char(const char *buf, size_t len)
{
	while (len > 0 && ((unsigned char)buf[len - 1] & 0xc0) == 0x80)
		len--;
	return len > 0 ? len - 1 : 0;
}

enum prompt_result prompt_edit(char *buf, size_t size, int key)
{
	size_t len = strlen(buf);

	switch (key) {
	case ERR:
	case UI_KEY_ESC:
	case CTRL_KEY('c'):
	case CTRL_KEY('g'):
		return PROMPT_CANCEL;
	case '\n':
	case '\r':
	case KEY_ENTER:
		return PROMPT_DONE;
	case KEY_BACKSPACE:
	case UI_KEY_DEL:
	case CTRL_KEY('h'):
		len = drop_last_char(buf, len);
		break;
	case CTRL_KEY('u'):
		len = 0;
		break;
	default: {
		char mb[MB_LEN_MAX];
		int n;

		if (key_char(key) < 0)
			return PROMPT_IGNORED;
		n = (int)wcrtomb(mb, (wchar_t)key_char(key), &(mbstate_t){0});
		if (n > 0 && len + (size_t)n < size) {
			memcpy(buf + len, mb, (size_t)n);
			len += (size_t)n;
		}
		break;
	}
	}
	buf[len] = '\0';
	return PROMPT_EDITED;
}

static void prompt_redraw(const struct prompt_hooks *h, const char *question, const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "%s%s", question, text);
	h->redraw(h->ctx, sb_str(&sb));
	sb_free(&sb);
}

bool prompt_read(const struct prompt_hooks *h, const char *question, char *buf, size_t size)
{
	for (;;) {
		prompt_redraw(h, question, buf);
		switch (prompt_edit(buf, size, h->getkey(h->ctx))) {
		case PROMPT_CANCEL:
			if (h->changed)
				h->changed(h->ctx, "");
			return false;
		case PROMPT_DONE:
			return true;
		case PROMPT_EDITED:
			if (h->changed)
				h->changed(h->ctx, buf);
			break;
		case PROMPT_IGNORED:
			break;
		}
	}
}

bool prompt_confirm(const struct prompt_hooks *h, const char *question)
{
	int key;

	prompt_redraw(h, question, " [y/N] ");
	key = h->getkey(h->ctx);
	return key == 'y' || key == 'Y';
}

/* test_prompt.c - the prompt's line editing (ui/prompt.c), curses-free:
 * typing, UTF-8 aware Backspace, ^U, Enter, the cancel keys, a full
 * buffer; and the prompt loop through its hooks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "ui/key.h"
#include "ui/prompt.h"

static int setup_utf8(void **state)
{
	(void)state;
	return setlocale(LC_CTYPE, "C.UTF-8") ? 0 : -1;
}

static void test_typing(void **state)
{
	char buf[16] = "ab";

	(void)state;
	assert_int_equal(prompt_edit(buf, sizeof(buf), 'c'), PROMPT_EDITED);
	assert_string_equal(buf, "abc");
	assert_int_equal(prompt_edit(buf, sizeof(buf), 0xe9), PROMPT_EDITED);
	assert_string_equal(buf, "abc\xc3\xa9");
	assert_int_equal(prompt_edit(buf, sizeof(buf), key_from_char(0x200)), PROMPT_EDITED);
	assert_string_equal(buf, "abc\xc3\xa9\xc8\x80");
	/* Backspace takes whole characters */
	assert_int_equal(prompt_edit(buf, sizeof(buf), KEY_BACKSPACE), PROMPT_EDITED);
	assert_int_equal(prompt_edit(buf, sizeof(buf), UI_KEY_DEL), PROMPT_EDITED);
	assert_string_equal(buf, "abc");
	assert_int_equal(prompt_edit(buf, sizeof(buf), CTRL_KEY('h')), PROMPT_EDITED);
	assert_string_equal(buf, "ab");
	assert_int_equal(prompt_edit(buf, sizeof(buf), CTRL_KEY('u')), PROMPT_EDITED);
	assert_string_equal(buf, "");
	assert_int_equal(prompt_edit(buf, sizeof(buf), KEY_BACKSPACE), PROMPT_EDITED);
	assert_string_equal(buf, "");
	/* function keys do nothing */
	assert_int_equal(prompt_edit(buf, sizeof(buf), KEY_DOWN), PROMPT_IGNORED);
	assert_int_equal(prompt_edit(buf, sizeof(buf), CTRL_KEY('a')), PROMPT_IGNORED);
}

static void test_ends(void **state)
{
	char buf[8] = "x";
	static const int done[] = {'\n', '\r', KEY_ENTER};
	static const int cancel[] = {UI_KEY_ESC, CTRL_KEY('c'), CTRL_KEY('g'), ERR};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(done) / sizeof(done[0]); i++)
		assert_int_equal(prompt_edit(buf, sizeof(buf), done[i]), PROMPT_DONE);
	for (i = 0; i < sizeof(cancel) / sizeof(cancel[0]); i++)
		assert_int_equal(prompt_edit(buf, sizeof(buf), cancel[i]), PROMPT_CANCEL);
	assert_string_equal(buf, "x");
}

static void test_full_buffer(void **state)
{
	char buf[4] = "ab";

	(void)state;
	assert_int_equal(prompt_edit(buf, sizeof(buf), 'c'), PROMPT_EDITED);
	assert_int_equal(prompt_edit(buf, sizeof(buf), 'd'), PROMPT_EDITED);
	assert_string_equal(buf, "abc");
	assert_int_equal(prompt_edit(buf, sizeof(buf), CTRL_KEY('h')), PROMPT_EDITED);
	assert_int_equal(prompt_edit(buf, sizeof(buf), 0xe9), PROMPT_EDITED); /* 2 bytes: no room */
	assert_string_equal(buf, "ab");
}

/* Hooks over a list of keys, recording what was drawn and changed. */
struct fake {
	const int *keys;
	char drawn[64], changed[256];
};

static void fake_redraw(void *ctx, const char *line)
{
	struct fake *f = ctx;

	snprintf(f->drawn, sizeof(f->drawn), "%s", line);
}

static int fake_getkey(void *ctx)
{
	struct fake *f = ctx;

	return *f->keys ? *f->keys++ : ERR;
}

static void fake_changed(void *ctx, const char *text)
{
	struct fake *f = ctx;
	size_t n = strlen(f->changed);

	snprintf(f->changed + n, sizeof(f->changed) - n, "[%s]", text);
}

static void test_read(void **state)
{
	struct fake f = {(const int[]){'a', KEY_DOWN, 'b', '\n', 0}, "", ""};
	struct prompt_hooks h = {fake_redraw, fake_getkey, fake_changed, &f};
	char buf[16] = "";

	(void)state;
	assert_true(prompt_read(&h, "/", buf, sizeof(buf)));
	assert_string_equal(buf, "ab");
	assert_string_equal(f.drawn, "/ab");
	assert_string_equal(f.changed, "[a][ab]"); /* not for the ignored key */

	f = (struct fake){(const int[]){'x', UI_KEY_ESC, 0}, "", ""};
	strcpy(buf, "q");
	assert_false(prompt_read(&h, "? ", buf, sizeof(buf)));
	assert_string_equal(f.changed, "[qx][]"); /* cancelled: told with "" */

	f = (struct fake){(const int[]){'z', 0}, "", ""}; /* the keys end: cancelled */
	buf[0] = '\0';
	assert_false(prompt_read(&h, "? ", buf, sizeof(buf)));

	f = (struct fake){(const int[]){'y', 0}, "", ""};
	assert_true(prompt_confirm(&h, "replace?"));
	assert_string_equal(f.drawn, "replace? [y/N] ");
	f = (struct fake){(const int[]){'\n', 0}, "", ""};
	assert_false(prompt_confirm(&h, "replace?"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_typing),
	    cmocka_unit_test(test_ends),
	    cmocka_unit_test(test_full_buffer),
	    cmocka_unit_test(test_read),
	};

	return cmocka_run_group_tests_name("prompt", tests, setup_utf8, NULL);
}

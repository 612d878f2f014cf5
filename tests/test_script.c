/* test_script.c - the key-script parser of headless runs (ui/script.c):
 * characters, named keys, Ctrl, mouse and resize events, bad names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <curses.h>

#include "ui/key.h"
#include "ui/script.h"

/* The keys of script, ERR-terminated, into keys (room for max). */
static int parse_all(const char *script, int *keys, int max)
{
	struct script_event ev;
	int n = 0;

	while (n < max) {
		keys[n] = script_parse_key(&script, &ev);
		if (keys[n++] == ERR)
			break;
	}
	return n;
}

static void check_keys(const char *script, const int *want, int n_want)
{
	int got[32], n = parse_all(script, got, 32), i;

	assert_int_equal(n, n_want + 1);
	for (i = 0; i < n_want; i++)
		assert_int_equal(got[i], want[i]);
	assert_int_equal(got[n_want], ERR);
}

static void test_characters(void **state)
{
	(void)state;
	check_keys("jk/", (int[]){'j', 'k', '/'}, 3);
	check_keys("caf\xc3\xa9", (int[]){'c', 'a', 'f', 0xe9}, 4);
	/* U+0200 is also a curses key code: moved out of its way */
	check_keys("\xc8\x80", (int[]){key_from_char(0x200)}, 1);
	assert_int_equal(key_char(key_from_char(0x200)), 0x200);
	assert_int_equal(key_char(KEY_DOWN), -1);
	check_keys("", NULL, 0);
}

static void test_named_keys(void **state)
{
	(void)state;
	check_keys("<Enter><Esc><Tab><S-Tab><BS>",
		   (int[]){'\n', UI_KEY_ESC, '\t', KEY_BTAB, KEY_BACKSPACE}, 5);
	check_keys("<Up><Down><Left><Right><PgUp><PgDn><Home><End><Space><F1>",
		   (int[]){KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_PPAGE, KEY_NPAGE, KEY_HOME,
			   KEY_END, ' ', KEY_F(1)},
		   10);
	check_keys("<C-x><C-u>a<Lt><Del>", (int[]){CTRL_KEY('x'), CTRL_KEY('u'), 'a', '<', KEY_DC},
		   5);
}

static void test_events(void **state)
{
	const char *s = "<Resize:80x24><Click:5><Click:7,42><WheelUp><WheelDown>";
	struct script_event ev;

	(void)state;
	assert_int_equal(script_parse_key(&s, &ev), KEY_RESIZE);
	assert_int_equal(ev.cols, 80);
	assert_int_equal(ev.lines, 24);
	assert_int_equal(script_parse_key(&s, &ev), KEY_MOUSE);
	assert_int_equal(ev.mouse, SCRIPT_CLICK);
	assert_int_equal(ev.y, 5);
	assert_int_equal(ev.x, 0);
	assert_int_equal(script_parse_key(&s, &ev), KEY_MOUSE);
	assert_int_equal(ev.mouse, SCRIPT_CLICK);
	assert_int_equal(ev.y, 7);
	assert_int_equal(ev.x, 42);
	assert_int_equal(script_parse_key(&s, &ev), KEY_MOUSE);
	assert_int_equal(ev.mouse, SCRIPT_WHEEL_UP);
	assert_int_equal(script_parse_key(&s, &ev), KEY_MOUSE);
	assert_int_equal(ev.mouse, SCRIPT_WHEEL_DOWN);
	assert_int_equal(script_parse_key(&s, &ev), ERR);
}

/* Anything in <...> that names no key is typed as text, '<' first. */
static void test_bad_names_are_text(void **state)
{
	(void)state;
	check_keys("<Foo>", (int[]){'<', 'F', 'o', 'o', '>'}, 5);
	check_keys("<C-xy>", (int[]){'<', 'C', '-', 'x', 'y', '>'}, 6);
	check_keys("<Resize:80x>",
		   (int[]){'<', 'R', 'e', 's', 'i', 'z', 'e', ':', '8', '0', 'x', '>'}, 12);
	check_keys("<Resize:0x24>",
		   (int[]){'<', 'R', 'e', 's', 'i', 'z', 'e', ':', '0', 'x', '2', '4', '>'}, 13);
	check_keys("<Click:5x>", (int[]){'<', 'C', 'l', 'i', 'c', 'k', ':', '5', 'x', '>'}, 10);
	/* no line above the screen, no terminal larger than SCRIPT_MAX_SIZE */
	check_keys("<Click:-1>", (int[]){'<', 'C', 'l', 'i', 'c', 'k', ':', '-', '1', '>'}, 10);
	check_keys("<Click:1,-1>",
		   (int[]){'<', 'C', 'l', 'i', 'c', 'k', ':', '1', ',', '-', '1', '>'}, 12);
	check_keys(
	    "<Resize:9999x24>",
	    (int[]){'<', 'R', 'e', 's', 'i', 'z', 'e', ':', '9', '9', '9', '9', 'x', '2', '4', '>'},
	    16);
	check_keys("a<b", (int[]){'a', '<', 'b'}, 3); /* no '>' at all */
	check_keys("<>", (int[]){'<', '>'}, 2);
	check_keys("<<Enter>", (int[]){'<', '\n'}, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_characters),
	    cmocka_unit_test(test_named_keys),
	    cmocka_unit_test(test_events),
	    cmocka_unit_test(test_bad_names_are_text),
	};

	return cmocka_run_group_tests_name("script", tests, NULL, NULL);
}

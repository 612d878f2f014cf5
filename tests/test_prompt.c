/* test_prompt.c - the prompt's line editing (ui/prompt.c), curses-free:
 * typing, the cursor and readline's editing keys (UTF-8 aware), Enter,
 * the cancel keys, a full buffer; ~ and Tab completion of paths on files
 * made here; and the prompt loop through its hooks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <curses.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/key.h"
#include "ui/prompt.h"

static int setup_utf8(void **state)
{
	(void)state;
	return setlocale(LC_CTYPE, "C.UTF-8") ? 0 : -1;
}

/* Apply keys (0-terminated) to the line of buf, checking each result. */
static struct prompt_line edit(char *buf, size_t size, const int *keys)
{
	struct prompt_line l = prompt_line_of(buf, size);

	for (; *keys; keys++)
		assert_int_equal(prompt_edit(&l, *keys), PROMPT_EDITED);
	assert_int_equal(l.len, strlen(buf));
	return l;
}

static void test_typing(void **state)
{
	char buf[16] = "ab";
	struct prompt_line l;

	(void)state;
	edit(buf, sizeof(buf), (const int[]){'c', 0xe9, key_from_char(0x200), 0});
	assert_string_equal(buf, "abc\xc3\xa9\xc8\x80");
	/* Backspace takes whole characters */
	l = edit(buf, sizeof(buf), (const int[]){KEY_BACKSPACE, UI_KEY_DEL, 0});
	assert_string_equal(buf, "abc");
	assert_int_equal(l.cur, 3);
	edit(buf, sizeof(buf), (const int[]){CTRL_KEY('h'), 0});
	assert_string_equal(buf, "ab");
	edit(buf, sizeof(buf), (const int[]){CTRL_KEY('u'), KEY_BACKSPACE, 0});
	assert_string_equal(buf, "");
	/* other function keys do nothing */
	l = prompt_line_of(buf, sizeof(buf));
	assert_int_equal(prompt_edit(&l, KEY_DOWN), PROMPT_IGNORED);
	assert_int_equal(prompt_edit(&l, KEY_F(2)), PROMPT_IGNORED);
	assert_int_equal(prompt_edit(&l, '\t'), PROMPT_COMPLETE);
}

/* Moving the cursor and editing in the middle, as readline does. */
static void test_cursor(void **state)
{
	char buf[32] = "ab\xc3\xa9"
		       "cd"; /* "abécd" */
	struct prompt_line l;

	(void)state;
	/* Left over d, c and é (two bytes), insert x before é */
	l = prompt_line_of(buf, sizeof(buf));
	for (const int *k = (const int[]){KEY_LEFT, KEY_LEFT, KEY_LEFT, 'x', 0}; *k; k++)
		assert_int_equal(prompt_edit(&l, *k), PROMPT_EDITED);
	assert_string_equal(buf, "abx\xc3\xa9"
				 "cd");
	assert_int_equal(l.cur, 3);
	/* Delete takes the é at the cursor; Left then Delete the x; Right
	 * moves over c */
	prompt_edit(&l, KEY_DC);
	assert_string_equal(buf, "abxcd");
	prompt_edit(&l, KEY_LEFT);
	prompt_edit(&l, KEY_DC);
	assert_string_equal(buf, "abcd");
	prompt_edit(&l, KEY_RIGHT);
	assert_int_equal(l.cur, 3);
	assert_int_equal(l.len, 4);
	/* Home, End, ^A, ^E */
	prompt_edit(&l, KEY_HOME);
	assert_int_equal(l.cur, 0);
	prompt_edit(&l, KEY_END);
	assert_int_equal(l.cur, 4);
	prompt_edit(&l, CTRL_KEY('a'));
	assert_int_equal(l.cur, 0);
	prompt_edit(&l, KEY_LEFT); /* at the start: stays */
	assert_int_equal(l.cur, 0);
	prompt_edit(&l, KEY_BACKSPACE); /* nothing before */
	assert_string_equal(buf, "abcd");
	prompt_edit(&l, CTRL_KEY('e'));
	assert_int_equal(l.cur, 4);
	prompt_edit(&l, KEY_RIGHT); /* at the end: stays */
	prompt_edit(&l, KEY_DC);    /* nothing after */
	assert_int_equal(l.cur, 4);
	assert_string_equal(buf, "abcd");
	/* ^K cuts to the end, ^U to the start */
	prompt_edit(&l, KEY_LEFT);
	prompt_edit(&l, KEY_LEFT);
	prompt_edit(&l, CTRL_KEY('k'));
	assert_string_equal(buf, "ab");
	strcpy(buf, "abcd");
	l = prompt_line_of(buf, sizeof(buf));
	prompt_edit(&l, KEY_LEFT);
	prompt_edit(&l, CTRL_KEY('u'));
	assert_string_equal(buf, "d");
	assert_int_equal(l.cur, 0);
}

/* ^W: the word before the cursor; spaces and slashes end words. */
static void test_word(void **state)
{
	char buf[64] = "~/runs/old.vitprof";
	struct prompt_line l;

	(void)state;
	l = edit(buf, sizeof(buf), (const int[]){CTRL_KEY('w'), 0});
	assert_string_equal(buf, "~/runs/");
	edit(buf, sizeof(buf), (const int[]){CTRL_KEY('w'), 0});
	assert_string_equal(buf, "~/");
	edit(buf, sizeof(buf), (const int[]){CTRL_KEY('w'), 0});
	assert_string_equal(buf, "");
	strcpy(buf, "a bc  de");
	l = prompt_line_of(buf, sizeof(buf));
	prompt_edit(&l, KEY_LEFT);
	prompt_edit(&l, KEY_LEFT); /* before "de" */
	prompt_edit(&l, CTRL_KEY('w'));
	assert_string_equal(buf, "a de");
	assert_int_equal(l.cur, 2);
}

static void test_ends(void **state)
{
	char buf[8] = "x";
	static const int done[] = {'\n', '\r', KEY_ENTER};
	static const int cancel[] = {UI_KEY_ESC, CTRL_KEY('c'), CTRL_KEY('g'), ERR};
	struct prompt_line l = prompt_line_of(buf, sizeof(buf));
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(done) / sizeof(done[0]); i++)
		assert_int_equal(prompt_edit(&l, done[i]), PROMPT_DONE);
	for (i = 0; i < sizeof(cancel) / sizeof(cancel[0]); i++)
		assert_int_equal(prompt_edit(&l, cancel[i]), PROMPT_CANCEL);
	assert_string_equal(buf, "x");
}

static void test_full_buffer(void **state)
{
	char buf[4] = "ab";
	struct prompt_line l;

	(void)state;
	edit(buf, sizeof(buf), (const int[]){'c', 'd', 0});
	assert_string_equal(buf, "abc");
	l = edit(buf, sizeof(buf), (const int[]){CTRL_KEY('h'), 0xe9, 0}); /* 2 bytes: no room */
	assert_string_equal(buf, "ab");
	assert_int_equal(l.cur, 2);
}

/* ~ and ~/... are $HOME, ~NAME/... NAME's home (root's, from the
 * password file); others stay. */
static void test_home(void **state)
{
	char buf[64], want[64];

	(void)state;
	setenv("HOME", "/home/u", 1);
	strcpy(buf, "~/a.vitprof");
	assert_true(prompt_expand_home(buf, sizeof(buf)));
	assert_string_equal(buf, "/home/u/a.vitprof");
	strcpy(buf, "~");
	assert_true(prompt_expand_home(buf, sizeof(buf)));
	assert_string_equal(buf, "/home/u");
	strcpy(buf, "~root/x");
	assert_true(prompt_expand_home(buf, sizeof(buf)));
	snprintf(want, sizeof(want), "%s/x", getpwnam("root")->pw_dir);
	assert_string_equal(buf, want);
	strcpy(buf, "a~/b");
	assert_true(prompt_expand_home(buf, sizeof(buf)));
	assert_string_equal(buf, "a~/b");
	strcpy(buf, "~no-such-user-here/x");
	assert_false(prompt_expand_home(buf, sizeof(buf)));
	assert_string_equal(buf, "~no-such-user-here/x");
	/* no room: unchanged */
	strcpy(buf, "~/x");
	assert_false(prompt_expand_home(buf, 8));
	assert_string_equal(buf, "~/x");
}

/* Tab on files made here: one match, a directory, a shared prefix,
 * hidden files, nothing. */
static void test_complete(void **state)
{
	char dir[] = "/tmp/vitte-prompt-XXXXXX", path[256], buf[256], note[128];
	static const char *const files[] = {"run1.vitprof", "run2.vitprof", "other.txt", ".hidden"};
	struct prompt_line l;
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		assert_non_null(f = fopen(path, "w"));
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	/* "o": other.txt alone */
	snprintf(buf, sizeof(buf), "%s/o", dir);
	l = prompt_line_of(buf, sizeof(buf));
	prompt_complete_path(&l, note, sizeof(note));
	snprintf(path, sizeof(path), "%s/other.txt", dir);
	assert_string_equal(buf, path);
	assert_string_equal(note, "");
	/* "r": run1 and run2 share "run", and are listed */
	snprintf(buf, sizeof(buf), "%s/r", dir);
	l = prompt_line_of(buf, sizeof(buf));
	prompt_complete_path(&l, note, sizeof(note));
	snprintf(path, sizeof(path), "%s/run", dir);
	assert_string_equal(buf, path);
	assert_int_equal(l.cur, strlen(path));
	assert_string_equal(note, "2 matches: run1.vitprof run2.vitprof");
	/* a directory gets its slash */
	snprintf(buf, sizeof(buf), "%s/s", dir);
	l = prompt_line_of(buf, sizeof(buf));
	prompt_complete_path(&l, note, sizeof(note));
	snprintf(path, sizeof(path), "%s/sub/", dir);
	assert_string_equal(buf, path);
	/* hidden files only for a name that starts with a dot */
	snprintf(buf, sizeof(buf), "%s/.h", dir);
	l = prompt_line_of(buf, sizeof(buf));
	prompt_complete_path(&l, note, sizeof(note));
	snprintf(path, sizeof(path), "%s/.hidden", dir);
	assert_string_equal(buf, path);
	snprintf(buf, sizeof(buf), "%s/", dir);
	l = prompt_line_of(buf, sizeof(buf));
	prompt_complete_path(&l, note, sizeof(note));
	assert_string_equal(note, "4 matches: other.txt run1.vitprof run2.vitprof sub");
	/* nothing matches: said, the text kept */
	snprintf(buf, sizeof(buf), "%s/zz", dir);
	l = prompt_line_of(buf, sizeof(buf));
	prompt_complete_path(&l, note, sizeof(note));
	snprintf(path, sizeof(path), "no file starts with '%s/zz'", dir);
	assert_string_equal(note, path);
	/* ~ is looked up as $HOME; what is typed stays as it was typed */
	setenv("HOME", dir, 1);
	strcpy(buf, "~/ot");
	l = prompt_line_of(buf, sizeof(buf));
	prompt_complete_path(&l, note, sizeof(note));
	assert_string_equal(buf, "~/other.txt");
	/* in the middle of the text: completes what is before the cursor */
	strcpy(buf, "~/ot and more");
	l = prompt_line_of(buf, sizeof(buf));
	l.cur = 4;
	prompt_complete_path(&l, note, sizeof(note));
	assert_string_equal(buf, "~/other.txt and more");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
}

/* Hooks over a list of keys, recording what was drawn and changed. */
struct fake {
	const int *keys;
	char drawn[64], changed[256];
};

/* What the screen would show: "label[text with | at the cursor] note". */
static void fake_redraw(void *ctx, const char *label, const char *text, size_t cursor,
			const char *note)
{
	struct fake *f = ctx;

	snprintf(f->drawn, sizeof(f->drawn), "%s[%.*s|%s] %s", label, (int)cursor, text,
		 text + cursor, note);
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
	struct fake f = {(const int[]){'a', KEY_DOWN, 'b', KEY_LEFT, '\n', 0}, "", ""};
	struct prompt_hooks h = {fake_redraw, fake_getkey, fake_changed, &f};
	char buf[16] = "";

	(void)state;
	assert_true(prompt_read(&h, "/", buf, sizeof(buf), PROMPT_TEXT));
	assert_string_equal(buf, "ab");
	/* the last drawing: the cursor before b, the keys as the note */
	assert_string_equal(f.drawn, "/[a|b] Esc cancels");
	assert_string_equal(f.changed, "[a][ab][ab]"); /* not for the ignored key */

	f = (struct fake){(const int[]){'x', UI_KEY_ESC, 0}, "", ""};
	strcpy(buf, "q");
	assert_false(prompt_read(&h, "? ", buf, sizeof(buf), PROMPT_TEXT));
	assert_string_equal(f.changed, "[qx][]"); /* cancelled: told with "" */

	f = (struct fake){(const int[]){'z', 0}, "", ""}; /* the keys end: cancelled */
	buf[0] = '\0';
	assert_false(prompt_read(&h, "? ", buf, sizeof(buf), PROMPT_TEXT));

	/* a path: Tab is kept for completion (a text prompt ignores it), ~
	 * is expanded in the answer */
	setenv("HOME", "/home/u", 1);
	f = (struct fake){(const int[]){'\t', '~', '/', 'p', '\t', '\n', 0}, "", ""};
	buf[0] = '\0';
	assert_true(prompt_read(&h, "to: ", buf, sizeof(buf), PROMPT_TEXT));
	assert_string_equal(buf, "~/p");
	f = (struct fake){(const int[]){'~', '/', 'p', '\n', 0}, "", ""};
	buf[0] = '\0';
	assert_true(prompt_read(&h, "to: ", buf, sizeof(buf), PROMPT_PATH));
	assert_string_equal(buf, "/home/u/p");
	assert_string_equal(f.drawn, "to: [~/p|] Tab completes, Esc cancels");

	f = (struct fake){(const int[]){'y', 0}, "", ""};
	assert_true(prompt_confirm(&h, "replace?"));
	assert_string_equal(f.drawn, "replace? [y/N] [|] ");
	f = (struct fake){(const int[]){'\n', 0}, "", ""};
	assert_false(prompt_confirm(&h, "replace?"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_typing),	cmocka_unit_test(test_cursor),
	    cmocka_unit_test(test_word),	cmocka_unit_test(test_home),
	    cmocka_unit_test(test_complete),	cmocka_unit_test(test_ends),
	    cmocka_unit_test(test_full_buffer), cmocka_unit_test(test_read),
	};

	return cmocka_run_group_tests_name("prompt", tests, setup_utf8, NULL);
}

/* test_textfile.c - a text file's lines read on demand: every line as it
 * is in the file, in any order of access, across the index's marks and
 * the read window; what file_read_text() refuses, refused alike. */
#include "tests/testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/base/textfile.h"

static void write_file(const char *name, const char *data, size_t len)
{
	struct error err;

	assert_int_equal(file_write_atomic(tu_scratch_path(name), data, len, true, &err),
			 STATUS_OK);
}

/* The lines of the big file: mostly "line I", every 7th ended by "\r\n",
 * every 13th with a lone "\r" inside, and every 997th 150,000 bytes long
 * (longer than the read window) of one letter. */
#define BIG_LINES 5000
#define LONG_LINE 150000

static void big_line(struct strbuf *sb, uint32_t i)
{
	sb_reset(sb);
	if (i % 997 == 500) {
		char *s = malloc(LONG_LINE);

		assert_non_null(s);
		memset(s, 'a' + (int)(i % 26), LONG_LINE);
		sb_add(sb, s, LONG_LINE);
		free(s);
	} else
		sb_addf(sb, i % 13 == 0 ? "line\r%u" : "line %u", i);
}

/* Write the big file: the lines, the last one without its newline. */
static void write_big(void)
{
	struct strbuf file = STRBUF_INIT, line = STRBUF_INIT;
	uint32_t i;

	for (i = 0; i < BIG_LINES; i++) {
		big_line(&line, i);
		sb_add(&file, line.buf, line.len);
		if (i + 1 < BIG_LINES)
			sb_adds(&file, i % 7 == 0 ? "\r\n" : "\n");
	}
	write_file("big.txt", file.buf, file.len);
	sb_free(&file);
	sb_free(&line);
}

static void check_line(struct textfile *tf, uint32_t row, struct strbuf *want)
{
	size_t len = 0;
	const char *got = textfile_line(tf, row, SIZE_MAX, &len);

	big_line(want, row);
	if (len != want->len || memcmp(got, want->buf, len) != 0)
		fail_msg("line %u: %zu bytes \"%.20s\", not %zu \"%.20s\"", row, len, got,
			 want->len, want->buf);
}

/* Every line forward, backward, then in a scattered order. */
static void test_any_order(void **state)
{
	struct strbuf want = STRBUF_INIT;
	struct textfile tf;
	uint32_t i, row = 1;

	(void)state;
	write_big();
	assert_int_equal(textfile_open(&tf, tu_scratch_path("big.txt"), SIZE_MAX), 0);
	assert_int_equal(tf.nlines, BIG_LINES);
	for (i = 0; i < BIG_LINES; i++)
		check_line(&tf, i, &want);
	for (i = BIG_LINES; i-- > 0;)
		check_line(&tf, i, &want);
	for (i = 0; i < 3000; i++) {
		row = (row * 1103515245u + 12345u) % BIG_LINES;
		check_line(&tf, row, &want);
	}
	textfile_close(&tf);
	sb_free(&want);
}

/* A line cut to at most most bytes; "\r\n" is not part of the line even
 * when the cut falls just before it. */
static void test_cut(void **state)
{
	struct textfile tf;
	const char *s;
	size_t len;

	(void)state;
	write_file("cut.txt", "abcdef\r\nxyz\r\n", 13);
	assert_int_equal(textfile_open(&tf, tu_scratch_path("cut.txt"), 100), 0);
	assert_int_equal(tf.nlines, 2);
	s = textfile_line(&tf, 0, 3, &len);
	assert_string_equal(s, "abc");
	assert_int_equal(len, 3);
	s = textfile_line(&tf, 0, 6, &len);
	assert_string_equal(s, "abcdef");
	s = textfile_line(&tf, 0, 7, &len);
	assert_string_equal(s, "abcdef");
	s = textfile_line(&tf, 1, 3, &len);
	assert_string_equal(s, "xyz");
	s = textfile_line(&tf, 1, 0, &len);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	textfile_close(&tf);
}

/* How many lines small files have, and what they read. */
static void test_small(void **state)
{
	static const struct {
		const char *text;
		uint32_t lines;
		const char *first, *last;
	} cases[] = {
	    {"", 0, NULL, NULL},     {"\n", 1, "", ""},	    {"a", 1, "a", "a"},
	    {"a\r", 1, "a", "a"},    {"a\n\n", 2, "a", ""}, {"a\r\r\nb", 2, "a\r", "b"},
	    {"\n\nz\n", 3, "", "z"},
	};
	struct textfile tf;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_file("s.txt", cases[i].text, strlen(cases[i].text));
		assert_int_equal(textfile_open(&tf, tu_scratch_path("s.txt"), 100), 0);
		assert_int_equal(tf.nlines, cases[i].lines);
		if (cases[i].lines) {
			assert_string_equal(textfile_line(&tf, 0, SIZE_MAX, &len), cases[i].first);
			assert_string_equal(textfile_line(&tf, tf.nlines - 1, SIZE_MAX, &len),
					    cases[i].last);
		}
		/* past the last line: empty */
		assert_string_equal(textfile_line(&tf, tf.nlines, SIZE_MAX, &len), "");
		textfile_close(&tf);
	}
}

/* What file_read_text() refuses: the same errors. */
static void test_refused(void **state)
{
	struct textfile tf;
	char *text = calloc(1, 70001);

	(void)state;
	assert_non_null(text);
	memset(text, 'x', 70000);
	text[69999] = '\0'; /* in the second read window */
	write_file("nul.txt", text, 70000);
	assert_int_equal(textfile_open(&tf, tu_scratch_path("nul.txt"), SIZE_MAX), FILE_BINARY);
	assert_int_equal(tf.fd, -1);
	write_file("ten.txt", "123456789\n", 10);
	assert_int_equal(textfile_open(&tf, tu_scratch_path("ten.txt"), 9), EFBIG);
	assert_int_equal(textfile_open(&tf, tu_scratch_path("ten.txt"), 10), 0);
	textfile_close(&tf);
	assert_int_equal(textfile_open(&tf, tu_scratch_path("absent.txt"), 10), ENOENT);
	assert_int_equal(textfile_open(&tf, tu_scratch_dir, 10), EISDIR);
	assert_int_equal(mkfifo(tu_scratch_path("fifo"), 0600), 0);
	assert_int_equal(textfile_open(&tf, tu_scratch_path("fifo"), 10), EINVAL);
	free(text);
}

/* A file cut short after its opening reads as it now is: empty lines, no
 * error and no crash. */
static void test_changed(void **state)
{
	struct textfile tf;
	size_t len = 9;

	(void)state;
	write_file("c.txt", "one\ntwo\nthree\n", 14);
	assert_int_equal(textfile_open(&tf, tu_scratch_path("c.txt"), 100), 0);
	assert_int_equal(truncate(tu_scratch_path("c.txt"), 4), 0);
	assert_string_equal(textfile_line(&tf, 2, SIZE_MAX, &len), "");
	assert_int_equal(len, 0);
	assert_string_equal(textfile_line(&tf, 0, SIZE_MAX, &len), "one");
	assert_string_equal(textfile_line(&tf, 1, SIZE_MAX, &len), "");
	textfile_close(&tf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_any_order), cmocka_unit_test(test_cut),
	    cmocka_unit_test(test_small),     cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_changed),
	};

	return cmocka_run_group_tests_name("textfile", tests, tu_scratch_make, tu_scratch_remove);
}

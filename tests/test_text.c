/* test_text.c - terminal and JSON escaping, escaped errors, UTF-8 and number formats. */
#include "tests/testutil.h"

#include <limits.h>
#include <locale.h>
#include <sys/mman.h>
#include <unistd.h>

#include "src/base/error.h"
#include "src/base/jsonw.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"

static void check_escape(const char *in, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	text_escape_sb(&sb, in, len);
	assert_string_equal(sb_str(&sb), want);
	sb_free(&sb);
}

static void test_escape(void **state)
{
	(void)state;
	check_escape("plain::name", 11, "plain::name");
	check_escape("\x1b[31mred", 8, "\\x1b[31mred");
	check_escape("a\nb\tc\r", 6, "a\\nb\\tc\\r");
	check_escape("del\x7f", 4, "del\\x7f");
	check_escape("caf\xc3\xa9", 5, "caf\xc3\xa9");	  /* printable UTF-8 kept */
	check_escape("c1\xc2\x9b", 4, "c1\\u009b");	  /* C1 CSI */
	check_escape("rtl\xe2\x80\xae", 6, "rtl\\u202e"); /* bidi override */
	check_escape("bad\xff\xc3", 5, "bad\\xff\\xc3");  /* invalid, truncated */
	check_escape("nul\0x", 5, "nul\\x00x");
	/* invisible: zero width space, joiner, word joiner, BOM; line and
	 * paragraph separators; an isolate */
	check_escape("a\xe2\x80\x8b"
		     "b",
		     5, "a\\u200bb");
	check_escape("a\xe2\x80\x8d"
		     "b",
		     5, "a\\u200db");
	check_escape("a\xe2\x81\xa0"
		     "b",
		     5, "a\\u2060b");
	check_escape("a\xef\xbb\xbf"
		     "b",
		     5, "a\\ufeffb");
	check_escape("a\xe2\x80\xa8\xe2\x80\xa9", 7, "a\\u2028\\u2029");
	check_escape("a\xe2\x81\xa6", 4, "a\\u2066");
	/* their neighbours are printable: U+200A hair space, U+2061, U+FEFE */
	check_escape("\xe2\x80\x8a\xe2\x81\xa1\xef\xbb\xbe", 9,
		     "\xe2\x80\x8a\xe2\x81\xa1\xef\xbb\xbe");
}

/* JSON strings: C1 controls, bidirectional controls and invisible
 * characters as \uXXXX, like C0 ones (issue 12, item 10). */
static void check_json(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	jsonw_put_string(&sb, in);
	assert_string_equal(sb_str(&sb), want);
	sb_free(&sb);
}

static void test_json_string(void **state)
{
	(void)state;
	check_json("a\"b\\c\n\t", "\"a\\\"b\\\\c\\n\\t\"");
	check_json("\x1b]0;T\x07", "\"\\u001b]0;T\\u0007\"");
	check_json("c1\xc2\x9b\xc2\x80\xc2\x9f", "\"c1\\u009b\\u0080\\u009f\"");
	check_json("\xe2\x80\xaertl\xe2\x81\xa9", "\"\\u202ertl\\u2069\"");
	check_json("z\xe2\x80\x8bw\xef\xbb\xbf", "\"z\\u200bw\\ufeff\"");
	check_json("caf\xc3\xa9 \xc2\xa0", "\"caf\xc3\xa9 \xc2\xa0\""); /* U+00A0 is printable */
	/* runs of plain ASCII around what is not: DEL, a bad byte, a quote */
	check_json("ns::f_1\x7f"
		   "end",
		   "\"ns::f_1\\u007fend\"");
	check_json("ab\xff"
		   "cd\"",
		   "\"ab\\ufffdcd\\\"\"");
	check_json("~ !", "\"~ !\"");
	check_json("", "\"\"");
}

static void check_u64(uint64_t v, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	jsonw_put_u64(&sb, v);
	assert_string_equal(sb_str(&sb), want);
	sb_free(&sb);
}

/* sb_reserve: room for that many more bytes, taken at once: appends up
 * to it keep the buffer where it is. */
static void test_sb_reserve(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *at;
	int i;

	(void)state;
	sb_adds(&sb, "ab");
	sb_reserve(&sb, 1000);
	assert_true(sb.cap >= 2 + 1000 + 1);
	at = sb.buf;
	for (i = 0; i < 100; i++)
		sb_adds(&sb, "0123456789");
	assert_ptr_equal(sb.buf, at);
	assert_int_equal(sb.len, 1002);
	assert_memory_equal(sb.buf + 992, "0123456789", 11);
	sb_free(&sb);
}

static void test_json_u64(void **state)
{
	(void)state;
	check_u64(0, "0");
	check_u64(9, "9");
	check_u64(10, "10");
	check_u64(14040, "14040");
	check_u64(UINT64_MAX, "18446744073709551615");
}

/* The error formatter escapes what the message quotes, not only the file
 * name (issue 12, item 2). */
static void test_error_escapes_message(void **state)
{
	struct error err;

	(void)state;
	error_set(&err, STATUS_INVALID, "a\x1b.vitprof", 1, 2, "unknown mode \"%s\"",
		  "\x1b]0;T\x07\x1b[2J\xe2\x80\xae");
	assert_string_equal(err.text, "a\\x1b.vitprof:1:2: error: unknown mode "
				      "\"\\x1b]0;T\\x07\\x1b[2J\\u202e\"");
	error_set(&err, STATUS_IO, NULL, 0, 0, "line\nbreak");
	assert_string_equal(err.text, "error: line\\nbreak");
}

static void test_escape_fixed_buffer_cuts_at_character(void **state)
{
	char buf[6];

	(void)state;
	/* "ab" + e-acute (2 bytes) + "cd": 5 bytes fit, the cut falls after the é */
	assert_int_equal(text_escape(buf, sizeof(buf),
				     "ab\xc3\xa9"
				     "cd",
				     6),
			 5);
	assert_string_equal(buf, "ab\xc3\xa9"
				 "c");
	/* 4 bytes fit only when the é would be split: cut before it */
	assert_int_equal(text_escape(buf, 4, "ab\xc3\xa9", 4), 2);
	assert_string_equal(buf, "ab");
}

static void test_utf8_decode(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(text_utf8_decode((const unsigned char *)"\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(text_utf8_decode((const unsigned char *)"\xc0\xaf", 2, &cp),
			 0); /* overlong */
	assert_int_equal(text_utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp),
			 0); /* surrogate */
	assert_int_equal(text_utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp), 0);
}

static void test_duration(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(text_duration(buf, 0), "0 ns");
	assert_string_equal(text_duration(buf, 999), "999 ns");
	assert_string_equal(text_duration(buf, 93210), "93.2 us");
	assert_string_equal(text_duration(buf, 12003221), "12.0 ms");
	assert_string_equal(text_duration(buf, 1500000000), "1.50 s");
	assert_string_equal(text_duration(buf, 150000000000ULL), "150 s");
}

static void test_plural(void **state)
{
	(void)state;
	assert_string_equal(text_plural(0, "edge", "edges"), "edges");
	assert_string_equal(text_plural(1, "edge", "edges"), "edge");
	assert_string_equal(text_plural(2, "edge", "edges"), "edges");
	assert_string_equal(text_plural(UINT64_MAX, "makes", "make"), "make");
}

static void test_double(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(text_double(buf, 91.3), "91.3");
	assert_string_equal(text_double(buf, 100), "100");
	assert_string_equal(text_double(buf, 0.1 + 0.2), "0.30000000000000004");
	assert_string_equal(text_double(buf, 0), "0");
	/* below 0.01, 17 decimals are not 17 significant digits (expected
	 * values: Python's repr, the shortest text that reads back) */
	assert_string_equal(text_double(buf, 1.0 / 7000), "0.00014285714285714287");
	assert_string_equal(text_double(buf, 0.0123456789 / 7), "0.0017636684142857144");
	assert_string_equal(text_double(buf, 1e-4 * 1.5), "0.00015000000000000001");
	assert_string_equal(text_double(buf, 1.5e-4), "0.00015");
	assert_string_equal(text_double(buf, 2.0 / 3), "0.6666666666666666");
}

/* Every share of the form a/b (what reports print) reads back exactly. */
static void test_double_reads_back(void **state)
{
	char buf[32];
	uint32_t a, b;

	(void)state;
	for (b = 1; b <= 3000; b += 7)
		for (a = 0; a <= b; a += 1 + b / 50) {
			double d = (double)a / b;

			assert_true(strtod(text_double(buf, d), NULL) == d);
			assert_true(strtod(text_double(buf, d / 1000), NULL) == d / 1000);
		}
}

static void check_fit(const char *in, int width, enum text_cut how, const char *marker,
		      const char *want, int want_width)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(text_fit(&sb, in, width, how, marker), want_width);
	assert_string_equal(sb_str(&sb), want);
	assert_int_equal(text_width(sb_str(&sb), sb.len), want_width);
	sb_free(&sb);
}

/* Paths keep their end from a directory, names both ends, by display
 * width (CJK characters are 2 columns, a combining accent 0). */
static void test_fit(void **state)
{
	const char *path = "../lib/compress/zstdmt_compress.c:1234"; /* 38 columns */

	(void)state;
	check_fit(path, 38, TEXT_CUT_LEFT, "\u2026", path, 38);
	/* 33 columns after the marker: "b/compress/...", from its '/' */
	check_fit(path, 34, TEXT_CUT_LEFT, "\u2026", "\u2026/compress/zstdmt_compress.c:1234", 33);
	/* no '/' in the last 19 columns */
	check_fit(path, 20, TEXT_CUT_LEFT, "\u2026", "\u2026dmt_compress.c:1234", 20);
	/* 15 columns after the marker: 7 at the head, 8 at the tail */
	check_fit("ZSTDMT_compressStream_generic", 16, TEXT_CUT_MIDDLE, "\u2026",
		  "ZSTDMT_\u2026_generic", 16);
	check_fit("ZSTDMT_compressChunk", 16, TEXT_CUT_MIDDLE, "\u2026", "ZSTDMT_\u2026essChunk",
		  16);
	check_fit("abcdef", 4, TEXT_CUT_RIGHT, "~", "abc~", 4);
	check_fit("abc", 3, TEXT_CUT_MIDDLE, "~", "abc", 3);
	check_fit("abc", 0, TEXT_CUT_MIDDLE, "~", "", 0);
	check_fit("abc", 1, TEXT_CUT_MIDDLE, "\u2026", "a", 1); /* no room for a marker */
	/* six wide characters (12 columns) in 7: 6 after the marker, a half
	 * of 3 holds one (2 columns), the tail two (4) */
	check_fit("\u95a2\u6570\u540d\u524d\u9577\u3044", 7, TEXT_CUT_MIDDLE, "~",
		  "\u95a2~\u9577\u3044", 7);
	/* a wide character never cut in two: 2 columns left hold one */
	check_fit("\u95a2\u6570\u540d", 4, TEXT_CUT_RIGHT, "~", "\u95a2~", 3);
	check_fit("\u95a2\u6570\u540d", 4, TEXT_CUT_LEFT, "~", "~\u540d", 3);
	/* e + a combining acute accent is one column */
	check_fit("cafe\u0301s/x.c", 8, TEXT_CUT_LEFT, "~", "~/x.c", 5);
	check_fit("cafe\u0301s", 5, TEXT_CUT_LEFT, "~", "cafe\u0301s", 5);
	assert_int_equal(text_width("cafe\u0301", 6), 4);
}

/* text_fit_escaped() is text_fit() of the whole escaped text, whatever the
 * text holds: controls, invalid and cut UTF-8, wide characters, runs of
 * combining accents (zero width), slashes; any length, width and cut. */
static void test_fit_escaped_is_fit_of_escape(void **state)
{
	static const char *const pieces[] = {"a",	    "Z",
					     "/",	    ":",
					     "\n",	    "\x01",
					     "\x7f",	    "\xff",
					     "\xe2\x82",    "\x80",
					     "\xc3\xa9",    "\u95a2",
					     "\u0301",	    "\u0301\u0301\u0301",
					     "\u200b",	    "\U0001F600",
					     "\xf0\x9f\x98"};
	static const enum text_cut cuts[] = {TEXT_CUT_RIGHT, TEXT_CUT_LEFT, TEXT_CUT_MIDDLE};
	struct strbuf s = STRBUF_INIT, esc = STRBUF_INIT, want = STRBUF_INIT, got = STRBUF_INIT;
	unsigned seed = 12345, t, k, len;
	int width, ww, gw;

	(void)state;
	for (t = 0; t < 3000; t++) {
		sb_reset(&s);
		len = t % 7 == 0 ? 400 + t % 300 : t % 60; /* long ones and short ones */
		for (k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			sb_adds(&s, pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))]);
		}
		width = (int)(t % 41) - 1;
		sb_reset(&esc);
		text_escape_sb(&esc, sb_str(&s), s.len);
		sb_reset(&want);
		sb_reset(&got);
		ww = text_fit(&want, sb_str(&esc), width, cuts[t % 3], t % 2 ? "\u2026" : "~");
		gw = text_fit_escaped(&got, sb_str(&s), s.len, width, cuts[t % 3],
				      t % 2 ? "\u2026" : "~");
		assert_int_equal(gw, ww);
		assert_string_equal(sb_str(&got), sb_str(&want));
		assert_int_equal(text_escaped_width(sb_str(&s), s.len, INT_MAX),
				 text_width(sb_str(&esc), esc.len));
		assert_true(text_escaped_width(sb_str(&s), s.len, width) ==
				text_width(sb_str(&esc), esc.len) ||
			    text_escaped_width(sb_str(&s), s.len, width) > width);
	}
	sb_free(&s);
	sb_free(&esc);
	sb_free(&want);
	sb_free(&got);
}

/* A name of 1 MB whose middle is unreadable (a page without access): the
 * fit and the bounded width read only its ends. */
static void test_fit_escaped_reads_only_the_ends(void **state)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), len = 256 * page;
	char *s = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct strbuf out = STRBUF_INIT;
	static const enum text_cut cuts[] = {TEXT_CUT_RIGHT, TEXT_CUT_LEFT, TEXT_CUT_MIDDLE};
	static const int widths[] = {80, 10, 80}; /* the left cut from the '/': "~/tail\x01" */
	int i;

	(void)state;
	assert_true(s != MAP_FAILED);
	memset(s, 'x', len);
	memcpy(s, "head::", 6);
	memcpy(s + len - 6, "/tail\x01", 6);
	assert_int_equal(mprotect(s + 8 * page, len - 16 * page, PROT_NONE), 0);
	for (i = 0; i < 3; i++) {
		sb_reset(&out);
		assert_int_equal(text_fit_escaped(&out, s, len, 80, cuts[i], "~"), widths[i]);
	}
	/* the middle cut: 39 columns of the head, the marker, 40 of the end */
	assert_int_equal(strncmp(sb_str(&out), "head::xxx", 9), 0);
	assert_string_equal(sb_str(&out) + out.len - 12, "xxx/tail\\x01");
	assert_int_equal(text_escaped_width(s, len, 4000), 4001);
	sb_free(&out);
	munmap(s, len);
}

/* sb_add_zeros: n zero bytes after what was there, returned to be filled
 * in place, the text still NUL-terminated. */
static void test_sb_add_zeros(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned char *z;
	size_t i;

	(void)state;
	sb_adds(&sb, "ab");
	z = sb_add_zeros(&sb, 100);
	assert_ptr_equal(z, sb.buf + 2);
	assert_int_equal(sb.len, 102);
	for (i = 0; i <= 100; i++)
		assert_int_equal(z[i], 0);
	z[0] = 'c';
	assert_string_equal(sb_str(&sb), "abc");
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape),
	    cmocka_unit_test(test_sb_add_zeros),
	    cmocka_unit_test(test_json_string),
	    cmocka_unit_test(test_json_u64),
	    cmocka_unit_test(test_sb_reserve),
	    cmocka_unit_test(test_error_escapes_message),
	    cmocka_unit_test(test_escape_fixed_buffer_cuts_at_character),
	    cmocka_unit_test(test_utf8_decode),
	    cmocka_unit_test(test_duration),
	    cmocka_unit_test(test_plural),
	    cmocka_unit_test(test_double_reads_back),
	    cmocka_unit_test(test_double),
	    cmocka_unit_test(test_fit),
	    cmocka_unit_test(test_fit_escaped_is_fit_of_escape),
	    cmocka_unit_test(test_fit_escaped_reads_only_the_ends),
	};

	if (!setlocale(LC_CTYPE, "C.UTF-8")) /* display widths */
		return 1;
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}

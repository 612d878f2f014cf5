/* test_vitprof_bin.c - vitprof-bin: the bytes the writer lays out (by the
 * layout of docs/vitprof-format.md, worked out by hand below), and an
 * error at the right byte offset for every rule a damaged file breaks. */
#include "tests/testutil.h"

/* Every kind of record once. Its strings, in the order of first use:
 * 0 "p", 1 "a", 2 "b", 3 "b.c", 4 "L", 5 "x-key", 6 "1" (20 bytes, from
 * byte 152, "x-key" at 164, "1" at 170; padded to 176); then function a
 * at 176 and b at 224 (48 bytes each), the line count at 272, the edge at
 * 288, the branch site at 320, the loop site at 360, contexts at 400 and
 * 432, the extra key at 464: 480 bytes. */
static const char fixture[] =
    "{'program': 'p', 'meta': {'mode': 'instrumented', 'runs': 2},"
    " 'functions': {'a': {'calls': 1, 'time_ns': 10, 'lines': {'3': 7}},"
    "               'b': {'calls': 2, 'time_ns': 5, 'file': 'b.c', 'line': 4}},"
    " 'calls': [{'caller': 'a', 'callee': 'b', 'count': 2, 'time_ns': 5}],"
    " 'branches': {'sites': [{'function': 'a', 'line': 3, 'taken': 1, 'not_taken': 2}]},"
    " 'loops': {'sites': [{'function': 'b', 'name': 'L', 'line': 5, 'entries': 1,"
    "                      'iterations': 9}]},"
    " 'contexts': [{'function': 'a', 'calls': 1, 'self_ns': 5},"
    "              {'parent': 0, 'function': 'b', 'calls': 2, 'self_ns': 5}],"
    " 'x-key': 1}";

static unsigned char bin[1024];
static size_t bin_len;

static uint32_t get32(size_t off)
{
	return bin[off] | (uint32_t)bin[off + 1] << 8 | (uint32_t)bin[off + 2] << 16 |
	       (uint32_t)bin[off + 3] << 24;
}

static uint64_t get64(size_t off)
{
	return get32(off) | (uint64_t)get32(off + 4) << 32;
}

static void put32(size_t off, uint32_t v)
{
	bin[off] = (unsigned char)v;
	bin[off + 1] = (unsigned char)(v >> 8);
	bin[off + 2] = (unsigned char)(v >> 16);
	bin[off + 3] = (unsigned char)(v >> 24);
}

/* The fixture, written in vitprof-bin into bin. */
static int setup(void **state)
{
	struct profile *p = tu_load_q(fixture);
	struct strbuf sb = STRBUF_INIT;
	struct error err;

	(void)state;
	assert_int_equal(exporter_vitprof_bin.write(p, &sb, &err), STATUS_OK);
	assert_true(sb.len <= sizeof(bin));
	memcpy(bin, sb.buf, sb.len);
	bin_len = sb.len;
	sb_free(&sb);
	profile_free(p);
	return 0;
}

/* Load bin's first len bytes (sniffed: no format given). */
static enum status load(size_t len, struct profile **p, struct error *err)
{
	char buf[sizeof(bin) + 1];

	memcpy(buf, bin, len);
	buf[len] = '\0';
	return loader_load_buffer("t.vpbin", buf, len, NULL, NULL, p, err);
}

/* bin (len bytes) is refused with exactly this message. */
static void refused(size_t len, const char *text)
{
	struct profile *p = NULL;
	struct error err = {0};

	if (load(len, &p, &err) == STATUS_OK)
		fail_msg("loaded, wanted: %s", text);
	assert_null(p);
	assert_string_equal(err.text, text);
}

/* The header and the records hold the fixture's values where the
 * layout puts them. */
static void test_layout(void **state)
{
	static const char strings[] = "p\0a\0b\0b.c\0L\0x-key\0"
				      "1";

	(void)state;
	assert_int_equal(bin_len, 480);
	assert_memory_equal(bin, "\x89vitprof-bin\r\n\x1a\n", 16);
	assert_int_equal(get32(16), 1);	      /* version */
	assert_int_equal(get32(20), 1);	      /* flags: meta */
	assert_int_equal(get32(24), 7);	      /* strings */
	assert_int_equal(get32(28), 2);	      /* functions */
	assert_int_equal(get32(32), 1);	      /* line counts */
	assert_int_equal(get32(36), 1);	      /* edges */
	assert_int_equal(get32(40), 1);	      /* branch sites */
	assert_int_equal(get32(44), 1);	      /* loop sites */
	assert_int_equal(get32(48), 2);	      /* contexts */
	assert_int_equal(get32(52), 1);	      /* extra keys */
	assert_int_equal(get32(56), 0);	      /* hot loops */
	assert_int_equal(get32(60), 0);	      /* program: "p" */
	assert_int_equal(get32(64), 1);	      /* instrumented */
	assert_int_equal(get32(72), PF_NONE); /* created */
	assert_int_equal(get64(88), 20);      /* string bytes */
	assert_int_equal(get64(96), 2);	      /* runs */
	assert_memory_equal(bin + 152, strings, 20);
	/* function b: name 2, file 3, no checksum, line 4, flags: line */
	assert_int_equal(get32(224), 2);
	assert_int_equal(get32(228), 3);
	assert_int_equal(get32(232), PF_NONE);
	assert_int_equal(get32(236), 4);
	assert_int_equal(get32(244), PF_HAS_LINE);
	assert_int_equal(get64(248), 2); /* calls */
	assert_int_equal(get64(256), 5); /* time_ns */
	assert_int_equal(get64(264), 0); /* self_ns: derived */
	/* the line count: function 0, line 3, count 7 */
	assert_int_equal(get32(272), 0);
	assert_int_equal(get32(276), 3);
	assert_int_equal(get64(280), 7);
	/* the edge a -> b, count 2, time 5, flags: time */
	assert_int_equal(get32(288), 0);
	assert_int_equal(get32(292), 1);
	assert_int_equal(get32(296), PF_HAS_TIME);
	assert_int_equal(get64(304), 2);
	assert_int_equal(get64(312), 5);
	/* the loop site's name "L"; the second context under the first */
	assert_int_equal(get32(364), 4);
	assert_int_equal(get64(392), 0); /* no time_ns */
	assert_int_equal(get32(432), 0);
	assert_int_equal(get32(436), 1);
	/* the extra key: the top level's "x-key", value "1" */
	assert_int_equal(get32(464), PF_OWN_ROOT);
	assert_int_equal(get32(472), 5);
	assert_int_equal(get32(476), 6);
}

/* It loads to the JSON's profile. */
static void test_loads(void **state)
{
	struct profile *p, *q = tu_load_q(fixture);
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct error err;

	(void)state;
	assert_int_equal(load(bin_len, &p, &err), STATUS_OK);
	assert_int_equal(tu_func(p, "a")->self_ns, 5); /* derived: 10 - 5 */
	assert_int_equal(p->contexts.v[0].time_ns, 10);
	exporter_vitprof.write(p, &a, &err);
	exporter_vitprof.write(q, &b, &err);
	assert_string_equal(sb_str(&a), sb_str(&b));
	sb_free(&a);
	sb_free(&b);
	profile_free(p);
	profile_free(q);
}

static void test_header_errors(void **state)
{
	struct profile *p = NULL;
	struct error err;

	(void)state;
	bin[16] = 2;
	assert_int_equal(load(bin_len, &p, &err), STATUS_VERSION);
	assert_string_equal(err.text, "t.vpbin:+16: error: vitprof-bin version 2 is not supported "
				      "(this vitte-pgo reads version 1); upgrade vitte-pgo");
	bin[16] = 0;
	refused(bin_len, "t.vpbin:+16: error: vitprof-bin versions start at 1, found 0");
	bin[16] = 1;
	put32(20, 5);
	refused(bin_len, "t.vpbin:+20: error: unknown header flags 0x4");
	put32(20, 1);
	refused(100, "t.vpbin:+100: error: truncated: the header is 152 bytes, the file 100");
	refused(479, "t.vpbin:+52: error: 1 extra keys of 16 bytes from byte 464 run past the "
		     "end of the file (479 bytes)");
	memset(bin + 480, 0, 8);
	refused(488, "t.vpbin:+480: error: 8 bytes after the last section");
	put32(24, 500);
	refused(bin_len, "t.vpbin:+24: error: 500 strings do not fit in 20 bytes of strings");
	put32(24, 7);
	put32(64, 7);
	refused(bin_len, "t.vpbin:+64: error: unknown mode 7");
	put32(64, 1);
	put32(96, 0);
	refused(bin_len, "t.vpbin:+96: error: runs must be at least 1");
	put32(96, 2);
	bin[143] = 0x40;
	refused(bin_len, "t.vpbin:+136: error: a legacy branch percentage without the header flag "
			 "that has them");
	bin[143] = 0;
	put32(60, 7);
	refused(bin_len,
		"t.vpbin:+60: error: program is string 7, past the string table (7 strings)");
	put32(60, 0);
}

static void test_string_errors(void **state)
{
	(void)state;
	bin[153] = 'q'; /* "p" runs into "a": one string short */
	refused(bin_len,
		"t.vpbin:+172: error: string 6 of 7 runs past the end of the string table");
	bin[153] = 0;
	bin[152] = 0xff;
	refused(bin_len, "t.vpbin:+152: error: string 0 is not valid UTF-8");
	bin[152] = 'p';
	bin[156] = 'a';
	refused(bin_len, "t.vpbin:+156: error: string 2 repeats an earlier one");
	bin[170] = 0xff; /* a bad string after the repeat: the repeat comes first */
	refused(bin_len, "t.vpbin:+156: error: string 2 repeats an earlier one");
	bin[156] = 'b';
	refused(bin_len, "t.vpbin:+170: error: string 6 is not valid UTF-8");
	bin[170] = '1';
	bin[154] = 0xff; /* and a repeat after a bad string: the bad string first */
	bin[156] = 'p';
	refused(bin_len, "t.vpbin:+154: error: string 1 is not valid UTF-8");
	bin[154] = 'a';
	bin[156] = 'b';
	bin[173] = 1;
	refused(bin_len, "t.vpbin:+173: error: padding byte is 0x01, not 0");
	bin[173] = 0;
}

static void test_record_errors(void **state)
{
	(void)state;
	put32(224, 9);
	refused(bin_len, "t.vpbin:+224: error: function 1: the name is string 9, past the "
			 "string table (7 strings)");
	put32(224, 1);
	refused(bin_len,
		"t.vpbin:+224: error: function 1: duplicate function \"a\" (first: function 0)");
	put32(224, 2);
	put32(196, PF_HAS_LINES_OBJ | 0x100);
	refused(bin_len, "t.vpbin:+196: error: function 0: unknown flags 0x100");
	put32(196, PF_HAS_LINES_OBJ);
	put32(188, 5);
	refused(bin_len, "t.vpbin:+188: error: function 0: the line (no line flag) is 5, not 0");
	put32(188, 0);
	put32(196, PF_IMPLICIT);
	refused(bin_len, "t.vpbin:+196: error: function 0: an implicit function has no counters, "
			 "file, line, size, checksum or line counts");
	put32(196, 0);
	refused(bin_len,
		"t.vpbin:+272: error: line count 0: function 0 has no line counts (flag 64 clear)");
	put32(196, PF_HAS_LINES_OBJ);
	put32(276, 0);
	refused(bin_len, "t.vpbin:+276: error: line count 0: line 0: lines are numbered from 1");
	put32(276, 3);
	put32(292, 2);
	refused(bin_len, "t.vpbin:+292: error: edge 0: the callee is function 2, past the last "
			 "one (2 functions)");
	put32(292, 1);
	put32(300, 1);
	refused(bin_len, "t.vpbin:+300: error: edge 0: the reserved field is 1, not 0");
	put32(300, 0);
	put32(332, 99);
	refused(bin_len, "t.vpbin:+332: error: branch site 0: the id is string 99, past the "
			 "string table (7 strings)");
	put32(332, PF_NONE);
	put32(400, 0);
	refused(bin_len, "t.vpbin:+400: error: context 0: the parent must be an earlier context, "
			 "found 0");
	put32(400, PF_NONE);
	/* a second root of a: two contexts with one identity */
	put32(432, PF_NONE);
	put32(436, 0);
	refused(bin_len, "t.vpbin:+432: error: context 1: duplicate context (same parent and "
			 "function as context 0)");
	put32(432, 0);
	put32(436, 1);
}

static void test_extra_errors(void **state)
{
	(void)state;
	put32(464, 9);
	refused(bin_len, "t.vpbin:+464: error: extra key 0: unknown owner kind 9");
	put32(464, PF_OWN_EDGE);
	put32(468, 1);
	refused(bin_len, "t.vpbin:+468: error: extra key 0: owner 1 is past the last one (1)");
	put32(464, PF_OWN_ROOT);
	put32(468, 0);
	memcpy(bin + 164, "calls", 5); /* the key "x-key" made a key of the format */
	refused(bin_len,
		"t.vpbin:+472: error: extra key 0: \"calls\" is a key of the format, not an "
		"unknown one");
	memcpy(bin + 164, "x-key", 5);
	bin[170] = '}';
	refused(bin_len, "t.vpbin:+476: error: extra key 0: the value is not one JSON value");
	bin[170] = '1';
}

/* Long strings, read 8 bytes at a time: a character of two bytes past
 * the first 8 reads back; a bad byte there is found where it is; the one
 * empty string (the program's) as a name is refused. The strings: 0 ""
 * (program), 1 the name (40 bytes and a NUL, the 0xc3 0xa9 at 17), so
 * the name's first byte is at 153 and the function record at 152 + 48. */
static void test_long_strings(void **state)
{
	static const char name[] = "abcdefghijklmnopq\xc3\xa9rstuvwxyz_0123456789A";
	struct profile *p = tu_load_q("{'program': '', 'functions': {'abcdefghijklmnopq\xc3\xa9"
				      "rstuvwxyz_0123456789A': {'calls': 1, 'time_ns': 1}}}");
	struct strbuf sb = STRBUF_INIT;
	struct error err;

	(void)state;
	assert_int_equal(strlen(name), 40);
	assert_int_equal(exporter_vitprof_bin.write(p, &sb, &err), STATUS_OK);
	profile_free(p);
	assert_true(sb.len <= sizeof(bin));
	memcpy(bin, sb.buf, sb.len);
	bin_len = sb.len;
	sb_free(&sb);
	assert_int_equal(get64(88), 42); /* "" and the name, with their NULs */
	assert_memory_equal(bin + 153, name, 41);
	assert_int_equal(load(bin_len, &p, &err), STATUS_OK);
	assert_string_equal(profile_str(p, p->funcs.v[0].name), name);
	assert_int_equal(p->program, 0);
	assert_string_equal(profile_str(p, p->program), "");
	profile_free(p);
	bin[153 + 17] = 0xff;
	refused(bin_len, "t.vpbin:+170: error: string 1 is not valid UTF-8");
	bin[153 + 17] = 0xc3;
	bin[153 + 18] = 'x'; /* 0xc3 then no continuation byte */
	refused(bin_len, "t.vpbin:+170: error: string 1 is not valid UTF-8");
	bin[153 + 18] = 0xa9;
	put32(200, 0);
	refused(bin_len, "t.vpbin:+200: error: function 0: the name must not be empty");
}

/* The encoding has no section for discriminator counts: the exporter
 * says how many it drops; a profile without them has nothing to say. */
static void test_discriminators_noted(void **state)
{
	struct profile *p = tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 1, 'lines': "
				      "{'4': 9}, 'discriminators': {'4.0': 9, '4.1': 3}}}}");
	struct strbuf notes = STRBUF_INIT, out = STRBUF_INIT;
	struct profile *q = NULL;
	struct error err;

	(void)state;
	exporter_vitprof_bin.notes(p, &notes);
	assert_string_equal(sb_str(&notes),
			    "dropped 2 discriminator counts (vitprof-bin has no room for them)\n");
	profile_free(p);
	sb_reset(&notes);
	p = tu_load_q("{'functions': {'f': {'calls': 1, 'time_ns': 1, 'lines': {'4': 9}}}}");
	exporter_vitprof_bin.notes(p, &notes);
	assert_string_equal(sb_str(&notes), "");
	/* nor may an extra key take the name: the JSON text would misread it */
	profile_add_extra(p, PF_OWN_FUNCTION, 0, profile_intern(p, "discriminators", 14),
			  profile_intern(p, "1", 1));
	assert_int_equal(exporter_vitprof_bin.write(p, &out, &err), STATUS_OK);
	assert_int_not_equal(
	    loader_load_buffer("d.vpbin", sb_str(&out), out.len, NULL, NULL, &q, &err), STATUS_OK);
	assert_non_null(strstr(err.text, "\"discriminators\" is a key of the format"));
	sb_free(&out);
	sb_free(&notes);
	profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_layout, setup),
	    cmocka_unit_test_setup(test_loads, setup),
	    cmocka_unit_test(test_discriminators_noted),
	    cmocka_unit_test_setup(test_header_errors, setup),
	    cmocka_unit_test_setup(test_string_errors, setup),
	    cmocka_unit_test_setup(test_record_errors, setup),
	    cmocka_unit_test_setup(test_extra_errors, setup),
	    cmocka_unit_test(test_long_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

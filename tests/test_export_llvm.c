/* test_export_llvm.c - the llvm-sample and llvm-profdata exporters: exact
 * text for hand-made profiles, then LLVM's own tools on the output: a
 * profile of tests/data/llvm_loop.c, read back by llvm-profdata and
 * applied by clang -fprofile-sample-use to the lines it names.
 */
#include "tests/testutil.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analysis/exporters.h"

static char dir[64];	/* scratch files */
static char root[1024]; /* the source tree (the working directory) */
static char tool[64];	/* llvm-profdata's name, "" when absent */
static bool have_clang;

static int setup(void **state)
{
	(void)state;
	if (!getcwd(root, sizeof(root)))
		return -1;
	if (tu_sh("command -v llvm-profdata >/dev/null") == 0)
		snprintf(tool, sizeof(tool), "llvm-profdata");
	else if (tu_sh("command -v llvm-profdata-14 >/dev/null") == 0)
		snprintf(tool, sizeof(tool), "llvm-profdata-14");
	have_clang = tu_sh("command -v clang >/dev/null") == 0;
	snprintf(dir, sizeof(dir), "/tmp/vitte-llvm-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return tu_sh("rm -rf '%s'", dir) == 0 ? 0 : -1;
}

static char *read_scratch(const char *name);

/* The llvm-sample text of a profile (caller frees). */
static char *sample_text(const struct profile *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err;

	assert_int_equal(exporter_llvm_sample.write(p, &sb, &err), STATUS_OK);
	return sb_detach(&sb, NULL);
}

static void test_in_the_table(void **state)
{
	(void)state;
	assert_ptr_equal(exporter_find("llvm-sample"), &exporter_llvm_sample);
	assert_ptr_equal(exporter_find("llvm-profdata"), &exporter_llvm_profdata);
	assert_string_equal(exporter_llvm_profdata.extension, ".profdata");
}

/* examples/full.vitprof by hand: offsets from each function's "line",
 * offset 0 = calls where the declaration line has no count, TOTAL = the
 * sum of the body; add, main::loop and parse have no lines (calls only),
 * io::flush was never called. */
static void test_full_example(void **state)
{
	struct profile *p = tu_load_file("examples/full.vitprof");
	char *out = sample_text(p);

	(void)state;
	assert_string_equal(out, "add:152343:152343\n"
				 " 0: 152343\n"
				 "compute:153249:302\n" /* 302 + 302 + 152645 */
				 " 0: 302\n"
				 " 3: 302\n"
				 " 5: 152645\n"
				 "engine::step:1170:300\n" /* 300 + 300 + 300 + 270 */
				 " 0: 300\n"
				 " 2: 300\n"
				 " 4: 300\n"
				 " 6: 270\n"
				 "main:4:1\n"
				 " 0: 1\n"
				 " 2: 1\n"
				 " 4: 1\n"
				 " 8: 1\n"
				 "main::loop:1:1\n"
				 " 0: 1\n"
				 "parse:1:1\n"
				 " 0: 1\n");
	free(out);
	profile_free(p);
}

/* What the format cannot hold is dropped and counted in '#' lines. */
static void test_dropped_counted(void **state)
{
	struct profile *p =
	    tu_load_q("{'functions': {"
		      " 'f': {'calls': 7, 'time_ns': 1, 'line': 10, 'lines': {'8': 5, '9': 6,"
		      "  '10': 3, '12': 4, '65545': 2, '65546': 1}},"
		      " 'g': {'calls': 2, 'time_ns': 1, 'lines': {'3': 9}},"
		      " 'h': {'calls': 0, 'time_ns': 1, 'line': 4, 'lines': {'5': 0}},"
		      " 'i': {'calls': 0, 'time_ns': 1, 'line': 1},"
		      " '#x': {'calls': 1, 'time_ns': 1}, ' y': {'calls': 1, 'time_ns': 1},"
		      " 'a\\u0001b': {'calls': 1, 'time_ns': 1}}}");
	char *out = sample_text(p);
	struct strbuf notes = STRBUF_INIT;

	(void)state;
	assert_string_equal(out, "# vitte-pgo: dropped 2 line counts before their function's "
				 "declaration line\n"
				 "# vitte-pgo: dropped 1 line count 65536 or more lines after "
				 "their function's declaration line\n"
				 "# vitte-pgo: dropped 1 line count of functions whose "
				 "declaration line is unknown\n"
				 "# vitte-pgo: dropped 3 functions whose names the format cannot "
				 "hold\n"
				 "f:9:7\n" /* the declaration line's own count, no calls */
				 " 0: 3\n"
				 " 2: 4\n"
				 " 65535: 2\n"
				 "g:2:2\n" /* no declaration line: calls only */
				 " 0: 2\n"
				 "h:0:0\n" /* never called: no made-up offset 0 */
				 " 1: 0\n");
	free(out);
	/* the same, for warnings (both exporters) */
	exporter_llvm_sample.notes(p, &notes);
	assert_string_equal(sb_str(&notes),
			    "dropped 2 line counts before their function's declaration line\n"
			    "dropped 1 line count 65536 or more lines after their function's "
			    "declaration line\n"
			    "dropped 1 line count of functions whose declaration line is unknown\n"
			    "dropped 3 functions whose names the format cannot hold\n");
	sb_reset(&notes);
	exporter_llvm_profdata.notes(p, &notes);
	assert_true(strstr(sb_str(&notes), "dropped 2 line counts before") == sb_str(&notes));
	sb_free(&notes);
	profile_free(p);
}

/* vitte-pgo record's profiles have samples per line and no call counts:
 * HEAD 0, and no offset 0 record made up from them. */
static void test_sampled_no_calls(void **state)
{
	struct profile *p =
	    tu_load_q("{'meta': {'mode': 'sampled'}, 'functions': {"
		      " 'f': {'calls': 0, 'time_ns': 1, 'line': 3,"
		      "  'lines': {'4': 10, '6': 30}},"
		      " 'g': {'calls': 0, 'time_ns': 1, 'line': 3, 'lines': {'3': 2}}}}");
	char *out = sample_text(p);

	(void)state;
	assert_string_equal(out, "f:40:0\n"
				 " 1: 10\n"
				 " 3: 30\n"
				 "g:2:0\n"
				 " 0: 2\n");
	free(out);
	profile_free(p);
}

/* The copies of a static function, named by their unit in the profile
 * ("a.c:mix", "b.c:mix", "h.h:other@+0x11ec"), are one record under the
 * compiler's name, their counts summed offset by offset: mix's offset 2 is
 * 10 + 6 and its calls 4 + 6; "ns::f" is no unit. */
static void test_static_copies(void **state)
{
	struct profile *p = tu_load_q(
	    "{'functions': {"
	    " 'a.c:mix': {'calls': 4, 'time_ns': 1, 'line': 3, 'lines': {'3': 4, '5': 10}},"
	    " 'b.c:mix': {'calls': 6, 'time_ns': 1, 'line': 3, 'lines': {'5': 6, '6': 1}},"
	    " 'h.h:other@+0x11ec': {'calls': 2, 'time_ns': 1},"
	    " 'ns::f': {'calls': 1, 'time_ns': 1}, 'main': {'calls': 1, 'time_ns': 1}}}");
	char *out = sample_text(p);

	(void)state;
	assert_string_equal(out, "main:1:1\n"
				 " 0: 1\n"
				 "mix:21:10\n"
				 " 0: 4\n"
				 " 2: 16\n"
				 " 3: 1\n"
				 "ns::f:1:1\n"
				 " 0: 1\n"
				 "other:2:2\n"
				 " 0: 2\n");
	free(out);
	profile_free(p);
}

/* The counts of a line's discriminators replace its count: "N:" for
 * discriminator 0, "N.D:" for the others, summed over the copies of a
 * static function offset and discriminator alike (b.c's line 4 has no
 * discriminator 0: its line count 7 is not written). TOTAL: 10 + 1000 +
 * 507 + 100 + 2 + 5. llvm-profdata reads every one back as written. */
static void test_discriminators(void **state)
{
	struct profile *p =
	    tu_load_q("{'functions': {"
		      " 'a.c:f': {'calls': 10, 'time_ns': 1, 'line': 2, 'lines': {'2': 10, '4': "
		      "1000, '6': 5},"
		      "  'discriminators': {'4.0': 1000, '4.1': 500, '4.2': 100}},"
		      " 'b.c:f': {'calls': 1, 'time_ns': 1, 'line': 2, 'lines': {'4': 7},"
		      "  'discriminators': {'4.3': 2, '4.1': 7}}}}");
	const char *want = "f:1624:11\n"
			   " 0: 10\n"
			   " 2: 1000\n"
			   " 2.1: 507\n"
			   " 2.2: 100\n"
			   " 2.3: 2\n"
			   " 4: 5\n";
	char *out = sample_text(p), path[256], *back;
	struct error err;

	(void)state;
	assert_string_equal(out, want);
	if (*tool) {
		snprintf(path, sizeof(path), "%s/discs.prof", dir);
		assert_int_equal(exporter_write_file(&exporter_llvm_sample, p, path, true, &err),
				 STATUS_OK);
		assert_int_equal(
		    tu_sh("%s merge --sample --text -o %s/discs-back.prof %s", tool, dir, path), 0);
		back = read_scratch("discs-back.prof");
		assert_string_equal(back, want);
		free(back);
	}
	free(out);
	profile_free(p);
}

static void test_totals_saturate(void **state)
{
	struct profile *p =
	    tu_load_q("{'functions': {'f': {'calls': 18446744073709551615, 'time_ns': 1, "
		      "'line': 1, 'lines': {'2': 18446744073709551615}}}}");
	char *out = sample_text(p);

	(void)state;
	assert_string_equal(out, "f:18446744073709551615:18446744073709551615\n"
				 " 0: 18446744073709551615\n"
				 " 1: 18446744073709551615\n");
	free(out);
	profile_free(p);
}

static void test_empty_profile(void **state)
{
	struct profile *p = tu_load_q("{'functions': {}}");
	char *out = sample_text(p);
	struct strbuf notes = STRBUF_INIT;

	(void)state;
	assert_string_equal(out, "");
	exporter_llvm_sample.notes(p, &notes);
	assert_int_equal(notes.len, 0);
	sb_free(&notes);
	free(out);
	profile_free(p);
}

/* Run the llvm-profdata exporter with PATH (and TMPDIR) set to dir. */
static enum status profdata_with_path(const struct profile *p, const char *path, struct error *err)
{
	char *old_path = xstrdup(getenv("PATH") ? getenv("PATH") : "");
	const char *old_tmp = getenv("TMPDIR");
	char *saved_tmp = old_tmp ? xstrdup(old_tmp) : NULL;
	struct strbuf sb = STRBUF_INIT;
	enum status st;

	setenv("PATH", path, 1);
	setenv("TMPDIR", path, 1);
	st = exporter_llvm_profdata.write(p, &sb, err);
	setenv("PATH", old_path, 1);
	if (saved_tmp)
		setenv("TMPDIR", saved_tmp, 1);
	else
		unsetenv("TMPDIR");
	free(old_path);
	free(saved_tmp);
	sb_free(&sb);
	return st;
}

static void test_profdata_not_found(void **state)
{
	struct profile *p = tu_load_file("examples/full.vitprof");
	char empty[128];
	struct error err;

	(void)state;
	snprintf(empty, sizeof(empty), "%s/empty", dir);
	assert_int_equal(mkdir(empty, 0700), 0);
	assert_int_equal(profdata_with_path(p, empty, &err), STATUS_IO);
	assert_string_equal(err.text, "error: llvm-profdata not found: install llvm (Debian: "
				      "llvm) or use --format llvm-sample");
	profile_free(p);
}

/* A failing llvm-profdata: its exit status and first line of stderr are
 * in the error, and its temporary directory is gone. */
static void test_profdata_tool_fails(void **state)
{
	struct profile *p = tu_load_file("examples/full.vitprof");
	char bin[128], want[512];
	struct error err;

	(void)state;
	snprintf(bin, sizeof(bin), "%s/fake", dir);
	assert_int_equal(tu_sh("mkdir %s && printf '#!/bin/sh\\necho \"boom: $1\" >&2\\n"
			       "echo more >&2\\nexit 3\\n' >%s/llvm-profdata && "
			       "chmod +x %s/llvm-profdata",
			       bin, bin, bin),
			 0);
	assert_int_equal(profdata_with_path(p, bin, &err), STATUS_IO);
	snprintf(want, sizeof(want), "%s/llvm-profdata: error: failed (exit 3): boom: merge", bin);
	assert_string_equal(err.text, want);
	assert_int_equal(tu_sh("test \"$(ls %s)\" = llvm-profdata", bin), 0);
	profile_free(p);
}

/* The profile of tests/data/llvm_loop.c: work() is declared on line 6, its
 * loop body is line 10; main() is declared on line 14 and calls work on
 * line 17. */
static const char loop_profile[] =
    "{'functions': {"
    " 'work': {'calls': 1, 'time_ns': 1, 'line': 6, 'lines': {'8': 1, '9': 1001, '10': 1000, '11': "
    "1}},"
    " 'main': {'calls': 1, 'time_ns': 1, 'line': 14, 'lines': {'16': 1, '17': 1, '18': 1}}}}";

/* Skip (saying why) unless clang and llvm-profdata are installed. */
static void need_tools(void)
{
	if (!*tool || !have_clang) {
		print_message("skipped: %s not installed (Debian: llvm, clang)\n",
			      *tool ? "clang" : "llvm-profdata");
		skip();
	}
}

/* The whole text of dir/name (caller frees). */
static char *read_scratch(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return tu_read_file(path);
}

/* Check what llvm-profdata shows of dir/file, and that clang applies it
 * to the lines of tests/data/llvm_loop.c, without a warning. */
static void check_with_llvm(const char *file)
{
	char *show, *log;

	assert_int_equal(
	    tu_sh("%s show --sample --all-functions %s/%s >%s/show.txt 2>&1", tool, dir, file, dir),
	    0);
	show = read_scratch("show.txt");
	/* "Function: NAME: TOTAL, HEAD, N sampled lines" */
	if (!strstr(show, "Function: work: 2004, 1, 5 sampled lines\n") ||
	    !strstr(show, "Function: main: 4, 1, 4 sampled lines\n") ||
	    !strstr(show, "  4: 1000\n"))
		fail_msg("llvm-profdata show:\n%s", show);
	free(show);

	assert_int_equal(tu_sh("clang -O2 -gline-tables-only -fdebug-info-for-profiling "
			       "-fprofile-sample-use=%s/%s -Rpass-analysis=sample-profile -c "
			       "%s/tests/data/llvm_loop.c -o %s/llvm_loop.o 2>%s/cc.txt",
			       dir, file, root, dir, dir),
			 0);
	log = read_scratch("cc.txt");
	/* the loop body (line 10, offset 4) and the call of work (line 17,
	 * offset 3) got their counts: the functions and lines matched */
	if (strstr(log, "warning") || !strstr(log, "llvm_loop.c:10:") ||
	    !strstr(log, "remark: Applied 1000 samples from profile (offset: 4)") ||
	    !strstr(log, "llvm_loop.c:17:") ||
	    !strstr(log, "remark: Applied 1 samples from profile (offset: 3)"))
		fail_msg("clang -fprofile-sample-use:\n%s", log);
	free(log);
}

static void test_llvm_sample_real_tools(void **state)
{
	struct profile *p = tu_load_q(loop_profile);
	char *out = sample_text(p);
	char path[256];
	struct error err;

	(void)state;
	need_tools();
	assert_string_equal(out, "main:4:1\n"
				 " 0: 1\n"
				 " 2: 1\n"
				 " 3: 1\n"
				 " 4: 1\n"
				 "work:2004:1\n"
				 " 0: 1\n"
				 " 2: 1\n"
				 " 3: 1001\n"
				 " 4: 1000\n"
				 " 5: 1\n");
	snprintf(path, sizeof(path), "%s/loop.prof", dir);
	assert_int_equal(exporter_write_file(&exporter_llvm_sample, p, path, true, &err),
			 STATUS_OK);
	check_with_llvm("loop.prof");
	free(out);
	profile_free(p);
}

static void test_llvm_profdata_real_tools(void **state)
{
	struct profile *p = tu_load_q(loop_profile);
	char path[256];
	struct error err;

	(void)state;
	need_tools();
	snprintf(path, sizeof(path), "%s/loop.profdata", dir);
	if (exporter_write_file(&exporter_llvm_profdata, p, path, true, &err) != STATUS_OK)
		fail_msg("%s", err.text);
	/* binary, not the text: LLVM's raw sample profile magic */
	assert_int_not_equal(tu_sh("grep -q '^work:' %s", path), 0);
	check_with_llvm("loop.profdata");
	profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_in_the_table),
	    cmocka_unit_test(test_full_example),
	    cmocka_unit_test(test_dropped_counted),
	    cmocka_unit_test(test_sampled_no_calls),
	    cmocka_unit_test(test_static_copies),
	    cmocka_unit_test(test_discriminators),
	    cmocka_unit_test(test_totals_saturate),
	    cmocka_unit_test(test_empty_profile),
	    cmocka_unit_test(test_profdata_not_found),
	    cmocka_unit_test(test_profdata_tool_fails),
	    cmocka_unit_test(test_llvm_sample_real_tools),
	    cmocka_unit_test(test_llvm_profdata_real_tools),
	};

	return cmocka_run_group_tests_name("export_llvm", tests, setup, teardown);
}

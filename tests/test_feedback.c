/* test_feedback.c - the Vitte optimizer's feedback file: every field of a
 * small profile worked out by hand, an empty profile, the exporter table. */
#include "tests/testutil.h"

#include "analysis/exporters.h"
#include "analysis/feedback.h"

/* f (10 calls, 900 ns) calls g 100 times (100 ns); h never runs.
 * Self: f 900 - 100 = 800, g 100; total 900. Ranked f, g: f has 0 % before
 * it, g 800/900 = 88.9 % < 90 %, so both are hot; h never ran: cold. The
 * edge f -> g has all 100 calls (>= 1 %), g's size is unknown: inline.
 * Branches: f:5 95/100 = 0.95 >= 0.90 likely; f:7 0.5 in [0.3, 0.7]
 * unpredictable; g:3 0.8 none (left out). Loops: f:4 1000/10 = 100 >= 64
 * vectorize; g:2 300/100 = 3 <= 8 unroll; g:9 20/1 = 20 none. */
static const char small[] =
    "{'functions': {'f': {'calls': 10, 'time_ns': 900}, 'g': {'calls': 100, 'time_ns': 100},"
    " 'h': {'calls': 0, 'time_ns': 0}},"
    " 'calls': [{'caller': 'f', 'callee': 'g', 'count': 100, 'time_ns': 100}],"
    " 'branches': {'sites': [{'function': 'f', 'line': 5, 'taken': 95, 'not_taken': 5},"
    "  {'function': 'f', 'line': 7, 'taken': 50, 'not_taken': 50},"
    "  {'function': 'g', 'line': 3, 'taken': 80, 'not_taken': 20}]},"
    " 'loops': {'sites': [{'function': 'f', 'line': 4, 'entries': 10, 'iterations': 1000},"
    "  {'function': 'g', 'line': 2, 'entries': 100, 'iterations': 300},"
    "  {'function': 'g', 'line': 9, 'entries': 1, 'iterations': 20}]}}";

static const char small_feedback[] =
    "{\n"
    "  \"format\": \"vitte-feedback\",\n"
    "  \"version\": 1,\n"
    "  \"profile\": {\"mode\": \"unknown\", \"runs\": 1, \"total_self_ns\": 900},\n"
    "  \"order\": [\"f\", \"g\"],\n"
    "  \"functions\": {\n"
    "    \"f\": {\"class\": \"hot\", \"calls\": 10, \"self_share\": 0.8888888888888888, "
    "\"inline\": [{\"callee\": \"g\", \"count\": 100}], "
    "\"branches\": [{\"line\": 5, \"hint\": \"likely\", \"p_taken\": 0.95}, "
    "{\"line\": 7, \"hint\": \"unpredictable\", \"p_taken\": 0.5}], "
    "\"loops\": [{\"line\": 4, \"hint\": \"vectorize\", \"avg_trip\": 100}]},\n"
    "    \"g\": {\"class\": \"hot\", \"calls\": 100, \"self_share\": 0.1111111111111111, "
    "\"loops\": [{\"line\": 2, \"hint\": \"unroll\", \"avg_trip\": 3}]},\n"
    "    \"h\": {\"class\": \"cold\", \"calls\": 0, \"self_share\": 0}\n"
    "  }\n"
    "}\n";

static char *feedback_of(const struct profile *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err;

	assert_int_equal(exporter_feedback.write(p, &sb, &err), STATUS_OK);
	return sb_detach(&sb, NULL);
}

static void test_small_profile(void **state)
{
	struct profile *p = tu_load_q(small);
	char *text = feedback_of(p);

	(void)state;
	assert_string_equal(text, small_feedback);
	free(text);
	profile_free(p);
}

static void test_empty_profile(void **state)
{
	struct profile *p = tu_load_q("{'program': 'x', 'functions': {}}");
	char *text = feedback_of(p);

	(void)state;
	assert_string_equal(text, "{\n"
				  "  \"format\": \"vitte-feedback\",\n"
				  "  \"version\": 1,\n"
				  "  \"program\": \"x\",\n"
				  "  \"profile\": {\"mode\": \"unknown\", \"runs\": 1, "
				  "\"total_self_ns\": 0},\n"
				  "  \"order\": [],\n"
				  "  \"functions\": {}\n"
				  "}\n");
	free(text);
	profile_free(p);
}

static void test_in_the_table(void **state)
{
	(void)state;
	assert_ptr_equal(exporter_find("feedback"), &exporter_feedback);
	assert_string_equal(exporter_feedback.extension, ".feedback");
}

/* check on a text with ' for ": the status, and err's text */
static enum status check_q(const char *text, struct feedback_summary *s, struct error *err)
{
	char *json = xstrdup(text), *c;
	enum status st;

	for (c = json; *c; c++)
		if (*c == '\'')
			*c = '"';
	st = feedback_check("t.feedback", json, strlen(json), s, err);
	free(json);
	return st;
}

/* What the exporter writes, check reads: 2 hot, 1 cold; 1 inline call,
 * 2 branch and 2 loop hints (the small profile above). */
static void test_check_reads_the_export(void **state)
{
	struct profile *p = tu_load_q(small);
	char *text = feedback_of(p);
	struct feedback_summary s;
	struct error err = {0};

	(void)state;
	assert_true(feedback_sniff(text, strlen(text)));
	assert_int_equal(feedback_check("t.feedback", text, strlen(text), &s, &err), STATUS_OK);
	assert_int_equal(s.version, 1);
	assert_int_equal(s.functions, 3);
	assert_int_equal(s.hot, 2);
	assert_int_equal(s.warm, 0);
	assert_int_equal(s.cold, 1);
	assert_int_equal(s.inline_calls, 1);
	assert_int_equal(s.branches, 2);
	assert_int_equal(s.loops, 2);
	assert_false(feedback_sniff(small, strlen(small)));
	free(text);
	profile_free(p);
}

#define FB_HEAD "{'format': 'vitte-feedback', 'version': 1, 'order': [], 'functions': "

/* Each bad file: its status and its located message. */
static void test_check_errors(void **state)
{
	static const struct {
		const char *text;
		enum status st;
		const char *msg;
	} cases[] = {
	    {"{'format': 'vitte-feedback', 'version': 2, 'order': [], 'functions': {}}",
	     STATUS_VERSION,
	     "t.feedback:1:41: error: feedback version 2: this vitte-pgo reads version 1"},
	    {"{'format': 'vitprof', 'version': 1}", STATUS_INVALID,
	     "t.feedback:1:12: error: format \"vitprof\" is not one of the known ones"},
	    {"{'format': 'vitte-feedback', 'version': 1, 'order': []}", STATUS_INVALID,
	     "has no \"functions\""},
	    {FB_HEAD "{'f': {'class': 'tepid', 'calls': 1, 'self_share': 0}}}", STATUS_INVALID,
	     "t.feedback:1:86: error: class \"tepid\" is not one of the known ones"},
	    {FB_HEAD "{'f': {'class': 'hot', 'calls': -1, 'self_share': 0}}}", STATUS_INVALID,
	     "t.feedback:1:102: error: "},
	    {FB_HEAD "{'f': {'class': 'hot', 'calls': 1, 'self_share': 1.5}}}", STATUS_INVALID,
	     "self_share must be from 0 to 1, found 1.5"},
	    {FB_HEAD "{'f': {'class': 'hot', 'calls': 1, 'self_share': 0, 'inline': [{'callee': "
		     "'g', 'count': 1}]}}}",
	     STATUS_INVALID, "callee \"g\" is not in \"functions\""},
	    {FB_HEAD "{'f': {'class': 'hot', 'calls': 1, 'self_share': 0, 'branches': [{'line': 0, "
		     "'hint': 'likely', 'p_taken': 1}]}}}",
	     STATUS_INVALID, "line must be at least 1"},
	    {FB_HEAD "{'f': {'class': 'hot', 'calls': 1, 'self_share': 0, 'loops': [{'line': 3, "
		     "'hint': 'fuse', 'avg_trip': 1}]}}}",
	     STATUS_INVALID, "hint \"fuse\" is not one of the known ones"},
	    {"{'format': 'vitte-feedback', 'version': 1, 'order': ['f', 'f'], 'functions': "
	     "{'f': {'class': 'hot', 'calls': 1, 'self_share': 0}}}",
	     STATUS_INVALID, "\"f\" is twice in \"order\""},
	    {"{'format': 'vitte-feedback', 'version': 1, 'order': ['g'], 'functions': {}}",
	     STATUS_INVALID, "a name of \"order\" \"g\" is not in \"functions\""},
	};
	struct feedback_summary s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct error err = {0};

		assert_int_equal(check_q(cases[i].text, &s, &err), cases[i].st);
		if (!strstr(err.text, cases[i].msg))
			fail_msg("case %zu: %s, wanted %s", i, err.text, cases[i].msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_small_profile), cmocka_unit_test(test_empty_profile),
	    cmocka_unit_test(test_in_the_table),  cmocka_unit_test(test_check_reads_the_export),
	    cmocka_unit_test(test_check_errors),
	};

	return cmocka_run_group_tests_name("feedback", tests, NULL, NULL);
}

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_small_profile),
	    cmocka_unit_test(test_empty_profile),
	    cmocka_unit_test(test_in_the_table),
	};

	return cmocka_run_group_tests_name("feedback", tests, NULL, NULL);
}

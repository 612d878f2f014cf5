/* test_actions.c - the key table (ui/keys.h) is honest: every action is in
 * the help, has keys, and no key means two things in one view except
 * where a view-specific action is meant to shadow a global one; and the
 * dispatcher answers what the table says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <curses.h>

#include "ui/action.h"

/* The shadowings that are meant: in view, key goes to winner (listed
 * first in keys.h), not to loser. Nothing else may share a key. */
static const struct {
	enum view_kind view;
	int key;
	enum action winner, loser;
} intended[] = {
    {VIEW_TREE, KEY_RIGHT, ACT_EXPAND_RIGHT, ACT_ENTER},
    {VIEW_SOURCE, '\t', ACT_HOT_NEXT, ACT_NEXT_VIEW},
    {VIEW_SOURCE, KEY_BTAB, ACT_HOT_PREV, ACT_PREV_VIEW},
};
#define N_INTENDED (sizeof(intended) / sizeof(intended[0]))

static const char *const view_names[VIEW_KIND_COUNT] = {
    "hotspots", "function", "branches", "loops",     "profiles",
    "diff",	"tree",	    "source",	"diff-func", "help",
};

static bool action_has_key(enum action a, int key)
{
	int i;

	for (i = 0; action_table[a].keys[i]; i++)
		if (action_table[a].keys[i] == key)
			return true;
	return false;
}

static int intended_index(enum view_kind view, int key, enum action winner, enum action loser)
{
	size_t i;

	for (i = 0; i < N_INTENDED; i++)
		if (intended[i].view == view && intended[i].key == key &&
		    intended[i].winner == winner && intended[i].loser == loser)
			return (int)i;
	return -1;
}

static void test_rows_are_complete(void **state)
{
	int a, i, j;

	(void)state;
	assert_int_equal(action_table[ACT_NONE].keys[0], 0);
	for (a = 1; a < ACT_COUNT; a++) {
		const struct action_info *ai = &action_table[a];

		assert_non_null(ai->name);
		assert_true(ai->label && ai->label[0]);
		assert_true(ai->help && ai->help[0]);
		assert_true(ai->views != 0);
		assert_true((unsigned)ai->group < HELP_GROUP_COUNT);
		assert_true(ai->keys[0] != 0);
		assert_int_equal(ai->keys[ACTION_MAX_KEYS], 0); /* at most ACTION_MAX_KEYS */
		for (i = 0; ai->keys[i]; i++)
			for (j = i + 1; ai->keys[j]; j++)
				assert_int_not_equal(ai->keys[i], ai->keys[j]);
	}
}

static void test_every_action_in_the_help_once(void **state)
{
	struct action_help_line l[ACTION_HELP_LINES];
	unsigned n = action_help_listing(l), i;
	int seen[ACT_COUNT] = {0}, titles[HELP_GROUP_COUNT] = {0}, a;
	int group = -1;

	(void)state;
	assert_true(n <= ACTION_HELP_LINES);
	for (i = 0; i < n; i++) {
		if (l[i].action == ACT_NONE) { /* a section's title: in order, once */
			assert_true((int)l[i].group > group);
			group = (int)l[i].group;
			titles[group]++;
			assert_true(action_group_title(l[i].group)[0]);
			continue;
		}
		assert_int_equal(l[i].group, group); /* under its own title */
		assert_int_equal(action_table[l[i].action].group, l[i].group);
		seen[l[i].action]++;
	}
	for (a = 1; a < ACT_COUNT; a++) {
		if (seen[a] != 1)
			fail_msg("ACT_%s is %d times in the help", action_table[a].name, seen[a]);
	}
	for (a = 0; a < HELP_GROUP_COUNT; a++) /* no section without actions */
		assert_int_equal(titles[a], 1);
}

/* In view, every key of every action that works there: the dispatcher's
 * action is that one, or the winner of an intended shadowing. */
static void check_view(enum view_kind view, int *used)
{
	int a, b, i;

	for (a = 1; a < ACT_COUNT; a++) {
		if (!(action_table[a].views & VIEW_BIT(view)))
			continue;
		for (i = 0; action_table[a].keys[i]; i++) {
			int key = action_table[a].keys[i];
			enum action got = action_for_key(view, key);

			for (b = 1; b < ACT_COUNT; b++) {
				if (b == a || !(action_table[b].views & VIEW_BIT(view)) ||
				    !action_has_key(b, key))
					continue;
				int k = intended_index(view, key, b < a ? b : a, b < a ? a : b);

				if (k < 0)
					fail_msg("%s view: key %d is both ACT_%s and ACT_%s",
						 view_names[view], key, action_table[a].name,
						 action_table[b].name);
				used[k] = 1;
			}
			if ((int)got != a && intended_index(view, key, got, (enum action)a) < 0)
				fail_msg("%s view: key %d gives ACT_%s, the table says ACT_%s",
					 view_names[view], key, action_table[got].name,
					 action_table[a].name);
		}
	}
}

static void test_one_action_per_key_and_view(void **state)
{
	int used[N_INTENDED] = {0};
	size_t i;
	int v;

	(void)state;
	for (v = 0; v < VIEW_KIND_COUNT; v++)
		check_view((enum view_kind)v, used);
	for (i = 0; i < N_INTENDED; i++) { /* the list of intended shadowings is current */
		assert_int_equal(used[i], 1);
		assert_int_equal(action_for_key(intended[i].view, intended[i].key),
				 intended[i].winner);
	}
}

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(action_for_key(VIEW_TREE, '*'), ACT_EXPAND_ALL);
	assert_int_equal(action_for_key(VIEW_TREE, 'e'), ACT_EXPORT);
	assert_int_equal(action_for_key(VIEW_HOTSPOTS, '*'), ACT_NONE);
	assert_int_equal(action_for_key(VIEW_TREE, KEY_RIGHT), ACT_EXPAND_RIGHT);
	assert_int_equal(action_for_key(VIEW_FUNCTION, KEY_RIGHT), ACT_ENTER);
	assert_int_equal(action_for_key(VIEW_FUNCTION, '\r'), ACT_ENTER);
	assert_int_equal(action_for_key(VIEW_HELP, KEY_LEFT), ACT_BACK);
	assert_int_equal(action_for_key(VIEW_HELP, UI_KEY_DEL), ACT_BACK);
	assert_int_equal(action_for_key(VIEW_TREE, '+'), ACT_EXPAND);
	assert_int_equal(action_for_key(VIEW_PROFILES, '+'), ACT_WEIGHT_UP);
	assert_int_equal(action_for_key(VIEW_HOTSPOTS, '+'), ACT_NONE);
	assert_int_equal(action_for_key(VIEW_HOTSPOTS, 0), ACT_NONE);
	assert_string_equal(action_group_title(HELP_TREE), "Call tree");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rows_are_complete),
	    cmocka_unit_test(test_every_action_in_the_help_once),
	    cmocka_unit_test(test_one_action_per_key_and_view),
	    cmocka_unit_test(test_lookup),
	};

	return cmocka_run_group_tests_name("actions", tests, NULL, NULL);
}

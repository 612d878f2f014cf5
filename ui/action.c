/* action.c - the action table, generated from ui/keys.h, and the lookup
 * from a key to its action. */
#include "ui/action.h"

#include <curses.h>

const struct action_info action_table[ACT_COUNT] = {
#define KEYS(...) {__VA_ARGS__}
#define ACTION_ROW(name, views_, keys_, label_, help_)                                             \
	[ACT_##name] = {#name, label_, help_, views_, keys_},
	UI_ACTIONS(ACTION_ROW)
#undef ACTION_ROW
#undef KEYS
};

enum action action_for_key(enum view_kind kind, int key)
{
	int a, i;

	for (a = 1; a < ACT_COUNT; a++) {
		const struct action_info *ai = &action_table[a];

		if (!(ai->views & VIEW_BIT(kind)))
			continue;
		for (i = 0; ai->keys[i]; i++)
			if (ai->keys[i] == key)
				return (enum action)a;
	}
	return ACT_NONE;
}

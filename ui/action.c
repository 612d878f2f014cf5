/* action.c - the action table, generated from ui/keys.h, and the lookup
 * from a key to its action. */
#include "ui/action.h"

#include <curses.h>

const struct action_info action_table[ACT_COUNT] = {
#define ACTION_ROW(name, views_, key_, alt_, label_, help_)                                        \
	[ACT_##name] = {#name, label_, help_, views_, key_, alt_},
	UI_ACTIONS(ACTION_ROW)
#undef ACTION_ROW
};

enum action action_for_key(enum view_kind kind, int key)
{
	int a;

	for (a = 1; a < ACT_COUNT; a++) {
		const struct action_info *ai = &action_table[a];

		if ((ai->views & VIEW_BIT(kind)) && (ai->key == key || (ai->alt && ai->alt == key)))
			return (enum action)a;
	}
	return ACT_NONE;
}

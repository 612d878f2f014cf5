/* keys.h - every action of the browser, once: its name, where it works,
 * its keys and its help line. The dispatcher and the help view are both
 * generated from this table, so help cannot drift from behaviour.
 *
 * _(NAME, VIEWS, KEY, ALT_KEY, KEY_LABEL, HELP): VIEWS is a mask of
 * VIEW_BIT()s or V_ANY; ALT_KEY is 0 when there is none. In a view, the
 * first action of the table that owns the key and the view wins, so
 * view-specific actions come before global ones with the same key.
 */
#ifndef VITTE_UI_KEYS_H
#define VITTE_UI_KEYS_H

#include "ui/key.h"

/* clang-format off */
#define UI_ACTIONS(_)                                                                              \
	_(HELP,          V_ANY,        '?',           KEY_F(1),    "?",      "show this help")                                   \
	_(QUIT,          V_ANY,        'q',           0,           "q",      "go back from a sub-view; quit from a main view")   \
	_(BACK,          V_ANY,        KEY_BACKSPACE, 27,          "BS Esc", "go back to the previous view")                     \
	_(BACK2,         V_ANY,        KEY_LEFT,      127,         "Left",   "go back to the previous view")                     \
	_(NEXT_VIEW,     V_ANY,        '\t',          0,           "Tab",    "next main view")                                   \
	_(PREV_VIEW,     V_ANY,        KEY_BTAB,      0,           "S-Tab",  "previous main view")                               \
	_(VIEW_HOT,      V_ANY,        '1',           0,           "1",      "hotspots view")                                    \
	_(VIEW_FUNC,     V_ANY,        '2',           0,           "2",      "function view (callers and callees)")              \
	_(VIEW_BRANCHES, V_ANY,        '3',           0,           "3",      "branches view")                                    \
	_(VIEW_LOOPS,    V_ANY,        '4',           0,           "4",      "loops view")                                       \
	_(VIEW_PROFILES, V_ANY,        '5',           0,           "5",      "profiles view (merge weights)")                    \
	_(VIEW_DIFF,     V_ANY,        '6',           0,           "6",      "diff view")                                        \
	_(DOWN,          V_ANY,        'j',           KEY_DOWN,    "j Down", "move down")                                        \
	_(UP,            V_ANY,        'k',           KEY_UP,      "k Up",   "move up")                                          \
	_(PAGE_DOWN,     V_ANY,        KEY_NPAGE,     CTRL_KEY('f'), "PgDn ^F", "page down")                                 \
	_(PAGE_UP,       V_ANY,        KEY_PPAGE,     CTRL_KEY('b'), "PgUp ^B", "page up")                                   \
	_(HALF_DOWN,     V_ANY,        CTRL_KEY('d'), 0,           "^D",     "half a page down")                                 \
	_(HALF_UP,       V_ANY,        CTRL_KEY('u'), 0,           "^U",     "half a page up")                                   \
	_(FIRST,         V_ANY,        'g',           KEY_HOME,    "g Home", "first row")                                        \
	_(LAST,          V_ANY,        'G',           KEY_END,     "G End",  "last row")                                         \
	_(ENTER,         V_ANY,        '\n',          KEY_ENTER,   "Enter",  "open the selected row")                            \
	_(EXPAND_RIGHT,  VIEW_BIT(VIEW_TREE), KEY_RIGHT, 0,     "Right",  "expand the selected node (shown: go to its first child)") \
	_(ENTER2,        V_ANY,        '\r',          KEY_RIGHT,   "Right",  "open the selected row")                            \
	_(SORT,          V_SORTABLE,   's',           0,           "s",      "sort by the next column")                          \
	_(SORT_REVERSE,  V_SORTABLE,   'S',           0,           "S",      "reverse the sort order")                           \
	_(SEARCH,        V_LISTS,      '/',           0,           "/",      "search (incremental)")                             \
	_(SEARCH_NEXT,   V_LISTS,      'n',           0,           "n",      "next match")                                       \
	_(SEARCH_PREV,   V_LISTS,      'N',           0,           "N",      "previous match")                                   \
	_(FILTER,        V_FILTERABLE, 'f',           0,           "f",      "filter rows by a substring of the name")           \
	_(FILTER_CLEAR,  V_FILTERABLE, 'F',           0,           "F",      "clear the filter and the threshold")               \
	_(THRESHOLD,     VIEW_BIT(VIEW_HOTSPOTS), 'L', 0,          "L",      "hide functions under a self-time percentage")      \
	_(MARK,          VIEW_BIT(VIEW_HOTSPOTS) | VIEW_BIT(VIEW_PROFILES), 'm', 0, "m", "mark or unmark the selected row")          \
	_(MARK_ALL,      VIEW_BIT(VIEW_HOTSPOTS), 'M', 0,          "M",      "mark every row shown (unmark when all are)")       \
	_(TREE,          VIEW_BIT(VIEW_FUNCTION) | VIEW_BIT(VIEW_TREE), 't', 0, "t", "call tree from the roots; again: callers tree") \
	_(EXPAND,        VIEW_BIT(VIEW_TREE), '+',    '=',         "+",      "expand the selected node")                         \
	_(COLLAPSE,      VIEW_BIT(VIEW_TREE), '-',    0,           "-",      "collapse the selected node")                       \
	_(EXPAND_ALL,    VIEW_BIT(VIEW_TREE), 'e',    0,           "e",      "expand the selected subtree (a few levels)")       \
	_(COLLAPSE_ALL,  VIEW_BIT(VIEW_TREE), 'E',    0,           "E",      "collapse everything")                              \
	_(ANNOTATE,      VIEW_BIT(VIEW_FUNCTION), 'a', 0,          "a",      "source annotated with line counts")                \
	_(TOGGLE,        VIEW_BIT(VIEW_PROFILES), ' ', 0,          "Space",  "include or exclude the profile in the merge")      \
	_(WEIGHT_UP,     VIEW_BIT(VIEW_PROFILES), '+', '=',        "+",      "weight + 1")                                       \
	_(WEIGHT_DOWN,   VIEW_BIT(VIEW_PROFILES), '-', 0,          "-",      "weight - 1 (at least 1), or halve below 1")        \
	_(WEIGHT_SET,    VIEW_BIT(VIEW_PROFILES), 'w', 0,          "w",      "type a weight")                                    \
	_(OPEN,          VIEW_BIT(VIEW_PROFILES), 'o', 0,          "o",      "add a profile file")                               \
	_(DIFF_MARKED,   VIEW_BIT(VIEW_PROFILES), 'd', 0,          "d",      "diff the two marked profiles")                     \
	_(SWAP,          VIEW_BIT(VIEW_DIFF), 'x', 0,              "x",      "swap base and new")                                \
	_(EXPORT,        V_ANY,        'e',           0,           "e",      "export the curated profile")                       \
	_(REDRAW,        V_ANY,        CTRL_KEY('l'), 0,           "^L",     "redraw the screen")
/* clang-format on */

#endif

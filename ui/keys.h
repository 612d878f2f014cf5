/* keys.h - every action of the browser, once: its name, where it works,
 * its keys and its help line. The dispatcher (ui/action.c) and the help
 * view are both generated from this table, and tests/test_actions.c checks
 * that every action is in the help and that no key means two things in a
 * view, so help cannot drift from behaviour.
 *
 * _(NAME, VIEWS, GROUP, KEYS(key, ...), KEY_LABEL, HELP): VIEWS is a mask
 * of views (ui/action.h: V_ANY, V_HOT|V_PROF...); GROUP is the help
 * section that lists the action (UI_HELP_GROUPS below, like tig's
 * REQ_GROUP); KEYS lists one to ACTION_MAX_KEYS keys (curses KEY_* codes,
 * characters, CTRL_KEY()s). In a view, the first action of the table that
 * works there and has the key wins: a view-specific action comes before a
 * global one with the same key, and test_actions.c lists each such
 * shadowing that is meant.
 */
#ifndef VITTE_UI_KEYS_H
#define VITTE_UI_KEYS_H

#include "ui/key.h"

/* clang-format off */
/* The help screen's sections, in the order it shows them. */
#define UI_HELP_GROUPS(_)                                                                          \
	_(EVERYWHERE, "Everywhere")                                                                \
	_(LISTS,      "In lists")                                                                  \
	_(SORTABLE,   "Hotspots, branches, loops, diff")                                           \
	_(HOTSPOTS,   "Hotspots")                                                                  \
	_(FUNCS,      "Hotspots and function")                                                     \
	_(TREES,      "Hotspots, function and call tree")                                          \
	_(TREE,       "Call tree")                                                                 \
	_(FLAME,      "Flame graph")                                                               \
	_(PROFILES,   "Profiles")                                                                  \
	_(SOURCE,     "Annotated source")                                                          \
	_(DIFF,       "Diff")

#define UI_ACTIONS(_)                                                                              \
	_(HELP,          V_ANY,         EVERYWHERE, KEYS('?', KEY_F(1)),                     "?",           "show this help") \
	_(QUIT,          V_ANY,         EVERYWHERE, KEYS('q'),                               "q",           "back one level; at the top, quit (asking first if work is not exported)") \
	_(QUIT_NOW,      V_ANY,         EVERYWHERE, KEYS('Q'),                               "Q",           "quit at once") \
	_(BACK,          V_ANY,         EVERYWHERE, KEYS(KEY_BACKSPACE, UI_KEY_ESC, KEY_LEFT, UI_KEY_DEL), "BS Esc Left", "go back one level (never quits)") \
	_(HOT_NEXT,      VIEW_BIT(VIEW_SOURCE), SOURCE, KEYS('\t'),                      "Tab",         "next hot line") \
	_(HOT_PREV,      VIEW_BIT(VIEW_SOURCE), SOURCE, KEYS(KEY_BTAB),                   "S-Tab",       "previous hot line") \
	_(EDIT,          VIEW_BIT(VIEW_SOURCE), SOURCE, KEYS('E'),                        "E",           "open the file at this line in $VISUAL or $EDITOR") \
	_(NEXT_VIEW,     V_ANY,         EVERYWHERE, KEYS('\t'),                              "Tab",         "next main view") \
	_(PREV_VIEW,     V_ANY,         EVERYWHERE, KEYS(KEY_BTAB),                          "S-Tab",       "previous main view") \
	_(VIEW_HOT,      V_ANY,         EVERYWHERE, KEYS('1'),                               "1",           "hotspots view") \
	_(VIEW_FUNC,     V_ANY,         EVERYWHERE, KEYS('2'),                               "2",           "function view (callers and callees)") \
	_(VIEW_BRANCHES, V_ANY,         EVERYWHERE, KEYS('3'),                               "3",           "branches view") \
	_(VIEW_LOOPS,    V_ANY,         EVERYWHERE, KEYS('4'),                               "4",           "loops view") \
	_(VIEW_PROFILES, V_ANY,         EVERYWHERE, KEYS('5'),                               "5",           "profiles view (merge weights)") \
	_(VIEW_DIFF,     V_ANY,         EVERYWHERE, KEYS('6'),                               "6",           "diff view") \
	_(DOWN,          V_ANY,         EVERYWHERE, KEYS('j', KEY_DOWN),                     "j Down",      "move down") \
	_(UP,            V_ANY,         EVERYWHERE, KEYS('k', KEY_UP),                       "k Up",        "move up") \
	_(PAGE_DOWN,     V_ANY,         EVERYWHERE, KEYS(KEY_NPAGE, CTRL_KEY('f')),          "PgDn ^F",     "page down") \
	_(PAGE_UP,       V_ANY,         EVERYWHERE, KEYS(KEY_PPAGE, CTRL_KEY('b')),          "PgUp ^B",     "page up") \
	_(HALF_DOWN,     V_ANY,         EVERYWHERE, KEYS(CTRL_KEY('d')),                     "^D",          "half a page down") \
	_(HALF_UP,       V_ANY,         EVERYWHERE, KEYS(CTRL_KEY('u')),                     "^U",          "half a page up") \
	_(FIRST,         V_ANY,         EVERYWHERE, KEYS('g', KEY_HOME),                     "g Home",      "first row") \
	_(LAST,          V_ANY,         EVERYWHERE, KEYS('G', KEY_END),                      "G End",       "last row") \
	_(EXPAND_RIGHT,  V_TREE,        TREE,       KEYS(KEY_RIGHT),                         "Right",       "expand the selected node (shown: go to its first child)") \
	_(ENTER,         V_ANY,         EVERYWHERE, KEYS('\n', KEY_ENTER, '\r', KEY_RIGHT),  "Enter Right", "open the selected row") \
	_(SORT,          V_SORTABLE,    SORTABLE,   KEYS('s'),                               "s",           "sort by the next column") \
	_(SORT_REVERSE,  V_SORTABLE,    SORTABLE,   KEYS('S'),                               "S",           "reverse the sort order") \
	_(SEARCH,        V_LISTS,       LISTS,      KEYS('/'),                               "/",           "search (incremental); file:X by file, mod:X by module") \
	_(SEARCH_NEXT,   V_LISTS,       LISTS,      KEYS('n'),                               "n",           "next match") \
	_(SEARCH_PREV,   V_LISTS,       LISTS,      KEYS('N'),                               "N",           "previous match") \
	_(FULL_NAME,     V_TABLES,      LISTS,      KEYS('v'),                               "v",           "show the selected row's full name and path on a line; again: hide it") \
	_(FILTER,        V_FILTERABLE,  SORTABLE,   KEYS('f'),                               "f",           "filter rows by a substring of the name; file:X the file, mod:X the module") \
	_(FILTER_CLEAR,  V_FILTERABLE,  SORTABLE,   KEYS('F'),                               "F",           "clear the filter and the threshold") \
	_(THRESHOLD,     V_HOT,         HOTSPOTS,   KEYS('L'),                               "L",           "hide functions under a self-time percentage") \
	_(MARK,          V_HOT,         HOTSPOTS,   KEYS('m'),                               "m",           "mark or unmark the selected function for export") \
	_(MARK_ALL,      V_HOT,         HOTSPOTS,   KEYS('M'),                               "M",           "mark every row shown (unmark when all are)") \
	_(TREE,          V_HOT|V_FUNC|V_TREE, TREES, KEYS('t'),                              "t",           "call tree from the roots, the function revealed; again: callers tree") \
	_(EXPAND,        V_TREE,        TREE,       KEYS('+', '='),                          "+",           "expand the selected node") \
	_(COLLAPSE,      V_TREE,        TREE,       KEYS('-'),                               "-",           "collapse the selected node") \
	_(EXPAND_ALL,    V_TREE,        TREE,       KEYS('*'),                               "*",           "expand the selected subtree (a few levels)") \
	_(COLLAPSE_ALL,  V_TREE,        TREE,       KEYS('C'),                               "C",           "collapse everything") \
	_(ANNOTATE,      V_HOT|V_FUNC,  FUNCS,      KEYS('a'),                               "a",           "the function's source annotated with line counts") \
	_(TOGGLE,        V_PROF,        PROFILES,   KEYS(' '),                               "Space",       "include or exclude the profile in the merge") \
	_(WEIGHT_UP,     V_PROF,        PROFILES,   KEYS('+', '='),                          "+",           "weight + 1") \
	_(WEIGHT_DOWN,   V_PROF,        PROFILES,   KEYS('-'),                               "-",           "weight - 1 (at least 1), or halve below 1") \
	_(WEIGHT_SET,    V_PROF,        PROFILES,   KEYS('w'),                               "w",           "type a weight") \
	_(OPEN,          V_PROF,        PROFILES,   KEYS('o'),                               "o",           "add a profile file") \
	_(DIFF_PICK,     V_PROF,        PROFILES,   KEYS('d'),                               "d",           "pick the profile as the diff's base; on another: diff them") \
	_(SWAP,          V_DIFF,        DIFF,       KEYS('x'),                               "x",           "swap base and new") \
	_(FLAME,         V_FLAME_FROM,  EVERYWHERE, KEYS('c'),                               "c",           "flame graph of the call tree, on the selected function") \
	_(INFO,          V_ANY,         EVERYWHERE, KEYS('i'),                               "i",           "information on the profiles: program, binary, mode, clock, runs") \
	_(FLAME_LEFT,    V_FLAME,       FLAME,      KEYS('h'),                               "h",           "the frame on the left (j a callee, k the caller)") \
	_(FLAME_RIGHT,   V_FLAME,       FLAME,      KEYS('l'),                               "l",           "the frame on the right; Enter zooms in, q zooms out") \
	_(EXPORT,        V_ANY,         EVERYWHERE, KEYS('e'),                               "e",           "export the curated profile") \
	_(RELOAD,        V_ANY,         EVERYWHERE, KEYS('R'),                               "R",           "read the files again (view, selection, marks and weights kept)") \
	_(REDRAW,        V_ANY,         EVERYWHERE, KEYS(CTRL_KEY('l')),                     "^L",          "redraw the screen")
/* clang-format on */

#endif

#!/bin/sh
# The browser's conventions, driven headless: q goes back one level and
# quits only at the top (asking first when work is not exported), Q quits
# at once; one meaning per key across views (m marks functions for export,
# d picks profiles to diff, e exports everywhere); a and t act on the
# Hotspots row. A quit is seen in what follows it: the keys after a quit
# are never played, so "q2" ends on Hotspots and "2" alone on Function.
. tests/e2e/lib/tui.sh
FULL=examples/full.vitprof
AFTER=examples/full-after.vitprof

# title TEXT / status TEXT: the first / last line of the screen has TEXT
title() {
	sed -n 1p "$T/screen" | grep -qF -- "$1" || fail "$label: title lacks '$1'"
}
status() {
	tail -n 1 "$T/screen" | grep -qF -- "$1" || fail "$label: status lacks '$1'"
}

# ---- q: back one level ----
# from the Function view opened with Enter: back to Hotspots, on its row
play "j<Enter>q" 100x14 "$FULL"
title "[1 Hotspots]"
status "Hotspots  2/7"
status "q quit"
# two steps into the call graph: q q walks back, a third q quits (the 2
# after it is not played)
play "<Enter>jj<Enter>q" 100x14 "$FULL"
title "[2 Function]"
has "compute  demo/engine.vt:12"
play "<Enter>jj<Enter>qq" 100x14 "$FULL"
title "[1 Hotspots]"
play "<Enter>jj<Enter>qqq2" 100x14 "$FULL"
title "[1 Hotspots]"
# the Function view says where q goes: back while it has a step
play "<Enter>" 100x14 "$FULL"
status "q back"
play "2" 100x14 "$FULL"
status "q quit"
# sub-views: call tree, source, help, a diff's function
play "2tq" 100x14 "$FULL"
title "[2 Function]"
lacks "> Call tree"
play "2aq" 100x14 "$FULL"
title "[2 Function]"
play "2ta" 100x14 "$FULL"
play "?q" 100x14 "$FULL"
status "Hotspots  1/7"
play "<Enter>q" 100x16 --diff "$FULL" "$AFTER"
title "[6 Diff]"
lacks "> "
# at the top q quits: the 2 after it is not played
play "q2" 100x14 "$FULL"
title "[1 Hotspots]"
play "3q2" 100x14 "$FULL"
title "[3 Branches]"
# Backspace goes back too but never quits
play "<BS>2" 100x14 "$FULL"
title "[2 Function]"

# ---- quitting with work not exported: a question first ----
# a mark: q asks; n (or anything but y) stays and says what is at stake
# (the screen is dumped when the keys run out: here, the question)
play "mq" 100x14 "$FULL"
status "not exported: 1 marked function; quit anyway? [y/N]"
play "mqn" 100x14 "$FULL"
status "not quit: 1 marked function not exported (e exports, Q quits at once)"
play "mqn2" 100x14 "$FULL"
title "[2 Function]"
play "mqy2" 100x14 "$FULL"
title "[1 Hotspots]"
# also in a terminal too small to show the views
play "m<Resize:30x6>q" 100x14 "$FULL"
has "not exported: 1 marked func"
play "m<Resize:30x6>Q<Resize:100x14>2" 100x14 "$FULL"
lacks "[2 Function]"
# Q quits at once, whatever is marked
play "MQ2" 100x14 "$FULL"
title "[1 Hotspots]"
# marked then unmarked: nothing to lose
play "mkmq2" 100x14 "$FULL"
title "[1 Hotspots]"
# an added file and changed weights, said together
play "5o$AFTER<Enter>qn" 100x14 "$FULL"
status "not quit: 1 added file not exported"
play "5+j<Space>qn" 100x14 "$FULL" "$AFTER"
status "not quit: changed weights not exported"
play "5+-q2" 100x14 "$FULL" "$AFTER"
title "[5 Profiles]"
play "mm5+qn" 100x14 "$FULL" "$AFTER"
status "not quit: 2 marked functions, changed weights not exported"
# an export saves the work: q then quits without a question
play "me<Enter><C-u>$T/saved.vitprof<Enter>q2" 100x14 "$FULL"
[ -f "$T/saved.vitprof" ] || fail "the export did not write"
title "[1 Hotspots]"
lacks "not quit"
# ... until the next change
play "me<Enter><C-u>$T/saved2.vitprof<Enter>mqn" 100x14 "$FULL"
status "not quit: 2 marked functions not exported"

# ---- prompts ----
# the export's path prompt is a question with its field (and, with room,
# the keys); it reads as one when the keys run out there
play "e<Enter>" 140x14 "$FULL"
status "write 7 functions, 6 edges, 3 branch sites, 3 loop sites to: vitte-demo-curated.vitprof"
status "Tab completes, Esc cancels"
# the reported slip: e again, in the prompt, is typed into the name, which
# the open prompt shows (nothing is written until Enter)
play "e<Enter>e" 140x14 "$FULL"
status "to: vitte-demo-curated.vitprofe"
# Esc cancels, nothing is written
play "e<Enter><C-u>$T/esc.vitprof<Esc>" 100x14 "$FULL"
status "export cancelled"
[ ! -e "$T/esc.vitprof" ] || fail "Esc wrote the file"
# editing keys: Left x8 goes before ".vitprof" of "ab.vitprof", Backspace
# takes b, x goes in: ax.vitprof
play "e<Enter><C-u>$T/ab.vitprof<Left><Left><Left><Left><Left><Left><Left><Left><BS>x<Enter>" 100x14 "$FULL"
status "wrote 7 functions to $T/ax.vitprof"
# Home and ^K empty the field; ^A, Delete and ^E: "zk.vitprof" loses z
play "e<Enter><Home><C-k>$T/<End>zk.vitprof<C-a><C-e><Left><Left><Left><Left><Left><Left><Left><Left><Left><Left><Del><Enter>" 100x14 "$FULL"
status "wrote 7 functions to $T/k.vitprof"
# ^W takes the last path component: $T/one/two.vitprof -> $T/one/ -> $T/
mkdir "$T/one"
play "e<Enter><C-u>$T/one/two.vitprof<C-w><C-w>w.vitprof<Enter>" 100x14 "$FULL"
status "wrote 7 functions to $T/w.vitprof"
# ~ is the home directory
HOME_WAS=$HOME
HOME=$T
export HOME
play "e<Enter><C-u>~/home.vitprof<Enter>" 100x14 "$FULL"
status "wrote 7 functions to $T/home.vitprof"
HOME=$HOME_WAS
# Tab completes a path: one match is taken whole; several show in the note
mkdir "$T/tab"
cp "$AFTER" "$T/tab/only-one.vitprof"
play "5o$T/tab/on<Tab><Enter>" 100x14 "$FULL"
status "added $T/tab/only-one.vitprof: 7 functions, now merged"
cp "$AFTER" "$T/tab/other.vitprof"
play "5o$T/tab/o<Tab>" 140x14 "$FULL"
status "add profile: $T/tab/o"
status "2 matches: only-one.vitprof other.vitprof"
play "5o$T/tab/ot<Tab>" 140x14 "$FULL"
status "add profile: $T/tab/other.vitprof"

# ---- the same file twice ----
# o on a file loaded already (by another name too): refused, the row
# selected, nothing merged twice
play "5jo$FULL<Enter>" 100x14 "$FULL" "$AFTER"
status "examples/full.vitprof is loaded already (as examples/full.vitprof): + gives it more weight"
has "merged: 2 of 2 profiles, 37.0 ms"
play "5jo$FULL<Enter><C-l>" 100x14 "$FULL" "$AFTER"
status "Profiles  1/2"
ln -s "$PWD/$FULL" "$T/link.vitprof"
play "5o$T/link.vitprof<Enter>" 100x14 "$FULL"
status "$T/link.vitprof is loaded already (as examples/full.vitprof)"
play "5o./$AFTER<Enter>o$AFTER<Enter>" 100x14 "$FULL"
status "$AFTER is loaded already (as ./$AFTER)"
has "merged: 2 of 2 profiles"

# ---- the help: q, Q and the prompts' keys ----
play "?" 100x60 "$FULL"
has "    q           back one level; at the top, quit (asking first if work is not exported)"
has "    Q           quit at once"
has "    m           mark or unmark the selected function for export"
play "?G" 100x30 "$FULL"
has "In prompts (the cursor shows)"
has "    ^W          delete the word before the cursor (of a path, its last part)"
has "    Tab         complete a file name (~ is the home directory)"
play "?/complete a file<Enter>" 100x30 "$FULL"
status "Help  85/" # after the flame graph's keys (h, l: 4 lines with its title), c, i, v, the annotated source's (5 lines) and R

# ---- one meaning per key ----
# m marks a function for export in Hotspots, and nowhere else
play "5m" 100x14 "$FULL"
status "key 'm' does nothing here"
play "2m" 100x14 "$FULL"
status "key 'm' does nothing here"
# e exports from every view (the call tree too: + - * E expand there)
for k in 1 2 3 4 5 2t 2a "?"; do
	rm -f "$T/e.vitprof"
	play "${k}e<Enter><C-u>$T/e.vitprof<Enter>" 100x14 "$FULL"
	status "wrote 7 functions to $T/e.vitprof"
done

# ---- a and t on the Hotspots row ----
# row 2 is engine::step (demo/engine.vt:38): a opens its source there
play "ja" 100x14 "$FULL"
title "> Source"
status "Source  38/47"
has "demo/engine.vt (engine::step)"
# t: the call tree with engine::step revealed and selected under main >
# main::loop (row 3 of 6, as the tree of tests/e2e/tui_function.sh)
play "jt" 100x14 "$FULL"
title "> Call tree"
status "Call tree  3/"
sed -n "$(($(grep -n "▸ engine::step\|▾ engine::step" "$T/screen" | cut -d: -f1)))p" "$T/screen" |
	grep -qF "18.0 ms" || fail "$label: engine::step is not shown with its 18.0 ms"
# the last row, io::flush (demo/io.vt:20): its source, on line 20
play "Ga" 100x14 "$FULL"
has "demo/io.vt (io::flush)"
status "Source  20/23"
# with no row (a filter that hides all), a and t do nothing
play "fzzz<Enter>a" 100x14 "$FULL"
title "[1 Hotspots]"
lacks "> "

[ "$fails" -eq 0 ]

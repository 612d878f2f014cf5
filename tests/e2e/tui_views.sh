#!/bin/sh
# End-to-end tests of the browser's layout and its views beyond the six
# main ones: columns sized by their text (names cut in the middle, paths on
# the left, v for the full name), the Function view without empty site
# panels, the flame graph (c), the info screen (i), search and filter by
# file and module, and clicks on tabs and headers. Headless runs with key
# scripts; the numbers are worked out by hand from the files in tests/data.
. tests/e2e/lib/tui.sh

# row TEXT: some squeezed line of the screen is exactly TEXT
row() {
	grep -qxF -- "$1" "$T/norm" || fail "$label: no row '$1'"
}

L=tests/data/long-names.vitprof

# ---- columns that use the screen ----
# 220 columns: every name and path whole. The fixed columns take 66
# (mark 2, Self% 8, Self 10, Total% 8, Total 10, Calls 12, Avg/call 10,
# Class 6); the location wants 39 ("/usr/include/c++/12/bits/vector.tcc:439")
# and gets it, the name (69 for the C++ one) the rest: 220 - 66 - 40 - 1 = 113.
play "" 220x10 $L
row "60.0% 6.00 ms 60.0% 6.00 ms 40 150 us hot ZSTDMT_compressStream_generic ../lib/compress/zstdmt_compress.c:1234"
row "5.0% 500 us 5.0% 500 us 7 71.4 us warm std::vector<int, std::allocator<int> >::_M_realloc_insert(int const&) /usr/include/c++/12/bits/vector.tcc:439"
# the location starts at column 66 + 113 + 1 = 180 (181 counted from 1)
got=$(awk '/ZSTDMT_compressStream_generic/ { print index($0, "../lib/") }' "$T/screen")
[ "$got" = 181 ] || fail "$label: the location starts at column $got, not 181"
# 80 columns: a name wants at least 20 before columns hide, so Location
# (priority 7) and Avg/call (6) go: 56 + 21 = 77, the 3 left go to the name
# (23). 29-column names keep 11 + 11 around the ellipsis.
play "" 80x10 $L
row "60.0% 6.00 ms 60.0% 6.00 ms 40 hot ZSTDMT_comp…eam_generic"
row "30.0% 3.00 ms 30.0% 3.00 ms 40 hot ZSTDMT_compressChunk"
row "5.0% 500 us 5.0% 500 us 7 warm std::vector…int const&)"
lacks "Avg/call"
# 120 columns: 66 fixed, Location its 20 (+1), the name 20 + the 12 left:
# 32 (15 + ellipsis + 16); paths keep their end, from a '/' when one fits
play "" 120x10 $L
row "60.0% 6.00 ms 60.0% 6.00 ms 40 150 us hot ZSTDMT_compressStream_generic …dmt_compress.c:1234"
row "5.0% 500 us 100.0% 10.0 ms 1 10.0 ms warm main …/zstdcli.c:100"
row "5.0% 500 us 5.0% 500 us 7 71.4 us warm std::vector<int…sert(int const&) …/vector.tcc:439"
# v shows the selected row's full name and path on a line over the
# header, wrapped at the screen's width; again hides it
play "Gv" 120x10 $L
line 2 "std::vector<int, std::allocator<int> >::_M_realloc_insert(int const&) /usr/include/c++/12/bits/vector.tcc:439"
play "Gvv" 120x10 $L
lacks "bits/vector.tcc:439"
play "Gv" 100x10 $L
line 2 "std::vector<int, std::allocator<int> >::_M_realloc_insert(int const&) /usr/include/c++/12/bits/vec"
line 3 "tor.tcc:439"
# it follows the selection, and the other tables
play "Gvg" 120x10 $L
line 2 "ZSTDMT_compressStream_generic ../lib/compress/zstdmt_compress.c:1234"
play "v5" 120x10 $L
line 3 "tests/data/long-names.vitprof"
# the example's short names and paths fit at 100 columns, Location included
play "" 100x10 examples/full.vitprof
row "59.6% 11.9 ms 60.0% 12.0 ms 302 39.7 us hot compute demo/engine.vt:12"

# ---- the Function view leaves out empty site panels ----
# long-names.vitprof has no sites and no line counts: the hottest
# function's view is its caller (main) and no callees, each under its
# title, and nothing else; the first time, the status line says where
# sites and line counts come from
play "2" 120x14 $L
row "Count Calls% Time Time% Callers (1)"
row "40 100.0% 6.00 ms 100.0% main"
row "Count Calls% Time Time% Callees (0)"
row "no callees"
lacks "Branch sites"
lacks "Loop sites"
lacks "no branch sites"
status "no branch or loop sites in this profile: VITPROF_BRANCH, VITPROF_LOOP (docs/runtime.md); line counts: vitte-pgo record"
# only once: not for the next function (main: no callers, 3 callees, the
# first selected: row 4 of 6)
play "2<Enter>" 120x14 $L
status "Function 4/6"
# the sampled example has line counts: the hint leaves them out
play "2" 120x14 tests/data/sampled.vitprof
status "no branch or loop sites in this profile: VITPROF_BRANCH, VITPROF_LOOP (docs/runtime.md)"
lacks "vitte-pgo record"
# a profile with loop sites but no branch sites names only the macro it lacks
printf '{"functions": {"f": {"calls": 1, "time_ns": 5}}, "loops": {"sites": [{"function": "f", "line": 3, "entries": 1, "iterations": 4}]}}' >"$T/loops.vitprof"
play "2" 120x14 "$T/loops.vitprof"
status "no branch sites in this profile: VITPROF_BRANCH (docs/runtime.md)"
row "Line Entries Iterations Avg trip Time Hint Loop sites (1)"

# ---- the flame graph: c ----
# cols LINE: the columns (from 0) where frames end on line LINE of the
# screen: each frame's last column is a thin bar (| without UTF-8)
cols() {
	sed -n "$1p" "$T/screen" | sed 's/▏/|/g' |
		awk '{ for (i = 1; i <= length($0); i++) if (substr($0, i, 1) == "|") printf "%d ", i - 1 }'
}
ends() { # ends LINE "COLUMNS ": the frames on line LINE end there
	got=$(cols "$1")
	[ "$got" = "$2" ] || fail "$label: frames on line $1 end at '$got', wanted '$2'"
}
# tests/data/contexts.vitprof: main 1310 ns > a 1050 > c 1000 > d 900,
# main > b 150 > c 100 > d 10 (inclusive). In 100 columns a frame from
# time s to e spans [round(100 s / 1310), round(100 e / 1310)): main
# [0, 100), a [0, 80), b [80, 92), c [0, 76) and [80, 88), d [0, 69) and
# [80, 81) (one column: no bar). One row per depth, under a header.
C=tests/data/contexts.vitprof
# c opens it on the widest frame of the selected row's function (the
# hottest, d: under a, 68.7 % of the time); g goes to the top frame
play "c" 100x9 $C
status "Flame graph 6/7 d 900 ns 68.7% 5 calls"
play "jc" 100x9 $C
status "Flame graph 4/7 c 1.00 us 76.3% 5 calls"
play "cg" 100x9 $C
line 2 "Flame graph, 1.31 us, exact from the calling contexts"
ends 3 "99 "
ends 4 "79 91 "
ends 5 "75 87 "
ends 6 "68 "
has "a                                                                              ▏b          ▏"
status "Flame graph 1/7 main 1.31 us 100.0% 1 call"
# from a view whose rows are not functions: the top frame
play "5c" 100x9 $C
status "Flame graph 1/7 main 1.31 us 100.0% 1 call"
# j goes to the widest callee, l and h beside it, k to the caller
play "cgj" 100x9 $C
status "Flame graph 2/7 a 1.05 us 80.2% 1 call"
play "cgjl" 100x9 $C
status "Flame graph 3/7 b 150 ns 11.5% 1 call"
play "cgjlj" 100x9 $C
status "Flame graph 5/7 c 100 ns 7.6% 5 calls"
play "cgjljh" 100x9 $C
status "Flame graph 4/7 c 1.00 us 76.3% 5 calls"
play "cgjljk" 100x9 $C
status "Flame graph 3/7 b 150 ns"
# Enter zooms into main > a > c (1000 ns): c [0, 100), d [0, 90)
play "cgjj<Enter>" 100x9 $C
line 2 "Flame graph of main > a > c, 1.00 us, exact from the calling contexts"
ends 3 "99 "
ends 4 "89 "
status "Flame graph 1/2 c 1.00 us 100.0% 5 calls"
# q zooms out, to the frame it was on; again, back to the hotspots
play "cgjj<Enter>q" 100x9 $C
line 2 "Flame graph, 1.31 us, exact from the calling contexts"
status "Flame graph 4/7 c 1.00 us"
play "cgjj<Enter>qq" 100x9 $C
status "Hotspots"
# search: the frames that match are counted (and highlighted)
play "c/c<Enter>" 100x9 $C
status "Flame graph 4/7 c 1.00 us 76.3% 5 calls 2 matches"
# the width follows the screen: in 50 columns a [0, 40.08 -> 40), b to 45.80 -> 46
play "c<Resize:50x9>" 100x9 $C
ends 4 "39 45 "
# reachable from every main view and the call tree; in the help
for k in 1c 2c 3c 4c 5c 6c 2tc; do
	play "$k" 100x9 $C
	line 2 "Flame graph, 1.31 us, exact from the calling contexts"
done
play "?/flame<Enter>" 100x30 $C
row "c flame graph of the call tree, on the selected function"
# without contexts it is estimated from the edges: under b > c (100 ns)
# the edge c -> d says 910 ns, scaled into c: [80, 88)
sed '/"contexts"/,/^  \]$/d; s/^  \],$/  ]/' $C >"$T/edges.vitprof"
play "c" 100x9 "$T/edges.vitprof"
line 2 "Flame graph, 1.31 us, estimated from edges (the profile has no calling contexts)"
ends 6 "68 87 "
# no UTF-8: a | for the edges
LC_ALL=C play "c" 100x9 $C
ends 4 "79 91 "
# a profile without time has nothing to draw
printf '{"functions": {"f": {"calls": 3, "time_ns": 0}}}' >"$T/notime.vitprof"
play "cjk<Enter>" 100x9 "$T/notime.vitprof"
has "no time to draw"

# ---- search and filter by file and module; clicks ----
# file: looks at the function's file, mod: at the module its name says
play "ffile:compress<Enter>" 120x10 $L
status "Hotspots 1/2 sort: self descending filter: file:compress"
has "ZSTDMT_compressChunk"
lacks "main"
play "fmod:STD<Enter>" 120x10 $L
status "Hotspots 1/1"
has "std::vector<int"
# a plain filter is the name's: no function is named after a file
play "fzstdcli<Enter>" 120x10 $L
status "Hotspots 0/0"
play "/file:cli<Enter>" 120x10 $L
status "Hotspots 3/4"
play "/mod:nothing<Enter>" 120x10 $L
status 'no match for "mod:nothing"'
# engine::step is in module engine; main::loop in main, main in none
play "fmod:engine<Enter>" 100x12 examples/full.vitprof
status "Hotspots 1/1"
has "engine::step"
play "fmod:main<Enter>" 100x12 examples/full.vitprof
status "Hotspots 1/1"
has "main::loop"
# the branch sites of functions in demo/engine.vt: compute's and engine::step's
play "3ffile:engine.vt<Enter>" 100x12 examples/full.vitprof
status "Branches 1/2"
# a click on a tab shows its view: the title bar's tabs are " vitte-pgo"
# (11 columns), then "[1 Hotspots]" at 11, " 2 Function " at 24, ...,
# " 6 Diff " at 73 to 80; between two tabs is nothing
play "<Click:0,25>" 100x12 examples/full.vitprof
has "[2 Function]"
play "<Click:0,80>" 100x12 examples/full.vitprof
has "[6 Diff]"
play "<Click:0,23>" 100x12 examples/full.vitprof
has "[1 Hotspots]"
# a click on a header sorts by its column, again the other way; a column
# without a sort (Class, at 60) leaves it
play "<Click:1,22>" 100x12 examples/full.vitprof
status "Hotspots 1/7 sort: total descending"
row "0.5% 100 us 100.0% 20.0 ms 1 20.0 ms cold main demo/main.vt:1"
play "<Click:1,22><Click:1,22>" 100x12 examples/full.vitprof
status "Hotspots 1/7 sort: total ascending"
play "<Click:1,70>" 100x12 examples/full.vitprof
status "Hotspots 1/7 sort: name ascending"
play "<Click:1,60>" 100x12 examples/full.vitprof
status "Hotspots 1/7 sort: self descending"
play "3<Click:2,3>" 100x12 examples/full.vitprof
status "Branches 3/3 sort: executions ascending" # the selection follows its row
# a click on a row still selects it
play "<Click:4,22>" 100x12 examples/full.vitprof
status "Hotspots 3/7"

# ---- the info screen: i ----
play "i" 100x20 $L
row "Input 1 of 1: tests/data/long-names.vitprof (weight 1, in the merge)"
row "program: zstd"
row "binary: /build/zstd/programs/zstd"
row "build id: 0a1b2c3d4e5f"
row "mode: instrumented, 2 runs"
row "clock: cpu (CPU time of each thread, sampled)"
row "run: 4 threads"
row "created: 2026-11-29T08:30:00Z"
row "contents: 4 functions, 3 call edges"
# self times: main 10 - 6 - 3 - 0.5 = 0.5 ms, then 6, 3 and 0.5: 10 ms
row "total: 10.0 ms self time (CPU time)"
status "Info 1/10"
# i again, or q, closes it
play "ii" 100x20 $L
status "Hotspots"
play "iq" 100x20 $L
status "Hotspots"
# two inputs: the merge first (2 x 17 + 20 ms), then each, with its weight
# (the weighted input comes first on the command line's terms)
play "i" 100x40 examples/full.vitprof -w 2,examples/full-after.vitprof
row "Merged: 2 of 2 profiles (what the views show)"
row "Input 1 of 2: examples/full-after.vitprof (weight 2, in the merge)"
row "Input 2 of 2: examples/full.vitprof (weight 1, in the merge)"
row "contents: 7 functions, 6 call edges, 3 branch sites, 3 loop sites, 1 function with line counts"
row "build id: 4f2a9d0c7be81e55a3c1"
row "build id: 77c0e1d2a9b3f4e5d6c7"
row "tool: libvitprof 0.1.0"
row "total: 54.0 ms self time"
# 5: leave the second out; the info says so
play "5j<Space>i" 100x40 examples/full.vitprof examples/full-after.vitprof
row "Merged: 1 of 2 profiles (what the views show)"
row "Input 2 of 2: examples/full-after.vitprof (weight 1, left out of the merge)"
# contexts and line counts are counted
play "i" 100x20 $C
row "contents: 5 functions, 5 call edges, 7 calling contexts"

[ "$fails" -eq 0 ]

#!/bin/sh
# End-to-end tests of the browser's Function view (2), its call tree (t)
# and its annotated source (a): the real vitte-pgo-tui, headless, with key
# scripts; screens compared with values worked out by hand from
# examples/full.vitprof and examples/demo/.
. tests/e2e/lib/tui.sh

# row TEXT: some squeezed line of the screen is exactly TEXT
row() {
	grep -qxF -- "$1" "$T/norm" || fail "$label: no row '$1'"
}

F=examples/full.vitprof

# ---- the Function view, opened by Enter on the hottest row: compute ----
# compute: calls 302, time 12003221 ns; self = 12003221 - 93210 (its edge
# to add) = 11910011 = 59.6 % of the total 20000000; inclusive 60.0 %;
# avg/call 12003221 / 302 = 39746 ns = 39.7 us.
# Callers, by count: engine::step 300 = 300/302 = 99.3 % of the calls,
# 11950000 ns = 11950000/12003221 = 99.6 % of compute's time;
# main::loop 2 = 2/302 = 0.7 %, 53221 ns = 0.4 %.
# Callee add: 152343 = 100 % of compute's outgoing calls, 93210 ns = 0.8 %.
# Branch 17: 152343 taken, 302 not: 152343/152645 = 99.8 % taken, likely.
# Loop 15 "inner": 302 entries, 152343 iterations, 504.4 a trip (>= 64:
# vectorize), 9000000 ns.
# Rows: Callers title, 2 callers, Callees title, add, Branch title, 17,
# Loops title, 15: 9 rows, the first caller (row 2) selected.
play "<Enter>" 100x30 $F
line 2 "compute demo/engine.vt:12"
line 3 "calls 302 self 11.9 ms 59.6% total 12.0 ms 60.0% class hot avg/call 39.7 us size 58"
line 4 "checksum 51aa0e02"
row "Count Calls% Time Time% Callers (2)"
row "300 99.3% 11.9 ms 99.6% engine::step"
row "2 0.7% 53.2 us 0.4% main::loop"
row "Count Calls% Time Time% Callees (1)"
row "152343 100.0% 93.2 us 0.8% add"
row "Line Taken Not taken Taken% Hint Branch sites (1)"
has "      17       152343          302   99.8% likely        ████"
row "Line Entries Iterations Avg trip Time Hint Loop sites (1)"
row "15 302 152343 504.4 9.00 ms vectorize inner"
status "Function 2/9"
lacks "[marked]"

# the order of the callers: by count
got=$(grep -oE 'engine::step$|main::loop$' "$T/norm" | tr '\n' ' ')
[ "$got" = "engine::step main::loop " ] || fail "callers in order '$got'"

# movement skips the section titles: k on the first caller stays; j j
# goes from main::loop over "Callees" to add; then to the branch row; G
# the loop row, g the first caller
play "<Enter>k" 100x30 $F
status "Function 2/9"
play "<Enter>jj" 100x30 $F
status "Function 5/9"
play "<Enter>jjj" 100x30 $F
status "Function 7/9"
play "<Enter>G" 100x30 $F
status "Function 9/9"
play "<Enter>Gg" 100x30 $F
status "Function 2/9"

# Enter on the callee add moves there: one caller (compute, all of add's
# 152343 calls and all of its 93210 ns), no callees, no sites (their
# panels are left out: the profile has sites, add has none)
play "<Enter>jj<Enter>" 100x30 $F
line 2 "add demo/math.vt:3"
row "152343 100.0% 93.2 us 100.0% compute"
row "no callees"
lacks "Branch sites"
lacks "Loop sites"
status "Function 2/4 t tree a source ? help q back"

# Backspace goes back to compute, on the row that was selected (add);
# again, back to the hotspots view that opened it; Left and Esc too
play "<Enter>jj<Enter><BS>" 100x30 $F
line 2 "compute demo/engine.vt:12"
status "Function 5/9"
play "<Enter>jj<Enter><BS><BS>" 100x30 $F
has "[1 Hotspots]"
status "Hotspots 1/7"
play "<Enter>jj<Enter><Left><Esc>" 100x30 $F
has "[1 Hotspots]"

# Right opens too: the first caller of compute, engine::step (called 300
# times by main::loop); then back through two steps to compute
play "<Enter><Right>" 100x30 $F
line 2 "engine::step demo/engine.vt:38"
row "300 100.0% 18.0 ms 100.0% main::loop"
row "300 100.0% 11.9 ms 66.4% compute"
play "<Enter><Right><Enter><BS>" 100x30 $F
line 2 "engine::step demo/engine.vt:38"
play "<Enter><Right><Enter><BS><BS>" 100x30 $F
line 2 "compute demo/engine.vt:12"

# the view on its own (2) shows the hottest function; with no history,
# Backspace leaves it where it is
play "2<BS>" 100x30 $F
line 2 "compute demo/engine.vt:12"
has "[2 Function]"

# a marked function says so
play "m2" 100x30 $F
has "compute  demo/engine.vt:12  [marked]"

# ---- the annotated source: a ----
# compute's lines: 15 counted 302 (the loop "inner", 302 entries, 152343
# iterations), 17 counted 152645 (the branch, 152343 taken, 302 not);
# their shares of the 152947 counted: 0.197 % and 99.803 %;
# the file is found relative to the profile (examples/demo/engine.vt);
# 47 lines, starting on compute's line 12.
play "<Enter>a" 100x30 $F
row "Line Share Count Sites demo/engine.vt (compute)"
row "12 pub fn compute(seed: i64, n: i64) -> i64 {"
row "15 0.2% 302 loop 302 in 152343 iter loop {"
row "17 99.8% 152645 br 152343 taken 302 not if i <= n {"
row "18 acc = add(acc, i)"
status "Source 12/47 2 lines counted"
# Backspace goes back to the function view
play "<Enter>a<BS>" 100x30 $F
line 2 "compute demo/engine.vt:12"

# Enter on the branch row opens the source on its line, 17
play "<Enter>jjj<Enter>" 100x30 $F
status "Source 17/47"
# search in the source
play "<Enter>a/break<Enter>" 100x30 $F
status "Source 20/47"

# parse.vt is indented with tabs: expanded to 8 columns (4 tabs: 32
# spaces, after the one between the columns, between the site and the
# text); its branch 88:5, 40 taken, 60 not
play "jjj<Enter>a" 100x30 $F
has "    88                    br 40 taken 60 not                                 if key =="
row "80 pub fn parse(text: str) -> Config {"
status "Source 80/99 0 lines counted"

# engine::step: lines 40, 42, 44 counted 300, 300, 270 (34.48 %, 34.48 %,
# 31.03 % of 870): all hot
play "j<Enter>a" 100x30 $F
row "40 34.5% 300 loop 300 in 2400 iter for r in 0..ROWS { e.grid[r] = e.grid[r] / 2 }"
row "42 34.5% 300 br 270 taken 30 not if (frame % 10) != 0 {"
row "44 31.0% 270 e.load = e.load + 1"

# a function without a file, a missing file, a binary file, a directory;
# a line count past the end of the file; control characters in the file
mkdir "$T/p" "$T/p/dir"
printf 'a\000b\n' >"$T/p/bin.vt"
printf 'x\ty\n\033[31mred\r\n' >"$T/p/ok.vt"
cat >"$T/p/files.vitprof" <<'EOF'
{"functions": {
  "nofile": {"calls": 6, "time_ns": 600},
  "missing": {"calls": 5, "time_ns": 500, "file": "missing.vt", "line": 1},
  "binary": {"calls": 4, "time_ns": 400, "file": "bin.vt", "line": 1},
  "dir": {"calls": 3, "time_ns": 300, "file": "dir", "line": 1},
  "ok": {"calls": 2, "time_ns": 200, "file": "ok.vt", "line": 1, "lines": {"2": 7, "9": 1}}
}}
EOF
play "<Enter>a" 100x30 "$T/p/files.vitprof"
status "nofile has no source file in the profile"
play "j<Enter>a" 100x30 "$T/p/files.vitprof"
status "cannot read missing.vt: No such file or directory"
play "jj<Enter>a" 100x30 "$T/p/files.vitprof"
status "cannot read bin.vt: a binary file (it has a NUL byte)"
play "jjj<Enter>a" 100x30 "$T/p/files.vitprof"
status "cannot read dir: Is a directory"
play "jjjj<Enter>a" 100x30 "$T/p/files.vitprof"
row "1 x y"
row '2 100.0% 7 \x1b[31mred' # the only count within the file
status "Source 1/2 1 line counted, 1 past the end (stale source?)"

# ---- the call tree: t ----
# roots: main (nobody calls it) and io::flush (nobody either), by time;
# compute is revealed under main > main::loop (its shortest path) and
# selected: row 4 of 6. Shares of the total 20000000 ns: main::loop
# 19500000 = 97.5 %, engine::step 18000000 = 90.0 %, compute from
# main::loop 53221 = 0.3 %, parse 400000 = 2.0 %.
play "<Enter>t" 100x30 $F
line 2 "Count Time Total% Call tree from 2 roots, estimated from edges"
line 3 "1 20.0 ms 100.0% ▾ main"
line 4 "1 19.5 ms 97.5% ▾ main::loop"
line 5 "300 18.0 ms 90.0% ▸ engine::step"
line 6 "2 53.2 us 0.3% ▸ compute"
line 7 "1 400 us 2.0% · parse"
line 8 "0 0 ns 0.0% · io::flush"
status "Call tree 4/6"
# + expands compute: add, called 152343 times (93210 ns = 0.5 %)
play "<Enter>t+" 100x30 $F
line 6 "2 53.2 us 0.3% ▾ compute"
line 7 "152343 93.2 us 0.5% · add"
status "Call tree 4/7"
# Right expands too, and on an expanded node goes to its first child
play "<Enter>t<Right>" 100x30 $F
line 7 "152343 93.2 us 0.5% · add"
status "Call tree 4/7"
play "<Enter>t<Right><Right>" 100x30 $F
status "Call tree 5/7"
# - on a collapsed node goes to its parent; again, collapses it
play "<Enter>t-" 100x30 $F
status "Call tree 2/6"
play "<Enter>t--" 100x30 $F
line 4 "1 19.5 ms 97.5% ▸ main::loop"
line 5 "1 400 us 2.0% · parse"
status "Call tree 2/4"
# + on a leaf does nothing
play "<Enter>tjj+" 100x30 $F
status "Call tree 6/6"
# * expands main's subtree 4 levels down: main::loop, engine::step,
# compute (300 from engine::step: 11950000 = 59.8 %), add, and compute
# from main::loop with its add
play "<Enter>tgC" 100x30 $F
line 3 "1 20.0 ms 100.0% ▸ main"
status "Call tree 1/2"
play "<Enter>tgC*" 100x30 $F
line 3 "1 20.0 ms 100.0% ▾ main"
line 4 "1 19.5 ms 97.5% ▾ main::loop"
line 5 "300 18.0 ms 90.0% ▾ engine::step"
line 6 "300 11.9 ms 59.8% ▾ compute"
line 7 "152343 93.2 us 0.5% · add"
line 8 "2 53.2 us 0.3% ▾ compute"
line 9 "152343 93.2 us 0.5% · add"
line 10 "1 400 us 2.0% · parse"
line 11 "0 0 ns 0.0% · io::flush"
status "Call tree 1/9"
# indentation: two columns a level
has "     300   11.9 ms   59.8%       ▾ compute"
# C collapses everything (perf report's key), keeping the selection's top
# node selected; E is the source view's editor key, not the tree's
play "<Enter>tg*jjjjC" 100x30 $F
line 3 "1 20.0 ms 100.0% ▸ main"
status "Call tree 1/2"
# e exports from the call tree as from every view (it once expanded the
# subtree there, so export was out of reach); the tree stays as it was
play "<Enter>te<Enter><C-u>$T/from-tree.vitprof<Enter>" 100x30 $F
status "wrote 7 functions to $T/from-tree.vitprof"
line 3 "1 20.0 ms 100.0% ▾ main"

# t again: the callers tree of the selected function (compute): engine::step
# 300 (11950000 ns = 59.8 %), main::loop 2
play "<Enter>tt" 100x30 $F
line 2 "Count Time Total% Callers of compute, estimated from edges"
line 3 "302 12.0 ms 60.0% ▾ compute"
line 4 "300 11.9 ms 59.8% ▸ engine::step"
line 5 "2 53.2 us 0.3% ▸ main::loop"
status "Call tree 1/3 callers tree"
# its callers: main::loop called engine::step 300 times (18000000 ns)
play "<Enter>ttj+" 100x30 $F
line 5 "300 18.0 ms 90.0% ▸ main::loop"
# t on engine::step: back to the call tree, engine::step revealed
play "<Enter>ttjt" 100x30 $F
line 2 "Count Time Total% Call tree from 2 roots, estimated from edges"
line 5 "300 18.0 ms 90.0% ▸ engine::step"
status "Call tree 3/"
# and t again: the callers of engine::step
play "<Enter>ttjtt" 100x30 $F
line 2 "Count Time Total% Callers of engine::step, estimated from edges"

# Enter on a node opens the function view on it; Backspace goes back to
# the function shown before (compute)
play "<Enter>tkk<Enter>" 100x30 $F
line 2 "main::loop demo/main.vt:5"
play "<Enter>tkk<Enter><BS>" 100x30 $F
line 2 "compute demo/engine.vt:12"
# search in the tree
play "<Enter>t/parse<Enter>" 100x30 $F
status "Call tree 5/6"

# ---- recursion: a -> b -> a, and c -> c (with c -> d) ----
# Roots: {a, b} is a cycle nobody else calls: a, with the most time; c
# only calls itself. The tree stops at a's second appearance and at c's
# self-call: marked recursive, they do not expand.
cat >"$T/rec.vitprof" <<'EOF'
{"functions": {
  "a": {"calls": 10, "time_ns": 1000},
  "b": {"calls": 5, "time_ns": 800},
  "c": {"calls": 4, "time_ns": 300},
  "d": {"calls": 1, "time_ns": 50}},
 "calls": [
  {"caller": "a", "callee": "b", "count": 5, "time_ns": 800},
  {"caller": "b", "callee": "a", "count": 9, "time_ns": 700},
  {"caller": "c", "callee": "c", "count": 3, "time_ns": 200},
  {"caller": "c", "callee": "d", "count": 1, "time_ns": 50}]}
EOF
# self times: a 1000 - 800 = 200, b 800 - 700 = 100, c 300 - 200 - 50 =
# 50, d 50: total 400; shares over 100 % come from the recursion
play "2tg*" 100x30 "$T/rec.vitprof"
line 3 "10 1.00 us 250.0% ▾ a"
line 4 "5 800 ns 200.0% ▾ b"
line 5 "9 700 ns 175.0% ↻ a (recursive)"
line 6 "4 300 ns 75.0% ▸ c"
status "Call tree 1/4"
play "2tg*G*" 100x30 "$T/rec.vitprof"
line 7 "3 200 ns 50.0% ↻ c (recursive)"
line 8 "1 50 ns 12.5% · d"
status "Call tree 4/6"
# + on a recursive node says why it does not expand
play "2tg*jj+" 100x30 "$T/rec.vitprof"
status "a is already on the path above: recursion"
# the callers tree of a: b, then a again (recursive)
play "2tgtj+" 100x30 "$T/rec.vitprof"
line 2 "Count Time Total% Callers of a, estimated from edges"
line 4 "9 700 ns 175.0% ▾ b"
line 5 "5 800 ns 200.0% ↻ a (recursive)"
# the function view lists c's self-call once, as recursive, both ways;
# Enter on it stays
play "1G<Enter>" 100x30 "$T/rec.vitprof"
line 2 "d"
play "1Gk<Enter>" 100x30 "$T/rec.vitprof"
line 2 "c"
row "3 75.0% 200 ns 66.7% c (recursive)"
play "1Gk<Enter><Enter>" 100x30 "$T/rec.vitprof"
status "c calls itself"
# ASCII glyphs when the terminal is not UTF-8
LC_ALL=C play "2tg*" 100x30 "$T/rec.vitprof"
line 3 "10 1.00 us 250.0% - a"
line 5 "9 700 ns 175.0% @ a (recursive)"
line 6 "4 300 ns 75.0% + c"

# ---- the calling-context tree: tests/data/contexts.vitprof ----
# a and b both call c, which calls d; c costs 10x more under a (1000 ns
# with d's 900) than under b (100 ns with d's 10). The edges alone put d's
# whole 910 ns under b > c (100 ns); the contexts give each path its own.
# Shares of the total self time 1310 ns: 1050 = 80.2 %, 1000 = 76.3 %,
# 900 = 68.7 %, 150 = 11.5 %, 100 = 7.6 %, 10 = 0.8 %.
C=tests/data/contexts.vitprof
play "2tg*" 100x30 $C
line 2 "Count Time Total% Call tree from 1 root"
line 3 "1 1.31 us 100.0% ▾ main"
line 4 "1 1.05 us 80.2% ▾ a"
line 5 "5 1.00 us 76.3% ▾ c"
line 6 "5 900 ns 68.7% · d"
line 7 "1 150 ns 11.5% ▾ b"
line 8 "5 100 ns 7.6% ▾ c"
line 9 "5 10 ns 0.8% · d"
# d (first hotspot) is revealed at its heaviest context, main > a > c > d
play "<Enter>t" 100x30 $C
status "Call tree 4/5"
line 7 "1 150 ns 11.5% ▸ b"
# its callers tree: every number is d's, along each path of callers
# (10 calls, 910 ns = 69.5 %: 5 and 900 ns through a, 5 and 10 ns through b)
play "<Enter>tt*" 100x30 $C
line 2 "Count Time Total% Callers of d"
line 3 "10 910 ns 69.5% ▾ d"
line 4 "10 910 ns 69.5% ▾ c"
line 5 "5 900 ns 68.7% ▾ a"
line 6 "5 900 ns 68.7% · main"
line 7 "5 10 ns 0.8% ▾ b"
line 8 "5 10 ns 0.8% · main"
# without the contexts the same profile's tree is estimated from edges
sed '/"contexts"/,/^  \]$/d; s/^  \],$/  ]/' $C >"$T/edges.vitprof"
play "2tg*" 100x30 "$T/edges.vitprof"
line 2 "Count Time Total% Call tree from 1 root, estimated from edges"
line 9 "10 910 ns 69.5% · d"

# ---- e is bounded: 4 levels, and it stops after 2000 new rows ----
# a chain f0 -> f1 -> ... -> f9: e on f0 shows f0..f4, f4 still closed
{
	printf '{"functions": {"f0": {"calls": 1, "time_ns": 100}}, "calls": [\n'
	i=0
	while [ $i -lt 9 ]; do
		[ $i -gt 0 ] && printf ',\n'
		printf '{"caller": "f%d", "callee": "f%d", "count": 1}' $i $((i + 1))
		i=$((i + 1))
	done
	printf ']}\n'
} >"$T/chain.vitprof"
play "2tg*" 100x30 "$T/chain.vitprof"
line 3 "1 100 ns 100.0% ▾ f0"
line 7 "1 - - ▸ f4"
status "Call tree 1/5"
# a root calling 2500 functions: one level is already more than 2000 rows
{
	printf '{"functions": {"wide": {"calls": 1, "time_ns": 100}}, "calls": [\n'
	i=0
	while [ $i -lt 2500 ]; do
		[ $i -gt 0 ] && printf ',\n'
		printf '{"caller": "wide", "callee": "w%d", "count": 1}' $i
		i=$((i + 1))
	done
	printf ']}\n'
} >"$T/wide.vitprof"
play "2tg*" 100x30 "$T/wide.vitprof"
status "stopped after 2500 new rows: * again goes deeper"
play "2tg*G" 100x30 "$T/wide.vitprof"
status "Call tree 2501/2501"

# ---- small terminals, hostile names, an empty profile ----
play "<Enter>" 40x8 $F
line 2 "compute demo/engine.vt:12"
row "300 99.3% engine::step"
play "<Enter>jjj" 40x8 $F
status "Function 7/9"
play "<Enter>t" 40x8 $F
has "▸ compute"
play "<Enter>a" 60x15 $F
has "   12 "
play "2t/title<Enter>" 100x30 tests/data/names.vitprof
has 'evil\x1b[2J\x1b]0;title\x07'
lacks "$(printf '\033')"
play "2t/title<Enter><Enter>" 100x30 tests/data/names.vitprof
line 2 'evil\x1b[2J\x1b]0;title\x07'
lacks "$(printf '\033')"
printf '{"functions": {}}\n' >"$T/empty.vitprof"
play "2jk<Enter>a<BS>" 100x30 "$T/empty.vitprof"
has "the profile has no functions"
play "2tjt+*-E<Enter>" 100x30 "$T/empty.vitprof"
has "the profile has no functions"

[ "$fails" -eq 0 ]

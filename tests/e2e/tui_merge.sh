#!/bin/sh
# The browser's live merge, diff and curated export, driven headless (and,
# for the prompts a screen dump cannot show, in tmux): the Profiles view
# (5), the Diff view (6) and its callers/callees sub-view, m/M marks and
# the e export dialog.
#
# Numbers from examples/full.vitprof (FULL) and examples/full-after.vitprof
# (AFTER), two runs of one program. Self times (derived: time_ns minus the
# time_ns of the edges to callees):
#                  FULL                          AFTER
#   main           20000000-400000-19500000      17000000-400000-16500000
#                  = 100000                      = 100000
#   main::loop     19500000-18000000-53221       16500000-15000000-50000
#                  = 1446779                     = 1450000
#   engine::step   18000000-11950000 = 6050000   15000000-8950000-500000 = 5550000
#   compute        12003221-93210 = 11910011     9000000 (no callee)
#   parse          400000 (given)                400000
#   add            93210                         -
#   cache_lookup   -                             500000
#   io::flush      0                             0
#   total          20000000 = 20.0 ms            17000000 = 17.0 ms
. tests/e2e/lib/tui.sh
ROOT=$(pwd)
VP=$B/vitte-pgo
SOCK=vitte-merge-$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT
FULL=examples/full.vitprof
AFTER=examples/full-after.vitprof

# row N TEXT: line N of the screen (1-based) contains TEXT
row() {
	sed -n "${1}p" "$T/screen" | grep -qF -- "$2" || fail "$label: line $1 lacks '$2'"
}
# status TEXT: the last line (status bar or message) contains TEXT
status() {
	tail -n 1 "$T/screen" | grep -qF -- "$1" || fail "$label: status line lacks '$1'"
}
# checked FILE TEXT: vitte-pgo check accepts FILE and says TEXT
checked() {
	"$VP" check "$1" >"$T/check" 2>&1 || fail "vitte-pgo check rejects $1: $(cat "$T/check")"
	grep -qF -- "$2" "$T/check" || fail "check of $1 lacks: $2 ($(cat "$T/check"))"
}

# ---- Profiles (5) ----

# both files, merged: 7 functions each, 8 in the union (FULL's add,
# AFTER's engine::cache_lookup); 20.0 + 17.0 = 37.0 ms; compute's checksum
# differs (51aa0e02 / a0b1c2d3): 1 stale function
play "5" 100x14 "$FULL" "$AFTER"
row 1 "[5 Profiles]"
row 2 "merged: 2 of 2 profiles, 37.0 ms, 8 functions  1 stale function (checksums differ)"
row 3 "In       Weight Program        Mode           Runs    Funcs     Total Path"
row 4 "[x]           1 vitte-demo     instrumented      1        7   20.0 ms examples/full.vitprof"
row 5 "[x]           1 vitte-demo     instrumented      1        7   17.0 ms examples/full-after.vitprof"
status "Profiles  1/2"

# the merge in Hotspots: main's inclusive time is the total, 37.0 ms
play "1" 100x14 "$FULL" "$AFTER"
has "100.0%   37.0 ms"

# Space excludes AFTER: the merge is FULL alone, 20.0 ms
play "5j<Space>" 100x14 "$FULL" "$AFTER"
row 2 "merged: 1 of 2 profiles, 20.0 ms, 7 functions"
row 5 "[ ]           1 vitte-demo"
status "excluded examples/full-after.vitprof: 1 of 2 merged"
play "5j<Space>1" 100x14 "$FULL" "$AFTER"
has "100.0%   20.0 ms"
lacks "engine::cache_lookup"
# Space again includes it back: 37.0 ms
play "5j<Space><Space>1" 100x14 "$FULL" "$AFTER"
has "100.0%   37.0 ms"
# the last included file stays in
play "5<Space>j<Space>" 100x14 "$FULL" "$AFTER"
row 2 "merged: 1 of 2 profiles, 17.0 ms"
status "the merge needs one profile at least"

# + on FULL: weight 2, 2 * 20 + 17 = 57.0 ms; = is + too
play "5+" 100x14 "$FULL" "$AFTER"
row 4 "[x]           2 vitte-demo"
row 2 "merged: 2 of 2 profiles, 57.0 ms"
status "weight of examples/full.vitprof: 2"
play "5=1" 100x14 "$FULL" "$AFTER"
has "100.0%   57.0 ms"
# compute: 2 * 11910011 + 9000000 = 32820011 ns of 57000000 = 57.6 %
has "57.6%   32.8 ms"
# - back to 1 (37.0 ms), then halves: 0.5 * 20 + 17 = 27.0 ms
play "5+-" 100x14 "$FULL" "$AFTER"
row 2 "merged: 2 of 2 profiles, 37.0 ms"
play "5-" 100x14 "$FULL" "$AFTER"
row 4 "[x]         0.5 vitte-demo"
row 2 "merged: 2 of 2 profiles, 27.0 ms"
# ten halvings reach 1/1024 (shown %.4g: 0.0009766), the eleventh is refused;
# 20/1024 + 17 = 17.0195 ms
play "5-----------" 100x14 "$FULL" "$AFTER"
row 4 "[x]   0.0009766 vitte-demo"
row 2 "merged: 2 of 2 profiles, 17.0 ms"
status "0.000976562 is the smallest weight"
# w types a weight: 3 * 20 + 17 = 77.0 ms; bad ones are refused
play "5w3<Enter>" 100x14 "$FULL" "$AFTER"
row 4 "[x]           3 vitte-demo"
row 2 "merged: 2 of 2 profiles, 77.0 ms"
play "5wabc<Enter>" 100x14 "$FULL" "$AFTER"
status "a weight is a positive number, not 'abc'"
row 2 "37.0 ms"
play "5w0<Enter>" 100x14 "$FULL" "$AFTER"
status "a weight is a positive number, not '0'"
play "5winf<Enter>" 100x14 "$FULL" "$AFTER"
status "a weight is a positive number, not 'inf'"
# the weight of an excluded file changes nothing merged
play "5j<Space>+" 100x14 "$FULL" "$AFTER"
row 5 "[ ]           2 vitte-demo"
row 2 "merged: 1 of 2 profiles, 20.0 ms"

# o adds a file: FULL alone, then AFTER: the merge of both
play "5o$AFTER<Enter>" 100x14 "$FULL"
row 5 "[x]           1 vitte-demo     instrumented      1        7   17.0 ms examples/full-after.vitprof"
row 2 "merged: 2 of 2 profiles, 37.0 ms, 8 functions"
status "added examples/full-after.vitprof: 7 functions, now merged"
# a malformed file: the located error of vitte-pgo check, nothing added
printf '{"functions": {\n  "f": {"calls": -1, "time_ns": 2}}}\n' >"$T/bad.vitprof"
play "5o$T/bad.vitprof<Enter>" 100x14 "$FULL"
status "$T/bad.vitprof:2:18: error: \"calls\" must not be negative, found -1"
row 2 "merged: 1 of 1 profile, 20.0 ms"
play "5o$T/none.vitprof<Enter>" 100x14 "$FULL"
status "$T/none.vitprof: error: cannot open"
# a file with a load warning is added and the warning shown
play "5otests/data/names.vitprof<Enter>" 120x14 "$FULL"
status "added tests/data/names.vitprof with 1 warning: tests/data/names.vitprof:9:59: warning:"
# Esc cancels
play "5o$AFTER<Esc>" 100x14 "$FULL"
row 2 "merged: 1 of 1 profile"

# / searches the paths
play "5/after<Enter>" 100x14 "$FULL" "$AFTER"
status "Profiles  2/2"

# ---- Diff (6) ----

# d picks the base (the upper file), d on the other opens their diff.
# compute: 11910011 / 20000000 = 59.6 %, 9000000 / 17000000 = 52.9 %,
# 52.94 - 59.55 = -6.6 pp, 9000000 / 11910011 = 0.76x;
# engine::cache_lookup: 500000 / 17000000 = 2.9 %, added; add: 93210 /
# 20000000 = 0.5 %, removed, 0 / 93210 = 0.00x.
# overlap = sum of min(shares) = 52.94 (compute) + 30.25 (engine::step,
# 6050000/20000000 vs 5550000/17000000 = 32.65) + 7.23 (main::loop,
# 1446779/20000000 vs 8.53) + 2.0 (parse, vs 2.35) + 0.5 (main, vs 0.59)
# = 92.9 % = 0.929
play "5djd" 100x16 "$FULL" "$AFTER"
row 1 "[6 Diff]"
row 2 "base  examples/full.vitprof  20.0 ms, 7 functions"
row 3 "new   examples/full-after.vitprof  17.0 ms, 7 functions"
row 4 "overlap 0.929 (1 = the same distribution)  1 added, 1 removed"
row 5 "  Base%    New%     Δpp▼    Ratio      Base       New Status  Function"
row 6 "  59.6%   52.9%   ▼ -6.6    0.76x   11.9 ms   9.00 ms changed compute"
row 7 "   0.0%    2.9%   ▲ +2.9        -      0 ns    500 us added   engine::cache_lookup"
row 10 "   0.5%    0.0%   ▼ -0.5    0.00x   93.2 us      0 ns removed add"
row 13 "   0.0%    0.0%     +0.0        -      0 ns      0 ns changed io::flush"
status "Diff  1/8  sort: |delta| descending"
# the base shows B in Profiles; d on it again unpicks it
play "5d" 100x14 "$FULL" "$AFTER"
row 4 "[x] B         1"
status "diff base: examples/full.vitprof; d on another profile diffs against it"
row 1 "[5 Profiles]"
play "5dd" 100x14 "$FULL" "$AFTER"
row 4 "[x]           1"
status "no base picked for the diff"
# the base can be the lower one; m marks functions (Hotspots), not files
play "5jdkd" 100x16 "$FULL" "$AFTER"
row 2 "base  examples/full-after.vitprof  17.0 ms, 7 functions"
play "5m" 100x14 "$FULL" "$AFTER"
status "key 'm' does nothing here"
# q goes back to Profiles from the diff d opened, then quits
play "5djdq" 100x16 "$FULL" "$AFTER"
row 1 "[5 Profiles]"
status "Profiles  2/2"

# x swaps base and new: compute 52.9 % -> 59.6 %, 11910011 / 9000000 = 1.32x
play "5djdx" 100x16 "$FULL" "$AFTER"
row 2 "base  examples/full-after.vitprof  17.0 ms, 7 functions"
row 6 "  52.9%   59.6%   ▲ +6.6    1.32x   9.00 ms   11.9 ms changed compute"
has "removed engine::cache_lookup"
has "added   add"
status "base is now examples/full-after.vitprof"
play "5djdxx" 100x16 "$FULL" "$AFTER"
row 2 "base  examples/full.vitprof"

# --diff BASE NEW opens there
play "" 100x16 --diff "$FULL" "$AFTER"
row 1 "[6 Diff]"
row 4 "overlap 0.929"
row 6 "59.6%   52.9%   ▼ -6.6"
# 6 with two files diffs the first two
play "6" 100x16 "$FULL" "$AFTER"
row 6 "59.6%   52.9%   ▼ -6.6"
# one file: how to get a diff
play "6" 100x16 "$FULL"
has "no diff: this needs two profiles."
has "vitte-pgo-tui --diff BASE NEW"

# s: ratio (main::loop 1450000 / 1446779 = 1.0022 first), name; S reverses
play "6s" 100x16 "$FULL" "$AFTER"
row 6 "changed main::loop"
status "sort: ratio descending"
play "6ss" 100x16 "$FULL" "$AFTER"
row 6 "removed add"
status "sort: name ascending"
play "6ssS" 100x16 "$FULL" "$AFTER"
row 6 "changed parse"
status "sort: name descending"
# x sorted by ratio sorts the swapped ratios again (after / full):
# compute 11910011 / 9000000 = 1.32, engine::step 6050000 / 5550000 =
# 1.09, main and parse 1 (by name), main::loop 1446779 / 1450000 = 0.998,
# engine::cache_lookup 0, then add and io::flush without one (base 0)
play "6sx" 100x16 "$FULL" "$AFTER"
row 6 "changed compute"
row 6 "1.32x"
row 7 "changed engine::step"
row 7 "1.09x"
row 8 "changed main"
row 9 "changed parse"
row 10 "changed main::loop"
row 11 "removed engine::cache_lookup"
row 12 "added   add"
row 13 "changed io::flush"
play "6S" 100x16 "$FULL" "$AFTER"
row 6 "changed io::flush"
status "sort: |delta| ascending"
# f filters by name, F clears; / searches (add is 5th by |delta|)
play "6fengine<Enter>" 100x16 "$FULL" "$AFTER"
row 6 "engine::cache_lookup"
row 7 "engine::step"
status "Diff  1/2"
play "6fengine<Enter>F" 100x16 "$FULL" "$AFTER"
status "Diff  1/8"
play "6/add<Enter>" 100x16 "$FULL" "$AFTER"
status "Diff  5/8"
play "6/add<Enter>n" 100x16 "$FULL" "$AFTER"
status "Diff  5/8"

# Enter: compute's callers and callees, base vs new. Callers engine::step
# (300 calls both, 11950000 -> 8950000 ns) and main::loop (2 both, 53221 ->
# 50000); callee add (152343 -> none: removed)
play "6<Enter>" 100x14 "$FULL" "$AFTER"
row 1 "> Call edges diff"
row 2 "compute: self 59.6% -> 52.9% (▼ -6.6 pp, changed), 2 callers, 1 callee"
row 3 "Side   Base calls  New calls      Δcalls Base time  New time Status  Caller / callee"
row 4 "caller        300        300           0   11.9 ms   8.95 ms changed engine::step"
row 5 "caller          2          2           0   53.2 us   50.0 us changed main::loop"
row 6 "callee     152343          0     -152343   93.2 us      0 ns removed add"
# Enter again: engine::step's own; its new callee engine::cache_lookup
play "6<Enter><Enter>" 100x14 "$FULL" "$AFTER"
row 2 "engine::step: self 30.2% -> 32.6% (▲ +2.4 pp, changed), 1 caller, 2 callees"
row 6 "callee          0        300        +300      0 ns    500 us added   engine::cache_lookup"
# q goes back to the diff
play "6<Enter>q" 100x14 "$FULL" "$AFTER"
row 1 "[6 Diff]"
status "Diff  1/8"

# no UTF-8: ASCII arrows and titles
LC_ALL=C
play "6" 100x16 "$FULL" "$AFTER"
row 5 "+/-pp"
row 6 "  59.6%   52.9%   - -6.6    0.76x"
row 7 "   0.0%    2.9%   + +2.9"
play "6<Enter>" 100x14 "$FULL" "$AFTER"
row 3 "+/-calls"
LC_ALL=C.UTF-8

# names are escaped
play "6" 100x16 "$FULL" tests/data/names.vitprof
has 'evil\x1b[2J'
if grep -q "$(printf '\033')" "$T/screen"; then fail "raw escape character on screen"; fi

# narrow terminals: the least useful columns go (a name keeps 20 columns
# first), the header shrinks to a line
play "6" 60x15 "$FULL" "$AFTER"
row 5 "  Base%    New%     Δpp▼ Status  Function"
play "6" 40x8 "$FULL" "$AFTER"
row 2 "overlap 0.929  examples/full.vitprof ->"
row 4 "  59.6%   52.9%   ▼ -6.6 compute"
play "5" 40x8 "$FULL" "$AFTER"
row 4 "[x]           1 examples/full.vitprof"
row 5 "[x]           1 …/full-after.vitprof"
play "6<Enter>" 40x8 "$FULL" "$AFTER"
row 4 "caller        300        300 engin…:step"

# ---- curation and export ----

# m marks compute and engine::step in Hotspots (merged: the first two
# rows), e exports them: format, path, written. Merged self times:
# compute 11910011 + 9000000 = 20910011, engine::step 6050000 + 5550000 =
# 11600000: 32510011 ns = 32.5 ms; the edge engine::step -> compute; the
# branch sites compute:17 and engine::step:42; the loops compute's inner
# and engine::step:40
play "mme<Enter><C-u>$T/c.vitprof<Enter>" 100x14 "$FULL" "$AFTER"
status "wrote 2 functions to $T/c.vitprof"
checked "$T/c.vitprof" "ok: 2 functions, 1 edge, 2 branch sites, 2 loop sites, total time 32.5 ms"
grep -qF '"tool": "vitte-pgo-tui ' "$T/c.vitprof" || fail "no tool in the export"
cp "$T/c.vitprof" "$T/c.before"
# an existing file: n (or nothing) keeps it, y replaces it (only compute:
# 20.9 ms, its branch and loop site, no edge)
play "me<Enter><C-u>$T/c.vitprof<Enter>n" 100x14 "$FULL" "$AFTER"
status "not written: $T/c.vitprof is kept as it was"
cmp -s "$T/c.vitprof" "$T/c.before" || fail "n replaced the file"
play "me<Enter><C-u>$T/c.vitprof<Enter>y" 100x14 "$FULL" "$AFTER"
status "wrote 1 function to $T/c.vitprof"
checked "$T/c.vitprof" "ok: 1 function, 0 edges, 1 branch site, 1 loop site, total time 20.9 ms"

# nothing marked: what Hotspots shows. Filter "engine": engine::step and
# engine::cache_lookup, the edge between them, engine::step's branch and
# loop site; 11600000 + 500000 = 12.1 ms
play "fengine<Enter>e<Enter><C-u>$T/f.vitprof<Enter>" 100x14 "$FULL" "$AFTER"
status "wrote 2 functions to $T/f.vitprof"
checked "$T/f.vitprof" "ok: 2 functions, 1 edge, 1 branch site, 1 loop site, total time 12.1 ms"
# threshold 5 %: compute 56.5 %, engine::step 31.4 %, main::loop 7.8 %
# (1446779 + 1450000 = 2896779 of 37000000); 20910011 + 11600000 +
# 2896779 = 35.4 ms; the edges among them: main::loop -> engine::step,
# main::loop -> compute, engine::step -> compute (main's loop site is main's)
play "L5<Enter>e<Enter><C-u>$T/t.vitprof<Enter>" 100x14 "$FULL" "$AFTER"
status "wrote 3 functions to $T/t.vitprof"
checked "$T/t.vitprof" "ok: 3 functions, 3 edges, 2 branch sites, 2 loop sites, total time 35.4 ms"
# no filter: everything, 37.0 ms
play "e<Enter><C-u>$T/all.vitprof<Enter>" 100x14 "$FULL" "$AFTER"
status "wrote 8 functions to $T/all.vitprof"
checked "$T/all.vitprof" "ok: 8 functions, 7 edges, 3 branch sites, 3 loop sites, total time 37.0 ms"
# M marks every row shown (filter "eng": engine::step and
# engine::cache_lookup), e from another view
play "feng<Enter>M5e<Enter><C-u>$T/m.vitprof<Enter>" 100x14 "$FULL" "$AFTER"
status "wrote 2 functions to $T/m.vitprof"
# marks follow the merge: excluding AFTER keeps compute marked (1 of 7)
play "m5j<Space>e<Enter><C-u>$T/x.vitprof<Enter>" 100x14 "$FULL" "$AFTER"
checked "$T/x.vitprof" "ok: 1 function, 0 edges, 1 branch site, 1 loop site, total time 11.9 ms"
# the default path: <program>-curated.vitprof in the current directory
(cd "$T" && "$TUI" --keys "me<Enter><Enter>" --size 100x14 --dump-screen "$T/screen" \
	"$ROOT/$FULL" >/dev/null 2>&1) || fail "exit $? for the default path"
keys="me<Enter><Enter>"
status "wrote 1 function to vitte-demo-curated.vitprof"
checked "$T/vitte-demo-curated.vitprof" "ok: 1 function"
# the other formats of the exporter table: LLVM's sample profile text of
# compute and engine::step (marked, FULL alone), as `vitte-pgo export
# --format llvm-sample` writes them (tests/e2e/cli.sh); the default path
# takes the format's extension
play "mme<C-u>llvm-sample<Enter><C-u>$T/c.prof<Enter>" 100x14 "$FULL"
status "wrote 2 functions to $T/c.prof"
printf '%s\n' "compute:153249:302" " 0: 302" " 3: 302" " 5: 152645" "engine::step:1170:300" \
	" 0: 300" " 2: 300" " 4: 300" " 6: 270" >"$T/want.prof"
cmp -s "$T/want.prof" "$T/c.prof" || fail "llvm-sample export: $(diff "$T/want.prof" "$T/c.prof")"
(cd "$T" && "$TUI" --keys "me<C-u>llvm-sample<Enter><Enter>" --size 100x14 \
	--dump-screen "$T/screen" "$ROOT/$FULL" >/dev/null 2>&1) || fail "exit $? for llvm-sample"
keys="me<C-u>llvm-sample<Enter><Enter>"
status "wrote 1 function to vitte-demo-curated.prof"
head -n 1 "$T/vitte-demo-curated.prof" | grep -qx "compute:153249:302" ||
	fail "llvm-sample default path: $(head -n 1 "$T/vitte-demo-curated.prof")"
# what llvm-sample drops is said after "wrote" (f is declared on line 10,
# its line 8 is before it)
printf '{"functions": {"f": {"calls": 7, "time_ns": 1, "line": 10, "lines": {"8": 5, "12": 4}}}}\n' \
	>"$T/drop.vitprof"
play "e<C-u>llvm-sample<Enter><C-u>$T/drop.prof<Enter>" 200x14 "$T/drop.vitprof"
status "wrote 1 function to $T/drop.prof; llvm-sample: dropped 1 line count before their function's declaration line"
lacks "(and more)"
if command -v llvm-profdata >/dev/null; then
	play "me<C-u>llvm-profdata<Enter><C-u>$T/c.profdata<Enter>" 100x14 "$FULL"
	status "wrote 1 function to $T/c.profdata"
	llvm-profdata show --sample "$T/c.profdata" 2>&1 |
		grep -qF "Function: compute: 153249, 302, 3 sampled lines" ||
		fail "llvm-profdata export: $(llvm-profdata show --sample "$T/c.profdata" 2>&1)"
fi
# vitprof-bin: the curated profile in the binary encoding, the same as the
# JSON export of it, and the default path takes its extension
play "me<C-u>vitprof-bin<Enter><C-u>$T/c.vpbin<Enter>" 100x14 "$FULL"
status "wrote 1 function to $T/c.vpbin"
checked "$T/c.vpbin" "ok: 1 function, 0 edges, 1 branch site, 1 loop site, total time 11.9 ms"
play "me<Enter><C-u>$T/cb.vitprof<Enter>" 100x14 "$FULL"
"$B/vitte-pgo" export -o "$T/c.json" "$T/c.vpbin" && cmp -s "$T/c.json" "$T/cb.vitprof" ||
	fail "vitprof-bin export differs from the JSON one"
(cd "$T" && "$TUI" --keys "me<C-u>vitprof-bin<Enter><Enter>" --size 100x14 \
	--dump-screen "$T/screen" "$ROOT/$FULL" >/dev/null 2>&1) || fail "exit $? for vitprof-bin"
keys="me<C-u>vitprof-bin<Enter><Enter>"
status "wrote 1 function to vitte-demo-curated.vpbin"
checked "$T/vitte-demo-curated.vpbin" "ok: 1 function"
# folded: the browser says what every folded output is (its note)
play "me<C-u>folded<Enter><C-u>$T/c.folded<Enter>" 200x14 "$FULL"
status "wrote 1 function to $T/c.folded; folded: the stacks are estimated"
grep -q "^compute " "$T/c.folded" || fail "folded export: $(cat "$T/c.folded")"
# a format that does not exist, Esc, an empty path, a directory that does not exist
play "e<C-u>xyz<Enter>" 140x14 "$FULL"
status "unknown format 'xyz' (formats: vitprof, vitprof-bin, llvm-sample, llvm-profdata, order, order-sections, folded, feedback)"
play "e<Esc>" 100x14 "$FULL"
status "export cancelled"
play "e<Enter><C-u><Enter>" 100x14 "$FULL"
status "export cancelled"
play "e<Enter><C-u>$T/no/such/dir.vitprof<Enter>" 100x14 "$FULL"
status "$T/no/such/dir.vitprof: error:"
# a filter that hides everything: nothing to export
play "fzzz<Enter>e" 100x14 "$FULL"
status "nothing to export: no function is marked or shown"

# ---- the prompts themselves, in a real terminal ----

# Views after several re-merges (weights stepped, an input left out and
# put back; the analyses each view reads are computed when it is shown)
# are those of a browser opened on the last weights: FULL 3 (1, +: 2, w 3),
# AFTER 2 (1, + + -: 2). Each view is shown first at weights 1, 1.
for v in 1 2 3 4 1t 1c; do
	play "1${v}5<Down>++-<Space><Space><Up>+w3<Enter>$v" 100x30 "$FULL" "$AFTER"
	mv "$T/screen" "$T/remerged"
	play "$v" 100x30 -w "3,$FULL" -w "2,$AFTER"
	cmp -s "$T/remerged" "$T/screen" ||
		fail "view after '$v', re-merged: not the screen of a fresh browser: $(diff "$T/remerged" "$T/screen")"
done

if ! command -v tmux >/dev/null; then
	fail "tmux is not installed (make deps installs it)"
else
	mkdir "$T/tmux"
	tm new-session -d -s t -x 100 -y 20 \
		"cd $T/tmux && env LC_ALL=C.UTF-8 TERM=xterm-256color $TUI $ROOT/$FULL $ROOT/$AFTER; sleep 5"
	wait_for "[1 Hotspots]"
	# the format prompt says what is exported and lists the formats; the
	# path prompt previews the curated profile (see above: compute alone)
	# the browser hides the cursor; a prompt shows it, at the end of its
	# field (the last line, 19), and hides it again when done
	tm send-keys -t t m e
	wait_for "export 1 function marked; format (vitprof, vitprof-bin, llvm-sample, ...): vitprof"
	q="export 1 function marked; format (vitprof, vitprof-bin, llvm-sample, ...): vitprof"
	got=$(tm display -p -t t '#{cursor_flag} #{cursor_x} #{cursor_y}')
	[ "$got" = "1 ${#q} 19" ] || fail "the format prompt's cursor is '$got', wanted '1 ${#q} 19'"
	tm send-keys -t t Enter
	wait_for "write 1 function, 0 edges, 1 branch site, 1 loop site to: vitte-demo-curated.vitprof"
	tm send-keys -t t Left Left
	sleep 0.2
	q="write 1 function, 0 edges, 1 branch site, 1 loop site to: vitte-demo-curated.vitpr"
	got=$(tm display -p -t t '#{cursor_flag} #{cursor_x} #{cursor_y}')
	[ "$got" = "1 ${#q} 19" ] || fail "the path prompt's cursor is '$got', wanted '1 ${#q} 19'"
	tm send-keys -t t Enter
	wait_for "wrote 1 function to vitte-demo-curated.vitprof"
	got=$(tm display -p -t t '#{cursor_flag}')
	[ "$got" = 0 ] || fail "the cursor is still shown after the prompt"
	# again: the file exists, a question before replacing it
	tm send-keys -t t e Enter Enter
	wait_for "vitte-demo-curated.vitprof exists; replace it? [y/N]"
	tm send-keys -t t n
	wait_for "not written: vitte-demo-curated.vitprof is kept as it was"
	# over a loaded profile, the question says so
	tm send-keys -t t e Enter C-u "$ROOT/$FULL" Enter
	wait_for "exists and is a loaded profile; replace it? [y/N]"
	tm send-keys -t t Escape
	# the weight prompt shows the current weight
	tm send-keys -t t 5 w
	wait_for "weight (now 1):"
	tm send-keys -t t Escape q
fi

[ "$fails" -eq 0 ]

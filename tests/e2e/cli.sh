#!/bin/sh
# End-to-end tests of the vitte-pgo command line: real binary, real files.
. tests/e2e/lib/cli.sh

# check: one line per file, counts of the examples (counted by hand)
expect_exit 0 "$VP" check examples/seed.vitprof examples/full.vitprof
has "$T/out" "examples/seed.vitprof: ok: 2 functions, 0 edges, 0 branch sites, 0 loop sites, total time 12.1 ms"
has "$T/out" "examples/full.vitprof: ok: 7 functions, 6 edges, 3 branch sites, 3 loop sites, total time 20.0 ms"

# a profile with contexts counts them
expect_exit 0 "$VP" check tests/data/contexts.vitprof
has "$T/out" "tests/data/contexts.vitprof: ok: 5 functions, 5 edges, 0 branch sites, 0 loop sites, 7 contexts, total time 1.31 us"

# a bad file: located error on stderr, exit 1, the good file still checked
printf '{"functions": {\n  "f": {"calls": -1, "time_ns": 2}}}\n' >"$T/bad.vitprof"
expect_exit 1 "$VP" check "$T/bad.vitprof" examples/seed.vitprof
has "$T/err" "$T/bad.vitprof:2:18: error: \"calls\" must not be negative, found -1"
has "$T/out" "examples/seed.vitprof: ok"

# a truncated file
head -c 100 examples/full.vitprof >"$T/cut.vitprof"
expect_exit 1 "$VP" check "$T/cut.vitprof"
has "$T/err" "$T/cut.vitprof:"
has "$T/err" "error: unexpected end of file"

# usage errors exit 2; help exits 0
expect_exit 2 "$VP"
expect_exit 2 "$VP" frobnicate
has "$T/err" "'frobnicate' is not a command"
expect_exit 2 "$VP" check
expect_exit 2 "$VP" check --bogus examples/seed.vitprof
has "$T/err" "unknown option '--bogus'"
for cmd in check show export; do
	expect_exit 0 "$VP" "$cmd" --help
	has "$T/out" "Usage: vitte-pgo $cmd"
done
expect_exit 0 "$VP" help show
has "$T/out" "Usage: vitte-pgo show"
expect_exit 0 "$VP" --version
has "$T/out" "vitte-pgo "

# show: functions by self time; compute has 11910011 of 20000000 ns = 59.6 %
expect_exit 0 "$VP" show examples/full.vitprof
sed -n '9p' "$T/out" | grep -q "59.6%.*compute" || fail "show: compute is not the first row"
has "$T/out" "program:   vitte-demo"
expect_exit 0 "$VP" show --top 2 examples/full.vitprof
has "$T/out" "... 5 more functions"

# what the times measure: show, report and the browser's status line say it
printf '{"meta": {"clock": "cpu", "threads": 5, "wall_ns": 731000000, "cpu_ns": 315000000},
 "functions": {"busy": {"calls": 1, "time_ns": 299000000}}}' >"$T/cpu.vitprof"
expect_exit 0 "$VP" show "$T/cpu.vitprof"
has "$T/out" "clock:     cpu (CPU time of each thread, sampled)"
has "$T/out" "run:       5 threads, 731 ms wall, 315 ms CPU"
has "$T/out" "total:     299 ms self time (CPU time)"
expect_exit 0 "$VP" report "$T/cpu.vitprof"
has "$T/out" "total:     299 ms self time (CPU time) in 1 function"
sed 's/"cpu",/"wall",/' "$T/cpu.vitprof" >"$T/wall.vitprof"
expect_exit 0 "$VP" report "$T/wall.vitprof"
has "$T/out" "self time (wall time)"
expect_exit 0 "$B/vitte-pgo-tui" --size 100x10 --keys '' --dump-screen "$T/screen" "$T/cpu.vitprof"
tail -n 1 "$T/screen" | grep -q "  CPU time  ? help" || fail "status line: no CPU time"
expect_exit 0 "$VP" show examples/full.vitprof
if grep -q "clock:\|run: \|(CPU time)\|(wall time)" "$T/out"; then fail "a clock not in meta shown"; fi

# --timings: one line per key played, the load first, in order, each with
# its CPU and wall milliseconds (keys read inside a prompt count too)
expect_exit 0 "$B/vitte-pgo-tui" --timings --size 100x10 --keys 'j/zz<Enter>q' examples/full.vitprof
cut -f1 "$T/err" | tr '\n' ' ' >"$T/names"
[ "$(cat "$T/names")" = "open j / z z <Enter> q " ] || fail "--timings keys: $(cat "$T/names")"
awk -F'\t' 'NF != 3 || $2 !~ /^[0-9]+\.[0-9]+$/ || $3 !~ /^[0-9]+\.[0-9]+$/ { bad = 1 }
	END { exit bad }' "$T/err" || fail "--timings: a line is not KEY<TAB>CPU<TAB>WALL"

# names are escaped on the terminal
printf '{"functions": {"evil\\u001b[2Jname": {"calls": 1, "time_ns": 1}}}' >"$T/esc.vitprof"
expect_exit 0 "$VP" show "$T/esc.vitprof"
has "$T/out" 'evil\x1b[2Jname'
if grep -q "$(printf '\033')" "$T/out"; then fail "raw escape character printed"; fi

# export: canonical, byte-identical on a second rewrite
expect_exit 0 "$VP" export -o "$T/a.vitprof" examples/full.vitprof
expect_exit 0 "$VP" export -o "$T/b.vitprof" "$T/a.vitprof"
cmp -s "$T/a.vitprof" "$T/b.vitprof" || fail "export is not stable"
expect_exit 0 "$VP" check "$T/a.vitprof"

# export never replaces a file unasked, never the input by accident
echo keep >"$T/exists.vitprof"
expect_exit 1 "$VP" export -o "$T/exists.vitprof" examples/seed.vitprof
has "$T/err" "file exists"
[ "$(cat "$T/exists.vitprof")" = keep ] || fail "export replaced a file without --force"
expect_exit 0 "$VP" export --force -o "$T/exists.vitprof" examples/seed.vitprof
has "$T/exists.vitprof" '"format": "vitprof"'
cp examples/seed.vitprof "$T/in.vitprof"
expect_exit 2 "$VP" export -o "$T/in.vitprof" "$T/in.vitprof"
has "$T/err" "is the input"
cmp -s examples/seed.vitprof "$T/in.vitprof" || fail "export touched its input"
expect_exit 0 "$VP" export -o - examples/seed.vitprof
has "$T/out" '"compute": {"calls": 302, "time_ns": 12003221}'

# export to LLVM's sample profile text: examples/full.vitprof by hand.
# Offsets are line - the function's "line"; offset 0 is the call count when
# the declaration line has no count; TOTAL sums the body (compute: 302 +
# 302 + 152645); functions without "lines" get calls only; io::flush (0
# calls) has no record
expect_exit 0 "$VP" export --format llvm-sample -o - examples/full.vitprof
cat >"$T/want.prof" <<'EOF'
add:152343:152343
 0: 152343
compute:153249:302
 0: 302
 3: 302
 5: 152645
engine::step:1170:300
 0: 300
 2: 300
 4: 300
 6: 270
main:4:1
 0: 1
 2: 1
 4: 1
 8: 1
main::loop:1:1
 0: 1
parse:1:1
 0: 1
EOF
cmp -s "$T/want.prof" "$T/out" || fail "export llvm-sample: $(diff "$T/want.prof" "$T/out")"
[ ! -s "$T/err" ] || fail "export llvm-sample of full.vitprof warned: $(cat "$T/err")"
# what the format cannot hold: dropped, said in '#' lines and warnings (f
# is declared on line 10: lines 8 and 9 are before it; g has no line)
printf '{"functions": {"f": {"calls": 7, "time_ns": 1, "line": 10, "lines": {"8": 5, "9": 6, "12": 4}},
 "g": {"calls": 2, "time_ns": 1, "lines": {"3": 9}}}}\n' >"$T/drop.vitprof"
expect_exit 0 "$VP" export --format llvm-sample -o "$T/drop.prof" "$T/drop.vitprof"
has "$T/err" "$T/drop.prof: warning: llvm-sample: dropped 2 line counts before their function's declaration line"
has "$T/err" "$T/drop.prof: warning: llvm-sample: dropped 1 line count of functions whose declaration line is unknown"
printf '%s\n' "# vitte-pgo: dropped 2 line counts before their function's declaration line" \
	"# vitte-pgo: dropped 1 line count of functions whose declaration line is unknown" \
	"f:11:7" " 0: 7" " 2: 4" "g:2:2" " 0: 2" >"$T/want.prof"
cmp -s "$T/want.prof" "$T/drop.prof" || fail "llvm-sample drops: $(diff "$T/want.prof" "$T/drop.prof")"
expect_exit 0 "$VP" export -q --format llvm-sample -o - "$T/drop.vitprof"
[ ! -s "$T/err" ] || fail "export -q warned: $(cat "$T/err")"
expect_exit 0 "$VP" export --help
has "$T/out" "llvm-sample"
has "$T/out" "llvm-profdata"

# llvm-profdata without the tool: a clear error, no file
expect_exit 1 env PATH=/nonexistent "$VP" export --format llvm-profdata -o "$T/x.profdata" \
	examples/full.vitprof
has "$T/err" "error: llvm-profdata not found: install llvm (Debian: llvm) or use --format llvm-sample"
[ ! -e "$T/x.profdata" ] || fail "export llvm-profdata wrote a file without the tool"

# standard input
expect_exit 0 sh -c "\"$VP\" check - <examples/seed.vitprof"
has "$T/out" "-: ok: 2 functions"

# plurals: one of each thing is singular. a calls b once (10 of a's 100
# ns): a's self 90 = 90 % of 100, so a alone makes 50 % and 90 %, both 99 %
cat >"$T/one.vitprof" <<'EOF'
{"meta": {"runs": 1, "mode": "instrumented"},
 "functions": {"a": {"calls": 1, "time_ns": 100}, "b": {"calls": 1, "time_ns": 10}},
 "calls": [{"caller": "a", "callee": "b", "count": 1, "time_ns": 10}],
 "branches": {"sites": [{"function": "a", "line": 2, "taken": 1, "not_taken": 0}]},
 "loops": {"sites": [{"function": "b", "line": 3, "entries": 1, "iterations": 2}]}}
EOF
expect_exit 0 "$VP" check "$T/one.vitprof"
has "$T/out" "one.vitprof: ok: 2 functions, 1 edge, 1 branch site, 1 loop site, total time"
expect_exit 0 "$VP" show "$T/one.vitprof"
has "$T/out" "mode:      instrumented, 1 run"
has "$T/out" "contents:  2 functions, 1 call edge, 1 branch site, 1 loop site"
expect_exit 0 "$VP" show --top 1 "$T/one.vitprof"
has "$T/out" "... 1 more function (use --top to see more)"
expect_exit 0 "$VP" report "$T/one.vitprof"
has "$T/out" "in 2 functions (1 hot, 1 warm, 0 cold), 1 run"
has "$T/out" "summary:   1 function makes 50% of the time, 1 makes 90%, 2 make 99%"

[ "$fails" -eq 0 ]

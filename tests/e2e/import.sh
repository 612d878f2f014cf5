#!/bin/sh
# vitte-pgo import end to end, on files the real tools make in this run:
# a C program whose counts are known by construction, built for gcov and
# for llvm-cov, and sampled by perf; hand-written folded stacks; bad input
# of each format gives a located error. A tool that is missing, or perf
# events that are not allowed, skip their part with the reason.
. tests/e2e/lib/cli.sh
TUI=$B/vitte-pgo-tui

# By construction: sq is called 3 times; the loop test on line 11 runs 11
# times (10 iterations and the exit); the if on line 12 is true 3 times and
# false 7; the else on line 15 runs 7 times; line 18's test is false once.
cat >"$T/prog.c" <<'C'
#include <stdio.h>
static int sq(int x)
{
	return x * x;
}

int main(int argc, char **argv)
{
	int s = 0, i;
	(void)argv;
	for (i = 0; i < 10; i++) {
		if (i < 3)
			s += sq(i);
		else
			s += 1;
	}
	s += argc > 5;
	if (argc > 5)
		s = 0;
	printf("%d\n", s);
	return 0;
}
C

# json_line FILE FUNCTION: the canonical line of FUNCTION in a vitprof file
json_line() { grep "^    \"$2\": " "$1"; }

# ---- gcov JSON ----
if command -v gcc >/dev/null 2>&1 && command -v gcov >/dev/null 2>&1; then
	mkdir "$T/gcov"
	(cd "$T/gcov" && cp ../prog.c . && gcc --coverage -O0 -o prog prog.c && ./prog >/dev/null &&
		gcov -b --json-format --stdout prog.c >prog.gcov.json 2>/dev/null) ||
		fail "gcov: could not build and run the program"
	G=$T/gcov/prog.gcov.json
	expect_exit 0 "$VP" import -o "$T/gcov.vitprof" "$G"
	expect_exit 1 "$VP" import -o "$T/gcov.vitprof" "$G"
	has "$T/err" "error: file exists (use --force to replace it)"
	expect_exit 0 "$VP" import --force -o "$T/gcov.vitprof" "$G"
	expect_exit 0 "$VP" check "$T/gcov.vitprof"
	has "$T/out" "ok: 2 functions, 0 edges, 3 branch sites"
	has "$T/gcov.vitprof" '"mode": "imported"'
	has "$T/gcov.vitprof" '"tool": "gcov JSON (gcc '
	json_line "$T/gcov.vitprof" sq | grep -qF '"calls": 3, "time_ns": 0, "file": "prog.c", "line": 2' ||
		fail "gcov: sq is not called 3 times at prog.c:2"
	json_line "$T/gcov.vitprof" main | grep -qF '"calls": 1,' || fail "gcov: main not called once"
	json_line "$T/gcov.vitprof" main | grep -qF '"11": 11, "12": 10, "13": 3, "15": 7,' ||
		fail "gcov: main's loop lines are not 11, 10, 3, 7"
	json_line "$T/gcov.vitprof" main | grep -qF '"19": 0,' || fail "gcov: line 19 ran"
	# branch sites: the jump is "taken" (docs/import-formats.md)
	has "$T/gcov.vitprof" '{"function": "main", "line": 11, "taken": 10, "not_taken": 1}'
	has "$T/gcov.vitprof" '{"function": "main", "line": 12, "taken": 7, "not_taken": 3}'
	# every command opens the gcov file directly, --from is optional
	expect_exit 0 "$VP" show "$G"
	has "$T/out" "sq  (prog.c:2)"
	expect_exit 0 "$VP" import --from gcov -o - "$G"
	has "$T/out" '"sq": {"calls": 3'
	if [ -x "$TUI" ]; then
		expect_exit 0 "$TUI" --size 100x20 --keys q --dump-screen "$T/screen" "$G"
		has "$T/screen" "sq"
	fi
	# gzip, as gcov writes by default
	if command -v gzip >/dev/null 2>&1; then
		gzip -c "$G" >"$T/prog.gcov.json.gz"
		expect_exit 1 "$VP" import -o "$T/gz.vitprof" "$T/prog.gcov.json.gz"
		has "$T/err" "prog.gcov.json.gz:1:1: error: gzip-compressed input"
	fi
	# bad input: located errors, no output
	sed 's/"execution_count": 3/"execution_count": -3/' "$G" >"$T/bad.json"
	expect_exit 1 "$VP" import -o "$T/bad.vitprof" "$T/bad.json"
	grep -qE "bad.json:[0-9]+:[0-9]+: error: \"execution_count\" must not be negative, found -3" "$T/err" ||
		fail "gcov: no located error for a negative count: $(cat "$T/err")"
	[ ! -e "$T/bad.vitprof" ] || fail "gcov: a bad input left an output"
	sed 's/"format_version": "1"/"format_version": "9"/' "$G" >"$T/v9.json"
	expect_exit 1 "$VP" import -o "$T/v9.vitprof" "$T/v9.json"
	has "$T/err" 'error: gcov JSON format_version "9" is not supported'
	# two sources on one gcov command line: one document per line; the
	# static g of each file keeps it apart from the other
	printf 'static int g(int x)\n{\n\treturn x + 1;\n}\nint fb(void)\n{\n\treturn g(1) + g(2);\n}\n' >"$T/gcov/b.c"
	printf 'int fb(void);\nstatic int g(int x)\n{\n\treturn x * 2;\n}\nint main(void)\n{\n\treturn g(fb()) - 10;\n}\n' >"$T/gcov/a.c"
	(cd "$T/gcov" && gcc --coverage -O0 -c a.c b.c && gcc --coverage -o ab a.o b.o && ./ab &&
		gcov --json-format --stdout a.c b.c >ab.json 2>/dev/null) || fail "gcov: two sources"
	expect_exit 0 "$VP" import -o "$T/ab.vitprof" "$T/gcov/ab.json"
	json_line "$T/ab.vitprof" a.c:g | grep -qF '"calls": 1, "time_ns": 0, "file": "a.c", "line": 2' ||
		fail "gcov two sources: a.c:g"
	json_line "$T/ab.vitprof" b.c:g | grep -qF '"calls": 2, "time_ns": 0, "file": "b.c", "line": 1' ||
		fail "gcov two sources: b.c:g"
	json_line "$T/ab.vitprof" fb | grep -qF '"calls": 1,' || fail "gcov two sources: fb"
	sed '2s/"execution_count": 2,/"execution_count": 2.5,/' "$T/gcov/ab.json" >"$T/ab-bad.json"
	expect_exit 1 "$VP" import -o "$T/ab-bad.vitprof" "$T/ab-bad.json"
	grep -qE 'ab-bad.json:2:[0-9]+: error: "execution_count" must be an integer, found 2.5' "$T/err" ||
		fail "gcov two sources: the error is not on line 2: $(cat "$T/err")"
	head -c 300 "$G" >"$T/cut.json"
	expect_exit 1 "$VP" import --from gcov -o "$T/cut.vitprof" "$T/cut.json"
	grep -qE "cut.json:[0-9]+:[0-9]+: error: " "$T/err" || fail "gcov: truncated file: $(cat "$T/err")"
else
	echo "skipped gcov: gcc or gcov is not installed"
fi

# ---- llvm-cov export ----
LLVM_COV=$(command -v llvm-cov || command -v llvm-cov-14)
LLVM_PROFDATA=$(command -v llvm-profdata || command -v llvm-profdata-14)
if command -v clang >/dev/null 2>&1 && [ -n "$LLVM_COV" ] && [ -n "$LLVM_PROFDATA" ]; then
	mkdir "$T/llvm"
	(cd "$T/llvm" && clang -fprofile-instr-generate -fcoverage-mapping -O0 -o prog ../prog.c &&
		LLVM_PROFILE_FILE=x.profraw ./prog >/dev/null &&
		"$LLVM_PROFDATA" merge -o x.profdata x.profraw &&
		"$LLVM_COV" export -format=text ./prog -instr-profile=x.profdata >prog.json) ||
		fail "llvm-cov: could not build, run and export the program"
	L=$T/llvm/prog.json
	expect_exit 0 "$VP" import -o "$T/llvm.vitprof" "$L"
	expect_exit 0 "$VP" check "$T/llvm.vitprof"
	has "$T/out" "ok: 2 functions, 0 edges, 3 branch sites"
	has "$T/llvm.vitprof" '"tool": "llvm-cov export 2.'
	# llvm names the static sq "prog.c:sq"; the short name is kept
	json_line "$T/llvm.vitprof" sq | grep -qF '"calls": 3,' || fail "llvm-cov: sq not called 3 times"
	json_line "$T/llvm.vitprof" main | grep -qF '"calls": 1,' || fail "llvm-cov: main not called once"
	json_line "$T/llvm.vitprof" main | grep -qF '"11": 11, "12": 10, "13": 3, "15": 7,' ||
		fail "llvm-cov: main's loop lines are not 11, 10, 3, 7: $(json_line "$T/llvm.vitprof" main)"
	# branch regions: taken = true
	has "$T/llvm.vitprof" '{"function": "main", "line": 11, "column": 14, "taken": 10, "not_taken": 1}'
	has "$T/llvm.vitprof" '{"function": "main", "line": 12, "column": 7, "taken": 3, "not_taken": 7}'
	has "$T/llvm.vitprof" '{"function": "main", "line": 18, "column": 6, "taken": 0, "not_taken": 1}'
	expect_exit 0 "$VP" report "$L"
	has "$T/out" "main:12:7"
	sed 's/"llvm.coverage.json.export"/"llvm.coverage.json.export" /; s/"version":"2\.[0-9.]*"/"version":"7.0.0"/' "$L" >"$T/v7.json"
	expect_exit 1 "$VP" import -o "$T/v7.vitprof" "$T/v7.json"
	has "$T/err" 'error: llvm-cov export version "7.0.0" is not supported'
	sed 's/"count":3,/"count":"3",/' "$L" >"$T/bad.json"
	expect_exit 1 "$VP" import --from llvm-cov -o "$T/bad.vitprof" "$T/bad.json"
	grep -qE "bad.json:1:[0-9]+: error: a function's \"count\" must be a non-negative integer, found a string" "$T/err" ||
		fail "llvm-cov: no located error for a string count: $(cat "$T/err")"
else
	echo "skipped llvm-cov: clang, llvm-cov or llvm-profdata is not installed"
fi

# ---- perf script ----
# Two functions that burn CPU time; perf's own text is the reference:
# the samples whose first frame is leaf are leaf's self samples.
cat >"$T/spin.c" <<'C'
volatile unsigned long sink;
__attribute__((noinline)) unsigned long leaf(long n)
{
	for (long i = 0; i < n; i++)
		sink += i;
	return sink & 1;
}
__attribute__((noinline)) unsigned long mid(long n)
{
	return leaf(n) + 1;
}
int main(void)
{
	unsigned long r = mid(60000000);
	r += leaf(30000000);
	return (int)(r & 0);
}
C
# count_samples FILE: samples; count_self FILE NAME: samples whose first frame is NAME
count_samples() { grep -c ' cpu-clock:' "$1"; }
count_self() {
	awk -v f="$2" '
		/ cpu-clock:/ { top = 1; if ($NF != "cpu-clock:") { sub(/.*cpu-clock: +[0-9a-f]+ /, ""); if ($0 ~ "^" f "\\+") n++; top = 0 }; next }
		top && NF { if ($2 ~ "^" f "\\+") n++; top = 0 }
		END { print n + 0 }' "$1"
}
# count_edge FILE CALLER CALLEE: samples with CALLER right above CALLEE in the chain
count_edge() {
	awk -v a="$2" -v b="$3" '
		/ cpu-clock:/ { prev = ""; hit = 0; next }
		!NF { n += hit; hit = 0; prev = ""; next }
		{ s = $2; sub(/\+0x[0-9a-f]+$/, "", s); if (s == a && prev == b) hit = 1; prev = s }
		END { print n + hit }' "$1"
}
PERF_LIVE=""
if ! command -v perf >/dev/null 2>&1; then
	PERF_LIVE="perf is not installed"
elif ! "${CC:-cc}" -O1 -g -fno-omit-frame-pointer -o "$T/spin" "$T/spin.c"; then
	PERF_LIVE="the test program does not build"
elif ! perf record -q -e cpu-clock -F 1000 -g -o "$T/perf.data" -- "$T/spin" >/dev/null 2>"$T/perf.err"; then
	PERF_LIVE="perf cannot sample here: $(head -c 200 "$T/perf.err")"
fi
if [ -z "$PERF_LIVE" ]; then
	perf script -i "$T/perf.data" >"$T/g.perf" 2>/dev/null
	n=$(count_samples "$T/g.perf")
	self=$(count_self "$T/g.perf" leaf)
	ml=$(count_edge "$T/g.perf" main leaf)
	[ "$self" -gt 0 ] || fail "perf: no sample in leaf"
	expect_exit 0 "$VP" import -o "$T/g.vitprof" "$T/g.perf"
	has "$T/g.vitprof" '"mode": "sampled"'
	has "$T/g.vitprof" '"tool": "perf script (cpu-clock)"'
	json_line "$T/g.vitprof" leaf | grep -qF "\"self_ns\": ${self}000000}" ||
		fail "perf -g: leaf's self time is not $self samples: $(json_line "$T/g.vitprof" leaf)"
	[ "$ml" -eq 0 ] || has "$T/g.vitprof" "{\"caller\": \"main\", \"callee\": \"leaf\", \"count\": $ml,"
	expect_exit 0 "$VP" check "$T/g.perf"
	# check prints three significant digits: 99.0 ms, 110 ms
	has "$T/out" "total time $(awk -v n="$n" 'BEGIN { printf(n < 100 ? "%.1f ms" : "%d ms", n) }')"
	perf record -q -e cpu-clock -F 1000 -o "$T/flat.data" -- "$T/spin" >/dev/null 2>&1
	perf script -i "$T/flat.data" >"$T/flat.perf" 2>/dev/null
	self=$(count_self "$T/flat.perf" leaf)
	expect_exit 0 "$VP" import --from perf-script -o "$T/flat.vitprof" "$T/flat.perf"
	json_line "$T/flat.vitprof" leaf | grep -qF "\"self_ns\": ${self}000000}" ||
		fail "perf: leaf's self time is not $self samples: $(json_line "$T/flat.vitprof" leaf)"
	grep -q '"calls": \[' "$T/flat.vitprof" && fail "perf without -g: edges"
else
	echo "skipped live perf: $PERF_LIVE; checking the kept output only"
fi
# kept output of a real run (tests/data/import/perf-g.txt): 6 samples, 3 in leaf
expect_exit 0 "$VP" import -o "$T/kept.vitprof" tests/data/import/perf-g.txt
json_line "$T/kept.vitprof" leaf | grep -qF '"self_ns": 3000000}' || fail "kept perf: leaf"
[ "$(count_self tests/data/import/perf-g.txt leaf)" -eq 3 ] || fail "count_self disagrees with the kept file"
[ "$(count_edge tests/data/import/perf-g.txt main leaf)" -eq 3 ] || fail "count_edge disagrees with the kept file"
expect_exit 1 "$VP" check tests/data/import/bad-frame.perf
has "$T/err" "tests/data/import/bad-frame.perf:3:2: error: expected a frame: ADDRESS SYMBOL (DSO)"

# ---- LLVM text sample profile ----
# export's llvm-sample of the full example, read back: head samples are the
# calls, offsets + 1 the lines; engine::step's "::" survives the split
expect_exit 0 "$VP" export --format llvm-sample -o "$T/full.prof" examples/full.vitprof
expect_exit 0 "$VP" import -o "$T/full-back.vitprof" "$T/full.prof"
has "$T/full-back.vitprof" '"tool": "LLVM sample profile (text)"'
json_line "$T/full-back.vitprof" compute | grep -qF '"calls": 302, "time_ns": 153249,' ||
	fail "sample-text: compute: $(json_line "$T/full-back.vitprof" compute)"
json_line "$T/full-back.vitprof" engine::step | grep -qF '"calls": 300,' ||
	fail "sample-text: engine::step: $(json_line "$T/full-back.vitprof" engine::step)"
expect_exit 0 "$VP" check tests/data/import/sample-prof.txt
has "$T/out" "ok: 4 functions, 3 edges"
printf 'main:10:2\n 1: 5\n x: 3\n' >"$T/bad.prof"
expect_exit 1 "$VP" import -o "$T/bad-prof.vitprof" "$T/bad.prof"
has "$T/err" "bad.prof:3:2: error: expected a line offset: OFFSET[.DISCRIMINATOR]"

# ---- folded stacks ----
expect_exit 0 "$VP" import -o "$T/f.vitprof" tests/data/import/stacks.folded
has "$T/f.vitprof" '"meta": {"mode": "sampled", "runs": 1, "tool": "folded stacks"}'
has "$T/f.vitprof" '"main": {"calls": 0, "time_ns": 100, "self_ns": 0}'
has "$T/f.vitprof" '"eval": {"calls": 0, "time_ns": 60, "self_ns": 10}'
has "$T/f.vitprof" '{"caller": "eval", "callee": "add", "count": 50, "time_ns": 50}'
has "$T/f.vitprof" '{"caller": "main", "callee": "parse", "count": 40, "time_ns": 40}'
expect_exit 0 "$VP" report tests/data/import/stacks.folded
has "$T/out" "add"
# export's folded stacks of the full example, read back: its self and
# inclusive times come back exactly (counts are the nanoseconds there)
expect_exit 0 "$VP" export --format folded -o "$T/full.folded" examples/full.vitprof
expect_exit 0 "$VP" import -o "$T/full-folded.vitprof" "$T/full.folded"
has "$T/full-folded.vitprof" '"compute": {"calls": 0, "time_ns": 12003221, "self_ns": 11910011}'
has "$T/full-folded.vitprof" '"main": {"calls": 0, "time_ns": 20000000, "self_ns": 100000}'
expect_exit 1 "$VP" import -o "$T/bad.vitprof" tests/data/import/bad-empty-frame.folded
has "$T/err" "tests/data/import/bad-empty-frame.folded:2:6: error: empty frame name in the stack"
expect_exit 1 "$VP" check tests/data/import/bad-count.gcov.json
has "$T/err" 'tests/data/import/bad-count.gcov.json:3:69: error: "execution_count" must not be negative, found -4'

# ---- files that are not profiles: each said what it is, with what to run ----
# the real tools' files made above (the gcov, llvm and perf parts); where perf
# cannot sample, a perf.data header (its magic "PERFILE2", from perf's
# Documentation/perf.data-file-format.txt)
notprof() { # notprof FILE WHAT: check refuses FILE as WHAT
	expect_exit 1 "$VP" check "$1"
	has "$T/err" "$1: error: this is $2"
}
[ -f "$T/perf.data" ] || printf 'PERFILE2\020\000\000\000\000\000\000\000' >"$T/perf.data"
notprof "$T/perf.data" "a perf.data file (perf record's binary output): 'perf script -i FILE > FILE.txt'"
has "$T/err" "'vitte-pgo record -- CMD'"
for f in "$T"/gcov/*.gcda "$T"/gcov/*.gcno; do
	[ -f "$f" ] && notprof "$f" "gcov's binary counts (.gcda or .gcno): 'gcov -b --json-format"
done
[ -f "$T/llvm/x.profraw" ] && notprof "$T/llvm/x.profraw" "an LLVM raw profile (.profraw)"
[ -f "$T/llvm/x.profdata" ] && notprof "$T/llvm/x.profdata" "an LLVM indexed profile (.profdata)"
notprof "$VP" "an ELF file (a program or a library), not a profile: 'vitte-pgo record"
# the browser says it before it starts, and so does import
"$TUI" --keys "" "$T/perf.data" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "the browser opens a perf.data file"
has "$T/err" "perf.data: error: this is a perf.data file"
expect_exit 1 "$VP" import -o "$T/x.vitprof" "$T/perf.data"
has "$T/err" "this is a perf.data file"

# ---- usage ----
expect_exit 0 "$VP" import --help
has "$T/out" "Usage: vitte-pgo import"
has "$T/out" "gcov"
expect_exit 2 "$VP" import -o "$T/x.vitprof"
has "$T/err" "no input given"
expect_exit 2 "$VP" import examples/seed.vitprof
has "$T/err" "no output given"
expect_exit 2 "$VP" import --from nosuch -o "$T/x.vitprof" examples/seed.vitprof
has "$T/err" "unknown format 'nosuch'"
expect_exit 1 "$VP" import -o "$T/x.vitprof" examples/seed.vitprof
has "$T/err" "already a vitprof profile"
printf 'hello\n' >"$T/hello.txt"
expect_exit 1 "$VP" import -o "$T/x.vitprof" "$T/hello.txt"
has "$T/err" "not a format vitte-pgo imports"
expect_exit 1 "$VP" import -o "$T/x.vitprof" "$T/nonexistent"
[ ! -e "$T/x.vitprof" ] || fail "usage errors left an output"

[ "$fails" -eq 0 ]

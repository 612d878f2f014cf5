#!/bin/sh
# The hostile suite (issue 12): every bad file, kept in tests/data/bad/ or
# made here, through every command and the headless browser. Each run must
# exit 1 with a located message (FILE:LINE:COL: error: or FILE: error:),
# end within its timeout, print no sanitizer report (under `make asan` the
# binaries are the ASan+UBSan ones), and write no raw control byte (below
# 0x20 but newline, DEL, or a UTF-8 C1 control) on stdout or stderr: the
# files are full of escape sequences.
. tests/e2e/lib/cli.sh
TUI=$B/vitte-pgo-tui
D=$T/bad
mkdir -p "$D"
cp tests/data/bad/*.vitprof "$D/"

# bad NAME TEXT: a file made with printf's escapes (\033 is ESC)
bad() { printf "$2" >"$D/$1.vitprof"; }
E='\\u001b]0;T\\u0007\\u001b[2J'     # an escape sequence as JSON escapes
R='\033]0;T\007\033[2J'              # the same, raw
bad empty ''
bad space '   \n'
bad bom-only '\357\273\277'
bad not-json 'hello'
bad array '[]'
bad string '"functions"'
bad number '42'
bad null 'null'
bad open-brace '{'
bad no-functions '{"meta": {}}'
bad functions-array '{"functions": []}'
bad functions-string '{"functions": "x"}'
bad func-not-object '{"functions": {"a": 1}}'
bad no-calls '{"functions": {"a": {"time_ns": 1}}}'
bad no-time '{"functions": {"a": {"calls": 1}}}'
bad neg-calls '{"functions": {"a": {"calls": -1, "time_ns": 1}}}'
bad frac-calls '{"functions": {"a": {"calls": 1.5, "time_ns": 1}}}'
bad exp-calls '{"functions": {"a": {"calls": 1e3, "time_ns": 1}}}'
bad big-calls '{"functions": {"a": {"calls": 18446744073709551616, "time_ns": 1}}}'
bad str-calls '{"functions": {"a": {"calls": "1", "time_ns": 1}}}'
bad bool-time '{"functions": {"a": {"calls": 1, "time_ns": true}}}'
bad empty-name '{"functions": {"": {"calls": 1, "time_ns": 1}}}'
bad dup-func "{\"functions\": {\"$E\": {\"calls\": 1, \"time_ns\": 1}, \"$E\": {\"calls\": 1, \"time_ns\": 1}}}"
bad dup-key '{"functions": {"a": {"calls": 1, "calls": 2, "time_ns": 1}}}'
bad version '{"version": 2, "functions": {}}'
bad version-str '{"version": "1", "functions": {}}'
bad version-esc "{\"version\": \"$E\", \"functions\": {}}"
bad mode-esc "{\"meta\": {\"mode\": \"$E\"}, \"functions\": {}}"
bad mode-c1 '{"meta": {"mode": "\\u009b2J\\u202e"}, "functions": {}}'
bad runs-zero '{"meta": {"runs": 0}, "functions": {}}'
bad line-key-esc "{\"functions\": {\"a\": {\"calls\": 1, \"time_ns\": 1, \"lines\": {\"$E\": 1}}}}"
bad line-key-zero '{"functions": {"a": {"calls": 1, "time_ns": 1, "lines": {"0": 1}}}}'
bad line-neg '{"functions": {"a": {"calls": 1, "time_ns": 1, "lines": {"3": -1}}}}'
bad raw-esc-in-string "{\"functions\": {\"a$R\": {\"calls\": 1, \"time_ns\": 1}}}"
bad raw-esc-outside "{$R\"functions\": {}}"
bad invalid-utf8 '{"functions": {"a\377\376": {"calls": 1, "time_ns": 1}}}'
bad overlong-utf8 '{"functions": {"a\300\257": {"calls": 1, "time_ns": 1}}}'
bad utf8-surrogate '{"functions": {"a\355\240\200": {"calls": 1, "time_ns": 1}}}'
bad nul-byte '{"functions": {"a\000b": {"calls": 1, "time_ns": 1}}}'
bad nul-after '{"functions": {}}\000'
bad trailing '{"functions": {}} x'
bad trailing-esc "{\"functions\": {}} $R"
bad two-docs '{"functions": {}}{"functions": {}}'
bad comma '{"functions": {},}'
bad single-quote "{'functions': {}}"
bad bad-escape '{"functions": {"a\\q": {"calls": 1, "time_ns": 1}}}'
bad short-unicode '{"functions": {"a\\u12": {"calls": 1, "time_ns": 1}}}'
bad edge-neg "{\"functions\": {\"a\": {\"calls\": 1, \"time_ns\": 1}}, \"calls\": [{\"caller\": \"$E\", \"callee\": \"a\", \"count\": -1}]}"
bad edges-object '{"functions": {}, "calls": {}}'
bad edge-dup "{\"functions\": {}, \"calls\": [{\"caller\": \"$E\", \"callee\": \"b\", \"count\": 1}, {\"caller\": \"$E\", \"callee\": \"b\", \"count\": 1}]}"
bad vt-between '{\013"functions": {}}'
bad esc-between '{"functions": {}\033}'
bad lone-high '{"functions": {"a\\ud800": {"calls": 1, "time_ns": 1}}}'
bad lone-low '{"functions": {"a\\udc00": {"calls": 1, "time_ns": 1}}}'
bad branches-str '{"functions": {}, "branches": "x"}'
bad branch-neg '{"functions": {"a": {"calls": 1, "time_ns": 1}}, "branches": [{"function": "a", "line": 1, "taken": -1, "not_taken": 0}]}'
bad loops-num '{"functions": {}, "loops": 5}'
bad meta-array '{"meta": [], "functions": {}}'
bad meta-esc-key "{\"meta\": {\"$E\": []}, \"functions\": 1}"
bad deep "$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "["; for (i = 0; i < 2000; i++) printf "]" }')"
bad deep-obj "$(awk 'BEGIN { printf "{\"functions\": {}, \"x\": "; for (i = 0; i < 1500; i++) printf "{\"a\":"; printf "1"; for (i = 0; i < 1500; i++) printf "}"; printf "}" }')"
bad key-esc-type "{\"functions\": {\"$E\": []}}"
bad huge-number '{"functions": {"a": {"calls": 1, "time_ns": 99999999999999999999999999999999}}}'
# truncations of a valid file, every 211 bytes
i=1
n=$(wc -c <examples/full.vitprof)
while [ "$i" -lt "$n" ]; do
	head -c "$i" examples/full.vitprof >"$D/cut-$i.vitprof"
	i=$((i + 211))
done
count=$(ls "$D" | wc -l)
[ "$count" -ge 60 ] || fail "only $count bad files"

# clean FILE: no raw control byte but newline (C0, DEL, UTF-8 C1)
raw=$(printf '[\001-\011\013-\037\177]')
c1=$(printf '\302[\200-\237]')
clean() {
	if LC_ALL=C grep -q "$raw" "$1" || LC_ALL=C grep -q "$c1" "$1"; then
		fail "$label: raw control bytes in $(basename "$1"): $(head -c 200 "$1" | od -c | head -3)"
	fi
}

# try NAME CMD...: exit 1, a located error naming NAME, clean output
try() {
	name=$1
	shift
	label="$* ($(basename "$name"))"
	timeout 20 "$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" -eq 124 ] && fail "$label: hung"
	[ "$rc" -eq 1 ] || fail "$label: exit $rc ($(head -c 300 "$T/err" | od -c | head -2))"
	grep -q "AddressSanitizer\|runtime error:\|LeakSanitizer" "$T/err" &&
		fail "$label: sanitizer report: $(head -5 "$T/err")"
	grep -qF "$name: error: " "$T/err" || grep -qF "$name:" "$T/err" | grep -q ': error: ' ||
		LC_ALL=C grep -q "^$name:[0-9]*:[0-9]*: error: " "$T/err" ||
		fail "$label: no located error ($(head -c 200 "$T/err"))"
	clean "$T/out"
	clean "$T/err"
}

good=examples/seed.vitprof
for f in "$D"/*.vitprof; do
	try "$f" "$VP" check "$f"
	try "$f" "$VP" show "$f"
	try "$f" "$VP" report "$f"
	try "$f" "$VP" report --json "$f"
	try "$f" "$VP" export --force -o "$T/x.vitprof" "$f"
	try "$f" "$VP" merge -o - "$good" "$f"
	try "$f" "$VP" diff "$good" "$f"
	try "$f" "$TUI" --keys '<Enter>q' --size 80x24 "$f"
done
[ -e "$T/x.vitprof" ] && fail "an export of a bad file was written"

# valid files with hostile names (C1 controls raw and escaped, bidi
# overrides, zero-width and line-separator characters, an escape sequence):
# every output shows them escaped (items 2, 10, 11)
names='"a\302\233b": {"calls": 1, "time_ns": 5}, "c\\u009bd": {"calls": 1, "time_ns": 4},
 "e\342\200\256f": {"calls": 1, "time_ns": 3}, "g\\u200bh\\ufeffi": {"calls": 1, "time_ns": 2},
 "j\\u2028k\\u2066l": {"calls": 1, "time_ns": 1}, "m\\u001b[2Jn": {"calls": 1, "time_ns": 1}'
printf "{\"functions\": {$names}}" >"$T/names.vitprof"
for run in "$VP check" "$VP show" "$VP report" "$VP report --json" "$VP export -o -" \
	"$VP merge -o - $good" "$VP diff $good" "$TUI --keys q --size 100x30 --dump-screen $T/screen"; do
	label="$run (names.vitprof)"
	# shellcheck disable=SC2086 # the words of $run are the command
	timeout 20 $run "$T/names.vitprof" >"$T/out" 2>"$T/err" || fail "$label: exit $?"
	clean "$T/out"
	clean "$T/err"
done
clean "$T/screen"
for want in 'a\u009bb' 'e\u202ef' 'g\u200bh\ufeffi' 'j\u2028k\u2066l'; do
	grep -qF "$want" "$T/screen" || fail "the browser does not show $want"
	"$VP" show "$T/names.vitprof" | grep -qF "$want" || fail "show does not print $want"
	"$VP" report --json "$T/names.vitprof" | grep -qF "$want" || fail "--json lacks $want"
	"$VP" export -o - "$T/names.vitprof" | grep -qF "$want" || fail "export lacks $want"
done

# a valid profile at the limits (item 8): time_ns 2^64-1 in one call, an
# average that is no counter as a double; report and the browser's
# Hotspots and Function views show it (18446744073709551615 ns, as
# text_duration rounds it: 18446744074 s), no undefined behaviour
printf '{"functions": {"a": {"calls": 1, "time_ns": 18446744073709551615}}}' >"$T/max.vitprof"
label="report (max.vitprof)"
timeout 20 "$VP" report "$T/max.vitprof" >"$T/out" 2>"$T/err" || fail "$label: exit $?"
grep -q "1 18446744074 s  *hot  *a$" "$T/out" || fail "$label: Avg/call is not 18446744074 s"
grep -q "runtime error" "$T/err" && fail "$label: $(cat "$T/err")"
timeout 20 "$TUI" --keys '<Enter>' --size 120x30 --dump-screen "$T/screen" "$T/max.vitprof" \
	>"$T/out" 2>"$T/err" || fail "the browser on max.vitprof: exit $?"
grep -q "runtime error" "$T/err" && fail "browser: $(cat "$T/err")"
grep -q "avg/call 18446744074 s" "$T/screen" || fail "the Function view's avg/call is not 18446744074 s"

# two functions of 2^64-1 ns (item 9): the total is shown clamped and said
# so, on stderr and on the browser's status line; the shares are of the
# exact sum, 2^65-2: 50.0 % each, 1 function makes 50 %, 2 make 90 %
printf '{"functions": {"a": {"calls": 1, "time_ns": 18446744073709551615}, "b": {"calls": 1,
 "time_ns": 18446744073709551615}}}' >"$T/two.vitprof"
note="the total self time is above 2^64-1 ns and is shown clamped at 18446744074 s"
for cmd in check report; do
	"$VP" "$cmd" "$T/two.vitprof" >"$T/out" 2>"$T/err" || fail "$cmd two.vitprof: exit $?"
	grep -qF "$T/two.vitprof: warning: $note" "$T/err" || fail "$cmd does not warn of the total"
done
grep -q "1 function makes 50% of the time, 2 make 90%, 2 make 99%" "$T/out" ||
	fail "report's summary of two.vitprof is wrong: $(grep summary "$T/out")"
[ "$(grep -c '^  50.0%   50.0% .* hot   [ab]$' "$T/out")" -eq 2 ] || fail "report's shares are not 50.0 %"
"$TUI" --keys '' --size 120x12 --dump-screen "$T/screen" "$T/two.vitprof" >/dev/null 2>&1
grep -qF "$note" "$T/screen" || fail "the browser's status line does not say the total is clamped"

[ "$fails" -eq 0 ]

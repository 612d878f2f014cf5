#!/bin/sh
# The browser's core, driven headless: hotspots, sorting, search, filter,
# threshold, marks, help, resizing, escaping. Numbers from
# examples/full.vitprof, worked out in tests/e2e/analysis.sh.
. tests/e2e/lib/tui.sh
FULL=examples/full.vitprof

# row N TEXT: line N of the screen (1-based) contains TEXT
row() {
	sed -n "${1}p" "$T/screen" | grep -qF -- "$2" || fail "$label: line $1 lacks '$2'"
}

# first screen: hotspots by self time, compute first (59.6 % = 11910011/20000000)
play "" 100x14 "$FULL"
row 1 "[1 Hotspots]"
row 1 "vitte-demo"
row 2 "Self%"
row 3 "59.6%   11.9 ms   60.0%   12.0 ms         302   39.7 us hot   compute"
row 9 "0.0%      0 ns    0.0%      0 ns           0      0 ns cold  io::flush"
has "Hotspots  1/7  sort: self descending"

# s cycles: total, calls (add has 152343), avg, name; S reverses calls to ascending (io::flush 0 first)
play "ss" 100x14 "$FULL"
row 3 "add"
has "sort: calls descending"
play "ssS" 100x14 "$FULL"
row 3 "io::flush"
has "sort: calls ascending"
play "ssss" 100x14 "$FULL"
row 3 " add"
has "sort: name ascending"

# movement: j j k G g, page down
play "jjk" 100x14 "$FULL"
has "Hotspots  2/7"
play "G" 100x14 "$FULL"
has "Hotspots  7/7"
play "Gg" 100x14 "$FULL"
has "Hotspots  1/7"
play "<PgDn>" 100x8 "$FULL"
has "Hotspots  6/7"

# mouse: a click on screen line 5 (0-based; rows start on line 2) selects
# the fourth row; the wheel moves by three
play "<Click:5>" 100x14 "$FULL"
has "Hotspots  4/7"
play "<WheelDown>" 100x14 "$FULL"
has "Hotspots  4/7"
play "<WheelDown><WheelUp>" 100x14 "$FULL"
has "Hotspots  1/7"

# incremental search: "main" first matches main::loop (row 3), n then main (row 5)
play "/main<Enter>" 100x14 "$FULL"
has "Hotspots  3/7"
play "/main<Enter>n" 100x14 "$FULL"
has "Hotspots  5/7"
play "/main<Enter>nN" 100x14 "$FULL"
has "Hotspots  3/7"
play "/nosuch<Enter>" 100x14 "$FULL"
has 'no match for "nosuch"'
# characters whose code points curses uses for keys (U+0101 is KEY_BREAK's
# number) are still characters
play "/āł日<Enter>" 100x14 "$FULL"
has 'no match for "āł日"'

# filter by substring: engine matches engine::step only; F clears
play "fengine<Enter>" 100x14 "$FULL"
has "Hotspots  1/1"
has "filter: engine"
row 3 "engine::step"
play "fengine<Enter>F" 100x14 "$FULL"
has "Hotspots  1/7"
play "fzzz<Enter>" 100x14 "$FULL"
has "no function matches"

# threshold 5 %: compute 59.6, engine::step 30.2, main::loop 7.2 stay
play "L5<Enter>" 100x14 "$FULL"
has "Hotspots  1/3"
has "threshold: 5%"
lacks "parse"
play "Lx<Enter>" 100x14 "$FULL"
has "a threshold is a percentage from 0 to 100"

# marks: m marks compute and moves down; M marks the 7 shown
play "m" 100x14 "$FULL"
has "marked: 1"
row 3 "*"
play "M" 100x14 "$FULL"
has "marked 7 functions"
play "MM" 100x14 "$FULL"
has "unmarked 7 functions"

# help is generated from the key table, and closes with q
play "?" 100x120 "$FULL"
has "Everywhere"
has "hide functions under a self-time percentage"
has "sort by the next column"
play "?q" 100x14 "$FULL"
row 2 "Self%"
play "?/Tab<Enter>" 100x14 "$FULL"
has "next main view"

# unknown key: a message, not a crash
play "Z" 100x14 "$FULL"
has "key 'Z' does nothing here"

# too small, then big again
play "<Resize:30x6>" 100x14 "$FULL"
has "terminal too small: 30x6"
play "<Resize:30x6><Resize:90x12>" 100x14 "$FULL"
row 3 "compute"

# narrow: columns hide, names cut in the middle by display width
play "" 40x10 "$FULL"
row 3 "compute"
play "" 60x10 tests/data/names.vitprof
has '日本語'
has 'evil\x1b[2J…0;title\x07'
has '\u202eevil-rtl'
if grep -q "$(printf '\033')" "$T/screen"; then fail "raw escape on screen"; fi

# Tab and number keys switch views
play "<Tab>" 100x14 "$FULL"
row 1 "[2 Function]"
play "4" 100x14 "$FULL"
row 1 "[4 Loops]"
play "4<S-Tab>" 100x14 "$FULL"
row 1 "[3 Branches]"

# bad input: the located error before the terminal is touched
printf '{"functions": {"f": {"calls": 1}}}\n' >"$T/bad.vitprof"
"$TUI" --keys "" "$T/bad.vitprof" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "a bad profile does not exit 1"
grep -qF "$T/bad.vitprof:1:21: error: function \"f\" has no \"time_ns\"" "$T/err" || fail "no located error"
# with progress on a terminal (two inputs), a bad second input's error
# starts its own line: the progress line is erased first, not glued to it
# (script(1) gives the run a terminal; the last \r of a line is where the
# terminal's cursor went back to, what follows is what stays shown)
script -qec "'$TUI' '$FULL' '$T/bad.vitprof'" "$T/typescript" </dev/null >"$T/tty" 2>&1
got=$(grep -a "error:" "$T/tty" | sed 's/\r$//' | awk -F '\r' '{ print $NF }' | sed 's/\x1b\[K//g')
[ "$got" = "$T/bad.vitprof:1:21: error: function \"f\" has no \"time_ns\"" ] ||
	fail "the error after the progress line shows as '$got'"
"$TUI" >"$T/out" 2>"$T/err"
[ $? -eq 2 ] || fail "no profile is not a usage error"
"$TUI" --diff "$FULL" >"$T/out" 2>"$T/err"
[ $? -eq 2 ] || fail "--diff with one file is not a usage error"
# counts and no time (a run shorter than the runtime's tick): the status line says so
printf '{"format": "vitprof", "version": 1, "functions": {"f": {"calls": 3, "time_ns": 0}}}\n' >"$T/notime.vitprof"
play "" 120x8 "$T/notime.vitprof"
row 8 "no time recorded (a run shorter than the runtime's tick? VITPROF_CLOCK=precise times every call)"
play "j" 120x8 "$T/notime.vitprof"
lacks "no time recorded"

"$TUI" --help >"$T/out" || fail "--help"
grep -qF "Usage: vitte-pgo-tui" "$T/out" || fail "--help text"

[ "$fails" -eq 0 ]

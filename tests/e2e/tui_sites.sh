#!/bin/sh
# End-to-end tests of the browser's Branches (3) and Loops (4) views: the
# real vitte-pgo-tui, headless, with key scripts; screens compared with
# values worked out by hand from the example files.
. tests/e2e/lib/tui.sh

# order FIRST LAST WORDS: the names of WORDS (a|b|c) met on lines FIRST to
# LAST, in screen order
order() {
	sed -n "$1,$2p" "$T/norm" | grep -oE -- "$3" | tr '\n' ' ' | sed 's/ $//'
}
# expect_order FIRST LAST WORDS WANTED
expect_order() {
	got=$(order "$1" "$2" "$3")
	[ "$got" = "$4" ] || fail "$label: order '$got', wanted '$4'"
}

F=examples/full.vitprof

# ---- Branches: examples/full.vitprof ----
# compute:17      taken 152343, not 302: 152645 executions, p = 152343/152645
#                 = 0.99802 -> 99.8%, bias 0.998 >= 0.90: likely
# engine::step:42:9 [b0] 270 + 30 = 300, p = 0.9 (inclusive bound): likely
# parse:88:5      40 + 60 = 100, p = 0.4, bias 0.6, 0.3 <= p <= 0.7: unpredictable
# executions 152645 + 300 + 100 = 153045; biased 152645 + 300 = 152945,
# 152945/153045 = 99.93% -> 99.9%; unpredictable 100/153045 = 0.065% -> 0.1%
play "3" 120x12 $F
has "[3 Branches]"
line 2 "3 sites, 153045 executions: 99.9% in biased sites, 0.1% unpredictable"
line 3 "Executions▼ Taken% Taken Not taken Bias Hint Function Line Id"
line 4 "152645 99.8% 152343 302 0.998 likely compute 17"
line 5 "300 90.0% 270 30 0.900 likely engine::step 42:9 b0"
line 6 "100 40.0% 40 60 0.600 unpredictable parse 88:5"
line 12 "Branches 1/3 sort: executions descending ? help q quit"
# the bar is the bias from 0.5 (empty) to 1 (full), 10 cells:
# 0.9 -> 0.8 -> 8 full cells and 2 blank; 0.998 -> 0.996 -> 9 full and 7/8
# of the tenth (79.68 eighths); 0.6 -> 0.2 (0.19999...) -> 1 full and 7/8
has "0.900 ████████   likely"
has "0.998 █████████▉ likely"
has "0.600 █▉         unpredictable"

# every sort key names itself in the status bar and marks its column
play "3s" 120x12 $F
line 3 "Executions Taken% Taken Not taken Bias▼ Hint Function Line Id"
line 12 "Branches 1/3 sort: bias descending ? help q quit"
play "3ss" 120x12 $F
line 3 "Executions Taken%▼ Taken Not taken Bias Hint Function Line Id"
line 12 "Branches 1/3 sort: taken% descending ? help q quit"
play "3sss" 120x12 $F
line 3 "Executions Taken% Taken Not taken Bias Hint Function▲ Line Id"
line 12 "Branches 1/3 sort: function ascending ? help q quit"
play "3ssss" 120x12 $F
line 3 "Executions Taken% Taken Not taken Bias Hint Function Line▲ Id"
line 12 "Branches 1/3 sort: line ascending ? help q quit"
play "3sssss" 120x12 $F
line 12 "Branches 1/3 sort: executions descending ? help q quit"
play "3S" 120x12 $F
line 3 "Executions▲ Taken% Taken Not taken Bias Hint Function Line Id"
line 4 "100 40.0% 40 60 0.600 unpredictable parse 88:5"
line 6 "152645 99.8% 152343 302 0.998 likely compute 17"
line 12 "Branches 3/3 sort: executions ascending ? help q quit"

# The example's sites come in the same order under every key, so the keys
# are told apart on four sites made for it (function, line: taken/not):
#   alpha 30:   10/990  executions 1000, p 0.01, bias 0.99, unlikely
#   beta 10:    50/50   executions  100, p 0.50, bias 0.50, unpredictable
#   gamma 20: 1900/100  executions 2000, p 0.95, bias 0.95, likely
#   delta 5:     8/2    executions   10, p 0.80, bias 0.80, none
cat >"$T/sorts.vitprof" <<'EOF'
{"functions": {"alpha": {"calls": 1, "time_ns": 10}, "beta": {"calls": 1, "time_ns": 10},
  "gamma": {"calls": 1, "time_ns": 10}, "delta": {"calls": 1, "time_ns": 10}},
 "branches": {"sites": [
  {"function": "alpha", "line": 30, "taken": 10, "not_taken": 990},
  {"function": "beta", "line": 10, "taken": 50, "not_taken": 50},
  {"function": "gamma", "line": 20, "taken": 1900, "not_taken": 100},
  {"function": "delta", "line": 5, "taken": 8, "not_taken": 2}]}}
EOF
S=$T/sorts.vitprof
W='alpha|beta|gamma|delta'
play "3" 120x12 "$S"
# 1000 + 100 + 2000 + 10 = 3110 executions; alpha and gamma are biased:
# (1000 + 2000)/3110 = 96.46% -> 96.5%; beta unpredictable: 100/3110 = 3.2%
line 2 "4 sites, 3110 executions: 96.5% in biased sites, 3.2% unpredictable"
line 4 "2000 95.0% 1900 100 0.950 likely gamma 20"
line 5 "1000 1.0% 10 990 0.990 unlikely alpha 30"
line 6 "100 50.0% 50 50 0.500 unpredictable beta 10"
line 7 "10 80.0% 8 2 0.800 none delta 5"
expect_order 4 7 "$W" "gamma alpha beta delta"  # executions descending
play "3s" 120x12 "$S"
expect_order 4 7 "$W" "alpha gamma delta beta"  # bias .99 .95 .80 .50
play "3sS" 120x12 "$S"
expect_order 4 7 "$W" "beta delta gamma alpha"
play "3ss" 120x12 "$S"
expect_order 4 7 "$W" "gamma delta beta alpha"  # taken .95 .80 .50 .01
play "3ssS" 120x12 "$S"
expect_order 4 7 "$W" "alpha beta delta gamma"
play "3sss" 120x12 "$S"
expect_order 4 7 "$W" "alpha beta delta gamma"  # names
play "3sssS" 120x12 "$S"
expect_order 4 7 "$W" "gamma delta beta alpha"
play "3ssss" 120x12 "$S"
expect_order 4 7 "$W" "delta beta gamma alpha"  # lines 5 10 20 30
play "3ssssS" 120x12 "$S"
expect_order 4 7 "$W" "alpha gamma beta delta"
play "3S" 120x12 "$S"
expect_order 4 7 "$W" "delta beta alpha gamma"  # executions ascending
play "3SS" 120x12 "$S"
expect_order 4 7 "$W" "gamma alpha beta delta"
# the selection stays on its site: alpha (2nd) is 1st by bias
play "3js" 120x12 "$S"
line 12 "Branches 1/4 sort: bias descending ? help q quit"

# search: incremental from the selection, n / N wrap around
play "3/par<Enter>" 120x12 $F
line 12 "Branches 3/3 sort: executions descending ? help q quit"
# compute and engine::step have a t, parse none
play "3/t<Enter>" 120x12 $F # the search starts on the selection
line 12 "Branches 1/3 sort: executions descending ? help q quit"
play "3/t<Enter>n" 120x12 $F
line 12 "Branches 2/3 sort: executions descending ? help q quit"
play "3/t<Enter>nn" 120x12 $F # wraps around to compute
line 12 "Branches 1/3 sort: executions descending ? help q quit"
play "3/t<Enter>N" 120x12 $F # backwards from compute: parse, then engine::step
line 12 "Branches 2/3 sort: executions descending ? help q quit"
play "3/t<Enter>nN" 120x12 $F
line 12 "Branches 1/3 sort: executions descending ? help q quit"
play "3j/zzz<Enter>" 120x12 $F
has 'no match for "zzz"'
play "3j/par<Esc>" 120x12 $F # cancelled: back where it started
line 12 "Branches 2/3 sort: executions descending ? help q quit"

# filter on the function name (any case); F clears, the selection stays
play "3fSTEP<Enter>" 120x12 $F
line 4 "300 90.0% 270 30 0.900 likely engine::step 42:9 b0"
line 5 ""
line 12 "Branches 1/1 sort: executions descending filter: STEP ? help q quit"
play "3fSTEP<Enter>F" 120x12 $F
line 5 "300 90.0% 270 30 0.900 likely engine::step 42:9 b0"
line 12 "Branches 2/3 sort: executions descending ? help q quit"
play "3fnothing<Enter>" 120x12 $F
line 4 "no branch site matches (F clears the filter)"
line 2 "3 sites, 153045 executions: 99.9% in biased sites, 0.1% unpredictable"
play "3fstep<Esc>" 120x12 $F # cancelled: no filter
line 12 "Branches 1/3 sort: executions descending ? help q quit"

# Enter / Right open the site's function in the function view
play "3j<Enter>" 120x12 $F
has "[2 Function]"
play "3jj<Right>" 120x12 $F
has "[2 Function]"

# the seed format: aggregate percentages only, nothing to open
play "3<Enter>" 100x12 examples/seed.vitprof
has "[3 Branches]"
line 2 "aggregate only: 91.3% taken, 8.7% not taken"
line 12 "Branches 0/0 ? help q quit"
play "3" 100x12 tests/data/names.vitprof
line 2 "the profile has no branch sites"

# ---- Loops: examples/full.vitprof ----
# the total is 20 ms of self time (vitte-pgo check says so);
# main "loop" line 5:    19.5 ms / 20 ms = 97.5%, 300 / 1 = 300.0 >= 64: vectorize
# compute "inner" 15:    9 ms -> 45.0%, 152343 / 302 = 504.44: vectorize
# engine::step line 40:  4 ms -> 20.0%, 2400 / 300 = 8.0 <= 8: unroll
play "4" 100x12 $F
has "[4 Loops]"
line 2 "Time%▼ Time Entries Iterations Avg trip Hint Function Loop Line"
line 3 "97.5% 19.5 ms 1 300 300.0 vectorize main loop 5"
line 4 "45.0% 9.00 ms 302 152343 504.4 vectorize compute inner 15"
line 5 "20.0% 4.00 ms 300 2400 8.0 unroll engine::step 40"
line 12 "Loops 1/3 sort: time descending ? help q quit"

L='main|compute|engine::step'
play "4s" 100x12 $F # iterations 152343 2400 300; main stays selected
line 2 "Time% Time Entries Iterations▼ Avg trip Hint Function Loop Line"
line 12 "Loops 3/3 sort: iterations descending ? help q quit"
expect_order 3 5 "$L" "compute engine::step main"
play "4sS" 100x12 $F
expect_order 3 5 "$L" "main engine::step compute"
play "4ss" 100x12 $F # avg trip 504.4 300.0 8.0
line 2 "Time% Time Entries Iterations Avg trip▼ Hint Function Loop Line"
line 12 "Loops 2/3 sort: avg trip descending ? help q quit"
expect_order 3 5 "$L" "compute main engine::step"
play "4ssS" 100x12 $F
expect_order 3 5 "$L" "engine::step main compute"
play "4sss" 100x12 $F # entries 302 300 1
line 2 "Time% Time Entries▼ Iterations Avg trip Hint Function Loop Line"
line 12 "Loops 3/3 sort: entries descending ? help q quit"
expect_order 3 5 "$L" "compute engine::step main"
play "4sssS" 100x12 $F
expect_order 3 5 "$L" "main engine::step compute"
play "4ssss" 100x12 $F # names
line 2 "Time% Time Entries Iterations Avg trip Hint Function▲ Loop Line"
line 12 "Loops 3/3 sort: function ascending ? help q quit"
expect_order 3 5 "$L" "compute engine::step main"
play "4ssssS" 100x12 $F
expect_order 3 5 "$L" "main engine::step compute"
play "4sssss" 100x12 $F
line 12 "Loops 1/3 sort: time descending ? help q quit"
expect_order 3 5 "$L" "main compute engine::step"
play "4S" 100x12 $F
line 2 "Time%▲ Time Entries Iterations Avg trip Hint Function Loop Line"
expect_order 3 5 "$L" "engine::step compute main"

# search, n, N (main and compute have an m, engine::step none)
play "4/m<Enter>" 100x12 $F
line 12 "Loops 1/3 sort: time descending ? help q quit"
play "4/m<Enter>n" 100x12 $F
line 12 "Loops 2/3 sort: time descending ? help q quit"
play "4/m<Enter>nn" 100x12 $F
line 12 "Loops 1/3 sort: time descending ? help q quit"
play "4/m<Enter>N" 100x12 $F
line 12 "Loops 2/3 sort: time descending ? help q quit"

# filter and F
play "4fcomp<Enter>" 100x12 $F
line 3 "45.0% 9.00 ms 302 152343 504.4 vectorize compute inner 15"
line 4 ""
line 12 "Loops 1/1 sort: time descending filter: comp ? help q quit"
play "4fcomp<Enter>F" 100x12 $F
line 12 "Loops 2/3 sort: time descending ? help q quit"
play "4fnothing<Enter>" 100x12 $F
line 3 "no loop site matches (F clears the filter)"

# Enter / Right open the function
play "4<Enter>" 100x12 $F
has "[2 Function]"
play "4j<Right>" 100x12 $F
has "[2 Function]"

# the seed format: hot loop names only, searchable and filterable; they
# name no function of that profile (add and compute)
play "4" 100x12 examples/seed.vitprof
line 2 "Hot loops (names only)"
line 3 "main::loop"
line 4 "engine::step"
line 12 "Loops 1/2 names only ? help q quit"
play "4<Enter>" 100x12 examples/seed.vitprof
has "[4 Loops]"
has 'no function named "main::loop" in the profile'
play "4/step<Enter>" 100x12 examples/seed.vitprof
line 12 "Loops 2/2 names only ? help q quit"
play "4/step<Enter>N" 100x12 examples/seed.vitprof # the only match
line 12 "Loops 2/2 names only ? help q quit"
play "4fmain<Enter>" 100x12 examples/seed.vitprof
line 3 "main::loop"
line 4 ""
line 12 "Loops 1/1 names only filter: main ? help q quit"
play "4fmain<Enter>F" 100x12 examples/seed.vitprof
line 12 "Loops 1/2 names only ? help q quit"
play "4s" 100x12 examples/seed.vitprof
has "hot loop names only: nothing to sort by"
play "4S" 100x12 examples/seed.vitprof
has "hot loop names only: nothing to sort by"
# a hot loop name that is a function opens it
printf '{"functions": {"compute": {"calls": 1, "time_ns": 5}}, "loops": {"hot": ["compute"]}}' \
	>"$T/hot.vitprof"
play "4<Enter>" 100x12 "$T/hot.vitprof"
has "[2 Function]"
play "4" 100x12 tests/data/names.vitprof
line 2 "the profile has no loop sites"

# ---- narrow terminals: less important columns hide, rows stay readable ----
play "3" 60x15 $F
line 2 "3 sites, 99.9% biased, 0.1% unpred."
line 3 "Executions▼ Taken% Hint Function Line"
line 4 "152645 99.8% likely compute 17"
line 5 "300 90.0% likely engine::step 42:9"
line 6 "100 40.0% unpredictable parse 88:5"
play "4" 60x15 $F
line 2 "Time%▼ Avg trip Hint Function Loop Line"
line 3 "97.5% 300.0 vectorize main loop 5"
line 4 "45.0% 504.4 vectorize compute inner 15"
line 5 "20.0% 8.0 unroll engine::step 40"
play "3" 40x8 $F
line 3 "Taken% Function Line"
line 5 "90.0% engine::step 42:9"
play "4" 40x8 $F
line 2 "Time%▼ Hint Function Line"
line 4 "45.0% vectorize compute 15"
# a resize lays out again
play "3<Resize:60x15>" 120x12 $F
line 4 "152645 99.8% likely compute 17"

# ---- names with control characters are shown escaped ----
# evil: 1 of 4 taken: p 0.25, bias 0.75, none (0.10 < p < 0.30); idle never
# ran: no share, no bias; the loop has no time and 6/2 = 3.0 trips: unroll
cat >"$T/esc.vitprof" <<'EOF'
{"functions": {"evil\u001b[2Jname": {"calls": 1, "time_ns": 10}, "idle": {"calls": 0, "time_ns": 0}},
 "branches": {"sites": [
  {"function": "evil\u001b[2Jname", "line": 3, "id": "i\u0007d", "taken": 1, "not_taken": 3},
  {"function": "idle", "line": 1, "taken": 0, "not_taken": 0}]},
 "loops": {"sites": [
  {"function": "evil\u001b[2Jname", "name": "l\u0007p", "line": 4, "entries": 2, "iterations": 6}]}}
EOF
play "3" 120x12 "$T/esc.vitprof"
line 4 '4 25.0% 1 3 0.750 none evil\x1b[2Jname 3 i\x07d'
line 5 "0 - 0 0 - none idle 1"
if grep -q "$(printf '[\033\007]')" "$T/screen"; then fail "raw control character on screen"; fi
play "3/evil<Enter>" 120x12 "$T/esc.vitprof"
line 12 "Branches 1/2 sort: executions descending ? help q quit"
play "4" 100x12 "$T/esc.vitprof"
line 3 '- - 2 6 3.0 unroll evil\x1b[2Jname l\x07p 4'
if grep -q "$(printf '[\033\007]')" "$T/screen"; then fail "raw control character on screen"; fi

[ "$fails" -eq 0 ]

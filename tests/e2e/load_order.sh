#!/bin/sh
# Several inputs load two at a time on two threads (issue 13, item 2): the
# result and the messages are those of a load in input order. Each input
# here warns about its own edge to a function it does not list; one input
# is broken: its error is the last message, nothing of the inputs after
# it is printed, and the command fails.
. tests/e2e/lib/cli.sh

# input N: a profile whose edge names function "gone_N", not in "functions"
input() {
	printf '{"functions": {"f%s": {"calls": %s, "time_ns": 10}},\n"calls": [{"caller": "f%s", "callee": "gone_%s", "count": 1}]}\n' \
		"$1" "$1" "$1" "$1" >"$T/in$1.vitprof"
}
for i in 1 2 3 4 5 6; do input "$i"; done

expect_exit 0 "$VP" merge -o "$T/m.vitprof" "$T"/in1.vitprof "$T"/in2.vitprof "$T"/in3.vitprof \
	"$T"/in4.vitprof "$T"/in5.vitprof "$T"/in6.vitprof
grep -o 'function "gone_[0-9]"' "$T/err" | tr '\n' ' ' >"$T/order"
[ "$(cat "$T/order")" = 'function "gone_1" function "gone_2" function "gone_3" function "gone_4" function "gone_5" function "gone_6" ' ] ||
	fail "merge warnings out of input order: $(cat "$T/order")"
# the sum of calls 1..6 of functions f1..f6, and their six edges
expect_exit 0 "$VP" check "$T/m.vitprof"
has "$T/out" "ok: 12 functions, 6 edges"

printf '{"functions": {"x": {"calls": -1, "time_ns": 1}}}\n' >"$T/in4.vitprof"
expect_exit 1 "$VP" merge -o "$T/m2.vitprof" "$T"/in1.vitprof "$T"/in2.vitprof "$T"/in3.vitprof \
	"$T"/in4.vitprof "$T"/in5.vitprof "$T"/in6.vitprof
tail -n 1 "$T/err" | grep -q 'in4.vitprof:1:31: error: "calls" must not be negative, found -1' ||
	fail "merge's last message is not in4's error: $(tail -n 1 "$T/err")"
grep -q 'gone_[56]' "$T/err" && fail "merge printed messages of inputs after the broken one"
[ "$(grep -c 'gone_[123]' "$T/err")" -eq 3 ] || fail "merge lost messages of inputs 1-3"
[ -e "$T/m2.vitprof" ] && fail "merge wrote a result after a broken input"

# A merge loads later inputs into the memory of those it has merged: none
# of a rich input (extras, contexts, legacy branches, hot loops, lines,
# meta) may stay in the plain inputs loaded after it. The flat merge
# equals the chain of two-input merges, where no memory is given back.
cat >"$T/rich.vitprof" <<'END'
{"format": "vitprof", "version": 1, "program": "rich", "x-root": [1, 2],
 "meta": {"mode": "instrumented", "runs": 2, "build_id": "b1", "x-meta": true},
 "functions": {"f1": {"calls": 5, "time_ns": 50, "lines": {"3": 7}, "x-fn": "k"},
  "r": {"calls": 1, "time_ns": 9, "checksum": "c1"}},
 "calls": [{"caller": "r", "callee": "f1", "count": 5, "time_ns": 40, "x-edge": 1}],
 "branches": {"taken": 60, "not_taken": 40, "sites": [{"function": "r", "line": 2, "taken": 3, "not_taken": 1}]},
 "loops": {"hot": ["r::loop"], "sites": [{"function": "r", "line": 4, "entries": 1, "iterations": 9}]},
 "contexts": [{"function": "r", "self_ns": 9}, {"parent": 0, "function": "f1", "self_ns": 50}]}
END
input 5
expect_exit 0 "$VP" merge -q -o "$T/flat.vitprof" "$T/rich.vitprof" "$T/in1.vitprof" \
	"$T/in2.vitprof" "$T/in3.vitprof" "$T/in5.vitprof"
cp "$T/rich.vitprof" "$T/chain0.vitprof"
i=0
for f in in1 in2 in3 in5; do
	expect_exit 0 "$VP" merge -q -o "$T/chain$((i + 1)).vitprof" "$T/chain$i.vitprof" "$T/$f.vitprof"
	i=$((i + 1))
done
cmp -s "$T/flat.vitprof" "$T/chain4.vitprof" ||
	fail "a merge's later inputs differ when loaded into the memory of earlier ones"

# diff: the two inputs' warnings in order
expect_exit 0 "$VP" diff "$T/in2.vitprof" "$T/in1.vitprof"
grep -o 'gone_[0-9]' "$T/err" | tr '\n' ' ' | grep -qx 'gone_2 gone_1 ' ||
	fail "diff warnings out of input order: $(grep -o 'gone_[0-9]' "$T/err" | tr '\n' ' ')"

[ "$fails" -eq 0 ]

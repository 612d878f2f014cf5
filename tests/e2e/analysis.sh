#!/bin/sh
# End-to-end tests of vitte-pgo report, merge and diff on the examples.
# Expected numbers are worked out by hand in the comments.
. tests/e2e/lib/cli.sh
FULL=examples/full.vitprof
AFTER=examples/full-after.vitprof

# report --json: total 20000000 ns; compute 12003221 - 93210 = 11910011 ns
# is first; 50 % needs compute alone (59.6 %), 90 % compute + engine::step
# + main::loop (89.8 % before main::loop), 99 % also parse (97.0 + 2.0).
expect_exit 0 "$VP" report --json "$FULL"
has "$T/out" '"total_self_ns":20000000'
has "$T/out" '{"name":"compute","calls":302,"time_ns":12003221,"self_ns":11910011,'
has "$T/out" '"summary":{"functions_for_50":1,"functions_for_90":3,"functions_for_99":4}'
# add is called 152343 of 153247 edge calls (99.4 %), size 12 <= 64
has "$T/out" '"inline_candidates":['
has "$T/out" '{"caller":"compute","callee":"add","count":152343}'
# parse:88: 40 taken of 100, bias 0.6, unpredictable
has "$T/out" '{"function":"parse","line":88,"taken":40,"not_taken":60,"bias":0.6,"hint":"unpredictable"}'
# engine::step:40: 2400 / 300 = 8 iterations per entry: unroll
has "$T/out" '"line":40,"entries":300,"iterations":2400,"avg_trip":8,"hint":"unroll"}'

# report text: the seed's legacy aggregates are shown when there are no sites
expect_exit 0 "$VP" report examples/seed.vitprof
has "$T/out" "Branches (aggregate only): 91.3% taken, 8.7% not taken"
has "$T/out" "Hot loops (names only): main::loop, engine::step"
expect_exit 0 "$VP" report --top 2 --sort calls "$FULL"
sed -n '/^Hotspots/,/^$/p' "$T/out" | sed -n 3p | grep -q " add$" || fail "report --sort calls: add is not first"
has "$T/out" "... 5 more"
expect_exit 2 "$VP" report --sort bogus "$FULL"
expect_exit 2 "$VP" report --hot-cutoff 2 "$FULL"

# merge -w 3,FULL AFTER: main calls 3*1 + 1 = 4; compute calls 3*302 + 302 =
# 1208, self 3*11910011 + 9000000 = 44730033; add only in FULL: 3*152343 =
# 457029; runs add up unweighted: 1 + 1 = 2; compute's
# checksum differs: a stale warning.
expect_exit 0 "$VP" merge -o "$T/m.vitprof" -w "3,$FULL" "$AFTER"
has "$T/err" 'compute'
has "$T/err" 'stale'
has "$T/m.vitprof" '"meta": {"mode": "merged", "runs": 2'
has "$T/m.vitprof" '"main": {"calls": 4, "time_ns": 77000000, "self_ns": 400000'
has "$T/m.vitprof" '"compute": {"calls": 1208, "time_ns": 45009663, "self_ns": 44730033'
has "$T/m.vitprof" '"add": {"calls": 457029, "time_ns": 279630, "self_ns": 279630'
expect_exit 0 "$VP" check "$T/m.vitprof"

# merge is associative: (FULL + AFTER) + SEED == FULL + (AFTER + SEED)
expect_exit 0 "$VP" merge -o "$T/ab.vitprof" "$FULL" "$AFTER"
expect_exit 0 "$VP" merge -o "$T/ab_c.vitprof" "$T/ab.vitprof" examples/seed.vitprof
expect_exit 0 "$VP" merge -o "$T/bc.vitprof" "$AFTER" examples/seed.vitprof
expect_exit 0 "$VP" merge -o "$T/a_bc.vitprof" "$FULL" "$T/bc.vitprof"
cmp -s "$T/ab_c.vitprof" "$T/a_bc.vitprof" || fail "merge is not associative"

# contexts merge by path: 2 x contexts.vitprof + itself gives 3 times each
# count and self time (main 3 calls, 330 ns; main > b > c > d 15 calls,
# 30 ns); with a profile that has none, the result has none either
C=tests/data/contexts.vitprof
expect_exit 0 "$VP" merge -o "$T/mc.vitprof" -w "2,$C" "$C"
has "$T/mc.vitprof" '    {"function": "main", "calls": 3, "self_ns": 330},'
has "$T/mc.vitprof" '    {"parent": 5, "function": "d", "calls": 15, "self_ns": 30}'
expect_exit 0 "$VP" check "$T/mc.vitprof"
has "$T/out" "7 contexts"
expect_exit 0 "$VP" merge -o "$T/mc2.vitprof" "$C" examples/seed.vitprof
if grep -q '"contexts"' "$T/mc2.vitprof"; then fail "a merge with a profile without contexts has contexts"; fi

# merge -f LIST with weights, a comment and a plain line
printf '# weights\n3,%s\n%s\n' "$FULL" "$AFTER" >"$T/list"
expect_exit 0 "$VP" merge -o "$T/m2.vitprof" -f "$T/list"
cmp -s "$T/m.vitprof" "$T/m2.vitprof" || fail "merge -f differs from -w"
printf '0,%s\n' "$FULL" >"$T/badlist"
expect_exit 2 "$VP" merge -o "$T/m3.vitprof" -f "$T/badlist"
expect_exit 2 "$VP" merge -o "$T/m3.vitprof" -w "-1,$FULL"
# weights and shares are decimal: not hexadecimal (once read as 16), inf, nan
for w in 0x10 inf nan " 2"; do
	expect_exit 2 "$VP" merge -o "$T/m3.vitprof" -w "$w,$FULL"
	has "$T/err" "-w"
done
expect_exit 2 "$VP" report --hot 0x0.8 "$FULL"
expect_exit 0 "$VP" merge -o - -w "2.5e0,$FULL"
expect_exit 1 "$VP" merge -o "$T/m.vitprof" "$FULL"
has "$T/err" "file exists"

# diff: shares of 17000000 ns in AFTER; overlap = min(.59550, .52941) +
# .3025 + .07234 + .02 + .005 = 0.92925
expect_exit 0 "$VP" diff "$FULL" "$AFTER"
has "$T/out" "overlap:  0.929"
sed -n 6p "$T/out" | grep -q "59.6%   52.9%    -6.6pp     0.76x  changed  compute" || fail "diff: compute row"
has "$T/out" "  0.0%    2.9%    +2.9pp         -  added    engine::cache_lookup"
has "$T/out" "  0.5%    0.0%    -0.5pp     0.00x  removed  add"
expect_exit 0 "$VP" diff --json "$FULL" "$AFTER"
has "$T/out" '{"name":"compute","status":"changed","base_self_ns":11910011,"new_self_ns":9000000,'
# a CI gate: engine::cache_lookup grew by 500000/17000000 = 2.94 pp
expect_exit 3 "$VP" diff --fail-above 2.5 "$FULL" "$AFTER"
has "$T/err" "engine::cache_lookup: share grew by 2.94 percentage points (limit 2.5)"
expect_exit 0 "$VP" diff --fail-above 3 "$FULL" "$AFTER"
expect_exit 2 "$VP" diff "$FULL"
expect_exit 1 "$VP" diff "$FULL" "$T/missing.vitprof"

# a sampled profile (100 samples of 1 ms) counts no calls: calls and
# avg/call print "-", edge counts are samples. main has 1 sample of its
# own (ranked last: 99 % before it, cold by self time) but is on 98 of
# the 100 stacks, above the 10 % that makes a function hot whatever ranks
# before it; _dl_relocate_object (2 of 2: 97 % before, 2 % > 1 %) is warm.
# Inline candidates: compute -> hash, 27 of 27 + 77 + 20 + 10 = 134
# samples through edges (20.1 %); the others' callees are over 64 bytes.
SAMPLED=tests/data/sampled.vitprof
expect_exit 0 "$VP" report "$SAMPLED"
has "$T/out" "total:     100 ms self time in 5 functions (4 hot, 1 warm, 0 cold), 1 run"
has "$T/out" "   1.0%   98.0%    1.00 ms    98.0 ms            -          -  hot   main"
has "$T/out" "   2.0%    2.0%    2.00 ms    2.00 ms            -          -  warm  _dl_relocate_object"
has "$T/out" "     Samples   Share   Size  Caller -> callee"
has "$T/out" "          27   20.1%     60  compute -> hash"
expect_exit 0 "$VP" report --json "$SAMPLED"
has "$T/out" '{"name":"main","calls":null,"time_ns":98000000,"self_ns":1000000,"self_share":0.01,"time_share":0.98,"class":"hot"}'
expect_exit 0 "$VP" show "$SAMPLED"
has "$T/out" "   1.0%    1.00 ms    98.0 ms            -  main  (/src/prog.c:40)"
# samples added up are samples: the merge stays sampled, calls unknown
expect_exit 0 "$VP" merge -o "$T/ms.vitprof" -w "2,$SAMPLED" "$SAMPLED"
has "$T/ms.vitprof" '"meta": {"mode": "sampled", "runs": 2'
expect_exit 0 "$VP" report "$T/ms.vitprof"
has "$T/out" "   1.0%   98.0%    3.00 ms     294 ms            -          -  hot   main"

# a run shorter than the runtime's tick: counts, no time; the summary says so
printf '{"format": "vitprof", "version": 1, "functions": {"f": {"calls": 3, "time_ns": 0}}}\n' >"$T/notime.vitprof"
expect_exit 0 "$VP" report "$T/notime.vitprof"
has "$T/out" "summary:   no time recorded (a run shorter than the runtime's tick?"

[ "$fails" -eq 0 ]

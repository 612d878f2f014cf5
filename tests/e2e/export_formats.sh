#!/bin/sh
# End-to-end tests of `vitte-pgo export --format order|order-sections|folded`
# on examples/full.vitprof; expected outputs worked out by hand (see
# tests/test_export_order.c and docs/export-formats.md).
. tests/e2e/lib/cli.sh

# order: the hot chain main::loop -> engine::step -> compute, add pulled
# after compute by its 152343 calls; warm parse; cold main; io::flush
# never called, left out. No warning: the layout is not an estimate.
expect_exit 0 "$VP" export --format order -o - examples/full.vitprof
printf 'main::loop\nengine::step\ncompute\nadd\nparse\nmain\n' >"$T/want"
cmp -s "$T/out" "$T/want" || fail "order: $(cat "$T/out")"
[ -s "$T/err" ] && fail "order: unexpected stderr: $(cat "$T/err")"

# order-sections: the same layout, four section names per function
expect_exit 0 "$VP" export --format order-sections -o - examples/full.vitprof
[ "$(wc -l <"$T/out")" -eq 24 ] || fail "order-sections: $(wc -l <"$T/out") lines, wanted 24"
sed -n '1,4p' "$T/out" >"$T/head"
printf '.text.main::loop\n.text.hot.main::loop\n.text.unlikely.main::loop\n.text.startup.main::loop\n' \
	>"$T/want"
cmp -s "$T/head" "$T/want" || fail "order-sections: $(cat "$T/head")"

# folded: compute's 11910011 ns over its callers by edge time (53221 and
# 11950000 of 12003221), add's 93210 the same way; the weights add up to
# the total self time, 20000000 ns; a warning says it is estimated
expect_exit 0 "$VP" export --format folded -o - examples/full.vitprof
cat >"$T/want" <<'END'
main 100000
main;main::loop 1446779
main;main::loop;compute 52808
main;main::loop;compute;add 413
main;main::loop;engine::step 6050000
main;main::loop;engine::step;compute 11857203
main;main::loop;engine::step;compute;add 92797
main;parse 400000
END
cmp -s "$T/out" "$T/want" || fail "folded: $(cat "$T/out")"
[ "$(awk '{ s += $NF } END { print s }' "$T/out")" = 20000000 ] || fail "folded: sum"
has "$T/err" "-: warning: folded: the stacks are estimated"

# -q: no warning; to a file: the same bytes
expect_exit 0 "$VP" export -q --format folded -o "$T/f.folded" examples/full.vitprof
[ -s "$T/err" ] && fail "folded -q: unexpected stderr: $(cat "$T/err")"
cmp -s "$T/f.folded" "$T/want" || fail "folded to a file differs"

# the formats are listed in --help
expect_exit 0 "$VP" export --help
for f in order order-sections folded feedback; do
	grep -q "^  $f " "$T/out" || fail "export --help lacks $f"
done

# feedback: check validates what export writes (examples/full.vitprof:
# compute, engine::step, main::loop hot; parse warm; main, add, io::flush
# cold; compute -> add inlined; 3 hinted branch sites, 3 hinted loops)
expect_exit 0 "$VP" export --format feedback -o "$T/f.feedback" examples/full.vitprof
expect_exit 0 "$VP" check "$T/f.feedback"
has "$T/out" "ok: feedback version 1, 7 functions (3 hot, 1 warm, 3 cold), 1 inline call, 3 branch hints, 3 loop hints"
sed 's/"version": 1/"version": 9/' "$T/f.feedback" >"$T/g.feedback"
expect_exit 1 "$VP" check "$T/g.feedback"
has "$T/err" "g.feedback:3:14: error: feedback version 9: this vitte-pgo reads version 1"

[ "$fails" -eq 0 ]

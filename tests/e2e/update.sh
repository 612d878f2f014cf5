#!/bin/sh
# vitte-pgo update: tests/runtime/three.c (alpha, beta, gamma_, main)
# profiled, rebuilt with alpha changed (-DCHANGE_ALPHA), and the profile
# carried over: alpha is the one function no longer valid, the others are
# kept exactly; the copies of a static function (statics-a.c:mix) match
# by their unit. Built here by gcc -O2 with the static libvitprof.
. tests/e2e/lib/cli.sh
R=$PWD/tests/runtime
build() { # build OUT CFLAGS... SOURCES
	out=$1
	shift
	gcc -g -O2 -finstrument-functions -o "$T/$out" "$@" "$B/libvitprof.a" \
		$(pkg-config --libs libdw) -lpthread -lm 2>"$T/cc.err" || fail "cannot build $out"
}
# the canonical line of function NAME in a profile; the count of an edge
fobj() { "$VP" export -o - "$1" | grep "^    \"$2\": {"; }
edge() { "$VP" export -o - "$1" | grep "{\"caller\": \"$2\", \"callee\": \"$3\"," |
	sed -n 's/.*"count": \([0-9]*\).*/\1/p'; }

cd "$T" || exit 1
build three "$R/three.c"
VITPROF_CLOCK=precise VITPROF_FILE=old.vitprof ./three >/dev/null || fail "the run"
build three -DCHANGE_ALPHA "$R/three.c"

expect_exit 0 "$VP" update -o new.vitprof --binary ./three old.vitprof
# the share of the self time still valid, from the old profile's numbers
total=0
for f in alpha beta gamma_ main; do
	s=$(fobj old.vitprof $f | sed -n 's/.*"self_ns": \([0-9]*\).*/\1/p')
	total=$((total + s))
	[ $f = alpha ] && a=$s
done
pct=$(awk "BEGIN { printf \"%.1f\", 100 * ($total - $a) / $total }")
has "$T/out" "old.vitprof: 3 of 4 functions still valid ($pct% of the self time)"
has "$T/out" "  changed     alpha  (dropped)"
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "more than alpha reported: $(cat "$T/out")"
expect_exit 0 "$VP" check new.vitprof
[ -z "$(fobj new.vitprof alpha)" ] || fail "alpha was kept"
for f in beta gamma_ main; do
	[ "$(fobj new.vitprof $f)" = "$(fobj old.vitprof $f)" ] || fail "$f changed in the update"
done
[ "$(edge new.vitprof gamma_ beta)" = 100 ] || fail "gamma_ -> beta is not 100"
[ "$(edge new.vitprof main gamma_)" = 100 ] || fail "main -> gamma_ is not 100"
[ -z "$(edge new.vitprof beta alpha)" ] || fail "the edge beta -> alpha was kept"
id=$(readelf -n three | sed -n 's/.*Build ID: //p')
"$VP" export -o - new.vitprof | grep -q "\"binary\": \"$T/three\", \"build_id\": \"$id\"" ||
	fail "binary and build_id are not the new build's"

# a fresh profile of the new build merges with it without a warning
VITPROF_FILE=fresh.vitprof ./three >/dev/null || fail "the second run"
expect_exit 0 "$VP" merge -o merged.vitprof new.vitprof fresh.vitprof
[ -s "$T/err" ] && fail "merge warned: $(cat "$T/err")"
# --keep-changed keeps alpha with its old checksum: the merge then says so
expect_exit 0 "$VP" update -o kept.vitprof --keep-changed --binary ./three old.vitprof
has "$T/out" "  changed     alpha  (kept)"
[ "$(fobj kept.vitprof alpha)" = "$(fobj old.vitprof alpha)" ] || fail "alpha not kept as it was"
expect_exit 0 "$VP" merge -o merged2.vitprof kept.vitprof fresh.vitprof
has "$T/err" "function \"alpha\": checksum differs between inputs"
[ "$(grep -c warning "$T/err")" -eq 1 ] || fail "merge warned of more: $(cat "$T/err")"
# and the old profile against the new build: a diff says what changed
expect_exit 0 "$VP" diff old.vitprof fresh.vitprof
has "$T/err" "are profiles of different builds (build-id "
has "$T/err" "): 1 of the 4 functions compared by checksum changed"

# the copies of a static function match by their unit; nothing changed
build statics "$R/statics-a.c" "$R/statics-b.c"
VITPROF_FILE=s.vitprof ./statics >/dev/null || fail "the statics run"
build statics "$R/statics-a.c" "$R/statics-b.c" -DUNUSED_MACRO
expect_exit 0 "$VP" update -o s2.vitprof --binary ./statics s.vitprof
has "$T/out" "s.vitprof: 5 of 5 functions still valid ("
[ "$(fobj s2.vitprof statics-b.c:mix)" = "$(fobj s.vitprof statics-b.c:mix)" ] || fail "b's mix"

# a profile without time: the report says so rather than 0 %
printf '{"functions": {"alpha": {"calls": 1, "time_ns": 0, "checksum": "00"}}}\n' >notime.vitprof
expect_exit 0 "$VP" update -o - --binary ./three notime.vitprof
has "$T/err" "notime.vitprof: 0 of 1 function still valid (no self time recorded)"
has "$T/err" "  changed     alpha  (dropped)"
has "$T/out" '"functions": {'

# errors: located, and no output
expect_exit 1 "$VP" update -o x.vitprof --binary ./nothing old.vitprof
has "$T/err" "./nothing: error: cannot read ELF"
expect_exit 1 "$VP" update -o x.vitprof --binary "$R/three.c" old.vitprof
has "$T/err" "three.c: error: cannot read ELF"
printf '{"functions": {"f": {"calls": 1, "time_ns": 2}}}\n' >plain.vitprof
expect_exit 1 "$VP" update -o x.vitprof --binary ./three plain.vitprof
has "$T/err" "plain.vitprof: error: no function has a checksum"
[ -e x.vitprof ] && fail "an output after an error"
expect_exit 2 "$VP" update -o x.vitprof old.vitprof
has "$T/err" "no new build given"
expect_exit 2 "$VP" update --binary ./three old.vitprof
expect_exit 0 "$VP" update --help
has "$T/out" "Usage: vitte-pgo update"
[ "$fails" -eq 0 ]

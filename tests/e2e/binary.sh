#!/bin/sh
# vitprof-bin, the binary encoding: JSON -> binary -> JSON gives the same
# bytes for every profile of tests/data and examples and for profiles the
# runtime makes here (tests/runtime/sites.c: branch and loop sites;
# lines.c: line counts, calls and contexts); every command and the browser
# take a binary file (by its magic, also on standard input) and say the
# same as of its JSON; a damaged file gets an error at its byte offset.
. tests/e2e/lib/cli.sh
ROOT=$PWD
R=$ROOT/tests/runtime

# round NAME FILE: FILE's canonical JSON, through the binary encoding
round() {
	"$VP" export -o "$T/$1.json" "$2" 2>/dev/null || fail "$2 does not load"
	"$VP" export --format vitprof-bin -o "$T/$1.vpbin" "$2" 2>/dev/null ||
		fail "$2: no binary written"
	"$VP" export -o "$T/$1.back.json" "$T/$1.vpbin" || fail "$1.vpbin does not load"
	cmp -s "$T/$1.json" "$T/$1.back.json" || fail "$2: JSON -> binary -> JSON differs"
	# and binary -> binary: the writer is canonical
	"$VP" export --format vitprof-bin -o "$T/$1.again.vpbin" "$T/$1.vpbin"
	cmp -s "$T/$1.vpbin" "$T/$1.again.vpbin" || fail "$2: binary -> binary differs"
}

for f in tests/data/*.vitprof examples/*.vitprof; do
	round "$(basename "$f" .vitprof)" "$f"
done
# the kept binary twins are what this build writes (the format did not move)
for f in tests/data/bin/*.vpbin; do
	n=$(basename "$f" .vpbin)
	[ -f "$T/$n.vpbin" ] || fail "no JSON profile for $f"
	cmp -s "$f" "$T/$n.vpbin" || fail "$f is not what export --format vitprof-bin writes"
done

# what the fuzzer found (tests/data/bin/fuzz): each loads, or is refused
# with an error at an offset; what loads writes JSON that reads back and
# rewrites stably (an unknown key's value written "2.0" is then "2")
for f in tests/data/bin/fuzz/*.vpbin; do
	if "$VP" export -o "$T/f1.json" "$f" 2>"$T/err"; then
		"$VP" export -o "$T/f2.json" "$T/f1.json" || fail "$f: its JSON does not load"
		"$VP" export -o "$T/f3.json" "$T/f2.json"
		cmp -s "$T/f2.json" "$T/f3.json" || fail "$f: its JSON does not rewrite stably"
	else
		grep -q "^$f:+[0-9]*: error: " "$T/err" || fail "$f: $(cat "$T/err")"
	fi
done
"$VP" export -o - tests/data/bin/fuzz/extra-number-form.vpbin 2>/dev/null |
	grep -qF '"x-generator": {"name":"future-tool","flags":[1,2.0,null,true]}' ||
	fail "extra-number-form: the value is not kept as written"

# profiles made by the runtime, built and run here
cd "$T" || exit 1
gcc -g -O2 -finstrument-functions -I"$ROOT/src/runtime" \
	-o sites "$R/sites.c" "$B/libvitprof.a" $(pkg-config --libs libdw) -lpthread -lm ||
	fail "cannot build sites"
gcc -g -O0 -fsanitize-coverage=trace-pc -finstrument-functions -o lines "$R/lines.c" \
	"$B/libvitprof.a" $(pkg-config --libs libdw) -lpthread -lm || fail "cannot build lines"
VITPROF_FILE=sites.vitprof ./sites >/dev/null || fail "sites did not run"
VITPROF_FILE=lines.vitprof ./lines >/dev/null || fail "lines did not run"
cd "$ROOT" || exit 1
"$VP" export -o - "$T/sites.vitprof" | grep -q '"loops": {"hot"' || fail "sites: no loop sites"
"$VP" export -o - "$T/sites.vitprof" | grep -q '"branches": {' || fail "sites: no branches"
"$VP" export -o - "$T/lines.vitprof" | grep -q '"lines": {"' || fail "lines: no line counts"
"$VP" export -o - "$T/lines.vitprof" | grep -q '"contexts": \[' || fail "lines: no contexts"
round sites "$T/sites.vitprof"
round lines "$T/lines.vitprof"

# every command reads it, by its magic, and says what it says of the JSON
for cmd in "show" "report" "report --json"; do
	$VP $cmd "$T/full.json" >"$T/a" 2>&1
	$VP $cmd "$T/full.vpbin" >"$T/b" 2>&1
	sed "s|$T/full.json|F|" "$T/a" >"$T/a2"
	sed "s|$T/full.vpbin|F|" "$T/b" >"$T/b2"
	cmp -s "$T/a2" "$T/b2" || fail "$cmd: the binary's output differs: $(diff "$T/a2" "$T/b2")"
done
expect_exit 0 "$VP" check "$T/full.vpbin"
has "$T/out" "full.vpbin: ok: 7 functions, 6 edges, 3 branch sites, 3 loop sites, total time 20.0 ms"
expect_exit 0 "$VP" check - <"$T/full.vpbin"
has "$T/out" "-: ok: 7 functions, 6 edges"
$VP diff examples/full.vitprof examples/full-after.vitprof >"$T/a" 2>&1
"$VP" export --format vitprof-bin -o "$T/after.vpbin" examples/full-after.vitprof
$VP diff "$T/full.vpbin" "$T/after.vpbin" >"$T/b" 2>&1
sed "s|examples/full.vitprof|A|; s|examples/full-after.vitprof|B|" "$T/a" >"$T/a2"
sed "s|$T/full.vpbin|A|; s|$T/after.vpbin|B|" "$T/b" >"$T/b2"
cmp -s "$T/a2" "$T/b2" || fail "diff: the binaries' output differs: $(diff "$T/a2" "$T/b2")"
# a merge of binaries is the merge of their JSON, and may be written binary
expect_exit 0 "$VP" merge -o "$T/m.json" -w 3,examples/full.vitprof examples/full-after.vitprof
expect_exit 0 "$VP" merge --format vitprof-bin -o "$T/m.vpbin" -w 3,"$T/full.vpbin" "$T/after.vpbin"
"$VP" export -o "$T/m2.json" "$T/m.vpbin"
cmp -s "$T/m.json" "$T/m2.json" || fail "merge of binaries differs from merge of JSON"
head -c 16 "$T/m.vpbin" | od -An -c | tr -d ' \n' | grep -q '^211vitprof-bin\\r\\n032\\n$' ||
	fail "merge --format vitprof-bin did not write the magic: $(head -c 16 "$T/m.vpbin" | od -c)"
# past two inputs, later ones load into the memory of those merged (the
# binary reader must reuse it, not leak it: the ASan run checks)
expect_exit 0 "$VP" merge -q -o "$T/m5.json" examples/full.vitprof examples/full-after.vitprof \
	examples/full.vitprof examples/full-after.vitprof examples/full.vitprof
expect_exit 0 "$VP" merge -q -o "$T/m5b.json" "$T/full.vpbin" "$T/after.vpbin" \
	"$T/full.vpbin" "$T/after.vpbin" "$T/full.vpbin"
cmp -s "$T/m5.json" "$T/m5b.json" || fail "merge of five binaries differs from merge of their JSON"
expect_exit 2 "$VP" merge --format nope -o "$T/x" examples/full.vitprof
has "$T/err" "unknown output format 'nope'"

# the browser opens it, the same screen as of the JSON
TUI=$B/vitte-pgo-tui
LC_ALL=C.UTF-8 "$TUI" --keys '<Down>' --size 100x20 --dump-screen "$T/s1" examples/full.vitprof ||
	fail "browser on JSON"
LC_ALL=C.UTF-8 "$TUI" --keys '<Down>' --size 100x20 --dump-screen "$T/s2" "$T/full.vpbin" ||
	fail "browser on the binary"
cmp -s "$T/s1" "$T/s2" || fail "the browser shows the binary otherwise: $(diff "$T/s1" "$T/s2")"

# damaged files: the error says where, by byte offset (examples/seed: a
# header of 152 bytes, 40 of strings, 2 functions of 48 bytes at 192, 2
# hot loops at 288: 296 bytes)
[ "$(wc -c <"$T/seed.vpbin")" -eq 296 ] || fail "seed.vpbin is not 296 bytes"
head -c 100 "$T/seed.vpbin" >"$T/cut.vpbin"
expect_exit 1 "$VP" check "$T/cut.vpbin"
has "$T/err" "cut.vpbin:+100: error: truncated: the header is 152 bytes, the file 100"
head -c 250 "$T/seed.vpbin" >"$T/cut.vpbin"
expect_exit 1 "$VP" check "$T/cut.vpbin"
has "$T/err" "cut.vpbin:+28: error: 2 functions of 48 bytes from byte 192 run past the end of the file (250 bytes)"
# the version (byte 16) made 2
{ head -c 16 "$T/seed.vpbin"; printf '\002'; tail -c +18 "$T/seed.vpbin"; } >"$T/v2.vpbin"
expect_exit 1 "$VP" check "$T/v2.vpbin"
has "$T/err" "v2.vpbin:+16: error: vitprof-bin version 2 is not supported (this vitte-pgo reads version 1); upgrade vitte-pgo"
# function 1's name (byte 240) made string 9 of 4
{ head -c 240 "$T/seed.vpbin"; printf '\011'; tail -c +242 "$T/seed.vpbin"; } >"$T/s9.vpbin"
expect_exit 1 "$VP" export -o - "$T/s9.vpbin"
has "$T/err" "s9.vpbin:+240: error: function 1: the name is string 9, past the string table (4 strings)"
LC_ALL=C.UTF-8 "$TUI" --keys 'q' --size 80x20 "$T/s9.vpbin" >/dev/null 2>"$T/err" &&
	fail "the browser opened a damaged binary"
has "$T/err" "s9.vpbin:+240: error: function 1: the name is string 9"

[ "$fails" -eq 0 ]

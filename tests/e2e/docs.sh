#!/bin/sh
# The documents agree with the programs: each command's synopsis names the
# same options in the README and in man vitte-pgo, each one an option of
# the command's --help; the README's short format example is a valid
# profile with every part its text names; make install puts the documents
# in share/doc/vitte-pgo/ and man vitte-pgo documents the runtime's
# environment (every variable the runtime reads).
. tests/e2e/lib/cli.sh

# the options in standard input: -x and --long-name after a space, [ or |
opts() {
	grep -oE '(^|[][ |])--?[a-zA-Z][a-zA-Z-]*' | sed 's/^[][ |]//' | sort -u | tr '\n' ' '
}
for c in check show report merge diff export import record cc update; do
	grep -q "^| \`vitte-pgo $c " README.md || fail "$c: no synopsis in the README's table"
	r=$(grep "^| \`vitte-pgo $c " README.md | cut -d'`' -f2 | sed "s/^vitte-pgo $c//" | opts)
	m=$(grep "^\.BR $c \"" docs/vitte-pgo.1 | sed 's/\\//g' | opts)
	[ "$r" = "$m" ] || fail "$c: the README names '$r', man vitte-pgo '$m'"
	"$VP" "$c" --help >"$T/help" 2>&1
	for o in $r; do
		grep -qE -- "(^|[ ,])$o([ =,]|$)" "$T/help" || fail "$c: '$o' is not in $c --help"
	done
done

# the short example: from the README, checked, with what the text names
sed -n '/^## The `.vitprof` format in short/,/^## /p' README.md |
	sed -n '/^```json$/,/^```$/p' | sed '1d;$d' >"$T/short.vitprof"
expect_exit 0 "$VP" check "$T/short.vitprof"
has "$T/out" "ok: 3 functions, 2 edges, 1 branch site, 1 loop site, total time 12.1 ms"
for k in '"functions"' '"calls"' '"time_ns"' '"caller"' '"callee"' '"count"' '"sites"' \
	'"taken"' '"not_taken"' '"entries"' '"iterations"' '"meta"'; do
	has "$T/short.vitprof" "$k"
done

# make install: the documents, and the environment in the man page
make -s --no-print-directory BUILD="${BUILD:-build}" PREFIX=/usr DESTDIR="$T/root" install \
	>"$T/install.out" 2>&1 || fail "make install: $(tail -n 3 "$T/install.out")"
for f in README.md vitprof-format.md runtime.md import-formats.md export-formats.md \
	feedback-format.md; do
	[ -f "$T/root/usr/share/doc/vitte-pgo/$f" ] || fail "make install left out $f"
done
[ -f "$T/root/usr/share/man/man1/vitte-pgo.1" ] || fail "make install left out the man page"
for v in $(grep -rhoE 'getenv\("VITPROF_[A-Z_]+"\)' src/runtime | sed 's/getenv("//; s/")//' |
	sort -u); do
	grep -qF ".B $v" "$T/root/usr/share/man/man1/vitte-pgo.1" ||
		fail "man vitte-pgo does not document $v"
	grep -qF "| \`$v\` |" docs/runtime.md || fail "docs/runtime.md does not document $v"
done

[ "$fails" -eq 0 ]

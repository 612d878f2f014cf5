#!/bin/sh
# End-to-end tests of bench/gen-profile's inputs for the browser's figures
# of `make bench`: --name-bytes (long names), --func-lines (one function
# with many line counts) and --source (the files the profile names),
# checked with jq and wc, and the browser annotating that function.
. tests/e2e/lib/tui.sh

GEN=$T/gen-profile
${CC:-cc} -O2 -o "$GEN" bench/gen-profile.c || { echo "FAIL: cannot build gen-profile"; exit 1; }

# ---- --name-bytes ----
"$GEN" -n 30 -e 60 -b 30 -l 15 -d 0 -N 200 >"$T/names.vitprof" || fail "gen -N 200"
"$B/vitte-pgo" check "$T/names.vitprof" >/dev/null || fail "-N 200: not a valid profile"
# 30 names, all of 200 bytes, each its short name then template arguments
jq -r '.functions | keys[]' "$T/names.vitprof" >"$T/names"
[ "$(sort -u "$T/names" | wc -l)" -eq 30 ] || fail "-N 200: $(sort -u "$T/names" | wc -l) names"
awk 'length($0) != 200 || !/^[a-z]+::[a-z]+_[0-9]+<[a-z, ]+>$/ { print; bad = 1 }
	END { exit bad }' "$T/names" >"$T/bad" || fail "-N 200: names like $(head -c 80 "$T/bad")"
# edges and sites name the same functions
jq -r '.calls[] | .caller, .callee' "$T/names.vitprof" | sort -u >"$T/called"
[ -z "$(comm -13 "$T/names" "$T/called")" ] || fail "-N 200: an edge names another function"
# names shorter than their own are left alone: the same profile as without
"$GEN" -n 30 -e 60 -b 30 -l 15 -N 10 >"$T/n10.vitprof"
"$GEN" -n 30 -e 60 -b 30 -l 15 >"$T/n0.vitprof"
cmp -s "$T/n10.vitprof" "$T/n0.vitprof" || fail "-N 10 changed the profile"

# ---- --func-lines and --source ----
mkdir -p "$T/an"
"$GEN" -n 40 -e 80 -b 80 -l 40 -d 0 -F 5000 -S "$T/an" >"$T/an/a.vitprof" || fail "gen -F -S"
"$B/vitte-pgo" check "$T/an/a.vitprof" >/dev/null || fail "-F 5000: not a valid profile"
f0=$(jq -r '.functions | keys[] | select(endswith("_0"))' "$T/an/a.vitprof")
# function 0: 5000 line counts, on the 5000 lines after its own
jq -r --arg f "$f0" '.functions[$f] | [.line, (.lines | length),
	(.lines | keys | map(tonumber) | min), (.lines | keys | map(tonumber) | max)] | @tsv' \
	"$T/an/a.vitprof" >"$T/f0"
read -r l0 n lo hi <"$T/f0"
[ "$n" -eq 5000 ] && [ "$lo" -eq $((l0 + 1)) ] && [ "$hi" -eq $((l0 + 5000)) ] ||
	fail "-F 5000: function 0 at $l0 has $n line counts, lines $lo-$hi"
# a few of them hot: under 1 % with a tenth of the top count
jq --arg f "$f0" '.functions[$f].lines | [.[]] | max as $m | map(select(. * 10 >= $m)) | length' \
	"$T/an/a.vitprof" >"$T/hot"
[ "$(cat "$T/hot")" -ge 1 ] && [ "$(cat "$T/hot")" -lt 50 ] || fail "-F 5000: $(cat "$T/hot") hot lines"
# every file the profile names, as long as the last line a function of it
# or one of their sites is on
jq -r '.functions as $f | [($f | to_entries[] | {file: .value.file,
	line: ([.value.line] + (.value.lines // {} | keys | map(tonumber)) | max)}),
	(.branches.sites[], .loops.sites[] | {file: $f[.function].file, line})] |
	group_by(.file)[] | "\(.[0].file) \(map(.line) | max)"' "$T/an/a.vitprof" >"$T/files"
[ "$(wc -l <"$T/files")" -eq 2 ] || fail "--source: the profile names $(wc -l <"$T/files") files"
while read -r file last; do
	[ -f "$T/an/$file" ] || { fail "--source did not write $file"; continue; }
	[ "$(wc -l <"$T/an/$file")" -eq "$last" ] ||
		fail "$file has $(wc -l <"$T/an/$file") lines, not $last"
	[ "$(sed -n "${last}p" "$T/an/$file")" = "	x = step(x, $last);" ] ||
		fail "$file: line $last is '$(sed -n "${last}p" "$T/an/$file")'"
done <"$T/files"
[ "$(find "$T/an/src" -type f | wc -l)" -eq 2 ] || fail "--source wrote other files"

# the browser annotates function 0 from the profile's directory
file=$(jq -r --arg f "$f0" '.functions[$f].file' "$T/an/a.vitprof")
play "f$f0<Enter>a" 100x30 "$T/an/a.vitprof"
status "Source $l0/$(wc -l <"$T/an/$file") 5000 lines counted"
has "x = step(x, $l0);"

# bad options are usage errors
for bad in "-F x" "-N -1" "--source"; do
	# shellcheck disable=SC2086
	"$GEN" -n 5 $bad >/dev/null 2>"$T/err"
	[ $? -eq 2 ] || fail "gen-profile $bad is not a usage error"
done

[ "$fails" -eq 0 ]

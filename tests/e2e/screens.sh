#!/bin/sh
# Whole screens against kept goldens: every view of the browser, headless,
# at fixed sizes, compared line by line with tests/e2e/golden/NAME.txt.
# A change that means to change a screen updates the goldens with
# `make golden` (UPDATE_GOLDEN=1) and shows them in its diff.
. tests/e2e/lib/tui.sh
G=tests/e2e/golden
FULL=examples/full.vitprof
AFTER=examples/full-after.vitprof
EXTRAS=tests/data/extras.vitprof
SAMPLED=tests/data/sampled.vitprof

# screen NAME KEYS SIZE FILE...: the last screen of the run is golden NAME
screen() {
	name=$1
	shift
	play "$@"
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$T/screen" "$G/$name.txt"
	elif [ ! -f "$G/$name.txt" ]; then
		fail "$name: no golden (make golden writes it)"
	elif ! diff -u "$G/$name.txt" "$T/screen" >"$T/diff"; then
		fail "$name: the screen differs from $G/$name.txt"
		cat "$T/diff"
	fi
}

screen hotspots "" 100x16 "$FULL"
screen hotspots-80 "" 80x16 "$FULL"
screen hotspots-narrow "" 50x12 "$FULL"
screen hotspots-wide "jj" 160x12 "$FULL"
screen hotspots-sorted "ssS" 100x16 "$FULL"
screen hotspots-filtered "fcomp<Enter>" 100x12 "$FULL"
screen hotspots-marked "mmjM" 100x12 "$FULL"
screen hotspots-empty "fzzz<Enter>" 100x8 "$FULL"
screen hotspots-search "/add<Enter>" 100x12 "$FULL"
screen function "j<Enter>" 100x24 "$FULL"
screen function-narrow "<Enter>" 60x20 "$FULL"
screen tree "2t" 100x20 "$FULL"
screen tree-expanded "2tj*" 100x20 "$FULL"
screen tree-contexts "<Enter>tt*" 100x12 tests/data/contexts.vitprof
screen source "2a" 100x20 "$FULL"
screen branches "3" 100x14 "$FULL"
screen branches-sorted "3sj" 100x14 "$FULL"
screen branches-narrow "3" 60x14 "$FULL"
screen loops "4" 100x14 "$FULL"
screen loops-sorted "4ss" 100x14 "$FULL"
screen profiles "5" 100x14 "$FULL" "$AFTER"
screen profiles-weighted "5+j<Space>" 100x14 "$FULL" "$AFTER"
screen diff "" 100x16 --diff "$FULL" "$AFTER"
screen diff-sorted "sS" 100x16 --diff "$FULL" "$AFTER"
screen diff-swapped "x" 100x16 --diff "$FULL" "$AFTER"
screen diff-function "<Enter>" 100x16 --diff "$FULL" "$AFTER"
screen help "?" 100x30 "$FULL"
screen help-end "?G" 100x30 "$FULL"
screen extras "" 100x14 "$EXTRAS"
screen small "" 30x6 "$FULL"
# a sampled profile: calls unknown ("-"), edge counts are samples
screen hotspots-sampled "" 100x10 "$SAMPLED"
screen function-sampled "<Enter>" 100x16 "$SAMPLED"
screen tree-sampled "2tj*" 100x10 "$SAMPLED"

[ "$fails" -eq 0 ]

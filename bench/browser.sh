#!/bin/sh
# bench/browser.sh - the browser's figures of `make bench` (bench/run.sh
# runs it): per-key latencies of vitte-pgo-tui, headless at 120x40, from
# its own --timings (the CPU milliseconds each key took, redraw included).
# Each figure is the median over the presses of its key in RUNS runs,
# printed with its target and whether it is met, and the run's peak RSS.
# The scenarios check their last screen, so a key that did not do what it
# should (a view not opened, a prompt not closed) fails the bench.
#
#   two 100k profiles (A, B merged): s x4; f filters (their Enter) x3;
#     a search with no match, per character x5; in Profiles (5) + + - -
#     (weight) and Space x2 (exclude, include); Diff's first open (6); x x3
#   300 functions with 100 KB names: Down x10
#   one function with 1M counted lines: a (annotate), q, x3
#   one 100k profile: the first screen (wall time of "open")
#
# Environment: BUILD (default build), RUNS (3), BIG (100000), and A and B,
# the two profiles of BIG functions (generated here when not given).
set -eu

BUILD=${BUILD:-build}
RUNS=${RUNS:-3}
BIG=${BIG:-100000}
TUI=$BUILD/vitte-pgo-tui
GEN=$BUILD/bench/gen-profile
W=bench/work/browser
log() { printf '%s\n' "$*" >&2; }
[ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null ||
	{ log "bench: the browser figures need GNU time (/usr/bin/time, package time)"; exit 1; }

rm -rf "$W"
mkdir -p "$W/annot"
gen() { "$GEN" -n "$1" -e $(($1 * 5)) -b "$1" -l $(($1 / 2)) -s "$2" >"$3"; }
if [ -z "${A:-}" ] || [ -z "${B:-}" ]; then
	A=$W/a.vitprof B=$W/b.vitprof
	gen "$BIG" 1 "$A"
	gen "$BIG" 2 "$B"
fi
log "bench: browser inputs in $W/"
"$GEN" -n 300 -e 0 -b 0 -l 0 -N 100000 >"$W/names.vitprof"
"$GEN" -n 1000 -e 5000 -b 1000 -l 500 -F 1000000 -S "$W/annot" >"$W/annot/a.vitprof"
: >"$W/keys"
: >"$W/rss"

# play NAME EXPECT TOKENS FILES...: one headless run of the keys TOKENS
# (words: KEY, or TAG:KEY for a key whose time counts under TAG); appends
# "TAG CPU_MS WALL_MS" per timed key to $W/keys ("NAME-open" for the load
# and first screen) and "NAME KB" to $W/rss; fails unless the last screen
# shows EXPECT.
play() {
	name=$1 expect=$2 tokens=$3
	shift 3
	keys='' tags=''
	for t in $tokens; do
		keys=$keys${t#*:}
		case $t in *:?*) tags="$tags ${t%%:*}" ;; *) tags="$tags -" ;; esac
	done
	/usr/bin/time -f %M -o "$W/rss.tmp" "$TUI" -q --timings --size 120x40 --keys "$keys" \
		--dump-screen "$W/screen" "$@" >/dev/null 2>"$W/timings" || {
		log "bench: vitte-pgo-tui --keys '$keys' $* failed:"
		cat "$W/timings" >&2
		exit 1
	}
	grep -qF -- "$expect" "$W/screen" || {
		log "bench: after --keys '$keys' $*, the screen lacks '$expect':"
		cat "$W/screen" >&2
		exit 1
	}
	echo "$name $(tail -n 1 "$W/rss.tmp")" >>"$W/rss"
	# the timings: "open", then one line per key, in order
	echo "open$tags" | tr ' ' '\n' | paste - "$W/timings" | awk -F '\t' -v n="$name" '
		$1 == "" || $2 == "" || ($1 == "open") != ($2 == "open") {
			print "bench: " n ": the timings do not follow the keys" >"/dev/stderr"
			exit 1
		}
		$1 == "open" { print n "-open", $3, $4 }
		$1 != "-" && $1 != "open" { print $1, $3, $4 }' >>"$W/keys"
}

i=0
while [ "$i" -lt "$RUNS" ]; do
	i=$((i + 1))
	log "  browser: run $i of $RUNS"
	play two "[6 Diff]" "sort:s sort:s sort:s sort:s
		f <C-u> p a r s e filter:<Enter> f <C-u> l e x filter:<Enter>
		f <C-u> l o a d filter:<Enter> F
		/ search:q search:q search:q search:q search:q <Esc>
		5 weight:+ weight:+ weight:- weight:- space:<Space> space:<Space>
		diff:6 swap:x swap:x swap:x" "$A" "$B"
	play names "[1 Hotspots]" "$(printf 'down:<Down> %.0s' 1 2 3 4 5 6 7 8 9 10)" \
		"$W/names.vitprof"
	play annotate "1000000 lines counted" "f <C-u> _ 0 <Enter>
		annotate:a q annotate:a q annotate:a" "$W/annot/a.vitprof"
	play first "[1 Hotspots]" "g" "$A"
done
rm -f "$W/rss.tmp" "$W/timings" "$W/screen"

# The table: median CPU ms per tag (wall ms for the first screen), its
# target, the ratio and the verdict, the peak RSS of the run it is from.
awk -v runs="$RUNS" -v big="$BIG" '
FILENAME ~ /rss$/ { if ($2 > rss[$1]) rss[$1] = $2; next }
{ n[$1]++; v[$1, n[$1]] = $1 == "first-open" ? $3 : $2 }
function median(t,   i, j, k, m, a) {
	m = n[t]
	for (i = 1; i <= m; i++) a[i] = v[t, i]
	for (i = 2; i <= m; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) { k = a[j]; a[j] = a[j - 1]; a[j - 1] = k }
	return m ? (m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2) : -1
}
function row(t, what, target, le, scen,   m, met) {
	m = median(t)
	met = le ? m <= target : m < target
	printf "  %-46s %4d %9.1f ms %s %6g ms %7.2fx  %-8s %6.0f MB\n", what, n[t], m,
		le ? "<=" : " <", target, m / target, met ? "met" : "NOT met", rss[scen] / 1024
}
END {
	printf "Browser (vitte-pgo-tui --timings, 120x40): median CPU ms per key, %d runs\n", runs
	printf "  %-46s %4s %12s %11s %8s  %-8s %9s\n", "figure", "keys", "median", "target",
		"ratio", "verdict", "peak RSS"
	row("weight", "+/- weight, two " big / 1000 "k profiles (re-merge)", 50, 0, "two")
	row("space", "Space: exclude/include a profile (re-merge)", 50, 0, "two")
	row("diff", "first open of Diff (6), two " big / 1000 "k", 30, 0, "two")
	row("swap", "x: swap the diff'"'"'s sides", 30, 0, "two")
	row("sort", "s: sort, " big / 1000 "k rows", 10, 0, "two")
	row("filter", "f: filter (its Enter), " big / 1000 "k rows", 10, 0, "two")
	row("search", "search with no match, per character", 10, 0, "two")
	row("down", "Down, 300 functions with 100 KB names", 2, 0, "names")
	row("annotate", "a: annotate a function of 1M counted lines", 50, 0, "annotate")
	row("first-open", "first screen of one " big / 1000 "k profile (WALL ms)", 500, 1, "first")
}' "$W/rss" "$W/keys"

#!/bin/sh
# bench/run.sh - time vitte-pgo on generated profiles (run by `make bench`).
#
# Builds nothing: expects $BUILD/vitte-pgo and $BUILD/bench/gen-profile.
# Generates into bench/work/ two runs (seeds 1 and 2) of a 100,000-function
# profile and of one 10x smaller, then times each command (best of $RUNS)
# on both sizes. Machines are shared and noisy, so what matters are ratios
# measured in this run: each time over the load time (`check`) of the same
# size, and big over small (about 10 when linear, about 12.5 for n log n).
#
# Then `check` of the big profile against a plain cJSON_Parse of it
# (bench/cjson-parse.c, the anchor), with its peak memory and its growth
# from half to twice the size, in CPU time: medians of runs taken in turn
# (for the growth, of the ratios of rounds of the three sizes).
#
# Then the merge of 32 runs of a 20,000-function program, from JSON and from
# vitprof-bin, next to llvm-profdata's merges of the same counters
# (bench/merge32.sh), and the browser's per-key latencies against their
# targets, from vitte-pgo-tui --timings (bench/browser.sh).
#
# Environment: BUILD (default build), RUNS (default 3), BIG (default 100000),
# GROWTH_RUNS (rounds of the growth per doubling, default 9).
set -eu

BUILD=${BUILD:-build}
RUNS=${RUNS:-3}
GROWTH_RUNS=${GROWTH_RUNS:-9}
BIG=${BIG:-100000}
SMALL=$((BIG / 10))
VP=$BUILD/vitte-pgo
GEN=$BUILD/bench/gen-profile
CJ=$BUILD/bench/cjson-parse
W=bench/work
RES=$W/results.txt
DATA=$W/times.tmp

for f in "$VP" "$GEN" "$CJ"; do
	[ -x "$f" ] || { echo "bench: $f is missing; run 'make bench'" >&2; exit 1; }
done
mkdir -p "$W"
: >"$DATA"

# A clock in nanoseconds: GNU date's %N, else whole seconds.
case $(date +%N) in
*[!0-9]*) now() { echo $(($(date +%s) * 1000000000)); }
	echo "bench: date has no %N; times are in whole seconds" >&2 ;;
*) now() { date +%s%N; } ;;
esac

# Peak memory through /usr/bin/time (GNU time, package "time") when present.
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$W/rss.tmp" true 2>/dev/null; then
	HAVE_RSS=1
else
	HAVE_RSS=0
	echo "bench: no GNU /usr/bin/time; peak memory not measured" >&2
fi

log() { printf '%s\n' "$*" >&2; }

# gen SIZE SEED FILE: a profile of SIZE functions, 5 edges, 1 branch site and
# 1/2 loop site per function.
gen() {
	"$GEN" -n "$1" -e $(($1 * 5)) -b "$1" -l $(($1 / 2)) -s "$2" >"$3"
}

# bench NAME SIZE COMMAND...: best time of $RUNS runs, the largest peak RSS,
# appended to $DATA as "NAME SIZE SECONDS KB". Output goes to /dev/null;
# stderr is kept and shown if the command fails.
bench() {
	name=$1 size=$2 best='' rss=0 i=0
	shift 2
	log "  $size: $name"
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		t0=$(now)
		if [ "$HAVE_RSS" = 1 ]; then
			st=0
			/usr/bin/time -f %M -o "$W/rss.tmp" "$@" >/dev/null 2>"$W/err.tmp" || st=$?
		else
			st=0
			"$@" >/dev/null 2>"$W/err.tmp" || st=$?
		fi
		t1=$(now)
		if [ "$st" != 0 ]; then
			log "bench: '$*' failed with status $st:"
			cat "$W/err.tmp" >&2
			exit 1
		fi
		t=$((t1 - t0))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then
			best=$t
		fi
		if [ "$HAVE_RSS" = 1 ]; then
			r=$(tail -n 1 "$W/rss.tmp")
			[ "$r" -gt "$rss" ] && rss=$r
		fi
	done
	echo "$name $size $best $rss" >>"$DATA"
}

start=$(now)
log "bench: generating profiles in $W/"
gen "$BIG" 1 "$W/big-a.vitprof"
gen "$BIG" 2 "$W/big-b.vitprof"
gen "$SMALL" 1 "$W/small-a.vitprof"
gen "$SMALL" 2 "$W/small-b.vitprof"

for s in big small; do
	a=$W/$s-a.vitprof b=$W/$s-b.vitprof
	# every input must be valid and clean: no warning at all
	"$VP" check "$a" "$b" >"$W/$s-check.txt" 2>"$W/err.tmp"
	if [ -s "$W/err.tmp" ]; then
		log "bench: $a or $b is not clean:"
		head -n 5 "$W/err.tmp" >&2
		exit 1
	fi
done

log "bench: timing, best of $RUNS"
for s in big small; do
	a=$W/$s-a.vitprof b=$W/$s-b.vitprof
	bench check $s "$VP" check "$a"
	bench report $s "$VP" report "$a"
	bench report--json $s "$VP" report --json "$a"
	bench merge $s "$VP" merge --force -o "$W/$s-merged.vitprof" "$a" "$b"
	bench diff $s "$VP" diff "$a" "$b"
	bench export $s "$VP" export --force -o "$W/$s-export.vitprof" "$a"
done

# The load against its anchor, in CPU time (user + system: the machine is
# shared, wall time is noise): `check` and a plain cJSON_Parse of the same
# file run in turn, $RUNS times each, medians kept; then check at half and
# twice the size, for the growth per doubling. cpu FILE COMMAND... appends
# "SECONDS KB" of one run to $W/cpu.tmp.
LOAD=$W/load.txt
: >"$LOAD"
if [ "$HAVE_RSS" = 1 ]; then
	log "bench: load times against cJSON_Parse, median of $RUNS"
	gen $((BIG / 2)) 1 "$W/half-a.vitprof"
	gen $((BIG * 2)) 1 "$W/double-a.vitprof"
	cpu() {
		/usr/bin/time -f '%U %S %M' -o "$W/rss.tmp" "$@" >/dev/null 2>"$W/err.tmp" ||
			{ log "bench: '$*' failed:"; cat "$W/err.tmp" >&2; exit 1; }
		awk '{ printf "%.2f %d\n", $1 + $2, $3 }' "$W/rss.tmp"
	}
	median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
	: >"$W/cpu-big.tmp"
	: >"$W/cpu-cjson.tmp"
	: >"$W/cpu-growth.tmp"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		cpu "$VP" check "$W/big-a.vitprof" >>"$W/cpu-big.tmp"
		cpu "$CJ" "$W/big-a.vitprof" >>"$W/cpu-cjson.tmp"
	done
	# The growth: the speed of this machine drifts by a quarter from one
	# minute to the next, and three runs of each size gave anything from
	# 1.6x to 2.6x. So each round runs the three sizes back to back, within
	# seconds, and gives two ratios; the figures are the medians of the
	# rounds' ratios.
	i=0
	while [ "$i" -lt "$GROWTH_RUNS" ]; do
		i=$((i + 1))
		h=$(cpu "$VP" check "$W/half-a.vitprof" | cut -d' ' -f1)
		b=$(cpu "$VP" check "$W/big-a.vitprof" | cut -d' ' -f1)
		d=$(cpu "$VP" check "$W/double-a.vitprof" | cut -d' ' -f1)
		awk -v h="$h" -v b="$b" -v d="$d" \
			'BEGIN { printf "%.4f %.4f\n", (h > 0 ? b / h : 0), (b > 0 ? d / b : 0) }' \
			>>"$W/cpu-growth.tmp"
	done
	t_big=$(cut -d' ' -f1 "$W/cpu-big.tmp" | median)
	t_cj=$(cut -d' ' -f1 "$W/cpu-cjson.tmp" | median)
	g_up=$(cut -d' ' -f1 "$W/cpu-growth.tmp" | median)
	g_down=$(cut -d' ' -f2 "$W/cpu-growth.tmp" | median)
	rss_big=$(cut -d' ' -f2 "$W/cpu-big.tmp" | sort -n | tail -n 1)
	rss_cj=$(cut -d' ' -f2 "$W/cpu-cjson.tmp" | sort -n | tail -n 1)
	awk -v n="$BIG" -v t="$t_big" -v cj="$t_cj" -v gu="$g_up" -v gd="$g_down" \
		-v rss="$rss_big" -v rcj="$rss_cj" -v size="$(wc -c <"$W/big-a.vitprof")" \
		-v runs="$RUNS" -v gruns="$GROWTH_RUNS" 'BEGIN {
		printf "Load of A (%d functions, %.1f MB), CPU time, median of %d:\n", n, size / 1e6, runs
		printf "  check %.2f s, plain cJSON_Parse %.2f s: %.1fx faster (target >= 3x)\n",
			t, cj, (t > 0 ? cj / t : 0)
		printf "  peak RSS %.0f MB: %.2fx the file (target <= 1.5x); cJSON_Parse %.2fx\n",
			rss / 1024, rss * 1024 / size, rcj * 1024 / size
		printf "  growth per doubling: %.2fx from %d, %.2fx to %d (target <= 2.1x;\n", gu,
			n / 2, gd, n * 2
		printf "    medians of %d rounds of the three sizes run back to back)\n", gruns
	}' >"$LOAD"
	rm -f "$W"/cpu-*.tmp "$W/half-a.vitprof" "$W/double-a.vitprof"
fi
rm -f "$W/rss.tmp" "$W/err.tmp"

size_of() { wc -c <"$1" | tr -d ' '; }

{
	echo "vitte-pgo bench: $("$VP" --version), $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc 2>/dev/null || echo '?') CPUs, best of $RUNS"
	echo
	echo "Inputs (A = seed 1, B = seed 2):"
	for f in big-a big-b small-a small-b; do
		awk -v n="$f" -v b="$(size_of "$W/$f.vitprof")" \
			'BEGIN { printf "  %-8s %7.1f MB  ", n, b / 1e6 }'
		grep -F "/$f.vitprof:" "$W/${f%-?}-check.txt" | sed 's/^[^ ]* ok: //'
	done
	echo
	awk -v rss="$HAVE_RSS" '
	{ t[$1, $2] = $3 / 1e9; m[$1, $2] = $4; if (!seen[$1]++) order[n++] = $1 }
	function mb(k) { return rss ? sprintf("%.0f MB", k / 1024) : "-" }
	END {
		printf "%-14s %9s %7s %9s %7s %9s  %-8s %9s %9s\n", "command", "big (s)", "/load",
			"small (s)", "/load", "big/small", "", "RSS big", "RSS small"
		for (i = 0; i < n; i++) {
			c = order[i]
			r = t[c, "small"] > 0 ? t[c, "big"] / t[c, "small"] : 0
			flag = r > 25 ? "SUPERLIN" : r > 16 ? "check" : ""
			printf "%-14s %9.3f %7.2f %9.3f %7.2f %9.1f  %-8s %9s %9s\n", c,
				t[c, "big"], t[c, "big"] / t["check", "big"],
				t[c, "small"], t[c, "small"] / t["check", "small"], r, flag,
				mb(m[c, "big"]), mb(m[c, "small"])
		}
	}' "$DATA"
	echo
	echo "/load: time over 'check' (load + validate) of the same size; merge and diff read two files."
	echo "big/small: 10x the input; ~10 is linear, ~12.5 n log n; 'check' above 16, 'SUPERLIN' above 25."
	echo "Commands: check A; report A; report --json A; merge -o M A B; diff A B; export -o X A."
	echo
	cat "$LOAD"
} >"$RES"
rm -f "$DATA"
# the merge figure next to its anchors, llvm-profdata's merges of the same
# counters, measured in this run (bench/merge32.sh)
BUILD=$BUILD bench/merge32.sh >"$W/merge.tmp"
{ echo; cat "$W/merge.tmp"; } >>"$RES"
# the browser's keys on the same two profiles (bench/browser.sh)
BUILD=$BUILD RUNS=$RUNS BIG=$BIG A=$W/big-a.vitprof B=$W/big-b.vitprof bench/browser.sh \
	>"$W/merge.tmp"
{ echo; cat "$W/merge.tmp"; } >>"$RES"
rm -f "$W/merge.tmp"
echo "Total bench time: $((($(now) - start) / 1000000000)) s." >>"$RES"
cat "$RES"

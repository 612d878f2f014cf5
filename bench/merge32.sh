#!/bin/sh
# bench/merge32.sh - the merge figure of `make bench` (bench/run.sh runs
# it): `vitte-pgo merge` of 32 runs of a 20,000-function program, from
# JSON and from vitprof-bin, next to its anchors measured in the same run:
# `llvm-profdata merge` of the same counters, in LLVM's text format (the
# twins `gen-profile --llvm-text` writes) and in its binary .profdata (made
# from the text by llvm-profdata). CPU time (user + system): ROUNDS rounds,
# each running every command once in turn (so a noisy minute hits them
# all), the median of each command's runs, and the ratios of medians.
# Prints its table on standard output.
#
# Environment: BUILD (default build), ROUNDS (7), MERGE_N (32), MERGE_FUNCS
# (20000).
set -eu

BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-7}
N=${MERGE_N:-32}
F=${MERGE_FUNCS:-20000}
VP=$BUILD/vitte-pgo
GEN=$BUILD/bench/gen-profile
W=bench/work/merge32
LP=$(command -v llvm-profdata || true)

log() { printf '%s\n' "$*" >&2; }
[ -x /usr/bin/time ] && /usr/bin/time -f %U -o /dev/null true 2>/dev/null ||
	{ log "bench: merge figure needs GNU time (/usr/bin/time, package time)"; exit 1; }
[ -n "$LP" ] || log "bench: no llvm-profdata (package llvm): merge anchors left out"

# cpu NAME COMMAND...: one run; appends "NAME SECONDS KB" (user + system
# time, peak RSS) to $W/cpu
cpu() {
	name=$1
	shift
	/usr/bin/time -f '%U %S %M' -o "$W/time.tmp" "$@" >/dev/null 2>"$W/err.tmp" || {
		log "bench: '$*' failed:"
		cat "$W/err.tmp" >&2
		exit 1
	}
	awk -v n="$name" '{ print n, $1 + $2, $3 }' "$W/time.tmp" >>"$W/cpu"
}

rm -rf "$W"
mkdir -p "$W"
: >"$W/cpu"
log "bench: $N profiles of $F functions (and their twins) in $W/"
i=0
while [ "$i" -lt "$N" ]; do
	i=$((i + 1))
	"$GEN" -n "$F" -e $((F * 5)) -b "$F" -l $((F / 2)) -s "$i" >"$W/p$i.vitprof"
	"$VP" export --format vitprof-bin -o "$W/p$i.vpbin" "$W/p$i.vitprof"
	if [ -n "$LP" ]; then
		"$GEN" -n "$F" -e $((F * 5)) -b "$F" -l $((F / 2)) -s "$i" -t >"$W/p$i.proftext"
		"$LP" merge -o "$W/p$i.profdata" "$W/p$i.proftext"
	fi
done
list() { i=0; while [ "$i" -lt "$N" ]; do i=$((i + 1)); echo "$W/p$i.$1"; done; }

r=0
while [ "$r" -lt "$ROUNDS" ]; do
	r=$((r + 1))
	log "  merge: round $r of $ROUNDS"
	cpu bin "$VP" merge -q --force --format vitprof-bin -o "$W/m.vpbin" $(list vpbin)
	cpu json "$VP" merge -q --force -o "$W/m.vitprof" $(list vitprof)
	if [ -n "$LP" ]; then
		cpu llvm-bin "$LP" merge --num-threads=1 -o "$W/m.profdata" $(list profdata)
		cpu llvm-text "$LP" merge --num-threads=1 --text -o "$W/m.proftext" $(list proftext)
	fi
done
# the two results are one profile
"$VP" export -o "$W/m2.vitprof" "$W/m.vpbin"
cmp -s "$W/m.vitprof" "$W/m2.vitprof" || { log "bench: the merges of JSON and binary differ"; exit 1; }

mb() { awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
{
	printf 'Merge of %d runs of a %d-function program (CPU s: median [min, max] of %d\n' \
		"$N" "$F" "$ROUNDS"
	printf '  rounds, every command once per round; peak RSS):\n'
	printf '  inputs each: JSON %s, vitprof-bin %s' "$(mb "$W/p1.vitprof")" "$(mb "$W/p1.vpbin")"
	[ -n "$LP" ] && printf ', LLVM text %s, .profdata %s' "$(mb "$W/p1.proftext")" \
		"$(mb "$W/p1.profdata")"
	printf '\n'
	sort -k1,1 -k2,2n "$W/cpu" | awk '
	{ n[$1]++; v[$1, n[$1]] = $2; if ($3 > m[$1]) m[$1] = $3 }
	function med(k) { return (v[k, int((n[k] + 1) / 2)] + v[k, int(n[k] / 2) + 1]) / 2 }
	function row(what, a, anchor, label, target) {
		printf "  %-48s %5.2f [%4.2f, %4.2f] %4.0f MB", what, med(a), v[a, 1],
			v[a, n[a]], m[a] / 1024
		if (anchor in n && med(anchor) > 0)
			printf "  %4.2fx %s (target <= %s)", med(a) / med(anchor), label, target
		printf "\n"
	}
	END {
		row("vitte-pgo merge, vitprof-bin -> vitprof-bin", "bin", "llvm-bin",
			"llvm-profdata'"'"'s binary merge", "1.0")
		row("vitte-pgo merge, JSON -> JSON", "json", "llvm-text",
			"llvm-profdata'"'"'s text merge", "2.0")
		if ("llvm-bin" in n)
			row("llvm-profdata merge --num-threads=1 (.profdata)", "llvm-bin")
		if ("llvm-text" in n)
			row("llvm-profdata merge --num-threads=1 --text", "llvm-text")
	}'
}
rm -rf "$W"

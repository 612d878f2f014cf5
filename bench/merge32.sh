#!/bin/sh
# bench/merge32.sh - the merge figure of `make bench` (bench/run.sh runs
# it): `vitte-pgo merge` of 32 runs of a 20,000-function program, from
# JSON and from vitprof-bin, next to its anchors measured in the same run:
# `llvm-profdata merge` of the same counters, in LLVM's text format (the
# twins `gen-profile --llvm-text` writes) and in its binary .profdata (made
# from the text by llvm-profdata). CPU time (user + system), best of RUNS,
# and the ratios. Prints its table on standard output.
#
# Environment: BUILD (default build), RUNS (3), MERGE_N (32), MERGE_FUNCS
# (20000).
set -eu

BUILD=${BUILD:-build}
RUNS=${RUNS:-3}
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

# cpu NAME COMMAND...: best user+system time of RUNS runs, in seconds, and
# the largest peak RSS in KB, appended to $W/cpu as "NAME SECONDS KB"
cpu() {
	name=$1 best='' rss=0 i=0
	shift
	log "  merge: $name"
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		/usr/bin/time -f '%U %S %M' -o "$W/time.tmp" "$@" >/dev/null 2>"$W/err.tmp" || {
			log "bench: '$*' failed:"
			cat "$W/err.tmp" >&2
			exit 1
		}
		t=$(awk '{ print $1 + $2 }' "$W/time.tmp")
		r=$(awk '{ print $3 }' "$W/time.tmp")
		[ "$r" -gt "$rss" ] && rss=$r
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$t
		fi
	done
	echo "$name $best $rss" >>"$W/cpu"
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

cpu bin "$VP" merge -q --force --format vitprof-bin -o "$W/m.vpbin" $(list vpbin)
cpu json "$VP" merge -q --force -o "$W/m.vitprof" $(list vitprof)
if [ -n "$LP" ]; then
	cpu llvm-bin "$LP" merge --num-threads=1 -o "$W/m.profdata" $(list profdata)
	cpu llvm-text "$LP" merge --num-threads=1 --text -o "$W/m.proftext" $(list proftext)
fi
# the two results are one profile
"$VP" export -o "$W/m2.vitprof" "$W/m.vpbin"
cmp -s "$W/m.vitprof" "$W/m2.vitprof" || { log "bench: the merges of JSON and binary differ"; exit 1; }

mb() { awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
{
	printf 'Merge of %d runs of a %d-function program (CPU s, best of %d; peak RSS):\n' \
		"$N" "$F" "$RUNS"
	printf '  inputs each: JSON %s, vitprof-bin %s' "$(mb "$W/p1.vitprof")" "$(mb "$W/p1.vpbin")"
	[ -n "$LP" ] && printf ', LLVM text %s, .profdata %s' "$(mb "$W/p1.proftext")" \
		"$(mb "$W/p1.profdata")"
	printf '\n'
	awk '{ t[$1] = $2; m[$1] = $3 }
	function row(what, a, anchor, label, target) {
		printf "  %-48s %6.2f %5.0f MB", what, t[a], m[a] / 1024
		if (anchor in t && t[anchor] > 0)
			printf "  %5.2fx %s (target <= %s)", t[a] / t[anchor], label, target
		printf "\n"
	}
	END {
		row("vitte-pgo merge, vitprof-bin -> vitprof-bin", "bin", "llvm-bin",
			"llvm-profdata'"'"'s binary merge", "1.0")
		row("vitte-pgo merge, JSON -> JSON", "json", "llvm-text",
			"llvm-profdata'"'"'s text merge", "2.0")
		if ("llvm-bin" in t)
			row("llvm-profdata merge --num-threads=1 (.profdata)", "llvm-bin")
		if ("llvm-text" in t)
			row("llvm-profdata merge --num-threads=1 --text", "llvm-text")
	}' "$W/cpu"
}
rm -rf "$W"

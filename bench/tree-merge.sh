#!/bin/sh
# bench/tree-merge.sh - merge 1,000 generated profiles as a tree, in
# parallel with make -j, and check that the result is the flat merge of
# all of them, byte for byte (run by `make tree-merge`).
#
# A merge with integer weights is associative and commutative byte for
# byte: counters are exact sums, and descriptive fields come from the first
# input that has them, which a tree of contiguous ranges keeps first. So a
# fleet's profiles reduce as a tree: each node merges up to FANIN files
# into one vitprof-bin file (the fastest to read back), the nodes of a
# level run side by side, and the root writes the JSON. The same recipe
# runs on Hadoop or Spark: README.md, "Fleet scale".
#
# Environment: BUILD (default build), N (profiles, 1000), FUNCS (functions
# per profile, 200), FANIN (inputs per node, 16), JOBS (make -j, nproc).
set -eu

BUILD=${BUILD:-build}
N=${N:-1000}
FUNCS=${FUNCS:-200}
FANIN=${FANIN:-16}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
VP=$PWD/$BUILD/vitte-pgo
GEN=$PWD/$BUILD/bench/gen-profile
W=bench/work/tree

for f in "$VP" "$GEN"; do
	[ -x "$f" ] || { echo "tree-merge: $f is missing; run 'make tree-merge'" >&2; exit 1; }
done
command -v make >/dev/null || { echo "tree-merge: no make" >&2; exit 1; }
case $(date +%N) in
*[!0-9]*) now() { echo $(($(date +%s) * 1000000000)); } ;;
*) now() { date +%s%N; } ;;
esac
secs() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }

rm -rf "$W"
mkdir -p "$W/leaf"

# The plan as a makefile: N leaves (run s of one program, gen-profile's
# seed s), then levels of nodes, each the merge of FANIN consecutive files
# of the level below, until one file is left: the root.
{
	printf 'VP = %s\nGEN = %s\n' "$VP" "$GEN"
	printf 'leaf/%%.vitprof:\n\t@$(GEN) -n %s -e %s -b %s -l %s -s $* >$@\n' \
		"$FUNCS" $((FUNCS * 5)) "$FUNCS" $((FUNCS / 2))
	level=0
	files=$(seq 1 "$N" | sed 's|.*|leaf/&.vitprof|')
	count=$N
	while [ "$count" -gt 1 ]; do
		level=$((level + 1))
		next=$(echo "$files" | awk -v f="$FANIN" -v l="$level" '
			{ node = int((NR - 1) / f) + 1; out = "l" l "/" node ".vpbin"
			  deps[node] = deps[node] " " $0; if (!(node in seen)) { seen[node]; order[++n] = out } }
			END { for (i = 1; i <= n; i++) printf "%s:%s\n", order[i], deps[i] }')
		echo "$next" | while IFS= read -r rule; do
			printf '%s\n\t@mkdir -p $(@D) && $(VP) merge -q --format vitprof-bin -o $@%s\n' \
				"$rule" "${rule#*:}"
		done
		files=$(echo "$next" | sed 's|:.*||')
		count=$(echo "$files" | wc -l)
	done
	printf 'tree.vitprof: %s\n\t@$(VP) merge -q -o $@ $<\n' "$files"
	printf 'leaves: %s\n' "$(seq 1 "$N" | sed 's|.*|leaf/&.vitprof|' | tr '\n' ' ')"
} >"$W/Makefile"
levels=$level

echo "tree-merge: $N profiles of $FUNCS functions, $levels levels of merges of $FANIN, make -j$JOBS"
t0=$(now)
make -s -C "$W" -j"$JOBS" leaves
t1=$(now)
make -s -C "$W" -j"$JOBS" tree.vitprof
t2=$(now)
seq 1 "$N" | sed "s|.*|$W/leaf/&.vitprof|" >"$W/all.txt"
"$VP" merge -q -o "$W/flat.vitprof" -f "$W/all.txt"
t3=$(now)

echo "  generated:   $(du -sh "$W/leaf" | cut -f1) of .vitprof in $(secs $((t1 - t0))) s"
echo "  tree merge:  $(secs $((t2 - t1))) s wall ($(ls "$W"/l1 | wc -l) merges at level 1, make -j$JOBS)"
echo "  flat merge:  $(secs $((t3 - t2))) s wall (one vitte-pgo merge of $N files)"
if cmp -s "$W/tree.vitprof" "$W/flat.vitprof"; then
	echo "  the tree's result is the flat merge, byte for byte: $(wc -c <"$W/flat.vitprof") bytes, meta.runs $N"
else
	echo "tree-merge: the tree's result differs from the flat merge" >&2
	cmp "$W/tree.vitprof" "$W/flat.vitprof" >&2 || true
	exit 1
fi
grep -q "\"runs\": $N," "$W/flat.vitprof" || { echo "tree-merge: runs is not $N" >&2; exit 1; }

#!/bin/bash
# bench/pgo-bench.sh - before/after PGO on real programs (`make
# pgo-bench`; not part of `make check`).
#
# Fetches zstd and sqlite from Debian's sources (pinned: ZSTD_SRC,
# SQLITE_SRC) into bench/work/pgo and builds each with clang -O2 four ways:
#
#   plain         clang -O2
#   native        clang's instrumentation PGO (-fprofile-instr-generate,
#                 a training run, llvm-profdata, -fprofile-instr-use): the
#                 reference
#   vitte-lines   vitte-pgo cc --profile-gen (libvitprof: exact calls and
#                 line counts), a training run, vitte-pgo cc --profile-use
#   vitte-record  plain build with line tables, a training run under
#                 vitte-pgo record (sampled CPU time), vitte-pgo cc
#                 --profile-use on that profile
#
# Training and measurement use different inputs:
#   zstd    zstd -$LEVEL on one thread; trained on TRAIN_MB of Perl modules
#           from /usr/share, measured on TEST_MB of C headers from
#           /usr/include
#   sqlite  the speedtest1 program of sqlite's sources on the amalgamation
#           (built with tclsh), in-memory database; trained on its "main"
#           test set at --size SQL_TRAIN, measured at --size SQL_TEST (the
#           same statements on other rows: larger tables, other key
#           ranges); both small enough that the tables stay in the caches
#           (at --size 100 a run took 2.2 s or 3.7 s, whichever the build).
#           At --size 50 a run took 1 s and native gained 5 to 8 %, which
#           the noise of one run hid: at 80 it takes about 2 s, and sqlite
#           gets SQL_ROUNDS rounds, 7/5 of ROUNDS (21 for 15), which adds
#           2 to 3 minutes to the whole run
# Timing: ROUNDS rounds (sqlite: SQL_ROUNDS); in each, every build runs
# once, back to back (the order rotating from round to round), and each
# run's CPU time (user + system, from the shell's wait4) is kept. This machine's speed drifts
# from second to second (other jobs, frequency, caches), so builds are
# compared within a round: a build's gain in a round is plain's time in
# that round over the build's, less 1, and the table gives the median of
# those paired gains over the rounds, with their quartiles; beside it, the
# gain of the fastest runs (plain's minimum over the build's), which noise
# can only make slower; and the share of native's gain each route
# reaches, by both measures. Times: median, quartiles and minimum. Results
# also go to bench/work/pgo-<program>.txt; PGO_WORK names another work
# directory (sources, builds, inputs: kept, reused when present).
#
# Environment: BUILD (default build), PROGRAMS ("zstd sqlite"), ROUNDS
# (15), SQL_ROUNDS (ROUNDS * 7 / 5), LEVEL (11), TRAIN_MB (8), TEST_MB
# (120), SQL_TRAIN (25), SQL_TEST (80), ZSTD_SRC (zstd=1.5.4+dfsg2-5),
# SQLITE_SRC (sqlite3=3.40.1-2+deb12u2), PGO_WORK (bench/work/pgo),
# LINES_FLAGS (added after -O2 to vitte-lines' phase 1, before the
# wrapper's own -O0).
set -euo pipefail

BUILD=${BUILD:-build}
PROGRAMS=${PROGRAMS:-zstd sqlite}
ROUNDS=${ROUNDS:-15}
SQL_ROUNDS=${SQL_ROUNDS:-$((ROUNDS * 7 / 5))}
LEVEL=${LEVEL:-11}
TRAIN_MB=${TRAIN_MB:-8}
TEST_MB=${TEST_MB:-120}
SQL_TRAIN=${SQL_TRAIN:-25}
SQL_TEST=${SQL_TEST:-80}
ZSTD_SRC=${ZSTD_SRC:-zstd=1.5.4+dfsg2-5}
SQLITE_SRC=${SQLITE_SRC:-sqlite3=3.40.1-2+deb12u2}
ROOT=$(pwd)
VP=$ROOT/$BUILD/vitte-pgo
W=${PGO_WORK:-$ROOT/bench/work/pgo}
. bench/lib.sh

for f in "$VP" "$BUILD/libvitprof.so" "$BUILD/vitprof.pc"; do
	[ -e "$f" ] || { echo "pgo-bench: $f is missing; run 'make pgo-bench'" >&2; exit 1; }
done
PROFDATA=$(command -v llvm-profdata || command -v llvm-profdata-14 || true)
[ -n "$PROFDATA" ] || { echo "pgo-bench: needs llvm-profdata (Debian: llvm)" >&2; exit 1; }
command -v ld.lld >/dev/null || $sudo apt-get install -y -qq lld >/dev/null

# ---- the programs: each defines NAME_setup, NAME_build NAME CC CFLAGS
# (the program built afresh, copied to $OUT/NAME), NAME_train BIN (the
# training run, any wrapper before BIN), NAME_run BIN (the measured run,
# its output on stdout) and NAME_same (a filter of that output that every
# build must print alike) ----

zstd_setup() {
	ls -d "$W"/*zstd-*/programs >/dev/null 2>&1 || bench_source "$ZSTD_SRC" "$W"
	SRC=$(ls -d "$W"/*zstd-*/ | head -n 1)
	# text that compresses (perl modules to train, C headers to measure):
	# on data that does not, zstd stores blocks raw and the match finder
	# that PGO speeds up hardly runs
	[ "$(stat -c %s "$W/train.bin" 2>/dev/null)" = $((TRAIN_MB << 20)) ] || tar cf - -C /usr/share perl5 perl 2>/dev/null | head -c $((TRAIN_MB << 20)) >"$W/train.bin" || true
	[ "$(stat -c %s "$W/test.bin" 2>/dev/null)" = $((TEST_MB << 20)) ] || tar cf - -C /usr include 2>/dev/null | head -c $((TEST_MB << 20)) >"$W/test.bin" || true
	ZARGS=(-"$LEVEL" --single-thread -q -c)
	TITLE="zstd -$LEVEL on $TEST_MB MB (trained on $TRAIN_MB MB of other data)"
	NROUNDS=$ROUNDS
}
zstd_build() {
	make -s -C "$SRC/programs" clean >/dev/null
	make -s -C "$SRC/programs" -j2 zstd CC="$2" CFLAGS="$3" \
		HAVE_ZLIB=0 HAVE_LZMA=0 HAVE_LZ4=0 >"$OUT/$1.log" 2>&1 ||
		{ tail -20 "$OUT/$1.log"; exit 1; }
	cp "$SRC/programs/zstd" "$OUT/$1"
}
zstd_train() { "$@" "${ZARGS[@]}" -o /dev/null "$W/train.bin"; }
zstd_run() { "$1" "${ZARGS[@]}" "$W/test.bin"; }
zstd_same() { md5sum; }

sqlite_setup() {
	ls -d "$W"/sqlite3-*/test >/dev/null 2>&1 || bench_source "$SQLITE_SRC" "$W"
	SRC=$(ls -d "$W"/sqlite3-*/ | head -n 1)
	command -v tclsh >/dev/null || $sudo apt-get install -y -qq tcl >/dev/null
	if [ ! -s "$W/sqlite-amalg/sqlite3.c" ]; then
		echo "pgo-bench: making sqlite3.c"
		mkdir -p "$W/sqlite-amalg"
		(cd "$W/sqlite-amalg" && "$SRC/configure" --disable-tcl >configure.log 2>&1 &&
			make sqlite3.c >make.log 2>&1) ||
			{ echo "pgo-bench: could not make sqlite3.c (see $W/sqlite-amalg)" >&2; exit 1; }
	fi
	TITLE="sqlite speedtest1 --size $SQL_TEST, in memory (trained at --size $SQL_TRAIN)"
	NROUNDS=$SQL_ROUNDS
}
sqlite_build() {
	(cd "$W/sqlite-amalg" && $2 $3 -I. -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_THREADSAFE=0 \
		-o "$OUT/$1" "$SRC/test/speedtest1.c" sqlite3.c -lm >"$OUT/$1.log" 2>&1) ||
		{ tail -20 "$OUT/$1.log"; exit 1; }
}
sqlite_train() { "$@" --memdb --size "$SQL_TRAIN" --testset main "$OUT/train.db"; }
sqlite_run() { "$1" --memdb --size "$SQL_TEST" --testset main "$OUT/test.db"; }
sqlite_same() { sed 's/[0-9.]*s$//' | md5sum; } # the timings differ

# ---- the table: bench_table "BUILD..." TIMES, TIMES having lines
# "ROUND BUILD USER SYS"; the first build is the baseline, the second the
# reference whose gain the others are a share of ----

bench_table() {
	awk -v order="$1" '
	function q(a, n, f,   i) { i = 1 + f * (n - 1); return a[int(i)] + (i - int(i)) * (a[int(i) + 1] - a[int(i)]) }
	function sort(a, n,   i, j, x) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { x = a[j]; a[j] = a[j - 1]; a[j - 1] = x } }
	{ t[$2, $1] = $3 + $4; rounds[$1] = 1 }
	END {
		nb = split(order, names, " "); base = names[1]; ref = names[2]
		for (k = 1; k <= nb; k++) {
			b = names[k]; m = 0; g = 0
			for (r in rounds) {
				if (!((b, r) in t)) continue
				v[++m] = t[b, r]
				if ((base, r) in t && t[b, r] > 0) w[++g] = t[base, r] / t[b, r] - 1
			}
			sort(v, m); sort(w, g)
			med[b] = q(v, m, 0.5); lo[b] = q(v, m, 0.25); hi[b] = q(v, m, 0.75); min[b] = v[1]
			gain[b] = q(w, g, 0.5); glo[b] = q(w, g, 0.25); ghi[b] = q(w, g, 0.75)
		}
		for (k = 1; k <= nb; k++) { b = names[k]; gmin[b] = min[b] > 0 ? min[base] / min[b] - 1 : 0 }
		printf "%-13s %7s %17s %7s %7s %17s %7s %5s %6s\n", "build", "median", "quartiles", "min", "gain", "quartiles", "gain", "share", "share"
		printf "%-13s %7s %17s %7s %7s %17s %7s %5s %6s\n", "", "", "", "", "paired", "", "(min)", "", "(min)"
		for (k = 1; k <= nb; k++) {
			b = names[k]
			printf "%-13s %7.3f [%7.3f,%7.3f] %7.3f", b, med[b], lo[b], hi[b], min[b]
			if (b != base) {
				printf " %+6.1f%% [%+6.1f%%,%+6.1f%%] %+6.1f%%", 100 * gain[b], 100 * glo[b], 100 * ghi[b], 100 * gmin[b]
				if (b != ref) {
					printf " %5s %6s", (gain[ref] > 0 ? sprintf("%.0f%%", 100 * gain[b] / gain[ref]) : "-"),
						(gmin[ref] > 0 ? sprintf("%.0f%%", 100 * gmin[b] / gmin[ref]) : "-")
				}
			}
			printf "\n"
		}
	}' "$2"
}

# ---- one program: the four builds, the runs, the table ----

bench() {
	local prog=$1 b i r t want
	OUT=$W/out-$prog
	mkdir -p "$OUT" "$ROOT/bench/work"
	"${prog}_setup"

	echo "pgo-bench: $prog: building plain"
	"${prog}_build" plain clang "-O2"

	echo "pgo-bench: $prog: building native (clang instrumentation PGO)"
	"${prog}_build" native-gen clang "-O2 -fprofile-instr-generate"
	rm -f "$OUT"/native-*.profraw
	LLVM_PROFILE_FILE="$OUT/native-%p.profraw" "${prog}_train" "$OUT/native-gen" >/dev/null
	"$PROFDATA" merge -o "$OUT/native.profdata" "$OUT"/native-*.profraw
	"${prog}_build" native clang "-O2 -fprofile-instr-use=$OUT/native.profdata"

	echo "pgo-bench: $prog: building vitte-lines (libvitprof: calls and line counts)"
	"${prog}_build" vitte-lines-gen "$VP cc --profile-gen clang" "-O2 ${LINES_FLAGS:-}"
	rm -f "$OUT/lines.vitprof"*
	VITPROF_FILE="$OUT/lines.vitprof" "${prog}_train" "$OUT/vitte-lines-gen" >/dev/null
	"$VP" check "$OUT/lines.vitprof"
	"${prog}_build" vitte-lines "$VP cc --profile-use=$OUT/lines.vitprof clang" "-O2"

	echo "pgo-bench: $prog: building vitte-record (vitte-pgo record: sampled)"
	"${prog}_build" vitte-record-gen clang "-O2 -gline-tables-only -fdebug-info-for-profiling"
	rm -f "$OUT/record.vitprof"*
	"${prog}_train" "$VP" record -q -o "$OUT/record.vitprof" -- "$OUT/vitte-record-gen" >/dev/null
	"$VP" check "$OUT/record.vitprof"
	"${prog}_build" vitte-record "$VP cc --profile-use=$OUT/record.vitprof clang" "-O2"

	BUILDS=(plain native vitte-lines vitte-record)

	# every build computes the same thing
	want=$("${prog}_run" "$OUT/plain" | "${prog}_same")
	for b in "${BUILDS[@]}"; do
		[ "$("${prog}_run" "$OUT/$b" | "${prog}_same")" = "$want" ] ||
			{ echo "pgo-bench: $prog: $b computes differently" >&2; exit 1; }
	done

	TIMEFORMAT='%3U %3S'
	: >"$OUT/times"
	for ((r = 0; r < NROUNDS; r++)); do
		for ((i = 0; i < ${#BUILDS[@]}; i++)); do
			b=${BUILDS[$(((i + r) % ${#BUILDS[@]}))]}
			t=$({ time "${prog}_run" "$OUT/$b" >/dev/null; } 2>&1)
			echo "$r $b $t" >>"$OUT/times"
		done
		printf 'pgo-bench: %s: round %d of %d\r' "$prog" $((r + 1)) "$NROUNDS"
	done
	echo

	{
		echo "$TITLE, $NROUNDS rounds (each runs every build once, back to back)"
		echo "CPU seconds (user + system): median [quartiles] and minimum of each build's runs;"
		echo "gain over plain: median over the rounds of plain's time / the build's time - 1"
		echo "[quartiles], and of the fastest runs (min); share of native's gain by each measure"
		echo
		bench_table "${BUILDS[*]}" "$OUT/times"
		echo
	} | tee "$ROOT/bench/work/pgo-$prog.txt"
}

for prog in $PROGRAMS; do
	case $prog in
	zstd | sqlite) bench "$prog" ;;
	*) echo "pgo-bench: unknown program '$prog' (zstd, sqlite)" >&2; exit 2 ;;
	esac
done

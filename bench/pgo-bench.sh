#!/bin/bash
# bench/pgo-bench.sh - before/after PGO on a real program (`make
# pgo-bench`; not part of `make check`).
#
# Fetches zstd from Debian's sources (pinned: ZSTD_SRC) into
# bench/work/pgo, builds its command-line program with clang -O2 four ways
# and measures each on the same input:
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
# Training and measurement use different inputs (TRAIN_MB of Perl modules
# from /usr/share, TEST_MB of C headers from /usr/include), zstd -$LEVEL on
# one thread. The builds run
# alternately, ROUNDS times (rotating which goes first), and each run's
# CPU time (user + system, from the shell's wait4) is kept; the table gives
# the median with its quartiles, the gain over plain and the share of the
# native gain each route reaches. Results also go to bench/work/pgo.txt.
#
# Environment: BUILD (default build), ROUNDS (11), LEVEL (11), TRAIN_MB (8),
# TEST_MB (120), ZSTD_SRC (zstd=1.5.4+dfsg2-5).
set -euo pipefail

BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-11}
LEVEL=${LEVEL:-11}
TRAIN_MB=${TRAIN_MB:-8}
TEST_MB=${TEST_MB:-120}
ZSTD_SRC=${ZSTD_SRC:-zstd=1.5.4+dfsg2-5}
ROOT=$(pwd)
VP=$ROOT/$BUILD/vitte-pgo
W=$ROOT/bench/work/pgo
OUT=$W/out
RES=$ROOT/bench/work/pgo.txt
. bench/lib.sh

for f in "$VP" "$BUILD/libvitprof.so" "$BUILD/vitprof.pc"; do
	[ -e "$f" ] || { echo "pgo-bench: $f is missing; run 'make pgo-bench'" >&2; exit 1; }
done
PROFDATA=$(command -v llvm-profdata || command -v llvm-profdata-14 || true)
[ -n "$PROFDATA" ] || { echo "pgo-bench: needs llvm-profdata (Debian: llvm)" >&2; exit 1; }
command -v ld.lld >/dev/null || $sudo apt-get install -y -qq lld >/dev/null

# ---- the sources and the inputs ----

ls -d "$W"/*zstd-*/programs >/dev/null 2>&1 || bench_source "$ZSTD_SRC" "$W"
SRC=$(ls -d "$W"/*zstd-*/ | head -n 1)
mkdir -p "$OUT"
# text that compresses (perl modules to train, C headers to measure): on
# data that does not, zstd stores blocks raw and the match finder that PGO
# speeds up hardly runs
[ "$(stat -c %s "$W/train.bin" 2>/dev/null)" = $((TRAIN_MB << 20)) ] || tar cf - -C /usr/share perl5 perl 2>/dev/null | head -c $((TRAIN_MB << 20)) >"$W/train.bin" || true
[ "$(stat -c %s "$W/test.bin" 2>/dev/null)" = $((TEST_MB << 20)) ] || tar cf - -C /usr include 2>/dev/null | head -c $((TEST_MB << 20)) >"$W/test.bin" || true
ZARGS=(-"$LEVEL" --single-thread -q -c)

# build NAME CC CFLAGS: programs/zstd built afresh, copied to $OUT/NAME
build() {
	echo "pgo-bench: building $1"
	make -s -C "$SRC/programs" clean >/dev/null
	make -s -C "$SRC/programs" -j2 zstd CC="$2" CFLAGS="$3" \
		HAVE_ZLIB=0 HAVE_LZMA=0 HAVE_LZ4=0 >"$OUT/$1.log" 2>&1 ||
		{ tail -20 "$OUT/$1.log"; exit 1; }
	cp "$SRC/programs/zstd" "$OUT/$1"
}

# train NAME: the training run of build NAME
train() { "$OUT/$1" "${ZARGS[@]}" "$W/train.bin" >/dev/null; }

build plain clang "-O2"

build native-gen clang "-O2 -fprofile-instr-generate"
rm -f "$OUT"/native-*.profraw
LLVM_PROFILE_FILE="$OUT/native-%p.profraw" train native-gen
"$PROFDATA" merge -o "$OUT/native.profdata" "$OUT"/native-*.profraw
build native clang "-O2 -fprofile-instr-use=$OUT/native.profdata"

build vitte-lines-gen "$VP cc --profile-gen clang" "-O2"
rm -f "$OUT/lines.vitprof"*
VITPROF_FILE="$OUT/lines.vitprof" train vitte-lines-gen
"$VP" check "$OUT/lines.vitprof"
build vitte-lines "$VP cc --profile-use=$OUT/lines.vitprof clang" "-O2"

build vitte-record-gen clang "-O2 -gline-tables-only -fdebug-info-for-profiling"
rm -f "$OUT/record.vitprof"*
"$VP" record -q -o "$OUT/record.vitprof" -- "$OUT/vitte-record-gen" "${ZARGS[@]}" \
	-o /dev/null "$W/train.bin"
"$VP" check "$OUT/record.vitprof"
build vitte-record "$VP cc --profile-use=$OUT/record.vitprof clang" "-O2"

BUILDS=(plain native vitte-lines vitte-record)

# every build compresses to the same bytes
want=$("$OUT/plain" "${ZARGS[@]}" "$W/test.bin" | md5sum)
for b in "${BUILDS[@]}"; do
	[ "$("$OUT/$b" "${ZARGS[@]}" "$W/test.bin" | md5sum)" = "$want" ] ||
		{ echo "pgo-bench: $b compresses differently" >&2; exit 1; }
done

# ---- runs: CPU time of each, alternating ----

TIMEFORMAT='%3U %3S'
: >"$OUT/times"
for ((r = 0; r < ROUNDS; r++)); do
	for ((i = 0; i < ${#BUILDS[@]}; i++)); do
		b=${BUILDS[$(((i + r) % ${#BUILDS[@]}))]}
		t=$({ time "$OUT/$b" "${ZARGS[@]}" "$W/test.bin" >/dev/null; } 2>&1)
		echo "$b $t" >>"$OUT/times"
	done
	printf 'pgo-bench: round %d of %d\r' $((r + 1)) "$ROUNDS"
done
echo

# ---- the table ----

{
	echo "zstd -$LEVEL on $TEST_MB MB (trained on $TRAIN_MB MB of other data), $ROUNDS rounds,"
	echo "CPU seconds (user + system): median [quartiles]; gain over plain; share of native's gain"
	echo
	awk -v order="${BUILDS[*]}" '
	function q(a, n, f,   i) { i = 1 + f * (n - 1); return a[int(i)] + (i - int(i)) * (a[int(i) + 1] - a[int(i)]) }
	{ t[$1, ++n[$1]] = $2 + $3 }
	END {
		split(order, names, " ")
		for (k = 1; k in names; k++) {
			b = names[k]; m = n[b]
			for (i = 1; i <= m; i++) v[i] = t[b, i]
			for (i = 2; i <= m; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { x = v[j]; v[j] = v[j - 1]; v[j - 1] = x }
			med[b] = q(v, m, 0.5); lo[b] = q(v, m, 0.25); hi[b] = q(v, m, 0.75)
		}
		native = med["plain"] / med["native"] - 1
		printf "%-14s %8s %19s %8s %8s\n", "build", "median", "quartiles", "gain", "share"
		for (k = 1; k in names; k++) {
			b = names[k]; g = med["plain"] / med[b] - 1
			printf "%-14s %8.3f   [%7.3f, %7.3f] %+7.1f%%", b, med[b], lo[b], hi[b], 100 * g
			if (b != "plain" && b != "native" && native > 0) printf " %7.0f%%", 100 * g / native
			printf "\n"
		}
	}' "$OUT/times"
} | tee "$RES"

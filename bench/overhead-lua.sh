#!/bin/sh
# bench/overhead-lua.sh - libvitprof's overhead on a real program (run by
# `make bench-overhead`; not part of `make check`).
#
# Fetches the Lua 5.4 interpreter from Debian's sources into bench/work/lua
# (adding a deb-src entry to APT when there is none), builds it eleven ways
# with the same -O2 -g:
#
#   plain        gcc -O2
#   empty hooks  gcc -O2 -finstrument-functions, hooks that do nothing (the floor)
#   vitprof      gcc -O2 -finstrument-functions + libvitprof.a
#   vitprof.so   the same through `pkg-config --libs vitprof` (the shared library)
#   gprof        gcc -O2 -pg
#   clang        clang -O2 (the base of the two clang rows below)
#   clang-instr  clang -O2 -fprofile-instr-generate
#   vitprof-ai   clang -O2 -finstrument-functions-after-inlining + libvitprof.a
#                (hooks only in the functions left after inlining)
#   clang-cov    clang -O2 -fsanitize-coverage=trace-pc-guard,no-prune + libvitprof.a
#                (line counts: every basic block counted; over plain clang)
#   gcc-cov      gcc -O2 -fsanitize-coverage=trace-pc + libvitprof.a (line counts)
#   cc-gen       vitte-pgo cc --profile-gen clang -O2: the wrapper's phase 1 as
#                it is (calls, and line counts from whole blocks at -O0: see
#                vitte-pgo cc --help); over plain clang
#
# runs two workloads with each: bench/lua/bench.lua (library calls:
# strings, tables, sorting with a comparator; about 200 million calls a
# second once instrumented) and bench/lua/numeric.lua (the interpreter
# loop: n-body, spectral-norm, fannkuch, mandelbrot). Best of $RUNS
# (default 5) wall-clock times, interleaved so that a noisy neighbour hurts
# every build alike (the numeric one is bimodal on these machines: a run
# takes one time or about 1.6 times as long, whatever the build); checks
# that every build prints the same checksum, and prints times, slowdowns
# over plain and the size of what each profiler wrote. Results also go to
# bench/work/overhead.txt.
#
# Environment: BUILD (default build), RUNS (default 5), SCALE (the
# scripts' argument, default 1), WORKLOADS (default "bench numeric").
set -eu

BUILD=${BUILD:-build}
RUNS=${RUNS:-5}
SCALE=${SCALE:-1}
ROOT=$(pwd)
W=$ROOT/bench/work/lua
OUT=$W/out
RES=$ROOT/bench/work/overhead.txt
WORKLOADS=${WORKLOADS:-bench numeric}
export PKG_CONFIG_PATH="$ROOT/$BUILD${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

for f in "$BUILD/libvitprof.a" "$BUILD/libvitprof.so" "$BUILD/vitprof.pc" "$BUILD/vitte-pgo"; do
	[ -e "$f" ] || { echo "bench: $f is missing; run 'make bench-overhead'" >&2; exit 1; }
done
. bench/lib.sh

# ---- the sources ----

if ! ls -d "$W"/lua5.4-*/src >/dev/null 2>&1; then
	bench_source lua5.4 "$W"
fi
LUA=$(ls -d "$W"/lua5.4-*/src | head -n 1)
# what debian/rules generates before building
printf '#ifndef _LUA_DEB_MULTIARCH_\n#define _LUA_DEB_MULTIARCH_\n#define DEB_HOST_MULTIARCH "%s"\n#endif\n' \
	"$(gcc -print-multiarch)" >"$LUA/lua5.4-deb-multiarch.h"
SRCS=$(cd "$LUA" && ls *.c | grep -v '^luac\.c$' | sed "s|^|$LUA/|")

# ---- eleven builds ----

mkdir -p "$OUT"
cat >"$OUT/empty.c" <<'EOF'
__attribute__((no_instrument_function)) void __cyg_profile_func_enter(void *f, void *c) { (void)f; (void)c; }
__attribute__((no_instrument_function)) void __cyg_profile_func_exit(void *f, void *c) { (void)f; (void)c; }
EOF
DEFS="-DLUA_COMPAT_5_3 -DLUA_USE_LINUX"
echo "bench: building Lua ($(basename "$(dirname "$LUA")")) eleven ways"
# shellcheck disable=SC2086
{
	gcc -O2 -g $DEFS -o "$OUT/plain" $SRCS -lm -ldl
	gcc -O2 -g $DEFS -finstrument-functions -o "$OUT/empty-hooks" $SRCS "$OUT/empty.c" -lm -ldl
	gcc -O2 -g $DEFS -finstrument-functions -I"$ROOT/src/runtime" -o "$OUT/vitprof" $SRCS \
		"$ROOT/$BUILD/libvitprof.a" $(pkg-config --libs libdw) -lpthread -lm -ldl
	gcc -O2 -g $DEFS -finstrument-functions -o "$OUT/vitprof.so" $SRCS \
		$(pkg-config --cflags --libs vitprof) -lm -ldl
	gcc -O2 -g $DEFS -pg -o "$OUT/gprof" $SRCS -lm -ldl
	clang -O2 -g $DEFS -o "$OUT/clang" $SRCS -lm -ldl 2>/dev/null
	clang -O2 -g $DEFS -fprofile-instr-generate -o "$OUT/clang-instr" $SRCS -lm -ldl 2>/dev/null
	clang -O2 -g $DEFS -finstrument-functions-after-inlining -I"$ROOT/src/runtime" \
		-o "$OUT/vitprof-ai" $SRCS "$ROOT/$BUILD/libvitprof.a" $(pkg-config --libs libdw) \
		-lpthread -lm -ldl 2>/dev/null
	clang -O2 -g $DEFS -fsanitize-coverage=trace-pc-guard,no-prune -fno-sanitize-link-runtime \
		-o "$OUT/clang-cov" $SRCS "$ROOT/$BUILD/libvitprof.a" $(pkg-config --libs libdw) \
		-lpthread -lm -ldl 2>/dev/null
	gcc -O2 -g $DEFS -fsanitize-coverage=trace-pc -o "$OUT/gcc-cov" $SRCS \
		"$ROOT/$BUILD/libvitprof.a" $(pkg-config --libs libdw) -lpthread -lm -ldl
	"$ROOT/$BUILD/vitte-pgo" cc --profile-gen clang -O2 -g $DEFS -o "$OUT/cc-gen" $SRCS \
		-lm -ldl 2>/dev/null
}
BUILDS="plain empty-hooks vitprof vitprof.so gprof clang clang-instr vitprof-ai clang-cov gcc-cov cc-gen"

# ---- runs ----

now_ns() { date +%s%N; }

# run_workload NAME: best-of-$RUNS times of bench/lua/NAME.lua in $OUT/NAME/
run_workload() {
	wl=$1
	for b in $BUILDS; do echo 999999999999 >"$OUT/$wl/$b.best"; done
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		for b in $BUILDS; do
			rm -rf "$OUT/$wl/run-$b" && mkdir -p "$OUT/$wl/run-$b"
			t0=$(now_ns)
			(cd "$OUT/$wl/run-$b" && VITPROF_FILE=lua.vitprof LLVM_PROFILE_FILE=lua.profraw \
				"$OUT/$b" "$ROOT/bench/lua/$wl.lua" "$SCALE" >out.txt)
			t1=$(now_ns)
			t=$(((t1 - t0) / 1000000))
			[ "$t" -lt "$(cat "$OUT/$wl/$b.best")" ] && echo "$t" >"$OUT/$wl/$b.best"
		done
		printf 'bench: %s.lua, run %d of %d done\n' "$wl" "$i" "$RUNS"
	done
	ref=$(cat "$OUT/$wl/run-plain/out.txt")
	for b in $BUILDS; do
		[ "$(cat "$OUT/$wl/run-$b/out.txt")" = "$ref" ] ||
			{ echo "bench: $b printed $(cat "$OUT/$wl/run-$b/out.txt"), plain $ref" >&2; exit 1; }
	done
	"$BUILD/vitte-pgo" check "$OUT/$wl/run-vitprof/lua.vitprof" >/dev/null
}

# report NAME: the table of one workload
report() {
	wl=$1
	plain=$(cat "$OUT/$wl/plain.best")
	plain_clang=$(cat "$OUT/$wl/clang.best")
	echo "bench/lua/$wl.lua $SCALE: $(cat "$OUT/$wl/run-plain/out.txt")"
	printf '%-12s %9s %9s %12s  %s\n' build time slowdown output file
	for b in $BUILDS; do
		t=$(cat "$OUT/$wl/$b.best")
		base=$plain
		case $b in clang-instr | vitprof-ai | clang-cov | cc-gen) base=$plain_clang ;; esac
		f=$(cd "$OUT/$wl/run-$b" && ls lua.vitprof gmon.out lua.profraw 2>/dev/null | head -n 1 || true)
		size=-
		[ -n "$f" ] && size=$(wc -c <"$OUT/$wl/run-$b/$f")
		printf '%-12s %7d ms %8sx %12s  %s\n' "$b" "$t" \
			"$(awk "BEGIN { printf \"%.2f\", $t / $base }")" "$size" "${f:--}"
	done
	echo
}

for wl in $WORKLOADS; do
	mkdir -p "$OUT/$wl"
	run_workload "$wl"
done

# ---- results ----

{
	echo "Lua 5.4 ($(basename "$(dirname "$LUA")")), best of $RUNS, $(nproc) CPUs"
	echo "(slowdowns over plain gcc; the clang rows over plain clang)"
	echo
	for wl in $WORKLOADS; do report "$wl"; done
	first=${WORKLOADS%% *}
	"$BUILD/vitte-pgo" show --top 8 "$OUT/$first/run-vitprof/lua.vitprof" | sed -n '/Self%/,$p'
} | tee "$RES"

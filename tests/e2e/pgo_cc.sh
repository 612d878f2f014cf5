#!/bin/sh
# The three phases of PGO through `vitte-pgo cc`, on examples/pgo (three C
# files and a Makefile that knows nothing of vitte-pgo): an instrumented
# build, a training run whose profile has exact call and line counts, and
# an optimized build that uses it (sample profile and link order). Counts
# are known by construction: wordfreq N adds N words, one call each.
. tests/e2e/lib/cli.sh
N=20000
command -v clang >/dev/null 2>&1 || { echo "pgo_cc: skipped: no clang"; exit 0; }
cp -r examples/pgo "$T/src"
cp tests/runtime/blocks.c tests/runtime/discs.c "$T"
cd "$T/src" || exit 1

# the function line of the canonical profile: calls and lines of NAME
fline() { "$VP" export -o - "$1" | grep "^    \"$2\": {"; }
# line N of file F, as the number of the line that holds TEXT
line_of() { grep -nF -- "$2" "$1" | head -1 | cut -d: -f1; }

make -s CC=clang >/dev/null 2>&1 && ./wordfreq $N >"$T/plain.out" || fail "plain build"
make -s clean

# 1. instrumented build, 2. training run
expect_exit 0 make -s CC="$VP cc --profile-gen clang"
expect_exit 0 ./wordfreq $N
cmp -s "$T/out" "$T/plain.out" || fail "the instrumented program prints something else"
[ -f wordfreq.vitprof ] || fail "no wordfreq.vitprof after the training run"
expect_exit 0 "$VP" check wordfreq.vitprof
f=$(fline wordfreq.vitprof table_add)
echo "$f" | grep -q "\"calls\": $N," || fail "table_add: calls are not $N: $f"
f=$(fline wordfreq.vitprof text_next_word)
echo "$f" | grep -q "\"calls\": $N," || fail "text_next_word: calls are not $N: $f"
# the counter line of table_add runs once per word
n=$(line_of table.c "t->v[i].count++;")
echo "$(fline wordfreq.vitprof table_add)" | grep -q "\"$n\": $N[,}]" ||
	fail "table.c:$n (count++) is not counted $N times: $(fline wordfreq.vitprof table_add)"
make -s clean

# 3. optimized build: the profile converted once, beside it
expect_exit 0 make -s CC="$VP cc --profile-use=wordfreq.vitprof clang"
[ -s wordfreq.vitprof.prof ] || fail "no sample profile beside the profile"
[ -s wordfreq.vitprof.order ] || fail "no link order beside the profile"
expect_exit 0 ./wordfreq $N
cmp -s "$T/out" "$T/plain.out" || fail "the optimized program prints something else"
PD=$(command -v llvm-profdata || command -v llvm-profdata-14)
if [ -n "$PD" ]; then
	"$PD" show --sample --all-functions wordfreq.vitprof.prof >"$T/show" 2>&1 ||
		fail "llvm-profdata cannot read the sample profile: $(head -3 "$T/show")"
	grep -q "table_add" "$T/show" || fail "the sample profile has no table_add"
fi
# the converted files are reused while the profile is older
t1=$(stat -c %Y.%y wordfreq.vitprof.prof)
sleep 1
make -s clean
expect_exit 0 make -s CC="$VP cc --profile-use=wordfreq.vitprof clang"
[ "$(stat -c %Y.%y wordfreq.vitprof.prof)" = "$t1" ] || fail "the sample profile was made again"
# with ld.lld, the hot functions come first in the program, in the order's order
if command -v ld.lld >/dev/null 2>&1; then
	nm -n wordfreq | awk '$2 ~ /^[tT]$/ {print $3}' >"$T/nm"
	grep -xFf wordfreq.vitprof.order "$T/nm" >"$T/laid"
	grep -xFf "$T/nm" wordfreq.vitprof.order >"$T/want"
	cmp -s "$T/laid" "$T/want" || fail "functions not laid out in the order file's order"
fi
# a source newer than the profile is said to be
touch main.c
expect_exit 0 "$VP" cc --profile-use=wordfreq.vitprof clang -O2 -c -o main.o main.c
has "$T/err" "main.c is newer than wordfreq.vitprof"
# whole blocks of the source in the sample profile, from phase 1's own
# flags on a build at -O2 (tests/runtime/blocks.c, by hand): every line of
# the loop body counts 1000, not only the first (the PC table), the lines
# of the branch that never ran count 0 (so that clang knows them cold), the
# tail's two lines 1 (the source's blocks: at -O2 clang folds the loop and
# the tail); offsets from main's declaration line
expect_exit 0 "$VP" cc --profile-gen clang -O2 -o "$T/blocks" "$T/blocks.c"
(cd "$T" && VITPROF_FILE=blocks.vitprof ./blocks >/dev/null) || fail "blocks: training run"
expect_exit 0 "$VP" export --format llvm-sample -o "$T/blocks.prof" "$T/blocks.vitprof"
awk '/^main:/ {m = 1; next} /^[^ ]/ {m = 0} m' "$T/blocks.prof" >"$T/main.rec"
d=$(line_of "$T/blocks.c" "int main(int argc")
for want in "body 1:1000" "body 2:1000" "body 3:1000" "never 1:0" "never 2:0" \
	"tail 1:1" "tail 2:1"; do
	n=$(line_of "$T/blocks.c" "/* ${want%:*} */")
	grep -qx " $((n - d)): ${want#*:}" "$T/main.rec" ||
		fail "blocks: main's offset $((n - d)) (${want%:*}) is not ${want#*:}: $(tr '\n' ' ' <"$T/main.rec")"
done
grep -q "^unused:" "$T/blocks.prof" && fail "blocks: unused() never ran but has a record"
if [ -n "$PD" ]; then
	# and LLVM reads them so: 1000 samples at the loop body's third line
	n=$(line_of "$T/blocks.c" "/* body 3 */")
	"$PD" show --sample --function=main "$T/blocks.prof" >"$T/show" 2>&1
	grep -q "^ *$((n - d)): 1000\$" "$T/show" ||
		fail "llvm-profdata reads no 1000 at main's offset $((n - d)): $(head -20 "$T/show")"
fi
# each block of a line by its discriminator, from phase 1's own flags
# (tests/runtime/discs.c, by hand: of 1000 rounds, 500 even, 100 of those
# multiples of 5): its line's records in main's are 1000 (the first
# test), 500 (the second), 100 (the increment) and 1000 (the join after)
expect_exit 0 "$VP" cc --profile-gen clang -O2 -o "$T/discs" "$T/discs.c"
(cd "$T" && VITPROF_FILE=discs.vitprof ./discs) || fail "discs: training run"
expect_exit 0 "$VP" export --format llvm-sample -o "$T/discs.prof" "$T/discs.vitprof"
d=$(line_of "$T/discs.c" "int main(void)")
n=$(line_of "$T/discs.c" "/* two branches */")
got=$(awk -v o=" $((n - d))" '/^main:/ {m = 1; next} /^[^ ]/ {m = 0}
	m && (index($0, o ":") == 1 || index($0, o ".") == 1) {print $2}' "$T/discs.prof" | sort -n | tr '\n' ' ')
[ "$got" = "100 500 1000 1000 " ] ||
	fail "discs: the line's records are '$got', not '100 500 1000 1000 '"
# errors: no profile, no compiler
expect_exit 1 "$VP" cc --profile-use=absent.vitprof clang -c main.c
has "$T/err" "absent.vitprof"
expect_exit 127 "$VP" cc --profile-gen no-such-compiler -c main.c
expect_exit 2 "$VP" cc clang -c main.c
[ "$fails" -eq 0 ]

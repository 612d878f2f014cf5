#!/bin/sh
# Writes never replace what is not a plain file (issue 12, item 1): a
# device or a FIFO named as output is written through, a symbolic link
# keeps being a link and its target gets the profile. Every node is made
# here, in the scratch directory, never the system's own.
. tests/e2e/lib/cli.sh

is_chr() { # is_chr PATH MAJOR MINOR: still a character device with those numbers
	[ "$(stat -c '%F %t:%T' "$1")" = "character special file $2:$3" ] ||
		fail "$1 is no longer the device $2:$3: $(stat -c '%F' "$1")"
}

mknod "$T/null" c 1 3 && mknod "$T/full" c 1 7 || { fail "mknod"; exit 1; }
"$VP" export -o "$T/seed.vitprof" examples/seed.vitprof || fail "export to a file"

# export onto a node with /dev/null's numbers, with and without --force
expect_exit 0 "$VP" export -o "$T/null" examples/seed.vitprof
expect_exit 0 "$VP" export --force -o "$T/null" examples/seed.vitprof
is_chr "$T/null" 1 3
# onto one with /dev/full's numbers: the write fails, the node stays
expect_exit 1 "$VP" export --force -o "$T/full" examples/seed.vitprof
has "$T/err" "$T/full: error: cannot write: No space left on device"
is_chr "$T/full" 1 7
# merge and import write through the same function
expect_exit 1 "$VP" merge -o "$T/full" examples/seed.vitprof examples/seed.vitprof
is_chr "$T/full" 1 7

# a FIFO with a reader receives the profile; without one, an error at once
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" >"$T/fifo.out" &
reader=$!
i=0 # until the reader has opened its end
until timeout 10 "$VP" export -o "$T/fifo" examples/seed.vitprof 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 100 ] || { fail "export to the FIFO with a reader"; break; }
	sleep 0.1
done
wait $reader
cmp -s "$T/fifo.out" "$T/seed.vitprof" || fail "the FIFO's reader did not get the profile"
[ -p "$T/fifo" ] || fail "the FIFO was replaced"
expect_exit 1 timeout 10 "$VP" export -o "$T/fifo" examples/seed.vitprof
has "$T/err" "no process reads this FIFO"

# -o /dev/stdout (a link to the process's own standard output, here a pipe)
"$VP" export -o /dev/stdout examples/seed.vitprof | cat >"$T/piped"
cmp -s "$T/piped" "$T/seed.vitprof" || fail "-o /dev/stdout did not print the profile"

# a symbolic link: the target is replaced (with --force), the link stays
echo old >"$T/target"
ln -s target "$T/link"
expect_exit 1 "$VP" export -o "$T/link" examples/seed.vitprof
has "$T/err" "file exists"
expect_exit 0 "$VP" export --force -o "$T/link" examples/seed.vitprof
[ -L "$T/link" ] || fail "the link was replaced by a file"
cmp -s "$T/target" "$T/seed.vitprof" || fail "the link's target did not get the profile"

# a directory is named as one (it used to be "file exists")
mkdir "$T/dir"
expect_exit 1 "$VP" export -o "$T/dir/" examples/seed.vitprof
has "$T/err" "$T/dir/: error: is a directory"

# the runtime: VITPROF_FILE naming a device node or a link
if cc -g -O0 -finstrument-functions -o "$T/fib" tests/runtime/fib.c "$B/libvitprof.a" \
	$(pkg-config --libs libdw) -lpthread -lm 2>"$T/cc.err"; then
	VITPROF_FILE="$T/null" "$T/fib" >/dev/null 2>"$T/rt.err" || fail "fib onto a null node failed"
	is_chr "$T/null" 1 3
	[ -s "$T/rt.err" ] && fail "the runtime warned writing to a null node: $(cat "$T/rt.err")"
	VITPROF_FILE="$T/full" "$T/fib" >/dev/null 2>"$T/rt.err"
	is_chr "$T/full" 1 7
	has "$T/rt.err" "libvitprof: warning: $T/full: error: cannot write: No space left on device"
	VITPROF_FILE="$T/link" "$T/fib" >/dev/null 2>&1
	[ -L "$T/link" ] || fail "the runtime replaced the link by a file"
	"$VP" check "$T/target" >/dev/null || fail "the runtime did not write through the link"
else
	fail "cannot build tests/runtime/fib.c: $(cat "$T/cc.err")"
fi

# a failed write to standard output (item 3): exit 1 and say so, for every
# command that prints (here onto a node with /dev/full's numbers); output
# longer than stdio's buffer fails before the end, the rest at the end
awk 'BEGIN { printf "{\"functions\": {"; for (i = 0; i < 3000; i++)
	printf "%s\"f%d\": {\"calls\": %d, \"time_ns\": %d}", i ? ", " : "", i, i + 1, 1000 + i
	print "}}" }' >"$T/big.vitprof"
for cmd in "check $T/big.vitprof" "show $T/big.vitprof" \
	"report $T/big.vitprof" "report --json -n 3000 $T/big.vitprof" "show examples/seed.vitprof" \
	"diff examples/seed.vitprof $T/big.vitprof" "export -o - $T/big.vitprof" \
	"merge -o - examples/seed.vitprof examples/full.vitprof" "--help" "report --help"; do
	# shellcheck disable=SC2086 # the words of $cmd are the arguments
	"$VP" $cmd >"$T/full" 2>"$T/err"
	[ $? -eq 1 ] || fail "$cmd onto a full device did not exit 1"
	has "$T/err" "vitte-pgo: cannot write to standard output: No space left on device"
done
"$B/vitte-pgo-tui" --help >"$T/full" 2>"$T/err"
[ $? -eq 1 ] || fail "vitte-pgo-tui --help onto a full device did not exit 1"
has "$T/err" "vitte-pgo-tui: cannot write to standard output: No space left on device"
# the same onto a working node: exit 0, nothing said
"$VP" report --json "$T/big.vitprof" >"$T/null" 2>"$T/err" || fail "report onto a null node"
[ -s "$T/err" ] && fail "report onto a null node printed: $(cat "$T/err")"

# reading (item 6): an endless input (a node with /dev/zero's numbers) is
# refused at the limit, by every reader; a FIFO that ends is read whole
mknod "$T/zero" c 1 5
for cmd in "$VP check" "$VP report" "$VP merge -o - examples/seed.vitprof" "$B/vitte-pgo-tui --keys q"; do
	# shellcheck disable=SC2086 # the words of $cmd are the command
	VITTE_PGO_MAX_INPUT=200000 timeout 20 $cmd "$T/zero" >"$T/out" 2>"$T/err"
	[ $? -eq 1 ] || fail "$cmd on an endless device did not exit 1"
	has "$T/err" "$T/zero: error: larger than 200000 bytes, the most read from one input"
done
VITTE_PGO_MAX_INPUT=200000 timeout 20 "$VP" check - <"$T/zero" >"$T/out" 2>"$T/err"
has "$T/err" "-: error: larger than 200000 bytes"
rm -f "$T/fifo"
mkfifo "$T/fifo"
cat examples/full.vitprof >"$T/fifo" &
expect_exit 0 timeout 20 "$VP" check "$T/fifo"
has "$T/out" "ok: 7 functions, 6 edges"
wait

[ "$fails" -eq 0 ]

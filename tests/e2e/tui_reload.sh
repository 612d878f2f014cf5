#!/bin/sh
# Reloading: R reads the files again keeping the view, the selection (by
# name), the marks and the weights; --follow reloads when a file is
# replaced on disk, as a running program's VITPROF_INTERVAL dumps do; the
# status line says when the data was read. Headless where the files do
# not change, in tmux where they do.
. tests/e2e/lib/tui.sh
SOCK=vitte-reload-$$
cleanup() {
	tm kill-server 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

F=examples/full.vitprof

# ---- headless: the same files read again ----
play "R" 100x30 $F
status "reloaded 1 file"
# the mark on engine::step (row 2; m moves on to row 3) and the selection
# stay; the status line now says when the data was read
play "jmjRk" 100x30 $F
status "Hotspots 3/7 sort: self descending marked: 1"
grep -q "read [0-2][0-9]:[0-5][0-9]:[0-5][0-9]" "$T/norm" || fail "$label: no read time"
# before any reload, no read time (the files are as they were opened)
play "j" 100x30 $F
grep -qF "read " "$T/norm" && fail "$label: a read time without a reload"
# the weights stay: 3 x full.vitprof merged with seed.vitprof, reloaded
play "5++R" 100x30 -w 1,$F examples/seed.vitprof
has "3"
status "reloaded 2 files"

command -v tmux >/dev/null || {
	echo "FAIL: tmux is not installed (make deps installs it)"
	exit 1
}

# ---- tmux: files that change ----
# two functions; then alpha's calls go from 12345 to 54321 and beta, which
# was cheaper, becomes the hottest: the selection stays on alpha
cat >"$T/one.vitprof" <<'EOF'
{"functions": {"alpha": {"calls": 12345, "time_ns": 9000},
               "beta": {"calls": 1, "time_ns": 1000}}}
EOF
cat >"$T/two.vitprof" <<'EOF'
{"functions": {"alpha": {"calls": 54321, "time_ns": 9000},
               "beta": {"calls": 2, "time_ns": 90000}}}
EOF
cp "$T/one.vitprof" "$T/live.vitprof"
tm new-session -d -s t -x 120 -y 30 "env -i PATH=/usr/bin:/bin TERM=xterm-256color HOME=$T PS1='ready\$ ' sh"
wait_for 'ready$'
tm send-keys -t t "cd $(pwd); $TUI $T/live.vitprof; echo exi''ted=\$?" Enter
wait_for "12345"
cp "$T/two.vitprof" "$T/live.tmp" && mv "$T/live.tmp" "$T/live.vitprof"
sleep 0.3
tm capture-pane -p -t t >"$T/pane"
grep -qF 54321 "$T/pane" && fail "the data changed without R or --follow"
tm send-keys -t t R
wait_for "54321"
tm send-keys -t t C-l # a key: the message goes, the status line shows
wait_for "Hotspots  2/2"
grep -q "read [0-2][0-9]:[0-5][0-9]:[0-5][0-9]" "$T/pane" || fail "no read time after R"
# a file that does not load: the data stays as it was, and R says why
printf '{"functions": {' >"$T/live.vitprof"
tm send-keys -t t R
wait_for "not reloaded: $T/live.vitprof:1:"
grep -qF 54321 "$T/pane" || fail "the data went with the bad file"
tm send-keys -t t q
wait_for "exited=0"

# --follow: a replaced file is read again without a key
cp "$T/one.vitprof" "$T/live.vitprof"
tm send-keys -t t "clear; $TUI --follow $T/live.vitprof; echo exi''ted2=\$?" Enter
wait_for "12345"
cp "$T/two.vitprof" "$T/live.tmp" && mv "$T/live.tmp" "$T/live.vitprof"
wait_for "54321"
wait_for "reloaded 1 file"
tm send-keys -t t q
wait_for "exited2=0"

# --follow on a running program that dumps every 0.1 s
# (VITPROF_INTERVAL): f's calls grow on the screen while it runs
cat >"$T/tick.c" <<'EOF'
#include <time.h>
static volatile int sink;
void f(void) { sink++; }
int main(void)
{
	struct timespec ts = {0, 20 * 1000 * 1000};
	for (int i = 0; i < 400; i++) { f(); nanosleep(&ts, NULL); }
	return 0;
}
EOF
if cc -g -O0 -finstrument-functions -o "$T/tick" "$T/tick.c" "$B/libvitprof.a" \
	$(pkg-config --libs libdw) -lpthread -lm 2>"$T/cc.err"; then
	(cd "$T" && VITPROF_INTERVAL=0.1 VITPROF_FILE=tick.vitprof ./tick) &
	prog=$!
	i=0
	while [ ! -e "$T/tick.vitprof" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	tm send-keys -t t "clear; $TUI --follow $T/tick.vitprof; echo exi''ted3=\$?" Enter
	wait_for "[1 Hotspots]"
	wait_for " f"
	a=$(jq '.functions.f.calls' "$T/tick.vitprof")
	sleep 1.5
	b=$(jq '.functions.f.calls' "$T/tick.vitprof")
	[ "$b" -gt "$a" ] || fail "the program's profile did not grow ($a, then $b calls)"
	# the screen follows the file: f's calls (the fourth field before
	# the class) reach b
	i=0
	while [ $i -lt 50 ]; do
		shown=$(tm capture-pane -p -t t | awk '{ for (i = 5; i <= NF; i++)
			if ($i == "f" && $(i - 1) ~ /^(hot|warm|cold)$/) print $(i - 4) }')
		[ "${shown:-0}" -ge "$b" ] && break
		sleep 0.1
		i=$((i + 1))
	done
	[ "${shown:-0}" -ge "$b" ] || fail "the screen shows f with ${shown:-no} calls, not $b or more"
	kill "$prog" 2>/dev/null
	wait "$prog" 2>/dev/null
	tm send-keys -t t q
	wait_for "exited3=0"
else
	echo "skip: cannot build with $B/libvitprof.a: $(head -c 200 "$T/cc.err")"
fi

[ "$fails" -eq 0 ]

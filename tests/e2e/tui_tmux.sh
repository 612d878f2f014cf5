#!/bin/sh
# The browser in a real terminal: tmux runs it, send-keys types, capture-pane
# reads the screen; after q (and after SIGTERM) the terminal must be as it
# was before (same stty settings, the shell's screen back).
. tests/e2e/lib/tui.sh
SOCK=vitte-test-$$
cleanup() {
	tm kill-server 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

command -v tmux >/dev/null || {
	echo "FAIL: tmux is not installed (make deps installs it)"
	exit 1
}

tm new-session -d -s t -x 100 -y 30 "env -i PATH=/usr/bin:/bin TERM=xterm-256color HOME=$T PS1='ready\$ ' sh"
wait_for 'ready$'
# (markers are spelt so that the typed command line cannot match them)
tm send-keys -t t "cd $(pwd) && stty -g >$T/before && echo sta''rted" Enter
wait_for started

# open, move, help, back, quit
tm send-keys -t t "$TUI examples/full.vitprof; echo exited=\$?; stty -g >$T/after; echo fini''shed" Enter
wait_for "[1 Hotspots]"
grep -qF "59.6%" "$T/pane" || fail "hotspots not shown"
tm send-keys -t t j
wait_for "Hotspots  2/7"
tm send-keys -t t "?"
wait_for "Everywhere"
tm send-keys -t t q
wait_for "Hotspots  2/7"
tm send-keys -t t 3
wait_for "[3 Branches]"
tm send-keys -t t q
wait_for "exited=0"
wait_for "finished"
grep -qF "[1 Hotspots]" "$T/pane" && fail "the browser's screen is still there after q"
cmp -s "$T/before" "$T/after" || fail "stty settings differ after q"

# colours by role; none with NO_COLOR (reverse video marks the selection)
tm send-keys -t t "clear; $TUI examples/full.vitprof; echo colo''ur-done" Enter
wait_for "[1 Hotspots]"
tm capture-pane -e -p -t t >"$T/colour"
grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|38;5;" "$T/colour" || fail "no colours on a colour terminal"
tm send-keys -t t q
wait_for "colour-done"
tm send-keys -t t "clear; NO_COLOR=1 $TUI examples/full.vitprof; echo mo''no-done" Enter
wait_for "[1 Hotspots]"
tm capture-pane -e -p -t t >"$T/mono"
grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|38;5;\|48;5;" "$T/mono" && fail "colours despite NO_COLOR"
grep -q "$(printf '\033')\[[0-9;]*7m" "$T/mono" || fail "no reverse video for the selection under NO_COLOR"
tm send-keys -t t q
wait_for "mono-done"

# a resize while running
tm send-keys -t t "$TUI examples/full.vitprof; echo exited2=\$?; stty -g >$T/after2; echo do''ne" Enter
wait_for "[1 Hotspots]"
tm resize-window -t t -x 30 -y 6 2>/dev/null || tm resize-pane -t t -x 30 -y 6
wait_for "terminal too small"
tm resize-window -t t -x 100 -y 30 2>/dev/null || tm resize-pane -t t -x 100 -y 30
wait_for "[1 Hotspots]"

# SIGTERM: the terminal is restored too
pid=$(pgrep -n -f "vitte-pgo-tui examples/full.vitprof")
[ -n "$pid" ] && kill -TERM "$pid"
wait_for "exited2=143" # 128 + SIGTERM
wait_for "done"
cmp -s "$T/before" "$T/after2" || fail "stty settings differ after SIGTERM"

[ "$fails" -eq 0 ]

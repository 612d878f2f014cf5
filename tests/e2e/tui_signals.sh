#!/bin/sh
# The browser killed by signals that end a process without going through
# its loop (issue 12, item 5): SIGQUIT (Ctrl-\), SIGUSR1, SIGUSR2, SIGPIPE,
# SIGALRM, a real-time signal. script(1) runs it on a pseudo-terminal and
# passes on every byte it writes: after the signal the last word on each mode
# must be "off" (alternate screen ?1049l, mouse tracking ?1000l, cursor
# shown ?25h), and the exit status must be the signal's (128 + N). Then
# terminals the browser cannot run on.
. tests/e2e/lib/tui.sh

command -v script >/dev/null || {
	echo "FAIL: script (util-linux) is not installed"
	exit 1
}
# a profile of its own name, so that pgrep finds this run's browser only
P=$T/signals-$$.vitprof
cp examples/full.vitprof "$P"
mkfifo "$T/in"

# last MODE: the last setting of private mode MODE in the typescript (h or l)
last() { tr -d '\n' <"$T/stream" | grep -o "?[0-9;]*$1[hl]" | tail -n 1 | tail -c 2; }

for sig in QUIT USR1 USR2 PIPE ALRM RTMIN; do
	case $sig in
	QUIT) num=3 ;; USR1) num=10 ;; USR2) num=12 ;; PIPE) num=13 ;; ALRM) num=14 ;;
	RTMIN) num=34 ;;
	esac
	# the input side of the terminal: open, silent, until the end
	sleep 60 >"$T/in" &
	holder=$!
	# emptied first: the wait below must not find the last run's screen
	# (the redirection of the job below may come after the first look)
	: >"$T/stream"
	# a background job starts with SIGQUIT ignored: env gives the browser
	# the default dispositions a terminal's foreground job has
	TERM=xterm-256color timeout 30 script -q -e -c \
		"stty cols 100 rows 30; env --default-signal $TUI $P" "$T/ts" <"$T/in" >"$T/stream" 2>&1 &
	sp=$!
	i=0
	until grep -q "Hotspots" "$T/stream" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 300 ] || break # 30 s: the machine may be loaded
		sleep 0.1
	done
	pid=$(pgrep -n -f "vitte-pgo-tui $P")
	if [ -z "$pid" ]; then
		fail "$sig: the browser did not start"
	else
		[ "$(last 1049)" = h ] || fail "$sig: the browser did not switch to the alternate screen"
		kill -s "$sig" "$pid"
	fi
	wait $sp
	rc=$?
	kill $holder 2>/dev/null
	wait $holder 2>/dev/null
	[ $rc -eq $((128 + num)) ] || fail "$sig: exit status $rc, not $((128 + num))"
	[ "$(last 1049)" = l ] || fail "$sig: the alternate screen is left on"
	[ "$(last 1000)" = l ] || fail "$sig: mouse tracking is left on"
	[ "$(last 25)" = h ] || fail "$sig: the cursor is left hidden"
done

# a terminal that curses does not know, or that cannot move the cursor
# (item 13): said plainly, with the text commands to use instead, exit 1
for term in dumb no-such-terminal; do
	sleep 60 >"$T/in" &
	holder=$!
	TERM=$term timeout 30 script -q -e -c "env --default-signal $TUI $P" "$T/ts" <"$T/in" \
		>"$T/stream" 2>&1
	rc=$?
	kill $holder 2>/dev/null
	wait $holder 2>/dev/null
	[ $rc -eq 1 ] || fail "TERM=$term: exit $rc, not 1"
	grep -qF "vitte-pgo-tui: this terminal is not supported" "$T/stream" ||
		fail "TERM=$term: $(head -c 300 "$T/stream")"
	grep -qF "'vitte-pgo report' and 'vitte-pgo show'" "$T/stream" ||
		fail "TERM=$term: the text commands are not suggested"
done

[ "$fails" -eq 0 ]

#!/bin/sh
# Regenerate the screenshots: vitte-pgo-tui runs on examples/ (and on the
# profile of a real C program, examples/pgo built instrumented) in a real
# terminal (tmux, 110x28, 256 colours), keys are typed with send-keys, and
# capture-pane gives the text (NAME.txt) and the colours, which ansi2svg and
# rsvg-convert turn into NAME.png. Run through `make screenshots`.
set -eu
BUILD=${BUILD:-build}
TUI=$(pwd)/$BUILD/vitte-pgo-tui
DIR=screenshots
SOCK=vitte-shots-$$
COLS=110
LINES=28
T=$(mktemp -d /tmp/vitte-shots.XXXXXX)
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT

${CC:-cc} -O2 -o "$T/ansi2svg" "$DIR/ansi2svg.c"

# shot NAME "FILES..." TMUX-KEYS...: open FILES, type the keys, capture
shot() {
	name=$1
	files=$2
	shift 2
	tm kill-session -t s 2>/dev/null || true
	tm new-session -d -s s -x $COLS -y $LINES \
		"env TERM=xterm-256color LANG=C.UTF-8 $TUI $files; sleep 30"
	sleep 0.5
	for k in "$@"; do
		tm send-keys -t s "$k"
		sleep 0.2
	done
	sleep 0.3
	tm capture-pane -p -t s >"$DIR/$name.txt"
	tm capture-pane -e -p -t s >"$T/$name.ansi"
	"$T/ansi2svg" $COLS $LINES <"$T/$name.ansi" >"$T/$name.svg"
	rsvg-convert -o "$DIR/$name.png" "$T/$name.svg"
	echo "  $DIR/$name.png"
}

FULL=examples/full.vitprof
AFTER=examples/full-after.vitprof
shot hotspots "$FULL"
shot function "$FULL" Enter
shot calltree "$FULL" Enter t "*"
shot source "$FULL" Enter a
shot branches "$FULL" 3
shot loops "$FULL" 4
shot profiles "$FULL $AFTER" 5
shot diff "--diff $FULL $AFTER"
shot help "$FULL" "?"

# a real C program: examples/pgo instrumented, a training run, then its
# flame graph (exact, from the calling contexts) and its hottest
# function's annotated source
VP=$(pwd)/$BUILD/vitte-pgo
PCC=$(command -v clang || echo "${CC:-cc}")
cp -r examples/pgo "$T/wordfreq"
(cd "$T/wordfreq" && make -s CC="$VP cc --profile-gen $PCC" >/dev/null && ./wordfreq 300000 >/dev/null)
WF=$T/wordfreq/wordfreq.vitprof
shot flame "$WF" c
shot source-c "$WF" / table_add Enter Enter a

# Shared by the browser's end-to-end scripts (sourced, not run): the
# binary, a headless key-script runner and checks on its last screen, and
# helpers to drive it in tmux.
. tests/e2e/lib/common.sh
TUI=$B/vitte-pgo-tui
LC_ALL=C.UTF-8 # UTF-8 glyphs, whatever the caller's locale
export LC_ALL
# play KEYS SIZE FILE...: run the browser headless; the last screen is in
# $T/screen, and in $T/norm without bar glyphs, with spaces squeezed and
# no leading or trailing space (one table row = its cells, one space
# apart). Output in $T/out, errors in $T/err.
play() {
	keys=$1
	size=$2
	shift 2
	label="--keys '$keys' --size $size $*"
	"$TUI" --keys "$keys" --size "$size" --dump-screen "$T/screen" "$@" >"$T/out" 2>"$T/err" ||
		fail "exit $?: $label"
	sed -e 's/█//g; s/▉//g; s/▊//g; s/▋//g; s/▌//g; s/▍//g; s/▎//g; s/▏//g' \
		-e 's/  */ /g; s/^ //; s/ $//' "$T/screen" >"$T/norm"
}

# has TEXT / lacks TEXT: the raw screen holds TEXT somewhere, or not
has() {
	grep -qF -- "$1" "$T/screen" || fail "$label: screen lacks '$1'"
}
lacks() {
	if grep -qF -- "$1" "$T/screen"; then fail "$label: screen shows '$1'"; fi
}

# line N TEXT: line N of the squeezed screen is exactly TEXT
line() {
	got=$(sed -n "$1p" "$T/norm")
	[ "$got" = "$2" ] || fail "$label: line $1 is '$got', wanted '$2'"
}

# status TEXT: the status bar (last line) of the squeezed screen starts
# with TEXT
status() {
	got=$(tail -n 1 "$T/norm")
	case $got in
	"$1"*) ;;
	*) fail "$label: status is '$got', wanted '$1...'" ;;
	esac
}

# tm ARGS...: tmux, on the script's own server ($SOCK)
tm() { tmux -L "$SOCK" "$@"; }

# wait_for TEXT: until tmux's pane t shows TEXT (5 s at most)
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		tm capture-pane -p -t t >"$T/pane" 2>/dev/null
		grep -qF -- "$1" "$T/pane" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "the pane never showed: $1"
	cat "$T/pane"
	return 1
}

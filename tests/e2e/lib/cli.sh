# Shared by the command-line end-to-end scripts (sourced, not run): the
# binary, and checks on a command's exit status and output.
. tests/e2e/lib/common.sh
VP=$B/vitte-pgo

# expect_exit CODE CMD...: run CMD, its output in $T/out and $T/err
expect_exit() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "exit $got, wanted $want: $* (...$(tail -c 600 "$T/err"))"
}

has() { # has FILE TEXT
	grep -qF -- "$2" "$1" || fail "$1 lacks: $2"
}

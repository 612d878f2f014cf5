# Shared by the end-to-end scripts of vitte-pgo (sourced, not run): the
# binary, a scratch directory, and checks that count failures.
set -u
VP=${BUILD:-build}/vitte-pgo
T=$(mktemp -d /tmp/vitte-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# expect_exit CODE CMD... : run CMD, keep its output in $T/out and $T/err
expect_exit() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "exit $got, wanted $want: $*"
}

has() { # has FILE TEXT
	grep -qF -- "$2" "$1" || fail "$1 lacks: $2"
}

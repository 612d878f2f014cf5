# Shared by every end-to-end script of vitte-pgo (sourced, not run): the
# build directory B (absolute), a scratch directory T removed at exit, and
# failures counted by fail; a script ends with [ "$fails" -eq 0 ].
set -u
B=${BUILD:-build}
case "$B" in /*) ;; *) B="$PWD/$B" ;; esac
T=$(mktemp -d /tmp/vitte-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

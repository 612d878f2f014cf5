#!/bin/sh
# Run the cmocka test programs given as arguments, then every end-to-end
# script in tests/e2e/, and close with one "N passed, N failed" line.
# BUILD names the build directory whose binaries the e2e scripts use.
BUILD=${BUILD:-build}
export BUILD
passed=0
failed=0
failures=""

for t in "$@"; do
	if "$t"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures="$failures $t"
	fi
done

for t in tests/e2e/*.sh; do
	[ -e "$t" ] || continue
	printf '[ e2e ] %s\n' "$t"
	if sh "$t"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures="$failures $t"
	fi
done

[ -n "$failures" ] && printf 'failed:%s\n' "$failures"
printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]

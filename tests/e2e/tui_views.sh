#!/bin/sh
# End-to-end tests of the browser's layout and its views beyond the six
# main ones: columns sized by their text (names cut in the middle, paths on
# the left, v for the full name), the Function view without empty site
# panels, the flame graph (c), the info screen (i), search and filter by
# file and module, and clicks on tabs and headers. Headless runs with key
# scripts; the numbers are worked out by hand from the files in tests/data.
. tests/e2e/lib/tui.sh

# row TEXT: some squeezed line of the screen is exactly TEXT
row() {
	grep -qxF -- "$1" "$T/norm" || fail "$label: no row '$1'"
}
status() {
	got=$(tail -n 1 "$T/norm")
	case $got in
	"$1"*) ;;
	*) fail "$label: status is '$got', wanted '$1...'" ;;
	esac
}

L=tests/data/long-names.vitprof

# ---- columns that use the screen ----
# 220 columns: every name and path whole. The fixed columns take 66
# (mark 2, Self% 8, Self 10, Total% 8, Total 10, Calls 12, Avg/call 10,
# Class 6); the location wants 39 ("/usr/include/c++/12/bits/vector.tcc:439")
# and gets it, the name (69 for the C++ one) the rest: 220 - 66 - 40 - 1 = 113.
play "" 220x10 $L
row "60.0% 6.00 ms 60.0% 6.00 ms 40 150 us hot ZSTDMT_compressStream_generic ../lib/compress/zstdmt_compress.c:1234"
row "5.0% 500 us 5.0% 500 us 7 71.4 us warm std::vector<int, std::allocator<int> >::_M_realloc_insert(int const&) /usr/include/c++/12/bits/vector.tcc:439"
# the location starts at column 66 + 113 + 1 = 180 (181 counted from 1)
got=$(awk '/ZSTDMT_compressStream_generic/ { print index($0, "../lib/") }' "$T/screen")
[ "$got" = 181 ] || fail "$label: the location starts at column $got, not 181"
# 80 columns: a name wants at least 20 before columns hide, so Location
# (priority 7) and Avg/call (6) go: 56 + 21 = 77, the 3 left go to the name
# (23). 29-column names keep 11 + 11 around the ellipsis.
play "" 80x10 $L
row "60.0% 6.00 ms 60.0% 6.00 ms 40 hot ZSTDMT_comp…eam_generic"
row "30.0% 3.00 ms 30.0% 3.00 ms 40 hot ZSTDMT_compressChunk"
row "5.0% 500 us 5.0% 500 us 7 warm std::vector…int const&)"
lacks "Avg/call"
# 120 columns: 66 fixed, Location its 20 (+1), the name 20 + the 12 left:
# 32 (15 + ellipsis + 16); paths keep their end, from a '/' when one fits
play "" 120x10 $L
row "60.0% 6.00 ms 60.0% 6.00 ms 40 150 us hot ZSTDMT_compressStream_generic …dmt_compress.c:1234"
row "5.0% 500 us 100.0% 10.0 ms 1 10.0 ms warm main …/zstdcli.c:100"
row "5.0% 500 us 5.0% 500 us 7 71.4 us warm std::vector<int…sert(int const&) …/vector.tcc:439"
# v shows the selected row's full name and path on a line over the
# header, wrapped at the screen's width; again hides it
play "Gv" 120x10 $L
line 2 "std::vector<int, std::allocator<int> >::_M_realloc_insert(int const&) /usr/include/c++/12/bits/vector.tcc:439"
play "Gvv" 120x10 $L
lacks "bits/vector.tcc:439"
play "Gv" 100x10 $L
line 2 "std::vector<int, std::allocator<int> >::_M_realloc_insert(int const&) /usr/include/c++/12/bits/vec"
line 3 "tor.tcc:439"
# it follows the selection, and the other tables
play "Gvg" 120x10 $L
line 2 "ZSTDMT_compressStream_generic ../lib/compress/zstdmt_compress.c:1234"
play "v5" 120x10 $L
line 3 "tests/data/long-names.vitprof"
# the example's short names and paths fit at 100 columns, Location included
play "" 100x10 examples/full.vitprof
row "59.6% 11.9 ms 60.0% 12.0 ms 302 39.7 us hot compute demo/engine.vt:12"

[ "$fails" -eq 0 ]

#!/bin/sh
# make layers: the folders are layers, and a file includes only headers of
# its own folder or of a lower layer, named by their path from the top
# ("src/model/profile.h"). This table is the one place the order is written.
#
#   rank  folder          what it holds
LAYERS='
0 src/base       allocation, errors, text, strbuf, atomic files, JSON output
1 src/model      the profile: functions, edges, sites, interned strings
2 loaders        format readers (the only code that includes cJSON)
2 src/writers    format writers and the exporter table
2 src/collect    the sampling collector and the libdw symbolizer
3 analysis       pure computations over the model, and the browsing session
3 src/runtime    libvitprof, linked into instrumented programs
4 src/cli        vitte-pgo and its subcommands
5 ui             vitte-pgo-tui (the only code that includes curses)
'
# Two folders of one rank know nothing of each other. tests/ and bench/
# may include anything, but by path too; examples/ and tests/runtime/ are
# users' programs, outside the tree's layers.
cd "$(dirname "$0")/.." || exit 2

git ls-files -co --exclude-standard -- '*.c' '*.h' | grep -v '^tests/runtime/\|^examples/' |
while read -r f; do
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
		sed "s|^\([0-9]*\):.*\"\(.*\)\".*|$f \1 \2|"
done | awk -v layers="$LAYERS" '
BEGIN {
	n = split(layers, row, "\n")
	for (i = 1; i <= n; i++)
		if (split(row[i], c, " ") >= 2) { rank[c[2]] = c[1]; dirs[++nd] = c[2] }
	bad = 0
}
function layer(path,   i, best) {
	best = ""
	for (i = 1; i <= nd; i++)
		if (index(path, dirs[i] "/") == 1 && length(dirs[i]) > length(best))
			best = dirs[i]
	return best
}
{
	file = $1; line = $2; inc = $3
	if ((getline dummy < inc) < 0) {
		printf "%s:%s: error: \"%s\" is not a path from the top of the tree\n", file, line, inc
		bad = 1; next
	}
	close(inc)
	from = layer(file); to = layer(inc)
	if (from == "" || from == to) next
	if (to == "") {
		printf "%s:%s: error: \"%s\" is outside every layer\n", file, line, inc
		bad = 1
	} else if (rank[to] >= rank[from]) {
		printf "%s:%s: error: %s (layer %d) includes %s (layer %d): a layer includes only lower ones\n", \
			file, line, from, rank[from], inc, rank[to]
		bad = 1
	}
}
END { exit bad }'
status=$?
[ $status -eq 0 ] && echo "layers: every include goes down"
exit $status

#!/bin/sh
# End-to-end tests of finding and annotating source files: the compile
# directory the runtime and record store, the browser's --source-dir and
# --subst and the paths it says it tried, and in the annotated source the
# hot-line jumps (Tab, S-Tab), the sites shown whole and E (the editor).
. tests/e2e/lib/tui.sh

F=examples/full.vitprof

# ---- hot lines: Tab and S-Tab ----
# engine::step opens on its line 38; its hot lines are 40, 42, 44 (counts
# 300, 300, 270, each at least a tenth of the top); compute's only hot
# line is 17 (152645; 15's 302 is under a tenth).
play "j<Enter>a<Tab>" 100x30 $F
status "Source 40/47"
play "j<Enter>a<Tab><Tab><Tab>" 100x30 $F
status "Source 44/47"
play "j<Enter>a<Tab><Tab><Tab><Tab>" 100x30 $F
status "Source 40/47" # round the file
play "j<Enter>a<S-Tab>" 100x30 $F
status "Source 44/47"
play "<Enter>a<Tab><Tab>" 100x30 $F
status "Source 17/47"
# Tab stays in the view (it is not "next main view" here)
has "> Source"
# a file with no hot line says so
mkdir -p "$T/p"
printf 'one\ntwo\n' >"$T/p/cold.vt"
printf '{"functions":{"cold":{"calls":1,"time_ns":5,"file":"cold.vt","line":1}}}' \
	>"$T/p/cold.vitprof"
play "<Enter>a<Tab>" 100x30 "$T/p/cold.vitprof"
status "no hot line in this file"

# ---- sites shown whole ----
# a branch whose counters make a 53-character marker: the column takes
# it whole when the screen leaves the text half the width (160 columns),
# and the status line gives the selected line's sites whole anyway
printf 'fn big() {\n\tif x {\n}\n' >"$T/p/big.vt"
cat >"$T/p/big.vitprof" <<'EOF'
{"functions": {"big": {"calls": 1, "time_ns": 9, "file": "big.vt", "line": 1,
  "lines": {"2": 9}}},
 "branches": {"sites": [{"function": "big", "file": "big.vt", "line": 2,
  "taken": 12345678901234567890, "not_taken": 1234567890123456789}]}}
EOF
site="br 12345678901234567890 taken 1234567890123456789 not"
play "<Enter>aj" 160x30 "$T/p/big.vitprof"
has "$site"
play "<Enter>aj" 100x30 "$T/p/big.vitprof"
status "Source 2/3 1 line counted; line 2: $site"

# ---- a long file ----
# 5,000 lines (awk writes them): "line I", odd ones after a tab, every 7th
# ended by "\r\n", and line 2500 of 100,000 "y" (longer than the read
# window). Hot: 3000 (1000) and 4990 (900), each at least a tenth of the
# top; 1200 (50) and 10 (5) are not; 6000 is past the end.
awk 'BEGIN { for (i = 1; i <= 5000; i++)
	if (i == 2500) { s = "y"; while (length(s) < 100000) s = s s; print substr(s, 1, 100000) }
	else if (i % 7 == 0) printf "line %d\r\n", i
	else if (i % 2) printf "\tline %d\n", i
	else printf "line %d\n", i }' >"$T/p/long.vt"
cat >"$T/p/long.vitprof" <<'EOF'
{"functions": {"long": {"calls": 1, "time_ns": 9, "file": "long.vt", "line": 1,
  "lines": {"10": 5, "1200": 50, "3000": 1000, "4990": 900, "6000": 7}}}}
EOF
play "<Enter>a" 100x30 "$T/p/long.vitprof"
status "Source 1/5000 4 lines counted, 1 past the end (stale source?)"
line 3 "1 line 1"
play "<Enter>a<Tab>" 100x30 "$T/p/long.vitprof"
status "Source 3000/5000"
line 29 "3000 51.2% 1000 line 3000" # 1000 of 1955
line 28 "2999 line 2999"
play "<Enter>a<Tab><Tab><Tab>" 100x30 "$T/p/long.vitprof"
status "Source 3000/5000" # round the file
play "<Enter>a<S-Tab>" 100x30 "$T/p/long.vitprof"
status "Source 4990/5000"
play "<Enter>a<End>" 100x30 "$T/p/long.vitprof"
line 29 "5000 line 5000"
line 27 "4998 line 4998" # no "\r" shown (it would be escaped)
play "<Enter>a/line 2501<Enter><Up><Up>" 100x30 "$T/p/long.vitprof"
status "Source 2499/5000"
has " 2500                          yyyyyyyyyy"
line 29 "2501 line 2501"
line 27 "2499 line 2499"
# search: forward from 4321 round to 12, then back round the end to 1299
play "<Enter>a/line 4321<Enter>/line 12<Enter>" 100x30 "$T/p/long.vitprof"
status "Source 12/5000"
play "<Enter>a/line 4321<Enter>/line 12<Enter>N" 100x30 "$T/p/long.vitprof"
status "Source 1299/5000"
play "<Enter>a/line 4321<Enter>/line 12<Enter>NNN" 100x30 "$T/p/long.vitprof"
status "Source 1297/5000"

# ---- E: the editor at the selected line ----
# a stand-in editor records its arguments; compute's hot line is 17 of
# examples/demo/engine.vt (found relative to the profile)
cat >"$T/ed" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >"$T/ed.args"
EOF
chmod +x "$T/ed"
VISUAL= EDITOR="$T/ed" play "<Enter>a<Tab>E" 100x30 $F
printf '+17\nexamples/demo/engine.vt\n' >"$T/want"
cmp -s "$T/want" "$T/ed.args" || fail "E ran the editor with: $(cat "$T/ed.args" 2>/dev/null)"
has "pub fn compute" # the screen is back
# VISUAL comes first, with its own arguments; a failing editor is reported
rm -f "$T/ed.args"
VISUAL="$T/ed -w" EDITOR=false play "<Enter>aE" 100x30 $F
printf -- '-w\n+12\nexamples/demo/engine.vt\n' >"$T/want"
cmp -s "$T/want" "$T/ed.args" || fail "E ran \$VISUAL with: $(cat "$T/ed.args" 2>/dev/null)"
VISUAL=false play "<Enter>aE" 100x30 $F
status "the editor failed (status 1)"

# ---- where sources are looked for ----
mkdir -p "$T/src/lib" "$T/other"
printf 'void f(void)\n{\n}\n' >"$T/src/lib/f.c"
printf 'int g;\n' >"$T/other/g.c"
cat >"$T/p/paths.vitprof" <<'EOF'
{"functions": {
  "rel": {"calls": 4, "time_ns": 400, "file": "lib/f.c", "line": 2},
  "abs": {"calls": 3, "time_ns": 300, "file": "/build/proj/lib/f.c", "line": 3},
  "moved": {"calls": 2, "time_ns": 200, "file": "/gone/deep/g.c", "line": 1}
}}
EOF
# not found: every path tried is named, in order (the file as given, then
# beside the profile)
play "<Enter>a" 300x30 "$T/p/paths.vitprof"
status "cannot read lib/f.c: No such file or directory (tried lib/f.c, $T/p/lib/f.c; see --source-dir, --subst)"
# --source-dir: DIR/file, then DIR/its last component; repeatable
play "<Enter>a" 100x30 --source-dir "$T/nowhere" --source-dir "$T/src" "$T/p/paths.vitprof"
status "Source 2/3"
play "jj<Enter>a" 100x30 --source-dir="$T/src" --source-dir="$T/other" "$T/p/paths.vitprof"
status "Source 1/1"
play "jj<Enter>a" 300x30 --source-dir="$T/src" "$T/p/paths.vitprof"
status "cannot read /gone/deep/g.c: No such file or directory (tried /gone/deep/g.c, $T/src/g.c;"
# --subst FROM=TO rewrites a leading part of the path (whole components)
play "j<Enter>a" 100x30 --subst /build/proj="$T/src" "$T/p/paths.vitprof"
status "Source 3/3"
play "j<Enter>a" 300x30 --subst /build/pro="$T/src" "$T/p/paths.vitprof"
status "cannot read /build/proj/lib/f.c: No such file or directory (tried /build/proj/lib/f.c;"
for bad in nothing =x; do
	"$TUI" --keys q --subst "$bad" "$F" >"$T/out" 2>"$T/err"
	[ $? -eq 2 ] || fail "--subst $bad is not a usage error"
	grep -qF -- "--subst needs FROM=TO, not '$bad'" "$T/err" || fail "--subst $bad: $(cat "$T/err")"
done

# ---- the compile directory (DW_AT_comp_dir) ----
# gcc names a file compiled as ../lib/hot.c by that relative path; the
# runtime joins it to the directory of the compile, so the profile opens
# with its sources from anywhere
mkdir -p "$T/proj/lib" "$T/proj/prog" "$T/elsewhere"
cat >"$T/proj/lib/hot.c" <<'EOF'
volatile unsigned long sink;
void hot(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		sink += i;
}
EOF
printf 'void hot(unsigned long n);\nint main(void)\n{\n\thot(100000000);\n\treturn 0;\n}\n' \
	>"$T/proj/prog/main.c"
if (cd "$T/proj/prog" && gcc -g -O0 -finstrument-functions -o hot ../lib/hot.c main.c \
	"$B/libvitprof.a" $(pkg-config --libs libdw) -lpthread -lm 2>"$T/cc.err"); then
	(cd "$T/elsewhere" && VITPROF_FILE=hot.vitprof "$T/proj/prog/hot") ||
		fail "the instrumented program failed"
	file=$(jq -r '.functions.hot.file' "$T/elsewhere/hot.vitprof")
	[ "$file" = "$T/proj/prog/../lib/hot.c" ] || fail "the runtime wrote file '$file'"
	(cd "$T/elsewhere" && play "/hot<Enter><Enter>a" 100x30 hot.vitprof)
	has "sink += i;"
	# vitte-pgo record the same way (where perf events are allowed)
	if (cd "$T/elsewhere" && "$B/vitte-pgo" record -o rec.vitprof -- "$T/proj/prog/hot" \
		>/dev/null 2>"$T/rec.err"); then
		file=$(jq -r '.functions.hot.file' "$T/elsewhere/rec.vitprof")
		[ "$file" = "$T/proj/prog/../lib/hot.c" ] || fail "record wrote file '$file'"
	else
		echo "skip: vitte-pgo record cannot sample here: $(head -c 200 "$T/rec.err")"
	fi
else
	echo "skip: cannot build with $B/libvitprof.a: $(head -c 200 "$T/cc.err")"
fi

[ "$fails" -eq 0 ]

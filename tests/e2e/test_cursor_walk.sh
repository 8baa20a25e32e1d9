#!/bin/sh
# Left/Right move on screen through an RTL -> LTR -> RTL line: starting at
# the left edge, each Right moves the cursor exactly one column right and
# every grapheme of the line is visited once (the status line's column
# takes each value 1..n+1 exactly once).  Then Left walks all the way back.
. "$(dirname "$0")/lib.sh"
line='اجتماع report 2024 الختام'
printf '%s\n' "$line" >"$E2E_DIR/w.txt"
n=$(python3 -c 'import sys; print(len(sys.argv[1]))' "$line")
start "$E2E_DIR/w.txt"
keys End
expect_status "1:$((n + 1)) RTL"
left=$((80 - n - 1))
[ "$(cursor_x)" = "$left" ] || fail "the end of an RTL line is at column $(cursor_x), expected $left"
e2e_moved() { [ "$(cursor_x)" != "$1" ]; }
col() { status_line | sed -E 's/.* 1:([0-9]+) .*/\1/'; }
seen=" $(col) "
x=$left
i=0
while [ $i -lt $n ]; do
	keys Right
	wait_until e2e_moved "$x" || fail "Right did not move the cursor from column $x"
	nx=$(cursor_x)
	[ "$nx" = $((x + 1)) ] || fail "Right went from column $x to $nx"
	x=$nx
	c=$(col)
	case "$seen" in *" $c "*) fail "grapheme $c visited twice (seen:$seen)" ;; esac
	seen="$seen$c "
	i=$((i + 1))
done
[ "$x" = 79 ] || fail "did not reach the right edge"
for k in $(seq 1 $((n + 1))); do
	case "$seen" in *" $k "*) ;; *) fail "column $k never visited (seen:$seen)" ;; esac
done
i=0
while [ $i -lt $n ]; do
	keys Left
	wait_until e2e_moved "$x" || fail "Left did not move the cursor from column $x"
	nx=$(cursor_x)
	[ "$nx" = $((x - 1)) ] || fail "Left went from column $x to $nx"
	x=$nx
	i=$((i + 1))
done
expect_status "1:$((n + 1)) RTL"
keys C-q
expect_exit 0

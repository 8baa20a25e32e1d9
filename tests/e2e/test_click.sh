#!/bin/sh
# A mouse click (an SGR mouse report, as a terminal sends it) puts the
# cursor on the character clicked, in RTL runs too: the status column is
# the clicked character's logical index + 1, found here from the logical
# string, and its screen column from the captured screen.
. "$(dirname "$0")/lib.sh"
line='گزارش ۱۴۰۲ report 2024'
printf 'title\n%s\n' "$line" >"$E2E_DIR/c.txt"
start "$E2E_DIR/c.txt"
expect_row 1 "$(right_aligned 'report 2024 ۱۴۰۲ شرازگ')"
# click CHAR: click the cell showing CHAR on row 1, expect the cursor on it
click() {
	x=$(row 1 | python3 -c 'import sys; print(sys.stdin.read().index(sys.argv[1]))' "$1")
	want=$(python3 -c 'import sys; print(sys.argv[1].index(sys.argv[2]) + 1)' "$line" "$1")
	type_text "$(printf '\033[<0;%d;2M\033[<0;%d;2m' $((x + 1)) $((x + 1)))"
	expect_status "2:$want "
	[ "$(cursor_x)" = "$x" ] || fail "clicked column $x, cursor at $(cursor_x)"
}
click 'ز'	# inside the Persian word (RTL run)
click '۴'	# inside the Persian number (AN, LTR inside RTL)
click 'p'	# inside the English word
click '0'	# inside 2024
click 'گ'	# the first letter, at the right edge
# A click past the end of the text goes to the line's end.
type_text "$(printf '\033[<0;3;2M\033[<0;3;2m')"
expect_status "2:$(($(python3 -c 'import sys; print(len(sys.argv[1]))' "$line") + 1)) "
# Dragging selects: press on "i" of "title", drag to "t", release; cut
# takes "it" away, and pasting at the end puts it back there.
type_text "$(printf '\033[<0;2;1M\033[<32;3;1M\033[<32;4;1M\033[<0;4;1m')"
expect_status "1:4 "
keys C-x
expect_row 0 "tle"
keys End C-v
expect_row 0 "tleit"
keys C-z C-z
expect_row 0 "title"
keys C-q
expect_exit 0

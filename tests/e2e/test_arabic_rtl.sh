#!/bin/sh
# A pure Arabic line is right-aligned and reads in visual order: on screen,
# left to right, it is the logical string reversed (no marks, no digits).
. "$(dirname "$0")/lib.sh"
line='مرحبا بكم في اجتماع اللجنة'
printf '%s\nsecond\n' "$line" >"$E2E_DIR/a.txt"
start "$E2E_DIR/a.txt"
expected=$(right_aligned "$(python3 -c 'import sys; print(sys.argv[1][::-1])' "$line")")
expect_row 0 "$expected"
# The LTR line below stays left-aligned.
expect_row 1 "second"
expect_status "1:1 RTL"
# The cursor of an RTL line starts at its right edge.
[ "$(cursor_x)" = 79 ] || fail "cursor at column $(cursor_x), expected 79"
keys C-q
expect_exit 0

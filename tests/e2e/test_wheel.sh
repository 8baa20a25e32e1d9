#!/bin/sh
# The mouse wheel scrolls the view; the cursor and the selection stay where
# they are (off screen if need be), and the next key brings the view back
# to the cursor.
. "$(dirname "$0")/lib.sh"
seq 1 100 | sed 's/^/line /' >"$E2E_DIR/w.txt"
start "$E2E_DIR/w.txt"
keys S-Down
expect_status "2:1 LTR"
wheel_down() { type_text "$(printf '\033[<65;5;5M')"; }
wheel_up() { type_text "$(printf '\033[<64;5;5M')"; }
wheel_down
wheel_down
wheel_down
expect_row 0 "line 10"
expect_status "2:1 LTR"
wheel_up
expect_row 0 "line 7"
# Not past the end: the last line stays at the bottom of the screen.
for i in $(seq 1 40); do wheel_down; done
expect_row 21 "line 100"
expect_row 0 "line 79"
expect_status "2:1 LTR"
# The next key acts on the selection that survived, and shows the cursor.
keys C-x
expect_row 0 "line 2"
expect_status "1:1 LTR"
keys C-z
expect_row 0 "line 1"
keys C-q
expect_exit 0

#!/bin/sh
# The cursor is hidden while a frame is made (from the moment input comes)
# and shown again, where it belongs, once the frame is drawn: after typed
# keys in an RTL and an LTR line, after a move, and after input that makes
# no frame at all (an unknown escape sequence).
. "$(dirname "$0")/lib.sh"
printf 'سطر\nline\n' >"$E2E_DIR/c.txt"
start "$E2E_DIR/c.txt"
e2e_shown() { [ "$(e2e_tmux display -p '#{cursor_flag}')" = 1 ]; }
e2e_at() { [ "$(cursor_x),$(cursor_y)" = "$1" ]; }
wait_until e2e_shown || fail "the cursor is hidden after the first frame"
keys End
type_text 'بب'
expect_status "1:6 RTL"
wait_until e2e_at "74,0" || fail "after typing in the RTL line the cursor is at $(cursor_x),$(cursor_y)"
e2e_shown || fail "the cursor is hidden after typing in an RTL line"
keys Down End
type_text 'xy'
expect_status "2:7 LTR"
wait_until e2e_at "6,1" || fail "after typing in the LTR line the cursor is at $(cursor_x),$(cursor_y)"
e2e_shown || fail "the cursor is hidden after typing in an LTR line"
# F20 with modifiers: a sequence mahdar does not know; no frame follows.
e2e_tmux send-keys -H 1b 5b 33 34 3b 37 7e
input_read
sleep 0.3
e2e_shown || fail "the cursor stays hidden after input that made no frame"
e2e_at "6,1" || fail "the cursor moved to $(cursor_x),$(cursor_y) after an unknown sequence"
keys C-q
expect_screen "Unsaved changes"
keys n
expect_exit 0
echo "test_cursor_shown: ok"

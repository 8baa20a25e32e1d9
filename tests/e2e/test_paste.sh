#!/bin/sh
# A bracketed paste from the terminal (tmux paste-buffer -p wraps it in
# ESC[200~ ... ESC[201~ because mahdar turned the mode on) arrives as one
# edit: several lines in, and one undo takes all of it back.
. "$(dirname "$0")/lib.sh"
printf 'top\n' >"$E2E_DIR/p.txt"
start "$E2E_DIR/p.txt"
keys End
e2e_tmux set-buffer -- "$(printf ' one\nتوصية ثانية\nthree')"
e2e_tmux paste-buffer -p
expect_row 0 "top one"
expect_row 1 "$(right_aligned "$(python3 -c 'import sys; print(sys.argv[1][::-1])' 'توصية ثانية')")"
expect_row 2 "three"
expect_status "3:6 LTR"
keys C-z
expect_row 0 "top"
expect_row 1 ""
expect_status "1:4 LTR"
keys C-y
expect_row 2 "three"
keys C-q
expect_screen "Unsaved changes"
type_text n
expect_exit 0

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
expect_row 1 "$(rtl_row 'توصية ثانية')"
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

# A paste holding NUL bytes arrives without them, so the saved file is one
# mahdar opens again (a NUL makes a file "binary" and it is refused).
printf 'x\n' >"$E2E_DIR/n.txt"
printf 'ab\000cd\000' >"$E2E_DIR/nul.bin"
fresh
start "$E2E_DIR/n.txt"
keys End
e2e_tmux load-buffer "$E2E_DIR/nul.bin"
e2e_tmux paste-buffer -p
expect_row 0 "xabcd"
expect_screen "without its 2 NUL bytes"
keys C-s
expect_unmodified
keys C-q
expect_exit 0
[ "$(od -An -c "$E2E_DIR/n.txt" | tr -d ' ')" = 'xabcd\n' ] || fail "saved: $(od -c "$E2E_DIR/n.txt")"
fresh
start "$E2E_DIR/n.txt"
expect_row 0 "xabcd"
keys C-q
expect_exit 0

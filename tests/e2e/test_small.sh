#!/bin/sh
# A 20x5 terminal works (3 text rows, status, message); a smaller one shows
# a short note instead of crashing, and keys do nothing meanwhile; growing
# back shows the text again.
. "$(dirname "$0")/lib.sh"
cp "$MAHDAR_CORPUS/malmo-2018-ar.txt" "$E2E_DIR/s.txt"
start "$E2E_DIR/s.txt" 20 5
expect_status "1:1 RTL"
# The first row is the end of the wrapped title line, right-aligned.
[ -n "$(row 0)" ] || fail "no text shown"
keys Down Down Down Down
expect_status "RTL"
keys C-End
expect_status "RTL"
e2e_tmux resize-window -x 10 -y 2
expect_screen "too small"
# Keys do nothing while nothing can be seen: no invisible edits.
type_text 'zz'
keys Enter C-v
e2e_tmux set-buffer -- 'pasted'
e2e_tmux paste-buffer -p
keys C-q
input_read
e2e_exited && fail "quit while too small"
e2e_tmux resize-window -x 20 -y 5
expect_status "TL"
e2e_unmodified || fail "keys edited the text while the screen was too small"
keys C-Home
expect_status "1:1 RTL"
# Typing works, and the quit question fits in 20 columns.
type_text 'ب'
expect_status "1:2 RTL"
keys C-q
expect_screen "Save? y/n"
type_text n
expect_exit 0

#!/bin/sh
# Undo/redo: a typed word and the spaces after it are one step; Enter is a
# step; undoing everything gives back the unmodified document.
. "$(dirname "$0")/lib.sh"
printf 'x\n' >"$E2E_DIR/u.txt"
start "$E2E_DIR/u.txt"
keys End
type_text ' alpha beta'
expect_row 0 "x alpha beta"
keys Enter
type_text 'gamma'
expect_row 1 "gamma"
keys C-z
expect_row 1 ""
keys C-z
expect_status "1:13 LTR"
expect_row 0 "x alpha beta"
# (capture-pane drops trailing spaces: the status column tells them)
keys C-z
expect_row 0 "x alpha"
expect_status "1:9 LTR"
keys C-z
expect_row 0 "x"
expect_status "1:3 LTR"
keys C-z
expect_status "1:2 LTR"
expect_unmodified
keys C-y C-y
expect_row 0 "x alpha"
expect_status "1:9 LTR"
keys C-y C-y C-y
expect_row 0 "x alpha beta"
expect_row 1 "gamma"
keys C-q
expect_screen "Unsaved changes"
type_text n
expect_exit 0

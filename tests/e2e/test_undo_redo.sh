#!/bin/sh
# Undo/redo: a run of typing is one step, ended by a pause of a second, a
# motion or a command; Enter is a step; undoing everything gives back the
# unmodified document.
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
# the whole run of typing is one step (issue 9: it was one word a step)
keys C-z
expect_row 0 "x"
expect_status "1:2 LTR"
expect_unmodified
keys C-y
expect_row 0 "x alpha beta"
expect_status "1:13 LTR"
keys C-y
expect_row 1 ""
# a pause of more than a second ends a run (the pause is what is tested,
# not a wait for mahdar: the screen is polled before it)
keys C-y
expect_row 1 "gamma"
type_text ' delta'
expect_row 1 "gamma delta"
sleep 1.3
type_text ' eps'
expect_row 1 "gamma delta eps"
keys C-z
expect_row 1 "gamma delta"
keys C-z
expect_row 1 "gamma"
keys C-q
expect_screen "Unsaved changes"
type_text n
expect_exit 0

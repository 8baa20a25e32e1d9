#!/bin/sh
# Save-as (F2, or M-s): the file name is typed in the message line, with
# Backspace; Enter saves text and sidecar there and editing goes on in that
# file (the old file's recovery copy goes); Esc gives up; an existing
# file is replaced only after a "y".
. "$(dirname "$0")/lib.sh"
cd "$E2E_DIR" || exit 1
printf '# Notes\nhello\n' >a.txt
start a.txt
keys Down End
type_text ' world'
wait_until test -e a.txt.recover || fail "no recovery copy"
keys F2
expect_screen "Save as (Enter: save  Esc: cancel): a.txt"
# The cursor sits after the name.
[ "$(cursor_x)" = 41 ] || fail "cursor at $(cursor_x), not after the name"
keys BSpace BSpace BSpace BSpace BSpace
type_text 'b.txt'
expect_screen "Save as (Enter: save  Esc: cancel): b.txt"
keys Enter
expect_screen "Saved b.txt"
expect_status " b.txt "
expect_unmodified
[ "$(cat b.txt)" = "$(printf '# Notes\nhello world')" ] || fail "b.txt: $(cat b.txt)"
[ -s b.json ] || fail "no sidecar b.json"
[ "$(cat a.txt)" = "$(printf '# Notes\nhello')" ] || fail "a.txt changed"
[ -e a.json ] && fail "a sidecar for a.txt"
[ -e a.txt.recover ] && fail "the recovery copy of a.txt is left (its words are saved in b.txt)"
# Editing goes on in b.txt: C-s saves there.
type_text '!'
# Because the buffer is unmodified until the '!' is read: wait for it
# first (under ASan on a busy machine the check below came first).
expect_screen "hello world!"
keys C-s
expect_unmodified
[ "$(tail -n 1 b.txt)" = "hello world!" ] || fail "C-s did not save b.txt"
# Esc gives up, nothing written.
type_text '?'
keys M-s
expect_screen "Save as"
type_text 'c.txt'
keys Escape
expect_screen "Not saved"
[ -e b.txtc.txt ] && fail "Esc saved"
expect_status "[+]"
# An existing file: "y" replaces it (its sidecar kept as a backup), anything
# else does not.
printf 'old\n' >c.txt
printf '{}\n' >c.json
keys F2 BSpace BSpace BSpace BSpace BSpace
type_text 'c.txt'
keys Enter
expect_screen "c.txt exists. y: replace it"
type_text 'n'
expect_screen "Not saved"
[ "$(cat c.txt)" = old ] || fail "c.txt replaced after n"
keys F2 BSpace BSpace BSpace BSpace BSpace
type_text 'c.txt'
keys Enter
expect_screen "c.txt exists"
type_text 'y'
expect_screen "Saved c.txt (what was there is kept as"
expect_status " c.txt "
[ "$(tail -n 1 c.txt)" = "hello world!?" ] || fail "c.txt not saved: $(cat c.txt)"
ls c.json.* >/dev/null 2>&1 || fail "the old c.json was not backed up"
keys C-q
expect_exit 0

#!/bin/sh
# Ctrl-Q with unsaved changes asks; "go back" keeps editing; "n" quits
# without touching the file; an unmodified document quits at once.
. "$(dirname "$0")/lib.sh"
printf 'Minutes\n' >"$E2E_DIR/q.txt"
cp "$E2E_DIR/q.txt" "$E2E_DIR/orig.txt"
start "$E2E_DIR/q.txt"
keys End
type_text ' draft'
expect_row 0 "Minutes draft"
expect_status "[+]"
keys C-q
expect_screen "Unsaved changes"
type_text x
expect_screen "Not quitting"
e2e_exited && fail "quit without an answer"
keys C-q
expect_screen "Unsaved changes"
type_text n
expect_exit 0
cmp "$E2E_DIR/q.txt" "$E2E_DIR/orig.txt" || fail "the file changed"

# "y" saves, then quits.
fresh
start "$E2E_DIR/q.txt"
keys End
type_text '!'
keys C-q
expect_screen "Unsaved changes"
type_text y
expect_exit 0
[ "$(cat "$E2E_DIR/q.txt")" = "Minutes!" ] || fail "y did not save: $(cat "$E2E_DIR/q.txt")"

# Answers from an Arabic/Persian keyboard: the y key gives غ (save, quit);
# from a Hebrew one the n key gives מ (quit without saving).
fresh
start "$E2E_DIR/q.txt"
keys End
type_text '?'
keys C-q
expect_screen "Unsaved changes"
type_text 'غ'
expect_exit 0
[ "$(cat "$E2E_DIR/q.txt")" = "Minutes!?" ] || fail "غ did not save: $(cat "$E2E_DIR/q.txt")"
fresh
start "$E2E_DIR/q.txt"
keys End
type_text '#'
keys C-q
expect_screen "Unsaved changes"
type_text 'מ'
expect_exit 0
[ "$(cat "$E2E_DIR/q.txt")" = "Minutes!?" ] || fail "מ saved"

# The recovery question too: ی (the d key on a Persian keyboard) deletes the copy.
printf 'older words\n' >"$E2E_DIR/q.txt.recover"
fresh
start "$E2E_DIR/q.txt"
expect_screen "has unsaved changes from"
type_text 'ی'
wait_until test ! -e "$E2E_DIR/q.txt.recover" || fail "ی did not delete the recovery copy"
e2e_unmodified || fail "ی changed the document"
keys C-q
expect_exit 0

#!/bin/sh
# Know what is on disk: a line appended to the file from a shell while it
# is open is noticed at once (status line), and saving over it asks —
# overwrite, reload (the unsaved edits kept in a copy) or save as — instead
# of silently losing it.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/m.txt"
printf '# Minutes\nDate: 2026-11-27\n' >"$F"

start "$F"
keys End
type_text ' (draft)'
expect_status "[+]"
echo 'appended from a shell' >>"$F"
expect_message "m.txt was changed outside mahdar; saving will ask what to do"
keys C-s
expect_message "was changed outside mahdar since it was opened. r: reload it"
# Any other key: nothing is saved, the appended line stays.
type_text 'x'
expect_message "Not saved"
grep -q 'appended from a shell' "$F" || fail "the outside change was overwritten without asking"

# s: save as another file; the outside change stays where it is.
keys C-s
expect_message "r: reload it"
type_text 's'
save_as_answer "$E2E_DIR/copy.txt"
grep -q '(draft)' "$E2E_DIR/copy.txt" || fail "save as did not write the edits"
grep -q 'appended from a shell' "$F" || fail "save as touched the changed file"
keys C-q
expect_exit 0

# r: reload — the file as it is now, the edits kept aside in a readable copy.
fresh
printf '# Minutes\nDate: 2026-11-27\n' >"$F"
start "$F"
keys End
type_text ' (mine)'
expect_status "[+]"
echo 'their line' >>"$F"
expect_message "changed outside mahdar"
keys C-s
expect_message "r: reload it"
type_text 'r'
expect_message "Reloaded $F; your edits are kept in"
expect_screen "their line"
expect_unmodified
grep -l '(mine)' "$F".recover.bak-* >/dev/null 2>&1 || fail "the edits were not kept aside as text"
keys C-q
expect_exit 0

# o: overwrite, as asked.
fresh
rm -f "$F".recover*
printf '# Minutes\n' >"$F"
start "$F"
type_text 'X'
expect_status "[+]"
echo 'to be replaced' >>"$F"
expect_message "changed outside mahdar"
keys C-s
expect_message "r: reload it"
type_text 'o'
expect_unmodified
grep -q 'to be replaced' "$F" && fail "overwrite did not overwrite"
grep -q '^X# Minutes' "$F" || fail "overwrite did not save the text"
# A file touched but not changed is not an outside change.
touch "$F"
type_text 'Y'
keys C-s
expect_unmodified
keys C-q
expect_exit 0
echo "test_outside_change: ok"

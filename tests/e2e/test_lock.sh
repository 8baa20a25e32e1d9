#!/bin/sh
# One editor per file: a second mahdar on the same file is told who has it
# open and gets it read-only (typing changes nothing, saving is refused);
# the first one's recovery copy is never offered to it nor deleted by it.
# When the first dies (kill -9), the second takes the file over and offers
# the first one's unsaved words back.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/m.txt"
printf '# Minutes\nDate: 2026-11-27\n' >"$F"

# A: editing, with unsaved words in its recovery journal.
start "$F"
A_SOCK=$E2E_SOCK
a_pid=$(mahdar_pid)
keys End
type_text ' words of A'
expect_status "[+]"
wait_until test -s "$F.recover" || fail "A wrote no recovery copy"

# B: a second tmux server, the same file.
E2E_N=$((E2E_N + 1))
E2E_SOCK="mahdar-e2e-$$-$E2E_N"
start "$F"
expect_message "m.txt is open in mahdar (process $a_pid of"
expect_message "opened read-only"
screen | grep -q 'has unsaved changes from' && fail "B was offered A's live recovery copy"
type_text 'zzz'
expect_message "Read-only:"
e2e_has 'zzz' && fail "typing changed a read-only document"
keys C-s
expect_message "Not saved: $F is open in mahdar"
[ -s "$F.recover" ] || fail "B removed A's recovery copy"
# Save-as from the read-only one writes a copy and edits that.
keys F2
save_as_answer "$E2E_DIR/copy.txt"
type_text 'mine '
expect_status "[+]"
keys C-s
expect_unmodified
grep -q 'mine # Minutes' "$E2E_DIR/copy.txt" || fail "the copy saved from read-only cannot be edited"
keys C-q
expect_exit 0
rm -f "$E2E_DIR/status"
E2E_N=$((E2E_N + 1))
E2E_SOCK="mahdar-e2e-$$-$E2E_N"
start "$F"
expect_message "opened read-only"
grep -q 'words of A' "$F" && fail "A's words reached the file"

# A dies without a word; B notices, takes the file and offers A's words.
kill -KILL "$a_pid"
expect_exit 137	# A's (both write $E2E_DIR/status)
rm -f "$E2E_DIR/status"
expect_screen "has unsaved changes from"
type_text 'r'
expect_screen "words of A"
keys C-s
expect_unmodified
grep -q 'Minutes words of A' "$F" || fail "A's words were not saved by B"
keys C-q
expect_exit 0
[ -e "$E2E_DIR/.m.txt.mahdar-lock" ] && fail "the lock file was left behind"
E2E_SOCK=$A_SOCK
echo "test_lock: ok"

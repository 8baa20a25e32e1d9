#!/bin/sh
# Never lose a user's words, even to kill -9 or a power cut: unsaved text
# reaches FILE.recover about 2 s after the typing stops; the next mahdar on
# FILE offers it back (r: restore, d: delete, other: not now); saving or a
# deliberate discard removes it.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/s.txt"
cp "$MAHDAR_CORPUS/shora-1403-fa.txt" "$F"
orig=$(cat "$F")

has_recover_with() { [ -f "$F.recover" ] && grep -qF -- "$1" "$F.recover"; }

# Typing, then a pause: the recovery copy appears on its own.
start "$F"
keys End
type_text ' افزوده'
expect_status "[+]"
wait_until has_recover_with 'افزوده' || fail "no recovery copy after a pause in typing"
[ "$(cat "$F")" = "$orig" ] || fail "the file itself changed"
# More typing updates it.
type_text ' دوم'
wait_until has_recover_with 'افزوده دوم' || fail "recovery copy not updated"

# kill -9: no handler runs; the copy is all that is left.
kill -KILL "$(mahdar_pid)"
expect_exit 137
has_recover_with 'افزوده دوم' || fail "recovery copy lost"

# The next start offers it back; "r" restores, the document is modified.
fresh
start "$F"
expect_screen "has unsaved changes from"
type_text 'r'
expect_screen "Restored the unsaved changes"
expect_status "[+]"
keys C-s
expect_unmodified
grep -qF 'صورتجلسهٔ هیئت‌مدیرهٔ انجمن اولیا و مربیان افزوده دوم' "$F" || fail "restored text not saved"
[ -e "$F.recover" ] && fail "saving left the recovery copy"
[ -s "$E2E_DIR/s.json" ] || fail "no sidecar after saving the restored text"
keys C-q
expect_exit 0

# "d" deletes the copy and keeps the file as it is.
saved=$(cat "$F")
printf 'something else\n' >"$F.recover"
fresh
start "$F"
expect_screen "has unsaved changes from"
type_text 'd'
wait_until test ! -e "$F.recover" || fail "d did not delete the recovery copy"
e2e_unmodified || fail "d marked the document modified"
keys C-q
expect_exit 0
[ "$(cat "$F")" = "$saved" ] || fail "the file changed after d"

# Any other key: not now.  The copy is set aside under a backup name, so
# that this session's own recovery copies cannot replace those words.
printf 'something else\n' >"$F.recover"
fresh
start "$F"
expect_screen "has unsaved changes from"
keys Escape
expect_screen "Those unsaved changes are kept in"
type_text 'y'
wait_until has_recover_with 'y' || fail "no recovery copy of this session"
grep -l 'something else' "$F".recover.bak-* >/dev/null 2>&1 || fail "the old recovery copy was not kept aside"
keys C-q
expect_screen "Unsaved changes"
type_text 'n'
expect_exit 0
rm -f "$F".recover.bak-*

# A copy identical to the file is useless: no question, and it goes away.
cp "$F" "$F.recover"
fresh
start "$F"
e2e_has "has unsaved changes" && fail "asked about an identical copy"
wait_until test ! -e "$F.recover" || fail "identical copy not removed"
keys C-q
expect_exit 0

# Quitting without saving, on purpose, removes the copy too.
fresh
start "$F"
type_text 'x'
wait_until test -e "$F.recover" || fail "no recovery copy"
keys C-q
expect_screen "Unsaved changes"
type_text 'n'
expect_exit 0
[ -e "$F.recover" ] && fail "discarding left the recovery copy"

# Undoing back to the saved text removes it as well.
fresh
start "$F"
type_text 'z'
wait_until test -e "$F.recover" || fail "no recovery copy"
keys C-z
expect_unmodified
wait_until test ! -e "$F.recover" || fail "undo to the saved text left the recovery copy"
keys C-q
expect_exit 0
echo "test_recover: ok"

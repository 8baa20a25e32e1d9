#!/bin/sh
# Saves keep what the file is, and a limit is a message, never a crash:
# - under a file size limit (ulimit -f) saving says the file is too large,
#   the editor keeps running with every word, no temporary file is left,
#   and quitting gives the terminal back;
# - private minutes (0600) get a 0600 sidecar and a 0600 recovery copy;
# - a file with two names (a hard link) keeps both on the saved text.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/m.txt"
printf '# Minutes\n' >"$F"
out="$E2E_DIR/term.bin"
E2E_PRE="ulimit -f 2; while [ ! -e go ]; do sleep 0.02; done;" start "$F"
e2e_tmux pipe-pane -O "cat >'$out'"
touch "$E2E_DIR/go"
wait_until e2e_ready || fail "mahdar did not start"
long=$(python3 -c 'print(" ".join("word%03d" % i for i in range(400)))')
e2e_tmux set-buffer -- "$long"
e2e_tmux paste-buffer -p
expect_status "[+]"
# The recovery journal cannot be written either: said, not fatal.
expect_message "Recovery copy not written: $F.recover: File too large"
keys C-s
expect_message "Not saved: $F: cannot save: File too large (the file on disk is unchanged)"
kill -0 "$(mahdar_pid)" 2>/dev/null || fail "the editor died"
expect_screen "word399"
ls -A "$E2E_DIR" | grep -v mahdar-lock | grep -q '^\.m\.txt\.' && fail "a temporary file was left: $(ls -A "$E2E_DIR")"
[ "$(cat "$F")" = '# Minutes' ] || fail "the file changed"
keys C-q
type_text 'n'
expect_exit 0
e2e_term_restored() { python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
sys.exit(0 if b.rfind(b"\x1b[?2004l") > b.rfind(b"\x1b[?2004h") >= 0 else 1)' "$out"; }
wait_until e2e_term_restored || fail "terminal not restored"

# Private minutes stay private.
fresh
rm -f "$F.recover" "$E2E_DIR/m.json"
chmod 600 "$F"
start "$F"
type_text 'secret '
wait_until test -s "$F.recover" || fail "no recovery copy"
[ "$(stat -c %a "$F.recover")" = 600 ] || fail "recovery copy is $(stat -c %a "$F.recover"), not 600"
keys C-s
expect_unmodified
[ "$(stat -c %a "$E2E_DIR/m.json")" = 600 ] || fail "sidecar is $(stat -c %a "$E2E_DIR/m.json"), not 600"
[ "$(stat -c %a "$F")" = 600 ] || fail "the text is no longer 600"

# A hard link: both names show the saved text.
ln "$F" "$E2E_DIR/other-name.txt"
type_text 'linked '
keys C-s
expect_unmodified
cmp "$F" "$E2E_DIR/other-name.txt" || fail "the hard link was broken by the save"
grep -q 'secret linked' "$E2E_DIR/other-name.txt" || fail "the other name lacks the edit"
keys C-q
expect_exit 0
echo "test_file_limits: ok"

#!/bin/sh
# Never lose a user's words: SIGTERM or SIGHUP with unsaved changes writes
# FILE.recover (the text as it stands) and restores the terminal; a
# suspended editor (SIGTSTP) gives the terminal back and takes it again on
# SIGCONT, redrawing the screen.
. "$(dirname "$0")/lib.sh"
printf 'محضر الاجتماع\n' >"$E2E_DIR/s.txt"
start "$E2E_DIR/s.txt"
keys End
type_text ' الأول'
expect_status "[+]"
kill -TERM "$(mahdar_pid)"
expect_exit 143
printf 'محضر الاجتماع الأول\n' >"$E2E_DIR/want.txt"
recovered "$E2E_DIR/s.txt" >"$E2E_DIR/got.txt" || fail "no readable recovery copy"
cmp "$E2E_DIR/got.txt" "$E2E_DIR/want.txt" || fail "recovery copy wrong or missing"
[ "$(stat -c %a "$E2E_DIR/s.txt.recover")" = 600 ] || fail "the recovery copy is not private (0600)"
[ "$(cat "$E2E_DIR/s.txt")" = 'محضر الاجتماع' ] || fail "the file itself changed"

# SIGHUP (the terminal went away) does the same; no changes: no recovery file.
rm -f "$E2E_DIR/s.txt.recover"
fresh
start "$E2E_DIR/s.txt"
kill -HUP "$(mahdar_pid)"
expect_exit 129
[ -e "$E2E_DIR/s.txt.recover" ] && fail "a recovery copy without changes"
fresh
start "$E2E_DIR/s.txt"
type_text 'x'
expect_status "[+]"
kill -HUP "$(mahdar_pid)"
expect_exit 129
[ -s "$E2E_DIR/s.txt.recover" ] || fail "SIGHUP: no recovery copy"

# Suspend and resume, the way a user does it: mahdar started from an
# interactive shell with job control, stopped with SIGTSTP (Ctrl-Z is undo,
# so the signal comes from elsewhere), brought back with "fg".  The bidi
# escapes are undone on stop and sent again on continue (the bytes are
# recorded through pipe-pane), and the screen comes back.
rm -f "$E2E_DIR/s.txt.recover"	# else the next start asks about it first
fresh
out="$E2E_DIR/out.bin"
rm -f "$E2E_DIR/pid" "$E2E_DIR/status"
e2e_tmux new-session -d -x 80 -y 24 "cd '$E2E_DIR'; env PS1='$ ' TERM=$E2E_TERM LC_ALL=C.UTF-8 HOME='$E2E_DIR' bash --norc --noprofile -i"
e2e_tmux pipe-pane -O "cat >'$out'"
wait_for '$' || fail "no shell prompt"
type_text "sh -c 'echo \$\$ >pid; exec \"\$0\" \"\$@\"' '$MAHDAR' s.txt"
keys Enter
wait_until e2e_ready || fail "mahdar did not start"
pid=$(mahdar_pid)
kill -TSTP "$pid"
e2e_stopped() { grep -q '^State:.*T' "/proc/$pid/status"; }
wait_until e2e_stopped || fail "SIGTSTP did not stop mahdar"
e2e_restored() { python3 -c 'import sys; b=open(sys.argv[1],"rb").read(); sys.exit(b.rfind(b"\x1b[8h\x1b[0 k") < b.rfind(b"\x1b[8l"))' "$out"; }
wait_until e2e_restored || fail "terminal bidi mode not restored on suspend"
expect_screen "Stopped"
type_text fg
keys Enter
e2e_retaken() { python3 -c 'import sys; b=open(sys.argv[1],"rb").read(); sys.exit(b.count(b"\x1b[8l\x1b[1 k") < 2 or b.rfind(b"\x1b[8l") < b.rfind(b"\x1b[8h"))' "$out"; }
wait_until e2e_retaken || fail "bidi escapes not sent again on resume"
expect_row 0 "$(rtl_row 'محضر الاجتماع')"
keys C-q
e2e_gone() { ! kill -0 "$pid" 2>/dev/null; }
wait_until e2e_gone || fail "mahdar did not quit after resuming"

# A crash (SIGSEGV) still gives the terminal back: the last bytes written
# turn bidi reordering, bracketed paste and the mouse back to normal.
fresh
out="$E2E_DIR/crash.bin"
E2E_PRE="while [ ! -e go2 ]; do sleep 0.02; done;" start "$E2E_DIR/s.txt"
e2e_tmux pipe-pane -O "cat >'$out'"
touch "$E2E_DIR/go2"
wait_until e2e_ready || fail "mahdar did not start"
kill -SEGV "$(mahdar_pid)"
expect_exit 139
e2e_crash_restored() { python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
last_on = b.rfind(b"\x1b[8l")
ok = last_on >= 0 and b.find(b"\x1b[8h\x1b[0 k", last_on) > 0 and b.find(b"\x1b[?2004l", last_on) > 0
sys.exit(0 if ok else 1)' "$out"; }
wait_until e2e_crash_restored || fail "terminal not restored after SIGSEGV"

#!/bin/sh
# TERM=dumb and a non-UTF-8 locale are refused with one clear line on
# stderr and exit status 1, before anything is written to the terminal.
. "$(dirname "$0")/lib.sh"
printf 'x\n' >"$E2E_DIR/r.txt"
e2e_tmux new-session -d -x 80 -y 24 \
	"env TERM=dumb LC_ALL=C.UTF-8 '$MAHDAR' '$E2E_DIR/r.txt' 2>'$E2E_DIR/err1'; echo \$? >'$E2E_DIR/st1';
	 env TERM=xterm LC_ALL=C '$MAHDAR' '$E2E_DIR/r.txt' 2>'$E2E_DIR/err2'; echo \$? >'$E2E_DIR/st2'"
wait_until test -s "$E2E_DIR/st2" || fail "mahdar did not exit"
[ "$(cat "$E2E_DIR/st1")" = 1 ] || fail "TERM=dumb: exit status $(cat "$E2E_DIR/st1")"
grep -q 'TERM' "$E2E_DIR/err1" || fail "TERM=dumb: message '$(cat "$E2E_DIR/err1")'"
[ "$(wc -l <"$E2E_DIR/err1")" = 1 ] || fail "TERM=dumb: not one line"
[ "$(cat "$E2E_DIR/st2")" = 1 ] || fail "LC_ALL=C: exit status $(cat "$E2E_DIR/st2")"
grep -q 'UTF-8' "$E2E_DIR/err2" || fail "LC_ALL=C: message '$(cat "$E2E_DIR/err2")'"

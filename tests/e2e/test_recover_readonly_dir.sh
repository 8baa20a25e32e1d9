#!/bin/sh
# Minutes in a folder the user cannot write (a read-only share, another
# user's folder): the recovery journal cannot go beside the file, so it goes
# to $XDG_STATE_HOME/mahdar/, named after the file's full path, 0600 — and
# kill -9 still loses nothing typed; the next start offers it back.
# mahdar runs as the unprivileged user "nobody" (root may write anywhere).
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null ||
   ! setpriv --reuid=nobody --regid=nogroup --clear-groups "$MAHDAR" --version >/dev/null 2>&1; then
	echo "test_recover_readonly_dir: skipped (needs root, setpriv, and a binary user nobody can run)"
	exit 0
fi
chmod 755 "$E2E_DIR"
mkdir -p "$E2E_DIR/share" "$E2E_DIR/home"
printf '# Minutes\n\n## Discussion\nFirst line.\n' >"$E2E_DIR/share/m.txt"
chmod 644 "$E2E_DIR/share/m.txt"
chmod 755 "$E2E_DIR/share"	# root's: nobody cannot make a file in it
chown nobody:nogroup "$E2E_DIR/home"
STATE="$E2E_DIR/home/state"
run_as_nobody() {	# its pid in home/pid: nobody may not write $E2E_DIR
	rm -f "$E2E_DIR/home/pid" "$E2E_DIR/status"
	e2e_tmux new-session -d -x 80 -y 24 \
		"cd '$E2E_DIR/share'; env TERM=$E2E_TERM LC_ALL=C.UTF-8 HOME='$E2E_DIR/home' XDG_STATE_HOME='$STATE' \
		 XDG_CONFIG_HOME='$E2E_DIR/home/config' setpriv --reuid=nobody --regid=nogroup --clear-groups \
		 sh -c 'echo \$\$ >\"$E2E_DIR/home/pid\"; exec \"\$0\" \"\$@\"' '$MAHDAR' '$E2E_DIR/share/m.txt';
		 echo \$? >'$E2E_DIR/status.tmp'; mv '$E2E_DIR/status.tmp' '$E2E_DIR/status'; sleep 600" ||
		fail "cannot start tmux"
	wait_until e2e_ready || fail "mahdar did not start"
}
run_as_nobody
keys C-End
type_text 'Words typed in a folder nobody may write.'
expect_status "[+]"
J="$STATE/mahdar/$(printf '%s' "$E2E_DIR/share/m.txt" | tr / %).recover"
has_words() { python3 "$(dirname "$0")/journal.py" "$J" "$E2E_DIR/share/m.txt" 2>/dev/null | grep -q 'nobody may write'; }
wait_until has_words || fail "no recovery journal in \$XDG_STATE_HOME/mahdar ($J)"
[ "$(stat -c %a "$J")" = 600 ] || fail "the journal is not private (0600)"
[ -e "$E2E_DIR/share/m.txt.recover" ] && fail "a journal beside the file in a folder nobody may write"
kill -KILL "$(cat "$E2E_DIR/home/pid")"
expect_exit 137
fresh
run_as_nobody
expect_screen "has unsaved changes from"
type_text 'r'
expect_screen "Restored the unsaved changes"
expect_screen "nobody may write"
echo "test_recover_readonly_dir: ok"

#!/bin/sh
# After a change made outside, the recovery journal starts again from the
# whole text (its old base is gone), written by a child process while the
# editor goes on; what is typed meanwhile and after still reaches it, and
# kill -9 then loses nothing of it: the copy holds the user's text, not the
# file as the other program left it.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/m.txt"
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("# Minutes\n")
    for i in range(50000):
        f.write("Line %d of a long document, so that the whole text takes a while.\n" % i)
' "$F"
start "$F"
keys End
type_text ' (mine)'
expect_status "[+]"
echo 'their line' >>"$F"
expect_message "changed outside mahdar"
type_text ' and more'
wait_until grep -q 'their line' "$F" || fail "the outside change is gone"
# Within a second or two the copy holds all of it (polled: the journal is
# written a second after the typing).
has_all() { recovered "$F" 2>/dev/null | head -n 1 | grep -qF '# Minutes (mine) and more'; }
wait_until has_all || fail "the recovery copy lacks what was typed: $(recovered "$F" | head -n 1)"
kill -9 "$(mahdar_pid)"
expect_exit 137
recovered "$F" >"$E2E_DIR/got" || fail "no readable recovery copy"
grep -q 'their line' "$E2E_DIR/got" && fail "the recovery copy holds the other program's line, not the document"
[ "$(wc -l <"$E2E_DIR/got")" -eq 50001 ] || fail "the recovery copy has $(wc -l <"$E2E_DIR/got") lines, not 50001"
[ "$(sed -n 50001p "$E2E_DIR/got")" = "Line 49999 of a long document, so that the whole text takes a while." ] ||
	fail "the recovery copy's last line is wrong"
echo "test_recover_outside: ok"

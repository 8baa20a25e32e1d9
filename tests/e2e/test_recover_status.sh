#!/bin/sh
# An action item marked done (F6) and never saved survives kill -9: the
# recovery journal holds the items' sidecar data as well as the text, and
# restoring gives the status back, which the next save writes to the sidecar.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/lib.txt"
cp "$MAHDAR_CORPUS/library-2025-en.txt" "$F"
"$MAHDAR" export "$F" --to json -o "$E2E_DIR/lib.json" >/dev/null 2>&1 || fail "no sidecar written"
grep -q '"status": *"open"' "$E2E_DIR/lib.json" || fail "the items do not start open"
start "$F" 100 40
# Line 26 is the first action item ("Send the shelf funding request …").
keys M-g
type_text 26
keys Enter
expect_status "26:1"
keys F6
expect_status "[+]"
# The journal gets the status within about a second of the change.
has_done() { python3 "$(dirname "$0")/journal.py" "$F.recover" "$F" --attrs 2>&1 >/dev/null | grep -Eq '(: |; )25 1 r1(;|$)'; }
wait_until has_done || fail "the status change never reached the recovery journal"
kill -KILL "$(mahdar_pid)"
expect_exit 137

fresh
start "$F" 100 40
expect_screen "has unsaved changes from"
type_text 'r'
expect_screen "Restored the unsaved changes"
keys C-s
expect_unmodified
python3 - "$E2E_DIR/lib.json" <<'PY' || fail "the restored status did not reach the sidecar"
import json, sys
recs = json.load(open(sys.argv[1]))["recommendations"]
first = [r for r in recs if r["text"].startswith("Send the shelf funding request")][0]
sys.exit(first["status"] != "done")
PY
keys C-q
expect_exit 0
echo "test_recover_status: ok"

#!/bin/sh
# A huge valid sidecar (100 MB) is not a denial of service: the document
# opens in under a second from its text, with a message, and the sidecar is
# backed up before it is rewritten (small again).  A sidecar with the right
# format and version but a wrong-typed field is reported as
# "FILE: key: expected …", not taken for an outside edit.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/m.txt"
printf '# Minutes\n\n## Agenda\n1. Budget\n' >"$F"
python3 - "$E2E_DIR/m.json" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('{"format": "minutes", "version": 1, "x": [')
    chunk = '"' + 'a' * 60 + '",'
    f.write(chunk * (100 * 1024 * 1024 // len(chunk)))
    f.write('0]}\n')
PY
t0=$(date +%s%N)
start "$F"
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
limit=1000
case $MAHDAR in *asan*) limit=3000 ;; esac
[ $ms -lt $limit ] || fail "opening beside a 100 MB sidecar took $ms ms"
expect_message "larger than a sidecar of this text can be"
type_text 'x'
keys C-s
expect_message "(the unreadable sidecar was kept as"; ls "$E2E_DIR"/m.json.bak-* >/dev/null || fail "no backup of the sidecar"
[ "$(stat -c %s "$E2E_DIR/m.json")" -lt 100000 ] || fail "the sidecar was not rewritten small"
keys C-q
expect_exit 0
rm -f "$E2E_DIR"/m.json.bak-*

# Wrong-typed field.
printf '{"format": "minutes", "version": 1, "agenda": [{"id": 7, "text": "Budget"}]}\n' >"$E2E_DIR/m.json"
fresh
start "$F"
expect_message "m.json: agenda[0].id: expected a string or null, found an integer"
screen | grep -q 'changed outside mahdar' && fail "a wrong-typed sidecar was taken for an outside edit"
type_text 'y'
keys C-s
expect_message "(the unreadable sidecar was kept as"; ls "$E2E_DIR"/m.json.bak-* >/dev/null || fail "no backup of the sidecar"
keys C-q
expect_exit 0
echo "test_sidecar_limits: ok"

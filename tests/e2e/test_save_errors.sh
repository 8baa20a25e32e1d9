#!/bin/sh
# The text is the document of record: when its sidecar cannot be written
# (here its name is taken by a directory), saving still writes the text,
# says that the sidecar was not written, and counts as a save (quitting
# does not ask).  Once the sidecar's name is free again, saving writes it.
. "$(dirname "$0")/lib.sh"
printf '# Board\n' >"$E2E_DIR/s.txt"
mkdir "$E2E_DIR/s.json"
start s.txt
expect_row 0 "# Board"
keys End
type_text ' meeting'
expect_status "[+]"
keys C-s
expect_screen "saved s.txt; the sidecar s.json was not written"
expect_unmodified
[ "$(cat "$E2E_DIR/s.txt")" = "# Board meeting" ] || fail "the text was not saved: $(cat "$E2E_DIR/s.txt")"
[ -d "$E2E_DIR/s.json" ] || fail "the sidecar directory was touched"
ls "$E2E_DIR"/s.txt.recover >/dev/null 2>&1 && fail "the recovery copy was kept"

rmdir "$E2E_DIR/s.json"
type_text '!'
keys C-s
expect_screen "Saved s.txt"
[ -f "$E2E_DIR/s.json" ] || fail "the sidecar was not written once it could be"
grep -q '"title": "Board meeting!"' "$E2E_DIR/s.json" || fail "the sidecar does not describe the text"
keys C-q
expect_exit 0

# Quitting after a save without its sidecar does not ask either.
rm "$E2E_DIR/s.json"
mkdir "$E2E_DIR/s.json"
fresh
start s.txt
keys End
type_text '?'
keys C-s
expect_screen "was not written"
keys C-q
expect_exit 0
[ "$(cat "$E2E_DIR/s.txt")" = "# Board meeting!?" ] || fail "the text was not saved: $(cat "$E2E_DIR/s.txt")"

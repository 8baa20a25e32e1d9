#!/bin/sh
# Errors show in the message line and the editor keeps running: a broken
# sidecar is reported on opening (the text still opens); a failed save says
# why, changes nothing on disk, and editing goes on; an unbound key says so.
. "$(dirname "$0")/lib.sh"
printf '# Board\nDate: 2024-03-15\n' >"$E2E_DIR/b.txt"
printf '{"format": "minutes", "version": 1,\n  "title": oops\n}\n' >"$E2E_DIR/b.json"
start "$E2E_DIR/b.txt"
expect_screen "b.json"
expect_row 0 "# Board"
keys F12
expect_screen "F12 is not bound"
# Saving fails when the file's folder went away meanwhile (this works as
# root too, unlike a read-only folder).
mkdir "$E2E_DIR/gone"
printf 'text\n' >"$E2E_DIR/gone/r.txt"
fresh
start "$E2E_DIR/gone/r.txt"
mv "$E2E_DIR/gone" "$E2E_DIR/moved"
keys End
type_text ' more'
keys C-s
expect_screen "Not saved"
type_text '!'
expect_row 0 "text more!"
[ "$(cat "$E2E_DIR/moved/r.txt")" = text ] || fail "a failed save changed the file"
[ -e "$E2E_DIR/gone" ] && fail "a failed save created the folder"
keys C-q
expect_screen "Unsaved changes"
type_text n
expect_exit 0

#!/bin/sh
# Opening a file and saving it without an edit writes the same bytes (every
# corpus file, plus CRLF, no final newline and invalid UTF-8), and the
# sidecar appears next to it.  Saving after undoing an edit also does.
. "$(dirname "$0")/lib.sh"
mkdir "$E2E_DIR/rt"
cp "$MAHDAR_CORPUS"/*.txt "$E2E_DIR/rt/"
printf '# Board\r\nDate: 2024-03-15\r\n\r\n## Opening\r\ntext' >"$E2E_DIR/rt/crlf.txt"
printf 'bad \377\376 bytes\n\033[31m\n' >"$E2E_DIR/rt/invalid.txt"
for f in "$E2E_DIR"/rt/*.txt; do
	cp "$f" "$f.orig"
	fresh
	start "$f"
	keys C-s
	expect_screen "Saved"
	keys C-q
	expect_exit 0
	cmp "$f" "$f.orig" || fail "$(basename "$f"): saving changed the bytes"
	[ -s "${f%.txt}.json" ] || fail "$(basename "$f"): no sidecar written"
done
# An edit undone is no edit.
f="$E2E_DIR/rt/malmo-2018-ar.txt"
fresh
start "$f"
keys Down Down End
type_text ' تعديل'
keys Enter C-z C-z C-z
expect_unmodified
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
cmp "$f" "$f.orig" || fail "undone edit changed the bytes"

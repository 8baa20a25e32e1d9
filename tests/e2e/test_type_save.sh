#!/bin/sh
# Typing Arabic then saving writes the logical-order bytes, not the screen's
# visual order; Enter in a CRLF file keeps CRLF.
. "$(dirname "$0")/lib.sh"
: >"$E2E_DIR/new.txt"	# empty (a missing file opens as the template: test_forms)
start "$E2E_DIR/new.txt"
type_text 'سلام عليكم'
keys Enter
type_text 'الجلسة ١'
expect_status "2:9 RTL"
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
printf 'سلام عليكم\nالجلسة ١' >"$E2E_DIR/want.txt"
cmp "$E2E_DIR/new.txt" "$E2E_DIR/want.txt" || fail "saved bytes differ: $(od -c "$E2E_DIR/new.txt" | head)"

# A CRLF file stays CRLF when a line is split.
printf 'first line\r\nsecond\r\n' >"$E2E_DIR/crlf.txt"
fresh
start "$E2E_DIR/crlf.txt"
keys End Left Left Left Left Enter
expect_status "2:1 LTR"
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
printf 'first \r\nline\r\nsecond\r\n' >"$E2E_DIR/want2.txt"
cmp "$E2E_DIR/crlf.txt" "$E2E_DIR/want2.txt" || fail "CRLF not kept: $(od -c "$E2E_DIR/crlf.txt" | head)"

# Tab types a TAB character (shown as one blank).
printf 'a\n' >"$E2E_DIR/tab.txt"
fresh
start "$E2E_DIR/tab.txt"
keys End Tab
type_text 'b'
expect_row 0 "a b"
expect_status "1:4 LTR"
keys C-s
expect_unmodified
keys C-q
expect_exit 0
printf 'a\tb\n' >"$E2E_DIR/want3.txt"
cmp "$E2E_DIR/tab.txt" "$E2E_DIR/want3.txt" || fail "Tab: $(od -c "$E2E_DIR/tab.txt" | head -2)"

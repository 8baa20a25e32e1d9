#!/bin/sh
# Input methods: Arabic and Hebrew typed from an ASCII-only key stream
# (--input, and Ctrl-\ in a document of that language), Ctrl-\ turns the
# method off and on, a malformed .kmap is reported as FILE:LINE and the
# editor still starts.
. "$(dirname "$0")/lib.sh"

# --------------------------------------------------------------- Arabic, from --input
: >"$E2E_DIR/ar.txt"	# an empty file (a missing one would open as the template)
start "$E2E_DIR/ar.txt" 80 24 "--input arabic"
expect_status "[ع]"
type_text 'hgsbl ugd;l'
keys Enter
# Ctrl-\ off: Latin as typed; on again: Arabic
keys 'C-\'
expect_screen "Input method arabic off"
# (the message and the status line are drawn in the same frame)
status_line | grep -q '\[ع\]' && fail "the status line still shows the input method"
type_text 'ok '
keys 'C-\'
expect_screen "Input method arabic"
type_text '[],g hgHulhg'
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
printf 'السلام عليكم\nok جدول الأعمال' >"$E2E_DIR/ar.want"
cmp "$E2E_DIR/ar.txt" "$E2E_DIR/ar.want" || fail "Arabic typed wrong: $(cat "$E2E_DIR/ar.txt")"

# --------------------------------------------------------------- Hebrew, by Ctrl-\ in a Hebrew document
printf '# פרוטוקול\n\n## סדר היום\n\n' >"$E2E_DIR/he.txt"
fresh
start "$E2E_DIR/he.txt"
keys C-End
keys 'C-\'
expect_screen "Input method hebrew"
expect_status "[א]"
type_text '1/ xsr vhuo'
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
[ "$(tail -n 1 "$E2E_DIR/he.txt")" = "1. סדר היום" ] || fail "Hebrew typed wrong: $(tail -n 1 "$E2E_DIR/he.txt")"

# --------------------------------------------------------------- Persian: a sequence, ZWNJ
fresh
: >"$E2E_DIR/fa.txt"
start "$E2E_DIR/fa.txt" 80 24 "--input persian"
type_text 'ld\ya,n'
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
printf 'می\342\200\214شود' >"$E2E_DIR/fa.want"
cmp "$E2E_DIR/fa.txt" "$E2E_DIR/fa.want" || fail "Persian typed wrong: $(od -c "$E2E_DIR/fa.txt" | head -3)"

# --------------------------------------------------------------- the keys file chooses one
mkdir -p "$E2E_DIR/config/mahdar"
printf 'M-p  input-persian\nM-h  input-hebrew\n' >"$E2E_DIR/config/mahdar/keys"
fresh
: >"$E2E_DIR/k.txt"
start "$E2E_DIR/k.txt"
keys M-p
expect_status "[ف]"
type_text 'ad'
keys M-h
expect_status "[א]"
type_text 'ad'
keys M-h
expect_screen "Input method hebrew off"
type_text 'ad'
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
rm -r "$E2E_DIR/config"
[ "$(cat "$E2E_DIR/k.txt")" = "شیשגad" ] || fail "keys file input methods typed: $(cat "$E2E_DIR/k.txt")"

# --------------------------------------------------------------- a malformed input method
printf '@name mine\na  X\nb\nc   U+ZZ\n' >"$E2E_DIR/mine.kmap"
fresh
: >"$E2E_DIR/m.txt"
start "$E2E_DIR/m.txt" 100 24 "--input $E2E_DIR/mine.kmap"
expect_message "mine.kmap:3: "
expect_message "mine.kmap:4: "
type_text 'abc'
expect_row 0 "Xbc"
keys C-q
expect_screen "Unsaved changes"
type_text n
expect_exit 0

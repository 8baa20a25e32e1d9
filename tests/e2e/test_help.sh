#!/bin/sh
# Nothing the user must read is cut off: F1 opens a help screen listing
# every binding (the user's own too) with what it does, scrollable, closed
# by any key; problems in the keys file are listed there and announced on
# one row; the quit question fits the real width; the message about a text
# edited outside mahdar says how much more `mahdar check` tells.
. "$(dirname "$0")/lib.sh"
mkdir -p "$E2E_DIR/config/mahdar"
printf 'F9 toggle-logical\nF10 frobnicate\nHyper-x save\n' >"$E2E_DIR/config/mahdar/keys"
printf '# Notes\nsome text\n' >"$E2E_DIR/h.txt"
start "$E2E_DIR/h.txt"
expect_message 'keys:2: unknown command "frobnicate" (1 more: F1 lists them)'
keys F1
expect_screen "Every key and what it does"
expect_screen "mahdar/keys"
expect_screen 'unknown key name "Hyper-x"'
expect_status "1-22/"
e2e_has "toggle-logical" && fail "the end of the help is on the first screen (the test needs scrolling)"
keys C-End
expect_screen "F5            toggle-logical"
expect_screen "F9            toggle-logical"
expect_screen "F1            help"
keys C-Home
expect_status "1-22/"
keys PageDown
e2e_lacks() { ! e2e_has "$1"; }
wait_until e2e_lacks "Every key and what it does" || fail "PageDown did not scroll"
# Any other key goes back to the text, and is not typed.
type_text 'x'
expect_row 0 "# Notes"
e2e_unmodified || fail "the key that closed the help was typed"
# The quit question at 76 columns: the form that fits, whole.
e2e_tmux resize-window -x 76 -y 24
keys End
type_text '!'
keys C-q
expect_row 23 "Unsaved changes. y: save and quit  n: quit without saving"
type_text n
expect_exit 0

# A text changed outside mahdar: the first line of the sidecar report, and
# how many more lines `mahdar check` shows.
rm "$E2E_DIR/config/mahdar/keys"
F="$E2E_DIR/m.txt"
printf '# Board\nDate: 2025-01-01\n\n## Recommendations\n- Alpha — owner: Ann\n- Beta — owner: Bo\n- Gamma — owner: Cy\n' >"$F"
fresh
start "$F"
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
printf '# Board\nDate: 2025-01-01\n\n## Recommendations\n- Alpha — owner: Ann\n- Delta — owner: Di\n' >"$F"
fresh
start "$F"
expect_message "m.txt was changed outside mahdar: 1 of 3 items kept their sidecar data (2 more: mahdar check $F)"
e2e_has "^J" && fail "a line break shown as ^J"
[ "$("$MAHDAR" check "$F" | grep -c 'is no longer in the text')" = 2 ] || fail "mahdar check does not list the 2"
keys C-q
expect_exit 0

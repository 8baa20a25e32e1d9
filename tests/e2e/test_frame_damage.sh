#!/bin/sh
# Only what changed is sent to the terminal (frame damage), yet the screen
# ends up exactly as a full repaint draws it; and the status line, held
# back while keys come faster than every 100 ms, shows where the cursor is
# once they stop.
. "$(dirname "$0")/lib.sh"
printf '# Title line\nبند أول\nשורה עם ניקוד: בְּרֵאשִׁית\n' >"$E2E_DIR/d.txt"
start "$E2E_DIR/d.txt"
expect_status "1:1 LTR"
keys Down End
expect_status "2:8 RTL"
# A burst: twenty separate keys, back to back.
i=0
while [ $i -lt 20 ]; do
	type_text 'ب'
	i=$((i + 1))
done
expect_status "2:28 RTL"
expect_screen "ببببببببببببببببببببلوأ دنب"
# Marks, a wide character and a deletion, then the screen as drawn piece
# by piece must be the screen a full repaint (C-l) draws.
keys Down End
type_text 'ְ'
type_text '好'
keys BSpace Left Left
type_text 'ש'
keys End
expect_status "3:23 RTL"
before=$(screen)
keys C-l
input_read
after=$(screen)
[ "$before" = "$after" ] || fail "the screen drawn by damage differs from a repaint:
$before
--- repaint:
$after"
# At typing speed every key shows in the status line.
keys Up End
expect_status "2:28 RTL"
type_text 'ب'
expect_status "2:29 RTL"
type_text 'ب'
expect_status "2:30 RTL"
keys C-q
expect_screen "Unsaved changes"
keys n
expect_exit 0

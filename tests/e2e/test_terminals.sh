#!/bin/sh
# Frames are written by mahdar itself from terminfo's sequences, so they
# must suit terminals other than xterm: vt100's sequences carry padding
# ("$<5>"), which must never reach the screen; ansi wraps (and would
# scroll) when the bottom-right cell is written.  On each, what damage
# drawing leaves on the screen is what a full repaint (C-l) draws.
. "$(dirname "$0")/lib.sh"
printf '# Minutes of the board\nبند أول\nThe second line\n' >"$E2E_DIR/d.txt"
for term in vt100 ansi; do
	E2E_TERM=$term start "$E2E_DIR/d.txt"
	expect_status "1:1 LTR"
	keys Down End
	type_text ' جديد'
	keys Down End
	type_text ' and more words to wrap, and on past the edge of the screen, so the row wraps'
	expect_screen "the row wraps"
	expect_status "3:93 LTR"
	case $(screen) in
	*'$<'*) fail "$term: terminfo padding reached the screen:
$(screen)" ;;
	esac
	[ "$(row 0)" = "# Minutes of the board" ] || fail "$term: the first row moved (the screen scrolled):
$(screen)"
	before=$(screen)
	keys C-l
	input_read
	after=$(screen)
	[ "$before" = "$after" ] || fail "$term: the screen drawn by damage differs from a repaint:
$before
--- repaint:
$after"
	keys C-q
	expect_screen "Unsaved changes"
	keys n
	expect_exit 0
	fresh
done

#!/bin/sh
# A mixed Persian/English/digits line laid out as UAX #9 says.  Worked by
# hand: the paragraph is RTL (first strong: GAF, AL).  W2 turns the Persian
# digits (EN after AL) into AN; W7 turns 2024 (EN after L "report") into L.
# Levels: گزارش 1, space 1, ۱۴۰۲ 2, space 1 (N2), "report 2024" 2.
# L2 reverses level 2 runs, then the whole line:
#   visual = "report 2024 ۱۴۰۲ شرازگ", right-aligned.
. "$(dirname "$0")/lib.sh"
printf '%s\n' 'گزارش ۱۴۰۲ report 2024' >"$E2E_DIR/m.txt"
start "$E2E_DIR/m.txt"
expect_row 0 "$(right_aligned 'report 2024 ۱۴۰۲ شرازگ')"
expect_status "1:1 RTL"
keys C-q
expect_exit 0

#!/bin/sh
# The view toggles: F3 shows every bidi control as a marker (an RLM is
# invisible until then; an override is always shown), F4 draws Arabic in
# presentation forms for terminals that do not shape, F5 makes the arrows
# follow reading order.
. "$(dirname "$0")/lib.sh"
printf 'a\342\200\217b \342\200\256x\342\200\254\n%s\n' 'سلام' >"$E2E_DIR/t.txt"
start "$E2E_DIR/t.txt"
row0_starts() { row 0 | grep -q "^$1"; }
# RLM hidden: "a" and "b" side by side; the RLO override is shown.
wait_until row0_starts "ab " || fail "a hidden RLM takes room"
r0=$(row 0)
[ "$(printf '%s' "$r0" | grep -c 'RLO')" = 1 ] || fail "the override is not shown: $r0"
keys F3
expect_screen "Showing bidi controls on"
wait_until row0_starts "aRLMb" || fail "F3 did not show the RLM"
keys F3
wait_until row0_starts "ab " || fail "F3 again did not hide the RLM"
# Shaping: the Arabic row turns into presentation forms (U+FB50-U+FEFF).
forms() { row 1 | python3 -c 'import sys; s=sys.stdin.read(); sys.exit(0 if any(0xFB50 <= ord(c) <= 0xFEFF for c in s) else 1)'; }
forms && fail "shaped before F4"
keys F4
wait_until forms || fail "F4 did not shape"
no_forms() { ! forms; }
keys F4
wait_until no_forms || fail "F4 again did not unshape"
# Logical arrows: in the RTL line, Right now goes back in reading order.
keys Down End
expect_status "2:5 RTL"
keys F5
expect_screen "logical"
keys Right
expect_status "2:4 RTL"
keys C-q
expect_exit 0

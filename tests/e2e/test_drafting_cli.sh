#!/bin/sh
# Issue 9 from the command line: the skeleton leaves a line under every
# heading; check notes a heading close to a known one and an item whose
# details were not read; " - " separates an item's details; --list-keys
# prints the bindings in force (a user override changes one, a malformed
# file is reported as FILE:LINE); --input names an input method.
set -u
. "$(dirname "$0")/clilib.sh"

# --------------------------------------------------------------- the skeleton
run "$MAHDAR" new "$T/rp.txt" --lang ar
expect_status 0
[ "$(tail -n 2 "$T/rp.txt" | head -n 1)" = "## الختام" ] || fail "the closing heading is not second to last"
[ "$(tail -n 1 "$T/rp.txt")" = "" ] || fail "no body line under the closing heading"
# what the repro typed after Ctrl-End now lands on that body line
printf 'اختتم الاجتماع في الساعة الثامنة\n' >>"$T/rp.txt"
run "$MAHDAR" check "$T/rp.txt"
expect_status 0 && expect_out '5 known, 0 other'

# --------------------------------------------------------------- check notes
# the repro: text typed onto the closing heading
printf '# محضر\nالتاريخ: 2024-01-01\n\n## التوصيات\n- z - المسؤول: علي، الموعد: 2024-01-07\n- y المسؤول: عمر\n\n## الختاماختتم الاجتماع\n' >"$T/j.txt"
run "$MAHDAR" check "$T/j.txt"
expect_out ':8: note: heading “الختاماختتم الاجتماع” is not a known section; did you mean “الختام”\?'
expect_out ':6: note: this item names an owner, due date or votes, but they were not read'
run "$MAHDAR" export "$T/j.txt" --to json
json_get "$OUT" 'd["recommendations"][0]["owner"]' 'علي'
json_get "$OUT" 'd["recommendations"][0]["due_iso"]' '2024-01-07'
json_get "$OUT" 'd["recommendations"][0]["text"]' 'z'
json_get "$OUT" 'd["recommendations"][0]["kind"]' 'action'

# --------------------------------------------------------------- keys
export XDG_CONFIG_HOME="$T/config"
run "$MAHDAR" --list-keys
expect_status 0 && expect_out '^C-s +save +Save' && expect_out '^C-z +undo'
expect_out '^\[text\]$' && expect_out '^\[search\]$'
mkdir -p "$T/config/mahdar"
printf 'C-z  redo\nC-k frobnicate\nHyper-q quit\n' >"$T/config/mahdar/keys"
run "$MAHDAR" --list-keys
expect_status 1
expect_out '^C-z +redo'
expect_err "$T/config/mahdar/keys:2: "
expect_err "$T/config/mahdar/keys:3: "
rm -r "$T/config"
run "$MAHDAR" --list-keys --keymap "$MAHDAR_SRCDIR/keymaps/emacs.keys"
expect_status 0 && expect_out '^C-f +right' && expect_out '^M-w +copy'

# --------------------------------------------------------------- input methods
run "$MAHDAR" --input klingon "$T/x.txt"
expect_status 2 && expect_err "no input method 'klingon'"
run "$MAHDAR" --input
expect_status 2 && expect_err 'needs an input method'
run "$MAHDAR" --help
expect_out '--input NAME' && expect_out '--list-keys'
finish

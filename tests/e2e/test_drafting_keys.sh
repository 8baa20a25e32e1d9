#!/bin/sh
# Issue 9 repros in the editor: typing after the last heading of a new
# Arabic file stays under it; Down on the last line goes to its end;
# the selection on a mixed line is exactly what typing replaces; the
# line-direction key puts a U+200F at the start of an LTR-looking line.
. "$(dirname "$0")/lib.sh"

# --------------------------------------------------------------- after the last heading
"$MAHDAR" new "$E2E_DIR/rp.txt" --lang ar >/dev/null || fail "mahdar new failed"
start "$E2E_DIR/rp.txt"
keys C-End
type_text 'اختتم الاجتماع'
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
[ "$(tail -n 2 "$E2E_DIR/rp.txt" | head -n 1)" = "## الختام" ] ||
	fail "the closing heading changed: $(tail -n 2 "$E2E_DIR/rp.txt")"
[ "$(tail -n 1 "$E2E_DIR/rp.txt")" = "اختتم الاجتماع" ] || fail "the text is not under the heading"
"$MAHDAR" check "$E2E_DIR/rp.txt" >"$E2E_DIR/check.out" || fail "check failed"
grep -q '5 known, 0 other' "$E2E_DIR/check.out" || fail "check: $(cat "$E2E_DIR/check.out")"

# --------------------------------------------------------------- Down on the last line
printf 'one\ntwo words\n' >"$E2E_DIR/d.txt"
fresh
start "$E2E_DIR/d.txt"
keys Down
expect_status "2:1 LTR"
keys Down
expect_status "2:10 LTR"
keys C-Home C-End
expect_status "2:10 LTR"

# --------------------------------------------------------------- selection on a mixed line
# "التاريخ: 2026-11-27": End, then Shift-Right ten times, then a key.  The
# digits after an Arabic label are Arabic numbers (UAX #9 W2), so the date
# is drawn in pieces; whatever is highlighted must be what is replaced.
printf 'x\nالتاريخ: 2026-11-27\n' >"$E2E_DIR/sel.txt"
fresh
start "$E2E_DIR/sel.txt" 60 10
keys Down End
expect_status "2:20 RTL"
keys S-Right S-Right S-Right S-Right S-Right S-Right S-Right S-Right S-Right S-Right
input_read
# the highlighted characters (reverse video) of row 1
e2e_tmux capture-pane -p -e | sed -n 2p >"$E2E_DIR/row.esc"
type_text Q
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
python3 - "$E2E_DIR/row.esc" "$E2E_DIR/sel.txt" <<'PY' || fail "highlight and replacement differ"
import collections, re, sys
row = open(sys.argv[1], encoding="utf-8").read()
hl, on = [], False
for tok in re.split(r"(\x1b\[[0-9;]*m)", row):
    if tok.startswith("\x1b["):
        codes = tok[2:-1].split(";")
        if "7" in codes: on = True
        if "0" in codes or "27" in codes or codes == [""]: on = False
    elif on:
        hl.extend(tok)
before = "التاريخ: 2026-11-27"
after = open(sys.argv[2], encoding="utf-8").read().split("\n")[1]
assert "Q" in after, after
removed = collections.Counter(before) - collections.Counter(after.replace("Q", "", 1))
if not hl or collections.Counter(hl) != removed:
    sys.exit("highlighted %r, replaced %r (line now %r)" % ("".join(hl), "".join(removed.elements()), after))
# and the typed key went where the replaced text was
i = after.index("Q")
assert before[:i] == after[:i], after
PY

# --------------------------------------------------------------- line direction
printf 'Maria Lopez أوضحت أن الميزانية\n' >"$E2E_DIR/dir.txt"
fresh
start "$E2E_DIR/dir.txt"
expect_status "1:1 LTR"
keys F7
expect_status "RTL"
expect_screen "right-to-left"
keys C-s
expect_screen "Saved"
keys F7
expect_status "LTR"
keys C-z
expect_status "RTL"
expect_unmodified
keys C-q
expect_exit 0
printf '\342\200\217Maria Lopez أوضحت أن الميزانية\n' >"$E2E_DIR/dir.want"
cmp "$E2E_DIR/dir.txt" "$E2E_DIR/dir.want" || fail "no RLM at the line start: $(od -c "$E2E_DIR/dir.txt" | head -3)"

# --------------------------------------------------------------- keymaps/emacs.keys
printf 'middle\n' >"$E2E_DIR/em.txt"
fresh
start "$E2E_DIR/em.txt" 80 24 "--keymap $MAHDAR_SRCDIR/keymaps/emacs.keys"
keys C-e
type_text '!'
keys C-a C-f
type_text '['
keys C-b C-b
type_text '<'
expect_row 0 "<m[iddle!"
# a prompt under Emacs keys: M-s searches, C-g gives up
keys M-s
type_text 'dd'
keys C-g
keys C-x C-w
expect_row 0 ""
keys C-_
expect_row 0 "<m[iddle!"
keys C-q
expect_screen "Unsaved changes"
type_text n
expect_exit 0

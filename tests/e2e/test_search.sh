#!/bin/sh
# Search and replace in a real terminal: Ctrl-F highlights every visible
# match (underlined) and the current one (reversed too), on an RTL line
# and on a mixed RTL/LTR line, exactly the matched letters however bidi
# reorders them (read from capture-pane -e, which keeps the attributes);
# replace-all then one undo gives back the file byte for byte; an action
# item's status toggled with F6 is undone by Ctrl-Z.
. "$(dirname "$0")/lib.sh"

# marked ROW — the characters of screen row ROW drawn underlined, then a
# '|', then those drawn reversed, each in screen order.
marked() {
	e2e_tmux capture-pane -e -p | sed -n "$(($1 + 1))p" | python3 -c '
import re, sys
s = sys.stdin.read().rstrip("\n")
ul = rev = False
u, r = [], []
for tok in re.split(r"(\x1b\[[0-9;]*m)", s):
    if tok.startswith("\x1b["):
        ps = [int(p) if p else 0 for p in tok[2:-1].split(";")]
        for p in ps:
            if p == 0: ul = rev = False
            elif p == 4: ul = True
            elif p == 24: ul = False
            elif p == 7: rev = True
            elif p == 27: rev = False
        continue
    for ch in tok:
        if ul: u.append(ch)
        if rev: r.append(ch)
print("".join(u).strip() + "|" + "".join(r).strip())'
}
e2e_marked_is() { [ "$(marked "$1")" = "$2" ]; }
expect_marked() { wait_until e2e_marked_is "$1" "$2" || fail "row $1 marks '$(marked "$1")', expected '$2'"; }

F="$E2E_DIR/s.txt"
printf '%s\n' '# محضر' 'قال المسئول عن الاجتماع كلمته' 'report: الإجتماعَ 2024 ok' 'nothing' >"$F"
cp "$F" "$E2E_DIR/orig.txt"
start "$F"
keys C-f
expect_screen "Search"
type_text 'الاجتماع'
# From the start: the match on the RTL line 2 is current; the one in the
# mixed line 3 (alef with hamza below, a fatha on the last letter) is
# marked, not current.  RTL words show right to left.
expect_message "1 of 2"
expect_marked 1 'عامتجالا|عامتجالا'
expect_marked 2 'عَامتجإلا|'
keys Enter
expect_message "2 of 2"
expect_marked 1 'عامتجالا|'
expect_marked 2 'عَامتجإلا|عَامتجإلا'
keys Enter
expect_message "1 of 2, wrapped to the top"
# Exact: only the RTL line's word is the same code points.
keys M-e
expect_message "1 of 1"
expect_marked 2 '|'
# Esc: back where the search started, nothing marked.
keys Escape
expect_status "1:1 "
expect_marked 1 '|'

# Replace all, then one undo: the file as it was, byte for byte.
keys C-r
type_text 'الاجتماع'
keys Enter
expect_screen "Replace with"
type_text 'اللقاء'
keys Enter
expect_screen "Replace"
type_text 'a'
expect_message "Replaced 2 matches"
expect_row 2 "report: 2024 ءاقللا ok"
keys C-z
keys C-s
expect_message "Saved"
cmp -s "$F" "$E2E_DIR/orig.txt" || fail "replace-all then undo did not give the file back"
keys C-q
expect_exit 0

# An action item's status: F6 toggles it (modified), Ctrl-Z takes it back.
M="$E2E_DIR/m.txt"
printf '# Board\nDate: 2025-01-01\n\n## Recommendations\n- Fix the roof — owner: Ann\n' >"$M"
fresh
start "$M"
keys C-End
keys F6
expect_message "is now done"
expect_status "[+]"
keys C-z
expect_unmodified
keys F6
keys C-s
expect_message "Saved"
grep -q '"status": "done"' "$E2E_DIR/m.json" || fail "the sidecar does not hold the status"
keys F6
keys C-z
expect_unmodified
keys C-q
expect_exit 0

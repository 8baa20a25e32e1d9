#!/bin/sh
# A Hebrew line with niqqud keeps every mark on its letter: the screen shows
# the grapheme clusters (letter + its marks, computed here with Python's
# unicodedata) in reverse order, each cluster intact.
. "$(dirname "$0")/lib.sh"
line='שָׁלוֹם עֲלֵיכֶם חֲבֵרִים'
printf '%s\n' "$line" >"$E2E_DIR/h.txt"
start "$E2E_DIR/h.txt"
expected=$(python3 - "$line" <<'PY'
import sys, unicodedata
s = sys.argv[1]
clusters = []
for ch in s:
    if clusters and unicodedata.category(ch) == 'Mn':
        clusters[-1] += ch
    else:
        clusters.append(ch)
print(" " * (80 - len(clusters)) + "".join(reversed(clusters)))
PY
)
expect_row 0 "$expected"
# Every mark in the captured row directly follows a Hebrew letter or another mark.
row 0 | python3 -c '
import sys, unicodedata
s = sys.stdin.read().rstrip("\n")
for i, ch in enumerate(s):
    if unicodedata.category(ch) == "Mn":
        j = i - 1
        while j >= 0 and unicodedata.category(s[j]) == "Mn":
            j -= 1
        if j < 0 or not ("\u05d0" <= s[j] <= "\u05ea"):
            sys.exit("mark U+%04X at %d is not on a letter" % (ord(ch), i))
' || fail "a mark left its letter"
# Backspace right after a mark removes just that mark (fixing a wrong
# niqqud), not the letter: put the cursor after the first letter (Left in
# an RTL line goes on in reading order), Backspace, and the row shows the
# first cluster without its last mark.
visual() { # the screen row for a logical line, as above
	python3 - "$1" <<'PY'
import sys, unicodedata
s = sys.argv[1]
clusters = []
for ch in s:
    if clusters and unicodedata.category(ch) == 'Mn':
        clusters[-1] += ch
    else:
        clusters.append(ch)
print(" " * (80 - len(clusters)) + "".join(reversed(clusters)))
PY
}
keys Home Left
expect_status "1:2 RTL"
keys BSpace
fixed=$(python3 -c '
import sys, unicodedata
s = sys.argv[1]
i = 1
while i < len(s) and unicodedata.category(s[i]) == "Mn":
    i += 1
print(s[:i-1] + s[i:])' "$line")
expect_row 0 "$(visual "$fixed")"
expect_status "1:2 RTL"
# Typing the mark again restores the line.
last_mark=$(python3 -c '
import sys, unicodedata
s = sys.argv[1]
i = 1
while i < len(s) and unicodedata.category(s[i]) == "Mn":
    i += 1
print(s[i-1])' "$line")
type_text "$last_mark"
expect_row 0 "$expected"
keys C-q
expect_screen "Unsaved changes"
type_text n
expect_exit 0

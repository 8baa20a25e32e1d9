#!/bin/sh
# export --to text|markdown|html|json: widths by display width, the action
# table aligned, --visual line by line against `fribidi --nopad`, HTML that
# tidy accepts and Chromium lays out right-to-left, bidi-safe Markdown, no
# terminal escapes from the file, several files with -o DIR, stdin/stdout.
. "$(dirname "$0")/clilib.sh"

# Display width of each line of a file (combining marks and format
# characters 0, East Asian wide 2), printed as "LINE WIDTH".
widths() {
	python3 -c 'import sys, unicodedata
def w(s):
    n = 0
    for c in s:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return n
for i, l in enumerate(open(sys.argv[1], encoding="utf-8").read().split("\n")):
    print(i + 1, w(l))' "$1"
}

# A document whose action table mixes combining marks, wide characters and
# right-to-left cells.
cat >"$T/mix.txt" <<'EOF'
# Board meeting
Date: 2-3 March 2024
Chair: Zoë Müller

## Agenda
1. Café opening hours
2. 会議の予定 (schedule)

## Recommendations
- Buy a new kettle
- Call the landlord about the heating — owner: ليلى حداد, due: 15 March 2024
- Translate the menu into Japanese 日本語のメニュー — owner: 山田太郎, due: 2024-04-01
- Fix the sign — owner: Rene\u0301e, due: 2024-03-20
- Order chairs — owner: יוסי מזרחי, due: 2024-05-01
EOF
printf '%s\n' "$(cat "$T/mix.txt")" | sed 's/\\u0301/\xcc\x81/' >"$T/mix2.txt" && mv "$T/mix2.txt" "$T/mix.txt"

# ---------------------------------------------------------------- text widths
for w in 20 33 40 72; do
	for f in "$CORPUS"/*.txt "$T/mix.txt"; do
		run "$MAHDAR" export "$f" --to text --width "$w"
		expect_status 0 || continue
		printf '%s\n' "$OUT" >"$T/out.txt"
		over=$(widths "$T/out.txt" | awk -v w="$w" '$2 > w')
		[ -z "$over" ] || fail "export --to text --width $w of $(basename "$f"): lines wider than $w: $over"
	done
done

# The table: every cell of a column starts at the same display column.
run "$MAHDAR" export "$T/mix.txt" --to text
expect_status 0
printf '%s\n' "$OUT" >"$T/mix.out"
python3 - "$T/mix.out" <<'EOF' || fail "the action table is not aligned by display width"
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
head = [l for l in lines if l.startswith("Item")][0]
due_col = w(head[:head.index("Due")])
own_col = w(head[:head.index("Owner")])
rows = {"ليلى حداد": "15 March 2024", "山田太郎": "2024-04-01", "Rene\u0301e": "2024-03-20",
        "יוסי מזרחי": "2024-05-01"}
seen = 0
for l in lines:
    for owner in rows:
        if owner in l:
            seen += 1
            if w(l[:l.index(owner)]) != own_col:
                sys.exit("owner %s at column %d, header at %d" % (owner, w(l[:l.index(owner)]), own_col))
            d = l.index(rows[owner], l.index(owner))
            if w(l[:d]) != due_col:
                sys.exit("due of %s at column %d, header at %d" % (owner, w(l[:d]), due_col))
if seen != 4:
    sys.exit("found %d of 4 action rows" % seen)
EOF
expect_out '^1\. Café opening hours$'
expect_out '^- Buy a new kettle$'
expect_out '^Date: +2-3 March 2024$'

# ---------------------------------------------------------------- --visual
# Each visual line is fribidi's reordering of the same logical line (its
# Arabic shaping and lam-alef ligatures folded back to letters), and a
# right-to-left line is right-aligned to the width.
cat >"$T/cmp.py" <<'EOF'
import sys, unicodedata
def norm(s):
    s = s.replace("\ufeff", "")
    out, i = "", 0
    while i < len(s):
        c = s[i]; o = ord(c); i += 1
        if 0xFEF5 <= o <= 0xFEFC:	# lam-alef (visual): alef, its marks, lam
            lam, alef = unicodedata.normalize("NFKC", c)
            marks = ""
            while i < len(s) and unicodedata.combining(s[i]):
                marks += s[i]; i += 1
            out += alef + marks + lam
        elif 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
            out += unicodedata.normalize("NFKC", c)
        else:
            out += c
    return out
def w(s):
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)
ours = open(sys.argv[1], encoding="utf-8").read().split("\n")
ref = open(sys.argv[2], encoding="utf-8").read().split("\n")
width, rtl = int(sys.argv[3]), 0
if len(ours) != len(ref):
    sys.exit("%d lines, fribidi %d" % (len(ours), len(ref)))
for n, (a, b) in enumerate(zip(ours, ref)):
    na, nb = norm(a), norm(b)
    if na == nb:
        continue
    # Otherwise a right-to-left line: fribidi's, right-aligned to the width.
    if na.lstrip(" ") != nb.lstrip(" "):
        sys.exit("line %d: %r, fribidi %r" % (n + 1, a, b))
    rtl += 1
    if w(a) != width:
        sys.exit("line %d: right-aligned to %d, not %d" % (n + 1, w(a), width))
if len(sys.argv) > 4 and rtl == 0:
    sys.exit("no right-aligned line at all")
EOF
for f in "$CORPUS"/*.txt "$T/mix.txt"; do
	"$MAHDAR" export "$f" --to text --width 60 >"$T/log.txt" || fail "export $f"
	for opt in "" "--shape"; do
		# shellcheck disable=SC2086
		"$MAHDAR" export "$f" --to text --width 60 --visual $opt >"$T/vis.txt" || fail "export --visual $f"
		fribidi --nopad --nobreak <"$T/log.txt" >"$T/fri.txt" || fail "fribidi failed"
		case $f in *-ar.txt|*-fa.txt|*-he.txt) need=rtl ;; *) need= ;; esac
		python3 "$T/cmp.py" "$T/vis.txt" "$T/fri.txt" 60 $need ||
			fail "export --visual $opt of $(basename "$f") differs from fribidi --nopad"
	done
done
# --shape: Arabic letters become presentation forms (U+FE70..U+FEFF).
run "$MAHDAR" export "$CORPUS/malmo-2018-ar.txt" --to text --shape
printf '%s' "$OUT" | python3 -c 'import sys; t = sys.stdin.read(); sys.exit(not any(0xFE70 <= ord(c) <= 0xFEFC for c in t))' ||
	fail "--shape wrote no Arabic presentation forms"

# ---------------------------------------------------------------- escapes
printf '# T\033]0;pwned\007itle\nDate: 2024-01-01\n\n## Opening\nbad \033[2J and \302\233 and \342\200\256 here\n' >"$T/esc.txt"
for to in text markdown html; do
	"$MAHDAR" export "$T/esc.txt" --to "$to" >"$T/esc.out" || fail "export --to $to of escapes"
	python3 -c 'import sys
b = open(sys.argv[1], "rb").read()
bad = [x for x in (b"\x1b", b"\x07", b"\xc2\x9b", b"\xe2\x80\xae") if x in b]
sys.exit(1 if bad else 0)' "$T/esc.out" || fail "export --to $to let a terminal control through"
	grep -q '\^\\\?\[' "$T/esc.out" || fail "export --to $to does not show ESC as ^["
done
# JSON: bytes as jansson writes them to a pipe (valid JSON); escaped to a terminal.
"$MAHDAR" export "$T/esc.txt" --to json >"$T/esc-out.json" || fail "export --to json"
python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); assert "\u202e" in d["sections"][0]["text"]' "$T/esc-out.json" ||
	fail "export --to json to a pipe lost the text"
# The hash taken when the file was read is the one exported; from standard
# input it is taken of the text again: the same, and the file's.
"$MAHDAR" export - --to json <"$T/esc.txt" >"$T/esc-in.json" || fail "export - --to json"
python3 -c 'import hashlib, json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
h = hashlib.sha256(open(sys.argv[3], "rb").read()).hexdigest()
sys.exit(0 if a["text_sha256"] == b["text_sha256"] == h and a["sections"] == b["sections"] else 1)' \
	"$T/esc-out.json" "$T/esc-in.json" "$T/esc.txt" || fail "export --to json: text_sha256 is not the file's"
script -qec "$MAHDAR export $T/esc.txt --to json" /dev/null >"$T/tty.out" 2>&1
python3 -c 'import sys
b = open(sys.argv[1], "rb").read()
sys.exit(1 if (b"\xc2\x9b" in b or b"\xe2\x80\xae" in b or b"\x1b[2J" in b) else 0)' "$T/tty.out" ||
	fail "export --to json to a terminal wrote C1 controls or a bidi override raw"
grep -q '\\u202E' "$T/tty.out" || fail "export --to json to a terminal: no \\u202E escape"

# ---------------------------------------------------------------- markdown
run "$MAHDAR" export "$CORPUS/malmo-2018-ar.txt" --to markdown
expect_status 0
printf '%s\n' "$OUT" >"$T/ar.md"
# Every right-to-left block (paragraph, item, heading, cell) is held by RLMs.
python3 - "$T/ar.md" <<'EOF' || fail "markdown: a right-to-left block is not bidi-safe"
import sys
RLM = "\u200f"
for n, l in enumerate(open(sys.argv[1], encoding="utf-8").read().split("\n")):
    if not any("\u0600" <= c <= "\u06ff" for c in l):
        continue
    body = l
    for p in ("# ", "## ", "- ", "**"):
        if body.startswith(p):
            body = body[len(p):]
    body = body.split(". ", 1)[1] if body[:1].isdigit() else body
    if body.startswith("| "):
        cells = [c.strip() for c in body.strip("|").split(" | ")]
        bad = [c for c in cells if any("\u0600" <= x <= "\u06ff" for x in c) and not (c.startswith(RLM) and c.endswith(RLM))]
        if bad:
            sys.exit("line %d: cell %r" % (n + 1, bad[0]))
    elif not (body.startswith(RLM) and body.rstrip().endswith(RLM)):
        sys.exit("line %d: %r" % (n + 1, l))
EOF
expect_out '^# '
expect_out '^\| .*البند.* \| .*المسؤول'

# ---------------------------------------------------------------- html
for f in "$CORPUS"/*.txt "$T/mix.txt" "$T/esc.txt"; do
	"$MAHDAR" export "$f" --to html >"$T/page.html" || fail "export --to html $f"
	tidy -errors -q "$T/page.html" >"$T/tidy.out" 2>&1 || fail "tidy rejects the html of $(basename "$f"): $(head -5 "$T/tidy.out")"
	[ -s "$T/tidy.out" ] && fail "tidy complains about $(basename "$f"): $(head -5 "$T/tidy.out")"
done
"$MAHDAR" export "$CORPUS/shora-1403-fa.txt" --to html >"$T/fa.html"
grep -q '<td lang="en" dir="ltr">John Miller' "$T/fa.html" 2>/dev/null ||
	grep -q '<p lang="fa" dir="rtl">' "$T/fa.html" || fail "html: no per-paragraph lang/dir"
grep -q '<html lang="fa" dir="rtl">' "$T/fa.html" || fail "html: page not lang=fa dir=rtl"
grep -q '@media print' "$T/fa.html" || fail "html: no print style sheet"
grep -q '<table class="actions">' "$T/fa.html" || fail "html: actions are not a table"
python3 - "$T/fa.html" <<'EOF' || fail "html: an element with text lacks lang or dir"
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
body = t[t.index("<body>"):]
for m in re.finditer(r"<(h1|h2|p|li|td|th|caption)\b([^>]*)>", body):
    if 'lang="' not in m.group(2) or 'dir="' not in m.group(2):
        sys.exit(m.group(0))
EOF
# "Anna asked …" in a Hebrew document is an English paragraph.
"$MAHDAR" export "$CORPUS/vaad-2024-he.txt" --to html >"$T/he.html"
grep -q '<p lang="en" dir="ltr">Anna asked' "$T/he.html" || fail "html: the English paragraph of the Hebrew minutes is not lang=en dir=ltr"

# Chromium: the dark pixels of a right-to-left page are on the right, of a
# left-to-right one on the left.
printf '# اجتماع اللجنة\n\n## الافتتاح\nافتتح الاجتماع في الموعد.\n' >"$T/rtl.txt"
printf '# Committee meeting\n\n## Opening\nThe meeting opened on time.\n' >"$T/ltr.txt"
cat >"$T/png.py" <<'EOF'
import struct, sys, zlib
def pixels(path):
    d = open(path, "rb").read()
    assert d[:8] == b"\x89PNG\r\n\x1a\n"
    i, idat = 8, b""
    while i < len(d):
        n, t = struct.unpack(">I4s", d[i:i + 8])
        c = d[i + 8:i + 8 + n]
        if t == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", c[:10])
        elif t == b"IDAT":
            idat += c
        i += 12 + n
    bpp = {2: 3, 6: 4}[ctype]
    raw, stride, prev, rows, p = zlib.decompress(idat), w * bpp, bytearray(w * bpp), [], 0
    for _ in range(h):
        f, line = raw[p], bytearray(raw[p + 1:p + 1 + stride]); p += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line); prev = line
    return w, h, bpp, rows
w, h, bpp, rows = pixels(sys.argv[1])
xs = [x for r in rows for x in range(w) if sum(r[x * bpp:x * bpp + 3]) < 3 * 100]
if not xs:
    sys.exit("no dark pixels")
left, right = min(xs), max(xs)
print(left, right, w)
if sys.argv[2] == "rtl" and not (left > w / 2 and right > w * 0.85):
    sys.exit("dark pixels %d..%d of %d: not at the right" % (left, right, w))
if sys.argv[2] == "ltr" and not (right < w / 2 and left < w * 0.15):
    sys.exit("dark pixels %d..%d of %d: not at the left" % (left, right, w))
EOF
for d in rtl ltr; do
	"$MAHDAR" export "$T/$d.txt" --to html -o "$T/$d.html" || fail "export -o $d.html"
	HOME=$T timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$T/chromium" --window-size=1000,400 --screenshot="$T/$d.png" \
		"file://$T/$d.html" >"$T/chromium.log" 2>&1
	[ -s "$T/$d.png" ] || { fail "chromium wrote no screenshot: $(tail -3 "$T/chromium.log")"; continue; }
	python3 "$T/png.py" "$T/$d.png" "$d" >/dev/null || fail "chromium: the $d page is not laid out $d"
done

# ---------------------------------------------------------------- files
mkdir "$T/outdir"
run "$MAHDAR" export "$CORPUS/library-2025-en.txt" "$CORPUS/vaad-2024-he.txt" --to markdown -o "$T/outdir"
expect_status 0
[ -s "$T/outdir/library-2025-en.md" ] && [ -s "$T/outdir/vaad-2024-he.md" ] || fail "export -o DIR did not write NAME.md for each file"
run "$MAHDAR" export "$CORPUS/library-2025-en.txt" "$CORPUS/vaad-2024-he.txt" --to text
expect_status 2 && expect_err 'several files need -o DIR'
run sh -c "cat '$CORPUS/library-2025-en.txt' | '$MAHDAR' export - --to text -o -"
expect_status 0 && expect_out '^Monthly Meeting, Eastside Library Friends$'
run "$MAHDAR" export "$CORPUS/library-2025-en.txt" --to pdf
expect_status 2 && expect_err "unknown format 'pdf'"
run "$MAHDAR" export "$CORPUS/library-2025-en.txt" --to html --visual
expect_status 2 && expect_err 'are for --to text'
run "$MAHDAR" export "$CORPUS/library-2025-en.txt" --to text --width 5
expect_status 2 && expect_err 'not a width'
cp "$CORPUS/library-2025-en.txt" "$T/self.txt"
run "$MAHDAR" export "$T/self.txt" --to text -o "$T/self.txt"
expect_status 1 && expect_err 'is the minutes file itself'
cmp -s "$T/self.txt" "$CORPUS/library-2025-en.txt" || fail "export -o over the minutes file changed it"
"$MAHDAR" export "$T/self.txt" --to json -o "$T/self.json" || fail "export --to json -o its sidecar"
cp "$T/self.json" "$T/self.json.before"
run "$MAHDAR" export "$T/self.txt" --to markdown -o "$T/self.json"
expect_status 1 && expect_err 'is the sidecar of'
cmp -s "$T/self.json" "$T/self.json.before" || fail "export --to markdown -o the sidecar replaced it"

finish

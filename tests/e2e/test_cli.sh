#!/bin/sh
# The non-interactive half of mahdar: --help, --version, new, export, check,
# and a clear answer (never a crash) for every kind of bad file.
set -u
. "$(dirname "$0")/clilib.sh"

# --------------------------------------------------------------- help, version, usage
run "$MAHDAR" --version
expect_status 0 && expect_out '^mahdar [0-9]+\.[0-9]+\.[0-9]+$'
run "$MAHDAR" --help
expect_status 0 && expect_out 'Usage: mahdar' && expect_out 'check FILE'
run "$MAHDAR" --frobnicate
expect_status 2 && expect_err "unknown option '--frobnicate'"
run "$MAHDAR" export
expect_status 2 && expect_err 'export: which file'
run "$MAHDAR" export "$CORPUS/malmo-2018-ar.txt" --to pdf
expect_status 2 && expect_err "unknown format 'pdf'"
run "$MAHDAR" new "$T/x.txt" --lang xx
expect_status 2 && expect_err "unknown language 'xx'"

# --------------------------------------------------------------- new
run "$MAHDAR" new "$T/fa.txt" --lang fa
expect_status 0
[ -f "$T/fa.txt" ] && [ -f "$T/fa.json" ] || fail "new did not write fa.txt and fa.json"
grep -q '^## دستور جلسه$' "$T/fa.txt" || fail "new --lang fa: no Persian agenda heading"
grep -Eq '^تاریخ: ([۰۱۲۳۴۵۶۷۸۹]){4}/([۰۱۲۳۴۵۶۷۸۹]){2}/([۰۱۲۳۴۵۶۷۸۹]){2}$' "$T/fa.txt" || fail "new --lang fa: date not Solar Hijri in Persian digits"
run "$MAHDAR" export "$T/fa.txt" --to json
expect_status 0
json_get "$OUT" 'd["language"]' fa
json_get "$OUT" '[s["heading"] for s in d["sections"]]' "['گشایش', 'دستور جلسه', 'بحث', 'تصمیمات', 'پایان']"
json_get "$OUT" 'd["meta"]["calendar"]' persian
json_get "$OUT" 'd["meta"]["date_iso"]' "$(date +%Y-%m-%d)"
run "$MAHDAR" new "$T/fa.txt" --lang fa
expect_status 1 && expect_err 'fa.txt: already exists'
for l in en ar he; do
	run "$MAHDAR" new "$T/$l.minutes" --lang "$l"
	expect_status 0
	[ -f "$T/$l.minutes.json" ] || fail "sidecar of $l.minutes is not $l.minutes.json"
	run "$MAHDAR" check "$T/$l.minutes"
	expect_status 0
done
grep -q '^## סדר היום$' "$T/he.minutes" || fail "new --lang he: no Hebrew agenda heading"
grep -q '^## جدول الأعمال$' "$T/ar.minutes" || fail "new --lang ar: no Arabic agenda heading"
run env LC_ALL= LC_MESSAGES= LANG=he_IL.UTF-8 "$MAHDAR" new "$T/loc.txt"
expect_status 0
grep -q '^## פתיחה$' "$T/loc.txt" || fail "new without --lang did not follow the locale"

# --------------------------------------------------------------- export
run "$MAHDAR" export "$CORPUS/malmo-2018-ar.txt" --to json
expect_status 0
json_get "$OUT" 'list(d.keys())[:16]' "['format', 'version', 'text_sha256', 'language', 'direction', 'title', 'meta', 'attendance', 'sections', 'agenda', 'recommendations', 'timestamps', 'status', 'approved', 'created', 'modified']"
json_get "$OUT" 'd["format"], d["version"], d["language"], d["direction"]' "('minutes', 1, 'ar', 'rtl')"
json_get "$OUT" 'd["title"]' 'اجتماع سكرتاريي منظمات الحزب خارج الوطن'
json_get "$OUT" 'd["text_sha256"]' "$(sha256sum "$CORPUS/malmo-2018-ar.txt" | cut -c1-64)"
json_get "$OUT" 'd["meta"]["place"], d["meta"]["date_iso"]' "('مالمو، السويد', '2018-10-20')"
json_get "$OUT" 'len(d["attendance"]["present"]), d["attendance"]["present"][1]' "(13, {'name': 'بسام محي', 'role': 'عضو المكتب السياسي'})"
json_get "$OUT" '[a["number"] for a in d["agenda"]]' '[1, 2, 3, 4]'
json_get "$OUT" '[(r["kind"], r["owner"], r["due_iso"], r["status"]) for r in d["recommendations"]]' \
	"[('action', 'منظمة السويد', '2019-01-31', 'open'), ('action', 'مكتب الإعلام', '2018-12-15', 'open'), ('decision', None, None, 'open')]"
run "$MAHDAR" export "$CORPUS/shora-1403-fa.txt" --to json -o "$T/out.json"
expect_status 0
json_get "$(cat "$T/out.json")" 'd["meta"]["date_iso"], d["meta"]["calendar"], d["recommendations"][0]["due_iso"]' \
	"('2024-10-06', 'persian', '2024-10-21')"

# --------------------------------------------------------------- check
for f in "$CORPUS"/*.txt; do
	run "$MAHDAR" check "$f"
	expect_status 0
	expect_out "^$f: [0-9]+ lines?"
done
run "$MAHDAR" check "$CORPUS/library-2025-en.txt"
expect_out '4 agenda items; 3 recommendations \(3 actions, 0 decisions\)'
expect_out '5 present, 1 apologies, 1 guests'

# --------------------------------------------------------------- bad files: clear answers
run "$MAHDAR" check "$T/nope.txt"
expect_status 1 && expect_err "^mahdar: $T/nope.txt: No such file or directory$"
mkdir "$T/dir.txt"
run "$MAHDAR" check "$T/dir.txt"
expect_status 1 && expect_err "dir.txt: .*directory"
run "$MAHDAR" export "$T/dir.txt" --to json
expect_status 1 && expect_err "dir.txt: .*directory"
printf '# secret\n' >"$T/locked.txt"
chmod 000 "$T/locked.txt"
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	chmod 755 "$T"
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$MAHDAR" check "$T/locked.txt"
else
	run "$MAHDAR" check "$T/locked.txt"
fi
expect_status 1 && expect_err "locked.txt: Permission denied"
printf '\177ELF\002\001\001\000\000\000' >"$T/prog.txt"
run "$MAHDAR" check "$T/prog.txt"
expect_status 1 && expect_err "prog.txt: .*binary"
: >"$T/empty.txt"
run "$MAHDAR" check "$T/empty.txt"
expect_status 1 && expect_out "empty.txt: error: the file is empty"
printf '# Bad bytes\n## Discussion\nabc \377 def\n' >"$T/bad.txt"
run "$MAHDAR" check "$T/bad.txt"
expect_status 1 && expect_out "bad.txt:3: error: invalid UTF-8 byte 0xFF"
run "$MAHDAR" export "$T/bad.txt" --to json
expect_status 0
json_get "$OUT" 'd["sections"][0]["text"]' 'abc � def'

# hostile bytes in a file never reach the terminal raw through check
printf '# T\033]0;OWNED\007\nDate: \033[2J2024\302\233\nChair: \342\200\256evil\n## Discussion\nok\n' >"$T/hostile.txt"
run "$MAHDAR" check "$T/hostile.txt"
expect_status 0
printf '%s' "$OUT" | od -An -c | grep -Eq '033|007|302 233|342 200 256' && fail "check wrote raw control bytes: $(printf '%s' "$OUT" | od -c | head -5)"
expect_out 'title “T\^\[\]0;OWNED\^G”'
expect_out 'date “\^\[\[2J2024<9B>”'
run "$MAHDAR" check "$T/nope$(printf '\033')[2J.txt"
expect_status 1
grep -q "$(printf '\033')" "$ERRF" && fail "an error message echoed a raw ESC from a file name"
expect_err 'nope\^\[\[2J\.txt: No such file'

# a 50 MB file: parsed, answered, no crash
python3 - "$T/big.txt" <<'EOF'
import sys
line = "نوقش الوضع السياسي بصورة مستفيضة — discussed at length, 2024 (١٢٣).\n"
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("# كبير\nالتاريخ: 2024-01-01\n\n## المناقشة\n")
    n = 50 * 1024 * 1024 // len(line.encode())
    f.write(line * n)
EOF
run "$MAHDAR" check "$T/big.txt"
expect_status 0 && expect_out "big.txt: [0-9]{6} lines, ar, right-to-left"

# broken sidecar: reported with line and column; the text still opens
cp "$CORPUS/vaad-2024-he.txt" "$T/v.txt"
printf '{\n  "format": "minutes",\n  "version": 1,\n  "title": oops\n}\n' >"$T/v.json"
run "$MAHDAR" check "$T/v.txt"
expect_status 1 && expect_out "v.json:4:[0-9]+: "
run "$MAHDAR" export "$T/v.txt" --to json
expect_status 0 && expect_err "v.json:4:[0-9]+: "
json_get "$OUT" 'len(d["recommendations"])' 2
printf '{"format": "minutes", "version": 7, "my": "precious"}\n' >"$T/v.json"
run "$MAHDAR" check "$T/v.txt"
expect_status 1 && expect_out "v.json:1:[0-9]+: .*version 7"
# export -o over that unreadable sidecar backs it up first, like a save
run "$MAHDAR" export "$T/v.txt" --to json -o "$T/v.json"
expect_status 0 && expect_err "v.json was backed up to"
grep -l '"my": "precious"' "$T"/v.json.bak-* >/dev/null 2>&1 || fail "export -o replaced the broken sidecar without a backup"
json_get "$(cat "$T/v.json")" 'd["version"]' 1

finish

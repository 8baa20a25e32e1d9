#!/bin/sh
# search, actions, new --from, finalize + amend, "did you mean", and a
# folder of 200 generated minutes in four languages and calendars read in
# meeting-date order (1,000 files in under a second: tests/bench/archive.sh).
. "$(dirname "$0")/clilib.sh"
SRC=${MAHDAR_SRCDIR:-.}
export XDG_CACHE_HOME="$T/cache"
mkdir "$T/c" && cp "$CORPUS"/*.txt "$T/c/"
cd "$T/c" || exit 1

# ---------------------------------------------------------------- search
run "$MAHDAR" search "reading corner"
expect_status 0
[ "$OUT" = 'library-2025-en.txt:17: Agenda: 3. Arabic and Persian reading corner («ركن القراءة» / «گوشهٔ کتاب‌خوانی»)
library-2025-en.txt:22: Discussion: The book sale raised $1,240 (up 12% on last year). Reza proposed shelving signs in three scripts: "Reading Corner", "ركن القراءة", "פינת קריאה".' ] ||
	fail "search 'reading corner': $OUT"
# Script-aware: no hamza, no harakat in the pattern; the text has both.
run "$MAHDAR" search "اجلالا" malmo-2018-ar.txt
expect_status 0
[ "$OUT" = 'malmo-2018-ar.txt:11: الافتتاح: اُستهل الاجتماع بالوقوف دقيقة صمت إجلالاً لشهداء الحزب والشعب، وتُليت أسماء الرفاق الذين رحلوا خلال العامين الماضيين.' ] ||
	fail "search 'اجلالا': $OUT"
run "$MAHDAR" search "ركن القراءة" --json
expect_status 0
json_get "$OUT" '[(h["file"], h["line"], h["section"], h["section_key"]) for h in d]' \
	"[('library-2025-en.txt', 17, 'Agenda', 'agenda'), ('library-2025-en.txt', 22, 'Discussion', 'discussion')]"
# --json to a terminal: controls as \u escapes; to a pipe, jansson's bytes.
printf '# T\nDate: 2024-01-01\n\n## Opening\nx \302\233 y \342\200\256 z\n' >esc.txt
script -qec "$MAHDAR search y esc.txt --json" /dev/null >"$T/tty.out" 2>&1
grep -q 'x \\u009B y \\u202E z' "$T/tty.out" || fail "search --json to a terminal: $(cat -A "$T/tty.out" | head -5)"
"$MAHDAR" search y esc.txt --json | python3 -c 'import json,sys; assert json.load(sys.stdin)[0]["text"] == "x \x9b y \u202e z"' ||
	fail "search --json to a pipe is not the text"
rm esc.txt
run "$MAHDAR" search "no such words here"
expect_status 1

# ---------------------------------------------------------------- actions
run "$MAHDAR" actions --open library-2025-en.txt vaad-2024-he.txt
expect_status 0
[ "$OUT" = '2024-11-20  open  יוסי מזרחי: לקבל את הצעת המחיר מס׳ 2  (vaad-2024-he.txt:24, 2024-11-03 “פרוטוקול ישיבת ועד הבית, רחוב הזית 12”)
2025-09-25  open  Omar Khalil: Send the shelf funding request to the council  (library-2025-en.txt:26, 2025-09-09 “Monthly Meeting, Eastside Library Friends”)
2025-10-07  open  Reza Tehrani: Order trilingual signs  (library-2025-en.txt:27, 2025-09-09 “Monthly Meeting, Eastside Library Friends”)
-  open  מוחמד עבאס: לפרסם הודעה לדיירים בעברית, בערבית ובאנגלית  (vaad-2024-he.txt:25, 2024-11-03 “פרוטוקול ישיבת ועד הבית, רחוב הזית 12”)
-  open  Maria Gonzalez: Thank the book sale volunteers by email  (library-2025-en.txt:28, 2025-09-09 “Monthly Meeting, Eastside Library Friends”)' ] ||
	fail "actions --open: $OUT"
# The folder: every action, sorted by due date (ISO from any calendar).
run "$MAHDAR" actions --json
expect_status 0
json_get "$OUT" '[a["due_iso"] for a in d]' \
	"['2018-12-15', '2019-01-31', '2024-10-21', '2024-11-20', '2025-09-25', '2025-10-07', None, None, None]"
# Owner matched script-aware: Persian yeh typed as Arabic yeh.
run "$MAHDAR" actions --owner "علي رضواني"
expect_status 0
[ "$OUT" = '2024-10-21  open  علی رضوانی: تهیهٔ فرم ثبت‌نام اردو  (shora-1403-fa.txt:23, 2024-10-06 “صورتجلسهٔ هیئت‌مدیرهٔ انجمن اولیا و مربیان”)' ] ||
	fail "actions --owner (Arabic yeh for Persian): $OUT"
run "$MAHDAR" actions --overdue library-2025-en.txt
expect_status 0 && expect_out '^2025-09-25  open  Omar Khalil'

# ---------------------------------------------------------------- new --from
# Mark one action done in the sidecar: it must not be carried.
"$MAHDAR" export library-2025-en.txt --to json -o library-2025-en.json || fail "export the sidecar"
python3 - library-2025-en.json <<'EOF' || fail "could not mark an action done"
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["recommendations"]:
    if r["text"].startswith("Order trilingual"):
        r["status"] = "done"
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False, indent=2)
EOF
run "$MAHDAR" new next.txt --from library-2025-en.txt
expect_status 0 && expect_out '2 open action'
grep -q '^Present: Maria Gonzalez (chair); Omar Khalil (secretary); Dana Levi; Reza Tehrani; Sam O.Neill; Fatima Zahra; Noor Haddad (city council)$' next.txt ||
	fail "new --from: attendance not carried as present: $(grep Present next.txt)"
grep -q "^1\. Follow-up of the previous meeting's actions$" next.txt || fail "new --from: no follow-up agenda item"
grep -q '^- Send the shelf funding request to the council — owner: Omar Khalil, due: 2025-09-25$' next.txt ||
	fail "new --from: open action not carried"
grep -q 'Order trilingual signs' next.txt && fail "new --from: a done action was carried"
run "$MAHDAR" export next.txt --to json
json_get "$OUT" '[(r["text"], r["from"], r["status"]) for r in d["recommendations"]]' \
	"[('Send the shelf funding request to the council', 'library-2025-en', 'open'), ('Thank the book sale volunteers by email', 'library-2025-en', 'open')]"
run "$MAHDAR" actions next.txt --json
json_get "$OUT" '[(a["from"], a["due_iso"]) for a in d]' "[('library-2025-en', '2025-09-25'), ('library-2025-en', None)]"
run "$MAHDAR" new next-ar.txt --from malmo-2018-ar.txt
expect_status 0
grep -q '^1\. متابعة مهام الاجتماع السابق$' next-ar.txt || fail "new --from (Arabic): follow-up item not in Arabic"
grep -q '^- تعزيز العلاقة مع الجاليات العراقية في بلدان المهجر — المسؤول: منظمة السويد، الموعد: 2019-01-31$' next-ar.txt ||
	fail "new --from (Arabic): action not carried in Arabic form"

# ---------------------------------------------------------------- finalize, amend
run "$MAHDAR" finalize vaad-2024-he.txt --by "רחל כהן" --on 2024-11-10
expect_status 0
run "$MAHDAR" export vaad-2024-he.txt --to json
json_get "$OUT" '(d["status"], d["approved"])' "('final', {'on': '2024-11-10', 'by': 'רחל כהן'})"
run "$MAHDAR" finalize vaad-2024-he.txt --by "x"
expect_status 1 && expect_err 'already final'
# A forced edit of final minutes, recorded as an amendment.
sed -i 's/^2\. תיקון המעלית.*/2. תיקון המעלית — הצעת מחיר של 12,900 ₪/' vaad-2024-he.txt
run "$MAHDAR" amend vaad-2024-he.txt --reason "תוקן סכום ההצעה" --by "יוסי מזרחי" --on 2024-11-12
expect_status 0
run "$MAHDAR" export vaad-2024-he.txt --to json
json_get "$OUT" 'd["amendments"]' "[{'on': '2024-11-12', 'by': 'יוסי מזרחי', 'reason': 'תוקן סכום ההצעה'}]"
for to in text markdown html; do
	run "$MAHDAR" export vaad-2024-he.txt --to "$to"
	expect_out 'תוקן סכום ההצעה' || fail "export --to $to does not show the amendment"
	expect_out 'אושר ב-2024-11-10 על ידי רחל כהן' || fail "export --to $to does not show the approval"
done
run "$MAHDAR" amend library-2025-en.txt --reason "typo"
expect_status 1 && expect_err 'not final'

# ---------------------------------------------------------------- did you mean
run "$MAHDAR" exprot x.txt
expect_status 2 && expect_err 'did you mean export\?'
[ -e exprot ] && fail "a mistyped command created a file"
run "$MAHDAR" acitons
expect_status 2 && expect_err 'did you mean actions\?'

# ---------------------------------------------------------------- a folder of 200
MAHDAR="$MAHDAR" python3 "$SRC/tests/gen_minutes.py" "$T/gen" 200 || fail "gen_minutes.py failed"
"$MAHDAR" search "1" "$T/gen" | cut -d: -f1 | uniq | sed "s|^$T/gen/||" >"$T/order"
cut -f1 "$T/gen/MANIFEST.tsv" >"$T/want"
cmp -s "$T/order" "$T/want" || fail "folder not in meeting-date order: $(diff "$T/want" "$T/order" | head -5)"
n=$("$MAHDAR" actions "$T/gen" --open --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
want=$(awk -F'\t' '{s += $3} END {print s}' "$T/gen/MANIFEST.tsv")
[ "$n" = "$want" ] || fail "open actions over the folder: $n, want $want"
all=$("$MAHDAR" actions "$T/gen" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$all" = $((want + 40)) ] || fail "actions over the folder: $all, want $((want + 40)) (40 done)"

finish

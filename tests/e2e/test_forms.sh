#!/bin/sh
# Drafting minutes live, from nothing (issue 9): a new Arabic file opens
# as the template; the date and the chair are filled from the header form
# (Tab, "اليوم", "الآن"); five people added in the attendance editor (one
# completed from earlier minutes in the folder) and one moved to the
# apologies with one key, the quorum shown; three agenda items whose
# numbers come by themselves; two action items with owners completed from
# the attendance and one decision with votes; one action toggled done;
# the meeting clock run; saved — the text file and its sidecar are then
# checked line by line.  The same typing is repeated from an ASCII-only
# key stream through the Arabic input method, and through the Hebrew one.
. "$(dirname "$0")/lib.sh"

# say TEXT — type TEXT; with $IM set, as the keys of that input method
# that give it (Ctrl-\ around what the method cannot type, e.g. "1.").
say() {
	if [ -z "${IM:-}" ]; then
		type_text "$1"
		return
	fi
	python3 - "$MAHDAR_SRCDIR/keymaps/$IM.kmap" "$1" >"$E2E_DIR/say.out" <<'PY' || fail "cannot type '$1' with $IM"
import sys
keys, out = {}, {}
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line[0] in "#@":
        continue
    parts = line.split(None, 1)
    if len(parts) != 2 or len(parts[0]) != 1:
        continue
    k, o = parts
    keys[k] = o
    out.setdefault(o, k)
segs = []
for ch in sys.argv[2]:
    if ch in out:
        segs.append(("T", out[ch]))		# one key a segment: ";" must go alone
    elif ord(ch) < 128 and ch not in keys:
        segs.append(("T", ch))
    elif ord(ch) < 128:
        segs.append(("L", ch))		# the method would change it: typed with the method off
    else:
        sys.exit("no key gives %r" % ch)
for kind, s in segs:
    assert all(ord(c) < 128 for c in s)
    print(kind + s)
PY
	while IFS= read -r seg; do
		case $seg in
		T\;) keys '\;' ;;	# (tmux takes a lone ";" for its command separator)
		T*) type_text "${seg#T}" ;;
		L*) keys 'C-\'; type_text "${seg#L}"; keys 'C-\' ;;
		esac
	done <"$E2E_DIR/say.out"
}

# scenario LANG NAME — the whole meeting in minutes of language LANG.
scenario() {
	lang=$1 name=$2
	case $lang in
	ar)
		TODAY='اليوم' NOW='الآن' PLACE='القاعة' CHAIR='سارة' SECR='علي'
		MEMBERS='الأعضاء: 7' P1='سارة' P2='علي' P3='منى' P4='كريم' P5='هدى'
		AG1='الميزانية' AG2='الحديقة' AG3='النظافة'
		ACT1='إصلاح السقف' OWN1='سا' ACT2='شراء الكراسي' OWN2='عل' DEC='تأجيل الحفل'
		DISC1='ناقش الأعضاء الميزانية' DISC2='وافق الجميع'
		;;
	he)
		TODAY='היום' NOW='עכשיו' PLACE='האולם' CHAIR='שרה' SECR='דני'
		MEMBERS='חברים: 7' P1='שרה' P2='דני' P3='מיכל' P4='יוסי' P5='רותי'
		AG1='תקציב' AG2='גינה' AG3='ניקיון'
		ACT1='לתקן את הגג' OWN1='שר' ACT2='לקנות כיסאות' OWN2='דנ' DEC='לדחות את החגיגה'
		DISC1='החברים דנו בתקציב' DISC2='כולם הסכימו'
		;;
	esac
	echo "-- $name" >&2
	F="$E2E_DIR/$name/minutes.txt"
	mkdir -p "$E2E_DIR/$name"
	# Earlier minutes in the same folder: the name the attendance completes.
	printf '# x\nDate: 2026-01-01\nPresent: %s (treasurer); %s\n' "$P5" "$P1" >"$E2E_DIR/$name/earlier.txt"
	fresh
	start "$F" 100 30 "--lang $lang ${IM:+--input $IM}"
	expect_screen "New file"

	# The header form: the cursor is in the Time field; S-Tab goes to the date.
	keys BTab
	i=0; while [ $i -lt 10 ]; do keys BSpace; i=$((i + 1)); done
	say "$TODAY"; keys Tab
	say "$NOW"; keys Tab
	say "$PLACE"; keys Tab
	say "$CHAIR"; keys Tab
	say "$SECR"; keys Tab Tab End Enter
	say "$MEMBERS"

	# The attendance: five people, the fifth completed from the earlier minutes.
	keys M-p
	expect_screen "Attendance"
	for p in "$P1" "$P2" "$P3" "$P4"; do
		say "$p"
		keys M-Enter
		expect_screen "is present"
		keys Right	# (the message goes; the next one is told apart)
	done
	say "$(printf '%s' "$P5" | cut -c1-2)"
	expect_screen "Tab: "
	keys Tab
	keys M-Enter
	expect_screen "is present"
	status_or_title=$(screen)
	echo "$status_or_title" | grep -q "✓" || fail "no quorum mark with five present"
	keys Down Tab
	expect_screen "sent apologies"
	keys Escape

	# Three agenda items: Enter brings the next number.
	keys M-2
	say "1. $AG1"; keys Enter
	say "$AG2"; keys Enter
	say "$AG3"

	# Two action items, owners completed from the attendance, and a decision.
	keys M-a
	expect_screen "What is to be done"
	say "$ACT1"; keys Enter
	say "$OWN1"; expect_screen "Tab: "; keys Tab Enter
	say "$TODAY"; keys Enter
	expect_screen "Action item written"
	keys M-a
	say "$ACT2"; keys Enter
	say "$OWN2"; expect_screen "Tab: "; keys Tab Enter
	# "+2w" in Latin letters: with the method off (Ctrl-\ works in a form)
	if [ -n "${IM:-}" ]; then keys 'C-\'; type_text '+2w'; keys 'C-\'; else type_text '+2w'; fi
	keys Enter
	expect_screen "Action item written"
	keys M-v
	expect_screen "What was decided"
	say "$DEC"; keys Enter
	type_text 3; keys Enter
	type_text 1; keys Enter
	type_text 0; keys Enter
	expect_screen "Decision written"

	# The first action done.
	keys M-4 F6
	expect_screen "is now done"

	# The meeting clock, over two lines of discussion.
	keys M-m
	expect_screen "meeting has started"
	expect_status "0:00:0"
	keys M-3
	say "$DISC1"; keys Enter
	say "$DISC2"
	input_read
	keys M-m
	expect_screen "meeting has ended"

	keys C-s
	expect_screen "Saved"
	keys C-q
	expect_exit 0

	python3 - "$F" "$lang" "$TODAY" "$CHAIR" "$P1" "$P2" "$P3" "$P4" "$P5" "$AG1" "$AG2" "$AG3" \
		"$ACT1" "$ACT2" "$DEC" "$DISC1" "$DISC2" <<'PY' || fail "the minutes are not as typed ($name)"
import datetime, json, re, sys
path, lang, today, chair, p1, p2, p3, p4, p5, ag1, ag2, ag3, act1, act2, dec, disc1, disc2 = sys.argv[1:]
text = open(path, encoding="utf-8").read()
lines = text.split("\n")
side = json.load(open(path[:-4] + ".json", encoding="utf-8"))
L = {"ar": {"date": "التاريخ", "time": "الوقت", "chair": "الرئيس", "present": "الحضور",
            "apologies": "المعتذرون", "owner": "المسؤول", "due": "الموعد", "votes": "التصويت", "sep": "، ",
            "list": "؛ "},
     "he": {"date": "תאריך", "time": "שעה", "chair": "יו״ר", "present": "נוכחים", "apologies": "נעדרים",
            "owner": "אחראי", "due": "מועד", "votes": "הצבעה", "sep": ", ", "list": "; "}}[lang]
def field(label):
    for l in lines:
        if l.startswith(label + ": "):
            return l[len(label) + 2:]
    sys.exit("no %s field:\n%s" % (label, text))
iso = datetime.date.today().isoformat()
def check(ok, what):
    if not ok:
        sys.exit("%s\n--- text:\n%s\n--- sidecar:\n%s" % (what, text, json.dumps(side, ensure_ascii=False, indent=1)))
check(field(L["date"]) == iso, "date is not today")
check(re.fullmatch(r"\d\d:\d\d–\d\d:\d\d", field(L["time"])), "time is not start–end")
check(field(L["chair"]) == chair, "chair")
present = field(L["present"]).split(L["list"])
check(present == [p1, p3, p4, p5 + " (treasurer)"], "present: %r" % present)
check(field(L["apologies"]) == p2, "apologies")
for n, a in ((1, ag1), (2, ag2), (3, ag3)):
    check("%d. %s" % (n, a) in lines, "agenda item %d" % n)
check(side["status"] == "draft", "status")
recs = side["recommendations"]
check(len(recs) == 3, "three items")
r1 = [r for r in recs if r["text"] == act1][0]
r2 = [r for r in recs if r["text"] == act2][0]
r3 = [r for r in recs if r["text"] == dec][0]
check(r1["owner"] == p1 and r1["due_iso"] == iso and r1["status"] == "done", "first action: %r" % r1)
due2 = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
check(r2["owner"] == p2 and r2["due_iso"] == due2 and r2["status"] == "open", "second action: %r" % r2)
check(r3["kind"] == "decision" and r3["votes"] == {"for": 3, "against": 1, "abstain": 0}, "decision: %r" % r3)
line1 = "- %s — %s: %s%s%s: %s" % (act1, L["owner"], p1, L["sep"], L["due"], iso)
check(line1 in lines, "action line %r" % line1)
check("- %s — %s: 3-1-0" % (dec, L["votes"]) in lines, "decision line")
stamps = side["timestamps"]
texts = [s["text"] for s in stamps]
check(disc1 in texts and disc2 in texts, "timestamps: %r" % stamps)
for s in stamps:
    check(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d", s["at"]) and s["section"] == "discussion", "stamp %r" % s)
PY
}

IM= scenario ar run-direct
IM=arabic scenario ar run-arabic
IM=hebrew scenario he run-hebrew
echo "test_forms: ok"

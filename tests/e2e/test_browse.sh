#!/bin/sh
# The archive browser in a terminal: the corpus plus 200 generated minutes
# (four languages, four calendars) listed in meeting-date order, the
# script-aware filter, Enter opening read-only and Ctrl-Q coming back to the
# same row, `mahdar` alone in a folder of minutes; final minutes opening
# read-only, and a forced edit recorded as an amendment in the sidecar and
# in every export.
. "$(dirname "$0")/lib.sh"
SRC=${MAHDAR_SRCDIR:-.}
A="$E2E_DIR/arch"
mkdir -p "$A" && cp "$MAHDAR_CORPUS"/*.txt "$A/" || fail "cannot copy the corpus"
python3 "$SRC/tests/gen_minutes.py" "$A/gen" 200 >/dev/null || fail "gen_minutes.py failed"
mv "$A/gen/MANIFEST.tsv" "$E2E_DIR/manifest.tsv"
export E2E_PRE="XDG_CACHE_HOME='$E2E_DIR/cache'"

# Every row on one tall screen; the ISO column of each dated row, in order.
start "$A" 130 215
unset E2E_PRE
wait_until e2e_status_has "205 minutes" || fail "the browser did not list 205 minutes"
expect_screen "205 of 205"
screen >"$E2E_DIR/list"
python3 - "$E2E_DIR/list" "$E2E_DIR/manifest.tsv" "$MAHDAR_CORPUS" <<'EOF' || fail "the list is not in meeting-date order"
import re, subprocess, sys, os, json
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")[1:]
got = []
for r in rows:
    iso = re.findall(r"\d{4}-\d{2}-\d{2}", r)
    if iso:
        got.append(iso[-1])
want = [l.split("\t")[1] for l in open(sys.argv[2], encoding="utf-8").read().splitlines()]
# The corpus's dated minutes (the unstructured communique has no Date field).
want += ["2025-09-09", "2018-10-20", "2024-10-06", "2024-11-03"]
if got != sorted(want):
    print("got %d dates, want %d; first difference at %s" % (len(got), len(want),
          next((i for i, (a, b) in enumerate(zip(got, sorted(want))) if a != b), None)), file=sys.stderr)
    sys.exit(1)
EOF

# The filter, script-aware: heh typed for teh marbuta.
want=$(awk -F'\t' '$4 ~ /جمعية/' "$E2E_DIR/manifest.tsv" | wc -l)
[ "$want" -gt 1 ] || fail "the generator wrote no Arabic titles with جمعية"
type_text "جمعيه"
expect_screen "$want of 205"
keys Down
input_read
expect_status "3:1"
sel=$(row 2 | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' | tail -n 1)
file=$(awk -F'\t' -v d="$sel" '$4 ~ /جمعية/ && $2 == d {print $1; exit}' "$E2E_DIR/manifest.tsv")
[ -n "$file" ] || fail "row 2 ($sel) is not one of the filtered minutes"
keys Enter
expect_status "gen/$file [read-only]"
type_text "x"
expect_message "is open read-only"
keys C-q
expect_screen "$want of 205"
expect_status "3:1"
grep -q '^x' "$A/gen/$file" && fail "the read-only minutes were changed"

# The actions of the folder, then only the overdue ones.
keys Escape
expect_screen "205 of 205"
keys M-a
expect_status "actions"
keys M-d
expect_status "overdue actions"
keys C-q
expect_exit 0
fresh

# `mahdar` alone in a folder holding minutes opens the browser there.
e2e_tmux new-session -d -x 100 -y 30 "cd '$A'; env TERM=$E2E_TERM LC_ALL=C.UTF-8 HOME='$E2E_DIR' \
	XDG_CONFIG_HOME='$E2E_DIR/config' XDG_CACHE_HOME='$E2E_DIR/cache' '$MAHDAR'; sleep 600" ||
	fail "cannot start tmux"
wait_until e2e_status_has ".: 205 minutes" || fail "mahdar alone did not browse the folder"
fresh

# ---------------------------------------------------------------- final minutes
F="$E2E_DIR/final.txt"
cp "$MAHDAR_CORPUS/library-2025-en.txt" "$F"
"$MAHDAR" finalize "$F" --by "Maria Gonzalez" --on 2025-09-20 >/dev/null || fail "finalize failed"
start "$F" 100 24
expect_message "is final (approved on 2025-09-20 by Maria Gonzalez), so it opens read-only"
expect_status "[read-only]"
type_text "x"
input_read
grep -q '^x' "$F" && fail "final minutes were changed"
keys M-e
expect_screen "Why change them?"
type_text "the sale figure was wrong"
keys Enter
expect_screen "Your name"
type_text "Sara Yousef"
keys Enter
expect_message "recorded in"
keys C-End
type_text "Corrected: the sale raised 1,420."
keys C-s
expect_unmodified
keys C-q
expect_exit 0
python3 - "$E2E_DIR/final.json" <<'EOF' || fail "no amendment in the sidecar"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
a = d.get("amendments") or []
assert d["status"] == "final", d["status"]
assert len(a) == 1 and a[0]["reason"] == "the sale figure was wrong" and a[0]["by"] == "Sara Yousef", a
EOF
grep -q "Corrected: the sale raised 1,420." "$F" || fail "the forced edit was not saved"
for to in text markdown html json; do
	"$MAHDAR" export "$F" --to $to >"$E2E_DIR/out.$to" || fail "export --to $to failed"
	grep -q "the sale figure was wrong" "$E2E_DIR/out.$to" || fail "no amendment in the $to export"
	grep -q "Sara Yousef" "$E2E_DIR/out.$to" || fail "no amendment's author in the $to export"
done

echo "test_browse.sh: ok"

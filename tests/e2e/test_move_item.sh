#!/bin/sh
# Moving an action item with cut and paste keeps its id and status: give
# r1 "done" in the sidecar, cut its line (S-Down, C-x), paste it further
# down, save: the sidecar still says r1, done.  A second paste of the same
# line is a new item with an id of its own.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/m.txt"
printf '# Board\nDate: 2025-01-01\n\n## Recommendations\n- Alpha — owner: Ann\n- Beta — owner: Bo\n- Gamma — owner: Cy\n' >"$F"
start "$F"
keys C-s
expect_screen "Saved"
keys C-q
expect_exit 0
# rec TEXT FIELD — FIELD of the recommendation whose text is TEXT, from the sidecar
rec() {
	python3 -c '
import json, sys
recs = [r for r in json.load(open(sys.argv[1]))["recommendations"] if r["text"] == sys.argv[2]]
print(" ".join(str(r.get(sys.argv[3])) for r in recs))' "$E2E_DIR/m.json" "$1" "$2"
}
[ "$(rec Alpha id)" = r1 ] || fail "first save gave Alpha id $(rec Alpha id)"
python3 -c '
import json, sys
p = sys.argv[1]
j = json.load(open(p))
for r in j["recommendations"]:
    if r["id"] == "r1":
        r["status"] = "done"
json.dump(j, open(p, "w"), ensure_ascii=False, indent=2)' "$E2E_DIR/m.json"

fresh
start "$F"
keys Down Down Down Down Home S-Down C-x
expect_row 4 "- Beta — owner: Bo"
keys Down C-v
expect_row 5 "- Alpha — owner: Ann"
keys C-s
expect_screen "Saved"
[ "$(rec Alpha id)" = r1 ] || fail "the moved item is $(rec Alpha id), not r1"
[ "$(rec Alpha status)" = done ] || fail "the moved item is $(rec Alpha status), not done"
# A second paste: text only, so a fresh id, open.
keys C-v
expect_row 6 "- Alpha — owner: Ann"
keys C-s
expect_screen "Saved"
[ "$(rec Alpha id)" = "r1 r4" ] || fail "after a second paste the ids are $(rec Alpha id)"
[ "$(rec Alpha status)" = "done open" ] || fail "after a second paste: $(rec Alpha status)"
keys C-q
expect_exit 0

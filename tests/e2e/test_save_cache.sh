#!/bin/sh
# Saving again after edits reuses what the last save dumped of the
# sections' text (side-text.c): the sidecar the editor leaves after three
# saves of a 2 MB document is byte for byte the one `mahdar export --to
# json` writes from scratch for the saved text, and describes it.
. "$(dirname "$0")/lib.sh"
cd "$E2E_DIR" || exit 1
python3 - <<'EOF'
with open("long.txt", "w", encoding="utf-8") as f:
    f.write("# Long minutes\nDate: 2024-03-15\nPresent: Ali; Dana\n")
    for s in range(300):
        f.write("## Discussion\n" if s % 3 == 0 else "## الختام\n" if s % 3 == 1 else "## Part %d\n" % s)
        for i in range(80):
            f.write("\n" if i % 9 == 0 else 'سطر %d «قال» "quoted" back\\slash\ttab %d\n' % (i, s) if i % 2
                    else "line %d of part %d, with words enough to make it long.\n" % (i, s))
    f.write("## Recommendations\n- a thing to do — owner: Ali\n")
EOF
start long.txt
keys C-s
expect_message "Saved long.txt"
[ -s long.json ] || fail "the first save wrote no sidecar"
# An edit near the top and one far down, each saved.
keys C-Home Down Down Down Down Down Down End
type_text ' "one\'
expect_screen '"one\'
keys C-s
expect_unmodified
keys C-End Up Up End Enter
type_text '## Closing'
expect_screen '## Closing'
keys Enter
type_text 'the end'
expect_screen 'the end'
keys C-s
expect_unmodified
keys C-q
expect_exit 0
grep -q 'one\\' long.txt || fail "the first edit was not saved"
grep -q '^## Closing$' long.txt || fail "the second edit was not saved"
"$MAHDAR" export long.txt --to json -o fresh.json || fail "export --to json"
cmp long.json fresh.json || fail "the sidecar saved with the cache differs from one written from scratch"
python3 -c 'import hashlib, json, sys
d = json.load(open("long.json"))
assert d["text_sha256"] == hashlib.sha256(open("long.txt", "rb").read()).hexdigest()
assert {"key": "closing", "heading": "Closing", "text": "the end"} in d["sections"]' ||
	fail "the sidecar does not describe the saved text"

# Helpers for command-line end-to-end tests (sourced).
# run CMD...          runs it; $STATUS, $OUT (stdout) and $ERRF (stderr file) hold the result
# expect_status N     expect_out ERE     expect_err ERE
# json_get JSON PYEXPR EXPECTED   evaluates PYEXPR with d = the parsed JSON, compares str()
# fail MSG            finish

: "${MAHDAR:?MAHDAR must name the binary}"
CORPUS=${MAHDAR_CORPUS:-../shared/corpus}
T=$(mktemp -d "${TMPDIR:-/tmp}/mahdar-e2e.XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
FAILS=0
LAST=""

fail() {
	echo "FAIL: $*${LAST:+ (after: $LAST)}" >&2
	FAILS=$((FAILS + 1))
	return 1
}

run() {
	LAST="$*"
	OUT=$("$@" 2>"$T/.stderr")
	STATUS=$?
	ERRF="$T/.stderr"
}

expect_status() {
	[ "$STATUS" = "$1" ] && return 0
	fail "exit status $STATUS, expected $1; stderr: $(head -c 300 "$ERRF")"
}

expect_out() {
	printf '%s\n' "$OUT" | grep -Eq -- "$1" && return 0
	fail "stdout lacks /$1/; it was: $(printf '%s' "$OUT" | head -c 400)"
}

expect_err() {
	grep -Eq -- "$1" "$ERRF" && return 0
	fail "stderr lacks /$1/; it was: $(head -c 400 "$ERRF")"
}

json_get() {
	got=$(printf '%s' "$1" | python3 -c 'import json,sys
d = json.load(sys.stdin)
v = eval(sys.argv[1])
print(v if isinstance(v, str) else repr(v))' "$2" 2>&1)
	[ "$got" = "$3" ] && return 0
	fail "JSON $2 = $got, expected $3"
}

finish() {
	if [ "$FAILS" -gt 0 ]; then
		echo "$(basename "$0"): $FAILS failure(s)" >&2
		exit 1
	fi
	echo "$(basename "$0"): ok"
	exit 0
}

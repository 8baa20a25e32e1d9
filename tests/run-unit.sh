#!/bin/sh
# run-unit.sh "ENV=… ENV=…" BIN… — run each cmocka test binary, stop at the first failure.
env_assign=$1
shift
fail=0
for t in "$@"; do
	printf '== %s\n' "$t"
	# shellcheck disable=SC2086
	if ! env $env_assign "$t"; then
		echo "FAILED: $t" >&2
		fail=1
	fi
done
exit $fail

#!/bin/sh
# run-e2e.sh "ENV=… MAHDAR=…" SCRIPT… — run each end-to-end script.
env_assign=$1
shift
fail=0
for t in "$@"; do
	printf '== %s\n' "$t"
	# shellcheck disable=SC2086
	if ! env $env_assign sh "$t"; then
		echo "FAILED: $t" >&2
		fail=1
	fi
done
exit $fail

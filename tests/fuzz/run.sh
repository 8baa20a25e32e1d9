#!/bin/sh
# run.sh SECONDS BIN… — run each libFuzzer target for SECONDS, seeded with
# tests/fuzz/seeds/NAME/ and the shared corpus ($MAHDAR_CORPUS), with
# tests/fuzz/NAME.dict when there is one, and the libFuzzer options in
# tests/fuzz/NAME.options (one line) when there are some.  New inputs go to
# build/fuzz/NAME-corpus/, crashes to build/fuzz/NAME-crashes/.
# Runs every target, then fails if any of them found something.
secs=$1
shift
fail=0
for bin in "$@"; do
	name=${bin##*/fuzz_}
	dir=${bin%/*}
	work=$dir/$name-corpus
	crashes=$dir/$name-crashes
	mkdir -p "$work" "$crashes"
	set -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$crashes/"
	[ -f "tests/fuzz/$name.dict" ] && set -- "$@" -dict="tests/fuzz/$name.dict"
	# shellcheck disable=SC2046
	[ -f "tests/fuzz/$name.options" ] && set -- "$@" $(cat "tests/fuzz/$name.options")
	seeds=""
	[ -d "tests/fuzz/seeds/$name" ] && seeds="tests/fuzz/seeds/$name"
	[ -n "$MAHDAR_CORPUS" ] && [ -d "$MAHDAR_CORPUS" ] && seeds="$seeds $MAHDAR_CORPUS"
	printf '== fuzz %s for %ss\n' "$name" "$secs"
	# shellcheck disable=SC2086
	if ! "$bin" "$@" "$work" $seeds >"$dir/$name.log" 2>&1; then
		tail -n 40 "$dir/$name.log" >&2
		echo "FAILED: $name (log: $dir/$name.log, input in $crashes/)" >&2
		fail=1
	else
		grep -E '^(stat::number_of_executed_units|Done )' "$dir/$name.log" | tr '\n' ' '
		echo
	fi
done
exit $fail

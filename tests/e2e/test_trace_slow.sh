#!/bin/sh
# MAHDAR_TRACE_SLOW=FILE logs the editor loop's slow turns with the time of
# each part (MAHDAR_TRACE_SLOW_MS=0: every turn): a key typed shows as a
# turn with its event, its frame and its draw; without the variable no
# file is written.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/t.txt"
T="$E2E_DIR/trace.log"
printf '# Title\nline\n' >"$F"
E2E_PRE="export MAHDAR_TRACE_SLOW='$T' MAHDAR_TRACE_SLOW_MS=0;"
start "$F"
E2E_PRE=
wait_until e2e_ready || fail "mahdar did not start"
keys Down End
type_text 'x'
expect_status "2:6 LTR"
keys C-q
expect_screen "Unsaved changes"
keys n
expect_exit 0
head -n 1 "$T" | grep -q '^# mahdar [0-9]*: turns over 0.00 ms; 0 is [0-9.]* s of CLOCK_MONOTONIC$' ||
	fail "no header in the trace: $(head -n 1 "$T")"
grep -Eq '^[0-9.]+ [0-9.]+ ms: events [0-9.]+, frame [0-9.]+, draw [0-9.]+, ticks [0-9.]+, buffer [0-9.]+, watch [0-9.]+ \[1 events\]$' "$T" ||
	fail "no turn of a key in the trace: $(cat "$T")"
# Without the variable: nothing.
fresh
rm -f "$T"
start "$F"
keys C-q
expect_exit 0
[ ! -e "$T" ] || fail "a trace was written without MAHDAR_TRACE_SLOW"
echo "test_trace_slow: ok"

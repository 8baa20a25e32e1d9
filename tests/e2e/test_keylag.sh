#!/bin/sh
# No input lag from background work on a huge document: on 200,000 lines,
# a key typed just after a pause (when the editor used to analyse the
# whole structure, 100+ ms) shows as fast as any other (about 10 ms; the
# bound leaves room for a loaded machine).  tests/bench/keylag.sh measures.
. "$(dirname "$0")/lib.sh"
out=$(SAMPLES=9 PAUSE=0.35 sh "$(dirname "$0")/../bench/keylag.sh" "$MAHDAR") || fail "keylag: $out"
median=$(printf '%s\n' "$out" | sed -n 's/^keylag: median \([0-9]*\) ms.*/\1/p')
[ -n "$median" ] || fail "no median in: $out"
[ "$median" -lt 60 ] || fail "a key after a pause took $median ms (median): $out"
echo "test_keylag: median $median ms"

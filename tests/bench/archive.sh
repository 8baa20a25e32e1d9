#!/bin/sh
# Archive scan: 1,000 generated minutes (four languages and calendars) read
# by `mahdar actions DIR` with an empty cache, then again from the cache
# (file size + time); medians of 5 runs, beside `cat` of the same files
# (reading the bytes only) as the floor.  The issue asks for under a second.
MAHDAR=${1:-build/mahdar}
SRC=${MAHDAR_SRCDIR:-.}
T=$(mktemp -d "${TMPDIR:-/tmp}/mahdar-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
python3 "$SRC/tests/gen_minutes.py" "$T/m" 1000 >/dev/null || exit 1
now() { date +%s%N; }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
cold= warm= floor=
for i in 1 2 3 4 5; do
	rm -rf "$T/cache"
	t0=$(now); XDG_CACHE_HOME="$T/cache" "$MAHDAR" actions "$T/m" >/dev/null; t1=$(now)
	XDG_CACHE_HOME="$T/cache" "$MAHDAR" actions --open "$T/m" >/dev/null; t2=$(now)
	cat "$T"/m/*.txt >/dev/null; t3=$(now)
	cold="$cold $(((t1 - t0) / 1000000))"; warm="$warm $(((t2 - t1) / 1000000))"; floor="$floor $(((t3 - t2) / 1000000))"
done
c=$(printf '%s\n' $cold | median); w=$(printf '%s\n' $warm | median); f=$(printf '%s\n' $floor | median)
echo "archive (1000 files): mahdar actions DIR cold cache ${c} ms, warm ${w} ms; cat of the files ${f} ms (medians of 5)"
[ "$c" -lt 1000 ] || { echo "archive: over a second" >&2; exit 1; }

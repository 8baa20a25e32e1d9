#!/bin/sh
# Hostile bidi input opens, shows and saves byte for byte: a line of
# 100,000 mixed bidi controls (RLI/LRI/PDI, RLO, LRE, PDF) and a short
# English line with 400 isolates — a crash, and 37 valgrind errors inside
# libfribidi 1.0.8, before mahdar kept overflowing controls away from it.
# Run under valgrind (when it is there and the binary is not an ASan
# build), which sees inside the uninstrumented library.
. "$(dirname "$0")/lib.sh"
python3 - "$E2E_DIR" <<'PY'
import random, sys
d = sys.argv[1]
random.seed(10)
ctl = ['\u2066', '\u2067', '\u2069', '\u202e', '\u202a', '\u202c', '\u202b', '\u202d']
s = ''.join(random.choice(ctl) + ('x' if i % 3 == 0 else '') for i in range(100000))
open(d + '/controls.txt', 'w', encoding='utf-8').write('# Hostile\n' + s + '\nend\n')
s = ''.join(random.choice(ctl) + random.choice(['a', 'b ', 'c']) for i in range(400))
open(d + '/isolates.txt', 'w', encoding='utf-8').write('# Hostile\n' + s + '\nend\n')
PY
E2E_TIMEOUT=${E2E_TIMEOUT_SLOW:-120}
real=$MAHDAR
vg=""
case $MAHDAR in
*asan*) ;;
*) command -v valgrind >/dev/null 2>&1 && vg="-q --error-exitcode=99 --log-file=$E2E_DIR/vg.log $real" &&
	MAHDAR=$(command -v valgrind) ;;
esac
for name in isolates controls; do
	F="$E2E_DIR/$name.txt"
	cp "$F" "$E2E_DIR/orig.txt"
	fresh
	start "$F" 80 24 "$vg"
	expect_screen "# Hostile"
	keys C-s
	expect_message "Saved $F"
	cmp "$F" "$E2E_DIR/orig.txt" || fail "$name: the saved file differs"
	keys C-q
	expect_exit 0
	[ -s "$E2E_DIR/vg.log" ] && fail "$name: valgrind: $(head -20 "$E2E_DIR/vg.log")"
done
MAHDAR=$real
echo "test_hostile_bidi: ok"

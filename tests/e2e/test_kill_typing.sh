#!/bin/sh
# kill -9 after 15 s of typing that never pauses loses at most the last
# 2 s: the recovery journal is brought up to date within a second of each
# change, also while the keys keep coming.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/m.txt"
printf '# Minutes\n' >"$F"
start "$F"
keys End
# Words w0001, w0002, … every 80 ms for 15 s; the time each was sent is
# kept; then kill -9 and see which words the recovery copy holds.
python3 - "$E2E_SOCK" "$(mahdar_pid)" "$E2E_DIR/sent" <<'PY' || fail "typing driver failed"
import os, signal, subprocess, sys, time
sock, pid, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
t0 = time.monotonic()
sent = []
n = 0
while time.monotonic() - t0 < 15:
    n += 1
    subprocess.run(['tmux', '-L', sock, '-f', '/dev/null', 'send-keys', '-l', ' w%04d' % n], check=True)
    sent.append((n, time.monotonic()))
    time.sleep(0.08)
os.kill(pid, signal.SIGKILL)
killed = time.monotonic()
with open(out, 'w') as f:
    f.write('%f\n' % killed)
    for k, t in sent:
        f.write('%d %f\n' % (k, t))
PY
expect_exit 137
recovered "$F" >"$E2E_DIR/got" || fail "no readable recovery copy"
python3 - "$E2E_DIR/sent" "$E2E_DIR/got" <<'PY' || fail "more than 2 s of typing lost"
import re, sys
lines = open(sys.argv[1]).read().split('\n')
killed = float(lines[0])
sent = {int(a): float(b) for a, b in (l.split() for l in lines[1:] if l)}
got = [int(x) for x in re.findall(r'w(\d{4})', open(sys.argv[2]).read())]
last = max(got) if got else 0
if got != list(range(1, last + 1)):
    sys.exit('the recovered words are not the typed ones in order')
# Lost: what was sent after the last word kept, up to the kill.
lost = killed - sent[last + 1] if last + 1 in sent else 0.0
print('kill -9 after %d words: %d recovered, %.2f s of typing lost' % (len(sent), last, lost))
sys.exit(lost > 2.0)
PY
echo "test_kill_typing: ok"

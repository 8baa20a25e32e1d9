#!/bin/sh
# keylag.sh — how long a key typed right after a pause in typing takes to
# appear, on a 200,000-line document (about 40 MB of mixed Arabic and
# English minutes).  The editor does background work when the typist
# pauses (structure analysis, the recovery copy); this measures whether a
# key pressed then has to wait for it.
#
#   sh tests/bench/keylag.sh [MAHDAR]     (default: build/mahdar)
#   env: LINES_N (200000), SAMPLES (21), PAUSE (0.35 s, just past the
#        editor's 300 ms analysis delay)
#
# Prints every latency and their median, in milliseconds, as seen through
# tmux (send-keys, then polling capture-pane until the character shows;
# tmux's own round trip, a few ms, is included).
set -u
MAHDAR=${1:-build/mahdar}
case $MAHDAR in /*) ;; *) MAHDAR=$(pwd)/$MAHDAR ;; esac
LINES_N=${LINES_N:-200000}
SAMPLES=${SAMPLES:-21}
PAUSE=${PAUSE:-0.35}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/mahdar-keylag.XXXXXX")
SOCK="mahdar-keylag-$$"
# (mahdar, hung up on, writes its recovery copy into DIR: retry the removal)
trap 'tmux -L "$SOCK" kill-server 2>/dev/null
for i in 1 2 3 4 5 6 7 8 9 10; do rm -rf "$DIR" 2>/dev/null && break; sleep 0.2; done' EXIT

python3 - "$DIR/big.txt" "$LINES_N" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
body = [
    "تمت مناقشة البند {i} من جدول الأعمال وقرر المجلس الموافقة على المقترح بعد التصويت، مع تكليف اللجنة بالمتابعة.",
    "Item {i}: the committee reviewed the budget line and asked the treasurer for a revised figure by next week.",
    "- متابعة تنفيذ القرار {i} — المسؤول: أمين الصندوق، الموعد: 2025-10-{d:02d}",
    "",
]
with open(path, "w", encoding="utf-8") as f:
    f.write("# محضر اجتماع مجلس الإدارة\nالتاريخ: 2025-09-09\n\n## المناقشة\n")
    for i in range(n - 4):
        f.write(body[i % 4].format(i=i, d=i % 28 + 1) + "\n")
PY

tmux -L "$SOCK" -f /dev/null new-session -d -x 80 -y 24 \
	"env TERM=xterm-256color LC_ALL=C.UTF-8 HOME='$DIR' XDG_CONFIG_HOME='$DIR/config' '$MAHDAR' '$DIR/big.txt'"

python3 - "$SOCK" "$SAMPLES" "$PAUSE" "$LINES_N" <<'PY'
import subprocess, sys, time
sock, samples, pause, nlines = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
def tmux(*a):
    return subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", *a], capture_output=True, text=True).stdout
def status():
    return tmux("capture-pane", "-p", "-S", "22", "-E", "22")
deadline = time.time() + 60
while ":" not in status() or "RTL" not in status():
    if time.time() > deadline:
        sys.exit("keylag: mahdar did not start")
    time.sleep(0.05)
tmux("send-keys", "End")
lat = []
for k in range(samples):
    time.sleep(pause)
    want = "1:%d " % (len("# محضر اجتماع مجلس الإدارة") + k + 2)
    t0 = time.monotonic()
    tmux("send-keys", "-l", "x")
    while want not in status():
        if time.monotonic() - t0 > 10:
            sys.exit("keylag: the key never showed (wanted %r, status %r)" % (want, status()))
    lat.append((time.monotonic() - t0) * 1000)
print("keylag: latencies (ms):", " ".join("%.0f" % v for v in lat))
s = sorted(lat)
print("keylag: median %.0f ms over %d keys, each typed %.0f ms after the last, %d lines"
      % (s[len(s) // 2], len(s), pause * 1000, nlines))
PY

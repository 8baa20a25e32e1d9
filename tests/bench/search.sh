#!/bin/sh
# search.sh — searching a 200,000-line document (mixed Arabic and English
# minutes) for a word that appears only on its last line: how long each
# typed character of the term takes to show in the prompt, and how long
# until the match is on screen after the last one — mahdar (Ctrl-F) beside
# vim (/ with incsearch), Emacs (C-s isearch) and nano (^W, then Enter:
# nano does not search as you type), those that are installed, in the same
# run through the same tmux.
#
#   sh tests/bench/search.sh [MAHDAR]     (default: build/mahdar)
#   env: LINES_N (200000), EDITORS ("mahdar vim emacs nano")
#
# Times are milliseconds as seen through tmux (send-keys, then polling
# capture-pane every 2 ms; tmux's own round trip, a few ms, is included):
# "echo" is the median and the worst over the term's characters, "answer"
# is from the last character (nano: from Enter) to the match line shown.
set -u
MAHDAR=${1:-build/mahdar}
case $MAHDAR in /*) ;; *) MAHDAR=$(pwd)/$MAHDAR ;; esac
LINES_N=${LINES_N:-200000}
EDITORS=${EDITORS:-mahdar vim emacs nano}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/mahdar-search.XXXXXX")
SOCK="mahdar-search-$$"
trap 'for e in $EDITORS; do tmux -L "$SOCK-$e" kill-server 2>/dev/null; done
for i in 1 2 3 4 5 6 7 8 9 10; do rm -rf "$DIR" 2>/dev/null && break; sleep 0.2; done' EXIT

python3 - "$DIR/big.txt" "$LINES_N" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
body = [
    "Item {i}: the committee reviewed the budget line and asked the treasurer for a revised figure.",
    "تمت مناقشة البند {i} من جدول الأعمال وقرر المجلس الموافقة على المقترح بعد التصويت.",
    "- متابعة تنفيذ القرار {i} — المسؤول: أمين الصندوق، الموعد: 2025-10-{d:02d}",
    "",
]
with open(path, "w", encoding="utf-8") as f:
    f.write("Item start: minutes of the board\n")
    for i in range(n - 2):
        f.write(body[i % 4].format(i=i, d=i % 28 + 1) + "\n")
    f.write("last line: the zebrafinch motion was carried\n")
PY

python3 - "$SOCK" "$DIR" "$MAHDAR" "$EDITORS" <<'PY'
import shutil, statistics, subprocess, sys, time
sock, d, mahdar, editors = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split()
TERM = "zebrafinch"
# name: (command, keys that open the search, keys after the term or None)
peers = {
    "mahdar": ([mahdar, "big.txt"], ["C-f"], None),
    "vim": (["vim", "-u", "NONE", "-N", "-c", "set incsearch", "big.txt"], ["/"], None),
    "emacs": (["emacs", "-nw", "-Q", "--eval", "(setq large-file-warning-threshold nil)", "big.txt"],
              ["C-s"], None),
    "nano": (["nano", "--ignorercfile", "big.txt"], ["C-w"], ["Enter"]),
}
cur = [sock]
def tmux(*a):
    return subprocess.run(["tmux", "-L", cur[0], "-f", "/dev/null", *a], capture_output=True, text=True).stdout
def screen():
    return tmux("capture-pane", "-p")
def bottom():
    return "\n".join(screen().split("\n")[-4:])
def wait(pred, limit=120):
    end = time.time() + limit
    while not pred():
        if time.time() > end:
            return None
        time.sleep(0.002)
    return time.time()
rows = []
for name in editors:
    cmd, open_keys, after = peers[name]
    if shutil.which(cmd[0]) is None:
        rows.append((name, None, None, None, "not installed"))
        continue
    # (a server of its own: one that is shutting down can still hold the socket)
    tmux("kill-server")
    cur[0] = sock + "-" + name
    env = "cd '%s'; env TERM=xterm-256color LC_ALL=C.UTF-8 HOME='%s' XDG_CONFIG_HOME='%s/config' " % (d, d, d)
    tmux("new-session", "-d", "-x", "100", "-y", "30", env + " ".join("'%s'" % c for c in cmd))
    if wait(lambda: "Item start" in screen()) is None:
        rows.append((name, None, None, None, "did not start"))
        continue
    time.sleep(0.5)
    tmux("send-keys", *open_keys)
    time.sleep(0.3)
    echo = []
    t_last = None
    for k in range(len(TERM)):
        prefix = TERM[:k + 1]
        t0 = time.time()
        tmux("send-keys", "-l", TERM[k])
        t1 = wait(lambda: prefix in bottom(), 30)
        if t1 is None:
            break
        echo.append((t1 - t0) * 1000)
        t_last = t0
    if len(echo) < len(TERM):
        rows.append((name, None, None, None, "the term did not show"))
        continue
    if after:
        t_last = time.time()
        tmux("send-keys", *after)
    t2 = wait(lambda: "the zebrafinch motion" in screen(), 60)
    answer = (t2 - t_last) * 1000 if t2 else None
    rows.append((name, statistics.median(echo), max(echo), answer, ""))
tmux("kill-server")
print("search in %s: '%s' only on the last of 200,000 lines (ms, through tmux)" % ("big.txt", TERM))
print("%-8s %12s %12s %12s" % ("editor", "echo median", "echo worst", "answer"))
base = {r[0]: r for r in rows}.get("mahdar")
for name, med, worst, ans, note in rows:
    if med is None:
        print("%-8s %s" % (name, note))
        continue
    print("%-8s %12.1f %12.1f %12s" % (name, med, worst, "%.1f" % ans if ans is not None else "n/a"))
if base and base[1] is not None:
    for name, med, worst, ans, note in rows:
        if name != "mahdar" and med is not None and base[3] and ans:
            print("mahdar/%s: echo median %.2fx, answer %.2fx" % (name, base[1] / med, base[3] / ans))
PY

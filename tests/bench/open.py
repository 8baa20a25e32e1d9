#!/usr/bin/env python3
"""open.py — opening huge: first paint, its CPU time and peak RSS (issue 11).

mahdar opens huge (200,000 lines, 20 MB, from gendoc.py) as bench.py does,
and also huge *with its sidecar* (what a document saved once has: the
sidecar, as large as the text, is read and applied), beside vim -u NONE and
nano --ignorercfile opening the same text, all in one run through the same
120x40 pty (bench.py's Session).  Medians of --runs runs; ratios to vim.

  python3 tests/bench/open.py [--runs 5] [--mahdar build/mahdar] [--peers vim,nano]
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402
import gendoc  # noqa: E402


def start(argv, d):
    home = os.path.join(d, "home")
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=home,
               XDG_CONFIG_HOME=os.path.join(home, ".config"), XDG_STATE_HOME=os.path.join(home, ".state"),
               XDG_DATA_HOME=os.path.join(home, ".data"), XDG_CACHE_HOME=os.path.join(home, ".cache"))
    env.pop("TMUX", None)
    return bench.Session(argv, d, env)


def one(argv, d):
    """(paint ms, CPU ms at paint, VmHWM KiB) of one start of argv."""
    s = start(argv, d)
    try:
        paint = s.paint()
        return paint, s.cpu_ms(), s.hwm_kib()
    finally:
        s.close()


def make_sidecar(mahdar, d, path):
    """Save huge once in mahdar (a key typed and erased, then C-s): its sidecar."""
    s = start([mahdar, path], d)
    try:
        s.paint()
        for k in (b"a", b"\x7f", b"\x13"):
            s.send(k)
            s.burst(bench.SETTLE, time.perf_counter() + 60)
    finally:
        s.close()
    side = path[:-4] + ".json"
    if not os.path.exists(side):
        sys.exit("open.py: saving %s made no sidecar" % path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mahdar", default=os.path.join("build", "mahdar"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docs", default=os.path.join("build", "bench-docs"))
    ap.add_argument("--peers", default="vim,nano")
    a = ap.parse_args()
    mahdar = os.path.abspath(a.mahdar)
    gendoc.generate(a.docs)
    tmp = tempfile.mkdtemp(prefix="mahdar-open.")
    try:
        plain = os.path.join(tmp, "plain")
        side = os.path.join(tmp, "side")
        for x in (plain, side):
            os.mkdir(x)
            shutil.copyfile(os.path.join(a.docs, "huge.txt"), os.path.join(x, "huge.txt"))
        make_sidecar(mahdar, side, os.path.join(side, "huge.txt"))
        rows = [("mahdar", [mahdar, os.path.join(plain, "huge.txt")], plain),
                ("mahdar, with its sidecar", [mahdar, os.path.join(side, "huge.txt")], side)]
        for p in [p for p in a.peers.split(",") if p]:
            argv = [x for x in bench.EDITORS[p]["argv"]]
            if shutil.which(argv[0]) is None:
                print("%s: not installed, skipped" % p)
                continue
            rows.append((p, [x.replace("{file}", os.path.join(plain, "huge.txt")) for x in argv], plain))
        got = {name: [] for name, _, _ in rows}
        for r in range(a.runs):
            for name, argv, d in rows:
                got[name].append(one(argv, d))
        med = {name: [statistics.median(v[i] for v in got[name] if v[i] is not None) for i in range(3)]
               for name in got}
        vim = med.get("vim")
        print("Opening huge (%d runs, medians; load %.2f):" % (a.runs, os.getloadavg()[0]))
        print()
        print("| editor | first paint ms | CPU ms | peak RSS MiB | ÷ vim (paint / CPU / RSS) |")
        print("|---|---|---|---|---|")
        for name, _, _ in rows:
            p, c, h = med[name]
            ratio = " / ".join("%.2f" % (x / y) for x, y in zip((p, c, h), vim)) if vim else "—"
            print("| %s | %.0f | %.0f | %.1f | %s |" % (name, p, c, h / 1024, ratio))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

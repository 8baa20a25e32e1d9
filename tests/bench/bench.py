#!/usr/bin/env python3
"""bench.py — mahdar beside vim, nano and Emacs through a real pty (issue 11).

    python3 tests/bench/bench.py [--mahdar build/mahdar] [--quick] [--runs R]
                                 [--keys N] [--type-s S] [--docs DIR] [--only ROWS]

Every figure is measured in the same run for every editor installed
(`vim -u NONE`, `nano --ignorercfile`, `emacs -nw -Q`; a missing one is
skipped with a note) and, for keys, the pty's echo floor (`stty raw -echo; cat`),
in a 120x40 pseudo-terminal that answers the terminal queries xterm answers.
Documents come from gendoc.py (deterministic).  Prints one markdown table:
the median of each editor, the ratio of mahdar to the best peer, the target
and whether it holds; then the spreads (p50/p90/p99/max) of every sample.

  key latency    write one 'ب', read until the output has been quiet for
                 25 ms: the time to the last byte of that burst.  N keys per
                 run, R runs, at the end of the document and inside the
                 349-character RTL line at its middle line.
  typing         one key every 100 ms for S seconds at the end of huge: the
                 worst key (the recovery copy, background work...).
  first paint    spawn -> last byte before 0.4 s of silence.
  save           after one typed key: the save key -> the last byte of the
                 answer, the file checked to have changed.
  peak RSS       VmHWM of the editor: huge opened; then after walking to
                 its line 100,000 (the long line).
  bytes per key  bytes written to the terminal for one key, end of small.
  export/check   `mahdar export huge --to json`, `mahdar check huge`: wall
                 time, CPU time and peak RSS (wait4).
  CPU time       beside first paint, save, export and check, the CPU time
                 (user + system) the process spent: on a busy machine the
                 wall time also counts waiting for a core.

--quick (or MAHDAR_BENCH_QUICK=1): 1 run of 20 keys, 5 s of typing.
"""
import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gendoc  # noqa: E402

ROWS, COLS = 40, 120
KEY = "ب".encode()
QUIET = 0.025
SETTLE = 0.4
COL0 = 160

# What xterm answers (device attributes, colours): Emacs waits for DA2.
ANSWERS = [
    (b"\x1b[>0c", b"\x1b[>41;380;0c"), (b"\x1b[>c", b"\x1b[>41;380;0c"),
    (b"\x1b[0c", b"\x1b[?64;1;2;6;9;15;18;21;22c"), (b"\x1b[c", b"\x1b[?64;1;2;6;9;15;18;21;22c"),
    (b"\x1b]10;?", b"\x1b]10;rgb:ffff/ffff/ffff\x1b\\"), (b"\x1b]11;?", b"\x1b]11;rgb:0000/0000/0000\x1b\\"),
]

ESC = "\x1b"


def mahdar_mid(line):
    # No go-to-line: C-Home, then (End, Down) x (line-1): End puts the cursor
    # on a line's last screen row, so Down enters the next line; then Home
    # and Left x 160 (arrows are visual: Left walks forward in an RTL line).
    return ESC + "[1;5H" + (ESC + "[F" + ESC + "[B") * (line - 1) + ESC + "[H" + (ESC + "[D") * COL0


# name -> argv (with {file}), keys to the end, to the middle of the long
# line, the save keys before the timed one, the timed save key.
EDITORS = {
    "mahdar": dict(argv=["{mahdar}", "{file}"], end=ESC + "[1;5F", mid=mahdar_mid,
                   save_pre="", save="\x13"),
    "vim": dict(argv=["vim", "-u", "NONE", "-N", "{file}"], end="G$a",
                mid=lambda line: "%dG0%dli" % (line, COL0), save_pre=ESC + ":w", save="\r"),
    "nano": dict(argv=["nano", "--ignorercfile", "{file}"], end=ESC + "/" + ESC + "[D",
                 mid=lambda line: "\x1f%d,%d\r" % (line, COL0 + 1), save_pre="\x0f", save="\r"),
    "emacs": dict(argv=["emacs", "-nw", "-Q", "--eval", "(setq large-file-warning-threshold nil)", "{file}"],
                  end=ESC + ">" + "\x02", mid=lambda line: ESC + "gg%d\r\x15%d\x06" % (line, COL0),
                  save_pre="\x18", save="\x13"),
    "floor": dict(argv=["sh", "-c", "stty raw -echo; echo ready; exec cat"], end="", mid=lambda line: "",
                  save_pre=None, save=None),
}
PEERS = ["vim", "nano", "emacs"]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


class Session:
    """An editor in a 120x40 pty."""

    def __init__(self, argv, cwd, env):
        self.t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.chdir(cwd)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.tail = b""
        self.eof = False

    def _read(self, timeout):
        """One read (b'' on timeout, None at EOF); answers terminal queries."""
        if self.eof:
            return None
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not r:
            return b""
        try:
            d = os.read(self.fd, 1 << 16)
        except OSError:
            d = b""
        if not d:
            self.eof = True
            return None
        buf = self.tail + d
        for q, rep in ANSWERS:
            if q in buf and q not in self.tail:
                os.write(self.fd, rep)
        self.tail = buf[-64:]
        return d

    def burst(self, quiet, deadline):
        """Read until quiet s of silence; (last byte time or None, bytes)."""
        last, n = None, 0
        until = deadline
        while True:
            d = self._read(until - time.perf_counter())
            if not d:
                return last, n
            last = time.perf_counter()
            n += len(d)
            until = min(deadline, last + quiet) if quiet else deadline

    def paint(self):
        last, _ = self.burst(SETTLE, time.perf_counter() + 60)
        return ((last or time.perf_counter()) - self.t0) * 1000

    def send(self, data):
        """Write data; while the editor's input queue is full, read (and
        drop) what it draws, so that it never blocks on output."""
        i = 0
        while i < len(data):
            r, w, _ = select.select([self.fd], [self.fd], [], 30)
            if not r and not w:
                raise RuntimeError("the editor stopped reading")
            if r and self._read(0) is None:
                raise RuntimeError("the editor exited")
            if w:
                os.set_blocking(self.fd, False)
                try:
                    i += os.write(self.fd, data[i:i + 4096])
                except BlockingIOError:
                    pass
                finally:
                    os.set_blocking(self.fd, True)

    def key(self, data):
        """(ms to the last byte of the answer, bytes) for one key."""
        t = time.perf_counter()
        os.write(self.fd, data)
        last, n = self.burst(QUIET, t + 10)
        return ((last - t) * 1000 if last else float("nan")), n

    def cpu_ms(self):
        """CPU time (user + system) the editor has used so far."""
        try:
            with open("/proc/%d/stat" % self.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return None

    def hwm_kib(self):
        try:
            with open("/proc/%d/status" % self.pid) as f:
                m = re.search(r"VmHWM:\s+(\d+)", f.read())
                return int(m.group(1)) if m else None
        except OSError:
            return None

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        while self._read(0) not in (None, b""):
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def pct(xs, p):
    xs = sorted(x for x in xs if x == x)
    if not xs:
        return None
    return xs[min(len(xs) - 1, int(p * len(xs)))]


class Bench:
    def __init__(self, a):
        self.a = a
        self.docs = a.docs
        gendoc.generate(self.docs)
        self.lines = {d: n for d, n in gendoc.DOCS.items()}
        self.tmp = tempfile.mkdtemp(prefix="mahdar-bench.")
        self.samples = {}   # (row, editor) -> list
        self.notes = []
        self.editors = []
        for e in ["mahdar", "floor"] + PEERS:
            exe = a.mahdar if e == "mahdar" else EDITORS[e]["argv"][0]
            if shutil.which(exe) or os.access(exe, os.X_OK):
                self.editors.append(e)
            else:
                self.notes.append("%s: not installed, skipped (apt-get install %s)"
                                  % (e, {"emacs": "emacs-nox"}.get(e, e)))

    def add(self, row, ed, v):
        if v is not None:
            self.samples.setdefault((row, ed), []).append(v)

    def scratch(self, doc):
        """A fresh directory with a copy of doc, and a fresh HOME."""
        d = tempfile.mkdtemp(dir=self.tmp)
        home = os.path.join(d, "home")
        os.mkdir(home)
        path = os.path.join(d, doc + ".txt")
        shutil.copyfile(os.path.join(self.docs, doc + ".txt"), path)
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=home,
                   XDG_CONFIG_HOME=os.path.join(home, ".config"), XDG_STATE_HOME=os.path.join(home, ".state"),
                   XDG_DATA_HOME=os.path.join(home, ".data"), XDG_CACHE_HOME=os.path.join(home, ".cache"))
        env.pop("TMUX", None)
        return d, path, env

    def start(self, ed, doc):
        d, path, env = self.scratch(doc)
        argv = [x.replace("{file}", path).replace("{mahdar}", self.a.mahdar) for x in EDITORS[ed]["argv"]]
        return Session(argv, d, env), d, path

    def session(self, ed, doc, where):
        """One run: paint, go to `where`, type keys, maybe save."""
        s, d, path = self.start(ed, doc)
        try:
            paint = s.paint()
            if where == "end" and ed != "floor":
                self.add("paint " + doc, ed, paint)
                self.add("paint cpu " + doc, ed, s.cpu_ms())
                self.add("rss open " + doc, ed, s.hwm_kib())
            keys = EDITORS[ed]["end"] if where == "end" else EDITORS[ed]["mid"](self.lines[doc] // 2)
            if keys:
                s.send(keys.encode())
                s.burst(SETTLE, time.perf_counter() + 120)
            if where == "mid" and doc == "huge" and ed != "floor":
                self.add("rss walked huge", ed, s.hwm_kib())
            for _ in range(self.a.keys):
                ms, n = s.key(KEY)
                self.add("key %s %s" % (where, doc), ed, ms)
                self.add("bytes %s %s" % (where, doc), ed, n)
            if where == "end" and doc == "huge" and EDITORS[ed]["save"] is not None:
                st = os.stat(path)
                if EDITORS[ed]["save_pre"]:
                    s.send(EDITORS[ed]["save_pre"].encode())
                    s.burst(SETTLE, time.perf_counter() + 10)
                cpu = s.cpu_ms()
                t = time.perf_counter()
                os.write(s.fd, EDITORS[ed]["save"].encode())
                last, _ = s.burst(SETTLE, t + 60)
                cpu2 = s.cpu_ms()
                st2 = os.stat(path)
                if (st2.st_mtime_ns, st2.st_size, st2.st_ino) == (st.st_mtime_ns, st.st_size, st.st_ino):
                    self.notes.append("%s: the save did not change %s" % (ed, path))
                else:
                    self.add("save huge", ed, ((last or t) - t) * 1000)
                    if cpu is not None and cpu2 is not None:
                        self.add("save cpu huge", ed, cpu2 - cpu)
        finally:
            s.close()
            shutil.rmtree(d, ignore_errors=True)

    def typing(self, ed):
        """A key every 100 ms for type_s seconds at the end of huge."""
        s, d, _ = self.start(ed, "huge")
        try:
            s.paint()
            if EDITORS[ed]["end"]:
                s.send(EDITORS[ed]["end"].encode())
                s.burst(SETTLE, time.perf_counter() + 60)
            t0 = time.perf_counter()
            k = 0
            while time.perf_counter() - t0 < self.a.type_s:
                due = t0 + k * 0.1
                while time.perf_counter() < due:
                    s._read(due - time.perf_counter())
                ms, _ = s.key(KEY if k % 20 != 19 else b" ")
                self.add("typing huge", ed, ms)
                k += 1
        finally:
            s.close()
            shutil.rmtree(d, ignore_errors=True)

    def cli(self, what):
        """mahdar export/check on huge: wall ms and peak RSS."""
        d, path, env = self.scratch("huge")
        try:
            argv = [self.a.mahdar, "export", path, "--to", "json", "-o", os.path.join(d, "out.json")] \
                if what == "export" else [self.a.mahdar, "check", path]
            t = time.perf_counter()
            pid = os.fork()
            if pid == 0:
                fdn = os.open(os.devnull, os.O_WRONLY)
                os.dup2(fdn, 1)
                os.dup2(fdn, 2)
                os.execve(argv[0], argv, env)
            _, status, ru = os.wait4(pid, 0)
            ms = (time.perf_counter() - t) * 1000
            if what == "export" and os.waitstatus_to_exitcode(status) != 0:
                self.notes.append("mahdar export failed on huge")
            self.add(what + " huge", "mahdar", ms)
            self.add(what + " cpu huge", "mahdar", (ru.ru_utime + ru.ru_stime) * 1000)
            self.add(what + " rss huge", "mahdar", ru.ru_maxrss)
        finally:
            shutil.rmtree(d, ignore_errors=True)

    def run(self):
        docs = self.a.only_docs
        for r in range(self.a.runs):
            for doc in docs:
                for where in ("end", "mid"):
                    for ed in self.editors:
                        log("bench: run %d/%d, %s, %s of %s" % (r + 1, self.a.runs, ed, where, doc))
                        try:
                            self.session(ed, doc, where)
                        except RuntimeError as e:
                            self.notes.append("%s %s %s: %s" % (ed, where, doc, e))
            if "huge" in docs:
                for what in ("export", "check"):
                    self.cli(what)
        for ed in self.editors if self.a.type_s > 0 else []:
            if ed == "floor":
                continue
            log("bench: %s, typing %g s on huge" % (ed, self.a.type_s))
            try:
                self.typing(ed)
            except RuntimeError as e:
                self.notes.append("%s typing: %s" % (ed, e))
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ------------------------------------------------------------ report
    def med(self, row, ed, stat="p50"):
        xs = self.samples.get((row, ed))
        if not xs:
            return None
        if stat == "p50":
            return statistics.median(xs)
        return pct(xs, {"p90": 0.9, "p99": 0.99, "max": 1.0}[stat])

    def report(self):
        peers = [e for e in PEERS if e in self.editors]
        cols = ["mahdar"] + peers + ["floor"]
        # (title, sample row, statistic, unit, target kind, target arg)
        rows = []
        for doc in ("small", "big", "huge"):
            rows.append(("key p50, end of %s" % doc, "key end " + doc, "p50", "ms", "best", 1))
        for doc in ("small", "big", "huge"):
            rows.append(("key p50, inside the 349-char RTL line, %s" % doc, "key mid " + doc, "p50", "ms",
                         "best", 1))
        rows += [
            ("key max while typing %g s on huge" % self.a.type_s, "typing huge", "max", "ms", "abs", 5),
            ("first paint, small", "paint small", "p50", "ms", "vim", 1),
            ("first paint, huge", "paint huge", "p50", "ms", "vim", 1),
            ("first paint, huge: CPU time of the editor", "paint cpu huge", "p50", "ms", "vim", 1),
            ("save after one edit, huge", "save huge", "p50", "ms", "vim", 2),
            ("save after one edit, huge: CPU time", "save cpu huge", "p50", "ms", "vim", 2),
            ("peak RSS, huge opened", "rss open huge", "p50", "MiB", "vim", 1),
            ("peak RSS after moving to line 100,000 of huge", "rss walked huge", "p50", "MiB", "vim", 1),
            ("`export --to json`, huge", "export huge", "p50", "ms", "abs", 400),
            ("`export --to json`, huge, peak RSS", "export rss huge", "p50", "MiB", None, None),
            ("`export --to json`, huge: CPU time", "export cpu huge", "p50", "ms", "abs", 400),
            ("`check`, huge", "check huge", "p50", "ms", "abs", 150),
            ("`check`, huge: CPU time", "check cpu huge", "p50", "ms", "abs", 150),
            ("bytes written to the terminal per key, end of small", "bytes end small", "p50", "B", "vim", 1),
        ]

        def fmt(v, unit):
            if v is None:
                return "—"
            if unit == "MiB":
                return "%.1f" % (v / 1024)
            if unit == "B":
                return "%d" % v
            return "%.2f" % v if v < 10 else "%.0f" % v

        out = []
        out.append("| figure | unit | %s | mahdar ÷ best peer | target | holds |" % " | ".join(
            c if c != "floor" else "pty echo floor" for c in cols))
        out.append("|---|---|%s---|---|---|" % ("---|" * len(cols)))
        for title, row, stat, unit, kind, arg in rows:
            vals = {c: self.med(row, c, stat) for c in cols}
            m = vals["mahdar"]
            pv = [vals[p] for p in peers if vals[p] is not None]
            best = min(pv) if pv else None
            ratio = "%.2f" % (m / best) if m is not None and best else "—"
            if kind == "best":
                target, ok = "≤ best peer", (m is not None and best is not None and m <= best)
            elif kind == "vim":
                vv = vals.get("vim")
                target = "≤ vim" if arg == 1 else "≤ %g × vim" % arg
                ok = m is not None and vv is not None and m <= arg * vv
                if vv:
                    ratio += " (÷ vim %.2f)" % (m / vv) if m is not None else ""
            elif kind == "abs":
                target = "< %g %s" % (arg, unit)
                ok = m is not None and m < arg
            else:
                target, ok = "", None
            out.append("| %s | %s | %s | %s | %s | %s |" % (
                title, unit, " | ".join(fmt(vals[c], unit) for c in cols), ratio, target,
                "" if ok is None else ("yes" if ok else "**no**")))
        out.append("")
        out.append("Spreads (p50 / p90 / p99 / max over every sample; n = samples):")
        out.append("")
        out.append("| figure | %s |" % " | ".join(cols))
        out.append("|---|%s" % ("---|" * len(cols)))
        for title, row, stat, unit, kind, arg in rows:
            cells = []
            for c in cols:
                xs = self.samples.get((row, c))
                if not xs:
                    cells.append("—")
                    continue
                cells.append("%s / %s / %s / %s (n=%d)" % tuple(
                    [fmt(statistics.median(xs), unit)] + [fmt(pct(xs, p), unit) for p in (0.9, 0.99, 1.0)]
                    + [len(xs)]))
            out.append("| %s | %s |" % (title, " | ".join(cells)))
        out.append("")
        with open("/proc/cpuinfo") as f:
            cpu = re.search(r"model name\s*:\s*(.*)", f.read())
        out.append("Machine: %s, %d CPUs, load %.2f; %d runs of %d keys; documents %s." % (
            cpu.group(1) if cpu else "?", os.cpu_count(), os.getloadavg()[0], self.a.runs, self.a.keys,
            ", ".join("%s %d lines %.1f MB" % (d, n, os.path.getsize(os.path.join(self.docs, d + ".txt")) / 1e6)
                      for d, n in gendoc.DOCS.items())))
        for e in cols:
            if e in ("mahdar", "floor"):
                continue
            try:
                v = subprocess.run([e, "--version"], capture_output=True, text=True, timeout=10).stdout
                out.append("%s: %s" % (e, v.splitlines()[0] if v else "?"))
            except (OSError, subprocess.SubprocessError):
                pass
        for n in self.notes:
            out.append("Note: " + n)
        print("\n".join(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    quick = os.environ.get("MAHDAR_BENCH_QUICK", "") not in ("", "0")
    ap.add_argument("--mahdar", default=os.environ.get("MAHDAR", "build/mahdar"))
    ap.add_argument("--quick", action="store_true", default=quick)
    ap.add_argument("--runs", type=int)
    ap.add_argument("--keys", type=int)
    ap.add_argument("--type-s", type=float)
    ap.add_argument("--docs", default=os.path.join("build", "bench-docs"))
    ap.add_argument("--peers", help="comma-separated subset of vim,nano,emacs")
    ap.add_argument("--only", default="small,big,huge", help="documents to measure (comma-separated)")
    a = ap.parse_args()
    a.mahdar = os.path.abspath(a.mahdar)
    a.runs = a.runs or (1 if a.quick else 5)
    a.keys = a.keys or (20 if a.quick else 60)
    a.type_s = a.type_s if a.type_s is not None else (5.0 if a.quick else 30.0)
    a.only_docs = [d for d in a.only.split(",") if d in gendoc.DOCS]
    if a.peers is not None:
        PEERS[:] = [p for p in a.peers.split(",") if p in EDITORS and p != "mahdar"]
    b = Bench(a)
    b.run()
    b.report()


if __name__ == "__main__":
    main()

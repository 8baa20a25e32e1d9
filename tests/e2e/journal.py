#!/usr/bin/env python3
"""journal.py RECOVER TEXT -- print the text a mahdar recovery copy gives.

An independent reader of the recovery journal (include/mahdar/journal.h),
as a second process tailing it would be: the header names the base (the
text file TEXT by size and SHA-256, or the text inline) and its line ids;
each whole record ("R ... E") gives the line ids in order and the lines
changed.  A plain-text copy is printed as it is."""
import hashlib
import sys

data = open(sys.argv[1], 'rb').read()
MAGIC = b'mahdar-journal 1\n'
if not data.startswith(MAGIC):
    sys.stdout.buffer.write(data)
    sys.exit(0)
pos = len(MAGIC)


def line():
    global pos
    end = data.index(b'\n', pos)
    text = data[pos:end]
    pos = end + 1
    return text


def runs(n):
    return [s + i for s, c in (map(int, line().split()) for _ in range(n)) for i in range(c)]


_, size, sha, inline, nruns = line().split()
size = int(size)
order = runs(int(nruns))
if inline == b'1':
    base = data[pos:pos + size]
    pos += size
else:
    base = open(sys.argv[2], 'rb').read()
    if len(base) != size or hashlib.sha256(base).hexdigest().encode() != sha:
        sys.exit('journal.py: the text file is not the journal\'s base')
lines, start = [], 0
while start < len(base):
    nl = base.find(b'\n', start)
    if nl < 0:
        lines.append((base[start:], 0))
        break
    cr = nl > start and base[nl - 1:nl] == b'\r'
    lines.append((base[start:nl - 1] if cr else base[start:nl], 2 if cr else 1))
    start = nl + 1
table = dict(zip(order, lines))
while pos < len(data):
    try:
        head = line().split()
        if head[1] == b'=':
            new_order, count = order, int(head[2])
        else:
            new_order, count = runs(int(head[1])), int(head[2])
        changed = {}
        for _ in range(count):
            _, ident, eol, length = line().split()
            changed[int(ident)] = (data[pos:pos + int(length)], int(eol))
            if len(data) < pos + int(length) + 1:
                raise ValueError
            pos += int(length) + 1
        if line() != b'E':
            raise ValueError
    except (ValueError, IndexError):
        break  # a record cut short: the last whole one counts
    table.update(changed)
    order = new_order
out = sys.stdout.buffer
for ident in order:
    text, eol = table[ident]
    out.write(text + (b'\r\n' if eol == 2 else b'\n' if eol == 1 else b''))

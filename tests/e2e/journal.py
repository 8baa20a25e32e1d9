#!/usr/bin/env python3
"""journal.py RECOVER TEXT -- print the text a mahdar recovery copy gives.

An independent reader of the recovery journal (include/mahdar/journal.h),
as a second process tailing it would be: "B size sha256 inline" names the
base (the text file TEXT, checked by size and SHA-256, or the text
inline); each whole record "S lo old_hi n" + n lines + "E" replaces the
lines [lo, old_hi) by the n lines given; an "A n" record (the items'
sidecar data: n entries "I line status idlen fromlen stamplen" + bytes)
is read past, or printed to standard error with --attrs.  A plain-text
copy is printed as it is."""
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


_, size, sha, inline = line().split()
size = int(size)
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
show_attrs = '--attrs' in sys.argv
while pos < len(data):
    try:
        if data[pos:pos + 2] == b'A ':
            entries = []
            for _ in range(int(line().split()[1])):
                _, ln, status, a, b, c = line().split()
                n = int(a) + int(b) + int(c)
                if len(data) < pos + n + 1:
                    raise ValueError
                ident = data[pos:pos + int(a)].decode()
                entries.append('%s %s %s' % (ln.decode(), status.decode(), ident))
                pos += n + 1
            if line() != b'E':
                raise ValueError
            if show_attrs:
                sys.stderr.write('attrs: ' + '; '.join(entries) + '\n')
            continue
        _, lo, old_hi, count = line().split()
        new = []
        for _ in range(int(count)):
            _, eol, length = line().split()
            if len(data) < pos + int(length) + 1:
                raise ValueError
            new.append((data[pos:pos + int(length)], int(eol)))
            pos += int(length) + 1
        if line() != b'E':
            raise ValueError
    except ValueError:
        break  # a record cut short: the last whole one counts
    lines[int(lo):int(old_hi)] = new
out = sys.stdout.buffer
for text, eol in lines:
    out.write(text + (b'\r\n' if eol == 2 else b'\n' if eol == 1 else b''))

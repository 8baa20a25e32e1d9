#!/bin/sh
# Escape sequences and control bytes inside the text never reach the
# terminal: a file holding an OSC 52 clipboard write, an OSC title, CSI
# sequences (colour, device status report), C1 controls (U+009B, U+0085)
# and a raw 0x9B byte is shown as symbols, and the BYTES mahdar writes (as
# recorded by tmux pipe-pane) contain none of them.  The bidi escapes of
# the terminal working group's recommendation are sent, and undone on exit.
. "$(dirname "$0")/lib.sh"
f="$E2E_DIR/evil.txt"
printf 'clip \033]52;c;cHduZWQ=\007 end\n' >"$f"
printf 'title \033]0;pwned\033\\ x\n' >>"$f"
printf 'red \033[31mRED\033[0m report \033[6n\n' >>"$f"
printf 'c1 \302\233 31m nel \302\205 raw \233 end\n' >>"$f"
printf 'عربي \033[6n نص\n' >>"$f"
out="$E2E_DIR/out.bin"
E2E_PRE="while [ ! -e go ]; do sleep 0.02; done;" start "$f"
e2e_tmux pipe-pane -O "cat >'$out'"
touch "$E2E_DIR/go"
wait_until e2e_ready || fail "mahdar did not start"
expect_screen "clip ^["
expect_screen "end"
keys C-q
expect_exit 0
fresh
python3 - "$out" <<'PY' || fail "hostile bytes reached the terminal"
import sys
b = open(sys.argv[1], "rb").read()
bad = []
# (The printable rest of each sequence, "]52;c;...", is shown as text.)
for needle, what in [(b"\x1b]", "an OSC sequence (OSC 52 clipboard or title)"),
                     (b"\x1b\\", "a string terminator"), (b"\x1b[31m", "the colour CSI"),
                     (b"\x1b[6n", "the device status report")]:
    if needle in b:
        bad.append(what)
try:
    s = b.decode("utf-8")
except UnicodeDecodeError as e:
    bad.append("a byte that is not UTF-8 at %d (raw 0x%02x)" % (e.start, b[e.start]))
    s = b.decode("utf-8", "replace")
for ch in s:
    if 0x80 <= ord(ch) <= 0x9f:
        bad.append("C1 control U+%04X" % ord(ch))
        break
if b"\x1b[8l" not in b or b"\x1b[1 k" not in b:
    bad.append("no ESC[8l ESC[1 k at start")
if b"\x1b[8h" not in b[b.rfind(b"\x1b[8l"):] or b"\x1b[0 k" not in b[b.rfind(b"\x1b[1 k"):]:
    bad.append("no ESC[8h ESC[0 k at exit")
if bad:
    sys.exit("; ".join(bad))
PY

#!/bin/sh
# make install PREFIX=… DESTDIR=… puts the binary, the man page, keymaps and
# examples where a Unix user expects them, and the installed binary runs.
set -u
. "$(dirname "$0")/clilib.sh"
SRC=${MAHDAR_SRCDIR:-.}

run make -s -C "$SRC" install PREFIX=/opt/mahdar DESTDIR="$T/root"
expect_status 0
for f in bin/mahdar share/man/man1/mahdar.1 share/mahdar/keymaps/default.keys \
	share/mahdar/examples/ijtima-ar.txt share/doc/mahdar/README.md; do
	[ -f "$T/root/opt/mahdar/$f" ] || fail "make install did not install $f"
done
[ -x "$T/root/opt/mahdar/bin/mahdar" ] || fail "installed mahdar is not executable"
run "$T/root/opt/mahdar/bin/mahdar" --version
expect_status 0 && expect_out '^mahdar '
run "$T/root/opt/mahdar/bin/mahdar" check "$T/root/opt/mahdar/share/mahdar/examples/ijtima-ar.txt"
expect_status 0
if command -v man >/dev/null 2>&1; then
	run env MANWIDTH=80 man -l "$T/root/opt/mahdar/share/man/man1/mahdar.1"
	expect_status 0 && expect_out 'mahdar - edit meeting minutes'
fi
run make -s -C "$SRC" uninstall PREFIX=/opt/mahdar DESTDIR="$T/root"
expect_status 0
[ -e "$T/root/opt/mahdar/bin/mahdar" ] && fail "make uninstall left the binary"
finish

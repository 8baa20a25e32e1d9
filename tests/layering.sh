#!/bin/sh
# The architecture's layering, checked: each library's header is included
# only by the one module that owns it (see README "Architecture").
fail=0
only() { # only HEADER-REGEX FILE...
	pat=$1; shift
	for f in src/*.c include/mahdar/*.h; do
		grep -Eq "#include <($pat)>" "$f" || continue
		ok=0
		for allowed in "$@"; do [ "$f" = "$allowed" ] && ok=1; done
		if [ $ok = 0 ]; then
			echo "layering: $f includes <$pat>, which belongs to $*" >&2
			fail=1
		fi
	done
}
only 'curses.h|ncurses.h|ncursesw/curses.h|term.h' src/ui_curses.c
only 'fribidi.h|fribidi/fribidi.h' src/bidi.c
only 'unistr.h|unigbrk.h|uniwidth.h|uniwbrk.h|unilbrk.h|unictype.h|uninorm.h|unicase.h' src/ustr.c
only 'jansson.h' src/side.c src/side-list.c src/side-int.h src/side-keep.c src/side-check.c src/side-match.c src/side-apply.c
only 'nettle/sha2.h' src/side.c

# Which of mahdar's own modules each module may include, lowest first (the
# picture in README "Architecture").  A module is a file's name up to a
# '-' (cmd-edit.c is cmd, mode-search.c is mode, side-keep.c would be side);
# ui_curses.c is ui and main.c is cli.  Lower modules never include higher
# ones: a new include that is not in this table fails the build.
LAYERS='
util:
buf:     util
ustr:    util buf
bidi:    util buf
doc:     util buf
fold:    util buf ustr
date:    util buf ustr doc
layout:  util buf ustr bidi
fio:     util buf
txt:     util buf ustr fold date doc
side:    util buf ustr fold date doc txt
journal: util buf doc txt fio
lock:    util
store:   util buf ustr doc txt side fio journal
export:  util buf ustr doc bidi layout txt
review:  util buf doc txt export
archive: util buf ustr doc fold date txt side fio store
edit:    util buf ustr doc layout
search:  util buf doc fold
input:   util buf ustr layout
keymap:  util buf ustr fio
kmap:    util buf ustr fio
draft:   util buf ustr fold date doc txt
buffer:  util buf ustr doc edit store txt fio lock
view:    util buf ustr doc layout edit txt
ui:      util buf ustr view
cmd:     util buf ustr doc edit store txt fio layout search input keymap buffer view ui mode editor kmap draft
mode:    util buf ustr doc edit store txt fio layout search input keymap buffer view ui cmd editor fold archive review draft
editor:  util buf ustr doc edit store txt fio layout search input keymap buffer view ui cmd mode kmap
cli:     util buf ustr doc edit store txt fio layout date side keymap buffer editor fold export review archive cmd kmap draft
'
layer_of() { # the module of a file
	b=$(basename "$1"); b=${b%.[ch]}; b=${b%%-*}
	case $b in ui_curses) b=ui ;; main) b=cli ;; esac
	echo "$b"
}
for f in src/*.c include/mahdar/*.h; do
	m=$(layer_of "$f")
	row=$(printf '%s\n' "$LAYERS" | grep "^$m:")
	if [ -z "$row" ]; then
		echo "layering: $f: module $m is not in the table in tests/layering.sh" >&2
		fail=1
		continue
	fi
	allowed=" ${row#*:} "
	for inc in $(grep -o '#include "mahdar/[a-z_]*\.h"' "$f" | sed 's/.*mahdar\///; s/\.h"//'); do
		[ "$inc" = "$m" ] && continue
		case "$allowed" in
		*" $inc "*) ;;
		*) echo "layering: $f ($m) includes mahdar/$inc.h, which is not below it" >&2; fail=1 ;;
		esac
	done
done
[ $fail = 0 ] && echo "layering: ok"
exit $fail

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
only 'jansson.h' src/side.c src/side-list.c
only 'nettle/sha2.h' src/side.c
[ $fail = 0 ] && echo "layering: ok"
exit $fail

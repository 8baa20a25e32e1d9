#!/bin/sh
# Closing the terminal window while typing loses nothing: the closed
# terminal gives mahdar an end of input and a SIGHUP; it writes the
# recovery copy first, with the deadly signals held off, and the next
# start offers everything that was typed.
. "$(dirname "$0")/lib.sh"
F="$E2E_DIR/m.txt"
printf '# Minutes\n' >"$F"
run=0
while [ $run -lt 3 ]; do
	run=$((run + 1))
	rm -f "$F.recover"
	fresh
	start "$F"
	keys End
	words="typed-before-closing-$run"
	i=0
	while [ $i -lt 10 ]; do
		type_text " $words-$i"
		i=$((i + 1))
	done
	input_read	# every key read by mahdar; the window closes at once
	e2e_tmux kill-window
	e2e_gone() { [ -s "$F.recover" ] && ! kill -0 "$(mahdar_pid)" 2>/dev/null; }
	wait_until e2e_gone || fail "no recovery copy after the window was closed (run $run)"
	recovered "$F" | grep -qF -- "$words-9" || fail "the last words typed were lost (run $run)"
done

# The next start offers them back.
fresh
start "$F"
expect_screen "has unsaved changes from"
type_text 'r'
expect_screen "typed-before-closing-3-9"
keys C-q
type_text 'n'
expect_exit 0
echo "test_close_terminal: ok"

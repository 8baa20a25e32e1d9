# lib.sh — helpers for the end-to-end tests, sourced by tests/e2e/test_*.sh.
#
# Each test runs the real binary ($MAHDAR) in a private tmux server
# (socket mahdar-e2e-PID), types with send-keys and reads the screen with
# capture-pane, polling until the expected screen appears or a deadline
# passes — never a bare sleep as synchronisation.
set -u
: "${MAHDAR:?MAHDAR must name the mahdar binary (the Makefile sets it)}"
: "${MAHDAR_CORPUS:?MAHDAR_CORPUS must name the sample minutes folder}"
export LC_ALL=C.UTF-8

E2E_NAME=$(basename "$0" .sh)
E2E_N=0
E2E_SOCK="mahdar-e2e-$$-0"
E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mahdar-e2e.XXXXXX")
E2E_TERM=${E2E_TERM:-xterm-256color}
# Sanitizer builds are slower: generous deadlines, still bounded.
E2E_TIMEOUT=${E2E_TIMEOUT:-15}

e2e_tmux() { tmux -L "$E2E_SOCK" -f /dev/null "$@"; }

e2e_cleanup() {
	i=0
	while [ $i -le $E2E_N ]; do
		tmux -L "mahdar-e2e-$$-$i" -f /dev/null kill-server >/dev/null 2>&1
		i=$((i + 1))
	done
	# An editor the test left running (its terminal gone, it should exit
	# on SIGHUP) gets 5 s, then is killed: a sanitizer build has been seen
	# to spin in LeakSanitizer at exit, and nothing may outlive the suite.
	# Found by its program and its folder (the test's, or one below it),
	# however the test started it.
	exe=$(readlink -f "$MAHDAR")
	for d in /proc/[0-9]*; do
		[ "$(readlink "$d/exe" 2>/dev/null)" = "$exe" ] || continue
		case "$(readlink "$d/cwd" 2>/dev/null)" in
		"$E2E_DIR" | "$E2E_DIR"/*) ;;
		*) continue ;;
		esac
		p=${d#/proc/}
		n=0
		while kill -0 "$p" 2>/dev/null && [ $n -lt 50 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		if kill -0 "$p" 2>/dev/null; then
			echo "warning [$E2E_NAME]: mahdar (pid $p) still running 5 s after its terminal closed; killed" >&2
			kill -9 "$p" 2>/dev/null
		fi
	done
	rm -rf "$E2E_DIR" 2>/dev/null || { sleep 0.2; rm -rf "$E2E_DIR"; }
}
trap e2e_cleanup EXIT

# fresh — end this tmux server; the next start uses a new one (because a
# server that is shutting down can still hold the old socket).
fresh() {
	e2e_tmux kill-server >/dev/null 2>&1
	E2E_N=$((E2E_N + 1))
	E2E_SOCK="mahdar-e2e-$$-$E2E_N"
}

# fail MESSAGE — print the message and the current screen, exit 1.
fail() {
	echo "FAIL [$E2E_NAME]: $*" >&2
	if e2e_tmux has-session 2>/dev/null; then
		echo "--- screen:" >&2
		e2e_tmux capture-pane -p >&2
		echo "---" >&2
	fi
	exit 1
}

# start FILE [COLS ROWS [EXTRA-ARGS]] — run mahdar on FILE in a fresh pane.
# Its pid goes to $E2E_DIR/pid and, once it exits, its exit status (or
# 128 + signal) to $E2E_DIR/status (because tmux can be slow to reap a
# dead pane's process).  $E2E_PRE, if set, is a shell command run first
# (and start does not wait for the editor to show).
start() {
	rm -f "$E2E_DIR/pid" "$E2E_DIR/status"
	e2e_tmux new-session -d -x "${2:-80}" -y "${3:-24}" \
		"cd '$E2E_DIR'; ${E2E_PRE:-} env TERM=$E2E_TERM LC_ALL=C.UTF-8 HOME='$E2E_DIR' XDG_CONFIG_HOME='$E2E_DIR/config' \
		 sh -c 'echo \$\$ >\"$E2E_DIR/pid\"; exec \"\$0\" \"\$@\"' '$MAHDAR' ${4:-} '$1';
		 echo \$? >'$E2E_DIR/status.tmp'; mv '$E2E_DIR/status.tmp' '$E2E_DIR/status'; sleep 600" ||
		fail "cannot start tmux"
	[ -n "${E2E_PRE:-}" ] || wait_until e2e_ready || fail "mahdar did not start"
}
mahdar_pid() { cat "$E2E_DIR/pid"; }

screen() { e2e_tmux capture-pane -p; }
# row N (0-based) of the screen
row() { e2e_tmux capture-pane -p | sed -n "$(($1 + 1))p"; }
# the status line: the last row drawn in reverse video from its first
# column (a long message wraps onto more rows below it)
status_line() {
	e2e_tmux capture-pane -e -p | grep -E "^$(printf '\033')\\[([0-9]+;)*7(;[0-9]+)*m" | tail -n 1 |
		sed "s/$(printf '\033')\\[[0-9;]*m//g"
}
cursor_x() { e2e_tmux display -p '#{cursor_x}'; }
cursor_y() { e2e_tmux display -p '#{cursor_y}'; }
keys() { e2e_tmux send-keys "$@"; }
# type TEXT — typed literally, as a person would
type_text() { e2e_tmux send-keys -l -- "$1"; }

# wait_until CMD... — poll until CMD succeeds or the deadline passes (returns 1).
wait_until() {
	e2e_end=$(($(date +%s) + E2E_TIMEOUT))
	while :; do
		"$@" && return 0
		[ "$(date +%s)" -ge "$e2e_end" ] && return 1
		sleep 0.05
	done
}
e2e_has() { screen | grep -qF -- "$1"; }
# input_read — until mahdar has read every byte sent to its terminal (the
# pane's input queue is empty), for keys whose effect is not on screen;
# mahdar handles what it has read before it looks at a signal again.
e2e_input_empty() {
	python3 -c 'import fcntl, os, struct, sys, termios
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
sys.exit(struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0" * 4))[0] != 0)' \
		"$(e2e_tmux display -p '#{pane_tty}')"
}
input_read() { wait_until e2e_input_empty || fail "mahdar does not read its input"; }
# wait_for TEXT — until TEXT is somewhere on the screen
wait_for() { wait_until e2e_has "$1"; }
e2e_row_is() { [ "$(row "$1")" = "$2" ]; }
# expect_row N LINE — until row N is exactly LINE (or fail)
expect_row() { wait_until e2e_row_is "$1" "$2" || fail "row $1 is not '$2'"; }
e2e_ready() { status_line | grep -Eq '[0-9]+:[0-9]+ (RTL|LTR)'; }
e2e_status_has() { status_line | grep -qF -- "$1"; }
# expect_status TEXT — until the status line contains TEXT (or fail)
expect_status() { wait_until e2e_status_has "$1" || fail "status line lacks '$1'"; }
e2e_unmodified() { ! status_line | grep -qF '[+]'; }
# expect_unmodified — until the status line no longer shows "[+]"
expect_unmodified() { wait_until e2e_unmodified || fail "still marked modified"; }
expect_screen() { wait_for "$1" || fail "screen lacks '$1'"; }
# expect_message TEXT — until TEXT is on the screen, rows joined by a space
# and runs of spaces taken as one (a long message wraps onto more rows, at
# a space)
e2e_has_joined() {
	screen | tr '\n' ' ' | tr -s ' ' | grep -qF -- "$(printf '%s' "$1" | tr -s ' ')"
}
expect_message() { wait_until e2e_has_joined "$1" || fail "screen lacks '$1'"; }
e2e_exited() { [ -s "$E2E_DIR/status" ]; }
# expect_exit STATUS — until mahdar has exited, with that status
expect_exit() {
	wait_until e2e_exited || fail "mahdar did not exit"
	st=$(cat "$E2E_DIR/status")
	[ "$st" = "$1" ] || fail "exit status $st, expected $1"
}
# right_aligned TEXT [WIDTH] — TEXT padded on the left to WIDTH (80) columns
# (TEXT of single-column characters).
right_aligned() {
	python3 -c 'import sys; t=sys.argv[1]; w=int(sys.argv[2]); print(" "*(w-len(t))+t)' "$1" "${2:-80}"
}
# rtl_row TEXT [WIDTH] — how a pure RTL line (no marks, digits or Latin)
# shows: its characters reversed, right-aligned.
rtl_row() {
	right_aligned "$(python3 -c 'import sys; print(sys.argv[1][::-1])' "$1")" "${2:-80}"
}
# recovered FILE — the text FILE's recovery copy (FILE.recover) gives,
# read by an independent reader of the journal (tests/e2e/journal.py)
recovered() { python3 "$(dirname "$0")/journal.py" "$1.recover" "$1"; }
# save_as_answer NAME — the save-as question is open: erase what it offers,
# type NAME, Enter, and wait until it is saved
save_as_answer() {
	expect_message "Save as"
	i=0
	while [ $i -lt 80 ]; do keys BSpace; i=$((i + 1)); done
	type_text "$1"
	keys Enter
	expect_message "Saved $1"
}

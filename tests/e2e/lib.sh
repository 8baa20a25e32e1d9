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
E2E_SOCK="mahdar-e2e-$$"
E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mahdar-e2e.XXXXXX")
E2E_TERM=${E2E_TERM:-xterm-256color}
# Sanitizer builds are slower: generous deadlines, still bounded.
E2E_TIMEOUT=${E2E_TIMEOUT:-15}

e2e_tmux() { tmux -L "$E2E_SOCK" -f /dev/null "$@"; }

e2e_cleanup() {
	e2e_tmux kill-server >/dev/null 2>&1
	rm -rf "$E2E_DIR"
}
trap e2e_cleanup EXIT

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
# The pane stays after mahdar exits so its exit status can be read.
start() {
	e2e_file=$1
	e2e_tmux new-session -d -x "${2:-80}" -y "${3:-24}" \
		"cd '$E2E_DIR' && exec env TERM=$E2E_TERM LC_ALL=C.UTF-8 HOME='$E2E_DIR' XDG_CONFIG_HOME='$E2E_DIR/config' '$MAHDAR' ${4:-} '$e2e_file'" ||
		fail "cannot start tmux"
	e2e_tmux set-option -g remain-on-exit on >/dev/null
	wait_until e2e_ready || fail "mahdar did not start"
}

screen() { e2e_tmux capture-pane -p; }
# row N (0-based) of the screen
row() { e2e_tmux capture-pane -p | sed -n "$(($1 + 1))p"; }
status_line() { e2e_tmux capture-pane -p | tail -n 2 | head -n 1; }
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
# wait_for TEXT — until TEXT is somewhere on the screen
wait_for() { wait_until e2e_has "$1"; }
e2e_row_is() { [ "$(row "$1")" = "$2" ]; }
# expect_row N LINE — until row N is exactly LINE (or fail)
expect_row() { wait_until e2e_row_is "$1" "$2" || fail "row $1 is not '$2'"; }
e2e_ready() { status_line | grep -Eq '[0-9]+:[0-9]+ (RTL|LTR)'; }
e2e_status_has() { status_line | grep -qF -- "$1"; }
# expect_status TEXT — until the status line contains TEXT (or fail)
expect_status() { wait_until e2e_status_has "$1" || fail "status line lacks '$1'"; }
expect_screen() { wait_for "$1" || fail "screen lacks '$1'"; }
e2e_dead() { [ "$(e2e_tmux display -p '#{pane_dead}')" = 1 ]; }
# expect_exit STATUS — until mahdar has exited, with that status
expect_exit() {
	wait_until e2e_dead || fail "mahdar did not exit"
	st=$(e2e_tmux display -p '#{pane_dead_status}')
	[ "$st" = "$1" ] || fail "exit status $st, expected $1"
}
# right_aligned TEXT [WIDTH] — TEXT padded on the left to WIDTH (80) columns
# (TEXT of single-column characters).
right_aligned() {
	python3 -c 'import sys; t=sys.argv[1]; w=int(sys.argv[2]); print(" "*(w-len(t))+t)' "$1" "${2:-80}"
}

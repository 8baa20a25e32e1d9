#!/bin/sh
# A file named like a subcommand opens in the editor as ./actions or with
# `mahdar -- actions`; the subcommand itself is not run.
. "$(dirname "$0")/lib.sh"
printf '# the file named actions\nDate: 2024-03-15\n' >"$E2E_DIR/actions"
start "./actions"
expect_screen "the file named actions"
keys C-q
expect_exit 0

fresh
start "actions" 80 24 "--"
expect_screen "the file named actions"
keys C-q
expect_exit 0
echo "test_command_names.sh: ok"

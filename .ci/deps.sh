#!/bin/sh
# Make sure the Debian packages mahdar needs to build and test are installed.
# As root, installs what is missing with apt-get; otherwise prints the exact
# command to run and fails.
set -u
PKGS="gcc make pkg-config libncurses-dev libfribidi-dev libunistring-dev \
libjansson-dev nettle-dev libcmocka-dev unicode-data tmux python3 valgrind \
hebcal tidy libfribidi-bin chromium fonts-dejavu-core python3-icu"

have() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

if ! command -v dpkg-query >/dev/null 2>&1; then
	# Not Debian: check the libraries through pkg-config and say what is needed.
	missing=""
	for p in ncursesw fribidi jansson nettle cmocka; do
		pkg-config --exists "$p" 2>/dev/null || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "mahdar: missing development libraries:$missing (and libunistring, tmux)" >&2
		exit 1
	fi
	exit 0
fi

missing=""
for p in $PKGS; do
	have "$p" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086
	if ! apt-get install -y -q --no-install-recommends $missing >/tmp/mahdar-deps.log 2>&1; then
		apt-get update -q >>/tmp/mahdar-deps.log 2>&1
		# shellcheck disable=SC2086
		if ! apt-get install -y -q --no-install-recommends $missing >>/tmp/mahdar-deps.log 2>&1; then
			tail -n 20 /tmp/mahdar-deps.log >&2
			echo "deps: apt-get could not install:$missing (log: /tmp/mahdar-deps.log)" >&2
			exit 1
		fi
	fi
	exit 0
fi

echo "mahdar: these Debian packages are missing:$missing" >&2
echo "install them with:  sudo apt-get install$missing" >&2
exit 1

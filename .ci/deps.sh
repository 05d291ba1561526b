#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Makes sure the Debian packages that unknot builds and tests with are here.
# As root it installs what is missing; otherwise it prints the exact command.
set -u
PKGS="build-essential pkg-config libncurses-dev libsqlite3-dev libcmocka-dev tmux faketime mandoc valgrind sqlite3 time python3 jq procps"

missing=""
pkg-config --exists ncursesw sqlite3 cmocka 2>/dev/null || missing="libs"
for cmd in cc make pkg-config tmux faketime mandoc sqlite3 python3 jq valgrind pgrep; do
    command -v "$cmd" >/dev/null 2>&1 || missing="$missing $cmd"
done
[ -x /usr/bin/time ] || missing="$missing time"
[ -z "$missing" ] && exit 0

cmd="apt-get update && apt-get install -y --no-install-recommends $PKGS"
if [ "$(id -u)" -ne 0 ]; then
    echo "unknot needs Debian packages that are missing ($missing)." >&2
    echo "Run as root:  $cmd" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "missing:$missing; install the equivalents of: $PKGS" >&2
    exit 1
fi
echo "Installing:$PKGS" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $PKGS >/dev/null

#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Makes sure the Debian packages that unknot builds and tests with are here.
# As root on Debian it installs what is missing. As any other user, or with
# UNKNOT_NO_DEPS=1 (a packaging chroot), it never installs anything: what
# the build needs is an error with the exact command to run; a test tool
# that is missing is a note, and the tests that need it print SKIP.
set -u
PKGS="build-essential pkg-config libncurses-dev libsqlite3-dev libcmocka-dev tmux faketime mandoc valgrind sqlite3 time python3 python3-pandas jq procps bash-completion chromium poppler-utils libxml2-utils"

build_missing=""
pkg-config --exists ncursesw sqlite3 cmocka 2>/dev/null || build_missing="libraries"
for cmd in cc make pkg-config; do
    command -v "$cmd" >/dev/null 2>&1 || build_missing="$build_missing $cmd"
done
test_missing=""
for cmd in tmux faketime mandoc sqlite3 python3 jq valgrind pgrep chromium pdfinfo xmllint; do
    command -v "$cmd" >/dev/null 2>&1 || test_missing="$test_missing $cmd"
done
[ -x /usr/bin/time ] || test_missing="$test_missing time"
[ -f /usr/share/bash-completion/bash_completion ] || test_missing="$test_missing bash-completion"
python3 -c "import pandas" 2>/dev/null || /usr/bin/python3 -c "import pandas" 2>/dev/null ||
    test_missing="$test_missing python3-pandas"
[ -z "$build_missing$test_missing" ] && exit 0

cmd="apt-get update && apt-get install -y --no-install-recommends $PKGS"
if [ "$(id -u)" -ne 0 ] || [ -n "${UNKNOT_NO_DEPS:-}" ] || ! command -v apt-get >/dev/null 2>&1; then
    if [ -n "$build_missing" ]; then
        echo "unknot cannot be built: missing$build_missing." >&2
        echo "On Debian, as root:  $cmd" >&2
        exit 1
    fi
    echo "note: test tools missing ($test_missing); the tests that need them will SKIP." >&2
    echo "To run every test, on Debian as root:  $cmd" >&2
    exit 0
fi
echo "Installing:$PKGS" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $PKGS >/dev/null

# SPDX-License-Identifier: BSD-2-Clause
# Builds for distributions and machines without root: nothing is installed
# unless asked (root on Debian, no UNKNOT_NO_DEPS), a test whose tool is
# missing prints SKIP and passes, and the builder's CFLAGS/CPPFLAGS add to
# the Makefile's own flags instead of replacing them.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# A PATH with the basic tools but no faketime, and an apt-get that only
# records that it was called.
BIN=$E2E_TMP/bin
mkdir -p "$BIN"
for c in sh bash grep cat mktemp rm basename dirname env date sed awk cut tr head tail \
         sort wc sleep printf mkdir ls id pkg-config cc make; do
    p=$(command -v "$c") && ln -s "$p" "$BIN/$c"
done
printf '#!/bin/sh\ntouch %s/apt-called\nexit 1\n' "$E2E_TMP" >"$BIN/apt-get"
chmod +x "$BIN/apt-get"

# ---- .ci/deps.sh never installs with UNKNOT_NO_DEPS=1 ---------------------
out=$(cd "$ROOT" && UNKNOT_NO_DEPS=1 PATH=$BIN sh .ci/deps.sh 2>&1); rc=$?
expect_eq "$rc" 0 "deps.sh with test tools missing and UNKNOT_NO_DEPS=1 goes on"
case $out in *"faketime"*"SKIP"*) pass ;; *) fail "deps.sh does not say what will SKIP: $out" ;; esac
[ -e "$E2E_TMP/apt-called" ] && fail "deps.sh ran apt-get although UNKNOT_NO_DEPS=1" || pass

# ---- a test that needs a missing tool is skipped, visibly, with exit 0 ----
out=$(cd "$ROOT" && PATH=$BIN UNKNOT=$UNKNOT bash tests/e2e/test_tui_timer.sh 2>&1); rc=$?
expect_eq "$rc" 0 "the timer tests without faketime exit 0"
case $out in "SKIP: test_tui_timer.sh: needs"*faketime*) pass ;;
    *) fail "the timer tests without faketime do not say SKIP: $out" ;; esac

# ---- the builder's flags add to ours ----------------------------------------
# env -i: make check runs this with WERROR, OPT (and MAKEFLAGS) in the
# environment; a packager's make starts without them.
cmd=$(cd "$ROOT" && env -i PATH="$PATH" make -n -B BUILD="$E2E_TMP/b" CFLAGS=-O3 CPPFLAGS=-DPACKAGER=1 \
      "$E2E_TMP/b/src/when.o" 2>&1 | grep ' -c ')
for want in "-I." "-D_XOPEN_SOURCE=700" "-DUNKNOT_VERSION=" "-DPACKAGER=1" "-std=c11" "-O3"; do
    case $cmd in *" $want"*) pass ;; *) fail "make CFLAGS=-O3 CPPFLAGS=...: '$want' missing: $cmd" ;; esac
done
case $cmd in *-Werror*) fail "a plain build turns warnings into errors: $cmd" ;; *) pass ;; esac
case $cmd in *"-O2 "*"-O3"*) pass ;; *) fail "the builder's -O3 does not come last: $cmd" ;; esac
cmd=$(cd "$ROOT" && env -i PATH="$PATH" make -n -B BUILD="$E2E_TMP/b" WERROR=-Werror "$E2E_TMP/b/src/when.o" 2>&1)
case $cmd in *-Werror*) pass ;; *) fail "the developer mode has no -Werror: $cmd" ;; esac
grep -q 'STRICT) check-layers' "$ROOT/Makefile" && pass || fail "make check does not build strict"

e2e_done

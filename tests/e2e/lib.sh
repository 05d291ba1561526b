# Shared helpers of the end-to-end tests. Source it; $UNKNOT is the binary.
set -u
UNKNOT=${UNKNOT:-./unknot}
case $UNKNOT in /*) ;; *) UNKNOT=$PWD/$UNKNOT ;; esac
E2E_TMP=$(mktemp -d /tmp/unknot-e2e.XXXXXX)
E2E_FAILS=0
E2E_PASSES=0
trap 'e2e_cleanup' EXIT

e2e_cleanup() {
    [ -n "${E2E_TMUX:-}" ] && tmux -L "$E2E_TMUX" kill-server 2>/dev/null
    rm -rf "$E2E_TMP"
}

fail() { echo "FAIL: $*" >&2; E2E_FAILS=$((E2E_FAILS + 1)); }
pass() { E2E_PASSES=$((E2E_PASSES + 1)); }

# run CMD...: runs unknot, keeping its stdout in $OUT, stderr in $ERR, exit in $RC.
run() {
    OUT=$("$UNKNOT" "$@" 2>"$E2E_TMP/stderr" </dev/null); RC=$?
    ERR=$(cat "$E2E_TMP/stderr")
}

expect_rc() { # expect_rc WANT WHAT
    if [ "$RC" -eq "$1" ]; then pass; else fail "$2: exit $RC, wanted $1 (stderr: $ERR)"; fi
}

expect_out() { # expect_out TEXT WHAT
    case $OUT in *"$1"*) pass ;; *) fail "$2: stdout lacks \"$1\": $OUT" ;; esac
}

expect_err() { # expect_err TEXT WHAT
    case $ERR in *"$1"*) pass ;; *) fail "$2: stderr lacks \"$1\": $ERR" ;; esac
}

expect_eq() { # expect_eq GOT WANT WHAT
    if [ "$1" = "$2" ]; then pass; else fail "$3: got \"$1\", wanted \"$2\""; fi
}

e2e_done() {
    echo "$(basename "$0"): $E2E_PASSES passed, $E2E_FAILS failed"
    [ "$E2E_FAILS" -eq 0 ]
}

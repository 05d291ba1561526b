# SPDX-License-Identifier: BSD-2-Clause
# Shared helpers of the end-to-end tests. Source it; $UNKNOT is the binary.
set -u
UNKNOT=${UNKNOT:-./unknot}
case $UNKNOT in /*) ;; *) UNKNOT=$PWD/$UNKNOT ;; esac

# A script that needs a tool this machine lacks is skipped with a visible
# SKIP line, not failed: a packager's chroot or a user without root may
# have no faketime or tmux. The tools are read off the script itself (its
# commands, and the helpers below that call them), so a new script cannot
# forget to declare one. Each entry: tool, then an extended regex of uses.
e2e_skip_unless_tools() {
    local script=$1 missing="" tool uses
    while read -r tool uses; do
        grep -Eq -- "$uses" "$script" || continue
        command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
    done <<'TOOLS'
tmux (^|[^_[:alnum:]])(tmux|tui_start)([^_[:alnum:]]|$)
faketime (^|[^_[:alnum:]])faketime([^_[:alnum:]]|$)
sqlite3 (^|[^_[:alnum:]])(sqlite3|sql|gen_db|new_db)([^_[:alnum:]]|$)
jq (^|[^_[:alnum:]])jq([^_[:alnum:]]|$)
python3 (^|[^_[:alnum:]])python3([^_[:alnum:]]|$)
valgrind (^|[^_[:alnum:]])valgrind([^_[:alnum:]]|$)
pgrep (^|[^_[:alnum:]])(pgrep|tui_pid)([^_[:alnum:]]|$)
TOOLS
    [ -z "$missing" ] && return 0
    echo "SKIP: $(basename "$script"): needs$missing, not installed"
    exit 0
}
e2e_skip_unless_tools "$0"

# check-asan's binary under faketime: libfaketime is preloaded before the
# ASan runtime, which ASan accepts once told not to insist on coming first.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0

# libfaketime and its wrapper keep a semaphore and a segment in /dev/shm
# named after their pid, made with O_EXCL, and remove them only on a clean
# exit. A pane killed with its tmux server leaves them behind, and a later
# run handed the same pid fails with "sem_open: File exists" (CI met this).
# What a dead pid left is garbage: removed when a script starts and ends.
e2e_clear_stale_faketime() {
    local f pid
    for f in /dev/shm/faketime_shm_* /dev/shm/sem.faketime_sem_*; do
        [ -e "$f" ] || continue
        pid=${f##*_}
        case $pid in ''|*[!0-9]*) continue ;; esac
        kill -0 "$pid" 2>/dev/null || [ ! -O "$f" ] || rm -f "$f"
    done
}
e2e_clear_stale_faketime

E2E_TMP=$(mktemp -d /tmp/unknot-e2e.XXXXXX)
E2E_FAILS=0
E2E_PASSES=0
trap 'e2e_cleanup' EXIT

e2e_cleanup() {
    [ -n "${E2E_TMUX:-}" ] && tui_stop
    e2e_clear_stale_faketime
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

# --- the database and files under test ($DB is the test's database) -------
# log ARGS...: logs an episode with the CLI, a failure if it is refused.
log() { "$UNKNOT" --db "$DB" log "$@" >/dev/null 2>&1 || fail "unknot log $*"; }
# sql QUERY: asks the database directly, waiting for a writer to finish.
sql() { sqlite3 -cmd ".timeout 2000" "$DB" "$1"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
mode() { stat -c %a "$1"; }

# --- tmux: the real binary in a real terminal -------------------------------
# A private server per test file; sessions are named without dots.
E2E_TMUX=unknot-e2e-$$

# tui_start COLSxLINES [ENV=VALUE...] -- ARGS...: starts unknot in a pane.
tui_start() {
    local size=$1; shift
    local envs=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
    [ "${1:-}" = -- ] && shift
    local cmd
    cmd=$(printf '%q ' env "${envs[@]}" "$UNKNOT" "$@")
    tmux -L "$E2E_TMUX" -f /dev/null new-session -d -s main -x "${size%x*}" -y "${size#*x}" \
        "$cmd; echo UNKNOT-EXITED-\$?; echo TTY: \$(stty -a | grep -o -- '-*icanon\|-*echo ' | tr -d ' '); sleep 30"
}

tui_keys() { tmux -L "$E2E_TMUX" send-keys -t main "$@"; }
tui_text() { tmux -L "$E2E_TMUX" send-keys -t main -l -- "$1"; }
tui_screen() { tmux -L "$E2E_TMUX" capture-pane -p -t main; }
tui_resize() { tmux -L "$E2E_TMUX" resize-window -t main -x "${1%x*}" -y "${1#*x}"; }
# The pid of unknot itself (a child of the pane's shell).
tui_pid() { pgrep -P "$(tmux -L "$E2E_TMUX" list-panes -t main -F '#{pane_pid}')" -x "$(basename "$UNKNOT")"; }

# tui_wait TEXT [SECONDS]: polls the screen every 50 ms until TEXT shows.
tui_wait() {
    local text=$1 limit=${2:-5} i=0
    while [ $i -lt $((limit * 20)) ]; do
        case $(tui_screen) in *"$text"*) return 0 ;; esac
        sleep 0.05; i=$((i + 1))
    done
    return 1
}

# expect_screen TEXT WHAT: waits for TEXT, records a failure with the screen.
expect_screen() {
    if tui_wait "$1" "${3:-5}"; then pass; else fail "$2: screen lacks \"$1\":
$(tui_screen)"; fi
}

# expect_no_screen TEXT WHAT: the screen (already settled) lacks TEXT.
expect_no_screen() {
    case $(tui_screen) in *"$1"*) fail "$2: screen shows \"$1\":
$(tui_screen)" ;; *) pass ;; esac
}

# Stops the server and waits until it is gone, so the next tui_start never
# meets a dying server; each start then gets a fresh socket name too.
tui_stop() {
    local pid
    pid=$(tmux -L "$E2E_TMUX" display -p '#{pid}' 2>/dev/null)
    tmux -L "$E2E_TMUX" kill-server 2>/dev/null
    if [ -n "$pid" ]; then
        # A zombie still answers kill -0: look at its state instead.
        for _ in $(seq 100); do
            case $(ps -o stat= -p "$pid" 2>/dev/null) in ""|Z*) break ;; esac
            sleep 0.02
        done
    fi
    rm -f "/tmp/tmux-$(id -u)/$E2E_TMUX"
    E2E_RUN=$((${E2E_RUN:-0} + 1))
    E2E_TMUX=unknot-e2e-$$-$E2E_RUN
}

# SPDX-License-Identifier: BSD-2-Clause
# The history screen over 10,000 episodes, in a real terminal (tmux): the
# time from sending `l` on home until the first rows show, and from
# sending `G` until the oldest row shows. Median of several runs, in ms.
# Prints figures only: timing never fails the build.
. "$(dirname "$0")/gen.sh"
RUNS=${RUNS:-9}
COUNT=10000
SOCK=unknot-bench-$$
tmp=$(mktemp -d /tmp/unknot-bench.XXXXXX)
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

screen() { tmux -L "$SOCK" capture-pane -p -t main; }

# now_us: wall clock in microseconds, without forking (bash 5).
now_us() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }

# wait_text TEXT: polls the pane every 5 ms (10 s at most); 1 on timeout.
wait_text() {
    local deadline=$(($(now_us) + 10000000))
    while [ "$(now_us)" -lt $deadline ]; do
        case $(screen) in *"$1"*) return 0 ;; esac
        sleep 0.005
    done
    return 1
}

# start [DB]: unknot on DB (the big one by default) in a fresh server.
start() {
    tmux -L "$SOCK" -f /dev/null new-session -d -s main -x 80 -y 24 \
        "$(printf '%q ' "$UNKNOT" --db "${1:-$tmp/big.db}"); sleep 30"
    wait_text "n new" || { echo "bench_history: home did not show" >&2; exit 1; }
}

# Waits for the server to exit, so the next run starts a fresh one.
stop() {
    local pid
    pid=$(tmux -L "$SOCK" display-message -p '#{pid}' 2>/dev/null)
    tmux -L "$SOCK" kill-server 2>/dev/null
    [ -n "$pid" ] || return 0
    for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.01; done
}

# timed KEY TEXT: ms (with one decimal) from sending KEY until TEXT shows.
timed() {
    local t0 t1
    t0=$(now_us)
    tmux -L "$SOCK" send-keys -t main "$1"
    wait_text "$2" || { echo "bench_history: \"$2\" did not show" >&2; exit 1; }
    t1=$(now_us)
    echo "$(((t1 - t0) / 1000)).$((((t1 - t0) / 100) % 10))"
}

# tui_peak_kb DB COUNT: unknot's peak RSS after l, G and g on DB: the window
# of rows must keep it flat however long the history is.
tui_peak_kb() {
    local pane pid kb
    start "$1"
    timed l "1/$2" >/dev/null
    timed G "$2/$2" >/dev/null
    timed g "1/$2" >/dev/null
    pane=$(tmux -L "$SOCK" list-panes -t main -F '#{pane_pid}')
    pid=$(pgrep -P "$pane" -x "$(basename "$UNKNOT")")
    kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
    stop
    echo "$kb"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

gen_db "$tmp/big.db" "$COUNT" || { echo "bench_history: gen_db failed" >&2; exit 1; }
open_ms=() end_ms=() floor_ms=()
for _ in $(seq "$RUNS"); do
    start
    # The same path without the database: `?` redraws into the help
    # screen from a static table, so this is tmux, the loop and a redraw.
    floor_ms+=("$(timed '?' "Keys of Home")")
    tmux -L "$SOCK" send-keys -t main Escape
    wait_text "n new" || { echo "bench_history: help did not close" >&2; exit 1; }
    open_ms+=("$(timed l "1/$COUNT")")
    end_ms+=("$(timed G "$COUNT/$COUNT")")
    stop
done
floor=$(printf '%s\n' "${floor_ms[@]}" | median)
open=$(printf '%s\n' "${open_ms[@]}" | median)
end=$(printf '%s\n' "${end_ms[@]}" | median)
echo "history over $COUNT episodes, median of $RUNS runs at 80x24 (5 ms polling):"
echo "  l on home -> first rows shown: ${open} ms"
echo "  G -> oldest row shown:         ${end} ms"
echo "  ? on home -> help shown (no database; the harness floor): ${floor} ms"
gen_db "$tmp/small.db" 100 || { echo "bench_history: gen_db failed" >&2; exit 1; }
small_kb=$(tui_peak_kb "$tmp/small.db" 100)
big_kb=$(tui_peak_kb "$tmp/big.db" "$COUNT")
echo "  peak RSS after l, G, g: 100 episodes ${small_kb} KB, $COUNT episodes ${big_kb} KB"
echo "  all runs: l ${open_ms[*]} | G ${end_ms[*]} | ? ${floor_ms[*]}"

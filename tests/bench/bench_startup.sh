# SPDX-License-Identifier: BSD-2-Clause
# Launch to first frame in tmux on ten years of daily use (~5,000 episodes),
# against the tmux harness alone (a command that prints one line).
. "$(dirname "$0")/gen.sh"
tmp=$(mktemp -d /tmp/unknot-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# first_frame_ms TEXT CMD: ms from starting CMD in a new pane until TEXT shows.
first_frame_ms() {
    local text=$1 cmd=$2 t0 t1 sock=unknot-bench-$$-$RANDOM i=0
    t0=$(date +%s%N)
    tmux -L $sock -f /dev/null new-session -d -s b -x 80 -y 24 "$cmd; sleep 10"
    until tmux -L $sock capture-pane -p -t b 2>/dev/null | grep -q "$text"; do
        i=$((i + 1)); [ $i -gt 5000 ] && { echo "bench: \"$text\" never showed" >&2; break; }
    done
    t1=$(date +%s%N)
    tmux -L $sock kill-server 2>/dev/null
    rm -f "/tmp/tmux-$(id -u)/$sock"
    echo $(((t1 - t0) / 100000))
}

median() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%d.%d", m/10, m%10}'; }

gen_db "$tmp/u.db" 5000
harness=$(for _ in $(seq 9); do first_frame_ms ready "echo ready"; done | median)
app=$(for _ in $(seq 9); do first_frame_ms "n new" "$UNKNOT --db $tmp/u.db"; done | median)
echo "first frame, 5000 episodes, median of 9: unknot ${app} ms; tmux harness alone ${harness} ms (target: under 20 ms)"

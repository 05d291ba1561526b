# SPDX-License-Identifier: BSD-2-Clause
# Launch to first frame in tmux on ten years of daily use (~5,000 episodes),
# against the tmux harness alone (a command that prints one line).
. "$(dirname "$0")/gen.sh"
tmp=$(mktemp -d /tmp/unknot-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

gen_db "$tmp/u.db" 5000
harness=$(for _ in $(seq 9); do first_frame_ms ready "echo ready"; done | median)
app=$(for _ in $(seq 9); do first_frame_ms "n new" "$UNKNOT --db $tmp/u.db"; done | median)
echo "first frame, 5000 episodes, median of 9: unknot ${app} ms; tmux harness alone ${harness} ms (target: under 20 ms)"

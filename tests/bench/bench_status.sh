# SPDX-License-Identifier: BSD-2-Clause
# unknot status, run at every shell prompt: the median of 11 runs on ten
# years of daily use (~5,000 episodes), against a process that does nothing
# (the cost of starting any program), with an ongoing episode, an ice
# session and a warning sign so that every field has something to say.
. "$(dirname "$0")/gen.sh"
tmp=$(mktemp -d /tmp/unknot-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# run_us CMD...: the wall-clock time of one run of CMD, in microseconds.
run_us() {
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000))
}

median_ms() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%.1f", m/1000}'; }

gen_db "$tmp/u.db" 5000
"$UNKNOT" --db "$tmp/u.db" log --at "1h ago" -i 7 -r lower --symptom weakness >/dev/null
now=$(date +%s)
sqlite3 "$tmp/u.db" "INSERT INTO sessions (kind, planned_s, elapsed_s, started_at, ended_at,
  status, checkpoint_at, owner_pid) VALUES ('ice', 1200, 1200, $((now - 3000)), $((now - 1800)),
  'done', $((now - 1800)), 1)"
line=$("$UNKNOT" --db "$tmp/u.db" status)
"$UNKNOT" --db "$tmp/u.db" status >/dev/null # warm the page cache
harness=$(for _ in $(seq 11); do run_us /bin/true; done | median_ms)
all=$(for _ in $(seq 11); do run_us "$UNKNOT" --db "$tmp/u.db" status; done | median_ms)
noflags=$(for _ in $(seq 11); do run_us "$UNKNOT" --db "$tmp/u.db" status --format '%w %o %i'; done | median_ms)
echo "status, 5000 episodes, median of 11: unknot ${all} ms (without %f: ${noflags} ms); an empty process ${harness} ms (target: under 5 ms)"
echo "status line: $line"

# SPDX-License-Identifier: BSD-2-Clause
# unknot status, run at every shell prompt: the median of 11 runs on ten
# years of use (gen_tenyears: 5,000 episodes with readings, intakes and
# sessions over 3,650 days), against a process that does nothing
# (the cost of starting any program), with an ongoing episode, an ice
# session and a warning sign so that every field has something to say.
. "$(dirname "$0")/gen.sh"
tmp=$(mktemp -d /tmp/unknot-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# run_us CMD...: the wall-clock time of one run of CMD, in microseconds,
# read from bash's own clock ($EPOCHREALTIME, bash 5): two date(1) forks
# around it would add about 2 ms to every figure.
now_us() {
    if [ -n "${EPOCHREALTIME:-}" ]; then local t=${EPOCHREALTIME/[.,]/}; echo "$t"
    else echo $(($(date +%s%N) / 1000)); fi
}
run_us() {
    local t0 t1
    t0=$(now_us); "$@" >/dev/null; t1=$(now_us)
    echo $((t1 - t0))
}

median_ms() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%.1f", m/1000}'; }

gen_tenyears "$tmp/u.db" || { echo "FAIL: gen_tenyears"; exit 1; }
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
echo "status, ten years (5000 episodes), median of 11: unknot ${all} ms (without %f: ${noflags} ms); an empty process ${harness} ms (target: under 5 ms)"
echo "status line: $line"

# SPDX-License-Identifier: BSD-2-Clause
# Shared by the benchmarks (source it): $UNKNOT made absolute, and the
# helpers below.
UNKNOT=${UNKNOT:-./unknot}
case $UNKNOT in /*) ;; *) UNKNOT=$PWD/$UNKNOT ;; esac

# peak_kb CMD...: the peak resident memory of CMD, in KB.
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

# best_ms CMD...: the best of 5 wall-clock runs of CMD, in ms.
best_ms() {
    local best=999999 t0 t1 ms
    for _ in 1 2 3 4 5; do
        t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
        ms=$(((t1 - t0) / 1000000)); [ $ms -lt $best ] && best=$ms
    done
    echo $best
}

# first_frame_ms TEXT CMD: from starting CMD in a new 80x24 tmux pane until TEXT
# shows, in tenths of a ms (median prints them as ms).
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

# median: the median of the numbers on stdin (tenths of a ms), as "12.3".
median() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%d.%d", m/10, m%10}'; }

# new_db FILE: an empty unknot database. The read-only commands (list,
# ...) no longer create one, so it imports an empty export (version 1, which
# every later unknot reads).
new_db() {
    printf '{"format": "unknot-export", "version": 1, "episodes": [], "sessions": [], "checks": []}\n' |
        "$UNKNOT" --db "$1" import /dev/stdin >/dev/null
}

# gen_db FILE COUNT: a database of COUNT generated episodes (one every ~50
# minutes back from now, a third with a trigger tag), each with 4 pain
# readings and 2 medication intakes. The schema comes from
# unknot itself; rows are bulk-inserted with the sqlite3 shell for speed.
gen_db() {
    local db=$1 count=$2 now
    now=$(date +%s)
    rm -f "$db" "$db-wal" "$db-shm"
    new_db "$db" || return 1
    sqlite3 "$db" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
INSERT INTO episodes(started_at, ended_at, intensity, region, side, notes, created_at, updated_at)
SELECT $now - i * 3000, $now - i * 3000 + 1800, i % 11,
       CASE i % 4 WHEN 0 THEN 'lower' WHEN 1 THEN 'mid' WHEN 2 THEN 'upper' ELSE 'neck' END,
       CASE i % 3 WHEN 0 THEN 'left' WHEN 1 THEN 'right' ELSE NULL END,
       'generated episode ' || i, $now, $now
FROM n;
INSERT INTO episode_tags(episode_id, kind, tag)
SELECT id, 'trigger', CASE id % 3 WHEN 0 THEN 'lifting' WHEN 1 THEN 'stress' ELSE 'sitting' END
FROM episodes WHERE id % 3 = 0;
-- the first reading of each episode (its intensity), then three more
INSERT INTO readings(episode_id, taken_at, pain, source, created_at)
SELECT id, started_at, intensity, 'log', created_at FROM episodes ORDER BY id;
WITH k(j) AS (VALUES (1), (2), (3))
INSERT INTO readings(episode_id, taken_at, pain, source, created_at)
SELECT id, started_at + 600 * j, (intensity + 11 - j) % 11, 'cli', started_at + 600 * j
FROM episodes, k ORDER BY id, j;
-- two medication intakes per episode
WITH k(j) AS (VALUES (0), (1))
INSERT INTO treatments(kind, name, taken_at, pain_before, pain_after, episode_id, created_at)
SELECT 'medication', CASE id % 3 WHEN 0 THEN 'ibuprofen 400 mg' ELSE 'paracetamol 1 g' END,
       started_at + 300 + 900 * j, intensity, CASE j WHEN 1 THEN (intensity + 8) % 11 END, id,
       started_at
FROM episodes, k ORDER BY id, j;
COMMIT;
SQL
}

# gen_tenyears FILE [EPISODES [READINGS_EACH [SESSIONS]]]: ten years of
# daily use (issue 13): by default 5,000 episodes spread evenly over the
# last 3,650 days (a third with a trigger tag), 4 pain readings each (the
# first is the intensity: 20,000), 2 medication intakes each (10,000) and
# 3,000 timer sessions (stretch, ice, heat in turn, most linked to an
# episode, with pain before and after). Like gen_db: unknot's schema, rows
# bulk-inserted by the sqlite3 shell.
gen_tenyears() {
    local db=$1 count=${2:-5000} each=${3:-4} nses=${4:-3000} now span gap
    now=$(date +%s)
    span=$((3650 * 86400))
    gap=$((span / count))
    rm -f "$db" "$db-wal" "$db-shm"
    new_db "$db" || return 1
    sqlite3 "$db" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
INSERT INTO episodes(started_at, ended_at, intensity, region, side, notes, created_at, updated_at)
SELECT $now - i * $gap, $now - i * $gap + 3600 * (1 + i % 30), 2 + i % 9,
       CASE i % 4 WHEN 0 THEN 'lower' WHEN 1 THEN 'mid' WHEN 2 THEN 'upper' ELSE 'neck' END,
       CASE i % 3 WHEN 0 THEN 'left' WHEN 1 THEN 'right' ELSE NULL END,
       'generated episode ' || i, $now - i * $gap, $now - i * $gap
FROM n;
INSERT INTO episode_tags(episode_id, kind, tag)
SELECT id, 'trigger', CASE id % 3 WHEN 0 THEN 'lifting' WHEN 1 THEN 'stress' ELSE 'sitting' END
FROM episodes WHERE id % 3 = 0;
INSERT INTO readings(episode_id, taken_at, pain, source, created_at)
SELECT id, started_at, intensity, 'log', created_at FROM episodes ORDER BY id;
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < $each - 1)
INSERT INTO readings(episode_id, taken_at, pain, source, created_at)
SELECT id, started_at + (ended_at - started_at) * j / $each, max(0, intensity - j), 'cli',
       started_at + (ended_at - started_at) * j / $each
FROM episodes, k ORDER BY id, j;
WITH k(j) AS (VALUES (0), (1))
INSERT INTO treatments(kind, name, taken_at, pain_before, pain_after, episode_id, created_at)
SELECT 'medication', CASE id % 3 WHEN 0 THEN 'ibuprofen 400 mg' ELSE 'paracetamol 1 g' END,
       started_at + 300 + 1200 * j, intensity, CASE j WHEN 1 THEN max(0, intensity - 2) END, id,
       started_at
FROM episodes, k ORDER BY id, j;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $nses)
INSERT INTO sessions(kind, routine, hold_s, planned_s, elapsed_s, started_at, ended_at, status,
                     episode_id, pain_before, pain_after)
SELECT CASE i % 3 WHEN 0 THEN 'stretch' WHEN 1 THEN 'ice' ELSE 'heat' END,
       CASE i % 3 WHEN 0 THEN 'mobility' END, CASE i % 3 WHEN 0 THEN 30 END,
       1200, 1200 - 60 * (i % 5 = 4), $now - i * ($span / $nses), $now - i * ($span / $nses) + 1200,
       CASE i % 5 WHEN 4 THEN 'stopped' ELSE 'done' END,
       (SELECT id FROM episodes WHERE started_at <= $now - i * ($span / $nses)
        ORDER BY started_at DESC LIMIT 1),
       5 + i % 4, 3 + i % 4
FROM n;
COMMIT;
SQL
}

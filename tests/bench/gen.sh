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

# SPDX-License-Identifier: BSD-2-Clause
# golden_db FILE: a fixed database of 1,000 generated episodes with tags of
# every kind, sessions of every kind and status, and red-flag checks, with
# timestamps counted back from NOW (2026-11-30 12:00:00 UTC). The schema
# comes from unknot itself; the rows are written with the sqlite3 shell so
# that the data does not depend on the code under test.
. "$(dirname "${BASH_SOURCE[0]}")/../bench/gen.sh" # new_db
GOLDEN_NOW=1796040000
golden_db() {
    local db=$1 now=$GOLDEN_NOW
    rm -f "$db" "$db-wal" "$db-shm"
    new_db "$db" || return 1
    sqlite3 "$db" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO episodes(started_at, ended_at, intensity, region, side, notes, created_at, updated_at)
SELECT $now - i * 7919 - (i * i) % 3001,
       CASE WHEN i % 97 = 0 THEN NULL
            ELSE $now - i * 7919 - (i * i) % 3001 + (i % 13) * 1337 + (i % 5) * 86400 END,
       (i * 7) % 11,
       CASE i % 4 WHEN 0 THEN 'lower' WHEN 1 THEN 'mid' WHEN 2 THEN 'upper' ELSE 'neck' END,
       CASE i % 5 WHEN 0 THEN 'left' WHEN 1 THEN 'right' WHEN 2 THEN 'both' WHEN 3 THEN 'center' ELSE NULL END,
       CASE i % 6 WHEN 0 THEN '' WHEN 1 THEN 'after lifting, "heavy" box; ' || i
            WHEN 2 THEN 'naïve – 痛み ' || i WHEN 3 THEN 'line one' || char(10) || 'line two'
            WHEN 4 THEN '=SUM(A1) ' || i ELSE 'plain note ' || i END,
       $now - i * 7919, $now - i * 7000
FROM n;
INSERT INTO episode_tags(episode_id, kind, tag)
SELECT id, 'trigger', CASE id % 3 WHEN 0 THEN 'lifting' WHEN 1 THEN 'stress' ELSE 'sitting' END
FROM episodes WHERE id % 2 = 0;
INSERT INTO episode_tags(episode_id, kind, tag)
SELECT id, 'trigger', 'twisting' FROM episodes WHERE id % 7 = 0;
INSERT INTO episode_tags(episode_id, kind, tag)
SELECT id, 'symptom', CASE id % 4 WHEN 0 THEN 'stiffness' WHEN 1 THEN 'radiating-leg' WHEN 2 THEN 'numbness' ELSE 'knot' END
FROM episodes WHERE id % 3 = 0;
INSERT INTO episode_tags(episode_id, kind, tag)
SELECT id, 'relief', CASE id % 3 WHEN 0 THEN 'heat' WHEN 1 THEN 'ice' ELSE 'walking' END
FROM episodes WHERE id % 4 = 1;
INSERT INTO episode_tags(episode_id, kind, tag)
SELECT id, 'medication', CASE id % 5 WHEN 0 THEN 'ibuprofen 400 mg' WHEN 1 THEN 'paracetamol, 1 g'
                              WHEN 2 THEN 'Diclofenac "gel"' ELSE 'naproxen ' || (id % 40) END
FROM episodes WHERE id % 5 <> 4;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
INSERT INTO sessions(kind, routine, hold_s, planned_s, elapsed_s, started_at, ended_at, status,
                     episode_id, pain_before, pain_after, checkpoint_at, owner_pid)
SELECT CASE i % 3 WHEN 0 THEN 'stretch' WHEN 1 THEN 'ice' ELSE 'heat' END,
       CASE i % 3 WHEN 0 THEN (CASE i % 2 WHEN 0 THEN 'first-aid' ELSE 'mobility' END) ELSE NULL END,
       CASE i % 3 WHEN 0 THEN (CASE i % 4 WHEN 0 THEN 5 ELSE 30 END) ELSE NULL END,
       CASE i % 3 WHEN 0 THEN 300 WHEN 1 THEN 900 ELSE 1200 END,
       CASE i % 4 WHEN 0 THEN 300 WHEN 1 THEN 600 WHEN 2 THEN 45 ELSE 1200 END,
       $now - i * 20011,
       $now - i * 20011 + 1200,
       CASE i % 4 WHEN 0 THEN 'done' WHEN 1 THEN 'stopped' WHEN 2 THEN 'interrupted' ELSE 'done' END,
       CASE WHEN i % 5 = 0 THEN i ELSE NULL END,
       CASE WHEN i % 2 = 0 THEN (i % 11) ELSE NULL END,
       CASE WHEN i % 2 = 0 THEN ((i + 3) % 11) ELSE NULL END,
       $now - i * 20011 + 1200, NULL
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO checks(taken_at, verdict)
SELECT $now - i * 86399,
       CASE i % 4 WHEN 0 THEN 'clear' WHEN 1 THEN 'see_doctor' WHEN 2 THEN 'urgent' ELSE 'emergency' END
FROM n;
WITH RECURSIVE k(item) AS (SELECT 1 UNION ALL SELECT item + 1 FROM k WHERE item < 20)
INSERT INTO check_answers(check_id, item, answer)
SELECT c.id, k.item,
       CASE c.verdict WHEN 'clear' THEN 0
                      WHEN 'emergency' THEN (k.item = 1)
                      WHEN 'urgent' THEN (k.item = 10)
                      ELSE (k.item = 17) END
FROM checks c, k;
INSERT INTO readings(episode_id, taken_at, pain, source, created_at)
SELECT id, started_at, intensity, 'log', created_at FROM episodes ORDER BY id;
INSERT INTO readings(episode_id, taken_at, pain, source, created_at)
SELECT id, started_at + 3600 * (1 + id % 5), (intensity + 1 + id % 4) % 11,
       CASE id % 2 WHEN 0 THEN 'cli' ELSE 'home' END, started_at + 3600
FROM episodes WHERE id % 3 = 0 AND (ended_at IS NULL OR ended_at >= started_at + 3600 * (1 + id % 5))
ORDER BY id;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 90)
INSERT INTO treatments(kind, name, taken_at, duration_s, pain_before, pain_after, episode_id,
                       created_at)
SELECT CASE i % 3 WHEN 2 THEN (CASE i % 4 WHEN 0 THEN 'ice' WHEN 1 THEN 'walk' ELSE 'heat' END)
                  ELSE 'medication' END,
       CASE i % 3 WHEN 2 THEN '' WHEN 1 THEN 'ibuprofen 400 mg' ELSE 'Paracetamol 1 g' END,
       $now - i * 14401, CASE i % 3 WHEN 2 THEN 600 + (i % 4) * 300 ELSE NULL END,
       CASE WHEN i % 4 <> 3 THEN 3 + i % 6 ELSE NULL END,
       CASE WHEN i % 4 <> 3 AND i % 5 <> 0 THEN 2 + i % 5 ELSE NULL END,
       NULL, $now - i * 14401
FROM n;
COMMIT;
SQL
}

# golden_outputs DB DIR: every CLI output the restructuring must keep,
# one file each, written by unknot on a frozen clock at GOLDEN_NOW.
golden_outputs() {
    local db=$1 dir=$2 at='2026-11-30 12:00:00'
    mkdir -p "$dir"
    # libfaketime is preloaded before the ASan runtime of check-asan's build,
    # which ASan accepts once told not to insist on coming first.
    # The text outputs fit the terminal (COLUMNS) and cut cells with the
    # locale's ellipsis: both fixed here. faketime -f with a date and no @
    # stops the clock: a slow start under load must not move "now".
    u() {
        ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 TZ=UTC \
            COLUMNS=80 LC_ALL=C.UTF-8 \
            faketime -f "$at" "$UNKNOT" --db "$db" "$@"
    }
    u list > "$dir/list.txt"
    u list --since 2026-10-01 --until 2026-11-01 > "$dir/list-oct.txt"
    for id in 1 2 3 6 97 500 1000; do u show "$id"; done > "$dir/show.txt"
    for f in text markdown csv json; do u report --format "$f" > "$dir/report.$f"; done
    u report --since 2025-01-01 --format text > "$dir/report-all.text"
    u export --format csv > "$dir/export.csv"
    u export --format json > "$dir/export.json"
    u flags > "$dir/flags.txt"
    u flags --json > "$dir/flags.json"
    u checks > "$dir/checks.txt"
    u sessions > "$dir/sessions.txt"
}

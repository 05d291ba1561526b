# gen_db FILE COUNT: a database of COUNT generated episodes (one every ~50
# minutes back from now, a third with a trigger tag). The schema comes from
# unknot itself; rows are bulk-inserted with the sqlite3 shell for speed.
gen_db() {
    local db=$1 count=$2 now
    now=$(date +%s)
    rm -f "$db" "$db-wal" "$db-shm"
    "$UNKNOT" --db "$db" list >/dev/null || return 1
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
COMMIT;
SQL
}

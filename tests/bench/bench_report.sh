# SPDX-License-Identifier: BSD-2-Clause
# report over a long history: time and peak memory for 100 and 100,000
# episodes, for the default period (the last 90 days: ~2,600 of the
# generated episodes) and for the whole history (every episode in the
# period), against the sqlite3 shell reading the same rows. Fails when the
# whole-history report over 100,000 episodes takes 2 s or more, or when
# its peak memory grows by more than 2 MB over a 100-episode history.
. "$(dirname "$0")/gen.sh"
tmp=$(mktemp -d /tmp/unknot-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# What the report reads, as plain SQL: every episode for the flags, the
# period's episodes with their tags, the sorted durations, checks with
# answers and sessions, the pain readings in their episodes' order, the
# treatments and the check-ins.
sql_report='
select id, started_at, ended_at, intensity, region from episodes order by started_at, id;
select e.id, e.started_at, e.ended_at, e.intensity, e.region, e.side, e.notes,
       (select group_concat(kind || tag) from episode_tags t where t.episode_id = e.id)
  from episodes e where started_at >= 0 order by started_at, id;
select ended_at - started_at from episodes where ended_at is not null and started_at >= 0
  order by 1;
select c.id, c.taken_at, c.verdict, (select group_concat(answer) from check_answers a
  where a.check_id = c.id) from checks c;
select * from sessions;
select r.id, r.episode_id, r.taken_at, r.pain, r.source, r.created_at, e.started_at
  from episodes e join readings r on r.episode_id = e.id order by e.started_at, e.id, r.taken_at, r.id;
select * from treatments order by taken_at, id;
select * from checkins order by day;
select * from weekly order by taken_at;'

gen_db "$tmp/small.db" 100
gen_db "$tmp/big.db" 100000
all="--since 1970-01-02"
for period in default all; do
    args=""; [ $period = all ] && args=$all
    small_kb=$(peak_kb "$UNKNOT" --db "$tmp/small.db" report $args)
    big_kb=$(peak_kb "$UNKNOT" --db "$tmp/big.db" report $args)
    small_ms=$(best_ms "$UNKNOT" --db "$tmp/small.db" report $args)
    big_ms=$(best_ms "$UNKNOT" --db "$tmp/big.db" report $args)
    echo "report ($period period): 100 episodes ${small_ms} ms ${small_kb} KB;" \
         "100000 episodes ${big_ms} ms ${big_kb} KB; memory growth $((big_kb - small_kb)) KB"
done
t_sqlite=$(best_ms sqlite3 "$tmp/big.db" "$sql_report")
echo "report over 100000 episodes (all): unknot ${big_ms} ms, sqlite3 shell same rows ${t_sqlite} ms" \
     "(limit 2000 ms; memory growth limit 2048 KB)"
[ "$big_ms" -lt 2000 ] || { echo "FAIL: report over 100000 episodes took ${big_ms} ms"; exit 1; }
[ $((big_kb - small_kb)) -le 2048 ] || { echo "FAIL: report memory grows with the history"; exit 1; }

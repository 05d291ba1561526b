# SPDX-License-Identifier: BSD-2-Clause
# Ten years of use (issue 13): 5,000 episodes, 20,000 pain readings, 10,000
# medication intakes, 3,000 timer sessions (gen_tenyears). Measures the
# first frame of home (target under 20 ms), `report` over the whole
# history against the sqlite3 shell reading the same rows (target within
# 1.5x), and the peak memory of `report` and `export` from 100 to 100,000
# episodes with 4 readings each (target: flat, under 2 MB of growth).
# Fails when the memory grows past 2 MB or the report takes more than 1.5x
# the shell (which also runs the report's quick_check) plus 20 ms (a fixed
# allowance for start-up noise on a fast disk); the first frame is
# reported, not enforced (tmux's own time varies with the machine's load).
. "$(dirname "$0")/gen.sh"
tmp=$(mktemp -d /tmp/unknot-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0

# What the whole-history report reads, as plain SQL: every episode for the
# flags, the episodes with their tags, the sorted durations, their pain
# readings, the treatments, checks with answers, sessions, check-ins.
sql_report='
select id, started_at, ended_at, intensity, region from episodes order by started_at, id;
select e.id, e.started_at, e.ended_at, e.intensity, e.region, e.side, e.notes,
       (select group_concat(kind || tag) from episode_tags t where t.episode_id = e.id)
  from episodes e where started_at >= 0 order by started_at, id;
select ended_at - started_at from episodes where ended_at is not null and started_at >= 0
  order by 1;
select r.episode_id, r.taken_at, r.pain from episodes e join readings r on r.episode_id = e.id
  order by e.started_at, e.id, r.taken_at, r.id;
select kind, name, taken_at, duration_s, pain_before, pain_after, episode_id from treatments
  order by taken_at, id;
select c.id, c.taken_at, c.verdict, (select group_concat(answer) from check_answers a
  where a.check_id = c.id) from checks c;
select * from sessions order by started_at;
select * from checkins;
select * from weekly;'

db=$tmp/ten.db
gen_tenyears "$db" || { echo "FAIL: gen_tenyears"; exit 1; }
echo "history: $(sqlite3 "$db" "select (select count(*) from episodes) || ' episodes, ' ||
  (select count(*) from readings) || ' readings, ' || (select count(*) from treatments) ||
  ' treatments, ' || (select count(*) from sessions) || ' sessions'")"

# The first frame of home.
harness=$(for _ in $(seq 9); do first_frame_ms ready "echo ready"; done | median)
app=$(for _ in $(seq 9); do first_frame_ms "n new" "$UNKNOT --db $db"; done | median)
echo "first frame, median of 9: unknot ${app} ms; tmux harness alone ${harness} ms" \
     "(target: under 20 ms)"

# report over the whole history and the default period, against the shell.
all="--since 1970-01-02"
# shellcheck disable=SC2086
t_all=$(best_ms "$UNKNOT" --db "$db" report $all)
t_90=$(best_ms "$UNKNOT" --db "$db" report)
t_sql=$(best_ms sqlite3 "$db" "$sql_report")
# The report checks the whole file before it reads (cli_common.c
# open_checked: no report from a damaged file), so the shell is also timed
# doing that check first.
t_chk=$(best_ms sqlite3 "$db" "PRAGMA quick_check; $sql_report")
echo "report, best of 5: whole history ${t_all} ms, last 90 days ${t_90} ms;" \
     "sqlite3 shell, the same rows ${t_sql} ms, quick_check and the same rows ${t_chk} ms" \
     "(target: within 1.5x)"
[ $((t_all * 2)) -le $((t_chk * 3 + 40)) ] ||
    { echo "FAIL: report ${t_all} ms against the shell's ${t_chk} ms"; fails=1; }

# Peak memory, 100 to 100,000 episodes with 4 readings each.
first_kb=()
for n in 100 1000 10000 100000; do
    gen_tenyears "$tmp/m.db" $n 4 300 || { echo "FAIL: gen_tenyears $n"; exit 1; }
    # shellcheck disable=SC2086
    kb=("$(peak_kb "$UNKNOT" --db "$tmp/m.db" report $all)"
        "$(peak_kb "$UNKNOT" --db "$tmp/m.db" export --format json)"
        "$(peak_kb "$UNKNOT" --db "$tmp/m.db" export)")
    echo "peak memory, $n episodes ($((n * 4)) readings): report ${kb[0]} KB," \
         "export json ${kb[1]} KB, export csv ${kb[2]} KB"
    [ ${#first_kb[@]} -gt 0 ] || first_kb=("${kb[@]}")
done
names=(report "export json" "export csv")
for i in 0 1 2; do
    grow=$((kb[i] - first_kb[i]))
    [ $grow -le 2048 ] ||
        { echo "FAIL: ${names[i]}: peak memory grows by $grow KB from 100 to 100000"; fails=1; }
done
exit $fails

# SPDX-License-Identifier: BSD-2-Clause
# The visit brief over ten years (issue 15): gen_tenyears' 5,000 episodes
# with 20,000 pain readings, 10,000 intakes and 3,000 sessions, plus a
# daily check-in on 3,000 of the 3,650 days and a weekly one every 7 days,
# and 8 questions. Times `report --brief` (text and html) over the whole
# ten years against `report` (text) over the same period, and the same
# for the default period (90 days, whose brief also reads the 90 days
# before). Prints the ratios; fails when the whole-history brief takes
# more than 1.5x the report plus 20 ms (start-up noise).
. "$(dirname "$0")/gen.sh"
tmp=$(mktemp -d /tmp/unknot-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0

db=$tmp/ten.db
gen_tenyears "$db" || { echo "FAIL: gen_tenyears"; exit 1; }
now=$(date +%s)
sqlite3 "$db" <<SQL || { echo "FAIL: the check-ins"; exit 1; }
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3650)
INSERT INTO checkins(day, taken_at, pain, activities, sleep_tenths, woken, created_at)
SELECT date($now - i * 86400, 'unixepoch', 'localtime'), $now - i * 86400, i % 8,
       CASE i % 3 WHEN 0 THEN 'yes' WHEN 1 THEN 'partly' ELSE 'no' END, 50 + i % 30, i % 2,
       $now - i * 86400
FROM n WHERE i % 6 <> 0;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 521)
INSERT INTO weekly(taken_at, pain, enjoyment, activity, created_at)
SELECT $now - i * 7 * 86400 - 3600, i % 9, i % 7, i % 5, $now - i * 7 * 86400 - 3600 FROM n;
COMMIT;
SQL
for i in 1 2 3 4 5 6 7 8; do
    "$UNKNOT" --db "$db" question "Question $i: does the pattern of the last years say anything about what to change?" >/dev/null ||
        { echo "FAIL: question $i"; exit 1; }
done
echo "history: $(sqlite3 "$db" "select (select count(*) from episodes) || ' episodes, ' ||
  (select count(*) from readings) || ' readings, ' || (select count(*) from treatments) ||
  ' treatments, ' || (select count(*) from sessions) || ' sessions, ' ||
  (select count(*) from checkins) || ' daily and ' || (select count(*) from weekly) ||
  ' weekly check-ins'")"

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf("%.2f", a / b); else printf("-") }'; }

since="--since $(date -d @$((now - 3650 * 86400)) +%Y-%m-%d)"
# shellcheck disable=SC2086
t_rep=$(best_ms "$UNKNOT" --db "$db" report $since)
# shellcheck disable=SC2086
t_brief=$(best_ms "$UNKNOT" --db "$db" report --brief $since)
# shellcheck disable=SC2086
t_html=$(best_ms "$UNKNOT" --db "$db" report --format html $since)
t_rep90=$(best_ms "$UNKNOT" --db "$db" report)
t_brief90=$(best_ms "$UNKNOT" --db "$db" report --brief)
echo "ten years, best of 5: report ${t_rep} ms, brief ${t_brief} ms ($(ratio "$t_brief" "$t_rep")x)," \
     "html brief ${t_html} ms ($(ratio "$t_html" "$t_rep")x) (target: within 1.5x)"
echo "last 90 days, best of 5: report ${t_rep90} ms, brief ${t_brief90} ms" \
     "($(ratio "$t_brief90" "$t_rep90")x; the brief reads the 90 days before too)"
for t in "$t_brief" "$t_html"; do
    [ $((t * 2)) -le $((t_rep * 3 + 40)) ] ||
        { echo "FAIL: the brief took ${t} ms against the report's ${t_rep} ms"; fails=1; }
done
exit $fails

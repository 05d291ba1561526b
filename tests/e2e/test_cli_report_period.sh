# SPDX-License-Identifier: BSD-2-Clause
# The report's period on the real binary and clock (issue 11, deliverable 2):
# a period inside a long episode counts it, marked as begun before the
# period; a date-only --until is the whole day in report and list; the
# JSON says the same.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../bench/gen.sh" # new_db

DB=$E2E_TMP/period.db
log --at "20d ago" --for 15d -i 8 -r lower --note "a long spell"
log --at "40d ago" -i 7 -r mid
since=$(date -d "10 days ago" +%Y-%m-%d)
until=$(date -d "8 days ago" +%Y-%m-%d)

# A period of three days inside the 15-day spell, and inside the ongoing one.
run --db "$DB" report --since "$since" --until "$until"
expect_rc 0 "report inside a long episode"
expect_out "  episodes                                  2" "both episodes count"
expect_out "  began before the period                   2" "marked as begun before"
expect_out "  to                                        $until 23:59" "the whole last day"
case $OUT in *"No episodes in this period."*) fail "the period is said to be empty" ;; *) pass ;; esac
expect_out "The longest began before the period." "the longest is marked"
expect_out "(began before)" "the ongoing one is marked"

run --db "$DB" report --since "$since" --until "$until" --format json
expect_rc 0 "report --format json"
echo "$OUT" | python3 -m json.tool >/dev/null && pass || fail "the report is not valid JSON"
expect_out '"began_before": 2' "json counts the episodes begun before"

# Scripts: the same jq filter gives a number or null, in an empty and a full report.
if command -v jq >/dev/null; then
    expect_eq "$(echo "$OUT" | jq -r '.duration.median_s | type')" number "median_s in a full report"
    expect_eq "$(echo "$OUT" | jq -r '.format + " " + (.version | tostring)')" "unknot-report 2" \
        "format and version"
    expect_eq "$(echo "$OUT" | jq -r '.duration.ongoing | type')" array "ongoing is an array"
    new_db "$E2E_TMP/empty.db" # report never creates a database
    run --db "$E2E_TMP/empty.db" report --format json
    expect_rc 0 "an empty report"
    expect_eq "$(echo "$OUT" | jq -r '.duration.median_s | type')" null "median_s when empty"
    expect_eq "$(echo "$OUT" | jq -r '.duration.ongoing | type')" array "ongoing when empty"
    echo "$OUT" | python3 -m json.tool >/dev/null && pass || fail "the empty report is not JSON"
else
    fail "jq is needed for this test"
fi

# list --until DATE includes that whole day.
log --at "$until 23:30" --for 10m -i 3 -r neck
run --db "$DB" list --until "$until"
expect_out "$until 23:30" "list --until DATE includes 23:30 of DATE"
e2e_done

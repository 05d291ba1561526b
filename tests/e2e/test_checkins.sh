# SPDX-License-Identifier: BSD-2-Clause
# Check-ins end to end: `unknot checkin` with every option and with bad
# values (exit 2, no row written), a second one of the day only with
# --replace, home's "weekly check-in due" on a database whose last weekly
# is 8 days old and gone after `w`, and the report of a 30-day history
# with 24 check-ins and 7 spasm days (a fixture built here, counted by hand).
. "$(dirname "$0")/lib.sh"

rows() { sql "SELECT count(*) FROM $1"; }

# --- the command -------------------------------------------------------------
DB=$E2E_TMP/cli.db
run --db "$DB" checkin --pain 3 --activities partly --sleep 6.5 --woken
expect_rc 0 "checkin with every option"
expect_out "pain 3, usual activities partly, slept 6.5 h, woken by pain" "checkin says what it saved"
expect_eq "$(sql "SELECT pain, activities, sleep_tenths, woken, day = date('now', 'localtime')
                  FROM checkins")" "3|partly|65|1|1" "the row holds every answer, on today"
for bad in "--pain 2 --sleep 25" "--pain 11" "--pain 2 --activities maybe"; do
    # shellcheck disable=SC2086
    run --db "$DB" checkin $bad --replace
    expect_rc 2 "checkin $bad"
    expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "checkin $bad: one line"
    expect_eq "$(sql "SELECT pain, sleep_tenths FROM checkins")" "3|65" "checkin $bad wrote nothing"
done
expect_eq "$(rows checkins)" 1 "still one check-in"
DB=$E2E_TMP/empty.db
for bad in "--pain 2 --sleep 25" "--pain 11" "--pain 2 --activities maybe"; do
    # shellcheck disable=SC2086
    run --db "$DB" checkin $bad
    expect_rc 2 "checkin $bad on a new database"
done
[ ! -e "$DB" ] || expect_eq "$(rows checkins)" 0 "no row on a database the bad values made"
DB=$E2E_TMP/cli.db
run --db "$DB" checkin --pain 5
expect_rc 2 "a second check-in of the day without a terminal"
expect_err "already checked in today (at" "it names the first one"
expect_err "; --replace to replace it" "and says how"
expect_eq "$(sql "SELECT count(*), pain FROM checkins")" "1|3" "the first is kept"
run --db "$DB" checkin --pain 5 --replace
expect_rc 0 "--replace"
expect_eq "$(sql "SELECT count(*), pain, activities IS NULL FROM checkins")" "1|5|1" "replaced in place"

# --- home: weekly check-in due, and not after w ------------------------------
DB=$E2E_TMP/home.db
run --db "$DB" weekly --pain 5 --enjoyment 4 --activity 6 --at "8d ago"
expect_rc 0 "a weekly check-in 8 days ago"
tui_start 80x24 -- --db "$DB"
expect_screen "weekly check-in due (w)" "home: the weekly one is due"
expect_screen "No check-in today yet (d)" "home: today's not done"
tui_text "w"
expect_screen "Weekly check-in: the past 7 days" "w opens the weekly questions"
tui_keys Right Right Right Down Right Right Down Right Right Right Right Right
expect_screen "weekly pain and interference score: 2.3" "the score of 2, 1 and 4 shown"
tui_keys Enter
expect_screen "No check-in today yet (d)" "back on home after saving"
expect_no_screen "weekly check-in due" "no longer due after w"
expect_eq "$(rows weekly)" 2 "the weekly check-in is stored"
tui_text "d"
expect_screen "Daily check-in for" "d opens the daily questions"
tui_keys Right Right Enter
expect_screen "Checked in today at" "home: today's done"
expect_eq "$(sql "SELECT pain FROM checkins")" 1 "the daily check-in is stored"
tui_stop

# --- the report: 30 days, 24 check-ins, 7 of them spasm days ------------------
# Days ago 1..24 have a check-in at noon; an episode at 10:00 for 1 h on
# days ago 2, 4, ..., 14 (7 days, all with a check-in) and on day 26 (none).
# By hand: 24 of the 30 days checked in, 24 - 7 = 17 without a spasm;
# usual activities "no" on the 7 spasm days; sleep 6.0 on spasm days, 7.5 on
# the others: median 7.5; woken on the 7 spasm days.
DB=$E2E_TMP/report.db
for d in $(seq 1 24); do
    day=$(date -d "$d days ago" +%F)
    if [ "$d" -le 14 ] && [ $((d % 2)) -eq 0 ]; then
        log --at "$day 10:00" --for 1h -i 6 -r lower
        args="--activities no --sleep 6 --woken"
    else
        args="--activities yes --sleep 7.5 --not-woken"
    fi
    # shellcheck disable=SC2086
    "$UNKNOT" --db "$DB" checkin --pain 2 $args --at "$day 12:00" >/dev/null ||
        fail "checkin on $day"
done
log --at "$(date -d '26 days ago' +%F) 10:00" --for 1h -i 4 -r neck
expect_eq "$(rows checkins)" 24 "the fixture has 24 check-ins"
since=$(date -d '29 days ago' +%F)
run --db "$DB" report --since "$since"
expect_rc 0 "the report"
expect_out "How is it affecting your life?" "the report has the section"
expect_out "days checked in                           24 of 30, 17 without a spasm" \
    "24 check-ins in 30 days, 17 without a spasm"
expect_out "median sleep, hours (24 nights)           7.5" "median sleep"
expect_out "nights woken by pain                      7 of 24 nights answered" "nights woken"
expect_out "No weekly check-ins in this period." "no weekly check-in said"
section=$(printf '%s\n' "$OUT" | sed -n '/^How is it affecting/,/^Your notes/p')
case $section in *"could not do my usual activities        7"*) pass ;;
    *) fail "7 days without the usual activities: $section" ;; esac
case $OUT in *"Stretch, ice and heat"*"How is it affecting your life?"*"Your notes"*) pass ;;
    *) fail "the section comes after the questions, before the notes" ;; esac
run --db "$DB" report --since "$since" --format json
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json, sys
l = json.load(sys.stdin)["life"]
print(l["days"], l["days_checked_in"], l["days_checked_in_without_spasm"], l["activities"]["no"],
      l["sleep_median_hours"], l["nights_woken"], [w["score"] for w in l["weekly"]])')" \
    "30 24 17 7 7.5 7 [None, None, None]" "the json report has the same figures"

# The calendar marks the check-in days, and counts them as the report does.
tui_start 80x24 -- --db "$DB"
expect_screen "n new" "home of the fixture"
tui_text "l"
expect_screen "History" "the history"
tui_text "v"
expect_screen "Bar chart" "the pictures"
tui_text "l"
expect_screen "+ 24 had a check-in, 17 of them without a spasm." "the calendar counts the check-ins"
tui_stop

# --- export and import carry them --------------------------------------------
for fmt in csv json; do
    run --db "$DB" export --format "$fmt" -o "$E2E_TMP/x.$fmt"
    expect_rc 0 "export $fmt"
    run --db "$E2E_TMP/back-$fmt.db" import "$E2E_TMP/x.$fmt"
    expect_rc 0 "import $fmt"
    expect_out "Imported 24 daily and 0 weekly check-ins." "import $fmt counts the check-ins"
    DB2=$E2E_TMP/back-$fmt.db
    expect_eq "$(sqlite3 "$DB2" 'SELECT count(*), sum(pain), sum(sleep_tenths), sum(woken) FROM checkins')" \
        "24|48|1695|7" "the check-ins came back ($fmt)"
    run --db "$DB2" export --format "$fmt" -o "$E2E_TMP/y.$fmt"
    expect_eq "$(sha "$E2E_TMP/y.$fmt")" "$(sha "$E2E_TMP/x.$fmt")" "export, import, export: same bytes ($fmt)"
done
DB=$E2E_TMP/home.db
run --db "$DB" export --format json -o "$E2E_TMP/w.json"
run --db "$E2E_TMP/back-w.db" import "$E2E_TMP/w.json"
expect_out "Imported 1 daily and 2 weekly check-ins." "weekly check-ins travel"

e2e_done

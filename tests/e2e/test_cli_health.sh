# SPDX-License-Identifier: BSD-2-Clause
# Flags and the red-flag checklist from the command line.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/../bench/gen.sh" # new_db
DB=$E2E_TMP/unknot.db
new_db "$DB" # flags only reads: it needs a database

run --db "$DB" flags
expect_rc 0 "flags on an empty history"
expect_out "No flags." "flags on an empty history"
run --db "$DB" flags --json
expect_eq "$OUT" "[]" "flags --json on an empty history"

# An ongoing severe spasm started 8 days ago: over a week, severe and not easing.
run --db "$DB" log --at "8d ago" -i 8 -r lower
run --db "$DB" log --at "20d ago" --for 2h -i 4 -r lower
run --db "$DB" log --at "12d ago" --for 1h -i 3 -r neck
run --db "$DB" flags
expect_rc 0 "flags"
expect_out "One spasm lasting 8 days, still going: Book an appointment" "over a week flag"
expect_out "Severe and not easing" "severe flag"
expect_out "Spasms on 3 days in the last 30" "recurring flag"
expect_out "call your doctor." "flags end with the doctor, not a clinician"
expect_out "#1 (" "flags name their episodes"
expect_out "not medical advice" "flags end with the disclaimer"
case $OUT in *"No flags."*) fail "flags says No flags. with flags" ;; *) pass ;; esac
run --db "$DB" flags --json
expect_rc 0 "flags --json"
if printf '%s' "$OUT" | python3 -m json.tool >/dev/null; then pass; else fail "flags --json is not valid JSON: $OUT"; fi
kinds=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(" ".join(sorted(f["kind"] for f in json.load(sys.stdin))))')
expect_eq "$kinds" "over_week recurring severe_not_easing" "flags --json kinds"
run --db "$DB" flags --bogus
expect_rc 2 "flags with a bad option"
expect_eq "$(printf '[]' | jq 'length')" "0" "jq reads the empty array"

# Eight separate 2-hour spasms on eight days are not "pain lasting over a
# week": the words say what happened (issue 11).
D8=$E2E_TMP/eight.db
for d in 8 7 6 5 4 3 2 1; do
    "$UNKNOT" --db "$D8" log --at "$(date -d "-$d day" +%F) 08:00" --for 2h -i 5 -r lower \
        >/dev/null 2>&1 || fail "log the spasm of $d days ago"
done
run --db "$D8" flags
expect_rc 0 "flags on eight daily spasms"
expect_out "Spasms on 8 of the last 9 days, with no 2-day break" "eight daily spasms, as they were"
expect_out "Spasms on 8 days in the last 30" "recurring counts the days"
case $OUT in *"ain lasting"*) fail "eight separate spasms read as pain lasting: $OUT" ;; *) pass ;; esac
run --db "$D8" flags --json
expect_rc 0 "flags --json on eight daily spasms"
if printf '%s' "$OUT" | python3 -m json.tool >/dev/null; then pass; else fail "not JSON: $OUT"; fi
expect_eq "$(printf '%s' "$OUT" | jq '.[0].episodes[0].id')" "1" "jq: the first flag's first episode"
expect_eq "$(printf '%s' "$OUT" | jq -r '[.[] | .kind + ":" + .level] | join(" ")')" \
    "over_week:see_doctor recurring:see_doctor" "jq: kinds and levels"
expect_eq "$(printf '%s' "$OUT" | jq '[.[0].days, .[0].total, (.[0].episodes | length)]' -c)" \
    "[8,8,8]" "jq: days, total and the episodes array"

# The checklist, answered from a script.
run --db "$DB" check --list
expect_rc 0 "check --list"
ITEMS=$(printf '%s\n' "$OUT" | grep -E '^ ?[0-9]+  ')
expect_eq "$(printf '%s\n' "$ITEMS" | wc -l)" 20 "check --list prints 20 items"
expect_eq "$(printf '%s\n' "$ITEMS" | awk '{print $1}' | tr '\n' ' ')" \
    "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 " "check --list numbers them in order"
expect_eq "$(printf '%s\n' "$ITEMS" | awk '{n[$2]++} END {print n["emergency"], n["urgent"], n["see_doctor"]}')" \
    "9 7 4" "check --list: 9 emergency, 7 urgent, 4 see-a-doctor items"
for cols in 80 60; do
    wide=$(COLUMNS=$cols "$UNKNOT" --db "$DB" check --list | awk -v w="$cols" 'length($0) > w' | wc -l)
    expect_eq "$wide" 0 "check --list fits $cols columns (long questions wrap)"
done
expect_eq "$(printf '%s\n' "$OUT" | grep -cvE '^ ?[0-9]+  |^ {16}[^ ]')" 0 \
    "check --list: every other line continues a question, under it"
case $(printf '%s\n' "$OUT" | head -n 1) in " 1  emergency   Trouble with your bladder or bowel"*) pass ;;
    *) fail "check --list line 1: $(printf '%s\n' "$OUT" | head -n 1)" ;; esac
run --db "$E2E_TMP/none.db" check --list
expect_rc 0 "check --list on no database"
if [ -e "$E2E_TMP/none.db" ]; then fail "check --list created a database"; else pass; fi
run --db "$DB" check --help
expect_out "--list" "check --help names --list"

run --db "$DB" check --yes 1
expect_rc 0 "check --yes 1"
first=$(printf '%s\n' "$OUT" | head -n 1)
case $first in *EMERGENCY*) pass ;; *) fail "emergency is not the first line: $first" ;; esac
expect_out "emergency" "emergency advice in plain words"
expect_out "Saved as check 1" "check saved"
case $OUT in *"If you are worried"*) fail "the emergency verdict is softened: $OUT" ;; *) pass ;; esac
expect_out "your local emergency number (112 in Europe, 911 in North" "no settings: the generic number"

# The emergency number from the settings file; its bad lines are reported
# with their numbers and skipped, never fatal.
mkdir -p "$E2E_TMP/cfg/unknot"
printf '# mine\nemergency_number = 999\ncolour = blue\nemergency_number = call me\n' \
    >"$E2E_TMP/cfg/unknot/config"
OUT=$(XDG_CONFIG_HOME=$E2E_TMP/cfg "$UNKNOT" --db "$E2E_TMP/cfg.db" check --yes 1 2>"$E2E_TMP/stderr" </dev/null)
RC=$?
ERR=$(cat "$E2E_TMP/stderr")
expect_rc 0 "check with a settings file"
expect_out "Call 999 or go to an emergency department (A&E / ER) now." "the advice names the set number"
case $OUT in *"112 in Europe"*) fail "the generic number still shows: $OUT" ;; *) pass ;; esac
expect_err "config: line 3: unknown setting \"colour\"" "a bad line is reported with its number"
expect_err "config: line 4: emergency_number \"call me\" is not a phone number" "a bad number is reported"
OUT=$(HOME=$E2E_TMP/home XDG_CONFIG_HOME= "$UNKNOT" --db "$E2E_TMP/cfg.db" checks 2>&1 </dev/null)
expect_out "emergency" "no settings file: no message, the command runs"
case $OUT in *config*) fail "a missing settings file is reported: $OUT" ;; *) pass ;; esac
run --db "$DB" check --none
expect_rc 0 "check --none"
first=$(printf '%s\n' "$OUT" | head -n 1)
expect_eq "$first" "No warning signs reported" "the no-sign verdict first"
case $OUT in *lear*) fail "check --none says clear: $OUT" ;; *) pass ;; esac
# The items a script picks from the list: every urgent one.
urgent=$("$UNKNOT" --db "$DB" check --list | awk '$2 == "urgent" {printf "%s%s", s, $1; s = ","}')
run --db "$DB" check --yes "$urgent,17"
expect_rc 0 "check --yes with the urgent items of --list"
first=$(printf '%s\n' "$OUT" | head -n 1)
case $first in *URGENT*) pass ;; *) fail "urgent is not the first line: $first" ;; esac

run --db "$DB" checks
expect_rc 0 "checks"
line=$(printf '%s\n' "$OUT" | grep -E '^ +1 ')
case $line in *emergency*" 1") pass ;; *) fail "checks line of check 1: $line" ;; esac
expect_out "no signs" "checks lists the check with no yes"
case $OUT in *clear*) fail "checks says clear: $OUT" ;; *) pass ;; esac
expect_out "10,11,12,13,14,15,16,17" "checks lists the yes items"
expect_eq "$(sqlite3 "$DB" 'select count(*), sum(answer), min(complete) from check_answers
    join checks on checks.id = check_id where check_id=1')" \
    "20|1|1" "every answer of check 1 is stored, complete"

before=$(sqlite3 "$DB" 'select count(*) from checks')
run --db "$DB" check
expect_rc 2 "check off a terminal without answers"
expect_err "--yes" "check explains --yes"
run --db "$DB" check --yes ""
expect_rc 2 "check --yes with an empty list"
run --db "$DB" check --yes 21
expect_rc 2 "check --yes 21"
run --db "$DB" check --yes "1,x"
expect_rc 2 "check --yes 1,x"
run --db "$DB" check --list --none
expect_rc 2 "check --list with --none"
expect_eq "$(sqlite3 "$DB" 'select count(*) from checks')" "$before" "refused checks wrote nothing"

# latest: "verdict|complete|answers|yes items" of the newest check.
latest() {
    sqlite3 "$DB" "select verdict, complete, count(item), ifnull(group_concat(case when answer
        then item end), '') from checks left join check_answers on check_id = checks.id
        where checks.id = (select max(id) from checks)"
}

# On a terminal each item is asked in turn: ? explains, y on item 1 shows
# the emergency advice at once, stores the check and offers to stop; n
# goes on to the end, which completes the same check.
before=$(sqlite3 "$DB" 'select count(*) from checks')
tui_start 100x40 -- --db "$DB" check
expect_screen " 1/20" "check asks item 1"
tui_text "?"; tui_keys Enter
expect_screen "cauda equina" "? explains the item"
tui_text "y"; tui_keys Enter
expect_screen "EMERGENCY" "emergency advice right after the yes"
expect_screen "(partial: 1 of 20 asked)." "stored at the yes"
expect_screen "Stop here and get help? [Y/n]" "stopping is offered"
expect_eq "$(latest)" "emergency|0|1|1" "the partial check is stored at once"
tui_text "n"; tui_keys Enter
expect_screen " 2/20" "n goes on"
for i in $(seq 2 20); do tui_text "n"; tui_keys Enter; done
expect_screen "UNKNOT-EXITED-0" "interactive check ends"
expect_eq "$(latest)" "emergency|1|20|1" "the same check completed"
expect_eq "$(sqlite3 "$DB" 'select count(*) from checks')" "$((before + 1))" "one check, not two"
tui_stop

# Item 1 yes, then the end of input (Ctrl-D) at the stop question: exit 0,
# the check stored.
tui_start 100x40 -- --db "$DB" check
expect_screen " 1/20" "check asks item 1"
tui_text "y"; tui_keys Enter
expect_screen "Stop here and get help? [Y/n]" "stopping is offered"
tui_keys C-d
expect_screen "UNKNOT-EXITED-0" "end of input after an emergency yes exits 0"
expect_screen "Stopped after item 1. Seek emergency care now." "the stop is said"
expect_eq "$(latest)" "emergency|0|1|1" "item 1 yes then end of input: stored"
tui_stop

# An urgent yes, then the end of input at item 12: the verdict first after
# the questions, the answers stored partial, exit 0.
tui_start 100x40 -- --db "$DB" check
expect_screen " 1/20" "check asks item 1"
for i in $(seq 1 9); do tui_text "n"; tui_keys Enter; done
tui_text "y"; tui_keys Enter
tui_text "n"; tui_keys Enter
expect_screen "12/20" "item 12 asked"
tui_keys C-d
expect_screen "UNKNOT-EXITED-0" "end of input after an urgent yes exits 0"
expect_screen "URGENT: contact a doctor today" "the urgent verdict"
expect_screen "(partial: 11 of 20 asked)." "said to be partial"
expect_eq "$(latest)" "urgent|0|11|10" "urgent yes then end of input: stored partial"
tui_stop
run --db "$DB" checks
expect_out "urgent        10  (partial: 11 of 20 asked)" "checks marks the partial check"

# Only no's, then the end of input: nothing stored, and never "no warning signs".
before=$(sqlite3 "$DB" 'select count(*) from checks')
tui_start 100x40 -- --db "$DB" check
expect_screen " 1/20" "check asks item 1"
tui_text "n"; tui_keys Enter
tui_text "n"; tui_keys Enter
expect_screen " 3/20" "item 3 asked"
tui_keys C-d
expect_screen "UNKNOT-EXITED-1" "end of input with only no's"
expect_screen "nothing was saved" "nothing saved, and it says so"
expect_no_screen "No warning signs" "only no's never read as no warning signs"
expect_eq "$(sqlite3 "$DB" 'select count(*) from checks')" "$before" "nothing stored"
tui_stop
e2e_done

# Flags and the red-flag checklist from the command line.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/unknot.db

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
run --db "$DB" check --yes 1
expect_rc 0 "check --yes 1"
first=$(printf '%s\n' "$OUT" | head -n 1)
case $first in *EMERGENCY*) pass ;; *) fail "emergency is not the first line: $first" ;; esac
expect_out "emergency" "emergency advice in plain words"
expect_out "Saved as check 1" "check saved"
run --db "$DB" check --none
expect_rc 0 "check --none"
expect_out "No warning signs" "clear verdict" 
run --db "$DB" check --yes 12,6
expect_rc 0 "check --yes 12,6"
first=$(printf '%s\n' "$OUT" | head -n 1)
case $first in *URGENT*) pass ;; *) fail "urgent is not the first line: $first" ;; esac

run --db "$DB" checks
expect_rc 0 "checks"
line=$(printf '%s\n' "$OUT" | grep -E '^ +1 ')
case $line in *emergency*" 1") pass ;; *) fail "checks line of check 1: $line" ;; esac
expect_out "clear" "checks lists the clear check"
expect_out "6,12" "checks lists the yes items"
expect_eq "$(sqlite3 "$DB" 'select count(*), sum(answer) from check_answers where check_id=1')" \
    "16|1" "every answer of check 1 is stored"

before=$(sqlite3 "$DB" 'select count(*) from checks')
run --db "$DB" check
expect_rc 2 "check off a terminal without answers"
expect_err "--yes" "check explains --yes"
run --db "$DB" check --yes ""
expect_rc 2 "check --yes with an empty list"
run --db "$DB" check --yes 17
expect_rc 2 "check --yes 17"
run --db "$DB" check --yes "1,x"
expect_rc 2 "check --yes 1,x"
expect_eq "$(sqlite3 "$DB" 'select count(*) from checks')" "$before" "refused checks wrote nothing"

# On a terminal each item is asked in turn: ? explains, y on item 1 shows
# the emergency advice at once.
tui_start 100x40 -- --db "$DB" check
expect_screen " 1/16" "check asks item 1"
tui_text "?"; tui_keys Enter
expect_screen "cauda equina" "? explains the item"
tui_text "y"; tui_keys Enter
expect_screen "EMERGENCY" "emergency advice right after the yes"
for i in $(seq 2 16); do tui_text "n"; tui_keys Enter; done
expect_screen "UNKNOT-EXITED-0" "interactive check ends"
expect_eq "$(sqlite3 "$DB" 'select verdict from checks order by id desc limit 1')" \
    "emergency" "interactive check stored"
tui_stop
e2e_done

# SPDX-License-Identifier: BSD-2-Clause
# `unknot pain`, `took` and `did` (issue 13): a reading goes to the one
# ongoing episode; with two ongoing, or none, it needs --episode and
# nothing is written; the first reading is the episode's intensity and
# cannot be deleted; took and did land in the report and the export.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/pain.db
readings() { sql "SELECT count(*) FROM readings"; }

# --- none ongoing: exit 2, nothing written ------------------------------------
log --at "2d ago" --for 2h -i 4 -r neck
run --db "$DB" pain 5
expect_rc 2 "pain with no episode ongoing"
expect_err "no episode is ongoing; give --episode ID" "says to give --episode"
expect_eq "$(readings)" "1" "nothing written without an ongoing episode"

# --- one ongoing ---------------------------------------------------------------
log --at "3h ago" -i 8 -r lower
run --db "$DB" pain 5
expect_rc 0 "pain 5 with one ongoing episode"
expect_out "Added pain 5/10 (moderate)" "says what was added"
expect_out "to episode 2" "to the ongoing episode"
expect_eq "$(sql "SELECT pain, source FROM readings WHERE episode_id = 2 ORDER BY id")" \
    "8|log
5|cli" "the first reading is the intensity, then the new one"
run --db "$DB" pain 4 --at "1h ago" --print-id
expect_rc 0 "pain --print-id"
expect_eq "$OUT" "$(sql "SELECT max(id) FROM readings")" "--print-id prints just the id"

# --- two ongoing: needs --episode ------------------------------------------------
log --at "1h ago" -i 3 -r neck
before=$(readings)
run --db "$DB" pain 5
expect_rc 2 "pain with two ongoing episodes"
expect_err "2 episodes are ongoing (3, 2): give --episode ID" "names them"
expect_eq "$(readings)" "$before" "nothing written with two ongoing"
run --db "$DB" pain 6 --episode 3
expect_rc 0 "pain --episode"
expect_eq "$(sql "SELECT pain FROM readings WHERE episode_id = 3 ORDER BY id DESC LIMIT 1")" "6" \
    "added to the episode given"

# --- bad input ---------------------------------------------------------------------
run --db "$DB" pain 11 --episode 3
expect_rc 2 "pain 11"
expect_err "use a whole number from 0 (none) to 10 (worst)" "says what is accepted"
run --db "$DB" pain 5 --episode 3 --at "3h ago"
expect_rc 2 "a reading before the episode began"
expect_err "a reading cannot be earlier" "says why"
run --db "$DB" pain 5 --episode 99
expect_rc 1 "pain for a missing episode"
expect_eq "$(readings)" "$((before + 1))" "no reading from the bad commands"

# --- list, edit and delete -------------------------------------------------------------------
run --db "$DB" pain --list 2
expect_rc 0 "pain --list"
expect_out "logged with the episode" "the first reading listed"
expect_out "unknot pain" "the added one listed"
first=$(sql "SELECT id FROM readings WHERE episode_id = 2 AND source = 'log'")
run --db "$DB" pain --delete "$first"
expect_rc 2 "the first reading cannot be deleted"
expect_err "episode 2's intensity" "says it is the intensity"
last=$(sql "SELECT max(id) FROM readings WHERE episode_id = 2")
# --edit: the pain, then the time too; the first reading and a bad time refused.
run --db "$DB" pain --edit "$first" 3
expect_rc 2 "the first reading cannot be edited"
expect_err "change it with unknot edit 2 -i N" "says how to change the intensity"
run --db "$DB" pain --edit "$last" 2
expect_rc 0 "edit a reading"
expect_out "Changed pain reading $last to 2/10 (mild)" "says what changed"
expect_eq "$(sql "SELECT pain FROM readings WHERE id = $last")" "2" "the pain is changed"
at=$(sql "SELECT taken_at FROM readings WHERE id = $last")
run --db "$DB" pain --edit "$last" 4 --at "$(date -d '+1 day' '+%Y-%m-%d %H:%M')"
expect_rc 2 "a time in the future is refused"
expect_eq "$(sql "SELECT pain || ' ' || taken_at FROM readings WHERE id = $last")" "2 $at" \
    "nothing changed by the refused edit"
start=$(sql "SELECT started_at FROM episodes WHERE id = 2")
run --db "$DB" pain --edit "$last" 4 --at "$(date -d "@$((start + 60))" -Iseconds)"
expect_rc 0 "edit the time too"
expect_eq "$(sql "SELECT pain || ' ' || taken_at FROM readings WHERE id = $last")" \
    "4 $((start + 60))" "the pain and the time are changed"
run --db "$DB" pain --edit 9999 4
expect_rc 2 "editing a missing reading"
expect_err "no pain reading 9999" "says which"
run --db "$DB" pain --delete "$last"
expect_rc 0 "delete a reading"
expect_eq "$(sql "SELECT count(*) FROM readings WHERE id = $last")" "0" "deleted"
run --db "$DB" show 2
expect_out "Pain readings:" "show lists the readings"

# --- took and did ---------------------------------------------------------------------
run --db "$DB" took "ibuprofen 400 mg" --helped 3 --print-id
expect_rc 0 "took"
tid=$OUT
expect_eq "$(sql "SELECT kind, name, pain_after FROM treatments WHERE id = $tid")" \
    "medication|ibuprofen 400 mg|3" "the intake is stored"
run --db "$DB" did ice --for 20m --before 7 --after 5 --at "30m ago"
expect_rc 0 "did ice"
expect_out "Recorded ice for 20m" "says what was recorded"
run --db "$DB" did yoga
expect_rc 2 "did yoga"
expect_err "use ice, heat, stretch, massage, walk, rest" "names the kinds"
run --db "$DB" took $'bad\033text'
expect_rc 2 "a control character in a medication"
expect_eq "$(sql "SELECT count(*) FROM treatments")" "2" "bad input writes nothing"

# --- took and did in the report and the export ----------------------------------------
run --db "$DB" report
expect_rc 0 "report"
expect_out "What helps? (your own ratings)" "the report has the what-helps table"
expect_out "medication: ibuprofen 400 mg" "took is in it"
expect_out "ice, without the timer" "did is in it"
expect_out "Medication taken (from unknot took)" "the medication log"
expect_out "How has the pain changed?" "the pain section"
run --db "$DB" export --format csv
expect_out "treatment,$tid,medication,ibuprofen 400 mg," "took is in the CSV export"
expect_out ",ice,\"\"," "did is in the CSV export"
expect_out "reading," "readings are in the CSV export"
run --db "$DB" export --format json
expect_out '"kind": "medication", "name": "ibuprofen 400 mg"' "took is in the JSON export"
expect_out '"kind": "ice", "name": null' "did is in the JSON export"
for ext in csv json; do
    "$UNKNOT" --db "$DB" export --format $ext -o "$E2E_TMP/p.$ext" >/dev/null
    run --db "$E2E_TMP/back-$ext.db" import "$E2E_TMP/p.$ext"
    expect_rc 0 "import $ext"
    expect_out "Imported $(sql "SELECT count(*) FROM readings") pain readings and $(sql "SELECT count(*) FROM treatments") treatments." \
        "the import counts the readings and treatments ($ext)"
    "$UNKNOT" --db "$E2E_TMP/back-$ext.db" export --format $ext -o "$E2E_TMP/q.$ext" >/dev/null
    if cmp -s "$E2E_TMP/p.$ext" "$E2E_TMP/q.$ext"; then pass; else
        fail "readings and treatments: the $ext round trip changed the bytes"
    fi
done

e2e_done

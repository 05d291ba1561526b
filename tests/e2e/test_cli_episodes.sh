# SPDX-License-Identifier: BSD-2-Clause
# The spasm log from the command line, as a new user meets it.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/new/dir/unknot.db

run --db "$DB" log -i 6 -r lower --trigger lifting --note "bent for a pen"
expect_rc 0 "log"
expect_out "Logged episode 1" "log"
expect_eq "$(stat -c %a "$DB")" 600 "database file mode"
expect_eq "$(stat -c %a "$(dirname "$DB")")" 700 "new directory mode"

run --db "$DB" list
expect_rc 0 "list"
expect_out "ongoing" "list shows the episode ongoing"
expect_out "6 moderate" "list shows the band"
expect_out "lower back" "list shows the region"
expect_out "lifting" "list shows the trigger"

run --db "$DB" end
expect_rc 0 "end"
expect_out "Ended episode 1" "end"
run --db "$DB" list
case $OUT in *ongoing*) fail "list still shows ongoing after end" ;; *) pass ;; esac
run --db "$DB" end
expect_rc 1 "end with nothing ongoing"
expect_err "no episode is ongoing" "end with nothing ongoing"

run --db "$DB" show 1
expect_rc 0 "show"
for field in "Episode 1" "Started:" "Ended:" "Intensity:   6 (moderate)" \
    "Region:      lower back" "Side:" "Triggers:    lifting" "Symptoms:" "Relief:" \
    "Medication:" "Notes:       bent for a pen" "Logged:"; do
    expect_out "$field" "show 1"
done
before=$OUT

run --db "$DB" edit 1 -i 4
expect_rc 0 "edit"
run --db "$DB" show 1
expect_out "Intensity:   4 (moderate)" "edit changed the intensity"
# Only the intensity (and the Updated line) may differ, and the first pain
# reading, which is the intensity (issue 13).
diff_lines=$(diff <(echo "$before") <(echo "$OUT") | grep -c '^[<>]')
changed=$(diff <(echo "$before") <(echo "$OUT") | grep '^[<>]' |
    grep -vc -e Intensity -e Updated -e 'logged with the episode')
expect_eq "$changed" 0 "edit changed nothing but the intensity ($diff_lines lines)"

# Bad input: exit 2, a message naming what is accepted, nothing written.
sum=$(sqlite3 "$DB" 'select count(*), total(intensity) from episodes')
run --db "$DB" log -i 11 -r lower
expect_rc 2 "intensity 11"
expect_err "0 (none) to 10" "intensity 11 names the range"
run --db "$DB" log -i 5 -r elbow
expect_rc 2 "region elbow"
expect_err "lower, mid, upper or neck" "region elbow names the regions"
run --db "$DB" log --at "tomorrow-ish" -i 5 -r lower
expect_rc 2 "--at tomorrow-ish"
expect_err "YYYY-MM-DD" "--at names the forms"
run --db "$DB" log --at "tomorrow-ish"
expect_rc 2 "--at tomorrow-ish alone"
run --db "$DB" log -i 5 -r lower --trigger juggling
expect_rc 2 "unknown trigger"
expect_err "lifting" "unknown trigger lists the triggers"
run --db "$DB" log -i 5 -r lower --bogus
expect_rc 2 "unknown option"
expect_eq "$(sqlite3 "$DB" 'select count(*), total(intensity) from episodes')" "$sum" \
    "bad input wrote nothing"

# Everything a log takes, and UTF-8 notes.
run --db "$DB" log --at "2d ago" --for 1h30m -i 8 -r neck -s left --trigger stress \
    --trigger "other:carrying a child" --symptom stiffness --relief heat \
    --med "ibuprofen 400 mg" --note "naïve – 痛み"
expect_rc 0 "full log"
run --db "$DB" show 2
expect_out "1h30m" "duration"
expect_out "Side:        left" "side"
expect_out "stress, carrying a child" "triggers with free text"
expect_out "Medication:  ibuprofen 400 mg" "medication"
expect_out "naïve – 痛み" "UTF-8 notes round-trip"

# delete: asks, refuses without a terminal, removes with --yes.
run --db "$DB" delete 2
expect_rc 2 "delete without --yes off a terminal"
expect_err "--yes" "delete explains --yes"
run --db "$DB" delete 2 --yes
expect_rc 0 "delete --yes"
run --db "$DB" show 2
expect_rc 1 "show deleted"
expect_eq "$(sqlite3 "$DB" 'select count(*) from episode_tags where episode_id=2')" 0 \
    "tags deleted with the episode"

# Output that cannot be written is an error, not a silent success.
"$UNKNOT" --db "$DB" list >/dev/full 2>"$E2E_TMP/full.err"; RC=$?
expect_eq "$RC" 1 "list to a full disk exits 1"
case $(cat "$E2E_TMP/full.err") in *"cannot write"*) pass ;; *) fail "full disk message" ;; esac

run --db "$DB" show abc
expect_rc 2 "show with a bad id"
run --db "$DB" --version
expect_rc 0 "--version"
expect_out "unknot " "--version"
expect_out "unknot 0.2.0" "--version names the version"
expect_out "BSD-2-Clause" "--version names the licence"
for cmd in log end list show edit delete; do
    run --db "$DB" "$cmd" --help
    expect_rc 0 "$cmd --help"
    expect_out "usage: unknot $cmd" "$cmd --help"
done
run --db "$DB" frobnicate
expect_rc 2 "unknown command"

# A warning sign logged as a symptom reaches the patient first: the verdict
# on the first line, before "Logged episode N"; exit 0, the episode stored.
WDB=$E2E_TMP/warn.db
run --db "$WDB" log -i 7 -r lower --symptom saddle-numbness --feel sharp
expect_rc 0 "log with a warning sign exits 0"
expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "EMERGENCY: seek emergency care now" \
    "the emergency verdict is the first line"
expect_out "Warning sign: numbness between the legs." "the sign is named"
expect_out "emergency department" "the emergency advice follows"
case $OUT in *"If you are worried"*) fail "the emergency advice is softened" ;; *) pass ;; esac
case $(printf '%s\n' "$OUT" | grep -n "Logged episode 1 (ongoing)." | cut -d: -f1) in
"" | 1) fail "\"Logged episode 1\" is missing or first: $OUT" ;;
*) pass ;;
esac
expect_eq "$(sqlite3 "$WDB" "select kind || ':' || tag from episode_tags order by rowid")" \
    "$(printf 'feel:sharp\nsymptom:saddle-numbness')" "the feel and the sign are stored"
run --db "$WDB" show 1
expect_out "Feels like:  sharp or stabbing" "--feel sharp round-trips through show"
expect_out "Symptoms:    numbness between the legs" "show names the sign in plain words"
# ... and unknot flags puts it first, as the warning in force.
run --db "$WDB" flags
expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "EMERGENCY: seek emergency care now" \
    "flags: the logged sign's verdict first"
expect_out "Warning sign logged: numbness between the legs, episode 1," "flags names the logged sign"
run --db "$WDB" flags --json
expect_eq "$(printf '%s' "$OUT" | jq -r '.[0].kind + " " + .[0].level + " " + (.[0].episodes[0].id | tostring)')" \
    "warning_sign emergency 1" "flags --json: the warning sign is the first object"
# Urgent, and the nerve symptoms' reminder after the log line.
run --db "$WDB" log -i 4 -r neck --symptom arm-hand --symptom numbness
expect_rc 0 "log with an urgent sign"
expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "URGENT: contact a doctor today" \
    "the urgent verdict is the first line"
expect_eq "$(printf '%s\n' "$OUT" | tail -n 1)" \
    "Numbness, tingling or leg pain: take the red-flag checklist now (unknot check)." \
    "a nerve symptom prompts the checklist last"
run --db "$WDB" log -i 4 -r lower --feel "other:like a vice" --symptom stiffness
expect_rc 0 "log with a free-text feel"
expect_eq "$OUT" "Logged episode 3 (ongoing)." "no warning sign, no advice"
# Own words that may describe a warning sign prompt the checklist, saying
# them; they raise no verdict of their own (unknot cannot tell which sign).
NDB=$E2E_TMP/own-words.db
run --db "$NDB" log -i 4 -r lower --symptom "other:can't feel the toilet paper, groin numb"
expect_rc 0 "log with own words naming a sign"
expect_eq "$(printf '%s\n' "$OUT" | tail -n 2 | tr '\n' ' ')" \
    "Your words \"can't feel the toilet paper, groin numb\" may describe a warning sign: take the red-flag checklist now (unknot check). " \
    "own words naming a sign prompt the checklist, quoted"
run --db "$WDB" log -i 4 -r lower --feel knot
expect_rc 2 "a symptom is not a feel"
expect_err 'invalid feel "knot"' "the bad feel is named"
# An edit that adds a sign advises first too.
run --db "$WDB" edit 3 --symptom stiffness --symptom both-legs
expect_rc 0 "edit adding a sign"
expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "EMERGENCY: seek emergency care now" \
    "the edit's advice comes first"
expect_out "Updated episode 3 (ongoing)." "the edit is saved"

# A database from a newer unknot is refused and left untouched.
NEWER=$E2E_TMP/newer.db
sqlite3 "$NEWER" 'pragma application_id=1970170734; create table t(x); pragma user_version=99;'
before=$(sha256sum "$NEWER")
run --db "$NEWER" list
expect_rc 1 "newer database"
expect_err "newer" "newer database message"
expect_eq "$(sha256sum "$NEWER")" "$before" "newer database untouched"

e2e_done

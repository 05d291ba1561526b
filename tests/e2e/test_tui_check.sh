# SPDX-License-Identifier: BSD-2-Clause
# The red-flag checklist screen, driven in tmux at 80x24, then checked with
# the CLI and the database itself.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/unknot.db
EMERGENCY_TITLE="EMERGENCY: seek emergency care now"
EMERGENCY_ADVICE="(A&E / ER) now. Do not drive yourself."

# nos N: N times the key n, as arguments for tui_keys.
nos() { local i; for ((i = 0; i < $1; i++)); do printf 'n '; done; }

# answers_of ID: the stored answers of a check, one "item|answer" a line.
answers_of() { sqlite3 "$DB" "select item, answer from check_answers where check_id = $1 order by item"; }
checks_count() { sqlite3 "$DB" 'select count(*) from checks'; }
# check_row ID: "verdict|complete|answers stored|yes answers" of a check.
check_row() {
    sqlite3 "$DB" "select verdict, complete, (select count(*) from check_answers where check_id = $1),
        (select ifnull(group_concat(item), '') from check_answers where check_id = $1 and answer = 1)
        from checks where id = $1"
}

# open_check: from home to item 1 of the checklist.
open_check() {
    tui_keys c
    expect_screen "Item 1 of 20" "c on home opens the checklist"
}

# start_home [ENV=..]: unknot on $DB at 80x24, waiting for the home screen.
# Each run gets its own tmux server: a new session on the server that
# tui_stop just killed can die with it while it shuts down.
RUNS=0
check_cleanup() {
    e2e_cleanup
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/unknot-e2e-$$-check"*
}
trap check_cleanup EXIT
start_home() {
    RUNS=$((RUNS + 1))
    E2E_TMUX=unknot-e2e-$$-check$RUNS
    tui_start 80x24 "$@" -- --db "$DB"
    expect_screen "n new  e end" "home screen"
}

quit_home() {
    tui_keys q
    expect_screen "UNKNOT-EXITED-0" "q on home quits"
    tui_stop
}

# --- yes to item 1, no to the rest: the emergency shows at once ------------
start_home
open_check
expect_screen "[....................] 0/20" "progress before any answer"
expect_no_screen "mergency" "the level is not shown before answering"
tui_keys y
expect_screen "Item 2 of 20" "y moves to item 2"
expect_screen "$EMERGENCY_TITLE" "emergency title right after the yes"
expect_screen "$EMERGENCY_ADVICE" "emergency advice right after the yes"
first=$(tui_screen | sed -n 3p)
case $first in *"$EMERGENCY_TITLE"*) pass ;; *) fail "the emergency is not first: $first" ;; esac
expect_screen "Saved as check 1 (partial: 1 of 20 asked)." "stored at the emergency yes"
expect_screen "Press s to stop here" "stopping is offered"
expect_screen "[#...................] 1/20" "progress after one answer"
expect_no_screen "If you are worried" "nothing softens the emergency"
expect_eq "$(check_row 1)" "emergency|0|1|1" "the partial check is in the database at once"
tui_keys $(nos 18)
expect_screen "Item 20 of 20" "item 20 reached"
expect_screen "$EMERGENCY_TITLE" "emergency still on top at item 20"
expect_screen "Saved as check 1 (partial: 19 of 20 asked)." "the same check saved as it goes"
tui_keys n
expect_screen "Saved as check 1." "verdict screen after item 20"
expect_screen "$EMERGENCY_TITLE" "emergency verdict"
expect_screen "$EMERGENCY_ADVICE" "emergency verdict advice"
expect_screen " 1. Trouble with your bladder or bowel" "item 1 listed as yes"
expect_no_screen "is not medical advice" "no softening line under the emergency verdict"
tui_keys Enter
expect_screen "Red-flag check of" "Enter returns home"
expect_screen "EMERGENCY" "home shows the emergency verdict"
quit_home

run --db "$DB" checks
expect_rc 0 "checks"
if echo "$OUT" | grep -Eq '^ +1  .*  emergency +1$'; then pass; else
    fail "checks lists check 1 as emergency with yes to 1, complete: $OUT"; fi
expect_eq "$(checks_count)" 1 "going on to the end stored one check, not two"

# The TUI stores exactly what the CLI stores for the same answers.
run --db "$DB" check --yes 1
expect_rc 0 "check --yes 1"
expect_out "Saved as check 2." "check --yes 1"
expect_eq "$(answers_of 1)" "$(answers_of 2)" "TUI and CLI store the same answers"
expect_eq "$(answers_of 1 | wc -l)" 20 "all 20 answers stored"
expect_eq "$(sqlite3 "$DB" 'select count(distinct verdict || complete) from checks where id in (1, 2)')" 1 \
    "TUI and CLI store the same verdict"

# --- ? explains; Left goes back and changes an answer ---------------------
start_home
open_check
tui_keys '?'
expect_screen "This means losing control or leaking urine" "? shows the explanation of item 1"
tui_keys y
expect_screen "Item 2 of 20" "y after the explanation"
expect_no_screen "This means losing control" "the explanation does not follow to item 2"
expect_screen "$EMERGENCY_TITLE" "emergency after yes to item 1"
expect_screen "Saved as check 3 (partial: 1 of 20 asked)." "stored at the yes"
tui_keys Left
expect_screen "Item 1 of 20" "Left goes back to item 1"
expect_screen "You answered yes." "the earlier answer is shown"
tui_keys n
expect_screen "Item 2 of 20" "n changes item 1 to no"
expect_screen "[#...................] 1/20" "the change is not counted twice"
expect_no_screen "$EMERGENCY_TITLE" "no emergency once item 1 is no"
tui_keys $(nos 15) y
expect_screen "Item 18 of 20" "items 2-17 answered"
tui_keys BSpace
expect_screen "Item 17 of 20" "Backspace goes back too"
expect_screen "You answered yes." "yes to item 17 remembered"
tui_keys Right
expect_screen "Item 18 of 20" "Right keeps the answer"
tui_keys $(nos 3)
expect_screen "Saved as check 3." "verdict after the changed run, the same check"
expect_screen "See a doctor soon: book an appointment" "see-a-doctor verdict"
expect_screen "17. Pain, tingling or numbness spreading down one leg" "item 17 listed as yes"
expect_no_screen "Trouble with your bladder" "item 1 is no longer a yes"
tui_keys q
expect_screen "Last red-flag check" "q returns home from the verdict"
quit_home
expect_eq "$(check_row 3)" "see_doctor|1|20|17" "the changed run is stored complete as see_doctor, yes to 17"
expect_eq "$(checks_count)" 3 "the changed run stored one check"

# --- all no: no warning signs; leaving midway asks and saves nothing ------
start_home
open_check
tui_keys $(nos 20)
expect_screen "Saved as check 4." "all-no run saved"
expect_screen "No warning signs reported" "the no-sign verdict"
expect_screen "You answered no to every item." "all-no run lists no yes"
expect_screen "Book an appointment if the pain is not easing after 3 days" "no-sign advice"
expect_screen "If you get bladder or bowel trouble" "the safety net"
expect_no_screen "Clear" "nothing says Clear"
tui_keys Escape
expect_screen "Last red-flag check" "Esc returns home from the verdict"
expect_no_screen "EMERGENCY" "home drops the emergency after a complete check with no yes"

open_check
tui_keys q
expect_screen "Last red-flag check" "q with no answer leaves without asking"
open_check
tui_keys n n n
expect_screen "Item 4 of 20" "three answers given"
tui_keys C-c
expect_screen "Quit and lose the changes on this screen?" "Ctrl-C asks: the screen is dirty"
tui_keys n
expect_screen "Not quit." "Ctrl-C answered no"
tui_keys q
expect_screen "Leave the checklist? Your answers are not saved. [y/n]" "q midway asks"
tui_keys n
expect_screen "Item 4 of 20" "n keeps the checklist open"
tui_keys q
expect_screen "Leave the checklist? Your answers are not saved." "q asks again"
tui_keys y
expect_screen "Last red-flag check" "y leaves to home"
quit_home
expect_eq "$(checks_count)" 4 "leaving midway with only no's saved nothing"

# --- item 1 yes, then q: stored partial, home shows the emergency first ----
start_home
open_check
tui_keys y
expect_screen "Saved as check 5 (partial: 1 of 20 asked)." "stored at the yes"
tui_keys q
expect_screen "Saved as check 5 (partial: 1 of 20 asked)." "the status line says it is saved"
expect_no_screen "Leave the checklist?" "nothing asked: the answers are kept"
expect_screen "Red-flag check of" "back on home"
home=$(tui_screen)
body=$(printf '%s\n' "$home" | sed -n '2,$p' | grep -v '^ *$' | head -n 2)
case $body in *"$EMERGENCY_TITLE"*) pass ;; *) fail "home does not show the emergency first: $home" ;; esac
quit_home
run --db "$DB" checks
if echo "$OUT" | grep -Eq '^ +5  .*  emergency +1  \(partial: 1 of 20 asked\)$'; then pass; else
    fail "checks lists check 5 as a partial emergency: $OUT"; fi
expect_eq "$(check_row 5)" "emergency|0|1|1" "check 5: one answer, yes to 1, partial"

# --- Ctrl-C after a yes quits without asking, and keeps the answers -------
start_home
open_check
tui_keys $(nos 9) y
expect_screen "Item 11 of 20" "an urgent yes to item 10"
expect_eq "$(checks_count)" 5 "an urgent yes is not stored at once"
tui_keys C-c
expect_screen "UNKNOT-EXITED-0" "Ctrl-C after a yes quits at once: nothing is lost"
tui_stop
expect_eq "$(check_row 6)" "urgent|0|10|10" "Ctrl-C stored the urgent answers as partial"

# --- SIGTERM and SIGHUP after a yes store the answers given ---------------
for sig in TERM HUP; do
    start_home
    open_check
    tui_keys $(nos 16) y n
    expect_screen "Item 19 of 20" "yes to 17 before SIG$sig"
    kill -s "$sig" "$(tui_pid)"
    expect_screen "UNKNOT-EXITED-0" "SIG$sig ends unknot"
    expect_screen "TTY: icanon echo" "SIG$sig restores the terminal"
    tui_stop
    id=$(sqlite3 "$DB" 'select max(id) from checks')
    expect_eq "$(check_row "$id")" "see_doctor|0|18|17" "SIG$sig stored the answers as a partial check"
done
expect_eq "$(checks_count)" 8 "one check per signal"
run --db "$DB" checks
expect_out "see a doctor  17  (partial: 18 of 20 asked)" "checks marks the partial checks"

# --- no colour, vt100: still readable, the emergency in reverse video ------
start_home NO_COLOR=1 TERM=vt100
open_check
tui_keys n n n y
expect_screen "$EMERGENCY_TITLE" "vt100: emergency band on the checklist"
tui_keys n y $(nos 14)
expect_screen "Saved as check 9." "vt100: verdict"
expect_screen "$EMERGENCY_TITLE" "vt100: emergency verdict"
expect_screen " 4. Chest pain or difficulty breathing?" "vt100: item 4 listed"
expect_screen " 6. Severe pain in your belly (abdomen)?" "vt100: item 6 listed"
# Reverse video must be on where the title is: the text since the last
# reset before it switches reverse (SGR 7) on.
cap=$(tmux -L "$E2E_TMUX" capture-pane -e -p -t main)
before=${cap%%"$EMERGENCY_TITLE"*}
since_reset=${before##*$'\e[0m'}
case $since_reset in *$'\e[7m'* | *';7m'*) pass ;; *)
    fail "vt100: the emergency verdict is not in reverse video: $(printf %q "$before")" ;; esac
case $cap in *$'\e[3'[0-7]m* | *$'\e[4'[0-7]m*) fail "NO_COLOR: colours used" ;; *) pass ;; esac
tui_keys Enter
expect_screen "Red-flag check of" "vt100: back on home"
expect_screen "EMERGENCY" "vt100: home shows the emergency"
quit_home
expect_eq "$(check_row 9)" "emergency|1|20|4,6" "vt100 check stored"

# --- a failed save shows the verdict and the error, r retries -------------
sqlite3 "$DB" "create trigger e2e_refuse before insert on checks
    begin select raise(abort, 'e2e refuses the insert'); end;"
start_home
open_check
tui_keys $(nos 9) y $(nos 10)
expect_screen "Not saved:" "store error shown"
expect_screen "e2e refuses the insert" "the store's message shown"
expect_screen "URGENT: contact a doctor today" "the verdict shows despite the error"
expect_no_screen "If you are worried" "nothing softens the urgent verdict"
expect_screen "r: try saving again" "retry offered"
sqlite3 "$DB" 'drop trigger e2e_refuse'
tui_keys r
expect_screen "Saved as check 10." "r saves once the store accepts"
tui_keys Enter
expect_screen "Last red-flag check" "back on home after the retry"
expect_screen "URGENT" "home shows the urgent verdict"
quit_home
expect_eq "$(check_row 10)" "urgent|1|20|10" "retried check stored: yes to 10"

# An emergency yes the store refuses: said under the band, and saved at the
# next answer once the store accepts.
sqlite3 "$DB" "create trigger e2e_refuse before insert on checks
    begin select raise(abort, 'e2e refuses the insert'); end;"
start_home
open_check
tui_keys y
expect_screen "Not saved yet: " "the failed save at the yes is said"
expect_screen "$EMERGENCY_TITLE" "the emergency shows all the same"
sqlite3 "$DB" 'drop trigger e2e_refuse'
tui_keys n
expect_screen "Saved as check 11 (partial: 2 of 20 asked)." "saved at the next answer"
tui_keys q
expect_screen "Red-flag check of" "q leaves, saved"
quit_home
expect_eq "$(check_row 11)" "emergency|0|2|1" "the partial emergency check stored after the retry"

# --- not sure, and j/k ------------------------------------------------------
start_home
open_check
expect_screen "y yes   n no   u not sure   ? explain   q leave   F1 help" "item 1: no j or k on the key line"
tui_keys u n
expect_screen "Item 3 of 20" "u answers and moves on"
expect_no_screen "$EMERGENCY_TITLE" "not sure about item 1 is no emergency yes"
expect_screen "k back   q leave" "k listed once there is an item before"
expect_no_screen "j next" "no j on an item not answered"
tui_keys k k
expect_screen "You answered not sure. Press y, n or u to change it, j to keep it." "back on item 1: the doubt is said"
expect_screen "j next" "j listed on an answered item"
tui_keys j j
expect_screen "Item 3 of 20" "j goes forward over answered items"
tui_keys $(nos 17) u
expect_screen "Saved as check 12." "a check with doubts is complete"
expect_screen "No yes answers, but some you were not sure about" "no all-clear headline"
expect_screen "Not sure: items 1, 20." "the verdict names the unsure items"
expect_screen "Call your doctor or an urgent care service now" "a doubt about an emergency item: call now"
expect_screen "You were not sure about:" "the unsure items listed"
expect_no_screen "No warning signs reported" "never no warning signs with a doubt"
expect_no_screen "If you are worried" "nothing softens the call now"
tui_keys Enter
expect_screen "No yes answers, but some you were not sure about" "home says there was a doubt"
quit_home
expect_eq "$(answers_of 12 | grep -c '|2$')" 2 "two answers stored as not sure (2)"
expect_eq "$(check_row 12)" "clear|1|20|" "verdict clear: a doubt is not a yes"
run --db "$DB" checks
expect_out "not sure      not sure: 1,20" "checks says not sure"

# Export and import into a new database: the doubts come back as they were.
run --db "$DB" export --format json -o "$E2E_TMP/checks.json"
expect_rc 0 "export with not-sure answers"
run --db "$E2E_TMP/copy.db" import "$E2E_TMP/checks.json"
expect_rc 0 "import of an export with not-sure answers"
expect_eq "$(sqlite3 "$E2E_TMP/copy.db" 'select item from check_answers where check_id = 12 and answer = 2')" \
    "$(printf '1\n20')" "the not-sure answers survive the round trip"
sed 's/"answer": 2}/"answer": 3}/' "$E2E_TMP/checks.json" >"$E2E_TMP/bad.json"
run --db "$E2E_TMP/bad.db" import "$E2E_TMP/bad.json"
expect_rc 1 "an unknown answer value is refused"
expect_err 'invalid answer "3": use 0 (no), 1 (yes) or 2 (not sure)' "one clear line names the values"

e2e_done

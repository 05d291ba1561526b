# The red-flag checklist screen, driven in tmux at 80x24, then checked with
# the CLI and the database itself.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/unknot.db
EMERGENCY_TITLE="EMERGENCY: seek emergency care now"
EMERGENCY_ADVICE="Go to an emergency department or call emergency services now."

# nos N: N times the key n, as arguments for tui_keys.
nos() { local i; for ((i = 0; i < $1; i++)); do printf 'n '; done; }

# answers_of ID: the stored answers of a check, one "item|answer" a line.
answers_of() { sqlite3 "$DB" "select item, answer from check_answers where check_id = $1 order by item"; }
checks_count() { sqlite3 "$DB" 'select count(*) from checks'; }

# open_check: from home to item 1 of the checklist.
open_check() {
    tui_keys c
    expect_screen "Item 1 of 16" "c on home opens the checklist"
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
expect_screen "[................] 0/16" "progress before any answer"
expect_no_screen "mergency" "the level is not shown before answering"
tui_keys y
expect_screen "Item 2 of 16" "y moves to item 2"
expect_screen "$EMERGENCY_TITLE" "emergency title right after the yes"
expect_screen "$EMERGENCY_ADVICE" "emergency advice right after the yes"
expect_screen "[#...............] 1/16" "progress after one answer"
tui_keys $(nos 14)
expect_screen "Item 16 of 16" "item 16 reached"
expect_screen "$EMERGENCY_TITLE" "emergency still on top at item 16"
tui_keys n
expect_screen "Saved as check 1." "verdict screen after item 16"
expect_screen "$EMERGENCY_TITLE" "emergency verdict"
expect_screen "$EMERGENCY_ADVICE" "emergency verdict advice"
expect_screen " 1. Lost bladder or bowel control" "item 1 listed as yes"
expect_screen "is not medical advice" "not-medical-advice line on the verdict"
tui_keys Enter
expect_screen "Last red-flag check" "Enter returns home"
expect_screen "EMERGENCY" "home shows the emergency verdict"
quit_home

run --db "$DB" checks
expect_rc 0 "checks"
if echo "$OUT" | grep -Eq '^ +1  .*  emergency +1$'; then pass; else
    fail "checks lists check 1 as emergency with yes to 1: $OUT"; fi

# The TUI stores exactly what the CLI stores for the same answers.
run --db "$DB" check --yes 1
expect_rc 0 "check --yes 1"
expect_out "Saved as check 2." "check --yes 1"
expect_eq "$(answers_of 1)" "$(answers_of 2)" "TUI and CLI store the same answers"
expect_eq "$(answers_of 1 | wc -l)" 16 "all 16 answers stored"
expect_eq "$(sqlite3 "$DB" 'select count(distinct verdict) from checks where id in (1, 2)')" 1 \
    "TUI and CLI store the same verdict"

# --- ? explains; Left goes back and changes an answer ---------------------
start_home
open_check
tui_keys '?'
expect_screen "This means leaking urine or stool" "? shows the explanation of item 1"
tui_keys y
expect_screen "Item 2 of 16" "y after the explanation"
expect_no_screen "This means leaking urine" "the explanation does not follow to item 2"
expect_screen "$EMERGENCY_TITLE" "emergency after yes to item 1"
tui_keys Left
expect_screen "Item 1 of 16" "Left goes back to item 1"
expect_screen "You answered yes." "the earlier answer is shown"
tui_keys n
expect_screen "Item 2 of 16" "n changes item 1 to no"
expect_screen "[#...............] 1/16" "the change is not counted twice"
expect_no_screen "$EMERGENCY_TITLE" "no emergency once item 1 is no"
tui_keys $(nos 11) y
expect_screen "Item 14 of 16" "items 2-13 answered"
tui_keys BSpace
expect_screen "Item 13 of 16" "Backspace goes back too"
expect_screen "You answered yes." "yes to item 13 remembered"
tui_keys Right
expect_screen "Item 14 of 16" "Right keeps the answer"
tui_keys $(nos 3)
expect_screen "Saved as check 3." "verdict after the changed run"
expect_screen "See a doctor soon: book an appointment" "see-a-doctor verdict"
expect_screen "13. Pain that travels down a leg" "item 13 listed as yes"
expect_no_screen "Lost bladder" "item 1 is no longer a yes"
tui_keys q
expect_screen "Last red-flag check" "q returns home from the verdict"
quit_home
expect_eq "$(sqlite3 "$DB" 'select verdict from checks where id = 3')" see_doctor \
    "the changed run is stored as see_doctor"
expect_eq "$(answers_of 3 | grep -c '|1$')" 1 "only one yes stored"
expect_eq "$(answers_of 3 | grep '|1$')" "13|1" "the yes is item 13"

# --- all no: clear; leaving midway asks and saves nothing -----------------
start_home
open_check
tui_keys $(nos 16)
expect_screen "Saved as check 4." "clear run saved"
expect_screen "Clear: no warning signs reported" "clear verdict"
expect_screen "You answered no to every item." "clear run lists no yes"
expect_screen "Still book an appointment if it lasts" "clear advice"
tui_keys Escape
expect_screen "Last red-flag check" "Esc returns home from the verdict"
expect_screen "Clear: no warning signs reported" "home shows the clear verdict"
expect_no_screen "EMERGENCY" "home drops the emergency after a clear check"

open_check
tui_keys q
expect_screen "Last red-flag check" "q with no answer leaves without asking"
open_check
tui_keys n n y
expect_screen "Item 4 of 16" "three answers given"
tui_keys C-c
expect_screen "Quit and lose the changes on this screen?" "Ctrl-C asks: the screen is dirty"
tui_keys n
expect_screen "Not quit." "Ctrl-C answered no"
tui_keys q
expect_screen "Leave the checklist? Your answers are not saved. [y/n]" "q midway asks"
tui_keys n
expect_screen "Item 4 of 16" "n keeps the checklist open"
tui_keys q
expect_screen "Leave the checklist? Your answers are not saved." "q asks again"
tui_keys y
expect_screen "Last red-flag check" "y leaves to home"
quit_home
expect_eq "$(checks_count)" 4 "leaving midway saved nothing"

# --- no colour, vt100: still readable, the emergency in reverse video ------
start_home NO_COLOR=1 TERM=vt100
open_check
tui_keys n n n y
expect_screen "$EMERGENCY_TITLE" "vt100: emergency band on the checklist"
tui_keys n y $(nos 10)
expect_screen "Saved as check 5." "vt100: verdict"
expect_screen "$EMERGENCY_TITLE" "vt100: emergency verdict"
expect_screen " 4. Chest pain or difficulty breathing?" "vt100: item 4 listed"
expect_screen " 6. Fever or chills" "vt100: item 6 listed"
# Reverse video must be on where the title is: the text since the last
# reset before it switches reverse (SGR 7) on.
cap=$(tmux -L "$E2E_TMUX" capture-pane -e -p -t main)
before=${cap%%"$EMERGENCY_TITLE"*}
since_reset=${before##*$'\e[0m'}
case $since_reset in *$'\e[7m'* | *';7m'*) pass ;; *)
    fail "vt100: the emergency verdict is not in reverse video: $(printf %q "$before")" ;; esac
case $cap in *$'\e[3'[0-7]m* | *$'\e[4'[0-7]m*) fail "NO_COLOR: colours used" ;; *) pass ;; esac
tui_keys Enter
expect_screen "Last red-flag check" "vt100: back on home"
expect_screen "EMERGENCY" "vt100: home shows the emergency"
quit_home
expect_eq "$(sqlite3 "$DB" 'select verdict from checks where id = 5')" emergency "vt100 check stored"

# --- a failed save shows the verdict and the error, r retries -------------
sqlite3 "$DB" "create trigger e2e_refuse before insert on checks
    begin select raise(abort, 'e2e refuses the insert'); end;"
start_home
open_check
tui_keys $(nos 5) y $(nos 10)
expect_screen "Not saved:" "store error shown"
expect_screen "e2e refuses the insert" "the store's message shown"
expect_screen "URGENT: contact a clinician today" "the verdict shows despite the error"
expect_screen "r: try saving again" "retry offered"
sqlite3 "$DB" 'drop trigger e2e_refuse'
tui_keys r
expect_screen "Saved as check 6." "r saves once the store accepts"
tui_keys Enter
expect_screen "Last red-flag check" "back on home after the retry"
expect_screen "URGENT" "home shows the urgent verdict"
quit_home
expect_eq "$(sqlite3 "$DB" 'select verdict from checks where id = 6')" urgent "retried check stored"
expect_eq "$(answers_of 6 | grep '|1$')" "6|1" "retried check: yes to 6"

e2e_done

# SPDX-License-Identifier: BSD-2-Clause
# The guided timer in tmux: long timers under faketime x60 (REALTIME,
# MONOTONIC and BOOTTIME run 60 times faster, and so do wgetch's waits), so a
# 20-minute ice session takes 20 s. Checked with `unknot sessions` and the
# database itself. Bells are counted with tmux's alert-bell hook.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/timer.db
BELLS=$E2E_TMP/bells
BIN=$(basename "$UNKNOT")

# --- from home: s, i and h open the timer; leaving it goes back home -------
tui_start 80x24 -- --db "$DB"
expect_screen "n new  e end" "home screen"
tui_keys i
expect_screen "Ice session" "i on home opens the ice timer"
tui_keys q
expect_screen "n new  e end" "q on the set-up goes back home"
tui_keys h
expect_screen "Heat session" "h on home opens the heat timer"
tui_keys Escape
expect_screen "n new  e end" "Esc on the set-up goes back home"
tui_keys s
expect_screen "Stretch routine" "s on home opens the stretch timer"
tui_keys Enter
expect_screen "Stretch 1 of 4: Settle" "the stretch runs from home"
tui_keys q y Enter Enter
expect_screen "n new  e end" "after the end, home again"
tui_keys q
expect_screen "UNKNOT-EXITED-0" "q on home quits"
tui_stop
expect_eq "$(sqlite3 -cmd ".timeout 2000" "$DB" "select kind, status from sessions")" \
    "stretch|stopped" "the session from home is stored"
rm -f "$DB" "$DB-wal" "$DB-shm"

# Without a terminal `unknot timer` refuses the full-screen app.
run --db "$DB" timer ice
expect_rc 1 "timer without a terminal"
expect_err "needs a terminal" "timer without a terminal says why"

RUNS=0
timer_cleanup() {
    e2e_cleanup
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/unknot-e2e-$$-timer"*
}
trap timer_cleanup EXIT

# timer_start SIZE FAST [ENV=..] -- ARGS: unknot --db $DB ARGS in a pane,
# under faketime x60 when FAST is 1; every bell adds a line to $BELLS.
timer_start() {
    local size=$1 fast=$2; shift 2
    local envs=() cmd
    while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
    [ "${1:-}" = -- ] && shift
    # libfaketime comes before the ASan runtime in the preload order.
    envs+=("ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0")
    if [ "$fast" = 1 ]; then
        cmd=$(printf '%q ' env "${envs[@]}" faketime -f '+0 x60' "$UNKNOT" --db "$DB" "$@")
    else
        cmd=$(printf '%q ' env "${envs[@]}" "$UNKNOT" --db "$DB" "$@")
    fi
    RUNS=$((RUNS + 1))
    E2E_TMUX=unknot-e2e-$$-timer$RUNS
    : >"$BELLS"
    tmux -L "$E2E_TMUX" -f /dev/null new-session -d -s main -x "${size%x*}" -y "${size#*x}" \
        "$cmd; echo UNKNOT-EXITED-\$?; echo TTY: \$(stty -a | grep -o -- '-*icanon\|-*echo ' | tr -d ' '); sleep 30"
    tmux -L "$E2E_TMUX" set-hook -g alert-bell "run-shell 'echo bell >> $BELLS'"
}

# The pid of unknot: the pane's child, or its grandchild under faketime.
timer_pid() {
    local sh ft
    sh=$(tmux -L "$E2E_TMUX" list-panes -t main -F '#{pane_pid}')
    ft=$(pgrep -P "$sh" -x faketime)
    pgrep -P "${ft:-$sh}" -x "$BIN"
}

# Seconds left that the countdown line shows ("14:35 left of 20:00"), or -1.
left_s() {
    local t
    t=$(tui_screen | grep -o '[0-9]*:[0-9][0-9] left of' | head -1)
    t=${t% left of}
    [ -n "$t" ] || { echo -1; return; }
    echo $((10#${t%:*} * 60 + 10#${t#*:}))
}

# A reader may meet unknot closing the database: wait for it, as unknot does.
bells() { wc -l <"$BELLS"; }
# wait_bell: polls for a bell for up to 5 s (tmux runs its alert hook from
# its own timer, a little after the screen changed).
wait_bell() {
    for _ in $(seq 100); do [ "$(bells)" -ge 1 ] && return 0; sleep 0.05; done
    return 1
}

# --- guidance: a spasm 3 hours ago says ice -----------------------------------
run --db "$DB" log --at "3h ago" -i 6 -r lower
expect_rc 0 "log an ongoing episode"

# --- a 20-minute ice session ends in ~20 s, rings, is stored as done -------
timer_start 80x24 1 -- timer ice
expect_screen "Pain now, 0-10 (Enter skips)" "ice set-up asks the pain now"
expect_screen "many people use ice in the first 48" "the first-48-hours wording for a 3-hour-old spasm"
expect_screen "Wrap the ice pack in a towel or cloth" "towel reminder"
expect_screen "< 20 >" "20 minutes by default"
tui_keys Right
expect_screen "Ice takes 10 to 20 minutes: longer risks a burn or frostbite." "minutes stay within the allowed range"
tui_text 6
tui_keys Enter
expect_screen "left of 20:00" "the countdown runs"
tui_keys '?'
expect_screen "Keys of Timer" "? opens the timer's keys"
expect_screen "pause or resume the countdown" "the help lists Space"
# The timer keeps counting, ringing and saving under the help screen.
for _ in $(seq 400); do [ "$(sql "select status from sessions")" = "done" ] && break; sleep 0.1; done
expect_eq "$(sql "select status from sessions")" "done" "the session ends while the help shows"
tui_keys q
expect_screen "Session done." "a 20-minute ice session finishes in seconds" 40
expect_screen "Time is up: take the ice pack off." "the screen changes at the end"
expect_screen "Ran 20:00 of 20:00. Saved as done." "the end says what was saved"
if wait_bell; then pass; else fail "no bell at the end of the ice session"; fi
expect_eq "$(sql "select kind, status, planned_s, elapsed_s, pain_before, episode_id from sessions")" \
    "ice|done|1200|1200|6|1" "stored as done with 1200 s, pain before, linked to the episode"
tui_text 3
tui_keys Enter
expect_screen "UNKNOT-EXITED-0" "Enter after the pain leaves"
expect_eq "$(sql "select pain_after from sessions where id = 1")" "3" "pain after stored"
tui_stop
COLUMNS=100 run --db "$DB" sessions # wide: every column whole
expect_out "ice      -                20:00    20:00  done         6 -> 3" "unknot sessions lists it"

# --- the 2-hour ice warning; heat says never sleep on a pad ----------------
timer_start 80x24 0 -- timer ice
expect_screen "Your last ice session ended" "warns when the last ice was under 2 hours ago"
tui_keys q
expect_screen "UNKNOT-EXITED-0" "q on the set-up leaves"
tui_stop
timer_start 80x24 0 -- timer heat --minutes 15
expect_screen "Never fall asleep on a heating pad." "heat reminder"
expect_screen "< 15 >" "--minutes sets the minutes"
tui_keys Escape
expect_screen "UNKNOT-EXITED-0" "Esc on the set-up leaves"
tui_stop
expect_eq "$(sql "select count(*) from sessions")" "1" "leaving the set-up stores nothing"

# --- kill -9 mid-session: interrupted, at most 10 s short -----------------
timer_start 80x24 1 -- timer ice
expect_screen "Pain now" "set-up before the kill"
tui_keys Enter
expect_screen "left of 20:00" "the countdown runs before the kill"
for _ in $(seq 200); do [ "$(left_s)" -ge 0 ] && [ "$(left_s)" -le 1020 ] && break; sleep 0.05; done
pid=$(timer_pid)
left_before=$(left_s)
if [ -n "$pid" ] && kill -9 "$pid"; then pass; else fail "no unknot process to kill"; fi
expect_screen "UNKNOT-EXITED-" "the killed unknot is gone"
# The countdown as the kill left it; the shell's exit lines may overwrite
# its row (where the cursor was), and then the reading just before the kill
# stands in, allowing for the fake seconds between it and the kill.
left=$(left_s)
slack=1
if [ "$left" -lt 0 ]; then left=$left_before; slack=12; fi
ran=$((1200 - left))
tui_stop
run --db "$DB" sessions # a new start of unknot
expect_out "interrupted" "the killed session shows as interrupted"
got=$(sql "select elapsed_s from sessions where id = 2")
if [ "$left" -ge 0 ] && [ "$got" -le $((ran + slack)) ] && [ "$got" -ge $((ran - 10)) ]; then
    pass
else
    fail "interrupted session: elapsed $got s, but it ran $ran s (shown left: $left s)"
fi
expect_eq "$(sql "select status, ended_at >= started_at from sessions where id = 2")" \
    "interrupted|1" "ended at its last checkpoint"

# --- pause and resume; q asks; n keeps going; y stops ---------------------
timer_start 80x24 1 -- timer ice --minutes 10
expect_screen "< 10 >" "--minutes 10"
tui_keys Enter
expect_screen "left of 10:00" "a 10-minute session runs"
tui_keys Space
expect_screen "Paused:" "Space pauses"
expect_screen "PAUSED" "the paused mark shows"
a=$(left_s); ck1=$(sql "select checkpoint_at from sessions where id = 3")
# Poll for a checkpoint written while paused (fake time runs 60x: one
# comes within a second), then read the countdown again.
for ((i = 0; i < 100; i++)); do
    ck2=$(sql "select checkpoint_at from sessions where id = 3")
    [ "$ck2" -gt "$ck1" ] && break
    sleep 0.05
done
b=$(left_s)
expect_eq "$b" "$a" "the countdown stands still while paused"
if [ "$ck2" -gt "$ck1" ]; then pass; else fail "no checkpoint while paused ($ck1 -> $ck2)"; fi
run --db "$DB" sessions # a second unknot while this one runs
expect_out "running" "a second unknot leaves a live session running"
tui_keys Space
expect_screen "left of 10:00" "Space resumes"
for _ in $(seq 60); do [ "$(left_s)" -lt "$a" ] && break; sleep 0.05; done
if [ "$(left_s)" -lt "$a" ]; then pass; else fail "the countdown did not go on after resume"; fi
tui_keys q
expect_screen "Stop this session? y stops it; n or Esc goes on." "q asks first"
tui_keys n
expect_screen "Going on." "n keeps the session going"
expect_eq "$(sql "select status from sessions where id = 3")" "running" "still running after n"
tui_keys q
expect_screen "Stop this session?" "q asks again"
tui_keys y
expect_screen "Session stopped." "y stops it"
expect_screen "Saved as stopped." "stored as stopped"
tui_keys Enter
expect_screen "UNKNOT-EXITED-0" "Enter with no pain leaves"
tui_stop
expect_eq "$(sql "select status, pain_after is null, elapsed_s < 600 from sessions where id = 3")" \
    "stopped|1|1" "stopped, no pain after, part of the time"

# --- stretch: skip, hold bells, a whole routine --------------------------
timer_start 80x24 0 -- timer stretch
expect_screen "> Spasm first aid: lower back" "the first aid of the episode's region comes first"
tui_keys Down Down Down Down
expect_screen "> Daily stretch" "Down chooses a routine"
expect_screen "< 30 s >" "the daily routine holds 30 s"
expect_screen "With osteoporosis, skip forward bends and twists." "the routine's caution on the set-up"
tui_keys Up Up Up Up Left Enter
expect_screen "Get ready: Settle - in " "a count-in comes before the first hold"
tui_keys n
expect_screen "Hold: Settle" "n skips the count-in"
expect_screen "Stretch 1 of 4: Settle" "first aid starts by settling"
expect_screen "Position: Stop what you are doing and find the least painful position." \
    "the step says its starting position"
expect_screen "next: Change position" "the next step is named"
tui_keys n
expect_screen "left in this position change" "a change of position is a step of its own"
expect_screen "Lie down on your back, slowly, knees bent." "the move says how"
tui_keys n
expect_screen "Gentle stretch, rep 1 of 5" "then the first hold"
expect_screen "Hug one knee gently toward your chest." "the lower back's stretch"
expect_screen "next: Rest" "the rest is named"
tui_keys n
expect_screen "left in this rest" "n skips to the rest"
expect_screen "next: Gentle stretch, rep 2 of 5" "the rest names what follows"
for _ in 1 2 3 4 5 6 7 8 9 10; do tui_text n; done
expect_screen "Self-massage: circles" "n skips on to the last hold"
tui_text n
expect_screen "last step: q stops" "n never finishes a session by itself"
tui_keys q y
expect_screen "Session stopped." "q y stops the stretch"
tui_keys Enter
expect_screen "Did any exercise make it worse? (number, Enter: none)" "then which exercise made it worse"
tui_keys Enter
expect_screen "UNKNOT-EXITED-0" "leave after the stretch"
tui_stop

timer_start 80x24 1 -- timer stretch --routine first-aid
tui_keys Enter
expect_screen "Session done." "a whole first-aid routine runs to its end" 15
if wait_bell; then pass; else fail "no bell during the stretch routine"; fi
tui_keys q
expect_screen "UNKNOT-EXITED-0" "q leaves the end"
tui_stop
# 170 s of the routine and its 3-s count-in.
expect_eq "$(sql "select routine, hold_s, planned_s, elapsed_s, status from sessions order by id desc limit 1")" \
    "first-aid-lower|5|173|173|done" "first-aid: the lower back's (the episode's region), stored as done"

# --- monochrome vt100 at 80x24; SIGTERM saves as stopped -----------------
timer_start 80x24 0 NO_COLOR=1 TERM=vt100 -- timer stretch --routine daily --hold 30
expect_screen "< 30 s >" "vt100: the set-up shows the hold"
tui_text 4
tui_keys Enter
expect_screen "Knee-to-chest, left side, rep 1 of 3" "vt100: the step label"
expect_screen "checklist if numbness, tingling or weakness appears" "vt100: the nerve safety line"
expect_screen "Stretch 1 of 4: Knee-to-chest, rep 1 of 3, left side" "vt100: stretch, rep and side"
expect_screen "Stop if the pain increases." "vt100: the safety lines"
expect_screen "unknot is not medical advice." "vt100: everything fits 80x24"
tui_text n
expect_screen "Left side: pull your LEFT knee gently toward your chest." "vt100: the side's words"
run --db "$DB" sessions
expect_out "running" "the live session shows as running"
kill -TERM "$(timer_pid)"
expect_screen "UNKNOT-EXITED-0" "SIGTERM ends unknot cleanly"
expect_screen "TTY: icanon echo" "SIGTERM restores the terminal"
tui_stop
expect_eq "$(sql "select routine, hold_s, status, pain_before from sessions order by id desc limit 1")" \
    "daily|30|stopped|4" "SIGTERM saves the session as stopped"

# --- gates: after an emergency check, s then Enter does not start ----------
GDB=$E2E_TMP/gate.db
"$UNKNOT" --db "$GDB" check --yes 1 >/dev/null
tui_start 80x24 -- --db "$GDB"
expect_screen "n new" "home after an emergency check"
tui_text s
expect_screen "Enter asks first: only y starts the session anyway." "the stretch set-up says it asks"
expect_screen "EMERGENCY: seek emergency care now" "the stretch set-up shows the emergency"
tui_keys Enter
expect_screen "Start the session anyway? [y/n]" "Enter asks before it starts"
tui_keys Enter
sleep 0.3
expect_no_screen "rep 1 of 5" "Enter alone does not start the routine"
expect_eq "$(sqlite3 -cmd ".timeout 2000" "$GDB" "select count(*) from sessions")" "0" \
    "nothing is started before the confirmation"
tui_text n
expect_screen "Not started. Seek emergency care now." "n does not start it"
tui_keys Enter
expect_screen "Start the session anyway? [y/n]" "Enter asks again"
tui_text y
expect_screen "Stretch 1 of 4: Settle" "y starts it anyway"
tui_text q
expect_screen "Stop this session?" "q asks"
tui_text y
expect_screen "Session stopped." "stopped"
tui_keys Enter Enter
expect_screen "n new" "back home"
tui_text q
expect_screen "UNKNOT-EXITED-0" "quits"
tui_stop
expect_eq "$(sqlite3 -cmd ".timeout 2000" "$GDB" "select kind, status from sessions")" \
    "stretch|stopped" "the session started only after the confirmation"

# --- an ongoing episode with numbness: the numb-skin line on the heat set-up -
NDB=$E2E_TMP/numb.db
"$UNKNOT" --db "$NDB" log --at "2h ago" -i 5 -r lower --symptom numbness >/dev/null
tui_start 80x24 -- --db "$NDB" timer heat
expect_screen "Do not use ice or heat on numb skin." "heat set-up with numbness logged"
expect_screen "Heat session" "the heat set-up is there below it"
expect_no_screen "Enter asks first" "numbness alone does not ask"
tui_keys Escape
expect_screen "UNKNOT-EXITED-0" "Esc leaves"
tui_stop

e2e_done

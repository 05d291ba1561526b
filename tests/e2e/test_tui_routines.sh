# SPDX-License-Identifier: BSD-2-Clause
# A patient's own routines: `unknot routines` lists them with where each
# comes from, `--check` says what is wrong and where, a bad file leaves the
# others and the built-ins alone, and an own routine (one exercise on the
# left, one on the right, one on both sides, 20-s holds) runs through every
# step in order with its side's words, in tmux under faketime x10.
# After it, the patient answers 2 to "Did any exercise make it worse?";
# the report (text and JSON), the export and an import show it.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/routines.db
export XDG_CONFIG_HOME=$E2E_TMP/config
OWN=$XDG_CONFIG_HOME/unknot/routines
mkdir -p "$OWN"

cat >"$OWN/my-physio.routine" <<'ROUTINE'
# From my physiotherapist, 3 December.
name = My physio sheet
region = lower
caution = Not on the day after a flare-up.

[position]
instruction = Lie down on your back, slowly.

[exercise]
name = Hamstring stretch
position = On your back, a strap around one foot.
instruction = Raise your {SIDE} leg with the strap until it feels a gentle stretch.
hold = 20
sides = left

[exercise]
name = Hip stretch
position = On your back, knees bent.
instruction = Cross your {SIDE} ankle over the other knee.
hold = 20
sides = right
stop-if-pain-above = 5

[exercise]
name = Knee roll
position = On your back, knees bent, feet flat.
instruction = Let both knees fall gently to the {SIDE}.
hold = 20
sides = both
ROUTINE
printf 'name = Broken\nregion = lower\n[exercise]\nname = Tilt\nposition = On your back.\ninstruction = Tilt.\nhold = 0\n' \
    >"$OWN/broken.routine"

# --- listing and checking ------------------------------------------------------
run routines
expect_rc 0 "routines lists with a bad file among them"
expect_out "first-aid-lower   Spasm first aid: lower back" "the built-ins are listed"
expect_out "neck              Neck and upper back" "every built-in"
expect_out "built-in" "a built-in says where it comes from"
expect_out "my-physio         My physio sheet                   lower       as set      $OWN/my-physio.routine" \
    "an own routine says its file"
expect_err "$OWN/broken.routine:7: hold \"0\": use a whole number of seconds (or \"5 or 30\") from 1 to 600 (skipped)" \
    "a bad file is named with its line and what is accepted"
case $OUT in *Broken*) fail "the refused routine is listed" ;; *) pass ;; esac

run routines --check "$OWN/broken.routine"
expect_rc 2 "--check on a bad file"
expect_err "$OWN/broken.routine:7: hold" "--check says FILE:LINE"
run routines --check "$OWN/my-physio.routine"
expect_rc 0 "--check on a good file"
expect_out "my-physio.routine: good: \"My physio sheet\" (my-physio), 9 steps, about 1:45" \
    "--check sums the file up"
run routines --check "$E2E_TMP/nowhere.routine"
expect_rc 2 "--check on a missing file"
expect_err "nowhere.routine: No such file or directory" "a missing file says so"
cp "$OWN/my-physio.routine" "$E2E_TMP/daily.routine"
run routines --check "$E2E_TMP/daily.routine"
expect_rc 2 "--check on a file named like a built-in"
expect_err "routine \"daily\" exists already" "the code of a built-in is taken"
# The README's example is a good file.
sed -n '/^```ini$/,/^```$/p' "$(dirname "$0")/../../README.md" | sed '1d;$d' >"$E2E_TMP/my-readme.routine"
XDG_CONFIG_HOME=$E2E_TMP/empty # its name is the one above: check it alone
run routines --check "$E2E_TMP/my-readme.routine"
XDG_CONFIG_HOME=$E2E_TMP/config
expect_rc 0 "the README's own-routine file checks good"
expect_out "good: \"My physio sheet\" (my-readme)" "the README's file is a whole routine"
run --db "$DB" timer stretch --routine my-physio --hold 5
expect_rc 2 "--hold on a routine without the 5/30 switch"
expect_err "this routine's holds are set by its file" "--hold says why"

# --- the own routine runs step by step ------------------------------------------
# The cue_command setting logs every cue: a script, since the command has no
# shell; %step stays one argument with its blanks.
CUES=$E2E_TMP/cues.log
printf '#!/bin/sh\necho "$*" >>%s\n' "$CUES" >"$E2E_TMP/cue.sh"
chmod +x "$E2E_TMP/cue.sh"
printf 'cue_command = %s %%cue %%side %%step\n' "$E2E_TMP/cue.sh" >"$XDG_CONFIG_HOME/unknot/config"
cmd=$(printf '%q ' env "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" \
    "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    faketime -f '+0 x10' "$UNKNOT" --db "$DB" timer stretch)
tmux -L "$E2E_TMUX" -f /dev/null new-session -d -s main -x 80 -y 24 \
    "$cmd; echo UNKNOT-EXITED-\$?; sleep 30"
expect_screen "Spasm first aid: lower back" "the set-up opens"
expect_screen "1 routine file refused" "the set-up notes the refused file in one line"
for _ in 1 2 3 4 5 6; do tui_keys Down; done
expect_screen "> My physio sheet" "the own routine is in the menu, after the built-ins"
expect_screen "Not on the day after a flare-up." "its caution on the set-up"
expect_screen "Hold: as the routine says." "its holds are its own"
tui_keys Enter
# Each step, in order: what the screen must show while it runs.
steps=(
    "left in this position change|Lie down on your back, slowly."
    "Get ready: Hamstring stretch, LEFT side - in |Left side: raise your LEFT leg with the strap"
    "Hold: Hamstring stretch, LEFT side|Left side: raise your LEFT leg with the strap until it feels"
    "left in this rest|next: Hip stretch, right side"
    "Hold: Hip stretch, RIGHT side|Right side: cross your RIGHT ankle over the other knee."
    "left in this rest|next: Knee roll, left side"
    "Hold: Knee roll, LEFT side|Left side: let both knees fall gently to the LEFT."
    "Switch sides: now the RIGHT side|next: Knee roll, right side"
    "Hold: Knee roll, RIGHT side|Right side: let both knees fall gently to the RIGHT."
    "Session done.|Saved as done."
)
for st in "${steps[@]}"; do
    expect_screen "${st%%|*}" "step in order: ${st%%|*}" 10
    expect_screen "${st#*|}" "its words: ${st#*|}" 3
done
# Enter skips the pain; then which exercise made it worse (the change of
# position is no exercise: three, numbered).
tui_keys Enter
expect_screen "Did any exercise make it worse? (number, Enter: none)" "the question after the routine"
expect_screen "1 Hamstring stretch   2 Hip stretch   3 Knee roll" "its exercises, numbered"
expect_no_screen "Lie down on your back" "no position change among them"
tui_text 2
tui_keys Enter
expect_screen "UNKNOT-EXITED-0" "Enter saves the answer and leaves"
tui_stop
expect_eq "$(sql "select session_id, exercise_index, exercise_name from session_worse")" \
    "1|2|Hip stretch" "the answer is stored with the session"
run --db "$DB" report
expect_out "    my-physio
      sessions                              1
      rated before and after                0
      made it worse (sessions)
        Hip stretch                         1" "the report's routine row says which exercise made it worse"
run --db "$DB" report --format json
worse_json=$OUT
expect_eq "$(printf '%s' "$worse_json" | jq -c '.sessions.routines[] | select(.routine == "my-physio") | .worse')" \
    '[{"exercise":"Hip stretch","sessions":1}]' "json: an array of objects, never data in keys"
expect_eq "$(printf '%s' "$worse_json" | jq -c '.what_helps.rows[] | select(.group == "routine") | .worse')" \
    '[{"exercise":"Hip stretch","sessions":1}]' "json: the what-helps row of the routine too"
# Export and import carry it.
run --db "$DB" export --format csv
expect_out "worse,1,2,Hip stretch" "the CSV export has the worse row"
printf '%s\n' "$OUT" >"$E2E_TMP/worse.csv"
run --db "$E2E_TMP/worse-copy.db" import "$E2E_TMP/worse.csv"
expect_rc 0 "the export imports"
expect_eq "$(sqlite3 "$E2E_TMP/worse-copy.db" "select session_id, exercise_index, exercise_name from session_worse")" \
    "1|2|Hip stretch" "the import keeps it"
expect_eq "$(sql "select routine, hold_s is null, planned_s, elapsed_s, status from sessions")" \
    "my-physio|1|108|108|done" "the own routine (and its 3-s count-in) is stored by its code, with no 5/30 hold"
# One cue per step start but the first change of position, in order.
for _ in $(seq 40); do [ "$(wc -l <"$CUES")" -ge 9 ] && break; sleep 0.05; done
expect_eq "$(cat "$CUES")" "count-in left Hamstring stretch, left side
hold left Hamstring stretch, left side
rest  Rest
hold right Hip stretch, right side
rest  Rest
hold left Knee roll, left side
side right Switch to the right side
hold right Knee roll, right side
end  Done" "cue_command runs at every cue with %cue %side %step"
run --db "$DB" sessions
expect_out "my-physio" "sessions lists the own routine"

e2e_done

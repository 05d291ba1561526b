# SPDX-License-Identifier: BSD-2-Clause
# The app shell: home, help, resize, monochrome terminals, signals.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/app.db
"$UNKNOT" --db "$DB" log --at "9d ago" -i 8 -r lower -s left --trigger lifting >/dev/null
"$UNKNOT" --db "$DB" log --at "$(date +%F) 00:01" --for 1m -i 3 -r neck >/dev/null 2>&1

tui_start 80x24 -- --db "$DB"
expect_screen "n new" "home shows its shortcuts"
expect_screen "back pain over a week should be checked" "home shows the flags"
expect_screen "Ongoing: episode 1" "home shows the ongoing episode"
expect_screen "3 mild" "home shows today's entry with its band"
expect_screen "No red-flag check yet" "home invites the checklist"
tui_text "?"
expect_screen "Keys of Home" "? opens the help"
expect_screen "end an ongoing episode" "help lists the keys"
tui_keys Escape
expect_screen "n new" "Esc closes the help"
tui_text "s"
expect_screen "Stretch routine" "s opens the stretch timer"
tui_keys Escape
expect_screen "n new" "Esc leaves the timer set-up"
tui_text "r"
expect_screen "appointment report" "r opens the report"
tui_keys Escape
expect_screen "n new" "Esc leaves the report"
tui_text "t"
expect_screen "fall asleep on a heating pad" "t opens the comfort tips"
tui_text "q"
expect_screen "n new" "q leaves the tips"

tui_resize 30x8
expect_screen "too small" "30x8 shows the too-small notice"
tui_resize 80x24
expect_screen "n new" "80x24 restores the screen"

# Below the minimum size keys wait: a q must not drop a half-filled form.
tui_text "n"
expect_screen "Intensity" "the form opens"
tui_keys Tab Tab Right
tui_resize 71x24
expect_screen "too small" "71x24 is too small for the form (72x20)"
tui_text "q"
tui_resize 80x24
expect_screen "Intensity" "q while too small kept the form"
tui_keys Escape
expect_screen "[y/n]" "Esc on the changed form asks"
tui_text "y"
expect_screen "n new" "back home"

tui_text "e"
expect_screen "End episode 1 now" "e asks before ending"
tui_text "y"
expect_screen "Ended episode 1" "e ends the ongoing episode"
expect_screen "No episode ongoing." "home shows nothing ongoing"
tui_text "q"
expect_screen "UNKNOT-EXITED-0" "q quits"
expect_screen "TTY: icanon echo" "the terminal is restored after q"
tui_stop

# A busy day never pushes the flags off home at 80x24.
BUSY=$E2E_TMP/busy.db
"$UNKNOT" --db "$BUSY" log --at "10d ago" -i 8 -r lower >/dev/null 2>&1
for m in 01 02 03 04 05 06 07; do
    "$UNKNOT" --db "$BUSY" log --at "$(date +%F) 00:$m" --for 1m -i 3 -r neck >/dev/null 2>&1
done
"$UNKNOT" --db "$BUSY" check --yes 1 >/dev/null
tui_stop
tui_start 80x24 -- --db "$BUSY"
expect_screen "EMERGENCY" "busy home: the emergency first"
expect_screen "Severe and not easing" "busy home: the severe flag shows"
expect_screen "back pain over a week should be checked" "busy home: the over-a-week flag shows"
expect_screen "more (l: history)" "busy home: today's list is cut, and says so"
tui_text "q"
expect_screen "UNKNOT-EXITED-0" "busy home quits"
tui_stop

# An emergency check, then a "see a doctor soon" check a minute later:
# home still shows the emergency first, and nothing softens it.
SEQ=$E2E_TMP/seq.db
"$UNKNOT" --db "$SEQ" check --yes 1 >/dev/null
"$UNKNOT" --db "$SEQ" check --yes 17 >/dev/null
tui_start 80x24 -- --db "$SEQ"
expect_screen "n new" "emergency then see-soon: home"
case $(tui_screen | sed -n 3p) in
*"EMERGENCY: seek emergency care now"*) pass ;;
*) fail "emergency then see-soon: the emergency is not first:
$(tui_screen)" ;;
esac
expect_screen "Red-flag check of" "emergency then see-soon: which check holds it"
expect_screen "See a doctor soon: book an appointment" "the newer check shows below"
expect_no_screen "If you are worried" "nothing softens the emergency on home"
expect_no_screen "lear" "nothing says clear"
tui_text "q"
expect_screen "UNKNOT-EXITED-0" "emergency home quits"
tui_stop
"$UNKNOT" --db "$SEQ" check --none >/dev/null
tui_start 80x24 -- --db "$SEQ"
expect_screen "No warning signs reported" "a complete check with no yes clears it"
expect_no_screen "EMERGENCY" "the emergency is gone after a complete check with no yes"
tui_text "q"
tui_stop

for env in NO_COLOR=1 TERM=vt100; do
    tui_start 80x24 "$env" -- --db "$DB"
    expect_screen "n new" "home readable with $env"
    expect_screen "Flags" "home readable with $env"
    tui_text "q"
    expect_screen "UNKNOT-EXITED-0" "quits with $env"
    tui_stop
done

# SIGTERM and SIGHUP end the app cleanly, even with a half-filled form:
# terminal restored, nothing half-written, database sound.
count=$(sqlite3 "$DB" 'select count(*) from episodes')
for sig in TERM HUP; do
    tui_start 80x24 -- --db "$DB"
    expect_screen "n new" "home before SIG$sig"
    tui_text "n"
    expect_screen "Intensity" "the form is open before SIG$sig"
    tui_keys Tab Tab Right Right
    kill -s "$sig" "$(tui_pid)"
    expect_screen "UNKNOT-EXITED-0" "SIG$sig ends unknot"
    expect_screen "TTY: icanon echo" "SIG$sig restores the terminal"
    tui_stop
done
expect_eq "$(sqlite3 "$DB" 'pragma integrity_check')" "ok" "database sound after signals"
expect_eq "$(sqlite3 "$DB" 'select count(*) from episodes')" "$count" "signals saved no half form"

# Killing the pane sends SIGHUP with the terminal gone, the form open.
tui_start 80x24 -- --db "$DB"
expect_screen "n new" "home before the pane dies"
tui_text "n"
expect_screen "Intensity" "the form is open before the pane dies"
tui_keys Tab Tab Right Right
pid=$(tui_pid)
tmux -L "$E2E_TMUX" kill-pane -t main
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$pid" 2>/dev/null; then fail "unknot survived its pane"; else pass; fi
expect_eq "$(sqlite3 "$DB" 'pragma integrity_check')" "ok" "database sound after the pane died"
"$UNKNOT" --db "$DB" list >/dev/null; RC=$?
expect_eq "$RC" 0 "database opens after the pane died"
e2e_done

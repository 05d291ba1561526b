# SPDX-License-Identifier: BSD-2-Clause
# The episode form in a real terminal: a new episode through every field,
# bad input kept on the form, leaving with and without changes, Ctrl-C,
# help, monochrome terminals and the terminal restored afterwards.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/form.db

count() { sqlite3 "$DB" 'select count(*) from episodes' 2>/dev/null || echo 0; }
# Ends every ongoing episode, so that a save below is not asked whether to
# end an older one (test_tui_episodes.sh tests that question).
end_all() { while "$UNKNOT" --db "$DB" end >/dev/null 2>&1; do :; done; }

# screen_line TEXT: the first screen line holding TEXT.
screen_line() { tui_screen | grep -F -m1 -- "$1"; }

# expect_line TEXT WANT WHAT: polls until the line holding TEXT also holds WANT.
expect_line() {
    local i=0
    while [ $i -lt 100 ]; do
        case $(screen_line "$1") in *"$2"*) pass; return ;; esac
        sleep 0.05; i=$((i + 1))
    done
    fail "$3: the line with \"$1\" lacks \"$2\":
$(tui_screen)"
}

# open_form SIZE [ENV=VALUE...]: starts the app and presses n on home.
open_form() {
    tui_stop # waits for the old server and moves to a fresh socket name
    tui_start "$@" -- --db "$DB"
    expect_screen "n new" "home shows its shortcuts"
    tui_keys n
    expect_screen "> Start" "n opens the form with the focus on Start"
}

# expect_clean_exit WHAT: the shell line shows exit 0 and no sanitizer
# wrote to the pane (UBSan reports and goes on, exiting 0).
expect_clean_exit() {
    expect_screen "UNKNOT-EXITED-0" "$1: the app exits 0"
    case $(tui_screen) in
    *"runtime error"* | *Sanitizer*) fail "$1: a sanitizer reported:
$(tui_screen)" ;;
    *) pass ;;
    esac
}

# quit_app: leaves home with q and waits for the shell line.
quit_app() {
    tui_keys q
    expect_clean_exit "q on home"
}

# --- a new episode through every field, at 80x24 ----------------------------
open_form 80x24
expect_screen "New episode" "the title names the form"
expect_line "Intensity" "not set" "a new episode has no intensity yet"
tui_keys Tab Tab 7
expect_line "> Intensity" "7 severe" "intensity 7 shows its band"
tui_keys Tab Left
expect_line "> Region" "(*) neck" "Left on Region wraps from lower back to neck"
tui_keys Tab Right
expect_line "> Side" "(*) left" "Right on Side picks left"
tui_keys Tab Space
expect_line "> Triggers" "[x] lifting" "Space ticks the first trigger"
tui_keys Tab Right Space
expect_line "> Feels like" "[x] sharp or stabbing" "Right, Space ticks the second feel"
tui_keys Tab Right Space
expect_line "> Symptoms" "[x] knot or hard muscle" "Right, Space ticks the second symptom"
tui_keys Tab
expect_line "> Warning" "[ ] bladder or bowel trouble" "the warning signs have their own row"
tui_keys Tab Right Right Right Right Right Space
expect_screen "[x] heat" "the sixth relief is ticked"
tui_keys Tab
tui_text "ibuprofen 400 mg; paracetamol 1 g"
expect_line "> Medication" "ibuprofen 400 mg; paracetamol 1 g" "medication typed"
tui_keys Tab
tui_text "naïve – 痛み"
expect_line "> Notes" "naïve – 痛み" "UTF-8 notes typed"
tui_keys Enter
expect_screen "Logged episode 1." "Enter on the last field saves"
expect_screen "Ongoing: episode 1" "home shows the new episode"
expect_line "#1" "neck" "today's list on home shows the episode"
quit_app

run --db "$DB" list
expect_rc 0 "list after the form"
expect_out " 7 severe" "list shows the intensity"
expect_out "neck, left" "list shows region and side"
expect_out "lifting" "list shows the trigger"
expect_out "ongoing" "an empty End is ongoing"
run --db "$DB" show 1
for field in "Ended:       ongoing" "Intensity:   7 (severe)" "Region:      neck" \
    "Side:        left" "Triggers:    lifting" "Feels like:  sharp or stabbing" \
    "Symptoms:    knot or hard muscle" \
    "Relief:      heat" "Medication:  ibuprofen 400 mg, paracetamol 1 g" \
    "Notes:       naïve – 痛み"; do
    expect_out "$field" "show 1 after the form"
done

# --- End as a duration, "1" "0" for 10, Shift-Tab, F2 -----------------------
open_form 80x24
tui_keys C-u
tui_text "3h ago"
expect_line "> Start" "= " "Start shows what the text means"
tui_keys Tab
tui_text "1h30m"
expect_line "> End" "(lasted 1h30m)" "End shows the length of a duration"
tui_keys Tab 1 0
expect_line "> Intensity" "10 severe" "1 then 0 makes 10"
tui_keys BTab BTab
expect_line "> Start" "3h ago" "Shift-Tab goes back, the text kept"
tui_keys BTab
expect_screen "> Notes" "Shift-Tab on the first field wraps to the last"
tui_keys F2
expect_screen "Logged episode 2." "F2 saves"
quit_app
run --db "$DB" show 2
expect_out "(lasted 1h30m)" "End 1h30m is start + 1h30m"
expect_out "Intensity:   10 (severe)" "intensity 10"
expect_out "Region:      lower back" "region defaults to lower back"
expect_out "Side:        -" "side defaults to unset"
expect_out "Notes:       -" "no notes"

# --- bad input: the CLI's message on the form, the text kept, nothing written -
before=$(count)
open_form 80x24
tui_keys F2
expect_screen "give the intensity" "saving without an intensity says so"
expect_screen ">!Intensity" "the focus goes to Intensity, marked as the field at fault"
tui_keys BTab BTab C-u
tui_text "tomorrow-ish"
tui_keys Tab Tab 5 F2
expect_screen 'invalid time "tomorrow-ish": use now' "the CLI's message shows on the form"
expect_screen "Not saved: invalid time" "the status line says it too"
expect_line ">!Start" "tomorrow-ish" "the focus is back on Start with the text kept, marked"
case $(tui_screen) in *'!Intensity'*) fail "Intensity is still marked once it is set" ;; *) pass ;; esac
expect_line "Intensity" "5 moderate" "the other fields are kept"
expect_eq "$(count)" "$before" "a refused save wrote nothing"

# Esc on a changed form asks; n keeps the form, y discards.
tui_keys Escape
expect_screen "Discard the changes to this episode? [y/n]" "Esc on a changed form asks"
tui_keys n
expect_screen ">!Start       tomorrow-ish" "n keeps the form as typed"
tui_keys Escape
expect_screen "Discard the changes" "Esc asks again"
tui_keys y
expect_screen "Discarded: nothing was saved." "y leaves the form"
expect_screen "n new" "y goes back home"
expect_eq "$(count)" "$before" "a discarded form wrote nothing"

# Esc on an unchanged form leaves at once.
tui_keys n
expect_screen "> Start" "the form opens again"
tui_keys Escape
expect_screen "n new" "Esc on an unchanged form goes home"
case $(tui_screen) in *Discard*) fail "Esc on an unchanged form asked" ;; *) pass ;; esac

# `?` is text in a text field and the help elsewhere.
tui_keys n
expect_screen "> Start" "the form opens for the help test"
tui_text "?"
expect_line "> Start" "now?" "? typed into a text field is text"
tui_keys BSpace Tab Tab
tui_text "?"
expect_screen "Keys of New episode" "? on Intensity shows the keys"
expect_screen "F2 / Ctrl-S" "the help lists the save keys"
tui_keys Escape
expect_screen "> Intensity" "Esc closes the help, back on the form"
tui_keys Escape
expect_screen "n new" "the untouched form leaves at once"

# Ctrl-S saves (Ctrl-S is XOFF unless the terminal's IXON is off).
end_all
tui_keys n
expect_screen "> Start" "the form opens for Ctrl-S"
tui_keys Tab Tab 3
expect_line "> Intensity" "3 mild" "intensity 3"
tui_keys C-s
if tui_wait "Logged episode" 2; then
    pass
else
    fail "Ctrl-S did not save: the tty flow control ate it (app.c must clear IXON)"
    tui_keys C-q Escape y
fi
expect_screen "n new" "back home after Ctrl-S"
quit_app

# --- Ctrl-C on a changed form asks before quitting ----------------------------
before=$(count)
open_form 80x24
tui_keys Tab Tab 5
# Ctrl-C is a signal and overtakes typed keys: wait until the 5 is shown.
expect_line "> Intensity" "5 moderate" "intensity 5 before Ctrl-C"
tui_keys C-c
expect_screen "Quit and lose the changes on this screen? [y/n]" "Ctrl-C on a changed form asks"
tui_keys n
expect_screen "Not quit." "n keeps the app running"
expect_line "> Intensity" "5 moderate" "the form is as it was"
tui_keys C-c
expect_screen "Quit and lose the changes" "Ctrl-C asks again"
tui_keys y
expect_clean_exit "y after Ctrl-C"
expect_eq "$(count)" "$before" "quitting a changed form wrote nothing"
expect_eq "$(tmux -L "$E2E_TMUX" display -p -t main \
    '#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}')" "0 1 0" \
    "the terminal is restored (main screen, cursor shown, keypad off)"
case $(tui_screen) in *Intensity*) fail "the form is still on screen after quitting" ;; *) pass ;; esac

# --- monochrome: NO_COLOR and a vt100 still read well -------------------------
for env in NO_COLOR=1 TERM=vt100; do
    end_all
    before=$(count)
    open_form 80x24 "$env"
    for text in "Start" "End" "Intensity" "Region      (*) lower back" "Side        (*) -" \
        "Triggers    -" "[ ] tight or cramping" "[ ] stiffness" "[ ] bladder or bowel trouble" \
        "Relief      -" "Medication" "Notes" "F2 save"; do
        expect_screen "$text" "$env: the form shows \"$text\""
    done
    tui_keys Down Down 8
    expect_line "> Intensity" "8 severe" "$env: Down moves to Intensity, 8 shows its band"
    expect_line "Intensity" "[########..]" "$env: the bar shows the intensity without colour"
    tui_keys Down Down Down Space
    expect_line "[x] lifting" "> Triggers" "$env: Down reaches Triggers and Space ticks"
    expect_line "Relief" "-" "$env: lists not being edited show their ticked words when short of rows"
    tui_keys Up
    expect_screen "> Side" "$env: Up from the first line of a list goes to the field above"
    # vt100 has no kcbt, yet tmux (like most terminals) sends CSI Z for it.
    tui_keys BTab
    if tui_wait "> Region" 2; then
        pass
    else
        fail "$env: Shift-Tab arrived as Esc [ Z (app.c must define_key CSI Z as KEY_BTAB)"
        tui_keys n
    fi
    tui_keys F2
    expect_screen "Logged episode" "$env: F2 saves"
    quit_app
    expect_eq "$(count)" "$((before + 1))" "$env: one episode written"
done

# --- the patient's own words: "[+] other" asks on the status line ------------
end_all
open_form 80x24
tui_keys Tab Tab 4 Tab Tab Tab
expect_screen "> Triggers" "Tab reaches Triggers"
expect_screen "[+] other" "the list being edited offers [+] other"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13; do tui_keys Right; done
tui_keys Space
expect_screen "What else set it off?" "Space on [+] other asks on the status line"
tui_text "carrying shopping"
tui_keys Enter
expect_screen "[x] carrying shopping" "the word typed shows, ticked"
tui_keys Tab
case $(screen_line "Triggers") in *"[+] other"*) fail "[+] other shows off the list being edited" ;; *) pass ;; esac
tui_keys F2
expect_screen "Logged episode" "F2 saves the word of one's own"
quit_app
expect_eq "$(sqlite3 "$DB" "select tag from episode_tags where kind = 'trigger'
                            and episode_id = (select max(id) from episodes)")" \
    "other:carrying shopping" "stored as the CLI stores --trigger other:TEXT"

# --- a warning sign ticked on the form: its advice before home ---------------
ADB=$E2E_TMP/advice.db
tui_stop
tui_start 80x24 -- --db "$ADB"
expect_screen "n new" "home before the advice test"
tui_keys n
expect_screen "> Start" "the form opens for the advice test"
# The whole form fits 80x24: every field is on the screen, nothing to scroll.
for text in "Triggers" "Feels like" "Symptoms" "Warning" "signs" "Relief" "Medication" \
    "Notes" "[ ] arm or hand numbness or weakness"; do
    expect_screen "$text" "80x24 shows \"$text\""
done
case $(tui_screen | cut -c80 | tr -d ' \n') in "") pass ;; *) fail "80x24 shows scroll marks:
$(tui_screen)" ;; esac
tui_keys Tab Tab 6 Tab Tab Tab Tab Tab Tab
expect_line "> Warning" "[ ] bladder or bowel trouble" "Tab reaches the warning signs"
tui_keys Right Space
expect_line "> Warning" "[x] numbness between the legs" "Space ticks numbness between the legs"
tui_keys F2
expect_screen "What to do now" "saving a warning sign opens the advice"
expect_eq "$(tui_screen | grep -v '^ *$' | sed -n 2p)" "  EMERGENCY: seek emergency care now" \
    "the verdict comes first"
expect_screen "Warning sign: numbness between the legs." "the advice names the sign"
expect_screen "emergency department" "the emergency advice"
expect_screen "Logged episode 1." "the status line says it is saved"
expect_screen "c checklist" "c for the checklist is offered"
expect_no_screen "If you are worried" "nothing softens the emergency advice"
expect_no_screen "not medical advice" "no not-medical-advice line under an emergency"
expect_eq "$(sqlite3 "$ADB" "select kind || ':' || tag from episode_tags")" \
    "symptom:saddle-numbness" "the episode is saved with the sign"
tui_keys c
expect_screen "Item 1 of 20" "c on the advice opens the checklist"
# A nerve symptom: the advice screen prompts the checklist; Enter goes home.
open_form_on() { tui_stop; tui_start 80x24 -- --db "$1"; expect_screen "n new" "home"; tui_keys n
    expect_screen "> Start" "the form opens"; }
# Episode 1 is still ongoing: once the clock passes its minute, the save
# would first ask whether to end it (test_tui_episodes.sh covers that).
"$UNKNOT" --db "$ADB" end 1 >/dev/null || fail "end episode 1"
open_form_on "$ADB"
tui_keys Tab Tab 3 Tab Tab Tab Tab Tab Right Right Right Right Space
expect_screen "[x] spreading down a leg" "a nerve symptom ticked"
tui_keys F2
expect_screen "Numbness, tingling or leg pain: take the red-flag checklist now (c)." \
    "a nerve symptom prompts the checklist"
expect_no_screen "EMERGENCY" "no warning sign, no verdict"
tui_keys Enter
expect_screen "n new" "Enter on the advice goes home"
expect_screen "#2" "home lists the new episode"
tui_stop

# --- a wider terminal uses the width --------------------------------------------
open_form 120x40
expect_line "[ ] lifting" "[ ] sneezing or coughing" "120 columns put more triggers on a line"
tui_keys Tab Tab 4
expect_line "> Intensity" "4 moderate" "intensity 4 at 120x40"
# Too small a terminal shows a notice, and the form comes back intact.
tui_resize 70x20
expect_screen "terminal too small" "below 80x24 a notice shows"
tui_resize 120x40
expect_line "> Intensity" "4 moderate" "the form comes back after the resize"
tui_keys Escape
expect_screen "Discard the changes" "Esc asks after the resize"
tui_keys y
quit_app

# --- editing from the history (e) changes only what the user changed -------
EDB=$E2E_TMP/edit.db
"$UNKNOT" --db "$EDB" log --at "2d ago" --for 1h30m -i 8 -r neck -s left --trigger stress \
    --trigger "other:carrying a child" --symptom stiffness --relief heat \
    --med "ibuprofen 400 mg" --med "gel; twice" --note "x
second line" >/dev/null || fail "log the episode to edit"
# Every stored column but intensity and updated_at, and the tags in order.
stored() {
    sqlite3 "$EDB" "select started_at, ended_at, region, side, hex(notes), created_at
                    from episodes where id = 1;
                    select kind, tag from episode_tags where episode_id = 1 order by rowid"
}
sql_before=$(stored)
updated_before=$(sqlite3 "$EDB" 'select updated_at from episodes where id = 1')
run --db "$EDB" show 1
show_before=$OUT

# open_edit: home, l for the history, e on its (only) episode.
open_edit() {
    tui_stop
    tui_start 80x24 -- --db "$EDB"
    expect_screen "n new" "home before the history"
    tui_keys l
    expect_screen "1 episode" "l opens the history"
    tui_keys e
    expect_screen "Edit episode" "e in the history opens the form"
}

open_edit
expect_line "Intensity" "8 severe" "the form shows the stored intensity"
expect_line "Region" "(*) neck" "the stored region"
expect_line "Side" "(*) left" "the stored side"
expect_screen "[x] stress" "the stored trigger is ticked"
expect_screen "[x] carrying a child" "an other:TEXT trigger shows, ticked"
expect_line "Medication" "ibuprofen 400 mg; gel; twice" "the medications, joined by ;"
expect_line "Notes" "second line" "the stored notes"
expect_line "End" "(lasted 1h30m)" "End shows the stored end"
# Saving an untouched edit writes nothing.
tui_keys F2
expect_screen "No changes to episode 1." "F2 on an untouched edit says so"
expect_eq "$(sqlite3 "$EDB" 'select updated_at from episodes where id = 1')" \
    "$updated_before" "an untouched edit is not written"
tui_keys e
expect_screen "Edit episode" "e opens the form again"
tui_keys Tab Tab 6
expect_line "> Intensity" "6 moderate" "intensity changed to 6"
tui_keys F2
expect_screen "Updated episode 1." "F2 saves the edit"
tui_keys q
expect_screen "n new" "q leaves the history"
quit_app
expect_eq "$(sqlite3 "$EDB" 'select intensity from episodes where id = 1')" 6 \
    "the edit changed the intensity"
expect_eq "$(stored)" "$sql_before" \
    "start (with its seconds), end, region, side, notes and tags are byte-identical"
run --db "$EDB" show 1
# The first pain reading is the intensity (issue 13): it changes with it.
changed=$(diff <(echo "$show_before") <(echo "$OUT") | grep '^[<>]' |
    grep -vc -e Intensity -e Updated -e 'logged with the episode')
expect_eq "$changed" 0 "show differs only in Intensity, Updated and the first reading"

# Unticking a word and editing the medications replace just those lists.
open_edit
tui_keys Tab Tab Tab Tab Tab
expect_screen "> Triggers" "Tab reaches Triggers"
tui_keys Down Down Down Right Right
tui_keys Space
expect_screen "[ ] stress" "Space unticks stress"
tui_keys Tab Tab Tab Tab Tab C-u
tui_text "naproxen 250 mg"
expect_line "> Medication" "naproxen 250 mg" "the medication replaced"
tui_keys F2
expect_screen "Updated episode 1." "the second edit saves"
tui_keys q
expect_screen "n new" "q leaves the history again"
quit_app
expect_eq "$(sqlite3 "$EDB" "select group_concat(kind || ':' || tag, ', ') from
                             (select * from episode_tags where episode_id = 1 order by rowid)")" \
    "symptom:stiffness, trigger:other:carrying a child, relief:heat, relief:medication, medication:naproxen 250 mg" \
    "only the changed lists were rebuilt (typing the medication ticked it under Relief); the other:TEXT trigger survives"
expect_eq "$(sqlite3 "$EDB" 'select started_at, ended_at, hex(notes) from episodes')" \
    "$(echo "$sql_before" | head -n 1 | cut -d'|' -f1,2,5)" "times and notes still untouched"

e2e_done

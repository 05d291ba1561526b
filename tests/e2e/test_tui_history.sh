# SPDX-License-Identifier: BSD-2-Clause
# The history screen: the list newest first, moving, the detail view,
# deleting, ending, filtering, and a history of 10,000 episodes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../bench/gen.sh"

DB=$E2E_TMP/history.db
log --at "3d ago" --for 2h -i 8 -r lower -s left --trigger lifting --symptom knot \
    --relief heat --med "Ibuprofen 400" --note "bent over the dishwasher"
log --at "2d ago" --for 30m -i 3 -r neck --trigger stress --note "long call, 50% of it hunched"
log --at "1d ago" --for 1h -i 5 -r mid -s right --trigger sitting --note "desk_chair day"
log --at "2h ago" -i 6 -r upper --note "still going"

# tui_stop, then waits for the tmux server to be gone: a session started
# while the old server is still exiting dies with it ("no server running").
tui_stop_wait() {
    local pid
    pid=$(tmux -L "$E2E_TMUX" display-message -p '#{pid}' 2>/dev/null)
    tui_stop
    [ -n "$pid" ] || return 0
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.05; done
}

# tui_wait_gone TEXT: polls like tui_wait until TEXT has left the screen.
tui_wait_gone() {
    local i=0
    while [ $i -lt 100 ]; do
        case $(tui_screen) in *"$1"*) ;; *) return 0 ;; esac
        sleep 0.05; i=$((i + 1))
    done
    return 1
}

# row_of ID: the screen line of the list row of episode ID (empty if none).
row_of() { tui_screen | grep -n -E "^[ >] *$1  [0-9]{4}-" | head -n 1 | cut -d: -f1; }

tui_start 80x24 -- --db "$DB"
expect_screen "n new" "home"
tui_text "l"
expect_screen "4 episodes, newest first" "l opens the history"
expect_screen "1/4" "the position shows"
expect_screen "INTENSITY" "the column heads show"
r4=$(row_of 4) r3=$(row_of 3) r2=$(row_of 2) r1=$(row_of 1)
if [ -n "$r4" ] && [ -n "$r1" ] && [ "$r4" -lt "$r3" ] && [ "$r3" -lt "$r2" ] &&
    [ "$r2" -lt "$r1" ]; then pass; else fail "not newest first (rows $r4 $r3 $r2 $r1):
$(tui_screen)"; fi
expect_screen ">    4  " "the newest is selected"
expect_screen "ongoing    6 moderate  upper back" "an ongoing row says so, with its band"
expect_screen "30m        3 mild      neck                stress" "a row like unknot list"

tui_text "j"
expect_screen "2/4" "j moves down"
expect_screen ">    3  " "j selects the next older"
tui_keys Down
expect_screen ">    2  " "Down moves down"
tui_text "k"
expect_screen ">    3  " "k moves up"
tui_keys Up
expect_screen "1/4" "Up moves up"
tui_text "G"
expect_screen "4/4" "G goes to the end"
expect_screen ">    1  " "G selects the oldest"
tui_text "g"
expect_screen ">    4  " "g goes back to the newest"
tui_keys End
expect_screen ">    1  " "End goes to the end"
tui_keys Home
expect_screen "1/4" "Home goes to the top"

# The detail view shows every field of `unknot show`.
tui_text "G"
expect_screen "4/4" "G before the detail"
tui_keys Enter
expect_screen "Episode 1" "Enter opens the detail"
for field in "Started:" "Ended:" "(lasted 2h)" "Intensity:    8 (severe)" \
    "Region:       lower back" "Side:         left" "Triggers:     lifting" \
    "Symptoms:     knot or hard muscle" "Relief:       heat" \
    "Medication:   Ibuprofen 400" "Notes:        bent over the dishwasher" "Logged:"; do
    expect_screen "$field" "the detail shows $field"
done
tui_keys Escape
expect_screen "4 episodes, newest first" "Esc goes back to the list"
expect_screen ">    1  " "the cursor stays after the detail"
tui_keys Enter
expect_screen "Notes:        bent over the dishwasher" "Enter again"
tui_text "q"
expect_screen "4/4" "q goes back to the list"

# d asks; n keeps, y deletes and the cursor stays at the end.
tui_text "d"
expect_screen "Delete episode 1 (" "d asks first, naming the episode"
expect_screen "lower back, 8)? [y/n]" "the question names region and intensity"
tui_text "n"
expect_screen "Nothing deleted." "n keeps it"
run --db "$DB" show 1
expect_rc 0 "episode 1 is still there after n"
tui_text "d"
expect_screen "Delete episode 1 (" "d asks again"
tui_text "y"
expect_screen "Deleted episode 1." "y deletes"
expect_screen "3 episodes, newest first" "the list has one fewer"
expect_screen ">    2  " "the cursor moves to the next one left"
expect_screen "3/3" "the position follows"
run --db "$DB" show 1
expect_rc 1 "episode 1 is gone after y"

# x ends the ongoing one; a second x says it has ended.
tui_text "g"
expect_screen ">    4  " "g before x"
tui_text "x"
expect_screen "End episode 4 now (after 2h" "x asks before ending"
tui_text "y"
expect_screen "Ended episode 4 after 2h" "x ends the episode"
run --db "$DB" show 4
expect_out "(lasted 2h" "the end is stored"
tui_text "x"
expect_screen "Episode 4 has already ended." "x on an ended episode"
tui_text "j"
expect_screen ">    3  " "j before an edit"

# e edits; back on the list the row shows the change, and the cursor
# follows the episode to its new place when its start moved.
tui_text "e"
expect_screen "Edit episode" "e opens the form on the selected episode"
tui_keys C-u
tui_text "4d ago"
tui_keys Tab Tab 9 F2
expect_screen "Updated episode 3." "the edit saves"
expect_screen "3 episodes, newest first" "back on the list after the edit"
expect_screen "3/3" "the cursor followed the episode to the end"
expect_screen ">    3  " "the edited episode is still selected"
expect_screen " 9 severe" "the list shows the new intensity"
if [ "$(row_of 2)" -lt "$(row_of 3)" ]; then pass; else fail "episode 3 did not move below 2:
$(tui_screen)"; fi

# / filters: notes, % and _ literally, region; Esc cancels; empty clears.
tui_text "/"
expect_screen "Filter: " "/ opens the filter line"
tui_text "50%"
tui_keys Enter
expect_screen 'Filter "50%": 1 matching' "the filter applies"
expect_screen ">    2  " "the matching episode shows"
expect_no_screen "desk_chair" "the others are hidden"
if [ -z "$(row_of 3)" ] && [ -z "$(row_of 4)" ]; then pass; else fail "filter 50% shows 3 or 4"; fi
tui_text "/"
tui_keys C-u
tui_text "k_c"
tui_keys Enter
expect_screen 'Filter "k_c": 1 matching' "_ matches only itself"
expect_screen ">    3  " "desk_chair matches k_c"
tui_text "/"
tui_keys C-u
tui_text "UPPER"
tui_keys Enter
expect_screen 'Filter "UPPER": 1 matching' "the region code matches, any case"
expect_screen ">    4  " "the upper back episode shows"
tui_text "/"
tui_text "zzz"
tui_keys Escape
expect_screen "v charts" "Esc closes the filter line"
expect_screen 'Filter "UPPER": 1 matching' "Esc keeps the filter as it was"
expect_no_screen "zzz" "Esc drops what was typed"
tui_text "/"
tui_keys C-u
tui_text "?"
expect_screen "Filter: ?" "? is text on the filter line"
tui_keys BSpace Enter
expect_screen "3 episodes, newest first" "an empty filter shows every episode"
expect_screen "Filter cleared" "the status says so"

tui_text "?"
expect_screen "Keys of History" "? lists the keys"
expect_screen "filter by text" "the help lists the filter"
tui_text "q"
expect_screen "3 episodes, newest first" "back from the help"
tui_text "q"
expect_screen "n new" "q goes back home"
tui_text "q"
expect_screen "UNKNOT-EXITED-0" "q quits"
tui_stop_wait

# Monochrome and an old terminal: the selection mark still shows.
for env in NO_COLOR=1 TERM=vt100; do
    tui_start 80x24 "$env" -- --db "$DB"
    expect_screen "n new" "home with $env"
    tui_text "l"
    expect_screen "3 episodes, newest first" "history with $env"
    tui_text "j"
    expect_screen ">    2  " "selection visible with $env"
    tui_text "q"
    tui_text "q"
    expect_screen "UNKNOT-EXITED-0" "quits with $env"
    tui_stop_wait
done

# An empty history says what to do.
tui_start 80x24 -- --db "$E2E_TMP/empty.db"
expect_screen "n new" "home of an empty database"
tui_text "l"
expect_screen "No episodes yet. Press n on home to log one." "empty history"
expect_screen "0/0" "empty position"
tui_text "j"
tui_keys Enter
expect_screen "No episode is selected." "Enter on an empty list"
tui_text "qq"
expect_screen "UNKNOT-EXITED-0" "quits from an empty history"
tui_stop_wait

# 10,000 episodes: the window pages through them; G reaches the oldest.
BIG=$E2E_TMP/big.db
gen_db "$BIG" 10000 || fail "gen_db"
tui_start 80x24 -- --db "$BIG"
expect_screen "n new" "home of a long history"
tui_text "l"
expect_screen "1/10000" "10,000 episodes listed"
expect_screen ">    1  " "the newest generated episode first"
tui_text "G"
expect_screen "10000/10000" "G reaches the end of 10,000"
expect_screen ">10000  " "G selects the oldest episode"
tui_text "k"
expect_screen "9999/10000" "k from the end"
tui_keys PPage
expect_screen "9980/10000" "PgUp moves a screen up"
for _ in $(seq 25); do tui_text "k"; done
expect_screen "9955/10000" "k scrolls past the window"
expect_screen "> 9955  " "the right row is selected"
tui_text "g"
expect_screen "1/10000" "g back to the top"
tui_text "   "
expect_screen "58/10000" "Space pages down"
expect_screen ">   58  " "the right row after paging"
tui_text "bb"
expect_screen ">   20  " "b pages up"
tui_text "/"
tui_text "episode 777"
tui_keys Enter
expect_screen 'Filter "episode 777": 11 matching' "a filter over 10,000"
tui_text "G"
expect_screen "11/11" "G within the filter"
expect_screen "> 7779  " "the oldest match is 7779"
tui_text "/"
tui_keys C-u Enter
expect_screen "10000 episodes, newest first" "the filter cleared over 10,000"
tui_resize 140x30
expect_screen "NOTES" "a wide terminal adds the notes column"
expect_screen "lifting                         generated episode 12" "the notes show when there is room"
tui_resize 80x24
if tui_wait_gone "NOTES"; then pass; else fail "the notes column stays at 80 columns"; fi
expect_screen "1/10000" "the list redrawn at 80x24"
tui_text "qq"
expect_screen "UNKNOT-EXITED-0" "quits after paging through 10,000"
tui_stop_wait
e2e_done

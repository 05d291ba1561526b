# SPDX-License-Identifier: BSD-2-Clause
# Episode state in the app: home lists every ongoing episode, e asks which
# and when (now, or a time typed as --at takes it), and saving a new
# episode while an older one is ongoing asks whether to end it.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/episodes.db
# Absolute minutes, so what `unknot show` prints can be compared.
now=$(( $(date +%s) / 60 * 60 ))
at() { date -d "@$((now - $1 * 60))" '+%F %H:%M'; }
start1=$(at 180) start2=$(at 60) end1=$(at 120) start3=$(at 30)
future=$(date -d tomorrow '+%F 09:00')
log --at "$start1" -i 7 -r lower -s left
log --at "$start2" -i 4 -r neck

tui_start 80x24 -- --db "$DB"
expect_screen "Ongoing: 2 episodes" "home counts the ongoing episodes"
expect_screen "1  #2    since $start2" "home lists the newest first, numbered"
expect_screen "2  #1    since $start1" "home lists the older one too"
expect_screen "7 severe  lower back, left" "with its intensity and where"
tui_text "e"
expect_screen "End which ongoing episode? [1-2, Esc: none]" "e asks which"
tui_text "2"
expect_screen "End episode 1 now (after 3h" "then asks about the one picked"
expect_screen "t: at a time" "offering a typed time"
tui_text "t"
expect_screen "End episode 1 at" "t asks for the time"
tui_text "$future"
tui_keys Enter
expect_screen "Not ended: end lies in the future" "a time in the future is refused, on one line"
tui_keys C-u
tui_text "$end1"
tui_keys Enter
expect_screen "Ended episode 1 after 1h." "the typed time ends it"
expect_screen "Ongoing: episode 2" "one ongoing is left"
run --db "$DB" show 1
expect_out "Ended:       $end1 (lasted 1h)" "show gives the typed end"

# A new episode while episode 2 is ongoing: the form asks.
tui_text "n"
expect_screen "Intensity" "the form opens"
tui_keys C-u
tui_text "$start3"
tui_keys Tab Tab
tui_text "5"
tui_keys F2
expect_screen "Episode 2 (neck, since $start2) is still ongoing." "saving names the ongoing one"
expect_screen "End it at this start? [e: end it, k: keep both, Esc: back to the form]" \
    "and asks what to do"
tui_keys Escape
expect_screen "Not saved yet" "Esc goes back to the form"
tui_keys F2
expect_screen "End it at this start?" "asked again"
tui_text "e"
expect_screen "Logged episode 3; ended 1 episode at its start." "e ends it at the new start"
expect_screen "Ongoing: episode 3" "only the new one is ongoing"
tui_text "q"
expect_screen "UNKNOT-EXITED-0" "q quits"
tui_stop
run --db "$DB" show 2
expect_out "lasted 30m" "episode 2 ended at the new episode's start"
run --db "$DB" show 3
expect_out "ongoing" "episode 3 is ongoing"
e2e_done

# SPDX-License-Identifier: BSD-2-Clause
# Home and the timer in a small tmux pane (60x18) and home on a large
# terminal (200x60), on a history with an ongoing episode, a flag, and
# today's episodes, an ice session and a medication; the timer runs on
# under the too-small notice at 59x17.
# Set E2E_CAPTURE=DIR to keep the screens (DIR/home-60x18.txt, ...).
. "$(dirname "$0")/lib.sh"

export TZ=UTC LC_ALL=C.UTF-8
# The whole test at 15:00 on one day, the clock running from there: today's
# list must not depend on the hour the test runs at (after midnight the
# episodes of "2h ago" were yesterday's).
FT="@1795100400" # 2026-11-19 15:00 UTC
ft() { faketime "$FT" "$UNKNOT" --db "$DB" "$@" >/dev/null 2>&1 || fail "unknot $*"; }

# ft_start SIZE: unknot on $DB in a pane, under faketime from $FT.
ft_start() {
    local size=$1 cmd
    cmd=$(printf '%q ' faketime "$FT" "$UNKNOT" --db "$DB")
    tmux -L "$E2E_TMUX" -f /dev/null new-session -d -s main -x "${size%x*}" -y "${size#*x}" \
        "$cmd; echo UNKNOT-EXITED-\$?; sleep 30"
}

capture() { [ -n "${E2E_CAPTURE:-}" ] && tui_screen >"$E2E_CAPTURE/$1.txt"; return 0; }

# no_cut_words WHAT: no screen line ends in a letter at the pane's right
# edge (text cut by the terminal rather than ended with an ellipsis).
no_cut_words() {
    local width
    width=$(tmux -L "$E2E_TMUX" display -p '#{pane_width}')
    if tui_screen | grep -qE "^.{$((width - 1))}[[:alpha:]]$"; then
        fail "$1: a line runs into the right edge:
$(tui_screen)"
    else pass; fi
}

DB=$E2E_TMP/sizes.db
for d in 20 14 8 4; do
    ft log --at "${d}d ago" --for 1h -i 5 -r lower --trigger lifting
done
ft log --at "5h ago" --for 30m -i 3 -r neck --trigger sitting
ft log --at "2h ago" -i 7 -r lower -s right --trigger bending --trigger lifting \
    --trigger sneeze-cough --med "ibuprofen 400 mg" --note "moving heavy boxes"
ft did ice --at "90m ago" --for 15m --before 7 --after 5
ft took "ibuprofen 400 mg" --at "1h ago"

# --- home at 60x18: everything whole, in fewer rows ---------------------------
ft_start 60x18
expect_screen "Ongoing: episode 6" "home works at 60x18"
expect_screen "Spasms on 5 days in the last 30" "the flag shows whole at 60x18"
expect_screen "ice           done for 15m, pain 7, then 5" "today lists the ice"
expect_screen "ibuprofen 400 mg taken" "and the medication"
expect_no_screen "too small" "no notice at 60x18"
no_cut_words "home at 60x18"
capture home-60x18

# --- the timer at 60x18 ------------------------------------------------------
tui_text "i"
expect_screen "Minutes:" "the ice set-up at 60x18"
no_cut_words "the set-up at 60x18"
tui_keys Enter
expect_screen "left of 20:00" "the countdown at 60x18"
expect_screen "Space pause" "with its keys"
no_cut_words "the countdown at 60x18"
# The big digits fit at 60x18: reverse-video blocks on rows 2-6.
if tmux -L "$E2E_TMUX" capture-pane -e -p -t main | sed -n 3,7p | grep -q $'\e\\[7m'; then
    pass; else fail "no big digits at 60x18"; fi
capture timer-60x18
tui_resize 59x17
expect_screen "this screen needs 60x18" "59x17 shows the notice"
sleep 2
tui_resize 60x18
expect_screen "left of 20:00" "the countdown is back"
case $(tui_screen) in *"20:00 left of 20:00"*) fail "the timer stood still under the notice" ;;
*) pass ;; esac
tui_text "q"
expect_screen "Stop this session?" "q asks"
tui_text "y"
expect_screen "Session stopped." "stopped"
tui_stop

# --- home at 200x60: more of today, the triggers beside it ------------------
ft_start 200x60
expect_screen "Ongoing: episode 6" "home at 200x60"
expect_screen "bending forward, lifting, sneezing or coughing" "today's triggers at 200 columns"
expect_screen "ice           done for 15m, pain 7, then 5" "today lists the ice"
no_cut_words "home at 200x60"
capture home-200x60
tui_text "l"
expect_screen "MEDICATION" "History at 200 columns has the medication column"
case $(tui_screen | grep -m1 NOTES) in *NOTES*MEDICATION*) pass ;;
*) fail "medication is not after notes: $(tui_screen | grep -m1 NOTES)" ;; esac
expect_screen "ibuprofen 400 mg" "with the medication taken"
tui_stop

e2e_done

# SPDX-License-Identifier: BSD-2-Clause
# Home keeps itself current with no key (another unknot's log, the ongoing
# minute under faketime x10) without spinning, and the flags screen lists
# every flag at 80x24 and opens an episode.
. "$(dirname "$0")/lib.sh"

# ft_start SIZE -- ARGS: unknot ARGS in a pane under faketime x10 (REALTIME,
# MONOTONIC and the wgetch waits: a minute passes in 6 s).
ft_start() {
    local size=$1; shift
    [ "${1:-}" = -- ] && shift
    local cmd
    # libfaketime comes before the ASan runtime in the preload order.
    cmd=$(printf '%q ' env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
        faketime -f '+0 x10' "$UNKNOT" "$@")
    tmux -L "$E2E_TMUX" -f /dev/null new-session -d -s main -x "${size%x*}" -y "${size#*x}" \
        "$cmd; echo UNKNOT-EXITED-\$?; sleep 30"
}

# cpu_ticks PID: user + system time the process used, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# --- another unknot writes: home shows it without a key, and idles cheaply --
DB=$E2E_TMP/home.db
log --at "3h ago" --for 1h -i 2 -r neck
tui_start 80x24 -- --db "$DB"
expect_screen "No episode ongoing." "home starts with nothing ongoing"
pid=$(tui_pid)
t0=$(cpu_ticks "$pid")
sleep 3
t1=$(cpu_ticks "$pid")
# A poll every 2 s costs microseconds; a busy loop would take all 300.
if [ $((t1 - t0)) -le 10 ]; then pass; else
    fail "idle home used $((t1 - t0)) ticks of CPU in 3 s"; fi
log --at "5m ago" -i 4 -r lower
expect_screen "Ongoing: episode 2 for 5m" "a log from another shell shows on home, no key"
expect_screen "ongoing  #2" "and in today's list"
"$UNKNOT" --db "$DB" end >/dev/null 2>&1 || fail "unknot end"
expect_screen "No episode ongoing." "an end from another shell shows too"
tui_stop

# --- the ongoing duration advances by itself (faketime x10) -----------------
DB=$E2E_TMP/minute.db
log --at "10m ago" -i 5 -r lower
ft_start 80x24 -- --db "$DB"
expect_screen "Ongoing: episode 1 for 1" "home shows the ongoing episode"
shown=$(tui_screen | grep -o 'for [0-9]*m' | head -1)
m=${shown#for }
m=${m%m}
# 65 s of the fake clock are 6.5 s here; no key is sent meanwhile.
expect_screen "Ongoing: episode 1 for $((m + 1))m" "the duration moves on by itself" 7
tui_stop

# --- the flags screen: four flags at 80x24, Enter opens an episode ----------
DB=$E2E_TMP/flags.db
log --at "20d ago" --for 1h -i 4 -r lower
log --at "15d ago" --for 1h -i 4 -r lower
log --at "8d ago" -i 8 -r lower --symptom numbness
tui_start 80x24 -- --db "$DB"
expect_screen "and 1 more flag not shown: press f" "home counts the flags that do not fit"
tui_text "f"
expect_screen "4 flags, most pressing first" "f opens the flags screen"
for title in "Severe and not easing" "One spasm lasting 8 days, still going" \
    "Leg symptoms: numbness or tingling" "Spasms on 3 days in the last 30"; do
    expect_screen "$title" "the flags screen lists \"$title\""
done
expect_screen ">   episode 3, started" "the first episode is selected"
tui_text "G"
expect_screen "    episode 1, started" "G shows the last flag's episodes"
tui_text "kk"
expect_screen ">   episode 1, started" "k moves to an earlier episode"
tui_keys Enter
expect_screen "Episode 1" "Enter opens the episode"
expect_screen "lower back" "with its fields"
tui_text "q"
expect_screen "4 flags, most pressing first" "q goes back to the flags"
tui_text "q"
expect_screen "n new" "q goes back home"
tui_stop

e2e_done

# SPDX-License-Identifier: BSD-2-Clause
# The timer's cues in tmux: HOLD and REST as words in the big digits with
# NO_COLOR (read back from the reverse-video cells), the end of an ice
# session ringing every 30 s until a key (counted by the --exec command and
# by tmux's alert-bell hook), and --quiet ringing nothing. Ice runs under
# faketime x60: 10 minutes in 10 s, a 30-s repeat every half second.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/cues.db
BELLS=$E2E_TMP/bells
CUES=$E2E_TMP/cues.log
export XDG_CONFIG_HOME=$E2E_TMP/config # no settings file: the bell is on
printf '#!/bin/sh\necho "$*" >>%s\n' "$CUES" >"$E2E_TMP/cue.sh"
chmod +x "$E2E_TMP/cue.sh"

# cue_start FAST ARGS...: unknot --db $DB ARGS in a pane with NO_COLOR, under
# faketime x60 when FAST is 1; each bell adds a line to $BELLS.
cue_start() {
    local fast=$1 cmd; shift
    local pre=(env NO_COLOR=1 "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0")
    [ "$fast" = 1 ] && pre+=(faketime -f '+0 x60')
    cmd=$(printf '%q ' "${pre[@]}" "$UNKNOT" --db "$DB" "$@")
    : >"$BELLS"
    : >"$CUES"
    tmux -L "$E2E_TMUX" -f /dev/null new-session -d -s main -x 80 -y 24 \
        "$cmd; echo UNKNOT-EXITED-\$?; sleep 30"
    tmux -L "$E2E_TMUX" set-hook -g alert-bell "run-shell 'echo bell >> $BELLS'"
}
count() { wc -l <"$1"; }
ends() { grep -c '^end' "$CUES"; }

# big_word WORD: the screen's reverse-video blanks spell WORD in the big
# digits (3x5 glyphs, a cell 2 columns wide, one cell apart).
big_word() {
    tmux -L "$E2E_TMUX" capture-pane -e -p -t main | python3 -c '
import re, sys
glyphs = {"H": ["#.#", "#.#", "###", "#.#", "#.#"], "O": ["###", "#.#", "#.#", "#.#", "###"],
          "L": ["#..", "#..", "#..", "#..", "###"], "D": ["##.", "#.#", "#.#", "#.#", "##."],
          "R": ["##.", "#.#", "##.", "#.#", "#.#"], "E": ["###", "#..", "##.", "#..", "###"],
          "S": [".##", "#..", ".#.", "..#", "##."], "T": ["###", ".#.", ".#.", ".#.", ".#."],
          "M": ["#.#", "###", "###", "#.#", "#.#"], "V": ["#.#", "#.#", "#.#", "#.#", ".#."]}
word = sys.argv[1]
want = [".".join(glyphs[c][r] for c in word).replace("#", "##").replace(".", "..")
        for r in range(5)]
rows = []
for line in sys.stdin.read().split("\n"):
    rev, row = False, ""
    for tok in re.split(r"(\x1b\[[0-9;]*m)", line):
        if tok.startswith("\x1b["):
            codes = tok[2:-1].split(";")
            if "7" in codes: rev = True
            if "0" in codes or "" in codes or "27" in codes: rev = "7" in codes
        else:
            row += "".join("#" if rev and ch == " " else "." for ch in tok)
    rows.append(row + "." * 80)
for y in range(len(rows) - 4):
    x = rows[y].find(want[0])
    while x >= 0:
        if all(rows[y + r][x:x + len(want[r])] == want[r] for r in range(5)):
            sys.exit(0)
        x = rows[y].find(want[0], x + 1)
sys.exit(1)' "$1"
}
expect_big() { # expect_big WORD WHAT: polls up to 5 s
    for _ in $(seq 50); do big_word "$1" && { pass; return; }; sleep 0.1; done
    fail "$2: no big \"$1\" on the screen:
$(tui_screen)"
}

# --- NO_COLOR: HOLD and REST are words in the digits' area ----------------
cue_start 0 timer stretch --routine daily --hold 30
expect_screen "< 30 s >" "the set-up"
tui_keys Enter
expect_screen "left in this position change" "the routine starts with a change of position"
expect_big MOVE "a change of position says MOVE"
tui_keys n
expect_screen "Get ready: Knee-to-chest, LEFT side, rep 1 of 3 - in " "the count-in counts down"
tui_keys n
expect_screen "Hold: Knee-to-chest, LEFT side, rep 1 of 3" "the hold's banner"
expect_big HOLD "a hold says HOLD in the big digits"
tui_keys n
expect_screen "Rest, then: Knee-to-chest, LEFT side, rep 2 of 3" "the rest's banner"
expect_big REST "a rest says REST in the big digits"
if big_word HOLD; then fail "HOLD still shows in the rest"; else pass; fi
tui_keys q y
expect_screen "Session stopped." "stopped"
tui_keys Enter
expect_screen "make it worse?" "the question after a routine"
tui_keys Enter
expect_screen "UNKNOT-EXITED-0" "leaves"
tui_stop

# --- ice: the end rings every 30 s until a key ----------------------------
cue_start 1 timer ice --minutes 10 --exec "$E2E_TMP/cue.sh %cue %step"
expect_screen "< 10 >" "ice set-up"
tui_keys Enter
expect_screen "left of 10:00" "the ice countdown runs"
expect_screen "Take the ice off now." "the end says to take the ice off" 30
expect_screen "The bell rings every 30 s until you press a key." "the end says it repeats"
expect_eq "$(head -1 "$CUES")" "hold Ice, 10 minutes" "--exec ran at the start with %cue %step"
for _ in $(seq 100); do [ "$(ends)" -ge 4 ] && break; sleep 0.05; done
n=$(ends)
if [ "$n" -ge 4 ]; then pass; else fail "the end rang $n times, wanted repeats"; fi
b=$(count "$BELLS")
if [ "$b" -ge 4 ]; then pass; else fail "the terminal bell rang $b times at the end"; fi
tui_keys Space
expect_screen "Bell off." "a key stops the bell"
sleep 0.3
n=$(ends)
sleep 2 # four more periods of 30 fake seconds
expect_eq "$(ends)" "$n" "no more end cues after a key"
expect_no_screen "The bell rings every 30 s" "the repeat note is gone"
tui_keys Enter
expect_screen "UNKNOT-EXITED-0" "Enter leaves"
tui_stop
expect_eq "$(sql "select kind, status from sessions order by id desc limit 1")" "ice|done" \
    "the ice session is stored as done"

# --- --quiet rings nothing, and a cue_command of the settings is not run ----
mkdir -p "$XDG_CONFIG_HOME/unknot"
printf 'cue_command = %s %%cue\n' "$E2E_TMP/cue.sh" >"$XDG_CONFIG_HOME/unknot/config"
cue_start 1 timer ice --minutes 10 --quiet
tui_keys Enter
expect_screen "Take the ice off now." "the quiet ice session ends" 30
sleep 1.5
expect_eq "$(count "$BELLS")" "0" "--quiet: no bell"
expect_eq "$(count "$CUES")" "0" "--quiet: no cue_command"
tui_keys Enter
expect_screen "UNKNOT-EXITED-0" "leaves"
tui_stop

# --- a failing command: one note, the countdown goes on -------------------
cue_start 1 timer ice --minutes 10 --exec "$E2E_TMP/nowhere %cue"
tui_keys Enter
expect_screen "cue_command could not be run (exit 127) (ignored from now on)" \
    "a command that cannot run is said once"
expect_screen "left of 10:00" "the countdown goes on"
tui_keys q y
expect_screen "Session stopped." "stopped"
tui_keys Enter
tui_stop

run --db "$DB" timer ice --exec "notify-send %title"
expect_rc 2 "--exec with a reminder's variable"
expect_err "--exec: unknown variable \"%title\" in the command: use %cue, %step, %side or %%" \
    "--exec says which variables it takes"

e2e_done

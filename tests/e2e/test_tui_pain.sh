# SPDX-License-Identifier: BSD-2-Clause
# Pain readings in the full-screen app (issue 13): home `p` then the
# number adds a reading to the ongoing episode, said on the status line
# and listed in the history detail; the bar chart of a spell logged
# 8 -> 6 -> 4 over three days shows three different heights. Home m
# records a medication, the timer's d a relief done without it.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/tui-pain.db
log --at "3h ago" -i 8 -r lower

tui_start 80x24 -- --db "$DB"
expect_screen "n new" "home"
tui_keys p
expect_screen "Pain now, 0 (none) to 10 (worst), then Enter:" "p asks for the pain"
tui_keys 6 Enter
expect_screen "Pain 6/10 (moderate) added to episode 1." "the status line says what was added"
expect_eq "$(sql "SELECT pain, source FROM readings WHERE episode_id = 1 ORDER BY id DESC LIMIT 1")" \
    "6|home" "the reading is stored, from home"
tui_keys p Escape
expect_screen "No reading saved." "Esc gives up"
tui_keys l
expect_screen "1 episode" "the history"
tui_keys Enter
expect_screen "logged with the episode" "the detail lists the first reading"
expect_screen "6/10 moderate  home screen" "and the one added from home"
tui_stop

# Two ongoing: p asks which.
log --at "1h ago" -i 3 -r neck
tui_start 80x24 -- --db "$DB"
expect_screen "n new" "home again"
tui_keys p
expect_screen "Add the pain to which ongoing episode? [1-2, Esc: none]" "asks which"
tui_keys 1 # the first listed: the newest, episode 2
expect_screen "Pain now" "then the pain"
tui_keys 1 0 Enter
expect_screen "Pain 10/10 (severe) added to episode 2." "10 is one answer"
tui_stop

# Home m: the recent medications numbered, the latest first; a digit
# records one taken now. The timer's d logs relief done without it.
"$UNKNOT" --db "$DB" took "ibuprofen 400 mg" --at "2h ago" >/dev/null || fail "took ibuprofen"
"$UNKNOT" --db "$DB" took "paracetamol 1 g" --at "1h ago" >/dev/null || fail "took paracetamol"
tui_start 80x24 -- --db "$DB"
expect_screen "n new" "home for m"
tui_keys m
expect_screen "Which was taken? [1-2, n: a new name, Esc: none]" "m asks which"
expect_screen "1  paracetamol 1 g" "the latest first"
expect_screen "2  ibuprofen 400 mg" "then the one before"
expect_screen "n  type a new name" "and a new name"
tui_keys 2
expect_screen "Recorded ibuprofen 400 mg at $(date +%H:)" "the status line says what was recorded"
expect_eq "$(sql "SELECT name FROM treatments ORDER BY id DESC LIMIT 1")" "ibuprofen 400 mg" \
    "the intake is stored"
tui_keys i
expect_screen "d done" "the timer set-up offers d"
tui_keys d
expect_screen "Relief done without the timer? [i ice, h heat, s stretch" "d asks the kind"
tui_keys s
expect_screen "For how many minutes? (Enter skips)" "then the minutes"
tui_keys 1 0 Enter 5 Enter 3 Enter
expect_screen "Recorded stretching for 10m at" "the status line says what was recorded"
expect_eq "$(sql "SELECT kind, duration_s, pain_before, pain_after FROM treatments ORDER BY id DESC LIMIT 1")" \
    "stretch|600|5|3" "the relief is stored"
tui_stop

# A spell logged 8 -> 6 -> 4: three bars of three heights.
DB=$E2E_TMP/tui-chart.db
# Now, 24 h and 48 h ago fall on three calendar days at any time of day (a
# fixed 00:10 today was still to come in the first minutes after midnight).
log --at "48h ago" -i 8 -r lower
"$UNKNOT" --db "$DB" pain 6 --episode 1 --at "24h ago" >/dev/null || fail "pain 6"
"$UNKNOT" --db "$DB" pain 4 --episode 1 --at "now" >/dev/null || fail "pain 4"
tui_start 80x24 -- --db "$DB"
expect_screen "n new" "home for the chart"
tui_keys l
expect_screen "1 episode" "history"
tui_keys v
expect_screen "Highest pain reading of each day" "the bar chart"
# The last three columns of bars: each bar's height is the count of its
# column's bar cells; three days, three different heights.
heights=$(tui_screen | python3 -c '
import sys
cols = {}
for r in sys.stdin:
    if len(r) < 5 or r[4] not in "┤│":  # the rows of the plot, by its axis
        continue
    for i, ch in enumerate(r[5:], 5):
        if ch not in " \n":
            cols[i] = cols.get(i, 0) + 1
print(" ".join(str(cols[c]) for c in sorted(cols)))')
n=$(echo "$heights" | tr ' ' '\n' | sort -u | grep -c .)
[ "$n" -ge 3 ] && pass || fail "three different bar heights, got \"$heights\":
$(tui_screen)"
tui_stop

e2e_done

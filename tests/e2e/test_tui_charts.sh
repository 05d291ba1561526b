# SPDX-License-Identifier: BSD-2-Clause
# The history pictures: `v` from the list to the bar chart, the calendar
# heat map and the counts, at 80x24 and 160x48, with colour, without it
# (NO_COLOR, vt100) and without Unicode (LC_ALL=C: ASCII fills).
#
# Set E2E_CAPTURE=DIR to keep the screens (DIR/bars-80x24.txt, ...).
. "$(dirname "$0")/lib.sh"

# One local day for the whole test, UTC so the dates are the same everywhere;
# a character-wise ${line:col:1} needs a UTF-8 shell.
export TZ=UTC LC_ALL=C.UTF-8
[ "$(date +%H%M)" = 2359 ] && sleep 61 # never straddle midnight

DB=$E2E_TMP/charts.db
day() { date -d "$1 days ago" +%F; }

# Known days (D = today): D-3 severe, D-5 moderate, D-10 mild, D-20 evening
# into D-19 moderate, D-60 severe (only in 90 days), today severe, ongoing.
log --at "$(day 3) 10:00" --for 2h -i 8 -r lower --trigger lifting --relief heat
log --at "$(day 5) 10:00" --for 1h -i 5 -r lower --trigger sitting --relief walking --relief heat
log --at "$(day 10) 10:00" --for 30m -i 2 -r neck --trigger stress --relief stretching
log --at "$(day 20) 22:00" --for 4h -i 6 -r mid --trigger "other:moving a sofa" --relief ice
log --at "$(day 60) 10:00" --for 3h -i 9 -r lower --trigger lifting --relief rest
log --at today -i 7 -r lower --trigger bending

TODAY_MDAY=$(date +%-d)
TODAY_WD=$(($(date +%u) - 1)) # 0 = Monday
WDAYS=(Mon Tue Wed Thu Fri Sat Sun)
HEAT_DAYS=$((77 + TODAY_WD + 1))

capture() { [ -n "${E2E_CAPTURE:-}" ] && tui_screen >"$E2E_CAPTURE/$1.txt"; return 0; }

# line_of PATTERN: the first screen line matching the grep pattern.
line_of() { tui_screen | grep -m1 -- "$1"; }

# expect_at PATTERN COL CHAR WHAT: the line matching PATTERN has CHAR at COL.
expect_at() {
    local line got
    line=$(line_of "$1")
    got=${line:$2:1}
    if [ "$got" = "$3" ]; then pass; else fail "$4: column $2 of \"$1\" is \"$got\", wanted \"$3\":
$(tui_screen)"; fi
}

# expect_no PATTERN CHAR WHAT: the line matching PATTERN lacks CHAR.
expect_no() {
    case $(line_of "$1") in *"$2"*) fail "$3: \"$1\" has \"$2\":
$(tui_screen)" ;; *) pass ;; esac
}

# The heat-map cell of D-k: its weekday row label and its column.
heat_row() { echo "^ ${WDAYS[$(((HEAT_DAYS - 1 - $1) % 7))]}"; }
heat_x() { echo $((6 + (HEAT_DAYS - 1 - $1) / 7 * $2)); } # heat_x K PITCH

open_charts() { # open_charts SIZE [ENV...]
    tui_start "$@" -- --db "$DB"
    expect_screen "n new" "home ($1)"
    tui_text "l"
    expect_screen "episodes, newest first" "the list ($1)"
    tui_text "v"
    expect_screen "[Bar chart]" "v opens the bar chart ($1)"
}

# ---- 80x24, colour, Unicode ----------------------------------------------
open_charts 80x24 TZ=UTC
expect_screen "last 30 days (t: 90)" "the period shows"
expect_screen "░ 1-3 mild  ▒ 4-6 moderate  █ 7-10 severe" "the legend"
expect_screen "· no episode" "the legend names empty days"
expect_screen " 7 ┤" "the y axis is labelled at the band starts"
expect_screen "10 ┤" "the y axis goes to 10"
expect_screen "the highest, 8 (severe)" "the summary names the worst day"
# 30 days at 2 columns each from column 6: day index d at 6 + 2d, today 29.
expect_at " 7 ┤" 58 "█" "a severe bar 3 days ago"
expect_at " 7 ┤" 64 "█" "a severe bar today (ongoing)"
expect_at " 4 ┤" 54 "▒" "a moderate bar 5 days ago"
expect_at " 1 ┤" 44 "░" "a mild bar 10 days ago"
expect_at " 4 ┤" 24 "▒" "the evening episode 20 days ago counts that day"
expect_at " 4 ┤" 26 "▒" "and the next day"
expect_no "10 ┤" "█" "no bar reaches 10"
label_row=$(tui_screen | grep -m1 -E '^ +[0-9]+( +[0-9]+)* *$')
expect_eq "${label_row:64:${#TODAY_MDAY}}" "$TODAY_MDAY" "today's date labels the last bar"
expect_screen " 0 └" "the x axis"
capture bars-80x24

tui_text "t"
expect_screen "last 90 days (t: 30)" "t switches to 90 days"
expect_screen "(a bar per 2 days)" "90 days at 80 columns: two days a bar"
expect_screen "the highest, 9 (severe)" "the 60-day-old episode is in the 90 days"
tui_text "t"
expect_screen "last 30 days (t: 90)" "t switches back"

tui_text "v"
expect_screen "[Calendar]" "v goes on to the calendar"
expect_screen "last 12 weeks" "the calendar's period"
for wd in Mon Tue Wed Thu Fri Sat Sun; do expect_screen " $wd " "weekday label $wd"; done
expect_screen "[ ] today, ${WDAYS[$TODAY_WD]}" "the today mark is explained"
expect_screen "7 (severe)" "today's peak"
expect_screen "· no episode  ▁ 0 none  ░ 1-3 mild" "the calendar's legend"
# 12 columns of 6 from column 6; today's cell is bracketed.
x=$(heat_x 0 6)
expect_at "$(heat_row 0)" $((x - 1)) "[" "today's cell is marked"
expect_at "$(heat_row 0)" "$x" "█" "today's cell is severe"
expect_at "$(heat_row 0)" $((x + 5)) "]" "today's mark closes"
x=$(heat_x 3 6)
expect_at "$(heat_row 3)" "$x" "█" "the cell of 3 days ago is severe"
x=$(heat_x 5 6)
expect_at "$(heat_row 5)" "$x" "▒" "the cell of 5 days ago is moderate"
x=$(heat_x 10 6)
expect_at "$(heat_row 10)" "$x" "░" "the cell of 10 days ago is mild"
capture heat-80x24

tui_text "v"
expect_screen "[Counts]" "v goes on to the counts"
expect_screen "5 episodes in the last 30 days" "the counts say how many episodes"
if tui_screen | grep -q "lower back    3 █"; then pass; else fail "lower back with 3:
$(tui_screen)"; fi
expect_screen "prolonged sitting    1 █" "a trigger with its count"
expect_screen "heat          2 █" "a relief with its count"
expect_screen "other                1 █" "other:TEXT counts as other"
tui_text "t"
if tui_wait "lower back    4 █"; then pass; else fail "lower back with 4 in 90 days:
$(tui_screen)"; fi
expect_screen "rest in a comfortable position    1" "the longest relief label fits at 80"
capture counts-80x24

# Issue 14 added the check-ins view after the counts: v goes there, then back.
tui_text "v"
expect_screen "[Check-ins]" "v after the counts goes on to the check-ins"
expect_screen "the last 12 weeks; 0 rated" "no weekly check-in in this history"
tui_text "v"
expect_screen "episodes, newest first" "v after the check-ins goes back to the list"
tui_text "?"
expect_screen "pictures: bar chart, calendar, counts, check-ins" "the list's help lists v"
tui_text "q"
tui_text "v"
expect_screen "[Bar chart]" "v again"
tui_text "h"
expect_screen "[Check-ins]" "h goes to the previous view, wrapping"
tui_keys Right
expect_screen "[Bar chart]" "Right goes to the next view"
tui_text "?"
expect_screen "previous view" "the charts' help"
tui_text "q"
expect_screen "[Bar chart]" "back from the help"
tui_keys Escape
expect_screen "episodes, newest first" "Esc goes back to the list"
tui_text "v"
expect_screen "[Bar chart]" "v once more"
tui_text "q"
expect_screen "episodes, newest first" "q goes back to the list"

# A resize redraws with the new size.
tui_text "v"
expect_screen "[Bar chart]" "v before a resize"
tui_resize 160x48
expect_screen "  8 ┤" "at 160x48 every level is labelled"
tui_stop

# ---- 160x48 -----------------------------------------------------------------
open_charts 160x48 TZ=UTC
expect_screen "░ 1-3 mild  ▒ 4-6 moderate  █ 7-10 severe" "the legend (160x48)"
expect_screen "  5 ┤" "every level labelled (160x48)"
# 30 days at 5 columns from column 6, bars 4 wide, 3 rows per level.
expect_at "  8 ┤" 136 "█" "the severe bar of 3 days ago reaches 8 (160x48)"
expect_at "  8 ┤" 139 "█" "bars are 4 columns wide (160x48)"
expect_no "  9 ┤" "█" "nothing reaches 9 (160x48)"
expect_at "  7 ┤" 151 "█" "today's bar reaches 7 (160x48)"
label_row=$(tui_screen | grep -m1 -E '^ +[0-9]+( +[0-9]+)* *$')
expect_eq "${label_row:151:${#TODAY_MDAY}}" "$TODAY_MDAY" "today labels the last bar (160x48)"
words=$(echo "$label_row" | wc -w)
if [ "$words" -eq 30 ]; then pass; else fail "every day labelled at 160x48: $words labels"; fi
capture bars-160x48
tui_text "t"
expect_screen "last 90 days (t: 30)" "t at 160x48"
case $(tui_screen) in *"(a bar per"*) fail "90 days fit a bar a day at 160x48" ;; *) pass ;; esac
tui_text "t"

tui_text "v"
expect_screen "[Calendar]" "the calendar (160x48)"
for wd in Mon Sun; do expect_screen " $wd " "weekday label $wd (160x48)"; done
# 12 columns of 10 from column 6, cells 9 wide with the day of the month.
x=$(heat_x 0 10)
expect_at "$(heat_row 0)" $((x - 1)) "[" "today's cell is marked (160x48)"
expect_at "$(heat_row 0)" $((x + 9)) "]" "today's mark closes (160x48)"
expect_screen "[$TODAY_MDAY █" "today's cell carries its date, a blank before the fill (160x48)"
x=$(heat_x 3 10)
expect_at "$(heat_row 3)" $((x + 4)) "█" "the cell of 3 days ago (160x48)"
x=$(heat_x 5 10)
expect_at "$(heat_row 5)" $((x + 4)) "▒" "the cell of 5 days ago (160x48)"
capture heat-160x48

tui_text "v"
expect_screen "[Counts]" "the counts (160x48)"
expect_screen "Relief tried" "three lists side by side (160x48)"
if tui_screen | grep -q "Where .*Triggers .*Relief tried"; then pass; else fail "side by side:
$(tui_screen)"; fi
expect_screen "lower back    3 █" "lower back with 3 (160x48)"
capture counts-160x48
tui_stop

# ---- no colour, vt100: the fills alone tell the bands -----------------------
open_charts 80x24 TZ=UTC NO_COLOR=1 TERM=vt100
expect_screen "█ 7-10 severe" "the legend without colour"
expect_at " 7 ┤" 58 "█" "severe without colour"
expect_at " 4 ┤" 54 "▒" "moderate without colour"
expect_at " 1 ┤" 44 "░" "mild without colour"
tui_text "v"
expect_screen "[Calendar]" "the calendar without colour"
x=$(heat_x 0 6)
expect_at "$(heat_row 0)" $((x - 1)) "[" "today marked without colour"
tui_stop

# ---- no Unicode: ASCII fills, still one per band ----------------------------
open_charts 80x24 TZ=UTC NO_COLOR=1 TERM=vt100 LC_ALL=C
expect_screen ". no episode  _ 0 none  : 1-3 mild  + 4-6 moderate  # 7-10 severe" \
    "the ASCII legend"
expect_at " 7 |" 58 "#" "severe in ASCII"
expect_at " 4 |" 54 "+" "moderate in ASCII"
expect_at " 1 |" 44 ":" "mild in ASCII"
expect_screen " 0 +-" "the ASCII axis"
capture bars-80x24-ascii
tui_text "v"
expect_screen "[Calendar]" "the ASCII calendar"
x=$(heat_x 0 6)
expect_at "$(heat_row 0)" "$x" "#" "today severe in ASCII"
x=$(heat_x 5 6)
expect_at "$(heat_row 5)" "$x" "+" "5 days ago moderate in ASCII"
tui_text "v"
expect_screen "lower back    3 #" "ASCII count bars"
tui_stop

# ---- an empty history --------------------------------------------------------
DB=$E2E_TMP/empty.db
"$UNKNOT" --db "$DB" list >/dev/null 2>&1
open_charts 80x24 TZ=UTC
expect_screen "No episode in the last 30 days." "an empty bar chart says so"
tui_text "v"
expect_screen "0 of the" "an empty calendar"
tui_text "v"
expect_screen "none logged" "empty counts say so"
# A clean exit from the charts (under ASan a leak would change the status).
tui_text "q"
expect_screen "episodes, newest first" "q from the counts"
tui_text "q"
expect_screen "n new" "q from the list"
tui_text "q"
expect_screen "UNKNOT-EXITED-0" "q quits cleanly after the charts"
tui_stop

e2e_done

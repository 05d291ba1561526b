# SPDX-License-Identifier: BSD-2-Clause
# The report screen in tmux: opened with `r` on home, the period it shows
# (whole local days up to now), scrolling, switching 30 / 90 / 365 days,
# and `x`, whose file must equal `unknot report --since DATE` for the same
# period byte for byte; `v` switches to the visit brief, which `x` writes
# as the command does (.html: the printable page, also from the full
# report; .csv refused for the brief). Every process runs on one frozen clock (faketime)
# so that the "report made" time and the period's end are the same
# instant in the screen and in the command.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/report.db
T=$E2E_TMP
FROZEN='2026-11-20 12:00:00'
export TZ='CET-1CEST,M3.5.0,M10.5.0/3' # an offset and summer time, without tzdata

# libfaketime comes before the ASan runtime in the preload order.
ASAN_FT="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# ft ARGS: the command line on the frozen clock (output in $OUT, as run).
ft() {
    OUT=$(env "$ASAN_FT" faketime -f "$FROZEN" "$UNKNOT" --db "$DB" "$@" 2>"$T/stderr" </dev/null)
    RC=$?
    ERR=$(cat "$T/stderr")
}

# Every command of the history must work: a silent failure would leave
# the report empty and the comparisons below meaningless.
ft_ok() {
    ft "$@"
    [ "$RC" -eq 0 ] || fail "unknot $*: exit $RC: $ERR"
}

ft_ok log --at "2026-11-18 08:00" --for 3h -i 7 -r lower -s left --trigger lifting \
    --symptom radiating-leg --med "ibuprofen 400 mg" --note 'bent, "stuck" — 痛み'
ft_ok log --at "2026-11-02 21:00" --for 45m -i 4 -r lower --trigger sitting --relief heat \
    --symptom "other:pins and needles"
ft_ok log --at "2026-09-15 07:30" --for 2h -i 5 -r neck --trigger stress
ft_ok log --at "2026-03-01 10:00" --for 1d -i 8 -r mid --symptom stiffness
ft_ok log --at "2026-11-20 09:00" -i 6 -r lower --note "still going"
ft_ok check --yes 17 # 0.1 asked this as item 12 (redflags_item_from_v1)

# report_start SIZE: unknot on the frozen clock in a pane.
report_start() {
    local size=$1 cmd
    # libfaketime comes before the ASan runtime in the preload order.
    cmd=$(printf '%q ' env "$ASAN_FT" "TZ=$TZ" HOME="$T" faketime -f "$FROZEN" "$UNKNOT" \
        --db "$DB")
    tmux -L "$E2E_TMUX" -f /dev/null new-session -d -s main -x "${size%x*}" -y "${size#*x}" \
        "$cmd; echo UNKNOT-EXITED-\$?; sleep 30"
}

# The from-date the screen shows for its period ("Last 90 days: DATE ...").
screen_since() { tui_screen | sed -n 's/.*Last [0-9]* days: \([0-9-]*\) 00:00 to .*/\1/p' | head -1; }

# export_to PATH: x, the path on the bottom line, Enter.
export_to() {
    tui_keys x
    tui_wait "Export to:" || fail "x opens the export line: $(tui_screen)"
    tui_keys C-u
    tui_text "$1"
    tui_keys Enter
}

report_start 80x24
tui_wait "Home" || fail "home: $(tui_screen)"
tui_keys r
expect_screen "Appointment report" "r on home opens the report"
expect_screen "Last 90 days: 2026-08-23 00:00 to 2026-11-20 12:00" "the default period: 90 whole days to now"
expect_screen "unknot appointment report" "the preview shows the report"
expect_screen "episodes                                  4" "the preview counts the period's episodes"
expect_screen "lines 1-" "a long report says where the view is"

# Scrolling.
tui_keys G
expect_screen "not medical advice" "G shows the end"
# The patient's own words: the notes, dated, before the notice.
expect_screen "Your notes" "the notes section shows on the screen"
expect_screen "  episode #5 started 2026-11-20 09:00" "a note's episode and date"
expect_screen "    still going" "the note itself"
tui_keys g
expect_screen "lines 1-19 of" "g goes back to the top"
tui_keys j j j
expect_screen "lines 4-22 of" "j scrolls a line"
expect_screen "    pins and needles                        1" "a free-text symptom under its words"
tui_keys NPage
expect_screen "lines 23-41 of" "PgDn scrolls a screen"

# Periods.
tui_keys l
expect_screen "Last 365 days: 2025-11-21 00:00 to 2026-11-20 12:00" "l: 365 days"
tui_keys l
expect_screen "The periods are 30, 90 and 365 days." "no period beyond 365 days"
tui_keys h h
expect_screen "Last 30 days: 2026-10-22 00:00 to 2026-11-20 12:00" "h h: 30 days"
tui_keys l
expect_screen "Last 90 days: 2026-08-23" "l: back to 90 days"

# x writes the previewed report; the command gives the same bytes.
since=$(screen_since)
expect_eq "$since" "2026-08-23" "the screen's period start"
export_to "$T/tui.txt"
expect_screen "Wrote the report to $T/tui.txt." "x writes the text report"
ft report --since "$since" -o "$T/cli.txt"
expect_rc 0 "unknot report --since $since"
if cmp -s "$T/tui.txt" "$T/cli.txt"; then pass; else
    fail "the exported report differs from unknot report --since $since:
$(diff "$T/tui.txt" "$T/cli.txt" | head -20)"
fi
expect_eq "$(mode "$T/tui.txt")" 600 "the exported report is 0600"

# 365 days as JSON (by the extension), same check.
tui_keys l
tui_wait "Last 365 days" || fail "l: $(tui_screen)"
since=$(screen_since)
export_to "$T/tui.json"
expect_screen "Wrote the report to $T/tui.json." "x writes JSON for .json"
ft report --since "$since" --until now --format json -o "$T/cli.json"
if cmp -s "$T/tui.json" "$T/cli.json"; then pass; else fail "the 365-day JSON differs"; fi
if python3 -m json.tool "$T/tui.json" >/dev/null; then pass; else fail "the JSON export is not JSON"; fi

# An existing file: asked first; n keeps it, y replaces it.
before=$(sha "$T/tui.txt")
export_to "$T/tui.txt"
expect_screen "tui.txt exists. Replace it? [y/n]" "asks before replacing"
tui_keys n
expect_screen "is kept as it was" "n keeps the file"
expect_eq "$(sha "$T/tui.txt")" "$before" "the kept file is unchanged"
tui_keys Escape
tui_wait "Not exported." || fail "Esc leaves the export line: $(tui_screen)"
export_to "$T/tui.txt"
tui_wait "Replace it?" || fail "asks again: $(tui_screen)"
tui_keys y
expect_screen "Wrote the report to $T/tui.txt." "y replaces the file"
ft report --since "$since" -o "$T/cli365.txt"
if cmp -s "$T/tui.txt" "$T/cli365.txt"; then pass; else fail "the replaced file is not the 365-day report"; fi
expect_eq "$(mode "$T/tui.txt")" 600 "the replaced file is 0600"

# The suggested name, and a name without a known extension.
tui_keys x
expect_screen "Export to: ~/unknot-report-2026-11-20.txt" "the default file name"
tui_keys Enter
expect_screen "Wrote the report to $T/unknot-report-" "~ is the home directory"
[ -f "$T/unknot-report-2026-11-20.txt" ] && pass || fail "no ~/unknot-report-2026-11-20.txt"
export_to "$T/report.pdf"
expect_screen "Not exported: end the file name with .txt (text), .md (markdown), .csv or .json" \
    "an unknown extension is refused"
[ -e "$T/report.pdf" ] && fail "report.pdf was written" || pass
tui_keys Escape

# .html from the full report: the brief's page, as `report -o FILE.html`.
since=$(screen_since)
export_to "$T/full.html"
expect_screen "Wrote the brief to $T/full.html." "x FILE.html writes the brief"
ft report --since "$since" -o "$T/cli-full.html"
if cmp -s "$T/full.html" "$T/cli-full.html"; then pass; else fail "the screen's FILE.html differs from report -o FILE.html"; fi

# v: the visit brief, in the key line; v again: the full report.
expect_screen "v brief  x export" "v is in the key line"
tui_keys v
expect_screen "Visit brief" "v shows the brief"
expect_screen "unknot visit brief: back spasms" "the brief's text"
expect_screen "v full  x export" "the brief's key line offers the full report"
tui_keys G
expect_screen "Questions for the visit" "the brief's questions section"
tui_keys g
export_to "$T/brief.txt"
expect_screen "Wrote the brief to $T/brief.txt." "x writes the brief as text"
ft report --brief --since "$since" -o "$T/cli-brief.txt"
if cmp -s "$T/brief.txt" "$T/cli-brief.txt"; then pass; else
    fail "the brief written differs from report --brief:
$(diff "$T/brief.txt" "$T/cli-brief.txt" | head -10)"
fi
export_to "$T/brief.md"
expect_screen "Wrote the brief to $T/brief.md." "x writes the brief as markdown"
ft report --brief --since "$since" -o "$T/cli-brief.md"
if cmp -s "$T/brief.md" "$T/cli-brief.md"; then pass; else fail "the markdown brief differs"; fi
export_to "$T/brief.csv"
expect_screen "Not exported: the brief is text, markdown or html" "the brief refuses .csv"
[ -e "$T/brief.csv" ] && fail "brief.csv was written" || pass
tui_keys Escape
tui_keys x
expect_screen "Export to: ~/unknot-brief-2026-11-20.html" "the brief's default file name"
tui_keys Enter
expect_screen "Wrote the brief to $T/unknot-brief-2026-11-20.html." "x Enter writes the html brief"
grep -q '^<!DOCTYPE html>' "$T/unknot-brief-2026-11-20.html" && pass || fail "the default brief file is not html"
tui_keys v
expect_screen "unknot appointment report" "v again: the full report"

# At 120x40 the preview uses the room; q goes home, q quits.
tui_resize 120x40
expect_screen "h/l days: 30 90 [365]" "the period choice shows on a wide terminal"
tui_keys q
expect_screen "Home" "q goes back home"
tui_keys q
expect_screen "UNKNOT-EXITED-0" "the app quits cleanly"
tui_stop

e2e_done

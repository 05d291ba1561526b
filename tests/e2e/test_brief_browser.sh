# SPDX-License-Identifier: BSD-2-Clause
# The html visit brief in a real browser (issue 15, acceptance): headless
# Chromium prints the brief of a 90-day history to PDF on A4 and on Letter
# (the paper from the brief's CSS @page size, --paper); each is exactly one
# page, and its text holds the warning sign, the headline numbers and every
# section heading (the questions' too, with five long ones). A PNG screenshot is left in the test's temporary
# directory (UNKNOT_BRIEF_SHOT=DIR keeps a copy). Without chromium or
# poppler-utils (pdfinfo, pdftotext) it prints SKIP.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/brief_fixture.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v pdfinfo >/dev/null 2>&1 ||
    ! command -v pdftotext >/dev/null 2>&1; then
    echo "SKIP: test_brief_browser.sh: needs chromium and poppler-utils (pdfinfo, pdftotext)"
    exit 0
fi

DB=$E2E_TMP/brief.db
brief_fixture "$DB" || fail "the fixture could not be built"
# The most the html lists: five questions, each near the length it shows.
for i in 1 2 3 4 5; do
    "$UNKNOT" --db "$DB" question "Question $i: the spasms come back every few weeks after lifting at work; should I change how I lift, see a physiotherapist, or ask for a scan, and is it safe to keep going to the gym in between? q$i-end" >/dev/null ||
        fail "question $i"
done
# Headless Chromium wants a writable home and no crash reporter prompts.
export HOME=$E2E_TMP/home
mkdir -p "$HOME"

chrome() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --user-data-dir="$E2E_TMP/profile" "$@" >/dev/null 2>&1
}

# The headline numbers of the text brief, this period's column.
text=$("$UNKNOT" --db "$DB" report --brief)

for paper in a4 letter; do
    html=$E2E_TMP/brief-$paper.html pdf=$E2E_TMP/brief-$paper.pdf
    "$UNKNOT" --db "$DB" report --brief --format html --paper "$paper" -o "$html" >/dev/null ||
        fail "the html brief ($paper) could not be written"
    chrome --print-to-pdf="$pdf" --no-pdf-header-footer "file://$html"
    [ -s "$pdf" ] || { fail "chromium printed no PDF ($paper)"; continue; }
    info=$(pdfinfo "$pdf")
    pages=$(printf '%s\n' "$info" | awk '/^Pages:/ {print $2}')
    expect_eq "$pages" 1 "pages of the brief on $paper"
    case $paper in
    a4) printf '%s\n' "$info" | grep -q 'Page size:.*(A4)' && pass || fail "the A4 brief is not A4" ;;
    letter) printf '%s\n' "$info" | grep -q 'Page size:.*(letter)' && pass ||
        fail "the Letter brief is not Letter" ;;
    esac
    words=$(pdftotext -layout "$pdf" - | tr -s ' \n' ' ')
    for heading in "Visit brief" "Warning signs in this period" "How it went" \
        "Pain day by day" "What I've tried - did it help?" "Medications taken" \
        "Top triggers" "Questions for the visit" "Notes of the most severe episodes" \
        "not medical advice" "q5-end"; do
        case $words in *"$heading"*) pass ;; *) fail "no \"$heading\" in the $paper PDF" ;; esac
    done
    case $words in *"numbness between the legs"*) pass ;;
    *) fail "the warning sign is not in the $paper PDF" ;; esac
    # Each headline row's figures, as the text brief gives them.
    for label in "Days with a spasm" "Episodes" "Median duration" "Peak pain logged (0-10)"; do
        figs=$(printf '%s\n' "$text" | grep -F "  $label " | sed "s/^ *$label *//" | tr -s ' ')
        for fig in $figs; do
            [ "$fig" = of ] && continue
            case $words in *" $fig "*) pass ;; *) fail "\"$label\" figure $fig not in the $paper PDF" ;; esac
        done
    done
done

shot=$E2E_TMP/brief.png
chrome --screenshot="$shot" --window-size=900,1300 "file://$E2E_TMP/brief-a4.html"
[ -s "$shot" ] && pass || fail "no screenshot"
if [ -n "${UNKNOT_BRIEF_SHOT:-}" ] && [ -s "$shot" ]; then
    cp "$shot" "$UNKNOT_BRIEF_SHOT/" && echo "screenshot: $UNKNOT_BRIEF_SHOT/brief.png"
fi
e2e_done

# SPDX-License-Identifier: BSD-2-Clause
# The report's period on the real binary and clock (issue 11, deliverable 2):
# a period inside a long episode counts it, marked as begun before the
# period; a date-only --until is the whole day in report and list; the
# JSON says the same.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../bench/gen.sh" # new_db

DB=$E2E_TMP/period.db
log --at "20d ago" --for 15d -i 8 -r lower --note "a long spell"
log --at "40d ago" -i 7 -r mid
since=$(date -d "10 days ago" +%Y-%m-%d)
until=$(date -d "8 days ago" +%Y-%m-%d)

# A period of three days inside the 15-day spell, and inside the ongoing one.
run --db "$DB" report --since "$since" --until "$until"
expect_rc 0 "report inside a long episode"
expect_out "  episodes                                  2" "both episodes count"
expect_out "  began before the period                   2" "marked as begun before"
expect_out "  to                                        $until 23:59" "the whole last day"
case $OUT in *"No episodes in this period."*) fail "the period is said to be empty" ;; *) pass ;; esac
expect_out "The longest began before the period." "the longest is marked"
expect_out "(began before)" "the ongoing one is marked"

run --db "$DB" report --since "$since" --until "$until" --format json
expect_rc 0 "report --format json"
echo "$OUT" | python3 -m json.tool >/dev/null && pass || fail "the report is not valid JSON"
expect_out '"began_before": 2' "json counts the episodes begun before"

# Scripts: the same jq filter gives a number or null, in an empty and a full report.
if command -v jq >/dev/null; then
    expect_eq "$(echo "$OUT" | jq -r '.duration.median_s | type')" number "median_s in a full report"
    expect_eq "$(echo "$OUT" | jq -r '.format + " " + (.version | tostring)')" "unknot-report 2" \
        "format and version"
    expect_eq "$(echo "$OUT" | jq -r '.duration.ongoing | type')" array "ongoing is an array"
    new_db "$E2E_TMP/empty.db" # report never creates a database
    run --db "$E2E_TMP/empty.db" report --format json
    expect_rc 0 "an empty report"
    expect_eq "$(echo "$OUT" | jq -r '.duration.median_s | type')" null "median_s when empty"
    expect_eq "$(echo "$OUT" | jq -r '.duration.ongoing | type')" array "ongoing when empty"
    echo "$OUT" | python3 -m json.tool >/dev/null && pass || fail "the empty report is not JSON"
else
    fail "jq is needed for this test"
fi

# ---- the patient's own words and the JSON for scripts (deliverables 3, 4) ----------
# A free-text symptom shows under its words and the note is printed, with the
# date of its episode, in every format.
NDB=$E2E_TMP/notes.db
DB=$NDB log --at "3d ago" --for 2h -i 6 -r lower --symptom "other:burning feet" \
    --note "Leaked urine on the stairs | # twice"
day=$(date -d "3 days ago" +%Y-%m-%d)
run --db "$NDB" report
expect_out "    burning feet                            1" "text: free-text symptom under its words"
case $OUT in *"other      "*) fail "text: free text shown as other" ;; *) pass ;; esac
expect_out "Your notes" "text: the notes section"
expect_out "  episode #1 started $day" "text: the note's date"
expect_out "    Leaked urine on the stairs | # twice" "text: the note as typed"
run --db "$NDB" report --format markdown
expect_out "  - burning feet: 1" "markdown: free-text symptom"
expect_out "## Your notes" "markdown: the notes section"
expect_out '  - Leaked urine on the stairs | # twice' "markdown: the note, nothing to escape"
run --db "$NDB" report --format csv
expect_out "notes,notes[0].note,episode #1 started $day" "csv: the note row"
expect_out ",Leaked urine on the stairs | # twice" "csv: the note text"
expect_out "feel,feel.symptoms[0].words,symptoms (episodes) / burning feet / words,burning feet" \
    "csv: free-text symptom"
run --db "$NDB" report --format json
echo "$OUT" | python3 -m json.tool >/dev/null && pass || fail "json: not valid JSON"
expect_eq "$(echo "$OUT" | jq -r '.notes[0].note')" "Leaked urine on the stairs | # twice" "json: note"
expect_eq "$(echo "$OUT" | jq -r '.notes[0].episode | type')" number "json: the note's episode id"
expect_eq "$(echo "$OUT" | jq -r '.notes[0].started_at[0:10]')" "$day" "json: the note's date"
expect_eq "$(echo "$OUT" | jq -r '.feel.symptoms[] | select(.code == "other") | .words')" \
    "burning feet" "json: free-text symptom"
echo "$OUT" > "$E2E_TMP/one.json"

# Every key keeps its type in an empty, a one-episode and the full golden report.
. "$(dirname "$0")/../golden/gen.sh" # golden_db, GOLDEN_NOW
golden_db "$E2E_TMP/golden.db" || fail "the golden database"
TZ=UTC faketime '2026-11-30 12:00:00' "$UNKNOT" --db "$E2E_TMP/golden.db" report --format json \
    > "$E2E_TMP/full.json" || fail "report of the golden database"
"$UNKNOT" --db "$E2E_TMP/empty.db" report --format json > "$E2E_TMP/empty.json" ||
    fail "report of the empty database"
F=$E2E_TMP/full.json
python3 -m json.tool "$F" >/dev/null && pass || fail "the full report is not JSON"
expect_eq "$(jq -r '.duration.median_s | type' "$F")" number "median_s: a number when full"
expect_eq "$(jq -r '.duration.median_s | type' "$E2E_TMP/empty.json")" null "median_s: null when empty"
expect_eq "$(jq -r '[.flags[].episodes[].id | type] | unique | join(",")' "$F")" number \
    "flags[].episodes[].id are numbers"
expect_eq "$(jq -r '.flags | length' "$F")" 5 "the full report has its flags"
expect_eq "$(jq -c '[.flags[] | keys]' "$F")" \
    "$(TZ=UTC faketime '2026-11-30 12:00:00' "$UNKNOT" --db "$E2E_TMP/golden.db" flags --json |
        jq -c '[.[] | select(.kind != "verdict" and .kind != "warning_sign") | keys]')" \
    "report flags have the shape of flags --json"
expect_eq "$(jq -r '.notes | length' "$F") $(jq -r '.notes_not_listed' "$F")" "8 821" \
    "the newest 8 notes, the rest counted"
types=$(python3 - "$E2E_TMP/empty.json" "$E2E_TMP/one.json" "$F" <<'PY'
# Every path (array items as []) two reports share has one JSON type (a
# number may be null where there is none); every object or array of one
# report is in the others; no key holds data (ids, numbers, free text).
import json, sys
def kind(v):
    return ("null" if v is None else "boolean" if isinstance(v, bool) else
            "number" if isinstance(v, (int, float)) else "string" if isinstance(v, str) else
            "array" if isinstance(v, list) else "object")
def walk(v, path, out, errs):
    out.setdefault(path, set()).add(kind(v))
    if isinstance(v, dict):
        for k, x in v.items():
            if not k or k[0].isdigit() or not all(c.isalnum() or c == "_" for c in k):
                errs.append("%s: key %r holds data" % (path, k))
            walk(x, path + "." + k, out, errs)
    elif isinstance(v, list):
        for x in v:
            walk(x, path + "[]", out, errs)
docs, errs = {}, []
for f in sys.argv[1:]:
    docs[f] = {}
    walk(json.load(open(f, encoding="utf-8")), "", docs[f], errs)
num = {"number", "null"}
for f, paths in docs.items():
    for p, t in paths.items():
        if len(t) > 1 and t != num:
            errs.append("%s: %s is %s" % (f, p, sorted(t)))
        for g, other in docs.items():
            if g != f and p in other and other[p] != t and not (t | other[p]) <= num:
                errs.append("%s: %s in %s, %s in %s" % (p, sorted(t), f, sorted(other[p]), g))
            if g != f and t & {"object", "array"} and p not in other and "[]" not in p:
                errs.append("%s of %s is missing in %s" % (p, f, g))
print("\n".join(sorted(set(errs))) or "same types")
PY
)
expect_eq "$types" "same types" "every key keeps its type (empty, one episode, full)"

# list --until DATE includes that whole day.
log --at "$until 23:30" --for 10m -i 3 -r neck
run --db "$DB" list --until "$until"
expect_out "$until 23:30" "list --until DATE includes 23:30 of DATE"
e2e_done

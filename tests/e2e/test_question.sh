# SPDX-License-Identifier: BSD-2-Clause
# unknot question on the real binary (issue 15): add, list numbered,
# --delete N, --clear; the questions in the visit brief: a question with
# <script> and & appears literally (escaped) in the html, which stays
# clean for xmllint --html; the text brief still fits 66 x 78 with a long
# list of long questions; export and import carry them byte for byte.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/brief_fixture.sh"

DB=$E2E_TMP/question.db
brief_fixture "$DB" || fail "the fixture could not be built"

run --db "$DB" question
expect_rc 0 "question with none"
expect_out "No questions for the next visit" "none yet"
run --db "$DB" question 'Is <script>alert(2)</script> & ibuprofen ok?'
expect_rc 0 "question TEXT"
expect_out "Saved question 1 for the next visit" "the first is saved"
run --db "$DB" question Can I keep cycling
expect_out "Saved question 2 " "words are joined"
run --db "$DB" question
expect_eq "$OUT" "1. Is <script>alert(2)</script> & ibuprofen ok?
2. Can I keep cycling" "the list"

html=$E2E_TMP/q.html
run --db "$DB" report -o "$html"
expect_rc 0 "report -o FILE.html"
grep -q '<h2>Questions for the visit</h2>' "$html" && pass || fail "no questions section in the html"
grep -q '<li>Is &lt;script&gt;alert(2)&lt;/script&gt; &amp; ibuprofen ok?</li>' "$html" && pass ||
    fail "the question with <script> and & is not there escaped"
grep -qi '<script' "$html" && fail "the html holds a script tag" || pass
if command -v xmllint >/dev/null 2>&1; then
    errs=$(xmllint --html --noout "$html" 2>&1)
    [ -z "$errs" ] && pass || fail "xmllint --html: $errs"
fi

run --db "$DB" report --brief --omit questions
case $OUT in *"Questions for the visit"*|*cycling*) fail "--omit questions shows them" ;; *) pass ;; esac

for i in 3 4 5 6 7 8; do
    "$UNKNOT" --db "$DB" question "Question $i is long: what should I do when the spasm comes back at night and the heat pad does not help at all?" >/dev/null ||
        fail "question $i"
done
OUT=$(LC_ALL=C.UTF-8 "$UNKNOT" --db "$DB" report --brief --name "A Patient")
lines=$(printf '%s\n' "$OUT" | wc -l)
[ "$lines" -le 66 ] && pass || fail "the text brief with 8 questions has $lines lines, over 66"
cols=$(printf '%s\n' "$OUT" | LC_ALL=C.UTF-8 python3 -c 'import sys; print(max(len(l) for l in sys.stdin.read().split("\n")))')
[ "$cols" -le 78 ] && pass || fail "the text brief with questions has a line of $cols columns"
expect_out "And 5 more: unknot question lists them all." "the list is capped"

# Export and import carry them: the round trip is byte-identical.
for fmt in csv json; do
    "$UNKNOT" --db "$DB" export --format $fmt -o "$E2E_TMP/q1.$fmt" >/dev/null || fail "export $fmt"
    run --db "$E2E_TMP/q-$fmt.db" import "$E2E_TMP/q1.$fmt"
    expect_out "Imported 8 questions for the next visit." "import $fmt counts them"
    "$UNKNOT" --db "$E2E_TMP/q-$fmt.db" export --format $fmt -o "$E2E_TMP/q2.$fmt" >/dev/null ||
        fail "export $fmt again"
    cmp -s "$E2E_TMP/q1.$fmt" "$E2E_TMP/q2.$fmt" && pass || fail "the $fmt round trip differs"
done
grep -q '^question,1,.*,Is <script>alert(2)</script> & ibuprofen ok?' "$E2E_TMP/q1.csv" && pass ||
    fail "the CSV has no question row"
# A tab in a question (which it may hold) travels as a tab in CSV and JSON.
TDB=$E2E_TMP/tab.db
"$UNKNOT" --db "$TDB" question "$(printf 'dose\tlimit?')" >/dev/null || fail "a question with a tab"
for fmt in csv json; do
    "$UNKNOT" --db "$TDB" export --format $fmt -o "$E2E_TMP/t1.$fmt" >/dev/null
    "$UNKNOT" --db "$E2E_TMP/t-$fmt.db" import "$E2E_TMP/t1.$fmt" >/dev/null || fail "import $fmt"
    "$UNKNOT" --db "$E2E_TMP/t-$fmt.db" export --format $fmt -o "$E2E_TMP/t2.$fmt" >/dev/null
    cmp -s "$E2E_TMP/t1.$fmt" "$E2E_TMP/t2.$fmt" && pass || fail "the $fmt round trip of a tab differs"
done

run --db "$DB" question --delete 1
expect_rc 0 "question --delete 1"
run --db "$DB" question
case $OUT in "1. Can I keep cycling"*) pass ;; *) fail "after --delete 1: $OUT" ;; esac
run --db "$DB" question --delete 99
expect_rc 2 "question --delete 99"
expect_err "no question 99" "says there is none"
run --db "$DB" question --clear
expect_out "Removed 7 questions." "clear"
run --db "$DB" report --brief
expect_out "No questions written down" "the brief after --clear"

# The cap of 100 holds for an import too: a file with 101 is refused whole.
CDB=$E2E_TMP/cap.db
for i in $(seq 100); do "$UNKNOT" --db "$CDB" question "question $i" >/dev/null; done
"$UNKNOT" --db "$CDB" export --format csv -o "$E2E_TMP/cap.csv" >/dev/null || fail "export 100"
python3 - "$E2E_TMP/cap.csv" <<'PY'
import sys
p = sys.argv[1]
rows = open(p, newline="").read().split("\r\n")
end = next(i for i, r in enumerate(rows) if r.startswith("end,"))
rows.insert(end, "question,101,2026-11-30T10:00:00+00:00,one too many")
cells = rows[end + 1].split(",")
cells[-1] = str(int(cells[-1]) + 1)
rows[end + 1] = ",".join(cells)
open(p, "w", newline="").write("\r\n".join(rows))
PY
run --db "$E2E_TMP/cap-in.db" import "$E2E_TMP/cap.csv"
expect_rc 1 "an import of 101 questions"
expect_err "more than 100 questions" "it says why"
[ "$("$UNKNOT" --db "$E2E_TMP/cap-in.db" question 2>/dev/null | grep -c .)" -le 1 ] && pass ||
    fail "part of the refused import was kept"

e2e_done

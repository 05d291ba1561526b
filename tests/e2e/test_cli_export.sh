# SPDX-License-Identifier: BSD-2-Clause
# Export, import, report -o and backup from the command line: valid JSON,
# RFC 4180 CSV that keeps nasty notes, export -> import -> export gives the
# same bytes on 1,000 generated episodes plus hand-made ones, a bad row on
# line 57 changes nothing, report -o never overwrites by accident, and a
# backup taken while the full-screen app holds the database open.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../bench/gen.sh"

DB=$E2E_TMP/src.db
T=$E2E_TMP

gen_db "$DB" 1000 || fail "gen_db"

# Hand-made episodes whose text is hard on a CSV or JSON writer; they are
# the newest, so they come last in the export.
NOTE1='bent, "quoted", and
a second line — naïve 痛み 🙂	tab'
NOTE2='"starts with a quote", ends with a comma,'
run --db "$DB" log --at "2h ago" --for 30m -i 7 -r lower -s both --trigger lifting \
    --trigger 'other:carried a "heavy", awkward box' --symptom stiffness \
    --med 'ibuprofen, 400 mg' --med 'naproxène' --note "$NOTE1"
expect_rc 0 "log a nasty episode"
run --db "$DB" log --at "1h ago" -i 4 -r neck --relief heat --note "$NOTE2"
expect_rc 0 "log an ongoing episode"
run --db "$DB" check --yes 12,13
expect_rc 0 "a red-flag check"
run --db "$DB" check --none
expect_rc 0 "a clear check"
now=$(date +%s)
sqlite3 "$DB" "INSERT INTO sessions (id, kind, routine, hold_s, planned_s, elapsed_s, started_at,
  ended_at, status, episode_id, pain_before, pain_after) VALUES
  (1, 'ice', NULL, NULL, 1200, 1200, $now - 7000, $now - 5800, 'done', 1001, 7, 4),
  (2, 'stretch', 'first-aid', 5, 300, 95, $now - 5000, $now - 4905, 'stopped', NULL, 6, NULL),
  (3, 'heat', NULL, NULL, 900, 300, $now - 4000, $now - 3700, 'interrupted', 1002, NULL, NULL)" ||
    fail "sessions"

# ---- JSON -------------------------------------------------------------------
run --db "$DB" export --format json -o "$T/a.json"
expect_rc 0 "export --format json -o"
expect_eq "$(mode "$T/a.json")" 600 "the export file is 0600"
if python3 -m json.tool "$T/a.json" >/dev/null; then pass; else fail "export is not valid JSON"; fi
counts=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(len(d["episodes"]), len(d["sessions"]), len(d["checks"]),
      sum(len(e["tags"]) for e in d["episodes"]))' "$T/a.json")
expect_eq "$counts" "1002 3 2 339" "JSON holds every episode, session, check and tag"
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print([e for e in d["episodes"] if e["id"] == 1001][0]["notes"], end="")' "$T/a.json")
expect_eq "$got" "$NOTE1" "JSON keeps the notes byte for byte"

# ---- CSV (RFC 4180) ------------------------------------------------------------
run --db "$DB" export -o "$T/a.csv"
expect_rc 0 "export -o FILE.csv"
check=$(python3 - "$T/a.csv" "$NOTE1" "$NOTE2" <<'EOF'
import csv, sys
data = open(sys.argv[1], "rb").read()
# Every record ends with CRLF; a bare LF only inside a quoted field.
body = data.replace(b"\r\n", b"")
text = data.decode("utf-8")
rows = list(csv.reader(text.splitlines(keepends=True), strict=True))
# The header rows: one per record type, after the first (8 with check-ins).
heads = [r for r in rows[1:] if r[0].startswith("#")]
width = {r[0][1:]: len(r) for r in heads}
bad = [r for r in rows[1 + len(heads):] if len(r) != width[r[0]]]
notes = {r[1]: r[7] for r in rows if r[0] == "episode"}
tags = [r[3] for r in rows if r[0] == "tag" and r[1] == "1001"]
print(data.endswith(b"\r\n"), body.count(b"\n") == sys.argv[2].count("\n"),
      len(bad), notes["1001"] == sys.argv[2], notes["1002"] == sys.argv[3],
      'other:carried a "heavy", awkward box' in tags, "ibuprofen, 400 mg" in tags)
EOF
)
expect_eq "$check" "True True 0 True True True True" "CSV follows RFC 4180 and keeps the nasty text"

# ---- export -> import into an empty database -> export --------------------------
for ext in csv json; do
    run --db "$T/new-$ext.db" import "$T/a.$ext"
    expect_rc 0 "import $ext into an empty database"
    expect_out "Imported 1002 episodes (339 tags), 3 sessions and 2 checks" "import $ext counts"
    run --db "$T/new-$ext.db" export --format $ext -o "$T/b.$ext"
    expect_rc 0 "export $ext again"
    if cmp -s "$T/a.$ext" "$T/b.$ext"; then pass; else
        fail "export -> import -> export changed the $ext bytes: $(cmp "$T/a.$ext" "$T/b.$ext")"
    fi
done
run --db "$T/new-csv.db" import "$T/a.json"
expect_rc 1 "importing the same rows again"
expect_err "episode 1000 is already in this database" "the id conflict is named"

# ---- a partial check stays partial through export -> import -> export -------------
P=$T/partial.db
run --db "$P" log --at "1h ago" -i 8 -r lower --note "cannot feel the saddle"
expect_rc 0 "log an episode for the partial check"
# Item 1 answered yes, then the patient left: one answer row, complete 0.
sqlite3 "$P" "INSERT INTO checks (id, taken_at, verdict, complete) VALUES (1, $now - 600,
  'emergency', 0); INSERT INTO check_answers (check_id, item, answer) VALUES (1, 1, 1)" ||
    fail "a partial check"
for ext in csv json; do
    run --db "$P" export --format $ext -o "$T/p.$ext"
    expect_rc 0 "export $ext with a partial check"
    run --db "$T/p-$ext.db" import "$T/p.$ext"
    expect_rc 0 "import $ext with a partial check"
    run --db "$T/p-$ext.db" export --format $ext -o "$T/p2.$ext"
    if cmp -s "$T/p.$ext" "$T/p2.$ext"; then pass; else
        fail "the partial check changed through $ext: $(cmp "$T/p.$ext" "$T/p2.$ext")"
    fi
    expect_eq "$(sqlite3 "$T/p-$ext.db" 'SELECT complete, verdict, count(item) FROM checks
        JOIN check_answers ON check_id = id')" "0|emergency|1" "the $ext import keeps it partial"
done
grep -q $'^check,1,[^,]*,emergency,0\r$' "$T/p.csv" && pass || fail "csv: complete 0: $(cat "$T/p.csv")"
got=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["checks"][0];
print(json.load(open(sys.argv[1]))["version"], c["complete"], c["answers"])' "$T/p.json")
expect_eq "$got" "2 0 [{'item': 1, 'answer': 1}]" "json: version 2, complete 0, the one answer"

# ---- a version 1 export (unknot 0.1) ------------------------------------------------
# tests/fixtures/export-0.1.{csv,json}: release 0.1 (f9cf247) exporting
# tests/fixtures/release-0.1.db. Importing it gives what opening that
# database gives (the schema's own migration): the same version 2 export.
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
cp "$FIX/release-0.1.db" "$T/migrated.db"
run --db "$T/migrated.db" export -o "$T/migrated.csv"
expect_rc 0 "export of the migrated 0.1 database"
for ext in csv json; do
    run --db "$T/v1-$ext.db" import "$FIX/export-0.1.$ext"
    expect_rc 0 "import a version 1 $ext"
    expect_out "Imported 1 episode (2 tags), 0 sessions and 5 checks" "version 1 $ext counts"
    run --db "$T/v1-$ext.db" export -o "$T/v1-$ext.csv"
    if cmp -s "$T/v1-$ext.csv" "$T/migrated.csv"; then pass; else
        fail "version 1 $ext imported differs from the migrated database: $(diff "$T/v1-$ext.csv" "$T/migrated.csv" | head)"
    fi
done
v1=$T/v1-csv.csv
head -1 "$v1" | grep -q $'^#unknot-export,2\r$' && pass || fail "the export of a v1 import is version 2"
# 0.1's check 3 said yes to old 12 and 13 (both now item 17) and 16 (now 20).
got=$(grep '^answer,3,' "$v1" | tr -d '\r' | grep ',1$' | tr '\n' ' ')
expect_eq "$got" "answer,3,17,1 answer,3,20,1 " "old yes answers under today's numbers"
expect_eq "$(grep -c '^answer,3,' "$v1")" 15 "16 old answers on 15 items, none lost"
grep -q $'^check,3,[^,]*,see_doctor,1\r$' "$v1" && pass || fail "a v1 check is complete"

# ---- a bad intensity on line 57: refused, target unchanged -------------------------
python3 - "$T/a.csv" "$T/bad.csv" <<'EOF' || fail "making the broken CSV"
import sys
lines = open(sys.argv[1], "rb").read().split(b"\r\n")
# Tag rows dropped from line 57 on leave a valid file whose line 57 is an
# episode row (generated rows are one line each).
while lines[56].startswith(b"tag,"):
    del lines[56]
row = lines[56].split(b",")
assert row[0] == b"episode", lines[56]
row[4] = b"eleven"
lines[56] = b",".join(row)
open(sys.argv[2], "wb").write(b"\r\n".join(lines))
EOF
TARGET=$T/target.db
run --db "$TARGET" log --at "3d ago" --for 1h -i 2 -r mid --note "already here"
before=$(sha "$TARGET")
run --db "$TARGET" import "$T/bad.csv"
expect_rc 1 "a broken CSV is refused"
expect_err "line 57: invalid intensity \"eleven\": use a whole number from 0 (none) to 10 (worst)" \
    "the refusal names line 57 and the reason"
expect_err "nothing was imported" "the refusal says nothing was written"
expect_eq "$(sha "$TARGET")" "$before" "the target database is byte for byte unchanged"
run --db "$TARGET" show 1
expect_out "already here" "the target keeps its own episode"
run --db "$TARGET" list
case $OUT in *"generated episode"*) fail "rows before line 57 were written" ;; *) pass ;; esac

# ---- report -o never overwrites by accident ------------------------------------------
run --db "$DB" report -o "$T/r.txt"
expect_rc 0 "report -o"
expect_eq "$(mode "$T/r.txt")" 600 "the report file is 0600"
first=$(sha "$T/r.txt")
run --db "$DB" report --format json -o "$T/r.txt"
expect_rc 1 "report -o onto an existing file"
expect_err "already exists: add --force to replace it" "report -o says how to replace"
expect_eq "$(sha "$T/r.txt")" "$first" "the existing report is untouched"
run --db "$DB" report --format json -o "$T/r.txt" --force
expect_rc 0 "report -o --force"
if python3 -m json.tool "$T/r.txt" >/dev/null; then pass; else fail "report --format json"; fi
expect_eq "$(mode "$T/r.txt")" 600 "the replaced report is 0600"
[ -e "$T/r.txt.tmp" ] && fail "report -o --force left r.txt.tmp" || pass

# ---- backup while the full-screen app holds the database ----------------------------
tui_start 80x24 -- --db "$DB"
tui_wait "Home" 5 || fail "home screen: $(tui_screen)"
run --db "$DB" backup "$T/copy.db"
expect_rc 0 "backup while the app is open"
expect_eq "$(mode "$T/copy.db")" 600 "the backup is 0600"
[ -e "$T/copy.db.tmp" ] && fail "backup left copy.db.tmp" || pass
run --db "$T/copy.db" export -o "$T/copy.csv"
run --db "$DB" export -o "$T/live.csv"
if cmp -s "$T/copy.csv" "$T/live.csv"; then pass; else fail "the backup differs from the live database"; fi
run --db "$DB" backup "$T/copy.db"
expect_rc 1 "backup onto an existing file"
expect_err "copy.db already exists: add --force to replace it" "backup refuses to overwrite"
run --db "$DB" backup --force "$T/copy.db"
expect_rc 0 "backup --force while the app is open"
tui_keys q
tui_wait "UNKNOT-EXITED-0" 5 || fail "the app did not quit: $(tui_screen)"
tui_stop

e2e_done

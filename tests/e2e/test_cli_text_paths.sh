# SPDX-License-Identifier: BSD-2-Clause
# Issue 12, deliverables 4 and 5 from the command line. Text: control, bidi
# and zero-width characters are refused at every entry and never printed
# raw, whatever a hand-edited database holds; the CSV export guards text a
# spreadsheet would evaluate and import removes the guard exactly. Paths:
# --db is a plain file path; read-only commands never create a database.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../bench/gen.sh" # new_db

DB=$E2E_TMP/u.db
C1=$'\xc2\x9b'     # U+009B CSI
RLO=$'\xe2\x80\xae' # U+202E
ZWSP=$'\xe2\x80\x8b'
FSI=$'\xe2\x81\xa8' # U+2068
BOM=$'\xef\xbb\xbf'
ESC=$'\x1b'
REPL=$'\xef\xbf\xbd'

# --- text in ----------------------------------------------------------------
new_db "$DB"
for bad in "$C1" "$RLO" "$ZWSP" "$FSI" "$BOM" "$ESC" $'\x7f'; do
    run --db "$DB" log -i 3 -r neck --note "a${bad}b"
    expect_rc 2 "a note with $(printf %q "$bad") is refused"
    expect_err "notes must be UTF-8 text without control characters" "the note message"
    run --db "$DB" log -i 3 -r neck --med "pill${bad}"
    expect_rc 2 "a medication with $(printf %q "$bad") is refused"
    expect_err "invalid medication: text must be UTF-8 on one line" "the medication message"
    run --db "$DB" log -i 3 -r neck --trigger "other:x${bad}"
    expect_rc 2 "an other: trigger with $(printf %q "$bad") is refused"
done
expect_eq "$(sql 'SELECT count(*) FROM episodes')" 0 "nothing was saved"
run --db "$DB" log -i 3 -r neck --note $'two\nlines\twith a tab \xe2\x80\x94 na\xc3\xafve'
expect_rc 0 "newline and tab stay allowed in notes, and ordinary UTF-8"
run --db "$DB" edit 1 --note "x${RLO}y"
expect_rc 2 "edit refuses a bidi override"
expect_eq "$(sql 'SELECT notes FROM episodes WHERE id = 1' | head -1)" "two" "edit saved nothing"

# Import: the same rule, with the line number.
"$UNKNOT" --db "$DB" export -o "$E2E_TMP/ok.csv" >/dev/null || fail "export"
heads=$(grep -c "^#" "$E2E_TMP/ok.csv") # the header rows, however many the format has
head -"$heads" "$E2E_TMP/ok.csv" >"$E2E_TMP/bad2.csv"
printf 'episode,5,2026-11-01T10:00:00+00:00,,3,neck,,ok,,\r\ntag,5,medication,pill%s\r\n' "$C1" \
    >>"$E2E_TMP/bad2.csv"
run --db "$E2E_TMP/imp.db" import "$E2E_TMP/bad2.csv"
expect_rc 1 "import refuses a C1 control in a tag"
expect_err "line $((heads + 2)): invalid tag: text must be on one line, without control characters" \
    "import names the line"
head -"$heads" "$E2E_TMP/ok.csv" >"$E2E_TMP/bad3.csv"
printf 'episode,5,2026-11-01T10:00:00+00:00,,3,neck,,"a%sb",,\r\n' "$RLO" >>"$E2E_TMP/bad3.csv"
run --db "$E2E_TMP/imp.db" import "$E2E_TMP/bad3.csv"
expect_rc 1 "import refuses a bidi override in notes"
expect_err "line $((heads + 1)):" "the notes' line"
expect_err "notes must be UTF-8 text without control characters" "the notes message"
printf '{"format": "unknot-export", "version": 2, "episodes": [{"id": 5, "started_at": "2026-11-01T10:00:00+00:00", "intensity": 3, "region": "neck", "notes": "a\\u202eb", "tags": []}], "sessions": [], "checks": []}\n' \
    >"$E2E_TMP/bad.json"
run --db "$E2E_TMP/imp.db" import "$E2E_TMP/bad.json"
expect_rc 1 "import refuses a \\u202e escape in JSON notes"
expect_err "notes must be UTF-8 text without control characters" "the JSON notes message"

# --- text out: a hand-edited database ----------------------------------------
HDB=$E2E_TMP/hand.db
new_db "$HDB"
"$UNKNOT" --db "$HDB" log --at "2026-11-20 10:00" --for 1h -i 5 -r lower --note plain --med aspirin \
    >/dev/null || fail "log for the hand edit"
"$UNKNOT" --db "$HDB" log --at "2026-11-21 10:00" --for 1h -i 5 -r lower --trigger lifting \
    >/dev/null || fail "log for the hand edit"
sqlite3 "$HDB" "UPDATE episodes SET notes = 'n' || char(27) || '[31m' || char(155) || '0;t' || char(156) \
    || char(8238) || 'rev' || char(8203) || char(127) || 'end' WHERE id = 1;
    UPDATE episode_tags SET tag = 'asp' || char(8238) || 'irin' || char(133) WHERE episode_id = 1;
    UPDATE episode_tags SET tag = 'other:x' || char(27) || ']0;owned' || char(7) WHERE episode_id = 2;
    INSERT INTO sessions (kind, routine, planned_s, elapsed_s, started_at, ended_at, status)
    VALUES ('ice', 'r' || char(27) || 'c' || char(8238), 600, 600, 1795600000, 1795600600, 'done');"
raw_free() { # raw_free FILE WHAT: none of the refused characters in FILE
    if LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]\|\xc2[\x80-\x9f]\|\xe2\x80[\x8b-\x8f\xaa-\xae]\|\xe2\x81[\xa6-\xa9]\|\xef\xbb\xbf' "$1"; then
        fail "$2 prints a control, bidi or zero-width character raw: $(od -c "$1" | head -5)"
    else pass; fi
}
for cmd in "list" "show 1" "show 2" "sessions" "report --format text --since 2026-11-01" \
    "report --format markdown --since 2026-11-01" "report --format csv --since 2026-11-01" \
    "report --format json --since 2026-11-01" "export" "export --format json"; do
    # shellcheck disable=SC2086
    "$UNKNOT" --db "$HDB" $cmd >"$E2E_TMP/out" 2>"$E2E_TMP/err"
    expect_eq "$?" 0 "$cmd on a hand-edited database"
    raw_free "$E2E_TMP/out" "$cmd"
done
run --db "$HDB" show 1
expect_out "n${REPL}[31m${REPL}0;t${REPL}${REPL}rev${REPL}${REPL}end" "show replaces each one by U+FFFD"
run --db "$HDB" list
expect_out "x${REPL}]0;owned${REPL}" "list replaces them in the tags"
run --db "$HDB" sessions
expect_out "r${REPL}c${REPL}" "sessions replaces them in a routine"
run --db "$HDB" export --format json
expect_out '"n\u001b[31m\u009b0;t\u009c\u202erev\u200b\u007fend"' "the JSON export escapes them"
run --db "$HDB" report --format text --since 2026-11-01
expect_out "asp${REPL}irin${REPL}" "the report replaces them in a medication name"

# --- the CSV formula guard ---------------------------------------------------
GDB=$E2E_TMP/guard.db
new_db "$GDB"
i=0
for note in '=HYPERLINK("http://x","y")' '+1' '-2 pain' '@SUM(A1)' "'" "''=" "'plain" "it's =fine"; do
    i=$((i + 1))
    "$UNKNOT" --db "$GDB" log --at "2026-11-0$i 10:00" -i 4 -r mid --note "$note" --med "$note" \
        >/dev/null || fail "log note $note"
done
"$UNKNOT" --db "$GDB" export -o "$E2E_TMP/g.csv" >/dev/null || fail "export the guarded notes"
for want in ",\"'=HYPERLINK(\"\"http" ",'+1," ",'-2 pain," ",'@SUM(A1)," ",''," ",'''=," ",''plain," \
    ",it's =fine,"; do
    if grep -qF -- "$want" "$E2E_TMP/g.csv"; then pass; else fail "export lacks $want"; fi
done
if grep -q '^episode,[0-9]*,[^,]*,[^,]*,4,' "$E2E_TMP/g.csv"; then pass
else fail "the number columns are not guarded"; fi
run --db "$E2E_TMP/g2.db" import "$E2E_TMP/g.csv"
expect_rc 0 "the guarded export imports"
"$UNKNOT" --db "$E2E_TMP/g2.db" export -o "$E2E_TMP/g2.csv" >/dev/null
if cmp -s "$E2E_TMP/g.csv" "$E2E_TMP/g2.csv"; then pass; else fail "export -> import -> export changed bytes"; fi
expect_eq "$(sqlite3 "$E2E_TMP/g2.db" "SELECT group_concat(notes, '|') FROM (SELECT notes FROM episodes ORDER BY id)")" \
    "$(sqlite3 "$GDB" "SELECT group_concat(notes, '|') FROM (SELECT notes FROM episodes ORDER BY id)")" \
    "the notes come back byte for byte"
expect_eq "$(sqlite3 "$E2E_TMP/g2.db" "SELECT count(*) FROM episode_tags WHERE tag = ''''")" 1 \
    "a lone apostrophe medication comes back as it was"

# --- paths -------------------------------------------------------------------
cd "$E2E_TMP" || exit 1
for p in ":memory:" "file:x.db" "file:x.db?mode=memory" ""; do
    run --db "$p" log -i 3 -r neck
    expect_rc 2 "--db '$p' is refused"
    case $p in
    "") expect_err "the database path is empty" "an empty --db" ;;
    :memory:) expect_err "--db :memory: is not a file" "--db :memory:" ;;
    *) expect_err "is read as an SQLite URI; write ./$p for a file of that name" "--db $p" ;;
    esac
    expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "one line for '$p'"
    run --db "$p" list
    expect_rc 2 "--db '$p' list is refused"
done
if ls "$E2E_TMP" | grep -q '^file:\|^x\.db\|^:memory:'; then fail "a refused path left a file"; else pass; fi
UNKNOT_DB=":memory:" run list
expect_rc 2 "UNKNOT_DB=:memory: is refused too"
run --db ":memory:"
expect_rc 2 "the full-screen app refuses :memory: before it starts"
run --db "./file:x.db" log -i 3 -r neck
expect_rc 0 "./file:x.db is a plain file"
if [ -f "$E2E_TMP/file:x.db" ]; then pass; else fail "./file:x.db was not created"; fi

mkdir "$E2E_TMP/adir"
run --db "$E2E_TMP/adir" log -i 3 -r neck
expect_rc 1 "a directory is refused"
expect_err "unknot log: $E2E_TMP/adir is a directory, not a database file" "the directory is named"
run --db "$E2E_TMP/adir" list
expect_err "is a directory, not a database file" "list names the directory"
mkfifo "$E2E_TMP/fifo"
run --db "$E2E_TMP/fifo" log -i 3 -r neck
expect_rc 1 "a FIFO is refused"
expect_err "is not a regular file (a FIFO, device or socket)" "the FIFO is named"
# Another unknot (an older one) may have left /dev/null-journal: compare.
devfiles() { ls -l --time-style=+%s.%N /dev/null-* 2>/dev/null; }
before=$(devfiles)
run --db /dev/null list
expect_rc 1 "a device is refused"
expect_err "unknot list: /dev/null is not a regular file" "the device is named"
run --db /dev/null log -i 3 -r neck
expect_rc 1 "a device is refused for a write too"
expect_eq "$(devfiles)" "$before" "no file made or touched in /dev"
touch "$E2E_TMP/notdir"
run --db "$E2E_TMP/notdir/u.db" list
expect_rc 1 "a path through a file is refused"
expect_err "Not a directory" "the cause is named"
if [ "$(id -u)" -ne 0 ]; then
    cp "$DB" "$E2E_TMP/locked.db" && chmod 000 "$E2E_TMP/locked.db"
    run --db "$E2E_TMP/locked.db" list
    expect_rc 1 "an unreadable database is refused"
    expect_err "no permission to read the database" "the permission is named"
    chmod 444 "$E2E_TMP/locked.db"
    run --db "$E2E_TMP/locked.db" log -i 3 -r neck
    expect_rc 1 "a read-only database refuses a write"
    expect_err "no permission to write the database" "the write permission is named"
    chmod 600 "$E2E_TMP/locked.db"
fi

# Read-only commands on a typo: "no database at PATH", exit 1, no file.
TYPO=$E2E_TMP/typo/unkont.db
for cmd in "list" "show 1" "flags" "checks" "sessions" "report" "export" "backup $E2E_TMP/copy.db"; do
    # shellcheck disable=SC2086
    run --db "$TYPO" $cmd
    expect_rc 1 "$cmd on a missing database"
    expect_eq "$ERR" "unknot ${cmd%% *}: no database at $TYPO" "$cmd names the missing database"
done
if [ -e "$E2E_TMP/typo" ] || [ -e "$E2E_TMP/copy.db" ]; then fail "a read-only command left a file"
else pass; fi
run --db "$TYPO" log -i 3 -r neck
expect_rc 0 "a write still creates the database"
if [ -f "$TYPO" ]; then pass; else fail "log did not create $TYPO"; fi

e2e_done

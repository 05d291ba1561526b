# SPDX-License-Identifier: BSD-2-Clause
# Issue 12, deliverable 1 (Outputs): report -o, export -o and backup never
# write onto the database or its -wal/-shm (whatever the name), never
# replace a device, FIFO or symlink, take -o - as the standard output,
# publish a file only when complete (a temporary .NAME.unknot-tmp.XXXXXX
# beside it), never clobber a file made meanwhile, and the CSV export ends
# with an end record so a truncated CSV is refused (older exports import).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../bench/gen.sh" # new_db

FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
T=$E2E_TMP
DB=$T/u.db
cd "$T" || exit 1
new_db "$DB"
for i in 1 2 3; do log --at "2026-11-0$i 10:00" --for 1h -i 4 -r lower --note "episode $i"; done
no_tmp() { # no_tmp WHAT: no temporary output file anywhere under $T
    local left
    left=$(find "$T" -name '*.unknot-tmp.*' -o -name '*.tmp' | head -3)
    if [ -z "$left" ]; then pass; else fail "$1: a temporary file is left: $left"; fi
}

# --- the database is never a target -----------------------------------------
ln -s u.db "$T/link.db"
ln "$DB" "$T/hard.db"
mkdir "$T/sub"
before=$(sha "$DB")
for target in u.db ./u.db sub/../u.db "$DB" link.db hard.db u.db-wal u.db-shm u.db-journal; do
    for cmd in "report -o" "export -o" "backup"; do
        # shellcheck disable=SC2086
        run --db "$DB" $cmd "$target" --force
        expect_rc 1 "$cmd $target --force is refused"
        expect_err "$target is the database in use (or its -wal or -shm file): give another file name" \
            "$cmd $target names the cause"
        expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "one line for $cmd $target"
    done
done
expect_eq "$(sha "$DB")" "$before" "the database is byte for byte unchanged"
[ -L "$T/link.db" ] && pass || fail "the symlink to the database was replaced"
expect_eq "$(sql 'SELECT count(*) FROM episodes')" 3 "every episode is still there"
# Through another --db spelling of the same file too.
run --db "$T/link.db" export -o "$DB" --force
expect_rc 1 "a symlinked --db still knows its file"
no_tmp "refusals"

# --- devices, FIFOs and symlinks are never replaced ---------------------------
# A private twin of /dev/null where we may make one (root): an unknot that
# replaced its target would then replace that one, not the machine's.
NULLDEV=/dev/null
mknod "$T/null" c 1 3 2>/dev/null && NULLDEV=$T/null
run --db "$DB" export -o "$NULLDEV" --force
expect_rc 0 "export -o $NULLDEV --force writes in place"
[ -c "$NULLDEV" ] && pass || fail "$NULLDEV is no longer a character device"
run --db "$DB" report -o "$NULLDEV"
expect_rc 0 "report -o $NULLDEV without --force: nothing is replaced, so it is written"
run --db "$DB" backup "$NULLDEV" --force
expect_rc 1 "a backup (a database file) refuses a device"
expect_err "$NULLDEV is not a regular file (a device or FIFO): give the name of a file" \
    "backup names the device"
[ -c "$NULLDEV" ] && pass || fail "$NULLDEV is no longer a character device after backup"
mkfifo "$T/pipe"
timeout 5 cat "$T/pipe" >"$T/from-pipe" &
reader=$!
run --db "$DB" export -o "$T/pipe" --force
expect_rc 0 "export -o FIFO --force"
wait "$reader"
[ -p "$T/pipe" ] && pass || fail "the FIFO was replaced by a file"
if head -1 "$T/from-pipe" | grep -q '^#unknot-export,3'; then pass; else fail "the reader got no export"; fi
echo "keep" >"$T/real.csv"
ln -s real.csv "$T/link.csv"
run --db "$DB" export -o "$T/link.csv"
expect_rc 1 "a symlink to an existing file without --force"
expect_err "link.csv already exists: add --force to replace it" "the symlink is an existing file"
run --db "$DB" export -o "$T/link.csv" --force
expect_rc 0 "export through a symlink --force"
[ -L "$T/link.csv" ] && pass || fail "the symlink was replaced by a file"
if head -1 "$T/real.csv" | grep -q '^#unknot-export,3'; then pass; else fail "the file the link points at was not written"; fi
expect_eq "$(mode "$T/real.csv")" 600 "what the link points at is 0600"
ln -s nowhere/missing.csv "$T/dangling.csv"
run --db "$DB" export -o "$T/dangling.csv" --force
expect_rc 1 "a dangling symlink is refused"
expect_err "dangling.csv is a symbolic link to a missing file" "the dangling link is named"
[ -L "$T/dangling.csv" ] && pass || fail "the dangling symlink was replaced"
run --db "$DB" export -o "$T/sub" --force
expect_rc 1 "a directory is refused"
expect_err "sub is a directory: give the name of a file" "the directory is named"

# --- -o - is the standard output -------------------------------------------------
run --db "$DB" export -o -
expect_rc 0 "export -o -"
case $OUT in "#unknot-export,3"*) pass ;; *) fail "export -o - did not write the export to stdout: $OUT" ;; esac
run --db "$DB" report -o - --format json
expect_rc 0 "report -o -"
case $OUT in "{"*) pass ;; *) fail "report -o - did not print the report" ;; esac
[ -e "$T/-" ] && fail "-o - created a file named -" || pass
run --db "$DB" backup -
expect_rc 2 "backup - is refused: a database cannot go to a pipe"
[ -e "$T/-" ] && fail "backup - created a file named -" || pass

# --- published when complete, never clobbering ---------------------------------
run --db "$DB" export -o "$T/e.csv"
expect_rc 0 "export -o a new file"
expect_eq "$(mode "$T/e.csv")" 600 "the export is 0600"
first=$(sha "$T/e.csv")
run --db "$DB" export -o "$T/e.csv"
expect_rc 1 "an existing file without --force"
expect_eq "$(sha "$T/e.csv")" "$first" "the existing file is untouched"
# The temporary file is made beside the target: a directory we may not
# write is refused before anything is written (tests/unit/test_outfile.c
# covers a file that appears while writing: it is kept).
mkdir "$T/ro" && chmod 0555 "$T/ro"
if [ "$(id -u)" -eq 0 ]; then
    AS=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T")
    chmod 0755 "$T" "$DB" && chmod o+r "$DB"
else AS=(); fi
"${AS[@]}" "$UNKNOT" --db "$DB" export -o "$T/ro/x.csv" >/dev/null 2>"$T/ro.err"
expect_eq "$?" 1 "a directory without write permission is refused"
grep -q "cannot create a file beside $T/ro/x.csv: Permission denied" "$T/ro.err" && pass ||
    fail "the temporary file's directory is named: $(cat "$T/ro.err")"
chmod 0600 "$DB" && chmod 0700 "$T"
run --db "$DB" backup "$T/b.db"
expect_rc 0 "backup to a new file"
expect_eq "$(mode "$T/b.db")" 600 "the backup is 0600"
expect_eq "$(sqlite3 "$T/b.db" 'PRAGMA integrity_check')" ok "the backup is a sound database"
run --db "$DB" backup "$T/b.db"
expect_rc 1 "backup onto an existing file without --force"
expect_err "b.db already exists: add --force to replace it" "backup says --force"
no_tmp "after the outputs"

# --- the CSV end record, truncation refused ---------------------------------------
"$UNKNOT" --db "$DB" export -o "$T/full.csv" >/dev/null || fail "export full.csv"
tail -1 "$T/full.csv" | grep -q $'^end,3,0,0,0,0,3,0,0,0,0,0\r$' && pass || fail "the end record: $(tail -1 "$T/full.csv")"
grep '^#end,' "$T/full.csv" | grep -q $'^#end,episodes,tags,sessions,checks,answers,readings,treatments,checkins,weekly,worse,questions\r$' && pass ||
    fail "the #end header row"
size=$(stat -c %s "$T/full.csv")
target=$T/target.db
new_db "$target" # empty: only the end record can refuse these
tsum=$(sha "$target")
for cut in 17 $((size / 2)) $((size - 16)) $((size - 3)); do
    head -c "$cut" "$T/full.csv" >"$T/cut.csv"
    run --db "$target" import "$T/cut.csv"
    expect_rc 1 "a CSV cut at byte $cut of $size is refused"
    expect_err "nothing was imported" "cut at $cut: nothing imported"
done
grep -v '^end,' "$T/full.csv" >"$T/noend.csv"
run --db "$target" import "$T/noend.csv"
expect_err "the file ends without its end record (end,episodes,tags,sessions,checks,answers,readings,treatments,checkins,weekly,worse,questions): it was cut short" \
    "a file without its end record names what is missing"
sed '/^reading,2,/d' "$T/full.csv" >"$T/lost.csv"
run --db "$target" import "$T/lost.csv"
expect_err "the end record says 3 episodes" "a lost row is found by the counts"
expect_eq "$(sha "$target")" "$tsum" "no refused import wrote anything"
run --db "$T/fresh.db" import "$T/full.csv"
expect_rc 0 "the whole file imports"
expect_out "Imported 3 episodes" "all three"
# JSON: a cut file fails to parse.
"$UNKNOT" --db "$DB" export --format json -o "$T/full.json" >/dev/null
jsize=$(stat -c %s "$T/full.json")
for cut in $((jsize / 2)) $((jsize - 3)); do
    head -c "$cut" "$T/full.json" >"$T/cut.json"
    run --db "$target" import "$T/cut.json"
    expect_rc 1 "a JSON export cut at byte $cut is refused"
done
expect_eq "$(sha "$target")" "$tsum" "no refused JSON import wrote anything"
# Older formats still import: 0.1 and 0.2 (made by b4b385a).
for f in export-0.1.csv export-0.1.json export-0.2.csv export-0.2.json; do
    run --db "$T/old-$f.db" import "$FIX/$f"
    expect_rc 0 "the $f fixture imports"
done
run --db "$T/old-export-0.2.csv.db" export -o "$T/from-02.csv"
expect_eq "$(sqlite3 "$T/old-export-0.2.csv.db" 'SELECT count(*) FROM sessions')" 3 "0.2's sessions came in"
grep -q "^episode,2,.*,\"'=SUM(A1:A2) and" "$T/from-02.csv" && pass || fail "0.2's guarded note comes back guarded"

e2e_done

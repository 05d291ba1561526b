# SPDX-License-Identifier: BSD-2-Clause
# Damaged databases (issue 12): a few bytes changed in an index. The
# commands that read everything (export, report, backup, import into it)
# check the whole file first and refuse with one line naming it; a write
# refuses it too; no message shows SQL or SQLite's own words.
. "$(dirname "$0")/lib.sh"

GOOD=$E2E_TMP/good.db
DB=$GOOD
HEAD='#unknot-export,2
#episode,id,started_at,ended_at,intensity,region,side,notes,created_at,updated_at
#tag,episode_id,kind,tag
#session,id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,status,episode_id,pain_before,pain_after
#check,id,taken_at,verdict,complete
#answer,check_id,item,answer'
# 400 episodes: enough for an index of several pages.
{
    printf '%s\n' "$HEAD"
    awk 'function iso(t) { return strftime("%Y-%m-%dT%H:%M:%S+00:00", t, 1) }
         BEGIN { for (i = 1; i <= 400; i++) { s = 1700000000 + i * 3600
             printf "episode,%d,%s,%s,%d,lower,left,note %d,%s,%s\n", i, iso(s), iso(s + 600),
                 i % 11, i, iso(s + 600), iso(s + 600) } }'
} >"$E2E_TMP/seed.csv"
{
    printf '%s\n' "$HEAD"
    echo "episode,9999,2026-01-05T10:00:00+00:00,2026-01-05T10:30:00+00:00,4,neck,,,,"
} >"$E2E_TMP/one.csv"
run --db "$GOOD" import "$E2E_TMP/seed.csv"
expect_rc 0 "the seed imports"
sql "pragma wal_checkpoint(truncate)" >/dev/null

# damage SRC DST INDEX OFFSET BYTES: DST is SRC with BYTES bytes at OFFSET of
# the first leaf page of INDEX set to 0x01 (the keys change, the b-tree
# stays well formed: only integrity_check, not quick_check, sees it).
damage() {
    local src=$1 dst=$2 index=$3 off=$4 n=$5 ps page
    rm -f "$dst" "$dst-wal" "$dst-shm"
    cp "$src" "$dst"
    ps=$(sqlite3 "$dst" "pragma page_size")
    page=$(sqlite3 "$dst" "select pageno from dbstat where name = '$index' and pagetype = 'leaf' order by pageno limit 1")
    [ -n "$page" ] || page=$(sqlite3 "$dst" "select rootpage from sqlite_master where name = '$index'")
    head -c "$n" /dev/zero | tr '\0' '\001' |
        dd of="$dst" bs=1 seek=$(((page - 1) * ps + off)) conv=notrunc status=none
}

BAD=$E2E_TMP/bad.db
damage "$GOOD" "$BAD" episodes_started_at 4000 6
expect_eq "$(sqlite3 "$BAD" "pragma quick_check")" "ok" "the damage is one quick_check misses"
case $(sqlite3 "$BAD" "pragma integrity_check") in ok) fail "integrity_check sees no damage" ;; *) pass ;; esac
SUM=$(sha "$BAD")

# refused: one line, naming the file, no SQL and no SQLite words.
refused() { # refused WHAT
    expect_rc 1 "$1 on a damaged database"
    expect_err "the database $BAD is damaged" "$1 names the damaged file"
    expect_err "restore it from a backup" "$1 says what to do"
    expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "$1: one line"
    case $ERR in *SELECT*|*INSERT*|*PRAGMA*|*malformed*|*sqlite*) fail "$1 shows SQL: $ERR" ;; *) pass ;; esac
}

run --db "$BAD" export
refused "export"
expect_eq "$OUT" "" "export writes nothing to stdout"
run --db "$BAD" export -o "$E2E_TMP/out.csv"
refused "export -o"
[ -e "$E2E_TMP/out.csv" ] && fail "export -o left a file" || pass
run --db "$BAD" report
refused "report"
expect_eq "$OUT" "" "report writes nothing to stdout"
run --db "$BAD" report -o "$E2E_TMP/out.md"
refused "report -o"
[ -e "$E2E_TMP/out.md" ] && fail "report -o left a file" || pass
run --db "$BAD" backup "$E2E_TMP/copy.db"
refused "backup"
[ -e "$E2E_TMP/copy.db" ] && fail "backup left a file" || pass
run --db "$BAD" import "$E2E_TMP/one.csv"
refused "import"
run --db "$BAD" log -i 3 -r lower
refused "log"
expect_eq "$(sha "$BAD")" "$SUM" "nothing was written to the damaged file"

# A damaged table page: the read that meets it says so in the same words.
BAD2=$E2E_TMP/bad2.db
damage "$GOOD" "$BAD2" episodes 8 4
run --db "$BAD2" list
expect_rc 1 "list meets a damaged page"
expect_err "the database $BAD2 is damaged" "list names the damaged file"
case $ERR in *malformed*|*SELECT*) fail "list shows SQLite's words: $ERR" ;; *) pass ;; esac

# The good file still does all of it.
DB=$GOOD
run --db "$GOOD" export
expect_rc 0 "export of the sound file"
rm -f "$E2E_TMP/copy.db"
run --db "$GOOD" backup "$E2E_TMP/copy.db"
expect_rc 0 "backup of the sound file"

# A file that passed the check is not checked again while unchanged (the
# list in XDG_STATE_HOME), but damage done to it afterwards, in place, by
# hand, is seen: its times changed, so the next command checks again.
export XDG_STATE_HOME=$E2E_TMP/state
DB=$E2E_TMP/once.db
cp "$GOOD" "$DB"
run --db "$DB" report
expect_rc 0 "report of a sound file"
[ -s "$XDG_STATE_HOME/unknot/verified" ] && pass || fail "the sound file is not remembered"
grep -q "$(basename "$DB")\|episode\|note" "$XDG_STATE_HOME/unknot/verified" &&
    fail "the list of verified files holds more than numbers" || pass
run --db "$DB" report
expect_rc 0 "report again, unchanged"
page=$(sqlite3 "$DB" "select pageno from dbstat where name = 'episodes_started_at' and pagetype = 'leaf' order by pageno limit 1")
ps=$(sqlite3 "$DB" "pragma page_size")
head -c 6 /dev/zero | tr '\0' '\001' |
    dd of="$DB" bs=1 seek=$(((page - 1) * ps + 4000)) conv=notrunc status=none
run --db "$DB" export
expect_rc 1 "export of the file damaged after it was verified"
expect_err "the database $DB is damaged" "the damage done after the check is found"
e2e_done

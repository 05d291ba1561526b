# SPDX-License-Identifier: BSD-2-Clause
# Issue 12, deliverable 5 (Paths and files): --db a directory, a FIFO, a
# device, a file without permission or a foreign file gets one line naming
# the cause and is left untouched; commands that read open read-only and
# write nothing (an empty file stays empty); a refused newer or foreign
# database keeps its pending -wal byte for byte; a read-only file or
# directory is read without leaving -wal/-shm that break later writes.
# Permissions are tested as an unprivileged user (nobody, when run as root).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../bench/gen.sh" # new_db

T=$E2E_TMP
chmod 0755 "$T"
cd "$T" || exit 1
if [ "$(id -u)" -eq 0 ]; then
    USER_ID=65534
    AS=(setpriv --reuid=$USER_ID --regid=$USER_ID --clear-groups)
else
    USER_ID=$(id -u)
    AS=()
fi
mkdir "$T/home" && chown "$USER_ID" "$T/home"
# as_run ARGS...: run, as the unprivileged user.
as_run() {
    OUT=$("${AS[@]}" env HOME="$T/home" XDG_CONFIG_HOME="$T/home" "$UNKNOT" "$@" \
        2>"$T/stderr" </dev/null); RC=$?
    ERR=$(cat "$T/stderr")
}
one_line() { expect_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "$1: one line"; }
files_of() { ls -a "$1" | grep -v '^\.\.\?$' | tr '\n' ' '; }
sums() { for f in "$@"; do [ -e "$f" ] && sha "$f" || echo "absent:$f"; done | tr '\n' ' '; }

# --- what --db is: a directory, a FIFO, a device, no permission ----------------
mkdir "$T/adir"
mkfifo "$T/fifo"
for cmd in "list" "log -i 3 -r neck" "export" "report"; do
    # shellcheck disable=SC2086
    run --db "$T/adir" $cmd
    expect_rc 1 "$cmd on a directory"
    expect_err "$T/adir is a directory, not a database file" "$cmd names the directory"
    one_line "$cmd on a directory"
    # shellcheck disable=SC2086
    run --db "$T/fifo" $cmd
    expect_rc 1 "$cmd on a FIFO"
    expect_err "is not a regular file (a FIFO, device or socket)" "$cmd names the FIFO"
    # shellcheck disable=SC2086
    run --db /dev/null $cmd
    expect_rc 1 "$cmd on /dev/null"
    expect_err "/dev/null is not a regular file" "$cmd names the device"
done
expect_eq "$(files_of "$T/adir")" "" "nothing was made in the directory"
[ -p "$T/fifo" ] && pass || fail "the FIFO is no longer a FIFO"

DB=$T/mine.db
new_db "$DB"
log --at "2026-11-20 10:00" --for 1h -i 4 -r lower --note "mine"
chown "$USER_ID" "$DB"
chmod 0000 "$DB"
as_run --db "$DB" list
expect_rc 1 "an unreadable database"
expect_err "no permission to read the database $DB" "the read permission is named"
one_line "unreadable"
chmod 0400 "$DB"
as_run --db "$DB" log -i 3 -r neck
expect_rc 1 "a write to a read-only database"
expect_err "no permission to write the database $DB" "the write permission is named"
chmod 0600 "$DB"

# --- foreign files are refused and left byte for byte -------------------------------
printf 'my shopping list\nmilk, bread\n' >"$T/text.db"
head -c 4096 /dev/urandom >"$T/random.db"
sqlite3 "$T/other.db" "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('theirs')"
sqlite3 "$T/otherwal.db" "PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1)" >/dev/null
for f in text random other otherwal; do
    before=$(sums "$T/$f.db" "$T/$f.db-wal")
    for cmd in "list" "log -i 3 -r neck" "export" "backup $T/copy-$f.db"; do
        # shellcheck disable=SC2086
        run --db "$T/$f.db" $cmd
        expect_rc 1 "$cmd on $f.db"
        case $f in
        text | random) expect_err "$f.db is not an SQLite database; refusing to use it" "$cmd names $f.db" ;;
        *) expect_err "$f.db is an SQLite database of another program" "$cmd names $f.db" ;;
        esac
        one_line "$cmd on $f.db"
    done
    expect_eq "$(sums "$T/$f.db")" "${before%% *} " "$f.db is left as it was"
    # Where there was no -wal, a reading SQLite may leave an empty one (it
    # cannot remove it read-only): never one with data.
    [ -s "$T/$f.db-wal" ] && fail "$f.db got a -wal with data" || pass
    [ -e "$T/copy-$f.db" ] && fail "a backup of the foreign $f.db was made" || pass
done

# --- a refused file keeps its pending -wal ----------------------------------------
# A copy taken while a writer holds its changes in the -wal (no checkpoint):
# the newer schema (and, for foreign, the missing application_id) is only
# in the -wal, which the close of a refusing unknot used to fold in.
new_db "$T/src.db"
"$UNKNOT" --db "$T/src.db" log --at "2026-11-20 10:00" -i 4 -r neck >/dev/null
python3 - "$T" <<'EOF' || fail "making the databases with a pending -wal"
import shutil, sqlite3, sys
t = sys.argv[1]
c = sqlite3.connect(t + "/src.db", isolation_level=None)
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("PRAGMA user_version=99")
c.execute("INSERT INTO episodes (started_at, intensity, region, created_at, updated_at) "
          "VALUES (1795000000, 4, 'neck', 1795000000, 1795000000)")
shutil.copy(t + "/src.db", t + "/newer.db"); shutil.copy(t + "/src.db-wal", t + "/newer.db-wal")
c.execute("PRAGMA application_id=0")
shutil.copy(t + "/src.db", t + "/foreign.db"); shutil.copy(t + "/src.db-wal", t + "/foreign.db-wal")
c.close()
EOF
for f in newer foreign; do
    before=$(sums "$T/$f.db" "$T/$f.db-wal")
    case $before in *absent*) fail "$f.db has no -wal to keep: $before" ;; esac
    for cmd in "list" "show 1" "log -i 3 -r neck" "export" "report" "backup $T/copy-$f.db" "import $T/text.db"; do
        # shellcheck disable=SC2086
        run --db "$T/$f.db" $cmd
        expect_rc 1 "$cmd on the $f database"
        case $f in
        newer) expect_err "was written by a newer unknot (schema 99" "$cmd: the newer schema is named" ;;
        *) expect_err "is an SQLite database of another program" "$cmd: the foreign file is named" ;;
        esac
        expect_eq "$(sums "$T/$f.db" "$T/$f.db-wal")" "$before" "$cmd: $f.db and its -wal are byte-identical"
    done
done

# --- commands that read never write ---------------------------------------------
: >"$T/empty.db"
for cmd in "list" "export" "report" "flags" "checks" "sessions"; do
    # shellcheck disable=SC2086
    run --db "$T/empty.db" $cmd
    expect_rc 1 "$cmd on an empty file"
    expect_err "empty.db is an empty file: no unknot database yet" "$cmd names the empty file"
done
expect_eq "$(stat -c %s "$T/empty.db")" 0 "the empty file is still empty (no schema written)"
run --db "$T/empty.db" log -i 3 -r neck
expect_rc 0 "a write makes the empty file a database"

# --- a read-only file: read, then writable again, then a write works ----------------
RO=$T/home/ro.db
new_db "$RO"
"$UNKNOT" --db "$RO" log --at "2026-11-20 10:00" --for 1h -i 5 -r mid --note "before" >/dev/null
chown "$USER_ID" "$RO"
chmod 0400 "$RO"
for cmd in "list" "show 1" "export" "report --since 2026-11-01" "flags" "checks" "sessions"; do
    # shellcheck disable=SC2086
    as_run --db "$RO" $cmd
    expect_rc 0 "$cmd on a read-only file"
done
as_run --db "$RO" list
expect_out "5 " "list reads the read-only file"
as_run --db "$RO" backup "$T/home/ro-copy.db"
expect_rc 0 "backup of a read-only file"
expect_eq "$(files_of "$T/home" | tr ' ' '\n' | grep -c '^ro\.db-')" 0 "no -wal/-shm left beside the read-only file"
chmod 0600 "$RO"
as_run --db "$RO" log -i 3 -r neck --note "after"
expect_rc 0 "a write once the file is writable again"
expect_eq "$(sqlite3 "$RO" 'SELECT count(*) FROM episodes')" 2 "the write landed"

# --- a read-only directory: reads work, a write says why --------------------------
mkdir "$T/rodir"
new_db "$T/rodir/u.db"
"$UNKNOT" --db "$T/rodir/u.db" log --at "2026-11-20 10:00" -i 5 -r mid >/dev/null
chown -R "$USER_ID" "$T/rodir"
chmod 0555 "$T/rodir"
as_run --db "$T/rodir/u.db" list
expect_rc 0 "list in a read-only directory"
as_run --db "$T/rodir/u.db" export
expect_rc 0 "export in a read-only directory"
as_run --db "$T/rodir/u.db" log -i 3 -r neck
expect_rc 1 "a write in a read-only directory"
expect_err "no permission to write in $T/rodir, the directory of the database $T/rodir/u.db" \
    "the directory is named"
one_line "a write in a read-only directory"
case $ERR in *SELECT* | *PRAGMA* | *INSERT*) fail "SQL in the message: $ERR" ;; *) pass ;; esac
expect_eq "$(files_of "$T/rodir")" "u.db " "nothing was left in the directory"
chmod 0755 "$T/rodir"
as_run --db "$T/rodir/u.db" log -i 3 -r neck
expect_rc 0 "a write once the directory is writable again"

e2e_done

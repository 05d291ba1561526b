# SPDX-License-Identifier: BSD-2-Clause
# Locks (issue 12): no command says "database is locked". Several first
# starts at once all create and migrate the same new file; a write waits
# for another writer that holds the database for longer than SQLite's old
# 5-second timeout, and says on stderr that it waits.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/locks.db

# --- several first starts at once -------------------------------------------
ROUNDS=${LOCK_ROUNDS:-30}
: >"$E2E_TMP/race.err"
bad=0
for r in $(seq "$ROUNDS"); do
    rm -f "$DB" "$DB-wal" "$DB-shm"
    pids=()
    for i in 1 2 3 4 5 6 7 8; do
        "$UNKNOT" --db "$DB" log --at "${i}h ago" --for 10m -i 3 -r lower >/dev/null \
            2>>"$E2E_TMP/race.err" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
    [ "$(sql "select count(*) from episodes")" = 8 ] || bad=$((bad + 1))
done
expect_eq "$bad" 0 "$ROUNDS rounds of 8 first starts at once: every one logged"
expect_eq "$(grep -ci "locked" "$E2E_TMP/race.err")" 0 \
    "no \"locked\" from first starts ($(grep -i -m 2 "locked" "$E2E_TMP/race.err"))"
expect_eq "$(sql "pragma journal_mode")" "wal" "the file is in WAL mode"
expect_eq "$(sql "pragma integrity_check")" "ok" "integrity_check after the race"

# --- a write waits for a long writer, and says so ---------------------------
# The sqlite3 shell holds the write lock for 7 s (an import would too).
sqlite3 "$DB" "BEGIN IMMEDIATE; UPDATE episodes SET notes = 'held' WHERE id = 1;" \
    ".shell sleep 7" "COMMIT;" &
HOLDER=$!
sleep 0.5
t0=$(date +%s%N)
run --db "$DB" log -i 4 -r neck --note "waited"
t1=$(date +%s%N)
wait $HOLDER
expect_rc 0 "log waits for the other writer"
expect_out "Logged episode" "log succeeds after the wait"
expect_err "waiting for another unknot to finish writing" "log says it waits"
case $ERR in *locked*) fail "log says locked: $ERR" ;; *) pass ;; esac
[ $(((t1 - t0) / 1000000)) -gt 4000 ] && pass || fail "log did not wait ($(((t1 - t0) / 1000000)) ms)"
expect_eq "$(sql "select notes from episodes where id = 1")" "held" "the other writer's change stands"
expect_eq "$(sql "select count(*) from episodes where notes = 'waited'")" 1 "the waiting log is saved"

# --- readers do not wait -----------------------------------------------------
sqlite3 "$DB" "BEGIN IMMEDIATE; UPDATE episodes SET notes = 'held2' WHERE id = 2;" \
    ".shell sleep 3" "COMMIT;" &
HOLDER=$!
sleep 0.3
t0=$(date +%s%N)
run --db "$DB" list
t1=$(date +%s%N)
wait $HOLDER
expect_rc 0 "list while another writer holds the database"
[ $(((t1 - t0) / 1000000)) -lt 2000 ] && pass || fail "list waited $(((t1 - t0) / 1000000)) ms"
e2e_done

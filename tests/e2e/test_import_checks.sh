# SPDX-License-Identifier: BSD-2-Clause
# Import checks what unknot could produce (issue 12): a check whose verdict
# contradicts its answers, a 99-minute ice session, a session in 2099, more
# time done than planned, an episode saved before it began are refused
# with their line, and nothing is imported; what unknot writes (the 0.1
# fixtures, an export of a database 0.1 began) still comes in.
. "$(dirname "$0")/lib.sh"

FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
DB=$E2E_TMP/import.db
HEAD='#unknot-export,2
#episode,id,started_at,ended_at,intensity,region,side,notes,created_at,updated_at
#tag,episode_id,kind,tag
#session,id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,status,episode_id,pain_before,pain_after
#check,id,taken_at,verdict,complete
#answer,check_id,item,answer'
GOOD='episode,1,2026-11-06T19:20:00Z,2026-11-06T20:20:00Z,5,lower,,,2026-11-06T20:30:00Z,2026-11-06T20:30:00Z
session,1,ice,,,1200,1200,2026-11-06T19:30:00Z,2026-11-06T19:50:00Z,done,1,5,3'

# refused NAME ROW WANT: a file of a good episode and session, then ROW at
# line 9, is refused with WANT and leaves the database empty.
refused() {
    printf '%s\n%s\n%s\n' "$HEAD" "$GOOD" "$2" >"$E2E_TMP/$1.csv"
    rm -f "$DB" "$DB-wal" "$DB-shm"
    run --db "$DB" import "$E2E_TMP/$1.csv"
    expect_rc 1 "$1 is refused"
    expect_err "$3" "$1 says why, at its line"
    expect_err "nothing was imported" "$1 imports nothing"
    if [ -e "$DB" ]; then
        expect_eq "$(sql "select (select count(*) from episodes) + (select count(*) from sessions)")" \
            0 "$1 leaves no row"
    else
        pass
    fi
}

refused verdict "check,1,2026-11-07T10:00:00Z,clear,0
answer,1,1,1" "line 9: check 1: the verdict clear does not follow from its answers, which give emergency"
refused long_ice "session,2,ice,,,5940,5940,2026-11-07T10:00:00Z,2026-11-07T11:39:00Z,done,,," \
    "line 9: session 2: planned_s 5940 is outside the 10 to 20 minutes (600 to 1200 s) ice takes"
refused future "session,2,heat,,,1200,0,2099-01-01T10:00:00Z,,running,,," \
    "line 9: session 2: start lies in the future"
refused overdone "session,2,ice,,,600,900,2026-11-07T10:00:00Z,2026-11-07T10:15:00Z,done,,," \
    "line 9: session 2: elapsed_s 900 is more than the 600 s planned"
refused stretch "session,2,stretch,,5,300,300,2026-11-07T10:00:00Z,2026-11-07T10:05:00Z,done,,," \
    "line 9: session 2: a stretch session names its routine"
refused stamps "episode,2,2026-11-07T10:00:00Z,2026-11-07T11:00:00Z,4,neck,,,2026-11-01T00:00:00Z,2026-11-01T00:00:00Z" \
    "line 9: episode 2: updated_at is before its end"

# The same rows in JSON, at their own lines.
rm -f "$DB" "$DB-wal" "$DB-shm"
cat >"$E2E_TMP/long.json" <<'EOF'
{"format": "unknot-export", "version": 2, "episodes": [],
 "sessions": [
  {"id": 1, "kind": "ice", "routine": null, "hold_s": null, "planned_s": 1200,
   "elapsed_s": 1200, "started_at": "2026-11-06T19:30:00Z", "ended_at": "2026-11-06T19:50:00Z",
   "status": "done", "episode_id": null, "pain_before": null, "pain_after": null},
  {"id": 2, "kind": "ice", "routine": null, "hold_s": null,
   "planned_s": 5940,
   "elapsed_s": 0, "started_at": "2026-11-07T10:00:00Z", "ended_at": null,
   "status": "running", "episode_id": null, "pain_before": null, "pain_after": null}],
 "checks": []}
EOF
run --db "$DB" import "$E2E_TMP/long.json"
expect_rc 1 "a 99-minute ice session in JSON"
expect_err "line 7: session 2: planned_s 5940 is outside the 10 to 20 minutes" \
    "the JSON message names the line of planned_s"

# --- what unknot writes still comes in ---------------------------------------
for f in export-0.1.csv export-0.1.json; do
    rm -f "$DB" "$DB-wal" "$DB-shm"
    run --db "$DB" import "$FIX/$f"
    expect_rc 0 "the 0.1 fixture $f imports"
done
# A database 0.1 began, exported by today's unknot and imported again.
cp "$FIX/release-0.1.db" "$E2E_TMP/old.db"
chmod 600 "$E2E_TMP/old.db"
for fmt in csv json; do
    run --db "$E2E_TMP/old.db" export --format "$fmt" -o "$E2E_TMP/old.$fmt"
    expect_rc 0 "export of the 0.1 database as $fmt"
    rm -f "$DB" "$DB-wal" "$DB-shm"
    run --db "$DB" import "$E2E_TMP/old.$fmt"
    expect_rc 0 "its $fmt export imports again ($ERR)"
done
# Sessions and checks written by unknot itself, exported and imported.
rm -f "$E2E_TMP/own.db"
run --db "$E2E_TMP/own.db" log --at "2h ago" -i 6 -r lower
run --db "$E2E_TMP/own.db" check --yes 12,13
run --db "$E2E_TMP/own.db" check --none
run --db "$E2E_TMP/own.db" export -o "$E2E_TMP/own.csv"
rm -f "$DB" "$DB-wal" "$DB-shm"
run --db "$DB" import "$E2E_TMP/own.csv"
expect_rc 0 "unknot's own export imports ($ERR)"
e2e_done

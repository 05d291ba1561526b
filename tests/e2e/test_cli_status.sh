# SPDX-License-Identifier: BSD-2-Clause
# unknot status: the one line for a shell prompt or tmux, its fields and
# --format, nothing at all when there is nothing to say.
. "$(dirname "$0")/lib.sh"
DB="$E2E_TMP/s.db"

# ---- nothing to say --------------------------------------------------------------
run --db "$DB" status
expect_rc 0 "status without a database"
expect_eq "$OUT" "" "status without a database prints nothing"
[ -e "$DB" ] && fail "status created the database" || pass
"$UNKNOT" --db "$DB" list >/dev/null
before=$(sha "$DB")
run --db "$DB" status
expect_rc 0 "status on an empty history"
expect_eq "$OUT" "" "status on an empty history prints nothing"
log --at "3d ago" --for 1h -i 3 -r neck
run --db "$DB" status
expect_eq "$OUT" "" "status with one old ended episode prints nothing"
run --db "$DB" status --format 'pain: %o'
expect_eq "$OUT" "" "a format whose fields are all empty prints nothing"

# ---- an ongoing episode, an ice session 30 minutes ago, flags ------------------------
log --at "8d ago" -i 8 -r lower
log --at "20d ago" --for 2h -i 4 -r lower
now=$(date +%s)
ice_end=$((now - 1800))
sql "INSERT INTO sessions (kind, planned_s, elapsed_s, started_at, ended_at, status,
       checkpoint_at, owner_pid) VALUES ('ice', 1200, 1200, $((ice_end - 1200)), $ice_end,
       'done', $ice_end, 1)"
allowed=$(date -d "@$((ice_end + 7200))" +%H:%M)
nflags=$("$UNKNOT" --db "$DB" flags --json | jq length)
before=$(sha "$DB")
LC_ALL=C.UTF-8 run --db "$DB" status
expect_rc 0 "status"
expect_eq "$OUT" "ongoing 8d 8/10 lower · ice ok from $allowed · $nflags flags" \
    "status: the episode, when ice is allowed again, the flags"
expect_eq "$(sha "$DB")" "$before" "status writes nothing to the database"
[ "$nflags" -ge 2 ] && pass || fail "the fixture should raise flags: $nflags"
LC_ALL=C run --db "$DB" status
expect_eq "$OUT" "ongoing 8d 8/10 lower | ice ok from $allowed | $nflags flags" \
    "status outside UTF-8 is plain ASCII"
run --db "$DB" status --format '%o|%i|%f|%%|%w.'
expect_eq "$OUT" "ongoing 8d 8/10 lower|ice ok from $allowed|$nflags flags|%|." \
    "--format places each field, an empty one empty"
run --db "$DB" status --format '#[fg=red]%w#[default] %f'
expect_eq "$OUT" "#[fg=red]#[default] $nflags flags" "--format keeps the literal text"

# ---- the warning in force comes first ---------------------------------------------
log -i 6 -r lower --symptom bladder-bowel
LC_ALL=C.UTF-8 run --db "$DB" status
case $OUT in
"EMERGENCY: seek emergency care now · ongoing "*) pass ;;
*) fail "the warning is not first: $OUT" ;;
esac
run --db "$DB" status --format '%w'
expect_eq "$OUT" "EMERGENCY: seek emergency care now" "%w is the warning in force"

# ---- bad use ------------------------------------------------------------------------
run --db "$DB" status --format '%x'
expect_rc 2 "status with an unknown field"
expect_err "unknown field %x" "status names the unknown field"
run --db "$DB" status --format 'ends in %'
expect_rc 2 "status with a lone %"
run --db "$DB" status extra
expect_rc 2 "status with an extra argument"
run --db "$DB" status --help
expect_rc 0 "status --help"
expect_out "%w" "status --help lists the fields"

# ---- a read-only database is read ------------------------------------------------------
chmod 0400 "$DB"
run --db "$DB" status --format '%o'
[ "$(id -u)" -eq 0 ] || expect_rc 0 "status on a read-only file"
chmod 0600 "$DB"
e2e_done

# SPDX-License-Identifier: BSD-2-Clause
# One time parser: every time option takes the export's own RFC 3339 form
# too, so a time copied from `export` or a JSON output can be pasted back.
. "$(dirname "$0")/lib.sh"

export TZ=Europe/Berlin
DB=$E2E_TMP/t.db
log --at "2026-11-20 14:30" --for 1h -i 6 -r lower
log --at "2026-11-21 09:00" -i 4 -r neck

run --db "$DB" export --format json -o "$E2E_TMP/e.json"
expect_rc 0 "export --format json"
first=$(jq -r '.episodes[0].started_at' "$E2E_TMP/e.json")
second=$(jq -r '.episodes[1].started_at' "$E2E_TMP/e.json")
expect_eq "$first" "2026-11-20T14:30:00+01:00" "the export writes RFC 3339 with the offset"

run --db "$DB" list --since "$second"
expect_rc 0 "list --since an exported time"
expect_out "neck" "the episode that starts at that instant is listed"
case $OUT in *"lower back"*) fail "list --since $second lists the earlier episode" ;; *) pass ;; esac

run --db "$DB" list --until "$first"
expect_rc 0 "list --until an exported time"
expect_out "lower back" "--until an instant includes an episode starting at it"
case $OUT in *neck*) fail "list --until $first lists the later episode" ;; *) pass ;; esac

# The same instant written in UTC is the same instant.
run --db "$DB" list --since "2026-11-21T08:00:00Z"
expect_out "neck" "an offset of Z names the same instant"
case $OUT in *"lower back"*) fail "Z offset read as local time" ;; *) pass ;; esac

# --at and --ended take it too, and keep the seconds.
run --db "$DB" log -i 3 -r mid --at "2026-11-22T10:15:30+01:00" --ended "2026-11-22T11:00:00Z"
expect_rc 0 "log --at/--ended RFC 3339"
expect_eq "$(sql "SELECT started_at, ended_at FROM episodes WHERE region = 'mid'")" \
    "$(date -d 2026-11-22T10:15:30+01:00 +%s)|$(date -d 2026-11-22T11:00:00Z +%s)" \
    "--at and --ended store the exact instants"

run --db "$DB" list --since "2026-11-20T14:30:00+1:00"
expect_rc 2 "a malformed offset is refused"
expect_err "invalid time" "with the usual message"

e2e_done

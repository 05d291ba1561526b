# SPDX-License-Identifier: BSD-2-Clause
# `unknot sessions` and the option checks of `unknot timer`, without a
# terminal: bad options exit 2 with a message naming what is accepted,
# before anything opens (the database is not even created).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../bench/gen.sh" # new_db

DB=$E2E_TMP/sessions.db
# A reader may meet unknot closing the database: wait for it, as unknot does.

# --- unknot timer: every bad option is refused before curses ---------------
# timer_refused WANT_ERR ARGS...: exit 2, the message, no database made.
timer_refused() {
    local want=$1; shift
    run --db "$DB" timer "$@"
    expect_rc 2 "timer $*"
    expect_err "$want" "timer $* says what is accepted"
    if [ -e "$DB" ]; then fail "timer $*: created the database"; rm -f "$DB"; else pass; fi
}
timer_refused "give stretch, ice or heat"
# The core's sentences for the screens read as the CLI's messages do.
run --db "$DB" timer ice --minutes 9
case $ERR in *[A-Z]*time*|*minutes,\ not\ 9.) fail "timer: a capital or a stop: $ERR" ;; *) pass ;; esac
timer_refused 'unknown timer "yoga": use stretch, ice or heat' yoga
timer_refused "unknot timer: ice time must be 10 to 20 minutes, not 9" ice --minutes 9
timer_refused "unknot timer: ice time must be 10 to 20 minutes, not 21" ice --minutes 21
timer_refused "unknot timer: heat time must be 10 to 20 minutes, not 21" heat --minutes 21
timer_refused "unknot timer: heat time must be 10 to 20 minutes, not 9" heat --minutes 9
timer_refused '"abc" is not a number of minutes: ice takes 10 to 20' ice --minutes abc
timer_refused "unknot timer: hold must be 5 or 30 seconds, not 7" stretch --hold 7
timer_refused '--hold takes 5 or 30 (seconds), not "-5"' stretch --hold=-5
timer_refused '--hold takes 5 or 30 (seconds), not "x"' stretch --hold x
timer_refused "unknown routine \"nope\": use first-aid, first-aid-lower" stretch --routine nope
timer_refused "--routine and --hold are for stretch" ice --hold 5
timer_refused "--routine and --hold are for stretch" heat --routine daily
timer_refused "--minutes is for ice and heat" stretch --minutes 10
timer_refused 'unexpected argument "heat"' ice heat
timer_refused "unknown option --seconds" ice --seconds 5
timer_refused "option --minutes needs a value" ice --minutes

run timer --help
expect_rc 0 "timer --help"
expect_out "usage: unknot timer stretch [--routine CODE] [--hold 5|30]" "timer usage"
expect_out "ice or heat, 10 to 20 (default 20; longer risks a burn or" "timer usage names the range"
run --help
expect_out "timer    guided stretch, ice or heat timer" "--help lists timer"
expect_out "sessions list stretch, ice and heat sessions" "--help lists sessions"

# --- unknot sessions ---------------------------------------------------------
run --db "$DB" sessions
expect_rc 1 "sessions never creates a database"
expect_err "unknot sessions: no database at $DB" "sessions names the missing database"
if [ -e "$DB" ]; then fail "sessions created the database"; else pass; fi
new_db "$DB"
run --db "$DB" sessions
expect_rc 0 "sessions on a new database"
expect_eq "$OUT" "No sessions." "nothing yet"
run --db "$DB" sessions --help
expect_out "usage: unknot sessions [--since WHEN] [--until WHEN]" "sessions usage"
run --db "$DB" sessions --since garbage
expect_rc 2 "sessions --since garbage"
expect_err "unknot sessions:" "a bad WHEN is named"
run --db "$DB" sessions extra
expect_rc 2 "sessions with an extra argument"

# Rows as the timer writes them; a running one whose owner has exited is
# stale, and the next start of unknot (this very command) interrupts it.
sh -c 'exit 0' &
dead=$!
wait "$dead"
sql "INSERT INTO sessions (kind, routine, hold_s, planned_s, elapsed_s, started_at, ended_at,
       status, pain_before, pain_after, checkpoint_at, owner_pid) VALUES
     ('ice', NULL, NULL, 1200, 1200, 1800000000, 1800001200, 'done', 6, 3, 1800001200, 1),
     ('stretch', 'daily', 30, 515, 95, 1800003600, 1800003695, 'stopped', 5, NULL, 1800003695, 1),
     ('heat', NULL, NULL, 900, 300, 1800007200, NULL, 'running', NULL, NULL, 1800007500, $dead),
     ('stretch', 'first-aid', 5, 45, 45, 1800010800, 1800010845, 'done', NULL, 2, 1800010845, 1)"
COLUMNS=100 run --db "$DB" sessions
expect_rc 0 "sessions lists"
expect_eq "$(printf '%s\n' "$OUT" | sed 's/20[0-9][0-9]-[0-9-]* [0-9:]*/DATE/')" \
"   ID  STARTED           KIND     ROUTINE           PLAN     DONE  STATUS       PAIN
    4  DATE  stretch  first-aid 5s      0:45     0:45  done         - -> 2
    3  DATE  heat     -                15:00     5:00  interrupted  -
    2  DATE  stretch  daily 30s         8:35     1:35  stopped      5 -> -
    1  DATE  ice      -                20:00    20:00  done         6 -> 3" \
    "newest first: planned and done, status, pain before -> after"
# At 80 columns the routine and the times narrow; at 60 the pain goes.
COLUMNS=80 LC_ALL=C.UTF-8 run --db "$DB" sessions
expect_eq "$(printf '%s\n' "$OUT" | sed -n 2p | sed 's/20[0-9][0-9]-[0-9-]* [0-9:]*/DATE/')" \
    $'    4  DATE  stretch  first-aid\xe2\x80\xa6    0:45   0:45  done         - -> 2' "sessions at 80"
COLUMNS=80 LC_ALL=C run --db "$DB" sessions
case $(printf '%s\n' "$OUT" | sed -n 2p) in *"first-a..."*) pass ;;
    *) fail "sessions outside UTF-8: no \"...\": $OUT" ;; esac
expect_eq "$(sql "select status, ended_at from sessions where id = 3")" "interrupted|1800007500" \
    "the stale session ended at its last checkpoint"
run --db "$DB" sessions --until 2027-01-01
expect_eq "$OUT" "No sessions." "--until leaves out later sessions"
run --db "$DB" sessions --since 2027-01-01
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "5" "--since keeps the later ones"

# A live owner with a fresh checkpoint is left running by another unknot.
now=$(date +%s)
sql "INSERT INTO sessions (kind, planned_s, elapsed_s, started_at, status, checkpoint_at, owner_pid)
     VALUES ('ice', 1200, 30, $((now - 30)), 'running', $now, $$)"
run --db "$DB" sessions
expect_eq "$(sql "select status from sessions where id = 5")" "running" \
    "another unknot never interrupts a live session"

# --- the same commands under valgrind (the sanitizer build checks itself) ---
case $UNKNOT in
*asan*) ;;
*)
    for args in "sessions" "sessions --since 2027-01-01" "timer ice --minutes 9" "timer stretch --hold 7"; do
        # shellcheck disable=SC2086 # the words are the arguments
        valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible \
            --show-leak-kinds=definite,possible --error-exitcode=99 \
            "$UNKNOT" --db "$DB" $args >/dev/null 2>"$E2E_TMP/vg.err" </dev/null
        if [ $? -eq 99 ] || grep -q '==[0-9]*==' "$E2E_TMP/vg.err"; then
            fail "valgrind: unknot $args: $(cat "$E2E_TMP/vg.err")"
        else
            pass
        fi
    done
    ;;
esac

e2e_done

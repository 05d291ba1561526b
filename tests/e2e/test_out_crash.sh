# SPDX-License-Identifier: BSD-2-Clause
# Issue 12, the crash test of deliverable 1: `export -o` killed by SIGKILL,
# SIGINT or SIGTERM at a random moment, 50 times. Under the final name there
# is either nothing or the whole export, never part of one; after SIGINT and
# SIGTERM no temporary file is left. After SIGKILL (no handler can run) the
# temporary file may remain: it is .NAME.unknot-tmp.XXXXXX beside the
# target, recognisable, and never under the final name.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../bench/gen.sh" # gen_db

T=$E2E_TMP
DB=$T/big.db
RUNS=${CRASH_RUNS:-50}
# About 0.3 s of export on this kind of machine: long enough to be caught
# in the middle, short enough for 50 runs in well under 40 s.
gen_db "$DB" 100000 || fail "gen_db"
"$UNKNOT" --db "$DB" export -o "$T/ref.csv" >/dev/null || fail "the reference export"
ref=$(sha "$T/ref.csv")
t0=$(date +%s%N)
"$UNKNOT" --db "$DB" export -o "$T/timing.csv" >/dev/null
span_ms=$((($(date +%s%N) - t0) / 1000000 + 30))
rm -f "$T/timing.csv"

sigs=(KILL INT TERM)
killed=0 complete=0 absent=0 kill_left=0
for i in $(seq "$RUNS"); do
    sig=${sigs[$((i % 3))]}
    out=$T/out.csv
    "$UNKNOT" --db "$DB" export -o "$out" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' $((RANDOM % span_ms % 1000)))"
    kill -s "$sig" "$pid" 2>/dev/null && killed=$((killed + 1))
    wait "$pid" 2>/dev/null
    if [ -e "$out" ]; then
        if [ "$(sha "$out")" = "$ref" ]; then complete=$((complete + 1))
        else fail "run $i ($sig): a partial file under the final name ($(stat -c %s "$out") bytes)"; fi
    else
        absent=$((absent + 1))
    fi
    left=$(find "$T" -maxdepth 1 -name '.out.csv.unknot-tmp.*')
    if [ -n "$left" ]; then
        if [ "$sig" = KILL ]; then kill_left=$((kill_left + 1)); else
            fail "run $i ($sig): the temporary file is left: $left"; fi
    fi
    find "$T" -maxdepth 1 -name '*.unknot-tmp.*' -delete
    rm -f "$out"
    pass
done
others=$(find "$T" -maxdepth 1 -type f ! -name 'big.db*' ! -name ref.csv ! -name stderr)
expect_eq "$others" "" "no other file was made beside the target"
echo "crash test: $RUNS runs, $killed signalled ($absent left no file, $complete complete" \
     "exports), $kill_left temporary file(s) left by SIGKILL"
[ "$absent" -gt 0 ] && pass || fail "no run was caught in the middle: the export is too short"

e2e_done

#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Every CLI command of the man page's EXAMPLES (less the interactive ones,
# check without options and timer, and what writes outside the test's
# directories: remind --install, systemctl, source), on a history of 200 generated episodes
# and a few with long notes and many tags, at COLUMNS=80 and COLUMNS=60:
# no line wider than the terminal (display width: wide characters count
# two), and no word split across lines (every word of the output is a word
# of the same output at COLUMNS=1000, a cell cut with an ellipsis aside).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../bench/gen.sh" # gen_db
MAN=$(dirname "$0")/../../man/unknot.1
AT='2026-11-30 16:00:00'
# libfaketime's shared memory races when runs overlap ("sem_open: File exists"),
# and the faketime wrapper itself gives up when sem_open fails: the library is
# preloaded directly when it can be found, with the clock stopped at $AT.
export TZ=UTC LC_ALL=C.UTF-8 FAKETIME_DISABLE_SHM=1
FT_LIB=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
ft() {
    if [ -n "$FT_LIB" ]; then LD_PRELOAD=$FT_LIB FAKETIME=$AT "$@"
    else faketime -f "$AT" "$@"; fi
}
export -f ft
export AT FT_LIB

# The commands: the "$ unknot ..." lines of EXAMPLES, one a line.
sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$MAN" | sed -n 's/^\$ //p' |
    grep -E '^(unknot |id=\$\(unknot )' |
    grep -Ev '^unknot check$|^unknot timer |^unknot remind --install' |
    # the story's clock: a reading at 12:00 of an episode logged "1h ago"
    # at 16:00 is refused (rightly); the rest of the story holds
    grep -v '^unknot pain 5 --at 12:00$' > "$E2E_TMP/cmds"
n=$(grep -c '' "$E2E_TMP/cmds")
[ "$n" -ge 15 ] && pass || fail "only $n example commands in $MAN"
grep -q '^unknot flags$' "$E2E_TMP/cmds" && pass || fail "the examples lack unknot flags"

# The history: generated, then episodes 12 and 201.. with long notes and
# every kind of tag, a check and a session.
LONG="It started when I bent down to pick up the laundry basket and then it got worse\
 all through the afternoon while sitting at the desk, so I stopped early and lay down\
 with heat on it; the physiotherapist said to keep walking a little every hour."
# u ARGS...: unknot at the fixture's clock; its messages kept for a failure.
u() { ft "$UNKNOT" --db "$E2E_TMP/base.db" "$@" >/dev/null 2>"$E2E_TMP/u.err" ||
    { cat "$E2E_TMP/u.err" >&2; return 1; }; }
ft bash -c ". '$(dirname "$0")/../bench/gen.sh'; UNKNOT='$UNKNOT' gen_db '$E2E_TMP/base.db' 200" ||
    fail "gen_db"
u edit 12 --note "$LONG" --trigger lifting --trigger bending --trigger sudden-movement \
    --trigger sitting --trigger "other:carrying the shopping up three flights of stairs" \
    --feel sharp --feel electric --symptom radiating-leg --symptom stiffness --symptom knot \
    --relief heat --relief walking --relief stretching --med "ibuprofen 400 mg" \
    --med "paracetamol 1 g" || fail "edit 12"
u log --at "2d ago" --for 3h -i 8 -r upper -s both --note "$LONG $LONG" --trigger stress \
    --trigger cold --trigger dehydration --feel burning --feel throbbing --relief massage \
    --symptom numbness || fail "log a long episode"
u log --at "5h ago" --for 1h -i 4 -r neck --note "stiff neck after a long drive" || fail "log"
u check --yes 17 || fail "check"
u did ice --for 15m --before 6 --after 4 || fail "did ice"

# run_all WIDTH: every command, in one shell (id=$(...) then "$id"), on a
# fresh copy of the history in the same directory at every width (the
# outputs name its paths), at WIDTH columns; the outputs and exit codes
# go to $E2E_TMP/w$WIDTH.
run_all() {
    local w=$1 d=$E2E_TMP/run i=0 line
    rm -rf "$d" && mkdir -p "$d/home" "$E2E_TMP/w$w" && cp "$E2E_TMP/base.db" "$d/u.db"
    {
        echo "unknot() { ft '$UNKNOT' --db '$d/u.db' \"\$@\"; }"
        echo "cd '$d' || exit 1"
        while IFS= read -r line; do
            i=$((i + 1))
            printf '%s > %s 2>&1; echo $? > %s\n' "$line" "$E2E_TMP/w$w/$i.out" "$E2E_TMP/w$w/$i.rc"
        done < "$E2E_TMP/cmds"
    } > "$E2E_TMP/run.sh"
    HOME=$d/home COLUMNS=$w bash "$E2E_TMP/run.sh"
}
for w in 1000 80 60; do run_all "$w"; done

i=0
while IFS= read -r line; do
    i=$((i + 1))
    rc=$(cat "$E2E_TMP/w80/$i.rc")
    [ "$rc" = 0 ] && pass || fail "$line: exit $rc: $(head -c 300 "$E2E_TMP/w80/$i.out")"
done < "$E2E_TMP/cmds"

# check.py WIDTH: the lines wider than WIDTH, and the words of the output
# at WIDTH that are not words of the output at 1000 columns.
cat > "$E2E_TMP/check.py" <<'PY'
import sys, unicodedata
def width(s):
    w = 0
    for c in s:
        if unicodedata.combining(c):
            continue
        w += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return w
w, path, ref = int(sys.argv[1]), sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8", errors="replace").read()
words = set(open(ref, encoding="utf-8", errors="replace").read().split())
bad = 0
for line in text.splitlines():
    # a word wider than the line (a long path) has a line to itself
    if width(line) > w and " " in line.strip():
        print("%d columns: %s" % (width(line), line)); bad += 1
for tok in text.split():
    if tok not in words and not tok.endswith("\u2026") and not tok.endswith("..."):
        print("a word split or changed: %r" % tok); bad += 1
sys.exit(1 if bad else 0)
PY
for w in 80 60; do
    i=0
    while IFS= read -r line; do
        i=$((i + 1))
        if msg=$(python3 "$E2E_TMP/check.py" "$w" "$E2E_TMP/w$w/$i.out" "$E2E_TMP/w1000/$i.out"); then
            pass
        else
            fail "COLUMNS=$w $line: $(printf '%s\n' "$msg" | head -5)"
        fi
    done < "$E2E_TMP/cmds"
done
# The wrapping did happen: show's notes take several lines at 60 columns.
show=$(grep -n '^unknot show ' "$E2E_TMP/cmds" | head -n 1 | cut -d: -f1)
[ "$(grep -c '^               ' "$E2E_TMP/w60/$show.out")" -ge 4 ] && pass ||
    fail "show 12 at 60 columns: the notes are not wrapped: $(cat "$E2E_TMP/w60/$show.out")"

# Typos get the word meant, exit 2.
run lgo
expect_rc 2 "unknot lgo"
expect_eq "$ERR" 'unknot: unknown command "lgo"; did you mean "log"?' "unknot lgo"
run --db "$E2E_TMP/base.db" log -i 3 -r lowr
expect_rc 2 "-r lowr"
expect_err 'did you mean "lower"?' "-r lowr suggests lower"
run --db "$E2E_TMP/base.db" log -i 3 -r lower --trigger bend
expect_err 'did you mean "bending"?' "--trigger bend suggests bending"
run --db "$E2E_TMP/base.db" log -i 3 -r lower --tirgger lifting
expect_rc 2 "--tirgger"
expect_err 'unknown option --tirgger; did you mean "--trigger"?' "--tirgger suggests --trigger"
run --db "$E2E_TMP/base.db" show 999
expect_eq "$ERR" "unknot show: no episode 999 (see unknot list)" "show names itself"
e2e_done

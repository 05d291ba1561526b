# SPDX-License-Identifier: BSD-2-Clause
# Scriptable output (issue 17): jq reads every --format json output (list,
# show, sessions, checks, flags, report, export) with its versioned shape,
# an episode is the same object in list, show and export; the CSV tables
# have one header row and pandas reads export --table with one row per
# episode; log, end and edit --print-id print just the id.
. "$(dirname "$0")/lib.sh"

export XDG_CONFIG_HOME=$E2E_TMP/config
DB=$E2E_TMP/u.db
u() { "$UNKNOT" --db "$DB" "$@"; }

# jq_ok FILTER WHAT: the last stdout ($OUT) is JSON for which FILTER is true.
jq_ok() {
    if [ "$(printf '%s' "$OUT" | jq -e "$1" 2>&1)" = true ]; then pass
    else fail "$2: jq '$1' on: $OUT"; fi
}
RFC3339='test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$")'

# --- an empty database: valid, empty documents -------------------------------
u log -i 1 -r mid --for 1m >/dev/null 2>&1 && u delete 1 --yes >/dev/null
run --db "$DB" list --format json
expect_rc 0 "list --format json, empty"
jq_ok '.format == "unknot-list" and .version == 1 and .episodes == []' "list, empty"
run --db "$DB" list --format csv
expect_eq "$OUT" "$(printf 'id,started_at,ended_at,intensity,region,side,triggers,feel,symptoms,relief,medications,notes,created_at,updated_at\r')" "list --format csv, empty: the header alone"

# --- log --print-id ----------------------------------------------------------
run --db "$DB" log -i 6 -r lower -s left --at '2026-11-20 08:00' --for 2h --trigger lifting \
    --trigger other:garden --feel sharp --med 'ibuprofen 400 mg' \
    --note 'bent down, "heavy" box
second line' --print-id
expect_rc 0 "log --print-id"
case $OUT in *[!0-9]* | '') fail "log --print-id: stdout not just an id: \"$OUT\"" ;; *) pass ;; esac
ID1=$OUT
expect_err "Logged episode $ID1." "log --print-id: the sentence goes to stderr"
run --db "$DB" log -i 3 -r neck --at '2026-11-22 09:00' --note '=1+1' --print-id
ID2=$OUT
# A warning sign's advice is still said, on stderr, with the id alone on stdout.
run --db "$DB" log -i 8 -r lower --symptom bladder-bowel --print-id
expect_rc 0 "log --print-id with a warning sign"
case $OUT in *[!0-9]* | '') fail "log --print-id, sign: stdout \"$OUT\"" ;; *) pass ;; esac
ID3=$OUT
expect_err "EMERGENCY" "log --print-id: the advice of a warning sign, on stderr"
run --db "$DB" end "$ID3" --print-id
expect_rc 0 "end --print-id"
expect_eq "$OUT" "$ID3" "end --print-id"
expect_err "Ended episode $ID3" "end --print-id: the sentence on stderr"
run --db "$DB" edit "$ID2" --relief ice --print-id
expect_eq "$OUT" "$ID2" "edit --print-id"
run --db "$DB" log -i 2 -r mid
expect_out "Logged episode" "log without --print-id still says so on stdout"
ID4=$(printf '%s' "$OUT" | sed -n 's/^Logged episode \([0-9]*\).*/\1/p')

# --- a session (by import: only the timer writes them) and checks ----------------
cat >"$E2E_TMP/ses.json" <<'EOF'
{"format": "unknot-export", "version": 2, "episodes": [],
 "sessions": [{"id": 40, "kind": "ice", "routine": null, "hold_s": null, "planned_s": 1200,
   "elapsed_s": 1200, "started_at": "2026-11-20T10:00:00+00:00",
   "ended_at": "2026-11-20T10:20:00+00:00", "status": "done", "episode_id": null,
   "pain_before": 6, "pain_after": 4}],
 "checks": []}
EOF
u import "$E2E_TMP/ses.json" >/dev/null || fail "import of a session"
u check --none >/dev/null || fail "check --none"
u check --yes 1 >/dev/null || fail "check --yes 1"

# --- every JSON output ----------------------------------------------------------
run --db "$DB" list --format json
expect_rc 0 "list --format json"
jq_ok ".format == \"unknot-list\" and .version == 1 and (.episodes | length) == 4
    and ([.episodes[].id] == [$ID4, $ID3, $ID2, $ID1])
    and all(.episodes[]; (.id | type) == \"number\" and (.intensity | type) == \"number\"
        and (.started_at | $RFC3339) and (.tags | type) == \"array\")
    and (.episodes[0].ended_at == null) and (.episodes[3].ended_at | $RFC3339)" "list"
jq_ok ".episodes[3].notes == \"bent down, \\\"heavy\\\" box\\nsecond line\"
    and [.episodes[3].tags[] | .kind + \"=\" + .tag] == [\"trigger=lifting\",
        \"trigger=other:garden\", \"feel=sharp\", \"medication=ibuprofen 400 mg\"]" "list: fields"
LISTED=$(printf '%s' "$OUT" | jq -c ".episodes[] | select(.id == $ID1)")
run --db "$DB" list --since 2026-11-21 --until 2026-11-22 --format json
jq_ok "[.episodes[].id] == [$ID2]" "list --since --until --format json"

run --db "$DB" show "$ID1" --format json
expect_rc 0 "show --format json"
jq_ok ".format == \"unknot-episode\" and .version == 1 and .episode.id == $ID1
    and .episode.region == \"lower\" and .episode.side == \"left\"" "show"
SHOWN=$(printf '%s' "$OUT" | jq -c .episode)
jq_ok "(.readings | length) >= 1 and .readings[0].episode_id == $ID1
    and .readings[0].source == \"log\" and .readings[0].pain == .episode.intensity" \
    "show carries the episode's pain readings, the first its intensity"
EXPORTED_RD=$(cd "$E2E_TMP" && "$UNKNOT" --db "$DB" export --format json |
    jq -c "[.readings[] | select(.episode_id == $ID1)]")
expect_eq "$(printf '%s' "$OUT" | jq -c .readings)" "$EXPORTED_RD" "show's readings are the export's objects"

run --db "$DB" export --format json
jq_ok '.format == "unknot-export" and (.version | type) == "number"
    and (.episodes | length) == 4 and (.sessions | length) == 1 and (.checks | length) == 2' "export"
EXPORTED=$(printf '%s' "$OUT" | jq -c ".episodes[] | select(.id == $ID1)")
expect_eq "$LISTED" "$EXPORTED" "an episode of list is the export's object"
expect_eq "$SHOWN" "$EXPORTED" "the episode of show is the export's object"

run --db "$DB" sessions --format json
expect_rc 0 "sessions --format json"
jq_ok '.format == "unknot-sessions" and .version == 1 and (.sessions | length) == 1
    and .sessions[0].id == 40 and .sessions[0].kind == "ice" and .sessions[0].routine == null
    and (.sessions[0].planned_s | type) == "number" and .sessions[0].pain_after == 4
    and (.sessions[0].started_at | '"$RFC3339"')' "sessions"

run --db "$DB" checks --format json
expect_rc 0 "checks --format json"
jq_ok '.format == "unknot-checks" and .version == 1 and (.checks | length) == 2
    and (.checks[0].verdict | type) == "string" and (.checks[0].complete | type) == "number"
    and ([.checks[0].answers[] | select(.answer == 1) | .item] == [1])
    and (.checks[1].answers | length) > 10' "checks"

run --db "$DB" flags --format json
expect_rc 0 "flags --format json"
jq_ok '.format == "unknot-flags" and .version == 1 and (.flags | type) == "array"
    and (.flags[0].level | type) == "string"' "flags"
run --db "$DB" flags --json
jq_ok 'type == "array"' "flags --json: the bare array of earlier releases"

run --db "$DB" report --since 2026-11-01 --format json
expect_rc 0 "report --format json"
jq_ok '.format == "unknot-report" and (.version | type) == "number"' "report"

# --- refused formats -------------------------------------------------------------
run --db "$DB" list --format xml
expect_rc 2 "list --format xml"
expect_err "invalid format \"xml\": use text, json or csv" "list --format xml"
run --db "$DB" show "$ID1" --format csv
expect_rc 2 "show --format csv"
expect_err "use text or json" "show --format csv"
run --db "$DB" export --format json --table episodes
expect_rc 2 "export --format json --table"
run --db "$DB" export --table tags
expect_rc 2 "export --table tags"
expect_err "invalid table \"tags\": use episodes, sessions or checks" "export --table tags"

# --- CSV tables --------------------------------------------------------------------
run --db "$DB" sessions --format csv
expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "$(printf 'id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,status,episode_id,pain_before,pain_after\r')" "sessions --format csv: header"
run --db "$DB" checks --format csv
expect_out "id,taken_at,verdict,complete,asked,yes_items" "checks --format csv: header"
u export --format csv --table episodes -o "$E2E_TMP/episodes.csv" >/dev/null ||
    fail "export --table episodes -o"
u export --table sessions >"$E2E_TMP/sessions.csv" || fail "export --table sessions"
u export --table checks >"$E2E_TMP/checks.csv" || fail "export --table checks"
head -c 3 "$E2E_TMP/episodes.csv" | grep -q '^id,' && pass || fail "episodes.csv starts with its header"

# pandas, as a user would read the file: python3-pandas may live in the
# system's python3 only.
PANDAS=""
for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c "import pandas" 2>/dev/null; then
        PANDAS=$py
        break
    fi
done
if [ -z "$PANDAS" ]; then
    echo "SKIP: $(basename "$0"): pandas.read_csv: needs python3-pandas, not installed"
else
    got=$("$PANDAS" - "$E2E_TMP" <<'EOF' 2>&1
import sys, pandas
d = sys.argv[1]
e = pandas.read_csv(d + "/episodes.csv", keep_default_na=False)
s = pandas.read_csv(d + "/sessions.csv")
c = pandas.read_csv(d + "/checks.csv", dtype={"yes_items": str}, keep_default_na=False)
first = e.iloc[0]
print(len(e), ",".join(e.columns))
print(first["triggers"], "|", first["feel"], "|", first["medications"], "|", repr(first["notes"]))
print(e.iloc[1]["notes"], "|", e.iloc[1]["relief"], "|", e["intensity"].dtype.kind)
print(len(s), s.iloc[0]["kind"], int(s.iloc[0]["planned_s"]), len(c), c.iloc[1]["yes_items"])
EOF
)
    expect_eq "$got" "4 id,started_at,ended_at,intensity,region,side,triggers,feel,symptoms,relief,medications,notes,created_at,updated_at
lifting; other:garden | sharp | ibuprofen 400 mg | 'bent down, \"heavy\" box\nsecond line'
'=1+1 | ice | i
1 ice 1200 2 1" "pandas.read_csv of the --table exports"
fi

e2e_done

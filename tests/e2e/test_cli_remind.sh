# SPDX-License-Identifier: BSD-2-Clause
# unknot config and unknot remind: the settings file rewritten in place,
# a refused value leaving it byte-identical, reminders fired once per
# state under faketime, --dry-run recording nothing, --install writing the
# systemd units into a temporary XDG_CONFIG_HOME.
. "$(dirname "$0")/lib.sh"
DB="$E2E_TMP/r.db"
export TZ=UTC XDG_CONFIG_HOME="$E2E_TMP/cfg" XDG_STATE_HOME="$E2E_TMP/state"
CFG="$XDG_CONFIG_HOME/unknot/config"
STATE="$XDG_STATE_HOME/unknot/remind.state"
FIRED="$E2E_TMP/fired"
DAY=1795046400 # 2026-11-19 00:00 UTC
at() { echo "@$((DAY + $1))"; }       # at SECONDS-AFTER-DAY
ft() { local t=$1; shift; faketime "$(at "$t")" "$UNKNOT" --db "$DB" "$@"; }

# ---- config: the round trip keeps comments and other lines ------------------------
mkdir -p "$(dirname "$CFG")"
printf '# my settings\n; a note\n[timers]\nice_minutes = 15\nbell=off\n' >"$CFG"
run config ice_minutes
expect_eq "$OUT" "15" "config KEY prints the value from the file"
run config ice_minutes 12
expect_rc 0 "config KEY VALUE"
expect_eq "$(cat "$CFG")" "$(printf '# my settings\n; a note\n[timers]\nice_minutes = 12\nbell=off')" \
    "config KEY VALUE rewrites its line and keeps the others byte for byte"
expect_eq "$(mode "$CFG")" "600" "the rewritten settings file is 0600"
run config report_days 30
expect_eq "$(tail -n 1 "$CFG")" "report_days = 30" "a new key is added at the end"
run config
expect_out "ice_minutes = 12  # line 4" "config marks the line that set a value"
expect_out "heat_minutes = 20  # default" "config marks a default"
expect_out "bell = off  # line 5" "config reads bell=off"
before=$(sha "$CFG")
for bad in "ice_minutes 25" "bell maybe" "remind_no_entry_by 25:00" "remind_command echo %nope" \
    "remind_weekly sometimes" "colour blue"; do
    # shellcheck disable=SC2086
    run config $bad
    expect_rc 2 "config $bad is refused"
    expect_eq "$(sha "$CFG")" "$before" "config $bad leaves the file byte-identical"
done
expect_err "unknown setting" "an unknown key says so"
run config --unset bell
expect_rc 0 "config --unset"
grep -q '^bell' "$CFG" && fail "--unset left the bell line" || pass
grep -q '^# my settings$' "$CFG" && pass || fail "--unset lost the comment"
echo 'bogus line' >>"$CFG"
run config heat_minutes
expect_eq "$OUT" "20" "a bad line is skipped"
expect_err "line 6: not a setting" "a bad line is reported with its number"
"$UNKNOT" config --unset report_days >/dev/null 2>&1
sed -i '/bogus line/d' "$CFG"

# ---- the settings reach the code: the report's period --------------------------------
"$UNKNOT" --db "$DB" log --at "40d ago" --for 1h -i 3 -r neck >/dev/null
run --db "$DB" report --format json
n90=$(echo "$OUT" | jq -r '.period.from[0:10] + " " + (.duration.ended // 0 | tostring)')
"$UNKNOT" config report_days 30 >/dev/null
run --db "$DB" report --format json
n30=$(echo "$OUT" | jq -r '.period.from[0:10] + " " + (.duration.ended // 0 | tostring)')
expect_eq "$n90 / $n30" "$(date -d '89 days ago' +%F) 1 / $(date -d '29 days ago' +%F) 0" \
    "report_days sets the report's default period"
"$UNKNOT" config --unset report_days >/dev/null
rm -f "$DB"

# ---- remind: fires once per state ---------------------------------------------------
cat >"$E2E_TMP/notify" <<EOF
#!/bin/sh
printf '%s|%s|%s\n' "\$1" "\$2" "\$3" >>"$FIRED"
EOF
chmod +x "$E2E_TMP/notify"
"$UNKNOT" config remind_command "$E2E_TMP/notify %kind %title %body" >/dev/null
"$UNKNOT" config remind_ice_ok off >/dev/null
: >"$FIRED"
out=$(ft $((19 * 3600 + 59 * 60)) remind 2>&1)
expect_eq "$(wc -l <"$FIRED")" "0" "nothing is due at 19:59: $out"
ft $((20 * 3600 + 60)) remind
ft $((20 * 3600 + 120)) remind
expect_eq "$(wc -l <"$FIRED")" "1" "remind twice with the same state fires once"
case $(cat "$FIRED") in
"no-entry|unknot: nothing logged today|No episode"*) pass ;;
*) fail "the command did not get kind, title and body as three words: $(cat "$FIRED")" ;;
esac
[ -e "$DB" ] && fail "remind created the database" || pass
expect_eq "$(mode "$STATE")" "600" "the state file is 0600"

# A new episode in the morning of the next day: that evening nothing is
# missing, but the episode went 6 hours without an update.
D2=86400
ft $((D2 + 9 * 3600)) log -i 6 -r lower >/dev/null || fail "log under faketime"
: >"$FIRED"
ft $((D2 + 20 * 3600 + 60)) remind
expect_eq "$(cut -d'|' -f1 "$FIRED" | tr '\n' ' ')" "ongoing " \
    "after a new episode: the ongoing rule, not the no-entry one"
# The day after, without entries: the no-entry rule, and not ongoing again.
D3=$((2 * 86400))
: >"$FIRED"
ft $((D3 + 20 * 3600 + 60)) remind
expect_eq "$(cut -d'|' -f1 "$FIRED" | tr '\n' ' ')" "no-entry " "a day without entries: no-entry"

# ---- --dry-run prints, runs nothing, records nothing --------------------------------
ft $((D3 + 9 * 3600)) log --at "$(date -u -d "@$((DAY + D3 + 8 * 3600))" '+%Y-%m-%d %H:%M')" \
    --for 1h -i 4 -r neck --symptom bladder-bowel >/dev/null 2>&1
state_before=$(sha "$STATE")
: >"$FIRED"
run_ft() { OUT=$(ft "$1" remind --dry-run 2>"$E2E_TMP/err"); RC=$?; }
run_ft $((D3 + 21 * 3600))
expect_eq "$RC" "0" "remind --dry-run"
case $OUT in *"warning: EMERGENCY: seek emergency care now: "*) pass ;;
*) fail "--dry-run does not show the warning: $OUT" ;; esac
expect_eq "$(wc -l <"$FIRED")" "0" "--dry-run runs nothing"
expect_eq "$(sha "$STATE")" "$state_before" "--dry-run records nothing"
ft $((D3 + 21 * 3600)) remind
expect_eq "$(cut -d'|' -f1 "$FIRED" | tr '\n' ' ')" "warning " "the warning sign fires"
run_ft $((D3 + 21 * 3600 + 900))
expect_eq "$OUT" "Nothing to remind." "nothing is due again"

# ---- a failing command: due again next time ------------------------------------------
"$UNKNOT" config remind_command false >/dev/null
rm -f "$STATE"
ft $((D3 + 21 * 3600)) remind >/dev/null 2>&1
expect_eq "$?" "1" "a failing remind_command exits 1"
run_ft $((D3 + 21 * 3600))
case $OUT in *"warning:"*) pass ;; *) fail "an undelivered reminder was recorded: $OUT" ;; esac

# ---- without a command or notify-send: a line on stdout ------------------------------
"$UNKNOT" config --unset remind_command >/dev/null
rm -f "$STATE"
mkdir "$E2E_TMP/bin" && ln -s "$(command -v date)" "$E2E_TMP/bin/date" # faketime's own need
OUT=$(PATH="$E2E_TMP/bin" "$(command -v faketime)" "$(at $((D3 + 21 * 3600)))" "$UNKNOT" --db "$DB" remind 2>&1)
case $OUT in "EMERGENCY: seek emergency care now: Call "*"
unknot: episode 1 is still ongoing: "*) pass ;;
*) fail "without notify-send the reminders are not on stdout, warning first: $OUT" ;; esac

# ---- the weekly check-in: due 7 local days after the last, once a week ------------
DB="$E2E_TMP/w.db"
for k in "remind_no_entry_by off" "remind_ongoing_hours off" "remind_flags off" \
    "remind_command $E2E_TMP/notify %kind %title %body"; do
    # shellcheck disable=SC2086
    "$UNKNOT" config $k >/dev/null || fail "config $k"
done
W=$((10 * 86400)) # 2026-11-29
ft $((W + 10 * 3600)) weekly --pain 5 --enjoyment 4 --activity 6 >/dev/null ||
    fail "weekly under faketime"
: >"$FIRED"
ft $((W + 6 * 86400 + 23 * 3600)) remind
expect_eq "$(wc -l <"$FIRED")" "0" "a weekly check-in 6 days ago: nothing due"
expect_eq "$(ft $((W + 6 * 86400 + 23 * 3600)) status --format '%c')" "" "status: not due yet"
ft $((W + 7 * 86400 + 60)) remind
ft $((W + 7 * 86400 + 960)) remind
expect_eq "$(cat "$FIRED")" \
    "weekly|unknot: weekly check-in due|The last weekly check-in was 7 days ago, on 2026-11-29. Three questions: unknot weekly." \
    "the weekly rule fires once, with kind, title and body"
expect_eq "$(ft $((W + 7 * 86400 + 60)) status)" "weekly check-in due" \
    "status says the weekly check-in is due"
: >"$FIRED"
ft $((W + 14 * 86400 + 60)) remind
expect_eq "$(cut -d'|' -f1 "$FIRED")" "weekly" "still not done a week later: it fires again"
ft $((W + 14 * 86400 + 3600)) weekly --pain 4 --enjoyment 5 --activity 5 >/dev/null
: >"$FIRED"
ft $((W + 14 * 86400 + 7200)) remind
expect_eq "$(wc -l <"$FIRED")" "0" "a weekly check-in done: nothing due"
expect_eq "$(ft $((W + 14 * 86400 + 7200)) status)" "" "status: nothing to say once it is done"

# ---- a medication: did it help? once, 30 min to 4 h after ------------------------
DB="$E2E_TMP/m.db"
"$UNKNOT" config remind_weekly off >/dev/null || fail "config remind_weekly off"
M=$((12 * 86400)) # 2026-12-01
ft $((M + 10 * 3600)) took "ibuprofen 400 mg" >/dev/null || fail "took under faketime"
: >"$FIRED"
ft $((M + 10 * 3600 + 29 * 60)) remind
expect_eq "$(wc -l <"$FIRED")" "0" "29 minutes after a medication: not yet"
ft $((M + 10 * 3600 + 45 * 60)) remind
ft $((M + 10 * 3600 + 50 * 60)) remind
expect_eq "$(cat "$FIRED")" \
    "medication|unknot: did ibuprofen 400 mg help?|Taken 45m ago, at 10:00. How is the pain now? unknot took --rate 1 --helped N (0-10), or a on the home screen." \
    "the medication rule fires once, 45 min on"
ft $((M + 11 * 3600)) took --helped 3 >/dev/null || fail "took --helped rates the intake"
ft $((M + 11 * 3600 + 60)) took "naproxen 250 mg" --helped 2 >/dev/null
: >"$FIRED"
ft $((M + 12 * 3600)) remind
expect_eq "$(wc -l <"$FIRED")" "0" "rated intakes are not asked about"

# ---- --install --------------------------------------------------------------------
run --db "$DB" remind --install
expect_rc 0 "remind --install"
UNIT="$XDG_CONFIG_HOME/systemd/user"
[ -f "$UNIT/unknot-remind.timer" ] && [ -f "$UNIT/unknot-remind.service" ] && pass ||
    fail "--install did not write the units into XDG_CONFIG_HOME"
grep -q '^OnCalendar=\*:0/15$' "$UNIT/unknot-remind.timer" && pass || fail "not every 15 minutes"
grep -qxF "ExecStart=\"$(realpath "$UNKNOT")\" --db \"$DB\" remind" "$UNIT/unknot-remind.service" &&
    pass ||
    fail "ExecStart: $(grep ExecStart "$UNIT/unknot-remind.service")"
expect_out "systemctl --user enable --now unknot-remind.timer" "--install prints the systemctl line"
expect_out "*/15 * * * * " "--install prints the crontab line"

e2e_done

# SPDX-License-Identifier: BSD-2-Clause
# Every CLI path under valgrind: no invalid access, no definite or possible
# leak of our own. (Skipped under the sanitizer build, which checks the same.)
. "$(dirname "$0")/lib.sh"
case $UNKNOT in *asan*) echo "test_valgrind_cli.sh: skipped under ASan"; exit 0 ;; esac
command -v valgrind >/dev/null || { fail "valgrind is not installed"; e2e_done; exit 1; }

DB=$E2E_TMP/vg.db
vg() { # vg ARGS...: runs unknot under valgrind; fails on any error or leak
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible \
        --show-leak-kinds=definite,possible --error-exitcode=99 \
        "$UNKNOT" --db "$DB" "$@" >"$E2E_TMP/vg.out" 2>"$E2E_TMP/vg.err" </dev/null
    local rc=$?
    if [ $rc -eq 99 ] || grep -q '==[0-9]*==' "$E2E_TMP/vg.err"; then
        fail "valgrind: unknot $*: $(cat "$E2E_TMP/vg.err")"
    else
        pass
    fi
}

vg log -i 6 -r lower --trigger lifting --med "ibuprofen 400 mg" --note "naïve – 痛み"
vg log --at "9d ago" --for 1h -i 8 -r neck -s left
vg list
vg show 1
vg edit 1 -i 4 --symptom stiffness
vg end
vg flags
vg flags --json
vg check --yes 1,6
vg check --none
vg check --list

# A partial check needs a terminal: unknot under valgrind in a tmux pane,
# item 1 yes, go on, item 2 no, then the end of input at item 3.
cat >"$E2E_TMP/vg-unknot" <<WRAPPER
#!/bin/sh
exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible \\
    --show-leak-kinds=definite,possible --error-exitcode=99 \\
    --log-file="$E2E_TMP/vg-tty.log" "$UNKNOT" "\$@"
WRAPPER
chmod +x "$E2E_TMP/vg-unknot"
REAL_UNKNOT=$UNKNOT
UNKNOT=$E2E_TMP/vg-unknot
tui_start 100x40 -- --db "$DB" check
expect_screen " 1/20" "valgrind: check asks item 1" 30
tui_text "y"; tui_keys Enter
expect_screen "Stop here and get help?" "valgrind: the stop question" 30
tui_text "n"; tui_keys Enter
expect_screen " 2/20" "valgrind: going on" 30
tui_text "n"; tui_keys Enter
expect_screen " 3/20" "valgrind: item 3" 30
tui_keys C-d
expect_screen "UNKNOT-EXITED-0" "valgrind: the partial check ends" 30
tui_stop
UNKNOT=$REAL_UNKNOT
if grep -q '==[0-9]*==' "$E2E_TMP/vg-tty.log"; then
    fail "valgrind: unknot check (partial): $(cat "$E2E_TMP/vg-tty.log")"
else
    pass
fi
expect_eq "$(sqlite3 "$DB" 'select verdict, complete from checks order by id desc limit 1')" \
    "emergency|0" "valgrind: the partial check is stored"
vg checks
vg delete 2 --yes
vg log -i 11 -r lower
vg show 99
vg list --since garbage
vg sessions
vg timer ice --minutes 99
vg report
vg report --format json
vg report --format markdown --since "30d ago"
vg report -o "$E2E_TMP/report.txt"
vg report -o "$E2E_TMP/report.txt"
vg export --format csv -o "$E2E_TMP/export.csv"
vg export --format json -o "$E2E_TMP/export.json"
vg backup "$E2E_TMP/backup.db"
DB=$E2E_TMP/vg-import.db
vg import "$E2E_TMP/export.json"
rm -f "$DB" "$DB-wal" "$DB-shm"
vg import "$E2E_TMP/export.csv"
vg import "$E2E_TMP/export.csv"
DB=$E2E_TMP/vg.db
vg --help
vg frobnicate
e2e_done

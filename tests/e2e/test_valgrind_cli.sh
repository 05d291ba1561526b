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

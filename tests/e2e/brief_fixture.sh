# SPDX-License-Identifier: BSD-2-Clause
# brief_fixture DB: a 90-day history for the visit brief's tests (source
# it; needs $UNKNOT). Episodes every few days with triggers, notes (one
# with markup to escape, one with a unique word), pain readings, relief,
# medication intakes, daily and weekly check-ins, one emergency warning
# sign; a few episodes in the 90 days before, for the comparison.
brief_fixture() {
    local db=$1 d
    u() { "$UNKNOT" --db "$db" "$@" >/dev/null; }
    for d in 85 78 71 64 57 50 43 36 29 22 15 8 5 3; do
        u log --at "${d}d ago" --for 3h -i $((d % 7 + 3)) -r lower --trigger lifting \
            --trigger stress --note "ordinary day $d, stiff in the morning" || return 1
        u did heat --at "${d}d ago" --for 20m --before 6 --after 4 || return 1
        u took "ibuprofen 400 mg" --at "${d}d ago" --before 6 --helped 4 || return 1
        u checkin --at "${d}d ago" --pain 5 --activities partly --sleep 6.5 --woken || return 1
    done
    u log --at "40d ago" --for 5h -i 9 -r lower --trigger twisting --symptom saddle-numbness \
        --note "Worst one: <script>alert(1)</script> & could not stand up, zebrawords" 2>/dev/null ||
        return 1
    u log --at "12d ago" --for 2h -i 8 -r lower --trigger bending --note "Pain <8> after gardening & \"raking\" 'leaves'" ||
        return 1
    for d in 80 60 40 20 6; do
        u weekly --at "${d}d ago" --pain 6 --enjoyment 5 --activity 4 || return 1
        u checkin --at "$((d + 1))d ago" --pain 2 --activities no --not-woken || return 1
    done
    for d in 170 150 120 100; do
        u log --at "${d}d ago" --for 1h -i 4 -r lower --trigger sitting || return 1
    done
    u weekly --at "110d ago" --pain 3 --enjoyment 2 --activity 2 || return 1
}

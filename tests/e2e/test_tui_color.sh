# SPDX-License-Identifier: BSD-2-Clause
# NO_COLOR as no-color.org defines it: present and not empty turns colour
# off; set but empty leaves it on.
. "$(dirname "$0")/lib.sh"

DB=$E2E_TMP/c.db
log -i 8 -r lower   # an ongoing severe episode: home paints its band

# colour_codes: the SGR foreground colour codes (30-37, 39 excluded) home uses.
colour_codes() {
    tmux -L "$E2E_TMUX" capture-pane -e -p -t main | grep -Eo $'\e\\[[0-9;]*m' |
        grep -Ec '(\[|;)3[0-7](;|m)'
}

for case in "unset" "empty" "set"; do
    case $case in
    unset) envs=(TERM=xterm-256color) ;;
    empty) envs=(TERM=xterm-256color NO_COLOR=) ;;
    set) envs=(TERM=xterm-256color NO_COLOR=1) ;;
    esac
    tui_start 80x24 "${envs[@]}" -- --db "$DB"
    expect_screen "ongoing" "home with NO_COLOR $case"
    n=$(colour_codes)
    if [ "$case" = set ]; then
        expect_eq "$n" 0 "NO_COLOR=1: no colour on home"
    elif [ "$n" -gt 0 ]; then pass
    else fail "NO_COLOR $case: home has no colour"; fi
    tui_keys q
    tui_wait UNKNOT-EXITED || fail "q does not leave (NO_COLOR $case)"
    tui_stop
done

e2e_done

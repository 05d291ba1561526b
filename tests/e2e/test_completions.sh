# SPDX-License-Identifier: BSD-2-Clause
# Shell completions (issue 17): make install puts the three scripts where
# bash-completion, zsh and fish look (DESTDIR, PREFIX=/usr) and uninstall
# takes them away; bash, loading the installed file the way
# bash-completion does, completes commands, options and their words from
# the command table; the command table, --help and the completions agree.
# zsh and fish: syntax, and a few completions, when they are installed.
. "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEST=$E2E_TMP/root
BASH_COMPLETION=/usr/share/bash-completion/bash_completion
export XDG_CONFIG_HOME=$E2E_TMP/config XDG_DATA_HOME=$E2E_TMP/data
DB=$E2E_TMP/u.db

# The program under test ($UNKNOT) and the build directory it came from.
make -s --no-print-directory -C "$ROOT" install DESTDIR="$DEST" PREFIX=/usr \
    BIN="$(basename "$UNKNOT")" BUILD="${UNKNOT_BUILD:-build}" >"$E2E_TMP/make.out" 2>&1 ||
    fail "make install: $(cat "$E2E_TMP/make.out")"
BASH_FILE=$DEST/usr/share/bash-completion/completions/unknot
ZSH_FILE=$DEST/usr/share/zsh/site-functions/_unknot
FISH_FILE=$DEST/usr/share/fish/vendor_completions.d/unknot.fish
for f in "$BASH_FILE" "$ZSH_FILE" "$FISH_FILE"; do
    if [ -s "$f" ]; then pass; else fail "make install: no $f"; fi
done
export PATH=$DEST/usr/bin:$PATH

# An own routine, which completion must offer as well as the built-in ones.
mkdir -p "$XDG_CONFIG_HOME/unknot/routines"
sed 's/^name = .*/name = My evening neck/' "$ROOT/share/routines/neck.routine" \
    >"$XDG_CONFIG_HOME/unknot/routines/evening-neck.routine"
ROUTINES=$("$UNKNOT" routines --names | sort | tr '\n' ' ')
for r in first-aid-lower neck evening-neck; do
    case " $ROUTINES" in *" $r "*) pass ;; *) fail "routines --names lacks $r: $ROUTINES" ;; esac
done

# bash_complete WORD...: what bash offers for the last word, sorted, on
# one line; the completion is loaded as bash-completion loads it, from
# the installed tree ($XDG_DATA_DIRS).
bash_complete() {
    XDG_DATA_DIRS=$DEST/usr/share bash --norc --noprofile -c '
        . "$0" || exit 3
        __load_completion unknot || exit 4
        fn=$(complete -p unknot | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        "$fn" unknot "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
        "$BASH_COMPLETION" "$@"
}

if [ ! -f "$BASH_COMPLETION" ]; then
    echo "SKIP: $(basename "$0"): bash completion: needs bash-completion ($BASH_COMPLETION), not installed"
else
    expect_eq "$(bash_complete unknot ti)" "timer " "bash: unknot ti"
    expect_eq "$(bash_complete unknot l)" "list log " "bash: unknot l"
    expect_eq "$(bash_complete unknot log -r '')" "lower mid neck upper " "bash: unknot log -r"
    expect_eq "$(bash_complete unknot log --side '')" "both center left right " \
        "bash: unknot log --side"
    expect_eq "$(bash_complete unknot timer --routine '')" "$ROUTINES" \
        "bash: unknot timer --routine (built-in and own routines)"
    expect_eq "$(bash_complete unknot timer '')" "heat ice stretch " "bash: unknot timer"
    expect_eq "$(bash_complete unknot --db "$DB" list --format '')" "csv json text " \
        "bash: list --format after --db"
    expect_eq "$(bash_complete unknot export --ta)" "--table " "bash: export --ta"
    expect_eq "$(bash_complete unknot export --table '')" "checks episodes sessions " \
        "bash: export --table"
    got=$(bash_complete unknot log --symptom '')
    case $got in *"bladder-bowel "*"fever "*"other: "*) pass ;; *) fail "bash: log --symptom: $got" ;; esac
    # episode ids come from unknot itself, with the --db of the line
    "$UNKNOT" --db "$DB" log -i 4 -r lower --for 1h --at '2026-11-20 10:00' >/dev/null 2>&1
    "$UNKNOT" --db "$DB" log -i 5 -r neck --for 1h --at '2026-11-21 10:00' >/dev/null 2>&1
    expect_eq "$(bash_complete unknot --db "$DB" show '')" "1 2 " "bash: show ID"
    expect_eq "$(bash_complete unknot --db "$DB" show 1 '')" "" "bash: show takes one ID"
    # the table, --help and the completions agree
    help_cmds=$("$UNKNOT" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' | sort |
        tr '\n' ' ')
    expect_eq "$(bash_complete unknot '')" "$help_cmds" "bash: the commands are those of --help"
    for c in $help_cmds; do
        run "$c" --help
        expect_rc 0 "$c --help"
        case $OUT in "usage: unknot $c"*) pass ;; *) fail "$c --help: $OUT" ;; esac
        help=$OUT
        # "See unknot log --help for the options": those count too
        other=$(printf '%s\n' "$help" | sed -n 's/.*See unknot \([a-z]*\) --help.*/\1/p')
        [ -n "$other" ] && help="$help $("$UNKNOT" "$other" --help)"
        for o in $(bash_complete unknot "$c" --); do
            [ "$o" = --help ] && continue
            case $help in *"$o"*) pass ;; *) fail "$c: completion offers $o, --help lacks it" ;; esac
        done
    done
fi

if command -v zsh >/dev/null 2>&1; then
    if zsh -n "$ZSH_FILE"; then pass; else fail "zsh -n $ZSH_FILE"; fi
    # compadd stands in for the completion system: it prints what is offered.
    got=$(zsh -f -c 'compadd() { [[ $1 == -- ]] && shift; print -r -- "${(j: :)@}"; }
        words=(unknot log -r ""); CURRENT=4; . "$1"' _ "$ZSH_FILE")
    expect_eq "$got" "lower mid upper neck" "zsh: unknot log -r"
else
    echo "SKIP: $(basename "$0"): zsh completion: needs zsh, not installed"
fi

if command -v fish >/dev/null 2>&1; then
    if fish -n "$FISH_FILE"; then pass; else fail "fish -n $FISH_FILE"; fi
    got=$(fish --no-config -c 'source $argv[1]; complete -C "unknot log -r "' "$FISH_FILE" |
        sort | tr '\n' ' ')
    expect_eq "$got" "lower mid neck upper " "fish: unknot log -r"
    got=$(fish --no-config -c 'source $argv[1]; complete -C "unknot timer --routine "' \
        "$FISH_FILE" | sort | tr '\n' ' ')
    expect_eq "$got" "$ROUTINES" "fish: unknot timer --routine"
else
    echo "SKIP: $(basename "$0"): fish completion: needs fish, not installed"
fi

make -s --no-print-directory -C "$ROOT" uninstall DESTDIR="$DEST" PREFIX=/usr \
    BIN="$(basename "$UNKNOT")" BUILD="${UNKNOT_BUILD:-build}" >"$E2E_TMP/make.out" 2>&1 ||
    fail "make uninstall: $(cat "$E2E_TMP/make.out")"
for f in "$BASH_FILE" "$ZSH_FILE" "$FISH_FILE" "$DEST/usr/bin/unknot"; do
    if [ -e "$f" ]; then fail "make uninstall left $f"; else pass; fi
done

e2e_done

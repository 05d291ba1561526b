#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# check-keys: the key tables of ui/*.c and the KEYS section of man/unknot.1
# name the same keys. The `?` help and the key lines are drawn from the
# tables, so with this the three never disagree.
#   - every key a table lists (its help name, "j / Down") is in the man
#     page's subsection for that screen;
#   - every key the subsection's key lists name (.Ic) is in one of its
#     screen's tables, or is one the framework handles for every screen:
#     the text field's editing keys, the y/n question, the intro's help keys.
# Usage: CC=cc CURSES_CFLAGS=... sh tests/check-keys.sh. Prints each
# disagreement and exits 1.
cd "$(dirname "$0")/.." || exit 2
CC=${CC:-cc}
MAN=man/unknot.1
tmp=${TMPDIR:-/tmp}/check-keys.$$
trap 'rm -f "$tmp".*' EXIT

# The man subsection each table is documented in ("KEYS": the intro).
section_of() {
    case $1 in
    global | tips_keys | help_keys) echo "KEYS" ;;
    home_keys) echo "Home" ;;
    checkin_keys) echo "Check-in" ;;
    form_keys | advice_keys) echo "Episode form" ;;
    history_keys | filter_keys | detail_keys) echo "History" ;;
    flags_keys) echo "Flags" ;;
    charts_keys) echo "History pictures" ;;
    timer_keys) echo "Timer" ;;
    report_keys | brief_keys | export_keys) echo "Appointment report" ;;
    check_keys) echo "Red-flag checklist" ;;
    *) echo "" ;;
    esac
}

# Keys the framework answers on every screen where they apply:
# ui/textfield.c (editing), app_confirm (y/n questions).
FRAMEWORK="Left Right Home End Backspace Delete Ctrl-A Ctrl-E Ctrl-K Ctrl-U y n Esc"

# table<TAB>key, one per key a table lists. The preprocessor expands the
# row macros of ui/keys.h; a listed row is (ACT_X), ("name").
for f in ui/*.c; do
    # shellcheck disable=SC2086
    $CC -E -P -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED -I. \
        $CURSES_CFLAGS "$f" 2>/dev/null | tr '\n' ' ' |
        grep -oE 'keybind [a-z_]+\[\] = \{|\(ACT_[A-Z_]+\), \("[^"]*"\)'
done | awk '
    /^keybind / { t = $2; sub(/\[\]/, "", t); next }
    { name = $0; sub(/^[^"]*"/, "", name); sub(/".*$/, "", name)
      n = split(name, k, " / ")
      for (i = 1; i <= n; i++) { key = k[i]; if (key == "Bksp") key = "Backspace"
                                 print t "\t" key } }' >"$tmp.tables"

# section<TAB>key<TAB>1 when in a key list (.Bl .. .El), one per .Ic in the
# KEYS section ("0 Ns \(en Ns Ic 9" is 0-9). Prose may name another
# screen's key ("r on home opens it"); the lists name only their own.
sed -n '/^\.Sh KEYS/,/^\.Sh [^K]/p' "$MAN" | sed 's/ Ns \\(en Ns Ic /-/g' | awk '
    /^\.Ss / { s = substr($0, 5); next }
    /^\.Sh KEYS/ { s = "KEYS"; next }
    /^\.Bl / { inlist = 1 }
    /^\.El/ { inlist = 0 }
    { for (i = 1; i <= NF; i++) if ($i == "Ic" || $i == ".Ic") {
          for (j = i + 1; j <= NF; j++) {
              w = $j; gsub(/\\&/, "", w)
              if (w == "," ) continue
              if (w ~ /^(Ns|Ar|Pa|Ql|Cm)$/ || w !~ /^[A-Za-z0-9?\/-]+$/) break
              print s "\t" w "\t" (inlist ? 1 : 0)
          } } }' | sort -u >"$tmp.ic"
cut -f1,2 "$tmp.ic" | sort -u >"$tmp.man"
awk -F'\t' '$3 == 1 { print $1 "\t" $2 }' "$tmp.ic" | sort -u >"$tmp.lists"

status=0
tables=$(cut -f1 "$tmp.tables" | sort -u)
[ -n "$tables" ] || { echo "check-keys: no key tables found (is CC working?)"; exit 1; }
for t in $tables; do
    sec=$(section_of "$t")
    if [ -z "$sec" ]; then
        echo "check-keys: table $t has no KEYS subsection in $MAN (add it to section_of)"
        status=1
        continue
    fi
    for key in $(awk -F'\t' -v t="$t" '$1 == t { print $2 }' "$tmp.tables"); do
        if ! grep -qxF "$(printf '%s\t%s' "$sec" "$key")" "$tmp.man" &&
            ! grep -qxF "$(printf 'KEYS\t%s' "$key")" "$tmp.man"; then
            echo "check-keys: $key ($t) is missing from \"$sec\" in $MAN"
            status=1
        fi
    done
done
while IFS="$(printf '\t')" read -r sec key; do
    case " $FRAMEWORK " in *" $key "*) continue ;; esac
    found=0
    for t in $tables; do
        [ "$(section_of "$t")" = "$sec" ] || continue
        grep -qxF "$(printf '%s\t%s' "$t" "$key")" "$tmp.tables" && found=1
    done
    [ "$sec" = KEYS ] && case $key in '?' | F1) found=1 ;; esac
    if [ $found = 0 ]; then
        echo "check-keys: \"$sec\" in $MAN names $key, which no key table of that screen has"
        status=1
    fi
done <"$tmp.lists"
[ $status = 0 ] && echo "== check-keys: the key tables and the man page name the same keys"
exit $status

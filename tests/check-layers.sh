#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# check-layers: the include rules of DESIGN.md's layers, core <- db <- app <- ui.
#   src/*      (core)  src/*.h and system headers only: no src/app, db, ui,
#                      sqlite3 or curses;
#   db/        never src/app, ui or curses;
#   src/app/   never ui (but main.c -> ui/app.h, the one call into the UI),
#              curses, sqlite3 or a private db header;
#   ui/        never sqlite3 or a private db header (only db/store.h).
# Prints every offending line as FILE:LINE: TEXT (WHY) and exits 1.
# The linker checks the same for the core (its suites link libcore.a alone);
# this catches what a header-only use would slip past it.
cd "$(dirname "$0")/.." || exit 2
status=0

# bad FILES... -- PATTERN WHY: reports the #include lines of FILES matching PATTERN.
bad() {
    files=""
    while [ "$1" != -- ]; do [ -f "$1" ] && files="$files $1"; shift; done
    shift
    pattern=$1 why=$2
    [ -n "$files" ] || return 0
    # shellcheck disable=SC2086
    hits=$(grep -Hn -E "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" $files)
    [ -n "$hits" ] || return 0
    echo "$hits" | while IFS= read -r line; do printf '%s   (%s)\n' "$line" "$why"; done
    status=1
}

curses='(n?curses(w)?|ncursesw/[a-z]+|term|panel|menu|form)\.h'
private_db='db/(store_private|schema)\.h|db/[a-z_]*_private\.h'

bad src/*.c src/*.h -- 'src/app/|db/|ui/' 'the core includes only core headers'
bad src/*.c src/*.h -- "sqlite3\\.h|$curses" 'the core uses neither SQLite nor curses'
bad db/*.c db/*.h -- 'src/app/|ui/' 'db/ may use core types, never the app or the UI'
bad db/*.c db/*.h -- "$curses" 'only ui/ includes curses'
app=$(ls src/app/*.c src/app/*.h 2>/dev/null | grep -v '^src/app/main\.c$')
# shellcheck disable=SC2086
bad $app -- 'ui/' 'only main.c calls into the UI'
bad src/app/main.c -- 'ui/([^a]|a[^p]|ap[^p]|app[^.])' 'main.c may include ui/app.h only'
bad src/app/*.c src/app/*.h -- "sqlite3\\.h|$curses|$private_db" 'the app layer uses db/store.h, never SQLite or curses'
bad ui/*.c ui/*.h -- "sqlite3\\.h|$private_db" 'ui/ reads the store through db/store.h only'

[ $status -eq 0 ] && echo "== check-layers: every #include keeps to its layer"
exit $status

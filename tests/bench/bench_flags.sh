# SPDX-License-Identifier: BSD-2-Clause
# flags over a long history: peak memory must not grow with the history
# (within 2 MB of a 100-episode history), and its time against the sqlite3
# shell reading the same rows.
. "$(dirname "$0")/gen.sh"
tmp=$(mktemp -d /tmp/unknot-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

gen_db "$tmp/small.db" 100
gen_db "$tmp/big.db" 100000
small=$(peak_kb "$UNKNOT" --db "$tmp/small.db" flags)
big=$(peak_kb "$UNKNOT" --db "$tmp/big.db" flags)
echo "flags peak RSS: 100 episodes ${small} KB, 100000 episodes ${big} KB, growth $((big - small)) KB (limit 2048 KB)"
t_unknot=$(best_ms "$UNKNOT" --db "$tmp/big.db" flags)
t_sqlite=$(best_ms sqlite3 "$tmp/big.db" \
    'select id, started_at, ended_at, intensity, region from episodes order by started_at, id')
echo "flags over 100000 episodes: unknot ${t_unknot} ms, sqlite3 shell same rows ${t_sqlite} ms"
[ $((big - small)) -le 2048 ] || { echo "FAIL: flags memory grows with the history"; exit 1; }

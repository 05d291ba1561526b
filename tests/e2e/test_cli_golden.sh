#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The CLI outputs on a fixed database of 1,000 episodes with sessions and
# checks, on a frozen clock, compared byte for byte with tests/golden/out/
# (written by the code before the restructuring). A change that means to
# alter an output regenerates them with UNKNOT_GOLDEN_UPDATE=1 and says why.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../golden/gen.sh"
want=$(dirname "$0")/../golden/out

golden_db "$E2E_TMP/g.db" || fail "golden database not built"
golden_outputs "$E2E_TMP/g.db" "$E2E_TMP/out"
if [ "${UNKNOT_GOLDEN_UPDATE:-}" = 1 ]; then
    rm -rf "$want" && cp -r "$E2E_TMP/out" "$want"
    echo "golden outputs written to $want"
fi
for f in "$want"/*; do
    name=${f##*/}
    if cmp -s "$f" "$E2E_TMP/out/$name"; then pass
    else fail "$name differs from the golden output:
$(diff -u "$f" "$E2E_TMP/out/$name" | head -20)"; fi
done
n=$(ls "$want" | wc -l)
[ "$n" -ge 14 ] && pass || fail "only $n golden files"
[ "$(grep -c '' "$want/list.txt")" -gt 1000 ] && pass || fail "list.txt lacks the 1,000 episodes"
e2e_done

/* SPDX-License-Identifier: BSD-2-Clause */
/* check: building a check record and its answer rows. */
#include "src/check.h"

#include <string.h>

void check_from_answers(int64_t now, const unsigned char answers[REDFLAG_COUNT],
                        struct check *out)
{
    memset(out, 0, sizeof *out);
    out->taken_at = now;
    out->nanswers = REDFLAG_COUNT;
    for (int i = 0; i < REDFLAG_COUNT; i++)
        out->answers[i] = answers[i] != 0;
    out->verdict = redflags_verdict(out->answers);
    out->complete = 1;
}

void check_from_progress(int64_t now, const unsigned char answers[REDFLAG_COUNT],
                         struct check *out)
{
    memset(out, 0, sizeof *out);
    out->taken_at = now;
    out->nanswers = REDFLAG_COUNT;
    out->complete = 1;
    for (int i = 0; i < REDFLAG_COUNT; i++) {
        if (answers[i] == CHECK_NOT_ASKED) {
            out->gaps |= UINT32_C(1) << i;
            out->complete = 0;
        } else {
            out->answers[i] = answers[i] == CHECK_YES;
        }
    }
    out->verdict = redflags_verdict(out->answers);
}

void check_update(struct check *c, int64_t now, const unsigned char answers[REDFLAG_COUNT])
{
    int64_t id = c->id, taken_at = c->taken_at;
    check_from_progress(now, answers, c);
    if (id != 0) {
        c->id = id;
        c->taken_at = taken_at;
    }
}

int check_any_yes(const struct check *c)
{
    for (int item = 1; item <= c->nanswers; item++)
        if (check_has_answer(c, item) && c->answers[item - 1])
            return 1;
    return 0;
}

int check_has_answer(const struct check *c, int item)
{
    return item >= 1 && item <= c->nanswers && !(c->gaps & (UINT32_C(1) << (item - 1)));
}

int check_set_answer(struct check *c, int item, int answer)
{
    if (item < 1 || item > CHECK_MAX_ITEMS || check_has_answer(c, item))
        return -1;
    uint32_t bit = UINT32_C(1) << (item - 1);
    if (item > c->nanswers) {
        /* Items nanswers+1 .. item-1 become gaps, item itself is not. */
        for (int i = c->nanswers; i < item - 1; i++)
            c->gaps |= UINT32_C(1) << i;
        c->nanswers = item;
    }
    c->gaps &= ~bit;
    c->answers[item - 1] = answer != 0;
    return 0;
}

int check_answer_count(const struct check *c)
{
    int n = 0;
    for (int i = 1; i <= c->nanswers; i++)
        n += check_has_answer(c, i);
    return n;
}

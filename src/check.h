/* SPDX-License-Identifier: BSD-2-Clause */
/* check: one red-flag check, the record the store keeps, the export
 * carries and the report counts. Pure: libc only. The checklist itself and
 * its verdict rule are redflags.h. */
#ifndef UNKNOT_CHECK_H
#define UNKNOT_CHECK_H

#include <stdint.h>

#include "src/redflags.h"

/* Items a stored check may answer: the schema's limit (item 1..32). The
 * checklist has REDFLAG_COUNT of them. */
#define CHECK_MAX_ITEMS 32

/* An answer of the checklist being taken: no, yes, or not asked yet. */
#define CHECK_NO 0
#define CHECK_YES 1
#define CHECK_NOT_ASKED 2

struct check {
    int64_t id;       /* 0 until stored */
    int64_t taken_at; /* Unix seconds */
    enum redflag_level verdict;
    /* 1: every item of its checklist was asked; 0: the patient left after
     * a yes, and the items not asked are gaps (CONTENT.md: answers are
     * never lost, but a partial check never reads as "no warning signs"). */
    int complete;
    int nanswers;                           /* items 1..nanswers are answered */
    unsigned char answers[CHECK_MAX_ITEMS]; /* answers[i]: item i + 1, 0 no, 1 yes */
    /* Bit i: item i + 1 (<= nanswers) has no stored answer after all (its
     * answers[i] is 0). Only an imported file can leave such gaps; every
     * check unknot takes answers all REDFLAG_COUNT items. */
    uint32_t gaps;
};

_Static_assert(CHECK_MAX_ITEMS <= 32 && REDFLAG_COUNT <= CHECK_MAX_ITEMS,
               "struct check: the gaps bits must cover every item");

/* The one builder of a check record, for `unknot check` and the TUI
 * checklist alike: taken at now, every REDFLAG_COUNT item answered
 * (answers[i] != 0: item i + 1 is yes), the verdict redflags_verdict()
 * gives, id 0. Overwrites all of *out. */
void check_from_answers(int64_t now, const unsigned char answers[REDFLAG_COUNT],
                        struct check *out);

/* The record of a checklist left or stored part way: answers[i] is
 * CHECK_NO, CHECK_YES or CHECK_NOT_ASKED for item i + 1. Items not asked
 * are gaps; complete when none is; the verdict is that of the yes answers.
 * Overwrites all of *out (id 0). */
void check_from_progress(int64_t now, const unsigned char answers[REDFLAG_COUNT],
                         struct check *out);

/* Brings *c up to the answers of a checklist being taken (as
 * check_from_progress reads them); *c is zeroed or a check built before.
 * A check not stored yet (c->id 0) is built afresh, taken at now; one
 * already stored keeps its id and taken_at, so that store_check_save
 * replaces it in place: the checklist stores at the first emergency yes
 * and saves the same check again as the patient goes on, never a second. */
void check_update(struct check *c, int64_t now, const unsigned char answers[REDFLAG_COUNT]);

/* 1 when the check holds at least one yes. */
int check_any_yes(const struct check *c);

/* Whether item (1-based) has a stored answer: 1 or 0. */
int check_has_answer(const struct check *c, int item);

/* Records the answer (0 or 1) to item 1..CHECK_MAX_ITEMS, leaving gaps
 * for the items between the last one and it. Returns 0, or -1 (nothing
 * changed) when the item is out of range or already answered. */
int check_set_answer(struct check *c, int item, int answer);

/* The number of stored answers: nanswers less the gaps. */
int check_answer_count(const struct check *c);

#endif

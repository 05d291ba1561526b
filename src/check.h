/* SPDX-License-Identifier: BSD-2-Clause */
/* check: one red-flag check, the record the store keeps, the export
 * carries and the report counts. Pure: libc only. The checklist itself and
 * its verdict rule are redflags.h. */
#ifndef UNKNOT_CHECK_H
#define UNKNOT_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "src/redflags.h"

/* Items a stored check may answer: the schema's limit (item 1..32). The
 * checklist has REDFLAG_COUNT of them. */
#define CHECK_MAX_ITEMS 32

/* An answer: no, yes, or not sure (stored as such: 0, 1, 2 in the
 * database and the export). A checklist being taken also has items not
 * asked yet, which are never stored. */
#define CHECK_NO REDFLAG_NO
#define CHECK_YES REDFLAG_YES
#define CHECK_UNSURE REDFLAG_UNSURE
#define CHECK_NOT_ASKED 3

struct check {
    int64_t id;       /* 0 until stored */
    int64_t taken_at; /* Unix seconds */
    enum redflag_level verdict;
    /* 1: every item of its checklist was asked; 0: the patient left after
     * a yes, and the items not asked are gaps (CONTENT.md: answers are
     * never lost, but a partial check never reads as "no warning signs"). */
    int complete;
    int nanswers;                           /* items 1..nanswers are answered */
    unsigned char answers[CHECK_MAX_ITEMS]; /* answers[i]: item i + 1, CHECK_NO, _YES, _UNSURE */
    /* Bit i: item i + 1 (<= nanswers) has no stored answer after all (its
     * answers[i] is 0). Only an imported file can leave such gaps; every
     * check unknot takes answers all REDFLAG_COUNT items. */
    uint32_t gaps;
};

_Static_assert(CHECK_MAX_ITEMS <= 32 && REDFLAG_COUNT <= CHECK_MAX_ITEMS,
               "struct check: the gaps bits must cover every item");

/* The one builder of a check record, for `unknot check` and the TUI
 * checklist alike: taken at now, every REDFLAG_COUNT item answered
 * (answers[i] CHECK_UNSURE: not sure; any other non-zero value: yes), the
 * verdict redflags_verdict() gives, id 0. Overwrites all of *out. */
void check_from_answers(int64_t now, const unsigned char answers[REDFLAG_COUNT],
                        struct check *out);

/* The record of a checklist left or stored part way: answers[i] is
 * CHECK_NO, CHECK_YES, CHECK_UNSURE or CHECK_NOT_ASKED for item i + 1.
 * Items not asked are gaps; complete when none is; the verdict is that of
 * the yes answers (not sure is neither yes nor no).
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

/* Records the answer (CHECK_NO, CHECK_YES or CHECK_UNSURE) to item
 * 1..CHECK_MAX_ITEMS, leaving gaps for the items between the last one and
 * it. Returns 0, or -1 (nothing changed) when the item is out of range or
 * already answered, or the answer is none of the three. */
int check_set_answer(struct check *c, int item, int answer);

/* The number of stored answers: nanswers less the gaps. */
int check_answer_count(const struct check *c);

/* The number of items answered "not sure". */
int check_unsure_count(const struct check *c);

/* The most serious level among the items answered "not sure" (items the
 * checklist does not have count as emergencies: nothing unknown is ranked
 * lower); REDFLAG_CLEAR when none is. */
enum redflag_level check_unsure_level(const struct check *c);

/* Whether the check ends an emergency or urgent warning in force
 * (CONTENT.md: "until a newer complete check with no yes"): complete, no
 * yes, and no "not sure" to an emergency or urgent item, which is no
 * clear answer that the sign has gone. 1 or 0. */
int check_clears(const struct check *c);

/* Writes the item numbers whose answer is `answer`, sep apart ("1,5,17"
 * with ","), into out (at most n bytes, always terminated; "" for none;
 * cut at a whole number when out is short). Returns how many items have
 * that answer. */
int check_items_text(const struct check *c, int answer, const char *sep, char *out, size_t n);

/* The headline of the check as the patient reads it: its verdict's title
 * (redflag_level_title), except that a check with no yes but some "not
 * sure" reads REDFLAGS_UNSURE_TITLE. Static storage. */
const char *check_title(const struct check *c);

/* What the "not sure" answers ask of the patient, as one sentence to wrap:
 * "Not sure: items 1, 20. " and redflag_unsure_advice() of the most
 * serious of them; under an emergency verdict, whose instruction nothing
 * may compete with, REDFLAGS_UNSURE_UNDER_EMERGENCY. "" when none is. Writes at most n bytes (always
 * terminated; 512 hold every case) and returns the number of such items. */
#define CHECK_UNSURE_TEXT_LEN 512
int check_unsure_text(const struct check *c, char *out, size_t n);

#endif

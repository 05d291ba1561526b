/* SPDX-License-Identifier: BSD-2-Clause */
/* treatment: a medication intake or a relief done without the timer (ice,
 * heat, a stretch, massage, a walk, rest), with optional pain before and
 * after. Pure: libc only.
 *
 * The kinds are ONE X-macro list; the schema's CHECK lists the same codes
 * (db/schema.c, step 5). A medication has a name, the text typed, checked
 * by the rule of an episode's medication tag (tag_normalize); no other
 * kind has one. unknot records what was taken and when, and never
 * computes doses or compares them with limits (CONTENT.md). */
#ifndef UNKNOT_TREATMENT_H
#define UNKNOT_TREATMENT_H

#include <stddef.h>
#include <stdint.h>

#include "src/episode.h"

/* X(enum value, stored code, words) */
#define TREATMENT_KIND_INFO(X)                          \
    X(TREATMENT_MEDICATION, "medication", "medication") \
    X(TREATMENT_ICE, "ice", "ice")                      \
    X(TREATMENT_HEAT, "heat", "heat")                   \
    X(TREATMENT_STRETCH, "stretch", "stretching")       \
    X(TREATMENT_MASSAGE, "massage", "massage")          \
    X(TREATMENT_WALK, "walk", "a walk")                 \
    X(TREATMENT_REST, "rest", "rest")

#define TREATMENT_ENUM_(id, code, label) id,
enum treatment_kind { TREATMENT_KIND_INFO(TREATMENT_ENUM_) TREATMENT_KIND_COUNT };
#undef TREATMENT_ENUM_

#define TREATMENT_NAME_MAX EPISODE_TAG_MAX /* bytes of a medication's text */
#define TREATMENT_PAIN_NONE (-1)           /* pain before / after not given */
#define TREATMENT_NO_DURATION 0            /* duration_s not given */
#define TREATMENT_DURATION_MAX (24 * 3600) /* a relief longer than a day is a typo */

/* A medication taken without a pain-after rating is asked about from 30
 * minutes on (when most pain relief by mouth has begun to act) until 4
 * hours on, after which a rating no longer says what that dose did. */
#define TREATMENT_FOLLOWUP_FROM_S (30 * 60)
#define TREATMENT_FOLLOWUP_UNTIL_S (4 * 3600)

struct treatment {
    int64_t id; /* 0 until stored */
    enum treatment_kind kind;
    char name[TREATMENT_NAME_MAX + 1]; /* medication text; "" for the other kinds */
    int64_t taken_at;
    int64_t duration_s;          /* seconds, or TREATMENT_NO_DURATION */
    int pain_before, pain_after; /* 0..10, or TREATMENT_PAIN_NONE */
    int64_t episode_id;          /* the episode going at taken_at, 0: none */
    int64_t created_at;
};

const char *treatment_kind_code(enum treatment_kind k);  /* "ice"; "?" outside */
const char *treatment_kind_label(enum treatment_kind k); /* "a walk"; "?" outside */

/* Parses a stored code, exact. 0 and *out set, or -1 (NULL is -1). */
int treatment_kind_parse(const char *code, enum treatment_kind *out);

/* Parses what a user types for `unknot did`: a code other than medication,
 * ASCII case ignored. 0, or -1 with a message listing the kinds. */
int treatment_relief_parse(const char *text, enum treatment_kind *out, char *err,
                           size_t errlen);

/* Empties *t: no id, no name, no duration, no pain values, no episode. */
void treatment_init(struct treatment *t, enum treatment_kind kind, int64_t taken_at);

/* Sets the medication text after the rule of an episode's --med (trimmed,
 * valid UTF-8 without control characters, at most TREATMENT_NAME_MAX
 * bytes). 0, or -1 with a message; t is unchanged then. */
int treatment_set_name(struct treatment *t, const char *text, char *err, size_t errlen);

/* Checks the whole record against now: a known kind; a name exactly for a
 * medication; a time not more than EPISODE_FUTURE_SLACK ahead; a duration
 * of 1 s .. TREATMENT_DURATION_MAX when given; pain values 0..10 when
 * given. 0, or -1 with a one-line message. */
int treatment_validate(const struct treatment *t, int64_t now, char *err, size_t errlen);

/* 1 when t is a medication intake with no pain-after rating taken from
 * TREATMENT_FOLLOWUP_FROM_S to just under TREATMENT_FOLLOWUP_UNTIL_S
 * before now: the time to ask "how is the pain now?"; else 0. */
int treatment_followup_due(const struct treatment *t, int64_t now);

#endif

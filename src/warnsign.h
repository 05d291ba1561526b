/* SPDX-License-Identifier: BSD-2-Clause */
/* warnsign: the warning signs a patient can log as symptoms, and which
 * warning is in force (CONTENT.md "Warning signs logged as symptoms" and
 * "Answers are never lost"). Pure: libc only, static tables.
 *
 * Safety before everything: a warning sign logged anywhere, or an
 * emergency or urgent verdict, stays in force until the patient takes a
 * newer complete checklist with no yes. Time alone never clears a verdict;
 * a logged sign is in force while its episode is ongoing or started in the
 * last WARNSIGN_RECENT_S. */
#ifndef UNKNOT_WARNSIGN_H
#define UNKNOT_WARNSIGN_H

#include <stddef.h>
#include <stdint.h>

#include "src/episode.h"
#include "src/redflags.h"

#define WARNSIGN_RECENT_S (7 * 86400) /* a logged sign counts for 7 days */

/* One symptom code that is a warning sign: the checklist item it answers
 * and that item's level. */
struct warnsign {
    const char *code;          /* the symptom code, e.g. "saddle-numbness" */
    int item;                  /* checklist item, 1..REDFLAG_COUNT */
    enum redflag_level level;  /* the item's level (EMERGENCY or URGENT) */
    const char *words;         /* "numbness between the legs" */
};

/* The warning sign a symptom code is, or NULL. Static storage. */
const struct warnsign *warnsign_of_symptom(const char *code);

/* The most serious warning sign among ep's symptoms (the first logged of
 * equals), or NULL when it has none. */
const struct warnsign *warnsign_of_episode(const struct episode *ep);

/* 1 when ep has a nerve symptom that prompts the checklist (numbness or
 * tingling in a leg, spreading down a leg, below the knee), or a symptom
 * in the patient's own words that may describe a warning sign
 * (warnsign_words_of_episode), else 0. */
int warnsign_prompts_checklist(const struct episode *ep);

/* The words (after "other:") of ep's first free-text symptom that may
 * describe a warning sign or a nerve symptom ("my groin feels numb",
 * "can't hold my bladder"), or NULL. Points into ep. */
const char *warnsign_words_of_episode(const struct episode *ep);

/* What saving `after` over `before` (NULL: a new episode) says when it
 * owes the checklist prompt, into buf. Own words that may describe a sign
 * and are new to the episode come first, even when it prompted before
 * (they may be the more urgent): "Your words "..." may describe a warning
 * sign: take the red-flag checklist now (how)."; else a nerve symptom new
 * to it: "Numbness, tingling or leg pain: take the red-flag checklist now
 * (how)." (CONTENT.md). `how` names the way there ("unknot check", "c").
 * 1 when there is one, else 0 (buf untouched). */
int warnsign_prompt_text(const struct episode *before, const struct episode *after,
                         const char *how, char *buf, size_t len);
/* Room for that prompt with the longest own words (EPISODE_TAG_MAX). */
#define WARNSIGN_PROMPT_LEN (EPISODE_TAG_MAX + 128)

/* The most serious warning sign of `after` (warnsign_of_episode) when
 * `after` has a warning sign that `before` lacks, else NULL: saving
 * `after` over `before` tells of a new sign, whose advice is due. before
 * NULL is an episode not stored yet (every sign of `after` is new). */
const struct warnsign *warnsign_added(const struct episode *before,
                                      const struct episode *after);

/* 1 when saving `after` over `before` (NULL as above) owes the prompt to
 * take the checklist (warnsign_prompt_text says it), else 0. */
int warnsign_prompt_added(const struct episode *before, const struct episode *after);

/* What a front end needs of one stored check. */
struct warnsign_check {
    int64_t id;
    int64_t taken_at;
    enum redflag_level verdict;
    int complete; /* every item was asked */
};

/* The warning in force. Feed the checks newest first, until
 * warnsign_cleared() says a complete check with no yes was reached (older
 * checks cannot matter), then the episodes with a warning sign. */
struct warnsign_state {
    int64_t now;
    int cleared;            /* a complete check with no yes was fed */
    int64_t cleared_at;     /* its taken_at */
    enum redflag_level level; /* REDFLAG_CLEAR: nothing in force */
    /* the source of `level`: a check (check_id > 0) or a logged sign */
    int64_t check_id, check_taken_at;
    int64_t episode_id, episode_started_at;
    const struct warnsign *sign;
};

void warnsign_begin(struct warnsign_state *s, int64_t now);
/* Feeds one check; checks must come newest first. */
void warnsign_feed_check(struct warnsign_state *s, const struct warnsign_check *c);
/* 1 once a complete check with no yes was fed: stop feeding checks. */
int warnsign_cleared(const struct warnsign_state *s);
/* Feeds one episode (any order); only its warning signs matter. A sign
 * counts when the episode is ongoing or started in the last
 * WARNSIGN_RECENT_S, and was logged or edited (updated_at) after the
 * clearing check. */
void warnsign_feed_episode(struct warnsign_state *s, const struct episode *ep);

#endif

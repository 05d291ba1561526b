/* SPDX-License-Identifier: BSD-2-Clause */
/* history: services over the stored history that both front ends call,
 * so the CLI, the report and the TUI compute each answer one way. */
#ifndef UNKNOT_HISTORY_H
#define UNKNOT_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "db/store.h"
#include "src/chart.h"
#include "src/episode.h"
#include "src/reading.h"
#include "src/treatment.h"
#include "src/flags.h"
#include "src/warnsign.h"

/* The flags of the whole history at `now`: every episode, oldest first,
 * fed into *out (flags_begin .. flags_end) in constant memory, with their
 * tags where flags_wants_tags asks for them, all read in one snapshot.
 * The ended episodes begun before flags_narrow_before() are read from an
 * index alone (id, start, end), the others as brief rows; where the index
 * order cannot be turned back into start order it runs
 * history_flags_full. Returns STORE_OK, or a store error with err filled;
 * *out then holds what the rows read before the error gave. */
int history_flags(struct store *st, int64_t now, struct flags *out, char *err, size_t errlen);

/* history_flags by the plain pass: every episode read whole, oldest first.
 * The same flags, at about three times the cost over a long history;
 * history_flags falls back on it where its index scan cannot keep the
 * start order, and the tests hold the two equal. */
int history_flags_full(struct store *st, int64_t now, struct flags *out, char *err,
                       size_t errlen);

/* Why another episode is worth a word beside the one being saved (bits). */
enum { HISTORY_OTHER_ONGOING = 1, HISTORY_OTHER_OVERLAPS = 2 };
typedef void (*history_other_fn)(const struct episode *other, unsigned why, void *arg);

/* Calls fn(other, why, arg) for each episode other than ep (stored, or
 * about to be: ep->id 0) that is still ongoing or whose time overlaps
 * ep's in ep's region (store_episodes_overlap_iter): first the ongoing
 * ones, newest first, then the ended overlapping ones, oldest first; each
 * once, with every reason that holds in why. The rows have no tags.
 * Returns STORE_OK, or a store error with err filled (fn has seen the rows
 * read before it). */
int history_episode_others(struct store *st, const struct episode *ep, history_other_fn fn,
                           void *arg, char *err, size_t errlen);

/* The episode the advice before a timer session is about: the ongoing one
 * (the most recently started), else the newest. STORE_NOT_FOUND when the
 * history is empty. */
int history_latest_episode(struct store *st, struct episode *out, char *err, size_t errlen);

/* The warning in force at `now` (src/warnsign.h): the checks newest first
 * until warnsign_cleared(), then the episodes, with their tags, that are
 * ongoing or started in the last WARNSIGN_RECENT_S. *out is always begun
 * at now; on a store error (returned, err filled) it holds what the rows
 * read before the error gave. Only the most recently started ongoing
 * episode counts among those older than WARNSIGN_RECENT_S. */
int history_warning(struct store *st, int64_t now, struct warnsign_state *out, char *err,
                    size_t errlen);

/* 1 when *w holds an emergency or urgent warning: home shows it first, the
 * flags command before its flags, the timer set-up as its gate. */
int history_warning_in_force(const struct warnsign_state *w);

/* The not-advice line under an emergency or urgent warning in force:
 * without "if you are worried", which would soften the instruction to act
 * now (CONTENT.md). */
#define HISTORY_NOT_ADVICE_SHORT "unknot is not medical advice."

#define HISTORY_SOURCE_LEN 128

/* What holds the warning in force, in one line of plain words, into buf
 * (at most HISTORY_SOURCE_LEN bytes are needed): "Warning sign logged:
 * numbness between the legs, episode 12, Nov 30" or "Red-flag check of
 * Nov 30 14:05"; the year follows the day when it is not the
 * year of w->now. "" when nothing is in force. */
void history_warning_source(const struct warnsign_state *w, char *buf, size_t len);

/* ---- pain readings (issue 13) ---- */
#define HISTORY_ONGOING_MAX 8 /* ongoing episodes named in a question */

/* The ids of the ongoing episodes, oldest start first: the first max into
 * ids[0 .. *n), how many there are in *total. */
int history_ongoing(struct store *st, int64_t *ids, size_t max, size_t *n, size_t *total,
                    char *err, size_t errlen);

/* Adds reading r (episode_id, taken_at, pain, source) after checking it
 * (reading_validate against now, reading_fits_episode against its
 * episode). STORE_OK with r->id set; STORE_NOT_FOUND when the episode is
 * gone; STORE_ABORTED when the reading does not fit (the reason in err);
 * another store error. */
int history_add_reading(struct store *st, struct reading *r, int64_t now, char *err,
                        size_t errlen);

/* ---- treatments (issue 13) ---- */

/* Adds treatment t (`unknot took`, `unknot did`, home m, the timer menu)
 * after checking it (treatment_validate against now): store_treatment_add
 * links it to the episode going then. STORE_OK with t->id set;
 * STORE_ABORTED when t is not valid (the reason in err); another store
 * error. */
int history_add_treatment(struct store *st, struct treatment *t, int64_t now, char *err,
                          size_t errlen);

/* The medication intake to ask "how is the pain now?" about at now
 * (treatment_followup_due): the most recently taken of those due into
 * *out, and how many are due into *due (0: none, *out untouched). STORE_OK
 * or a store error. */
int history_followup(struct store *st, int64_t now, struct treatment *out, size_t *due,
                     char *err, size_t errlen);

/* Rates intake id afterwards: pain (0..10) as its pain-after. STORE_OK
 * with *t the rated intake; STORE_NOT_FOUND when there is no treatment
 * id; STORE_ABORTED when it is not a medication or the pain is out of
 * range (the reason in err); another store error. */
int history_rate_intake(struct store *st, int64_t id, int pain, struct treatment *t, char *err,
                        size_t errlen);

/* Changes reading id to pain (0..10) and, when at is not NULL, to *at,
 * after the checks of history_add_reading. STORE_OK; STORE_NOT_FOUND when
 * the reading or its episode is gone; STORE_ABORTED when it does not fit
 * or is an episode's first reading (the reason, and the way, in err);
 * another store error. */
int history_edit_reading(struct store *st, int64_t id, int pain, const int64_t *at,
                         int64_t now, char *err, size_t errlen);

/* Feeds the n charts (each begun by the caller with chart_begin) with
 * every episode active in [from, to], with its tags and its pain readings
 * (chart_episode_*): the days' peaks are the highest readings. ep is the
 * caller's work space. Streams both, in constant memory. */
int history_chart(struct store *st, struct chart *const *charts, size_t n, int64_t from,
                  int64_t to, struct episode *ep, char *err, size_t errlen);

#endif

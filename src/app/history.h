/* history: services over the stored history that both front ends call,
 * so the CLI, the report and the TUI compute each answer one way. */
#ifndef UNKNOT_HISTORY_H
#define UNKNOT_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "db/store.h"
#include "src/episode.h"
#include "src/flags.h"

/* The flags of the whole history at `now`: every episode, oldest first,
 * fed into *out (flags_begin .. flags_end), in one pass and constant
 * memory, with their tags where flags_wants_tags asks for them. Returns STORE_OK, or a store error with err filled;
 * *out then holds what the rows read before the error gave. */
int history_flags(struct store *st, int64_t now, struct flags *out, char *err, size_t errlen);

/* The episode the advice before a timer session is about: the ongoing one
 * (the most recently started), else the newest. STORE_NOT_FOUND when the
 * history is empty. */
int history_latest_episode(struct store *st, struct episode *out, char *err, size_t errlen);

#endif

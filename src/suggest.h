/* SPDX-License-Identifier: BSD-2-Clause */
/* suggest: the word a typo most likely meant, for the "did you mean"
 * of an unknown command, option or vocabulary word. Pure: libc only.
 *
 * A word is close to what was typed when their Damerau-Levenshtein
 * distance (optimal string alignment, ASCII case ignored) is at most 2,
 * or at most 1 for a typed word of 3 characters or fewer, where a
 * distance of 2 would match nearly anything; failing that, when the typed
 * text is a prefix of exactly one word. The closest wins; between equally
 * close words, the first one offered. */
#ifndef UNKNOT_SUGGEST_H
#define UNKNOT_SUGGEST_H

#include <stddef.h>

/* Words longer than this are never suggested nor compared. */
#define SUGGEST_WORD_MAX 64

struct suggest {
    const char *typed;
    const char *best;   /* the closest word so far, or NULL */
    int best_distance;
    const char *prefix; /* the word typed is a prefix of, when only one */
    int nprefix;
};

/* The Damerau-Levenshtein (optimal string alignment) distance between a
 * and b, ASCII letters compared without case; SUGGEST_WORD_MAX + 1 when
 * either is longer than SUGGEST_WORD_MAX. */
int suggest_distance(const char *a, const char *b);

/* Starts a search for what typed meant; typed must outlive s. */
void suggest_init(struct suggest *s, const char *typed);

/* Offers one candidate word (kept by pointer: it must outlive s). A word
 * equal to typed is offered like any other. NULL is ignored. */
void suggest_add(struct suggest *s, const char *word);

/* The word to suggest, or NULL when none is close. */
const char *suggest_result(const struct suggest *s);

/* Appends "; did you mean \"WORD\"?" to the message in msg[0 .. len)
 * when s has a suggestion (cut to fit, NUL-terminated); else leaves msg
 * alone. */
void suggest_append(const struct suggest *s, char *msg, size_t len);

#endif

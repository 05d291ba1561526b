/* history: services over the stored history (flags, the latest episode). */
#include "src/app/history.h"

#include <stdio.h>
#include <stdlib.h>

int history_flags(struct store *st, int64_t now, struct flags *out, char *err, size_t errlen)
{
    /* A struct episode holds a whole note and every tag: too big for the
     * stack of a screen's callback. */
    struct episode *ep = malloc(sizeof(*ep));
    struct store_iter *it = NULL;
    int rc = ep ? store_episodes_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, 0, &it, err,
                                      errlen)
                : STORE_ERROR;
    if (!ep)
        snprintf(err, errlen, "out of memory");
    flags_begin(out, now);
    while (rc == STORE_OK && (rc = store_iter_next(it, ep, err, errlen)) == STORE_OK) {
        /* Tags only where a rule reads them: a query per row of a long
         * history would cost more than the rest of the pass. */
        rc = flags_wants_tags(out, ep) ? store_episode_tags(st, ep, err, errlen) : STORE_OK;
        if (rc == STORE_OK)
            flags_feed(out, ep);
    }
    flags_end(out);
    store_iter_free(&it);
    free(ep);
    return rc == STORE_END ? STORE_OK : rc;
}

int history_latest_episode(struct store *st, struct episode *out, char *err, size_t errlen)
{
    int rc = store_episode_ongoing(st, out, err, errlen);
    if (rc != STORE_NOT_FOUND)
        return rc;
    struct store_iter *it = NULL;
    rc = store_episodes_iter(st, INT64_MIN, INT64_MAX, STORE_NEWEST_FIRST, 0, &it, err, errlen);
    if (rc == STORE_OK) {
        rc = store_iter_next(it, out, err, errlen);
        if (rc == STORE_END)
            rc = STORE_NOT_FOUND;
    }
    store_iter_free(&it);
    return rc;
}

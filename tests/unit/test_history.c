/* SPDX-License-Identifier: BSD-2-Clause */
/* history: the services both front ends call, over a real in-memory store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/store.h"
#include "src/app/history.h"
#include "src/check.h"

#define NOW 1795000000LL
#define HOUR 3600LL
#define DAY 86400LL
#define MIN 60LL

static struct store *open_memory(void)
{
    struct store *st = NULL;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(store_open(&st, ":memory:", err, sizeof(err)), STORE_OK);
    return st;
}

/* Adds an episode started `ago` seconds before NOW, lasting `len` seconds
 * (EPISODE_ONGOING: still going). Returns its id. */
static int64_t add(struct store *st, int64_t ago, int64_t len, int intensity, enum region r)
{
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    episode_init(&ep);
    ep.started_at = NOW - ago;
    ep.ended_at = len == EPISODE_ONGOING ? EPISODE_ONGOING : NOW - ago + len;
    ep.intensity = intensity;
    ep.region = r;
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_OK);
    return ep.id;
}

static int has_flag(const struct flags *f, enum flag_kind kind)
{
    for (size_t i = 0; i < flags_count(f); i++)
        if (flags_at(f, i)->kind == kind)
            return 1;
    return 0;
}

static void test_empty_history(void **state)
{
    (void)state;
    struct store *st = open_memory();
    struct flags f;
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof(err)), STORE_OK);
    assert_int_equal(flags_count(&f), 0);
    assert_int_equal(history_latest_episode(st, &ep, err, sizeof(err)), STORE_NOT_FOUND);
    store_close(&st);
}

/* Added newest first: the service must still feed them oldest first, or
 * the recurring rule (measured from the previous episode) sees no gaps. */
static void test_flags_read_oldest_first(void **state)
{
    (void)state;
    struct store *st = open_memory();
    add(st, 2 * DAY, HOUR, 3, REGION_MID);
    add(st, 10 * DAY, HOUR, 3, REGION_LOWER);
    add(st, 20 * DAY, HOUR, 3, REGION_NECK);
    struct flags f;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof(err)), STORE_OK);
    assert_true(has_flag(&f, FLAG_RECURRING));
    assert_false(has_flag(&f, FLAG_SEVERE_NOT_EASING));
    store_close(&st);
}

static void test_flags_severe_ongoing(void **state)
{
    (void)state;
    struct store *st = open_memory();
    add(st, 4 * DAY, EPISODE_ONGOING, 8, REGION_LOWER);
    struct flags f;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof(err)), STORE_OK);
    assert_true(has_flag(&f, FLAG_SEVERE_NOT_EASING));
    /* The same history an hour after its start is not flagged. */
    assert_int_equal(history_flags(st, NOW - 4 * DAY + HOUR, &f, err, sizeof(err)), STORE_OK);
    assert_false(has_flag(&f, FLAG_SEVERE_NOT_EASING));
    store_close(&st);
}

/* Adds an hour-long episode started `ago` before NOW with one symptom. */
static int64_t add_with_symptom(struct store *st, int64_t ago, const char *symptom)
{
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    episode_init(&ep);
    ep.started_at = NOW - ago;
    ep.ended_at = NOW - ago + HOUR;
    ep.intensity = 4;
    assert_int_equal(episode_add_tag(&ep, TAG_SYMPTOM, symptom, err, sizeof(err)), 0);
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_OK);
    return ep.id;
}

/* The leg rules read symptoms: the service loads the tags of the recent
 * episodes it reads without them, and only theirs matter. */
static void test_flags_read_recent_symptoms(void **state)
{
    (void)state;
    struct store *st = open_memory();
    add_with_symptom(st, 20 * DAY, "numbness"); /* too old to flag */
    int64_t recent = add_with_symptom(st, 2 * DAY, "weakness");
    struct flags f;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_flags(st, NOW, &f, err, sizeof(err)), STORE_OK);
    assert_true(has_flag(&f, FLAG_LEG_WEAKNESS));
    assert_false(has_flag(&f, FLAG_LEG_NERVE));
    assert_int_equal(flags_at(&f, 0)->refs[0].id, recent);
    store_close(&st);
}

/* The ongoing episode wins over a newer ended one. */
static void test_latest_prefers_ongoing(void **state)
{
    (void)state;
    struct store *st = open_memory();
    int64_t ongoing = add(st, 3 * DAY, EPISODE_ONGOING, 5, REGION_LOWER);
    add(st, 1 * DAY, HOUR, 2, REGION_NECK);
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_latest_episode(st, &ep, err, sizeof(err)), STORE_OK);
    assert_int_equal(ep.id, ongoing);
    store_close(&st);
}

/* With none ongoing, the newest start wins, whatever the insertion order. */
static void test_latest_is_newest_start(void **state)
{
    (void)state;
    struct store *st = open_memory();
    add(st, 1 * DAY, HOUR, 2, REGION_NECK);
    int64_t newest = add(st, 2 * HOUR, HOUR, 4, REGION_MID);
    add(st, 5 * DAY, HOUR, 6, REGION_LOWER);
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_latest_episode(st, &ep, err, sizeof(err)), STORE_OK);
    assert_int_equal(ep.id, newest);
    assert_int_equal(ep.started_at, NOW - 2 * HOUR);
    store_close(&st);
}

/* ---- the warning in force ---------------------------------------------- */

/* Stores a check taken `ago` seconds before NOW: yes to the items in yes[]
 * (0 ends them), no to the rest up to `asked` items, the others not asked
 * (asked < REDFLAG_COUNT: a partial check). Returns its id. */
static int64_t add_check(struct store *st, int64_t ago, const int *yes, int asked)
{
    unsigned char answers[REDFLAG_COUNT];
    struct check c;
    char err[STORE_ERR_LEN] = "";
    for (int i = 0; i < REDFLAG_COUNT; i++)
        answers[i] = i < asked ? CHECK_NO : CHECK_NOT_ASKED;
    for (; *yes; yes++)
        answers[*yes - 1] = CHECK_YES;
    check_from_progress(NOW - ago, answers, &c);
    assert_int_equal(store_check_save(st, &c, err, sizeof(err)), STORE_OK);
    return c.id;
}

/* An episode started `ago` before NOW with one symptom, logged at
 * NOW - told_ago. */
static int64_t add_sign(struct store *st, int64_t ago, int64_t len, const char *symptom,
                        int64_t told_ago)
{
    struct episode *ep = malloc(sizeof(*ep));
    char err[STORE_ERR_LEN] = "";
    assert_non_null(ep);
    episode_init(ep);
    ep->started_at = NOW - ago;
    ep->ended_at = len == EPISODE_ONGOING ? EPISODE_ONGOING : NOW - ago + len;
    ep->intensity = 5;
    assert_int_equal(episode_add_tag(ep, TAG_SYMPTOM, symptom, err, sizeof(err)), 0);
    assert_int_equal(store_episode_add(st, ep, NOW - told_ago, err, sizeof(err)), STORE_OK);
    int64_t id = ep->id;
    free(ep);
    return id;
}

static struct warnsign_state warning_at(struct store *st, int64_t now)
{
    struct warnsign_state w;
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_warning(st, now, &w, err, sizeof(err)), STORE_OK);
    return w;
}

static void test_warning_none(void **state)
{
    (void)state;
    struct store *st = open_memory();
    add(st, DAY, HOUR, 4, REGION_LOWER);
    add_sign(st, 2 * DAY, HOUR, "numbness", 2 * DAY); /* a nerve symptom, not a sign */
    struct warnsign_state w = warning_at(st, NOW);
    char words[HISTORY_SOURCE_LEN] = "junk";
    assert_int_equal(w.level, REDFLAG_CLEAR);
    assert_false(history_warning_in_force(&w));
    history_warning_source(&w, words, sizeof(words));
    assert_string_equal(words, "");
    store_close(&st);
}

/* Stores a complete check with no yes, not sure about item `unsure`. */
static void add_unsure_check(struct store *st, int64_t ago, int unsure)
{
    unsigned char answers[REDFLAG_COUNT];
    struct check c;
    char err[STORE_ERR_LEN] = "";
    memset(answers, CHECK_NO, sizeof answers);
    answers[unsure - 1] = CHECK_UNSURE;
    check_from_progress(NOW - ago, answers, &c);
    assert_int_equal(store_check_save(st, &c, err, sizeof(err)), STORE_OK);
}

/* An emergency check, then a complete one with no yes: not sure about an
 * emergency or urgent item is no clear answer, and the warning stays; not
 * sure about a see-soon item does clear it. */
static void test_warning_unsure_does_not_clear(void **state)
{
    (void)state;
    static const struct {
        int unsure;
        enum redflag_level left;
    } rows[] = {
        {1, REDFLAG_EMERGENCY},  /* bladder or bowel: an emergency item */
        {13, REDFLAG_EMERGENCY}, /* leg weakness: urgent */
        {20, REDFLAG_CLEAR},     /* no better after a week: see soon */
    };
    static const int item1[] = {1, 0};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct store *st = open_memory();
        add_check(st, 2 * MIN, item1, 1);
        add_unsure_check(st, MIN, rows[i].unsure);
        struct warnsign_state w = warning_at(st, NOW);
        if (w.level != rows[i].left)
            fail_msg("not sure about item %d: level %d, wanted %d", rows[i].unsure, w.level,
                     rows[i].left);
        store_close(&st);
    }
}

/* Emergency, then "see a doctor soon" a minute later: the emergency stays. */
static void test_warning_emergency_then_see_soon(void **state)
{
    (void)state;
    struct store *st = open_memory();
    static const int item1[] = {1, 0}, item17[] = {17, 0};
    int64_t emergency = add_check(st, 2 * MIN, item1, 1); /* partial: stopped after item 1 */
    add_check(st, MIN, item17, REDFLAG_COUNT);
    struct warnsign_state w = warning_at(st, NOW);
    char words[HISTORY_SOURCE_LEN];
    assert_int_equal(w.level, REDFLAG_EMERGENCY);
    assert_true(history_warning_in_force(&w));
    assert_int_equal(w.check_id, emergency);
    assert_null(w.sign);
    history_warning_source(&w, words, sizeof(words));
    assert_string_equal(words, "Red-flag check of Nov 18 11:04");
    /* Time alone never clears it: a year on, it is still in force. */
    w = warning_at(st, NOW + 365 * DAY);
    assert_int_equal(w.level, REDFLAG_EMERGENCY);
    history_warning_source(&w, words, sizeof(words));
    assert_string_equal(words, "Red-flag check of Nov 18 2026 11:04");
    store_close(&st);
}

/* A newer complete check with no yes clears it; a partial all-no check
 * (never stored by unknot, but imported) does not. */
static void test_warning_cleared_by_complete_check(void **state)
{
    (void)state;
    struct store *st = open_memory();
    static const int item10[] = {10, 0}, none[] = {0};
    add_check(st, 3 * HOUR, item10, REDFLAG_COUNT);
    assert_int_equal(warning_at(st, NOW).level, REDFLAG_URGENT);
    add_check(st, 2 * HOUR, none, 5);
    assert_int_equal(warning_at(st, NOW).level, REDFLAG_URGENT);
    add_check(st, HOUR, none, REDFLAG_COUNT);
    assert_int_equal(warning_at(st, NOW).level, REDFLAG_CLEAR);
    store_close(&st);
}

/* A warning sign logged: in force while ongoing or started in the last 7
 * days, until a complete check with no yes taken after it was logged. */
static void test_warning_sign_logged(void **state)
{
    (void)state;
    struct store *st = open_memory();
    static const int none[] = {0};
    int64_t id = add_sign(st, 3 * DAY, HOUR, "saddle-numbness", 3 * DAY);
    struct warnsign_state w = warning_at(st, NOW);
    char words[HISTORY_SOURCE_LEN];
    assert_int_equal(w.level, REDFLAG_EMERGENCY);
    assert_int_equal(w.episode_id, id);
    assert_string_equal(w.sign->code, "saddle-numbness");
    history_warning_source(&w, words, sizeof(words));
    assert_string_equal(words, "Warning sign logged: numbness between the legs, episode 1, Nov 15");
    /* Eight days after its start, ended: no longer in force. */
    assert_int_equal(warning_at(st, NOW + 5 * DAY).level, REDFLAG_CLEAR);
    /* A complete check with no yes taken after it clears it. */
    add_check(st, DAY, none, REDFLAG_COUNT);
    assert_int_equal(warning_at(st, NOW).level, REDFLAG_CLEAR);
    /* A sign logged after that check is in force again. */
    add_sign(st, HOUR, EPISODE_ONGOING, "weakness", HOUR);
    w = warning_at(st, NOW);
    assert_int_equal(w.level, REDFLAG_URGENT);
    assert_string_equal(w.sign->code, "weakness");
    store_close(&st);
}

/* An ongoing episode older than the 7-day window still holds its sign. */
static void test_warning_old_ongoing_sign(void **state)
{
    (void)state;
    struct store *st = open_memory();
    int64_t id = add_sign(st, 20 * DAY, EPISODE_ONGOING, "bladder-bowel", 20 * DAY);
    add(st, DAY, HOUR, 3, REGION_LOWER);
    struct warnsign_state w = warning_at(st, NOW);
    assert_int_equal(w.level, REDFLAG_EMERGENCY);
    assert_int_equal(w.episode_id, id);
    store_close(&st);
}

/* A forgotten ongoing episode with a sign keeps it in force although a
 * newer ongoing episode (without one) started after it. */
static void test_warning_every_ongoing_sign(void **state)
{
    (void)state;
    struct store *st = open_memory();
    int64_t id = add_sign(st, 20 * DAY, EPISODE_ONGOING, "saddle-numbness", 20 * DAY);
    add(st, 10 * DAY, EPISODE_ONGOING, 4, REGION_NECK);
    add(st, 9 * DAY, EPISODE_ONGOING, 3, REGION_MID);
    struct warnsign_state w = warning_at(st, NOW);
    assert_int_equal(w.level, REDFLAG_EMERGENCY);
    assert_int_equal(w.episode_id, id);
    store_close(&st);
}

/* history_edit_reading, case by case on one ongoing episode started 3 h
 * ago (its first reading 7) with a reading of 5 an hour ago: what it
 * returns and the reading afterwards. */
static void test_edit_reading(void **state)
{
    (void)state;
    static const struct {
        int first; /* edit the episode's first reading */
        int pain;
        int64_t at_ago; /* -1: keep the time */
        int want_rc, want_pain;
        int64_t want_ago;
        const char *want_err;
    } cases[] = {
        {0, 4, -1, STORE_OK, 4, HOUR, NULL},
        {0, 3, 30 * MIN, STORE_OK, 3, 30 * MIN, NULL},
        {0, 3, 4 * HOUR, STORE_ABORTED, 5, HOUR, "cannot be earlier"},
        {0, 3, -2 * HOUR, STORE_ABORTED, 5, HOUR, NULL}, /* in the future */
        {0, 11, -1, STORE_ABORTED, 5, HOUR, NULL},
        {1, 2, -1, STORE_ABORTED, 7, 3 * HOUR, "unknot edit 1 -i N"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct store *st = open_memory();
        char err[STORE_ERR_LEN] = "";
        int64_t ep = add(st, 3 * HOUR, EPISODE_ONGOING, 7, REGION_LOWER);
        struct reading r = {.episode_id = ep, .taken_at = NOW - HOUR, .pain = 5,
                            .source = READING_CLI};
        assert_int_equal(history_add_reading(st, &r, NOW, err, sizeof err), STORE_OK);
        int64_t id = cases[i].first ? 1 : r.id, at = NOW - cases[i].at_ago;
        int rc = history_edit_reading(st, id, cases[i].pain, cases[i].at_ago == -1 ? NULL : &at,
                                      NOW, err, sizeof err);
        assert_int_equal(rc, cases[i].want_rc);
        if (cases[i].want_err)
            assert_non_null(strstr(err, cases[i].want_err));
        assert_int_equal(store_reading_get(st, id, &r, err, sizeof err), STORE_OK);
        assert_int_equal(r.pain, cases[i].want_pain);
        assert_int_equal(r.taken_at, NOW - cases[i].want_ago);
        store_close(&st);
    }
    struct store *st = open_memory();
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_edit_reading(st, 9, 3, NULL, NOW, err, sizeof err), STORE_NOT_FOUND);
    store_close(&st);
}

/* ---- the fast flags against the full pass ----
 * history_flags reads the long look back from an index and restores the
 * start order itself; history_flags_full reads every row whole. On every
 * history below, at several instants, both give the same flags, byte for
 * byte. */

/* One episode of a made-up history: hours before NOW, length in hours
 * (-1: ongoing), its rating, region and symptom (NULL: none), and a later
 * pain reading (-1: none) an hour in. */
struct spec {
    int64_t ago_h, len_h;
    int intensity;
    enum region region;
    const char *symptom;
    int pain_after;
};

static void add_spec(struct store *st, const struct spec *sp)
{
    struct episode ep;
    char err[STORE_ERR_LEN] = "";
    episode_init(&ep);
    ep.started_at = NOW - sp->ago_h * HOUR;
    ep.ended_at = sp->len_h < 0 ? EPISODE_ONGOING : ep.started_at + sp->len_h * HOUR;
    ep.intensity = sp->intensity;
    ep.region = sp->region;
    if (sp->symptom)
        assert_int_equal(episode_add_tag(&ep, TAG_SYMPTOM, sp->symptom, err, sizeof(err)), 0);
    assert_int_equal(store_episode_add(st, &ep, NOW, err, sizeof(err)), STORE_OK);
    if (sp->pain_after < 0 || (sp->len_h >= 0 && sp->len_h < 2))
        return;
    struct reading r = {.episode_id = ep.id, .taken_at = ep.started_at + HOUR,
                        .pain = sp->pain_after, .source = READING_CLI};
    assert_int_equal(store_reading_add(st, &r, NOW, err, sizeof(err)), STORE_OK);
}

/* Both passes at now; fails with the first difference. */
static void assert_same_flags(struct store *st, int64_t now, const char *what)
{
    static struct flags fast, full; /* large */
    char err[STORE_ERR_LEN] = "";
    assert_int_equal(history_flags(st, now, &fast, err, sizeof(err)), STORE_OK);
    assert_int_equal(history_flags_full(st, now, &full, err, sizeof(err)), STORE_OK);
    if (flags_count(&fast) != flags_count(&full))
        fail_msg("%s, now-%lldh: %zu flags fast, %zu full", what, (long long)((NOW - now) / HOUR),
                 flags_count(&fast), flags_count(&full));
    for (size_t i = 0; i < flags_count(&full); i++)
        if (memcmp(flags_at(&fast, i), flags_at(&full, i), sizeof(struct flag)) != 0)
            fail_msg("%s, now-%lldh: flag %zu differs: \"%s\" (%zu episodes) against \"%s\" "
                     "(%zu)",
                     what, (long long)((NOW - now) / HOUR), i, flags_at(&fast, i)->title,
                     flags_at(&fast, i)->total, flags_at(&full, i)->title,
                     flags_at(&full, i)->total);
}

#define D24(d) ((d) * 24)
#define ENDLESS (-1)

/* A daily spasm for `days` days, from `from_d` days ago, of len_h hours. */
static void add_daily(struct store *st, int64_t from_d, int64_t days, int64_t len_h)
{
    for (int64_t d = 0; d < days; d++) {
        struct spec sp = {D24(from_d - d), len_h, 3 + (int)(d % 7), (enum region)(d % REGION_COUNT),
                          d % 11 == 0 ? "numbness" : NULL, d % 5 == 0 ? 2 : -1};
        add_spec(st, &sp);
    }
}

/* A deterministic random history: n episodes over the last `span_d` days,
 * some long, a few ongoing, some with symptoms, some sharing a start. */
static void add_random(struct store *st, unsigned seed, int n, int64_t span_d)
{
    static const char *const symptoms[] = {NULL, NULL, NULL, "numbness", "weakness",
                                           "below-knee", "radiating-leg"};
    unsigned x = seed;
    int64_t prev = 0;
    for (int i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        int64_t ago = (x >> 8) % (unsigned)D24(span_d);
        if ((x >> 4) % 9 == 0)
            ago = prev; /* the same start as the one before */
        prev = ago;
        int64_t len = (x >> 12) % 13 == 0 ? (int64_t)((x >> 16) % 900) : (int64_t)((x >> 16) % 9);
        if ((x >> 20) % 40 == 0 || len > ago)
            len = ENDLESS;
        struct spec sp = {ago, len, (int)((x >> 3) % 11), (enum region)((x >> 7) % REGION_COUNT),
                          symptoms[(x >> 24) % 7], (int)((x >> 5) % 13) - 2};
        add_spec(st, &sp);
    }
}

enum history_kind {
    H_EMPTY,
    H_SPECS,      /* the specs of the case */
    H_DAILY,      /* daily spasms, one long spell */
    H_NESTED_MANY, /* more spans inside one episode than the fast pass holds back */
    H_OLD_ONGOING_MANY, /* more forgotten ongoing episodes than it reads whole */
    H_RANDOM,
};

static const struct {
    const char *what;
    enum history_kind kind;
    unsigned seed;
    struct spec specs[8];
} flag_cases[] = {
    {"empty", H_EMPTY, 0, {{0}}},
    {"one ongoing with weakness", H_SPECS, 0, {{3, ENDLESS, 8, REGION_LOWER, "weakness", 9}}},
    {"old nested episodes",
     H_SPECS,
     0,
     {{D24(200), D24(10), 6, REGION_MID, NULL, 5},
      {D24(198), 3, 4, REGION_MID, "numbness", -1},
      {D24(196), 30, 9, REGION_NECK, NULL, 8},
      {D24(195), 2, 2, REGION_LOWER, NULL, -1},
      {D24(60), D24(2), 7, REGION_UPPER, NULL, 7}}},
    {"ties at one start",
     H_SPECS,
     0,
     {{D24(90), 5, 3, REGION_LOWER, NULL, -1},
      {D24(90), 1, 4, REGION_MID, NULL, -1},
      {D24(90), 48, 8, REGION_NECK, NULL, 8},
      {D24(89), 2, 5, REGION_LOWER, NULL, -1},
      {D24(2), 2, 5, REGION_LOWER, NULL, -1}}},
    {"a forgotten ongoing episode among old ones",
     H_SPECS,
     0,
     {{D24(100), 4, 3, REGION_LOWER, NULL, -1},
      {D24(95), ENDLESS, 6, REGION_MID, "weakness", 8},
      {D24(94), 6, 5, REGION_NECK, NULL, -1},
      {D24(40), 6, 5, REGION_NECK, NULL, -1},
      {D24(10), 6, 5, REGION_NECK, NULL, -1}}},
    {"a long episode from before the cut, ended yesterday",
     H_SPECS,
     0,
     {{D24(45), D24(44), 9, REGION_LOWER, NULL, -1},
      {D24(40), 3, 2, REGION_MID, NULL, -1},
      {D24(20), 3, 2, REGION_MID, NULL, -1},
      {D24(5), 3, 2, REGION_MID, "below-knee", -1}}},
    {"around the cut: 30 and 7 days",
     H_SPECS,
     0,
     {{D24(31), 30, 5, REGION_UPPER, NULL, -1},
      {D24(30), 2, 5, REGION_UPPER, NULL, -1},
      {D24(29), 2, 5, REGION_UPPER, NULL, -1},
      {D24(8), 30, 6, REGION_UPPER, "numbness", -1},
      {D24(7), 1, 6, REGION_LOWER, "weakness", -1},
      {D24(6), 1, 6, REGION_LOWER, NULL, 3}}},
    {"daily for 120 days", H_DAILY, 0, {{0}}},
    {"nested beyond what is held back", H_NESTED_MANY, 0, {{0}}},
    {"many forgotten ongoing episodes", H_OLD_ONGOING_MANY, 0, {{0}}},
    {"random 1", H_RANDOM, 1, {{0}}},
    {"random 2", H_RANDOM, 2, {{0}}},
    {"random 3", H_RANDOM, 3, {{0}}},
    {"random 4", H_RANDOM, 4, {{0}}},
};

static void build_history(struct store *st, size_t c)
{
    switch (flag_cases[c].kind) {
    case H_EMPTY: break;
    case H_SPECS:
        for (size_t i = 0; i < 8 && flag_cases[c].specs[i].intensity; i++)
            add_spec(st, &flag_cases[c].specs[i]);
        break;
    case H_DAILY: add_daily(st, 120, 120, 5); break;
    case H_NESTED_MANY: {
        struct spec outer = {D24(150), D24(60), 5, REGION_LOWER, NULL, 6};
        add_spec(st, &outer);
        add_daily(st, 149, 50, 2); /* 50 ended inside it, before it ends */
        add_daily(st, 20, 20, 3);
        break;
    }
    case H_OLD_ONGOING_MANY:
        for (int i = 0; i < 6; i++) {
            struct spec sp = {D24(200 - 20 * i), ENDLESS, 4 + i, REGION_NECK, NULL, -1};
            add_spec(st, &sp);
        }
        add_daily(st, 150, 100, 4);
        break;
    case H_RANDOM: add_random(st, flag_cases[c].seed, 400, 500); break;
    }
}

static void test_flags_fast_same_as_full(void **state)
{
    (void)state;
    static const int64_t nows_h[] = {0, 5, D24(3), D24(29), D24(45), D24(100)};
    for (size_t c = 0; c < sizeof flag_cases / sizeof flag_cases[0]; c++) {
        struct store *st = open_memory();
        build_history(st, c);
        for (size_t n = 0; n < sizeof nows_h / sizeof nows_h[0]; n++)
            assert_same_flags(st, NOW - nows_h[n] * HOUR, flag_cases[c].what);
        store_close(&st);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_history),
        cmocka_unit_test(test_flags_read_oldest_first),
        cmocka_unit_test(test_flags_severe_ongoing),
        cmocka_unit_test(test_flags_read_recent_symptoms),
        cmocka_unit_test(test_flags_fast_same_as_full),
        cmocka_unit_test(test_latest_prefers_ongoing),
        cmocka_unit_test(test_latest_is_newest_start),
        cmocka_unit_test(test_warning_none),
        cmocka_unit_test(test_warning_emergency_then_see_soon),
        cmocka_unit_test(test_warning_unsure_does_not_clear),
        cmocka_unit_test(test_warning_cleared_by_complete_check),
        cmocka_unit_test(test_warning_sign_logged),
        cmocka_unit_test(test_warning_old_ongoing_sign),
        cmocka_unit_test(test_warning_every_ongoing_sign),
        cmocka_unit_test(test_edit_reading),
    };
    setenv("TZ", "UTC", 1); /* the dates in the words are local */
    tzset();
    return cmocka_run_group_tests(tests, NULL, NULL);
}

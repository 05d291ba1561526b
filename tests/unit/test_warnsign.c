/* SPDX-License-Identifier: BSD-2-Clause */
/* warnsign: the warning-sign symptoms, their levels and items (CONTENT.md),
 * and which warning is in force after checks and logged signs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "src/warnsign.h"

#define NOW 1795000000LL
#define HOUR 3600LL
#define DAY 86400LL

/* CONTENT.md "Warning signs logged as symptoms", by hand. */
static void test_levels_and_items(void **state)
{
    static const struct {
        const char *code;
        int item;
        enum redflag_level level;
    } rows[] = {
        {"bladder-bowel", 1, REDFLAG_EMERGENCY}, {"saddle-numbness", 2, REDFLAG_EMERGENCY},
        {"both-legs", 3, REDFLAG_EMERGENCY},     {"fever", 7, REDFLAG_EMERGENCY},
        {"arm-hand", 14, REDFLAG_URGENT},        {"weakness", 13, REDFLAG_URGENT},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct warnsign *w = warnsign_of_symptom(rows[i].code);
        assert_non_null(w);
        assert_int_equal(w->item, rows[i].item);
        assert_int_equal(w->level, rows[i].level);
        /* the sign ranks as its checklist item does */
        assert_int_equal(redflags_item(w->item)->level, w->level);
        /* and is a word of the log's symptom vocabulary */
        char out[EPISODE_TAG_MAX + 1], err[160];
        assert_int_equal(tag_normalize(TAG_SYMPTOM, rows[i].code, out, sizeof out, err,
                                       sizeof err), 0);
        assert_string_equal(out, rows[i].code);
    }
    assert_null(warnsign_of_symptom("stiffness"));
    assert_null(warnsign_of_symptom("numbness"));
    assert_null(warnsign_of_symptom(""));
}

static void add_symptom(struct episode *ep, const char *code)
{
    char err[160];
    assert_int_equal(episode_add_tag(ep, TAG_SYMPTOM, code, err, sizeof err), 0);
}

static void episode_at(struct episode *ep, int64_t id, int64_t ago, int ongoing)
{
    episode_init(ep);
    ep->id = id;
    ep->started_at = NOW - ago;
    ep->ended_at = ongoing ? EPISODE_ONGOING : NOW - ago + HOUR;
    ep->created_at = ep->updated_at = NOW - ago;
}

static void test_worst_sign_of_episode(void **state)
{
    struct episode ep;
    (void)state;
    episode_at(&ep, 1, HOUR, 1);
    add_symptom(&ep, "stiffness");
    assert_null(warnsign_of_episode(&ep));
    add_symptom(&ep, "weakness");
    assert_string_equal(warnsign_of_episode(&ep)->code, "weakness");
    add_symptom(&ep, "saddle-numbness");
    assert_string_equal(warnsign_of_episode(&ep)->code, "saddle-numbness");
    add_symptom(&ep, "arm-hand");
    assert_int_equal(warnsign_of_episode(&ep)->level, REDFLAG_EMERGENCY);
}

static void test_nerve_symptoms_prompt(void **state)
{
    static const struct {
        const char *code;
        int prompts;
    } rows[] = {
        {"numbness", 1}, {"radiating-leg", 1}, {"below-knee", 1},
        {"stiffness", 0}, {"radiating-buttock", 0}, {"sleep", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct episode ep;
        episode_at(&ep, 1, HOUR, 1);
        add_symptom(&ep, rows[i].code);
        if (warnsign_prompts_checklist(&ep) != rows[i].prompts)
            fail_msg("%s: prompts %d", rows[i].code, !rows[i].prompts);
    }
}

/* A symptom in the patient's own words that may describe a warning sign
 * prompts the checklist (it cannot say which sign, so no verdict): word
 * beginnings, any case; other kinds of tag and other words do not. */
static void test_own_words_prompt(void **state)
{
    static const struct {
        enum tag_kind kind;
        const char *text;
        int prompts;
    } rows[] = {
        {TAG_SYMPTOM, "other:my groin feels numb", 1},
        {TAG_SYMPTOM, "other:can't hold my Bladder", 1},
        {TAG_SYMPTOM, "other:leaking urine", 1},
        {TAG_SYMPTOM, "other:pins and needles in both feet", 1},
        {TAG_SYMPTOM, "other:Weakness when climbing", 1},
        {TAG_SYMPTOM, "other:fever last night", 1},
        {TAG_SYMPTOM, "other:shivering, chills", 1},
        {TAG_SYMPTOM, "other:hurts in both legs", 1},
        {TAG_SYMPTOM, "other:both my legs feel heavy", 1},
        {TAG_SYMPTOM, "other:leaking when I cough", 1},
        {TAG_SYMPTOM, "other:could not wee", 1},
        {TAG_SYMPTOM, "other:numb when wiping, toilet", 1},
        {TAG_SYMPTOM, "other:tight for a week now", 0}, /* "wee" whole only */
        {TAG_SYMPTOM, "other:sweet pain", 0},
        {TAG_SYMPTOM, "other:pins in my toes", 1},
        {TAG_SYMPTOM, "other:spinster's stoop", 0}, /* "pins" whole only */
        {TAG_SYMPTOM, "other:warm and tight", 0},    /* "arm" is not a word start here */
        {TAG_SYMPTOM, "other:cramp in the calf", 0},
        {TAG_SYMPTOM, "other:unnumbered", 0},         /* "numb" inside a word */
        {TAG_TRIGGER, "other:numb from the cold", 0}, /* a trigger is not a symptom */
        {TAG_SYMPTOM, "stiffness", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct episode ep;
        char buf[256] = "";
        episode_at(&ep, 1, HOUR, 1);
        ep.tags[ep.ntags].kind = rows[i].kind;
        snprintf(ep.tags[ep.ntags].text, sizeof ep.tags[ep.ntags].text, "%s", rows[i].text);
        ep.ntags++;
        if (warnsign_prompts_checklist(&ep) != rows[i].prompts)
            fail_msg("\"%s\": prompts %d", rows[i].text, !rows[i].prompts);
        assert_int_equal(warnsign_prompt_text(NULL, &ep, "c", buf, sizeof buf), rows[i].prompts);
        assert_null(warnsign_of_episode(&ep)); /* never a verdict of its own */
        if (rows[i].prompts) {
            char want[200];
            snprintf(want, sizeof want, "Your words \"%s\" may describe a warning sign: take "
                     "the red-flag checklist now (c).", rows[i].text + 6);
            assert_string_equal(buf, want);
        }
    }
    /* With a nerve code and own words the words are said (they may be the more urgent). */
    struct episode ep;
    char buf[256];
    episode_at(&ep, 1, HOUR, 1);
    add_symptom(&ep, "numbness");
    assert_int_equal(warnsign_prompt_text(NULL, &ep, "c", buf, sizeof buf), 1);
    assert_string_equal(buf, "Numbness, tingling or leg pain: take the red-flag checklist now (c).");
    add_symptom(&ep, "other:wet myself, bladder");
    assert_int_equal(warnsign_prompt_text(NULL, &ep, "c", buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "Your words \"wet myself, bladder\""));
    /* An edit: own words new to an episode that prompted already are said;
     * the same words again are not. */
    struct episode before, after;
    episode_at(&before, 2, HOUR, 1);
    add_symptom(&before, "numbness");
    after = before;
    assert_int_equal(warnsign_prompt_text(&before, &after, "c", buf, sizeof buf), 0);
    add_symptom(&after, "other:leaking urine since this morning");
    assert_int_equal(warnsign_prompt_text(&before, &after, "c", buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "\"leaking urine since this morning\""));
    assert_int_equal(warnsign_prompt_added(&before, &after), 1);
    assert_int_equal(warnsign_prompt_text(&after, &after, "c", buf, sizeof buf), 0);
    /* The longest own words are quoted whole. */
    char long_words[EPISODE_TAG_MAX + 1] = "other:bladder ";
    while (strlen(long_words) < EPISODE_TAG_MAX)
        strcat(long_words, "x");
    struct episode big;
    char room[WARNSIGN_PROMPT_LEN];
    episode_at(&big, 3, HOUR, 1);
    add_symptom(&big, long_words);
    assert_int_equal(warnsign_prompt_text(NULL, &big, "unknot check", room, sizeof room), 1);
    assert_non_null(strstr(room, long_words + 6));
    assert_non_null(strstr(room, "(unknot check)."));
}

/* Saving tells of a sign only when it is new: a new episode's every sign,
 * an edit's signs that the stored episode lacked; then the most serious
 * sign of the episode (its advice is the one due). */
static void test_sign_added(void **state)
{
    struct episode before, after;
    (void)state;
    episode_at(&before, 1, HOUR, 1);
    add_symptom(&before, "stiffness");
    after = before;
    assert_null(warnsign_added(NULL, &after));
    assert_null(warnsign_added(&before, &after));
    add_symptom(&after, "weakness");
    assert_string_equal(warnsign_added(NULL, &after)->code, "weakness");
    assert_string_equal(warnsign_added(&before, &after)->code, "weakness");
    /* An edit that keeps the sign (the intensity changed) tells nothing new. */
    before = after;
    after.intensity = 8;
    assert_null(warnsign_added(&before, &after));
    /* A new urgent sign next to a stored emergency: the emergency's advice. */
    add_symptom(&before, "saddle-numbness");
    after = before;
    assert_null(warnsign_added(&before, &after));
    add_symptom(&after, "arm-hand");
    assert_string_equal(warnsign_added(&before, &after)->code, "saddle-numbness");
    /* A removed sign is not an added one. */
    episode_clear_tags(&after, TAG_SYMPTOM);
    add_symptom(&after, "stiffness");
    assert_null(warnsign_added(&before, &after));
    /* The checklist prompt: new to the episode, or not at all. */
    assert_int_equal(warnsign_prompt_added(NULL, &after), 0);
    add_symptom(&after, "below-knee");
    assert_int_equal(warnsign_prompt_added(NULL, &after), 1);
    assert_int_equal(warnsign_prompt_added(&before, &after), 1);
    before = after;
    add_symptom(&after, "numbness");
    assert_int_equal(warnsign_prompt_added(&before, &after), 0);
}

/* Checks newest first; each row: verdict, complete, hours ago. */
struct chk {
    enum redflag_level verdict;
    int complete;
    int64_t hours_ago;
};

static enum redflag_level in_force(const struct chk *checks, size_t n, int64_t *source_id)
{
    struct warnsign_state s;
    warnsign_begin(&s, NOW);
    for (size_t i = 0; i < n && !warnsign_cleared(&s); i++) {
        struct warnsign_check c = {(int64_t)i + 1, NOW - checks[i].hours_ago * HOUR,
                                   checks[i].verdict, checks[i].complete};
        warnsign_feed_check(&s, &c);
    }
    *source_id = s.check_id;
    return s.level;
}

static void test_verdict_in_force(void **state)
{
    static const struct {
        const char *what;
        struct chk checks[4];
        size_t n;
        enum redflag_level want;
        int64_t source;
    } rows[] = {
        {"no checks", {{0}}, 0, REDFLAG_CLEAR, 0},
        {"emergency, then see soon a minute later: the emergency stays",
         {{REDFLAG_SEE_DOCTOR, 1, 0}, {REDFLAG_EMERGENCY, 1, 1}}, 2, REDFLAG_EMERGENCY, 2},
        {"a partial emergency stays",
         {{REDFLAG_EMERGENCY, 0, 1}}, 1, REDFLAG_EMERGENCY, 1},
        {"a newer complete check with no yes clears it",
         {{REDFLAG_CLEAR, 1, 0}, {REDFLAG_EMERGENCY, 1, 5}}, 2, REDFLAG_CLEAR, 0},
        {"a partial check with no yes does not clear (never stored anyway)",
         {{REDFLAG_CLEAR, 0, 0}, {REDFLAG_URGENT, 1, 5}}, 2, REDFLAG_URGENT, 2},
        {"time alone never clears: 400 days",
         {{REDFLAG_URGENT, 1, 400 * 24}}, 1, REDFLAG_URGENT, 1},
        {"urgent then emergency then clear, newest first",
         {{REDFLAG_URGENT, 1, 1}, {REDFLAG_EMERGENCY, 0, 2}, {REDFLAG_CLEAR, 1, 3}}, 3,
         REDFLAG_EMERGENCY, 2},
        {"older than the clearing check do not count",
         {{REDFLAG_SEE_DOCTOR, 1, 1}, {REDFLAG_CLEAR, 1, 2}, {REDFLAG_EMERGENCY, 1, 3}}, 3,
         REDFLAG_CLEAR, 0},
        {"see soon alone is not a warning in force",
         {{REDFLAG_SEE_DOCTOR, 1, 1}}, 1, REDFLAG_CLEAR, 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int64_t src = -1;
        enum redflag_level got = in_force(rows[i].checks, rows[i].n, &src);
        if (got != rows[i].want || src != rows[i].source)
            fail_msg("%s: got %s from check %lld", rows[i].what, redflag_level_code(got),
                     (long long)src);
    }
}

static void test_logged_sign_in_force(void **state)
{
    struct warnsign_state s;
    struct episode ep;
    (void)state;

    /* ongoing, with saddle numbness, logged 10 days ago: in force */
    episode_at(&ep, 12, 10 * DAY, 1);
    add_symptom(&ep, "saddle-numbness");
    warnsign_begin(&s, NOW);
    warnsign_feed_episode(&s, &ep);
    assert_int_equal(s.level, REDFLAG_EMERGENCY);
    assert_int_equal(s.episode_id, 12);
    assert_string_equal(s.sign->words, "numbness between the legs");

    /* ended, started 7 days + 1 s ago: no longer; exactly 7 days: still */
    episode_at(&ep, 13, WARNSIGN_RECENT_S + 1, 0);
    add_symptom(&ep, "weakness");
    warnsign_begin(&s, NOW);
    warnsign_feed_episode(&s, &ep);
    assert_int_equal(s.level, REDFLAG_CLEAR);
    episode_at(&ep, 13, WARNSIGN_RECENT_S, 0);
    add_symptom(&ep, "weakness");
    warnsign_begin(&s, NOW);
    warnsign_feed_episode(&s, &ep);
    assert_int_equal(s.level, REDFLAG_URGENT);

    /* a complete no-yes check after it was logged clears it; one before does not */
    struct warnsign_check clean = {5, NOW - HOUR, REDFLAG_CLEAR, 1};
    episode_at(&ep, 14, 2 * HOUR, 1);
    add_symptom(&ep, "bladder-bowel");
    warnsign_begin(&s, NOW);
    warnsign_feed_check(&s, &clean);
    warnsign_feed_episode(&s, &ep);
    assert_int_equal(s.level, REDFLAG_CLEAR);
    ep.updated_at = NOW - 30; /* edited after the check: told again */
    warnsign_begin(&s, NOW);
    warnsign_feed_check(&s, &clean);
    warnsign_feed_episode(&s, &ep);
    assert_int_equal(s.level, REDFLAG_EMERGENCY);
}

/* A logged emergency sign outranks an urgent check; an urgent sign does
 * not hide an emergency check. */
static void test_sign_and_check_together(void **state)
{
    struct warnsign_state s;
    struct episode ep;
    struct warnsign_check urgent = {3, NOW - HOUR, REDFLAG_URGENT, 1};
    struct warnsign_check emergency = {4, NOW - HOUR, REDFLAG_EMERGENCY, 0};
    (void)state;
    episode_at(&ep, 20, 2 * HOUR, 1);
    add_symptom(&ep, "fever");
    warnsign_begin(&s, NOW);
    warnsign_feed_check(&s, &urgent);
    warnsign_feed_episode(&s, &ep);
    assert_int_equal(s.level, REDFLAG_EMERGENCY);
    assert_int_equal(s.episode_id, 20);

    episode_at(&ep, 21, 2 * HOUR, 1);
    add_symptom(&ep, "arm-hand");
    warnsign_begin(&s, NOW);
    warnsign_feed_check(&s, &emergency);
    warnsign_feed_episode(&s, &ep);
    assert_int_equal(s.level, REDFLAG_EMERGENCY);
    assert_int_equal(s.check_id, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels_and_items),
        cmocka_unit_test(test_worst_sign_of_episode),
        cmocka_unit_test(test_nerve_symptoms_prompt),
        cmocka_unit_test(test_own_words_prompt),
        cmocka_unit_test(test_sign_added),
        cmocka_unit_test(test_verdict_in_force),
        cmocka_unit_test(test_logged_sign_in_force),
        cmocka_unit_test(test_sign_and_check_together),
    };
    return cmocka_run_group_tests_name("warnsign", tests, NULL, NULL);
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* episode_text: the wording `unknot show` / `list` and the TUI share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "src/episode_text.h"

#define T0 1795000000LL /* 2026-11-18 11:06:40 UTC, any fixed instant */

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static struct episode make(const char *const *tags, size_t ntags)
{
    struct episode ep;
    char err[256];
    episode_init(&ep);
    for (size_t i = 0; i < ntags; i += 2) {
        enum tag_kind k;
        assert_int_equal(tag_kind_parse(tags[i], &k), 0);
        assert_int_equal(episode_add_tag(&ep, k, tags[i + 1], err, sizeof(err)), 0);
    }
    return ep;
}

static void test_tags(void **state)
{
    (void)state;
    static const struct {
        const char *tags[8];
        size_t ntags; /* strings in tags: kind, text, kind, text ... */
        enum tag_kind kind;
        size_t len;
        const char *want;
    } cases[] = {
        {{NULL}, 0, TAG_TRIGGER, 64, "-"},
        {{"symptom", "knot"}, 2, TAG_TRIGGER, 64, "-"},
        {{"trigger", "lifting", "trigger", "stress"}, 4, TAG_TRIGGER, 64, "lifting, stress"},
        {{"trigger", "bending", "symptom", "knot"}, 4, TAG_SYMPTOM, 64, "knot or hard muscle"},
        {{"trigger", "other:the dog", "trigger", "cold"}, 4, TAG_TRIGGER, 64,
         "the dog, cold exposure"},
        {{"medication", "Ibuprofen 400"}, 2, TAG_MEDICATION, 64, "Ibuprofen 400"},
        /* A label that does not fit whole is left out, with the rest. */
        {{"trigger", "lifting", "trigger", "bending"}, 4, TAG_TRIGGER, 20, "lifting"},
        {{"trigger", "lifting", "trigger", "stress"}, 4, TAG_TRIGGER, 16, "lifting, stress"},
        {{"trigger", "lifting", "trigger", "stress"}, 4, TAG_TRIGGER, 15, "lifting"},
        {{"trigger", "bending"}, 2, TAG_TRIGGER, 8, "-"},
    };
    for (size_t i = 0; i < N_OF(cases); i++) {
        struct episode ep = make(cases[i].tags, cases[i].ntags);
        char buf[64];
        episode_text_tags(&ep, cases[i].kind, buf, cases[i].len);
        assert_string_equal(buf, cases[i].want);
    }
}

/* Every tag an episode can hold fits in EPISODE_TEXT_TAGS_MAX: the CLI
 * never drops one. */
static void test_tags_all_fit(void **state)
{
    (void)state;
    static struct episode ep;
    static char buf[EPISODE_TEXT_TAGS_MAX];
    char err[256], text[EPISODE_TAG_MAX + 1];
    episode_init(&ep);
    for (int i = 0; i < EPISODE_MAX_TAGS; i++) {
        memset(text, 'a' + i % 26, EPISODE_TAG_MAX);
        /* a distinct 3-digit prefix per tag (i < 48), then the filler */
        text[0] = (char)('0' + i / 100);
        text[1] = (char)('0' + i / 10 % 10);
        text[2] = (char)('0' + i % 10);
        text[3] = 'x';
        text[EPISODE_TAG_MAX] = '\0';
        assert_int_equal(episode_add_tag(&ep, TAG_MEDICATION, text, err, sizeof(err)), 0);
    }
    episode_text_tags(&ep, TAG_MEDICATION, buf, sizeof(buf));
    assert_int_equal(strlen(buf), EPISODE_MAX_TAGS * EPISODE_TAG_MAX + (EPISODE_MAX_TAGS - 1) * 2);
    assert_memory_equal(buf + strlen(buf) - EPISODE_TAG_MAX, "047x", 4);
}

static void test_where(void **state)
{
    (void)state;
    static const struct { enum region r; enum side s; const char *want; } cases[] = {
        {REGION_LOWER, SIDE_UNSET, "lower back"},
        {REGION_LOWER, SIDE_LEFT, "lower back, left"},
        {REGION_NECK, SIDE_BOTH, "neck, both"},
        {REGION_MID, SIDE_CENTER, "mid back, center"},
    };
    for (size_t i = 0; i < N_OF(cases); i++) {
        char buf[EPISODE_TEXT_WHERE_MAX];
        episode_text_where(cases[i].r, cases[i].s, buf, sizeof(buf));
        assert_string_equal(buf, cases[i].want);
    }
}

static void test_duration_and_level(void **state)
{
    (void)state;
    static const struct { int64_t start, end; const char *want; } durs[] = {
        {T0, EPISODE_ONGOING, "ongoing"},
        {T0, T0 + 7200, "2h"},
        {T0, T0 + 1800, "30m"},
        {T0, T0 + 5400, "1h30m"},
    };
    for (size_t i = 0; i < N_OF(durs); i++) {
        char buf[EPISODE_TEXT_DUR_MAX];
        episode_text_duration(durs[i].start, durs[i].end, buf, sizeof(buf));
        assert_string_equal(buf, durs[i].want);
    }
    static const struct { int level; const char *want; } levels[] = {
        {0, " 0 none"}, {3, " 3 mild"}, {6, " 6 moderate"}, {10, "10 severe"},
    };
    for (size_t i = 0; i < N_OF(levels); i++) {
        char buf[EPISODE_TEXT_LEVEL_MAX];
        episode_text_level(levels[i].level, buf, sizeof(buf));
        assert_string_equal(buf, levels[i].want);
    }
}

static void test_delete_question(void **state)
{
    (void)state;
    char buf[EPISODE_TEXT_QUESTION_MAX];
    episode_text_delete_question(12, T0, REGION_LOWER, 8, buf, sizeof(buf));
    assert_string_equal(buf, "Delete episode 12 (2026-11-18 11:06, lower back, 8)?");
}

/* The widths of `unknot list`: the golden outputs and the TUI's X_*. */
static void test_columns(void **state)
{
    (void)state;
    static const struct { enum episode_col c; const char *head; int x, width; } cases[] = {
        {EPISODE_COL_ID, "ID", 0, 5},           {EPISODE_COL_START, "START", 7, 16},
        {EPISODE_COL_DURATION, "DURATION", 25, 8}, {EPISODE_COL_INTENSITY, "INTENSITY", 35, 11},
        {EPISODE_COL_WHERE, "WHERE", 48, 18},   {EPISODE_COL_TRIGGERS, "TRIGGERS", 68, 0},
    };
    for (size_t i = 0; i < N_OF(cases); i++) {
        assert_string_equal(episode_text_column(cases[i].c)->head, cases[i].head);
        assert_int_equal(episode_text_column(cases[i].c)->width, cases[i].width);
        assert_int_equal(episode_text_column_x(cases[i].c), cases[i].x);
    }
    assert_int_equal(episode_text_column(EPISODE_COL_ID)->right, 1);
}

/* Collects the lines as "label|text|intensity\n". */
static void collect(const struct episode_line *line, void *arg)
{
    char *out = arg;
    size_t used = strlen(out);
    snprintf(out + used, 4096 - used, "%s|%.*s|%d\n", line->label, (int)line->len, line->text,
             line->intensity);
}

static void test_lines(void **state)
{
    (void)state;
    /* The feel tag comes last, yet shows second: the lines keep CONTENT.md's
     * order of the kinds, whatever order the tags were given in. */
    static const char *const tags[] = {"trigger", "lifting", "symptom", "knot", "relief", "heat",
                                       "medication", "Ibuprofen 400", "feel", "sharp",
                                       "feel", "other:like a vice"};
    static const struct {
        int64_t end, updated;
        int side;
        const char *note;
        const char *want;
    } cases[] = {
        {T0 + 7200, T0 + 7300, SIDE_LEFT, "bent over\n\nthe dishwasher\n",
         "Started:|2026-11-18 11:06|-1\n"
         "Ended:|2026-11-18 13:06 (lasted 2h)|-1\n"
         "Intensity:|8 (severe)|8\n"
         "Region:|lower back|-1\n"
         "Side:|left|-1\n"
         "Triggers:|lifting|-1\n"
         "Feels like:|sharp or stabbing, like a vice|-1\n"
         "Symptoms:|knot or hard muscle|-1\n"
         "Relief:|heat|-1\n"
         "Medication:|Ibuprofen 400|-1\n"
         "Notes:|bent over|-1\n"
         "||-1\n"
         "|the dishwasher|-1\n"
         "Logged:|2026-11-18 11:08|-1\n"
         "Updated:|2026-11-18 13:08|-1\n"},
        {EPISODE_ONGOING, T0 + 100, SIDE_UNSET, "",
         "Started:|2026-11-18 11:06|-1\n"
         "Ended:|ongoing (1h so far)|-1\n"
         "Intensity:|8 (severe)|8\n"
         "Region:|lower back|-1\n"
         "Side:|-|-1\n"
         "Triggers:|lifting|-1\n"
         "Feels like:|sharp or stabbing, like a vice|-1\n"
         "Symptoms:|knot or hard muscle|-1\n"
         "Relief:|heat|-1\n"
         "Medication:|Ibuprofen 400|-1\n"
         "Notes:|-|-1\n"
         "Logged:|2026-11-18 11:08|-1\n"},
    };
    for (size_t i = 0; i < N_OF(cases); i++) {
        struct episode ep = make(tags, N_OF(tags));
        char out[4096] = "";
        ep.id = 1;
        ep.started_at = T0;
        ep.ended_at = cases[i].end;
        ep.intensity = 8;
        ep.side = (enum side)cases[i].side;
        snprintf(ep.note, sizeof(ep.note), "%s", cases[i].note);
        ep.created_at = T0 + 100;
        ep.updated_at = cases[i].updated;
        episode_text_lines(&ep, T0 + 3600, collect, out);
        assert_string_equal(out, cases[i].want);
    }
}

/* The warning signs among the symptoms, in the order logged, in the
 * vocabulary's words; nothing for an episode without one. */
static void test_signs(void **state)
{
    (void)state;
    static const char *const none[] = {"symptom", "numbness", "trigger", "lifting"};
    static const char *const two[] = {"symptom", "stiffness", "symptom", "weakness",
                                      "feel", "sharp", "symptom", "saddle-numbness"};
    char buf[128];
    struct episode ep = make(none, N_OF(none));
    episode_text_signs(&ep, buf, sizeof(buf));
    assert_string_equal(buf, "");
    ep = make(two, N_OF(two));
    episode_text_signs(&ep, buf, sizeof(buf));
    assert_string_equal(buf, "Warning signs: weakness in a leg, numbness between the legs.");
    /* Signs that do not fit whole are left out; the sentence stays whole. */
    episode_text_signs(&ep, buf, 50);
    assert_string_equal(buf, "Warning sign: weakness in a leg.");
    static const char *const one[] = {"symptom", "fever"};
    ep = make(one, N_OF(one));
    episode_text_signs(&ep, buf, sizeof(buf));
    assert_string_equal(buf, "Warning sign: fever or chills.");
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tags),
        cmocka_unit_test(test_tags_all_fit),
        cmocka_unit_test(test_where),
        cmocka_unit_test(test_duration_and_level),
        cmocka_unit_test(test_delete_question),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_signs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

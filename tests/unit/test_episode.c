/* SPDX-License-Identifier: BSD-2-Clause */
/* episode: vocabulary, parsing of user words, validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "src/episode.h"
#include "src/warnsign.h"

#define NOW 1795000000LL /* 2026-11-18, any fixed instant */

static struct episode base_episode(void)
{
    struct episode ep;
    episode_init(&ep);
    ep.started_at = NOW - 3600;
    ep.intensity = 5;
    return ep;
}

static void test_init_is_ongoing_and_empty(void **state)
{
    (void)state;
    struct episode ep;
    memset(&ep, 0x55, sizeof(ep));
    episode_init(&ep);
    assert_int_equal(ep.ended_at, EPISODE_ONGOING);
    assert_int_equal(ep.ntags, 0);
    assert_int_equal(ep.side, SIDE_UNSET);
    assert_string_equal(ep.note, "");
}

static void test_bands(void **state)
{
    (void)state;
    static const struct { int level; const char *band; } cases[] = {
        {0, "none"}, {1, "mild"}, {3, "mild"}, {4, "moderate"},
        {6, "moderate"}, {7, "severe"}, {10, "severe"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_string_equal(band_label(intensity_band(cases[i].level)), cases[i].band);
}

static void test_intensity_parse(void **state)
{
    (void)state;
    char err[256];
    int v = -1;
    assert_int_equal(intensity_parse("0", &v, err, sizeof(err)), 0);
    assert_int_equal(v, 0);
    assert_int_equal(intensity_parse("10", &v, err, sizeof(err)), 0);
    assert_int_equal(v, 10);
    static const char *const bad[] = {"11", "-1", "", "5x", "abc", " ", "4.5",
                                      "99999999999999999999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        assert_int_equal(intensity_parse(bad[i], &v, err, sizeof(err)), -1);
        assert_non_null(strstr(err, "0 (none) to 10"));
    }
}

static void test_region_and_side_parse(void **state)
{
    (void)state;
    char err[256];
    enum region r;
    enum side s;
    assert_int_equal(region_parse("lower", &r, err, sizeof(err)), 0);
    assert_int_equal(r, REGION_LOWER);
    assert_int_equal(region_parse("Upper Back", &r, err, sizeof(err)), 0);
    assert_int_equal(r, REGION_UPPER);
    assert_int_equal(region_parse("NECK", &r, err, sizeof(err)), 0);
    assert_int_equal(r, REGION_NECK);
    assert_int_equal(region_parse("elbow", &r, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "\"elbow\""));
    assert_non_null(strstr(err, "lower, mid, upper or neck"));
    assert_int_equal(side_parse("both", &s, err, sizeof(err)), 0);
    assert_int_equal(s, SIDE_BOTH);
    assert_int_equal(side_parse("", &s, err, sizeof(err)), -1);
    assert_int_equal(side_parse("up", &s, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "left, right, both or center"));
}

static void test_tags_normalize(void **state)
{
    (void)state;
    char out[EPISODE_TAG_MAX + 1], err[512];
    assert_int_equal(tag_normalize(TAG_TRIGGER, " Lifting ", out, sizeof(out), err,
                                   sizeof(err)), 0);
    assert_string_equal(out, "lifting");
    assert_int_equal(tag_normalize(TAG_TRIGGER, "sneezing or coughing", out, sizeof(out),
                                   err, sizeof(err)), 0);
    assert_string_equal(out, "sneeze-cough");
    assert_int_equal(tag_normalize(TAG_SYMPTOM, "other: jaw clenching", out, sizeof(out),
                                   err, sizeof(err)), 0);
    assert_string_equal(out, "other:jaw clenching");
    assert_int_equal(tag_normalize(TAG_MEDICATION, "  ibuprofen 400 mg ", out, sizeof(out),
                                   err, sizeof(err)), 0);
    assert_string_equal(out, "ibuprofen 400 mg");
}

static void test_tags_refused(void **state)
{
    (void)state;
    char out[EPISODE_TAG_MAX + 1], err[512], longtag[300];
    assert_int_equal(tag_normalize(TAG_TRIGGER, "juggling", out, sizeof(out), err,
                                   sizeof(err)), -1);
    assert_non_null(strstr(err, "lifting"));
    assert_non_null(strstr(err, "other:TEXT"));
    assert_int_equal(tag_normalize(TAG_RELIEF, "other", out, sizeof(out), err, sizeof(err)),
                     -1);
    assert_int_equal(tag_normalize(TAG_RELIEF, "other:", out, sizeof(out), err, sizeof(err)),
                     -1);
    assert_int_equal(tag_normalize(TAG_MEDICATION, "", out, sizeof(out), err, sizeof(err)),
                     -1);
    assert_int_equal(tag_normalize(TAG_MEDICATION, "a\nb", out, sizeof(out), err,
                                   sizeof(err)), -1);
    memset(longtag, 'x', sizeof(longtag) - 1);
    longtag[sizeof(longtag) - 1] = '\0';
    assert_int_equal(tag_normalize(TAG_MEDICATION, longtag, out, sizeof(out), err,
                                   sizeof(err)), -1);
    assert_non_null(strstr(err, "too long"));
}

static void test_add_tag_dedup_and_labels(void **state)
{
    (void)state;
    char err[512];
    struct episode ep = base_episode();
    assert_int_equal(episode_add_tag(&ep, TAG_TRIGGER, "lifting", err, sizeof(err)), 0);
    assert_int_equal(episode_add_tag(&ep, TAG_TRIGGER, "LIFTING", err, sizeof(err)), 0);
    assert_int_equal(episode_add_tag(&ep, TAG_RELIEF, "heat", err, sizeof(err)), 0);
    assert_int_equal(episode_add_tag(&ep, TAG_TRIGGER, "other:gardening", err, sizeof(err)),
                     0);
    assert_int_equal(ep.ntags, 3);
    assert_string_equal(tag_label(&ep.tags[0]), "lifting");
    assert_string_equal(tag_label(&ep.tags[2]), "gardening");
    episode_clear_tags(&ep, TAG_TRIGGER);
    assert_int_equal(ep.ntags, 1);
    assert_int_equal(ep.tags[0].kind, TAG_RELIEF);
}

static void test_too_many_tags(void **state)
{
    (void)state;
    char err[512], med[32];
    struct episode ep = base_episode();
    for (int i = 0; i < EPISODE_MAX_TAGS; i++) {
        snprintf(med, sizeof(med), "med %d", i);
        assert_int_equal(episode_add_tag(&ep, TAG_MEDICATION, med, err, sizeof(err)), 0);
    }
    assert_int_equal(episode_add_tag(&ep, TAG_MEDICATION, "one more", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "too many"));
}

static void test_validate_accepts_good(void **state)
{
    (void)state;
    char err[512];
    struct episode ep = base_episode();
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), 0);
    ep.ended_at = ep.started_at; /* zero length is allowed */
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), 0);
    snprintf(ep.note, sizeof(ep.note), "naïve – 痛み\nsecond line");
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), 0);
}

static void test_validate_refuses_bad(void **state)
{
    (void)state;
    char err[512];
    struct episode ep;

    ep = base_episode(); ep.intensity = 11;
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "intensity"));
    ep = base_episode(); ep.intensity = -1;
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    ep = base_episode(); ep.region = REGION_COUNT;
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "region"));
    ep = base_episode(); ep.side = SIDE_COUNT;
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    ep = base_episode(); ep.started_at = NOW + EPISODE_FUTURE_SLACK + 1;
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "future"));
    ep = base_episode(); ep.started_at = NOW + EPISODE_FUTURE_SLACK;
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), 0);
    ep = base_episode(); ep.ended_at = ep.started_at - 1;
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "before the start"));
    ep = base_episode(); ep.ended_at = NOW + EPISODE_FUTURE_SLACK + 1;
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    ep = base_episode(); ep.started_at = 0;
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    ep = base_episode(); strcpy(ep.note, "bad \xC3\x28 utf8");
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "UTF-8"));
    ep = base_episode(); strcpy(ep.note, "bell \a");
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    ep = base_episode(); memset(ep.note, 'a', sizeof(ep.note));
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "too long"));
    ep = base_episode(); ep.ntags = 1; ep.tags[0].kind = TAG_TRIGGER;
    strcpy(ep.tags[0].text, "juggling");
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), -1);
}

static void test_vocab_index(void **state)
{
    size_t n;
    const struct vocab *v = episode_vocab(TAG_TRIGGER, &n);
    (void)state;
    for (size_t i = 0; i < n; i++)
        assert_int_equal(episode_vocab_index(TAG_TRIGGER, v[i].code), (int)i);
    int lifting = episode_vocab_index(TAG_TRIGGER, "lifting");
    int other = episode_vocab_index(TAG_TRIGGER, "other");
    assert_string_equal(v[lifting].code, "lifting");
    assert_string_equal(v[other].code, "other");
    assert_int_equal(episode_vocab_index(TAG_TRIGGER, "LIFTING"), lifting);
    assert_int_equal(episode_vocab_index(TAG_TRIGGER, "other:moving a sofa"), other);
    assert_int_equal(episode_vocab_index(TAG_TRIGGER, "no-such-code"), other);
    assert_int_equal(episode_vocab_index(TAG_TRIGGER, "knot"), other); /* a symptom */
    v = episode_vocab(TAG_SYMPTOM, &n);
    assert_string_equal(v[episode_vocab_index(TAG_SYMPTOM, "Knot")].code, "knot");
    assert_int_equal(episode_vocab_index(TAG_MEDICATION, "ibuprofen"), -1);
    assert_int_equal(episode_vocab_index((enum tag_kind)TAG_KIND_COUNT, "lifting"), -1);
    /* The sizes episode.h announces are the tables' own. */
    episode_vocab(TAG_TRIGGER, &n);
    assert_int_equal(n, EPISODE_TRIGGER_WORDS);
    episode_vocab(TAG_SYMPTOM, &n);
    assert_int_equal(n, EPISODE_SYMPTOM_WORDS);
    episode_vocab(TAG_RELIEF, &n);
    assert_int_equal(n, EPISODE_RELIEF_WORDS);
}

static void test_codes(void **state)
{
    (void)state;
    assert_string_equal(region_code(REGION_MID), "mid");
    assert_string_equal(region_label(REGION_LOWER), "lower back");
    assert_string_equal(side_code(SIDE_CENTER), "center");
    assert_string_equal(tag_kind_code(TAG_MEDICATION), "medication");
    enum tag_kind k;
    assert_int_equal(tag_kind_parse("relief", &k), 0);
    assert_int_equal(k, TAG_RELIEF);
    assert_int_equal(tag_kind_parse("mood", &k), -1);
    size_t n;
    assert_non_null(episode_vocab(TAG_TRIGGER, &n));
    assert_int_equal(n, 14);
    assert_null(episode_vocab(TAG_MEDICATION, &n));
    assert_int_equal(n, 0);
}

/* episode_validate_field names the field a problem is in (the form puts
 * its focus there); the message is episode_validate's. */
static void test_validate_field(void **state)
{
    (void)state;
    enum { START_0, START_FUTURE, END_BEFORE, END_FUTURE, INTENSITY, REGION, SIDE, NOTE_CTRL,
           BAD_SYMPTOM, BAD_FEEL, BAD_MED, OK };
    static const struct { int what; enum episode_field want; } cases[] = {
        {START_0, EPISODE_FIELD_START},        {START_FUTURE, EPISODE_FIELD_START},
        {END_BEFORE, EPISODE_FIELD_END},       {END_FUTURE, EPISODE_FIELD_END},
        {INTENSITY, EPISODE_FIELD_INTENSITY},  {REGION, EPISODE_FIELD_REGION},
        {SIDE, EPISODE_FIELD_SIDE},            {NOTE_CTRL, EPISODE_FIELD_NOTES},
        {BAD_SYMPTOM, EPISODE_FIELD_SYMPTOMS}, {BAD_MED, EPISODE_FIELD_MEDICATION},
        {BAD_FEEL, EPISODE_FIELD_FEEL},        {OK, EPISODE_FIELD_NONE},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct episode ep = base_episode();
        char err[256] = "", err2[256] = "";
        enum episode_field field = EPISODE_FIELD_START;
        switch (cases[i].what) {
        case START_0: ep.started_at = 0; break;
        case START_FUTURE: ep.started_at = NOW + 3600; break;
        case END_BEFORE: ep.ended_at = ep.started_at - 1; break;
        case END_FUTURE: ep.ended_at = NOW + 3600; break;
        case INTENSITY: ep.intensity = EPISODE_INTENSITY_MAX + 1; break;
        case REGION: ep.region = REGION_COUNT; break;
        case SIDE: ep.side = SIDE_COUNT; break;
        case NOTE_CTRL: snprintf(ep.note, sizeof(ep.note), "a\x01b"); break;
        case BAD_SYMPTOM:
            ep.tags[ep.ntags].kind = TAG_SYMPTOM;
            snprintf(ep.tags[ep.ntags++].text, sizeof(ep.tags[0].text), "no-such-word");
            break;
        case BAD_FEEL:
            ep.tags[ep.ntags].kind = TAG_FEEL;
            snprintf(ep.tags[ep.ntags++].text, sizeof(ep.tags[0].text), "knot"); /* a symptom */
            break;
        case BAD_MED:
            ep.tags[ep.ntags].kind = TAG_MEDICATION;
            snprintf(ep.tags[ep.ntags++].text, sizeof(ep.tags[0].text), "a\x01");
            break;
        default: break;
        }
        int rc = episode_validate_field(&ep, NOW, &field, err, sizeof(err));
        assert_int_equal(rc, cases[i].what == OK ? 0 : -1);
        assert_int_equal(field, cases[i].want);
        assert_int_equal(episode_validate(&ep, NOW, err2, sizeof(err2)), rc);
        assert_string_equal(err, err2);
    }
}

/* What the pain feels like (CONTENT.md): its words, in its order, with
 * short codes that are stored and never change. */
static void test_feel_vocabulary(void **state)
{
    (void)state;
    static const struct vocab want[] = {
        {"tight", "tight or cramping"},     {"sharp", "sharp or stabbing"},
        {"burning", "burning"},             {"dull", "dull ache"},
        {"throbbing", "pulsing or throbbing"}, {"electric", "electric or shooting"},
        {"other", "other"},
    };
    size_t n;
    const struct vocab *v = episode_vocab(TAG_FEEL, &n);
    assert_non_null(v);
    assert_int_equal(n, sizeof(want) / sizeof(want[0]));
    assert_int_equal(n, EPISODE_FEEL_WORDS);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(v[i].code, want[i].code);
        assert_string_equal(v[i].label, want[i].label);
        assert_int_equal(episode_vocab_index(TAG_FEEL, want[i].code), (int)i);
    }
    enum tag_kind k;
    assert_string_equal(tag_kind_code(TAG_FEEL), "feel");
    assert_int_equal(tag_kind_parse("feel", &k), 0);
    assert_int_equal(k, TAG_FEEL);

    /* The code, the words on screen, and free text; a symptom is not a feel. */
    char out[EPISODE_TAG_MAX + 1], err[512];
    assert_int_equal(tag_normalize(TAG_FEEL, "Sharp", out, sizeof(out), err, sizeof(err)), 0);
    assert_string_equal(out, "sharp");
    assert_int_equal(tag_normalize(TAG_FEEL, "pulsing or throbbing", out, sizeof(out), err,
                                   sizeof(err)), 0);
    assert_string_equal(out, "throbbing");
    assert_int_equal(tag_normalize(TAG_FEEL, "other:like a vice", out, sizeof(out), err,
                                   sizeof(err)), 0);
    assert_string_equal(out, "other:like a vice");
    assert_int_equal(tag_normalize(TAG_FEEL, "knot", out, sizeof(out), err, sizeof(err)), -1);
    assert_non_null(strstr(err, "invalid feel \"knot\""));
    assert_non_null(strstr(err, "tight, sharp, burning, dull, throbbing, electric, other"));

    struct episode ep = base_episode();
    assert_int_equal(episode_add_tag(&ep, TAG_FEEL, "dull", err, sizeof(err)), 0);
    assert_int_equal(episode_add_tag(&ep, TAG_SYMPTOM, "stiffness", err, sizeof(err)), 0);
    assert_string_equal(tag_label(&ep.tags[0]), "dull ache");
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof(err)), 0);
    episode_clear_tags(&ep, TAG_FEEL);
    assert_int_equal(ep.ntags, 1);
    assert_int_equal(ep.tags[0].kind, TAG_SYMPTOM);
}

/* The warning signs of CONTENT.md are symptom words: by code and by the
 * words on screen, listed in the message for a bad symptom, and exactly
 * the symptoms src/warnsign.c ranks. */
static void test_warning_sign_codes(void **state)
{
    (void)state;
    static const struct vocab signs[] = {
        {"bladder-bowel", "bladder or bowel trouble"},
        {"saddle-numbness", "numbness between the legs"},
        {"both-legs", "symptoms in both legs"},
        {"fever", "fever or chills"},
        {"arm-hand", "arm or hand numbness or weakness"},
        {"weakness", "weakness in a leg"},
    };
    char out[EPISODE_TAG_MAX + 1], err[512];
    for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++) {
        assert_int_equal(tag_normalize(TAG_SYMPTOM, signs[i].code, out, sizeof(out), err,
                                       sizeof(err)), 0);
        assert_string_equal(out, signs[i].code);
        assert_int_equal(tag_normalize(TAG_SYMPTOM, signs[i].label, out, sizeof(out), err,
                                       sizeof(err)), 0);
        assert_string_equal(out, signs[i].code);
        struct episode_tag tag = {TAG_SYMPTOM, ""};
        snprintf(tag.text, sizeof(tag.text), "%s", signs[i].code);
        assert_string_equal(tag_label(&tag), signs[i].label);
        assert_non_null(warnsign_of_symptom(signs[i].code));
    }
    assert_int_equal(tag_normalize(TAG_SYMPTOM, "Saddle-Numbness", out, sizeof(out), err,
                                   sizeof(err)), 0);
    assert_string_equal(out, "saddle-numbness");
    assert_int_equal(tag_normalize(TAG_SYMPTOM, "saddle", out, sizeof(out), err, sizeof(err)),
                     -1);
    assert_non_null(strstr(err, "bladder-bowel, saddle-numbness, both-legs, fever, arm-hand"));
    /* No other symptom word is a warning sign. */
    size_t n, nsigns = 0;
    const struct vocab *v = episode_vocab(TAG_SYMPTOM, &n);
    for (size_t i = 0; i < n; i++)
        nsigns += warnsign_of_symptom(v[i].code) != NULL;
    assert_int_equal(nsigns, sizeof(signs) / sizeof(signs[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_is_ongoing_and_empty),
        cmocka_unit_test(test_bands),
        cmocka_unit_test(test_intensity_parse),
        cmocka_unit_test(test_region_and_side_parse),
        cmocka_unit_test(test_tags_normalize),
        cmocka_unit_test(test_tags_refused),
        cmocka_unit_test(test_add_tag_dedup_and_labels),
        cmocka_unit_test(test_too_many_tags),
        cmocka_unit_test(test_validate_accepts_good),
        cmocka_unit_test(test_validate_refuses_bad),
        cmocka_unit_test(test_validate_field),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_vocab_index),
        cmocka_unit_test(test_feel_vocabulary),
        cmocka_unit_test(test_warning_sign_codes),
    };
    return cmocka_run_group_tests_name("episode", tests, NULL, NULL);
}

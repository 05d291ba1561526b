/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/redflags.c: item levels, the verdict, level codes and the
 * yes-list parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <ctype.h>
#include <string.h>

#include <cmocka.h>

#include "src/check.h"
#include "src/flags.h"
#include "src/redflags.h"

/* The levels CONTENT.md's "Red-flag checklist" gives each item, 1..20. */
static const enum redflag_level documented[REDFLAG_COUNT] = {
    REDFLAG_EMERGENCY,  REDFLAG_EMERGENCY,  REDFLAG_EMERGENCY,  REDFLAG_EMERGENCY,
    REDFLAG_EMERGENCY,  REDFLAG_EMERGENCY,  REDFLAG_EMERGENCY,  REDFLAG_EMERGENCY,
    REDFLAG_EMERGENCY,  REDFLAG_URGENT,     REDFLAG_URGENT,     REDFLAG_URGENT,
    REDFLAG_URGENT,     REDFLAG_URGENT,     REDFLAG_URGENT,     REDFLAG_URGENT,
    REDFLAG_SEE_DOCTOR, REDFLAG_SEE_DOCTOR, REDFLAG_SEE_DOCTOR, REDFLAG_SEE_DOCTOR,
};

/* A word of CONTENT.md's wording of each item that its question must carry,
 * so that a reordering of the table cannot pass with the levels intact. */
static const char *const documented_word[REDFLAG_COUNT] = {
    "bladder", "between your legs", "BOTH legs", "Chest pain", "injury", "belly", "Fever",
    "no position", "blood in your urine", "cancer", "lost weight", "night", "one leg or foot",
    "arm or hand", "Swelling", "Osteoporosis", "down one leg", "stand up straight",
    "3 days", "week or two",
};

/* Longest line of a '\n'-separated text. */
static size_t longest_line(const char *s)
{
    size_t best = 0;
    while (*s) {
        size_t len = strcspn(s, "\n");
        if (len > best)
            best = len;
        s += len;
        if (*s == '\n')
            s++;
    }
    return best;
}

static void test_items_text(void **state)
{
    (void)state;
    assert_null(redflags_item(0));
    assert_null(redflags_item(REDFLAG_COUNT + 1));
    assert_null(redflags_item(-1));
    for (int n = 1; n <= REDFLAG_COUNT; n++) {
        const struct redflag_item *it = redflags_item(n);
        size_t qlen;
        assert_non_null(it);
        assert_int_equal(it->number, n);
        assert_int_equal(it->level, documented[n - 1]);
        if (!strstr(it->question, documented_word[n - 1]))
            fail_msg("item %d: \"%s\" lacks \"%s\"", n, it->question, documented_word[n - 1]);
        qlen = strlen(it->question);
        if (qlen == 0 || qlen > 76 || it->question[qlen - 1] != '?')
            fail_msg("item %d: question must be one line of 1..76 columns ending in '?'", n);
        assert_null(strchr(it->question, '\n'));
        assert_true(strlen(it->explain) > qlen);
        assert_null(strchr(it->explain, '\n'));
    }
}

static void test_each_item_alone(void **state)
{
    (void)state;
    for (int n = 1; n <= REDFLAG_COUNT; n++) {
        unsigned char answers[REDFLAG_COUNT] = {0};
        answers[n - 1] = 1;
        if (redflags_verdict(answers) != documented[n - 1])
            fail_msg("item %d alone gives %s", n, redflag_level_code(redflags_verdict(answers)));
    }
}

static void test_none_is_clear(void **state)
{
    unsigned char answers[REDFLAG_COUNT] = {0};
    (void)state;
    assert_int_equal(redflags_verdict(answers), REDFLAG_CLEAR);
}

static void test_levels_ordered(void **state)
{
    (void)state;
    assert_true(REDFLAG_CLEAR < REDFLAG_SEE_DOCTOR);
    assert_true(REDFLAG_SEE_DOCTOR < REDFLAG_URGENT);
    assert_true(REDFLAG_URGENT < REDFLAG_EMERGENCY);
}

static void test_mixed_answers(void **state)
{
    static const struct {
        const char *yes;
        enum redflag_level expect;
    } rows[] = {
        {"17,10", REDFLAG_URGENT},
        {"20,1", REDFLAG_EMERGENCY},
        {"2,20", REDFLAG_EMERGENCY}, /* saddle numbness is never ranked lower */
        {"3,17", REDFLAG_EMERGENCY},
        {"17,18,19,20", REDFLAG_SEE_DOCTOR},
        {"10,11,12,13,14,15,16,17,18,19,20", REDFLAG_URGENT},
        {"6,20", REDFLAG_EMERGENCY}, /* severe belly pain: an emergency in S3 */
        {"7,18", REDFLAG_EMERGENCY}, /* fever with back pain: S3's emergency */
        {"14,19", REDFLAG_URGENT},   /* arm or hand symptoms: same day */
        {"9", REDFLAG_EMERGENCY},
        {"16", REDFLAG_URGENT},
        {"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20", REDFLAG_EMERGENCY},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        unsigned char answers[REDFLAG_COUNT];
        char err[160];
        assert_int_equal(redflags_parse_yes_list(rows[i].yes, answers, err, sizeof err), 0);
        if (redflags_verdict(answers) != rows[i].expect)
            fail_msg("\"%s\" gives %s, expected %s", rows[i].yes,
                     redflag_level_code(redflags_verdict(answers)),
                     redflag_level_code(rows[i].expect));
    }
}

/* "Not sure" to each item in turn (every level), alone and beside a yes to
 * an item of each level: never counted as yes nor as no. The verdict is
 * that of the yes answers; the unsure level is the item's; the headline is
 * never "No warning signs reported"; the line names the item and says what
 * to do at its level; only a see-soon doubt lets a check clear a warning. */
static void test_unsure_each_item(void **state)
{
    (void)state;
    static const int yes_of_level[] = {0, 17, 10, 1}; /* none, see soon, urgent, emergency */
    for (int i = 0; i < REDFLAG_COUNT; i++) {
        for (size_t k = 0; k < sizeof yes_of_level / sizeof yes_of_level[0]; k++) {
            int yes = yes_of_level[k];
            if (yes == i + 1)
                continue;
            unsigned char a[REDFLAG_COUNT];
            struct check c;
            char text[CHECK_UNSURE_TEXT_LEN], want[64];
            memset(a, CHECK_NO, sizeof a);
            a[i] = CHECK_UNSURE;
            if (yes)
                a[yes - 1] = CHECK_YES;
            enum redflag_level verdict = yes ? documented[yes - 1] : REDFLAG_CLEAR;
            assert_int_equal(redflags_verdict(a), verdict);
            check_from_answers(0, a, &c);
            assert_int_equal(c.verdict, verdict);
            assert_int_equal(c.complete, 1);
            assert_int_equal(c.answers[i], CHECK_UNSURE);
            assert_int_equal(check_any_yes(&c), yes != 0);
            assert_int_equal(check_unsure_count(&c), 1);
            assert_int_equal(check_unsure_level(&c), documented[i]);
            assert_int_equal(check_answer_count(&c), REDFLAG_COUNT);
            assert_string_equal(check_title(&c), yes ? redflag_level_title(verdict)
                                                     : REDFLAGS_UNSURE_TITLE);
            assert_int_equal(check_clears(&c), !yes && documented[i] < REDFLAG_URGENT);
            assert_int_equal(check_unsure_text(&c, text, sizeof text), 1);
            snprintf(want, sizeof want, "Not sure: item %d. ", i + 1);
            assert_int_equal(strncmp(text, want, strlen(want)), 0);
            assert_string_equal(text + strlen(want),
                                verdict == REDFLAG_EMERGENCY ? REDFLAGS_UNSURE_UNDER_EMERGENCY
                                                             : redflag_unsure_advice(documented[i]));
        }
    }
}

/* The advice for a doubt: at each level's pace, never softened, one
 * sentence; none for the clear level. Two doubts: both named, the most
 * serious one's advice. */
static void test_unsure_advice(void **state)
{
    (void)state;
    static const char *const pace[REDFLAG_LEVEL_COUNT] = {NULL, "few days", "today", "now"};
    assert_string_equal(redflag_unsure_advice(REDFLAG_CLEAR), "");
    assert_string_equal(redflag_unsure_advice(REDFLAG_LEVEL_COUNT), "");
    for (int lv = REDFLAG_SEE_DOCTOR; lv < REDFLAG_LEVEL_COUNT; lv++) {
        const char *t = redflag_unsure_advice((enum redflag_level)lv);
        assert_non_null(strstr(t, pace[lv]));
        assert_null(strchr(t, '\n'));
        assert_true(strlen(t) <= 200);
        assert_null(strstr(t, "worried"));
    }
    assert_non_null(strstr(redflag_unsure_advice(REDFLAG_EMERGENCY), "seek emergency care"));
    unsigned char a[REDFLAG_COUNT];
    struct check c;
    char text[CHECK_UNSURE_TEXT_LEN];
    memset(a, CHECK_NO, sizeof a);
    a[19] = a[2] = CHECK_UNSURE;
    check_from_answers(0, a, &c);
    assert_int_equal(check_unsure_text(&c, text, sizeof text), 2);
    assert_non_null(strstr(text, "Not sure: items 3, 20. Not sure is not a no for an emergency"));
    assert_int_equal(check_items_text(&c, CHECK_UNSURE, ",", text, 4), 2);
    assert_string_equal(text, "3"); /* cut at a whole number */
    /* a stored answer is one of the three */
    memset(&c, 0, sizeof c);
    assert_int_equal(check_set_answer(&c, 1, 3), -1);
    assert_int_equal(check_set_answer(&c, 1, CHECK_UNSURE), 0);
    assert_int_equal(check_unsure_level(&c), REDFLAG_EMERGENCY);
}

static void test_codes_round_trip(void **state)
{
    static const char *const codes[] = {"clear", "see_doctor", "urgent", "emergency"};
    static const char *const words[] = {"no signs", "see a doctor", "urgent", "emergency"};
    static const char *const bad[] = {"", "Clear", "EMERGENCY", "emergency ", "see-doctor",
                                      "unknown", "none"};
    enum redflag_level out;
    (void)state;
    for (int l = REDFLAG_CLEAR; l <= REDFLAG_EMERGENCY; l++) {
        assert_string_equal(redflag_level_code((enum redflag_level)l), codes[l]);
        assert_string_equal(redflag_level_word((enum redflag_level)l), words[l]);
        out = REDFLAG_LEVEL_COUNT;
        assert_int_equal(redflag_level_parse(codes[l], &out), 0);
        assert_int_equal(out, l);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        out = REDFLAG_URGENT;
        if (redflag_level_parse(bad[i], &out) != -1)
            fail_msg("\"%s\" must not parse", bad[i]);
        assert_int_equal(out, REDFLAG_URGENT);
    }
    assert_int_equal(redflag_level_parse(NULL, &out), -1);
    assert_string_equal(redflag_level_code(REDFLAG_LEVEL_COUNT), "unknown");
}

static void test_titles_and_advice(void **state)
{
    static const struct {
        enum redflag_level level;
        const char *title_part, *advice_part;
    } rows[] = {
        {REDFLAG_EMERGENCY, "EMERGENCY: seek emergency care now", "Do not drive yourself"},
        {REDFLAG_URGENT, "URGENT: contact a doctor today", "urgent care service today"},
        {REDFLAG_SEE_DOCTOR, "See a doctor soon: book an appointment within a few days",
         "within a few days"},
        {REDFLAG_CLEAR, "No warning signs reported", "not easing after 3 days"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *title = redflag_level_title(rows[i].level);
        const char *advice = redflag_level_advice(rows[i].level);
        assert_non_null(strstr(title, rows[i].title_part));
        assert_non_null(strstr(advice, rows[i].advice_part));
        assert_true(strlen(title) <= 78);
        assert_true(longest_line(advice) <= 78);
        assert_true(advice[strlen(advice) - 1] != '\n');
    }
    assert_non_null(strstr(redflag_level_advice(REDFLAG_EMERGENCY), "Do not wait"));
    assert_non_null(strstr(redflag_level_advice(REDFLAG_EMERGENCY), "112 in Europe"));
    assert_non_null(strstr(redflag_level_advice(REDFLAG_EMERGENCY), "ice and heat do"));
}

/* 1 when text holds "clear" in any case. */
static int says_clear(const char *text)
{
    for (; *text; text++) {
        size_t i = 0;
        while (i < 5 && text[i] && tolower((unsigned char)text[i]) == "clear"[i])
            i++;
        if (i == 5)
            return 1;
    }
    return 0;
}

/* Nothing says "clear" to the patient; every verdict but emergency carries
 * the safety net; the emergency verdict does not (it already says go now). */
static void test_safety_net_and_no_clear(void **state)
{
    (void)state;
    for (int l = REDFLAG_CLEAR; l <= REDFLAG_EMERGENCY; l++) {
        const char *title = redflag_level_title((enum redflag_level)l);
        const char *advice = redflag_level_advice((enum redflag_level)l);
        if (says_clear(title) || says_clear(advice))
            fail_msg("level %d says clear", l);
        if ((l != REDFLAG_EMERGENCY) != (strstr(advice, REDFLAGS_SAFETY_NET) != NULL))
            fail_msg("level %d: safety net %s", l, l == REDFLAG_EMERGENCY ? "shown" : "missing");
    }
}

static void test_not_medical_advice_line(void **state)
{
    const char *clear = redflag_level_advice(REDFLAG_CLEAR);
    size_t n = strlen(REDFLAGS_NOT_MEDICAL_ADVICE);
    (void)state;
    assert_string_equal(REDFLAGS_NOT_MEDICAL_ADVICE, FLAGS_NOT_MEDICAL_ADVICE);
    assert_true(strlen(clear) > n);
    assert_string_equal(clear + strlen(clear) - n, REDFLAGS_NOT_MEDICAL_ADVICE);
    assert_null(strstr(redflag_level_advice(REDFLAG_EMERGENCY), "If you are worried"));
    assert_null(strstr(redflag_level_advice(REDFLAG_URGENT), "If you are worried"));
}

static void test_yes_list_good(void **state)
{
    static const struct {
        const char *text;
        int yes[REDFLAG_COUNT + 1]; /* item numbers, 0-terminated */
    } rows[] = {
        {"1,5", {1, 5}},
        {"1, 5,16", {1, 5, 16}},
        {"  20 ", {20}},
        {"1 5", {1, 5}},
        {"1\t,\t2", {1, 2}},
        {"5,5", {5}},
        {"05", {5}},
        {"", {0}},
        {"   ", {0}},
        {"none", {0}},
        {" NONE ", {0}},
        {"20,19,18,17,16,15,14,13,12,11,10,9,8,7,6,5,4,3,2,1",
         {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        unsigned char answers[REDFLAG_COUNT], expect[REDFLAG_COUNT] = {0};
        char err[160] = "";
        memset(answers, 0xAA, sizeof answers);
        for (size_t k = 0; rows[i].yes[k]; k++)
            expect[rows[i].yes[k] - 1] = 1;
        if (redflags_parse_yes_list(rows[i].text, answers, err, sizeof err) != 0)
            fail_msg("\"%s\" refused: %s", rows[i].text, err);
        if (memcmp(answers, expect, sizeof expect) != 0)
            fail_msg("\"%s\" parsed to the wrong answers", rows[i].text);
    }
}

static void test_yes_list_bad(void **state)
{
    static const char *const bad[] = {
        "0",  "21", "x",  "1,",    ",1",  "1,,2", "-1", "+1",   "1.5",
        "1-3", "99999999999999999999", "none,1", "1;2", "yes", ",", "1, ,2", "one",
    };
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned char answers[REDFLAG_COUNT];
        char err[160] = "";
        memset(answers, 0xAA, sizeof answers);
        if (redflags_parse_yes_list(bad[i], answers, err, sizeof err) != -1)
            fail_msg("\"%s\" accepted", bad[i]);
        if (!strstr(err, "1 to 20") || strchr(err, '\n'))
            fail_msg("\"%s\": message \"%s\" must be one line naming 1 to 20", bad[i], err);
        for (size_t k = 0; k < REDFLAG_COUNT; k++)
            assert_int_equal(answers[k], 0xAA); /* untouched on error */
    }
}

static void test_yes_list_message_details(void **state)
{
    unsigned char answers[REDFLAG_COUNT];
    char err[160];
    char tiny[8];
    (void)state;
    assert_int_equal(redflags_parse_yes_list("1, 21", answers, err, sizeof err), -1);
    assert_non_null(strstr(err, "'21'"));
    assert_int_equal(redflags_parse_yes_list("3,abc", answers, err, sizeof err), -1);
    assert_non_null(strstr(err, "'abc'"));
    assert_int_equal(redflags_parse_yes_list("1,5,", answers, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing number in '1,5,'"));
    assert_int_equal(redflags_parse_yes_list(NULL, answers, err, sizeof err), -1);
    assert_true(err[0] != '\0');
    /* a short buffer is truncated and terminated, a zero length is left alone */
    assert_int_equal(redflags_parse_yes_list("x", answers, tiny, sizeof tiny), -1);
    assert_int_equal(strlen(tiny), sizeof tiny - 1);
    assert_int_equal(redflags_parse_yes_list("x", answers, NULL, 0), -1);
}

/* The 0.1 checklist's 16 items, by hand from its table, and the new item
 * whose wording asks the same sign: the first words must match up. */
static void test_v1_items_migrate(void **state)
{
    static const struct {
        int old;
        int new_item;
        const char *new_word; /* a word of the new item's question */
    } rows[] = {
        {1, 1, "bladder"},        {2, 2, "between your legs"}, {3, 3, "BOTH legs"},
        {4, 4, "Chest"},          {5, 5, "injury"},            {6, 7, "Fever"},
        {7, 6, "belly"},          {8, 9, "flank"},             {9, 10, "cancer"},
        {10, 11, "lost weight"},  {11, 8, "no position"},      {12, 17, "down one leg"},
        {13, 17, "down one leg"}, {14, 15, "Swelling"},        {15, 18, "stand up straight"},
        {16, 20, "week or two"},
    };
    int seen[REDFLAG_COUNT + 1] = {0};
    (void)state;
    assert_int_equal(sizeof rows / sizeof rows[0], REDFLAG_V1_COUNT);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int n = redflags_item_from_v1(rows[i].old);
        assert_int_equal(n, rows[i].new_item);
        assert_non_null(strstr(redflags_item(n)->question, rows[i].new_word));
        seen[n] = 1;
    }
    /* never a lower level than the old item had (old 1-5 emergency, 6-11
     * urgent, 12-16 see soon) */
    for (int old = 1; old <= REDFLAG_V1_COUNT; old++) {
        enum redflag_level was = old <= 5 ? REDFLAG_EMERGENCY
                                 : old <= 11 ? REDFLAG_URGENT
                                             : REDFLAG_SEE_DOCTOR;
        assert_true(redflags_item(redflags_item_from_v1(old))->level >= was);
    }
    /* the items the old checklist never asked */
    static const int new_only[] = {12, 13, 14, 16, 19};
    for (size_t i = 0; i < sizeof new_only / sizeof new_only[0]; i++)
        assert_int_equal(seen[new_only[i]], 0);
    assert_int_equal(redflags_item_from_v1(0), 0);
    assert_int_equal(redflags_item_from_v1(17), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_items_text),
        cmocka_unit_test(test_each_item_alone),
        cmocka_unit_test(test_none_is_clear),
        cmocka_unit_test(test_levels_ordered),
        cmocka_unit_test(test_mixed_answers),
        cmocka_unit_test(test_unsure_each_item),
        cmocka_unit_test(test_unsure_advice),
        cmocka_unit_test(test_codes_round_trip),
        cmocka_unit_test(test_titles_and_advice),
        cmocka_unit_test(test_not_medical_advice_line),
        cmocka_unit_test(test_safety_net_and_no_clear),
        cmocka_unit_test(test_yes_list_good),
        cmocka_unit_test(test_yes_list_bad),
        cmocka_unit_test(test_yes_list_message_details),
        cmocka_unit_test(test_v1_items_migrate),
    };
    return cmocka_run_group_tests_name("redflags", tests, NULL, NULL);
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests for src/suggest.c: the distance and the "did you mean". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/suggest.h"

static void test_distance(void **state)
{
    static const struct {
        const char *a, *b;
        int d;
    } cases[] = {
        {"", "", 0},           {"log", "log", 0},         {"lgo", "log", 1},
        {"LOG", "log", 0},     {"lowr", "lower", 1},      {"tirgger", "trigger", 1},
        {"abc", "", 3},        {"", "abc", 3},            {"kitten", "sitting", 3},
        {"ca", "abc", 3},      /* optimal string alignment: not 2 */
        {"shwo", "show", 1},   {"lsit", "list", 1},       {"sesions", "sessions", 1},
        {"bend", "bending", 3}, {"a", "b", 1},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(suggest_distance(cases[i].a, cases[i].b), cases[i].d);
        assert_int_equal(suggest_distance(cases[i].b, cases[i].a), cases[i].d);
    }
    char longw[SUGGEST_WORD_MAX + 2];
    memset(longw, 'a', sizeof longw - 1);
    longw[sizeof longw - 1] = '\0';
    assert_int_equal(suggest_distance(longw, "a"), SUGGEST_WORD_MAX + 1);
}

static const char *pick(const char *typed, const char *const *words)
{
    struct suggest s;
    suggest_init(&s, typed);
    for (; *words; words++)
        suggest_add(&s, *words);
    return suggest_result(&s);
}

static void test_result(void **state)
{
    static const char *const commands[] = {"log", "end", "list", "show", "edit", "delete",
                                           "pain", "took", "did", "flags", "status", "check",
                                           "checks", "checkin", "sessions", NULL};
    static const char *const regions[] = {"lower", "mid", "upper", "neck", NULL};
    static const char *const triggers[] = {"lifting", "twisting", "bending", "sitting",
                                           "standing", "stress", "sneeze-cough", NULL};
    static const char *const options[] = {"trigger", "feel", "symptom", "relief", "med",
                                          "note", "at", "ended", "for", NULL};
    static const struct {
        const char *typed;
        const char *const *words;
        const char *want; /* NULL: no suggestion */
    } cases[] = {
        {"lgo", commands, "log"},       {"lsit", commands, "list"},
        {"shwo", commands, "show"},     {"sesions", commands, "sessions"},
        {"chek", commands, "check"},    /* check before checks: the closest, first */
        {"stat", commands, "status"},   /* a unique prefix */
        {"che", commands, NULL},        /* check, checks, checkin: no unique prefix */
        {"zzzz", commands, NULL},       {"x", commands, NULL},
        {"lowr", regions, "lower"},     {"NEK", regions, "neck"},
        {"bend", triggers, "bending"},  {"s", triggers, NULL},
        {"sneez", triggers, "sneeze-cough"},
        {"tirgger", options, "trigger"}, {"symtom", options, "symptom"},
        {"qq", options, NULL},          {"", options, NULL},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = pick(cases[i].typed, cases[i].words);
        if (!cases[i].want)
            assert_null(got);
        else
            assert_non_null(got), assert_string_equal(got, cases[i].want);
    }
}

static void test_append(void **state)
{
    struct suggest s;
    char msg[64] = "invalid region \"lowr\"";
    (void)state;
    suggest_init(&s, "lowr");
    suggest_add(&s, "lower");
    suggest_add(&s, NULL);
    suggest_append(&s, msg, sizeof msg);
    assert_string_equal(msg, "invalid region \"lowr\"; did you mean \"lower\"?");
    char small[8] = "bad";
    suggest_append(&s, small, sizeof small);
    assert_string_equal(small, "bad; di"); /* cut to fit, terminated */
    suggest_init(&s, "qqqq");
    suggest_add(&s, "lower");
    char none[16] = "bad";
    suggest_append(&s, none, sizeof none);
    assert_string_equal(none, "bad");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_result),
        cmocka_unit_test(test_append),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

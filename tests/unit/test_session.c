/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/session.c and src/check.c: the code tables round trip,
 * unknown codes are refused, and the one check builder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/check.h"
#include "src/session.h"

/* The codes the schema's CHECKs list (db/schema.c), in enum order. */
static const char *const kind_codes[] = {"stretch", "ice", "heat"};
static const char *const status_codes[] = {"running", "done", "stopped", "interrupted"};

static void test_kind_codes_round_trip(void **state)
{
    (void)state;
    assert_int_equal(SESSION_KIND_COUNT, sizeof kind_codes / sizeof kind_codes[0]);
    for (int k = 0; k < SESSION_KIND_COUNT; k++) {
        enum session_kind got = SESSION_KIND_COUNT;
        assert_string_equal(session_kind_code((enum session_kind)k), kind_codes[k]);
        assert_int_equal(session_kind_parse(kind_codes[k], &got), 0);
        assert_int_equal(got, k);
        assert_non_null(session_kind_label((enum session_kind)k));
    }
}

static void test_status_codes_round_trip(void **state)
{
    (void)state;
    assert_int_equal(SESSION_STATUS_COUNT, sizeof status_codes / sizeof status_codes[0]);
    for (int s = 0; s < SESSION_STATUS_COUNT; s++) {
        enum session_status got = SESSION_STATUS_COUNT;
        assert_string_equal(session_status_code((enum session_status)s), status_codes[s]);
        assert_int_equal(session_status_parse(status_codes[s], &got), 0);
        assert_int_equal(got, s);
    }
    /* The report's labels come from the same table. */
    assert_string_equal(session_status_label(SESSION_STOPPED), "stopped early");
    assert_string_equal(session_status_label(SESSION_RUNNING), "still running");
}

static void test_unknown_codes_refused(void **state)
{
    static const char *const bad[] = {"", "yoga", "Ice", "ICE", " ice", "ice ", "done!",
                                      "Running", "stretching"};
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum session_kind k = SESSION_HEAT;
        enum session_status s = SESSION_DONE;
        assert_int_equal(session_kind_parse(bad[i], &k), -1);
        assert_int_equal(k, SESSION_HEAT); /* left alone */
        assert_int_equal(session_status_parse(bad[i], &s), -1);
        assert_int_equal(s, SESSION_DONE);
    }
    enum session_kind k = SESSION_ICE;
    enum session_status s = SESSION_DONE;
    assert_int_equal(session_kind_parse(NULL, &k), -1);
    assert_int_equal(session_status_parse(NULL, &s), -1);
    /* A kind code is no status and the other way round. */
    assert_int_equal(session_status_parse("ice", &s), -1);
    assert_int_equal(session_kind_parse("done", &k), -1);
    assert_string_equal(session_kind_code(SESSION_KIND_COUNT), "?");
    assert_string_equal(session_kind_code((enum session_kind)-1), "?");
    assert_string_equal(session_status_code(SESSION_STATUS_COUNT), "?");
    assert_string_equal(session_status_label(SESSION_STATUS_COUNT), "?");
}

static void test_check_from_answers(void **state)
{
    unsigned char answers[REDFLAG_COUNT] = {0};
    struct check c;
    (void)state;
    memset(&c, 0x5a, sizeof c); /* every field must be overwritten */
    check_from_answers(1000, answers, &c);
    assert_int_equal(c.id, 0);
    assert_int_equal(c.taken_at, 1000);
    assert_int_equal(c.verdict, REDFLAG_CLEAR);
    assert_int_equal(c.nanswers, REDFLAG_COUNT);
    assert_int_equal(c.gaps, 0);
    assert_int_equal(check_answer_count(&c), REDFLAG_COUNT);
    for (int i = REDFLAG_COUNT; i < CHECK_MAX_ITEMS; i++)
        assert_int_equal(c.answers[i], 0);

    answers[16] = 1; /* item 17: see a doctor soon */
    answers[11] = 7; /* item 12: urgent; any non-zero is yes */
    check_from_answers(2000, answers, &c);
    assert_int_equal(c.verdict, REDFLAG_URGENT);
    assert_int_equal(c.answers[11], 1);
    assert_int_equal(c.answers[16], 1);
    assert_int_equal(c.verdict, redflags_verdict(c.answers));
    answers[0] = 1; /* item 1: emergency */
    check_from_answers(3000, answers, &c);
    assert_int_equal(c.verdict, REDFLAG_EMERGENCY);
}

/* The checklist being taken: stored at the first emergency yes, then the
 * same check (id, time) brought up to date until every item is answered. */
static void test_check_update_keeps_the_stored_check(void **state)
{
    unsigned char answers[REDFLAG_COUNT];
    struct check c;
    (void)state;
    memset(answers, CHECK_NOT_ASKED, sizeof answers);
    memset(&c, 0, sizeof c);
    answers[0] = CHECK_YES; /* item 1: emergency, the rest not asked */
    check_update(&c, 1000, answers);
    assert_int_equal(c.id, 0);
    assert_int_equal(c.taken_at, 1000);
    assert_int_equal(c.verdict, REDFLAG_EMERGENCY);
    assert_int_equal(c.complete, 0);
    assert_int_equal(check_answer_count(&c), 1);
    assert_true(check_any_yes(&c));

    c.id = 7; /* as store_check_save sets it */
    for (int i = 1; i < REDFLAG_COUNT - 1; i++)
        answers[i] = CHECK_NO;
    check_update(&c, 1060, answers);
    assert_int_equal(c.id, 7);
    assert_int_equal(c.taken_at, 1000); /* when it was first stored */
    assert_int_equal(c.complete, 0);
    assert_int_equal(check_answer_count(&c), REDFLAG_COUNT - 1);
    assert_false(check_has_answer(&c, REDFLAG_COUNT));

    answers[REDFLAG_COUNT - 1] = CHECK_NO;
    check_update(&c, 1120, answers);
    assert_int_equal(c.id, 7);
    assert_int_equal(c.taken_at, 1000);
    assert_int_equal(c.complete, 1);
    assert_int_equal(c.gaps, 0);
    assert_int_equal(c.verdict, REDFLAG_EMERGENCY);

    /* A correction to no leaves the stored check without a yes. */
    answers[0] = CHECK_NO;
    check_update(&c, 1180, answers);
    assert_int_equal(c.id, 7);
    assert_int_equal(c.verdict, REDFLAG_CLEAR);
    assert_false(check_any_yes(&c));
}

static void test_check_answers_with_gaps(void **state)
{
    struct check c;
    (void)state;
    memset(&c, 0, sizeof c);
    assert_int_equal(check_has_answer(&c, 1), 0);
    assert_int_equal(check_set_answer(&c, 3, 1), 0);
    assert_int_equal(c.nanswers, 3);
    assert_int_equal(check_has_answer(&c, 1), 0);
    assert_int_equal(check_has_answer(&c, 2), 0);
    assert_int_equal(check_has_answer(&c, 3), 1);
    assert_int_equal(check_answer_count(&c), 1);
    /* Filling a gap, in any order. */
    assert_int_equal(check_set_answer(&c, 1, 0), 0);
    assert_int_equal(check_has_answer(&c, 1), 1);
    assert_int_equal(check_has_answer(&c, 2), 0);
    assert_int_equal(check_answer_count(&c), 2);
    /* A repeat or an item out of range changes nothing. */
    assert_int_equal(check_set_answer(&c, 3, 0), -1);
    assert_int_equal(c.answers[2], 1);
    assert_int_equal(check_set_answer(&c, 1, 1), -1);
    assert_int_equal(check_set_answer(&c, 0, 1), -1);
    assert_int_equal(check_set_answer(&c, CHECK_MAX_ITEMS + 1, 1), -1);
    assert_int_equal(c.nanswers, 3);
    assert_int_equal(check_set_answer(&c, CHECK_MAX_ITEMS, 1), 0);
    assert_int_equal(c.nanswers, CHECK_MAX_ITEMS);
    assert_int_equal(check_answer_count(&c), 3);
    assert_int_equal(check_has_answer(&c, CHECK_MAX_ITEMS + 1), 0);
}

/* The answer to "Did any exercise make it worse?", of a routine of 5. */
static void test_worse_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int ok;
        uint64_t picked;
    } cases[] = {
        {"", 1, 0},          {"2", 1, 1u << 1},     {"1 3", 1, 1u | 1u << 2},
        {"5,1", 1, 1u | 1u << 4}, {" 2, 2 ", 1, 1u << 1}, {"0", 0, 0},
        {"6", 0, 0},         {"2x", 0, 0},          {"-1", 0, 0},
        {"99999999999", 0, 0}, {"1 a", 0, 0},
    };
    char err[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint64_t picked = 99;
        err[0] = '\0';
        int rc = session_worse_parse(cases[i].text, 5, &picked, err, sizeof err);
        if (rc != (cases[i].ok ? 0 : -1) || picked != cases[i].picked)
            fail_msg("\"%s\": rc %d picked %llu", cases[i].text, rc, (unsigned long long)picked);
        if (!cases[i].ok)
            assert_non_null(strstr(err, "from 1 to 5"));
    }
    uint64_t all = 0;
    assert_int_equal(session_worse_parse("64", SESSION_WORSE_MAX, &all, err, sizeof err), 0);
    assert_true(all == UINT64_C(1) << 63);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_codes_round_trip),
        cmocka_unit_test(test_status_codes_round_trip),
        cmocka_unit_test(test_unknown_codes_refused),
        cmocka_unit_test(test_check_from_answers),
        cmocka_unit_test(test_check_update_keeps_the_stored_check),
        cmocka_unit_test(test_check_answers_with_gaps),
        cmocka_unit_test(test_worse_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

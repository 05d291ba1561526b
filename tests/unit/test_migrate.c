/* SPDX-License-Identifier: BSD-2-Clause */
/* Migrating a database written by release 0.1 (tests/fixtures/release-0.1.db,
 * made with that release's own `unknot log` and `unknot check`): every
 * stored answer moves to the 20-item numbering without losing a yes, the
 * old checks stay complete, the verdicts stay what the patient was told,
 * and the episode and its tags come through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "db/store.h"
#include "src/check.h"
#include "tests/unit/store_fixture.h"

#define FIXTURE "tests/fixtures/release-0.1.db"

/* Copies the fixture to a fresh file in the suite's directory. */
static void fixture_copy(char *path, size_t n, const char *name)
{
    tpath(path, n, name);
    FILE *in = fopen(FIXTURE, "rb"), *out = fopen(path, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[8192];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, got, out), got);
    assert_int_equal(fclose(in), 0);
    assert_int_equal(fclose(out), 0);
}

/* The yes items of a stored check, as "1,7" ("" for none). */
static void yes_items(const struct check *c, char *out, size_t n)
{
    out[0] = '\0';
    for (int item = 1; item <= c->nanswers; item++)
        if (check_has_answer(c, item) && c->answers[item - 1])
            snprintf(out + strlen(out), n - strlen(out), "%s%d", out[0] ? "," : "", item);
}

static void test_release_checks_migrate(void **state)
{
    /* What the fixture's five checks answered yes to with 0.1's numbers,
     * and the same signs in today's numbering (redflags.c's map). */
    static const struct {
        const char *old_yes, *new_yes;
        enum redflag_level verdict;
    } rows[] = {
        {"1", "1", REDFLAG_EMERGENCY},
        {"6,7,11", "6,7,8", REDFLAG_URGENT},
        {"12,13,16", "17,20", REDFLAG_SEE_DOCTOR},
        {"", "", REDFLAG_CLEAR},
        {"8,14,15", "9,15,18", REDFLAG_URGENT},
    };
    (void)state;
    char path[128], err[STORE_ERR_LEN] = "";
    fixture_copy(path, sizeof path, "release.db");
    struct store *st = open_ok(path);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct check c;
        char got[64];
        assert_int_equal(store_check_get(st, (int64_t)i + 1, &c, err, sizeof err), STORE_OK);
        yes_items(&c, got, sizeof got);
        if (strcmp(got, rows[i].new_yes) != 0)
            fail_msg("check %zu (0.1 yes: %s): yes to %s, wanted %s", i + 1, rows[i].old_yes, got,
                     rows[i].new_yes);
        /* the stored verdict is what the patient was told then */
        assert_int_equal(c.verdict, rows[i].verdict);
        assert_int_equal(c.complete, 1);
        /* 16 old answers, two of them now one item */
        assert_int_equal(check_answer_count(&c), 15);
        /* never asked before: no answer, not a "no" */
        static const int new_only[] = {12, 13, 14, 16, 19};
        for (size_t k = 0; k < sizeof new_only / sizeof new_only[0]; k++)
            assert_false(check_has_answer(&c, new_only[k]));
    }
    struct episode ep;
    assert_int_equal(store_episode_get(st, 1, &ep, err, sizeof err), STORE_OK);
    assert_int_equal(ep.intensity, 6);
    assert_string_equal(ep.note, "fixture episode");
    assert_int_equal(ep.ntags, 2);
    assert_int_equal(ep.tags[0].kind, TAG_TRIGGER); /* insertion order kept */
    assert_string_equal(ep.tags[0].text, "lifting");
    assert_string_equal(ep.tags[1].text, "numbness");
    store_close(&st);

    /* Opening again migrates nothing twice. */
    st = open_ok(path);
    struct check c;
    assert_int_equal(store_check_get(st, 2, &c, err, sizeof err), STORE_OK);
    char got[64];
    yes_items(&c, got, sizeof got);
    assert_string_equal(got, "6,7,8");
    /* The migrated table takes "not sure" (the step that rebuilt it kept
     * every answer above, no as no and yes as yes). */
    assert_int_equal(check_unsure_count(&c), 0);
    unsigned char a[REDFLAG_COUNT];
    memset(a, CHECK_NO, sizeof a);
    a[19] = CHECK_UNSURE;
    check_from_answers(0, a, &c);
    assert_int_equal(store_check_add(st, &c, err, sizeof err), STORE_OK);
    struct check back;
    assert_int_equal(store_check_get(st, c.id, &back, err, sizeof err), STORE_OK);
    assert_int_equal(back.answers[19], CHECK_UNSURE);
    assert_int_equal(check_unsure_count(&back), 1);
    assert_int_equal(check_answer_count(&back), REDFLAG_COUNT);
    store_close(&st);
}

/* A partial check is stored at once and completed in place. */
static void test_partial_check_saved_then_completed(void **state)
{
    (void)state;
    struct store *st = open_ok(":memory:");
    char err[STORE_ERR_LEN] = "";
    unsigned char answers[REDFLAG_COUNT];
    memset(answers, CHECK_NOT_ASKED, sizeof answers);
    answers[0] = CHECK_YES;
    struct check c, back;
    check_from_progress(1795000000, answers, &c);
    assert_int_equal(c.complete, 0);
    assert_int_equal(c.verdict, REDFLAG_EMERGENCY);
    assert_int_equal(store_check_save(st, &c, err, sizeof err), STORE_OK);
    assert_true(c.id > 0);
    assert_int_equal(store_check_get(st, c.id, &back, err, sizeof err), STORE_OK);
    assert_int_equal(back.complete, 0);
    assert_int_equal(check_answer_count(&back), 1);
    assert_true(check_any_yes(&back));

    for (int i = 1; i < REDFLAG_COUNT; i++)
        answers[i] = CHECK_NO;
    int64_t id = c.id;
    check_from_progress(1795000060, answers, &c);
    c.id = id;
    assert_int_equal(store_check_save(st, &c, err, sizeof err), STORE_OK);
    assert_int_equal(store_check_get(st, id, &back, err, sizeof err), STORE_OK);
    assert_int_equal(back.complete, 1);
    assert_int_equal(check_answer_count(&back), REDFLAG_COUNT);
    assert_int_equal(back.verdict, REDFLAG_EMERGENCY);
    struct check latest;
    assert_int_equal(store_check_latest(st, &latest, err, sizeof err), STORE_OK);
    assert_int_equal(latest.id, id); /* one check, not two */

    c.id = id + 100;
    assert_int_equal(store_check_save(st, &c, err, sizeof err), STORE_NOT_FOUND);
    store_close(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_release_checks_migrate),
        cmocka_unit_test(test_partial_check_saved_then_completed),
    };
    return cmocka_run_group_tests_name("migrate", tests, store_fixture_setup,
                                       store_fixture_teardown);
}

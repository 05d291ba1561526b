/* SPDX-License-Identifier: BSD-2-Clause */
/* `unknot question`: add (words joined), list numbered with wrapped
 * lines, --delete N, --clear, and the refusals that write nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/cli_fixture.h"

static void test_add_list_delete_clear(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "question"), CLI_OK);
    assert_non_null(strstr(f->out, "No questions for the next visit"));
    assert_int_equal(run(f, "question|Is <b>this</b> & that safe?"), CLI_OK);
    assert_string_equal(f->out, "Saved question 1 for the next visit (1 in all; unknot question "
                                "lists them).\n");
    assert_int_equal(run(f, "question|Can|I|run?"), CLI_OK);
    assert_non_null(strstr(f->out, "Saved question 2 "));
    assert_int_equal(run(f, "question"), CLI_OK);
    assert_string_equal(f->out, "1. Is <b>this</b> & that safe?\n2. Can I run?\n");
    assert_int_equal(run(f, "question|--delete|3"), CLI_USAGE);
    assert_non_null(strstr(f->err, "no question 3"));
    assert_int_equal(run(f, "question|--delete|1"), CLI_OK);
    assert_int_equal(run(f, "question"), CLI_OK);
    assert_string_equal(f->out, "1. Can I run?\n");
    assert_int_equal(run(f, "question|--clear"), CLI_OK);
    assert_string_equal(f->out, "Removed 1 question.\n");
    assert_int_equal(run(f, "question"), CLI_OK);
    assert_non_null(strstr(f->out, "No questions"));
}

/* A long question wraps under its text, after its number. */
static void test_list_wraps_under_the_text(void **state)
{
    struct fixture *f = *state;
    f->width = 30;
    assert_int_equal(run(f, "question|Should I stop lifting my grandson until the spasms "
                            "stop?"), CLI_OK);
    assert_int_equal(run(f, "question"), CLI_OK);
    assert_string_equal(f->out, "1. Should I stop lifting my\n"
                                "   grandson until the spasms\n"
                                "   stop?\n");
}

static void test_refusals_write_nothing(void **state)
{
    struct fixture *f = *state;
    char big[QUESTION_TEXT_MAX + 20];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char line[sizeof big + 16];
    snprintf(line, sizeof line, "question|%s", big);
    static const char *const bad[] = {"question| ", "question|--clear|now",
                                      "question|--delete|x", "question|--delete|1|--clear",
                                      "question|two\nlines"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (run(f, bad[i]) != CLI_USAGE)
            fail_msg("%s: not refused", bad[i]);
    assert_int_equal(run(f, line), CLI_USAGE);
    assert_non_null(strstr(f->err, "longer than 500 bytes"));
    assert_int_equal(run(f, "question"), CLI_OK);
    assert_non_null(strstr(f->out, "No questions"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_list_delete_clear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_wraps_under_the_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals_write_nothing, setup, teardown),
    };
    return cmocka_run_group_tests_name("cli question", tests, NULL, NULL);
}

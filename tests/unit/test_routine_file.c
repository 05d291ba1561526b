/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/routine_file.c: what a good routine file gives, and every
 * kind of bad file refused at the right line with a reason that says
 * what is accepted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/episode.h"
#include "src/routine_file.h"
#include "src/routines.h"

/* A routine file's head and one good exercise, for the cases to vary. */
#define HEAD "name = My routine\nregion = lower\n"
#define EX "[exercise]\nname = Tilt\nposition = On your back.\ninstruction = Tilt.\n"

static struct routine r; /* 30 KB: off the stack */

static int parse(const char *text, size_t len, const char *code, struct routine_error *e)
{
    return routine_file_parse(text, len, code, &r, e);
}

static void test_good_file(void **state)
{
    static const char text[] =
        "# my physio's sheet\r\n"
        "name\t=  Übungen von Dr. Lee  \r\n"
        "region = mid, Upper\r\n"
        "summary = Twice a day.\r\n"
        "caution = Not after a fall.\r\n"
        "caution = Stop if dizzy.\r\n"
        "\r\n"
        "[position]\r\n"
        "instruction = Sit on a chair, slowly.\r\n"
        "time = 15\r\n"
        "[exercise]\r\n"
        "name = Side stretch\r\n"
        "position = Sitting tall.\r\n"
        "instruction = Reach your {SIDE} arm over your head.\r\n"
        "hold = 20\r\n"
        "rest = 8\r\n"
        "reps = 3\r\n"
        "sides = both\r\n"
        "caution = Gently.\r\n"
        "stop-if-pain-above = 4\r\n";
    struct routine_error e;
    (void)state;
    assert_int_equal(parse(text, strlen(text), "lee", &e), 0);
    assert_string_equal(r.code, "lee");
    assert_string_equal(r.name, "Übungen von Dr. Lee");
    assert_int_equal(r.name_line, 2);
    assert_int_equal(r.regions, 1u << REGION_MID | 1u << REGION_UPPER);
    assert_string_equal(r.summary, "Twice a day.");
    assert_int_equal(r.ncautions, 2);
    assert_string_equal(r.cautions[1], "Stop if dizzy.");
    assert_int_equal(r.nsteps, 2);
    assert_int_equal(r.steps[0].kind, RSTEP_POSITION);
    assert_int_equal(r.steps[0].hold_s, 15);
    assert_int_equal(r.steps[0].line, 8);
    const struct routine_step *st = &r.steps[1];
    assert_int_equal(st->kind, RSTEP_EXERCISE);
    assert_int_equal(st->line, 11);
    assert_string_equal(st->name, "Side stretch");
    assert_string_equal(st->instruction, "Reach your {SIDE} arm over your head.");
    assert_int_equal(st->hold_s, 20);
    assert_int_equal(st->switchable, 0);
    assert_int_equal(st->rest_s, 8);
    assert_int_equal(st->reps, 3);
    assert_int_equal(st->sides, SIDES_BOTH);
    assert_string_equal(st->caution, "Gently.");
    assert_int_equal(st->stop_above, 4);
    assert_int_equal(r.switchable, 0);
    assert_int_equal(r.hold_s, 0);
    /* move, then L L L switch R R R with rests between, and the finish */
    assert_int_equal(routine_plan_steps(&r), 1 + 3 + 2 + 1 + 3 + 2 + 1);
}

static void test_defaults_and_switch(void **state)
{
    static const char text[] = HEAD EX "hold = 30 or 5\n" EX "hold = 30 or 5\nrest = 0\n"
                               "[position]\ninstruction = Stand up.\n";
    struct routine_error e;
    (void)state;
    assert_int_equal(parse(text, strlen(text), "mine", &e), 0);
    assert_int_equal(r.steps[0].reps, 1);
    assert_int_equal(r.steps[0].sides, SIDES_NONE);
    assert_int_equal(r.steps[0].rest_s, -1);
    assert_int_equal(r.steps[0].stop_above, -1);
    assert_int_equal(r.steps[0].switchable, 1);
    assert_int_equal(r.switchable, 1);
    assert_int_equal(r.hold_s, 30);
    assert_int_equal(routine_step_rest_s(&r.steps[0], 30), 10);
    assert_int_equal(routine_step_rest_s(&r.steps[0], 5), 5);
    assert_int_equal(routine_step_rest_s(&r.steps[0], 20), 5);
    assert_int_equal(routine_step_rest_s(&r.steps[1], 30), 0);
    assert_int_equal(r.steps[2].hold_s, ROUTINE_MOVE_DEFAULT_S);
    assert_string_equal(r.steps[2].name, "Change position");
}

/* What each bad file is refused for, and where. */
static void test_bad_files(void **state)
{
    static const struct {
        const char *what, *text;
        long line;
        const char *words;
    } cases[] = {
        {"missing hold", HEAD EX "reps = 2\n", 3, "has no hold: add \"hold = SECONDS\""},
        {"hold 0", HEAD EX "hold = 0\n", 7, "from 1 to 600"},
        {"hold 601", HEAD EX "hold = 601\n", 7, "from 1 to 600"},
        {"hold minus", HEAD EX "hold = -5\n", 7, "whole number of seconds"},
        {"the switch is 5 or 30", HEAD EX "hold = 10 or 20\n", 7, "\"5 or 30\" or \"30 or 5\""},
        {"reps 1000", HEAD EX "hold = 5\nreps = 1000\n", 8, "repetitions from 1 to 50"},
        {"reps 0", HEAD EX "hold = 5\nreps = 0\n", 8, "from 1 to 50"},
        {"unknown key", HEAD EX "hold = 5\nspeed = fast\n", 8,
         "unknown key \"speed\" in an [exercise]: use name, position, instruction, hold"},
        {"unknown routine key", HEAD "hold = 5\n" EX "hold = 5\n", 3,
         "before the first stanza: use name, region, summary, caution"},
        {"a tab in a name", "name = My\troutine\nregion = lower\n" EX "hold = 5\n", 1,
         "a tab inside a value"},
        {"no instruction", HEAD "[exercise]\nname = Tilt\nposition = Here.\nhold = 5\n", 3,
         "\"Tilt\" has no instruction"},
        {"no position", HEAD "[exercise]\nname = Tilt\ninstruction = Tilt.\nhold = 5\n", 3,
         "has no position"},
        {"an exercise without a name", HEAD "[exercise]\nposition = a\ninstruction = b\nhold = 5\n",
         3, "has no name"},
        {"a name twice", "name = A\nregion = lower\nname = B\n" EX "hold = 5\n", 3,
         "name is given twice"},
        {"hold twice", HEAD EX "hold = 5\nhold = 30\n", 8, "hold is given twice"},
        {"non-UTF-8", HEAD EX "hold = 5\ncaution = caf\xe9 au lait\n", 8, "not UTF-8 text"},
        {"an escape", HEAD EX "hold = 5\ncaution = \x1b[31mred\n", 8, "control character"},
        {"no name", "region = lower\n" EX "hold = 5\n", 1, "has no name"},
        {"no region", "name = A\n" EX "hold = 5\n", 1, "has no region"},
        {"bad region", "name = A\nregion = knee\n" EX "hold = 5\n", 2,
         "use lower, mid, upper or neck"},
        {"bad sides", HEAD EX "hold = 5\nsides = up\n", 8, "use none, both, left or right"},
        {"{SIDE} without sides", HEAD
         "[exercise]\nname = T\nposition = P.\ninstruction = Lift your {SIDE} leg.\nhold = 5\n",
         3, "says {side} but has no sides"},
        {"pain above 10", HEAD EX "hold = 5\nstop-if-pain-above = 10\n", 8, "from 0 to 9"},
        {"no equals", HEAD EX "hold 5\n", 7, "not a \"key = value\" line"},
        {"unknown stanza", HEAD "[exercize]\n", 3, "use [exercise] or [position]"},
        {"no exercise", HEAD "[position]\ninstruction = Sit.\n", 4, "has no [exercise]"},
        {"empty position step", HEAD "[position]\ntime = 5\n" EX "hold = 5\n", 3,
         "[position] has no instruction"},
        {"a long instruction", HEAD EX "hold = 5\ncaution = "
         "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
         "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
         "xxxxxxxxxxxxxxxxxxxxxxxx\n", 8, "at most 199"},
        {"too many timer steps", HEAD EX "hold = 5\nreps = 50\nsides = both\n"
         "[exercise]\nname = More\nposition = P.\ninstruction = I.\nhold = 5\nreps = 50\n", 10,
         "passes 256"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct routine_error e = {-1, ""};
        if (parse(cases[i].text, strlen(cases[i].text), "mine", &e) != -1)
            fail_msg("%s: accepted", cases[i].what);
        if (e.line != cases[i].line || !strstr(e.msg, cases[i].words))
            fail_msg("%s: line %ld \"%s\"; want line %ld with \"%s\"", cases[i].what, e.line,
                     e.msg, cases[i].line, cases[i].words);
        assert_null(strchr(e.msg, '\n'));
    }
}

/* A 2 MB file is refused as a whole, before any line is read. */
static void test_huge_file(void **state)
{
    size_t len = 2 * 1024 * 1024;
    char *big = malloc(len);
    struct routine_error e;
    (void)state;
    assert_non_null(big);
    memset(big, '#', len);
    assert_int_equal(parse(big, len, "mine", &e), -1);
    assert_int_equal(e.line, 0);
    assert_non_null(strstr(e.msg, "the file is 2097152 bytes: a routine file is at most 65536"));
    free(big);
}

/* Names are unique: an own routine may take neither a built-in's name
 * nor its code. */
static void test_duplicate_names(void **state)
{
    static struct routine builtins[8];
    static const char same_name[] = "# mine\nname = daily STRETCH\nregion = lower\n" EX "hold = 5\n";
    struct routine_error e;
    size_t n = routines_builtin_count();
    (void)state;
    assert_true(n <= 8);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(routines_builtin(i, &builtins[i], &e), 0);
    assert_int_equal(parse(same_name, strlen(same_name), "mine", &e), 0);
    assert_int_equal(routine_check_unique(&r, builtins, n, &e), -1);
    assert_int_equal(e.line, 2);
    assert_non_null(strstr(e.msg, "is taken by routine \"daily\""));
    /* A file named like a built-in. */
    static const char other[] = HEAD EX "hold = 5\n";
    assert_int_equal(parse(other, strlen(other), "mobility", &e), 0);
    assert_int_equal(routine_check_unique(&r, builtins, n, &e), -1);
    assert_int_equal(e.line, 0);
    assert_non_null(strstr(e.msg, "rename the file"));
    assert_int_equal(parse(other, strlen(other), "mine", &e), 0);
    assert_int_equal(routine_check_unique(&r, builtins, n, &e), 0);
}

static void test_codes_from_file_names(void **state)
{
    static const struct {
        const char *name, *code;
    } cases[] = {
        {"mine.routine", "mine"},
        {"/home/a/.config/unknot/routines/dr-lee-2.routine", "dr-lee-2"},
        {"My Routine.routine", NULL},
        {"mine.txt", NULL},
        {".routine", NULL},
        {"a_b.routine", NULL},
        {"abcdefghijklmnopqrstuvwxyz012345.routine", NULL}, /* 32: one too many */
        {"abcdefghijklmnopqrstuvwxyz01234.routine", "abcdefghijklmnopqrstuvwxyz01234"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char code[ROUTINE_CODE_LEN], err[ROUTINE_ERR_LEN] = "";
        int rc = routine_code_from_name(cases[i].name, code, sizeof code, err, sizeof err);
        if (cases[i].code) {
            assert_int_equal(rc, 0);
            assert_string_equal(code, cases[i].code);
        } else {
            assert_int_equal(rc, -1);
            assert_non_null(strstr(err, ".routine"));
        }
    }
    assert_true(routine_code_valid("first-aid"));
    assert_false(routine_code_valid("First"));
    assert_false(routine_code_valid(""));
    assert_false(routine_code_valid(NULL));
    assert_string_equal(routine_sides_code(SIDES_LEFT), "left");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_defaults_and_switch),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_huge_file),
        cmocka_unit_test(test_duplicate_names),
        cmocka_unit_test(test_codes_from_file_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

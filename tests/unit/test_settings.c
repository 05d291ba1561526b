/* SPDX-License-Identifier: BSD-2-Clause */
/* settings: the settings file's lines, good and bad, and the emergency
 * number the advice then names (CONTENT.md, Principle 5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "src/settings.h"
#include "tests/memfile.h"

static void test_lines(void **state)
{
    static const struct {
        const char *line;
        int rc;
        const char *number; /* after the line, from "112" */
        const char *msg;    /* part of the message of a bad line */
    } rows[] = {
        {"", 0, "112", NULL},
        {"   ", 0, "112", NULL},
        {"# emergency_number = 1", 0, "112", NULL},
        {"; emergency_number = 1", 0, "112", NULL},
        {"[general]", 0, "112", NULL},
        {"emergency_number = 999", 0, "999", NULL},
        {"  emergency_number=911  ", 0, "911", NULL},
        {"emergency_number = +44 20 7946-0000", 0, "+44 20 7946-0000", NULL},
        {"emergency_number =", -1, "112", "not a phone number"},
        {"emergency_number = call me", -1, "112", "not a phone number"},
        {"emergency_number = 9+9", -1, "112", "not a phone number"},
        {"emergency_number = 123456789012345678901", -1, "112", "up to 20 characters"},
        {"emergency_number 999", -1, "112", "key = value"},
        {"[general", -1, "112", "closing ']'"},
        {"colour = blue", -1, "112", "unknown setting \"colour\""},
        {"= 999", -1, "112", "unknown setting \"\""},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct settings s;
        char err[256] = "";
        settings_init(&s);
        strcpy(s.emergency_number, "112");
        int rc = settings_apply_line(&s, rows[i].line, err, sizeof err);
        if (rc != rows[i].rc)
            fail_msg("\"%s\": %d, wanted %d (%s)", rows[i].line, rc, rows[i].rc, err);
        assert_string_equal(s.emergency_number, rows[i].number);
        if (rows[i].msg && (!strstr(err, rows[i].msg) || strchr(err, '\n')))
            fail_msg("\"%s\": message \"%s\" lacks \"%s\"", rows[i].line, err, rows[i].msg);
    }
}

struct seen {
    int n;
    char msgs[4][256];
};

static void collect(void *ctx, const char *msg)
{
    struct seen *seen = ctx;
    if (seen->n < 4)
        snprintf(seen->msgs[seen->n], sizeof seen->msgs[0], "%s", msg);
    seen->n++;
}

/* Bad lines are reported with their number and skipped; the rest applies,
 * a later value winning; a line too long to read is one bad line. */
static void test_read_file(void **state)
{
    char doc[2048];
    char longline[700];
    memset(longline, 'x', sizeof longline - 1);
    longline[sizeof longline - 1] = '\0';
    snprintf(doc, sizeof doc,
             "# my settings\n"
             "emergency_number = 112\n"
             "shout = yes\n"
             "%s\n"
             "emergency_number = 999\r\n"
             "emergency_number = nope",
             longline);
    (void)state;
    FILE *f = memfile_open(doc, strlen(doc));
    assert_non_null(f);
    struct settings s;
    struct seen seen = {0};
    settings_init(&s);
    assert_int_equal(settings_read(f, &s, collect, &seen), 3);
    fclose(f);
    assert_int_equal(seen.n, 3);
    assert_non_null(strstr(seen.msgs[0], "line 3: unknown setting \"shout\""));
    assert_non_null(strstr(seen.msgs[1], "line 4: longer than 512 bytes"));
    assert_non_null(strstr(seen.msgs[2], "line 6: emergency_number \"nope\""));
    assert_string_equal(s.emergency_number, "999");
}

static void test_advice_names_the_number(void **state)
{
    (void)state;
    const char *generic = redflag_level_advice(REDFLAG_EMERGENCY);
    assert_non_null(strstr(generic, "112 in Europe"));
    assert_int_equal(redflags_set_emergency_number("999"), 0);
    const char *mine = redflag_level_advice(REDFLAG_EMERGENCY);
    assert_non_null(strstr(mine, "Call 999 or go to an emergency department (A&E / ER) now."));
    assert_non_null(strstr(mine, "Do not drive yourself."));
    assert_non_null(strstr(mine, "Stretches, ice and heat do"));
    assert_null(strstr(mine, "112 in Europe"));
    assert_null(strstr(mine, "If you are worried"));
    /* lines still fit a terminal with the longest number */
    assert_int_equal(redflags_set_emergency_number("+44 20 7946 0000 000"), 0);
    for (const char *p = redflag_level_advice(REDFLAG_EMERGENCY); *p;) {
        size_t len = strcspn(p, "\n");
        assert_true(len <= 78);
        p += len + (p[len] == '\n');
    }
    /* the urgent advice does not change; a bad number changes nothing */
    assert_null(strstr(redflag_level_advice(REDFLAG_URGENT), "999"));
    assert_int_equal(redflags_set_emergency_number("nine"), -1);
    assert_non_null(strstr(redflag_level_advice(REDFLAG_EMERGENCY), "+44 20 7946 0000 000"));
    assert_int_equal(redflags_set_emergency_number(""), 0);
    assert_string_equal(redflag_level_advice(REDFLAG_EMERGENCY), generic);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_advice_names_the_number),
    };
    return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}

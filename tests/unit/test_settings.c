/* SPDX-License-Identifier: BSD-2-Clause */
/* settings: the settings file's lines, good and bad, and the emergency
 * number the advice then names (CONTENT.md, Principle 5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "src/routines.h"
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

/* Every key, good and bad values: what the parser takes, what it reads
 * back as, and that a refused value leaves the field as it was. */
static void test_values(void **state)
{
    static const struct {
        const char *key, *value;
        int ok;
        const char *back; /* settings_value after it; for a bad value, the default */
    } rows[] = {
        {"emergency_number", "999", 1, "999"},
        {"emergency_number", "+1 555-0100", 1, "+1 555-0100"},
        {"emergency_number", "call", 0, ""},
        {"emergency_number", "", 0, ""},
        {"ice_minutes", "10", 1, "10"},
        {"ice_minutes", "20", 1, "20"},
        {"ice_minutes", "9", 0, "20"},
        {"ice_minutes", "21", 0, "20"},
        {"ice_minutes", "15m", 0, "20"},
        {"ice_minutes", "-15", 0, "20"},
        {"ice_minutes", "off", 0, "20"},
        {"heat_minutes", "12", 1, "12"},
        {"heat_minutes", "25", 0, "20"},
        {"heat_minutes", "", 0, "20"},
        {"stretch_hold", "5", 1, "5"},
        {"stretch_hold", "30", 1, "30"},
        {"stretch_hold", "Routine", 1, "routine"},
        {"stretch_hold", "10", 0, "routine"},
        {"stretch_hold", "0", 0, "routine"},
        {"report_days", "30", 1, "30"},
        {"report_days", "1", 1, "1"},
        {"report_days", "3650", 1, "3650"},
        {"report_days", "0", 0, "90"},
        {"report_days", "3651", 0, "90"},
        {"report_days", "99999999999", 0, "90"},
        {"report_format", "markdown", 1, "markdown"},
        {"report_format", "md", 1, "markdown"},
        {"report_format", "JSON", 1, "json"},
        {"report_format", "pdf", 0, "text"},
        {"bell", "off", 1, "off"},
        {"bell", "On", 1, "on"},
        {"bell", "yes", 0, "on"},
        {"bell", "", 0, "on"},
        {"remind_no_entry_by", "07:05", 1, "07:05"},
        {"remind_no_entry_by", "23:59", 1, "23:59"},
        {"remind_no_entry_by", "off", 1, "off"},
        {"remind_no_entry_by", "24:00", 0, "20:00"},
        {"remind_no_entry_by", "7:05", 0, "20:00"},
        {"remind_no_entry_by", "20:60", 0, "20:00"},
        {"remind_no_entry_by", "2000", 0, "20:00"},
        {"remind_ice_ok", "off", 1, "off"},
        {"remind_ice_ok", "1", 0, "on"},
        {"remind_ongoing_hours", "1", 1, "1"},
        {"remind_ongoing_hours", "72", 1, "72"},
        {"remind_ongoing_hours", "off", 1, "off"},
        {"remind_ongoing_hours", "0", 0, "6"},
        {"remind_ongoing_hours", "73", 0, "6"},
        {"remind_flags", "off", 1, "off"},
        {"remind_flags", "maybe", 0, "on"},
        {"remind_weekly", "off", 1, "off"},
        {"remind_weekly", "on", 1, "on"},
        {"remind_weekly", "sometimes", 0, "on"},
        {"remind_medication", "off", 1, "off"},
        {"remind_medication", "on", 1, "on"},
        {"remind_medication", "later", 0, "on"},
        {"remind_command", "notify-send -u critical %title %body", 1,
         "notify-send -u critical %title %body"},
        {"remind_command", "logger -t unknot %kind:%title 100%%", 1,
         "logger -t unknot %kind:%title 100%%"},
        {"remind_command", "", 1, ""},
        {"remind_command", "notify-send %titel", 0, ""},
        {"remind_command", "a\tb\x01", 0, ""},
        {"cue_command", "paplay /usr/share/sounds/bell.oga", 1,
         "paplay /usr/share/sounds/bell.oga"},
        {"cue_command", "say \x1b[2J", 0, ""},
        {"cue_command", "notify-send %cue %step %side 100%%", 1,
         "notify-send %cue %step %side 100%%"},
        {"cue_command", "notify-send %title", 0, ""}, /* a reminder's variable */
        {"colour", "blue", 0, NULL},
    };
    int seen[SETTINGS_KEYS_MAX] = {0};
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct settings s;
        char err[256] = "", back[SETTINGS_TEXT_MAX];
        settings_init(&s);
        int rc = settings_set(&s, rows[i].key, rows[i].value, err, sizeof err);
        if ((rc == 0) != rows[i].ok)
            fail_msg("%s = \"%s\": %d (%s)", rows[i].key, rows[i].value, rc, err);
        if (!rows[i].ok && (!err[0] || strchr(err, '\n') || !strstr(err, rows[i].key)))
            fail_msg("%s = \"%s\": message \"%s\"", rows[i].key, rows[i].value, err);
        const struct setting_def *d = settings_find(rows[i].key);
        if (!d)
            continue;
        seen[d - settings_def_at(0)] |= rows[i].ok ? 1 : 2;
        settings_value(&s, d, back, sizeof back);
        assert_string_equal(back, rows[i].back);
    }
    /* every key has a good and a bad value above */
    for (size_t i = 0; i < settings_count(); i++)
        if (seen[i] != 3)
            fail_msg("%s lacks a good or a bad row", settings_def_at(i)->key);
}

/* The table itself: unique keys, a help line each, every default read
 * back as written, and the fields the code reads at those defaults. */
static void test_table(void **state)
{
    struct settings s;
    char back[SETTINGS_TEXT_MAX], acc[128], err[256];
    (void)state;
    settings_init(&s);
    assert_true(settings_count() >= 14);
    assert_null(settings_def_at(settings_count()));
    for (size_t i = 0; i < settings_count(); i++) {
        const struct setting_def *d = settings_def_at(i);
        assert_ptr_equal(settings_find(d->key), d);
        assert_true(strlen(d->key) < SETTINGS_KEY_MAX);
        assert_true(d->help && d->help[0] && !strchr(d->help, '\n'));
        settings_value(&s, d, back, sizeof back);
        assert_string_equal(back, d->def);
        settings_accepted(d, acc, sizeof acc);
        assert_true(acc[0] != '\0');
        assert_int_equal(s.line[i], 0);
        /* the default is itself a value the parser takes */
        struct settings t;
        settings_init(&t);
        if (d->def[0] || d->type == SETTING_TEXT || d->type == SETTING_COMMAND ||
            d->type == SETTING_CUE_COMMAND)
            assert_int_equal(settings_set(&t, d->key, d->def, err, sizeof err), 0);
    }
    assert_int_equal(s.ice_minutes, THERAPY_ICE_DEFAULT_MIN);
    assert_int_equal(s.heat_minutes, THERAPY_HEAT_DEFAULT_MIN);
    assert_int_equal(s.report_days, REPORT_DEFAULT_DAYS);
    assert_int_equal(s.report_format, REPORT_TEXT);
    assert_int_equal(s.stretch_hold, 0);
    assert_int_equal(s.bell, 1);
    assert_int_equal(s.remind_no_entry_by, 20 * 60);
    assert_int_equal(s.remind_weekly, 1);
    assert_int_equal(s.remind_medication, 1);
    assert_string_equal(s.remind_command, "");
    assert_string_equal(s.cue_command, "");
}

/* The manual's SETTINGS section lists every key of the table, each with
 * its default, and no key the table lacks. */
static void test_man_section(void **state)
{
    FILE *f = fopen("man/unknot.1", "r");
    char line[512], item[SETTINGS_KEY_MAX] = "";
    int in_section = 0, listed[SETTINGS_KEYS_MAX] = {0}, has_default[SETTINGS_KEYS_MAX] = {0};
    long cur = -1;
    (void)state;
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, ".Sh ", 4) == 0) {
            in_section = strcmp(line, ".Sh SETTINGS\n") == 0;
            continue;
        }
        if (!in_section)
            continue;
        /* a key's item: ".It Cm KEY No = Ar VALUE" */
        if (sscanf(line, ".It Cm %31s No =", item) == 1 && strstr(line, " No = ")) {
            const struct setting_def *d = settings_find(item);
            if (!d)
                fail_msg("the manual lists \"%s\", which is no setting", item);
            cur = d - settings_def_at(0);
            listed[cur]++;
            continue;
        }
        /* its default: "Default:" then ".Cm VALUE", or "Default: empty." */
        if (cur >= 0 && strncmp(line, "Default:", 8) == 0) {
            const char *def = settings_def_at((size_t)cur)->def;
            char want[64];
            snprintf(want, sizeof want, ".Cm %s", def);
            if (!def[0])
                has_default[cur] = strcmp(line, "Default: empty.\n") == 0;
            else if (fgets(line, sizeof line, f))
                has_default[cur] = strncmp(line, want, strlen(want)) == 0 &&
                                   (line[strlen(want)] == ' ' || line[strlen(want)] == '\n');
        }
    }
    fclose(f);
    for (size_t i = 0; i < settings_count(); i++) {
        if (listed[i] != 1)
            fail_msg("the manual's SETTINGS lists %s %d times", settings_def_at(i)->key,
                     listed[i]);
        if (!has_default[i])
            fail_msg("the manual does not give the default of %s (\"%s\")",
                     settings_def_at(i)->key, settings_def_at(i)->def);
    }
}

/* config KEY VALUE's text: the first line of a key becomes the new one,
 * later ones go, every other line is kept byte for byte. */
static void test_rewrite(void **state)
{
    static const struct {
        const char *in, *key, *value, *out;
        int found;
    } rows[] = {
        {"# mine\nice_minutes = 15\n; other\n", "ice_minutes", "12",
         "# mine\nice_minutes = 12\n; other\n", 1},
        {"# mine\n  bell=off  \r\nbogus line\n", "ice_minutes", "12",
         "# mine\n  bell=off  \r\nbogus line\nice_minutes = 12\n", 0},
        {"bell = off", "ice_minutes", "12", "bell = off\nice_minutes = 12\n", 0},
        {"", "bell", "off", "bell = off\n", 0},
        {"ice_minutes = 15\n[x]\nice_minutes=bad\n# ice_minutes = 9\n", "ice_minutes", "11",
         "ice_minutes = 11\n[x]\n# ice_minutes = 9\n", 2},
        {"a = 1\nice_minutes = 15\nb = 2\nice_minutes = 16\n", "ice_minutes", NULL,
         "a = 1\nb = 2\n", 2},
        {"a = 1\n", "ice_minutes", NULL, "a = 1\n", 0},
        {"ice_minutes_x = 1\n", "ice_minutes", NULL, "ice_minutes_x = 1\n", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *in = rows[i].in[0] ? memfile_open(rows[i].in, strlen(rows[i].in)) : NULL;
        FILE *out = open_memstream(&buf, &len);
        assert_non_null(out);
        assert_int_equal(settings_rewrite(in, out, rows[i].key, rows[i].value), rows[i].found);
        fclose(out);
        if (in)
            fclose(in);
        if (strcmp(buf, rows[i].out) != 0)
            fail_msg("row %zu: got \"%s\"", i, buf);
        free(buf);
    }
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
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_man_section),
        cmocka_unit_test(test_rewrite),
        cmocka_unit_test(test_advice_names_the_number),
    };
    return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}

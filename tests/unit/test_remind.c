/* SPDX-License-Identifier: BSD-2-Clause */
/* remind: the rules under an injected clock (TZ=UTC), each firing once
 * until its state changes; the state file; the command's argv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/remind.h"
#include "src/routines.h"
#include "tests/memfile.h"

#define DAY0 1795046400LL /* 2026-11-19 00:00:00 UTC */
#define AT(h, m) (DAY0 + (h) * 3600LL + (m) * 60LL)

static int setup(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    return 0;
}

/* Only the rule under test on. */
static void only(struct settings *s, const char *key, const char *value)
{
    char err[256];
    settings_init(s);
    settings_set(s, "remind_no_entry_by", "off", err, sizeof err);
    settings_set(s, "remind_ice_ok", "off", err, sizeof err);
    settings_set(s, "remind_ongoing_hours", "off", err, sizeof err);
    settings_set(s, "remind_flags", "off", err, sizeof err);
    settings_set(s, "remind_weekly", "off", err, sizeof err);
    settings_set(s, "remind_medication", "off", err, sizeof err);
    assert_int_equal(settings_set(s, key, value, err, sizeof err), 0);
}

static struct remind_facts facts_at(int64_t now)
{
    struct remind_facts f;
    memset(&f, 0, sizeof f);
    f.now = now;
    f.warning = REDFLAG_CLEAR;
    return f;
}

/* Runs the rules on f with *st, returns how many fired of kind. */
static size_t fired(const struct settings *s, const struct remind_facts *f,
                    struct remind_state *st, enum remind_kind kind, struct remind_list *out)
{
    size_t n = 0;
    remind_check(s, f, st, out);
    for (size_t i = 0; i < out->n; i++) {
        n += out->r[i].kind == kind;
        assert_non_null(out->r[i].title[0] ? out->r[i].title : NULL);
        assert_null(strchr(out->r[i].body, '\n'));
    }
    return n;
}

static void test_no_entry(void **state)
{
    struct settings s;
    struct remind_state st = {0};
    struct remind_list out;
    (void)state;
    only(&s, "remind_no_entry_by", "20:00");
    struct remind_facts f = facts_at(AT(19, 59));
    f.last_logged_at = AT(-30, 0); /* the day before yesterday */
    assert_int_equal(fired(&s, &f, &st, REMIND_NO_ENTRY, &out), 0);
    f.now = AT(20, 1);
    assert_int_equal(fired(&s, &f, &st, REMIND_NO_ENTRY, &out), 1);
    assert_string_equal(st.fp[REMIND_NO_ENTRY], "2026-11-19");
    assert_non_null(strstr(out.r[0].title, "nothing logged today"));
    f.now = AT(22, 30); /* the same day: once */
    assert_int_equal(fired(&s, &f, &st, REMIND_NO_ENTRY, &out), 0);
    f.now = AT(24 + 19, 0); /* the next day, before the hour */
    assert_int_equal(fired(&s, &f, &st, REMIND_NO_ENTRY, &out), 0);
    f.now = AT(24 + 20, 0);
    assert_int_equal(fired(&s, &f, &st, REMIND_NO_ENTRY, &out), 1);
    /* something logged today, even just after midnight: nothing */
    struct remind_state fresh = {0};
    f.last_logged_at = AT(24, 0);
    assert_int_equal(fired(&s, &f, &fresh, REMIND_NO_ENTRY, &out), 0);
    /* off: nothing, state untouched */
    only(&s, "remind_flags", "off");
    f.last_logged_at = 0;
    assert_int_equal(fired(&s, &f, &fresh, REMIND_NO_ENTRY, &out), 0);
    assert_string_equal(fresh.fp[REMIND_NO_ENTRY], "");
}

static void test_ice_ok(void **state)
{
    struct settings s;
    struct remind_state st = {0};
    struct remind_list out;
    (void)state;
    only(&s, "remind_ice_ok", "on");
    struct remind_facts f = facts_at(AT(12, 0) + ICE_MIN_GAP_S - 1);
    f.last_ice_end = AT(12, 0);
    assert_int_equal(fired(&s, &f, &st, REMIND_ICE_OK, &out), 0);
    f.now = AT(12, 0) + ICE_MIN_GAP_S;
    assert_int_equal(fired(&s, &f, &st, REMIND_ICE_OK, &out), 1);
    assert_non_null(strstr(out.r[0].body, "2026-11-19 12:00"));
    f.now += 900; /* the next run: once */
    assert_int_equal(fired(&s, &f, &st, REMIND_ICE_OK, &out), 0);
    /* a new ice session: once more after its gap */
    f.last_ice_end = AT(15, 0);
    f.now = AT(15, 0) + ICE_MIN_GAP_S + 60;
    assert_int_equal(fired(&s, &f, &st, REMIND_ICE_OK, &out), 1);
    /* a session long past is no news */
    struct remind_state fresh = {0};
    f.now = AT(15, 0) + ICE_MIN_GAP_S + REMIND_ICE_LATE_S;
    assert_int_equal(fired(&s, &f, &fresh, REMIND_ICE_OK, &out), 0);
    /* no ice at all */
    f.last_ice_end = 0;
    assert_int_equal(fired(&s, &f, &fresh, REMIND_ICE_OK, &out), 0);
}

static void test_ongoing(void **state)
{
    struct settings s;
    struct remind_state st = {0};
    struct remind_list out;
    (void)state;
    only(&s, "remind_ongoing_hours", "3");
    struct remind_facts f = facts_at(AT(10, 59));
    f.ongoing_id = 7;
    f.ongoing_started_at = AT(7, 30);
    f.ongoing_updated_at = AT(8, 0);
    assert_int_equal(fired(&s, &f, &st, REMIND_ONGOING, &out), 0);
    f.now = AT(11, 0);
    assert_int_equal(fired(&s, &f, &st, REMIND_ONGOING, &out), 1);
    assert_non_null(strstr(out.r[0].title, "episode 7 is still ongoing"));
    assert_non_null(strstr(out.r[0].body, "not updated for 3h"));
    f.now = AT(18, 0); /* still not updated: once */
    assert_int_equal(fired(&s, &f, &st, REMIND_ONGOING, &out), 0);
    f.ongoing_updated_at = AT(18, 30); /* updated, then stale again */
    f.now = AT(21, 29);
    assert_int_equal(fired(&s, &f, &st, REMIND_ONGOING, &out), 0);
    f.now = AT(21, 30);
    assert_int_equal(fired(&s, &f, &st, REMIND_ONGOING, &out), 1);
    f.ongoing_id = 0; /* ended */
    f.now = AT(30, 0);
    assert_int_equal(fired(&s, &f, &st, REMIND_ONGOING, &out), 0);
}

#define DAY(d, h) AT((d) * 24 + (h), 0)

/* Due CHECKIN_WEEKLY_DAYS local days after the last one; once, then again
 * each week it stays due; a check-in done starts over; none ever: never. */
static void test_weekly(void **state)
{
    struct settings s;
    struct remind_state st = {0};
    struct remind_list out;
    char fp[REMIND_FP_MAX];
    (void)state;
    only(&s, "remind_weekly", "on");
    struct remind_facts f = facts_at(DAY(100, 9));
    assert_int_equal(fired(&s, &f, &st, REMIND_WEEKLY, &out), 0); /* none ever */
    f.have_weekly = 1;
    f.last_weekly_at = DAY(0, 9);
    static const struct {
        int64_t now;
        size_t fires;
        const char *weeks; /* the fingerprint's weeks after it fired */
    } steps[] = {
        {DAY(7, 0) - 1, 0, NULL}, {DAY(7, 0), 1, "0"},  {DAY(7, 12), 0, NULL},
        {DAY(13, 23), 0, NULL},   {DAY(14, 0), 1, "1"}, {DAY(20, 9), 0, NULL},
        {DAY(28, 9), 1, "3"},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        f.now = steps[i].now;
        if (fired(&s, &f, &st, REMIND_WEEKLY, &out) != steps[i].fires)
            fail_msg("step %zu: expected %zu", i, steps[i].fires);
        if (!steps[i].weeks)
            continue;
        snprintf(fp, sizeof fp, "%lld/%s", (long long)DAY(0, 9), steps[i].weeks);
        assert_string_equal(st.fp[REMIND_WEEKLY], fp);
        assert_string_equal(out.r[0].title, "unknot: weekly check-in due");
        assert_non_null(strstr(out.r[0].body, "2026-11-19"));
        assert_string_equal(remind_kind_code(out.r[0].kind), "weekly");
    }
    f.last_weekly_at = DAY(28, 10); /* done: not due, then due a week later */
    f.now = DAY(28, 11);
    assert_int_equal(fired(&s, &f, &st, REMIND_WEEKLY, &out), 0);
    f.now = DAY(35, 0);
    assert_int_equal(fired(&s, &f, &st, REMIND_WEEKLY, &out), 1);
    /* off: nothing, state untouched */
    struct remind_state fresh = {0};
    only(&s, "remind_flags", "off");
    assert_int_equal(fired(&s, &f, &fresh, REMIND_WEEKLY, &out), 0);
    assert_string_equal(fresh.fp[REMIND_WEEKLY], "");
}

/* A medication due for a rating is asked about once per intake: a second
 * run says nothing, the next intake is new; off, nothing. */
static void test_medication(void **state)
{
    struct settings s;
    struct remind_state st = {0};
    struct remind_list out;
    (void)state;
    only(&s, "remind_medication", "on");
    struct remind_facts f = facts_at(AT(14, 47));
    assert_int_equal(fired(&s, &f, &st, REMIND_MEDICATION, &out), 0); /* none due */
    f.followup_id = 12;
    f.followup_taken_at = AT(14, 2);
    snprintf(f.followup_name, sizeof f.followup_name, "ibuprofen 400 mg");
    assert_int_equal(fired(&s, &f, &st, REMIND_MEDICATION, &out), 1);
    assert_string_equal(out.r[0].title, "unknot: did ibuprofen 400 mg help?");
    assert_string_equal(out.r[0].body, "Taken 45m ago, at 14:02. How is the pain now? unknot "
                                       "took --rate 12 --helped N (0-10), or a on the home "
                                       "screen.");
    assert_string_equal(remind_kind_code(out.r[0].kind), "medication");
    assert_string_equal(st.fp[REMIND_MEDICATION], "12");
    f.now = AT(15, 30);
    assert_int_equal(fired(&s, &f, &st, REMIND_MEDICATION, &out), 0); /* once */
    f.followup_id = 13;
    f.followup_taken_at = AT(15, 0);
    assert_int_equal(fired(&s, &f, &st, REMIND_MEDICATION, &out), 1);
    struct remind_state fresh = {0};
    only(&s, "remind_flags", "off");
    assert_int_equal(fired(&s, &f, &fresh, REMIND_MEDICATION, &out), 0);
    assert_string_equal(fresh.fp[REMIND_MEDICATION], "");
}

static void set_flags(struct remind_facts *f, size_t n, const enum flag_kind *kinds)
{
    f->nflags = n;
    for (size_t i = 0; i < n; i++) {
        f->flags[i].kind = kinds[i];
        snprintf(f->flags[i].title, sizeof f->flags[i].title, "Title of %s",
                 flag_kind_code(kinds[i]));
    }
}

static void test_flags_new_since_last(void **state)
{
    struct settings s;
    struct remind_state st = {0};
    struct remind_list out;
    (void)state;
    only(&s, "remind_flags", "on");
    struct remind_facts f = facts_at(AT(9, 0));
    static const enum flag_kind one[] = {FLAG_RECURRING};
    static const enum flag_kind two[] = {FLAG_OVER_WEEK, FLAG_RECURRING};
    assert_int_equal(fired(&s, &f, &st, REMIND_FLAGS, &out), 0); /* none */
    set_flags(&f, 1, one);
    assert_int_equal(fired(&s, &f, &st, REMIND_FLAGS, &out), 1);
    assert_string_equal(out.r[0].title, "unknot: a new flag");
    assert_non_null(strstr(out.r[0].body, "Title of recurring."));
    assert_int_equal(fired(&s, &f, &st, REMIND_FLAGS, &out), 0); /* the same: once */
    set_flags(&f, 2, two);
    assert_int_equal(fired(&s, &f, &st, REMIND_FLAGS, &out), 1);
    assert_non_null(strstr(out.r[0].body, "Title of over_week."));
    assert_null(strstr(out.r[0].body, "recurring")); /* only the new one */
    assert_string_equal(st.fp[REMIND_FLAGS], "over_week,recurring");
    set_flags(&f, 1, two); /* recurring went */
    assert_int_equal(fired(&s, &f, &st, REMIND_FLAGS, &out), 0);
    set_flags(&f, 2, two); /* and came back: new again */
    assert_int_equal(fired(&s, &f, &st, REMIND_FLAGS, &out), 1);
    assert_non_null(strstr(out.r[0].body, "Title of recurring."));
    /* a warning sign in force: once, with the advice, under remind_flags */
    f.warning = REDFLAG_EMERGENCY;
    f.warning_episode_id = 4;
    assert_int_equal(fired(&s, &f, &st, REMIND_WARNING, &out), 1);
    assert_string_equal(out.r[0].title, redflag_level_title(REDFLAG_EMERGENCY));
    assert_non_null(strstr(out.r[0].body, "emergency"));
    assert_int_equal(fired(&s, &f, &st, REMIND_WARNING, &out), 0);
    only(&s, "remind_ice_ok", "on"); /* remind_flags off */
    f.warning_episode_id = 5;
    assert_int_equal(fired(&s, &f, &st, REMIND_WARNING, &out), 0);
}

static void test_state_file(void **state)
{
    struct remind_state st = {0}, back;
    char *buf = NULL;
    size_t len = 0;
    (void)state;
    snprintf(st.fp[REMIND_NO_ENTRY], REMIND_FP_MAX, "2026-11-19");
    snprintf(st.fp[REMIND_FLAGS], REMIND_FP_MAX, "over_week,recurring");
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(remind_state_write(f, &st), 0);
    fclose(f);
    assert_non_null(strstr(buf, "no-entry = 2026-11-19\n"));
    f = memfile_open(buf, len);
    remind_state_read(f, &back);
    fclose(f);
    assert_memory_equal(&st, &back, sizeof st);
    static const char junk[] = "garbage\nflags=x\nnope = 1\nice-ok = 1795000000\r\n";
    f = memfile_open(junk, strlen(junk));
    remind_state_read(f, &back);
    fclose(f);
    assert_string_equal(back.fp[REMIND_ICE_OK], "1795000000");
    assert_string_equal(back.fp[REMIND_FLAGS], "");
    remind_state_read(NULL, &back);
    assert_string_equal(back.fp[REMIND_ICE_OK], "");
    free(buf);
}

/* Words split on blanks, variables substituted inside a word, no shell:
 * text with shell syntax stays one argument, as it is. */
static void test_argv(void **state)
{
    static struct remind_argv av;
    char err[256];
    struct reminder r = {.kind = REMIND_ONGOING};
    (void)state;
    snprintf(r.title, sizeof r.title, "it's \"$(rm -rf ~)\"; echo `x` | y");
    snprintf(r.body, sizeof r.body, "a  b\tc");
    assert_int_equal(remind_argv_build("  notify-send\t%title %body  ", &r, &av, err, sizeof err),
                     3);
    assert_string_equal(av.argv[0], "notify-send");
    assert_string_equal(av.argv[1], r.title);
    assert_string_equal(av.argv[2], "a  b\tc");
    assert_null(av.argv[3]);
    assert_int_equal(remind_argv_build("log --tag=%kind [%kind]:%title 100%%", &r, &av, err,
                                       sizeof err),
                     4);
    assert_string_equal(av.argv[1], "--tag=ongoing");
    assert_non_null(strstr(av.argv[2], "[ongoing]:it's"));
    assert_string_equal(av.argv[3], "100%");
    assert_int_equal(remind_argv_build("echo %titl", &r, &av, err, sizeof err), -1);
    assert_non_null(strstr(err, "unknown variable \"%titl\""));
    assert_int_equal(remind_argv_build("echo 5%", &r, &av, err, sizeof err), -1);
    assert_int_equal(remind_argv_build(" \t ", &r, &av, err, sizeof err), -1);
    assert_non_null(strstr(err, "empty"));
    char many[200] = "";
    for (int i = 0; i <= REMIND_ARGV_MAX; i++)
        strcat(many, "w ");
    assert_int_equal(remind_argv_build(many, &r, &av, err, sizeof err), -1);
    assert_non_null(strstr(err, "more than"));
    assert_int_equal(remind_command_check("notify-send %title %body", err, sizeof err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_entry),
        cmocka_unit_test(test_ice_ok),
        cmocka_unit_test(test_ongoing),
        cmocka_unit_test(test_weekly),
        cmocka_unit_test(test_medication),
        cmocka_unit_test(test_flags_new_since_last),
        cmocka_unit_test(test_state_file),
        cmocka_unit_test(test_argv),
    };
    return cmocka_run_group_tests_name("remind", tests, setup, NULL);
}

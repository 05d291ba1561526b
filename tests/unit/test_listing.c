/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/listing.c: the format and table words, the JSON documents
 * (wrapping the export's own objects), the flat CSV tables with their one
 * header row, joined tags and formula guard, and rows of the wrong table
 * refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/listing.h"
#include "src/xfer.h"

#define T0 1795000000LL /* 2026-11-18 11:06:40 UTC */

struct out {
    char *buf;
    size_t len;
    FILE *f;
};

static void out_open(struct out *o)
{
    o->buf = NULL;
    o->f = open_memstream(&o->buf, &o->len);
    assert_non_null(o->f);
}

static void out_close(struct out *o)
{
    assert_int_equal(fclose(o->f), 0);
}

static void make_episode(struct episode *ep)
{
    char err[128];
    episode_init(ep);
    ep->id = 7;
    ep->started_at = T0;
    ep->ended_at = T0 + 3600;
    ep->intensity = 6;
    ep->region = REGION_LOWER;
    ep->side = SIDE_LEFT;
    ep->created_at = ep->updated_at = T0;
    snprintf(ep->note, sizeof ep->note, "=SUM(A1)");
    assert_int_equal(episode_add_tag(ep, TAG_TRIGGER, "lifting", err, sizeof err), 0);
    assert_int_equal(episode_add_tag(ep, TAG_FEEL, "sharp", err, sizeof err), 0);
    assert_int_equal(episode_add_tag(ep, TAG_TRIGGER, "other:garden, roses", err, sizeof err), 0);
    assert_int_equal(episode_add_tag(ep, TAG_MEDICATION, "-ibuprofen 400", err, sizeof err), 0);
}

static void test_format_words(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned allowed;
        int rc;
        enum listing_format want;
        const char *msg;
    } cases[] = {
        {"json", LISTING_BIT(LISTING_JSON) | LISTING_BIT(LISTING_TEXT), 0, LISTING_JSON, NULL},
        {"CSV", LISTING_BIT(LISTING_CSV), 0, LISTING_CSV, NULL},
        {"text", LISTING_BIT(LISTING_TEXT), 0, LISTING_TEXT, NULL},
        {"csv", LISTING_BIT(LISTING_TEXT) | LISTING_BIT(LISTING_JSON), -1, LISTING_TEXT,
         "invalid format \"csv\": use text or json"},
        {"xml", LISTING_BIT(LISTING_TEXT) | LISTING_BIT(LISTING_JSON) | LISTING_BIT(LISTING_CSV),
         -1, LISTING_TEXT, "invalid format \"xml\": use text, json or csv"},
        {"", LISTING_BIT(LISTING_JSON), -1, LISTING_TEXT, "invalid format \"\": use json"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[128] = "";
        enum listing_format got = LISTING_TEXT;
        assert_int_equal(
            listing_format_parse(cases[i].text, cases[i].allowed, &got, err, sizeof err),
            cases[i].rc);
        assert_int_equal(got, cases[i].want);
        if (cases[i].msg)
            assert_string_equal(err, cases[i].msg);
    }
    assert_string_equal(listing_format_code(LISTING_CSV), "csv");
    assert_null(listing_format_code(LISTING_FORMAT_COUNT));
}

static void test_table_words(void **state)
{
    (void)state;
    char err[128];
    enum listing_table t;
    assert_int_equal(listing_table_parse("Sessions", &t, err, sizeof err), 0);
    assert_int_equal(t, LISTING_SESSIONS);
    assert_int_equal(listing_table_parse("tags", &t, err, sizeof err), -1);
    assert_string_equal(err, "invalid table \"tags\": use episodes, sessions or checks");
    for (int i = 0; i < LISTING_TABLE_COUNT; i++) {
        assert_int_equal(listing_table_parse(listing_table_code(i), &t, err, sizeof err), 0);
        assert_int_equal(t, i);
    }
}

/* The document holds the export's own object, one row per line. */
static void test_json_list(void **state)
{
    (void)state;
    struct episode *ep = malloc(sizeof *ep);
    struct out o, x;
    struct listing l;
    assert_non_null(ep);
    make_episode(ep);
    out_open(&x);
    xfer_json_episode(x.f, ep);
    out_close(&x);
    out_open(&o);
    listing_begin(&l, o.f, LISTING_JSON, LISTING_EPISODES);
    assert_int_equal(listing_episode(&l, ep), 0);
    ep->id = 6;
    assert_int_equal(listing_episode(&l, ep), 0);
    assert_int_equal(listing_end(&l), 0);
    out_close(&o);
    char *want = malloc(2 * x.len + 128);
    assert_non_null(want);
    sprintf(want,
            "{\"format\": \"unknot-list\", \"version\": 1, \"episodes\": [\n  %s,\n"
            "  {\"id\": 6%s\n]}\n",
            x.buf, x.buf + strlen("{\"id\": 7"));
    assert_string_equal(o.buf, want);
    assert_non_null(strstr(o.buf, "\"started_at\": \"2026-11-18T11:06:40+00:00\""));
    free(want);
    free(o.buf);
    free(x.buf);
    free(ep);
}

static void test_json_empty_and_one(void **state)
{
    (void)state;
    struct out o;
    struct listing l;
    struct check c;
    memset(&c, 0, sizeof c);
    c.id = 3;
    c.taken_at = T0;
    out_open(&o);
    listing_begin(&l, o.f, LISTING_JSON, LISTING_SESSIONS);
    assert_int_equal(listing_end(&l), 0);
    out_close(&o);
    assert_string_equal(o.buf,
                        "{\"format\": \"unknot-sessions\", \"version\": 1, \"sessions\": []}\n");
    free(o.buf);

    out_open(&o);
    listing_begin_one(&l, o.f, LISTING_CHECKS);
    assert_int_equal(listing_check(&l, &c), 0);
    assert_int_equal(listing_check(&l, &c), -1); /* one object only */
    assert_int_equal(listing_end(&l), -1);
    out_close(&o);
    assert_int_equal(strncmp(o.buf,
                             "{\"format\": \"unknot-check\", \"version\": 1, \"check\": "
                             "{\"id\": 3,",
                             58),
                     0);
    free(o.buf);
}

/* show's episode document: the readings after the episode, [] when none,
 * and refused in any other document. */
static void test_json_show_readings(void **state)
{
    (void)state;
    struct out o;
    struct listing l;
    struct episode *ep = calloc(1, sizeof *ep);
    assert_non_null(ep);
    ep->id = 4;
    ep->started_at = ep->created_at = ep->updated_at = T0;
    ep->intensity = 6;
    struct reading r = {.id = 9, .episode_id = 4, .taken_at = T0, .pain = 6, .source = READING_LOG,
                        .created_at = T0};
    out_open(&o);
    listing_begin_one(&l, o.f, LISTING_EPISODES);
    assert_int_equal(listing_one_reading(&l, &r), -1); /* before the episode */
    out_close(&o);
    free(o.buf);

    out_open(&o);
    listing_begin_one(&l, o.f, LISTING_EPISODES);
    assert_int_equal(listing_episode(&l, ep), 0);
    assert_int_equal(listing_end(&l), 0);
    out_close(&o);
    assert_non_null(strstr(o.buf, "}, \"readings\": []}\n"));
    free(o.buf);

    out_open(&o);
    listing_begin_one(&l, o.f, LISTING_EPISODES);
    assert_int_equal(listing_episode(&l, ep), 0);
    assert_int_equal(listing_one_reading(&l, &r), 0);
    r.id = 10;
    r.pain = 3;
    r.source = READING_CLI;
    assert_int_equal(listing_one_reading(&l, &r), 0);
    assert_int_equal(listing_end(&l), 0);
    out_close(&o);
    assert_non_null(strstr(o.buf, ", \"readings\": [\n  {\"id\": 9, \"episode_id\": 4, "
                                  "\"taken_at\": \"2026-11-18T11:06:40+00:00\", \"pain\": 6, "
                                  "\"source\": \"log\""));
    assert_non_null(strstr(o.buf, ",\n  {\"id\": 10, \"episode_id\": 4,"));
    assert_non_null(strstr(o.buf, "\"source\": \"cli\""));
    assert_string_equal(o.buf + strlen(o.buf) - 4, "}]}\n");
    free(o.buf);

    out_open(&o);
    listing_begin(&l, o.f, LISTING_JSON, LISTING_EPISODES);
    assert_int_equal(listing_episode(&l, ep), 0);
    assert_int_equal(listing_one_reading(&l, &r), -1); /* not in a list */
    out_close(&o);
    free(o.buf);
    free(ep);
}

static void test_csv_episodes(void **state)
{
    (void)state;
    struct episode *ep = malloc(sizeof *ep);
    struct out o;
    struct listing l;
    assert_non_null(ep);
    make_episode(ep);
    out_open(&o);
    listing_begin(&l, o.f, LISTING_CSV, LISTING_EPISODES);
    assert_int_equal(listing_episode(&l, ep), 0);
    ep->ntags = 0;
    ep->ended_at = EPISODE_ONGOING;
    ep->note[0] = '\0';
    assert_int_equal(listing_episode(&l, ep), 0);
    assert_int_equal(listing_end(&l), 0);
    out_close(&o);
    assert_string_equal(
        o.buf, "id,started_at,ended_at,intensity,region,side,triggers,feel,symptoms,relief,"
               "medications,notes,created_at,updated_at\r\n"
               "7,2026-11-18T11:06:40+00:00,2026-11-18T12:06:40+00:00,6,lower,left,"
               "\"lifting; other:garden, roses\",sharp,\"\",\"\",'-ibuprofen 400,'=SUM(A1),"
               "2026-11-18T11:06:40+00:00,2026-11-18T11:06:40+00:00\r\n"
               "7,2026-11-18T11:06:40+00:00,\"\",6,lower,left,\"\",\"\",\"\",\"\",\"\",\"\","
               "2026-11-18T11:06:40+00:00,2026-11-18T11:06:40+00:00\r\n");
    free(o.buf);
    free(ep);
}

static void test_csv_checks_and_sessions(void **state)
{
    (void)state;
    struct out o;
    struct listing l;
    struct check c;
    struct session s;
    memset(&c, 0, sizeof c);
    c.id = 2;
    c.taken_at = T0;
    c.verdict = REDFLAG_URGENT;
    c.complete = 0;
    check_set_answer(&c, 1, 0);
    check_set_answer(&c, 5, 1);
    check_set_answer(&c, 12, 1);
    check_set_answer(&c, 14, CHECK_UNSURE);
    check_set_answer(&c, 20, CHECK_UNSURE);
    out_open(&o);
    listing_begin(&l, o.f, LISTING_CSV, LISTING_CHECKS);
    assert_int_equal(listing_check(&l, &c), 0);
    memset(&s, 0, sizeof s);
    assert_int_equal(listing_session(&l, &s), -1); /* not this table's row */
    assert_int_equal(listing_end(&l), -1);
    out_close(&o);
    assert_string_equal(o.buf, "id,taken_at,verdict,complete,asked,yes_items,unsure_items\r\n"
                               "2,2026-11-18T11:06:40+00:00,urgent,0,5,5; 12,14; 20\r\n");
    free(o.buf);

    s.id = 4;
    s.kind = SESSION_ICE;
    s.planned_s = 1200;
    s.elapsed_s = 600;
    s.started_at = T0;
    s.status = SESSION_STOPPED;
    s.pain_before = 6;
    s.pain_after = SESSION_PAIN_NONE;
    out_open(&o);
    listing_begin(&l, o.f, LISTING_CSV, LISTING_SESSIONS);
    assert_int_equal(listing_session(&l, &s), 0);
    assert_int_equal(listing_end(&l), 0);
    out_close(&o);
    assert_string_equal(o.buf, "id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,"
                               "status,episode_id,pain_before,pain_after\r\n"
                               "4,ice,\"\",\"\",1200,600,2026-11-18T11:06:40+00:00,\"\",stopped,"
                               "\"\",6,\"\"\r\n");
    free(o.buf);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_words), cmocka_unit_test(test_table_words),
        cmocka_unit_test(test_json_list),    cmocka_unit_test(test_json_empty_and_one),
        cmocka_unit_test(test_json_show_readings),
        cmocka_unit_test(test_csv_episodes), cmocka_unit_test(test_csv_checks_and_sessions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

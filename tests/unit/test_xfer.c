/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/xfer.c: the export format as written (golden text), read
 * back into the same rows in both formats, times with offsets, and the
 * refusals with their line numbers and words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "src/xfer.h"
#include "tests/memfile.h"

#define NOW 1795000000LL /* 2026-11-18T07:06:40Z */
#define T0 1793992800LL  /* 2026-11-06T19:20:00Z */

static struct xfer_item item; /* ~10 KB */

static int setup(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    return 0;
}

static FILE *input(const char *data)
{
    FILE *f = memfile_open(data, strlen(data));
    assert_non_null(f);
    return f;
}

static void sample_episode(struct episode *ep)
{
    char err[256];
    episode_init(ep);
    ep->id = 7;
    ep->started_at = T0;
    ep->ended_at = T0 + 5400;
    ep->intensity = 6;
    ep->region = REGION_LOWER;
    ep->side = SIDE_LEFT;
    snprintf(ep->note, sizeof ep->note, "bent, \"quoted\"\nsecond line \xE2\x80\x94 \xF0\x9F\x99\x82");
    ep->created_at = T0 + 5400;
    ep->updated_at = T0 + 6000;
    assert_int_equal(episode_add_tag(ep, TAG_TRIGGER, "lifting", err, sizeof err), 0);
    assert_int_equal(episode_add_tag(ep, TAG_MEDICATION, "ibuprofen, 400 mg", err, sizeof err), 0);
}

static void sample_session(struct session *s)
{
    memset(s, 0, sizeof *s);
    s->id = 3;
    s->kind = SESSION_STRETCH;
    snprintf(s->routine, sizeof s->routine, "first-aid");
    s->hold_s = 5;
    s->planned_s = 45;
    s->elapsed_s = 40;
    s->started_at = T0 + 600;
    s->ended_at = T0 + 900;
    s->status = SESSION_STOPPED;
    s->episode_id = 7;
    s->pain_before = 6;
    s->pain_after = SESSION_PAIN_NONE;
}

static void sample_reading(struct reading *rd)
{
    memset(rd, 0, sizeof *rd);
    rd->id = 4;
    rd->episode_id = 7;
    rd->taken_at = T0 + 1800;
    rd->pain = 5;
    rd->source = READING_CLI;
    rd->created_at = T0 + 1800;
}

static void sample_treatment(struct treatment *t)
{
    treatment_init(t, TREATMENT_MEDICATION, T0 + 2400);
    t->id = 5;
    snprintf(t->name, sizeof t->name, "=ibuprofen, 400 mg"); /* guarded in the CSV */
    t->pain_before = 5;
    t->pain_after = 3;
    t->episode_id = 7;
    t->created_at = T0 + 2400;
}

static void sample_check(struct check *c)
{
    memset(c, 0, sizeof *c);
    c->id = 2;
    c->taken_at = T0 + 7200;
    c->verdict = REDFLAG_URGENT;
    /* A partial check (the patient left after the yes to item 12): two
     * answer rows, items 1 and 12, and the gaps travel as they are. */
    c->complete = 0;
    assert_int_equal(check_set_answer(c, 1, 0), 0);
    assert_int_equal(check_set_answer(c, 12, 1), 0);
}

/* The sample export in fmt, as a string the caller frees. */
static char *export_sample(enum xfer_format fmt, int rows)
{
    static struct episode ep;
    struct session s;
    struct check c;
    struct reading rd;
    struct treatment t;
    struct xfer_writer w;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    sample_episode(&ep);
    sample_session(&s);
    sample_check(&c);
    sample_reading(&rd);
    sample_treatment(&t);
    xfer_write_begin(&w, f, fmt);
    if (rows) {
        assert_int_equal(xfer_write_episode(&w, &ep), 0);
        assert_int_equal(xfer_write_session(&w, &s), 0);
        assert_int_equal(xfer_write_check(&w, &c), 0);
        assert_int_equal(xfer_write_reading(&w, &rd), 0);
        assert_int_equal(xfer_write_treatment(&w, &t), 0);
        struct session_worse x = {.session_id = 3, .index = 2, .name = "=Gentle stretch, left"};
        assert_int_equal(xfer_write_worse(&w, &x), 0);
        struct question q = {.id = 4, .asked_at = 1794000000, .text = "=Can I <run> & \"lift\"?"};
        assert_int_equal(xfer_write_question(&w, &q), 0);
    }
    assert_int_equal(xfer_write_end(&w), 0);
    assert_int_equal(fclose(f), 0);
    return out;
}

/* The header this unknot writes (version 3: an end record closes the file). */
static const char csv_header[] =
    "#unknot-export,3\r\n"
    "#episode,id,started_at,ended_at,intensity,region,side,notes,created_at,updated_at\r\n"
    "#tag,episode_id,kind,tag\r\n"
    "#session,id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,status,"
    "episode_id,pain_before,pain_after\r\n"
    "#check,id,taken_at,verdict,complete\r\n"
    "#answer,check_id,item,answer\r\n"
    "#reading,id,episode_id,taken_at,pain,source,created_at\r\n"
    "#treatment,id,kind,name,taken_at,duration_s,pain_before,pain_after,episode_id,"
    "created_at\r\n"
    "#checkin,id,day,taken_at,pain,activities,sleep_tenths,woken,created_at\r\n"
    "#weekly,id,taken_at,pain,enjoyment,activity,created_at\r\n"
    "#worse,session_id,exercise_index,exercise_name\r\n"
    "#question,id,asked_at,text\r\n"
    "#end,episodes,tags,sessions,checks,answers,readings,treatments,checkins,weekly,worse,"
    "questions\r\n";
/* The header this unknot writes (the check-in tests' name for it). */
#define csv_header_written csv_header

/* The header of version 2 (0.2): no end record. The hand-made documents
 * below use it, so their line numbers are those of the rows. */
static const char csv_header_v2[] =
    "#unknot-export,2\r\n"
    "#episode,id,started_at,ended_at,intensity,region,side,notes,created_at,updated_at\r\n"
    "#tag,episode_id,kind,tag\r\n"
    "#session,id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,status,"
    "episode_id,pain_before,pain_after\r\n"
    "#check,id,taken_at,verdict,complete\r\n"
    "#answer,check_id,item,answer\r\n";

/* The header as written since the readings (issue 13); csv_header alone
 * is what exports made before them start with, and still reads. */
/* Since version 3 the header rows of readings and treatments are part of
 * csv_header, before #end. */
#define CSV_HEADER_READINGS ""

/* The header of release 0.1's export: checks without complete. */
static const char csv_header_v1[] =
    "#unknot-export,1\r\n"
    "#episode,id,started_at,ended_at,intensity,region,side,notes,created_at,updated_at\r\n"
    "#tag,episode_id,kind,tag\r\n"
    "#session,id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,status,"
    "episode_id,pain_before,pain_after\r\n"
    "#check,id,taken_at,verdict\r\n"
    "#answer,check_id,item,answer\r\n";

static void test_write_csv(void **state)
{
    (void)state;
    char *out = export_sample(XFER_CSV, 1);
    char want[4096];
    snprintf(want, sizeof want, "%s" CSV_HEADER_READINGS "%s", csv_header,
             "episode,7,2026-11-06T19:20:00+00:00,2026-11-06T20:50:00+00:00,6,lower,left,"
             "\"bent, \"\"quoted\"\"\nsecond line \xE2\x80\x94 \xF0\x9F\x99\x82\","
             "2026-11-06T20:50:00+00:00,2026-11-06T21:00:00+00:00\r\n"
             "tag,7,trigger,lifting\r\n"
             "tag,7,medication,\"ibuprofen, 400 mg\"\r\n"
             "session,3,stretch,first-aid,5,45,40,2026-11-06T19:30:00+00:00,"
             "2026-11-06T19:35:00+00:00,stopped,7,6,\"\"\r\n"
             "check,2,2026-11-06T21:20:00+00:00,urgent,0\r\n"
             "answer,2,1,0\r\n"
             "answer,2,12,1\r\n"
             "reading,4,7,2026-11-06T19:50:00+00:00,5,cli,2026-11-06T19:50:00+00:00\r\n"
             "treatment,5,medication,\"'=ibuprofen, 400 mg\",2026-11-06T20:00:00+00:00,\"\","
             "5,3,7,2026-11-06T20:00:00+00:00\r\n"
             "worse,3,2,\"'=Gentle stretch, left\"\r\n"
             "question,4,2026-11-06T21:20:00+00:00,\"'=Can I <run> & \"\"lift\"\"?\"\r\n"
             "end,1,2,1,1,2,1,1,0,0,1,1\r\n");
    assert_string_equal(out, want);
    free(out);
    out = export_sample(XFER_CSV, 0);
    snprintf(want, sizeof want, "%send,0,0,0,0,0,0,0,0,0,0,0\r\n", csv_header);
    assert_string_equal(out, want);
    free(out);
}

static void test_write_json(void **state)
{
    (void)state;
    char *out = export_sample(XFER_JSON, 1);
    assert_string_equal(
        out,
        "{\n  \"format\": \"unknot-export\",\n  \"version\": 3,\n  \"episodes\": [\n"
        "    {\"id\": 7, \"started_at\": \"2026-11-06T19:20:00+00:00\", \"ended_at\": "
        "\"2026-11-06T20:50:00+00:00\", \"intensity\": 6, \"region\": \"lower\", \"side\": "
        "\"left\", \"notes\": \"bent, \\\"quoted\\\"\\nsecond line \xE2\x80\x94 \xF0\x9F\x99\x82\", "
        "\"created_at\": \"2026-11-06T20:50:00+00:00\", \"updated_at\": "
        "\"2026-11-06T21:00:00+00:00\", \"tags\": [{\"kind\": \"trigger\", \"tag\": "
        "\"lifting\"}, {\"kind\": \"medication\", \"tag\": \"ibuprofen, 400 mg\"}]}\n  ],\n"
        "  \"sessions\": [\n"
        "    {\"id\": 3, \"kind\": \"stretch\", \"routine\": \"first-aid\", \"hold_s\": 5, "
        "\"planned_s\": 45, \"elapsed_s\": 40, \"started_at\": \"2026-11-06T19:30:00+00:00\", "
        "\"ended_at\": \"2026-11-06T19:35:00+00:00\", \"status\": \"stopped\", \"episode_id\": "
        "7, \"pain_before\": 6, \"pain_after\": null}\n  ],\n"
        "  \"checks\": [\n"
        "    {\"id\": 2, \"taken_at\": \"2026-11-06T21:20:00+00:00\", \"verdict\": "
        "\"urgent\", \"complete\": 0, \"answers\": [{\"item\": 1, \"answer\": 0}, {\"item\": 12, "
        "\"answer\": 1}]}\n  ],\n"
        "  \"readings\": [\n"
        "    {\"id\": 4, \"episode_id\": 7, \"taken_at\": \"2026-11-06T19:50:00+00:00\", "
        "\"pain\": 5, \"source\": \"cli\", \"created_at\": \"2026-11-06T19:50:00+00:00\"}\n  ],\n"
        "  \"treatments\": [\n"
        "    {\"id\": 5, \"kind\": \"medication\", \"name\": \"=ibuprofen, 400 mg\", "
        "\"taken_at\": \"2026-11-06T20:00:00+00:00\", \"duration_s\": null, \"pain_before\": 5, "
        "\"pain_after\": 3, \"episode_id\": 7, \"created_at\": \"2026-11-06T20:00:00+00:00\"}\n"
        "  ],\n  \"checkins\": [],\n  \"weekly\": [],\n  \"worse\": [\n"
        "    {\"session_id\": 3, \"exercise_index\": 2, \"exercise_name\": "
        "\"=Gentle stretch, left\"}\n  ],\n  \"questions\": [\n"
        "    {\"id\": 4, \"asked_at\": \"2026-11-06T21:20:00+00:00\", \"text\": "
        "\"=Can I <run> & \\\"lift\\\"?\"}\n  ]\n}\n");
    free(out);
    out = export_sample(XFER_JSON, 0);
    assert_string_equal(out, "{\n  \"format\": \"unknot-export\",\n  \"version\": 3,\n"
                             "  \"episodes\": [],\n  \"sessions\": [],\n  \"checks\": [],\n"
                             "  \"readings\": [],\n  \"treatments\": [],\n  \"checkins\": [],\n"
                             "  \"weekly\": [],\n  \"worse\": [],\n  \"questions\": []\n}\n");
    free(out);
}

/* Rows out of order are refused and say so at the end. */
static void test_write_order(void **state)
{
    struct xfer_writer w;
    struct check c;
    static struct episode ep;
    char *out = NULL;
    size_t len = 0;
    (void)state;
    FILE *f = open_memstream(&out, &len);
    sample_check(&c);
    sample_episode(&ep);
    xfer_write_begin(&w, f, XFER_JSON);
    assert_int_equal(xfer_write_check(&w, &c), 0);
    assert_int_equal(xfer_write_episode(&w, &ep), -1);
    assert_int_equal(xfer_write_end(&w), -1);
    fclose(f);
    free(out);
}

/* Reads every item of text; returns how many, and the last rc in *rc. */
static int read_all(const char *text, int64_t now, char *err, size_t errlen, int *rc)
{
    struct xfer_reader *r = NULL;
    int n = 0;
    FILE *f = input(text);
    assert_int_equal(xfer_reader_open(&r, f, now, err, errlen), 0);
    while ((*rc = xfer_read(r, &item, err, errlen)) == 1)
        n++;
    xfer_reader_free(&r);
    assert_null(r);
    fclose(f);
    return n;
}

static void check_round_trip(enum xfer_format fmt)
{
    static struct episode want;
    struct session ws;
    struct check wc;
    struct xfer_reader *r = NULL;
    char err[UNKNOT_ERR_LEN];
    char *text = export_sample(fmt, 1);
    FILE *f = input(text);
    sample_episode(&want);
    sample_session(&ws);
    sample_check(&wc);
    assert_int_equal(xfer_reader_open(&r, f, NOW, err, sizeof err), 0);
    assert_int_equal(xfer_reader_format(r), fmt);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    assert_int_equal(item.kind, XFER_EPISODE);
    assert_int_equal(item.line, fmt == XFER_CSV ? 14 : 5); /* CSV: 13 header rows */
    assert_int_equal(item.ep.id, want.id);
    assert_int_equal(item.ep.started_at, want.started_at);
    assert_int_equal(item.ep.ended_at, want.ended_at);
    assert_int_equal(item.ep.intensity, want.intensity);
    assert_int_equal(item.ep.region, want.region);
    assert_int_equal(item.ep.side, want.side);
    assert_string_equal(item.ep.note, want.note);
    assert_int_equal(item.ep.created_at, want.created_at);
    assert_int_equal(item.ep.updated_at, want.updated_at);
    assert_int_equal(item.ep.ntags, 2);
    assert_string_equal(item.ep.tags[1].text, "ibuprofen, 400 mg");
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    assert_int_equal(item.kind, XFER_SESSION);
    assert_memory_equal(&item.ses, &ws, sizeof ws);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    assert_int_equal(item.kind, XFER_CHECK);
    assert_memory_equal(&item.chk, &wc, sizeof wc);
    struct reading wr;
    struct treatment wt;
    sample_reading(&wr);
    sample_treatment(&wt);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    assert_int_equal(item.kind, XFER_READING);
    assert_memory_equal(&item.rd, &wr, sizeof wr);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    assert_int_equal(item.kind, XFER_TREATMENT);
    assert_memory_equal(&item.tr, &wt, sizeof wt);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    assert_int_equal(item.kind, XFER_WORSE); /* the guard is gone: the name as it was */
    assert_int_equal(item.worse.session_id, 3);
    assert_int_equal(item.worse.index, 2);
    assert_string_equal(item.worse.name, "=Gentle stretch, left");
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    assert_int_equal(item.kind, XFER_QUESTION);
    assert_int_equal(item.q.id, 4);
    assert_int_equal(item.q.asked_at, 1794000000);
    assert_string_equal(item.q.text, "=Can I <run> & \"lift\"?");
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 0);
    xfer_reader_free(&r);
    fclose(f);
    free(text);
}

/* A check with "not sure" answers (2) in this format: written and read
 * back as it was, in CSV and JSON alike, the verdict still that of the
 * yes answers only. */
static void check_unsure_round_trip(enum xfer_format fmt)
{
    struct check c, back;
    struct xfer_writer w;
    struct xfer_reader *r = NULL;
    char *out = NULL, err[UNKNOT_ERR_LEN];
    size_t len = 0;
    unsigned char a[REDFLAG_COUNT];
    memset(a, CHECK_NO, sizeof a);
    a[0] = CHECK_UNSURE; /* an emergency item */
    a[16] = CHECK_YES;   /* 17: see soon */
    a[19] = CHECK_UNSURE;
    check_from_answers(T0, a, &c);
    c.id = 4;
    assert_int_equal(c.verdict, REDFLAG_SEE_DOCTOR);
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    xfer_write_begin(&w, f, fmt);
    assert_int_equal(xfer_write_check(&w, &c), 0);
    assert_int_equal(xfer_write_end(&w), 0);
    assert_int_equal(fclose(f), 0);
    assert_non_null(strstr(out, fmt == XFER_CSV ? "answer,4,1,2\r\n" : "{\"item\": 1, \"answer\": 2}"));
    f = input(out);
    assert_int_equal(xfer_reader_open(&r, f, NOW, err, sizeof err), 0);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    assert_int_equal(item.kind, XFER_CHECK);
    back = item.chk;
    assert_memory_equal(&back, &c, sizeof c);
    assert_int_equal(check_unsure_count(&back), 2);
    assert_int_equal(check_unsure_level(&back), REDFLAG_EMERGENCY);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 0);
    xfer_reader_free(&r);
    fclose(f);
    free(out);
}

static void test_unsure_round_trip(void **state)
{
    (void)state;
    check_unsure_round_trip(XFER_CSV);
    check_unsure_round_trip(XFER_JSON);
}

static void test_round_trip(void **state)
{
    (void)state;
    check_round_trip(XFER_CSV);
    check_round_trip(XFER_JSON);
}

/* Written in a zone with summer time, read back to the same instants. */
static void test_offsets_round_trip(void **state)
{
    static struct episode ep;
    struct xfer_writer w;
    char *out = NULL, err[UNKNOT_ERR_LEN];
    size_t len = 0;
    int rc;
    (void)state;
    setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
    tzset();
    sample_episode(&ep);
    ep.started_at = 1782900000; /* 2026-07-01, summer: +02:00 */
    ep.ended_at = ep.started_at + 60;
    FILE *f = open_memstream(&out, &len);
    xfer_write_begin(&w, f, XFER_CSV);
    assert_int_equal(xfer_write_episode(&w, &ep), 0);
    assert_int_equal(xfer_write_end(&w), 0);
    fclose(f);
    assert_non_null(strstr(out, "+02:00"));
    assert_non_null(strstr(out, "+01:00")); /* created_at in November */
    assert_int_equal(read_all(out, NOW, err, sizeof err, &rc), 1);
    assert_int_equal(rc, 0);
    assert_int_equal(item.ep.started_at, 1782900000);
    assert_int_equal(item.ep.created_at, ep.created_at);
    free(out);
    setup(NULL);
}

/* Empty notes, side, end, created and updated: "", unset, ongoing, now. */
static void test_defaults(void **state)
{
    char doc[2048], err[UNKNOT_ERR_LEN];
    int rc;
    (void)state;
    snprintf(doc, sizeof doc, "%sepisode,1,2026-11-06T19:20:00Z,,3,neck,,,,\r\n", csv_header_v2);
    assert_int_equal(read_all(doc, NOW, err, sizeof err, &rc), 1);
    assert_int_equal(rc, 0);
    assert_int_equal(item.ep.ended_at, EPISODE_ONGOING);
    assert_int_equal(item.ep.side, SIDE_UNSET);
    assert_string_equal(item.ep.note, "");
    assert_int_equal(item.ep.created_at, NOW);
    assert_int_equal(item.ep.updated_at, NOW);
    /* JSON may leave the optional keys out and take them in any order. */
    assert_int_equal(read_all("{\"format\": \"unknot-export\", \"version\": 2, \"episodes\": "
                              "[{\"region\": \"neck\", \"intensity\": 3, \"started_at\": "
                              "\"2026-11-06T19:20:00Z\", \"id\": 1}], \"sessions\": [], "
                              "\"checks\": []}",
                              NOW, err, sizeof err, &rc),
                     1);
    assert_int_equal(rc, 0);
    assert_int_equal(item.ep.ntags, 0);
    assert_int_equal(item.ep.created_at, NOW);
}

struct err_case {
    const char *rows; /* after the CSV header (lines 1-6), or a whole JSON document */
    const char *err;
};

static void check_errors(const struct err_case *cases, size_t n, int csv)
{
    char doc[4096], err[UNKNOT_ERR_LEN];
    for (size_t i = 0; i < n; i++) {
        int rc;
        /* csv 1: after a version 2 header; 3: after this version's */
        snprintf(doc, sizeof doc, "%s%s", csv == 3 ? csv_header : csv ? csv_header_v2 : "",
                 cases[i].rows);
        err[0] = '\0';
        read_all(doc, NOW, err, sizeof err, &rc);
        if (rc != -1 || strcmp(err, cases[i].err) != 0)
            fail_msg("case %zu: rc %d, err \"%s\", wanted \"%s\"", i, rc, err, cases[i].err);
    }
}

#define EP "episode,1,2026-11-06T19:20:00Z,2026-11-06T20:20:00Z,"

static void test_csv_errors(void **state)
{
    static const struct err_case cases[] = {
        {EP "eleven,lower,,,,\r\n",
         "line 7: invalid intensity \"eleven\": use a whole number from 0 (none) to 10 (worst)"},
        {EP "5,elbow,,,,\r\n", "line 7: invalid region \"elbow\": use lower, mid, upper or neck"},
        {EP "5,lower,up,,,\r\n", "line 7: invalid side \"up\": use left, right, both or center"},
        {"episode,x,2026-11-06T19:20:00Z,,5,lower,,,,\r\n",
         "line 7: invalid id \"x\": use a whole number from 1"},
        {"episode,1,yesterday,,5,lower,,,,\r\n",
         "line 7: invalid started_at \"yesterday\": use ISO 8601 with an offset, such as "
         "2026-11-20T14:30:00+01:00"},
        {"episode,1,,,5,lower,,,,\r\n", "line 7: missing started_at: it may not be empty"},
        {"episode,1,2026-11-06T19:20:00Z,2026-11-06T19:00:00Z,5,lower,,,,\r\n",
         "line 7: episode 1: end is before the start: give an end after the start"},
        {"episode,1,2026-12-06T19:20:00Z,,5,lower,,,,\r\n",
         "line 7: episode 1: start lies in the future: an episode can only be logged once it "
         "has begun"},
        {EP "5,lower,,,\r\n",
         "line 7: episode row with 9 fields: it has 10, as the header row #episode shows"},
        {EP "5,lower,,,,\r\ntag,1,trigger,juggling\r\n",
         "line 8: invalid trigger \"juggling\": use one of lifting, twisting, bending, "
         "sudden-movement, sneeze-cough, sitting, standing, out-of-bed, sleeping, exercise, "
         "stress, cold, dehydration, other, or other:TEXT"},
        {EP "5,lower,,,,\r\ntag,2,trigger,lifting\r\n",
         "line 8: this tag row is for episode 2: it must follow the row of that episode"},
        {"tag,1,trigger,lifting\r\n", "line 7: a tag row must follow the row of its episode"},
        {EP "5,lower,,\"multi\nline\",,\r\ntag,1,relief,\"two\nlines\"\r\n",
         "line 9: invalid tag: text must be on one line, without control characters"},
        {"picnic,1\r\n", "line 7: unknown row type \"picnic\": use episode, tag, session, check, "
                         "answer, reading, treatment, checkin, weekly, worse or question"},
        {"#episode,id\r\n", "line 7: header rows belong at the top of the file"},
        {"session,1,yoga,,,60,0,2026-11-06T19:20:00Z,,running,,,\r\n",
         "line 7: invalid session kind \"yoga\": use stretch, ice or heat"},
        /* Any routine code comes in (a user's own routine is known only
         * where its file is); what is no code at all does not. */
        {"session,1,stretch,Splits!,5,60,0,2026-11-06T19:20:00Z,,running,,,\r\n",
         "line 7: invalid routine \"Splits!\": a routine code is 1 to 31 of a-z, 0-9 and '-'"},
        {"session,1,stretch,daily,10,60,0,2026-11-06T19:20:00Z,,running,,,\r\n",
         "line 7: invalid hold_s \"10\": use 5 or 30, or leave it empty"},
        {"session,1,ice,,,0,0,2026-11-06T19:20:00Z,,running,,,\r\n",
         "line 7: invalid planned_s \"0\": use a whole number of seconds from 1"},
        {"session,1,ice,,,60,0,2026-11-06T19:20:00Z,,lost,,,\r\n",
         "line 7: invalid status \"lost\": use running, done, stopped or interrupted"},
        {"session,1,ice,,,60,0,2026-11-06T19:20:00Z,,done,,11,\r\n",
         "line 7: invalid pain_before \"11\": use a whole number from 0 (none) to 10 (worst), or "
         "leave it empty"},
        {"session,1,ice,,,60,0,2026-11-06T19:20:00Z,2026-11-06T19:00:00Z,done,,,\r\n",
         "line 7: session 1: end is before the start: give an end after the start"},
        {"check,1,2026-11-06T19:20:00Z,fine,1\r\n",
         "line 7: invalid verdict \"fine\": use clear, see_doctor, urgent or emergency"},
        {"check,1,2026-11-06T19:20:00Z,clear,1\r\nanswer,1,21,0\r\n",
         "line 8: invalid item \"21\": use a checklist item number from 1 to 20"},
        {"check,1,2026-11-06T19:20:00Z,clear,1\r\nanswer,1,3,2\r\n",
         "line 8: invalid answer \"2\": use 0 (no) or 1 (yes)"},
        {"check,1,2026-11-06T19:20:00Z,clear,1\r\nanswer,1,3,0\r\nanswer,1,3,1\r\n",
         "line 9: item 3 is answered twice"},
        {"check,1,2026-11-06T19:20:00Z,emergency,yes\r\n",
         "line 7: invalid complete \"yes\": use 1 (every item was asked) or 0 (partial: the "
         "patient left after a yes)"},
        {"check,1,2026-11-06T19:20:00Z,emergency,\r\n",
         "line 7: missing complete: it may not be empty"},
        {"check,1,2026-11-06T19:20:00Z,emergency\r\n",
         "line 7: check row with 4 fields: it has 5, as the header row #check shows"},
        {EP "5,lower,,\"open quote,,\r\n", "line 7: quoted field never closed: the input ends inside it"},
    };
    (void)state;
    check_errors(cases, sizeof cases / sizeof cases[0], 1);
}

/* What unknot could never have written (issue 12): refused with the line
 * of the value that gives it away. NOW is 2026-11-18T07:06:40Z. */
static void test_implausible_records(void **state)
{
#define SES "session,1,"
#define AT "2026-11-06T19:20:00Z"
    static const struct err_case cases[] = {
        /* a verdict its answers contradict (item 1 is an emergency sign) */
        {"check,1," AT ",clear,0\r\nanswer,1,1,1\r\n",
         "line 7: check 1: the verdict clear does not follow from its answers, which give "
         "emergency"},
        {"check,1," AT ",urgent,0\r\nanswer,1,1,1\r\n",
         "line 7: check 1: the verdict urgent does not follow from its answers, which give "
         "emergency"},
        /* shaped like a check of 0.1 (complete, none of the items it never
         * asked): its own rule stands, but no rule says clear with a yes,
         * or anything else without one */
        {"check,1," AT ",emergency,1\r\nanswer,1,1,0\r\n",
         "line 7: check 1: the verdict emergency does not follow from its answers, which give "
         "clear"},
        {"check,1," AT ",clear,1\r\nanswer,1,7,1\r\n",
         "line 7: check 1: the verdict clear does not follow from its answers, which give "
         "emergency"},
        {"check,1,2099-01-01T00:00:00Z,clear,0\r\n",
         "line 7: check 1: taken_at lies in the future"},
        /* sessions outside their kind's limits */
        {SES "ice,,,5940,0," AT ",,running,,,\r\n",
         "line 7: session 1: planned_s 5940 is outside the 10 to 20 minutes (600 to 1200 s) "
         "ice takes"},
        {SES "ice,,,540,0," AT ",,running,,,\r\n",
         "line 7: session 1: planned_s 540 is outside the 10 to 20 minutes (600 to 1200 s) "
         "ice takes"},
        {SES "heat,,,1860,0," AT ",,running,,,\r\n",
         "line 7: session 1: planned_s 1860 is outside the 5 to 30 minutes (300 to 1800 s) "
         "heat takes"},
        {SES "ice,daily,,600,0," AT ",,running,,,\r\n",
         "line 7: session 1: ice has no routine or hold: leave them empty"},
        {SES "heat,,30,600,0," AT ",,running,,,\r\n",
         "line 7: session 1: heat has no routine or hold: leave them empty"},
        {SES "stretch,,5,45,0," AT ",,running,,,\r\n",
         "line 7: session 1: a stretch session names its routine"},
        {SES "stretch,first-aid,5,153601,0," AT ",,running,,,\r\n",
         "line 7: session 1: planned_s 153601 is outside the 1 to 153600 s a routine can take"},
        /* more done than planned; in the future */
        {SES "ice,,,600,700," AT ",,running,,,\r\n",
         "line 7: session 1: elapsed_s 700 is more than the 600 s planned"},
        {SES "ice,,,600,0,2099-01-01T00:00:00Z,,running,,,\r\n",
         "line 7: session 1: start lies in the future"},
        {SES "ice,,,600,600," AT ",2099-01-01T00:00:00Z,done,,,\r\n",
         "line 7: session 1: end lies in the future"},
        /* an episode saved before it began, or changed before it was made */
        {EP "5,lower,,,2026-11-01T00:00:00Z,2026-11-01T00:00:00Z\r\n",
         "line 7: episode 1: updated_at is before its end: an episode is saved once it has "
         "begun (or ended)"},
        {"episode,1," AT ",,5,lower,,,2026-11-01T00:00:00Z,2026-11-01T00:00:00Z\r\n",
         "line 7: episode 1: updated_at is before its start: an episode is saved once it has "
         "begun (or ended)"},
        {EP "5,lower,,,2026-11-10T00:00:00Z,2026-11-08T00:00:00Z\r\n",
         "line 7: episode 1: created_at is after updated_at: an episode is created before it "
         "is changed"},
        {EP "5,lower,,,2026-11-08T00:00:00Z,2099-01-01T00:00:00Z\r\n",
         "line 7: episode 1: updated_at lies in the future"},
        /* and the line is the row's, further down a file */
        {EP "5,lower,,,,\r\ntag,1,trigger,lifting\r\n" SES "ice,,,600,0," AT ",,running,,,\r\n"
            SES "ice,,,600,601," AT ",,running,,,\r\n",
         "line 10: session 1: elapsed_s 601 is more than the 600 s planned"},
    };
#undef SES
#undef AT
    (void)state;
    check_errors(cases, sizeof cases / sizeof cases[0], 1);
}

/* The same in JSON: the line of the value, or of the check's verdict once
 * its answers are read. */
static void test_implausible_json(void **state)
{
#define DOC(sessions, checks)                                                                  \
    "{\"format\": \"unknot-export\", \"version\": 2, \"episodes\": [],\n\"sessions\": [" sessions \
    "],\n\"checks\": [" checks "]}"
    static const struct err_case cases[] = {
        {DOC("{\"id\": 1, \"kind\": \"ice\", \"routine\": null, \"hold_s\": null,\n"
             "\"planned_s\": 5940, \"elapsed_s\": 0, \"started_at\": \"2026-11-06T19:20:00Z\", "
             "\"ended_at\": null, \"status\": \"running\", \"episode_id\": null, \"pain_before\": "
             "null, \"pain_after\": null}", ""),
         "line 3: session 1: planned_s 5940 is outside the 10 to 20 minutes (600 to 1200 s) "
         "ice takes"},
        {DOC("", "{\"id\": 1, \"taken_at\": \"2026-11-06T19:20:00Z\",\n\"verdict\": \"clear\", "
                 "\"complete\": 0,\n\"answers\": [{\"item\": 1, \"answer\": 1}]}"),
         "line 4: check 1: the verdict clear does not follow from its answers, which give "
         "emergency"},
    };
#undef DOC
    (void)state;
    check_errors(cases, sizeof cases / sizeof cases[0], 0);
}

/* What unknot does write passes: a partial check with its yes, a 0.1 check
 * (complete, without the items 0.1 never asked) whose verdict came from
 * 0.1's own rule, a 25-minute heat session of 0.1, a routine at its
 * length, an episode edited to start after it was first logged. */
static void test_plausible_records(void **state)
{
    static const char *const rows[] = {
        "check,1,2026-11-06T19:20:00Z,emergency,0\r\nanswer,1,1,1\r\n",
        "check,1,2026-11-06T19:20:00Z,urgent,1\r\nanswer,1,1,0\r\nanswer,1,7,1\r\n",
        "session,1,heat,,,1500,1500,2026-11-06T19:20:00Z,2026-11-06T19:45:00Z,done,,,\r\n",
        "session,1,stretch,daily,30,655,655,2026-11-06T19:20:00Z,2026-11-06T19:31:00Z,done,,,"
        "\r\n",
        "session,1,ice,,,1200,0,2026-11-18T07:08:00Z,,running,,,\r\n",
        "episode,1,2026-11-06T19:20:00Z,,5,lower,,,2026-11-01T00:00:00Z,2026-11-07T00:00:00Z"
        "\r\n",
    };
    char doc[2048], err[UNKNOT_ERR_LEN];
    int rc;
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        snprintf(doc, sizeof doc, "%s%s", csv_header_v2, rows[i]);
        if (read_all(doc, NOW, err, sizeof err, &rc) != 1 || rc != 0)
            fail_msg("row %zu refused: %s", i, err);
    }
}

static void test_csv_header_errors(void **state)
{
    static const struct err_case cases[] = {
        {"", "line 1: not an unknot export: a CSV export starts with the row #unknot-export,3 "
             "and a JSON one with {"},
        {"id,started_at\r\n", "line 1: not an unknot export: a CSV export starts with the row "
                              "#unknot-export,3 and a JSON one with {"},
        {"#unknot-export,4\r\n",
         "line 1: export version 4 is newer than this unknot reads (3): upgrade unknot"},
        {"#unknot-export,0\r\n",
         "line 1: unknown export version 0: this unknot reads versions 1 to 3"},
        {"#unknot-export,1\r\n#episode,id\r\n",
         "line 2: the header row for episode rows must be #episode,id,started_at,ended_at,"
         "intensity,region,side,notes,created_at,updated_at (the file is not an unknot export "
         "of version 1)"},
        /* Each version has its own #check row. */
        {"#unknot-export,2\r\n#episode,id,started_at,ended_at,intensity,region,side,notes,"
         "created_at,updated_at\r\n#tag,episode_id,kind,tag\r\n#session,id,kind,routine,"
         "hold_s,planned_s,elapsed_s,started_at,ended_at,status,episode_id,pain_before,"
         "pain_after\r\n#check,id,taken_at,verdict\r\n",
         "line 5: the header row for check rows must be #check,id,taken_at,verdict,complete "
         "(the file is not an unknot export of version 2)"},
        {"#unknot-export,1\r\n#episode,id,started_at,ended_at,intensity,region,side,notes,"
         "created_at,updated_at\r\n#tag,episode_id,kind,tag\r\n#session,id,kind,routine,"
         "hold_s,planned_s,elapsed_s,started_at,ended_at,status,episode_id,pain_before,"
         "pain_after\r\n#check,id,taken_at,verdict,complete\r\n",
         "line 5: the header row for check rows must be #check,id,taken_at,verdict "
         "(the file is not an unknot export of version 1)"},
        {"  #unknot-export,2\r\n", "line 1: not an unknot export: a CSV export starts with the "
                                   "row #unknot-export,3 and a JSON one with {"},
        /* Version 3 has the #reading, #treatment and #end header rows;
         * version 2 has none of them. */
        {"#unknot-export,3\r\n#episode,id,started_at,ended_at,intensity,region,side,notes,"
         "created_at,updated_at\r\n#tag,episode_id,kind,tag\r\n#session,id,kind,routine,"
         "hold_s,planned_s,elapsed_s,started_at,ended_at,status,episode_id,pain_before,"
         "pain_after\r\n#check,id,taken_at,verdict,complete\r\n#answer,check_id,item,"
         "answer\r\nend,0,0,0,0,0\r\n",
         "line 7: the header row for reading rows must be #reading,id,episode_id,taken_at,pain,"
         "source,created_at (the file is not an unknot export of version 3)"},
        {"#unknot-export,3\r\n#episode,id,started_at,ended_at,intensity,region,side,notes,"
         "created_at,updated_at\r\n#tag,episode_id,kind,tag\r\n#session,id,kind,routine,"
         "hold_s,planned_s,elapsed_s,started_at,ended_at,status,episode_id,pain_before,"
         "pain_after\r\n#check,id,taken_at,verdict,complete\r\n#answer,check_id,item,"
         "answer\r\n#reading,id,episode_id,taken_at,pain,source,created_at\r\n#treatment,id,"
         "kind,name,taken_at,duration_s,pain_before,pain_after,episode_id,created_at\r\n"
         "#checkin,id,day,taken_at,pain,activities,sleep_tenths,woken,created_at\r\n"
         "#weekly,id,taken_at,pain,enjoyment,activity,created_at\r\n"
         "#worse,session_id,exercise_index,exercise_name\r\n"
         "end,0,0,0,0,0,0,0,0,0,0\r\n",
         "line 12: the header row for question rows must be #question,id,asked_at,text (the "
         "file is not an unknot export of version 3)"},
        /* Format 3 has #worse before #end. */
        {"#unknot-export,3\r\n#episode,id,started_at,ended_at,intensity,region,side,notes,"
         "created_at,updated_at\r\n#tag,episode_id,kind,tag\r\n#session,id,kind,routine,"
         "hold_s,planned_s,elapsed_s,started_at,ended_at,status,episode_id,pain_before,"
         "pain_after\r\n#check,id,taken_at,verdict,complete\r\n#answer,check_id,item,"
         "answer\r\n#reading,id,episode_id,taken_at,pain,source,created_at\r\n#treatment,id,"
         "kind,name,taken_at,duration_s,pain_before,pain_after,episode_id,created_at\r\n"
         "#checkin,id,day,taken_at,pain,activities,sleep_tenths,woken,created_at\r\n"
         "#weekly,id,taken_at,pain,enjoyment,activity,created_at\r\n"
         "#end,episodes,tags,sessions,checks,answers,readings,treatments,checkins,weekly\r\n",
         "line 11: the header row for worse rows must be #worse,session_id,exercise_index,"
         "exercise_name (the file is not an unknot export of version 3)"},
    };
    (void)state;
    check_errors(cases, sizeof cases / sizeof cases[0], 0);
}

#define JHEAD "{\"format\": \"unknot-export\", \"version\": 2,\n\"episodes\": [\n"
#define JTAIL "],\n\"sessions\": [], \"checks\": []}\n"
#define JEP "\"id\": 1, \"started_at\": \"2026-11-06T19:20:00Z\", \"region\": \"lower\""

static void test_json_errors(void **state)
{
    static const struct err_case cases[] = {
        {JHEAD "{" JEP ", \"intensity\": \"eleven\"}\n" JTAIL,
         "line 3: invalid intensity \"eleven\": give a whole number without quotes"},
        {JHEAD "{" JEP ", \"intensity\": 11}\n" JTAIL,
         "line 3: invalid intensity \"11\": use a whole number from 0 (none) to 10 (worst)"},
        {JHEAD "{" JEP ", \"intensity\": 5, \"region\": \"neck\"}" JTAIL,
         "line 3: key \"region\" given twice"},
        {JHEAD "{" JEP ", \"intensity\": 5, \"mood\": 1}" JTAIL,
         "line 3: unknown key \"mood\" in an episode row: use id, started_at, ended_at, "
         "intensity, region, side, notes, created_at, updated_at, tags"},
        {JHEAD "{" JEP "}" JTAIL, "line 3: missing intensity: it may not be empty"},
        {JHEAD "{" JEP ", \"intensity\": null}" JTAIL,
         "line 3: missing intensity: it may not be empty"},
        {JHEAD "{" JEP ", \"intensity\": 5, \"side\": 2}" JTAIL,
         "line 3: invalid side: expected a string in quotes, found a number"},
        {JHEAD "{" JEP ", \"intensity\": 5,\n \"tags\": [{\"kind\": \"trigger\", \"tag\": "
               "\"juggling\"}]}" JTAIL,
         "line 4: invalid trigger \"juggling\": use one of lifting, twisting, bending, "
         "sudden-movement, sneeze-cough, sitting, standing, out-of-bed, sleeping, exercise, "
         "stress, cold, dehydration, other, or other:TEXT"},
        {JHEAD "{" JEP ", \"intensity\": 5, \"tags\": [{\"tag\": \"x\"}]}" JTAIL,
         "line 3: missing kind: it may not be empty"},
        {JHEAD "{" JEP ", \"intensity\": 5, \"tags\": [], \"tags\": []}" JTAIL,
         "line 3: key \"tags\" given twice"},
        {JHEAD "[]" JTAIL, "line 3: expected an episode object, found an array"},
        {"{\"format\": \"other\"}", "line 1: not an unknot export: format must be "
                                    "\"unknot-export\""},
        {"{\"version\": 1}", "line 1: expected the key \"format\" first"},
        {"{\"format\": \"unknot-export\", \"version\": 9}",
         "line 1: export version 9 is newer than this unknot reads (3): upgrade unknot"},
        {"{\"format\": \"unknot-export\", \"version\": 2, \"checks\": []}",
         "line 1: expected the key \"episodes\" (the keys come in the order format, version, "
         "episodes, sessions, checks, readings, treatments, checkins, weekly, worse, "
         "questions)"},
        {JHEAD JTAIL "x", "line 5: expected the end of the input after the top-level value, "
                          "found 'x'"},
        {JHEAD "{" JEP ", \"intensity\": 5.5}" JTAIL,
         "line 3: numbers must be whole (no fraction or exponent)"},
        {"{\"format\": \"unknot-export\", \"version\": 2, \"episodes\": [], \"sessions\": [], "
         "\"checks\": [\n{\"id\": 1, \"taken_at\": \"2026-11-06T19:20:00Z\", \"verdict\": "
         "\"clear\", \"complete\": 1,\n \"answers\": [{\"item\": 1, \"answer\": true}]}]}",
         "line 3: invalid answer: expected a number, found true"},
        /* Version 2 says whether a check is complete; version 1 has no such key. */
        {"{\"format\": \"unknot-export\", \"version\": 2, \"episodes\": [], \"sessions\": [], "
         "\"checks\": [\n{\"id\": 1, \"taken_at\": \"2026-11-06T19:20:00Z\", \"verdict\": "
         "\"clear\", \"answers\": []}]}",
         "line 2: missing complete: it may not be empty"},
        {"{\"format\": \"unknot-export\", \"version\": 2, \"episodes\": [], \"sessions\": [], "
         "\"checks\": [\n{\"id\": 1, \"taken_at\": \"2026-11-06T19:20:00Z\", \"verdict\": "
         "\"clear\", \"complete\": true}]}",
         "line 2: invalid complete: expected a number, found true"},
        {"{\"format\": \"unknot-export\", \"version\": 1, \"episodes\": [], \"sessions\": [], "
         "\"checks\": [\n{\"id\": 1, \"taken_at\": \"2026-11-06T19:20:00Z\", \"verdict\": "
         "\"clear\", \"complete\": 1}]}",
         "line 2: unknown key \"complete\" in a check row: use id, taken_at, verdict, answers"},
    };
    (void)state;
    check_errors(cases, sizeof cases / sizeof cases[0], 0);
}

/* Release 0.1's 16 answers of one check, as rows (CSV) or objects (JSON):
 * yes to old items 6 (fever, now item 7) and `leg` (12 or 13: both are
 * today's item 17), no elsewhere. */
static void v1_answers(char *buf, size_t len, int json, int leg)
{
    size_t used = 0;
    for (int old = 1; old <= 16; old++) {
        int yes = old == 6 || old == leg;
        if (json)
            used += (size_t)snprintf(buf + used, len - used, "%s{\"item\": %d, \"answer\": %d}",
                                     old > 1 ? ", " : "", old, yes);
        else
            used += (size_t)snprintf(buf + used, len - used, "answer,4,%d,%d\r\n", old, yes);
    }
}

/* The check a 0.1 export's 16 answers become: 15 of today's items
 * answered (12, 13, 14, 16 and 19 were never asked), yes to 7 and 17. */
static void assert_v1_check(const struct check *c)
{
    assert_int_equal(c->id, 4);
    assert_int_equal(c->verdict, REDFLAG_URGENT); /* what the patient was told then */
    assert_int_equal(c->complete, 1);
    assert_int_equal(c->nanswers, 20);
    assert_int_equal(check_answer_count(c), 15);
    for (int n = 1; n <= REDFLAG_COUNT; n++) {
        int never = n == 12 || n == 13 || n == 14 || n == 16 || n == 19;
        assert_int_equal(check_has_answer(c, n), !never);
        assert_int_equal(c->answers[n - 1], n == 7 || n == 17);
    }
}

static void read_v1_csv(int leg)
{
    char doc[4096], rows[1024], err[UNKNOT_ERR_LEN];
    int rc;
    v1_answers(rows, sizeof rows, 0, leg);
    snprintf(doc, sizeof doc, "%scheck,4,2026-11-06T19:20:00Z,urgent\r\n%s", csv_header_v1,
             rows);
    assert_int_equal(read_all(doc, NOW, err, sizeof err, &rc), 1);
    assert_int_equal(rc, 0);
    assert_int_equal(item.kind, XFER_CHECK);
    assert_v1_check(&item.chk);
}

/* A version 1 CSV: every answer moves to today's number, none is lost, a
 * yes to either of two old items that became one is a yes. */
static void test_read_v1_csv(void **state)
{
    (void)state;
    read_v1_csv(12);
    read_v1_csv(13);
}

static void test_read_v1_json(void **state)
{
    char doc[4096], answers[1024], err[UNKNOT_ERR_LEN];
    int rc;
    (void)state;
    for (int leg = 12; leg <= 13; leg++) {
        v1_answers(answers, sizeof answers, 1, leg);
        snprintf(doc, sizeof doc,
                 "{\"format\": \"unknot-export\", \"version\": 1, \"episodes\": [], "
                 "\"sessions\": [], \"checks\": [{\"id\": 4, \"taken_at\": "
                 "\"2026-11-06T19:20:00Z\", \"verdict\": \"urgent\", \"answers\": [%s]}]}",
                 answers);
        assert_int_equal(read_all(doc, NOW, err, sizeof err, &rc), 1);
        assert_int_equal(rc, 0);
        assert_v1_check(&item.chk);
    }
}

/* Version 1 numbers items 1 to 16, each once; two old items answered that
 * became one new item are not a repeat. */
static void test_v1_errors(void **state)
{
    static const char check[] = "check,1,2026-11-06T19:20:00Z,clear\r\n";
    static const struct {
        const char *rows, *err;
    } cases[] = {
        {"answer,1,17,0\r\n", "line 8: invalid item \"17\": use a checklist item number from 1 "
                               "to 16"},
        {"answer,1,12,0\r\nanswer,1,12,1\r\n", "line 9: item 12 is answered twice"},
        {"answer,1,3,0\r\nanswer,1,3,0\r\n", "line 9: item 3 is answered twice"},
    };
    char doc[2048], err[UNKNOT_ERR_LEN];
    int rc;
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(doc, sizeof doc, "%s%s%s", csv_header_v1, check, cases[i].rows);
        read_all(doc, NOW, err, sizeof err, &rc);
        if (rc != -1 || strcmp(err, cases[i].err) != 0)
            fail_msg("case %zu: rc %d, err \"%s\", wanted \"%s\"", i, rc, err, cases[i].err);
    }
    snprintf(doc, sizeof doc, "%s%sanswer,1,12,0\r\nanswer,1,13,0\r\n", csv_header_v1, check);
    assert_int_equal(read_all(doc, NOW, err, sizeof err, &rc), 1);
    assert_int_equal(rc, 0);
    assert_int_equal(check_answer_count(&item.chk), 1);
    assert_true(check_has_answer(&item.chk, 17));
}

/* A version 1 file read and written again is version 2 with today's
 * numbers; a version 2 file with a partial check is written back as is. */
static void test_v1_written_as_v2(void **state)
{
    struct xfer_writer w;
    char doc[4096], rows[1024], err[UNKNOT_ERR_LEN], *out = NULL;
    size_t len = 0;
    int rc;
    (void)state;
    v1_answers(rows, sizeof rows, 0, 13);
    snprintf(doc, sizeof doc, "%scheck,4,2026-11-06T19:20:00Z,urgent\r\n%s", csv_header_v1,
             rows);
    assert_int_equal(read_all(doc, NOW, err, sizeof err, &rc), 1);
    FILE *f = open_memstream(&out, &len);
    xfer_write_begin(&w, f, XFER_CSV);
    assert_int_equal(xfer_write_check(&w, &item.chk), 0);
    assert_int_equal(xfer_write_end(&w), 0);
    fclose(f);
    snprintf(doc, sizeof doc, "%s" CSV_HEADER_READINGS "%s", csv_header,
             "check,4,2026-11-06T19:20:00+00:00,urgent,1\r\n"
             "answer,4,1,0\r\nanswer,4,2,0\r\nanswer,4,3,0\r\nanswer,4,4,0\r\n"
             "answer,4,5,0\r\nanswer,4,6,0\r\nanswer,4,7,1\r\nanswer,4,8,0\r\n"
             "answer,4,9,0\r\nanswer,4,10,0\r\nanswer,4,11,0\r\nanswer,4,15,0\r\n"
             "answer,4,17,1\r\nanswer,4,18,0\r\nanswer,4,20,0\r\nend,0,0,0,1,15,0,0,0,0,0,0\r\n");
    assert_string_equal(out, doc);
    /* Read back as version 2: the same check, still complete. */
    struct check v1 = item.chk;
    assert_int_equal(read_all(out, NOW, err, sizeof err, &rc), 1);
    assert_memory_equal(&item.chk, &v1, sizeof v1);
    free(out);
}

/* Version 3's end record: a file cut anywhere is refused, whatever byte it
 * ends on; counts that disagree, a row after the end and a missing end are
 * refused with the line; version 2 has no end record and needs none. */
static void test_end_record(void **state)
{
    char err[UNKNOT_ERR_LEN], doc[4096];
    int rc;
    (void)state;
    char *full = export_sample(XFER_CSV, 1);
    size_t len = strlen(full);
    assert_int_equal(read_all(full, NOW, err, sizeof err, &rc), 7);
    assert_int_equal(rc, 0);
    /* Every prefix but the whole (or the whole without its last line end). */
    for (size_t n = 0; n + 2 < len; n++) {
        char *cut = strndup(full, n);
        read_all(cut, NOW, err, sizeof err, &rc);
        if (rc != -1)
            fail_msg("a file cut after %zu of %zu bytes was read without an error", n, len);
        free(cut);
    }
    snprintf(doc, sizeof doc, "%.*s", (int)(len - 2), full);
    assert_int_equal(read_all(doc, NOW, err, sizeof err, &rc), 7);
    assert_int_equal(rc, 0);
    /* The header and the rows, no end record: the message says what is missing. */
    char *end = strstr(full, "end,1,2,1,1,2,1,1,0,0,1,1\r\n");
    assert_non_null(end);
    snprintf(doc, sizeof doc, "%.*s", (int)(end - full), full);
    read_all(doc, NOW, err, sizeof err, &rc);
    assert_int_equal(rc, -1);
    assert_string_equal(err, "line 26: the file ends without its end record (end,episodes,"
                             "tags,sessions,checks,answers,readings,treatments,checkins,"
                             "weekly,worse,questions): it was cut short; export it again");
    static const struct {
        const char *end, *msg;
    } cases[] = {
        {"end,1,2,1,1,3,1,1,0,0,0,1\r\n", "line 26: the end record says 1 episodes, 2 tags, 1 sessions, "
                                  "1 checks, 3 answers, 1 readings, 1 treatments, 0 checkins, 0 "
                                  "weekly, 0 worse, 1 questions, but the file holds 1 episodes, 2 tags, 1 sessions, 1 "
                                  "checks, 2 answers, 1 readings, 1 treatments, 0 checkins, 0 "
                                  "weekly, 1 worse, 1 questions: rows are missing or were added; export it again"},
        {"end,1,2,1,1,2,1,1,0,0,1\r\n", "line 26: end row with 11 fields: it has 12, as the header "
                                    "row #end shows"},
        {"end,1,2,1,1,2,1,1,0,0,1,\r\n", "line 26: missing questions: it may not be empty"},
        {"end,1,2,1,1,x,1,1,0,0,1,1\r\n", "line 26: invalid answers \"x\": use the number of rows"},
        {"end,1,2,1,1,2,1,1,0,0,1,1\r\nend,1,2,1,1,2,1,1,0,0,1,1\r\n",
         "line 27: a row after the end record: the end record is the last row of an export"},
        {"end,1,2,1,1,2,1,1,0,0,1,1\r\nsession,9,ice,,,600,600,2026-11-06T19:30:00Z,,done,,,\r\n",
         "line 27: a row after the end record: the end record is the last row of an export"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(doc, sizeof doc, "%.*s%s", (int)(end - full), full, cases[i].end);
        read_all(doc, NOW, err, sizeof err, &rc);
        assert_int_equal(rc, -1);
        assert_string_equal(err, cases[i].msg);
    }
    free(full);
    /* In version 2 an end row is no row type of the format. */
    snprintf(doc, sizeof doc, "%send,0,0,0,0,0\r\n", csv_header_v2);
    read_all(doc, NOW, err, sizeof err, &rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, "line 7: unknown row type \"end\""));
}

/* Readings and treatments are checked by the core's rules, each error on
 * its line (issue 13). */
static void test_reading_treatment_errors(void **state)
{
    static const struct {
        const char *rows, *want;
    } cases[] = {
        {"reading,1,1,2026-11-06T19:20:00Z,11,cli,\r\n", "line 14: invalid pain \"11\""},
        {"reading,1,1,2026-11-06T19:20:00Z,5,phone,\r\n", "line 14: invalid source \"phone\""},
        {"reading,1,1,2036-11-06T19:20:00Z,5,cli,\r\n", "is in the future"},
        {"treatment,1,yoga,,2026-11-06T19:20:00Z,,,,,\r\n", "invalid treatment kind \"yoga\""},
        {"treatment,1,ice,x,2026-11-06T19:20:00Z,,,,,\r\n", "only a medication has a name"},
        {"treatment,1,medication,,2026-11-06T19:20:00Z,,,,,\r\n", "needs its name"},
        {"treatment,1,ice,,2026-11-06T19:20:00Z,0,,,,\r\n", "invalid duration_s \"0\""},
        {"treatment,1,ice,,2026-11-06T19:20:00Z,,12,,,\r\n", "invalid pain_before \"12\""},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char doc[2048], err[UNKNOT_ERR_LEN] = "";
        int rc;
        snprintf(doc, sizeof doc, "%s" CSV_HEADER_READINGS "%s", csv_header, cases[i].rows);
        assert_int_equal(read_all(doc, NOW, err, sizeof err, &rc), 0);
        if (rc != -1 || !strstr(err, cases[i].want))
            fail_msg("case %zu: rc %d, err \"%s\", wanted \"%s\"", i, rc, err, cases[i].want);
    }
}

/* Every tag kind episode.h knows travels, and reads back as that kind
 * (the pain-quality kind "feel" too, where episode.h has it). */
static void test_every_tag_kind(void **state)
{
    static struct episode ep;
    struct xfer_writer w;
    char err[UNKNOT_ERR_LEN], *out = NULL;
    size_t len = 0;
    int rc;
    (void)state;
    episode_init(&ep);
    ep.id = 1;
    ep.started_at = T0;
    ep.ended_at = T0 + 60;
    ep.intensity = 4;
    ep.region = REGION_LOWER;
    ep.created_at = ep.updated_at = T0 + 60;
    for (int k = 0; k < TAG_KIND_COUNT; k++) {
        size_t n;
        const struct vocab *v = episode_vocab((enum tag_kind)k, &n);
        assert_int_equal(episode_add_tag(&ep, (enum tag_kind)k, n ? v[0].code : "paracetamol",
                                         err, sizeof err), 0);
    }
    FILE *f = open_memstream(&out, &len);
    xfer_write_begin(&w, f, XFER_JSON);
    assert_int_equal(xfer_write_episode(&w, &ep), 0);
    assert_int_equal(xfer_write_end(&w), 0);
    fclose(f);
    assert_int_equal(read_all(out, NOW, err, sizeof err, &rc), 1);
    assert_int_equal(rc, 0);
    assert_int_equal(item.ep.ntags, (size_t)TAG_KIND_COUNT);
    for (int k = 0; k < TAG_KIND_COUNT; k++) {
        assert_int_equal(item.ep.tags[k].kind, k);
        assert_string_equal(item.ep.tags[k].text, ep.tags[k].text);
    }
    free(out);
}

/* An unknown tag kind is refused with every kind episode.h knows (the
 * list grows with it: "feel", what the pain feels like, in version 2). */
static void test_tag_kind_error(void **state)
{
    char doc[2048], err[UNKNOT_ERR_LEN];
    int rc;
    (void)state;
    snprintf(doc, sizeof doc, "%s%s", csv_header_v2, EP "5,lower,,,,\r\ntag,1,mood,sad\r\n");
    read_all(doc, NOW, err, sizeof err, &rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, "line 8: invalid tag kind \"mood\": use trigger, "));
    for (int k = 0; k < TAG_KIND_COUNT; k++)
        assert_non_null(strstr(err, tag_kind_code((enum tag_kind)k)));
    assert_non_null(strstr(err, " or "));
}

/* An error sticks, and nothing after it is read. */
static void test_error_sticks(void **state)
{
    char doc[1024], err[UNKNOT_ERR_LEN];
    struct xfer_reader *r = NULL;
    (void)state;
    snprintf(doc, sizeof doc, "%s%s", csv_header_v2, "bad,row\r\n" EP "5,lower,,,,\r\n");
    FILE *f = input(doc);
    assert_int_equal(xfer_reader_open(&r, f, NOW, err, sizeof err), 0);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), -1);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), -1);
    assert_non_null(strstr(err, "line 7: unknown row type \"bad\""));
    xfer_reader_free(&r);
    xfer_reader_free(&r); /* NULL-safe */
    fclose(f);
}

static void test_format_parse(void **state)
{
    enum xfer_format fmt;
    char err[128];
    (void)state;
    assert_int_equal(xfer_format_parse("CSV", &fmt, err, sizeof err), 0);
    assert_int_equal(fmt, XFER_CSV);
    assert_int_equal(xfer_format_parse("json", &fmt, err, sizeof err), 0);
    assert_int_equal(fmt, XFER_JSON);
    assert_int_equal(xfer_format_parse("xml", &fmt, err, sizeof err), -1);
    assert_string_equal(err, "invalid format \"xml\": use csv or json");
}

/* A version-1 file (unknot 0.1) was written unguarded: its "'=x" note is
 * that note, and comes in as it stands. */
static void test_v1_text_is_not_unguarded(void **state)
{
    char doc[2048], err[UNKNOT_ERR_LEN];
    int rc;
    (void)state;
    snprintf(doc, sizeof doc, "%s%s", csv_header_v1, EP "5,lower,,'=x,,\r\n");
    assert_int_equal(read_all(doc, NOW, err, sizeof err, &rc), 1);
    assert_int_equal(rc, 0);
    assert_string_equal(item.ep.note, "'=x");
}

/* Notes and tags that a spreadsheet would evaluate travel guarded through
 * the CSV and come back byte for byte, apostrophes included. */
static void test_guard_round_trip(void **state)
{
    static const char *const tricky[] = {
        "=SUM(A1)", "+1", "-3 pain", "@home", "'",  "''", "'=x", "'a", "'''x",
        "=",        "-",  "x'",      "a=b",   "'-1", "=cmd|' /C calc'!A0", "plain",
    };
    static struct episode ep;
    char err[UNKNOT_ERR_LEN];
    (void)state;
    for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
        struct xfer_writer w;
        char *out = NULL;
        size_t len = 0;
        int rc;
        sample_episode(&ep);
        ep.ntags = 0;
        snprintf(ep.note, sizeof ep.note, "%s", tricky[i]);
        assert_int_equal(episode_add_tag(&ep, TAG_MEDICATION, tricky[i], err, sizeof err), 0);
        FILE *f = open_memstream(&out, &len);
        assert_non_null(f);
        xfer_write_begin(&w, f, XFER_CSV);
        assert_int_equal(xfer_write_episode(&w, &ep), 0);
        assert_int_equal(xfer_write_end(&w), 0);
        assert_int_equal(fclose(f), 0);
        if (strchr("=+-@'", tricky[i][0])) {
            char want[64];
            snprintf(want, sizeof want, ",'%s", tricky[i]);
            assert_non_null(strstr(out, want)); /* guarded in the file */
        }
        assert_int_equal(read_all(out, NOW, err, sizeof err, &rc), 1);
        assert_int_equal(rc, 0);
        assert_string_equal(item.ep.note, tricky[i]);
        assert_int_equal(item.ep.ntags, 1);
        assert_string_equal(item.ep.tags[0].text, tricky[i]);
        free(out);
    }
}

/* A bidi override is refused at import with a line number; what a
 * database holds is exported replaced (CSV) or escaped (JSON). */
static void test_refused_text(void **state)
{
    static struct episode ep;
    char err[UNKNOT_ERR_LEN];
    int rc;
    (void)state;
    char *csv = export_sample(XFER_CSV, 1);
    char *p = strstr(csv, "lifting");
    assert_non_null(p);
    size_t blen = strlen(csv) + 8;
    char *bad = malloc(blen);
    assert_non_null(bad);
    snprintf(bad, blen, "%.*s\xE2\x80\xAE%s", (int)(p - csv), csv, p);
    assert_int_equal(read_all(bad, NOW, err, sizeof err, &rc), 0);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, "invalid tag: text must be on one line, without control"));
    free(bad);
    free(csv);

    sample_episode(&ep);
    snprintf(ep.note, sizeof ep.note, "a\xC2\x9B" "31mb\xE2\x80\x8B" "c");
    for (int fmt = 0; fmt < 2; fmt++) {
        struct xfer_writer w;
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        assert_non_null(f);
        xfer_write_begin(&w, f, fmt ? XFER_JSON : XFER_CSV);
        assert_int_equal(xfer_write_episode(&w, &ep), 0);
        assert_int_equal(xfer_write_end(&w), 0);
        assert_int_equal(fclose(f), 0);
        assert_null(strstr(out, "\xC2\x9B"));
        assert_null(strstr(out, "\xE2\x80\x8B"));
        assert_non_null(strstr(out, fmt ? "a\\u009b31mb\\u200bc"
                                        : "a\xEF\xBF\xBD" "31mb\xEF\xBF\xBD" "c"));
        free(out);
    }
}


static void same_checkin(const struct checkin *a, const struct checkin *b)
{
    assert_int_equal(a->id, b->id);
    assert_string_equal(a->day, b->day);
    assert_int_equal(a->taken_at, b->taken_at);
    assert_int_equal(a->pain, b->pain);
    assert_int_equal(a->activities, b->activities);
    assert_int_equal(a->sleep_tenths, b->sleep_tenths);
    assert_int_equal(a->woken, b->woken);
    assert_int_equal(a->created_at, b->created_at);
}

/* Daily and weekly check-ins travel in both formats and read back as
 * written; their bad values are refused at their line; a file without
 * them (written before check-ins) reads, as the error cases above show. */
static void check_checkins_round_trip(enum xfer_format fmt)
{
    struct checkin c = {.id = 4, .day = "2026-11-06", .taken_at = T0, .pain = 3,
                        .activities = CHECKIN_ACT_PARTLY, .sleep_tenths = 65, .woken = 1,
                        .created_at = T0 + 60};
    struct checkin bare = {.id = 5, .day = "2026-11-07", .taken_at = T0 + 86400, .pain = 0,
                           .activities = CHECKIN_ACT_UNSET, .sleep_tenths = CHECKIN_NONE,
                           .woken = CHECKIN_NONE, .created_at = T0 + 86400};
    struct weekly k;
    memset(&k, 0, sizeof k); /* the padding too: the read-back is compared byte for byte */
    k = (struct weekly){.id = 2, .taken_at = T0 + 3600, .pain = 5, .enjoyment = 4, .activity = 6,
                        .created_at = T0 + 3600};
    struct xfer_writer w;
    char *out = NULL, err[UNKNOT_ERR_LEN];
    size_t len = 0;
    struct xfer_reader *r = NULL;
    FILE *f = open_memstream(&out, &len);
    xfer_write_begin(&w, f, fmt);
    assert_int_equal(xfer_write_checkin(&w, &c), 0);
    assert_int_equal(xfer_write_checkin(&w, &bare), 0);
    assert_int_equal(xfer_write_weekly(&w, &k), 0);
    assert_int_equal(xfer_write_end(&w), 0);
    fclose(f);
    /* Checks come before them: a writer refuses one after. */
    char *bad = NULL;
    size_t badlen = 0;
    FILE *bf = open_memstream(&bad, &badlen);
    xfer_write_begin(&w, bf, fmt);
    assert_int_equal(xfer_write_checkin(&w, &c), 0);
    assert_int_equal(xfer_write_check(&w, &item.chk), -1);
    assert_int_equal(xfer_write_end(&w), -1);
    fclose(bf);
    free(bad);
    f = input(out);
    assert_int_equal(xfer_reader_open(&r, f, NOW, err, sizeof err), 0);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    assert_int_equal(item.kind, XFER_CHECKIN);
    same_checkin(&item.ci, &c);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    same_checkin(&item.ci, &bare);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 1);
    assert_int_equal(item.kind, XFER_WEEKLY);
    assert_int_equal(item.wk.id, k.id);
    assert_int_equal(item.wk.taken_at, k.taken_at);
    assert_int_equal(item.wk.pain, k.pain);
    assert_int_equal(item.wk.enjoyment, k.enjoyment);
    assert_int_equal(item.wk.activity, k.activity);
    assert_int_equal(item.wk.created_at, k.created_at);
    assert_int_equal(xfer_read(r, &item, err, sizeof err), 0);
    xfer_reader_free(&r);
    fclose(f);
    free(out);
}

static void test_checkins(void **state)
{
    (void)state;
    check_checkins_round_trip(XFER_CSV);
    check_checkins_round_trip(XFER_JSON);
    static const struct err_case csv[] = {
        {"checkin,1,2026-11-06,2026-11-06T19:20:00Z,11,,,,\r\n",
         "line 14: invalid pain \"11\": use a whole number from 0 (none) to 10 (worst)"},
        {"checkin,1,2026-13-06,2026-11-06T19:20:00Z,1,,,,\r\n",
         "line 14: check-in 1: invalid check-in day \"2026-13-06\": use YYYY-MM-DD"},
        {"checkin,1,2026-11-06,2026-11-06T19:20:00Z,1,maybe,,,\r\n",
         "line 14: invalid activities \"maybe\": use yes, partly or no"},
        {"checkin,1,2026-11-06,2026-11-06T19:20:00Z,1,,241,,\r\n",
         "line 14: invalid sleep_tenths \"241\": use tenths of an hour from 0 to 240, or leave it "
         "empty"},
        {"weekly,1,2026-11-06T19:20:00Z,1,2,\r\n",
         "line 14: weekly row with 6 fields: it has 7, as the header row #weekly shows"},
        {"weekly,1,2026-12-06T19:20:00Z,1,2,3,\r\n",
         "line 14: weekly check-in 1: a check-in cannot be in the future"},
    };
    check_errors(csv, COUNT(csv), 3);
    static const struct err_case json[] = {
        {"{\"format\": \"unknot-export\", \"version\": 3, \"episodes\": [], \"sessions\": [], "
         "\"checks\": [], \"readings\": [], \"treatments\": [], \"weekly\": []}",
         "line 1: expected the key \"checkins\" (the keys come in the order format, version, "
         "episodes, sessions, checks, readings, treatments, checkins, weekly, worse, "
         "questions)"},
        {"{\"format\": \"unknot-export\", \"version\": 3, \"episodes\": [], \"sessions\": [], "
         "\"checks\": [], \"readings\": [], \"treatments\": [], \"checkins\": [\n{\"id\": 1, \"day\": \"2026-11-06\", \"taken_at\": "
         "\"2026-11-06T19:20:00Z\", \"pain\": 2, \"woken\": 2}]}",
         "line 2: invalid woken \"2\": use 0 or 1, or leave it empty"},
    };
    check_errors(json, COUNT(json), 0);
}

/* Format 3 takes 0, 1 or 2; an unknown value is one clear line. Files of
 * versions 1 and 2 never held a "not sure" (test_csv_errors). */
static void test_unsure_errors(void **state)
{
    (void)state;
    static const struct err_case csv[] = {
        {"check,1,2026-11-06T19:20:00Z,clear,1\r\nanswer,1,3,3\r\n",
         "line 15: invalid answer \"3\": use 0 (no), 1 (yes) or 2 (not sure)"},
        {"check,1,2026-11-06T19:20:00Z,clear,1\r\nanswer,1,3,-1\r\n",
         "line 15: invalid answer \"-1\": use 0 (no), 1 (yes) or 2 (not sure)"},
        /* not sure is not yes: an urgent verdict on it does not follow */
        {"check,1,2026-11-06T19:20:00Z,urgent,1\r\nanswer,1,12,2\r\n",
         "line 14: check 1: the verdict urgent does not follow from its answers, which give "
         "clear"},
    };
    check_errors(csv, COUNT(csv), 3);
}

/* Worse rows: their number and name checked as the store would, each
 * error on its line. */
static void test_worse_errors(void **state)
{
    (void)state;
    static const struct err_case csv[] = {
        {"worse,1,0,Settle\r\n",
         "line 14: invalid exercise_index \"0\": use the exercise's number in its routine, 1 to 64"},
        {"worse,1,65,Settle\r\n",
         "line 14: invalid exercise_index \"65\": use the exercise's number in its routine, 1 to 64"},
        {"worse,1,2,\r\n", "line 14: missing exercise_name: it may not be empty"},
        {"worse,1,2\r\n", "line 14: worse row with 3 fields: it has 4, as the header row #worse "
                          "shows"},
    };
    check_errors(csv, COUNT(csv), 3);
}

/* A question row is checked by question_validate, on its line. */
static void test_question_errors(void **state)
{
    (void)state;
    static const struct err_case csv[] = {
        {"question,1,2026-11-06T19:20:00Z,\r\n", "line 14: missing text: it may not be empty"},
        {"question,1,2026-11-06T19:20:00Z,\"   \"\r\n",
         "line 14: question 1: the question is empty: write it in quotes, unknot question "
         "\"Is it safe to run?\""},
        {"question,1,2026-11-06T19:20:00Z,\"two\nlines\"\r\n",
         "line 14: invalid text: text must be on one line, without control characters"},
        {"question,x,2026-11-06T19:20:00Z,Why?\r\n",
         "line 14: invalid id \"x\": use a whole number from 1"},
        {"question,1,soon,Why?\r\n", NULL},
    };
    char doc[4096], err[UNKNOT_ERR_LEN];
    for (size_t i = 0; i < COUNT(csv); i++) {
        int rc;
        snprintf(doc, sizeof doc, "%s%s", csv_header, csv[i].rows);
        read_all(doc, NOW, err, sizeof err, &rc);
        assert_int_equal(rc, -1);
        if (csv[i].err && strcmp(err, csv[i].err) != 0)
            fail_msg("case %zu: %s", i, err);
    }
}

/* A format 3 file written before the questions (no #question header row,
 * no questions count in the end record; JSON without "questions") still
 * imports; a file with them says its count. */
static void test_v3_before_questions(void **state)
{
    (void)state;
    char err[UNKNOT_ERR_LEN], doc[4096];
    int rc;
    char *full = export_sample(XFER_CSV, 1);
    char *q = strstr(full, "#question,id,asked_at,text\r\n");
    char *row = strstr(full, "question,4,");
    char *end = strstr(full, "end,1,2,1,1,2,1,1,0,0,1,1\r\n");
    assert_non_null(q);
    assert_non_null(row);
    assert_non_null(end);
    /* the header without #question and ",questions"; the rows without the
     * question; the end record without its count */
    size_t used = (size_t)snprintf(doc, sizeof doc, "%.*s", (int)(q - full), full);
    const char *endhead = q + strlen("#question,id,asked_at,text\r\n");
    const char *cut = strstr(endhead, ",questions\r\n");
    assert_non_null(cut);
    used += (size_t)snprintf(doc + used, sizeof doc - used, "%.*s\r\n%.*s"
                             "end,1,2,1,1,2,1,1,0,0,1\r\n", (int)(cut - endhead), endhead,
                             (int)(row - (cut + strlen(",questions\r\n"))),
                             cut + strlen(",questions\r\n"));
    assert_int_equal(read_all(doc, NOW, err, sizeof err, &rc), 6);
    if (rc != 0)
        fail_msg("%s\n%s", err, doc);
    /* ... but counts must still agree, and a question row needs its header. */
    char bad[4096];
    snprintf(bad, sizeof bad, "%.*squestion,4,2026-11-06T21:20:00Z,Why?\r\n"
             "end,1,2,1,1,2,1,1,0,0,1\r\n", (int)(strstr(doc, "end,1,2,1,1,2,1,1,0,0,1\r\n") - doc),
             doc);
    read_all(bad, NOW, err, sizeof err, &rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, "the file holds"));
    free(full);
    char *json = export_sample(XFER_JSON, 1);
    char *arr = strstr(json, ",\n  \"questions\": [");
    assert_non_null(arr);
    snprintf(doc, sizeof doc, "%.*s\n}\n", (int)(arr - json), json);
    assert_int_equal(read_all(doc, NOW, err, sizeof err, &rc), 6);
    if (rc != 0)
        fail_msg("%s\n%s", err, doc);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_question_errors),
        cmocka_unit_test(test_v3_before_questions),
        cmocka_unit_test(test_write_csv),        cmocka_unit_test(test_write_json),
        cmocka_unit_test(test_write_order),      cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_offsets_round_trip),
        cmocka_unit_test(test_unsure_round_trip), cmocka_unit_test(test_unsure_errors),
        cmocka_unit_test(test_defaults),         cmocka_unit_test(test_csv_errors),
        cmocka_unit_test(test_implausible_records),
        cmocka_unit_test(test_implausible_json),
        cmocka_unit_test(test_plausible_records),
        cmocka_unit_test(test_csv_header_errors), cmocka_unit_test(test_json_errors),
        cmocka_unit_test(test_read_v1_csv),      cmocka_unit_test(test_read_v1_json),
        cmocka_unit_test(test_v1_errors),        cmocka_unit_test(test_v1_written_as_v2),
        cmocka_unit_test(test_every_tag_kind),
        cmocka_unit_test(test_end_record),   cmocka_unit_test(test_tag_kind_error),
        cmocka_unit_test(test_reading_treatment_errors),
        cmocka_unit_test(test_error_sticks),     cmocka_unit_test(test_format_parse),
        cmocka_unit_test(test_checkins),
        cmocka_unit_test(test_worse_errors),
        cmocka_unit_test(test_guard_round_trip), cmocka_unit_test(test_v1_text_is_not_unguarded), cmocka_unit_test(test_refused_text),
    };
    return cmocka_run_group_tests_name("xfer", tests, setup, NULL);
}

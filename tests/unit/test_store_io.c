/* SPDX-License-Identifier: BSD-2-Clause */
/* store_io and its glue (xfer_store, report_store): export -> import ->
 * export gives the same bytes, a bad row or a taken id writes nothing,
 * the iterators' order, the report from the store, and the backup (also
 * while another connection holds a write transaction). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/store.h"
#include "tests/unit/store_fixture.h"
#include "src/app/outfile.h"
#include "src/app/report_store.h"
#include "src/app/xfer_store.h"
#include "tests/memfile.h"

#define NOW 1795000000LL /* 2026-11-18T11:06:40Z */
#define TODAY (NOW - 40000) /* its midnight */
#define HOUR 3600
#define DAY 86400

static int group_setup(void **state)
{
    setenv("TZ", "UTC", 1);
    tzset();
    return store_fixture_setup(state);
}

static FILE *input(const char *text, size_t len)
{
    FILE *f = memfile_open(text, len);
    assert_non_null(f);
    return f;
}

/* ---- a history with everything in it ------------------------------------------ */

static void add_episode(struct store *st, int64_t start, int64_t secs, int intensity,
                        enum region region, const char *note, const char *const *tags)
{
    static struct episode ep;
    char err[STORE_ERR_LEN];
    episode_init(&ep);
    ep.started_at = start;
    ep.ended_at = secs ? start + secs : EPISODE_ONGOING;
    ep.intensity = intensity;
    ep.region = region;
    ep.side = SIDE_BOTH;
    snprintf(ep.note, sizeof ep.note, "%s", note);
    for (; tags && *tags; tags += 2) {
        enum tag_kind k;
        assert_int_equal(tag_kind_parse(tags[0], &k), 0);
        assert_int_equal(episode_add_tag(&ep, k, tags[1], err, sizeof err), 0);
    }
    assert_int_equal(episode_validate(&ep, NOW, err, sizeof err), 0);
    /* Saved a minute after it began, or after it ended: when unknot could. */
    assert_int_equal(store_episode_add(st, &ep, (secs ? start + secs : start) + 60, err,
                                       sizeof err), STORE_OK);
}

static void add_check(struct store *st, int64_t at, const char *yes)
{
    struct check c;
    unsigned char answers[REDFLAG_COUNT];
    char err[STORE_ERR_LEN];
    assert_int_equal(redflags_parse_yes_list(yes, answers, err, sizeof err), 0);
    check_from_answers(at, answers, &c);
    assert_int_equal(store_check_add(st, &c, err, sizeof err), STORE_OK);
}

#define CSV_HEAD(version, check_columns)                                                   \
    "#unknot-export," version "\r\n"                                                        \
    "#episode,id,started_at,ended_at,intensity,region,side,notes,created_at,updated_at\r\n"  \
    "#tag,episode_id,kind,tag\r\n"                                                          \
    "#session,id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,status,"        \
    "episode_id,pain_before,pain_after\r\n"                                                 \
    "#check," check_columns "\r\n"                                                          \
    "#answer,check_id,item,answer\r\n"

static const char csv_header[] = CSV_HEAD("2", "id,taken_at,verdict,complete");
/* Release 0.1's export: 16 checklist items, every check complete. */
static const char csv_header_v1[] = CSV_HEAD("1", "id,taken_at,verdict");

/* Sessions come in through an import: their own writer belongs to the
 * timer, and this keeps the test independent of it. */
static void add_sessions(struct store *st)
{
    char doc[2048], err[UNKNOT_ERR_LEN];
    snprintf(doc, sizeof doc, "%s%s", csv_header,
             "session,1,ice,,,1200,1200,2026-11-10T08:00:00+00:00,2026-11-10T08:20:00+00:00,"
             "done,1,7,4\r\n"
             "session,2,stretch,first-aid,30,190,120,2026-11-11T09:00:00+00:00,"
             "2026-11-11T09:02:00+00:00,stopped,,,\r\n"
             "session,3,heat,,,1200,600,2026-11-12T09:00:00+00:00,,running,,5,\r\n");
    FILE *f = input(doc, strlen(doc));
    if (xfer_import(st, f, NOW, NULL, err, sizeof err) != 0)
        fail_msg("importing sessions: %s", err);
    fclose(f);
}

static void fill(struct store *st)
{
    static const char *const t1[] = {"trigger", "lifting", "symptom", "stiffness",
                                     "medication", "ibuprofen, 400 mg", "trigger",
                                     "other:carried a \"heavy\" box", NULL};
    static const char *const t2[] = {"relief", "heat", NULL};
    add_episode(st, NOW - 10 * DAY, 2 * HOUR, 6, REGION_LOWER,
                "bent, \"quoted\", and\na second line \xE2\x80\x94 \xF0\x9F\x99\x82 \xE7\x97\x9B", t1);
    add_episode(st, NOW - 8 * DAY, 1 * HOUR, 3, REGION_NECK, "", t2);
    add_episode(st, NOW - 5 * DAY, 4 * HOUR, 8, REGION_LOWER, "tab\there", NULL);
    add_episode(st, NOW - 1 * DAY, 0, 5, REGION_MID, "still going", NULL);
    add_check(st, NOW - 9 * DAY, "12,13");
    add_check(st, NOW - 2 * DAY, "");
    add_sessions(st);
}

static char *export_text(struct store *st, enum xfer_format fmt)
{
    char *out = NULL, err[STORE_ERR_LEN];
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    if (xfer_export(st, f, fmt, err, sizeof err) != 0)
        fail_msg("export: %s", err);
    assert_int_equal(fclose(f), 0);
    return out;
}

static int import_text(struct store *st, const char *text, struct store_import_counts *n, char *err,
                       size_t errlen)
{
    FILE *f = input(text, strlen(text));
    int rc = xfer_import(st, f, NOW, n, err, errlen);
    fclose(f);
    return rc;
}

/* ---- export and import ------------------------------------------------------------- */

static void check_round_trip(enum xfer_format fmt)
{
    struct store *a = open_ok(":memory:"), *b = open_ok(":memory:");
    struct store_import_counts n;
    char err[UNKNOT_ERR_LEN];
    fill(a);
    char *first = export_text(a, fmt);
    if (import_text(b, first, &n, err, sizeof err) != 0)
        fail_msg("import: %s", err);
    assert_int_equal(n.episodes, 4);
    assert_int_equal(n.tags, 5);
    assert_int_equal(n.sessions, 3);
    assert_int_equal(n.checks, 2);
    assert_int_equal(n.answers, 2 * REDFLAG_COUNT);
    char *second = export_text(b, fmt);
    assert_string_equal(first, second);
    free(first);
    free(second);
    store_close(&a);
    store_close(&b);
}

static void test_round_trip_csv(void **state)
{
    (void)state;
    check_round_trip(XFER_CSV);
}

static void test_round_trip_json(void **state)
{
    (void)state;
    check_round_trip(XFER_JSON);
}

/* CSV in, JSON out, JSON in, CSV out: the formats hold the same data. */
static void test_formats_agree(void **state)
{
    struct store *a = open_ok(":memory:"), *b = open_ok(":memory:");
    char err[UNKNOT_ERR_LEN];
    (void)state;
    fill(a);
    char *json = export_text(a, XFER_JSON);
    assert_int_equal(import_text(b, json, NULL, err, sizeof err), 0);
    char *csv_a = export_text(a, XFER_CSV), *csv_b = export_text(b, XFER_CSV);
    assert_string_equal(csv_a, csv_b);
    free(json);
    free(csv_a);
    free(csv_b);
    store_close(&a);
    store_close(&b);
}

/* A bad value on line N: "line N" in the message and nothing written,
 * not even the good rows before it. */
static void test_bad_row_writes_nothing(void **state)
{
    struct store *st = open_ok(":memory:");
    char doc[2048], err[UNKNOT_ERR_LEN];
    int64_t count = -1;
    (void)state;
    fill(st);
    char *before = export_text(st, XFER_CSV);
    snprintf(doc, sizeof doc, "%s%s", csv_header,
             "episode,10,2026-11-01T08:00:00Z,2026-11-01T09:00:00Z,4,lower,,,,\r\n"
             "tag,10,trigger,lifting\r\n"
             "episode,11,2026-11-02T08:00:00Z,2026-11-02T09:00:00Z,4,lower,,,,\r\n"
             "episode,12,2026-11-03T08:00:00Z,2026-11-03T09:00:00Z,eleven,lower,,,,\r\n");
    assert_int_equal(import_text(st, doc, NULL, err, sizeof err), -1);
    assert_string_equal(err, "line 10: invalid intensity \"eleven\": use a whole number from 0 "
                             "(none) to 10 (worst)");
    assert_int_equal(store_episode_count(st, INT64_MIN, INT64_MAX, &count, err, sizeof err),
                     STORE_OK);
    assert_int_equal(count, 4);
    char *after = export_text(st, XFER_CSV);
    assert_string_equal(before, after);
    free(before);
    free(after);
    store_close(&st);
}

static void test_id_conflict_refused(void **state)
{
    struct store *a = open_ok(":memory:"), *b = open_ok(":memory:");
    char err[UNKNOT_ERR_LEN], doc[1024];
    int64_t count = -1;
    (void)state;
    fill(a);
    char *text = export_text(a, XFER_JSON);
    assert_int_equal(import_text(b, text, NULL, err, sizeof err), 0);
    assert_int_equal(import_text(b, text, NULL, err, sizeof err), -1);
    assert_string_equal(err, "line 5: episode 1 is already in this database (or earlier in the "
                             "file): import into an empty database (unknot --db NEW.db import "
                             "FILE)");
    /* Twice in one file, after a new row that must not stay either. */
    snprintf(doc, sizeof doc, "%s%s", csv_header,
             "check,50,2026-11-01T08:00:00Z,clear,1\r\n"
             "check,50,2026-11-02T08:00:00Z,clear,1\r\n");
    assert_int_equal(import_text(b, doc, NULL, err, sizeof err), -1);
    assert_string_equal(err, "line 8: check 50 is already in this database (or earlier in the "
                             "file): import into an empty database (unknot --db NEW.db import "
                             "FILE)");
    assert_int_equal(store_episode_count(b, INT64_MIN, INT64_MAX, &count, err, sizeof err),
                     STORE_OK);
    assert_int_equal(count, 4);
    char *again = export_text(b, XFER_JSON);
    assert_string_equal(text, again);
    free(text);
    free(again);
    store_close(&a);
    store_close(&b);
}

static void test_missing_episode_refused(void **state)
{
    struct store *st = open_ok(":memory:");
    char doc[1024], err[UNKNOT_ERR_LEN];
    (void)state;
    snprintf(doc, sizeof doc, "%s%s", csv_header,
             "session,1,ice,,,600,600,2026-11-10T08:00:00Z,2026-11-10T08:10:00Z,done,99,,\r\n");
    assert_int_equal(import_text(st, doc, NULL, err, sizeof err), -1);
    assert_string_equal(err, "line 7: session 1 refers to episode 99, which is neither in this "
                             "database nor earlier in the file");
    store_close(&st);
}

/* The stored checks, oldest first, into c[0..max); returns how many. */
static int load_checks(struct store *st, struct check *c, int max)
{
    struct store_iter *it = NULL;
    char err[STORE_ERR_LEN];
    int n = 0, rc;
    assert_int_equal(store_checks_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err,
                                       sizeof err), STORE_OK);
    while (n < max && (rc = store_iter_next(it, &c[n], err, sizeof err)) == STORE_OK)
        n++;
    store_iter_free(&it);
    return n;
}

/* Release 0.1's export (CSV, then the same rows as JSON): each answer is
 * stored under today's number, a yes to either of two old items that
 * became one is a yes, every check is complete, and the export written
 * back is version 3. */
static void import_v1(const char *doc, enum xfer_format fmt)
{
    struct store *st = open_ok(":memory:");
    struct store_import_counts n;
    struct check c[3];
    char err[UNKNOT_ERR_LEN];
    if (import_text(st, doc, &n, err, sizeof err) != 0)
        fail_msg("import: %s", err);
    assert_int_equal(n.checks, 2);
    assert_int_equal(n.answers, 15 + 2); /* 16 old items on 15 new ones; 2 answers */
    assert_int_equal(load_checks(st, c, 3), 2);
    assert_int_equal(c[0].complete, 1);
    assert_int_equal(c[0].verdict, REDFLAG_URGENT);
    assert_int_equal(check_answer_count(&c[0]), 15);
    for (int item = 1; item <= REDFLAG_COUNT; item++)
        assert_int_equal(check_has_answer(&c[0], item) && c[0].answers[item - 1],
                         item == 7 || item == 17); /* old 6 fever; old 13 pain down a leg */
    assert_false(check_has_answer(&c[0], 12)); /* not asked by 0.1 */
    /* old 12 no and 13 yes in the second check: item 17 yes */
    assert_int_equal(check_answer_count(&c[1]), 2);
    assert_true(check_has_answer(&c[1], 17) && c[1].answers[16]);
    assert_true(check_has_answer(&c[1], 1) && !c[1].answers[0]);
    char *out = export_text(st, fmt);
    assert_non_null(strstr(out, fmt == XFER_CSV ? "#unknot-export,3\r\n" : "\"version\": 3,"));
    assert_non_null(strstr(out, fmt == XFER_CSV ? "check,2,2026-11-02T08:00:00+00:00,urgent,1\r\n"
                                                  "answer,2,1,0\r\nanswer,2,17,1\r\n"
                                                : "\"complete\": 1, \"answers\": [{\"item\": 1, "
                                                  "\"answer\": 0}, {\"item\": 17, \"answer\": 1}]"));
    free(out);
    store_close(&st);
}

static void test_import_v1(void **state)
{
    char rows[1024], doc[8192], json[2048];
    size_t used = 0, jused = 0;
    (void)state;
    for (int old = 1; old <= 16; old++) {
        int yes = old == 6 || old == 13;
        used += (size_t)snprintf(rows + used, sizeof rows - used, "answer,1,%d,%d\r\n", old, yes);
        jused += (size_t)snprintf(json + jused, sizeof json - jused,
                                  "%s{\"item\": %d, \"answer\": %d}", old > 1 ? ", " : "", old,
                                  yes);
    }
    snprintf(doc, sizeof doc, "%scheck,1,2026-11-01T08:00:00Z,urgent\r\n%s"
             "check,2,2026-11-02T08:00:00Z,urgent\r\nanswer,2,12,0\r\nanswer,2,13,1\r\n"
             "answer,2,1,0\r\n", csv_header_v1, rows);
    import_v1(doc, XFER_CSV);
    snprintf(doc, sizeof doc, "{\"format\": \"unknot-export\", \"version\": 1, \"episodes\": [], "
             "\"sessions\": [], \"checks\": [\n{\"id\": 1, \"taken_at\": "
             "\"2026-11-01T08:00:00Z\", \"verdict\": \"urgent\", \"answers\": [%s]},\n"
             "{\"id\": 2, \"taken_at\": \"2026-11-02T08:00:00Z\", \"verdict\": \"urgent\", "
             "\"answers\": [{\"item\": 12, \"answer\": 0}, {\"item\": 13, \"answer\": 1}, "
             "{\"item\": 1, \"answer\": 0}]}]}", json);
    import_v1(doc, XFER_JSON);
}

static char *report_text(struct store *st, int64_t from, enum report_format fmt);

/* A partial check (item 1 yes, then the patient left) stays partial
 * through export -> import -> export, in both formats, byte for byte. */
static void test_partial_check_travels(void **state)
{
    struct store *a = open_ok(":memory:");
    struct check c, back[2];
    unsigned char answers[REDFLAG_COUNT];
    char err[UNKNOT_ERR_LEN];
    (void)state;
    memset(answers, CHECK_NOT_ASKED, sizeof answers);
    answers[0] = CHECK_YES;
    check_from_progress(NOW - HOUR, answers, &c);
    assert_int_equal(store_check_save(a, &c, err, sizeof err), STORE_OK);
    for (int fmt = XFER_CSV; fmt <= XFER_JSON; fmt++) {
        struct store *b = open_ok(":memory:");
        char *first = export_text(a, (enum xfer_format)fmt);
        assert_non_null(strstr(first, fmt == XFER_CSV ? ",emergency,0\r\nanswer,1,1,1\r\n"
                                                      : "\"complete\": 0, \"answers\": "
                                                        "[{\"item\": 1, \"answer\": 1}]"));
        if (import_text(b, first, NULL, err, sizeof err) != 0)
            fail_msg("import: %s", err);
        assert_int_equal(load_checks(b, back, 2), 1);
        assert_int_equal(back[0].complete, 0);
        assert_int_equal(back[0].verdict, REDFLAG_EMERGENCY);
        assert_int_equal(check_answer_count(&back[0]), 1);
        char *second = export_text(b, (enum xfer_format)fmt);
        assert_string_equal(first, second);
        /* The report of the imported store opens with it, marked partial. */
        char *text = report_text(b, NOW - DAY, REPORT_TEXT);
        assert_non_null(strstr(text, "Warning signs in this period"));
        assert_non_null(strstr(text, "  partial (left after a yes)                1\n"));
        free(text);
        free(first);
        free(second);
        store_close(&b);
    }
    store_close(&a);
}

/* ---- iterators --------------------------------------------------------------------- */

static void test_durations_sorted(void **state)
{
    struct store *st = open_ok(":memory:");
    struct store_iter *it = NULL;
    char err[STORE_ERR_LEN];
    size_t count = 0;
    int64_t secs, got[8];
    int n = 0, rc;
    (void)state;
    fill(st);
    assert_int_equal(store_durations_iter(st, INT64_MIN, INT64_MAX, &count, &it, err, sizeof err),
                     STORE_OK);
    assert_int_equal(count, 3); /* the ongoing one has no duration */
    while ((rc = store_iter_next(it, &secs, err, sizeof err)) == STORE_OK)
        got[n++] = secs;
    assert_int_equal(rc, STORE_END);
    assert_int_equal(n, 3);
    assert_int_equal(got[0], HOUR);
    assert_int_equal(got[1], 2 * HOUR);
    assert_int_equal(got[2], 4 * HOUR);
    store_iter_free(&it);
    assert_null(it);
    /* A period holds only the episodes that started in it. */
    assert_int_equal(store_durations_iter(st, NOW - 9 * DAY, NOW, &count, &it, err, sizeof err),
                     STORE_OK);
    assert_int_equal(count, 2);
    /* The wrong row type for the iterator is refused, not misread. */
    struct check wrong;
    assert_int_equal(store_iter_next(it, &wrong, err, sizeof err), STORE_ERROR);
    store_iter_free(&it);
    store_iter_free(&it);
    store_close(&st);
}

static void test_sessions_and_checks_oldest_first(void **state)
{
    struct store *st = open_ok(":memory:");
    struct store_iter *it = NULL;
    struct session s;
    struct check c;
    char err[STORE_ERR_LEN];
    (void)state;
    fill(st);
    assert_int_equal(store_sessions_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err, sizeof err), STORE_OK);
    assert_int_equal(store_iter_next(it, &s, err, sizeof err), STORE_OK);
    assert_int_equal(s.id, 1);
    assert_string_equal(session_kind_code(s.kind), "ice");
    assert_int_equal(s.pain_before, 7);
    assert_int_equal(s.pain_after, 4);
    assert_int_equal(s.episode_id, 1);
    assert_int_equal(store_iter_next(it, &s, err, sizeof err), STORE_OK);
    assert_string_equal(s.routine, "first-aid");
    assert_int_equal(s.hold_s, 30);
    assert_int_equal(s.pain_before, SESSION_PAIN_NONE);
    assert_int_equal(store_iter_next(it, &s, err, sizeof err), STORE_OK);
    assert_int_equal(s.ended_at, 0);
    assert_int_equal(store_iter_next(it, &s, err, sizeof err), STORE_END);
    store_iter_free(&it);
    assert_int_equal(store_checks_iter(st, INT64_MIN, INT64_MAX, STORE_OLDEST_FIRST, &it, err, sizeof err), STORE_OK);
    assert_int_equal(store_iter_next(it, &c, err, sizeof err), STORE_OK);
    assert_string_equal(redflag_level_code(c.verdict), "urgent"); /* items 12, 13 */
    assert_int_equal(c.complete, 1);
    assert_int_equal(c.nanswers, REDFLAG_COUNT);
    assert_int_equal(check_answer_count(&c), REDFLAG_COUNT);
    assert_true(check_has_answer(&c, 12));
    assert_int_equal(c.answers[11], 1);
    assert_int_equal(store_iter_next(it, &c, err, sizeof err), STORE_OK);
    assert_string_equal(redflag_level_code(c.verdict), "clear");
    assert_int_equal(store_iter_next(it, &c, err, sizeof err), STORE_END);
    store_iter_free(&it);
    store_close(&st);
}

/* ---- the report from the store ------------------------------------------------------- */

static char *report_span(struct store *st, int64_t from, int64_t to, enum report_format fmt)
{
    char *out = NULL, err[STORE_ERR_LEN];
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    if (report_from_store(st, from, to, NOW, fmt, f, err, sizeof err) != 0)
        fail_msg("report: %s", err);
    assert_int_equal(fclose(f), 0);
    return out;
}

static char *report_text(struct store *st, int64_t from, enum report_format fmt)
{
    return report_span(st, from, NOW, fmt);
}

static void test_report_from_store(void **state)
{
    struct store *st = open_ok(":memory:");
    (void)state;
    fill(st);
    char *text = report_text(st, NOW - 30 * DAY, REPORT_TEXT);
    /* Durations 1h, 2h, 4h: the median is the middle one. */
    assert_non_null(strstr(text, "  median of ended episodes                  2h\n"));
    assert_non_null(strstr(text, "  longest ended episode                     4h\n"));
    assert_non_null(strstr(text, "ibuprofen, 400 mg"));
    assert_non_null(strstr(text, "  checks taken                              2\n"));
    free(text);
    char *json = report_text(st, NOW - 30 * DAY, REPORT_JSON);
    assert_non_null(strstr(json, "\"median_s\": 7200"));
    free(json);
    /* The last two hours: the episode going on since yesterday counts. */
    text = report_text(st, NOW - 2 * HOUR, REPORT_TEXT);
    assert_non_null(strstr(text, "  episodes                                  1\n"));
    assert_non_null(strstr(text, "  began before the period                   1\n"));
    free(text);
    /* A period without episodes says so: the first one began after it. */
    text = report_span(st, NOW - 20 * DAY, NOW - 15 * DAY, REPORT_TEXT);
    assert_non_null(strstr(text, "No episodes in this period."));
    free(text);
    store_close(&st);
}

/* ---- backup ---------------------------------------------------------------------------- */

struct hold_ctx {
    struct store *other;
    const char *path;
    int done;
};

/* A backup as the CLI makes it: a temporary file beside path, published
 * when complete (outfile.h). Returns 0, or what failed. */
static int backup(struct store *st, const char *path, int replace, char *err, size_t errlen)
{
    struct outfile of;
    int rc = outfile_open_file(&of, path, replace, NULL, err, errlen);
    if (rc != 0)
        return rc;
    if (store_backup(st, of.tmp, err, errlen) != STORE_OK) {
        outfile_abort(&of);
        return -1;
    }
    return outfile_commit(&of, err, errlen);
}

/* No temporary file of outfile.h is left in dir. */
static int no_tmp_left(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -q -F '" OUTFILE_TMP_TAG "'", dir);
    return system(cmd) != 0;
}

/* Called inside an import's write transaction on another connection: the
 * backup runs meanwhile and sees only what was committed. */
static int backup_during_import(void *ctx, struct store_import_row *row, char *err,
                                size_t errlen)
{
    static struct check chk;
    struct hold_ctx *h = ctx;
    if (h->done++)
        return 0;
    assert_int_equal(backup(h->other, h->path, 0, err, errlen), 0);
    memset(&chk, 0, sizeof chk);
    chk.id = 900;
    chk.taken_at = NOW;
    chk.verdict = REDFLAG_CLEAR;
    row->line = 1;
    row->chk = &chk;
    return 1;
}

static void test_backup(void **state)
{
    char db[128], copy[128], dir[128], err[STORE_ERR_LEN];
    struct stat sb;
    (void)state;
    tpath(db, sizeof db, "live.db");
    tpath(copy, sizeof copy, "copy.db");
    tpath(dir, sizeof dir, "");
    struct store *a = open_ok(db), *b = open_ok(db);
    fill(a);
    /* b holds the write lock with an uncommitted check while a copies. */
    struct hold_ctx h = {a, copy, 0};
    assert_int_equal(store_import(b, backup_during_import, &h, NULL, err, sizeof err), STORE_OK);
    assert_int_equal(stat(copy, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_true(no_tmp_left(dir));
    struct store *c = open_ok(copy);
    char *want = export_text(a, XFER_CSV), *got = export_text(c, XFER_CSV);
    assert_non_null(strstr(want, "check,900,"));  /* committed after the copy */
    assert_null(strstr(got, "check,900,"));
    assert_non_null(strstr(got, "episode,4,"));
    free(want);
    free(got);
    store_close(&c);
    /* An existing file is kept unless replacing is asked for. */
    assert_int_equal(backup(a, copy, 0, err, sizeof err), OUTFILE_EXISTS);
    assert_non_null(strstr(err, "already exists"));
    assert_true(no_tmp_left(dir));
    assert_int_equal(backup(a, copy, 1, err, sizeof err), 0);
    assert_true(no_tmp_left(dir));
    /* Every open ends sessions left running; reopen a so both have. */
    store_close(&a);
    a = open_ok(db);
    c = open_ok(copy);
    want = export_text(a, XFER_JSON);
    got = export_text(c, XFER_JSON);
    assert_string_equal(want, got);
    free(want);
    free(got);
    store_close(&c);
    /* A directory that is not there: an error, and no file left behind. */
    tpath(copy, sizeof copy, "no/such/dir/x.db");
    assert_int_equal(backup(a, copy, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot create"));
    assert_true(no_tmp_left(dir));
    store_close(&a);
    store_close(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_csv),
        cmocka_unit_test(test_round_trip_json),
        cmocka_unit_test(test_formats_agree),
        cmocka_unit_test(test_bad_row_writes_nothing),
        cmocka_unit_test(test_id_conflict_refused),
        cmocka_unit_test(test_missing_episode_refused),
        cmocka_unit_test(test_import_v1),
        cmocka_unit_test(test_partial_check_travels),
        cmocka_unit_test(test_durations_sorted),
        cmocka_unit_test(test_sessions_and_checks_oldest_first),
        cmocka_unit_test(test_report_from_store),
        cmocka_unit_test(test_backup),
    };
    return cmocka_run_group_tests_name("store_io", tests, group_setup, store_fixture_teardown);
}

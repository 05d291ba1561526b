/* SPDX-License-Identifier: BSD-2-Clause */
/* xfer: the export format, written and read back (see xfer.h). */
#include "src/xfer.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/csv.h"
#include "src/json.h"
#include "src/jsonr.h"
#include "src/redflags.h"
#include "src/routines.h"
#include "src/text.h"
#include "src/timer.h"
#include "src/util.h"
#include "src/when.h"

#define FORMAT_NAME "unknot-export"
#define STR_(x) #x
#define STR(x) STR_(x)
/* The first row of the CSV this unknot writes, for messages. */
#define CSV_FIRST_ROW "#" FORMAT_NAME "," STR(XFER_VERSION)
#define SHORT_MAX 64  /* bytes of any value but notes and tag text */
#define NUM_LEN 24    /* an int64_t in decimal, with sign and NUL */
#define ARENA_LEN (EPISODE_NOTE_MAX + 16 * (SHORT_MAX + 1) + 256)
#define CHILD_ARENA_LEN (2 * (EPISODE_TAG_MAX + SHORT_MAX + 2))

static const char *const section_keys[] = {"episodes", "sessions", "checks", "readings",
                                           "treatments", "checkins", "weekly", "worse",
                                           "questions"};
/* Sections from this one on are missing in files of version 2 and older. */
#define FIRST_OPTIONAL_SECTION 3

/* ---- the record types, shared by both formats ------------------------------ */

/* F_FREE: text a user typed; the CSV guards it against formulas (csv.h). */
enum ftype { F_INT, F_TEXT, F_FREE, F_TIME };

struct fdef {
    const char *name;
    enum ftype type;
    int nullable; /* may be empty (CSV) or null (JSON) */
    size_t max;   /* bytes */
};

enum rtype {
    R_EPISODE,
    R_TAG,
    R_SESSION,
    R_CHECK,
    R_ANSWER,
    R_READING,
    R_TREATMENT,
    R_CHECKIN,
    R_WEEKLY,
    R_WORSE,
    R_QUESTION,
    R_COUNT
};
/* Row types from this one on came with version 3: an older file has no
 * header rows for them (and no rows). */
#define R_FIRST_OPTIONAL R_READING

static const struct fdef ep_defs[] = {
    {"id", F_INT, 0, SHORT_MAX},          {"started_at", F_TIME, 0, SHORT_MAX},
    {"ended_at", F_TIME, 1, SHORT_MAX},   {"intensity", F_INT, 0, SHORT_MAX},
    {"region", F_TEXT, 0, SHORT_MAX},     {"side", F_TEXT, 1, SHORT_MAX},
    {"notes", F_FREE, 1, EPISODE_NOTE_MAX}, {"created_at", F_TIME, 1, SHORT_MAX},
    {"updated_at", F_TIME, 1, SHORT_MAX},
};
/* The parent's id comes first: a CSV column; JSON nests the row instead. */
static const struct fdef tag_defs[] = {
    {"episode_id", F_INT, 0, SHORT_MAX},
    {"kind", F_TEXT, 0, SHORT_MAX},
    {"tag", F_FREE, 0, EPISODE_TAG_MAX},
};
static const struct fdef ses_defs[] = {
    {"id", F_INT, 0, SHORT_MAX},          {"kind", F_TEXT, 0, SHORT_MAX},
    {"routine", F_FREE, 1, SHORT_MAX},    {"hold_s", F_INT, 1, SHORT_MAX},
    {"planned_s", F_INT, 0, SHORT_MAX},   {"elapsed_s", F_INT, 0, SHORT_MAX},
    {"started_at", F_TIME, 0, SHORT_MAX}, {"ended_at", F_TIME, 1, SHORT_MAX},
    {"status", F_TEXT, 0, SHORT_MAX},     {"episode_id", F_INT, 1, SHORT_MAX},
    {"pain_before", F_INT, 1, SHORT_MAX}, {"pain_after", F_INT, 1, SHORT_MAX},
};
/* Version 1 had the first three columns: its checks were all complete. */
#define CHK_DEFS_V1 3
static const struct fdef chk_defs[] = {
    {"id", F_INT, 0, SHORT_MAX},
    {"taken_at", F_TIME, 0, SHORT_MAX},
    {"verdict", F_TEXT, 0, SHORT_MAX},
    {"complete", F_INT, 0, SHORT_MAX},
};
static const struct fdef ans_defs[] = {
    {"check_id", F_INT, 0, SHORT_MAX},
    {"item", F_INT, 0, SHORT_MAX},
    {"answer", F_INT, 0, SHORT_MAX},
};

static const struct fdef rd_defs[] = {
    {"id", F_INT, 0, SHORT_MAX},         {"episode_id", F_INT, 0, SHORT_MAX},
    {"taken_at", F_TIME, 0, SHORT_MAX},  {"pain", F_INT, 0, SHORT_MAX},
    {"source", F_TEXT, 0, SHORT_MAX},    {"created_at", F_TIME, 1, SHORT_MAX},
};
static const struct fdef tr_defs[] = {
    {"id", F_INT, 0, SHORT_MAX},           {"kind", F_TEXT, 0, SHORT_MAX},
    {"name", F_FREE, 1, TREATMENT_NAME_MAX}, {"taken_at", F_TIME, 0, SHORT_MAX},
    {"duration_s", F_INT, 1, SHORT_MAX},   {"pain_before", F_INT, 1, SHORT_MAX},
    {"pain_after", F_INT, 1, SHORT_MAX},   {"episode_id", F_INT, 1, SHORT_MAX},
    {"created_at", F_TIME, 1, SHORT_MAX},
};
static const struct fdef checkin_defs[] = {
    {"id", F_INT, 0, SHORT_MAX},           {"day", F_TEXT, 0, SHORT_MAX},
    {"taken_at", F_TIME, 0, SHORT_MAX},    {"pain", F_INT, 0, SHORT_MAX},
    {"activities", F_TEXT, 1, SHORT_MAX},  {"sleep_tenths", F_INT, 1, SHORT_MAX},
    {"woken", F_INT, 1, SHORT_MAX},        {"created_at", F_TIME, 1, SHORT_MAX},
};
static const struct fdef weekly_defs[] = {
    {"id", F_INT, 0, SHORT_MAX},        {"taken_at", F_TIME, 0, SHORT_MAX},
    {"pain", F_INT, 0, SHORT_MAX},      {"enjoyment", F_INT, 0, SHORT_MAX},
    {"activity", F_INT, 0, SHORT_MAX},  {"created_at", F_TIME, 1, SHORT_MAX},
};
/* An exercise that made a stretch session worse: its session's id first,
 * as a tag's episode. */
static const struct fdef worse_defs[] = {
    {"session_id", F_INT, 0, SHORT_MAX},
    {"exercise_index", F_INT, 0, SHORT_MAX},
    {"exercise_name", F_FREE, 0, SESSION_WORSE_NAME_MAX},
};

/* A question for the next visit (came after the worse rows: a CSV file
 * of version 3 written before it has no #question header row, and its
 * end record no questions count). */
static const struct fdef question_defs[] = {
    {"id", F_INT, 0, SHORT_MAX},
    {"asked_at", F_TIME, 0, SHORT_MAX},
    {"text", F_FREE, 0, QUESTION_TEXT_MAX},
};

#define MAX_DEFS COUNT(ses_defs)
_Static_assert(COUNT(rd_defs) <= MAX_DEFS && COUNT(tr_defs) <= MAX_DEFS &&
                   COUNT(checkin_defs) <= MAX_DEFS && COUNT(weekly_defs) <= MAX_DEFS,
               "MAX_DEFS: a record type has more columns than sessions");

struct rdef {
    const char *name; /* record type (CSV first column) */
    const char *what; /* for messages: "an episode" */
    const struct fdef *defs;
    size_t n;
};

static const struct rdef rdefs[R_COUNT] = {
    [R_EPISODE] = {"episode", "an episode", ep_defs, COUNT(ep_defs)},
    [R_TAG] = {"tag", "a tag", tag_defs, COUNT(tag_defs)},
    [R_SESSION] = {"session", "a session", ses_defs, COUNT(ses_defs)},
    [R_CHECK] = {"check", "a check", chk_defs, COUNT(chk_defs)},
    [R_ANSWER] = {"answer", "an answer", ans_defs, COUNT(ans_defs)},
    [R_READING] = {"reading", "a pain reading", rd_defs, COUNT(rd_defs)},
    [R_TREATMENT] = {"treatment", "a treatment", tr_defs, COUNT(tr_defs)},
    [R_CHECKIN] = {"checkin", "a check-in", checkin_defs, COUNT(checkin_defs)},
    [R_WEEKLY] = {"weekly", "a weekly check-in", weekly_defs, COUNT(weekly_defs)},
    [R_WORSE] = {"worse", "an exercise that made a session worse", worse_defs,
                 COUNT(worse_defs)},
    [R_QUESTION] = {"question", "a question for the visit", question_defs,
                    COUNT(question_defs)},
};
static const struct rdef check_v1 = {"check", "a check", chk_defs, CHK_DEFS_V1};

/* The last row of a CSV export since version 3: how many rows of each type
 * come before it, in the order of enum rtype, so a file cut short (an
 * export killed, a copy interrupted) is refused instead of read as a
 * smaller history. */
#define END_VERSION 3
_Static_assert(R_COUNT == COUNT(((struct xfer_writer *)0)->counts), "a count per row type");
static const struct fdef end_defs[] = {
    {"episodes", F_INT, 0, SHORT_MAX}, {"tags", F_INT, 0, SHORT_MAX},
    {"sessions", F_INT, 0, SHORT_MAX}, {"checks", F_INT, 0, SHORT_MAX},
    {"answers", F_INT, 0, SHORT_MAX}, {"readings", F_INT, 0, SHORT_MAX},
    {"treatments", F_INT, 0, SHORT_MAX}, {"checkins", F_INT, 0, SHORT_MAX},
    {"weekly", F_INT, 0, SHORT_MAX}, {"worse", F_INT, 0, SHORT_MAX},
    {"questions", F_INT, 0, SHORT_MAX},
};
_Static_assert(COUNT(end_defs) == R_COUNT, "the end record counts every row type");
static const struct rdef end_rdef = {"end", "the end record", end_defs, COUNT(end_defs)};

/* ---- writing -------------------------------------------------------------- */

/* The header row of a record type: "#name" and its column names. */
static void csv_header_of(FILE *f, const struct rdef *rd)
{
    char head[32];
    const char *row[1 + MAX_DEFS];
    snprintf(head, sizeof head, "#%s", rd->name);
    row[0] = head;
    for (size_t i = 0; i < rd->n; i++)
        row[1 + i] = rd->defs[i].name;
    csv_write_row(f, row, 1 + rd->n);
}

static void csv_header(FILE *f)
{
    char version[NUM_LEN];
    snprintf(version, sizeof version, "%d", XFER_VERSION);
    const char *first[] = {"#" FORMAT_NAME, version};
    csv_write_row(f, first, COUNT(first));
    for (int t = 0; t < R_COUNT; t++)
        csv_header_of(f, &rdefs[t]);
    csv_header_of(f, &end_rdef);
}


void xfer_write_begin(struct xfer_writer *w, FILE *f, enum xfer_format fmt)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    w->fmt = fmt;
    w->section = -1;
    if (fmt == XFER_CSV)
        csv_header(f);
    else
        fprintf(f, "{\n  \"format\": \"%s\",\n  \"version\": %d", FORMAT_NAME, XFER_VERSION);
}

/* Moves the writer on to section s (JSON: closes and opens arrays). */
static int advance(struct xfer_writer *w, int s)
{
    if (s < w->section) {
        w->bad = 1;
        return -1;
    }
    while (w->section < s) {
        if (w->fmt == XFER_JSON && w->section >= 0)
            fputs(w->rows ? "\n  ]" : "]", w->f);
        w->section++;
        w->rows = 0;
        if (w->fmt == XFER_JSON)
            fprintf(w->f, ",\n  \"%s\": [", section_keys[w->section]);
    }
    return 0;
}

/* Starts a row of section s: one row per line in JSON. */
static int enter_section(struct xfer_writer *w, int s)
{
    if (advance(w, s) != 0)
        return -1;
    if (w->fmt == XFER_JSON)
        fputs(w->rows ? ",\n    " : "\n    ", w->f);
    w->rows++;
    return 0;
}

static int stream_ok(const struct xfer_writer *w)
{
    return ferror(w->f) ? -1 : 0;
}

static void fmt_int(int64_t v, char *buf)
{
    snprintf(buf, NUM_LEN, "%" PRId64, v);
}

/* A time, or "" for none (0). */
static void fmt_time(int64_t t, char *buf, size_t len)
{
    if (t == 0)
        buf[0] = '\0';
    else
        when_format_iso(t, buf, len);
}

/* An optional number: "" when it equals none. */
static void fmt_opt(int64_t v, int64_t none, char *buf)
{
    if (v == none)
        buf[0] = '\0';
    else
        fmt_int(v, buf);
}

/* JSON: "name": followed by a string, a number, or null when empty. */
static void js_key(FILE *f, int first, const char *name)
{
    fprintf(f, "%s\"%s\": ", first ? "" : ", ", name);
}

static void js_str(FILE *f, int first, const char *name, const char *s)
{
    js_key(f, first, name);
    json_write_string(f, s);
}

static void js_str_or_null(FILE *f, const char *name, const char *s)
{
    js_key(f, 0, name);
    if (*s)
        json_write_string(f, s);
    else
        fputs("null", f);
}

static void js_num_or_null(FILE *f, const char *name, const char *num)
{
    js_key(f, 0, name);
    fputs(*num ? num : "null", f);
}

/* A free-text field as the CSV carries it: what may not be printed
 * replaced (a hand-edited database may hold it; keep says what stays),
 * then guarded against formulas. buf holds len bytes; the result is buf
 * or buf + 1 and never longer than len - 2 bytes of text, so it imports. */
static const char *csv_free(const char *s, unsigned keep, char *buf, size_t len)
{
    buf[0] = '\'';
    text_clean(s, keep, buf + 1, len - 1);
    return csv_needs_guard(buf + 1) ? buf : buf + 1;
}

static void csv_episode(FILE *f, const struct episode *ep)
{
    char id[NUM_LEN], in[NUM_LEN], st[WHEN_FMT_LEN], en[WHEN_FMT_LEN], cr[WHEN_FMT_LEN],
        up[WHEN_FMT_LEN];
    fmt_int(ep->id, id);
    fmt_int(ep->intensity, in);
    fmt_time(ep->started_at, st, sizeof st);
    fmt_time(ep->ended_at, en, sizeof en);
    fmt_time(ep->created_at, cr, sizeof cr);
    fmt_time(ep->updated_at, up, sizeof up);
    char note[EPISODE_NOTE_MAX + 2], text[EPISODE_TAG_MAX + 2];
    const char *row[] = {"episode", id, st, en, in, region_code(ep->region),
                         side_code(ep->side),
                         csv_free(ep->note, TEXT_KEEP_TAB | TEXT_KEEP_NEWLINE, note, sizeof note),
                         cr, up};
    csv_write_row(f, row, COUNT(row));
    for (size_t i = 0; i < ep->ntags; i++) {
        const char *tag[] = {"tag", id, tag_kind_code(ep->tags[i].kind),
                             csv_free(ep->tags[i].text, TEXT_KEEP_TAB, text, sizeof text)};
        csv_write_row(f, tag, COUNT(tag));
    }
}

static void json_episode(FILE *f, const struct episode *ep)
{
    char st[WHEN_FMT_LEN], en[WHEN_FMT_LEN], cr[WHEN_FMT_LEN], up[WHEN_FMT_LEN];
    fmt_time(ep->started_at, st, sizeof st);
    fmt_time(ep->ended_at, en, sizeof en);
    fmt_time(ep->created_at, cr, sizeof cr);
    fmt_time(ep->updated_at, up, sizeof up);
    fprintf(f, "{\"id\": %" PRId64, ep->id);
    js_str(f, 0, "started_at", st);
    js_str_or_null(f, "ended_at", en);
    fprintf(f, ", \"intensity\": %d", ep->intensity);
    js_str(f, 0, "region", region_code(ep->region));
    js_str_or_null(f, "side", side_code(ep->side));
    js_str(f, 0, "notes", ep->note);
    js_str(f, 0, "created_at", cr);
    js_str(f, 0, "updated_at", up);
    fputs(", \"tags\": [", f);
    for (size_t i = 0; i < ep->ntags; i++) {
        fputs(i ? ", {" : "{", f);
        js_str(f, 1, "kind", tag_kind_code(ep->tags[i].kind));
        js_str(f, 0, "tag", ep->tags[i].text);
        fputc('}', f);
    }
    fputs("]}", f);
}

int xfer_write_episode(struct xfer_writer *w, const struct episode *ep)
{
    if (enter_section(w, 0) != 0)
        return -1;
    if (w->fmt == XFER_CSV)
        csv_episode(w->f, ep);
    else
        json_episode(w->f, ep);
    w->counts[R_EPISODE]++;
    w->counts[R_TAG] += ep->ntags;
    return stream_ok(w);
}

/* The optional values of a session as text ("" for none). */
struct ses_text {
    char id[NUM_LEN], hold[NUM_LEN], planned[NUM_LEN], elapsed[NUM_LEN], episode[NUM_LEN],
        before[NUM_LEN], after[NUM_LEN];
    char st[WHEN_FMT_LEN], en[WHEN_FMT_LEN];
};

static void ses_text(const struct session *s, struct ses_text *t)
{
    fmt_int(s->id, t->id);
    fmt_opt(s->hold_s, 0, t->hold);
    fmt_int(s->planned_s, t->planned);
    fmt_int(s->elapsed_s, t->elapsed);
    fmt_opt(s->episode_id, 0, t->episode);
    fmt_opt(s->pain_before, SESSION_PAIN_NONE, t->before);
    fmt_opt(s->pain_after, SESSION_PAIN_NONE, t->after);
    fmt_time(s->started_at, t->st, sizeof t->st);
    fmt_time(s->ended_at, t->en, sizeof t->en);
}

static void json_session(FILE *f, const struct session *s, const struct ses_text *t)
{
    fprintf(f, "{\"id\": %s", t->id);
    js_str(f, 0, "kind", session_kind_code(s->kind));
    js_str_or_null(f, "routine", s->routine);
    js_num_or_null(f, "hold_s", t->hold);
    fprintf(f, ", \"planned_s\": %s, \"elapsed_s\": %s", t->planned, t->elapsed);
    js_str(f, 0, "started_at", t->st);
    js_str_or_null(f, "ended_at", t->en);
    js_str(f, 0, "status", session_status_code(s->status));
    js_num_or_null(f, "episode_id", t->episode);
    js_num_or_null(f, "pain_before", t->before);
    js_num_or_null(f, "pain_after", t->after);
    fputc('}', f);
}

int xfer_write_session(struct xfer_writer *w, const struct session *s)
{
    struct ses_text t;
    if (enter_section(w, 1) != 0)
        return -1;
    if (w->fmt == XFER_JSON) {
        ses_text(s, &t);
        json_session(w->f, s, &t);
    } else {
        (void)xfer_csv_session(w->f, s, 1);
    }
    w->counts[R_SESSION]++;
    return stream_ok(w);
}

static void csv_check(FILE *f, const struct check *c)
{
    char id[NUM_LEN], at[WHEN_FMT_LEN];
    fmt_int(c->id, id);
    fmt_time(c->taken_at, at, sizeof at);
    const char *row[] = {"check", id, at, redflag_level_code(c->verdict), c->complete ? "1" : "0"};
    csv_write_row(f, row, COUNT(row));
    for (int i = 1; i <= c->nanswers && i <= CHECK_MAX_ITEMS; i++) {
        char item[NUM_LEN], ans[NUM_LEN];
        if (!check_has_answer(c, i))
            continue;
        fmt_int(i, item);
        fmt_int(c->answers[i - 1], ans);
        const char *a[] = {"answer", id, item, ans};
        csv_write_row(f, a, COUNT(a));
    }
}

static void json_check(FILE *f, const struct check *c)
{
    char at[WHEN_FMT_LEN];
    fmt_time(c->taken_at, at, sizeof at);
    fprintf(f, "{\"id\": %" PRId64, c->id);
    js_str(f, 0, "taken_at", at);
    js_str(f, 0, "verdict", redflag_level_code(c->verdict));
    fprintf(f, ", \"complete\": %d, \"answers\": [", c->complete ? 1 : 0);
    const char *sep = "";
    for (int i = 1; i <= c->nanswers && i <= CHECK_MAX_ITEMS; i++) {
        if (!check_has_answer(c, i))
            continue;
        fprintf(f, "%s{\"item\": %d, \"answer\": %d}", sep, i, c->answers[i - 1]);
        sep = ", ";
    }
    fputs("]}", f);
}

int xfer_write_check(struct xfer_writer *w, const struct check *c)
{
    if (enter_section(w, 2) != 0)
        return -1;
    if (w->fmt == XFER_CSV)
        csv_check(w->f, c);
    else
        json_check(w->f, c);
    w->counts[R_CHECK]++;
    for (int i = 1; i <= c->nanswers && i <= CHECK_MAX_ITEMS; i++)
        w->counts[R_ANSWER] += check_has_answer(c, i) != 0;
    return stream_ok(w);
}

/* The end record: the rows written of each type. */
static void csv_end(FILE *f, const size_t *counts)
{
    char num[R_COUNT][NUM_LEN];
    const char *row[1 + R_COUNT] = {end_rdef.name};
    for (int t = 0; t < R_COUNT; t++) {
        fmt_int((int64_t)counts[t], num[t]);
        row[1 + t] = num[t];
    }
    csv_write_row(f, row, COUNT(row));
}

/* The values of a reading as text. */
struct rd_text {
    char id[NUM_LEN], ep[NUM_LEN], pain[NUM_LEN], at[WHEN_FMT_LEN], cr[WHEN_FMT_LEN];
};

static void rd_text(const struct reading *rd, struct rd_text *t)
{
    fmt_int(rd->id, t->id);
    fmt_int(rd->episode_id, t->ep);
    fmt_int(rd->pain, t->pain);
    fmt_time(rd->taken_at, t->at, sizeof t->at);
    fmt_time(rd->created_at, t->cr, sizeof t->cr);
}

/* A reading as the JSON export writes it (and `show` does). */
static void json_reading(FILE *f, const struct reading *rd)
{
    struct rd_text t;
    rd_text(rd, &t);
    fprintf(f, "{\"id\": %s, \"episode_id\": %s", t.id, t.ep);
    js_str(f, 0, "taken_at", t.at);
    fprintf(f, ", \"pain\": %s", t.pain);
    js_str(f, 0, "source", reading_source_code(rd->source));
    js_str_or_null(f, "created_at", t.cr);
    fputc('}', f);
}

int xfer_write_reading(struct xfer_writer *w, const struct reading *rd)
{
    if (enter_section(w, 3) != 0)
        return -1;
    if (w->fmt == XFER_CSV) {
        struct rd_text t;
        rd_text(rd, &t);
        const char *row[] = {"reading", t.id, t.ep, t.at, t.pain, reading_source_code(rd->source),
                             t.cr};
        csv_write_row(w->f, row, COUNT(row));
        w->counts[R_READING]++;
    } else {
        json_reading(w->f, rd);
    }
    return stream_ok(w);
}

/* The values of a treatment as text ("" for none). */
struct tr_text {
    char id[NUM_LEN], dur[NUM_LEN], before[NUM_LEN], after[NUM_LEN], episode[NUM_LEN];
    char at[WHEN_FMT_LEN], cr[WHEN_FMT_LEN];
};

static void tr_text(const struct treatment *t, struct tr_text *x)
{
    fmt_int(t->id, x->id);
    fmt_opt(t->duration_s, TREATMENT_NO_DURATION, x->dur);
    fmt_opt(t->pain_before, TREATMENT_PAIN_NONE, x->before);
    fmt_opt(t->pain_after, TREATMENT_PAIN_NONE, x->after);
    fmt_opt(t->episode_id, 0, x->episode);
    fmt_time(t->taken_at, x->at, sizeof x->at);
    fmt_time(t->created_at, x->cr, sizeof x->cr);
}

int xfer_write_treatment(struct xfer_writer *w, const struct treatment *t)
{
    struct tr_text x;
    if (enter_section(w, 4) != 0)
        return -1;
    tr_text(t, &x);
    if (w->fmt == XFER_CSV) {
        char name[TREATMENT_NAME_MAX + 2];
        const char *row[] = {"treatment", x.id, treatment_kind_code(t->kind),
                             csv_free(t->name, TEXT_KEEP_TAB, name, sizeof name), x.at, x.dur,
                             x.before, x.after, x.episode, x.cr};
        csv_write_row(w->f, row, COUNT(row));
        w->counts[R_TREATMENT]++;
    } else {
        fprintf(w->f, "{\"id\": %s", x.id);
        js_str(w->f, 0, "kind", treatment_kind_code(t->kind));
        js_str_or_null(w->f, "name", t->name);
        js_str(w->f, 0, "taken_at", x.at);
        js_num_or_null(w->f, "duration_s", x.dur);
        js_num_or_null(w->f, "pain_before", x.before);
        js_num_or_null(w->f, "pain_after", x.after);
        js_num_or_null(w->f, "episode_id", x.episode);
        js_str_or_null(w->f, "created_at", x.cr);
        fputc('}', w->f);
    }
    return stream_ok(w);
}

/* ---- writing: check-ins (one flat row each, like a session) ---- */

struct checkin_text {
    char id[NUM_LEN], pain[NUM_LEN], sleep[NUM_LEN], woken[NUM_LEN];
    char at[WHEN_FMT_LEN], created[WHEN_FMT_LEN];
    const char *act; /* "" when not answered */
};

static void checkin_text(const struct checkin *c, struct checkin_text *t)
{
    fmt_int(c->id, t->id);
    fmt_int(c->pain, t->pain);
    fmt_opt(c->sleep_tenths, CHECKIN_NONE, t->sleep);
    fmt_opt(c->woken, CHECKIN_NONE, t->woken);
    fmt_time(c->taken_at, t->at, sizeof t->at);
    fmt_time(c->created_at, t->created, sizeof t->created);
    t->act = c->activities == CHECKIN_ACT_UNSET ? "" : checkin_activities_code(c->activities);
}

int xfer_write_checkin(struct xfer_writer *w, const struct checkin *c)
{
    struct checkin_text t;
    if (enter_section(w, 5) != 0)
        return -1;
    checkin_text(c, &t);
    if (w->fmt == XFER_JSON) {
        fprintf(w->f, "{\"id\": %s", t.id);
        js_str(w->f, 0, "day", c->day);
        js_str(w->f, 0, "taken_at", t.at);
        fprintf(w->f, ", \"pain\": %s", t.pain);
        js_str_or_null(w->f, "activities", t.act);
        js_num_or_null(w->f, "sleep_tenths", t.sleep);
        js_num_or_null(w->f, "woken", t.woken);
        js_str_or_null(w->f, "created_at", t.created);
        fputc('}', w->f);
    } else {
        const char *row[] = {"checkin", t.id, c->day, t.at, t.pain, t.act, t.sleep, t.woken,
                             t.created};
        csv_write_row(w->f, row, COUNT(row));
        w->counts[R_CHECKIN]++;
    }
    return stream_ok(w);
}

int xfer_write_weekly(struct xfer_writer *w, const struct weekly *k)
{
    char id[NUM_LEN], p[NUM_LEN], e[NUM_LEN], a[NUM_LEN], at[WHEN_FMT_LEN], cr[WHEN_FMT_LEN];
    if (enter_section(w, 6) != 0)
        return -1;
    fmt_int(k->id, id);
    fmt_int(k->pain, p);
    fmt_int(k->enjoyment, e);
    fmt_int(k->activity, a);
    fmt_time(k->taken_at, at, sizeof at);
    fmt_time(k->created_at, cr, sizeof cr);
    if (w->fmt == XFER_JSON) {
        fprintf(w->f, "{\"id\": %s", id);
        js_str(w->f, 0, "taken_at", at);
        fprintf(w->f, ", \"pain\": %s, \"enjoyment\": %s, \"activity\": %s", p, e, a);
        js_str_or_null(w->f, "created_at", cr);
        fputc('}', w->f);
    } else {
        const char *row[] = {"weekly", id, at, p, e, a, cr};
        csv_write_row(w->f, row, COUNT(row));
        w->counts[R_WEEKLY]++;
    }
    return stream_ok(w);
}

int xfer_write_worse(struct xfer_writer *w, const struct session_worse *x)
{
    char id[NUM_LEN], index[NUM_LEN];
    if (enter_section(w, 7) != 0)
        return -1;
    fmt_int(x->session_id, id);
    fmt_int(x->index, index);
    if (w->fmt == XFER_JSON) {
        fprintf(w->f, "{\"session_id\": %s, \"exercise_index\": %s", id, index);
        js_str(w->f, 0, "exercise_name", x->name);
        fputc('}', w->f);
    } else {
        char name[SESSION_WORSE_NAME_MAX + 2];
        const char *row[] = {"worse", id, index, csv_free(x->name, 0, name, sizeof name)};
        csv_write_row(w->f, row, COUNT(row));
        w->counts[R_WORSE]++;
    }
    return stream_ok(w);
}

int xfer_write_question(struct xfer_writer *w, const struct question *q)
{
    char id[NUM_LEN], at[WHEN_FMT_LEN];
    if (enter_section(w, 8) != 0)
        return -1;
    fmt_int(q->id, id);
    fmt_time(q->asked_at, at, sizeof at);
    if (w->fmt == XFER_JSON) {
        fprintf(w->f, "{\"id\": %s", id);
        js_str(w->f, 0, "asked_at", at);
        js_str(w->f, 0, "text", q->text);
        fputc('}', w->f);
    } else {
        char text[QUESTION_TEXT_MAX + 2];
        const char *row[] = {"question", id, at, csv_free(q->text, TEXT_KEEP_TAB, text, sizeof text)};
        csv_write_row(w->f, row, COUNT(row));
        w->counts[R_QUESTION]++;
    }
    return stream_ok(w);
}

int xfer_write_end(struct xfer_writer *w)
{
    if (w->fmt == XFER_CSV && !w->bad)
        csv_end(w->f, w->counts);
    if (w->fmt == XFER_JSON) {
        /* the arrays still missing, empty; never goes back */
        (void)advance(w, (int)COUNT(section_keys) - 1);
        fputs(w->rows ? "\n  ]\n}\n" : "]\n}\n", w->f);
    }
    return w->bad || ferror(w->f) ? -1 : 0;
}

int xfer_format_parse(const char *text, enum xfer_format *out, char *err, size_t errlen)
{
    if (text && strcasecmp(text, "csv") == 0) {
        *out = XFER_CSV;
        return 0;
    }
    if (text && strcasecmp(text, "json") == 0) {
        *out = XFER_JSON;
        return 0;
    }
    snprintf(err, errlen, "invalid format \"%.40s\": use csv or json", text ? text : "");
    return -1;
}

/* ---- reading: state ------------------------------------------------------------ */

/* One value of a row as read: text in the CSV buffer or a reader arena. */
struct fval {
    int set;  /* JSON: the key was given; CSV: always */
    int null; /* empty (CSV) or null (JSON) */
    long line;
    const char *text;
    size_t len;
};

struct arena {
    char *buf;
    size_t len, used;
};

enum jstate { J_START, J_SECTION, J_ROWS, J_DONE };

struct xfer_reader {
    enum xfer_format fmt;
    int64_t now;
    int version; /* of the file, from its header: 1 to XFER_VERSION */
    uint32_t v1_items; /* version 1: bit i, old item i + 1 of this check was read */
    long verdict_line; /* where the verdict of the check being read is */
    int failed;
    char err[UNKNOT_ERR_LEN];
    /* CSV */
    struct csv_reader csv;
    struct csv_record rec;
    char *buf;       /* CSV_RECORD_BUF bytes */
    int held;        /* rec holds a row read ahead and not used yet */
    int header_done;
    int ended;              /* the end record was read (version 3 on) */
    int no_questions;       /* a version 3 file from before the question rows */
    size_t counts[R_COUNT]; /* rows read, by type, for the end record */
    /* JSON */
    struct jsonr *js;
    enum jstate jstate;
    int section;
    char arena[ARENA_LEN];
    char child[CHILD_ARENA_LEN];
};

PRINTF_LIKE(3, 4) static int rfail(struct xfer_reader *r, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_at_linev(r->err, sizeof r->err, line, fmt, ap);
    va_end(ap);
    r->failed = 1;
    return -1;
}

/* The columns (keys) of row type t in the file being read: a version 1
 * check has no "complete". */
static const struct rdef *rdef_of(const struct xfer_reader *r, enum rtype t)
{
    return t == R_CHECK && r->version == 1 ? &check_v1 : &rdefs[t];
}

/* Passes a core parser's message on, placed at the value's line. */
static int core(struct xfer_reader *r, const struct fval *v, int rc, const char *msg)
{
    return rc == 0 ? 0 : rfail(r, v->line, "%s", msg);
}

/* The version of the file, from its header at line: 1 (before 0.2: the
 * checklist had 16 items and every check was complete) or XFER_VERSION. */
static int set_version(struct xfer_reader *r, long line, int64_t version)
{
    if (version > XFER_VERSION)
        return rfail(r, line, "export version %" PRId64 " is newer than this unknot reads "
                              "(%d): upgrade unknot", version, XFER_VERSION);
    if (version < 1)
        return rfail(r, line, "unknown export version %" PRId64 ": this unknot reads "
                              "versions 1 to %d", version, XFER_VERSION);
    r->version = (int)version;
    return 0;
}

/* ---- reading: values ------------------------------------------------------------- */

/* The one rule of text.h, with tab and newline refused too: every value
 * but the notes is one line. */
static int has_control(const char *s, size_t len, unsigned keep)
{
    return !text_valid_n(s, len, keep);
}

/* What every value must be before its own rules look at it. Short values
 * are one line, so every message that quotes one stays one line too. */
static int check_value(struct xfer_reader *r, const struct fdef *d, const struct fval *v)
{
    if (v->null) {
        if (!d->nullable)
            return rfail(r, v->line, "missing %s: it may not be empty", d->name);
        return 0;
    }
    if (v->len > d->max)
        return rfail(r, v->line, "%s too long: at most %zu bytes", d->name, d->max);
    /* Free text may hold a tab (a question may); its record's own rules
     * then decide, as they do when it is typed. */
    if (d->max != EPISODE_NOTE_MAX &&
        has_control(v->text, v->len, d->type == F_FREE ? TEXT_KEEP_TAB : 0))
        return rfail(r, v->line, "invalid %s: text must be on one line, without control "
                                 "characters", d->name);
    return 0;
}

static int check_all(struct xfer_reader *r, enum rtype t, size_t skip, const struct fval *v)
{
    const struct rdef *rd = rdef_of(r, t);
    for (size_t i = skip; i < rd->n; i++)
        if (check_value(r, &rd->defs[i], &v[i]) != 0)
            return -1;
    return 0;
}

/* A whole number as the export writes it: digits, perhaps a leading '-'. */
static int parse_num(const char *s, int64_t *out)
{
    int neg = *s == '-';
    const char *p = s + neg;
    size_t n = strlen(p);
    if (n == 0 || n > 18)
        return -1;
    int64_t v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
    }
    *out = neg ? -v : v;
    return 0;
}

static int get_id(struct xfer_reader *r, const struct fval *v, const char *name, int64_t *out)
{
    if (parse_num(v->text, out) != 0 || *out < 1)
        return rfail(r, v->line, "invalid %s \"%s\": use a whole number from 1", name, v->text);
    return 0;
}

static int get_range(struct xfer_reader *r, const struct fval *v, const char *name, int64_t lo,
                     int64_t hi, int64_t *out, const char *use)
{
    if (parse_num(v->text, out) != 0 || *out < lo || *out > hi)
        return rfail(r, v->line, "invalid %s \"%s\": %s", name, v->text, use);
    return 0;
}

/* A time; an empty nullable one is 0. */
static int get_time(struct xfer_reader *r, const struct fval *v, const char *name, int64_t *out)
{
    *out = 0;
    if (v->null)
        return 0;
    if (when_parse_iso(v->text, out) != 0 || *out <= 0)
        return rfail(r, v->line, "invalid %s \"%s\": use ISO 8601 with an offset, such as "
                                 "2026-11-20T14:30:00+01:00", name, v->text);
    return 0;
}

/* ---- reading: rows into items ------------------------------------------------------ */

/* The stamps as unknot writes them: every save sets updated_at to its
 * now and takes a start or end up to EPISODE_FUTURE_SLACK after it, so the
 * last save is never before the start or end less that slack, created_at
 * never after it, and neither after the import's now. (created_at may be
 * before the start: an edit can move the start later.) */
static int episode_stamps(struct xfer_reader *r, long line, const struct episode *ep)
{
    int64_t last = ep->ended_at != EPISODE_ONGOING && ep->ended_at > ep->started_at
                       ? ep->ended_at
                       : ep->started_at;
    if (ep->updated_at > r->now + EPISODE_FUTURE_SLACK)
        return rfail(r, line, "episode %" PRId64 ": updated_at lies in the future",
                     ep->id);
    if (ep->created_at > ep->updated_at)
        return rfail(r, line, "episode %" PRId64 ": created_at is after updated_at: "
                                   "an episode is created before it is changed", ep->id);
    if (ep->updated_at < last - EPISODE_FUTURE_SLACK)
        return rfail(r, line, "episode %" PRId64 ": updated_at is before its %s: "
                                   "an episode is saved once it has begun (or ended)",
                     ep->id, last == ep->started_at ? "start" : "end");
    return 0;
}

static int episode_fields(struct xfer_reader *r, const struct fval *v, struct episode *ep)
{
    char msg[UNKNOT_ERR_LEN];
    int64_t n;
    if (get_id(r, &v[0], "id", &ep->id) || get_time(r, &v[1], "started_at", &ep->started_at) ||
        get_time(r, &v[2], "ended_at", &ep->ended_at))
        return -1;
    if (core(r, &v[3], intensity_parse(v[3].text, &ep->intensity, msg, sizeof msg), msg) ||
        core(r, &v[4], region_parse(v[4].text, &ep->region, msg, sizeof msg), msg))
        return -1;
    ep->side = SIDE_UNSET;
    if (!v[5].null && core(r, &v[5], side_parse(v[5].text, &ep->side, msg, sizeof msg), msg))
        return -1;
    snprintf(ep->note, sizeof ep->note, "%s", v[6].null ? "" : v[6].text);
    if (get_time(r, &v[7], "created_at", &n))
        return -1;
    ep->created_at = n ? n : r->now;
    if (get_time(r, &v[8], "updated_at", &n))
        return -1;
    ep->updated_at = n ? n : r->now;
    return 0;
}

/* "trigger, symptom, relief or medication": every kind episode.h knows. */
static void tag_kind_list(char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < TAG_KIND_COUNT && used < len; k++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s",
                                 k == 0 ? "" : k == TAG_KIND_COUNT - 1 ? " or " : ", ",
                                 tag_kind_code((enum tag_kind)k));
}

/* v: kind, tag (the parent's id is checked by the caller). */
static int add_tag(struct xfer_reader *r, const struct fval *v, struct episode *ep)
{
    char msg[UNKNOT_ERR_LEN];
    char kinds[128];
    enum tag_kind kind;
    if (tag_kind_parse(v[0].text, &kind) != 0) {
        tag_kind_list(kinds, sizeof kinds);
        return rfail(r, v[0].line, "invalid tag kind \"%s\": use %s", v[0].text, kinds);
    }
    return core(r, &v[1], episode_add_tag(ep, kind, v[1].text, msg, sizeof msg), msg);
}

static int episode_finish(struct xfer_reader *r, long line, const struct episode *ep)
{
    char msg[UNKNOT_ERR_LEN - 64];
    if (episode_validate(ep, r->now, msg, sizeof msg) != 0)
        return rfail(r, line, "episode %" PRId64 ": %s", ep->id, msg);
    return episode_stamps(r, line, ep);
}

static int session_codes(struct xfer_reader *r, const struct fval *v, struct session *s)
{
    if (session_kind_parse(v[1].text, &s->kind) != 0)
        return rfail(r, v[1].line, "invalid session kind \"%s\": use stretch, ice or heat",
                     v[1].text);
    /* Any routine code: a user's own routine exists only where its file
     * is, and an export must come back in on another machine. */
    if (!v[2].null && !routine_code_valid(v[2].text))
        return rfail(r, v[2].line, "invalid routine \"%s\": a routine code is 1 to %d of a-z, "
                     "0-9 and '-'", v[2].text, ROUTINE_CODE_LEN - 1);
    if (session_status_parse(v[8].text, &s->status) != 0)
        return rfail(r, v[8].line, "invalid status \"%s\": use running, done, stopped or "
                                   "interrupted", v[8].text);
    snprintf(s->routine, sizeof s->routine, "%s", v[2].null ? "" : v[2].text);
    return 0;
}

static int get_pain(struct xfer_reader *r, const struct fval *v, const char *name, int *out)
{
    int64_t p;
    *out = SESSION_PAIN_NONE;
    if (v->null)
        return 0;
    if (get_range(r, v, name, 0, 10, &p, "use a whole number from 0 (none) to 10 (worst), or "
                                         "leave it empty"))
        return -1;
    *out = (int)p;
    return 0;
}

static int session_numbers(struct xfer_reader *r, const struct fval *v, struct session *s)
{
    static const char hold_use[] = "use 5 or 30, or leave it empty";
    int64_t n = 0;
    if (!v[3].null && get_range(r, &v[3], "hold_s", 0, 3600, &n, hold_use))
        return -1;
    /* The timer's own rule; its message is a sentence for the screen. */
    if (!v[3].null && routine_hold_check((int)n, NULL, 0) != 0)
        return rfail(r, v[3].line, "invalid hold_s \"%s\": %s", v[3].text, hold_use);
    s->hold_s = (int)n;
    if (get_range(r, &v[4], "planned_s", 1, WHEN_DUR_MAX, &s->planned_s,
                  "use a whole number of seconds from 1") ||
        get_range(r, &v[5], "elapsed_s", 0, WHEN_DUR_MAX, &s->elapsed_s,
                  "use a whole number of seconds from 0"))
        return -1;
    s->episode_id = 0;
    if (!v[9].null && get_id(r, &v[9], "episode_id", &s->episode_id))
        return -1;
    return get_pain(r, &v[10], "pain_before", &s->pain_before) ||
           get_pain(r, &v[11], "pain_after", &s->pain_after);
}

/* Heat took 5 to 30 minutes before 0.2, and a database 0.1 began carries
 * such sessions into every later export; ice has always taken what its
 * preset says. */
#define V1_HEAT_MIN_MIN 5
#define V1_HEAT_MAX_MIN 30

/* The longest stretch session the timer can plan: every step of the
 * longest routine a file may hold, each as long as a step may be. */
#define STRETCH_PLANNED_MAX_S ((int64_t)ROUTINE_PLAN_MAX_STEPS * ROUTINE_HOLD_MAX_S)

/* A stretch names its routine and lasts what a routine can. Its exact
 * length is not checked against today's routines: an own routine exists
 * only where its file is, and the built-ins' steps change between
 * releases while older exports keep the lengths they had. */
static int stretch_limits(struct xfer_reader *r, const struct fval *v, const struct session *s)
{
    if (!s->routine[0])
        return rfail(r, v[2].line, "session %" PRId64 ": a stretch session names its routine",
                     s->id);
    if (s->planned_s < 1 || s->planned_s > STRETCH_PLANNED_MAX_S)
        return rfail(r, v[4].line, "session %" PRId64 ": planned_s %" PRId64 " is outside "
                     "the 1 to %" PRId64 " s a routine can take", s->id, s->planned_s,
                     STRETCH_PLANNED_MAX_S);
    return 0;
}

/* Ice and heat: no routine, and the minutes the timer takes for them. */
static int therapy_limits(struct xfer_reader *r, const struct fval *v, const struct session *s)
{
    const struct therapy_preset *p =
        therapy_preset(s->kind == SESSION_ICE ? THERAPY_ICE : THERAPY_HEAT);
    int lo = p->min_min, hi = p->max_min;
    if (s->kind == SESSION_HEAT) {
        lo = V1_HEAT_MIN_MIN < lo ? V1_HEAT_MIN_MIN : lo;
        hi = V1_HEAT_MAX_MIN > hi ? V1_HEAT_MAX_MIN : hi;
    }
    if (s->routine[0] || s->hold_s)
        return rfail(r, v[s->routine[0] ? 2 : 3].line, "session %" PRId64 ": %s has no "
                     "routine or hold: leave them empty", s->id, session_kind_code(s->kind));
    if (s->planned_s < (int64_t)lo * 60 || s->planned_s > (int64_t)hi * 60)
        return rfail(r, v[4].line, "session %" PRId64 ": planned_s %" PRId64 " is outside "
                     "the %d to %d minutes (%d to %d s) %s takes", s->id, s->planned_s, lo, hi,
                     lo * 60, hi * 60, session_kind_code(s->kind));
    return 0;
}

/* What the timer could have recorded: its kind's length, no more time
 * done than planned, nothing after the import's now. */
static int session_limits(struct xfer_reader *r, const struct fval *v, const struct session *s)
{
    if (s->kind == SESSION_STRETCH ? stretch_limits(r, v, s) : therapy_limits(r, v, s))
        return -1;
    if (s->elapsed_s > s->planned_s)
        return rfail(r, v[5].line, "session %" PRId64 ": elapsed_s %" PRId64 " is more than "
                     "the %" PRId64 " s planned", s->id, s->elapsed_s, s->planned_s);
    if (s->started_at > r->now + EPISODE_FUTURE_SLACK)
        return rfail(r, v[6].line, "session %" PRId64 ": start lies in the future", s->id);
    if (s->ended_at > r->now + EPISODE_FUTURE_SLACK)
        return rfail(r, v[7].line, "session %" PRId64 ": end lies in the future", s->id);
    return 0;
}

static int session_fields(struct xfer_reader *r, const struct fval *v, struct session *s)
{
    memset(s, 0, sizeof *s);
    if (get_id(r, &v[0], "id", &s->id) || session_codes(r, v, s) || session_numbers(r, v, s) ||
        get_time(r, &v[6], "started_at", &s->started_at) ||
        get_time(r, &v[7], "ended_at", &s->ended_at))
        return -1;
    if (s->ended_at && s->ended_at < s->started_at)
        return rfail(r, v[7].line, "session %" PRId64 ": end is before the start: give an end "
                                   "after the start", s->id);
    return session_limits(r, v, s);
}

static int check_fields(struct xfer_reader *r, const struct fval *v, struct check *c)
{
    if (get_id(r, &v[0], "id", &c->id) || get_time(r, &v[1], "taken_at", &c->taken_at))
        return -1;
    if (c->taken_at > r->now + EPISODE_FUTURE_SLACK)
        return rfail(r, v[1].line, "check %" PRId64 ": taken_at lies in the future", c->id);
    r->verdict_line = v[2].line;
    if (redflag_level_parse(v[2].text, &c->verdict) != 0)
        return rfail(r, v[2].line, "invalid verdict \"%s\": use clear, see_doctor, urgent or "
                                   "emergency", v[2].text);
    r->v1_items = 0;
    if (r->version == 1) {
        c->complete = 1; /* version 1 stored only checks taken whole */
        return 0;
    }
    int64_t complete;
    if (get_range(r, &v[3], "complete", 0, 1, &complete,
                  "use 1 (every item was asked) or 0 (partial: the patient left after a yes)"))
        return -1;
    c->complete = (int)complete;
    return 0;
}

/* An answer of a version 1 file: old item `old` (1..REDFLAG_V1_COUNT,
 * read once) moves to today's number. Where two old items became one, a
 * yes to either is a yes (the migration of a stored check does the same). */
static int add_v1_answer(struct xfer_reader *r, long line, int old, int ans, struct check *c)
{
    uint32_t bit = UINT32_C(1) << (old - 1);
    int item = redflags_item_from_v1(old);
    if (r->v1_items & bit)
        return rfail(r, line, "item %d is answered twice", old);
    r->v1_items |= bit;
    if (check_has_answer(c, item)) {
        c->answers[item - 1] |= ans != 0;
        return 0;
    }
    return check_set_answer(c, item, ans) == 0 ? 0 : rfail(r, line, "item %d: cannot store "
                                                               "its answer", old);
}

/* v: item, answer (the parent's id is checked by the caller). */
static int add_answer(struct xfer_reader *r, const struct fval *v, struct check *c)
{
    int64_t item, ans;
    char use[64];
    int items = r->version == 1 ? REDFLAG_V1_COUNT : REDFLAG_COUNT;
    snprintf(use, sizeof use, "use a checklist item number from 1 to %d", items);
    /* "Not sure" (2) came with 0.3, in format 3: the unknot that wrote a
     * file of version 1 or 2 never answered it. */
    int yes_no = r->version < 3;
    if (get_range(r, &v[0], "item", 1, items, &item, use) ||
        get_range(r, &v[1], "answer", CHECK_NO, yes_no ? CHECK_YES : CHECK_UNSURE, &ans,
                  yes_no ? "use 0 (no) or 1 (yes)" : "use 0 (no), 1 (yes) or 2 (not sure)"))
        return -1;
    if (r->version == 1)
        return add_v1_answer(r, v[0].line, (int)item, (int)ans, c);
    /* item is 1..REDFLAG_COUNT here, so only a repeat is refused. */
    if (check_set_answer(c, (int)item, (int)ans) != 0)
        return rfail(r, v[0].line, "item %" PRId64 " is answered twice", item);
    return 0;
}

/* The verdict is the checklist's rule applied to the answers (a gap
 * counts as no, as for a partial check unknot stores): a file that says
 * otherwise did not come from unknot, and which of the two is right is not
 * for import to guess, so it is refused. */
/* 1 when c may be a check 0.1 took: complete, yet no answer to an item
 * 0.1 never asked (a complete check of 0.2 on answers every item). Such a
 * check comes in a version 1 file, or in a later export of a database 0.1
 * began. */
static int check_from_v1(const struct check *c)
{
    uint32_t v1 = 0;
    for (int old = 1; old <= REDFLAG_V1_COUNT; old++)
        v1 |= UINT32_C(1) << (redflags_item_from_v1(old) - 1);
    for (int item = 1; item <= CHECK_MAX_ITEMS; item++)
        if (check_has_answer(c, item) && !(v1 & (UINT32_C(1) << (item - 1))))
            return 0;
    return c->complete;
}

static int check_finish(struct xfer_reader *r, const struct check *c)
{
    enum redflag_level want = redflags_verdict(c->answers);
    int agree = c->verdict == want;
    /* 0.1 judged its 16 items by its own rule (a fever was urgent then),
     * and its verdicts stand, as they do in a database it began; every
     * rule says clear exactly when there is no yes. */
    if (r->version == 1 || check_from_v1(c))
        agree = (c->verdict == REDFLAG_CLEAR) == !check_any_yes(c);
    if (!agree)
        return rfail(r, r->verdict_line, "check %" PRId64 ": the verdict %s does not follow "
                     "from its answers, which give %s", c->id, redflag_level_code(c->verdict),
                     redflag_level_code(want));
    return 0;
}

static int reading_fields(struct xfer_reader *r, const struct fval *v, struct reading *rd)
{
    char msg[UNKNOT_ERR_LEN - 64];
    int64_t n;
    memset(rd, 0, sizeof *rd);
    if (get_id(r, &v[0], "id", &rd->id) || get_id(r, &v[1], "episode_id", &rd->episode_id) ||
        get_time(r, &v[2], "taken_at", &rd->taken_at) ||
        get_range(r, &v[3], "pain", 0, EPISODE_INTENSITY_MAX, &n,
                  "use a whole number from 0 (none) to 10 (worst)"))
        return -1;
    rd->pain = (int)n;
    if (reading_source_parse(v[4].text, &rd->source) != 0)
        return rfail(r, v[4].line, "invalid source \"%s\": use log, cli, home, timer-before or "
                                   "timer-after", v[4].text);
    if (get_time(r, &v[5], "created_at", &n))
        return -1;
    rd->created_at = n ? n : r->now;
    if (reading_validate(rd, r->now, msg, sizeof msg) != 0)
        return rfail(r, v[0].line, "pain reading %" PRId64 ": %s", rd->id, msg);
    return 0;
}

static int treatment_numbers(struct xfer_reader *r, const struct fval *v, struct treatment *t)
{
    if (!v[4].null && get_range(r, &v[4], "duration_s", 1, TREATMENT_DURATION_MAX,
                                &t->duration_s, "use a whole number of seconds from 1 to 86400, "
                                                "or leave it empty"))
        return -1;
    if (!v[7].null && get_id(r, &v[7], "episode_id", &t->episode_id))
        return -1;
    return get_pain(r, &v[5], "pain_before", &t->pain_before) ||
           get_pain(r, &v[6], "pain_after", &t->pain_after);
}

static int treatment_fields(struct xfer_reader *r, const struct fval *v, struct treatment *t)
{
    char msg[UNKNOT_ERR_LEN - 64];
    enum treatment_kind kind;
    int64_t n;
    if (treatment_kind_parse(v[1].text, &kind) != 0)
        return rfail(r, v[1].line, "invalid treatment kind \"%s\": use medication, ice, heat, "
                                   "stretch, massage, walk or rest", v[1].text);
    treatment_init(t, kind, 0);
    if (get_id(r, &v[0], "id", &t->id) || get_time(r, &v[3], "taken_at", &t->taken_at) ||
        treatment_numbers(r, v, t) || get_time(r, &v[8], "created_at", &n))
        return -1;
    t->created_at = n ? n : r->now;
    if (kind != TREATMENT_MEDICATION && !v[2].null)
        return rfail(r, v[2].line, "treatment %" PRId64 ": only a medication has a name", t->id);
    if (kind == TREATMENT_MEDICATION && !v[2].null &&
        core(r, &v[2], treatment_set_name(t, v[2].text, msg, sizeof msg), msg))
        return -1;
    if (treatment_validate(t, r->now, msg, sizeof msg) != 0)
        return rfail(r, v[0].line, "treatment %" PRId64 ": %s", t->id, msg);
    return 0;
}

/* ---- reading: check-ins ---- */

/* A nullable whole number in [lo, hi]; empty is none. */
static int get_opt(struct xfer_reader *r, const struct fval *v, const char *name, int lo, int hi,
                   int none, int *out, const char *use)
{
    int64_t n;
    *out = none;
    if (v->null)
        return 0;
    if (get_range(r, v, name, lo, hi, &n, use))
        return -1;
    *out = (int)n;
    return 0;
}

static int checkin_fields(struct xfer_reader *r, const struct fval *v, struct checkin *c)
{
    char msg[UNKNOT_ERR_LEN - 64];
    int64_t n;
    memset(c, 0, sizeof *c);
    c->activities = CHECKIN_ACT_UNSET;
    if (get_id(r, &v[0], "id", &c->id) || get_time(r, &v[2], "taken_at", &c->taken_at) ||
        get_opt(r, &v[3], "pain", 0, CHECKIN_RATING_MAX, 0, &c->pain,
                "use a whole number from 0 (none) to 10 (worst)") ||
        get_opt(r, &v[5], "sleep_tenths", 0, CHECKIN_SLEEP_MAX_TENTHS, CHECKIN_NONE,
                &c->sleep_tenths, "use tenths of an hour from 0 to 240, or leave it empty") ||
        get_opt(r, &v[6], "woken", 0, 1, CHECKIN_NONE, &c->woken, "use 0 or 1, or leave it empty"))
        return -1;
    snprintf(c->day, sizeof c->day, "%.10s", v[1].text);
    if (!v[4].null &&
        core(r, &v[4], checkin_activities_parse(v[4].text, &c->activities, msg, sizeof msg), msg))
        return -1;
    if (get_time(r, &v[7], "created_at", &n))
        return -1;
    c->created_at = n ? n : r->now;
    if (v[1].len != 10 || checkin_validate_stored(c, r->now, msg, sizeof msg) != 0)
        return rfail(r, v[0].line, "check-in %" PRId64 ": %s", c->id,
                     v[1].len != 10 ? "invalid day: use YYYY-MM-DD" : msg);
    return 0;
}

static int weekly_fields(struct xfer_reader *r, const struct fval *v, struct weekly *w)
{
    static const char use[] = "use a whole number from 0 to 10";
    char msg[UNKNOT_ERR_LEN - 64];
    int64_t n;
    memset(w, 0, sizeof *w);
    if (get_id(r, &v[0], "id", &w->id) || get_time(r, &v[1], "taken_at", &w->taken_at) ||
        get_opt(r, &v[2], "pain", 0, CHECKIN_RATING_MAX, 0, &w->pain, use) ||
        get_opt(r, &v[3], "enjoyment", 0, CHECKIN_RATING_MAX, 0, &w->enjoyment, use) ||
        get_opt(r, &v[4], "activity", 0, CHECKIN_RATING_MAX, 0, &w->activity, use) ||
        get_time(r, &v[5], "created_at", &n))
        return -1;
    w->created_at = n ? n : r->now;
    if (weekly_validate(w, r->now, msg, sizeof msg) != 0)
        return rfail(r, v[0].line, "weekly check-in %" PRId64 ": %s", w->id, msg);
    return 0;
}

static int worse_fields(struct xfer_reader *r, const struct fval *v, struct session_worse *w)
{
    char msg[UNKNOT_ERR_LEN - 64];
    int64_t n;
    memset(w, 0, sizeof *w);
    if (get_id(r, &v[0], "session_id", &w->session_id) ||
        get_range(r, &v[1], "exercise_index", 1, SESSION_WORSE_MAX, &n,
                  "use the exercise's number in its routine, 1 to 64"))
        return -1;
    w->index = (int)n;
    snprintf(w->name, sizeof w->name, "%.*s", (int)v[2].len, v[2].text);
    if (session_worse_validate(w, msg, sizeof msg) != 0)
        return rfail(r, v[2].line, "session %" PRId64 ": %s", w->session_id, msg);
    return 0;
}

static int question_fields(struct xfer_reader *r, const struct fval *v, struct question *q)
{
    char msg[UNKNOT_ERR_LEN - 64];
    memset(q, 0, sizeof *q);
    if (get_id(r, &v[0], "id", &q->id) || get_time(r, &v[1], "asked_at", &q->asked_at))
        return -1;
    snprintf(q->text, sizeof q->text, "%.*s", (int)v[2].len, v[2].text);
    if (question_validate(q, msg, sizeof msg) != 0)
        return rfail(r, v[2].line, "question %" PRId64 ": %s", q->id, msg);
    return 0;
}

/* Starts an item of kind t at line; clears what its rows fill. */
static void item_begin(struct xfer_item *item, enum rtype t, long line)
{
    item->line = line;
    if (t == R_EPISODE) {
        item->kind = XFER_EPISODE;
        episode_init(&item->ep);
    } else if (t == R_CHECK) {
        item->kind = XFER_CHECK;
        memset(&item->chk, 0, sizeof item->chk);
    } else if (t == R_READING || t == R_TREATMENT) {
        item->kind = t == R_READING ? XFER_READING : XFER_TREATMENT;
    } else if (t == R_CHECKIN || t == R_WEEKLY) {
        item->kind = t == R_CHECKIN ? XFER_CHECKIN : XFER_WEEKLY;
    } else if (t == R_WORSE || t == R_QUESTION) {
        item->kind = t == R_WORSE ? XFER_WORSE : XFER_QUESTION;
    } else {
        item->kind = XFER_SESSION;
    }
}

/* The fields of a parent row into the item. */
static int item_fields(struct xfer_reader *r, enum rtype t, const struct fval *v,
                       struct xfer_item *item)
{
    if (t == R_EPISODE)
        return episode_fields(r, v, &item->ep);
    if (t == R_CHECK)
        return check_fields(r, v, &item->chk);
    if (t == R_READING)
        return reading_fields(r, v, &item->rd);
    if (t == R_TREATMENT)
        return treatment_fields(r, v, &item->tr);
    if (t == R_CHECKIN)
        return checkin_fields(r, v, &item->ci);
    if (t == R_WEEKLY)
        return weekly_fields(r, v, &item->wk);
    if (t == R_WORSE)
        return worse_fields(r, v, &item->worse);
    if (t == R_QUESTION)
        return question_fields(r, v, &item->q);
    return session_fields(r, v, &item->ses);
}

/* A child row (tag or answer; v without the parent's id) into the item. */
static int item_child(struct xfer_reader *r, const struct fval *v, struct xfer_item *item)
{
    if (item->kind == XFER_EPISODE)
        return add_tag(r, v, &item->ep);
    return add_answer(r, v, &item->chk);
}

static int64_t item_id(const struct xfer_item *item)
{
    return item->kind == XFER_EPISODE ? item->ep.id : item->chk.id;
}

/* ---- reading: CSV ----------------------------------------------------------------- */

/* The next record into r->rec: the one held back, or a fresh one. */
static int csv_next(struct xfer_reader *r)
{
    char err[UNKNOT_ERR_LEN];
    if (r->held) {
        r->held = 0;
        return 1;
    }
    int rc = csv_read(&r->csv, r->buf, CSV_RECORD_BUF, &r->rec, err, sizeof err);
    if (rc < 0) {
        snprintf(r->err, sizeof r->err, "%s", err); /* already "line N: ..." */
        r->failed = 1;
    }
    return rc;
}

static int csv_type(const struct csv_record *rec)
{
    for (int t = 0; t < R_COUNT; t++)
        if (strcmp(rec->fields[0], rdefs[t].name) == 0)
            return t;
    return -1;
}

/* The values of r->rec, a row of type t, checked as values. */
static int csv_values(struct xfer_reader *r, enum rtype t, struct fval *v)
{
    const struct rdef *rd = rdef_of(r, t);
    if (r->rec.nfields != 1 + rd->n)
        return rfail(r, r->rec.line, "%s row with %zu fields: it has %zu, as the header row "
                                     "#%s shows", rd->name, r->rec.nfields, 1 + rd->n, rd->name);
    for (size_t i = 0; i < rd->n; i++) {
        v[i].set = 1;
        v[i].line = r->rec.line;
        v[i].text = r->rec.fields[1 + i];
        v[i].len = r->rec.lens[1 + i];
        /* Version 1 (unknot 0.1) wrote free text as typed: a note that
         * began "'=" there is that note, not a guarded "=". */
        if (rd->defs[i].type == F_FREE && r->version >= 2)
            v[i].text = csv_unguard(v[i].text, &v[i].len);
        v[i].null = v[i].len == 0;
    }
    return check_all(r, t, 0, v);
}

/* Joins a header row as it appears in the file, for a message. */
static void header_text(const struct rdef *rd, char *buf, size_t len)
{
    size_t used = (size_t)snprintf(buf, len, "#%s", rd->name);
    for (size_t i = 0; i < rd->n && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, ",%s", rd->defs[i].name);
}

static int csv_first_row(struct xfer_reader *r)
{
    static const char want[] = "not an unknot export: a CSV export starts with the row "
                               CSV_FIRST_ROW " and a JSON one with {";
    int64_t version;
    int rc = csv_next(r);
    if (rc < 0)
        return -1;
    if (rc == 0 || strcmp(r->rec.fields[0], "#" FORMAT_NAME) != 0 || r->rec.nfields != 2 ||
        parse_num(r->rec.fields[1], &version) != 0)
        return rfail(r, rc == 0 ? r->csv.line : r->rec.line, "%s", want);
    return set_version(r, r->rec.line, version);
}

/* Whether the row read is the header row of rd with its first n columns. */
static int header_is(const struct xfer_reader *r, const struct rdef *rd, size_t n)
{
    int same = r->rec.nfields == 1 + n && r->rec.fields[0][0] == '#' &&
               strcmp(r->rec.fields[0] + 1, rd->name) == 0;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(r->rec.fields[1 + i], rd->defs[i].name) == 0;
    return same;
}

/* The header row of rd. Where rd is the end record's and the file has no
 * #question header row (a version 3 file written before the questions),
 * the row read instead may be that older end header. */
static int csv_header_row(struct xfer_reader *r, const struct rdef *rd)
{
    char want[256];
    int rc = csv_next(r);
    if (rc < 0)
        return -1;
    if (rc == 1 && header_is(r, rd, rd->n))
        return 0;
    if (rc == 1 && rd == &rdefs[R_QUESTION] && header_is(r, &end_rdef, end_rdef.n - 1)) {
        r->no_questions = 1;
        return 0;
    }
    header_text(rd, want, sizeof want);
    return rfail(r, rc == 1 ? r->rec.line : r->csv.line,
                 "the header row for %s rows must be %s (the file is not an unknot export of "
                 "version %d)", rd->name, want, r->version);
}

static int csv_read_header(struct xfer_reader *r)
{
    if (csv_first_row(r) != 0)
        return -1;
    /* Pain readings, treatments and check-ins came with version 3: an
     * older file has no header rows for them (and no rows). */
    int types = r->version >= END_VERSION ? R_COUNT : R_FIRST_OPTIONAL;
    for (int t = 0; t < types; t++)
        if (csv_header_row(r, rdef_of(r, (enum rtype)t)) != 0)
            return -1;
    if (r->version >= END_VERSION && !r->no_questions && csv_header_row(r, &end_rdef) != 0)
        return -1;
    r->header_done = 1;
    return 0;
}

/* The tag (answer) rows after a parent row; the first other row is held
 * back for the next item. */
static int csv_children(struct xfer_reader *r, enum rtype child, struct xfer_item *item)
{
    struct fval v[MAX_DEFS];
    int64_t parent;
    int rc;
    while ((rc = csv_next(r)) == 1) {
        if (csv_type(&r->rec) != (int)child) {
            r->held = 1;
            return 0;
        }
        if (csv_values(r, child, v) || get_id(r, &v[0], rdefs[child].defs[0].name, &parent))
            return -1;
        if (parent != item_id(item))
            return rfail(r, v[0].line, "this %s row is for %s %" PRId64 ": it must follow the "
                                       "row of that %s", rdefs[child].name,
                         child == R_TAG ? "episode" : "check", parent,
                         child == R_TAG ? "episode" : "check");
        if (item_child(r, v + 1, item))
            return -1;
        r->counts[child]++;
    }
    return rc;
}

static int csv_unknown(struct xfer_reader *r)
{
    const char *type = r->rec.fields[0];
    if (type[0] == '#')
        return rfail(r, r->rec.line, "header rows belong at the top of the file");
    if (r->rec.nfields > 0 && has_control(type, r->rec.lens[0], 0))
        type = "?";
    return rfail(r, r->rec.line, "unknown row type \"%.40s\": use episode, tag, session, "
                                 "check, answer, reading, treatment, checkin, weekly, worse or "
                                 "question", type);
}

/* The rows counted against the end record at line. */
static int end_counts(struct xfer_reader *r, long line, const int64_t *want)
{
    char got[256], said[256];
    int differ = 0;
    size_t ug = 0, us = 0;
    for (int t = 0; t < R_COUNT; t++) {
        differ |= want[t] != (int64_t)r->counts[t];
        ug += (size_t)snprintf(got + ug, sizeof got - ug, "%s%zu %s", t ? ", " : "",
                               r->counts[t], end_defs[t].name);
        us += (size_t)snprintf(said + us, sizeof said - us, "%s%" PRId64 " %s", t ? ", " : "",
                               want[t], end_defs[t].name);
    }
    if (differ)
        return rfail(r, line, "the end record says %s, but the file holds %s: rows are "
                              "missing or were added; export it again", said, got);
    return 0;
}

/* The end record (version 3 on): the counts must match, and nothing may
 * follow it. Returns 0 (the end) or -1. */
static int csv_end_record(struct xfer_reader *r)
{
    struct fval v[MAX_DEFS];
    int64_t want[R_COUNT];
    long line = r->rec.line;
    const struct rdef *rd = &end_rdef;
    size_t n = rd->n - (size_t)r->no_questions;
    want[R_QUESTION] = 0;
    if (r->rec.nfields != 1 + n)
        return rfail(r, line, "end row with %zu fields: it has %zu, as the header row #end "
                              "shows", r->rec.nfields, 1 + n);
    for (size_t i = 0; i < n; i++) {
        v[i] = (struct fval){1, r->rec.lens[1 + i] == 0, line, r->rec.fields[1 + i],
                             r->rec.lens[1 + i]};
        if (check_value(r, &rd->defs[i], &v[i]) ||
            get_range(r, &v[i], rd->defs[i].name, 0, INT64_MAX, &want[i],
                      "use the number of rows"))
            return -1;
    }
    if (end_counts(r, line, want) != 0)
        return -1;
    int rc = csv_next(r);
    if (rc < 0)
        return -1;
    if (rc > 0)
        return rfail(r, r->rec.line, "a row after the end record: the end record is the "
                                     "last row of an export");
    r->ended = 1;
    return 0;
}

/* The end of the input: an export of version 3 on must have ended with
 * its end record. */
static int csv_eof(struct xfer_reader *r)
{
    if (r->version < END_VERSION || r->ended)
        return 0;
    return rfail(r, r->csv.line, "the file ends without its end record (end,episodes,tags,"
                                 "sessions,checks,answers,readings,treatments,checkins,weekly,worse,"
                                 "questions):"
                                 " it was cut short; export it again");
}

static int csv_item(struct xfer_reader *r, struct xfer_item *item)
{
    struct fval v[MAX_DEFS];
    if (!r->header_done && csv_read_header(r) != 0)
        return -1;
    if (r->ended)
        return 0;
    int rc = csv_next(r);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return csv_eof(r);
    if (r->version >= END_VERSION && strcmp(r->rec.fields[0], end_rdef.name) == 0)
        return csv_end_record(r);
    int t = csv_type(&r->rec);
    if (t == R_TAG || t == R_ANSWER)
        return rfail(r, r->rec.line, "a %s row must follow the row of its %s", rdefs[t].name,
                     t == R_TAG ? "episode" : "check");
    if (t < 0)
        return csv_unknown(r);
    long line = r->rec.line;
    item_begin(item, (enum rtype)t, line);
    if (csv_values(r, (enum rtype)t, v) || item_fields(r, (enum rtype)t, v, item))
        return -1;
    r->counts[t]++;
    if (t != R_EPISODE && t != R_CHECK)
        return 1; /* a flat row */
    if (csv_children(r, t == R_EPISODE ? R_TAG : R_ANSWER, item) < 0)
        return -1;
    if (t == R_EPISODE ? episode_finish(r, line, &item->ep) : check_finish(r, &item->chk))
        return -1;
    return 1;
}

/* ---- reading: JSON ---------------------------------------------------------------- */

static int jnext(struct xfer_reader *r, struct jsonr_token *tok)
{
    char err[UNKNOT_ERR_LEN];
    int rc = jsonr_next(r->js, tok, err, sizeof err);
    if (rc < 0) {
        snprintf(r->err, sizeof r->err, "%s", err); /* already "line N: ..." */
        r->failed = 1;
    }
    return rc;
}

/* The next token must be of this type. */
static int jexpect(struct xfer_reader *r, struct jsonr_token *tok, enum jsonr_type type,
                   const char *what)
{
    int rc = jnext(r, tok);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return rfail(r, r->js->line, "expected %s, found the end of the input", what);
    if (tok->type != type)
        return rfail(r, tok->line, "expected %s, found %s", what, jsonr_type_name(tok->type));
    return 0;
}

static const char *arena_put(struct arena *a, const char *s, size_t len)
{
    if (a->len - a->used < len + 1)
        return NULL;
    char *p = a->buf + a->used;
    memcpy(p, s, len);
    p[len] = '\0';
    a->used += len + 1;
    return p;
}

/* Reads the value of key d into v, text copied into a. */
static int json_value(struct xfer_reader *r, const struct fdef *d, struct fval *v, struct arena *a)
{
    struct jsonr_token tok;
    char num[NUM_LEN];
    if (jnext(r, &tok) != 1)
        return -1;
    v->set = 1;
    v->line = tok.line;
    if (tok.type == JSONR_NULL) {
        v->null = 1;
        return 0;
    }
    if (tok.type == JSONR_INT && d->type == F_INT) {
        fmt_int(tok.num, num);
        tok.str = num;
        tok.len = strlen(num);
    } else if (tok.type == JSONR_STRING && d->type == F_INT) {
        return rfail(r, tok.line, "invalid %s \"%.40s\": give a whole number without quotes",
                     d->name, has_control(tok.str, tok.len, 0) ? "?" : tok.str);
    } else if (tok.type != JSONR_STRING || d->type == F_INT) {
        return rfail(r, tok.line, "invalid %s: expected %s, found %s", d->name,
                     d->type == F_INT ? "a number" : "a string in quotes",
                     jsonr_type_name(tok.type));
    }
    if (tok.len > d->max)
        return rfail(r, tok.line, "%s too long: at most %zu bytes", d->name, d->max);
    v->len = tok.len;
    v->text = arena_put(a, tok.str, tok.len);
    if (!v->text)
        return rfail(r, tok.line, "row too large");
    return 0;
}

static void key_list(const struct rdef *rd, size_t skip, const char *nested, char *buf,
                     size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = skip; i < rd->n && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i > skip ? ", " : "",
                                 rd->defs[i].name);
    if (nested && used < len)
        snprintf(buf + used, len - used, ", %s", nested);
}

static int json_children(struct xfer_reader *r, enum rtype child, struct xfer_item *item);

/* The members of a row object whose '{' was read at `line`, up to its '}'.
 * nested: the key of its child rows ("tags", "answers") or NULL. */
static int json_row(struct xfer_reader *r, enum rtype t, size_t skip, struct fval *v,
                    struct arena *a, long line, const char *nested, struct xfer_item *item)
{
    const struct rdef *rd = rdef_of(r, t);
    struct jsonr_token tok;
    char keys[256];
    int had_nested = 0;
    memset(v, 0, rd->n * sizeof *v);
    while (jnext(r, &tok) == 1 && tok.type == JSONR_KEY) {
        size_t i = skip;
        while (i < rd->n && strcmp(tok.str, rd->defs[i].name) != 0)
            i++;
        if (i < rd->n && v[i].set)
            return rfail(r, tok.line, "key \"%s\" given twice", tok.str);
        if (i < rd->n && json_value(r, &rd->defs[i], &v[i], a) == 0)
            continue;
        if (i < rd->n)
            return -1;
        if (!nested || strcmp(tok.str, nested) != 0) {
            key_list(rd, skip, nested, keys, sizeof keys);
            return rfail(r, tok.line, "unknown key \"%.40s\" in %s row: use %s",
                         has_control(tok.str, tok.len, 0) ? "?" : tok.str, rd->what, keys);
        }
        if (had_nested++)
            return rfail(r, tok.line, "key \"%s\" given twice", nested);
        if (json_children(r, t == R_EPISODE ? R_TAG : R_ANSWER, item) != 0)
            return -1;
    }
    if (r->failed)
        return -1;
    for (size_t i = skip; i < rd->n; i++) {
        if (!v[i].set) {
            v[i].null = 1;
            v[i].line = line;
        }
    }
    return check_all(r, t, skip, v);
}

/* The array of tag (answer) objects of a row. */
static int json_children(struct xfer_reader *r, enum rtype child, struct xfer_item *item)
{
    struct jsonr_token tok;
    struct fval v[MAX_DEFS];
    struct arena a = {r->child, sizeof r->child, 0};
    if (jexpect(r, &tok, JSONR_ARRAY, child == R_TAG ? "an array of tags" : "an array of answers"))
        return -1;
    while (jnext(r, &tok) == 1 && tok.type != JSONR_ARRAY_END) {
        if (tok.type != JSONR_OBJECT)
            return rfail(r, tok.line, "expected %s object, found %s", rdefs[child].what,
                         jsonr_type_name(tok.type));
        a.used = 0;
        if (json_row(r, child, 1, v, &a, tok.line, NULL, item) || item_child(r, v + 1, item))
            return -1;
    }
    return r->failed ? -1 : 0;
}

static int json_start(struct xfer_reader *r)
{
    struct jsonr_token tok;
    if (jexpect(r, &tok, JSONR_OBJECT, "{ at the start of an unknot export") ||
        jexpect(r, &tok, JSONR_KEY, "the key \"format\" first"))
        return -1;
    if (strcmp(tok.str, "format") != 0)
        return rfail(r, tok.line, "expected the key \"format\" first");
    if (jexpect(r, &tok, JSONR_STRING, "\"" FORMAT_NAME "\""))
        return -1;
    if (strcmp(tok.str, FORMAT_NAME) != 0)
        return rfail(r, tok.line, "not an unknot export: format must be \"" FORMAT_NAME "\"");
    if (jexpect(r, &tok, JSONR_KEY, "the key \"version\"") )
        return -1;
    if (strcmp(tok.str, "version") != 0)
        return rfail(r, tok.line, "expected the key \"version\" after \"format\"");
    if (jexpect(r, &tok, JSONR_INT, "the version number") ||
        set_version(r, tok.line, tok.num))
        return -1;
    r->jstate = J_SECTION;
    r->section = 0;
    return 0;
}

/* The end of the document: its '}' (read already when tok is not NULL),
 * and nothing after it. */
static int json_end(struct xfer_reader *r, struct jsonr_token *tok)
{
    struct jsonr_token end;
    if (!tok && jexpect(r, &end, JSONR_OBJECT_END, "the end of the export after \"questions\""))
        return -1;
    if (jnext(r, &end) != 0)
        return -1; /* jsonr refuses anything after the top-level value */
    r->jstate = J_DONE;
    return 0;
}

/* Opens the next array of rows, or ends the document after the last. */
static int json_section(struct xfer_reader *r)
{
    struct jsonr_token tok;
    char want[48];
    if (r->section == (int)COUNT(section_keys))
        return json_end(r, NULL);
    snprintf(want, sizeof want, "the key \"%s\"", section_keys[r->section]);
    if (r->section >= FIRST_OPTIONAL_SECTION) { /* or the end: a file written before them */
        if (jnext(r, &tok) != 1)
            return -1;
        if (tok.type == JSONR_OBJECT_END)
            return json_end(r, &tok);
        if (tok.type != JSONR_KEY)
            return rfail(r, tok.line, "expected %s or the end of the export, found %s", want,
                         jsonr_type_name(tok.type));
    } else if (jexpect(r, &tok, JSONR_KEY, want)) {
        return -1;
    }
    if (strcmp(tok.str, section_keys[r->section]) != 0)
        return rfail(r, tok.line, "expected %s (the keys come in the order format, version, "
                                  "episodes, sessions, checks, readings, treatments, checkins, weekly, "
                                  "worse, questions)",
                     want);
    if (jexpect(r, &tok, JSONR_ARRAY, "an array"))
        return -1;
    r->jstate = J_ROWS;
    return 0;
}

static int json_item(struct xfer_reader *r, struct xfer_item *item)
{
    static const enum rtype types[] = {R_EPISODE, R_SESSION,  R_CHECK, R_READING,
                                       R_TREATMENT, R_CHECKIN, R_WEEKLY, R_WORSE, R_QUESTION};
    static const char *const nested[] = {"tags", NULL, "answers", NULL, NULL,
                                         NULL, NULL,   NULL,      NULL};
    _Static_assert(COUNT(types) == COUNT(section_keys) && COUNT(nested) == COUNT(section_keys),
                   "a row type and a nested key per section");
    struct jsonr_token tok;
    struct fval v[MAX_DEFS];
    struct arena a = {r->arena, sizeof r->arena, 0};
    while (r->jstate != J_ROWS) {
        if (r->jstate == J_DONE)
            return 0;
        if ((r->jstate == J_START ? json_start(r) : json_section(r)) != 0)
            return -1;
    }
    if (jnext(r, &tok) != 1)
        return -1;
    if (tok.type == JSONR_ARRAY_END) {
        r->section++;
        r->jstate = J_SECTION;
        return json_item(r, item);
    }
    enum rtype t = types[r->section];
    if (tok.type != JSONR_OBJECT)
        return rfail(r, tok.line, "expected %s object, found %s", rdefs[t].what,
                     jsonr_type_name(tok.type));
    item_begin(item, t, tok.line);
    if (json_row(r, t, 0, v, &a, tok.line, nested[r->section], item) ||
        item_fields(r, t, v, item))
        return -1;
    if (t == R_EPISODE && episode_finish(r, tok.line, &item->ep))
        return -1;
    if (t == R_CHECK && check_finish(r, &item->chk))
        return -1;
    return 1;
}

/* ---- reading: the reader ------------------------------------------------------------- */

/* Skips blanks to the first byte that tells the format; counts the line
 * ends skipped. Returns that byte (put back) or EOF; *spaces: a blank
 * other than a line end was skipped. */
static int sniff(FILE *f, long *lines, int *spaces)
{
    int c;
    *lines = 0;
    *spaces = 0;
    while ((c = getc(f)) == ' ' || c == '\t' || c == '\r' || c == '\n') {
        *lines += c == '\n';
        *spaces |= c == ' ' || c == '\t';
    }
    if (c != EOF)
        ungetc(c, f);
    return c;
}

int xfer_reader_open(struct xfer_reader **out, FILE *f, int64_t now, char *err, size_t errlen)
{
    long lines;
    int spaces;
    struct xfer_reader *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    r->now = now;
    int c = sniff(f, &lines, &spaces);
    r->fmt = c == '{' ? XFER_JSON : XFER_CSV;
    if (r->fmt == XFER_JSON) {
        r->js = malloc(sizeof *r->js);
        if (r->js) {
            jsonr_init(r->js, f);
            r->js->line += lines;
        }
    } else {
        r->buf = malloc(CSV_RECORD_BUF);
        csv_reader_init(&r->csv, f);
        r->csv.line += lines;
        if (spaces) /* data in a CSV: the first row would not be the header */
            rfail(r, 1 + lines, "not an unknot export: a CSV export starts with the row "
                                CSV_FIRST_ROW " and a JSON one with {");
    }
    if (!r->js && !r->buf) {
        xfer_reader_free(&r);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    *out = r;
    return 0;
}

int xfer_read(struct xfer_reader *r, struct xfer_item *item, char *err, size_t errlen)
{
    int rc = -1;
    if (!r->failed)
        rc = r->fmt == XFER_CSV ? csv_item(r, item) : json_item(r, item);
    if (rc < 0 || r->failed) {
        r->failed = 1;
        if (err && errlen)
            snprintf(err, errlen, "%s", r->err);
        return -1;
    }
    return rc;
}

enum xfer_format xfer_reader_format(const struct xfer_reader *r)
{
    return r->fmt;
}

void xfer_reader_free(struct xfer_reader **r)
{
    if (!r || !*r)
        return;
    free((*r)->js);
    free((*r)->buf);
    free(*r);
    *r = NULL;
}

/* ---- the rows for other documents (listing.h) ------------------------------ */

void xfer_json_episode(FILE *f, const struct episode *ep)
{
    json_episode(f, ep);
}

void xfer_json_session(FILE *f, const struct session *s)
{
    struct ses_text t;
    ses_text(s, &t);
    json_session(f, s, &t);
}

void xfer_json_check(FILE *f, const struct check *c)
{
    json_check(f, c);
}

void xfer_json_reading(FILE *f, const struct reading *rd)
{
    json_reading(f, rd);
}

const char *xfer_csv_text(const char *s, unsigned keep, char *buf, size_t len)
{
    return csv_free(s, keep, buf, len);
}

int xfer_csv_session(FILE *f, const struct session *s, int typed)
{
    struct ses_text t;
    char routine[SESSION_ROUTINE_LEN + 1];
    ses_text(s, &t);
    const char *row[] = {"session", t.id, session_kind_code(s->kind),
                         csv_free(s->routine, TEXT_KEEP_TAB, routine, sizeof routine), t.hold,
                         t.planned, t.elapsed, t.st, t.en, session_status_code(s->status),
                         t.episode, t.before, t.after};
    return typed ? csv_write_row(f, row, COUNT(row)) : csv_write_row(f, row + 1, COUNT(row) - 1);
}

int xfer_csv_session_header(FILE *f)
{
    const char *row[COUNT(ses_defs)];
    for (size_t i = 0; i < COUNT(ses_defs); i++)
        row[i] = ses_defs[i].name;
    return csv_write_row(f, row, COUNT(row));
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* listing: JSON documents and flat CSV tables of the listing commands
 * (see listing.h). */
#include "src/listing.h"

#include <inttypes.h>
#include <string.h>
#include <strings.h>

#include "src/csv.h"
#include "src/episode_text.h"
#include "src/redflags.h"
#include "src/suggest.h"
#include "src/text.h"
#include "src/util.h"
#include "src/when.h"
#include "src/xfer.h"

#define LISTING_CODE_(e, w) w,
static const char *const format_codes[LISTING_FORMAT_COUNT] = {LISTING_FORMAT_INFO(LISTING_CODE_)};
static const char *const table_codes[LISTING_TABLE_COUNT] = {LISTING_TABLE_INFO(LISTING_CODE_)};
#undef LISTING_CODE_

/* `show`'s key, and the JSON format's name of a whole listing. */
static const char *const one_keys[LISTING_TABLE_COUNT] = {"episode", "session", "check"};
static const char *const doc_names[LISTING_TABLE_COUNT] = {"unknot-list", "unknot-sessions",
                                                           "unknot-checks"};

/* The column of each tag kind in the episodes table, in tag kind order. */
static const char *const tag_columns[TAG_KIND_COUNT] = {
    [TAG_TRIGGER] = "triggers",       [TAG_FEEL] = "feel",
    [TAG_SYMPTOM] = "symptoms",       [TAG_RELIEF] = "relief",
    [TAG_MEDICATION] = "medications",
};

#define NUM_LEN 24
#define JOIN_SEP "; "

const char *listing_format_code(enum listing_format fmt)
{
    return (unsigned)fmt < LISTING_FORMAT_COUNT ? format_codes[fmt] : NULL;
}

const char *listing_table_code(enum listing_table t)
{
    return (unsigned)t < LISTING_TABLE_COUNT ? table_codes[t] : NULL;
}

/* "text, json or csv" of the words in the mask. */
static void accepted_words(const char *const *codes, size_t n, unsigned mask, char *buf, size_t len)
{
    size_t used = 0, left = 0;
    for (size_t i = 0; i < n; i++)
        left += (mask >> i) & 1u;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < len; i++) {
        if (!((mask >> i) & 1u))
            continue;
        left--;
        int w = snprintf(buf + used, len - used, "%s%s", codes[i],
                         left > 1    ? ", "
                         : left == 1 ? " or "
                                     : "");
        used += w > 0 ? (size_t)w : 0;
    }
}

int listing_format_parse(const char *text, unsigned allowed, enum listing_format *out, char *err,
                         size_t errlen)
{
    char words[64];
    for (int i = 0; i < LISTING_FORMAT_COUNT; i++)
        if ((allowed & LISTING_BIT(i)) && text && strcasecmp(text, format_codes[i]) == 0) {
            *out = (enum listing_format)i;
            return 0;
        }
    struct suggest sg;
    suggest_init(&sg, text ? text : "");
    for (int i = 0; i < LISTING_FORMAT_COUNT; i++)
        if (allowed & LISTING_BIT(i))
            suggest_add(&sg, format_codes[i]);
    accepted_words(format_codes, LISTING_FORMAT_COUNT, allowed, words, sizeof words);
    snprintf(err, errlen, "invalid format \"%.40s\": use %s", text ? text : "", words);
    suggest_append(&sg, err, errlen);
    return -1;
}

int listing_table_parse(const char *text, enum listing_table *out, char *err, size_t errlen)
{
    char words[64];
    for (int i = 0; i < LISTING_TABLE_COUNT; i++)
        if (text && strcasecmp(text, table_codes[i]) == 0) {
            *out = (enum listing_table)i;
            return 0;
        }
    struct suggest sg;
    suggest_init(&sg, text ? text : "");
    for (int i = 0; i < LISTING_TABLE_COUNT; i++)
        suggest_add(&sg, table_codes[i]);
    accepted_words(table_codes, LISTING_TABLE_COUNT, (1u << LISTING_TABLE_COUNT) - 1, words,
                   sizeof words);
    snprintf(err, errlen, "invalid table \"%.40s\": use %s", text ? text : "", words);
    suggest_append(&sg, err, errlen);
    return -1;
}

/* ---- CSV ------------------------------------------------------------------ */

static void csv_episodes_header(FILE *f)
{
    const char *row[] = {"id",   "started_at", "ended_at",   "intensity", "region",
                         "side", NULL,         NULL,         NULL,        NULL,
                         NULL,   "notes",      "created_at", "updated_at"};
    for (int k = 0; k < TAG_KIND_COUNT; k++)
        row[6 + k] = tag_columns[k];
    csv_write_row(f, row, COUNT(row));
}

static void csv_checks_header(FILE *f)
{
    const char *row[] = {"id", "taken_at", "verdict", "complete", "asked", "yes_items",
                         "unsure_items"};
    csv_write_row(f, row, COUNT(row));
}

/* A time, or "" for none (0). */
static void fmt_time(int64_t t, char *buf, size_t len)
{
    if (t == 0)
        buf[0] = '\0';
    else
        when_format_iso(t, buf, len);
}

/* The tags of one kind, cleaned, in their stored order, joined. */
static void join_tags(const struct episode *ep, enum tag_kind kind, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ep->ntags && used + 1 < len; i++) {
        if (ep->tags[i].kind != kind)
            continue;
        if (used) {
            snprintf(buf + used, len - used, JOIN_SEP);
            used += strlen(buf + used);
        }
        used += text_clean(ep->tags[i].text, TEXT_KEEP_TAB, buf + used, len - used);
    }
}

/* EPISODE_TEXT_TAGS_MAX holds every tag with a separator; +2 the guard. */
#define TAGS_CELL_LEN (EPISODE_TEXT_TAGS_MAX + 2)

/* Writes the cells one by one: the joined tag cells share one buffer. */
static void csv_cells(FILE *f, const char *const *cells, size_t n, int last)
{
    for (size_t i = 0; i < n; i++) {
        csv_write_field(f, cells[i]);
        if (i + 1 < n || !last)
            csv_write_sep(f);
    }
}

static void csv_episode_row(FILE *f, const struct episode *ep)
{
    char id[NUM_LEN], in[NUM_LEN], st[WHEN_FMT_LEN], en[WHEN_FMT_LEN], cr[WHEN_FMT_LEN],
        up[WHEN_FMT_LEN], joined[TAGS_CELL_LEN], cell[TAGS_CELL_LEN], note[EPISODE_NOTE_MAX + 2];
    snprintf(id, sizeof id, "%" PRId64, ep->id);
    snprintf(in, sizeof in, "%d", ep->intensity);
    fmt_time(ep->started_at, st, sizeof st);
    fmt_time(ep->ended_at, en, sizeof en);
    fmt_time(ep->created_at, cr, sizeof cr);
    fmt_time(ep->updated_at, up, sizeof up);
    const char *head[] = {id, st, en, in, region_code(ep->region), side_code(ep->side)};
    csv_cells(f, head, COUNT(head), 0);
    for (int k = 0; k < TAG_KIND_COUNT; k++) {
        join_tags(ep, (enum tag_kind)k, joined, sizeof joined);
        csv_write_field(f, xfer_csv_text(joined, TEXT_KEEP_TAB, cell, sizeof cell));
        csv_write_sep(f);
    }
    const char *tail[] = {
        xfer_csv_text(ep->note, TEXT_KEEP_TAB | TEXT_KEEP_NEWLINE, note, sizeof note), cr, up};
    csv_cells(f, tail, COUNT(tail), 1);
    csv_end_row(f);
}

/* The items with that answer, JOIN_SEP apart ("" for none). */
static void join_items(const struct check *c, int answer, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 1; i <= c->nanswers && i <= CHECK_MAX_ITEMS && used < n; i++) {
        if (!check_has_answer(c, i) || c->answers[i - 1] != answer)
            continue;
        int w = snprintf(out + used, n - used, "%s%d", used ? JOIN_SEP : "", i);
        used += w > 0 ? (size_t)w : 0;
    }
}

static void csv_check_row(FILE *f, const struct check *c)
{
    char id[NUM_LEN], at[WHEN_FMT_LEN], asked[NUM_LEN], yes[CHECK_MAX_ITEMS * 5 + 1],
        unsure[CHECK_MAX_ITEMS * 5 + 1];
    snprintf(id, sizeof id, "%" PRId64, c->id);
    fmt_time(c->taken_at, at, sizeof at);
    snprintf(asked, sizeof asked, "%d", check_answer_count(c));
    join_items(c, CHECK_YES, yes, sizeof yes);
    join_items(c, CHECK_UNSURE, unsure, sizeof unsure);
    const char *row[] = {id,    at, redflag_level_code(c->verdict), c->complete ? "1" : "0",
                         asked, yes, unsure};
    csv_write_row(f, row, COUNT(row));
}

/* ---- the document --------------------------------------------------------- */

void listing_begin(struct listing *l, FILE *f, enum listing_format fmt, enum listing_table t)
{
    memset(l, 0, sizeof *l);
    l->f = f;
    l->fmt = fmt == LISTING_CSV ? LISTING_CSV : LISTING_JSON;
    l->table = t;
    if (l->fmt == LISTING_JSON)
        fprintf(f, "{\"format\": \"%s\", \"version\": %d, \"%s\": [", doc_names[t], LISTING_VERSION,
                table_codes[t]);
    else if (t == LISTING_EPISODES)
        csv_episodes_header(f);
    else if (t == LISTING_SESSIONS)
        (void)xfer_csv_session_header(f);
    else
        csv_checks_header(f);
}

void listing_begin_one(struct listing *l, FILE *f, enum listing_table t)
{
    memset(l, 0, sizeof *l);
    l->f = f;
    l->fmt = LISTING_JSON;
    l->table = t;
    l->one = 1;
    fprintf(f, "{\"format\": \"unknot-%s\", \"version\": %d, \"%s\": ", one_keys[t],
            LISTING_VERSION, one_keys[t]);
}

/* Starts a row of table t; 0, or -1 when it does not belong here. */
static int row_begin(struct listing *l, enum listing_table t)
{
    if (t != l->table || (l->one && l->rows)) {
        l->bad = 1;
        return -1;
    }
    if (l->fmt == LISTING_JSON && !l->one)
        fputs(l->rows ? ",\n  " : "\n  ", l->f);
    l->rows++;
    return 0;
}

static int row_end(const struct listing *l)
{
    return ferror(l->f) ? -1 : 0;
}

int listing_episode(struct listing *l, const struct episode *ep)
{
    if (row_begin(l, LISTING_EPISODES) != 0)
        return -1;
    if (l->fmt == LISTING_JSON)
        xfer_json_episode(l->f, ep);
    else
        csv_episode_row(l->f, ep);
    return row_end(l);
}

int listing_session(struct listing *l, const struct session *s)
{
    if (row_begin(l, LISTING_SESSIONS) != 0)
        return -1;
    if (l->fmt == LISTING_JSON)
        xfer_json_session(l->f, s);
    else
        (void)xfer_csv_session(l->f, s, 0);
    return row_end(l);
}

int listing_check(struct listing *l, const struct check *c)
{
    if (row_begin(l, LISTING_CHECKS) != 0)
        return -1;
    if (l->fmt == LISTING_JSON)
        xfer_json_check(l->f, c);
    else
        csv_check_row(l->f, c);
    return row_end(l);
}

int listing_one_reading(struct listing *l, const struct reading *rd)
{
    if (!l->one || l->table != LISTING_EPISODES || !l->rows) {
        l->bad = 1;
        return -1;
    }
    fputs(l->readings++ ? ",\n  " : ", \"readings\": [\n  ", l->f);
    xfer_json_reading(l->f, rd);
    return ferror(l->f) ? -1 : 0;
}

int listing_end(struct listing *l)
{
    if (l->fmt == LISTING_JSON && l->one && l->table == LISTING_EPISODES && l->rows)
        fputs(l->readings ? "]}\n" : ", \"readings\": []}\n", l->f);
    else if (l->fmt == LISTING_JSON && l->one)
        fputs(l->rows ? "}\n" : "null}\n", l->f);
    else if (l->fmt == LISTING_JSON)
        fputs(l->rows ? "\n]}\n" : "]}\n", l->f);
    return l->bad || ferror(l->f) ? -1 : 0;
}

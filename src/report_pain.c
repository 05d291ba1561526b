/* SPDX-License-Identifier: BSD-2-Clause */
/* report_pain: pain readings, what helps, medication intakes (see
 * report_pain.h). */
#include "src/report_pain.h"

#include <stdio.h>
#include <string.h>

#include "src/when.h"

void report_pain_begin(struct report_pain *p)
{
    memset(p, 0, sizeof *p);
}

/* Files the episode being fed into the ring of those listed. */
static void episode_close(struct report_pain *p)
{
    if (p->cur.c.n == 0)
        return;
    p->list[p->episodes % REPORT_PAIN_EPS] = p->cur;
    p->episodes++;
    p->nlist = p->episodes < REPORT_PAIN_EPS ? p->episodes : REPORT_PAIN_EPS;
    memset(&p->cur, 0, sizeof p->cur);
}

void report_pain_reading(struct report_pain *p, const struct reading *r, int64_t started_at)
{
    if (p->cur.c.n && p->cur.id != r->episode_id)
        episode_close(p);
    if (p->cur.c.n == 0) {
        p->cur.id = r->episode_id;
        p->cur.started_at = started_at;
        pain_course_begin(&p->cur.c);
    }
    pain_course_feed(&p->cur.c, r->taken_at, r->pain);
    if (p->spell && started_at >= p->spell_from && r->taken_at >= p->trend_from)
        pain_course_feed(&p->spell_course, r->taken_at, r->pain);
    p->readings++;
}

void report_pain_end(struct report_pain *p)
{
    episode_close(p);
}

const struct report_pain_ep *report_pain_listed(const struct report_pain *p, size_t i)
{
    size_t first = p->episodes - p->nlist;
    return &p->list[(first + i) % REPORT_PAIN_EPS];
}

void report_pain_spell(struct report_pain *p, int64_t from, int64_t trend_from)
{
    p->spell = 1;
    p->spell_from = from;
    p->trend_from = trend_from > from ? trend_from : from;
    pain_course_begin(&p->spell_course);
}

/* ---- what helps ---- */

static int pain_ok(int v)
{
    return v >= 0 && v <= EPISODE_INTENSITY_MAX;
}

static void changes_add(struct helps_changes *c, int before, int after)
{
    if (!pain_ok(before) || !pain_ok(after))
        return;
    c->bins[after - before + HELPS_CHANGE_MAX]++;
    c->rated++;
}

/* The k-th smallest change (0-based) of those counted. */
static int changes_nth(const struct helps_changes *c, size_t k)
{
    size_t seen = 0;
    for (int b = 0; b < HELPS_BINS; b++) {
        seen += c->bins[b];
        if (seen > k)
            return b - HELPS_CHANGE_MAX;
    }
    return 0;
}

int helps_median_tenths(const struct helps_changes *c, int64_t *tenths)
{
    if (c->rated < HELPS_MIN_RATED)
        return -1;
    int lo = changes_nth(c, (c->rated - 1) / 2), hi = changes_nth(c, c->rated / 2);
    *tenths = (int64_t)(lo + hi) * 5;
    return 0;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* a equals b, ignoring the case of ASCII letters only (locale-free). */
static int same_key(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
            return 0;
    return *a == *b;
}

/* The row of (group, key), made when there is room; NULL when full. */
static struct helps_row *helps_slot(struct report_pain *p, enum helps_group g, const char *key)
{
    for (size_t i = 0; i < p->nhelps; i++)
        if (p->helps[i].group == g && same_key(p->helps[i].key, key))
            return &p->helps[i];
    if (p->nhelps == HELPS_MAX_ROWS) {
        p->helps_dropped++;
        return NULL;
    }
    struct helps_row *row = &p->helps[p->nhelps++];
    memset(row, 0, sizeof *row);
    row->group = g;
    snprintf(row->key, sizeof row->key, "%s", key);
    return row;
}

static void helps_add(struct report_pain *p, enum helps_group g, const char *key, int before,
                      int after)
{
    struct helps_row *row = helps_slot(p, g, key);
    if (!row)
        return;
    row->uses++;
    changes_add(&row->ch, before, after);
}

void report_pain_session(struct report_pain *p, const struct session *s)
{
    if ((unsigned)s->kind >= SESSION_KIND_COUNT)
        return;
    helps_add(p, HELPS_SESSION, session_kind_code(s->kind), s->pain_before, s->pain_after);
    if (s->routine[0])
        helps_add(p, HELPS_ROUTINE, s->routine, s->pain_before, s->pain_after);
}

/* ---- medication intakes ---- */

static struct intake_row *intake_slot(struct report_pain *p, const char *name)
{
    for (size_t i = 0; i < p->nintakes; i++)
        if (same_key(p->intakes[i].name, name))
            return &p->intakes[i];
    if (p->nintakes == INTAKES_MAX_MEDS) {
        p->intakes_dropped++;
        return NULL;
    }
    struct intake_row *row = &p->intakes[p->nintakes++];
    memset(row, 0, sizeof *row);
    snprintf(row->name, sizeof row->name, "%s", name);
    return row;
}

static void intake_add(struct report_pain *p, const struct treatment *t)
{
    struct intake_row *row = intake_slot(p, t->name);
    if (!row)
        return;
    int64_t day = t->taken_at >= p->span.from && t->taken_at < p->span.to
                      ? p->span.day
                      : when_local_day_span(t->taken_at, &p->span);
    if (row->intakes == 0 || day != row->day) {
        row->days++;
        row->day = day;
        row->on_day = 0;
    }
    row->on_day++;
    if (row->on_day > row->most)
        row->most = row->on_day;
    row->intakes++;
    changes_add(&row->ch, t->pain_before, t->pain_after);
}

void report_pain_treatment(struct report_pain *p, const struct treatment *t)
{
    if ((unsigned)t->kind >= TREATMENT_KIND_COUNT)
        return;
    p->treatments++;
    if (t->kind == TREATMENT_MEDICATION) {
        helps_add(p, HELPS_MEDICATION, t->name, t->pain_before, t->pain_after);
        intake_add(p, t);
    } else {
        helps_add(p, HELPS_RELIEF, treatment_kind_code(t->kind), t->pain_before, t->pain_after);
    }
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* report: the appointment report, computed from streams in constant memory
 * and written as text, markdown, csv or json. */
#include "src/report.h"

#include <inttypes.h>
#include <string.h>
#include <strings.h>

#include "src/csv.h"
#include "src/flag_json.h"
#include "src/json.h"
#include "src/markdown.h"
#include "src/routines.h"
#include "src/text.h"
#include "src/util.h"
#include "src/when.h"

#define NO_EPISODES "No episodes in this period."
#define NO_CHECKS "No red-flag check in this period."
#define NO_CHECKS_LC "no red-flag check in this period."


/* num * 10 / den, rounded half away from zero; den > 0. */
static int64_t tenths(int64_t num, int64_t den)
{
    int64_t t = num * 10;
    return (2 * t + (t < 0 ? -den : den)) / (2 * den);
}

/* ---- medications --------------------------------------------------------- */

static void trim(const char *s, size_t max, const char **out, size_t *len)
{
    size_t n = strnlen(s, max);
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *out = s;
    *len = n;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* a[0..alen) equals b[0..blen), ignoring the case of ASCII letters only:
 * the C library's case folding depends on the locale. */
static int same_name(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return 0;
    for (size_t i = 0; i < alen; i++)
        if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
            return 0;
    return 1;
}

void report_meds_init(struct report_meds *m)
{
    memset(m, 0, sizeof *m);
}

#define OTHER_PREFIX "other:"

/* The words a tag of `kind` was typed as, trimmed: a medication's text, the
 * TEXT of another kind's "other:TEXT"; *len 0 when it has none (a
 * vocabulary code, another kind). */
static void tag_words(const struct episode_tag *t, enum tag_kind kind, const char **s,
                      size_t *len)
{
    const size_t pre = sizeof OTHER_PREFIX - 1;
    *len = 0;
    if (t->kind != kind)
        return;
    if (kind == TAG_MEDICATION)
        trim(t->text, sizeof t->text, s, len);
    else if (strncasecmp(t->text, OTHER_PREFIX, pre) == 0)
        trim(t->text + pre, sizeof t->text - pre, s, len);
}

/* 1 when an earlier tag of ep (before index i) of `kind` has this name. */
static int listed_before(const struct episode *ep, size_t i, enum tag_kind kind, const char *s,
                         size_t len)
{
    for (size_t j = 0; j < i; j++) {
        const char *t;
        size_t tl;
        tag_words(&ep->tags[j], kind, &t, &tl);
        if (tl > 0 && same_name(s, len, t, tl))
            return 1;
    }
    return 0;
}

/* The table slot of a name, made when there is room; NULL when full. */
static struct report_med *med_slot(struct report_meds *m, const char *s, size_t len)
{
    for (size_t i = 0; i < m->n; i++)
        if (same_name(s, len, m->meds[i].name, strlen(m->meds[i].name)))
            return &m->meds[i];
    if (m->n == REPORT_MAX_MEDS)
        return NULL;
    struct report_med *slot = &m->meds[m->n++];
    memcpy(slot->name, s, len);
    slot->name[len] = '\0';
    slot->episodes = 0;
    return slot;
}

/* Counts the words of ep's tags of `kind` (tag_words) into m, each name
 * once per episode. Returns 1 when ep had any. */
static int names_add_episode(struct report_meds *m, const struct episode *ep, enum tag_kind kind)
{
    int any = 0, overflow = 0;
    size_t ntags = ep->ntags < EPISODE_MAX_TAGS ? ep->ntags : EPISODE_MAX_TAGS;
    for (size_t i = 0; i < ntags; i++) {
        const char *s;
        size_t len;
        tag_words(&ep->tags[i], kind, &s, &len);
        if (len == 0 || listed_before(ep, i, kind, s, len))
            continue;
        any = 1;
        struct report_med *slot = med_slot(m, s, len);
        if (slot)
            slot->episodes++;
        else
            overflow = 1;
    }
    m->episodes += (size_t)any;
    m->other_episodes += (size_t)overflow;
    return any;
}

void report_meds_add_episode(struct report_meds *m, const struct episode *ep)
{
    (void)names_add_episode(m, ep, TAG_MEDICATION);
}

void report_meds_sort(struct report_meds *m)
{
    /* Insertion sort: stable, and the table is small. */
    for (size_t i = 1; i < m->n; i++) {
        struct report_med tmp = m->meds[i];
        size_t j = i;
        while (j > 0 && m->meds[j - 1].episodes < tmp.episodes) {
            m->meds[j] = m->meds[j - 1];
            j--;
        }
        m->meds[j] = tmp;
    }
}

/* ---- durations ------------------------------------------------------------ */

void report_durations_init(struct report_durations *d)
{
    memset(d, 0, sizeof *d);
}

int report_durations_feed(struct report_durations *d, int64_t secs, size_t index, size_t count)
{
    if (d->bad)
        return -1;
    if (count == 0 || index >= count || index != d->fed ||
        (d->fed > 0 && (count != d->count || secs < d->longest))) {
        d->bad = 1;
        return -1;
    }
    d->count = count;
    if (index == (count - 1) / 2)
        d->lo = secs;
    if (index == count / 2)
        d->hi = secs;
    d->longest = secs;
    d->fed++;
    return 0;
}

int report_durations_result(const struct report_durations *d, int64_t *median, int64_t *longest)
{
    if (d->bad || d->count == 0 || d->fed != d->count)
        return -1;
    /* hi >= lo, so this is the mean rounded down, without overflow. */
    *median = d->lo + (d->hi - d->lo) / 2;
    if (longest)
        *longest = d->longest;
    return 0;
}

/* ---- gaps and rate ---------------------------------------------------------- */

void report_gaps_begin(struct report_gaps *g, int64_t from, int64_t to)
{
    memset(g, 0, sizeof *g);
    g->from = from;
    g->to = to < from ? from : to;
    g->covered = g->start = from;
    g->gap = -1;
    g->free = -1;
}

/* A stretch with no episode from g->covered to `until`, if the longest. */
static void free_piece(struct report_gaps *g, int64_t until)
{
    if (until > g->to)
        until = g->to;
    if (until - g->covered > g->free) {
        g->free = until - g->covered;
        g->free_from = g->covered;
        g->free_to = until;
    }
}

void report_gaps_feed(struct report_gaps *g, int64_t started_at, int64_t ended_at)
{
    if (ended_at < started_at)
        ended_at = started_at;
    if (g->n > 0 && started_at < g->last_start)
        g->unordered = 1;
    /* A start before the period would make a gap that is not in it. */
    if (g->starts > 0 && started_at >= g->from) {
        if (started_at - g->last_start > g->gap) {
            g->gap = started_at - g->last_start;
            g->gap_from = g->last_start;
            g->gap_to = started_at;
        }
    }
    free_piece(g, started_at);
    if (ended_at > g->covered)
        g->covered = ended_at;
    g->last_start = started_at;
    g->n++;
    if (started_at >= g->from)
        g->starts++;
}

void report_gaps_start_at(struct report_gaps *g, int64_t t)
{
    if (t > g->start)
        g->start = t;
    if (t > g->covered)
        g->covered = t;
}

void report_gaps_end(struct report_gaps *g)
{
    free_piece(g, g->to);
}

int64_t report_per_week_tenths(size_t count, int64_t from, int64_t to)
{
    if (to <= from)
        return -1;
    return tenths((int64_t)count * REPORT_WEEK_S, to - from);
}

/* ---- feeding ------------------------------------------------------------- */

void report_begin(struct report *r, int64_t from, int64_t to, int64_t now)
{
    memset(r, 0, sizeof *r);
    r->from = from;
    r->to = to;
    r->now = now;
    r->latest = REDFLAG_CLEAR;
    report_meds_init(&r->meds);
    for (int k = 0; k < TAG_MEDICATION; k++)
        report_meds_init(&r->free_text[k]);
    report_durations_init(&r->dur);
    /* Time after now is not known to be free of episodes. */
    report_gaps_begin(&r->gaps, from, to < now ? to : now);
    checkin_stats_begin(&r->days, from, to < now ? to : now);
    weekly_trend_begin(&r->weeks, from, (to < now ? to : now) + 1);
    report_days_begin(&r->daily, from, to < now ? to : now);
}

/* Every word of a vocabulary has its counter, and its bit in count_tags's
 * seen mask. */
_Static_assert(EPISODE_TRIGGER_WORDS <= REPORT_VOCAB_MAX &&
                   EPISODE_FEEL_WORDS <= REPORT_VOCAB_MAX &&
                   EPISODE_SYMPTOM_WORDS <= REPORT_VOCAB_MAX &&
                   EPISODE_RELIEF_WORDS <= REPORT_VOCAB_MAX,
               "REPORT_VOCAB_MAX: a tag vocabulary outgrew the report's counters");
_Static_assert(REPORT_VOCAB_MAX <= 32, "count_tags keeps a 32-bit mask per kind");

/* Counts each trigger, feel, symptom and relief once per episode: a
 * vocabulary word under its code, free text ("other:TEXT") under its
 * words. */
static void count_tags(struct report *r, const struct episode *ep)
{
    uint32_t seen[TAG_MEDICATION] = {0};
    size_t ntags = ep->ntags < EPISODE_MAX_TAGS ? ep->ntags : EPISODE_MAX_TAGS;
    for (size_t i = 0; i < ntags; i++) {
        enum tag_kind k = ep->tags[i].kind;
        const char *words;
        size_t len;
        if ((unsigned)k >= TAG_MEDICATION)
            continue;
        tag_words(&ep->tags[i], k, &words, &len);
        if (len > 0)
            continue; /* free text: names_add_episode counts it */
        int idx = episode_vocab_index(k, ep->tags[i].text);
        if (idx < 0 || (seen[k] & (1u << idx)))
            continue;
        seen[k] |= 1u << idx;
        r->tags[k][idx]++;
    }
    for (int k = 0; k < TAG_MEDICATION; k++) {
        int typed = names_add_episode(&r->free_text[k], ep, (enum tag_kind)k);
        r->tagged[k] += seen[k] != 0 || typed;
    }
}

/* The time an entry of a kept list starts with. */
static int64_t entry_time(const unsigned char *entry)
{
    int64_t t;
    memcpy(&t, entry, sizeof t);
    return t;
}

/* Keeps the `max` most recent entries of list (*n of them, oldest first,
 * each sz bytes starting with its int64_t time): copies e in at its place,
 * dropping the oldest when the list is full. Entries may come in any
 * order. */
static void keep_recent(void *list, size_t *n, size_t max, size_t sz, const void *e)
{
    unsigned char *a = list;
    int64_t t = entry_time(e);
    size_t i = *n;
    if (i == max) {
        if (t <= entry_time(a))
            return;
        memmove(a, a + sz, (max - 1) * sz);
        i--;
    }
    *n = i + 1;
    for (; i > 0 && entry_time(a + (i - 1) * sz) > t; i--)
        memcpy(a + i * sz, a + (i - 1) * sz, sz);
    memcpy(a + i * sz, e, sz);
}

/* The warning signs among ep's symptoms, each once; counted and listed
 * when there is one. */
static void count_signs(struct report *r, const struct episode *ep)
{
    struct report_sign_ep e = {.at = ep->started_at, .id = ep->id, .level = REDFLAG_CLEAR};
    size_t ntags = ep->ntags < EPISODE_MAX_TAGS ? ep->ntags : EPISODE_MAX_TAGS;
    for (size_t i = 0; i < ntags && e.nsigns < REPORT_MAX_SIGNS; i++) {
        const struct warnsign *w =
            ep->tags[i].kind == TAG_SYMPTOM ? warnsign_of_symptom(ep->tags[i].text) : NULL;
        size_t j = 0;
        while (w && j < e.nsigns && e.signs[j] != w)
            j++;
        if (!w || j < e.nsigns)
            continue;
        e.signs[e.nsigns++] = w;
        if (w->level > e.level)
            e.level = w->level;
    }
    if (e.nsigns == 0)
        return;
    r->sign_eps++;
    keep_recent(r->sign_list, &r->nsign_list, REPORT_MAX_LISTED, sizeof e, &e);
}

/* 1 when s[0 .. max) holds something other than blanks. */
static int has_words(const char *s, size_t max)
{
    for (size_t i = 0; i < max && s[i]; i++)
        if (!strchr(" \t\r\n", s[i]))
            return 1;
    return 0;
}

/* Counts ep's note, and keeps it when it is among the most recent: the
 * list holds small references (moved as entries come) to texts that stay
 * in their slot, so a long history does not copy the texts about. */
static void count_note(struct report *r, const struct episode *ep)
{
    struct report_note_ref ref = {.at = ep->started_at, .id = ep->id, .slot = r->nnote_list};
    if (!has_words(ep->note, sizeof ep->note))
        return;
    r->notes++;
    if (r->nnote_list == REPORT_MAX_NOTES) {
        if (ref.at <= r->note_list[0].at)
            return; /* older than every note kept */
        ref.slot = r->note_list[0].slot; /* keep_recent drops that one */
    }
    size_t len = strnlen(ep->note, sizeof ep->note - 1);
    memcpy(r->note_text[ref.slot], ep->note, len);
    r->note_text[ref.slot][len] = '\0';
    keep_recent(r->note_list, &r->nnote_list, REPORT_MAX_NOTES, sizeof ref, &ref);
}

static void count_end(struct report *r, const struct episode *ep, int64_t *end)
{
    if (ep->ended_at == EPISODE_ONGOING) {
        if (r->ongoing < REPORT_MAX_ONGOING) {
            r->ong[r->ongoing].id = ep->id;
            r->ong[r->ongoing].started_at = ep->started_at;
        }
        r->ongoing++;
        *end = r->now;
        return;
    }
    *end = ep->ended_at < ep->started_at ? ep->started_at : ep->ended_at;
    int64_t secs = *end - ep->started_at;
    if (r->ended == 0 || secs > r->longest) {
        r->longest = secs;
        r->longest_id = ep->id;
        r->longest_start = ep->started_at;
    }
    r->ended++;
}

void report_set_logged_since(struct report *r, int64_t first)
{
    if (!r->done)
        report_gaps_start_at(&r->gaps, first);
}

void report_feed_episode(struct report *r, const struct episode *ep)
{
    int64_t end;
    if (r->done)
        return;
    if (ep->started_at < r->from)
        r->before++;
    int in = ep->intensity < 0 ? 0 : ep->intensity > 10 ? 10 : ep->intensity;
    r->episodes++;
    r->intensity_sum += in;
    if (in > r->peak)
        r->peak = in;
    r->bands[intensity_band(in)]++;
    if ((unsigned)ep->region < REGION_COUNT)
        r->regions[ep->region]++;
    if ((unsigned)ep->side < SIDE_COUNT)
        r->sides[ep->side]++;
    count_tags(r, ep);
    count_signs(r, ep);
    count_note(r, ep);
    report_meds_add_episode(&r->meds, ep);
    count_end(r, ep, &end);
    report_gaps_feed(&r->gaps, ep->started_at, end);
    checkin_stats_episode(&r->days, ep->started_at, ep->ended_at);
    report_days_episode(&r->daily, ep);
}

void report_feed_checkin(struct report *r, const struct checkin *c)
{
    if (!r->done)
        checkin_stats_feed(&r->days, c);
}

void report_feed_weekly(struct report *r, const struct weekly *w)
{
    if (!r->done) {
        weekly_trend_feed(&r->weeks, w);
        report_days_weekly(&r->daily, w);
    }
}

int report_feed_duration_sorted(struct report *r, int64_t secs, size_t index, size_t count)
{
    if (r->done)
        return -1;
    return report_durations_feed(&r->dur, secs, index, count);
}

void report_feed_check(struct report *r, const struct check *c)
{
    unsigned char a[REDFLAG_COUNT] = {0};
    struct report_check_ref ref = {.at = c->taken_at, .verdict = c->verdict,
                                   .complete = c->complete != 0};
    if (r->done)
        return;
    for (int i = 0; i < c->nanswers && i < REDFLAG_COUNT; i++) {
        if (!check_has_answer(c, i + 1))
            continue;
        a[i] = c->answers[i] == CHECK_YES;
        ref.answered++;
        ref.yes |= (uint32_t)a[i] << i;
        ref.unsure |= (uint32_t)(c->answers[i] == CHECK_UNSURE) << i;
    }
    if ((unsigned)ref.verdict >= REDFLAG_LEVEL_COUNT)
        ref.verdict = redflags_verdict(a);
    r->verdicts[ref.verdict]++;
    for (size_t i = 0; i < REDFLAG_COUNT; i++)
        r->yes[i] += a[i];
    if (a[0])
        keep_recent(r->yes_dates, &r->nyes_dates, REPORT_MAX_YES_DATES, sizeof ref.at, &ref.at);
    if (ref.verdict >= REDFLAG_URGENT) {
        r->warn_checks++;
        keep_recent(r->warn_list, &r->nwarn_list, REPORT_MAX_LISTED, sizeof ref, &ref);
    }
    if (ref.unsure) {
        r->unsure_checks++;
        keep_recent(r->unsure_list, &r->nunsure_list, REPORT_MAX_LISTED, sizeof ref, &ref);
    }
    if (!ref.complete) {
        r->partial++;
        keep_recent(r->partial_list, &r->npartial_list, REPORT_MAX_LISTED, sizeof ref, &ref);
    }
    if (r->checks == 0 || ref.at >= r->latest_at) {
        r->latest_at = ref.at;
        r->latest = ref.verdict;
        r->latest_complete = ref.complete;
        r->latest_unsure = ref.unsure != 0;
    }
    r->checks++;
}

static int pain_given(int p)
{
    return p >= 0 && p <= 10;
}

static void stats_add(struct report_session_stats *st, const struct session *s)
{
    st->sessions++;
    switch (s->status) {
    case SESSION_DONE: st->done++; break;
    case SESSION_STOPPED: st->stopped++; break;
    case SESSION_INTERRUPTED: st->interrupted++; break;
    case SESSION_RUNNING: st->running++; break;
    default: break; /* outside the enum: counted, in no status */
    }
    if (s->elapsed_s > 0)
        st->secs += s->elapsed_s;
    if (pain_given(s->pain_before) && pain_given(s->pain_after)) {
        st->rated++;
        st->change += s->pain_after - s->pain_before;
    }
}

static struct report_routine *routine_slot(struct report *r, enum session_kind kind,
                                          const char *routine)
{
    for (size_t i = 0; i < r->nroutines; i++)
        if (r->routines[i].kind == kind && strcmp(r->routines[i].routine, routine) == 0)
            return &r->routines[i];
    if (r->nroutines == REPORT_MAX_ROUTINES)
        return NULL;
    struct report_routine *slot = &r->routines[r->nroutines++];
    memset(slot, 0, sizeof *slot);
    slot->kind = kind;
    snprintf(slot->routine, sizeof slot->routine, "%s", routine);
    return slot;
}

int report_feed_session(struct report *r, const struct session *s)
{
    char routine[REPORT_ROUTINE_LEN];
    enum session_kind k = s->kind;
    if (r->done || (unsigned)k >= SESSION_KIND_COUNT)
        return -1;
    stats_add(&r->kinds[k], s);
    report_pain_session(&r->pain, s);
    snprintf(routine, sizeof routine, "%.*s", (int)sizeof s->routine - 1, s->routine);
    if (routine[0] == '\0')
        return 0;
    struct report_routine *slot = routine_slot(r, k, routine);
    if (slot)
        stats_add(&slot->st, s);
    else
        r->routines_dropped++;
    return 0;
}

/* The index of the stretch routine of code among the report's routines,
 * or -1. */
static long stretch_index(const struct report *r, const char *code)
{
    for (size_t i = 0; i < r->nroutines; i++)
        if (r->routines[i].kind == SESSION_STRETCH && strcmp(r->routines[i].routine, code) == 0)
            return (long)i;
    return -1;
}

void report_feed_worse(struct report *r, const struct session_worse *w)
{
    long at = r->done ? -1 : stretch_index(r, w->routine);
    if (at < 0)
        return;
    struct report_routine *rt = &r->routines[at];
    for (size_t i = 0; i < rt->nworse; i++)
        if (strcmp(rt->worse[i].name, w->name) == 0) {
            rt->worse[i].sessions++;
            return;
        }
    if (rt->nworse == REPORT_MAX_WORSE) {
        rt->worse_dropped++;
        return;
    }
    struct report_worse *x = &rt->worse[rt->nworse++];
    snprintf(x->name, sizeof x->name, "%s", w->name);
    x->sessions = 1;
}

/* Most sessions first, then by name: an insertion sort of at most
 * REPORT_MAX_WORSE. */
static void worse_sort(struct report_routine *rt)
{
    for (size_t i = 1; i < rt->nworse; i++) {
        struct report_worse x = rt->worse[i];
        size_t j = i;
        while (j > 0 && (rt->worse[j - 1].sessions < x.sessions ||
                         (rt->worse[j - 1].sessions == x.sessions &&
                          strcmp(rt->worse[j - 1].name, x.name) > 0))) {
            rt->worse[j] = rt->worse[j - 1];
            j--;
        }
        rt->worse[j] = x;
    }
}

void report_feed_reading(struct report *r, const struct reading *rd, int64_t started_at)
{
    if (!r->done) {
        report_pain_reading(&r->pain, rd, started_at);
        report_days_reading(&r->daily, rd);
    }
}

void report_set_spell(struct report *r, int64_t from)
{
    int64_t end = r->to < r->now ? r->to : r->now;
    if (!r->done)
        report_pain_spell(&r->pain, from, end - REPORT_PAIN_TREND_S);
}

void report_feed_treatment(struct report *r, const struct treatment *t)
{
    if (!r->done)
        report_pain_treatment(&r->pain, t);
}

void report_set_flags(struct report *r, const struct flags *fl)
{
    r->nflags = 0;
    for (size_t i = 0; i < flags_count(fl) && r->nflags < FLAG_KIND_COUNT; i++)
        r->flags[r->nflags++] = *flags_at(fl, i);
}

void report_end(struct report *r)
{
    if (r->done)
        return;
    r->done = 1;
    report_pain_end(&r->pain);
    for (size_t i = 0; i < r->nroutines; i++)
        worse_sort(&r->routines[i]);
    report_gaps_end(&r->gaps);
    report_meds_sort(&r->meds);
    for (int k = 0; k < TAG_MEDICATION; k++)
        report_meds_sort(&r->free_text[k]);
    /* A median over another set of episodes than the one counted would
     * mislead: show it only when the two agree. */
    r->have_median =
        report_durations_result(&r->dur, &r->median, NULL) == 0 && r->dur.count == r->ended;
}

/* ---- output: one stream of figures, four formats --------------------------
 * The sections below describe their content once, as figures (a key, a
 * label and a typed value), notes (a sentence) and groups; each format
 * lays those out its own way, so the four never disagree. */

#define TEXT_WIDTH 78 /* columns of a text line */
#define VALUE_COL 44  /* column where text values start */
#define OUT_DEPTH 6
#define LABEL_LEN 160
#define VALUE_LEN 512
#define KEY_LEN 48
/* Text printed as it is: tabs and newlines stay (notes have lines). */
#define CLEAN_KEEP (TEXT_KEEP_TAB | TEXT_KEEP_NEWLINE)
/* A note cleaned for printing: each byte may become U+FFFD (3 bytes). */
#define LONG_LEN (3 * EPISODE_NOTE_MAX + 4)

enum fig_type {
    FIG_COUNT,  /* v: whole number */
    FIG_TENTHS, /* v: tenths, shown "1.5" */
    FIG_SECS,   /* v: seconds; "1h30m" for people, seconds for machines */
    FIG_TIME,   /* v: Unix time; local "2026-01-05 08:00" / ISO 8601 */
    FIG_DATE,   /* v: Unix time; local "2026-01-05" / ISO 8601 */
    FIG_TEXT,   /* s: words; m, if set, replaces them for machines */
    FIG_NOTE,   /* s: a sentence, shown without its label */
    FIG_BOOL,   /* v: 0 or 1; s: the words for people; true / false for machines */
    FIG_ITEM,   /* v: a checklist item, s: its words; label "item N". Text: one
                   wrapped line "item N: words"; json: {"item": N, "words": s} */
    FIG_NULL,   /* no value (machine only): json null, an empty csv field */
    FIG_ENTRY,  /* an entry of a list: text "label  v"; json the object of kv */
};

/* A member of a FIG_ITEM or FIG_ENTRY object: words s, or the number v
 * when s is NULL. */
struct kv {
    const char *key;
    const char *s;
    int64_t v;
};
#define KV_MAX 3

struct fig {
    enum fig_type type;
    const char *key, *label;
    int64_t v;
    const char *s, *m;
    int machine_only; /* csv and json only: text shows it another way */
    struct kv kv[KV_MAX]; /* FIG_ITEM, FIG_ENTRY: the object for the machines */
    size_t nkv;
};

struct out {
    FILE *f;
    enum report_format fmt;
    int depth;                         /* 0: document, 1: section, 2+: groups */
    int members[OUT_DEPTH];            /* json: members written at each depth */
    int array[OUT_DEPTH];              /* json: the container at this depth is an array */
    int index[OUT_DEPTH];              /* csv: place of the group at this depth in its
                                          parent (its array index) */
    char section[32];                  /* csv: key of the open section */
    char keys[OUT_DEPTH][KEY_LEN];     /* csv: keys of the open groups */
    char labels[OUT_DEPTH][LABEL_LEN]; /* csv: labels of the open groups */
    int list;                          /* markdown: a list is open */
};

static void indent(FILE *f, int n)
{
    fprintf(f, "%*s", n, "");
}

/* -- values -- */

static void fmt_tenths(int64_t t, char *buf, size_t len)
{
    int64_t a = t < 0 ? -t : t;
    snprintf(buf, len, "%s%" PRId64 ".%" PRId64, t < 0 ? "-" : "", a / 10, a % 10);
}

/* The value as people read it (text, markdown). */
static void human_value(const struct fig *g, char *buf, size_t len)
{
    switch (g->type) {
    case FIG_COUNT: snprintf(buf, len, "%" PRId64, g->v); break;
    case FIG_TENTHS: fmt_tenths(g->v, buf, len); break;
    case FIG_SECS: when_format_duration(g->v, buf, len); break;
    case FIG_TIME: when_format(g->v, buf, len); break;
    case FIG_DATE:
        when_format(g->v, buf, len);
        if (strlen(buf) > 10)
            buf[10] = '\0'; /* "2026-01-05 08:00" -> the date */
        break;
    case FIG_BOOL: snprintf(buf, len, "%s", g->s ? g->s : g->v ? "yes" : "no"); break;
    case FIG_ENTRY: snprintf(buf, len, "%" PRId64, g->v); break;
    default: snprintf(buf, len, "%s", g->s ? g->s : ""); break;
    }
}

/* Words, as opposed to a number, for the machines: the csv guards them
 * against formulas and json quotes them. */
static int machine_words(const struct fig *g)
{
    return g->type == FIG_TEXT || g->type == FIG_NOTE || g->type == FIG_TIME ||
           g->type == FIG_DATE;
}

/* The value as programs read it (csv, json); *number: no quotes in json. */
static void machine_value(const struct fig *g, char *buf, size_t len, int *number)
{
    *number = g->type == FIG_COUNT || g->type == FIG_TENTHS || g->type == FIG_SECS ||
              g->type == FIG_BOOL || g->type == FIG_NULL;
    switch (g->type) {
    case FIG_NULL: snprintf(buf, len, "%s", "null"); break;
    case FIG_BOOL: snprintf(buf, len, "%s", g->v ? "true" : "false"); break;
    case FIG_COUNT:
    case FIG_SECS: snprintf(buf, len, "%" PRId64, g->v); break;
    case FIG_TENTHS: fmt_tenths(g->v, buf, len); break;
    case FIG_TIME:
    case FIG_DATE: when_format_iso(g->v, buf, len); break;
    default: snprintf(buf, len, "%s", g->m ? g->m : g->s ? g->s : ""); break;
    }
}

/* -- text -- */

static void text_figure(struct out *o, const struct fig *g)
{
    char value[VALUE_LEN];
    int ind = 2 * o->depth, col;
    if (g->type == FIG_NOTE) {
        text_wrap(o->f, g->s, ind, TEXT_WIDTH);
        return;
    }
    if (g->type == FIG_ITEM) {
        if (snprintf(value, sizeof value, "%s: %s", g->label, g->s) < 0)
            value[0] = '\0'; /* cannot happen; a long item is cut, as before */
        text_wrap(o->f, value, ind, TEXT_WIDTH);
        return;
    }
    human_value(g, value, sizeof value);
    int lw = text_width(g->label, strlen(g->label));
    int vw = text_width(value, strlen(value));
    if (ind + lw + 2 <= VALUE_COL) {
        indent(o->f, ind);
        fputs(g->label, o->f);
        col = ind + lw;
    } else {
        text_wrap(o->f, g->label, ind, TEXT_WIDTH); /* too long to share a line with the value */
        col = 0;
    }
    if (VALUE_COL + vw <= TEXT_WIDTH) {
        indent(o->f, VALUE_COL - col);
        fprintf(o->f, "%s\n", value);
    } else {
        if (col > 0)
            fputc('\n', o->f);
        text_wrap(o->f, value, ind + 4, TEXT_WIDTH);
    }
}

static void text_open(struct out *o, const char *title, int section)
{
    if (section) {
        fputc('\n', o->f);
        if (title) {
            fprintf(o->f, "%s\n", title);
            for (size_t i = strlen(title); i > 0; i--)
                fputc('-', o->f);
            fputc('\n', o->f);
        }
        return;
    }
    text_wrap(o->f, title, 2 * o->depth, TEXT_WIDTH);
}

/* -- markdown -- */

/* Markdown that reads as plain text too: a section is a heading, its
 * figures a list, "label: value", each group an item with its figures
 * nested under it (two blanks deeper); notes of a section are paragraphs.
 * Text is escaped only where markdown would read it as markup
 * (src/markdown.h), so "#5" stays "#5" and a note cannot start a heading
 * or a list. */

static void md_close_list(struct out *o)
{
    o->list = 0;
}

/* One item at nesting level `level` (0: the section's); value may be NULL. */
static void md_item(struct out *o, int level, const char *label, const char *value)
{
    if (!o->list) { /* a blank line: a list never runs on from a paragraph */
        fputc('\n', o->f);
        o->list = 1;
    }
    indent(o->f, 2 * (level > 0 ? level : 0));
    fputs("- ", o->f);
    md_write_text(o->f, label, MD_BLOCK);
    if (value && *value) {
        fputs(": ", o->f);
        md_write_text(o->f, value, MD_INLINE);
    }
    fputc('\n', o->f);
}

/* Section notes are paragraphs; notes inside a group are items of it so
 * that the group reads as one block. */
static void md_figure(struct out *o, const struct fig *g)
{
    char value[VALUE_LEN];
    if (g->type == FIG_NOTE && o->depth <= 1) {
        md_close_list(o);
        fputc('\n', o->f);
        md_write_text(o->f, g->s, MD_BLOCK);
        fputc('\n', o->f);
        return;
    }
    if (g->type == FIG_NOTE) {
        md_item(o, o->depth - 1, g->s, NULL);
        return;
    }
    human_value(g, value, sizeof value);
    md_item(o, o->depth - 1, g->label, value);
}

static void md_open(struct out *o, const char *title, int section)
{
    if (!section) {
        md_item(o, o->depth - 1, title, NULL);
        return;
    }
    md_close_list(o);
    if (title) {
        fputs("\n## ", o->f);
        md_write_text(o->f, title, MD_HEADING);
        fputc('\n', o->f);
    }
}

/* -- csv -- */

/* The json path of member `key` at o->depth, index `i` of its container:
 * "duration.ongoing[0].id". */
static void key_path(const struct out *o, const char *key, int i, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int d = 1; d <= o->depth + 1 && d < OUT_DEPTH && used < len; d++) {
        const char *k = d <= o->depth ? o->keys[d] : key;
        int at = d <= o->depth ? o->index[d] : i;
        if (o->array[d - 1])
            used += (size_t)snprintf(buf + used, len - used, "[%d]", at);
        else
            used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? "." : "", k);
    }
}

/* One field of words, cleaned, with the formula guard (csv.h): the
 * report is read in spreadsheets, and notes and tags are typed text. */
static void csv_words(FILE *f, const char *s)
{
    char buf[LONG_LEN + 1];
    const char *w = s;
    if (!text_valid_n(s, strlen(s), CLEAN_KEEP)) {
        text_clean(s, CLEAN_KEEP, buf + 1, sizeof buf - 1);
        w = buf + 1;
    }
    if (csv_needs_guard(w)) {
        if (w != buf + 1)
            snprintf(buf + 1, sizeof buf - 1, "%s", w);
        buf[0] = '\'';
        w = buf;
    }
    csv_write_field(f, w);
}

static void csv_row(struct out *o, const char *key, const char *label, const char *value,
                    int words)
{
    csv_write_field(o->f, o->section);
    csv_write_sep(o->f);
    csv_write_field(o->f, key);
    csv_write_sep(o->f);
    csv_words(o->f, label);
    csv_write_sep(o->f);
    if (words)
        csv_words(o->f, value);
    else
        csv_write_field(o->f, value);
    csv_end_row(o->f);
}

static void csv_figure(struct out *o, const struct fig *g, int i)
{
    char label[OUT_DEPTH * LABEL_LEN + 16] = "", value[VALUE_LEN], path[OUT_DEPTH * (KEY_LEN + 2)];
    size_t used = 0;
    int number;
    for (int d = 2; d <= o->depth && d < OUT_DEPTH && used < sizeof label; d++)
        used += (size_t)snprintf(label + used, sizeof label - used, "%s / ", o->labels[d]);
    if (used >= sizeof label)
        used = sizeof label - 1; /* cannot happen: the labels are bounded */
    snprintf(label + used, sizeof label - used, "%s%s", g->label,
             g->type == FIG_SECS ? " (seconds)" : "");
    key_path(o, g->key, i, path, sizeof path);
    if (g->nkv) { /* an object: a row per member, named as in json */
        size_t plen = strlen(path), llen = strlen(label);
        for (size_t k = 0; k < g->nkv; k++) {
            snprintf(path + plen, sizeof path - plen, ".%s", g->kv[k].key);
            snprintf(label + llen, sizeof label - llen, " / %s", g->kv[k].key);
            snprintf(value, sizeof value, "%" PRId64, g->kv[k].v);
            csv_row(o, path, label, g->kv[k].s ? g->kv[k].s : value, g->kv[k].s != NULL);
        }
        return;
    }
    if (machine_words(g) && g->type != FIG_TIME && g->type != FIG_DATE) {
        csv_row(o, path, label, g->m ? g->m : g->s ? g->s : "", 1);
        return;
    }
    machine_value(g, value, sizeof value, &number);
    csv_row(o, path, label, g->type == FIG_NULL ? "" : value, 0);
}

/* -- json -- */

/* Starts member i (from 0) of the container at o->depth: comma, line,
 * indent, key (arrays take no key). */
static void json_member(struct out *o, const char *key, int i)
{
    fputs(i ? ",\n" : "\n", o->f);
    indent(o->f, 2 * (o->depth + 1));
    if (!o->array[o->depth]) {
        json_write_string(o->f, key);
        fputs(": ", o->f);
    }
}

/* A FIG_ITEM or FIG_ENTRY: its members on one line. */
static void json_object(struct out *o, const struct fig *g)
{
    fputc('{', o->f);
    for (size_t k = 0; k < g->nkv; k++) {
        fprintf(o->f, "%s\"%s\": ", k ? ", " : "", g->kv[k].key);
        if (g->kv[k].s)
            json_write_string(o->f, g->kv[k].s);
        else
            fprintf(o->f, "%" PRId64, g->kv[k].v);
    }
    fputc('}', o->f);
}

static void json_figure(struct out *o, const struct fig *g, int i)
{
    char value[VALUE_LEN];
    int number;
    json_member(o, g->key, i);
    if (g->nkv) {
        json_object(o, g);
        return;
    }
    if (g->type == FIG_TEXT || g->type == FIG_NOTE) { /* however long */
        json_write_string(o->f, g->m ? g->m : g->s ? g->s : "");
        return;
    }
    machine_value(g, value, sizeof value, &number);
    if (number)
        fputs(value, o->f);
    else
        json_write_string(o->f, value);
}

static void json_close(struct out *o)
{
    if (o->members[o->depth]) {
        fputc('\n', o->f);
        indent(o->f, 2 * o->depth);
    }
    fputc(o->array[o->depth] ? ']' : '}', o->f);
}

/* -- the figure stream -- */

/* What a hand-edited database may hold (medication names, routines) is
 * printed with U+FFFD in place of what text.h refuses; json_write_string
 * escapes it instead. s itself when nothing needs replacing. */
static const char *clean(const struct out *o, const char *s, char *buf, size_t len)
{
    if (!s || o->fmt == REPORT_JSON || text_valid_n(s, strlen(s), CLEAN_KEEP))
        return s;
    text_clean(s, CLEAN_KEEP, buf, len);
    return buf;
}

static void emit(struct out *o, const struct fig *raw)
{
    char label[LABEL_LEN], s[LONG_LEN], m[VALUE_LEN];
    struct fig copy = *raw, *g = &copy;
    if (g->machine_only && (o->fmt == REPORT_TEXT || o->fmt == REPORT_MARKDOWN))
        return;
    g->label = clean(o, raw->label, label, sizeof label);
    g->s = clean(o, raw->s, s, sizeof s);
    g->m = clean(o, raw->m, m, sizeof m);
    int i = o->members[o->depth]++;
    switch (o->fmt) {
    case REPORT_TEXT: text_figure(o, g); break;
    case REPORT_MARKDOWN: md_figure(o, g); break;
    case REPORT_CSV: csv_figure(o, g, i); break;
    case REPORT_JSON: json_figure(o, g, i); break;
    }
}

/* Opens a section (depth 1) or a group inside it; array: a json array. */
static void open_level(struct out *o, const char *key, const char *raw, int array)
{
    char buf[LABEL_LEN];
    const char *title = clean(o, raw, buf, sizeof buf);
    int section = o->depth == 0;
    if (o->depth + 1 >= OUT_DEPTH)
        return; /* cannot happen: the sections nest at most four deep */
    int i = o->members[o->depth]++;
    switch (o->fmt) {
    case REPORT_TEXT: text_open(o, title, section); break;
    case REPORT_MARKDOWN: md_open(o, title, section); break;
    case REPORT_CSV:
        if (section)
            snprintf(o->section, sizeof o->section, "%s", key);
        break;
    case REPORT_JSON:
        json_member(o, key, i);
        fputc(array ? '[' : '{', o->f);
        break;
    }
    o->depth++;
    o->index[o->depth] = i;
    snprintf(o->keys[o->depth], KEY_LEN, "%s", key ? key : "");
    o->members[o->depth] = 0;
    o->array[o->depth] = array;
    snprintf(o->labels[o->depth], LABEL_LEN, "%s", title ? title : "");
}

static void close_level(struct out *o)
{
    if (o->fmt == REPORT_JSON)
        json_close(o);
    if (o->fmt == REPORT_MARKDOWN && o->depth == 1)
        md_close_list(o);
    o->depth--;
}

static void sec_begin(struct out *o, const char *key, const char *title)
{
    open_level(o, key, title, 0);
}

static void grp_begin(struct out *o, const char *key, const char *label)
{
    open_level(o, key, label, 0);
}

static void arr_begin(struct out *o, const char *key, const char *label)
{
    open_level(o, key, label, 1);
}

static void put(struct out *o, enum fig_type type, const char *key, const char *label, int64_t v)
{
    struct fig g = {.type = type, .key = key, .label = label, .v = v};
    emit(o, &g);
}

/* A figure the text and markdown layouts already show in a label or a
 * heading. */
static void put_machine(struct out *o, enum fig_type type, const char *key, int64_t v,
                        const char *s)
{
    struct fig g = {.type = type, .key = key, .label = key, .v = v, .s = s, .machine_only = 1};
    emit(o, &g);
}

/* A figure without a value for the machines (json null), so that a key
 * keeps its type, a number or null, in every report. */
static void put_null(struct out *o, const char *key)
{
    struct fig g = {.type = FIG_NULL, .key = key, .label = key, .machine_only = 1};
    emit(o, &g);
}

/* An empty json object where a group has nothing, beside the note that
 * says why: the key keeps its type. Nothing in the other formats. */
static void empty_group(struct out *o, const char *key)
{
    if (o->fmt != REPORT_JSON)
        return;
    open_level(o, key, NULL, 0);
    close_level(o);
}

static void put_text(struct out *o, const char *key, const char *label, const char *s,
                     const char *m)
{
    struct fig g = {.type = FIG_TEXT, .key = key, .label = label, .s = s, .m = m};
    emit(o, &g);
}

/* A yes or no; words, if set, say it for people. */
static void put_bool(struct out *o, const char *key, const char *label, int v, const char *words)
{
    struct fig g = {.type = FIG_BOOL, .key = key, .label = label, .v = v != 0, .s = words};
    emit(o, &g);
}

/* Checklist item `item` with its words (an entry of an array). */
static void put_item(struct out *o, int item, const char *words)
{
    char label[16];
    snprintf(label, sizeof label, "item %d", item);
    struct fig g = {.type = FIG_ITEM, .key = "item", .label = label, .v = item, .s = words,
                    .kv = {{"item", NULL, item}, {"words", words, 0}}, .nkv = 2};
    emit(o, &g);
}

/* An entry of a list for the machines, {name_key: words, count_key: n}
 * (with {"code": code} first when code is set); text and markdown show
 * "label  n", label being the words when NULL. */
static void put_entry(struct out *o, const char *code, const char *name_key, const char *words,
                      const char *label, const char *count_key, int64_t n)
{
    struct fig g = {.type = FIG_ENTRY, .key = name_key, .label = label ? label : words, .v = n};
    if (code)
        g.kv[g.nkv++] = (struct kv){"code", code, 0};
    g.kv[g.nkv++] = (struct kv){name_key, words, 0};
    g.kv[g.nkv++] = (struct kv){count_key, NULL, n};
    emit(o, &g);
}

/* An empty json array where a list has nothing: the key keeps its type. */
static void empty_array(struct out *o, const char *key)
{
    if (o->fmt != REPORT_JSON)
        return;
    open_level(o, key, NULL, 1);
    close_level(o);
}

static int machine(const struct out *o)
{
    return o->fmt == REPORT_CSV || o->fmt == REPORT_JSON;
}

/* A sentence; csv labels it with its key. */
static void note(struct out *o, const char *key, const char *s)
{
    struct fig g = {.type = FIG_NOTE, .key = key, .label = key, .s = s};
    emit(o, &g);
}

/* ---- the sections --------------------------------------------------------- */

static int64_t days_of(const struct report *r)
{
    return r->to <= r->from ? 0 : (r->to - r->from + REPORT_DAY_S / 2) / REPORT_DAY_S;
}

static size_t symptom(const struct report *r, const char *code)
{
    int i = episode_vocab_index(TAG_SYMPTOM, code);
    return i < 0 ? 0 : r->tags[TAG_SYMPTOM][i];
}

/* Ends a section early with a note when there are no episodes; 1 if so. */
static int no_episodes(struct out *o, const struct report *r)
{
    if (r->episodes > 0)
        return 0;
    note(o, "summary", NO_EPISODES);
    return 1;
}

/* The lists and groups a section has when it has data, empty for the
 * machines when it has none: every key keeps its type (NULL-ended). */
static void empty_keys(struct out *o, const char *const *arrays, const char *const *groups)
{
    for (; arrays && *arrays; arrays++)
        empty_array(o, *arrays);
    for (; groups && *groups; groups++)
        empty_group(o, *groups);
}

static void sec_period(struct out *o, const struct report *r)
{
    sec_begin(o, "period", "Period");
    /* To the minute: a date-only --until ends at 23:59 of that day. */
    put(o, FIG_TIME, "from", "from", r->from);
    put(o, FIG_TIME, "to", "to", r->to);
    put(o, FIG_COUNT, "days", "days", days_of(r));
    put(o, FIG_TIME, "made_at", "report made", r->now);
    put(o, FIG_COUNT, "episodes", "episodes", (int64_t)r->episodes);
    if (!no_episodes(o, r)) {
        put(o, FIG_COUNT, "began_before", "began before the period", (int64_t)r->before);
        put(o, FIG_COUNT, "ended", "ended", (int64_t)r->ended);
        put(o, FIG_COUNT, "ongoing", "still going", (int64_t)r->ongoing);
    }
    close_level(o);
}

/* The tags of a kind as a list of {code, words, episodes}: the words of
 * the vocabulary used, then those typed as free text under their own
 * words (code "other"), most used first; a note and [] when none. */
static void vocab_counts(struct out *o, const struct report *r, enum tag_kind kind, const char *key,
                         const char *label, const char *none)
{
    size_t n;
    const struct vocab *v = episode_vocab(kind, &n);
    const struct report_meds *typed = &r->free_text[kind];
    char extra[48]; /* key_summary, key_not_listed: beside the list */
    if (r->tagged[kind] == 0) {
        snprintf(extra, sizeof extra, "%s_summary", key);
        note(o, extra, none);
        empty_array(o, key);
        return;
    }
    arr_begin(o, key, label);
    for (size_t i = 0; i < n; i++)
        if (r->tags[kind][i])
            put_entry(o, v[i].code, "words", v[i].label, NULL, "episodes",
                      (int64_t)r->tags[kind][i]);
    for (size_t i = 0; i < typed->n; i++)
        put_entry(o, "other", "words", typed->meds[i].name, NULL, "episodes",
                  (int64_t)typed->meds[i].episodes);
    close_level(o);
    if (typed->other_episodes) {
        snprintf(extra, sizeof extra, "%s_not_listed", key);
        put(o, FIG_COUNT, extra, "episodes with other words, not listed",
            (int64_t)typed->other_episodes);
    }
}

static void sec_feel(struct out *o, const struct report *r)
{
    static const char *const band_names[] = {"none (0)", "mild (1-3)", "moderate (4-6)",
                                             "severe (7-10)"};
    static const char *const arrays[] = {"qualities", "symptoms", NULL};
    static const char *const groups[] = {"bands", NULL};
    sec_begin(o, "feel", "What does the pain feel like?");
    if (no_episodes(o, r)) {
        empty_keys(o, arrays, groups);
    } else {
        vocab_counts(o, r, TAG_FEEL, "qualities", "how it feels (episodes)",
                     "No pain quality recorded.");
        vocab_counts(o, r, TAG_SYMPTOM, "symptoms", "symptoms (episodes)", "No symptoms recorded.");
        put(o, FIG_TENTHS, "intensity_average", "average intensity (0-10)",
            tenths(r->intensity_sum, (int64_t)r->episodes));
        put(o, FIG_COUNT, "intensity_peak", "peak intensity", r->peak);
        grp_begin(o, "bands", "episodes by intensity");
        for (int b = r->bands[BAND_NONE] ? BAND_NONE : BAND_MILD; b <= BAND_SEVERE; b++)
            put(o, FIG_COUNT, band_label((enum band)b), band_names[b], (int64_t)r->bands[b]);
        close_level(o);
    }
    close_level(o);
}

static void sec_where(struct out *o, const struct report *r)
{
    static const char *const groups[] = {"regions", "sides", NULL};
    sec_begin(o, "where", "Where is it?");
    if (no_episodes(o, r)) {
        empty_keys(o, NULL, groups);
    } else {
        grp_begin(o, "regions", "by region (episodes)");
        for (int i = 0; i < REGION_COUNT; i++)
            if (r->regions[i])
                put(o, FIG_COUNT, region_code((enum region)i), region_label((enum region)i),
                    (int64_t)r->regions[i]);
        close_level(o);
        grp_begin(o, "sides", "by side (episodes)");
        for (int i = SIDE_UNSET + 1; i < SIDE_COUNT; i++)
            if (r->sides[i])
                put(o, FIG_COUNT, side_code((enum side)i), side_code((enum side)i),
                    (int64_t)r->sides[i]);
        if (r->sides[SIDE_UNSET])
            put(o, FIG_COUNT, "unset", "side not given", (int64_t)r->sides[SIDE_UNSET]);
        close_level(o);
    }
    close_level(o);
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* What the history says about bladder or bowel trouble: checklist item 1
 * and the "bladder-bowel" symptom, each counted over what asked it. */
static void bladder_summary(const struct report *r, size_t eps, char *buf, size_t len)
{
    const char *checks = plural(r->checks, "check", "checks");
    const char *episodes = plural(r->episodes, "episode", "episodes");
    if (r->yes[0] == 0 && eps == 0) {
        if (r->checks && r->episodes)
            snprintf(buf, len, "Not reported in %zu %s or %zu %s.", r->checks, checks,
                     r->episodes, episodes);
        else if (r->checks)
            snprintf(buf, len, "Not reported in %zu %s.", r->checks, checks);
        else
            snprintf(buf, len, "Not reported in %zu %s; %s", r->episodes, episodes, NO_CHECKS_LC);
        return;
    }
    size_t used = (size_t)snprintf(buf, len, "Reported");
    if (r->yes[0] && used < len)
        used += (size_t)snprintf(buf + used, len - used, " in %zu of %zu %s", r->yes[0],
                                 r->checks, checks);
    if (eps && used < len)
        used += (size_t)snprintf(buf + used, len - used, "%s in %zu of %zu %s",
                                 r->yes[0] ? " and" : "", eps, r->episodes, episodes);
    if (used < len)
        snprintf(buf + used, len - used, ": an emergency warning sign.");
}

static void sec_bladder(struct out *o, const struct report *r)
{
    char line[192];
    size_t eps = symptom(r, "bladder-bowel");
    sec_begin(o, "bladder_bowel", "Any loss of bladder or bowel control?");
    if (r->checks == 0 && r->episodes == 0) {
        note(o, "summary", NO_CHECKS);
        empty_array(o, "yes_dates");
        close_level(o);
        return;
    }
    if (r->episodes)
        put(o, FIG_COUNT, "episodes", "episodes with bladder or bowel trouble", (int64_t)eps);
    if (r->checks) {
        put(o, FIG_COUNT, "checks", "red-flag checks", (int64_t)r->checks);
        put(o, FIG_COUNT, "answered_yes", "answered yes (check item 1)", (int64_t)r->yes[0]);
    }
    bladder_summary(r, eps, line, sizeof line);
    note(o, "summary", line);
    if (r->yes[0]) {
        arr_begin(o, "yes_dates", "reported on");
        for (size_t i = 0; i < r->nyes_dates; i++)
            put(o, FIG_TIME, "date", "check", r->yes_dates[i]);
        close_level(o);
        if (r->yes[0] > r->nyes_dates)
            put(o, FIG_COUNT, "earlier_yes", "earlier yes answers not listed",
                (int64_t)(r->yes[0] - r->nyes_dates));
    } else {
        empty_array(o, "yes_dates");
    }
    close_level(o);
}

/* csv and json: the ongoing episodes as an array of objects with their
 * ids, never ids inside keys; [] when there is none. */
static void ongoing_machine(struct out *o, const struct report *r)
{
    size_t shown = r->ongoing < REPORT_MAX_ONGOING ? r->ongoing : REPORT_MAX_ONGOING;
    arr_begin(o, "ongoing", "still going (time so far)");
    for (size_t i = 0; i < shown; i++) {
        char label[32];
        int64_t age = r->now - r->ong[i].started_at;
        snprintf(label, sizeof label, "#%" PRId64, r->ong[i].id);
        grp_begin(o, "episode", label);
        put(o, FIG_COUNT, "id", "id", r->ong[i].id);
        put(o, FIG_TIME, "started_at", "started", r->ong[i].started_at);
        put(o, FIG_SECS, "so_far_s", "so far", age < 0 ? 0 : age);
        put_bool(o, "began_before", "began before the period", r->ong[i].started_at < r->from,
                 NULL);
        close_level(o);
    }
    close_level(o);
    put(o, FIG_COUNT, "ongoing_not_listed", "still going, not listed", (int64_t)(r->ongoing - shown));
}

static void ongoing_list(struct out *o, const struct report *r)
{
    if (o->fmt == REPORT_CSV || o->fmt == REPORT_JSON) {
        ongoing_machine(o, r);
        return;
    }
    size_t shown = r->ongoing < REPORT_MAX_ONGOING ? r->ongoing : REPORT_MAX_ONGOING;
    grp_begin(o, "ongoing", "still going (time so far)");
    for (size_t i = 0; i < shown; i++) {
        char key[48], label[80], when[WHEN_FMT_LEN];
        int64_t age = r->now - r->ong[i].started_at;
        when_format(r->ong[i].started_at, when, sizeof when);
        snprintf(key, sizeof key, "episode_%" PRId64 "_started_at", r->ong[i].id);
        put_machine(o, FIG_TIME, key, r->ong[i].started_at, NULL);
        snprintf(key, sizeof key, "episode_%" PRId64 "_s", r->ong[i].id);
        if (r->ong[i].started_at < r->from) /* the date: the line must stay short */
            snprintf(label, sizeof label, "#%" PRId64 " since %.10s (began before)",
                     r->ong[i].id, when);
        else
            snprintf(label, sizeof label, "#%" PRId64 " since %s", r->ong[i].id, when);
        put(o, FIG_SECS, key, label, age < 0 ? 0 : age);
    }
    if (r->ongoing > shown)
        put(o, FIG_COUNT, "more", "more not listed", (int64_t)(r->ongoing - shown));
    close_level(o);
}

static void sec_duration(struct out *o, const struct report *r)
{
    sec_begin(o, "duration", "How long do the spasms last?");
    if (r->ended == 0 || !r->have_median)
        put_null(o, "median_s"); /* a number or null in every report */
    if (r->ended == 0)
        put_null(o, "longest_s");
    if (no_episodes(o, r)) {
        if (o->fmt == REPORT_JSON)
            ongoing_machine(o, r); /* [] and 0: the keys keep their types */
        close_level(o);
        return;
    }
    put(o, FIG_COUNT, "ended", "ended episodes", (int64_t)r->ended);
    if (r->ended == 0) {
        note(o, "summary", "No episode of this period has ended yet.");
    } else {
        if (r->have_median)
            put(o, FIG_SECS, "median_s", "median of ended episodes", r->median);
        else
            note(o, "median", "Median not available: the sorted durations were not given.");
        put(o, FIG_SECS, "longest_s", "longest ended episode", r->longest);
        put(o, FIG_TIME, "longest_started_at", "longest one started", r->longest_start);
        if (r->longest_start < r->from)
            note(o, "longest_began_before", "The longest began before the period.");
    }
    if (r->before)
        note(o, "whole", "Durations are of whole episodes, also the time before the period "
                         "of those that began before it; an episode still going counts "
                         "its time so far.");
    if (r->ongoing || o->fmt == REPORT_JSON)
        ongoing_list(o, r);
    close_level(o);
}

/* A span as days (one decimal) with its two ends. */
static void span_group(struct out *o, const char *key, const char *label, int64_t secs,
                       int64_t from, int64_t to)
{
    grp_begin(o, key, label);
    put(o, FIG_TENTHS, "days", "days", tenths(secs, REPORT_DAY_S));
    put(o, FIG_TIME, "from", "from", from);
    put(o, FIG_TIME, "to", "to", to);
    close_level(o);
}

static void sec_frequency(struct out *o, const struct report *r)
{
    const struct report_gaps *g = &r->gaps;
    /* How often they come: the episodes that began in the period. */
    int64_t pw = report_per_week_tenths(r->episodes - r->before, r->from, r->to);
    static const char *const groups[] = {"longest_gap", "longest_free", NULL};
    sec_begin(o, "frequency", "How often do they come?");
    if (no_episodes(o, r)) {
        empty_keys(o, NULL, groups);
        close_level(o);
        return;
    }
    if (pw >= 0)
        put(o, FIG_TENTHS, "per_week", "episodes begun per week", pw);
    else
        note(o, "per_week", "The period is too short to give a weekly rate.");
    if (g->unordered) {
        note(o, "gaps", "Gaps not worked out: the episodes were not given in start order.");
    } else {
        if (g->starts >= 2)
            span_group(o, "longest_gap", "longest gap between starts", g->gap, g->gap_from,
                       g->gap_to);
        else if (g->n >= 2)
            note(o, "gap_summary", "Fewer than two episodes began in the period: no gap "
                                   "between starts.");
        else
            note(o, "gap_summary", "Only one episode: no gap between starts.");
        if (g->starts < 2)
            empty_group(o, "longest_gap");
        if (g->free > 0)
            span_group(o, "longest_free", "longest time without an episode", g->free,
                       g->free_from, g->free_to);
        else /* an episode going on at every moment of it (up to now) */
            note(o, "free_summary", "No time without an episode in this period.");
        if (g->free <= 0)
            empty_group(o, "longest_free");
        if (g->start > r->from)
            note(o, "free_from", "Counted from the first episode logged: nothing is known "
                                 "about the time before it.");
    }
    close_level(o);
}

/* Red-flag check items answered yes, as a group; a note without checks. */
static void check_items(struct out *o, const struct report *r, const int *items, size_t n)
{
    char label[LABEL_LEN];
    if (r->checks == 0) {
        note(o, "checks", NO_CHECKS);
        empty_array(o, "checks_yes");
        return;
    }
    snprintf(label, sizeof label, "red-flag checks answering yes (of %zu)", r->checks);
    arr_begin(o, "checks_yes", label);
    for (size_t i = 0; i < n; i++) {
        static const char *const what[REDFLAG_COUNT + 1] = {
            [2] = "saddle numbness",
            [3] = "both legs, or getting weaker",
            [13] = "weakness in one leg or foot",
            [14] = "arm or hand, or balance",
            [17] = "spreading down one leg",
        };
        char words[LABEL_LEN];
        int item = items[i];
        snprintf(words, sizeof words, "item %d: %s", item, what[item]);
        struct fig g = {.type = FIG_ENTRY, .key = "item", .label = words,
                        .v = (int64_t)r->yes[item - 1],
                        .kv = {{"item", NULL, item}, {"words", what[item], 0},
                               {"yes", NULL, (int64_t)r->yes[item - 1]}},
                        .nkv = 3};
        emit(o, &g);
    }
    close_level(o);
}

static void sec_symptom(struct out *o, const struct report *r, const char *key, const char *title,
                        const char *code, const char *label, const int *items, size_t nitems)
{
    sec_begin(o, key, title);
    if (!no_episodes(o, r))
        put(o, FIG_COUNT, code, label, (int64_t)symptom(r, code));
    if (nitems)
        check_items(o, r, items, nitems);
    close_level(o);
}

static void sec_stiffness(struct out *o, const struct report *r)
{
    sec_begin(o, "stiffness", "Any stiffness?");
    if (!no_episodes(o, r)) {
        put(o, FIG_COUNT, "stiffness", "episodes with stiffness", (int64_t)symptom(r, "stiffness"));
        put(o, FIG_COUNT, "cannot_straighten", "episodes unable to stand up straight",
            (int64_t)symptom(r, "cannot-straighten"));
        put(o, FIG_COUNT, "episodes", "episodes in all", (int64_t)r->episodes);
    }
    close_level(o);
}

static void sec_medications(struct out *o, const struct report *r)
{
    const struct report_meds *m = &r->meds;
    sec_begin(o, "medications", "What medications are being taken?");
    int none = no_episodes(o, r);
    if (!none && m->episodes == 0) {
        note(o, "summary", "No medication recorded.");
        none = 1;
    }
    if (none) {
        empty_array(o, "taken");
        close_level(o);
        return;
    }
    put(o, FIG_COUNT, "episodes_with_medication", "episodes with any medication",
        (int64_t)m->episodes);
    arr_begin(o, "taken", "taken in (episodes)");
    for (size_t i = 0; i < m->n; i++)
        put_entry(o, NULL, "name", m->meds[i].name, NULL, "episodes",
                  (int64_t)m->meds[i].episodes);
    close_level(o);
    if (m->other_episodes)
        put(o, FIG_COUNT, "other_medications", "other medications (episodes)",
            (int64_t)m->other_episodes);
    close_level(o);
}

static void sec_tags(struct out *o, const struct report *r, const char *key, const char *title,
                     enum tag_kind kind, const char *none)
{
    sec_begin(o, key, title);
    if (no_episodes(o, r))
        empty_array(o, "tags");
    else
        vocab_counts(o, r, kind, "tags", "episodes", none);
    close_level(o);
}

static void flag_refs(const struct flag *fl, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < fl->nrefs && used < len; i++)
        used +=
            (size_t)snprintf(buf + used, len - used, "%s#%" PRId64, i ? ", " : "", fl->refs[i].id);
}

/* Text and markdown: each flag with its advice and the latest episodes. */
static void flags_people(struct out *o, const struct report *r)
{
    for (size_t i = 0; i < r->nflags; i++) {
        const struct flag *fl = &r->flags[i];
        char refs[FLAG_MAX_REFS * 24];
        grp_begin(o, flag_kind_code(fl->kind), fl->title);
        note(o, "advice", fl->advice);
        if (fl->note[0])
            note(o, "note", fl->note);
        put(o, FIG_DATE, "from", "from", fl->from);
        put(o, FIG_DATE, "to", "to", fl->to);
        put(o, FIG_COUNT, "episodes", "episodes behind it", (int64_t)fl->total);
        flag_refs(fl, refs, sizeof refs);
        put_text(o, "latest_ids", "latest of them", refs, NULL);
        close_level(o);
    }
}

/* csv: the members of each flag as `unknot flags --json` names them
 * (flag_json.h), one row each. */
static void flags_csv(struct out *o, const struct report *r)
{
    for (size_t i = 0; i < r->nflags; i++) {
        const struct flag *fl = &r->flags[i];
        grp_begin(o, NULL, fl->title);
        put_text(o, "kind", "kind", flag_kind_code(fl->kind), NULL);
        put_text(o, "level", "level", flag_level_code(fl->level), NULL);
        put_text(o, "title", "title", fl->title, NULL);
        put_text(o, "advice", "advice", fl->advice, NULL);
        put_text(o, "note", "note", fl->note, NULL);
        put(o, FIG_TIME, "from", "from", fl->from);
        put(o, FIG_TIME, "to", "to", fl->to);
        put(o, FIG_SECS, "span_s", "span", fl->span);
        put(o, FIG_COUNT, "days", "days", (int64_t)fl->days);
        put(o, FIG_COUNT, "total", "episodes behind it", (int64_t)fl->total);
        arr_begin(o, "episodes", "latest of them");
        for (size_t k = 0; k < fl->nrefs; k++) {
            char label[32];
            snprintf(label, sizeof label, "#%" PRId64, fl->refs[k].id);
            grp_begin(o, NULL, label);
            put(o, FIG_COUNT, "id", "id", fl->refs[k].id);
            put(o, FIG_TIME, "started_at", "started", fl->refs[k].started_at);
            close_level(o);
        }
        close_level(o);
        close_level(o);
    }
}

/* json: the array of `unknot flags --json`, written by its emitter. */
static void flags_json(struct out *o, const struct report *r)
{
    json_member(o, "flags", o->members[o->depth]++);
    fputc('[', o->f);
    for (size_t i = 0; i < r->nflags; i++) {
        fputs(i ? ",\n" : "\n", o->f);
        indent(o->f, 4);
        flag_write_json(o->f, &r->flags[i]);
    }
    fputs(r->nflags ? "\n  ]" : "]", o->f);
}

/* "flags" is the one top-level array of flags (csv and json), with
 * "flags_summary" beside it when there is none; text and markdown give a
 * section. */
static void sec_flags(struct out *o, const struct report *r)
{
    if (o->fmt == REPORT_JSON) {
        flags_json(o, r);
    } else {
        open_level(o, "flags", "Flags", 1);
        if (r->nflags == 0 && !machine(o))
            note(o, "summary", "No flags raised.");
        if (machine(o))
            flags_csv(o, r);
        else
            flags_people(o, r);
        close_level(o);
    }
    if (r->nflags == 0 && machine(o))
        note(o, "flags_summary", "No flags raised.");
}

/* The first words of a verdict's title (redflags.h), for a count:
 * "EMERGENCY", "See a doctor soon", "No warning signs reported". */
static void verdict_short(enum redflag_level l, char *buf, size_t len)
{
    const char *t = redflag_level_title(l);
    snprintf(buf, len, "%.*s", (int)strcspn(t, ":"), t);
}

/* A check's verdict: its title, except that one with no yes but a "not
 * sure" never reads "No warning signs reported"; the code stays. */
static void put_verdict(struct out *o, enum redflag_level l, int unsure)
{
    const char *title = unsure && l == REDFLAG_CLEAR ? REDFLAGS_UNSURE_TITLE
                                                     : redflag_level_title(l);
    put_text(o, "verdict", "verdict", title, redflag_level_code(l));
}

static void put_complete(struct out *o, int complete)
{
    put_bool(o, "complete", "complete", complete, complete ? "yes" : "no, partial");
}

/* One listed check: when, its verdict, complete or partial, its yes items
 * by number and words. */
static void check_ref(struct out *o, const struct report_check_ref *c)
{
    char label[LABEL_LEN], when[WHEN_FMT_LEN];
    when_format(c->at, when, sizeof when);
    snprintf(label, sizeof label, "check taken %s", when);
    grp_begin(o, "check", label);
    put_machine(o, FIG_TIME, "taken_at", c->at, NULL);
    put_verdict(o, c->verdict, c->unsure != 0);
    put_complete(o, c->complete);
    snprintf(label, sizeof label, "items answered (of %d)", REDFLAG_COUNT);
    put(o, FIG_COUNT, "answered", label, c->answered);
    arr_begin(o, "yes", "answered yes");
    for (int i = 1; i <= REDFLAG_COUNT; i++)
        if (c->yes & (UINT32_C(1) << (i - 1)))
            put_item(o, i, redflags_item(i)->question);
    close_level(o);
    if (c->unsure) { /* neither yes nor no: said as such */
        arr_begin(o, "unsure", "answered not sure");
        for (int i = 1; i <= REDFLAG_COUNT; i++)
            if (c->unsure & (UINT32_C(1) << (i - 1)))
                put_item(o, i, redflags_item(i)->question);
        close_level(o);
    } else {
        empty_array(o, "unsure");
    }
    close_level(o);
}

/* n listed checks of `total`, oldest first, and how many are left out. */
static void check_refs(struct out *o, const char *key, const char *label,
                       const struct report_check_ref *list, size_t n, size_t total)
{
    arr_begin(o, key, label);
    for (size_t i = 0; i < n; i++)
        check_ref(o, &list[i]);
    close_level(o);
    if (total > n)
        put(o, FIG_COUNT, "earlier_checks_not_listed", "earlier checks not listed",
            (int64_t)(total - n));
}

static void sec_checks(struct out *o, const struct report *r)
{
    char label[LABEL_LEN];
    static const char *const arrays[] = {"partial_checks", "unsure_checks", NULL};
    static const char *const groups[] = {"verdicts", "latest", NULL};
    sec_begin(o, "checks", "Red-flag checks");
    if (r->checks == 0) {
        note(o, "summary", NO_CHECKS);
        empty_keys(o, arrays, groups);
        close_level(o);
        return;
    }
    put(o, FIG_COUNT, "count", "checks taken", (int64_t)r->checks);
    put(o, FIG_COUNT, "partial", "partial (left after a yes)", (int64_t)r->partial);
    if (r->unsure_checks || machine(o))
        put(o, FIG_COUNT, "unsure", "with a not-sure answer",
            (int64_t)r->unsure_checks);
    grp_begin(o, "verdicts", "by verdict");
    for (int l = REDFLAG_LEVEL_COUNT - 1; l >= 0; l--) {
        verdict_short((enum redflag_level)l, label, sizeof label);
        put(o, FIG_COUNT, redflag_level_code((enum redflag_level)l), label,
            (int64_t)r->verdicts[l]);
    }
    close_level(o);
    grp_begin(o, "latest", "latest check");
    put(o, FIG_TIME, "taken_at", "taken", r->latest_at);
    put_verdict(o, r->latest, r->latest_unsure);
    put_complete(o, r->latest_complete);
    close_level(o);
    if (r->partial)
        check_refs(o, "partial_checks", "partial checks, oldest first", r->partial_list,
                   r->npartial_list, r->partial);
    else
        empty_array(o, "partial_checks");
    if (r->unsure_checks)
        check_refs(o, "unsure_checks", "checks with a not-sure answer, oldest first",
                   r->unsure_list, r->nunsure_list, r->unsure_checks);
    else
        empty_array(o, "unsure_checks");
    close_level(o);
}

/* One episode with warning signs: when, the level, its signs. */
static void sign_ep(struct out *o, const struct report_sign_ep *e)
{
    char label[LABEL_LEN], when[WHEN_FMT_LEN];
    when_format(e->at, when, sizeof when);
    snprintf(label, sizeof label, "episode #%" PRId64 " started %s", e->id, when);
    grp_begin(o, "episode", label);
    put_machine(o, FIG_COUNT, "id", e->id, NULL);
    put_machine(o, FIG_TIME, "started_at", e->at, NULL);
    put_text(o, "level", "level", redflag_level_title(e->level), redflag_level_code(e->level));
    arr_begin(o, "signs", "warning signs logged");
    for (size_t i = 0; i < e->nsigns; i++)
        put_item(o, e->signs[i]->item, e->signs[i]->words);
    close_level(o);
    close_level(o);
}

/* The period's emergency and urgent checks and warning signs logged,
 * first in the report; left out when there are none. */
static void sec_warnings(struct out *o, const struct report *r)
{
    int none = r->warn_checks == 0 && r->sign_eps == 0;
    if (none && !machine(o))
        return; /* the machines keep the section, its keys and their types */
    sec_begin(o, "warning_signs", "Warning signs in this period");
    if (none)
        note(o, "summary", "No emergency or urgent check and no warning sign logged in this "
                           "period.");
    put(o, FIG_COUNT, "check_count", "emergency or urgent checks", (int64_t)r->warn_checks);
    if (r->warn_checks)
        check_refs(o, "checks", "listed, oldest first", r->warn_list, r->nwarn_list,
                   r->warn_checks);
    else
        empty_array(o, "checks");
    put(o, FIG_COUNT, "episode_count", "episodes with a warning sign logged",
        (int64_t)r->sign_eps);
    if (r->sign_eps) {
        arr_begin(o, "episodes", "listed, oldest first");
        for (size_t i = 0; i < r->nsign_list; i++)
            sign_ep(o, &r->sign_list[i]);
        close_level(o);
        if (r->sign_eps > r->nsign_list)
            put(o, FIG_COUNT, "earlier_episodes_not_listed", "earlier episodes not listed",
                (int64_t)(r->sign_eps - r->nsign_list));
    } else {
        empty_array(o, "episodes");
    }
    close_level(o);
}

/* A count of sessions of one status, keyed and labelled by its table. */
static void put_status(struct out *o, enum session_status status, size_t n)
{
    put(o, FIG_COUNT, session_status_code(status), session_status_label(status), (int64_t)n);
}

static void session_stats(struct out *o, const struct report_session_stats *st, int full)
{
    put(o, FIG_COUNT, "sessions", "sessions", (int64_t)st->sessions);
    if (full) {
        put_status(o, SESSION_DONE, st->done);
        put_status(o, SESSION_STOPPED, st->stopped);
        put_status(o, SESSION_INTERRUPTED, st->interrupted);
        if (st->running)
            put_status(o, SESSION_RUNNING, st->running);
        put(o, FIG_COUNT, "minutes", "minutes", (st->secs + 30) / 60);
    }
    put(o, FIG_COUNT, "rated", "rated before and after", (int64_t)st->rated);
    if (st->rated)
        put(o, FIG_TENTHS, "pain_change_average", "average pain change",
            tenths(st->change, (int64_t)st->rated));
}

/* How often each exercise of a stretch routine made it worse: for the
 * machines an array of {"exercise", "sessions"} objects (empty when none),
 * for people one line per exercise, none when no exercise was named. */
static void worse_rows(struct out *o, const struct report_routine *rt)
{
    if (rt->kind != SESSION_STRETCH || (!rt->nworse && !machine(o)))
        return;
    if (!rt->nworse) {
        empty_array(o, "worse");
        return;
    }
    arr_begin(o, "worse", "made it worse (sessions)");
    for (size_t i = 0; i < rt->nworse; i++) {
        const struct report_worse *w = &rt->worse[i];
        if (machine(o)) {
            grp_begin(o, NULL, w->name);
            put_machine(o, FIG_TEXT, "exercise", 0, w->name);
            put_machine(o, FIG_COUNT, "sessions", (int64_t)w->sessions, NULL);
            close_level(o);
        } else {
            put(o, FIG_COUNT, "sessions", w->name, (int64_t)w->sessions);
        }
    }
    close_level(o);
    if (rt->worse_dropped)
        put(o, FIG_COUNT, "worse_not_listed", "other exercises named (sessions)",
            (int64_t)rt->worse_dropped);
}

static void routine_groups(struct out *o, const struct report *r)
{
    arr_begin(o, "routines", "by routine");
    for (size_t i = 0; i < r->nroutines; i++) {
        const struct report_routine *rt = &r->routines[i];
        const char *known = routine_code_name(rt->routine);
        const int stretch = rt->kind == SESSION_STRETCH;
        const char *name = known ? known : rt->routine;
        char label[LABEL_LEN];
        snprintf(label, sizeof label, "%s%s%s", name, stretch ? "" : ", ",
                 stretch ? "" : session_kind_label(rt->kind));
        grp_begin(o, NULL, label);
        put_machine(o, FIG_TEXT, "kind", 0, session_kind_code(rt->kind));
        put_machine(o, FIG_TEXT, "routine", 0, rt->routine);
        put_machine(o, FIG_TEXT, "name", 0, name);
        session_stats(o, &rt->st, 0);
        worse_rows(o, rt);
        close_level(o);
    }
    close_level(o);
    if (r->routines_dropped)
        put(o, FIG_COUNT, "routines_not_listed", "sessions of routines not listed",
            (int64_t)r->routines_dropped);
}

static void sec_sessions(struct out *o, const struct report *r)
{
    size_t total = 0;
    int64_t secs = 0;
    for (int k = 0; k < SESSION_KIND_COUNT; k++) {
        total += r->kinds[k].sessions;
        secs += r->kinds[k].secs;
    }
    static const char *const arrays[] = {"routines", NULL};
    sec_begin(o, "sessions", "Stretch, ice and heat: did it help?");
    if (total == 0) {
        note(o, "summary", "No stretch, ice or heat sessions in this period.");
        for (int k = 0; k < SESSION_KIND_COUNT; k++)
            empty_group(o, session_kind_code((enum session_kind)k));
        empty_keys(o, arrays, NULL);
        close_level(o);
        return;
    }
    put(o, FIG_COUNT, "sessions", "sessions", (int64_t)total);
    put(o, FIG_COUNT, "minutes", "minutes in all", (secs + 30) / 60);
    for (int k = 0; k < SESSION_KIND_COUNT; k++) {
        if (!r->kinds[k].sessions && !machine(o))
            continue; /* the machines get every kind, at 0 */
        grp_begin(o, session_kind_code((enum session_kind)k),
                  session_kind_label((enum session_kind)k));
        session_stats(o, &r->kinds[k], 1);
        close_level(o);
    }
    if (r->nroutines)
        routine_groups(o, r);
    else
        empty_array(o, "routines");
    note(o, "pain_change",
         "Pain change is pain after minus pain before (0-10): below zero "
         "means less pain after the session.");
    close_level(o);
}

/* One note: its episode and start as the heading, the text as typed (its
 * lines kept in text; markdown escapes it, on one line, so that a note
 * cannot open a heading, a list or a table). */
static void note_entry(struct out *o, const struct report *r, const struct report_note_ref *n)
{
    char label[LABEL_LEN], when[WHEN_FMT_LEN];
    when_format(n->at, when, sizeof when);
    snprintf(label, sizeof label, "episode #%" PRId64 " started %s", n->id, when);
    grp_begin(o, NULL, label);
    put_machine(o, FIG_COUNT, "episode", n->id, NULL);
    put_machine(o, FIG_TIME, "started_at", n->at, NULL);
    note(o, "note", r->note_text[n->slot]);
    close_level(o);
}

/* "Your notes": the REPORT_MAX_NOTES most recent notes of the period's
 * episodes, oldest first; the heading says when some are left out. The
 * machines get the top-level array "notes" with "notes_not_listed" (and
 * "notes_summary" when there is none) beside it. */
static void sec_notes(struct out *o, const struct report *r)
{
    char title[LABEL_LEN] = "Your notes";
    size_t left = r->notes - r->nnote_list;
    if (left)
        snprintf(title, sizeof title, "Your notes (the %zu most recent of %zu)", r->nnote_list,
                 r->notes);
    open_level(o, "notes", title, 1);
    if (r->notes == 0 && !machine(o))
        note(o, "summary", "No notes in this period.");
    for (size_t i = 0; i < r->nnote_list; i++)
        note_entry(o, r, &r->note_list[i]);
    if (left && !machine(o))
        put(o, FIG_COUNT, "not_listed", "earlier notes not listed", (int64_t)left);
    close_level(o);
    if (r->notes == 0 && machine(o))
        note(o, "notes_summary", "No notes in this period.");
    put_machine(o, FIG_COUNT, "notes_not_listed", (int64_t)left, NULL);
}

/* ---- pain readings, what helps, medication intakes (issue 13) ------------ */

static const char trend_rule[] =
    "Easing: the latest reading is 2 or more points below the highest; worsening: 2 or "
    "more above the first; steady: otherwise.";

/* First, peak and latest of a course, with its trend. */
static void course_figures(struct out *o, const struct pain_course *c)
{
    put(o, FIG_COUNT, "readings", "readings", (int64_t)c->n);
    put(o, FIG_COUNT, "first", "first pain (0-10)", c->first);
    put(o, FIG_COUNT, "peak", "highest pain (0-10)", c->peak);
    put(o, FIG_COUNT, "latest", "latest pain (0-10)", c->latest);
    put(o, FIG_TIME, "latest_at", "latest reading", c->latest_at);
    put_text(o, "trend", "trend", pain_trend_code(pain_course_trend(c)), NULL);
}

static void spell_group(struct out *o, const struct report *r)
{
    const struct report_pain *p = &r->pain;
    char label[LABEL_LEN], day[WHEN_FMT_LEN], words[VALUE_LEN];
    if (!p->spell || p->spell_course.n == 0) {
        note(o, "current_spell_summary", "No current spell.");
        empty_group(o, "current_spell");
        return;
    }
    when_format(p->spell_from, day, sizeof day);
    day[10] = '\0'; /* the date */
    snprintf(label, sizeof label, "current spell, since %s%s", day,
             p->trend_from > p->spell_from ? " (the trend of its last 7 days)"
             : p->spell_from < r->from   ? " (its readings in this period)"
                                         : "");
    grp_begin(o, "current_spell", label);
    put(o, FIG_TIME, "from", "began", p->spell_from);
    course_figures(o, &p->spell_course);
    pain_course_words(&p->spell_course, words, sizeof words);
    note(o, "summary", words);
    close_level(o);
}

static void sec_pain(struct out *o, const struct report *r)
{
    const struct report_pain *p = &r->pain;
    sec_begin(o, "pain", "How has the pain changed?");
    if (p->readings == 0) {
        note(o, "summary", "No pain readings in this period.");
        empty_group(o, "current_spell");
        empty_array(o, "episodes");
        close_level(o);
        return;
    }
    put(o, FIG_COUNT, "readings", "pain readings", (int64_t)p->readings);
    spell_group(o, r);
    arr_begin(o, "episodes", "by episode (the most recent)");
    for (size_t i = 0; i < p->nlist; i++) {
        const struct report_pain_ep *e = report_pain_listed(p, i);
        char label[LABEL_LEN], day[WHEN_FMT_LEN];
        when_format(e->started_at, day, sizeof day);
        snprintf(label, sizeof label, "episode %" PRId64 ", %s", e->id, day);
        grp_begin(o, "episode", label);
        put_machine(o, FIG_COUNT, "id", e->id, NULL);
        course_figures(o, &e->c);
        close_level(o);
    }
    close_level(o);
    if (p->episodes > p->nlist)
        put(o, FIG_COUNT, "episodes_not_listed", "earlier episodes not listed",
            (int64_t)(p->episodes - p->nlist));
    note(o, "trend_rule", trend_rule);
    close_level(o);
}

/* The rated uses and median change of a row, or "not enough data
 * yet" below HELPS_MIN_RATED rated uses. */
static void changes_figures(struct out *o, const struct helps_changes *c)
{
    int64_t med;
    put(o, FIG_COUNT, "rated", "rated before and after", (int64_t)c->rated);
    if (helps_median_tenths(c, &med) == 0) {
        put(o, FIG_TENTHS, "median_change", "median pain change", med);
        return;
    }
    put_null(o, "median_change");
    put_text(o, "median_summary", "median pain change", "not enough data yet", NULL);
}

void report_helps_label(const struct helps_row *h, char *buf, size_t len)
{
    enum session_kind sk;
    enum treatment_kind tk;
    const char *known;
    switch (h->group) {
    case HELPS_SESSION:
        snprintf(buf, len, "%s timer", session_kind_parse(h->key, &sk) == 0
                                           ? session_kind_label(sk) : h->key);
        break;
    case HELPS_ROUTINE:
        known = routine_code_name(h->key);
        snprintf(buf, len, "routine: %s", known ? known : h->key);
        break;
    case HELPS_RELIEF:
        snprintf(buf, len, "%s, without the timer",
                 treatment_kind_parse(h->key, &tk) == 0 ? treatment_kind_label(tk) : h->key);
        break;
    default: snprintf(buf, len, "medication: %s", h->key); break;
    }
}

static void sec_helps(struct out *o, const struct report *r)
{
    static const char *const group_codes[] = {"session", "routine", "relief", "medication"};
    const struct report_pain *p = &r->pain;
    sec_begin(o, "what_helps", "What helps? (your own ratings)");
    if (p->nhelps == 0) {
        note(o, "summary", "No timer sessions or treatments in this period.");
        empty_array(o, "rows");
        close_level(o);
        return;
    }
    arr_begin(o, "rows", "by what was tried");
    for (size_t i = 0; i < p->nhelps; i++) {
        const struct helps_row *h = &p->helps[i];
        char label[LABEL_LEN];
        report_helps_label(h, label, sizeof label);
        grp_begin(o, NULL, label);
        put_machine(o, FIG_TEXT, "group", 0, group_codes[h->group]);
        put_machine(o, FIG_TEXT, "name", 0, h->key);
        put(o, FIG_COUNT, "uses", "uses", (int64_t)h->uses);
        changes_figures(o, &h->ch);
        long at = h->group == HELPS_ROUTINE ? stretch_index(r, h->key) : -1;
        if (at >= 0)
            worse_rows(o, &r->routines[at]);
        close_level(o);
    }
    close_level(o);
    if (p->helps_dropped)
        put(o, FIG_COUNT, "not_listed", "uses not listed (table full)",
            (int64_t)p->helps_dropped);
    note(o, "pain_change",
         "Pain change is pain after minus pain before (0-10): below zero means less pain "
         "after. A median needs 3 rated uses.");
    close_level(o);
}

static void sec_intakes(struct out *o, const struct report *r)
{
    const struct report_pain *p = &r->pain;
    sec_begin(o, "medication_log", "Medication taken (from unknot took)");
    if (p->nintakes == 0) {
        note(o, "summary", "No medication recorded with unknot took in this period.");
        empty_array(o, "medications");
        close_level(o);
        return;
    }
    arr_begin(o, "medications", "by medication");
    for (size_t i = 0; i < p->nintakes; i++) {
        const struct intake_row *m = &p->intakes[i];
        grp_begin(o, NULL, m->name);
        put_machine(o, FIG_TEXT, "name", 0, m->name);
        put(o, FIG_COUNT, "days", "days taken", (int64_t)m->days);
        put(o, FIG_COUNT, "intakes", "intakes", (int64_t)m->intakes);
        put(o, FIG_COUNT, "most_in_one_day", "most in one day", (int64_t)m->most);
        changes_figures(o, &m->ch);
        close_level(o);
    }
    close_level(o);
    if (p->intakes_dropped)
        put(o, FIG_COUNT, "other_intakes", "intakes of other medications",
            (int64_t)p->intakes_dropped);
    note(o, "facts", "What was recorded, as recorded: unknot does not judge doses.");
    close_level(o);
}

/* ---- How is it affecting your life? (the check-ins) ---- */

#define NO_DAILY "No daily check-ins in this period."
#define NO_WEEKLY "No weekly check-ins in this period."

/* "24 of 30, 17 without a spasm" for people; the three numbers for the
 * machines. */
static void life_days(struct out *o, const struct report *r)
{
    int64_t days, checked, spasm_free;
    char words[96];
    checkin_stats_days(&r->days, &days, &checked, &spasm_free);
    put_machine(o, FIG_COUNT, "days", days, NULL);
    put_machine(o, FIG_COUNT, "days_checked_in", checked, NULL);
    put_machine(o, FIG_COUNT, "days_checked_in_without_spasm", spasm_free, NULL);
    if (machine(o))
        return;
    snprintf(words, sizeof words, "%" PRId64 " of %" PRId64 ", %" PRId64 " without a spasm",
             checked, days, spasm_free);
    put_text(o, "days_checked_in", "days checked in", words, NULL);
    if (days >= CHECKIN_STATS_DAYS) {
        snprintf(words, sizeof words, "Counted over the last %d days of the period.",
                 CHECKIN_STATS_DAYS);
        note(o, "days_note", words);
    }
}

static void life_activities(struct out *o, const struct checkin_stats *d)
{
    grp_begin(o, "activities", "usual activities (days)");
    for (int a = 0; a < CHECKIN_ACT_COUNT; a++)
        put(o, FIG_COUNT, checkin_activities_code(a), checkin_activities_label(a),
            (int64_t)d->activities[a]);
    close_level(o);
}

static void life_sleep(struct out *o, const struct checkin_stats *d)
{
    int median = checkin_stats_median_sleep(d);
    char label[64], words[64];
    snprintf(label, sizeof label, "median sleep, hours (%zu night%s)", d->nsleep,
             d->nsleep == 1 ? "" : "s");
    if (median != CHECKIN_NONE)
        put(o, FIG_TENTHS, "sleep_median_hours", label, median);
    else if (machine(o))
        put_null(o, "sleep_median_hours");
    else
        put_text(o, "sleep_median_hours", "median sleep", "not recorded", NULL);
    put_machine(o, FIG_COUNT, "nights_with_sleep", (int64_t)d->nsleep, NULL);
    put_machine(o, FIG_COUNT, "nights_woken", (int64_t)d->woken, NULL);
    put_machine(o, FIG_COUNT, "nights_woken_answered", (int64_t)d->woken_answered, NULL);
    if (machine(o))
        return;
    snprintf(words, sizeof words, "%zu of %zu night%s answered", d->woken, d->woken_answered,
             d->woken_answered == 1 ? "" : "s");
    put_text(o, "nights_woken", "nights woken by pain", words, NULL);
}

/* One point of the trend, week k before the end: a line for people, an
 * object for the machines. */
static void life_week(struct out *o, const struct weekly_trend *t, int k, const char *label)
{
    int score = weekly_trend_score(t, k), in = weekly_trend_in_period(t, k);
    if (!machine(o)) {
        if (score != CHECKIN_NONE)
            put(o, FIG_TENTHS, "score", label, score);
        else
            put_text(o, "score", label, in ? "not rated" : "before this period", NULL);
        return;
    }
    grp_begin(o, NULL, label);
    put(o, FIG_COUNT, "weeks_ago", "weeks ago", k);
    put_bool(o, "in_period", "in the period", in, NULL);
    if (score != CHECKIN_NONE) {
        put(o, FIG_TENTHS, "score", "score", score);
        put(o, FIG_TIME, "taken_at", "taken", t->at[k]);
    } else {
        put_null(o, "score");
        put_null(o, "taken_at");
    }
    close_level(o);
}

static void life_weekly(struct out *o, const struct report *r)
{
    static const struct {
        int k;
        const char *label;
    } points[] = {{0, "this week"}, {4, "4 weeks ago"}, {12, "12 weeks ago"}};
    int weeks, rated;
    char words[48];
    weekly_trend_rated(&r->weeks, &weeks, &rated);
    if (r->weeks.fed == 0)
        note(o, "weekly_summary", NO_WEEKLY);
    if (r->weeks.fed == 0 && !machine(o))
        return;
    arr_begin(o, "weekly", WEEKLY_SCORE_NAME " (0-10)");
    for (size_t i = 0; i < COUNT(points); i++)
        life_week(o, &r->weeks, points[i].k, points[i].label);
    close_level(o);
    put_machine(o, FIG_COUNT, "weeks", weeks, NULL);
    put_machine(o, FIG_COUNT, "weeks_rated", rated, NULL);
    if (machine(o))
        return;
    snprintf(words, sizeof words, "%d of %d", rated, weeks);
    put_text(o, "weeks_rated", "weeks rated (this and the 12 before)", words, NULL);
}

static void sec_life(struct out *o, const struct report *r)
{
    sec_begin(o, "life", "How is it affecting your life?");
    life_days(o, r);
    if (r->days.checkins == 0)
        note(o, "daily_summary", NO_DAILY);
    if (r->days.checkins || machine(o)) {
        life_activities(o, &r->days);
        life_sleep(o, &r->days);
    }
    life_weekly(o, r);
    close_level(o);
}

static void sec_notice(struct out *o)
{
    sec_begin(o, "notice", NULL);
    note(o, "text", FLAGS_NOT_MEDICAL_ADVICE);
    close_level(o);
}

static void doc_begin(struct out *o)
{
    static const char title[] = "unknot appointment report";
    static const char *const header[] = {"section", "key", "label", "value"};
    char version[16];
    snprintf(version, sizeof version, "%d", REPORT_FORMAT_VERSION);
    const char *const format_row[] = {"report", "format", "format", REPORT_FORMAT_NAME};
    const char *const version_row[] = {"report", "version", "version", version};
    switch (o->fmt) {
    case REPORT_TEXT: fprintf(o->f, "%s\n=========================\n", title); break;
    case REPORT_MARKDOWN: fprintf(o->f, "# %s\n", title); break;
    case REPORT_CSV:
        csv_write_row(o->f, header, COUNT(header));
        csv_write_row(o->f, format_row, COUNT(format_row));
        csv_write_row(o->f, version_row, COUNT(version_row));
        break;
    case REPORT_JSON:
        fprintf(o->f, "{\n  \"format\": \"%s\",\n  \"version\": %d", REPORT_FORMAT_NAME,
                REPORT_FORMAT_VERSION);
        o->members[0] = 2;
        break;
    }
}

static void doc_end(struct out *o)
{
    if (o->fmt == REPORT_JSON) {
        json_close(o);
        fputc('\n', o->f);
    }
}

int report_write(const struct report *r, FILE *f, enum report_format fmt)
{
    /* The checklist items that ask about numbness, weakness, coordination. */
    static const int numb[] = {2, 3, 14, 17}, weak[] = {3, 13, 14};
    struct out o;
    if (!r->done || (unsigned)fmt > REPORT_JSON)
        return -1;
    memset(&o, 0, sizeof o);
    o.f = f;
    o.fmt = fmt;
    doc_begin(&o);
    sec_warnings(&o, r);
    sec_period(&o, r);
    sec_feel(&o, r);
    sec_where(&o, r);
    sec_bladder(&o, r);
    sec_duration(&o, r);
    sec_frequency(&o, r);
    sec_stiffness(&o, r);
    sec_symptom(&o, r, "numbness", "Any tingling or numbness?", "numbness",
                "episodes with numbness or tingling", numb, COUNT(numb));
    sec_symptom(&o, r, "weakness", "Any weakness or loss of coordination?", "weakness",
                "episodes with leg weakness", weak, COUNT(weak));
    sec_medications(&o, r);
    sec_tags(&o, r, "triggers", "What triggers them?", TAG_TRIGGER, "No triggers recorded.");
    sec_tags(&o, r, "relief", "What relief was tried?", TAG_RELIEF, "No relief recorded.");
    sec_flags(&o, r);
    sec_checks(&o, r);
    sec_sessions(&o, r);
    sec_pain(&o, r);
    sec_helps(&o, r);
    sec_intakes(&o, r);
    sec_life(&o, r);
    sec_notes(&o, r);
    sec_notice(&o);
    doc_end(&o);
    return ferror(f) ? -1 : 0;
}

/* ---- formats ------------------------------------------------------------ */

static const char *const format_codes[] = {"text", "markdown", "csv", "json"};

int report_format_parse(const char *text, enum report_format *out, char *err, size_t errlen)
{
    for (size_t i = 0; text && i < COUNT(format_codes); i++) {
        if (strcasecmp(text, format_codes[i]) == 0) {
            *out = (enum report_format)i;
            return 0;
        }
    }
    if (text && strcasecmp(text, "md") == 0) {
        *out = REPORT_MARKDOWN;
        return 0;
    }
    snprintf(err, errlen, "invalid format \"%s\": use text, markdown, csv or json",
             text ? text : "");
    return -1;
}

int report_format_from_path(const char *path, enum report_format *out, char *err,
                            size_t errlen)
{
    static const struct {
        const char *ext;
        enum report_format fmt;
    } exts[] = {{"txt", REPORT_TEXT}, {"md", REPORT_MARKDOWN}, {"csv", REPORT_CSV},
                {"json", REPORT_JSON}};
    const char *ext = path_extension(path);
    for (size_t i = 0; ext && i < COUNT(exts); i++) {
        if (strcasecmp(ext, exts[i].ext) == 0) {
            *out = exts[i].fmt;
            return 0;
        }
    }
    snprintf(err, errlen, "end the file name with .txt (text), .md (markdown), .csv or .json");
    return -1;
}

const char *report_format_code(enum report_format fmt)
{
    return (unsigned)fmt < COUNT(format_codes) ? format_codes[fmt] : "unknown";
}

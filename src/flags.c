/* SPDX-License-Identifier: BSD-2-Clause */
/* flags: the rules of flags.h, one small feed function per rule and one
 * builder per flag. Every state is O(1) in the length of the history. */
#include "src/flags.h"

#include <stdio.h>
#include <string.h>

#include "src/when.h"

#define DAYS(s) ((long long)((s) / FLAG_DAY_S))
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The nerve symptoms of the leg_nerve rule, in the order the title names
 * them; bit i of nerve_seen is nerve_symptoms[i]. */
static const struct vocab nerve_symptoms[] = {
    {"numbness", "numbness or tingling"},
    {"radiating-leg", "spreading down a leg"},
    {"below-knee", "below the knee"},
};
static const char weakness_code[] = "weakness";

/* CONTENT.md's safety net: every advice short of an emergency carries it. */
static const char safety_net[] = "If you get bladder or bowel trouble, numbness between your "
                                 "legs, or weakness in both legs, seek emergency care at once.";

static int64_t max64(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

static int is_ongoing(const struct episode *ep)
{
    return ep->ended_at == EPISODE_ONGOING;
}

/* Where an episode ends for the rules: now while it is ongoing, and never
 * before it started (a bad row must not make a span negative). */
static int64_t effective_end(const struct episode *ep, int64_t now)
{
    int64_t end = is_ongoing(ep) ? now : ep->ended_at;
    return max64(end, ep->started_at);
}

/* One episode as the rules see it: its span and its local days. */
struct seen {
    const struct episode *ep;
    int64_t start, end;
    int64_t start_day, end_day;
};

/* ---- a set of episodes behind a flag ---- */

static void refs_push(struct flags_refs *s, const struct seen *e)
{
    if (s->total == 0 || e->start_day > s->last_day) { /* in start order: a new day */
        s->days++;
        s->last_day = e->start_day;
    }
    if (s->total == 0 || e->start < s->first)
        s->first = e->start;
    if (s->total == 0 || e->start > s->last)
        s->last = e->start;
    if (s->total == 0 || e->end > s->end)
        s->end = e->end;
    s->r[s->total % FLAG_MAX_REFS] = (struct flag_ref){e->ep->id, e->start};
    s->total++;
}

/* Copies the ring into out->refs, oldest first, with the totals. */
static void refs_copy(const struct flags_refs *s, struct flag *out)
{
    size_t n = s->total < FLAG_MAX_REFS ? s->total : FLAG_MAX_REFS;
    size_t first = s->total - n;

    for (size_t i = 0; i < n; i++)
        out->refs[i] = s->r[(first + i) % FLAG_MAX_REFS];
    out->nrefs = n;
    out->total = s->total;
    out->days = s->days;
}

/* ---- the spell ---- */

static int spell_chains(const struct flags_spell *s, const struct seen *e)
{
    return s->ongoing || e->start - s->to < FLAG_CHAIN_GAP_S;
}

/* Counts the local days e adds to the spell: in start order, the days
 * after the last one counted up to e's last day. */
static void spell_count_days(struct flags_spell *s, const struct seen *e)
{
    int64_t from = s->refs.total == 0 ? e->start_day : max64(e->start_day, s->last_day + 1);

    if (e->end_day >= from) {
        s->days += e->end_day - from + 1;
        s->last_day = e->end_day;
    }
}

static void spell_feed(struct flags *f, const struct seen *e)
{
    struct flags_spell *s = &f->spell;

    if (!s->open || !spell_chains(s, e)) {
        memset(s, 0, sizeof *s);
        s->open = 1;
        s->ongoing_intensity = -1;
        s->from = e->start;
        s->to = e->end;
    }
    if (e->start < s->from) /* out-of-order input */
        s->from = e->start;
    spell_count_days(s, e);
    s->to = max64(s->to, e->end);
    s->ongoing |= is_ongoing(e->ep);
    if (is_ongoing(e->ep) && e->ep->intensity > s->ongoing_intensity)
        s->ongoing_intensity = e->ep->intensity;
    if (s->refs.total == 0 || e->start >= s->refs.last)
        s->latest_intensity = e->ep->intensity;
    refs_push(&s->refs, e);
}

static int spell_current(const struct flags *f)
{
    const struct flags_spell *s = &f->spell;
    return s->open && (s->ongoing || f->now - s->to < FLAG_CURRENT_S);
}

static int64_t spell_length(const struct flags *f)
{
    return spell_current(f) ? f->spell.to - f->spell.from : 0;
}

/* Local days from the spell's first day to today. */
static int64_t spell_day_span(const struct flags *f)
{
    return f->today - when_local_day(f->spell.from) + 1;
}

/* Days of the spell with a spasm going, up to today: an end recorded in
 * the future (a clock set wrong) does not add days that have not come. */
static int64_t spell_days_on(const struct flags *f)
{
    int64_t of = spell_day_span(f);
    return f->spell.days < of ? f->spell.days : of;
}

/* What the current spell was, in words: "one spasm lasting 9 days", or
 * "spasms on 8 of the last 9 days, with no 2-day break". */
static void spell_words(const struct flags *f, char *buf, size_t len)
{
    const struct flags_spell *s = &f->spell;
    long long of = (long long)spell_day_span(f);
    long long on = (long long)spell_days_on(f);
    long long days = DAYS(s->to - s->from);

    if (s->refs.total == 1)
        snprintf(buf, len, "one spasm lasting %lld day%s%s", days, days == 1 ? "" : "s",
                 s->ongoing ? ", still going" : "");
    else if (on >= of)
        snprintf(buf, len, "spasms on each of the last %lld days", of);
    else
        snprintf(buf, len, "spasms on %lld of the last %lld days, with no %lld-day break", on, of,
                 DAYS(FLAG_CHAIN_GAP_S));
}

/* ---- leg symptoms ---- */

static int is_recent(const struct flags *f, const struct episode *ep)
{
    return is_ongoing(ep) || ep->started_at >= f->now - FLAG_LEG_RECENT_S;
}

/* The vocabulary code of a symptom tag ("other" for free text), or NULL. */
static const char *symptom_code(const struct episode_tag *tag)
{
    size_t n;
    const struct vocab *v = episode_vocab(TAG_SYMPTOM, &n);
    int i = episode_vocab_index(TAG_SYMPTOM, tag->text);

    return i >= 0 && (size_t)i < n ? v[i].code : NULL;
}

static void leg_feed(struct flags *f, const struct seen *e)
{
    const struct episode *ep = e->ep;
    unsigned nerve = 0;
    int weak = 0;

    if (!is_recent(f, ep))
        return;
    for (size_t i = 0; i < ep->ntags && i < EPISODE_MAX_TAGS; i++) {
        const char *code = ep->tags[i].kind == TAG_SYMPTOM ? symptom_code(&ep->tags[i]) : NULL;
        if (!code)
            continue;
        weak |= strcmp(code, weakness_code) == 0;
        for (size_t k = 0; k < COUNT(nerve_symptoms); k++)
            if (strcmp(code, nerve_symptoms[k].code) == 0)
                nerve |= 1u << k;
    }
    if (weak)
        refs_push(&f->weak, e);
    if (nerve)
        refs_push(&f->nerve, e);
    f->nerve_seen |= nerve;
}

/* ---- recurring ---- */

static void recurring_feed(struct flags *f, const struct seen *e)
{
    enum region r = e->ep->region;

    if (e->start < f->recur_from || e->start > f->now)
        return;
    refs_push(&f->recur, e);
    if ((int)r >= 0 && r < REGION_COUNT)
        f->recur_region[r]++;
}

/* ---- long-running: the blocks ---- */

static void blocks_feed(struct flags *f, const struct seen *e)
{
    int hit = 0;

    for (size_t k = 0; k < FLAG_LONG_BLOCKS; k++) {
        int before_end = k == 0 || e->start < f->block_from[k - 1];
        if (before_end && e->end >= f->block_from[k])
            f->block_seen[k] = hit = 1;
    }
    if (hit)
        refs_push(&f->blocks, e);
}

/* ---- building the flags ---- */

static struct flag *flag_new(struct flags *f, enum flag_kind kind, enum flag_level level,
                             int64_t from, int64_t to)
{
    struct flag *fl = &f->out[f->n++];

    memset(fl, 0, sizeof *fl);
    fl->kind = kind;
    fl->level = level;
    fl->from = from;
    fl->to = to;
    fl->span = to - from;
    return fl;
}

/* A flag about the current spell, with its episodes and days. */
static struct flag *spell_flag(struct flags *f, enum flag_kind kind, enum flag_level level)
{
    struct flag *fl = flag_new(f, kind, level, f->spell.from, f->spell.to);

    refs_copy(&f->spell.refs, fl);
    fl->days = (size_t)spell_days_on(f);
    return fl;
}

static void capitalize(char *s)
{
    if (s[0] >= 'a' && s[0] <= 'z')
        s[0] = (char)(s[0] - 'a' + 'A');
}

static void build_leg_weakness(struct flags *f)
{
    struct flag *fl;

    if (f->weak.total == 0)
        return;
    fl = flag_new(f, FLAG_LEG_WEAKNESS, FLAG_LEVEL_URGENT, f->weak.first, f->weak.end);
    refs_copy(&f->weak, fl);
    snprintf(fl->title, sizeof fl->title, "Leg symptoms: weakness in a leg");
    snprintf(fl->advice, sizeof fl->advice,
             "URGENT: contact a doctor today (your surgery or an urgent care service).");
    snprintf(fl->note, sizeof fl->note, "%s", safety_net);
}

/* The reading the severe rule goes by, and which episode's it is in the
 * note's words. */
static int severe_reading(const struct flags_spell *s, const char **whose)
{
    *whose = s->refs.total == 1 ? "," : "; the latest";
    if (s->latest_intensity >= FLAG_SEVERE_INTENSITY)
        return s->latest_intensity;
    *whose = "; one still going";
    return s->ongoing_intensity;
}

static void build_severe(struct flags *f)
{
    char words[FLAG_WORDS_MAX];
    const char *whose;
    int level = severe_reading(&f->spell, &whose);
    struct flag *fl;

    if (spell_length(f) <= FLAG_SEVERE_AFTER_S || level < FLAG_SEVERE_INTENSITY)
        return;
    fl = spell_flag(f, FLAG_SEVERE_NOT_EASING, FLAG_LEVEL_SEE_DOCTOR);
    snprintf(fl->title, sizeof fl->title, "Severe and not easing");
    snprintf(fl->advice, sizeof fl->advice,
             "Call your doctor: severe pain that is not easing after %lld days.",
             DAYS(FLAG_SEVERE_AFTER_S));
    spell_words(f, words, sizeof words);
    capitalize(words);
    snprintf(fl->note, sizeof fl->note, "%s%s rated %d/10 (%s).", words, whose, level,
             band_label(intensity_band(level)));
}

static void build_ladder(struct flags *f)
{
    int64_t len = spell_length(f);
    int one = f->spell.refs.total == 1;
    struct flag *fl;

    if (len > FLAG_TWO_WEEKS_S) {
        fl = spell_flag(f, FLAG_OVER_TWO_WEEKS, FLAG_LEVEL_SEE_DOCTOR);
        /* CONTENT.md's "pain lasting" is true of one spasm only. */
        snprintf(fl->advice, sizeof fl->advice,
                 "%s over two weeks should be seen: book an "
                 "appointment.",
                 one ? "Pain lasting" : "Spasms");
    } else if (len > FLAG_WEEK_S) {
        fl = spell_flag(f, FLAG_OVER_WEEK, FLAG_LEVEL_SEE_DOCTOR);
        snprintf(fl->advice, sizeof fl->advice,
                 "Book an appointment: back pain over a week should be checked.");
    } else if (len > FLAG_LADDER_3_S) {
        fl = spell_flag(f, FLAG_OVER_3_DAYS, FLAG_LEVEL_SEE_DOCTOR);
        snprintf(fl->advice, sizeof fl->advice,
                 "Call your doctor if it is not easing (pain for more than %lld days).",
                 DAYS(FLAG_LADDER_3_S));
    } else {
        return;
    }
    spell_words(f, fl->title, sizeof fl->title);
    capitalize(fl->title);
}

static void build_leg_nerve(struct flags *f)
{
    struct flag *fl;
    size_t used;

    if (f->nerve.total == 0)
        return;
    fl = flag_new(f, FLAG_LEG_NERVE, FLAG_LEVEL_SEE_DOCTOR, f->nerve.first, f->nerve.end);
    refs_copy(&f->nerve, fl);
    used = (size_t)snprintf(fl->title, sizeof fl->title, "Leg symptoms:");
    for (size_t k = 0; k < COUNT(nerve_symptoms) && used < sizeof fl->title; k++)
        if (f->nerve_seen & (1u << k))
            used += (size_t)snprintf(fl->title + used, sizeof fl->title - used, "%s %s",
                                     used > sizeof "Leg symptoms:" - 1 ? "," : "",
                                     nerve_symptoms[k].label);
    snprintf(fl->advice, sizeof fl->advice,
             "Book an appointment, and take the red-flag checklist now.");
    snprintf(fl->note, sizeof fl->note, "%s", safety_net);
}

/* The region most episodes of the window share (ties: first in enum
 * region), and how many share it. */
static size_t recurring_top_region(const struct flags *f, enum region *top)
{
    size_t best = 0;

    *top = REGION_LOWER;
    for (int r = 0; r < REGION_COUNT; r++) {
        if (f->recur_region[r] > best) {
            best = f->recur_region[r];
            *top = (enum region)r;
        }
    }
    return best;
}

static void build_recurring(struct flags *f)
{
    const struct flags_refs *s = &f->recur;
    struct flag *fl;
    enum region top;
    size_t same, used;
    const char *label;

    if (s->days < FLAG_RECUR_MIN_DAYS)
        return;
    fl = flag_new(f, FLAG_RECURRING, FLAG_LEVEL_SEE_DOCTOR, s->first, s->last);
    refs_copy(s, fl);
    used = (size_t)snprintf(fl->title, sizeof fl->title, "Spasms on %zu days in the last %d",
                            s->days, FLAG_RECUR_DAYS);
    if (s->total != s->days && used < sizeof fl->title)
        snprintf(fl->title + used, sizeof fl->title - used, " (%zu spasms)", s->total);
    snprintf(fl->advice, sizeof fl->advice,
             "Book an appointment: spasms that keep coming back should be checked.");
    same = recurring_top_region(f, &top);
    label = region_label(top);
    if (same >= FLAG_SAME_REGION_MIN && label)
        snprintf(fl->note, sizeof fl->note,
                 "%zu in the %s: spasms that keep coming back in one place are worth checking "
                 "with your doctor.",
                 same, label);
}

static int blocks_all_seen(const struct flags *f)
{
    for (size_t k = 0; k < FLAG_LONG_BLOCKS; k++)
        if (!f->block_seen[k])
            return 0;
    return 1;
}

static void build_long_running(struct flags *f)
{
    char words[FLAG_WORDS_MAX];
    struct flag *fl;

    if (spell_length(f) > FLAG_LONG_SPELL_S) {
        fl = spell_flag(f, FLAG_LONG_RUNNING, FLAG_LEVEL_INFO);
        spell_words(f, words, sizeof words);
        capitalize(words);
        snprintf(fl->note, sizeof fl->note, "%s.", words);
    } else if (blocks_all_seen(f)) {
        fl = flag_new(f, FLAG_LONG_RUNNING, FLAG_LEVEL_INFO, f->blocks.first, f->blocks.end);
        refs_copy(&f->blocks, fl);
        snprintf(fl->note, sizeof fl->note, "Spasms in each %d-week block of the last %d weeks.",
                 FLAG_LONG_BLOCK_DAYS / 7, FLAG_LONG_BLOCKS * FLAG_LONG_BLOCK_DAYS / 7);
    } else {
        return;
    }
    snprintf(fl->title, sizeof fl->title, "Back spasms over %lld weeks or more",
             DAYS(FLAG_LONG_SPELL_S) / 7);
    snprintf(fl->advice, sizeof fl->advice, "Worth raising at your next visit.");
}

/* ---- public ---- */

void flags_begin(struct flags *f, int64_t now)
{
    memset(f, 0, sizeof *f);
    f->now = now;
    f->today = when_local_day(now);
    f->recur_from = when_days_start(now, FLAG_RECUR_DAYS);
    for (int k = 0; k < FLAG_LONG_BLOCKS; k++)
        f->block_from[k] = when_days_start(now, (k + 1) * FLAG_LONG_BLOCK_DAYS);
}

/* when_local_day(t) through a cached span of days. */
static int64_t local_day(struct when_day_span *span, int64_t t)
{
    if (t >= span->from && t < span->to)
        return span->day;
    return when_local_day_span(t, span);
}

int flags_wants_tags(const struct flags *f, const struct episode *ep)
{
    return ep && is_recent(f, ep);
}

int64_t flags_narrow_before(const struct flags *f)
{
    int64_t leg = f->now - FLAG_LEG_RECENT_S; /* is_recent's window */
    return f->recur_from < leg ? f->recur_from : leg;
}

void flags_feed(struct flags *f, const struct episode *ep)
{
    struct seen e;

    if (f->done || !ep)
        return;
    e.ep = ep;
    e.start = ep->started_at;
    e.end = effective_end(ep, f->now);
    e.start_day = local_day(&f->start_span, e.start);
    e.end_day = e.end == e.start ? e.start_day : local_day(&f->end_span, e.end);
    spell_feed(f, &e);
    leg_feed(f, &e);
    recurring_feed(f, &e);
    blocks_feed(f, &e);
}

int flags_current_spell(const struct flags *f, int64_t *from)
{
    if (!spell_current(f))
        return 0;
    *from = f->spell.from;
    return 1;
}

int flags_pain_wanted(const struct flags *f, int64_t *from)
{
    if (f->done || !f->spell.open)
        return 0;
    *from = f->spell.from;
    return 1;
}

void flags_feed_pain(struct flags *f, const struct episode *ep, int pain)
{
    struct flags_spell *s = &f->spell;
    if (f->done || !s->open || ep->started_at < s->from || pain < 0 ||
        pain > EPISODE_INTENSITY_MAX)
        return;
    if (!s->pain_fed) {
        s->pain_fed = 1;
        s->ongoing_intensity = -1;
        s->latest_intensity = -1;
        s->pain_last = INT64_MIN;
    }
    if (is_ongoing(ep) && pain > s->ongoing_intensity)
        s->ongoing_intensity = pain;
    if (ep->started_at > s->pain_last) { /* ties: the first given, the newest */
        s->latest_intensity = pain;
        s->pain_last = ep->started_at;
    }
}

void flags_end(struct flags *f)
{
    if (f->done)
        return;
    f->done = 1;
    /* In enum flag_kind order: most pressing first. */
    build_leg_weakness(f);
    build_severe(f);
    build_ladder(f);
    build_leg_nerve(f);
    build_recurring(f);
    build_long_running(f);
}

size_t flags_count(const struct flags *f)
{
    return f->done ? f->n : 0;
}

const struct flag *flags_at(const struct flags *f, size_t i)
{
    return i < flags_count(f) ? &f->out[i] : NULL;
}

const char *flag_kind_code(enum flag_kind kind)
{
    static const char *const codes[FLAG_KIND_COUNT] = {
        [FLAG_LEG_WEAKNESS] = "leg_weakness",     [FLAG_SEVERE_NOT_EASING] = "severe_not_easing",
        [FLAG_OVER_TWO_WEEKS] = "over_two_weeks", [FLAG_OVER_WEEK] = "over_week",
        [FLAG_OVER_3_DAYS] = "over_3_days",       [FLAG_LEG_NERVE] = "leg_nerve",
        [FLAG_RECURRING] = "recurring",           [FLAG_LONG_RUNNING] = "long_running",
    };

    if ((int)kind < 0 || kind >= FLAG_KIND_COUNT)
        return "unknown";
    return codes[kind];
}

const char *flag_level_code(enum flag_level level)
{
    static const char *const codes[FLAG_LEVEL_COUNT] = {
        [FLAG_LEVEL_INFO] = "info",
        [FLAG_LEVEL_SEE_DOCTOR] = "see_doctor",
        [FLAG_LEVEL_URGENT] = "urgent",
    };

    if ((int)level < 0 || level >= FLAG_LEVEL_COUNT)
        return "unknown";
    return codes[level];
}

const char *flags_advice_footer(void)
{
    return FLAGS_NOT_MEDICAL_ADVICE;
}

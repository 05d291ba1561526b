/* flags: the rules of flags.h, one small feed function per rule and one
 * builder per flag. Every state is O(1) in the length of the history. */
#include "src/flags.h"

#include <stdio.h>
#include <string.h>

#define DAYS(s) ((long long)((s) / FLAG_DAY_S))
#define HOURS(s) ((long long)((s) / FLAG_HOUR_S))

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

static void ring_push(struct flags_refring *ring, const struct episode *ep)
{
    ring->r[ring->total % FLAG_MAX_REFS] = (struct flag_ref){ep->id, ep->started_at};
    ring->total++;
}

/* Copies the ring into out->refs, oldest first, with the totals. */
static void ring_copy(const struct flags_refring *ring, struct flag *out)
{
    size_t n = ring->total < FLAG_MAX_REFS ? ring->total : FLAG_MAX_REFS;
    size_t first = ring->total - n;

    for (size_t i = 0; i < n; i++)
        out->refs[i] = ring->r[(first + i) % FLAG_MAX_REFS];
    out->nrefs = n;
    out->total = ring->total;
}

/* ---- over a week ---- */

static int spell_qualifies(const struct flags_spell *s, int64_t now)
{
    int relevant = s->ongoing || s->to >= now - FLAG_RELEVANT_S;
    return relevant && s->to - s->from > FLAG_WEEK_S;
}

/* The spell in progress is over: remember it if it is the latest to qualify. */
static void spell_close(struct flags *f)
{
    if (f->have_spell && spell_qualifies(&f->spell, f->now)) {
        f->best = f->spell;
        f->have_best = 1;
    }
}

static int spell_chains(const struct flags_spell *s, const struct episode *ep)
{
    return s->ongoing || ep->started_at - s->to < FLAG_CHAIN_GAP_S;
}

static void over_week_feed(struct flags *f, const struct episode *ep)
{
    struct flags_spell *s = &f->spell;
    int64_t end = effective_end(ep, f->now);

    if (!f->have_spell || !spell_chains(s, ep)) {
        spell_close(f);
        memset(s, 0, sizeof *s);
        s->from = ep->started_at;
        s->to = end;
        f->have_spell = 1;
    }
    if (ep->started_at < s->from) /* out-of-order input */
        s->from = ep->started_at;
    s->to = max64(s->to, end);
    s->ongoing |= is_ongoing(ep);
    ring_push(&s->refs, ep);
}

/* ---- recurring ---- */

static void recurring_feed(struct flags *f, const struct episode *ep)
{
    int64_t t = ep->started_at;

    if (t < f->now - FLAG_RECUR_WINDOW_S || t > f->now)
        return;
    /* Measured from the previous episode, not the previous occurrence, so
     * a chain of day-apart restarts stays one occurrence. Also refuses an
     * out-of-order start (negative difference); occurrences stay more than
     * a day apart, which is why the slots can never overflow. */
    int64_t prev = f->recur_prev;
    int seen = f->nocc > 0;
    if (!seen || t > prev)
        f->recur_prev = t;
    if (seen && t - prev <= FLAG_RECUR_SEPARATION_S)
        return;
    if (f->nocc == FLAG_RECUR_SLOTS)
        return;
    f->occ[f->nocc].ref = (struct flag_ref){ep->id, t};
    f->occ[f->nocc].region = ep->region;
    f->nocc++;
}

/* ---- severe and not easing ---- */

static void severe_feed(struct flags *f, const struct episode *ep)
{
    if (!is_ongoing(ep) || ep->intensity < FLAG_SEVERE_INTENSITY)
        return;
    if (f->now - ep->started_at <= FLAG_SEVERE_AFTER_S)
        return;
    if (f->severe.total == 0 || ep->started_at < f->severe_from)
        f->severe_from = ep->started_at;
    ring_push(&f->severe, ep);
}

/* ---- chronic ---- */

static void chronic_feed(struct flags *f, const struct episode *ep)
{
    int64_t end = effective_end(ep, f->now);

    if (f->all.total == 0 || ep->started_at < f->first_start)
        f->first_start = ep->started_at;
    if (f->all.total == 0 || end > f->latest_end)
        f->latest_end = end;
    if (is_ongoing(ep) || ep->started_at >= f->now - FLAG_RELEVANT_S)
        f->recent = 1;
    ring_push(&f->all, ep);
}

/* ---- building the flags ---- */

static struct flag *flag_new(struct flags *f, enum flag_kind kind, int64_t from, int64_t to)
{
    struct flag *fl = &f->out[f->n++];

    memset(fl, 0, sizeof *fl);
    fl->kind = kind;
    fl->from = from;
    fl->to = to;
    fl->span = to - from;
    return fl;
}

static void build_severe(struct flags *f)
{
    struct flag *fl;

    if (f->severe.total == 0)
        return;
    fl = flag_new(f, FLAG_SEVERE_NOT_EASING, f->severe_from, f->now);
    ring_copy(&f->severe, fl);
    snprintf(fl->title, sizeof fl->title, "Severe and not easing");
    snprintf(fl->advice, sizeof fl->advice,
             "Call your clinician: severe pain that is not easing after %lld days.",
             DAYS(FLAG_SEVERE_AFTER_S));
}

static void build_over_week(struct flags *f)
{
    const struct flags_spell *s = &f->best;
    struct flag *fl;
    int two_weeks;

    if (!f->have_best)
        return;
    fl = flag_new(f, FLAG_OVER_WEEK, s->from, s->to);
    ring_copy(&s->refs, fl);
    two_weeks = fl->span > FLAG_TWO_WEEKS_S;
    snprintf(fl->title, sizeof fl->title, two_weeks ? "Over two weeks" : "Over a week");
    if (two_weeks)
        snprintf(fl->advice, sizeof fl->advice,
                 "Pain lasting over two weeks should be seen: book an appointment.");
    else
        snprintf(fl->advice, sizeof fl->advice,
                 "Book an appointment: pain lasting over a week should be checked.");
    if (fl->total > 1)
        snprintf(fl->note, sizeof fl->note,
                 "%zu episodes less than %lld h apart, counted as one spell.", fl->total,
                 HOURS(FLAG_CHAIN_GAP_S));
}

/* The region most occurrences share (ties: first in enum region), and how
 * many share it. */
static size_t recurring_top_region(const struct flags *f, enum region *top)
{
    size_t count[REGION_COUNT] = {0};
    size_t best = 0;

    *top = REGION_LOWER;
    for (size_t i = 0; i < f->nocc; i++) {
        enum region r = f->occ[i].region;
        if ((int)r < 0 || r >= REGION_COUNT)
            continue;
        count[r]++;
    }
    for (int r = 0; r < REGION_COUNT; r++) {
        if (count[r] > best) {
            best = count[r];
            *top = (enum region)r;
        }
    }
    return best;
}

static void build_recurring(struct flags *f)
{
    struct flag *fl;
    enum region top;
    size_t same;
    const char *label;

    if (f->nocc < FLAG_RECUR_MIN)
        return;
    fl = flag_new(f, FLAG_RECURRING, f->occ[0].ref.started_at,
                  f->occ[f->nocc - 1].ref.started_at);
    fl->total = f->nocc;
    fl->nrefs = f->nocc < FLAG_MAX_REFS ? f->nocc : FLAG_MAX_REFS;
    for (size_t i = 0; i < fl->nrefs; i++)
        fl->refs[i] = f->occ[f->nocc - fl->nrefs + i].ref;
    snprintf(fl->title, sizeof fl->title, "Recurring: %zu in %lld days", f->nocc,
             DAYS(FLAG_RECUR_WINDOW_S));
    snprintf(fl->advice, sizeof fl->advice,
             "Book an appointment: spasms that keep coming back should be checked.");
    same = recurring_top_region(f, &top);
    label = region_label(top);
    if (same >= FLAG_SAME_REGION_MIN && label)
        snprintf(fl->note, sizeof fl->note,
                 "%zu in the %s: spasms in one place may mean a spine problem to check.",
                 same, label);
}

static void build_chronic(struct flags *f)
{
    struct flag *fl;

    if (f->all.total < FLAG_CHRONIC_MIN || !f->recent)
        return;
    if (f->latest_end - f->first_start < FLAG_CHRONIC_SPAN_S)
        return;
    fl = flag_new(f, FLAG_CHRONIC, f->first_start, f->latest_end);
    ring_copy(&f->all, fl);
    snprintf(fl->title, sizeof fl->title, "Chronic: %lld weeks or more",
             DAYS(FLAG_CHRONIC_SPAN_S) / 7);
    snprintf(fl->advice, sizeof fl->advice,
             "Spasms spread over %lld weeks or more: worth raising at your next visit.",
             DAYS(FLAG_CHRONIC_SPAN_S) / 7);
}

/* ---- public ---- */

void flags_begin(struct flags *f, int64_t now)
{
    memset(f, 0, sizeof *f);
    f->now = now;
}

void flags_feed(struct flags *f, const struct episode *ep)
{
    if (f->done || !ep)
        return;
    over_week_feed(f, ep);
    recurring_feed(f, ep);
    severe_feed(f, ep);
    chronic_feed(f, ep);
}

void flags_end(struct flags *f)
{
    if (f->done)
        return;
    f->done = 1;
    spell_close(f);
    build_severe(f);
    build_over_week(f);
    build_recurring(f);
    build_chronic(f);
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
        [FLAG_OVER_WEEK] = "over_week",
        [FLAG_RECURRING] = "recurring",
        [FLAG_SEVERE_NOT_EASING] = "severe_not_easing",
        [FLAG_CHRONIC] = "chronic",
    };

    if ((int)kind < 0 || kind >= FLAG_KIND_COUNT)
        return "unknown";
    return codes[kind];
}

const char *flags_advice_footer(void)
{
    return FLAGS_NOT_MEDICAL_ADVICE;
}

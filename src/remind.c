/* SPDX-License-Identifier: BSD-2-Clause */
/* remind: the rules, their fingerprints, the state file and the argv of
 * the command a reminder runs. */
#include "src/remind.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "src/argv.h"
#include "src/checkin.h"
#include "src/routines.h"
#include "src/util.h"
#include "src/when.h"

#define REMIND_CODE_(id, code) code,
static const char *const kind_codes[] = {REMIND_KIND_INFO(REMIND_CODE_)};
#undef REMIND_CODE_

const char *remind_kind_code(enum remind_kind kind)
{
    return (unsigned)kind < COUNT(kind_codes) ? kind_codes[kind] : "?";
}

static struct reminder *add(struct remind_list *out, enum remind_kind kind)
{
    struct reminder *r = &out->r[out->n++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    return r;
}

/* A rule's verdict: fire when the condition gave a fingerprint (cur) that
 * is not the one reminded last. */
static int is_new(const struct remind_state *st, enum remind_kind kind, const char *cur)
{
    return cur[0] && strcmp(st->fp[kind], cur) != 0;
}

static void remember(struct remind_state *st, enum remind_kind kind, const char *cur)
{
    snprintf(st->fp[kind], sizeof st->fp[kind], "%s", cur);
}

/* Minutes after local midnight of t. */
static int local_minute(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return 0;
    return tm.tm_hour * 60 + tm.tm_min;
}

static void rule_no_entry(const struct settings *s, const struct remind_facts *f,
                          struct remind_state *st, struct remind_list *out)
{
    char cur[REMIND_FP_MAX] = "", day[WHEN_FMT_LEN];
    if (s->remind_no_entry_by == SETTINGS_OFF)
        return;
    if (local_minute(f->now) >= s->remind_no_entry_by &&
        f->last_logged_at < when_day_start(f->now)) {
        when_format(f->now, day, sizeof day);
        snprintf(cur, sizeof cur, "%.10s", day); /* YYYY-MM-DD */
    }
    if (!is_new(st, REMIND_NO_ENTRY, cur))
        return;
    remember(st, REMIND_NO_ENTRY, cur);
    struct reminder *r = add(out, REMIND_NO_ENTRY);
    snprintf(r->title, sizeof r->title, "unknot: nothing logged today");
    snprintf(r->body, sizeof r->body,
             "No episode, check or session logged today. Had a spasm? unknot log records it.");
}

static void rule_ice_ok(const struct settings *s, const struct remind_facts *f,
                        struct remind_state *st, struct remind_list *out)
{
    char cur[REMIND_FP_MAX] = "", ended[WHEN_FMT_LEN];
    int64_t ok_at = f->last_ice_end + ICE_MIN_GAP_S;
    if (!s->remind_ice_ok || f->last_ice_end <= 0)
        return;
    if (f->now >= ok_at && f->now < ok_at + REMIND_ICE_LATE_S)
        snprintf(cur, sizeof cur, "%" PRId64, f->last_ice_end);
    if (!is_new(st, REMIND_ICE_OK, cur))
        return;
    remember(st, REMIND_ICE_OK, cur);
    when_format(f->last_ice_end, ended, sizeof ended);
    struct reminder *r = add(out, REMIND_ICE_OK);
    snprintf(r->title, sizeof r->title, "unknot: ice is allowed again");
    snprintf(r->body, sizeof r->body,
             "The last ice session ended at %s, %d hours ago. Ice at most %d minutes, "
             "wrapped in a cloth.",
             ended, ICE_MIN_GAP_S / THERAPY_HOUR_S, THERAPY_ICE_MAX_MIN);
}

static void rule_ongoing(const struct settings *s, const struct remind_facts *f,
                         struct remind_state *st, struct remind_list *out)
{
    char cur[REMIND_FP_MAX] = "", started[WHEN_FMT_LEN], idle[32];
    int64_t stale = (int64_t)s->remind_ongoing_hours * 3600;
    if (s->remind_ongoing_hours <= 0 || f->ongoing_id <= 0)
        return;
    if (f->now - f->ongoing_updated_at >= stale)
        snprintf(cur, sizeof cur, "%" PRId64 "@%" PRId64, f->ongoing_id, f->ongoing_updated_at);
    if (!is_new(st, REMIND_ONGOING, cur))
        return;
    remember(st, REMIND_ONGOING, cur);
    when_format(f->ongoing_started_at, started, sizeof started);
    when_format_duration(f->now - f->ongoing_updated_at, idle, sizeof idle);
    struct reminder *r = add(out, REMIND_ONGOING);
    snprintf(r->title, sizeof r->title, "unknot: episode %" PRId64 " is still ongoing",
             f->ongoing_id);
    snprintf(r->body, sizeof r->body,
             "Started %s, not updated for %s. Over? unknot end. Changed? unknot edit %" PRId64
             ".",
             started, idle, f->ongoing_id);
}

static void rule_weekly(const struct settings *s, const struct remind_facts *f,
                        struct remind_state *st, struct remind_list *out)
{
    char cur[REMIND_FP_MAX] = "", last[WHEN_FMT_LEN];
    if (!s->remind_weekly || !weekly_due(f->have_weekly, f->last_weekly_at, f->now))
        return;
    int64_t days = when_local_day(f->now) - when_local_day(f->last_weekly_at);
    snprintf(cur, sizeof cur, "%" PRId64 "/%" PRId64, f->last_weekly_at,
             (days - CHECKIN_WEEKLY_DAYS) / CHECKIN_WEEKLY_DAYS);
    if (!is_new(st, REMIND_WEEKLY, cur))
        return;
    remember(st, REMIND_WEEKLY, cur);
    when_format(f->last_weekly_at, last, sizeof last);
    struct reminder *r = add(out, REMIND_WEEKLY);
    snprintf(r->title, sizeof r->title, "unknot: weekly check-in due");
    snprintf(r->body, sizeof r->body,
             "The last weekly check-in was %" PRId64 " days ago, on %.10s. Three questions: "
             "unknot weekly.",
             days, last);
}

static void rule_medication(const struct settings *s, const struct remind_facts *f,
                            struct remind_state *st, struct remind_list *out)
{
    char cur[REMIND_FP_MAX] = "", at[WHEN_FMT_LEN], since[32];
    if (!s->remind_medication || f->followup_id <= 0)
        return;
    snprintf(cur, sizeof cur, "%" PRId64, f->followup_id);
    if (!is_new(st, REMIND_MEDICATION, cur))
        return;
    remember(st, REMIND_MEDICATION, cur);
    when_format(f->followup_taken_at, at, sizeof at);
    if (strlen(at) < 16) /* "?": a time the clock cannot show; no time then */
        snprintf(at, sizeof at, "%16s", "?");
    int64_t ago = f->now - f->followup_taken_at;
    when_format_duration(ago - ago % 60, since, sizeof since);
    struct reminder *r = add(out, REMIND_MEDICATION);
    snprintf(r->title, sizeof r->title, "unknot: did %.60s help?", f->followup_name);
    snprintf(r->body, sizeof r->body,
             "Taken %s ago, at %.5s. How is the pain now? unknot took --rate %" PRId64
             " --helped N (0-10), or a on the home screen.",
             since, at + 11, f->followup_id);
}

static void rule_warning(const struct remind_facts *f, struct remind_state *st,
                         struct remind_list *out)
{
    char cur[REMIND_FP_MAX] = "";
    if (f->warning == REDFLAG_EMERGENCY || f->warning == REDFLAG_URGENT)
        snprintf(cur, sizeof cur, "%s:%" PRId64 ":%" PRId64, redflag_level_code(f->warning),
                 f->warning_check_id, f->warning_episode_id);
    int fire = is_new(st, REMIND_WARNING, cur);
    remember(st, REMIND_WARNING, cur); /* gone: a later one is new again */
    if (!fire)
        return;
    struct reminder *r = add(out, REMIND_WARNING);
    snprintf(r->title, sizeof r->title, "%s", redflag_level_title(f->warning));
    snprintf(r->body, sizeof r->body, "%s", redflag_level_advice(f->warning));
    for (char *p = r->body; (p = strchr(p, '\n')) != NULL;)
        *p = ' ';
}

/* Whether code is one of the comma-separated words of list. */
static int in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; *p;) {
        size_t w = strcspn(p, ",");
        if (w == n && strncmp(p, code, n) == 0)
            return 1;
        p += w + (p[w] == ',');
    }
    return 0;
}

/* The flag kinds of f, sorted by code, comma-separated, into cur. */
static void flags_fingerprint(const struct remind_facts *f, char *cur, size_t len)
{
    const char *codes[FLAG_MAX];
    size_t n = f->nflags < FLAG_MAX ? f->nflags : FLAG_MAX, used = 0;
    for (size_t i = 0; i < n; i++) {
        const char *c = flag_kind_code(f->flags[i].kind);
        size_t j = i;
        for (; j > 0 && strcmp(codes[j - 1], c) > 0; j--)
            codes[j] = codes[j - 1];
        codes[j] = c;
    }
    cur[0] = '\0';
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(cur + used, len > used ? len - used : 0, "%s%s", i ? "," : "",
                                 codes[i]);
}

static void rule_flags(const struct remind_facts *f, struct remind_state *st,
                       struct remind_list *out)
{
    char cur[REMIND_FP_MAX];
    size_t fresh = 0, used = 0;
    struct reminder r = {.kind = REMIND_FLAGS};
    flags_fingerprint(f, cur, sizeof cur);
    for (size_t i = 0; i < f->nflags && i < FLAG_MAX; i++) {
        if (in_list(st->fp[REMIND_FLAGS], flag_kind_code(f->flags[i].kind)))
            continue;
        used += (size_t)snprintf(r.body + used, used < sizeof r.body ? sizeof r.body - used : 0,
                                 "%s%s.", fresh ? " " : "", f->flags[i].title);
        fresh++;
    }
    remember(st, REMIND_FLAGS, cur); /* gone: a later one is new again */
    if (!fresh)
        return;
    if (used < sizeof r.body)
        snprintf(r.body + used, sizeof r.body - used, " See unknot flags.");
    if (fresh == 1)
        snprintf(r.title, sizeof r.title, "unknot: a new flag");
    else
        snprintf(r.title, sizeof r.title, "unknot: %zu new flags", fresh);
    out->r[out->n++] = r;
}

void remind_check(const struct settings *s, const struct remind_facts *f,
                  struct remind_state *state, struct remind_list *out)
{
    out->n = 0;
    if (s->remind_flags) {
        rule_warning(f, state, out);
        rule_flags(f, state, out);
    }
    rule_no_entry(s, f, state, out);
    rule_ice_ok(s, f, state, out);
    rule_ongoing(s, f, state, out);
    rule_weekly(s, f, state, out);
    rule_medication(s, f, state, out);
}

/* ---- the state file ---- */

void remind_state_read(FILE *f, struct remind_state *state)
{
    char line[SETTINGS_LINE_MAX];
    memset(state, 0, sizeof *state);
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strstr(line, " = ");
        if (!eq)
            continue;
        *eq = '\0';
        for (size_t k = 0; k < REMIND_KIND_COUNT; k++)
            if (strcmp(line, kind_codes[k]) == 0)
                snprintf(state->fp[k], sizeof state->fp[k], "%s", eq + 3);
    }
}

int remind_state_write(FILE *f, const struct remind_state *state)
{
    fputs("# unknot remind: what was reminded last (safe to delete)\n", f);
    for (size_t k = 0; k < REMIND_KIND_COUNT; k++)
        if (state->fp[k][0])
            fprintf(f, "%s = %s\n", kind_codes[k], state->fp[k]);
    return fflush(f) != 0 || ferror(f) ? -1 : 0;
}

/* ---- the command's argv ---- */

int remind_argv_build(const char *command, const struct reminder *r, struct remind_argv *out,
                      char *err, size_t errlen)
{
    const struct argv_var vars[] = {
        {"title", r->title}, {"body", r->body}, {"kind", remind_kind_code(r->kind)}};
    return argv_build(command, vars, COUNT(vars), out->argv, REMIND_ARGV_MAX, out->buf,
                      sizeof out->buf, err, errlen);
}

int remind_command_check(const char *command, char *err, size_t errlen)
{
    struct remind_argv scratch;
    struct reminder r = {.kind = REMIND_NO_ENTRY};
    return remind_argv_build(command, &r, &scratch, err, errlen) < 0 ? -1 : 0;
}

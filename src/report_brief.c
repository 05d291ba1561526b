/* SPDX-License-Identifier: BSD-2-Clause */
/* report_brief: the visit brief (see report_brief.h). */
#include "src/report_brief.h"

#include <inttypes.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "src/report_brief_html.h"
#include "src/text.h"
#include "src/util.h"

#define WIDTH 78
#define CELL 40        /* bytes of a table cell */
#define LABEL_COL 40   /* text: columns of a row's label */
#define VALUE_W 19     /* text: columns of a value */
#define HL_ROWS 8      /* headline figures */
#define MAX_WARN 5     /* warning-box lines (the rest are counted) */
#define MAX_HELPS 6    /* what-helps rows */
#define MAX_MEDS 4     /* medication rows */
#define MAX_TRIGGERS 5 /* triggers named */
#define SPARK_MAX 60   /* marks of the sparkline */
#define NOTE_COLS 148  /* text: columns of a note shown (two lines) */
#define NOTE_HTML 600  /* html: bytes of a note shown */
#define Q_COLS 140     /* text: columns of a question shown (two lines) */
#define Q_HTML 240     /* html: bytes of a question shown (one page) */
#define SQUEEZE_MAX 6  /* text: the shortest the lists get (see limit()) */
#define TEXT_BUF (BRIEF_TEXT_LINES * (WIDTH * 4 + 1) * 2) /* a brief and some */
#define HTML_NOTE_LEN (3 * NOTE_HTML + 8)

static const char *const omit_words[] = {"notes", "medications", "questions", "name"};

struct bo {
    FILE *f;
    enum brief_format fmt;
    const struct brief_opts *o;
    const struct report *cur, *prev;
    int squeeze; /* text: 0, or how much shorter the lists are cut to fit */
};

/* The lists' lengths at b's squeeze: the text brief is tried at 0 and
 * squeezed one step at a time until it fits BRIEF_TEXT_LINES, the
 * patient's questions and the warning signs kept longest. */
enum list { L_WARN, L_HELPS, L_MEDS, L_NOTES, L_QUESTIONS };
static size_t limit(const struct bo *b, enum list l)
{
    static const size_t full[] = {MAX_WARN, MAX_HELPS, MAX_MEDS, 3, BRIEF_QUESTIONS_MAX};
    /* per squeeze step 1..SQUEEZE_MAX: what each list gives up */
    static const size_t cut[SQUEEZE_MAX + 1][5] = {
        {0, 0, 0, 0, 2}, {0, 0, 0, 1, 2}, {0, 2, 0, 1, 2}, {0, 2, 1, 2, 2},
        {0, 3, 2, 2, 3}, {2, 4, 3, 2, 3}, {3, 5, 3, 2, 4},
    };
    if (b->fmt != BRIEF_TEXT)
        return full[l];
    return full[l] - cut[b->squeeze][l];
}

/* ---- values ---- */

static void fmt_tenths(int t, char *buf, size_t len)
{
    snprintf(buf, len, "%d.%d", t / 10, (t < 0 ? -t : t) % 10);
}

/* Tenths as a whole number when they are one: 4, 4.5. */
static void fmt_half(int t, char *buf, size_t len)
{
    if (t % 10 == 0)
        snprintf(buf, len, "%d", t / 10);
    else
        snprintf(buf, len, "%d.%d", t / 10, (t < 0 ? -t : t) % 10);
}

static void fmt_of(size_t n, size_t of, char *buf, size_t len)
{
    if (of == 0)
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%zu of %zu", n, of);
}

static const char *const hl_labels[HL_ROWS] = {
    "Days with a spasm",
    "Episodes",
    "Median pain logged (0-10)",
    "Peak pain logged (0-10)",
    "Median duration",
    "Weekly pain and interference (median)",
    "Nights woken by pain (of answered)",
    "Check-ins: usual activities not done",
};

/* Headline figure k of r, as words ("-": no data). */
static void headline(const struct report *r, int k, char *buf, size_t len)
{
    const struct checkin_stats *d = &r->days;
    int t;
    switch (k) {
    case 0:
        snprintf(buf, len, "%" PRId64 " of %" PRId64, report_days_spasm_days(d),
                 report_days_count(&r->daily));
        break;
    case 1: snprintf(buf, len, "%zu", r->episodes); break;
    case 2:
        t = report_days_median_tenths(r->daily.pain, EPISODE_INTENSITY_MAX + 1, 10);
        if (t < 0)
            snprintf(buf, len, "-");
        else
            fmt_half(t, buf, len);
        break;
    case 3:
        if (r->episodes)
            snprintf(buf, len, "%d", r->peak);
        else
            snprintf(buf, len, "-");
        break;
    case 4:
        if (r->have_median)
            when_format_duration(r->median, buf, len);
        else
            snprintf(buf, len, "-");
        break;
    case 5:
        t = report_days_median_tenths(r->daily.weekly, REPORT_WEEKLY_BINS, 1);
        if (t < 0)
            snprintf(buf, len, "-");
        else
            fmt_tenths(t, buf, len);
        break;
    case 6: fmt_of(d->woken, d->woken_answered, buf, len); break;
    default: fmt_of(d->activities[CHECKIN_ACT_NO], d->checkins, buf, len); break;
    }
}

static void fmt_date(int64_t t, char *buf, size_t len)
{
    char when[WHEN_FMT_LEN];
    when_format(t, when, sizeof when);
    snprintf(buf, len, "%.10s", when);
}

static int64_t period_end(const struct report *r)
{
    return r->to < r->now ? r->to : r->now;
}

/* Copies s into out with blanks joined to one space, cut after `cols`
 * columns, or, when it is cut, after cols - 3 with "..." (ASCII) added:
 * never wider than cols; keeps whole characters. Returns 1 when cut. */
static int clip_at(const char *s, int cols, char *out, size_t outlen)
{
    size_t n = 0, len = strlen(s);
    int w = 0, space = 0;
    for (size_t i = 0; i < len && n + 8 < outlen;) {
        uint32_t cp;
        size_t k = text_decode(s + i, len - i, &cp);
        if (k == 0)
            k = 1;
        if (strchr(" \t\r\n", s[i])) {
            space = n > 0;
            i += k;
            continue;
        }
        int cw = text_cp_width(cp);
        if (w + space + cw > cols) {
            memcpy(out + n, "...", 3);
            out[n + 3] = '\0';
            return 1;
        }
        if (space)
            out[n++] = ' ', w++;
        space = 0;
        memcpy(out + n, s + i, k);
        n += k;
        w += cw;
        i += k;
    }
    out[n] = '\0';
    return 0;
}

/* s in at most cols columns: whole, or cut with "..." after the last
 * whole word when one ends in the second half (a word is not split where
 * the room allows), else where the room ends. */
static void clip(const char *s, int cols, char *out, size_t outlen)
{
    if (!clip_at(s, cols, out, outlen) || !clip_at(s, cols > 3 ? cols - 3 : 0, out, outlen))
        return;
    size_t kept = strlen(out) - 3; /* before the "..." */
    char *blank = NULL;
    for (char *p = out; p < out + kept; p++)
        if (*p == ' ')
            blank = p;
    if (blank && (size_t)(blank - out) > kept / 2) {
        while (blank > out && strchr(",;:", blank[-1]))
            blank--; /* "sore, ..." reads as a list; "sore..." as a cut */
        memcpy(blank, "...", 4);
    }
}

/* ---- html escaping ---- */

static void html_text(FILE *f, const char *s)
{
    char buf[HTML_NOTE_LEN];
    text_clean(s, 0, buf, sizeof buf); /* what a database holds may be anything */
    for (const char *p = buf; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*p, f); break;
        }
    }
}

/* Writes user text s in the format: html escaped, markdown with its
 * marks escaped, text cleaned. */
static void put_user(const struct bo *b, const char *s)
{
    if (b->fmt == BRIEF_HTML) {
        html_text(b->f, s);
        return;
    }
    if (b->fmt == BRIEF_TEXT) {
        text_write_clean(b->f, s, strlen(s), 0);
        return;
    }
    char buf[HTML_NOTE_LEN];
    text_clean(s, 0, buf, sizeof buf);
    for (const char *p = buf; *p; p++) {
        if (strchr("\\`*_{}[]<>()#+-!|&", *p))
            fputc('\\', b->f);
        fputc(*p, b->f);
    }
}

/* ---- layout: headings, tables, lines in three formats ---- */

static void heading(const struct bo *b, const char *title)
{
    switch (b->fmt) {
    case BRIEF_TEXT: fprintf(b->f, "\n%s\n", title); break;
    case BRIEF_MARKDOWN: fprintf(b->f, "\n## %s\n\n", title); break;
    case BRIEF_HTML: fputs("<h2>", b->f); html_text(b->f, title); fputs("</h2>\n", b->f); break;
    }
}

/* A table row of n cells (the first one a label); head: the header row.
 * user: the first cell is the patient's text. */
static void row(const struct bo *b, const char *const *cells, int n, int head, int user)
{
    FILE *f = b->f;
    if (b->fmt == BRIEF_TEXT) {
        char label[CELL * 3];
        clip(cells[0], LABEL_COL - 3, label, sizeof label);
        fputs("  ", f);
        text_write_clean(f, label, strlen(label), 0);
        fprintf(f, "%*s", LABEL_COL - 2 - text_width(label, strlen(label)), "");
        for (int i = 1; i < n; i++)
            fprintf(f, "%*s", n > 3 ? 12 : VALUE_W, cells[i]);
        fputc('\n', f);
        return;
    }
    const char *tag = head ? "th" : "td";
    if (b->fmt == BRIEF_HTML)
        fputs("<tr>", f);
    for (int i = 0; i < n; i++) {
        if (b->fmt == BRIEF_MARKDOWN) {
            fputs(i ? " | " : "| ", f);
            if (i == 0 && user)
                put_user(b, cells[0]);
            else
                fputs(cells[i], f);
        } else {
            fprintf(f, "<%s%s>", tag, i ? " class=\"n\"" : "");
            html_text(f, cells[i]);
            fprintf(f, "</%s>", tag);
        }
    }
    fputs(b->fmt == BRIEF_MARKDOWN ? " |\n" : "</tr>\n", f);
    if (head && b->fmt == BRIEF_MARKDOWN) {
        fputs("|---", f);
        for (int i = 1; i < n; i++)
            fputs("|---:", f);
        fputs("|\n", f);
    }
}

static void table_begin(const struct bo *b, const char *cls)
{
    if (b->fmt == BRIEF_HTML)
        fprintf(b->f, "<table class=\"%s\">\n", cls);
}

static void table_end(const struct bo *b)
{
    if (b->fmt != BRIEF_TEXT)
        fputs(b->fmt == BRIEF_HTML ? "</table>\n" : "\n", b->f);
}

/* A line of words (not the patient's). */
static void line(const struct bo *b, const char *s)
{
    switch (b->fmt) {
    case BRIEF_TEXT: text_wrap(b->f, s, 2, WIDTH); break;
    case BRIEF_MARKDOWN: fprintf(b->f, "%s\n\n", s); break;
    case BRIEF_HTML: fputs("<p>", b->f); html_text(b->f, s); fputs("</p>\n", b->f); break;
    }
}

/* ---- sections ---- */

static void sec_header(const struct bo *b)
{
    const struct report *r = b->cur;
    char from[16], to[16], made[16], buf[160];
    fmt_date(r->from, from, sizeof from);
    fmt_date(period_end(r), to, sizeof to);
    fmt_date(b->o->made, made, sizeof made);
    snprintf(buf, sizeof buf, "Period %s to %s (%" PRId64 " days), made %s", from, to,
             report_days_count(&r->daily), made);
    const char *name = (b->o->omit & BRIEF_OMIT_NAME) ? NULL : b->o->name;
    switch (b->fmt) {
    case BRIEF_TEXT:
        fputs("unknot visit brief: back spasms\n", b->f);
        fprintf(b->f, "%s\nKept by the patient with unknot.", buf);
        break;
    case BRIEF_MARKDOWN:
        fprintf(b->f, "# unknot visit brief: back spasms\n\n%s  \nKept by the patient with unknot.",
                buf);
        break;
    case BRIEF_HTML:
        fputs("<div class=\"head\"><h1>Visit brief: back spasms</h1>\n<p class=\"meta\">", b->f);
        html_text(b->f, buf);
        fputs("<br>Kept by the patient with unknot.", b->f);
        break;
    }
    if (name && *name) {
        fputs(b->fmt == BRIEF_HTML ? " Name: <b>" : " Name: ", b->f);
        put_user(b, name);
        if (b->fmt == BRIEF_HTML)
            fputs("</b>", b->f);
    }
    fputs(b->fmt == BRIEF_HTML ? "</p></div>\n" : "\n", b->f);
}

/* The warning lines of the period, as the full report's opening section
 * lists them: emergency and urgent checks with their yes items, episodes
 * with warning signs. Calls emit for each; returns how many there were. */
static size_t warn_lines(const struct report *r, char lines[][160], size_t max)
{
    size_t n = 0;
    char date[16];
    for (size_t i = r->nwarn_list; i-- > 0 && n < max;) {
        const struct report_check_ref *c = &r->warn_list[i];
        char items[64] = "";
        size_t k = 0;
        for (int it = 1; it <= REDFLAG_COUNT; it++)
            if (c->yes & (UINT32_C(1) << (it - 1)))
                k += (size_t)snprintf(items + k, k < sizeof items ? sizeof items - k : 0,
                                      "%s%d", k ? ", " : "", it);
        fmt_date(c->at, date, sizeof date);
        snprintf(lines[n++], 160, "%s: check of %s%s, yes to item%s %s",
                 redflag_level_title(c->verdict), date, c->complete ? "" : " (partial)",
                 strchr(items, ',') ? "s" : "", items);
    }
    for (size_t i = r->nsign_list; i-- > 0 && n < max;) {
        const struct report_sign_ep *e = &r->sign_list[i];
        char signs[100] = "";
        size_t k = 0;
        for (size_t s = 0; s < e->nsigns; s++)
            k += (size_t)snprintf(signs + k, k < sizeof signs ? sizeof signs - k : 0, "%s%s",
                                  s ? ", " : "", e->signs[s]->words);
        fmt_date(e->at, date, sizeof date);
        snprintf(lines[n++], 160, "%s logged %s (episode #%" PRId64 "): %s",
                 e->level == REDFLAG_EMERGENCY ? "Emergency sign" : "Urgent sign", date, e->id,
                 signs);
    }
    return n;
}

static void box_rule(const struct bo *b, const char *title)
{
    const char *h = b->o->ascii ? "-" : "\xe2\x94\x80";
    fputs(b->o->ascii ? "+" : (title ? "\xe2\x94\x8c" : "\xe2\x94\x94"), b->f);
    int w = 1;
    if (title) {
        fprintf(b->f, "%s %s ", h, title);
        w += 3 + (int)strlen(title);
    }
    for (; w < WIDTH - 1; w++)
        fputs(h, b->f);
    fputs(b->o->ascii ? "+\n" : (title ? "\xe2\x94\x90\n" : "\xe2\x94\x98\n"), b->f);
}

static void box_line(const struct bo *b, const char *s)
{
    char buf[200];
    const char *v = b->o->ascii ? "|" : "\xe2\x94\x82";
    clip(s, WIDTH - 4, buf, sizeof buf);
    fprintf(b->f, "%s %s%*s %s\n", v, buf, WIDTH - 4 - text_width(buf, strlen(buf)), "", v);
}

static void sec_warnings(const struct bo *b)
{
    static const char title[] = "Warning signs in this period";
    const struct report *r = b->cur;
    char lines[MAX_WARN][160];
    size_t n = warn_lines(r, lines, limit(b, L_WARN));
    size_t total = r->warn_checks + r->sign_eps;
    char more[80] = "";
    if (total > n)
        snprintf(more, sizeof more, "and %zu more: see the full report (unknot report)",
                 total - n);
    const char *none = "No emergency or urgent check and no warning sign logged in this period.";
    if (b->fmt == BRIEF_TEXT) {
        fputc('\n', b->f);
        box_rule(b, title);
        if (n == 0)
            box_line(b, none);
        for (size_t i = 0; i < n; i++)
            box_line(b, lines[i]);
        if (*more)
            box_line(b, more);
        box_rule(b, NULL);
        return;
    }
    if (b->fmt == BRIEF_MARKDOWN) {
        fprintf(b->f, "\n> **%s**\n>\n", title);
        if (n == 0)
            fprintf(b->f, "> %s\n", none);
        for (size_t i = 0; i < n; i++)
            fprintf(b->f, "> - %s\n", lines[i]);
        if (*more)
            fprintf(b->f, "> - %s\n", more);
        fputc('\n', b->f);
        return;
    }
    fprintf(b->f, "<div class=\"warn%s\"><h2>%s</h2>\n", n ? " alert" : "", title);
    if (n == 0)
        fprintf(b->f, "<p>%s</p>\n", none);
    else
        fputs("<ul>\n", b->f);
    for (size_t i = 0; i < n; i++) {
        fputs("<li>", b->f);
        html_text(b->f, lines[i]);
        fputs("</li>\n", b->f);
    }
    if (*more)
        fprintf(b->f, "<li>%s</li>\n", more);
    fputs(n ? "</ul></div>\n" : "</div>\n", b->f);
}

static void sec_headline(const struct bo *b)
{
    char cur[CELL], prev[CELL], ph[CELL];
    snprintf(ph, sizeof ph, "previous %" PRId64 " days",
             b->prev ? report_days_count(&b->prev->daily) : 0);
    const char *head[] = {"How it went", "this period", b->prev ? ph : ""};
    int n = b->prev ? 3 : 2;
    if (b->fmt == BRIEF_TEXT)
        fputc('\n', b->f);
    table_begin(b, "hl");
    if (b->fmt == BRIEF_TEXT) {
        fprintf(b->f, "%-*s%*s%*s\n", LABEL_COL, head[0], VALUE_W, head[1], n == 3 ? VALUE_W : 0,
                n == 3 ? head[2] : "");
    } else {
        row(b, head, n, 1, 0);
    }
    for (int k = 0; k < HL_ROWS; k++) {
        headline(b->cur, k, cur, sizeof cur);
        if (b->prev)
            headline(b->prev, k, prev, sizeof prev);
        const char *cells[] = {hl_labels[k], cur, prev};
        row(b, cells, n, 0, 0);
    }
    table_end(b);
    if (b->fmt == BRIEF_TEXT)
        line(b, "Pain: as logged with each episode, 0-10. -: nothing to count.");
}

/* Level 0..7 of a peak pain 0..10 for the sparkline. */
static int spark_level(int pain)
{
    return (pain * 7 + 5) / 10;
}

/* Days per mark so that the line holds at most SPARK_MAX marks. */
static int64_t spark_per(int64_t days)
{
    return days <= SPARK_MAX ? 1 : (days + SPARK_MAX - 1) / SPARK_MAX;
}

static void sec_spark(const struct bo *b)
{
    static const char *const blocks[8] = {
        "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
        "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"};
    static const char ramp[] = "_.-:=+*#";
    const struct report_days *d = &b->cur->daily;
    int64_t days = report_days_count(d), per = spark_per(days);
    char first[16], last[16];
    report_days_date(d->first_day, first, sizeof first);
    report_days_date(d->last_day, last, sizeof last);
    fputc('\n', b->f);
    fprintf(b->f, "%sDaily peak pain, %s to %s (a mark per %" PRId64 " day%s):%s\n",
            b->fmt == BRIEF_MARKDOWN ? "**" : "", first, last, per, per == 1 ? "" : "s",
            b->fmt == BRIEF_MARKDOWN ? "**\n\n" : "");
    fputs(b->fmt == BRIEF_TEXT ? "  " : "    ", b->f); /* markdown: a code block */
    for (int64_t i = 0; i < days; i += per) {
        int peak = REPORT_DAY_NONE;
        for (int64_t j = i; j < i + per && j < days; j++)
            if (report_days_peak(d, j) > peak)
                peak = report_days_peak(d, j);
        if (peak == REPORT_DAY_NONE)
            fputs(b->o->ascii ? " " : " ", b->f);
        else if (b->o->ascii)
            fputc(ramp[spark_level(peak)], b->f);
        else
            fputs(blocks[spark_level(peak)], b->f);
    }
    fputs(b->fmt == BRIEF_MARKDOWN ? "\n\n" : "\n", b->f);
    line(b, b->o->ascii ? "Low _ to high # (0-10); blank: no pain reading that day."
                        : "Low \xe2\x96\x81 to high \xe2\x96\x88 (0-10); blank: no pain "
                          "reading that day.");
}

/* Whether a what-helps row may be shown under the --omit choices. */
static int helps_shown(const struct bo *b, const struct helps_row *h)
{
    return !(h->group == HELPS_MEDICATION && (b->o->omit & BRIEF_OMIT_MEDICATIONS));
}

static void fmt_change(const struct helps_changes *c, char *buf, size_t len)
{
    int64_t med;
    if (helps_median_tenths(c, &med) != 0) {
        snprintf(buf, len, "too few");
        return;
    }
    fmt_half((int)med, buf, len);
    if (med > 0) {
        memmove(buf + 1, buf, strlen(buf) + 1);
        buf[0] = '+';
    }
}

static void more_line(const struct bo *b, size_t n, const char *what)
{
    char buf[120];
    if (n == 0)
        return;
    snprintf(buf, sizeof buf, "And %zu more %s: see the full report.", n, what);
    line(b, buf);
}

static void sec_helps(const struct bo *b)
{
    const struct report_pain *p = &b->cur->pain;
    heading(b, "What I've tried - did it help?");
    size_t shown = 0, left = 0;
    for (size_t i = 0; i < p->nhelps; i++) {
        const struct helps_row *h = &p->helps[i];
        if (!helps_shown(b, h))
            continue;
        if (shown == limit(b, L_HELPS)) {
            left++;
            continue;
        }
        if (shown++ == 0) {
            const char *head[] = {"tried", "uses", "rated", "change"};
            table_begin(b, "t");
            row(b, head, 4, 1, 0);
        }
        char label[CELL * 2], uses[16], rated[16], change[16];
        report_helps_label(h, label, sizeof label);
        snprintf(uses, sizeof uses, "%zu", h->uses);
        snprintf(rated, sizeof rated, "%zu", h->ch.rated);
        fmt_change(&h->ch, change, sizeof change);
        const char *cells[] = {label, uses, rated, change};
        row(b, cells, 4, 0, h->group == HELPS_MEDICATION);
    }
    if (shown == 0) {
        line(b, "No timer sessions or treatments in this period.");
        return;
    }
    table_end(b);
    more_line(b, left, "rows");
    line(b, "Change: the median of pain after minus before (0-10), below zero is less "
            "pain; it needs 3 rated uses.");
}

static void sec_meds(const struct bo *b)
{
    const struct report_pain *p = &b->cur->pain;
    if (b->o->omit & BRIEF_OMIT_MEDICATIONS)
        return;
    heading(b, "Medications taken (as recorded)");
    if (p->nintakes == 0) {
        line(b, "No medication recorded with unknot took in this period.");
        return;
    }
    const char *head[] = {"medication", "days taken", "intakes", "most a day"};
    table_begin(b, "t");
    row(b, head, 4, 1, 0);
    size_t n = p->nintakes < limit(b, L_MEDS) ? p->nintakes : limit(b, L_MEDS);
    for (size_t i = 0; i < n; i++) {
        const struct intake_row *m = &p->intakes[i];
        char days[16], in[16], most[16];
        snprintf(days, sizeof days, "%zu", m->days);
        snprintf(in, sizeof in, "%zu", m->intakes);
        snprintf(most, sizeof most, "%zu", m->most);
        const char *cells[] = {m->name, days, in, most};
        row(b, cells, 4, 0, 1);
    }
    table_end(b);
    more_line(b, p->nintakes - n, "medications");
}

/* The i-th most counted trigger: vocabulary words and typed words
 * together; returns its count (0: none left) and its words in *words. */
static size_t trigger_at(const struct report *r, size_t *used, size_t nused, const char **words)
{
    size_t n, best = 0, best_k = 0;
    const struct vocab *v = episode_vocab(TAG_TRIGGER, &n);
    const struct report_meds *typed = &r->free_text[TAG_TRIGGER];
    for (size_t k = 0; k < n + typed->n; k++) {
        size_t c = k < n ? r->tags[TAG_TRIGGER][k] : typed->meds[k - n].episodes;
        int taken = 0;
        for (size_t u = 0; u < nused; u++)
            taken |= used[u] == k;
        if (!taken && c > best) {
            best = c;
            best_k = k;
        }
    }
    if (best) {
        *words = best_k < n ? v[best_k].label : typed->meds[best_k - n].name;
        used[nused] = best_k;
    }
    return best;
}

static void sec_triggers(const struct bo *b)
{
    size_t used[MAX_TRIGGERS], n = 0;
    const char *words;
    heading(b, "Top triggers (episodes)");
    if (b->fmt == BRIEF_HTML)
        fputs("<p>", b->f);
    else if (b->fmt == BRIEF_TEXT)
        fputs("  ", b->f);
    size_t c;
    while (n < MAX_TRIGGERS && (c = trigger_at(b->cur, used, n, &words)) > 0) {
        char buf[40];
        if (n)
            fputs(", ", b->f);
        clip(words, 24, buf, sizeof buf);
        put_user(b, buf);
        fprintf(b->f, " %zu", c);
        n++;
    }
    if (n == 0)
        fputs("No triggers recorded.", b->f);
    fputs(b->fmt == BRIEF_HTML ? "</p>\n" : "\n", b->f);
}

static void sec_notes(const struct bo *b)
{
    const struct report_days *d = &b->cur->daily;
    if (b->o->omit & BRIEF_OMIT_NOTES)
        return;
    heading(b, "Notes of the most severe episodes");
    if (d->nsevere == 0) {
        line(b, "No episode of this period has a note.");
        return;
    }
    for (size_t i = 0; i < d->nsevere && i < limit(b, L_NOTES); i++) {
        const struct report_severe *s = &d->severe[i];
        char date[16], head[80], note[HTML_NOTE_LEN];
        fmt_date(s->at, date, sizeof date);
        snprintf(head, sizeof head, "%s, pain %d (episode #%" PRId64 "):", date, s->pain, s->id);
        clip(s->note, b->fmt == BRIEF_HTML ? NOTE_HTML : NOTE_COLS, note, sizeof note);
        switch (b->fmt) {
        case BRIEF_TEXT:
            fprintf(b->f, "  %s\n", head);
            text_wrap(b->f, note, 4, WIDTH); /* clip keeps it to two lines */
            break;
        case BRIEF_MARKDOWN:
            fprintf(b->f, "- **%s** ", head);
            put_user(b, note);
            fputs("\n", b->f);
            break;
        case BRIEF_HTML:
            fprintf(b->f, "<p class=\"note\"><b>%s</b> ", head);
            html_text(b->f, note);
            fputs("</p>\n", b->f);
            break;
        }
    }
}

/* One question, numbered k: text wrapped under the number (two lines at
 * most), a markdown list item, an html one. */
static void question_item(const struct bo *b, size_t k, const char *text)
{
    char q[3 * Q_HTML + 8], buf[sizeof q + 24];
    clip(text, b->fmt == BRIEF_HTML ? Q_HTML : Q_COLS, q, sizeof q);
    switch (b->fmt) {
    case BRIEF_TEXT:
        snprintf(buf, sizeof buf, "%zu. %s", k, q);
        text_wrap(b->f, buf, 2, WIDTH); /* cleaned there */
        break;
    case BRIEF_MARKDOWN:
        fprintf(b->f, "%zu. ", k);
        put_user(b, q);
        fputs("\n", b->f);
        break;
    case BRIEF_HTML:
        fputs("<li>", b->f);
        html_text(b->f, q);
        fputs("</li>\n", b->f);
        break;
    }
}

static void sec_questions(const struct bo *b)
{
    const struct brief_questions *qs = b->o->questions;
    if (b->o->omit & BRIEF_OMIT_QUESTIONS)
        return;
    heading(b, "Questions for the visit");
    if (!qs || qs->total == 0) {
        line(b, "No questions written down (unknot question adds one).");
        return;
    }
    size_t n = qs->n < limit(b, L_QUESTIONS) ? qs->n : limit(b, L_QUESTIONS);
    if (b->fmt == BRIEF_HTML)
        fputs("<ol class=\"q\">\n", b->f);
    for (size_t i = 0; i < n; i++)
        question_item(b, i + 1, qs->q[i].text);
    if (b->fmt == BRIEF_HTML)
        fputs("</ol>\n", b->f);
    else if (b->fmt == BRIEF_MARKDOWN)
        fputs("\n", b->f);
    if (qs->total > n) {
        char buf[100];
        snprintf(buf, sizeof buf, "And %zu more: unknot question lists them all.",
                 qs->total - n);
        line(b, buf);
    }
}

static void sec_footer(const struct bo *b)
{
    char buf[200];
    snprintf(buf, sizeof buf, "%s Made with unknot %s.", FLAGS_NOT_MEDICAL_ADVICE,
             b->o->version ? b->o->version : "");
    switch (b->fmt) {
    case BRIEF_TEXT: fputc('\n', b->f); text_wrap(b->f, buf, 0, WIDTH); break;
    case BRIEF_MARKDOWN: fprintf(b->f, "\n---\n\n%s\n", buf); break;
    case BRIEF_HTML:
        fputs("<div class=\"foot\">", b->f);
        html_text(b->f, buf);
        fputs("</div>\n", b->f);
        break;
    }
}

static void write_sections(const struct bo *b)
{
    FILE *f = b->f;
    enum brief_format fmt = b->fmt;
    const struct report *cur = b->cur;
    if (fmt == BRIEF_HTML)
        brief_html_begin(f, b->o->paper);
    sec_header(b);
    sec_warnings(b);
    if (fmt == BRIEF_HTML)
        fputs("<div class=\"cols\"><div>\n", f);
    sec_headline(b);
    if (fmt == BRIEF_HTML) {
        fputs("</div><div>\n", f);
        brief_html_pictures(f, cur);
        fputs("</div></div>\n<div class=\"cols\"><div>\n", f);
    } else {
        sec_spark(b);
    }
    sec_helps(b);
    if (fmt == BRIEF_HTML)
        fputs("</div><div>\n", f);
    sec_meds(b);
    sec_triggers(b);
    if (fmt == BRIEF_HTML)
        fputs("</div></div>\n", f);
    sec_questions(b);
    sec_notes(b);
    sec_footer(b);
    if (fmt == BRIEF_HTML)
        brief_html_end(f);
}

static size_t count_lines(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

/* The text brief: made in memory at squeeze 0, 1, ... until it fits
 * BRIEF_TEXT_LINES (a long history has more warning signs, treatments
 * and notes than the page holds), then written to f. */
static int write_text(struct bo *b, FILE *f)
{
    char buf[TEXT_BUF];
    for (b->squeeze = 0; b->squeeze <= SQUEEZE_MAX; b->squeeze++) {
        b->f = fmemopen(buf, sizeof buf, "w");
        if (!b->f)
            return -1;
        write_sections(b);
        long len = ftell(b->f);
        int bad = ferror(b->f) || len < 0 || (size_t)len >= sizeof buf - 1;
        if (fclose(b->f) != 0 || bad)
            return -1;
        if (count_lines(buf, (size_t)len) <= BRIEF_TEXT_LINES || b->squeeze == SQUEEZE_MAX)
            return fwrite(buf, 1, (size_t)len, f) == (size_t)len && !ferror(f) ? 0 : -1;
    }
    return -1;
}

int report_brief_write(const struct report *cur, const struct report *prev,
                       const struct brief_opts *o, enum brief_format fmt, FILE *f)
{
    if (!cur->done || (prev && !prev->done) || (unsigned)fmt > BRIEF_HTML)
        return -1;
    struct bo b = {.f = f, .fmt = fmt, .o = o, .cur = cur, .prev = prev};
    if (fmt == BRIEF_TEXT)
        return write_text(&b, f);
    write_sections(&b);
    return ferror(f) ? -1 : 0;
}

/* ---- parsing ---- */

int brief_format_parse(const char *text, enum brief_format *out, char *err, size_t errlen)
{
    if (strcasecmp(text, "text") == 0)
        *out = BRIEF_TEXT;
    else if (strcasecmp(text, "markdown") == 0 || strcasecmp(text, "md") == 0)
        *out = BRIEF_MARKDOWN;
    else if (strcasecmp(text, "html") == 0)
        *out = BRIEF_HTML;
    else {
        snprintf(err, errlen, "the brief's format is text, markdown or html, not '%s'", text);
        return -1;
    }
    return 0;
}

int brief_omit_parse(const char *list, unsigned *out, char *err, size_t errlen)
{
    *out = 0;
    const char *p = list;
    for (;;) {
        size_t len = strcspn(p, ",");
        size_t i = 0;
        while (i < COUNT(omit_words) &&
               !(strlen(omit_words[i]) == len && strncasecmp(p, omit_words[i], len) == 0))
            i++;
        if (i == COUNT(omit_words)) {
            snprintf(err, errlen,
                     "--omit takes notes, medications, questions or name, not '%.*s'",
                     (int)(len > 40 ? 40 : len), p);
            return -1;
        }
        *out |= 1u << i;
        if (p[len] == '\0')
            return 0;
        p += len + 1;
    }
}

int brief_paper_parse(const char *text, enum brief_paper *out, char *err, size_t errlen)
{
    if (strcasecmp(text, "a4") == 0)
        *out = BRIEF_A4;
    else if (strcasecmp(text, "letter") == 0)
        *out = BRIEF_LETTER;
    else {
        snprintf(err, errlen, "--paper is a4 or letter, not '%s'", text);
        return -1;
    }
    return 0;
}

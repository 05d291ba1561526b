/* SPDX-License-Identifier: BSD-2-Clause */
/* report: a scrollable preview of the appointment report, or of the visit
 * brief (`v` switches), and its export.
 *
 * The report is rendered by report_from_store, the function behind
 * `unknot report`, into memory (open_memstream); the screen keeps the text
 * and the start of each line (a report is a few hundred lines at most,
 * whatever the history). A period is a number of whole local days ending
 * now: from midnight (days - 1) days ago, so that
 * `unknot report --since YYYY-MM-DD` with the date shown gives the same
 * report. `x` writes the report or brief as previewed (same period, same
 * clock) to a file whose extension picks the format as `unknot report -o`
 * reads it (report_out_from_path: .html is the brief in html); the file
 * is created 0600 through outfile.h, as the command's, and an existing
 * one is replaced only after asking. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/config.h"
#include "src/app/outfile.h"
#include "src/app/report_store.h"
#include "src/util.h"
#include "src/when.h"
#include "ui/textfield.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

#define HINT_MAX 160 /* bytes of a key line */
#define PATH_MAX_BYTES 1024 /* the export file's name, UTF-8 */
#define MSG_LEN 512

static const int period_days[] = {30, 90, 365};
#define NPERIODS ((int)COUNT(period_days))

/* The period `unknot report` takes when given none (report_days): the
 * first listed period at least that long, else the longest. */
static int default_period(void)
{
    for (int i = 0; i < NPERIODS; i++)
        if (period_days[i] >= config_settings()->report_days)
            return i;
    return NPERIODS - 1;
}

struct rpt {
    int period;             /* index into period_days */
    int64_t from, to, now;  /* of the report shown */
    char *text;             /* the rendered report, '\n' replaced by '\0' */
    size_t *lines;          /* offsets of the line starts in text */
    size_t nlines;
    int top;                /* first line shown */
    int failed;             /* the report could not be made: msg says why */
    char msg[MSG_LEN];
    struct textfield tf;    /* the export path while it is edited */
    int exporting;          /* 1: the export line is open (export_keys apply) */
    int brief;              /* 1: the visit brief, 0: the full report */
};


/* The preview's keys; the full report's key line offers the brief and
 * the brief's the full report. The period words fit the key line at 80
 * columns with "lines 1-19 of 190" (the choice itself is on the top line). */
#define REPORT_KEYS(view_bar)                                                                    \
    KEYS_LIST_LINES("scroll down a line", "scroll up a line", "j/k scroll"), KEYS_LIST_PAGES,    \
        KEYS_LIST_ENDS("top of the report", "end of the report"),                              \
        KB_BAR('h', ACT_LEFT, "h / Left", "shorter period (365, 90, 30 days)", "h/l days"),     \
        KB_ALSO(KEY_LEFT, ACT_LEFT), KB('l', ACT_RIGHT, "l / Right", "longer period (30, 90, 365 days)"), \
        KB_ALSO(KEY_RIGHT, ACT_RIGHT),                                                         \
        KB_BAR('v', ACT_VIEW, "v", "switch between the full report and the visit brief",       \
               view_bar),                                                                      \
        KB_BAR('x', ACT_SAVE, "x", "export: write what is shown to a file (.txt .md .html; the " \
               "full report also .csv .json)", "x export"),                                    \
        KEYS_BACK("back to home", "q back"), KEYS_HELP_HINT, KB_END

static const struct keybind report_keys[] = {REPORT_KEYS("v brief")};
static const struct keybind brief_keys[] = {REPORT_KEYS("v full")};

/* `?` is text in a file name, so help moves to F1 (as in history's filter). */
static const struct keybind export_keys[] = {
    KEYS_ENTER(ACT_SELECT, "write the file (its extension picks the format)", "Enter write"),
    KB_BAR(KEY_ESC, ACT_BACK, "Esc", "cancel the export", "Esc cancel"),
    KEYS_TEXT_LINE,
    KB_END,
};

/* ---------------------------------------------------------------------
 * The report in memory */

static void text_free(struct rpt *r)
{
    free(r->text);
    free(r->lines);
    r->text = NULL;
    r->lines = NULL;
    r->nlines = 0;
}

/* Cuts r->text (len bytes) into lines. Returns 0, or -1 out of memory. */
static int split_lines(struct rpt *r, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += r->text[i] == '\n';
    r->lines = malloc((n + 1) * sizeof *r->lines);
    if (!r->lines)
        return -1;
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (r->text[i] != '\n')
            continue;
        r->text[i] = '\0';
        r->lines[r->nlines++] = start;
        start = i + 1;
    }
    if (start < len) /* a last line without its line end */
        r->lines[r->nlines++] = start;
    return 0;
}

/* The brief's options: made now, nothing omitted; the name line is the
 * command's (--name). */
static struct brief_opts brief_opts_of(const struct rpt *r)
{
    return (struct brief_opts){.made = r->now, .version = UNKNOT_VERSION};
}

/* Renders the report (or brief) of the current period as seen now. */
static void render(struct app *app, struct rpt *r)
{
    size_t len = 0;
    text_free(r);
    r->failed = 0;
    r->top = 0;
    r->now = app_now(app);
    r->to = r->now;
    r->from = when_days_start(r->now, period_days[r->period]);
    FILE *f = open_memstream(&r->text, &len);
    struct report_out out = {.brief = r->brief, .fmt = REPORT_TEXT, .bfmt = BRIEF_TEXT};
    struct brief_opts bo = brief_opts_of(r);
    int rc = f ? report_out_write(app_store(app), &out, &bo, r->from, r->to, r->now, f, r->msg,
                                  sizeof r->msg)
               : -1;
    if (!f)
        snprintf(r->msg, sizeof r->msg, "cannot make the report: %s", strerror(errno));
    if (f && fclose(f) != 0 && rc == 0) {
        snprintf(r->msg, sizeof r->msg, "cannot make the report: out of memory");
        rc = -1;
    }
    if (rc == 0 && split_lines(r, len) != 0) {
        snprintf(r->msg, sizeof r->msg, "cannot show the report: out of memory");
        rc = -1;
    }
    if (rc != 0) {
        text_free(r);
        r->failed = 1;
        app_status(app, "%s", r->msg);
    }
}

static const char *line_at(const struct rpt *r, size_t i)
{
    return r->text + r->lines[i];
}

/* ---------------------------------------------------------------------
 * Drawing */

static int view_top(void)
{
    return ui_body_top() + 2; /* below the period line and a blank */
}

static int view_rows(void)
{
    int rows = ui_body_bottom() - view_top(); /* the bottom row is for hints */
    return rows > 1 ? rows : 1;
}

/* A title is the line above a row of '-' or '=' (the text format's rule). */
static int is_rule(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s != '-' && *s != '=')
            return 0;
    return 1;
}

static void draw_period(const struct rpt *r)
{
    char from[WHEN_FMT_LEN], to[WHEN_FMT_LEN], choice[64] = "";
    size_t used = 0;
    when_format(r->from, from, sizeof from);
    when_format(r->to, to, sizeof to);
    ui_putf(ui_body_top(), 1, COLS - 2, A_BOLD, "Last %d days: %s to %s",
            period_days[r->period], from, to);
    for (int i = 0; i < NPERIODS; i++)
        used += (size_t)snprintf(choice + used, sizeof choice - used,
                                 i == r->period ? "%s[%d]" : "%s%d", i ? " " : "",
                                 period_days[i]);
    int w = ui_width(choice) + 11;
    if (COLS - 2 - w > 50)
        ui_putf(ui_body_top(), COLS - 1 - w, w, ui_attr(UC_DIM), "h/l days: %s", choice);
}

static void draw_lines(const struct rpt *r)
{
    int y = view_top();
    for (size_t i = (size_t)r->top; i < r->nlines && y < view_top() + view_rows(); i++, y++) {
        const char *s = line_at(r, i);
        int title = i + 1 < r->nlines && is_rule(line_at(r, i + 1));
        ui_put(y, 1, COLS - 2, s, title ? A_BOLD : A_NORMAL);
    }
}

static void draw_hint(const struct rpt *r)
{
    char where[64] = "";
    int last = r->top + view_rows();
    if (r->nlines > (size_t)view_rows())
        snprintf(where, sizeof where, "  lines %d-%d of %zu", r->top + 1,
                 last < (int)r->nlines ? last : (int)r->nlines, r->nlines);
    char keys[HINT_MAX];
    ui_hint_text(r->brief ? brief_keys : report_keys, 0, "  ", keys, sizeof keys);
    ui_putf(ui_body_bottom(), 1, COLS - 2, ui_attr(UC_DIM), "%s%s", keys, where);
}

static void draw_body(struct rpt *r)
{
    draw_period(r);
    if (r->failed) {
        ui_put_wrapped(view_top(), 2, COLS - 4, ui_body_bottom() - 1, r->msg, A_NORMAL);
        return;
    }
    /* A resize reaches no handler: keep the view inside the text here. */
    int max = (int)r->nlines - view_rows();
    if (r->top > max)
        r->top = max > 0 ? max : 0;
    draw_lines(r);
}

static void preview_draw(struct app *app, struct screen *s)
{
    (void)app;
    struct rpt *r = s->data;
    draw_body(r);
    draw_hint(r);
}

static void export_draw(struct app *app, struct screen *s)
{
    (void)app;
    struct rpt *r = s->data;
    char hint[HINT_MAX] = "  ";
    ui_hint_text(export_keys, 0, "  ", hint + 2, sizeof hint - 2);
    int hint_w = ui_width(hint);
    int y = ui_body_bottom();
    draw_body(r);
    int x = 1 + ui_put(y, 1, 12, "Export to: ", A_BOLD);
    textfield_draw(&r->tf, y, x, COLS - x - hint_w - 1, A_UNDERLINE, 1);
    ui_put(y, COLS - hint_w - 1, hint_w, hint, ui_attr(UC_DIM));
}

/* ---------------------------------------------------------------------
 * Keys of the preview */

static void scroll_to(struct rpt *r, int top)
{
    int max = (int)r->nlines - view_rows();
    if (top > max)
        top = max;
    r->top = top > 0 ? top : 0;
}

static void set_period(struct app *app, struct rpt *r, int delta)
{
    int p = r->period + delta;
    if (p < 0 || p >= NPERIODS) {
        app_status(app, "The periods are 30, 90 and 365 days.");
        return;
    }
    r->period = p;
    render(app, r);
}

/* The suggested file: ~/unknot-report-YYYY-MM-DD.txt, today's date; the
 * brief, to print: ~/unknot-brief-YYYY-MM-DD.html. */
static void export_open(struct app *app, struct screen *s)
{
    struct rpt *r = s->data;
    char when[WHEN_FMT_LEN], path[64];
    if (r->failed) {
        app_status(app, "There is no report to export: %s", r->msg);
        return;
    }
    when_format(r->now, when, sizeof when);
    snprintf(path, sizeof path, r->brief ? "~/unknot-brief-%.10s.html" : "~/unknot-report-%.10s.txt",
             when);
    if (textfield_set(&r->tf, path) != 0) {
        app_status(app, "Out of memory");
        return;
    }
    r->exporting = 1;
}

static int preview_handle(struct app *app, struct screen *s, const struct ui_key *key,
                          enum action act)
{
    (void)key;
    struct rpt *r = s->data;
    switch (act) {
    case ACT_DOWN: scroll_to(r, r->top + 1); break;
    case ACT_UP: scroll_to(r, r->top - 1); break;
    case ACT_PGDN: scroll_to(r, r->top + view_rows()); break;
    case ACT_PGUP: scroll_to(r, r->top - view_rows()); break;
    case ACT_TOP: scroll_to(r, 0); break;
    case ACT_BOTTOM: scroll_to(r, (int)r->nlines); break;
    case ACT_LEFT: set_period(app, r, -1); break;
    case ACT_RIGHT: set_period(app, r, 1); break;
    case ACT_SAVE: export_open(app, s); break;
    case ACT_VIEW:
        r->brief = !r->brief;
        render(app, r);
        break;
    case ACT_BACK: return UI_POP;
    default: break;
    }
    return UI_OK;
}

/* ---------------------------------------------------------------------
 * The export line */

/* The typed path without surrounding blanks, "~/" read as $HOME/. */
static int export_path(struct rpt *r, char *out, size_t len)
{
    char text[PATH_MAX_BYTES + 1];
    const char *home = getenv("HOME");
    textfield_get(&r->tf, text, sizeof text);
    char *p = text + strspn(text, " \t");
    size_t n = strlen(p);
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        p[--n] = '\0';
    if (n == 0)
        return -1;
    if (p[0] == '~' && p[1] == '/' && home && *home)
        n = (size_t)snprintf(out, len, "%s%s", home, p + 1);
    else
        n = (size_t)snprintf(out, len, "%s", p);
    return n < len ? 0 : -1;
}

/* Creates the file, asking before it replaces one. Returns 0 with *of
 * open, 1 when the user kept the existing file, -1 on an error (status). */
static int export_create(struct app *app, const char *path, struct outfile *of)
{
    char err[MSG_LEN], question[MSG_LEN];
    int rc = outfile_open(of, path, 0, store_path(app_store(app)), err, sizeof err);
    if (rc == OUTFILE_EXISTS) {
        snprintf(question, sizeof question, "%.400s exists. Replace it?", path);
        if (!app_confirm(app, question))
            return 1;
        rc = outfile_open(of, path, 1, store_path(app_store(app)), err, sizeof err);
    }
    if (rc != 0) {
        app_status(app, "Not exported: %s", err);
        return -1;
    }
    return 0;
}

/* Writes the previewed report; returns 0 when the file is complete. */
static int export_write(struct app *app, struct rpt *r, const char *path)
{
    char err[MSG_LEN];
    struct outfile of;
    struct report_out out;
    struct brief_opts bo = brief_opts_of(r);
    if (report_out_from_path(path, r->brief, &out, err, sizeof err) != 0) {
        app_status(app, "Not exported: %s", err);
        return -1;
    }
    int rc = export_create(app, path, &of);
    if (rc != 0) {
        if (rc > 0)
            app_status(app, "Not exported: %s is kept as it was.", path);
        return -1;
    }
    if (report_out_write(app_store(app), &out, &bo, r->from, r->to, r->now, of.f, err,
                         sizeof err) != 0) {
        outfile_abort(&of);
        app_status(app, "Not exported: %s", err);
        return -1;
    }
    if (outfile_commit(&of, err, sizeof err) != 0) {
        app_status(app, "Not exported: %s", err);
        return -1;
    }
    /* The words of `unknot report -o`. */
    app_status(app, "Wrote the %s to %s.", out.brief ? "brief" : "report", path);
    return 0;
}

static int export_handle(struct app *app, struct screen *s, const struct ui_key *key,
                         enum action act)
{
    struct rpt *r = s->data;
    char path[PATH_MAX_BYTES + 1];
    switch (act) {
    case ACT_SELECT:
        if (export_path(r, path, sizeof path) != 0)
            app_status(app, "Give the name of the file to write, e.g. ~/report.txt");
        else if (export_write(app, r, path) == 0)
            r->exporting = 0;
        break;
    case ACT_BACK:
        r->exporting = 0;
        app_status(app, "Not exported.");
        break;
    case ACT_HELP: break;
    default:
        if (textfield_key(&r->tf, key) == TF_FULL)
            app_status(app, "The file name takes at most %d bytes.", PATH_MAX_BYTES);
    }
    return UI_OK;
}

/* ---------------------------------------------------------------------
 * The screen's life */

static void report_leave(struct app *app, struct screen *s)
{
    (void)app;
    struct rpt *r = s->data;
    if (!r)
        return;
    text_free(r);
    textfield_free(&r->tf);
    free(r);
    s->data = NULL;
}

/* While the export line is open every printable key is text: only the
 * keys, the title and the bottom line differ. */
static const struct screen_mode preview_mode = {"Appointment report", report_keys};
static const struct screen_mode export_mode = {"Appointment report: export", export_keys};
static const struct screen_mode brief_mode = {"Visit brief", brief_keys};
static const struct screen_mode brief_export_mode = {"Visit brief: export", export_keys};

static const struct screen_mode *report_mode(const struct screen *s)
{
    const struct rpt *r = s->data;
    if (r && r->brief)
        return r->exporting ? &brief_export_mode : &brief_mode;
    return r && r->exporting ? &export_mode : &preview_mode;
}

static void report_draw(struct app *app, struct screen *s)
{
    const struct rpt *r = s->data;
    if (r->exporting)
        export_draw(app, s);
    else
        preview_draw(app, s);
}

static int report_handle(struct app *app, struct screen *s, const struct ui_key *key,
                         enum action act)
{
    const struct rpt *r = s->data;
    return r->exporting ? export_handle(app, s, key, act) : preview_handle(app, s, key, act);
}

static const struct screen_ops report_ops = {
    .mode = report_mode,
    .draw = report_draw,
    .handle = report_handle,
    .leave = report_leave,
};

int screen_report_open(struct app *app)
{
    struct rpt *r = app_alloc(app, sizeof(*r));
    if (!r)
        return -1;
    r->period = default_period();
    textfield_init(&r->tf, PATH_MAX_BYTES);
    render(app, r);
    return app_push(app, &report_ops, r);
}

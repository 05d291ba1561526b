/* check: the red-flag checklist, one item at a time, then the verdict.
 *
 * Stores exactly what `unknot check` stores (src/cli_health.c): the verdict
 * record check_from_answers builds, in one store_check_add. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/redflags.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

#define HINT_MAX 160 /* bytes of a key line */
#define UNANSWERED (-1)
#define LINE_MAX_BYTES 512
#define LEAVE_QUESTION "Leave the checklist? Your answers are not saved."

enum phase {
    PH_ASK,     /* answering the items */
    PH_UNSAVED, /* all answered, the store refused: the verdict shows, r retries */
    PH_SAVED,   /* stored: the verdict shows, a key goes home */
};

struct checklist {
    enum phase phase;
    int cur;                        /* index of the item shown, 0-based */
    signed char ans[REDFLAG_COUNT]; /* UNANSWERED, 0 or 1 */
    int explain;                    /* 1: the explanation of cur shows */
    enum redflag_level level;       /* the verdict, once all are answered */
    struct check chk;               /* what is (to be) stored; id once saved */
    char err[STORE_ERR_LEN];
};

/* `?` explains the item here, so help moves to F1 (the loop opens help for
 * ACT_HELP only), and the help lists F1 instead of `?`. */
/* Modes of the key lines: an item, the verdict saved, the verdict not saved. */
enum { M_ITEM = 1, M_SAVED = 2, M_FAILED = 4 };

static const struct keybind check_keys[] = {
    KB_BAR_IN(M_ITEM, 'y', ACT_YES, "y", "yes", "y yes"),
    KB_ALSO('Y', ACT_YES),
    KB_BAR_IN(M_ITEM, 'n', ACT_NO, "n", "no", "n no"),
    KB_ALSO('N', ACT_NO),
    KB_BAR_IN(M_ITEM, '?', ACT_EXPLAIN, "?", "explain this item", "? explain"),
    KB_BAR_IN(M_ITEM, KEY_LEFT, ACT_LEFT, "Left / Bksp / k", "back to the previous item",
              "Left back"),
    KEYS_BACKSPACE(ACT_LEFT, NULL, NULL),
    KB_ALSO('k', ACT_LEFT),
    KB(KEY_RIGHT, ACT_RIGHT, "Right", "next item, keeping the answer given"),
    KB_BAR_IN(M_FAILED, 'r', ACT_SAVE, "r", "try saving again (after an error)",
              "r: try saving again"),
    KEYS_ENTER_IN(M_SAVED, ACT_SELECT, "back home (on the verdict)",
                  "Enter, q or Esc: back to home"),
    KB_BAR_IN(M_ITEM, 'q', ACT_BACK, "q / Esc", "leave the checklist", "q leave"),
    KB_ALSO(KEY_ESC, ACT_BACK),
    KB_HINT(M_FAILED, 'q', ACT_BACK, "q: leave without saving"),
    KB_BAR_IN(M_ITEM, KEY_F(1), ACT_HELP, "F1", "this help", "F1 help"),
    KB_END,
};

/* ---- drawing helpers ---- */

/* The key line of mode, three blanks apart (the answers read apart). */
static void draw_keys(int y, unsigned mode, attr_t attr)
{
    char line[HINT_MAX];
    ui_hint_text(check_keys, mode, "   ", line, sizeof(line));
    ui_put(y, 2, COLS - 4, line, attr);
}

/* Draws one line of multi-line advice per row from y; returns the next
 * row. The not-medical-advice line is left out: the footer carries it. */
static int draw_advice(int y, int x, attr_t attr, enum redflag_level lv)
{
    const char *advice = redflag_level_advice(lv);
    while (*advice) {
        size_t n = strcspn(advice, "\n");
        char line[LINE_MAX_BYTES];
        snprintf(line, sizeof(line), "%.*s", (int)n, advice);
        if (strcmp(line, REDFLAGS_NOT_MEDICAL_ADVICE) != 0)
            ui_put(y++, x, COLS - x - 2, line, attr);
        advice += n + (advice[n] == '\n');
    }
    return y;
}

/* A full-width band with the emergency title and advice: reverse video
 * without colour, so it stands out on any terminal. Returns the next row. */
static int draw_emergency_band(int y)
{
    attr_t a = ui_attr(UC_EMERGENCY);
    int rows = 4; /* padding, title, advice ..., padding */
    for (const char *p = redflag_level_advice(REDFLAG_EMERGENCY); *p; p++)
        rows += *p == '\n';
    attron(a);
    for (int i = 0; i < rows; i++)
        mvhline(y + i, 0, ' ', COLS);
    attroff(a);
    ui_put(y + 1, 2, COLS - 4, redflag_level_title(REDFLAG_EMERGENCY), a);
    draw_advice(y + 2, 2, a, REDFLAG_EMERGENCY);
    return y + rows;
}

static attr_t level_attr(enum redflag_level lv)
{
    switch (lv) {
    case REDFLAG_EMERGENCY: return ui_attr(UC_EMERGENCY);
    case REDFLAG_URGENT: return ui_attr(UC_URGENT);
    case REDFLAG_SEE_DOCTOR: return ui_attr(UC_MODERATE);
    default: return ui_attr(UC_OK);
    }
}

static void draw_footer(void)
{
    ui_put(ui_body_bottom(), 2, COLS - 4, REDFLAGS_NOT_MEDICAL_ADVICE, ui_attr(UC_DIM));
}

/* ---- the items ---- */

static int answered_count(const struct checklist *c)
{
    int n = 0;
    for (int i = 0; i < REDFLAG_COUNT; i++)
        n += c->ans[i] != UNANSWERED;
    return n;
}

/* An emergency sign answered yes, whatever item is shown now. */
static int emergency_yes(const struct checklist *c)
{
    for (int i = 0; i < REDFLAG_COUNT; i++)
        if (c->ans[i] == 1 && redflags_item(i + 1)->level == REDFLAG_EMERGENCY)
            return 1;
    return 0;
}

static int draw_progress(int y, const struct checklist *c)
{
    char bar[REDFLAG_COUNT + 1];
    int done = answered_count(c);
    for (int i = 0; i < REDFLAG_COUNT; i++)
        bar[i] = i < done ? '#' : '.';
    bar[REDFLAG_COUNT] = '\0';
    ui_putf(y, 2, COLS - 4, A_NORMAL, "[%s] %d/%d", bar, done, REDFLAG_COUNT);
    return y + 1;
}

/* The question, its answer if one was given, and the explanation on `?`.
 * The item's level is not shown: it would bias the answer. */
static void draw_item(const struct checklist *c, int y)
{
    const struct redflag_item *item = redflags_item(c->cur + 1);
    int hints = ui_body_bottom() - 2;
    ui_putf(y++, 2, COLS - 4, A_BOLD, "Item %d of %d", item->number, REDFLAG_COUNT);
    y = draw_progress(y, c) + 1;
    y = ui_put_wrapped(y, 2, COLS - 4, hints - 2, item->question, A_BOLD) + 1;
    if (c->ans[c->cur] != UNANSWERED) { /* back here to change it: say what it was */
        ui_putf(y, 2, COLS - 4, A_NORMAL, "You answered %s. Press y or n to change it%s.",
                c->ans[c->cur] ? "yes" : "no",
                c->cur + 1 < REDFLAG_COUNT ? ", Right to keep it" : "");
        y += 2;
    }
    if (c->explain)
        ui_put_wrapped(y, 4, COLS - 6, hints - 2, item->explain, A_NORMAL);
    draw_keys(hints, M_ITEM, A_BOLD);
}

/* ---- the verdict ---- */

/* Draws one answered-yes item, wrapped under its number; returns the next row. */
static int draw_yes_item(const struct redflag_item *item, int y)
{
    ui_putf(y, 2, 4, A_NORMAL, "%2d.", item->number);
    return ui_put_wrapped(y, 6, COLS - 8, y + REDFLAG_COUNT, item->question, A_NORMAL);
}

/* The items answered yes from row y down to last; the ones that do not fit
 * are named by number on the last row, so none is silently dropped. */
static void draw_yes_items(const struct checklist *c, int y, int last)
{
    int left = 0;
    char rest[LINE_MAX_BYTES] = "";
    size_t used = 0;
    for (int i = 0; i < REDFLAG_COUNT; i++)
        left += c->ans[i] == 1;
    if (left == 0) {
        ui_put(y, 2, COLS - 4, "You answered no to every item.", A_NORMAL);
        return;
    }
    ui_put(y++, 2, COLS - 4, "You answered yes to:", A_BOLD);
    for (int i = 0; i < REDFLAG_COUNT; i++) {
        if (c->ans[i] != 1)
            continue;
        const struct redflag_item *item = redflags_item(i + 1);
        int room = last - y + 1 - (left > 1); /* keep a row for the rest */
        left--;
        if (!used && ui_wrapped_rows(item->question, COLS - 8) <= room) {
            y = draw_yes_item(item, y);
        } else if (used < sizeof(rest)) {
            int w =
                snprintf(rest + used, sizeof(rest) - used, "%s%d", used ? ", " : "", item->number);
            used += w > 0 ? (size_t)w : 0;
        }
    }
    if (used)
        ui_putf(y, 6, COLS - 8, A_NORMAL, "and %s %s (unknot checks lists them)",
                strchr(rest, ',') ? "items" : "item", rest);
}

static void draw_verdict(const struct checklist *c)
{
    int y = ui_body_top();
    int bottom = ui_body_bottom();
    if (c->level == REDFLAG_EMERGENCY) {
        y = draw_emergency_band(y) + 1;
    } else {
        y++;
        ui_put(y++, 2, COLS - 4, redflag_level_title(c->level), level_attr(c->level));
        y = draw_advice(y, 2, c->level == REDFLAG_URGENT ? A_BOLD : A_NORMAL, c->level) + 1;
    }
    draw_yes_items(c, y, bottom - 4);
    if (c->phase == PH_SAVED) {
        ui_putf(bottom - 2, 2, COLS - 4, A_BOLD, "Saved as check %" PRId64 ".", c->chk.id);
        draw_keys(bottom - 1, M_SAVED, A_NORMAL);
    } else {
        ui_putf(bottom - 2, 2, COLS - 4, ui_attr(UC_URGENT), "Not saved: %s", c->err);
        draw_keys(bottom - 1, M_FAILED, A_BOLD);
    }
}

static void check_draw(struct app *app, struct screen *s)
{
    (void)app;
    const struct checklist *c = s->data;
    if (c->phase != PH_ASK) {
        draw_verdict(c);
    } else {
        int y = ui_body_top();
        /* An emergency sign answered yes stays on top of every later item;
         * the band's own bottom padding separates it from the item. */
        y = emergency_yes(c) ? draw_emergency_band(y) : y + 1;
        draw_item(c, y);
    }
    draw_footer();
}

/* ---- keys ---- */

/* Stores the check; on failure the verdict still shows, with the error. */
static void save(struct app *app, struct checklist *c)
{
    c->err[0] = '\0';
    if (store_check_add(app_store(app), &c->chk, c->err, sizeof(c->err)) != STORE_OK) {
        c->phase = PH_UNSAVED;
        app_status(app, "The check was not saved: press r to try again.");
        return;
    }
    c->phase = PH_SAVED;
}

/* All items answered: the verdict, and the record as the CLI writes it. */
static void finish(struct app *app, struct checklist *c)
{
    unsigned char answers[REDFLAG_COUNT];
    for (int i = 0; i < REDFLAG_COUNT; i++)
        answers[i] = c->ans[i] == 1;
    check_from_answers(app_now(app), answers, &c->chk);
    c->level = c->chk.verdict;
    save(app, c);
}

static void answer(struct app *app, struct checklist *c, int yes)
{
    c->ans[c->cur] = (signed char)yes;
    c->explain = 0;
    if (c->cur + 1 < REDFLAG_COUNT)
        c->cur++;
    else
        finish(app, c);
}

static void move_to(struct app *app, struct checklist *c, int delta)
{
    int to = c->cur + delta;
    if (to < 0) {
        app_status(app, "This is the first item.");
        return;
    }
    /* Forward only over answered items: none may be skipped, and the last
     * one is left with y or n, which is what ends the checklist. */
    if (delta > 0 && (to >= REDFLAG_COUNT || c->ans[c->cur] == UNANSWERED)) {
        app_status(app, to >= REDFLAG_COUNT ? "This is the last item: y or n finishes."
                                            : "Answer this item first: y or n.");
        return;
    }
    c->cur = to;
    c->explain = 0;
}

/* Leaving throws the answers away, so ask when there are some. */
static int leave(struct app *app, const struct checklist *c)
{
    if (c->phase == PH_SAVED || answered_count(c) == 0)
        return UI_POP;
    return app_confirm(app, LEAVE_QUESTION) ? UI_POP : UI_OK;
}

static int handle_ask(struct app *app, struct checklist *c, enum action act)
{
    switch (act) {
    case ACT_YES: answer(app, c, 1); break;
    case ACT_NO: answer(app, c, 0); break;
    case ACT_EXPLAIN: c->explain = !c->explain; break;
    case ACT_LEFT: move_to(app, c, -1); break;
    case ACT_RIGHT: move_to(app, c, 1); break;
    case ACT_BACK: return leave(app, c);
    case ACT_HELP: break; /* UI_OK with ACT_HELP: the loop opens the help */
    default: app_status(app, "Answer with y (yes) or n (no); ? explains the item.");
    }
    return UI_OK;
}

static int handle_unsaved(struct app *app, struct checklist *c, enum action act)
{
    switch (act) {
    case ACT_SAVE: save(app, c); break;
    case ACT_BACK: return leave(app, c);
    case ACT_HELP: break;
    default: app_status(app, "Not saved yet: r tries again, q leaves without saving.");
    }
    return UI_OK;
}

/* Any key goes home, except the answer keys: one typed ahead after the
 * last item must not hide the verdict before it was read. */
static int handle_saved(struct app *app, enum action act)
{
    switch (act) {
    case ACT_YES:
    case ACT_NO:
    case ACT_EXPLAIN:
        app_status(app, "The checklist is done: Enter, q or Esc goes back to home.");
        return UI_OK;
    case ACT_HELP: return UI_OK;
    default: return UI_POP;
    }
}

static int check_handle(struct app *app, struct screen *s, const struct ui_key *key,
                        enum action act)
{
    (void)key;
    struct checklist *c = s->data;
    switch (c->phase) {
    case PH_ASK: return handle_ask(app, c, act);
    case PH_UNSAVED: return handle_unsaved(app, c, act);
    default: return handle_saved(app, act);
    }
}

static int check_dirty(struct screen *s)
{
    const struct checklist *c = s->data;
    return c->phase != PH_SAVED && answered_count(c) > 0;
}

static const struct screen_ops screen_check = {
    .title = "Red-flag checklist",
    .keys = check_keys,
    .draw = check_draw,
    .handle = check_handle,
    .dirty = check_dirty,
};

int screen_check_open(struct app *app)
{
    struct checklist *c = app_alloc(app, sizeof(*c));
    if (!c)
        return -1;
    memset(c->ans, UNANSWERED, sizeof(c->ans));
    return app_push(app, &screen_check, c);
}

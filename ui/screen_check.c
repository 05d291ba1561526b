/* SPDX-License-Identifier: BSD-2-Clause */
/* check: the red-flag checklist, one item at a time, then the verdict.
 *
 * Answers are never lost (CONTENT.md): an emergency yes shows the verdict
 * at once and stores the check, partial, with an offer to stop there;
 * from then on every answer saves the same check again (check_update,
 * store_check_save), as `unknot check` does (src/app/cli_health.c).
 * Leaving after any yes (q, Esc, a signal) stores the answers given; a
 * run of no's left part way stores nothing. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/check.h"
#include "src/redflags.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

#define HINT_MAX 160 /* bytes of a key line */
#define LINE_MAX_BYTES 512
#define LEAVE_QUESTION "Leave the checklist? Your answers are not saved."

enum phase {
    PH_ASK,     /* answering the items */
    PH_UNSAVED, /* finished or left, the store refused: the verdict shows, r retries */
    PH_SAVED,   /* stored: the verdict shows, a key goes home */
};

struct checklist {
    enum phase phase;
    int cur;                          /* index of the item shown, 0-based */
    unsigned char ans[REDFLAG_COUNT]; /* CHECK_NO, _YES, _UNSURE or _NOT_ASKED */
    int explain;                      /* 1: the explanation of cur shows */
    int leaving;                      /* 1: the store refused as q left: pop once saved */
    struct check chk;                 /* what is (to be) stored; id once saved */
    char err[STORE_ERR_LEN];          /* why the last save failed; "" when it did not */
};

/* `?` explains the item here, so help moves to F1 (the loop opens help for
 * ACT_HELP only), and the help lists F1 instead of `?`. */
/* Modes of the key lines: an item, an item after an emergency yes, the
 * verdict saved, the verdict not saved; on an item, whether k (an item
 * before) and j (answered, an item after) go anywhere: the line lists
 * only the keys that do something there. */
enum { M_ITEM = 1, M_STOP = 2, M_SAVED = 4, M_FAILED = 8, M_BACK = 16, M_NEXT = 32 };

static const struct keybind check_keys[] = {
    KB_BAR_IN(M_ITEM, 'y', ACT_YES, "y", "yes", "y yes"),
    KB_ALSO('Y', ACT_YES),
    KB_BAR_IN(M_ITEM, 'n', ACT_NO, "n", "no", "n no"),
    KB_ALSO('N', ACT_NO),
    KB_BAR_IN(M_ITEM, 'u', ACT_UNSURE, "u", "not sure (neither yes nor no)", "u not sure"),
    KB_ALSO('U', ACT_UNSURE),
    KB_BAR_IN(M_ITEM, '?', ACT_EXPLAIN, "?", "explain this item", "? explain"),
    KB_BAR_IN(M_BACK, 'k', ACT_LEFT, "k / Left / Bksp", "back to the previous item", "k back"),
    KB_ALSO(KEY_LEFT, ACT_LEFT),
    KEYS_BACKSPACE(ACT_LEFT, NULL, NULL),
    KB_BAR_IN(M_NEXT, 'j', ACT_RIGHT, "j / Right", "next item, keeping the answer given",
              "j next"),
    KB_ALSO(KEY_RIGHT, ACT_RIGHT),
    KB_BAR_IN(M_STOP, 's', ACT_END, "s", "after an emergency answer: stop, see the verdict",
              "s stop here"),
    KB_BAR_IN(M_FAILED, 'r', ACT_SAVE, "r", "try saving again (after an error)",
              "r: try saving again"),
    KEYS_ENTER_IN(M_SAVED, ACT_SELECT, "on the verdict: back home; else as s",
                  "Enter, q or Esc: back to home"),
    KB_BAR_IN(M_ITEM, 'q', ACT_BACK, "q / Esc", "leave (after a yes, or not sure to an urgent sign, the answers are saved)",
              "q leave"),
    KB_ALSO(KEY_ESC, ACT_BACK),
    KB_HINT(M_FAILED, 'q', ACT_BACK, "q: leave without saving"),
    KB_BAR_IN(M_ITEM, KEY_F(1), ACT_HELP, "F1", "this help", UI_HELP_BAR_F1),
    KB_END,
};

/* ---- drawing helpers ---- */

/* The key line of mode, three blanks apart (the answers read apart), or
 * two when three do not fit. */
static void draw_keys(int y, unsigned mode, attr_t attr)
{
    char line[HINT_MAX];
    if (ui_hint_text(check_keys, mode, "   ", line, sizeof(line)) > (size_t)(COLS - 4))
        ui_hint_text(check_keys, mode, "  ", line, sizeof(line));
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

/* The not-medical-advice line, never under an emergency or urgent verdict:
 * nothing may soften an instruction to act now ("if you are worried"). */
static void draw_footer(enum redflag_level shown)
{
    if (shown < REDFLAG_URGENT)
        ui_put_not_advice(ui_body_bottom());
}

/* ---- the items ---- */

static int answered_count(const struct checklist *c)
{
    int n = 0;
    for (int i = 0; i < REDFLAG_COUNT; i++)
        n += c->ans[i] != CHECK_NOT_ASKED;
    return n;
}

static int any_yes(const struct checklist *c)
{
    for (int i = 0; i < REDFLAG_COUNT; i++)
        if (c->ans[i] == CHECK_YES)
            return 1;
    return 0;
}

/* Answers that leaving part way must keep: a yes, or "not sure" to an
 * emergency or urgent item (its advice is to act now or today). */
static int must_keep(const struct checklist *c)
{
    for (int i = 0; i < REDFLAG_COUNT; i++)
        if (c->ans[i] == CHECK_YES ||
            (c->ans[i] == CHECK_UNSURE && redflags_item(i + 1)->level >= REDFLAG_URGENT))
            return 1;
    return 0;
}

/* An emergency sign answered yes, whatever item is shown now. */
static int emergency_yes(const struct checklist *c)
{
    for (int i = 0; i < REDFLAG_COUNT; i++)
        if (c->ans[i] == CHECK_YES && redflags_item(i + 1)->level == REDFLAG_EMERGENCY)
            return 1;
    return 0;
}

/* What the answers would store: kept stored from the first save on. */
static int keeps_stored(const struct checklist *c)
{
    return c->chk.id != 0 || emergency_yes(c);
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

/* Under the emergency band: the check is stored (or why not) and how to
 * stop. Returns the next row. */
static int draw_stop_offer(const struct checklist *c, int y)
{
    if (c->chk.id != 0)
        ui_putf(y++, 2, COLS - 4, A_BOLD, "Saved as check %" PRId64 " (partial: %d of %d asked).",
                c->chk.id, check_answer_count(&c->chk), REDFLAG_COUNT);
    else
        ui_putf(y++, 2, COLS - 4, ui_attr(UC_URGENT), "Not saved yet: %s", c->err);
    ui_putf(y++, 2, COLS - 4, A_NORMAL,
            "Press s to stop here and see what to do, or answer item %d to go on.", c->cur + 1);
    return y + 1;
}

static const char *answer_word(unsigned char a)
{
    return a == CHECK_YES ? "yes" : a == CHECK_UNSURE ? "not sure" : "no";
}

/* The key line's mode on an item: k where there is an item before, j
 * where this one is answered and there is one after (move_to's rule). */
static unsigned item_mode(const struct checklist *c, int emergency)
{
    unsigned mode = M_ITEM | (emergency ? M_STOP : 0u);
    if (c->cur > 0)
        mode |= M_BACK;
    if (c->cur + 1 < REDFLAG_COUNT && c->ans[c->cur] != CHECK_NOT_ASKED)
        mode |= M_NEXT;
    return mode;
}

/* The question, its answer if one was given, and the explanation on `?`.
 * The item's level is not shown: it would bias the answer. Under an
 * emergency the footer gives way, so the keys take its row. */
static void draw_item(const struct checklist *c, int y, int emergency)
{
    const struct redflag_item *item = redflags_item(c->cur + 1);
    int hints = emergency ? ui_body_bottom() : ui_body_bottom() - 2;
    int last = emergency ? hints - 1 : hints - 2; /* the band took rows: no gap above the keys */
    ui_putf(y++, 2, COLS - 4, A_BOLD, "Item %d of %d", item->number, REDFLAG_COUNT);
    y = draw_progress(y, c) + 1;
    y = ui_put_wrapped(y, 2, COLS - 4, last, item->question, A_BOLD) + 1;
    if (c->ans[c->cur] != CHECK_NOT_ASKED) { /* back here to change it: say what it was */
        ui_putf(y, 2, COLS - 4, A_NORMAL, "You answered %s. Press y, n or u to change it%s.",
                answer_word(c->ans[c->cur]), c->cur + 1 < REDFLAG_COUNT ? ", j to keep it" : "");
        y += 2;
    }
    if (c->explain)
        ui_put_wrapped(y, 4, COLS - 6, last, item->explain, A_NORMAL);
    draw_keys(hints, item_mode(c, emergency), A_BOLD);
}

/* ---- the verdict ---- */

/* Draws one answered item, wrapped under its number; returns the next row. */
static int draw_answered_item(const struct redflag_item *item, int y)
{
    ui_putf(y, 2, 4, A_NORMAL, "%2d.", item->number);
    return ui_put_wrapped(y, 6, COLS - 8, y + REDFLAG_COUNT, item->question, A_NORMAL);
}

/* The items given `answer` under heading, from row y down to last; the ones
 * that do not fit are named by number on the last row, so none is silently
 * dropped. Returns the next row (y when there is none). */
static int draw_answered(const struct checklist *c, unsigned char answer, const char *heading,
                         int y, int last)
{
    int left = 0;
    char rest[LINE_MAX_BYTES] = "";
    size_t used = 0;
    for (int i = 0; i < REDFLAG_COUNT; i++)
        left += c->ans[i] == answer;
    if (left == 0 || y > last)
        return y;
    ui_put(y++, 2, COLS - 4, heading, A_BOLD);
    for (int i = 0; i < REDFLAG_COUNT; i++) {
        if (c->ans[i] != answer)
            continue;
        const struct redflag_item *item = redflags_item(i + 1);
        int room = last - y + 1 - (left > 1); /* keep a row for the rest */
        left--;
        if (!used && ui_wrapped_rows(item->question, COLS - 8) <= room) {
            y = draw_answered_item(item, y);
        } else if (used < sizeof(rest)) {
            int w =
                snprintf(rest + used, sizeof(rest) - used, "%s%d", used ? ", " : "", item->number);
            used += w > 0 ? (size_t)w : 0;
        }
    }
    if (used)
        ui_putf(y++, 6, COLS - 8, A_NORMAL, "and %s %s (unknot checks lists them)",
                strchr(rest, ',') ? "items" : "item", rest);
    return y;
}

/* What was answered yes, then not sure, from row y down to last. */
static void draw_answers(const struct checklist *c, int y, int last)
{
    if (!any_yes(c) && !check_unsure_count(&c->chk)) {
        ui_put(y, 2, COLS - 4, "You answered no to every item.", A_NORMAL);
        return;
    }
    y = draw_answered(c, CHECK_YES, "You answered yes to:", y, last);
    draw_answered(c, CHECK_UNSURE, "You were not sure about:", y, last);
}

/* "Not sure: items 1, 20." and what to do, wrapped from row y, bold when
 * it asks to act now or today. Returns the next row (y when none). */
static int draw_unsure_advice(const struct check *chk, int y, int last)
{
    char text[CHECK_UNSURE_TEXT_LEN];
    if (check_unsure_text(chk, text, sizeof text) == 0)
        return y;
    attr_t a = check_unsure_level(chk) >= REDFLAG_URGENT ? A_BOLD : A_NORMAL;
    return ui_put_wrapped(y, 2, COLS - 4, last, text, a);
}

/* The level the verdict screen speaks at: the verdict's, or that of a
 * doubt that asks more (its footer and colour follow it). */
static enum redflag_level shown_level(const struct check *chk)
{
    enum redflag_level u = check_unsure_level(chk);
    return u > chk->verdict ? u : chk->verdict;
}

/* "Saved as check 3." and, for one left part way, how much was asked. */
static void draw_saved(const struct checklist *c, int y)
{
    if (c->chk.complete)
        ui_putf(y, 2, COLS - 4, A_BOLD, "Saved as check %" PRId64 ".", c->chk.id);
    else
        ui_putf(y, 2, COLS - 4, A_BOLD,
                "Saved as check %" PRId64 " (partial: %d of %d asked; you stopped there).",
                c->chk.id, check_answer_count(&c->chk), REDFLAG_COUNT);
}

static void draw_verdict(const struct checklist *c)
{
    int y = ui_body_top();
    int bottom = ui_body_bottom();
    enum redflag_level lv = c->chk.verdict;
    /* A doubt that asks more than the verdict comes before its advice:
     * the more urgent reading first (CONTENT.md, Principle 2). */
    int doubt_first = check_unsure_level(&c->chk) > lv;
    if (lv == REDFLAG_EMERGENCY) {
        y = draw_emergency_band(y);
    } else {
        enum redflag_level shown = shown_level(&c->chk);
        y++;
        ui_put(y++, 2, COLS - 4, check_title(&c->chk),
               level_attr(shown > REDFLAG_URGENT ? REDFLAG_URGENT : shown));
        if (doubt_first)
            y = draw_unsure_advice(&c->chk, y, bottom - 4);
        y = draw_advice(y, 2, lv == REDFLAG_URGENT ? A_BOLD : A_NORMAL, lv);
    }
    if (!doubt_first && check_unsure_count(&c->chk))
        y = draw_unsure_advice(&c->chk, y + 1, bottom - 4);
    draw_answers(c, y + 1, bottom - 4);
    if (c->phase == PH_SAVED) {
        draw_saved(c, bottom - 2);
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
        draw_footer(shown_level(&c->chk));
        return;
    }
    /* An emergency sign answered yes stays on top of every later item,
     * before anything else; the band's own bottom padding separates it. */
    int emergency = emergency_yes(c);
    int y = ui_body_top();
    if (emergency)
        y = draw_stop_offer(c, draw_emergency_band(y));
    else
        y++;
    draw_item(c, y, emergency);
    draw_footer(emergency ? REDFLAG_EMERGENCY : REDFLAG_CLEAR);
}

/* ---- keys ---- */

/* Stores the answers so far: a new check the first time, the same one
 * after. Returns 0, or -1 with the store's message in c->err. */
static int store_answers(struct app *app, struct checklist *c)
{
    check_update(&c->chk, app_now(app), c->ans);
    c->err[0] = '\0';
    return store_check_save(app_store(app), &c->chk, c->err, sizeof(c->err)) == STORE_OK ? 0
                                                                                        : -1;
}

/* Ends the checklist on its verdict: all answered, or stopped after an
 * emergency yes. On failure the verdict still shows, with the error. */
static void finish(struct app *app, struct checklist *c)
{
    if (store_answers(app, c) != 0) {
        c->phase = PH_UNSAVED;
        app_status(app, "The check was not saved: press r to try again.");
        return;
    }
    c->phase = PH_SAVED;
}

/* a: CHECK_YES, CHECK_NO or CHECK_UNSURE. */
static void answer(struct app *app, struct checklist *c, unsigned char a)
{
    c->ans[c->cur] = a;
    c->explain = 0;
    if (c->cur + 1 == REDFLAG_COUNT) {
        finish(app, c);
        return;
    }
    c->cur++;
    /* Stored at the first emergency yes, then kept up to date: whatever
     * ends the app next, the answers given are in the store. A failure
     * shows under the band and is tried again at the next answer. */
    if (keeps_stored(c))
        (void)store_answers(app, c);
}

static void move_to(struct app *app, struct checklist *c, int delta)
{
    int to = c->cur + delta;
    if (to < 0) {
        app_status(app, "This is the first item.");
        return;
    }
    /* Forward only over answered items: none may be skipped, and the last
     * one is left with y, n or u, which is what ends the checklist. */
    if (delta > 0 && (to >= REDFLAG_COUNT || c->ans[c->cur] == CHECK_NOT_ASKED)) {
        app_status(app, to >= REDFLAG_COUNT ? "This is the last item: y, n or u finishes."
                                            : "Answer this item first: y, n or u.");
        return;
    }
    c->cur = to;
    c->explain = 0;
}

/* s (or Enter) after an emergency yes: the verdict of the answers given. */
static void stop(struct app *app, struct checklist *c)
{
    if (!emergency_yes(c)) {
        app_status(app, "s stops the checklist after an emergency answer; q leaves.");
        return;
    }
    finish(app, c);
}

/* "Saved as check 3 (partial: 2 of 20 asked)." on the status line. */
static void status_saved(struct app *app, const struct checklist *c)
{
    if (c->chk.complete)
        app_status(app, "Saved as check %" PRId64 ".", c->chk.id);
    else
        app_status(app, "Saved as check %" PRId64 " (partial: %d of %d asked).", c->chk.id,
                   check_answer_count(&c->chk), REDFLAG_COUNT);
}

/* Leaving part way. After a yes, or a doubt about an emergency or urgent
 * item, the answers are stored, never dropped behind a question; only
 * no's (and doubts about see-a-doctor items) are left behind, asking
 * first. When the store refuses, the verdict shows with the error and r. */
static int leave(struct app *app, struct checklist *c)
{
    if (c->phase == PH_SAVED || answered_count(c) == 0)
        return UI_POP;
    /* The store refused already (q a second time), or nothing to keep. */
    if (c->phase == PH_UNSAVED || (!must_keep(c) && c->chk.id == 0))
        return app_confirm(app, LEAVE_QUESTION) ? UI_POP : UI_OK;
    int doubt_only = !any_yes(c) && c->chk.id == 0;
    if (store_answers(app, c) != 0) {
        c->phase = PH_UNSAVED;
        c->leaving = 1;
        app_status(app, "The answers were not saved: press r to try again.");
        return UI_OK;
    }
    status_saved(app, c);
    /* A doubt about an emergency or urgent sign was never answered with
     * its advice (a yes was, at once): the verdict shows it before home. */
    if (!doubt_only)
        return UI_POP;
    c->phase = PH_SAVED;
    return UI_OK;
}

static int handle_ask(struct app *app, struct checklist *c, enum action act)
{
    switch (act) {
    case ACT_YES: answer(app, c, CHECK_YES); break;
    case ACT_NO: answer(app, c, CHECK_NO); break;
    case ACT_UNSURE: answer(app, c, CHECK_UNSURE); break;
    case ACT_EXPLAIN: c->explain = !c->explain; break;
    case ACT_LEFT: move_to(app, c, -1); break;
    case ACT_RIGHT: move_to(app, c, 1); break;
    case ACT_END:
    case ACT_SELECT: stop(app, c); break;
    case ACT_BACK: return leave(app, c);
    case ACT_HELP: break; /* UI_OK with ACT_HELP: the loop opens the help */
    default: app_status(app, "Answer with y (yes), n (no) or u (not sure); ? explains the item.");
    }
    return UI_OK;
}

static int handle_unsaved(struct app *app, struct checklist *c, enum action act)
{
    switch (act) {
    case ACT_SAVE:
        if (store_answers(app, c) != 0)
            break;
        c->phase = PH_SAVED;
        if (c->leaving) { /* q had asked to go */
            status_saved(app, c);
            return UI_POP;
        }
        break;
    case ACT_BACK: return leave(app, c); /* without saving, asking first */
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
    case ACT_UNSURE:
    case ACT_EXPLAIN:
    case ACT_END:
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

/* Unsaved changes: only no's (which leaving drops), or a save that failed.
 * Answers must_keep keeps are stored by shutdown, so Ctrl-C need not ask. */
static int check_dirty(struct screen *s)
{
    const struct checklist *c = s->data;
    if (c->phase == PH_ASK)
        return answered_count(c) > 0 && !must_keep(c) && c->chk.id == 0;
    return c->phase == PH_UNSAVED;
}

/* SIGTERM, SIGHUP or any other end of the app: the answers given are
 * stored as they stand when must_keep says so (or the check is stored
 * already). */
static void check_shutdown(struct app *app, struct screen *s)
{
    struct checklist *c = s->data;
    if (c->phase == PH_SAVED || (!must_keep(c) && c->chk.id == 0))
        return;
    (void)store_answers(app, c); /* the app is ending: nowhere left to say it failed */
}

static const struct screen_ops screen_check = {
    .title = "Red-flag checklist",
    .keys = check_keys,
    .draw = check_draw,
    .handle = check_handle,
    .dirty = check_dirty,
    .shutdown = check_shutdown,
};

int screen_check_open(struct app *app)
{
    struct checklist *c = app_alloc(app, sizeof(*c));
    if (!c)
        return -1;
    memset(c->ans, CHECK_NOT_ASKED, sizeof(c->ans));
    return app_push(app, &screen_check, c);
}

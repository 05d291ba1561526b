/* SPDX-License-Identifier: BSD-2-Clause */
/* form: the episode form, for a new episode and for editing one.
 *
 * It builds the episode the way `unknot log` and `unknot edit` do
 * (src/cli.c): episode_init or the stored episode, the fields, tags through
 * episode_add_tag, then episode_validate against app_now, so every message
 * is the CLI's. An edit changes only what the user changed: a field whose
 * text (or ticks) equals what the form opened with keeps the stored value,
 * so the start keeps its seconds and a tag list keeps its order.
 *
 * The symptoms are two fields: the warning signs (src/warnsign.h) have
 * their own, always shown in full, emergencies on the first lines. When the
 * form is taller than the terminal (80x24), as few of the other word lists
 * as it takes show only their ticked words (never the one being edited),
 * and beyond that the form scrolls. A save that tells of a new warning sign or
 * nerve symptom hands over to the advice screen (ui/screen_advice.c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/history.h"
#include "src/episode.h"
#include "src/episode_text.h"
#include "src/text.h"
#include "src/warnsign.h"
#include "src/when.h"
#include "ui/textfield.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

#define LABEL_X 2
#define LABEL_W 11
#define VALUE_X 14 /* a 12-column label column, then the values */
#define TIME_FIELD_W 24
#define TIME_TEXT_MAX 64
/* Every medication tag of a stored episode joined with "; " must fit. */
#define MEDS_TEXT_MAX (EPISODE_MAX_TAGS * (EPISODE_TAG_MAX + 2))
#define CHIPS_MAX (EPISODE_MAX_TAGS + 16)
#define NLISTS 5 /* the FT_CHIPS fields, F_TRIGGERS .. F_RELIEF */
#define ERR_ROWS 2 /* at least: an error gets as many as it wraps to */
#define ERR_LEN UNKNOT_ERR_LEN
#define INTENSITY_UNSET (-1)

enum field {
    F_START,
    F_END,
    F_INTENSITY,
    F_REGION,
    F_SIDE,
    F_TRIGGERS,
    F_FEEL,
    F_SYMPTOMS,
    F_WARNINGS,
    F_RELIEF,
    F_MEDS,
    F_NOTES,
    F_COUNT
};

enum ftype { FT_TEXT, FT_INTENSITY, FT_CHOICE, FT_CHIPS };

/* The words a FT_CHIPS field offers of its kind's vocabulary. */
enum words { W_ALL, W_PLAIN, W_SIGNS }; /* W_PLAIN: no warning sign; W_SIGNS: only them */

static const struct {
    const char *label; /* a second word after '\n' goes on the next row */
    enum ftype type;
    const char *hint;
    enum tag_kind kind; /* FT_CHIPS: its tags and words */
    enum words words;
    const char *ask; /* a list that takes the patient's own words: the question */
} fields[F_COUNT] = {
    [F_START] = {"Start", FT_TEXT,
                 "When it began: now, 14:30, yesterday 9:00, 2026-11-20 14:30, 3h ago"},
    [F_END] = {"End", FT_TEXT, "empty = ongoing, a time, or a duration like 2h"},
    [F_INTENSITY] = {"Intensity", FT_INTENSITY,
                     "0-9 or Left/Right (1 0 = 10): 0 none, 1-3 mild, 4-6 moderate, 7-10 severe"},
    [F_REGION] = {"Region", FT_CHOICE, "Where it hurts: Left/Right or Space to change"},
    [F_SIDE] = {"Side", FT_CHOICE, "Which side (- = not said): Left/Right or Space"},
    [F_TRIGGERS] = {"Triggers", FT_CHIPS,
                    "What set it off: Left/Right move, Space ticks; [+] other: your words",
                    TAG_TRIGGER, W_ALL, "What else set it off?"},
    [F_FEEL] = {"Feels like", FT_CHIPS,
                "What the pain feels like: Left/Right move, Space ticks; [+] other: your words",
                TAG_FEEL, W_ALL, "What else does it feel like?"},
    [F_SYMPTOMS] = {"Symptoms", FT_CHIPS,
                    "What you feel: Left/Right move, Space ticks; [+] other: your words",
                    TAG_SYMPTOM, W_PLAIN, "What else do you feel?"},
    [F_WARNINGS] = {"Warning\nsigns", FT_CHIPS,
                    "Tick any you have (Space): saving then shows what to do at once",
                    TAG_SYMPTOM, W_SIGNS},
    [F_RELIEF] = {"Relief", FT_CHIPS,
                  "What you tried: Left/Right move, Space ticks; [+] other: your words",
                  TAG_RELIEF, W_ALL, "What else did you try?"},
    [F_MEDS] = {"Medication", FT_TEXT,
                "Name and dose; separate several with ;  (ibuprofen 400 mg; heat gel)"},
    [F_NOTES] = {"Notes", FT_TEXT, "Anything else worth remembering"},
};

/* One tickable word of a list: a vocabulary entry, or a tag the stored
 * episode has outside the vocabulary ("other:TEXT"), kept so it survives. */
struct chip {
    const char *label; /* what is shown */
    const char *text;  /* the tag: a vocabulary code or the stored text */
    int on, on0;       /* ticked now / when the form opened */
    int brk;           /* starts a new line (the urgent signs after the emergencies) */
    int add;           /* "[+] other", the last of a list: Space asks for a word */
};

struct chiplist {
    size_t n, cur;
    struct chip chips[CHIPS_MAX];
};

struct form {
    int64_t id; /* 0: a new episode */
    struct episode orig;
    struct textfield tf[F_COUNT]; /* used by the FT_TEXT fields */
    char *init[F_COUNT];          /* their text when the form opened */
    int intensity, intensity0, region, region0, side, side0;
    int pending_one; /* '1' was just typed on Intensity: a '0' makes 10 */
    struct chiplist lists[NLISTS];
    enum field focus;
    int scroll; /* first form row shown, when the form is taller than the body */
    char err[ERR_LEN];
    enum field bad; /* the field err is about, marked; F_COUNT: none */
    /* The words typed on "[+] other" ("other:TEXT"), which their chips point to. */
    char others[EPISODE_MAX_TAGS][EPISODE_TAG_MAX + 1];
    size_t nothers;
};

/* Where things go this frame; recomputed from COLS/LINES each time. */
struct layout {
    int top, avail; /* first screen row of the form, rows it may use */
    int width, gap; /* value column width, columns between chips */
    int row[F_COUNT], nrows[F_COUNT], total;
    int folded[NLISTS]; /* the list shows only its ticked words */
};

/* Only the non-character keys and the keys of non-text fields: in a text
 * field every character is text (the handler offers keys to the text
 * field first). '?' is mapped to nothing so the loop's global `?` does not
 * open the help over a '?' typed into a field; the handler opens it
 * outside a text field. The key line and the title say F1, the key that
 * helps in every field. */

static const struct keybind form_keys[] = {
    KB_BAR('\t', ACT_NEXT_FIELD, "Tab", "next field", "Tab next"),
    KB_BAR(KEY_BTAB, ACT_PREV_FIELD, "Shift-Tab", "previous field", "Shift-Tab previous"),
    KEYS_ARROWS("previous field, or the line above in a list",
                "next field, or the next line of a list",
                "lower intensity, previous choice or word", "higher intensity, next choice or word"),
    KB('0', ACT_NONE, "0-9", "set the intensity (1 then 0 for 10)"),
    KB(' ', ACT_TOGGLE, "Space", "tick or untick a word; next choice"),
    KEYS_ENTER(ACT_SELECT, "next field; saves on the last field", NULL),
    KB_BAR(KEY_F(2), ACT_SAVE, "F2 / Ctrl-S", "save the episode", "F2 save"),
    KB_ALSO(KEY_CTRL('S'), ACT_SAVE),
    KB_BAR(KEY_ESC, ACT_BACK, "Esc / q", "leave (asks first when something changed)",
           "Esc leave"),
    KB_ALSO('q', ACT_BACK),
    KB_ALSO('?', ACT_NONE),
    KB_BAR(KEY_F(1), ACT_HELP, "F1", "this help (outside a text field ? too)", UI_HELP_BAR_F1),
    KB_END,
};

_Static_assert(F_RELIEF - F_TRIGGERS + 1 == NLISTS, "the FT_CHIPS fields are F_TRIGGERS..F_RELIEF");

static enum tag_kind list_kind(int k)
{
    return fields[F_TRIGGERS + k].kind;
}

static struct chiplist *list_of(struct form *f, enum field i)
{
    return fields[i].type == FT_CHIPS ? &f->lists[i - F_TRIGGERS] : NULL;
}

static const struct chiplist *list_at(const struct form *f, enum field i)
{
    return fields[i].type == FT_CHIPS ? &f->lists[i - F_TRIGGERS] : NULL;
}

static int is_blank(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

/* ---- what changed ---- */

static int text_changed(const struct form *f, enum field i)
{
    return !textfield_equals(&f->tf[i], f->init[i]);
}

static int list_changed(const struct chiplist *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->chips[i].on != l->chips[i].on0)
            return 1;
    return 0;
}

static int form_changed(const struct form *f)
{
    for (int i = 0; i < F_COUNT; i++)
        if (fields[i].type == FT_TEXT && text_changed(f, (enum field)i))
            return 1;
    for (int k = 0; k < NLISTS; k++)
        if (list_changed(&f->lists[k]))
            return 1;
    return f->intensity != f->intensity0 || f->region != f->region0 || f->side != f->side0;
}

/* A new episode takes every field; an edit only the changed ones. */
static int use_text(const struct form *f, enum field i)
{
    return f->id == 0 || text_changed(f, i);
}

/* ---- from the fields to an episode ---- */

static int resolve_start(const struct form *f, int64_t now, int64_t *out, char *err, size_t errlen)
{
    char buf[TIME_TEXT_MAX + 1];
    if (!use_text(f, F_START)) {
        *out = f->orig.started_at;
        return 0;
    }
    textfield_get(&f->tf[F_START], buf, sizeof(buf));
    return when_parse(buf, now, out, err, errlen);
}

/* End: empty is ongoing; a DUR counts from the start; else a WHEN. A DUR is
 * tried first only when it parses, so a bad end gets when_parse's message
 * (the one `unknot log --ended` prints). */
static int resolve_end(const struct form *f, int64_t now, int64_t start, int64_t *out, char *err,
                       size_t errlen)
{
    char buf[TIME_TEXT_MAX + 1], ignored[ERR_LEN];
    int64_t dur;
    if (!use_text(f, F_END)) {
        *out = f->orig.ended_at;
        return 0;
    }
    textfield_get(&f->tf[F_END], buf, sizeof(buf));
    if (is_blank(buf)) {
        *out = EPISODE_ONGOING;
        return 0;
    }
    if (when_parse_duration(buf, &dur, ignored, sizeof(ignored)) == 0) {
        *out = start + dur;
        return 0;
    }
    return when_parse(buf, now, out, err, errlen);
}

static struct chip *find_chip(struct chiplist *l, const char *text)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->chips[i].text, text) == 0)
            return &l->chips[i];
    return NULL;
}

/* The chip of a tag among the lists of its kind, or NULL. */
static struct chip *chip_of(struct form *f, enum tag_kind kind, const char *text)
{
    struct chip *c = NULL;
    for (int k = 0; !c && k < NLISTS; k++)
        if (list_kind(k) == kind)
            c = find_chip(&f->lists[k], text);
    return c;
}

static int kind_changed(const struct form *f, enum tag_kind kind)
{
    for (int k = 0; k < NLISTS; k++)
        if (list_kind(k) == kind && list_changed(&f->lists[k]))
            return 1;
    return 0;
}

/* Replaces the tags of one kind (the symptoms are two lists): the stored
 * ones still ticked, in their order, then the newly ticked ones in the
 * order shown. */
static int build_kind(struct form *f, enum tag_kind kind, struct episode *ep)
{
    episode_clear_tags(ep, kind);
    for (size_t t = 0; t < f->orig.ntags; t++) {
        const struct episode_tag *tag = &f->orig.tags[t];
        struct chip *c = tag->kind == kind ? chip_of(f, kind, tag->text) : NULL;
        if (c && c->on && episode_add_tag(ep, kind, c->text, f->err, sizeof(f->err)) != 0)
            return -1;
    }
    for (int k = 0; k < NLISTS; k++) {
        const struct chiplist *l = &f->lists[k];
        for (size_t i = 0; list_kind(k) == kind && i < l->n; i++) {
            const struct chip *c = &l->chips[i];
            if (c->on && !c->on0 &&
                episode_add_tag(ep, kind, c->text, f->err, sizeof(f->err)) != 0)
                return -1;
        }
    }
    return 0;
}

/* Each ";"-separated piece of the Medication field is one tag. */
static int build_meds(struct form *f, struct episode *ep)
{
    char *buf = malloc(MEDS_TEXT_MAX + 1);
    int rc = 0;
    if (!buf) {
        snprintf(f->err, sizeof(f->err), "out of memory");
        return -1;
    }
    textfield_get(&f->tf[F_MEDS], buf, MEDS_TEXT_MAX + 1);
    episode_clear_tags(ep, TAG_MEDICATION);
    for (char *p = buf; rc == 0 && p;) {
        char *semi = strchr(p, ';');
        if (semi)
            *semi = '\0';
        if (!is_blank(p) && episode_add_tag(ep, TAG_MEDICATION, p, f->err, sizeof(f->err)) != 0)
            rc = -1;
        p = semi ? semi + 1 : NULL;
    }
    free(buf);
    return rc;
}

static int build_note(struct form *f, struct episode *ep)
{
    if (textfield_get(&f->tf[F_NOTES], ep->note, sizeof(ep->note)) > EPISODE_NOTE_MAX) {
        snprintf(f->err, sizeof(f->err), "notes too long: at most %d bytes", EPISODE_NOTE_MAX);
        return -1;
    }
    return 0;
}

/* The form's field for the field episode_validate_field blamed; F_COUNT
 * (none: the focus stays) for a problem of the whole episode. */
static enum field field_at_fault(enum episode_field ef)
{
    static const enum field of[] = {
        [EPISODE_FIELD_START] = F_START,         [EPISODE_FIELD_END] = F_END,
        [EPISODE_FIELD_INTENSITY] = F_INTENSITY, [EPISODE_FIELD_REGION] = F_REGION,
        [EPISODE_FIELD_SIDE] = F_SIDE,           [EPISODE_FIELD_TRIGGERS] = F_TRIGGERS,
        [EPISODE_FIELD_FEEL] = F_FEEL,           [EPISODE_FIELD_SYMPTOMS] = F_SYMPTOMS,
        [EPISODE_FIELD_RELIEF] = F_RELIEF,
        [EPISODE_FIELD_MEDICATION] = F_MEDS,     [EPISODE_FIELD_NOTES] = F_NOTES,
    };
    if (ef == EPISODE_FIELD_NONE || (size_t)ef >= sizeof(of) / sizeof(of[0]))
        return F_COUNT;
    return of[ef];
}

static int fail_at(enum field *bad, enum field at)
{
    *bad = at;
    return -1;
}

/* Builds the episode the form describes into ep. Returns 0, or -1 with the
 * message in f->err and *bad set to the field to fix. */
static int form_build(struct form *f, int64_t now, struct episode *ep, enum field *bad)
{
    if (f->id)
        *ep = f->orig;
    else
        episode_init(ep);
    if (resolve_start(f, now, &ep->started_at, f->err, sizeof(f->err)) != 0)
        return fail_at(bad, F_START);
    if (resolve_end(f, now, ep->started_at, &ep->ended_at, f->err, sizeof(f->err)) != 0)
        return fail_at(bad, F_END);
    if (f->intensity == INTENSITY_UNSET) {
        snprintf(f->err, sizeof(f->err),
                 "give the intensity: a whole number from 0 (none) to 10 (worst)");
        return fail_at(bad, F_INTENSITY);
    }
    ep->intensity = f->intensity;
    ep->region = (enum region)f->region;
    ep->side = (enum side)f->side;
    for (int k = 0; k < NLISTS; k++) {
        enum tag_kind kind = list_kind(k);
        if (k > 0 && list_kind(k - 1) == kind)
            continue; /* the lists of a kind are side by side: built with the first */
        if ((f->id == 0 || kind_changed(f, kind)) && build_kind(f, kind, ep) != 0)
            return fail_at(bad, (enum field)(F_TRIGGERS + k));
    }
    if (use_text(f, F_MEDS) && build_meds(f, ep) != 0)
        return fail_at(bad, F_MEDS);
    if (use_text(f, F_NOTES) && build_note(f, ep) != 0)
        return fail_at(bad, F_NOTES);
    enum episode_field ef;
    if (episode_validate_field(ep, now, &ef, f->err, sizeof(f->err)) != 0)
        return fail_at(bad, field_at_fault(ef));
    return 0;
}

/* ---- saving and leaving ---- */

#define SAVED_NOTHING "; nothing was saved"

/* The other episodes around the one being saved (history_episode_others):
 * the ongoing ones begun before it, which a new episode may end, and those
 * that overlap it in its region. A few ids, and the first of each in words. */
#define OTHERS_IDS 3
struct others {
    const struct episode *ep;
    size_t before, overlaps, overlaps_ended; /* overlaps_ended: also ongoing before */
    int64_t before_ids[OTHERS_IDS];
    char before_brief[EPISODE_TEXT_BRIEF_MAX], overlap_brief[EPISODE_TEXT_BRIEF_MAX];
    char overlap_kept_brief[EPISODE_TEXT_BRIEF_MAX]; /* the first one "end" leaves */
};

static void note_other(const struct episode *other, unsigned why, void *arg)
{
    struct others *o = arg;
    int before = (why & HISTORY_OTHER_ONGOING) && other->started_at < o->ep->started_at;
    if (before) {
        if (o->before < OTHERS_IDS)
            o->before_ids[o->before] = other->id;
        if (o->before++ == 0)
            episode_text_brief(other, o->before_brief, sizeof(o->before_brief));
    }
    if (!(why & HISTORY_OTHER_OVERLAPS))
        return;
    if (o->overlaps++ == 0)
        episode_text_brief(other, o->overlap_brief, sizeof(o->overlap_brief));
    if (before)
        o->overlaps_ended++;
    else if (!o->overlap_kept_brief[0])
        episode_text_brief(other, o->overlap_kept_brief, sizeof(o->overlap_kept_brief));
}

/* What to do with the ongoing episodes begun before a new one. */
enum ending { END_NONE, END_KEEP, END_THEM, END_BACK };

/* Asks whether the ongoing episodes begun before the new one end at its
 * start; END_NONE when there are none. */
static enum ending ask_ending(struct app *app, const struct others *o)
{
    char msg[EPISODE_TEXT_BRIEF_MAX + 96], ids[64] = "";
    if (o->before == 0)
        return END_NONE;
    if (o->before == 1) {
        snprintf(msg, sizeof(msg), "%s is still ongoing.", o->before_brief);
        msg[0] = 'E'; /* "episode 12 (...)" begins the sentence */
    } else {
        for (size_t i = 0, used = 0; i < o->before && i < OTHERS_IDS; i++)
            used += (size_t)snprintf(ids + used, sizeof(ids) - used, "%s#%" PRId64,
                                     i ? ", " : "", o->before_ids[i]);
        snprintf(msg, sizeof(msg), "%zu episodes begun before this one are still ongoing: %s%s.",
                 o->before, ids, o->before > OTHERS_IDS ? ", ..." : "");
    }
    int c = app_choose(app, msg,
                       o->before == 1 ? "End it at this start? [e: end it, k: keep both, "
                                        "Esc: back to the form]"
                                      : "End them at this start? [e: end them, k: keep all, "
                                        "Esc: back to the form]",
                       "ek");
    return c == 'e' ? END_THEM : c == 'k' ? END_KEEP : END_BACK;
}

/* The status line after a save: what was saved, what was ended, and the
 * overlap that stays (the ones ended at the start overlap no more). */
static void say_saved(struct app *app, const struct form *f, const struct episode *ep,
                      const struct others *o, int ended)
{
    char what[64], more[EPISODE_TEXT_BRIEF_MAX + 64] = "";
    size_t overlaps = ended > 0 ? o->overlaps - o->overlaps_ended : o->overlaps;
    const char *brief = ended > 0 ? o->overlap_kept_brief : o->overlap_brief;
    snprintf(what, sizeof(what), "%s episode %" PRId64, f->id ? "Updated" : "Logged", ep->id);
    if (ended > 0)
        snprintf(more, sizeof(more), "; ended %d episode%s at its start", ended,
                 ended == 1 ? "" : "s");
    if (overlaps == 1)
        app_status(app, "%s%s. It overlaps %s.", what, more, brief);
    else if (overlaps > 1)
        app_status(app, "%s%s. It overlaps %zu other %s episodes.", what, more, overlaps,
                   region_label(ep->region));
    else
        app_status(app, "%s%s.", what, more);
}

static int store_write(struct app *app, struct form *f, struct episode *ep, enum ending ending,
                       int *ended)
{
    char err[STORE_ERR_LEN];
    int64_t now = app_now(app);
    int rc = f->id                 ? store_episode_update(app_store(app), ep, now, err, sizeof(err))
             : ending == END_THEM ? store_episode_add_ending(app_store(app), ep, now, ended, err,
                                                             sizeof(err))
                                   : store_episode_add(app_store(app), ep, now, err, sizeof(err));
    if (rc != STORE_OK) {
        /* Cut the store's message, never the news that nothing was saved. */
        snprintf(f->err, sizeof(f->err), "%.*s" SAVED_NOTHING,
                 (int)(sizeof(f->err) - sizeof(SAVED_NOTHING)), err);
        return -1;
    }
    return 0;
}

/* Reads the others of ep into *o. A failure is said and leaves *o empty:
 * the save goes on without the question (the episode matters more). */
static int others_read(struct app *app, const struct episode *ep, struct others *o)
{
    char err[STORE_ERR_LEN];
    if (history_episode_others(app_store(app), ep, note_other, o, err, sizeof(err)) == STORE_OK)
        return 0;
    *o = (struct others){.ep = ep};
    app_status(app, "Could not look for other ongoing episodes: %s", err);
    return -1;
}

/* On any error the form stays as typed, with the message on it and on the
 * status line, and the focus on the field to fix, marked. */
static int form_save(struct app *app, struct form *f)
{
    enum field bad = F_COUNT;
    if (f->id && !form_changed(f)) {
        app_status(app, "No changes to episode %" PRId64 ".", f->id);
        return UI_POP;
    }
    struct episode *ep = malloc(sizeof(*ep));
    if (!ep) {
        app_status(app, "Out of memory: nothing was saved");
        return UI_OK;
    }
    f->err[0] = '\0';
    f->bad = F_COUNT;
    int built = form_build(f, app_now(app), ep, &bad) == 0;
    struct others o = {.ep = ep};
    enum ending ending = END_NONE;
    int ended = 0;
    if (built && others_read(app, ep, &o) == 0 && f->id == 0)
        ending = ask_ending(app, &o);
    if (ending == END_BACK) {
        app_status(app, "Not saved yet: the form is as you left it.");
        free(ep);
        return UI_OK;
    }
    int ok = built && store_write(app, f, ep, ending, &ended) == 0;
    if (ok) {
        say_saved(app, f, ep, &o, ended);
        /* Over the form, which leaves (UI_POP): the advice takes its place. */
        screen_advice_open(app, f->id ? &f->orig : NULL, ep);
    } else {
        f->bad = bad;
        if (bad < F_COUNT)
            f->focus = bad;
        /* A store error says already that nothing was saved. */
        app_status(app, "%s%s", built ? "" : "Not saved: ", f->err);
    }
    free(ep);
    return ok ? UI_POP : UI_OK;
}

static int form_back(struct app *app, struct form *f)
{
    if (!form_changed(f))
        return UI_POP;
    if (!app_confirm(app, "Discard the changes to this episode?"))
        return UI_OK;
    app_status(app, "Discarded: nothing was saved.");
    return UI_POP;
}

/* ---- layout ---- */

/* The rows under the form: the error, wrapped in full (at least
 * ERR_ROWS, at most half the body), the field's hint, the keys. */
static int err_rows(const struct form *f)
{
    int n = f->err[0] ? ui_wrapped_rows(f->err, COLS - 4) : 0;
    int most = (ui_body_bottom() - ui_body_top() + 1) / 2 - 2;
    return n > most ? most : n > ERR_ROWS ? n : ERR_ROWS;
}

static int foot_rows(const struct form *f)
{
    return err_rows(f) + 2;
}

static int chip_width(const struct chip *c, int width)
{
    int w = 4 + ui_width(c->label); /* "[x] " */
    return w < width ? w : width;
}

/* What a list shows: the one being edited every chip, "[+] other" too;
 * the others their words, or when folded their ticked words only. */
enum shown { SHOW_TICKED, SHOW_WORDS, SHOW_ALL };

/* Flows the chips of l into lines of `width` columns, filling line[] and
 * col[] when given (line -1: not shown); returns the number of lines. A
 * folded list takes a line for "-" when no word is ticked. */
static int chips_flow(const struct chiplist *l, int width, int gap, enum shown show, int *line,
                      int *col)
{
    int y = 0, x = 0;
    for (size_t i = 0; i < l->n; i++) {
        const struct chip *c = &l->chips[i];
        if ((show == SHOW_TICKED && !c->on) || (show == SHOW_WORDS && c->add)) {
            if (line)
                line[i] = -1;
            continue;
        }
        int w = chip_width(c, width);
        if (x > 0 && (c->brk || x + gap + w > width)) {
            y++;
            x = 0;
        }
        x += x > 0 ? gap : 0;
        if (line)
            line[i] = y;
        if (col)
            col[i] = x;
        x += w;
    }
    return y + 1;
}

static enum shown shown_at(const struct form *f, const struct layout *L, enum field i)
{
    return i == f->focus ? SHOW_ALL : L->folded[i - F_TRIGGERS] ? SHOW_TICKED : SHOW_WORDS;
}

static void place_rows(const struct form *f, struct layout *L)
{
    int y = 0;
    for (int i = 0; i < F_COUNT; i++) {
        const struct chiplist *l = list_at(f, (enum field)i);
        L->row[i] = y;
        L->nrows[i] =
            l ? chips_flow(l, L->width, L->gap, shown_at(f, L, (enum field)i), NULL, NULL) : 1;
        y += L->nrows[i];
    }
    L->total = y;
}

/* Folds one more list, never the one being edited nor the warning signs
 * (every patient must see those words): the one that saves the fewest
 * rows yet enough for the form to fit, else the one that saves the most;
 * of equals the later (relief before symptoms). Returns 0 when folding
 * saves nothing more. */
static int fold_one(const struct form *f, struct layout *L)
{
    int need = L->total - L->avail, best = -1, best_save = 0;
    for (int k = 0; k < NLISTS; k++) {
        enum field i = (enum field)(F_TRIGGERS + k);
        if (L->folded[k] || i == f->focus || fields[i].words == W_SIGNS)
            continue;
        int save = L->nrows[i] - chips_flow(&f->lists[k], L->width, L->gap, SHOW_TICKED, NULL, NULL);
        int fits = save >= need, best_fits = best_save >= need;
        if (save > 0 && (best < 0 || (fits && !best_fits) || (fits && save <= best_save) ||
                         (!fits && !best_fits && save >= best_save))) {
            best = k;
            best_save = save;
        }
    }
    if (best >= 0)
        L->folded[best] = 1;
    return best >= 0;
}

/* Roomy chips when they fit, tight ones at 80x24, then lists folded to
 * their ticked words (fold_one); a blank row under the title when
 * there is one to spare; beyond that the form scrolls. */
static void layout(const struct form *f, struct layout *L)
{
    L->top = ui_body_top();
    L->avail = ui_body_bottom() - foot_rows(f) - L->top + 1;
    L->width = COLS - VALUE_X - 2; /* the last column is for the scroll marks */
    memset(L->folded, 0, sizeof(L->folded));
    for (L->gap = 2;; L->gap--) {
        place_rows(f, L);
        if (L->total <= L->avail || L->gap == 1)
            break;
    }
    while (L->total > L->avail && fold_one(f, L))
        place_rows(f, L);
    if (L->total < L->avail) {
        L->top++;
        L->avail--;
    }
}

/* The form row the focus is on (a list's row of its current word). */
static int focus_row(const struct form *f, const struct layout *L)
{
    int line[CHIPS_MAX];
    const struct chiplist *l = list_at(f, f->focus);
    if (!l)
        return L->row[f->focus];
    chips_flow(l, L->width, L->gap, SHOW_ALL, line, NULL); /* the focused list never folds */
    return L->row[f->focus] + line[l->cur];
}

/* Scrolls so the focus shows, with its label (the first row of its
 * field) when both fit. */
static void keep_focus_visible(struct form *f, const struct layout *L)
{
    int r = focus_row(f, L), label = L->row[f->focus];
    if (r < f->scroll)
        f->scroll = r;
    if (r >= f->scroll + L->avail)
        f->scroll = r - L->avail + 1;
    if (label < f->scroll && r - label < L->avail)
        f->scroll = label;
    if (f->scroll > L->total - L->avail)
        f->scroll = L->total - L->avail;
    if (f->scroll < 0)
        f->scroll = 0;
}

/* ---- moving around and changing values ---- */

static void focus_step(struct form *f, int dir, int wrap)
{
    int to = (int)f->focus + dir;
    if (wrap)
        to = (to + F_COUNT) % F_COUNT;
    else if (to < 0 || to >= F_COUNT)
        return;
    f->focus = (enum field)to;
}

/* Up/Down in a list go to the nearest word on the line above/below, and
 * leave the list past its first/last line. */
static void list_line_step(struct form *f, struct chiplist *l, int dir)
{
    struct layout L;
    int line[CHIPS_MAX], col[CHIPS_MAX];
    layout(f, &L);
    int n = chips_flow(l, L.width, L.gap, SHOW_ALL, line, col); /* l has the focus */
    int want = line[l->cur] + dir;
    if (want < 0 || want >= n) {
        focus_step(f, dir, 0);
        return;
    }
    size_t best = l->cur;
    int best_d = -1;
    for (size_t i = 0; i < l->n; i++) {
        int d = abs(col[i] - col[l->cur]);
        if (line[i] == want && (best_d < 0 || d < best_d)) {
            best = i;
            best_d = d;
        }
    }
    l->cur = best;
}

static void step_value(struct form *f, int dir)
{
    struct chiplist *l = list_of(f, f->focus);
    switch (f->focus) {
    case F_INTENSITY: {
        int v = (f->intensity == INTENSITY_UNSET ? 0 : f->intensity) + dir;
        f->intensity = v < 0 ? 0 : v > EPISODE_INTENSITY_MAX ? EPISODE_INTENSITY_MAX : v;
        break;
    }
    case F_REGION: f->region = (f->region + dir + REGION_COUNT) % REGION_COUNT; break;
    case F_SIDE: f->side = (f->side + dir + SIDE_COUNT) % SIDE_COUNT; break;
    default:
        if (l && (dir > 0 ? l->cur + 1 < l->n : l->cur > 0))
            l->cur = dir > 0 ? l->cur + 1 : l->cur - 1;
        break;
    }
}

/* What a word typed on "[+] other" is as a tag of kind: a word of the
 * vocabulary when it is one (its code or its words, as `unknot log`
 * takes them: "numbness between the legs" is the warning sign), else
 * "other:TEXT". Returns 0, or -1 with why not in err. */
static int other_normalize(enum tag_kind kind, const char *text, char *out, size_t len,
                           char *err, size_t errlen)
{
    char other[EPISODE_TAG_MAX + 16];
    if (tag_normalize(kind, text, out, len, err, errlen) == 0)
        return 0;
    snprintf(other, sizeof(other), "other:%s", text);
    return tag_normalize(kind, other, out, len, err, errlen);
}

/* Ticks the chip of tag text (normalized) in the lists of kind, if one
 * has it, and says where when that is another list (a warning sign typed
 * as a symptom). Returns 1 when there was one. */
static int tick_known(struct app *app, struct form *f, enum tag_kind kind, const char *text)
{
    for (int k = 0; k < NLISTS; k++) {
        struct chip *c = list_kind(k) == kind ? find_chip(&f->lists[k], text) : NULL;
        if (!c)
            continue;
        c->on = 1;
        if (F_TRIGGERS + k == (int)f->focus)
            f->lists[k].cur = (size_t)(c - f->lists[k].chips);
        else
            app_status(app, "Ticked \"%s\" under %s.", c->label,
                       fields[F_TRIGGERS + k].words == W_SIGNS ? "Warning signs"
                                                               : fields[F_TRIGGERS + k].label);
        return 1;
    }
    return 0;
}

/* Space on "[+] other": asks for the patient's own word and ticks it,
 * a new chip before "[+] other" (untick it to leave it out again). */
static void add_other(struct app *app, struct form *f, struct chiplist *l)
{
    enum tag_kind kind = fields[f->focus].kind;
    char text[EPISODE_TAG_MAX + 1] = "", norm[EPISODE_TAG_MAX + 1], msg[ERR_LEN] = "";
    do {
        if (!app_prompt(app, fields[f->focus].ask, msg, text, sizeof(text)) || is_blank(text))
            return;
    } while (other_normalize(kind, text, norm, sizeof(norm), msg, sizeof(msg)) != 0);
    if (tick_known(app, f, kind, norm))
        return;
    if (f->nothers >= EPISODE_MAX_TAGS || l->n >= CHIPS_MAX) {
        app_status(app, "No room for more words: at most %d tags an episode.", EPISODE_MAX_TAGS);
        return;
    }
    char *kept = f->others[f->nothers++];
    memcpy(kept, norm, sizeof(norm));
    struct chip add = l->chips[l->n - 1];
    l->chips[l->n - 1] = (struct chip){kept + strlen("other:"), kept, 1, 0, 0, 0};
    l->chips[l->n++] = add;
    l->cur = l->n - 2;
}

static void toggle(struct app *app, struct form *f)
{
    struct chiplist *l = list_of(f, f->focus);
    if (l && l->chips[l->cur].add)
        add_other(app, f, l);
    else if (l)
        l->chips[l->cur].on = !l->chips[l->cur].on;
    else if (fields[f->focus].type == FT_CHOICE)
        step_value(f, +1);
}

/* Typing a medication ticks "medication" under Relief: what was taken is
 * relief tried. Clearing the field leaves the tick alone: the patient may
 * have ticked it, or taken something unnamed, and only they can say. */
static void meds_typed(struct app *app, struct form *f, int was_blank)
{
    char head[EPISODE_TAG_MAX + 1];
    textfield_get(&f->tf[F_MEDS], head, sizeof(head));
    struct chip *c = chip_of(f, TAG_RELIEF, "medication");
    if (!was_blank || is_blank(head) || !c || c->on)
        return;
    c->on = 1;
    app_status(app, "Ticked \"medication\" under Relief.");
}

/* Digits set the intensity; "1" then "0" makes 10. */
static void type_digit(struct form *f, int d)
{
    f->intensity = f->pending_one && d == 0 ? EPISODE_INTENSITY_MAX : d;
    f->pending_one = d == 1;
}

static int is_char(const struct ui_key *key, wint_t c)
{
    return !key->is_code && key->ch == c;
}

static int on_action(struct app *app, struct form *f, enum action act)
{
    struct chiplist *l = list_of(f, f->focus);
    switch (act) {
    case ACT_NEXT_FIELD: focus_step(f, +1, 1); break;
    case ACT_PREV_FIELD: focus_step(f, -1, 1); break;
    case ACT_DOWN: l ? list_line_step(f, l, +1) : focus_step(f, +1, 0); break;
    case ACT_UP: l ? list_line_step(f, l, -1) : focus_step(f, -1, 0); break;
    case ACT_LEFT: step_value(f, -1); break;
    case ACT_RIGHT: step_value(f, +1); break;
    case ACT_TOGGLE: toggle(app, f); break;
    case ACT_SELECT:
        if (f->focus == F_COUNT - 1)
            return form_save(app, f);
        focus_step(f, +1, 0);
        break;
    case ACT_SAVE: return form_save(app, f);
    case ACT_BACK: return form_back(app, f);
    default: break;
    }
    return UI_OK;
}

static int form_handle(struct app *app, struct screen *s, const struct ui_key *key, enum action act)
{
    struct form *f = s->data;
    if (fields[f->focus].type == FT_TEXT) {
        char head[EPISODE_TAG_MAX + 1] = "";
        if (f->focus == F_MEDS) /* was it blank before this key? */
            textfield_get(&f->tf[F_MEDS], head, sizeof(head));
        enum textfield_ret r = textfield_key(&f->tf[f->focus], key);
        if (r == TF_EDITED && f->focus == F_MEDS)
            meds_typed(app, f, is_blank(head));
        if (r == TF_FULL)
            app_status(app, "No room: %s takes at most %zu bytes.", fields[f->focus].label,
                       f->tf[f->focus].max_bytes);
        if (r != TF_IGNORED)
            return UI_OK;
    }
    if (is_char(key, '?')) {
        screen_help_open(app, s);
        return UI_OK;
    }
    if (f->focus == F_INTENSITY && !key->is_code && key->ch >= '0' && key->ch <= '9') {
        type_digit(f, (int)(key->ch - '0'));
        return UI_OK;
    }
    f->pending_one = 0;
    return on_action(app, f, act);
}

/* ---- drawing ---- */

static int row_visible(const struct layout *L, int y)
{
    return y >= L->top && y < L->top + L->avail;
}

/* The label, its second word on the row below when it has one (and the
 * field the rows); the warning signs' in the colour of a warning. */
static void draw_label(const struct form *f, enum field i, int y, const struct layout *L)
{
    int focused = f->focus == i;
    const char *label = fields[i].label;
    size_t n = strcspn(label, "\n");
    attr_t a = focused                   ? ui_attr(UC_SELECTED) | A_BOLD
               : fields[i].words == W_SIGNS ? ui_attr(UC_SEVERE) | A_BOLD
                                           : A_BOLD;
    if (row_visible(L, y)) {
        ui_put(y, 0, 1, focused ? ">" : " ", A_BOLD);
        if (f->bad == i) /* the field the error under the form is about */
            ui_put(y, 1, 1, "!", ui_attr(UC_SEVERE) | A_BOLD);
        ui_putf(y, LABEL_X, LABEL_W, a, "%-*.*s", LABEL_W - 1, (int)n, label);
    }
    if (label[n] && L->nrows[i] > 1 && row_visible(L, y + 1))
        ui_putf(y + 1, LABEL_X, LABEL_W, a, "%-*s", LABEL_W - 1, label + n + 1);
}

/* What the typed Start / End means now ("= 2026-11-20 14:30"), left out
 * where the text says it already. */
static void time_preview(struct app *app, const struct form *f, enum field i, char *buf, size_t len)
{
    char err[ERR_LEN], at[WHEN_FMT_LEN], dur[32], text[TIME_TEXT_MAX + 1];
    int64_t now = app_now(app), start, end;
    buf[0] = '\0';
    textfield_get(&f->tf[i], text, sizeof(text));
    if (resolve_start(f, now, &start, err, sizeof(err)) != 0)
        return;
    if (i == F_START) {
        when_format(start, at, sizeof(at));
        if (strcmp(at, text) != 0)
            snprintf(buf, len, "= %s", at);
        return;
    }
    if (resolve_end(f, now, start, &end, err, sizeof(err)) != 0 || end == EPISODE_ONGOING)
        return;
    when_format(end, at, sizeof(at));
    when_format_duration(end - start, dur, sizeof(dur));
    if (strcmp(at, text) != 0)
        snprintf(buf, len, "= %s (lasted %s)", at, dur);
    else
        snprintf(buf, len, "(lasted %s)", dur);
}

static void draw_text(struct app *app, struct form *f, enum field i, int y, const struct layout *L)
{
    int focused = f->focus == i;
    int timed = i == F_START || i == F_END;
    int w = timed && L->width > TIME_FIELD_W ? TIME_FIELD_W : L->width;
    char preview[96];
    if (!focused && f->tf[i].len == 0)
        ui_put(y, VALUE_X, w, i == F_END ? "ongoing" : "-", ui_attr(UC_DIM));
    else
        textfield_draw(&f->tf[i], y, VALUE_X, w, focused ? A_UNDERLINE : A_NORMAL, focused);
    if (!timed)
        return;
    time_preview(app, f, i, preview, sizeof(preview));
    ui_put(y, VALUE_X + w + 2, L->width - w - 2, preview, ui_attr(UC_DIM));
}

static void draw_intensity(const struct form *f, int y, const struct layout *L)
{
    char bar[EPISODE_INTENSITY_MAX + 3];
    int v = f->intensity;
    attr_t sel = f->focus == F_INTENSITY ? A_REVERSE : A_NORMAL;
    if (v == INTENSITY_UNSET) {
        ui_put(y, VALUE_X, L->width, " - not set (0 none .. 10 worst)", sel);
        return;
    }
    ui_putf(y, VALUE_X, 12, ui_band_attr(v) | sel, "%2d %-9s", v, band_label(intensity_band(v)));
    /* The bar says "how much" without colour, for monochrome terminals. */
    int fill = v < EPISODE_INTENSITY_MAX ? v : EPISODE_INTENSITY_MAX;
    memset(bar + 1, '#', (size_t)fill);
    memset(bar + 1 + fill, '.', (size_t)(EPISODE_INTENSITY_MAX - fill));
    bar[0] = '[';
    bar[EPISODE_INTENSITY_MAX + 1] = ']';
    bar[EPISODE_INTENSITY_MAX + 2] = '\0';
    ui_put(y, VALUE_X + 14, 12, bar, ui_band_attr(v));
}

static void draw_choice(const struct form *f, enum field i, int y, const struct layout *L)
{
    int n = i == F_REGION ? REGION_COUNT : SIDE_COUNT;
    int cur = i == F_REGION ? f->region : f->side;
    int x = VALUE_X;
    for (int o = 0; o < n; o++) {
        const char *name = i == F_REGION     ? region_label((enum region)o)
                           : o == SIDE_UNSET ? "-"
                                             : side_code((enum side)o);
        attr_t a = o != cur ? A_NORMAL : f->focus == i ? A_REVERSE | A_BOLD : A_BOLD;
        x += ui_putf(y, x, VALUE_X + L->width - x, a, "(%c) %s", o == cur ? '*' : ' ', name);
        x += 2;
    }
}

static void draw_chips(const struct form *f, enum field i, int y0, const struct layout *L)
{
    const struct chiplist *l = list_at(f, i);
    int line[CHIPS_MAX], col[CHIPS_MAX], shown = 0;
    chips_flow(l, L->width, L->gap, shown_at(f, L, i), line, col);
    for (size_t c = 0; c < l->n; c++) {
        const struct chip *ch = &l->chips[c];
        int y = y0 + line[c];
        shown += line[c] >= 0;
        if (line[c] < 0 || !row_visible(L, y))
            continue;
        attr_t a =
            (ch->on ? A_BOLD : A_NORMAL) | (f->focus == i && l->cur == c ? A_REVERSE : A_NORMAL);
        ui_putf(y, VALUE_X + col[c], chip_width(ch, L->width), a, "[%c] %s",
                ch->add ? '+' : ch->on ? 'x' : ' ', ch->label);
    }
    if (!shown && row_visible(L, y0)) /* folded, nothing ticked: as an empty text field */
        ui_put(y0, VALUE_X, L->width, "-", ui_attr(UC_DIM));
}

static void draw_footer(const struct form *f)
{
    int y = ui_body_bottom() - foot_rows(f) + 1, e = err_rows(f);
    ui_put_wrapped(y, 2, COLS - 4, y + e - 1, f->err, ui_attr(UC_SEVERE) | A_BOLD);
    ui_put(y + e, 2, COLS - 4, fields[f->focus].hint, A_NORMAL);
    ui_hint_line(y + e + 1, 2, COLS - 4, form_keys, 0, ui_attr(UC_DIM) | A_BOLD);
}

static void draw_field(struct app *app, struct form *f, enum field i, int y, const struct layout *L)
{
    switch (fields[i].type) {
    case FT_TEXT: draw_text(app, f, i, y, L); break;
    case FT_INTENSITY: draw_intensity(f, y, L); break;
    case FT_CHOICE: draw_choice(f, i, y, L); break;
    case FT_CHIPS: draw_chips(f, i, y, L); break;
    }
}

static void form_draw(struct app *app, struct screen *s)
{
    struct form *f = s->data;
    struct layout L;
    layout(f, &L);
    keep_focus_visible(f, &L);
    for (int i = 0; i < F_COUNT; i++) {
        int y = L.top + L.row[i] - f->scroll;
        draw_label(f, (enum field)i, y, &L);
        if (fields[i].type == FT_CHIPS || row_visible(&L, y))
            draw_field(app, f, (enum field)i, y, &L);
    }
    if (f->scroll > 0)
        ui_put(L.top, COLS - 1, 1, "^", A_BOLD);
    if (f->scroll + L.avail < L.total)
        ui_put(L.top + L.avail - 1, COLS - 1, 1, "v", A_BOLD);
    draw_footer(f);
}

/* ---- opening and closing ---- */

static void form_free(struct form *f)
{
    if (!f)
        return;
    for (int i = 0; i < F_COUNT; i++) {
        textfield_free(&f->tf[i]);
        free(f->init[i]);
    }
    free(f);
}

static void form_leave(struct app *app, struct screen *s)
{
    (void)app;
    form_free(s->data);
    s->data = NULL;
}

static int form_dirty(struct screen *s)
{
    return s->data && form_changed(s->data);
}

/* A new episode and an edit differ only in the title. */
static const struct screen_mode new_mode = {"New episode", form_keys};
static const struct screen_mode edit_mode = {"Edit episode", form_keys};

static const struct screen_mode *form_mode(const struct screen *s)
{
    const struct form *f = s->data;
    return f && f->id ? &edit_mode : &new_mode;
}

static const struct screen_ops form_ops = {
    .mode = form_mode,
    .draw = form_draw,
    .handle = form_handle,
    .leave = form_leave,
    .dirty = form_dirty,
};

static int set_text(struct form *f, enum field i, size_t max_bytes, const char *text)
{
    textfield_init(&f->tf[i], max_bytes);
    f->init[i] = strdup(text);
    return f->init[i] && textfield_set(&f->tf[i], text) == 0 ? 0 : -1;
}

static void join_meds(const struct episode *ep, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ep->ntags && used < len; i++) {
        if (ep->tags[i].kind != TAG_MEDICATION)
            continue;
        int w = snprintf(buf + used, len - used, "%s%s", used ? "; " : "", ep->tags[i].text);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static void add_chip(struct chiplist *l, const char *label, const char *text, int on, int brk)
{
    if (l->n < CHIPS_MAX)
        l->chips[l->n++] = (struct chip){label, text, on, on, brk, 0};
}

static int stored(const struct form *f, enum tag_kind kind, const char *text)
{
    for (size_t t = 0; t < f->orig.ntags; t++)
        if (f->orig.tags[t].kind == kind && strcmp(f->orig.tags[t].text, text) == 0)
            return 1;
    return 0;
}

/* The warning sign a word of kind is, or NULL. */
static const struct warnsign *sign_of(enum tag_kind kind, const char *code)
{
    return kind == TAG_SYMPTOM ? warnsign_of_symptom(code) : NULL;
}

/* 1 when a stored tag is a word of its kind's vocabulary (not free text). */
static int in_vocab(enum tag_kind kind, const char *text)
{
    size_t n;
    const struct vocab *v = episode_vocab(kind, &n);
    int i = episode_vocab_index(kind, text);
    return i >= 0 && strcmp(text, "other") != 0 && strcmp(v[i].code, text) == 0;
}

/* The warning signs, emergencies first; the urgent ones start a line. */
static void load_signs(struct form *f, struct chiplist *l)
{
    static const enum redflag_level order[] = {REDFLAG_EMERGENCY, REDFLAG_URGENT};
    size_t n;
    const struct vocab *v = episode_vocab(TAG_SYMPTOM, &n);
    for (size_t o = 0; o < sizeof(order) / sizeof(order[0]); o++) {
        int brk = l->n > 0;
        for (size_t i = 0; i < n; i++) {
            const struct warnsign *w = warnsign_of_symptom(v[i].code);
            if (w && w->level == order[o]) {
                add_chip(l, v[i].label, v[i].code, stored(f, TAG_SYMPTOM, v[i].code), brk);
                brk = 0;
            }
        }
    }
}

/* The vocabulary without "other" and, in the symptoms, without the
 * warning signs (their own list), then any stored tag outside it, ticked,
 * then "[+] other" for the patient's own words. */
static void load_chips(struct form *f, int k)
{
    enum tag_kind kind = list_kind(k);
    struct chiplist *l = &f->lists[k];
    if (fields[F_TRIGGERS + k].words == W_SIGNS) {
        load_signs(f, l);
        return;
    }
    size_t n;
    const struct vocab *v = episode_vocab(kind, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].code, "other") != 0 && !sign_of(kind, v[i].code))
            add_chip(l, v[i].label, v[i].code, stored(f, kind, v[i].code), 0);
    for (size_t t = 0; t < f->orig.ntags; t++) {
        const struct episode_tag *tag = &f->orig.tags[t];
        if (tag->kind == kind && !in_vocab(kind, tag->text) && !find_chip(l, tag->text))
            add_chip(l, tag_label(tag), tag->text, 1, 0);
    }
    add_chip(l, "other", "", 0, 0);
    l->chips[l->n - 1].add = 1;
}

static int load_episode(struct app *app, struct form *f, int64_t id)
{
    char err[STORE_ERR_LEN];
    int rc = store_episode_get(app_store(app), id, &f->orig, err, sizeof(err));
    if (rc == STORE_NOT_FOUND)
        app_status(app, "No episode %" PRId64 ".", id);
    else if (rc != STORE_OK)
        app_status(app, "Could not read episode %" PRId64 ": %s", id, err);
    return rc == STORE_OK ? 0 : -1;
}

static int form_load(struct app *app, struct form *f, int64_t id)
{
    char start[WHEN_FMT_LEN] = "now", end[WHEN_FMT_LEN] = "";
    f->id = id;
    episode_init(&f->orig);
    if (id && load_episode(app, f, id) != 0)
        return -1;
    if (id)
        when_format(f->orig.started_at, start, sizeof(start));
    if (id && f->orig.ended_at != EPISODE_ONGOING)
        when_format(f->orig.ended_at, end, sizeof(end));
    char *meds = malloc(MEDS_TEXT_MAX + 1);
    if (meds)
        join_meds(&f->orig, meds, MEDS_TEXT_MAX + 1);
    int rc = !meds || set_text(f, F_START, TIME_TEXT_MAX, start) |
                          set_text(f, F_END, TIME_TEXT_MAX, end) |
                          set_text(f, F_MEDS, MEDS_TEXT_MAX, meds) |
                          set_text(f, F_NOTES, EPISODE_NOTE_MAX, f->orig.note);
    free(meds);
    if (rc != 0) {
        app_status(app, "Out of memory");
        return -1;
    }
    f->intensity = f->intensity0 = id ? f->orig.intensity : INTENSITY_UNSET;
    f->region = f->region0 = (int)f->orig.region;
    f->side = f->side0 = (int)f->orig.side;
    for (int k = 0; k < NLISTS; k++)
        load_chips(f, k);
    f->focus = F_START;
    f->bad = F_COUNT;
    return 0;
}

int screen_form_open(struct app *app, int64_t id)
{
    struct form *f = app_alloc(app, sizeof(*f));
    if (!f)
        return -1;
    if (form_load(app, f, id) != 0) {
        form_free(f);
        return -1;
    }
    return app_push(app, &form_ops, f);
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* treat: a treatment recorded from the TUI (issue 13), in questions on
 * the status line: home m (a medication taken now, recent names first)
 * and the timer set-up's d (relief done without the timer). Both save
 * through history_add_treatment, as `unknot took` and `unknot did` do. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "db/store.h"
#include "src/app/history.h"
#include "src/treatment.h"
#include "src/when.h"
#include "ui/screens.h"
#include "ui/ui.h"
#include "ui/widgets.h"

#define TREAT_RECENT_MAX 9 /* names picked by one digit */

/* Saves t, saying so on the status line: "Recorded ibuprofen 400 mg at
 * 14:05." 1 when saved, 0 when not (the reason said). */
static int treat_save(struct app *app, struct treatment *t)
{
    char err[STORE_ERR_LEN], at[WHEN_FMT_LEN], dur[32] = "";
    if (history_add_treatment(app_store(app), t, app_now(app), err, sizeof err) != STORE_OK) {
        app_status(app, "Not saved: %s", err);
        return 0;
    }
    when_format(t->taken_at, at, sizeof at);
    if (t->duration_s != TREATMENT_NO_DURATION) {
        strcpy(dur, " for ");
        when_format_duration(t->duration_s, dur + 5, sizeof dur - 5);
    }
    app_status(app, "Recorded %s%s at %s.",
               t->kind == TREATMENT_MEDICATION ? t->name : treatment_kind_label(t->kind), dur,
               at + 11);
    return 1;
}

/* The recent names, numbered, over the screen's body: the pick list. */
static void draw_recent(char (*names)[TREATMENT_NAME_MAX + 1], size_t n)
{
    int y = ui_body_top() + 1;
    for (int r = ui_body_top(); r <= ui_body_bottom(); r++) {
        move(r, 0);
        clrtoeol();
    }
    ui_put(y++, 2, COLS - 4, "Medication taken now", A_BOLD);
    y++;
    for (size_t i = 0; i < n && y < ui_body_bottom() - 1; i++)
        ui_putf(y++, 4, COLS - 6, A_NORMAL, "%zu  %s", i + 1, names[i]);
    ui_put(y, 4, COLS - 6, "n  type a new name", A_NORMAL);
}

/* The name typed, asked again with what was wrong until it is a valid
 * one or the patient gives up (Esc: 0). */
static int type_name(struct app *app, struct treatment *t)
{
    char text[TREATMENT_NAME_MAX + 1] = "", msg[UNKNOT_ERR_LEN + 16] = "", err[UNKNOT_ERR_LEN];
    for (;;) {
        if (!app_prompt(app, "Taken now (name and dose; Esc: none):", msg, text, sizeof text))
            return 0;
        if (treatment_set_name(t, text, err, sizeof err) == 0)
            return 1;
        snprintf(msg, sizeof msg, "Not saved: %s", err);
    }
}

/* One of the n recent names by its digit, or n for a new one typed. */
static int pick_name(struct app *app, struct treatment *t,
                     char (*names)[TREATMENT_NAME_MAX + 1], size_t n)
{
    char q[96], keys[TREAT_RECENT_MAX + 2], err[UNKNOT_ERR_LEN];
    for (size_t i = 0; i < n; i++)
        keys[i] = (char)('1' + i);
    keys[n] = 'n';
    keys[n + 1] = '\0';
    snprintf(q, sizeof q, "Which was taken? [1-%zu, n: a new name, Esc: none]", n);
    draw_recent(names, n);
    int c = app_choose(app, NULL, q, keys);
    if (c == 'n')
        return type_name(app, t);
    if (!c)
        return 0;
    if (treatment_set_name(t, names[c - '1'], err, sizeof err) != 0) {
        app_status(app, "Not saved: %s", err);
        return 0;
    }
    return 1;
}

int screen_treat_medication(struct app *app)
{
    char names[TREAT_RECENT_MAX][TREATMENT_NAME_MAX + 1];
    char err[STORE_ERR_LEN];
    size_t n = 0;
    struct treatment t;
    treatment_init(&t, TREATMENT_MEDICATION, app_now(app));
    if (store_treatment_recent_names(app_store(app), TREAT_RECENT_MAX, names, &n, err,
                                     sizeof err) != STORE_OK) {
        app_status(app, "Could not read the recent medications: %s", err);
        return 0;
    }
    if (!(n ? pick_name(app, &t, names, n) : type_name(app, &t))) {
        app_status(app, "Nothing recorded.");
        return 0;
    }
    t.taken_at = app_now(app); /* now: when the answer came */
    return treat_save(app, &t);
}

/* A number asked on the status line, max at the most: 1 with *out, 0 for
 * nothing typed (Enter or Esc skips). Past max it asks again. */
static int ask_upto(struct app *app, const char *question, int64_t max, int64_t *out)
{
    char q[160];
    snprintf(q, sizeof q, "%s", question);
    for (;;) {
        if (app_ask_number(app, q, out) != 0)
            return 0;
        if (*out <= max)
            return 1;
        snprintf(q, sizeof q, "At most %" PRId64 ". %s", max, question);
    }
}

/* The relief's kind, by the first letter of its code. 0 for Esc. */
static int ask_kind(struct app *app, enum treatment_kind *kind)
{
    char q[200], keys[TREATMENT_KIND_COUNT + 1];
    size_t used = (size_t)snprintf(q, sizeof q, "Relief done without the timer? ["), n = 0;
    for (int k = TREATMENT_MEDICATION + 1; k < TREATMENT_KIND_COUNT; k++) {
        const char *code = treatment_kind_code((enum treatment_kind)k);
        keys[n++] = code[0];
        used += (size_t)snprintf(q + used, sizeof q - used, "%c %s, ", code[0], code);
    }
    keys[n] = '\0';
    snprintf(q + used, sizeof q - used, "Esc: none]");
    int c = app_choose(app, NULL, q, keys);
    for (int k = TREATMENT_MEDICATION + 1; c && k < TREATMENT_KIND_COUNT; k++)
        if (treatment_kind_code((enum treatment_kind)k)[0] == c) {
            *kind = (enum treatment_kind)k;
            return 1;
        }
    return 0;
}

int screen_treat_relief(struct app *app)
{
    struct treatment t;
    int64_t v;
    treatment_init(&t, TREATMENT_ICE, app_now(app));
    if (!ask_kind(app, &t.kind)) {
        app_status(app, "Nothing recorded.");
        return 0;
    }
    if (ask_upto(app, "For how many minutes? (Enter skips)", TREATMENT_DURATION_MAX / 60, &v))
        t.duration_s = v * 60;
    if (ask_upto(app, "Pain before, 0-10 (Enter skips):", EPISODE_INTENSITY_MAX, &v))
        t.pain_before = (int)v;
    if (ask_upto(app, "Pain after, 0-10 (Enter skips):", EPISODE_INTENSITY_MAX, &v))
        t.pain_after = (int)v;
    /* It began its minutes ago: the time it is recorded at is its start. */
    t.taken_at = app_now(app) - t.duration_s;
    return treat_save(app, &t);
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* screens: how to open each screen. Every opener pushes its screen on the
 * app's stack and returns 0, or -1 with the reason on the status line. */
#ifndef UNKNOT_SCREENS_H
#define UNKNOT_SCREENS_H

#include <stdint.h>

#include "src/session.h"
#include "src/episode.h"
#include "ui/ui.h"

/* Screens. */
extern const struct screen_ops screen_home;
extern const struct screen_ops screen_help;
extern const struct screen_ops screen_tips;

/* Opens the help screen for the keys `of` answers to now. */
int screen_help_open(struct app *app, const struct screen *of);

/* Opens the episode form: id 0 for a new episode, else edits that one.
 * Returns 0, or -1 with the reason on the status line. */
int screen_form_open(struct app *app, int64_t id);

/* After a save of `after` over `before` (NULL: a new episode), opens the
 * advice that is due at once (CONTENT.md "Warning signs logged as
 * symptoms"): a new warning sign's verdict and advice, and the checklist
 * prompt for a new nerve symptom; `c` there opens the checklist. Returns 1
 * when it opened, 0 when nothing is due (nothing opens), -1 when it could
 * not open (the status line then carries the verdict's title). */
int screen_advice_open(struct app *app, const struct episode *before, const struct episode *after);

/* Opens the daily check-in (weekly 0: today's, shown to change when
 * there is one) or the weekly one (weekly 1). */
int screen_checkin_open(struct app *app, int weekly);

/* Records a treatment in questions on the status line, saying what was
 * saved (or why not) there: a medication taken now, one of the recent
 * names by its number or a new one typed (home m) / relief done without
 * the timer, its kind, minutes and pain before and after (the timer's
 * set-up, d). 1 when saved, 0 when not. */
int screen_treat_medication(struct app *app);
int screen_treat_relief(struct app *app);

/* Opens the history list / the red-flag checklist. */
int screen_history_open(struct app *app);

/* Opens one episode in full, the fields of `unknot show`, over the list. */
int screen_episode_open(struct app *app, int64_t id);

/* An episode the history list and the episode view act on. */
struct episode_ref {
    int64_t id, started_at, ended_at;
    enum region region;
    int intensity;
};

/* Asks, then ends the ongoing episode r (now, or at a time typed as
 * `unknot end --at` takes it, after its start and not in the future) /
 * deletes r, saying what
 * happened on the status line. Return 1 when it ended / was deleted, 0
 * when the user said no (or it has ended already), -1 when the store
 * refused (another unknot may have changed it: the caller reads it
 * again). */
int screen_episode_end(struct app *app, const struct episode_ref *r);
int screen_episode_delete(struct app *app, const struct episode_ref *r);
int screen_check_open(struct app *app);

/* Opens every flag in full (the warning in force first), each with its
 * advice, note and episodes; Enter opens an episode. */
int screen_flags_open(struct app *app);

/* Opens the history pictures (bar chart, calendar, counts) over the list. */
int screen_charts_open(struct app *app);

/* Opens the appointment report: a scrollable preview of the last 30, 90
 * (first) or 365 days and `x` to export it to a file. Returns 0, or -1
 * with the reason on the status line. */
int screen_report_open(struct app *app);

/* Opens the guided timer (DESIGN.md, CONTENT.md "Stretch holds", "Ice and
 * heat"): the session kind; routine code or NULL for the
 * first one; hold_s 0 for the routine's own hold, else 5 or 30; minutes 0
 * for the preset's default, else within its allowed range. It opens on a
 * set-up step (guidance, minutes or routine and hold, pain now), then
 * runs, records and rings. Returns 0, or -1 with the reason on the status
 * line (bad arguments, no memory). */
int screen_timer_open(struct app *app, enum session_kind kind, const char *routine, int hold_s,
                      int minutes);

#endif

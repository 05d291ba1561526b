/* SPDX-License-Identifier: BSD-2-Clause */
/* episode_text: how an episode reads, the same in `unknot list` / `unknot
 * show` and in the TUI's history list and episode view. The CLI and the
 * TUI call these and only lay the results out (a printf line, a curses
 * row); no wording or column is decided twice. Pure: no curses, no SQL. */
#ifndef UNKNOT_EPISODE_TEXT_H
#define UNKNOT_EPISODE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "src/episode.h"

/* Bytes that hold every tag of one kind joined (a label is at most
 * EPISODE_TAG_MAX bytes, then ", "), so a buffer this big never drops one. */
#define EPISODE_TEXT_TAGS_MAX (EPISODE_MAX_TAGS * (EPISODE_TAG_MAX + 2) + 1)
#define EPISODE_TEXT_WHERE_MAX 64 /* "lower back, center" and room */
#define EPISODE_TEXT_DUR_MAX 32   /* "ongoing", "2d 3h" */
#define EPISODE_TEXT_LEVEL_MAX 24 /* "10 moderate" */
#define EPISODE_TEXT_QUESTION_MAX 160

/* Joins the labels (tag_label) of the tags of one kind with ", " into buf;
 * "-" when there are none. A label that does not fit whole is left out,
 * with the ones after it, so no label is ever cut. len > 0. */
void episode_text_tags(const struct episode *ep, enum tag_kind kind, char *buf, size_t len);

/* The line that names the warning signs among ep's symptoms
 * (src/warnsign.h) in the order logged, as the CLI and the app say it
 * after a save: "Warning sign: numbness between the legs." or "Warning
 * signs: weakness in a leg, fever or chills."; "" when it has none. A
 * sign whose words do not fit whole is left out, with those after it. */
void episode_text_signs(const struct episode *ep, char *buf, size_t len);

/* Where it hurts: "lower back", or "lower back, left" when a side is set. */
void episode_text_where(enum region r, enum side s, char *buf, size_t len);

/* How long it lasted: "ongoing" for an ongoing episode, else
 * when_format_duration of its length. */
void episode_text_duration(int64_t started_at, int64_t ended_at, char *buf, size_t len);

/* The intensity and its band: " 6 moderate" (the number in 2 columns). */
void episode_text_level(int intensity, char *buf, size_t len);

/* The question asked before a delete, naming the episode so the wrong one
 * is not deleted by mistake: "Delete episode 12 (2026-11-20 14:30, lower
 * back, 6)?". */
void episode_text_delete_question(int64_t id, int64_t started_at, enum region r, int intensity,
                                  char *buf, size_t len);

#define EPISODE_TEXT_BRIEF_MAX 96
/* An episode in a few words, to name it beside another one: "episode 12
 * (lower back, since 2026-11-30 08:10)" while ongoing, "episode 9 (lower
 * back, 2026-11-29 14:00 for 2h 30m)" once ended. */
void episode_text_brief(const struct episode *ep, char *buf, size_t len);

/* The columns of the episode list, in order. */
enum episode_col {
    EPISODE_COL_ID,
    EPISODE_COL_START,
    EPISODE_COL_DURATION,
    EPISODE_COL_INTENSITY,
    EPISODE_COL_WHERE,
    EPISODE_COL_TRIGGERS, /* the rest of the line */
    EPISODE_COL_COUNT
};

#define EPISODE_COL_GAP 2 /* blank columns between two columns */

struct episode_column {
    const char *head;  /* "DURATION" */
    int width;         /* columns; 0 for the last, which takes the rest */
    int right;         /* 1: right-aligned (the id) */
};

/* The column of the list; c < EPISODE_COL_COUNT. Static storage. */
const struct episode_column *episode_text_column(enum episode_col c);

/* Where column c starts, counted from the start of the row. */
int episode_text_column_x(enum episode_col c);

/* One line of `unknot show` and of the TUI's episode view. */
struct episode_line {
    const char *label; /* "Started:"; "" on a further line of the notes */
    const char *text;  /* text[0 .. len) is shown; "-" stands for nothing */
    size_t len;
    int intensity;     /* the intensity on the Intensity line (for colour), else -1 */
};

typedef void (*episode_line_fn)(const struct episode_line *line, void *arg);

/* Calls fn once per line of the fields of ep, in order: Started, Ended
 * (an ongoing one counts to now), Intensity, Region, Side, the four tag
 * kinds, the notes (one line per typed line), Logged and, when it was
 * edited, Updated. The title "Episode N" is not a line. line and its
 * strings live only during the call. */
void episode_text_lines(const struct episode *ep, int64_t now, episode_line_fn fn, void *arg);

#endif

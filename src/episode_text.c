/* SPDX-License-Identifier: BSD-2-Clause */
/* episode_text: the one wording of an episode for the CLI and the TUI. */
#include "src/episode_text.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "src/warnsign.h"
#include "src/when.h"

/* Appends ", label" (or label first) when it fits whole; returns 0, or
 * -1 when it does not (then nothing after it may be listed). */
static int join(char *buf, size_t len, size_t *used, const char *label)
{
    size_t need = strlen(label) + (*used ? 2 : 0);
    if (*used + need >= len)
        return -1;
    snprintf(buf + *used, len - *used, "%s%s", *used ? ", " : "", label);
    *used += need;
    return 0;
}

void episode_text_tags(const struct episode *ep, enum tag_kind kind, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ep->ntags; i++)
        if (ep->tags[i].kind == kind && join(buf, len, &used, tag_label(&ep->tags[i])) != 0)
            break;
    if (used == 0)
        snprintf(buf, len, "-");
}

void episode_text_signs(const struct episode *ep, char *buf, size_t len)
{
    static const size_t frame = sizeof("Warning signs: .");
    char words[EPISODE_TEXT_TAGS_MAX];
    size_t used = 0, room = len > frame ? len - frame + 1 : 1;
    int n = 0;
    if (room > sizeof(words))
        room = sizeof(words);
    words[0] = '\0';
    for (size_t i = 0; i < ep->ntags; i++) {
        const struct warnsign *w =
            ep->tags[i].kind == TAG_SYMPTOM ? warnsign_of_symptom(ep->tags[i].text) : NULL;
        if (w && join(words, room, &used, w->words) != 0)
            break;
        n += w != NULL;
    }
    if (used == 0)
        buf[0] = '\0';
    else
        snprintf(buf, len, "Warning sign%s: %s.", n > 1 ? "s" : "", words);
}

void episode_text_where(enum region r, enum side s, char *buf, size_t len)
{
    if (s == SIDE_UNSET)
        snprintf(buf, len, "%s", region_label(r));
    else
        snprintf(buf, len, "%s, %s", region_label(r), side_code(s));
}

void episode_text_duration(int64_t started_at, int64_t ended_at, char *buf, size_t len)
{
    if (ended_at == EPISODE_ONGOING)
        snprintf(buf, len, "ongoing");
    else
        when_format_duration(ended_at - started_at, buf, len);
}

void episode_text_brief(const struct episode *ep, char *buf, size_t len)
{
    char start[WHEN_FMT_LEN], dur[EPISODE_TEXT_DUR_MAX];
    when_format(ep->started_at, start, sizeof(start));
    if (ep->ended_at == EPISODE_ONGOING) {
        snprintf(buf, len, "episode %" PRId64 " (%s, since %s)", ep->id,
                 region_label(ep->region), start);
        return;
    }
    when_format_duration(ep->ended_at - ep->started_at, dur, sizeof(dur));
    snprintf(buf, len, "episode %" PRId64 " (%s, %s for %s)", ep->id, region_label(ep->region),
             start, dur);
}

void episode_text_level(int intensity, char *buf, size_t len)
{
    snprintf(buf, len, "%2d %s", intensity, band_label(intensity_band(intensity)));
}

void episode_text_delete_question(int64_t id, int64_t started_at, enum region r, int intensity,
                                  char *buf, size_t len)
{
    char start[WHEN_FMT_LEN];
    when_format(started_at, start, sizeof(start));
    snprintf(buf, len, "Delete episode %" PRId64 " (%s, %s, %d)?", id, start, region_label(r),
             intensity);
}

/* The widths of `unknot list` since its first release: the golden
 * outputs hold them, and the TUI's columns line up with them. */
static const struct episode_column columns[EPISODE_COL_COUNT] = {
    [EPISODE_COL_ID] = {"ID", 5, 1},
    [EPISODE_COL_START] = {"START", 16, 0},
    [EPISODE_COL_DURATION] = {"DURATION", 8, 0},
    [EPISODE_COL_INTENSITY] = {"INTENSITY", 11, 0},
    [EPISODE_COL_WHERE] = {"WHERE", 18, 0},
    [EPISODE_COL_TRIGGERS] = {"TRIGGERS", 0, 0},
};

const struct episode_column *episode_text_column(enum episode_col c)
{
    return &columns[(unsigned)c < EPISODE_COL_COUNT ? c : EPISODE_COL_TRIGGERS];
}

int episode_text_column_x(enum episode_col c)
{
    int x = 0;
    for (int i = 0; i < (int)c && i < EPISODE_COL_COUNT; i++)
        x += columns[i].width + EPISODE_COL_GAP;
    return x;
}

/* ---- the fields of `unknot show` ---- */

static void emit(episode_line_fn fn, void *arg, const char *label, const char *text,
                 int intensity)
{
    struct episode_line line = {label, text, strlen(text), intensity};
    fn(&line, arg);
}

/* One line per typed line of the notes, the label on the first only; an
 * empty line stays (it was typed), a last newline adds none. */
static void emit_notes(episode_line_fn fn, void *arg, const char *note)
{
    const char *label = "Notes:";
    if (note[0] == '\0') {
        emit(fn, arg, label, "-", -1);
        return;
    }
    while (*note) {
        size_t n = strcspn(note, "\n");
        struct episode_line line = {label, note, n, -1};
        fn(&line, arg);
        label = "";
        note += n + (note[n] == '\n');
    }
}

static void emit_ended(const struct episode *ep, int64_t now, episode_line_fn fn, void *arg)
{
    char at[WHEN_FMT_LEN], dur[EPISODE_TEXT_DUR_MAX], line[WHEN_FMT_LEN + 64];
    if (ep->ended_at == EPISODE_ONGOING) {
        when_format_duration(now - ep->started_at, dur, sizeof(dur));
        snprintf(line, sizeof(line), "ongoing (%s so far)", dur);
    } else {
        when_format(ep->ended_at, at, sizeof(at));
        when_format_duration(ep->ended_at - ep->started_at, dur, sizeof(dur));
        snprintf(line, sizeof(line), "%s (lasted %s)", at, dur);
    }
    emit(fn, arg, "Ended:", line, -1);
}

static void emit_tags(const struct episode *ep, episode_line_fn fn, void *arg)
{
    static const char *const titles[TAG_KIND_COUNT] = {
        [TAG_TRIGGER] = "Triggers:", [TAG_FEEL] = "Feels like:",     [TAG_SYMPTOM] = "Symptoms:",
        [TAG_RELIEF] = "Relief:",    [TAG_MEDICATION] = "Medication:",
    };
    char list[EPISODE_TEXT_TAGS_MAX];
    for (int k = 0; k < TAG_KIND_COUNT; k++) {
        episode_text_tags(ep, (enum tag_kind)k, list, sizeof(list));
        emit(fn, arg, titles[k], list, -1);
    }
}

void episode_text_lines(const struct episode *ep, int64_t now, episode_line_fn fn, void *arg)
{
    char buf[WHEN_FMT_LEN + 32];
    when_format(ep->started_at, buf, sizeof(buf));
    emit(fn, arg, "Started:", buf, -1);
    emit_ended(ep, now, fn, arg);
    snprintf(buf, sizeof(buf), "%d (%s)", ep->intensity,
             band_label(intensity_band(ep->intensity)));
    emit(fn, arg, "Intensity:", buf, ep->intensity);
    emit(fn, arg, "Region:", region_label(ep->region), -1);
    emit(fn, arg, "Side:", ep->side == SIDE_UNSET ? "-" : side_code(ep->side), -1);
    emit_tags(ep, fn, arg);
    emit_notes(fn, arg, ep->note);
    when_format(ep->created_at, buf, sizeof(buf));
    emit(fn, arg, "Logged:", buf, -1);
    if (ep->updated_at != ep->created_at) {
        when_format(ep->updated_at, buf, sizeof(buf));
        emit(fn, arg, "Updated:", buf, -1);
    }
}

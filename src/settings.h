/* SPDX-License-Identifier: BSD-2-Clause */
/* settings: the user's settings file, ini-style (DESIGN.md: "a bad line is
 * reported and skipped, never fatal"). Pure: reads a stream it is given;
 * where the file lives is the app's business (src/app/config.c).
 *
 *     # comment          ; comment too
 *     [section]          (ignored: names are global)
 *     emergency_number = 999
 *
 * Keys known today: emergency_number (the number the emergency advice
 * names; CONTENT.md Principle 5). */
#ifndef UNKNOT_SETTINGS_H
#define UNKNOT_SETTINGS_H

#include <stdio.h>

#include "src/redflags.h"

#define SETTINGS_LINE_MAX 512 /* bytes of one line; a longer line is a bad line */

struct settings {
    char emergency_number[REDFLAGS_NUMBER_MAX + 1]; /* "" when not set */
};

/* Every setting at its default. */
void settings_init(struct settings *s);

/* Applies one line (without its newline). Returns 0 when it set a value or
 * was blank, a comment or a section; -1 with a one-line message in err
 * (what is wrong and what is accepted) for a bad line, leaving s as it was. */
int settings_apply_line(struct settings *s, const char *line, char *err, size_t errlen);

/* Called with each bad line's message, "line N: ...". */
typedef void (*settings_warn_fn)(void *ctx, const char *msg);

/* Reads f to its end: good lines apply in order (a later value wins), bad
 * ones are reported through warn and skipped. Returns the number of bad
 * lines. */
int settings_read(FILE *f, struct settings *s, settings_warn_fn warn, void *ctx);

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
/* settings: the user's settings file, ini-style (DESIGN.md: "a bad line is
 * reported and skipped, never fatal"). Pure: reads and writes streams it
 * is given; where the file lives is the app's business (src/app/config.c).
 *
 *     # comment          ; comment too
 *     [section]          (ignored: names are global)
 *     emergency_number = 999
 *
 * A value is the rest of the line after '=', blanks at both ends removed;
 * nothing is quoted and '#' inside a value is part of it.
 *
 * Every key is one row of ONE table (settings.c): its type, its default,
 * its limits and a help line. The parser, `unknot config`, the defaults
 * the code uses and the test against the manual's SETTINGS section all
 * read that table, so a new key is one row (and one field below). */
#ifndef UNKNOT_SETTINGS_H
#define UNKNOT_SETTINGS_H

#include <stddef.h>
#include <stdio.h>

#include "src/redflags.h"
#include "src/report.h"

#define SETTINGS_LINE_MAX 512 /* bytes of one line; a longer line is a bad line */
#define SETTINGS_TEXT_MAX 256 /* bytes of a command setting, with its NUL */
#define SETTINGS_KEYS_MAX 32  /* rows the table may grow to */
#define SETTINGS_KEY_MAX 32   /* bytes of a key, with its NUL */
#define SETTINGS_OFF (-1)     /* remind_no_entry_by: the rule is off */

/* The effective settings: each field starts at its table default. */
struct settings {
    char emergency_number[REDFLAGS_NUMBER_MAX + 1]; /* "": the generic words */
    int ice_minutes, heat_minutes;   /* the timers' defaults (10..20) */
    int stretch_hold;                /* 0: the routine's own hold, else 5 or 30 */
    int report_days;                 /* the report's default period, in days */
    enum report_format report_format; /* when neither --format nor -o's name says */
    int bell;                        /* 1: the timer rings at the end of a hold */
    int remind_no_entry_by;          /* minutes after local midnight, or SETTINGS_OFF */
    int remind_ice_ok;               /* 1: tell when ice is allowed again */
    int remind_ongoing_hours;        /* 0: off */
    int remind_flags;                /* 1: tell of a new flag or warning sign */
    int remind_weekly;               /* 1: tell when a weekly check-in is due */
    int remind_medication;           /* 1: ask whether a medication helped */
    char remind_command[SETTINGS_TEXT_MAX]; /* "": notify-send when present, else stdout */
    char cue_command[SETTINGS_TEXT_MAX];    /* "": no command at the timer's cues */
    /* The line of the file that set each key (by table row), 0 for its
     * default: `unknot config` says where a value came from. */
    long line[SETTINGS_KEYS_MAX];
};

enum setting_type {
    SETTING_PHONE,   /* redflags_emergency_number_valid */
    SETTING_INT,     /* lo..hi, and "off" (stored 0) where off_ok */
    SETTING_BOOL,    /* on | off */
    SETTING_CLOCK,   /* HH:MM | off */
    SETTING_HOLD,    /* routine | 5 | 30 */
    SETTING_FORMAT,  /* report_format_parse */
    SETTING_TEXT,    /* any text without control characters, "" included */
    SETTING_COMMAND, /* SETTING_TEXT that remind_command_check takes, or "" */
    SETTING_CUE_COMMAND, /* SETTING_TEXT that timer_cue_command_check takes, or "" */
};

/* One row of the table. Static storage. */
struct setting_def {
    const char *key;
    enum setting_type type;
    size_t offset;   /* of the field in struct settings */
    const char *def; /* the default as it is written in the file */
    int lo, hi;      /* SETTING_INT: accepted range, inclusive */
    int off_ok;      /* SETTING_INT: "off" is accepted too (stored 0) */
    const char *help; /* one line */
};

/* Every setting at its default, no line set. */
void settings_init(struct settings *s);

/* The rows of the table, in the order `unknot config` prints them. */
size_t settings_count(void);
const struct setting_def *settings_def_at(size_t i); /* NULL past the end */

/* The row of a key (exact), or NULL. */
const struct setting_def *settings_find(const char *key);

/* Sets key to value (as written in the file) with the file's parser.
 * Returns 0, or -1 with a one-line message in err (what is wrong, what is
 * accepted), leaving s as it was. */
int settings_set(struct settings *s, const char *key, const char *value, char *err,
                 size_t errlen);

/* The value of d in s as the file would write it ("20", "off", "14:30"),
 * into buf. */
void settings_value(const struct settings *s, const struct setting_def *d, char *buf,
                    size_t len);

/* What d accepts, in words: "10 to 20", "on or off", "HH:MM or off". */
void settings_accepted(const struct setting_def *d, char *buf, size_t len);

/* Applies one line (without its newline). Returns 0 when it set a value or
 * was blank, a comment or a section; -1 with a one-line message in err
 * (what is wrong and what is accepted) for a bad line, leaving s as it was. */
int settings_apply_line(struct settings *s, const char *line, char *err, size_t errlen);

/* The key a line sets, blanks removed, into key (keylen bytes): 1 when the
 * line has the form "key = ...", whatever its value, else 0. */
int settings_line_key(const char *line, char *key, size_t keylen);

/* Called with each bad line's message, "line N: ...". */
typedef void (*settings_warn_fn)(void *ctx, const char *msg);

/* Reads f to its end: good lines apply in order (a later value wins, and
 * s->line says which line set it), bad ones are reported through warn and
 * skipped. Returns the number of bad lines. */
int settings_read(FILE *f, struct settings *s, settings_warn_fn warn, void *ctx);

/* Copies the file in to out with key set to value: the first line that
 * sets key (good or bad) becomes "key = value", later ones are dropped,
 * and without one the line is added at the end. value NULL drops every
 * line that sets key. Every other line is copied byte for byte. in may be
 * NULL (no file yet). Returns the number of lines that set key, or -1 on
 * a read or write error. The caller checks value first (settings_set). */
int settings_rewrite(FILE *in, FILE *out, const char *key, const char *value);

#endif

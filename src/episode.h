/* SPDX-License-Identifier: BSD-2-Clause */
/* episode: one spasm episode, its tags, the vocabulary of CONTENT.md and
 * validation. Pure: no curses, no SQL. */
#ifndef UNKNOT_EPISODE_H
#define UNKNOT_EPISODE_H

#include <stddef.h>
#include <stdint.h>

#define EPISODE_ONGOING 0          /* ended_at value of an episode still going */
#define EPISODE_MAX_TAGS 48        /* all kinds together */
#define EPISODE_TAG_MAX 120        /* bytes of one tag (free text or code) */
#define EPISODE_NOTE_MAX 4000      /* bytes of the notes, UTF-8 */
#define EPISODE_FUTURE_SLACK 300   /* seconds a time may lie ahead of now */
#define EPISODE_INTENSITY_MAX 10   /* intensity is 0 (none) .. this (worst) */

enum region { REGION_LOWER, REGION_MID, REGION_UPPER, REGION_NECK, REGION_COUNT };

/* SIDE_UNSET: the user did not say; stored as NULL. */
enum side { SIDE_UNSET, SIDE_LEFT, SIDE_RIGHT, SIDE_BOTH, SIDE_CENTER, SIDE_COUNT };

/* In CONTENT.md's order, which `unknot show` and the form follow; stored
 * as tag_kind_code, so the order is free to change. TAG_MEDICATION is the
 * one free-text kind and the last: kinds below it have a vocabulary. */
enum tag_kind {
    TAG_TRIGGER,
    TAG_FEEL, /* what the pain feels like (pain quality) */
    TAG_SYMPTOM,
    TAG_RELIEF,
    TAG_MEDICATION,
    TAG_KIND_COUNT
};

/* Intensity bands of CONTENT.md: 0 none, 1-3 mild, 4-6 moderate, 7-10 severe. */
enum band { BAND_NONE, BAND_MILD, BAND_MODERATE, BAND_SEVERE };

struct episode_tag {
    enum tag_kind kind;
    char text[EPISODE_TAG_MAX + 1]; /* a vocabulary code, "other:TEXT", or a medication */
};

struct episode {
    int64_t id;          /* 0 until stored */
    int64_t started_at;  /* Unix seconds, UTC */
    int64_t ended_at;    /* Unix seconds, or EPISODE_ONGOING */
    int intensity;       /* 0..10 */
    enum region region;
    enum side side;
    char note[EPISODE_NOTE_MAX + 1];
    size_t ntags;
    struct episode_tag tags[EPISODE_MAX_TAGS];
    int64_t created_at;
    int64_t updated_at;
};

/* One word of the vocabulary: the code stored in the database and the
 * words shown on screen. */
struct vocab {
    const char *code;
    const char *label;
};

/* Words of each tag vocabulary (medication has none). episode.c checks
 * them against its tables, so counters sized from them at compile time
 * (report.h, chart.h) cannot silently miss a word. */
#define EPISODE_TRIGGER_WORDS 14
#define EPISODE_FEEL_WORDS 7
#define EPISODE_SYMPTOM_WORDS 16
#define EPISODE_RELIEF_WORDS 9

/* Clears *ep to an empty, ongoing episode with no tags. */
void episode_init(struct episode *ep);

/* The vocabulary of a tag kind; *n receives its length. Medication has none
 * (free text): returns NULL and *n = 0. */
const struct vocab *episode_vocab(enum tag_kind kind, size_t *n);

/* Index in its kind's vocabulary (episode_vocab order) of a stored tag's
 * text: codes compare case-insensitively, as tag_normalize reads them;
 * "other:TEXT" and unknown codes give the index of "other". -1 for
 * medication (free text) or a kind outside the enum. */
int episode_vocab_index(enum tag_kind kind, const char *text);

const char *region_code(enum region r);   /* "lower" */
const char *region_label(enum region r);  /* "lower back" */
const char *side_code(enum side s);       /* "left"; "" for SIDE_UNSET */
const char *tag_kind_code(enum tag_kind k);  /* "trigger" */
enum band intensity_band(int intensity);
const char *band_label(enum band b);         /* "moderate" */

/* Parsers from the words a user types (codes, case-insensitive; region also
 * takes "lower back" etc.). Return 0 and set *out, or -1 and write a
 * one-line message naming what is accepted into err. */
int region_parse(const char *text, enum region *out, char *err, size_t errlen);
int side_parse(const char *text, enum side *out, char *err, size_t errlen);
int tag_kind_parse(const char *text, enum tag_kind *out);
int intensity_parse(const char *text, int *out, char *err, size_t errlen);

/* Checks a tag's text for its kind and writes its canonical form into out
 * (lower-case code; "other:TEXT" kept as typed after the prefix; medication
 * trimmed). Returns 0, or -1 with a message naming what is accepted. */
int tag_normalize(enum tag_kind kind, const char *text, char *out, size_t outlen,
                  char *err, size_t errlen);

/* Appends a tag after tag_normalize; duplicates are ignored. Returns 0, or
 * -1 with a message (bad tag, too many tags). */
int episode_add_tag(struct episode *ep, enum tag_kind kind, const char *text,
                    char *err, size_t errlen);

/* Removes every tag of one kind (used when an edit replaces a list). */
void episode_clear_tags(struct episode *ep, enum tag_kind kind);

/* Label for a stored tag: the vocabulary label, the free text of
 * "other:TEXT", or the medication text. */
const char *tag_label(const struct episode_tag *tag);

/* The part of an episode a validation problem is in. The tag fields are
 * in tag_kind order: EPISODE_FIELD_TRIGGERS + kind. */
enum episode_field {
    EPISODE_FIELD_NONE, /* the episode as a whole (too many tags) */
    EPISODE_FIELD_START,
    EPISODE_FIELD_END,
    EPISODE_FIELD_INTENSITY,
    EPISODE_FIELD_REGION,
    EPISODE_FIELD_SIDE,
    EPISODE_FIELD_TRIGGERS,
    EPISODE_FIELD_FEEL,
    EPISODE_FIELD_SYMPTOMS,
    EPISODE_FIELD_RELIEF,
    EPISODE_FIELD_MEDICATION,
    EPISODE_FIELD_NOTES,
};

/* Validates a whole episode against `now`: intensity range, enumerations,
 * start not in the future, end after start and not in the future, tags,
 * notes valid UTF-8 of bounded length. Returns 0, or -1 with the first
 * problem as a one-line message. */
int episode_validate(const struct episode *ep, int64_t now, char *err, size_t errlen);

/* Whether an ongoing episode begun at started_at may be ended at ended_at
 * (the TUI's end and the form's "end it at this start"): strictly after
 * the start, so that it lasted, and not in the future. Returns 0, or -1
 * with a one-line message. */
int episode_validate_end(int64_t started_at, int64_t ended_at, int64_t now, char *err,
                         size_t errlen);

/* episode_validate, also saying in *field (when not NULL) which field the
 * problem is in, so a form can put the focus there; *field is
 * EPISODE_FIELD_NONE when it returns 0. */
int episode_validate_field(const struct episode *ep, int64_t now, enum episode_field *field,
                           char *err, size_t errlen);

#endif

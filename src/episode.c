/* SPDX-License-Identifier: BSD-2-Clause */
/* episode: vocabulary, parsing of the words a user types, validation. */
#include "src/episode.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/suggest.h"
#include "src/text.h"
#include "src/util.h"

#define OTHER_PREFIX "other:"

static const struct vocab regions[REGION_COUNT] = {
    {"lower", "lower back"},
    {"mid", "mid back"},
    {"upper", "upper back"},
    {"neck", "neck"},
};

static const char *const side_codes[SIDE_COUNT] = {"", "left", "right", "both", "center"};

static const char *const kind_codes[TAG_KIND_COUNT] = {
    [TAG_TRIGGER] = "trigger", [TAG_FEEL] = "feel",           [TAG_SYMPTOM] = "symptom",
    [TAG_RELIEF] = "relief",   [TAG_MEDICATION] = "medication",
};

static const struct vocab triggers[] = {
    {"lifting", "lifting"},
    {"twisting", "twisting"},
    {"bending", "bending forward"},
    {"sudden-movement", "sudden movement"},
    {"sneeze-cough", "sneezing or coughing"},
    {"sitting", "prolonged sitting"},
    {"standing", "prolonged standing"},
    {"out-of-bed", "getting out of bed"},
    {"sleeping", "sleeping position"},
    {"exercise", "exercise or sport"},
    {"stress", "stress"},
    {"cold", "cold exposure"},
    {"dehydration", "dehydration"},
    {"other", "other"},
};

/* What the pain feels like (CONTENT.md, pain quality). */
static const struct vocab feels[] = {
    {"tight", "tight or cramping"},
    {"sharp", "sharp or stabbing"},
    {"burning", "burning"},
    {"dull", "dull ache"},
    {"throbbing", "pulsing or throbbing"},
    {"electric", "electric or shooting"},
    {"other", "other"},
};

/* CONTENT.md's symptoms in plain words, then its warning signs (which
 * src/warnsign.c ranks); the stored codes never change. */
static const struct vocab symptoms[] = {
    {"stiffness", "stiffness"},
    {"knot", "knot or hard muscle"},
    {"twitching", "visible twitching"},
    {"radiating-buttock", "spreading to buttock or hip"},
    {"radiating-leg", "spreading down a leg"},
    {"below-knee", "below the knee"},
    {"numbness", "numbness or tingling in a leg"},
    {"weakness", "weakness in a leg"},
    {"cannot-straighten", "trouble standing up straight"},
    {"sleep", "disturbed sleep"},
    {"bladder-bowel", "bladder or bowel trouble"},
    {"saddle-numbness", "numbness between the legs"},
    {"both-legs", "symptoms in both legs"},
    {"fever", "fever or chills"},
    {"arm-hand", "arm or hand numbness or weakness"},
    {"other", "other"},
};

static const struct vocab reliefs[] = {
    {"rest", "rest in a comfortable position"},
    {"walking", "walking"},
    {"stretching", "stretching"},
    {"massage", "massage"},
    {"ice", "ice"},
    {"heat", "heat"},
    {"medication", "medication"},
    {"physio", "physical therapy"},
    {"other", "other"},
};

_Static_assert(COUNT(triggers) == EPISODE_TRIGGER_WORDS, "update EPISODE_TRIGGER_WORDS");
_Static_assert(COUNT(feels) == EPISODE_FEEL_WORDS, "update EPISODE_FEEL_WORDS");
_Static_assert(COUNT(symptoms) == EPISODE_SYMPTOM_WORDS, "update EPISODE_SYMPTOM_WORDS");
_Static_assert(COUNT(reliefs) == EPISODE_RELIEF_WORDS, "update EPISODE_RELIEF_WORDS");

void episode_init(struct episode *ep)
{
    memset(ep, 0, sizeof(*ep));
    ep->ended_at = EPISODE_ONGOING;
    ep->region = REGION_LOWER;
    ep->side = SIDE_UNSET;
}

const struct vocab *episode_vocab(enum tag_kind kind, size_t *n)
{
    switch (kind) {
    case TAG_TRIGGER: *n = COUNT(triggers); return triggers;
    case TAG_FEEL: *n = COUNT(feels); return feels;
    case TAG_SYMPTOM: *n = COUNT(symptoms); return symptoms;
    case TAG_RELIEF: *n = COUNT(reliefs); return reliefs;
    default: *n = 0; return NULL;
    }
}

int episode_vocab_index(enum tag_kind kind, const char *text)
{
    size_t n;
    const struct vocab *v = episode_vocab(kind, &n);
    int other = -1;
    for (size_t i = 0; i < n; i++) {
        if (strcasecmp(text, v[i].code) == 0)
            return (int)i;
        if (strcmp(v[i].code, "other") == 0)
            other = (int)i;
    }
    return other;
}

const char *region_code(enum region r)
{
    return (unsigned)r < REGION_COUNT ? regions[r].code : "?";
}

const char *region_label(enum region r)
{
    return (unsigned)r < REGION_COUNT ? regions[r].label : "?";
}

const char *side_code(enum side s)
{
    return (unsigned)s < SIDE_COUNT ? side_codes[s] : "?";
}

const char *tag_kind_code(enum tag_kind k)
{
    return (unsigned)k < TAG_KIND_COUNT ? kind_codes[k] : "?";
}

enum band intensity_band(int intensity)
{
    if (intensity <= 0)
        return BAND_NONE;
    if (intensity <= 3)
        return BAND_MILD;
    if (intensity <= 6)
        return BAND_MODERATE;
    return BAND_SEVERE;
}

const char *band_label(enum band b)
{
    static const char *const labels[] = {"none", "mild", "moderate", "severe"};
    return (unsigned)b < COUNT(labels) ? labels[b] : "?";
}

/* Copies text without surrounding blanks; returns 0, or -1 when it does
 * not fit. */
static int copy_trimmed(const char *text, char *out, size_t outlen)
{
    while (isspace((unsigned char)*text))
        text++;
    size_t len = strlen(text);
    while (len > 0 && isspace((unsigned char)text[len - 1]))
        len--;
    if (len >= outlen)
        return -1;
    memcpy(out, text, len);
    out[len] = '\0';
    return 0;
}

int region_parse(const char *text, enum region *out, char *err, size_t errlen)
{
    char word[32] = "";
    if (copy_trimmed(text, word, sizeof(word)) == 0) {
        for (int r = 0; r < REGION_COUNT; r++) {
            if (strcasecmp(word, regions[r].code) == 0 ||
                strcasecmp(word, regions[r].label) == 0) {
                *out = (enum region)r;
                return 0;
            }
        }
    }
    struct suggest sg;
    suggest_init(&sg, word);
    for (int r = 0; r < REGION_COUNT; r++)
        suggest_add(&sg, regions[r].code);
    snprintf(err, errlen, "invalid region \"%s\": use lower, mid, upper or neck", text);
    suggest_append(&sg, err, errlen);
    return -1;
}

int side_parse(const char *text, enum side *out, char *err, size_t errlen)
{
    char word[16] = "";
    if (copy_trimmed(text, word, sizeof(word)) == 0) {
        for (int s = SIDE_LEFT; s < SIDE_COUNT; s++) {
            if (strcasecmp(word, side_codes[s]) == 0) {
                *out = (enum side)s;
                return 0;
            }
        }
    }
    struct suggest sg;
    suggest_init(&sg, word);
    for (int s = SIDE_LEFT; s < SIDE_COUNT; s++)
        suggest_add(&sg, side_codes[s]);
    snprintf(err, errlen, "invalid side \"%s\": use left, right, both or center", text);
    suggest_append(&sg, err, errlen);
    return -1;
}

int tag_kind_parse(const char *text, enum tag_kind *out)
{
    for (int k = 0; k < TAG_KIND_COUNT; k++) {
        if (strcmp(text, kind_codes[k]) == 0) {
            *out = (enum tag_kind)k;
            return 0;
        }
    }
    return -1;
}

int intensity_parse(const char *text, int *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    while (*end == ' ')
        end++;
    if (errno || end == text || *end != '\0' || v < 0 || v > EPISODE_INTENSITY_MAX ||
        isspace((unsigned char)*text)) {
        snprintf(err, errlen,
                 "invalid intensity \"%s\": use a whole number from 0 (none) to %d (worst)",
                 text, EPISODE_INTENSITY_MAX);
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* Lists the codes of a vocabulary as "a, b, c" into buf. */
static void vocab_list(const struct vocab *v, size_t n, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", v[i].code);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static int free_text_ok(const char *text, const char *what, char *err, size_t errlen)
{
    if (text[0] == '\0') {
        snprintf(err, errlen, "empty %s: give a short text", what);
        return -1;
    }
    if (!text_utf8_valid(text, 0)) {
        snprintf(err, errlen, "invalid %s: text must be UTF-8 on one line", what);
        return -1;
    }
    return 0;
}

static int normalize_coded(enum tag_kind kind, const char *word, char *out, size_t outlen,
                           char *err, size_t errlen)
{
    size_t n;
    const struct vocab *v = episode_vocab(kind, &n);
    if (strncasecmp(word, OTHER_PREFIX, strlen(OTHER_PREFIX)) == 0) {
        char rest[EPISODE_TAG_MAX + 1];
        copy_trimmed(word + strlen(OTHER_PREFIX), rest, sizeof(rest));
        if (free_text_ok(rest, tag_kind_code(kind), err, errlen) != 0)
            return -1;
        snprintf(out, outlen, OTHER_PREFIX "%s", rest);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (strcasecmp(word, v[i].code) == 0 || strcasecmp(word, v[i].label) == 0) {
            snprintf(out, outlen, "%s", v[i].code);
            return 0;
        }
    }
    char list[512];
    struct suggest sg;
    suggest_init(&sg, word);
    for (size_t i = 0; i < n; i++)
        suggest_add(&sg, v[i].code);
    vocab_list(v, n, list, sizeof(list));
    snprintf(err, errlen, "invalid %s \"%s\": use one of %s, or other:TEXT",
             tag_kind_code(kind), word, list);
    suggest_append(&sg, err, errlen);
    return -1;
}

int tag_normalize(enum tag_kind kind, const char *text, char *out, size_t outlen, char *err,
                  size_t errlen)
{
    char word[EPISODE_TAG_MAX + 1];
    if (copy_trimmed(text, word, sizeof(word)) != 0 || strlen(word) + 1 > outlen) {
        snprintf(err, errlen, "%s too long: at most %d bytes", tag_kind_code(kind),
                 EPISODE_TAG_MAX);
        return -1;
    }
    if (kind == TAG_MEDICATION) {
        if (free_text_ok(word, "medication", err, errlen) != 0)
            return -1;
        snprintf(out, outlen, "%s", word);
        return 0;
    }
    if ((unsigned)kind >= TAG_KIND_COUNT) {
        snprintf(err, errlen, "invalid tag kind");
        return -1;
    }
    if (strcasecmp(word, "other") == 0) {
        snprintf(err, errlen, "say what the other %s was: other:TEXT", tag_kind_code(kind));
        return -1;
    }
    return normalize_coded(kind, word, out, outlen, err, errlen);
}

int episode_add_tag(struct episode *ep, enum tag_kind kind, const char *text, char *err,
                    size_t errlen)
{
    char norm[EPISODE_TAG_MAX + 1];
    if (tag_normalize(kind, text, norm, sizeof(norm), err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < ep->ntags; i++)
        if (ep->tags[i].kind == kind && strcmp(ep->tags[i].text, norm) == 0)
            return 0;
    if (ep->ntags >= EPISODE_MAX_TAGS) {
        snprintf(err, errlen, "too many tags: at most %d per episode", EPISODE_MAX_TAGS);
        return -1;
    }
    ep->tags[ep->ntags].kind = kind;
    memcpy(ep->tags[ep->ntags].text, norm, sizeof(norm));
    ep->ntags++;
    return 0;
}

void episode_clear_tags(struct episode *ep, enum tag_kind kind)
{
    size_t kept = 0;
    for (size_t i = 0; i < ep->ntags; i++)
        if (ep->tags[i].kind != kind)
            ep->tags[kept++] = ep->tags[i];
    ep->ntags = kept;
}

const char *tag_label(const struct episode_tag *tag)
{
    if (tag->kind == TAG_MEDICATION)
        return tag->text;
    if (strncmp(tag->text, OTHER_PREFIX, strlen(OTHER_PREFIX)) == 0)
        return tag->text + strlen(OTHER_PREFIX);
    size_t n;
    const struct vocab *v = episode_vocab(tag->kind, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(tag->text, v[i].code) == 0)
            return v[i].label;
    return tag->text;
}

/* Sets *field (when there is one) to f and says no. */
static int refuse(enum episode_field *field, enum episode_field f)
{
    if (field)
        *field = f;
    return -1;
}

static int validate_times(const struct episode *ep, int64_t now, enum episode_field *field,
                          char *err, size_t errlen)
{
    if (ep->started_at <= 0) {
        snprintf(err, errlen, "missing start time");
        return refuse(field, EPISODE_FIELD_START);
    }
    if (ep->started_at > now + EPISODE_FUTURE_SLACK) {
        snprintf(err, errlen, "start lies in the future: an episode can only be logged "
                              "once it has begun");
        return refuse(field, EPISODE_FIELD_START);
    }
    if (ep->ended_at == EPISODE_ONGOING)
        return 0;
    if (ep->ended_at < ep->started_at) {
        snprintf(err, errlen, "end is before the start: give an end after the start");
        return refuse(field, EPISODE_FIELD_END);
    }
    if (ep->ended_at > now + EPISODE_FUTURE_SLACK) {
        snprintf(err, errlen, "end lies in the future: leave the episode ongoing and end it "
                              "later");
        return refuse(field, EPISODE_FIELD_END);
    }
    return 0;
}

int episode_validate_end(int64_t started_at, int64_t ended_at, int64_t now, char *err,
                         size_t errlen)
{
    if (ended_at <= started_at) {
        snprintf(err, errlen, "end is %s the start: give an end after the start",
                 ended_at == started_at ? "at" : "before");
        return -1;
    }
    if (ended_at > now + EPISODE_FUTURE_SLACK) {
        snprintf(err, errlen, "end lies in the future: leave the episode ongoing and end it "
                              "later");
        return -1;
    }
    return 0;
}

static int validate_tags(const struct episode *ep, enum episode_field *field, char *err,
                         size_t errlen)
{
    if (ep->ntags > EPISODE_MAX_TAGS) {
        snprintf(err, errlen, "too many tags: at most %d per episode", EPISODE_MAX_TAGS);
        return refuse(field, EPISODE_FIELD_NONE);
    }
    for (size_t i = 0; i < ep->ntags; i++) {
        char norm[EPISODE_TAG_MAX + 1];
        const struct episode_tag *t = &ep->tags[i];
        if (tag_normalize(t->kind, t->text, norm, sizeof(norm), err, errlen) != 0)
            return refuse(field, (unsigned)t->kind < TAG_KIND_COUNT
                                     ? (enum episode_field)(EPISODE_FIELD_TRIGGERS + t->kind)
                                     : EPISODE_FIELD_NONE);
    }
    return 0;
}

int episode_validate_field(const struct episode *ep, int64_t now, enum episode_field *field,
                           char *err, size_t errlen)
{
    if (field)
        *field = EPISODE_FIELD_NONE;
    if (ep->intensity < 0 || ep->intensity > EPISODE_INTENSITY_MAX) {
        snprintf(err, errlen, "invalid intensity %d: use 0 (none) to %d (worst)", ep->intensity,
                 EPISODE_INTENSITY_MAX);
        return refuse(field, EPISODE_FIELD_INTENSITY);
    }
    if ((unsigned)ep->region >= REGION_COUNT) {
        snprintf(err, errlen, "invalid region: use lower, mid, upper or neck");
        return refuse(field, EPISODE_FIELD_REGION);
    }
    if ((unsigned)ep->side >= SIDE_COUNT) {
        snprintf(err, errlen, "invalid side: use left, right, both or center");
        return refuse(field, EPISODE_FIELD_SIDE);
    }
    if (validate_times(ep, now, field, err, errlen) != 0)
        return -1;
    if (memchr(ep->note, '\0', sizeof(ep->note)) == NULL) {
        snprintf(err, errlen, "notes too long: at most %d bytes", EPISODE_NOTE_MAX);
        return refuse(field, EPISODE_FIELD_NOTES);
    }
    if (!text_utf8_valid(ep->note, 1)) {
        snprintf(err, errlen, "notes must be UTF-8 text without control characters");
        return refuse(field, EPISODE_FIELD_NOTES);
    }
    return validate_tags(ep, field, err, errlen);
}

int episode_validate(const struct episode *ep, int64_t now, char *err, size_t errlen)
{
    return episode_validate_field(ep, now, NULL, err, errlen);
}

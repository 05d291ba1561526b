/* SPDX-License-Identifier: BSD-2-Clause */
/* warnsign: warning-sign symptoms and the warning in force. */
#include "src/warnsign.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* CONTENT.md: the log's warning-sign symptoms and their levels; each
 * answers a checklist item. The codes are symptom codes of episode.c. */
static const struct warnsign signs[] = {
    {"bladder-bowel", 1, REDFLAG_EMERGENCY, "bladder or bowel trouble"},
    {"saddle-numbness", 2, REDFLAG_EMERGENCY, "numbness between the legs"},
    {"both-legs", 3, REDFLAG_EMERGENCY, "symptoms in both legs"},
    {"fever", 7, REDFLAG_EMERGENCY, "fever or chills"},
    {"arm-hand", 14, REDFLAG_URGENT, "arm or hand numbness or weakness"},
    {"weakness", 13, REDFLAG_URGENT, "weakness in a leg"},
};

/* Nerve symptoms: take the checklist now. */
static const char *const nerve_codes[] = {"numbness", "radiating-leg", "below-knee"};

const struct warnsign *warnsign_of_symptom(const char *code)
{
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (strcmp(code, signs[i].code) == 0)
            return &signs[i];
    return NULL;
}

const struct warnsign *warnsign_of_episode(const struct episode *ep)
{
    const struct warnsign *worst = NULL;
    for (size_t i = 0; i < ep->ntags; i++) {
        if (ep->tags[i].kind != TAG_SYMPTOM)
            continue;
        const struct warnsign *w = warnsign_of_symptom(ep->tags[i].text);
        if (w && (!worst || w->level > worst->level))
            worst = w;
    }
    return worst;
}

/* 1 when ep has one of the nerve symptom codes. */
static int has_nerve_code(const struct episode *ep)
{
    for (size_t i = 0; i < ep->ntags; i++) {
        if (ep->tags[i].kind != TAG_SYMPTOM)
            continue;
        for (size_t k = 0; k < sizeof nerve_codes / sizeof nerve_codes[0]; k++)
            if (strcmp(ep->tags[i].text, nerve_codes[k]) == 0)
                return 1;
    }
    return 0;
}

/* Words with which a patient's own words may describe a warning sign or
 * a nerve symptom (CONTENT.md, the checklist's items 1-3, 7, 13, 14, in
 * its own wording too): such words prompt the checklist. They cannot say
 * which sign, or that it is one, so they never raise a verdict. A stem
 * matches at the start of a word; whole ones must also end there ("wee"
 * is not "week"). */
static const struct {
    const char *stem;
    int whole;
} sign_words[] = {
    {"bladder", 0},   {"bowel", 0},     {"urin", 0},        {"incontinen", 0}, {"leak", 0},
    {"pee", 1},       {"wee", 1},       {"toilet", 0},      {"wet myself", 0}, {"groin", 0},
    {"genital", 0},   {"saddle", 0},    {"inner thigh", 0}, {"back passage", 0},
    {"sexual", 0},    {"erection", 0},  {"ejaculat", 0},    {"numb", 0},       {"tingl", 0},
    {"pins and needles", 0}, {"pins", 1}, {"weak", 0}, {"fever", 0},     {"chill", 0},      {"both legs", 0},
    {"both my legs", 0}, {"both of my legs", 0}, {"legs both", 0},
};

/* 1 when stem begins a word of text (and, whole, ends one), ASCII case
 * ignored. */
static int has_word(const char *text, const char *stem, int whole)
{
    size_t n = strlen(stem);
    for (const char *p = text; *p; p++) {
        if (p > text && isalpha((unsigned char)p[-1]))
            continue;
        if (strncasecmp(p, stem, n) == 0 && !(whole && isalpha((unsigned char)p[n])))
            return 1;
    }
    return 0;
}

/* 1 when free-text symptom text ("other:...") may describe a sign. */
static int words_name_sign(const char *t)
{
    static const char prefix[] = "other:";
    if (strncmp(t, prefix, sizeof prefix - 1) != 0)
        return 0;
    for (size_t k = 0; k < sizeof sign_words / sizeof sign_words[0]; k++)
        if (has_word(t + sizeof prefix - 1, sign_words[k].stem, sign_words[k].whole))
            return 1;
    return 0;
}

/* 1 when ep has the symptom (a code, or "other:..."). */
static int has_symptom(const struct episode *ep, const char *code)
{
    for (size_t i = 0; i < ep->ntags; i++)
        if (ep->tags[i].kind == TAG_SYMPTOM && strcmp(ep->tags[i].text, code) == 0)
            return 1;
    return 0;
}

/* The first free-text symptom of after that may describe a sign and that
 * before (NULL: none) lacks, whole ("other:..."), or NULL. */
static const char *new_sign_words(const struct episode *before, const struct episode *after)
{
    for (size_t i = 0; i < after->ntags; i++) {
        const char *t = after->tags[i].text;
        if (after->tags[i].kind == TAG_SYMPTOM && words_name_sign(t) &&
            !(before && has_symptom(before, t)))
            return t;
    }
    return NULL;
}

const char *warnsign_words_of_episode(const struct episode *ep)
{
    const char *t = new_sign_words(NULL, ep);
    return t ? t + strlen("other:") : NULL;
}

int warnsign_prompts_checklist(const struct episode *ep)
{
    return has_nerve_code(ep) || warnsign_words_of_episode(ep) != NULL;
}

int warnsign_prompt_text(const struct episode *before, const struct episode *after,
                         const char *how, char *buf, size_t len)
{
    /* New own words first: they may name a sign more urgent than a nerve
     * code, and are said even when the episode prompted before. */
    const char *words = new_sign_words(before, after);
    if (words)
        snprintf(buf, len, "Your words \"%s\" may describe a warning sign: take the red-flag "
                           "checklist now (%s).", words + strlen("other:"), how);
    else if (has_nerve_code(after) && !(before && has_nerve_code(before)))
        snprintf(buf, len, "Numbness, tingling or leg pain: take the red-flag checklist now (%s).",
                 how);
    else
        return 0;
    return 1;
}

const struct warnsign *warnsign_added(const struct episode *before,
                                      const struct episode *after)
{
    for (size_t i = 0; i < after->ntags; i++) {
        const struct episode_tag *t = &after->tags[i];
        if (t->kind == TAG_SYMPTOM && warnsign_of_symptom(t->text) &&
            (!before || !has_symptom(before, t->text)))
            return warnsign_of_episode(after);
    }
    return NULL;
}

int warnsign_prompt_added(const struct episode *before, const struct episode *after)
{
    char buf[WARNSIGN_PROMPT_LEN];
    return warnsign_prompt_text(before, after, "", buf, sizeof buf);
}


void warnsign_begin(struct warnsign_state *s, int64_t now)
{
    memset(s, 0, sizeof(*s));
    s->now = now;
    s->level = REDFLAG_CLEAR;
}

void warnsign_feed_check(struct warnsign_state *s, const struct warnsign_check *c)
{
    if (s->cleared)
        return;
    if (c->complete && c->verdict == REDFLAG_CLEAR) {
        s->cleared = 1;
        s->cleared_at = c->taken_at;
        return;
    }
    /* Only emergency and urgent stay in force; a see-soon verdict is the
     * last check's to show, not a warning. Newest first: a tie keeps the
     * newer one. */
    if (c->verdict >= REDFLAG_URGENT && c->verdict > s->level) {
        s->level = c->verdict;
        s->check_id = c->id;
        s->check_taken_at = c->taken_at;
        s->episode_id = 0;
        s->sign = NULL;
    }
}

int warnsign_cleared(const struct warnsign_state *s)
{
    return s->cleared;
}

static int recent(const struct warnsign_state *s, const struct episode *ep)
{
    return ep->ended_at == EPISODE_ONGOING || s->now - ep->started_at <= WARNSIGN_RECENT_S;
}

void warnsign_feed_episode(struct warnsign_state *s, const struct episode *ep)
{
    const struct warnsign *w = warnsign_of_episode(ep);
    if (!w || !recent(s, ep))
        return;
    int64_t told = ep->updated_at > ep->created_at ? ep->updated_at : ep->created_at;
    if (s->cleared && told <= s->cleared_at)
        return;
    /* A sign outranks a check of the same level: it names what was felt. */
    if (w->level > s->level || (w->level == s->level && s->check_id > 0) ||
        (w->level == s->level && ep->started_at > s->episode_started_at)) {
        s->level = w->level;
        s->check_id = 0;
        s->check_taken_at = 0;
        s->episode_id = ep->id;
        s->episode_started_at = ep->started_at;
        s->sign = w;
    }
}

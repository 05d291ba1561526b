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

/* Beginnings of words with which a patient's own words may describe a
 * warning sign or a nerve symptom (CONTENT.md, the checklist's items 1-3,
 * 7, 13, 14): such words prompt the checklist. They cannot say which sign,
 * or that it is one, so they never raise a verdict themselves. */
static const char *const sign_stems[] = {
    "bladder", "bowel", "urin", "incontinen", "pee", "wee", "groin", "genital", "saddle",
    "numb", "tingl", "pins and needles", "weak", "fever", "chill", "both legs", "erection",
    "ejaculat",
};

/* 1 when stem begins a word of text, ASCII case ignored. */
static int has_word_start(const char *text, const char *stem)
{
    size_t n = strlen(stem);
    for (const char *p = text; *p; p++) {
        if (p > text && isalpha((unsigned char)p[-1]))
            continue;
        if (strncasecmp(p, stem, n) == 0)
            return 1;
    }
    return 0;
}

const char *warnsign_words_of_episode(const struct episode *ep)
{
    static const char prefix[] = "other:";
    for (size_t i = 0; i < ep->ntags; i++) {
        const char *t = ep->tags[i].text;
        if (ep->tags[i].kind != TAG_SYMPTOM || strncmp(t, prefix, sizeof prefix - 1) != 0)
            continue;
        for (size_t k = 0; k < sizeof sign_stems / sizeof sign_stems[0]; k++)
            if (has_word_start(t + sizeof prefix - 1, sign_stems[k]))
                return t + sizeof prefix - 1;
    }
    return NULL;
}

int warnsign_prompts_checklist(const struct episode *ep)
{
    return has_nerve_code(ep) || warnsign_words_of_episode(ep) != NULL;
}

int warnsign_prompt_text(const struct episode *before, const struct episode *after,
                         const char *how, char *buf, size_t len)
{
    if (!warnsign_prompt_added(before, after))
        return 0;
    /* Own words first: they may name a sign more urgent than a nerve code. */
    const char *words = warnsign_words_of_episode(after);
    if (words)
        snprintf(buf, len, "Your words \"%.80s\" may describe a warning sign: take the red-flag "
                           "checklist now (%s).", words, how);
    else
        snprintf(buf, len, "Numbness, tingling or leg pain: take the red-flag checklist now (%s).",
                 how);
    return 1;
}

/* 1 when ep has the symptom code. */
static int has_symptom(const struct episode *ep, const char *code)
{
    for (size_t i = 0; i < ep->ntags; i++)
        if (ep->tags[i].kind == TAG_SYMPTOM && strcmp(ep->tags[i].text, code) == 0)
            return 1;
    return 0;
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
    return warnsign_prompts_checklist(after) && !(before && warnsign_prompts_checklist(before));
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

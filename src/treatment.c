/* SPDX-License-Identifier: BSD-2-Clause */
/* treatment: the kind table and validation. */
#include "src/treatment.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/suggest.h"
#include "src/when.h"

struct entry {
    const char *code, *label;
};

#define TREATMENT_ENTRY_(id, code, label) [id] = {code, label},
static const struct entry kinds[TREATMENT_KIND_COUNT] = {TREATMENT_KIND_INFO(TREATMENT_ENTRY_)};
#undef TREATMENT_ENTRY_

const char *treatment_kind_code(enum treatment_kind k)
{
    return (unsigned)k < TREATMENT_KIND_COUNT ? kinds[k].code : "?";
}

const char *treatment_kind_label(enum treatment_kind k)
{
    return (unsigned)k < TREATMENT_KIND_COUNT ? kinds[k].label : "?";
}

int treatment_kind_parse(const char *code, enum treatment_kind *out)
{
    for (int i = 0; code && i < TREATMENT_KIND_COUNT; i++)
        if (strcmp(kinds[i].code, code) == 0) {
            *out = (enum treatment_kind)i;
            return 0;
        }
    return -1;
}

int treatment_relief_parse(const char *text, enum treatment_kind *out, char *err,
                           size_t errlen)
{
    for (int i = 0; text && i < TREATMENT_KIND_COUNT; i++)
        if (i != TREATMENT_MEDICATION && strcasecmp(kinds[i].code, text) == 0) {
            *out = (enum treatment_kind)i;
            return 0;
        }
    char list[128] = "";
    struct suggest sg;
    suggest_init(&sg, text ? text : "");
    for (int i = 0; i < TREATMENT_KIND_COUNT; i++)
        if (i != TREATMENT_MEDICATION) {
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                     list[0] ? ", " : "", kinds[i].code);
            suggest_add(&sg, kinds[i].code);
        }
    snprintf(err, errlen, "unknown relief \"%.40s\": use %s (a medication: unknot took)",
             text ? text : "", list);
    suggest_append(&sg, err, errlen);
    return -1;
}

void treatment_init(struct treatment *t, enum treatment_kind kind, int64_t taken_at)
{
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->taken_at = taken_at;
    t->duration_s = TREATMENT_NO_DURATION;
    t->pain_before = t->pain_after = TREATMENT_PAIN_NONE;
}

int treatment_set_name(struct treatment *t, const char *text, char *err, size_t errlen)
{
    char norm[TREATMENT_NAME_MAX + 1];
    if (tag_normalize(TAG_MEDICATION, text, norm, sizeof norm, err, errlen) != 0)
        return -1;
    if (!norm[0]) {
        snprintf(err, errlen, "say what was taken: a name and dose as text, e.g. "
                              "\"ibuprofen 400 mg\"");
        return -1;
    }
    memset(t->name, 0, sizeof t->name);
    memcpy(t->name, norm, strlen(norm));
    return 0;
}

static int pain_ok(int p)
{
    return p == TREATMENT_PAIN_NONE || (p >= 0 && p <= EPISODE_INTENSITY_MAX);
}

int treatment_validate(const struct treatment *t, int64_t now, char *err, size_t errlen)
{
    if ((unsigned)t->kind >= TREATMENT_KIND_COUNT) {
        snprintf(err, errlen, "invalid treatment kind %d", (int)t->kind);
        return -1;
    }
    if ((t->kind == TREATMENT_MEDICATION) != (t->name[0] != '\0')) {
        snprintf(err, errlen, "%s", t->kind == TREATMENT_MEDICATION
                                        ? "a medication needs its name"
                                        : "only a medication has a name");
        return -1;
    }
    if (t->taken_at > now + EPISODE_FUTURE_SLACK) {
        char buf[WHEN_FMT_LEN];
        when_format(t->taken_at, buf, sizeof buf);
        snprintf(err, errlen, "the time %s is in the future", buf);
        return -1;
    }
    if (t->duration_s != TREATMENT_NO_DURATION &&
        (t->duration_s < 1 || t->duration_s > TREATMENT_DURATION_MAX)) {
        snprintf(err, errlen, "invalid duration: from 1s to %dh", TREATMENT_DURATION_MAX / 3600);
        return -1;
    }
    if (!pain_ok(t->pain_before) || !pain_ok(t->pain_after)) {
        snprintf(err, errlen, "invalid pain: use a whole number from 0 (none) to %d (worst)",
                 EPISODE_INTENSITY_MAX);
        return -1;
    }
    return 0;
}

int treatment_followup_due(const struct treatment *t, int64_t now)
{
    int64_t since = now - t->taken_at;
    return t->kind == TREATMENT_MEDICATION && t->pain_after == TREATMENT_PAIN_NONE &&
           since >= TREATMENT_FOLLOWUP_FROM_S && since < TREATMENT_FOLLOWUP_UNTIL_S;
}

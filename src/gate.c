/* SPDX-License-Identifier: BSD-2-Clause */
/* gate: the lines before a stretch, ice or heat session starts. */
#include "src/gate.h"

#include <string.h>

#include "src/routines.h"
#include "src/util.h"

/* Symptoms of numbness, tingling or weakness: the leg ones, and the
 * warning signs that are nerve signs too. */
static const char *const nerve_codes[] = {"numbness", "weakness", "saddle-numbness", "both-legs",
                                          "arm-hand"};

static void add(struct gate *g, const char *text, enum gate_tone tone)
{
    if (g->nlines < GATE_MAX_LINES)
        g->lines[g->nlines++] = (struct gate_line){text, tone};
}

void gate_build(enum session_kind kind, const struct gate_facts *facts, struct gate *out)
{
    memset(out, 0, sizeof(*out));
    if (facts->level == REDFLAG_EMERGENCY) {
        /* Stretches, ice and heat do not treat these signs: the advice
         * says so, and the start needs a second, explicit yes. */
        add(out, redflag_level_title(REDFLAG_EMERGENCY), GATE_TONE_EMERGENCY);
        add(out, redflag_level_advice(REDFLAG_EMERGENCY), GATE_TONE_EMERGENCY);
        out->confirm = 1;
    } else if (facts->level == REDFLAG_URGENT) {
        add(out, GATE_URGENT_LINE, GATE_TONE_URGENT);
    }
    if (facts->nerve)
        add(out, kind == SESSION_STRETCH ? ROUTINE_NERVE_STOP : GATE_NUMB_SKIN_LINE,
            GATE_TONE_CAUTION);
    if (facts->severe_advice && facts->severe_advice[0])
        add(out, facts->severe_advice, GATE_TONE_CAUTION);
}

void gate_reflow(const char *text, char *out, size_t len)
{
    size_t i = 0;
    if (!len)
        return;
    for (; text[i] && i + 1 < len; i++)
        out[i] = text[i] == '\n' ? ' ' : text[i];
    out[i] = '\0';
}

int gate_nerve_episode(const struct episode *ep)
{
    if (ep->ended_at != EPISODE_ONGOING)
        return 0;
    for (size_t i = 0; i < ep->ntags; i++) {
        if (ep->tags[i].kind != TAG_SYMPTOM)
            continue;
        for (size_t k = 0; k < COUNT(nerve_codes); k++)
            if (strcmp(ep->tags[i].text, nerve_codes[k]) == 0)
                return 1;
    }
    return 0;
}

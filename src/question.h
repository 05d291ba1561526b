/* SPDX-License-Identifier: BSD-2-Clause */
/* question: the patient's own questions for the next visit (issue 15),
 * as `unknot question "..."` adds them, the store keeps them (schema step
 * 8), the export carries them and the visit brief lists them, until the
 * patient clears them. Pure: libc only. */
#ifndef UNKNOT_QUESTION_H
#define UNKNOT_QUESTION_H

#include <stddef.h>
#include <stdint.h>

#define QUESTION_TEXT_MAX 500 /* bytes of a question, without the NUL */
#define QUESTION_MAX 100      /* questions kept at once: a visit lasts ten minutes */

struct question {
    int64_t id;
    int64_t asked_at; /* Unix seconds */
    char text[QUESTION_TEXT_MAX + 1];
};

/* 0 when q->text is a question the store takes: 1 to QUESTION_TEXT_MAX
 * bytes of UTF-8 text (text_valid_n, tab kept, no newline), not only
 * spaces; else -1 with one line in err. */
int question_validate(const struct question *q, char *err, size_t errlen);

#endif

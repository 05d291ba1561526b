/* SPDX-License-Identifier: BSD-2-Clause */
/* question: see question.h. */
#include "src/question.h"

#include <stdio.h>
#include <string.h>

#include "src/text.h"

/* Spaces and tabs alone say nothing: refused as an empty question. */
static int blank(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

int question_validate(const struct question *q, char *err, size_t errlen)
{
    size_t len = strnlen(q->text, sizeof q->text);
    if (len == 0 || blank(q->text)) {
        snprintf(err, errlen, "the question is empty: write it in quotes, "
                              "unknot question \"Is it safe to run?\"");
        return -1;
    }
    if (len > QUESTION_TEXT_MAX) {
        snprintf(err, errlen, "the question is longer than %d bytes: make it shorter",
                 QUESTION_TEXT_MAX);
        return -1;
    }
    if (!text_valid_n(q->text, len, TEXT_KEEP_TAB)) {
        snprintf(err, errlen, "the question has a line break, a control character or text "
                              "that is not UTF-8: write it on one line");
        return -1;
    }
    return 0;
}

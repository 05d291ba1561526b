/* SPDX-License-Identifier: BSD-2-Clause */
#include "src/suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int min3(int a, int b, int c)
{
    int m = a < b ? a : b;
    return m < c ? m : c;
}

static int same(char a, char b)
{
    return tolower((unsigned char)a) == tolower((unsigned char)b);
}

int suggest_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > SUGGEST_WORD_MAX || lb > SUGGEST_WORD_MAX)
        return SUGGEST_WORD_MAX + 1;
    /* d[i][j]: the distance between the first i of a and the first j of b. */
    int d[SUGGEST_WORD_MAX + 1][SUGGEST_WORD_MAX + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
            d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]) &&
                d[i - 2][j - 2] + 1 < d[i][j])
                d[i][j] = d[i - 2][j - 2] + 1; /* two neighbours swapped */
        }
    }
    return d[la][lb];
}

void suggest_init(struct suggest *s, const char *typed)
{
    memset(s, 0, sizeof(*s));
    s->typed = typed;
    s->best_distance = SUGGEST_WORD_MAX + 1;
}

void suggest_add(struct suggest *s, const char *word)
{
    if (!word || !word[0])
        return;
    size_t n = strlen(s->typed);
    int limit = n <= 3 ? 1 : 2;
    int d = suggest_distance(s->typed, word);
    if (d <= limit && d < s->best_distance) {
        s->best = word;
        s->best_distance = d;
    }
    if (n > 0 && n < strlen(word) && strncasecmp(s->typed, word, n) == 0 &&
        (!s->prefix || strcmp(s->prefix, word) != 0)) {
        s->prefix = word;
        s->nprefix++;
    }
}

const char *suggest_result(const struct suggest *s)
{
    if (s->best)
        return s->best;
    return s->nprefix == 1 ? s->prefix : NULL;
}

void suggest_append(const struct suggest *s, char *msg, size_t len)
{
    const char *w = suggest_result(s);
    size_t used = strlen(msg);
    if (w && used < len)
        snprintf(msg + used, len - used, "; did you mean \"%s\"?", w);
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/markdown.c: what is escaped where, table-driven. Each
 * expected string was checked against what CommonMark makes of it: the
 * escaped text renders as the input reads, and nothing else is escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/markdown.h"

static char *render(const char *s, enum md_place place)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    md_write_text(f, s, place);
    assert_int_equal(fclose(f), 0);
    return buf;
}

struct md_case {
    const char *in;
    enum md_place place;
    const char *want;
};

static void run_cases(const struct md_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *got = render(cases[i].in, cases[i].place);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu, \"%s\" (place %d): got \"%s\", wanted \"%s\"", i, cases[i].in,
                     (int)cases[i].place, got, cases[i].want);
        free(got);
    }
}

/* Plain words, numbers and punctuation that markdown leaves alone. */
static void test_no_needless_escapes(void **state)
{
    (void)state;
    static const struct md_case cases[] = {
        {"#5 since 2026-09-02 13:49", MD_BLOCK, "#5 since 2026-09-02 13:49"},
        {"latest #12, #11, #10", MD_INLINE, "latest #12, #11, #10"},
        {"paracetamol, 1 g (2x)", MD_BLOCK, "paracetamol, 1 g (2x)"},
        {"Diclofenac \"gel\"", MD_BLOCK, "Diclofenac \"gel\""},
        {"-5 degrees", MD_BLOCK, "-5 degrees"},
        {"item 2: saddle numbness", MD_BLOCK, "item 2: saddle numbness"},
        {"2 * 3 = 6", MD_INLINE, "2 * 3 = 6"},
        {"snake_case_name", MD_INLINE, "snake_case_name"},
        {"a | b", MD_BLOCK, "a | b"},
        {"AT&T, R&D", MD_INLINE, "AT&T, R&D"},
        {"<3 and 3 > 2", MD_INLINE, "<3 and 3 > 2"},
        {"C:\\dir and 100%", MD_INLINE, "C:\\dir and 100%"},
        {"[draft", MD_INLINE, "[draft"},
        {"1.5 mg", MD_BLOCK, "1.5 mg"},
        {"naïve – 痛み 8", MD_BLOCK, "naïve – 痛み 8"},
        {"=SUM(A1) 4", MD_BLOCK, "=SUM(A1) 4"},
        {"", MD_BLOCK, ""},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

/* A note that starts a block must not become a heading, quote, list,
 * thematic break or fence; only the block's start is at risk. */
static void test_block_starts(void **state)
{
    (void)state;
    static const struct md_case cases[] = {
        {"# Heading", MD_BLOCK, "\\# Heading"},
        {"###### six", MD_BLOCK, "\\###### six"},
        {"####### seven is no heading", MD_BLOCK, "####### seven is no heading"},
        {"#", MD_BLOCK, "\\#"},
        {"# Heading", MD_INLINE, "# Heading"},
        {"> quoted", MD_BLOCK, "\\> quoted"},
        {"- list", MD_BLOCK, "\\- list"},
        {"+ list", MD_BLOCK, "\\+ list"},
        {"* list", MD_BLOCK, "\\* list"},
        {"- list", MD_INLINE, "- list"},
        {"1. first", MD_BLOCK, "1\\. first"},
        {"12) twelfth", MD_BLOCK, "12\\) twelfth"},
        {"2026. A year", MD_BLOCK, "2026\\. A year"}, /* a list starting at 2026 */
        {"---", MD_BLOCK, "\\---"},
        {"* * *", MD_BLOCK, "\\* * *"},
        {"___", MD_BLOCK, "\\_\\_\\_"},
        {"~~~", MD_BLOCK, "\\~\\~\\~"},
        {"    code?", MD_BLOCK, "code?"},
        {"  # after blanks", MD_BLOCK, "\\# after blanks"},
        {"line one\n# two", MD_BLOCK, "line one # two"},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

/* Anywhere: emphasis, strikethrough, code, links, HTML, entities. */
static void test_inline_marks(void **state)
{
    (void)state;
    static const struct md_case cases[] = {
        {"*bold*", MD_INLINE, "\\*bold\\*"},
        {"**strong**", MD_INLINE, "\\*\\*strong\\*\\*"},
        {"_x_", MD_INLINE, "\\_x\\_"},
        {"a*b*c", MD_INLINE, "a\\*b\\*c"},
        {"a_b", MD_INLINE, "a_b"},
        {"é_x_é", MD_INLINE, "é\\_x\\_é"}, /* letters outside ASCII: escaped, to be safe */
        {"~~gone~~", MD_INLINE, "\\~\\~gone\\~\\~"},
        {"a ~ b", MD_INLINE, "a ~ b"},
        {"`code`", MD_INLINE, "\\`code\\`"},
        {"[link](http://x)", MD_INLINE, "\\[link](http://x)"},
        {"![img](x)", MD_INLINE, "!\\[img](x)"},
        {"[x]: http://x", MD_BLOCK, "\\[x]: http://x"},
        {"<b>bold</b>", MD_INLINE, "\\<b>bold\\</b>"},
        {"<!-- c -->", MD_INLINE, "\\<!-- c -->"},
        {"<http://x>", MD_INLINE, "\\<http://x>"},
        {"&amp; &#35; &#x23;", MD_INLINE, "\\&amp; \\&#35; \\&#x23;"},
        {"\\*", MD_INLINE, "\\\\\\*"},
        {"end\\", MD_INLINE, "end\\"},
        {"two\nlines | *bold* _x_", MD_BLOCK, "two lines | \\*bold\\* \\_x\\_"},
        {"- list \xEF\xBF\xBD[31m", MD_BLOCK, "\\- list \xEF\xBF\xBD[31m"},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

/* A heading's closing sequence: a trailing "#" after a blank. */
static void test_heading(void **state)
{
    (void)state;
    static const struct md_case cases[] = {
        {"Your notes (the 8 most recent of 829)", MD_HEADING,
         "Your notes (the 8 most recent of 829)"},
        {"Episode #5", MD_HEADING, "Episode #5"},
        {"Ends with #", MD_HEADING, "Ends with \\#"},
        {"Ends with ## ", MD_HEADING, "Ends with \\## "},
        {"C#", MD_HEADING, "C#"},
        {"# inner", MD_HEADING, "\\# inner"},
    };
    run_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_null_writes_nothing(void **state)
{
    (void)state;
    char *got = render(NULL, MD_BLOCK);
    assert_string_equal(got, "");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_needless_escapes),
        cmocka_unit_test(test_block_starts),
        cmocka_unit_test(test_inline_marks),
        cmocka_unit_test(test_heading),
        cmocka_unit_test(test_null_writes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

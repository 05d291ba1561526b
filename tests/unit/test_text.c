/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests for src/text.c: one UTF-8 and width model for the core. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/text.h"

/* The lead bytes and the range of their first continuation byte. */
static void test_lead(void **state)
{
    static const struct {
        unsigned char c;
        int need;
        unsigned char lo, hi;
    } cases[] = {
        {0x00, 0, 0x80, 0xBF}, {'a', 0, 0x80, 0xBF},  {0x7F, 0, 0x80, 0xBF}, {0x80, -1, 0, 0},
        {0xBF, -1, 0, 0},      {0xC0, -1, 0, 0},      {0xC1, -1, 0, 0},      {0xC2, 1, 0x80, 0xBF},
        {0xDF, 1, 0x80, 0xBF}, {0xE0, 2, 0xA0, 0xBF}, {0xE1, 2, 0x80, 0xBF}, {0xED, 2, 0x80, 0x9F},
        {0xEF, 2, 0x80, 0xBF}, {0xF0, 3, 0x90, 0xBF}, {0xF3, 3, 0x80, 0xBF}, {0xF4, 3, 0x80, 0x8F},
        {0xF5, -1, 0, 0},      {0xFF, -1, 0, 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char lo = 0, hi = 0;
        int need = text_utf8_lead(cases[i].c, &lo, &hi);
        assert_int_equal(need, cases[i].need);
        if (need >= 0) {
            assert_int_equal(lo, cases[i].lo);
            assert_int_equal(hi, cases[i].hi);
        }
    }
}

static void test_decode(void **state)
{
    static const struct {
        const char *in;
        size_t len, n;
        uint32_t cp;
    } cases[] = {
        {"a", 1, 1, 'a'},
        {"\xC3\xA9", 2, 2, 0xE9},            /* é */
        {"\xE7\x97\x9B", 3, 3, 0x75DB},      /* 痛 */
        {"\xF0\x9F\x99\x82", 4, 4, 0x1F642}, /* 🙂 */
        {"\xEF\xBF\xBD", 3, 3, 0xFFFD},      /* a real U+FFFD */
        {"\xE7\x97", 2, 1, 0xFFFD},          /* cut short */
        {"\xE7\x97\x9B", 2, 1, 0xFFFD},      /* cut by len */
        {"\xC0\xAF", 2, 1, 0xFFFD},          /* overlong */
        {"\xED\xA0\x80", 3, 1, 0xFFFD},      /* surrogate */
        {"\xF4\x90\x80\x80", 4, 1, 0xFFFD},  /* above U+10FFFF */
        {"\x80", 1, 1, 0xFFFD},              /* a lone continuation */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t cp = 0;
        assert_int_equal(text_decode(cases[i].in, cases[i].len, &cp), cases[i].n);
        assert_int_equal(cp, cases[i].cp);
    }
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(text_utf8_valid("plain", 0));
    assert_true(text_utf8_valid("naïve – 痛み 🙂", 0));
    assert_false(text_utf8_valid("a\nb", 0));
    assert_true(text_utf8_valid("a\nb", 1));
    assert_false(text_utf8_valid("\xC0\xAF", 1));         /* overlong '/' */
    assert_false(text_utf8_valid("\xED\xA0\x80", 1));     /* surrogate */
    assert_false(text_utf8_valid("\xF4\x90\x80\x80", 1)); /* above U+10FFFF */
    assert_false(text_utf8_valid("\xE2\x82", 1));         /* truncated */
    assert_false(text_utf8_valid("\x1b[31m", 1));         /* escape sequence */
    assert_true(text_utf8_valid("", 0));
    assert_true(text_utf8_valid("tab\tok", 0));
    assert_true(text_utf8_valid("\xEF\xBF\xBD", 0));
    assert_false(text_utf8_valid("\x7F", 1));
    assert_false(text_utf8_valid("a\rb", 1));
    assert_false(text_utf8_valid("\xF0\x9F\x99", 1)); /* cut at the end */
    assert_false(text_utf8_valid("\xE0\x80\xAF", 1)); /* overlong, 3 bytes */
}

static void test_width(void **state)
{
    static const struct {
        const char *in;
        int w;
    } cases[] = {
        {"", 0},
        {"abc", 3},
        {"na\xC3\xAFve", 5},             /* naïve */
        {"e\xCC\x81", 1},                /* e + combining acute */
        {"\xE7\x97\x9B\xE3\x81\xBF", 4}, /* 痛み */
        {"\xF0\x9F\x99\x82", 2},         /* 🙂 */
        {"\xEA\xB0\x80", 2},             /* 가 */
        {"\xEF\xBD\x81", 2},             /* fullwidth a */
        {"\xC0\xAF", 2},                 /* two bad bytes, one column each */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(text_width(cases[i].in, strlen(cases[i].in)), cases[i].w);
    assert_int_equal(text_width("abc", 2), 2);
}

/* text_wrap's output as a string the caller frees. */
static char *wrapped(const char *s, int ind, int width)
{
    /* static: see test_report.c's render. */
    static char *out;
    static size_t len;
    out = NULL;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    text_wrap(f, s, ind, width);
    assert_int_equal(fclose(f), 0);
    return out;
}

static void expect_wrap(const char *s, int ind, int width, const char *want)
{
    char *got = wrapped(s, ind, width);
    assert_string_equal(got, want);
    free(got);
}

static void test_wrap(void **state)
{
    (void)state;
    expect_wrap("one two three", 0, 20, "one two three\n");
    expect_wrap("one two three", 0, 7, "one two\nthree\n");
    expect_wrap("one two three", 2, 9, "  one two\n  three\n");
    expect_wrap("  lots   of   blanks  ", 0, 80, "lots of blanks\n");
    expect_wrap("first\nsecond", 1, 80, " first\n second\n");
    expect_wrap("abcdefghij", 0, 4, "abcd\nefgh\nij\n");      /* a word cut at the edge */
    expect_wrap("\xE7\x97\x9B\xE7\x97\x9B\xE7\x97\x9B", 0, 4, /* 痛痛痛: two columns each */
                "\xE7\x97\x9B\xE7\x97\x9B\n\xE7\x97\x9B\n");
    expect_wrap("   ", 2, 80, "");
    expect_wrap("", 2, 80, "");
}

/* The one rule, code point by code point: the edges of every refused range
 * and their neighbours, which pass. */
static void test_refused_table(void **state)
{
    static const struct {
        uint32_t cp;
        int refused;
    } cases[] = {
        {0x00, 1},    {0x09, 1},    {0x0A, 1},    {0x1B, 1},    {0x1F, 1},    {0x20, 0},
        {0x7E, 0},    {0x7F, 1},    {0x80, 1},    {0x9B, 1},    {0x9D, 1},    {0x9F, 1},
        {0xA0, 0},    {0xE9, 0},    {0x200A, 0},  {0x200B, 1},  {0x200D, 1},  {0x200F, 1},
        {0x2010, 0},  {0x2029, 0},  {0x202A, 1},  {0x202E, 1},  {0x202F, 0},  {0x2065, 0},
        {0x2066, 1},  {0x2069, 1},  {0x206A, 0},  {0xFEFE, 0},  {0xFEFF, 1},  {0xFFFD, 0},
        {0x1F642, 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (text_cp_refused(cases[i].cp) != cases[i].refused)
            fail_msg("U+%04X: refused %d, want %d", (unsigned)cases[i].cp,
                     text_cp_refused(cases[i].cp), cases[i].refused);
    }
}

/* The same rule over strings, as episode.c and xfer.c ask it. */
static void test_valid_table(void **state)
{
    static const struct {
        const char *in;
        unsigned keep;
        int ok;
    } cases[] = {
        {"plain", 0, 1},
        {"tab\there", 0, 0},
        {"tab\there", TEXT_KEEP_TAB, 1},
        {"a\nb", TEXT_KEEP_TAB, 0},
        {"a\nb", TEXT_KEEP_NEWLINE, 1},
        {"a\rb", TEXT_KEEP_TAB | TEXT_KEEP_NEWLINE, 0},
        {"\xC2\x80", TEXT_KEEP_TAB, 0},                  /* U+0080 */
        {"x\xC2\x9B" "31m", TEXT_KEEP_TAB, 0},           /* C1 CSI */
        {"\xC2\x9D" "0;title\xC2\x9C", TEXT_KEEP_TAB, 0}, /* C1 OSC ... ST */
        {"\xC2\xA0nbsp", TEXT_KEEP_TAB, 1},              /* U+00A0 passes */
        {"evil\xE2\x80\xAEgnp.exe", TEXT_KEEP_TAB, 0},   /* U+202E RLO */
        {"\xE2\x80\xAA", 0, 0},                          /* U+202A LRE */
        {"\xE2\x81\xA6x\xE2\x81\xA9", 0, 0},             /* U+2066 .. U+2069 */
        {"zero\xE2\x80\x8Bwidth", 0, 0},                 /* U+200B */
        {"\xE2\x80\x8F", 0, 0},                          /* U+200F RLM */
        {"\xEF\xBB\xBF" "bom", 0, 0},                    /* U+FEFF */
        {"\xE2\x80\x94 dash \xE2\x80\xAF", 0, 1},        /* U+2014, U+202F pass */
        {"\xE2\x81\xAA", 0, 1},                          /* U+206A passes */
        {"\xC2", TEXT_KEEP_TAB, 0},                      /* cut short */
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *in = cases[i].in;
        if (text_valid_n(in, strlen(in), cases[i].keep) != cases[i].ok)
            fail_msg("case %zu: valid %d, want %d", i, !cases[i].ok, cases[i].ok);
    }
    assert_false(text_valid_n("a\0b", 3, TEXT_KEEP_TAB)); /* a NUL inside */
    assert_false(text_utf8_valid("note \xE2\x80\xAE", 1));
    assert_false(text_utf8_valid("\xC2\x85", 1)); /* NEL is not a newline */
}

static void expect_clean(const char *in, unsigned keep, const char *want)
{
    char out[64];
    size_t n = text_clean(in, keep, out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

#define R TEXT_REPLACEMENT

static void test_clean(void **state)
{
    (void)state;
    expect_clean("plain \xE7\x97\x9B", 0, "plain \xE7\x97\x9B");
    expect_clean("a\x1b[31mb", 0, "a" R "[31mb");
    expect_clean("x\xC2\x9By", 0, "x" R "y");
    expect_clean("\xE2\x80\xAEz", 0, R "z");
    expect_clean("a\tb\nc", TEXT_KEEP_TAB, "a\tb" R "c");
    expect_clean("a\tb\nc", TEXT_KEEP_TAB | TEXT_KEEP_NEWLINE, "a\tb\nc");
    expect_clean("\xFF\xC0\xAF", 0, R R R); /* each bad byte on its own */
    expect_clean("\xEF\xBF\xBD", 0, R);     /* a real U+FFFD stays */
    /* Stops before a character that would not fit whole. */
    char small[5];
    assert_int_equal(text_clean("ab\xE7\x97\x9B", 0, small, sizeof small), 2);
    assert_string_equal(small, "ab");
    assert_int_equal(text_clean("abcd", 0, small, sizeof small), 4);
    assert_string_equal(small, "abcd");
    /* text_write_clean writes what text_clean makes. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    text_write_clean(f, "n\xC2\x9Bo\te", 6, TEXT_KEEP_TAB);
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, "n" R "o\te");
    free(buf);
}

/* A cell: cut to its columns with the ellipsis counted, one line. */
static void test_cut(void **state)
{
    static const struct {
        const char *in;
        int width;
        const char *ell, *want;
        int cols;
    } cases[] = {
        {"lifting", 10, "...", "lifting", 7},
        {"lifting", 7, "...", "lifting", 7},
        {"lifting, stress", 10, "...", "lifting...", 10},
        {"lifting, stress", 10, TEXT_ELLIPSIS, "lifting, " TEXT_ELLIPSIS, 10},
        {"na\xC3\xAFve \xE7\x97\x9B\xE3\x81\xBF", 9, TEXT_ELLIPSIS,
         "na\xC3\xAFve \xE7\x97\x9B" TEXT_ELLIPSIS, 9}, /* a wide char never half */
        {"\xE7\x97\x9B\xE3\x81\xBF\xE3\x81\xBF", 4, TEXT_ELLIPSIS, "\xE7\x97\x9B" TEXT_ELLIPSIS, 3},
        {"a\tb\nc", 5, "...", "a b c", 5},
        {"bad\x80" "byte", 20, "...", "bad" TEXT_REPLACEMENT "byte", 8},
        {"abcdef", 2, "...", "ab", 2}, /* no room for the ellipsis */
        {"", 5, "...", "", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        int cols = text_cut(cases[i].in, strlen(cases[i].in), cases[i].width, cases[i].ell, out,
                            sizeof out);
        assert_string_equal(out, cases[i].want);
        assert_int_equal(cols, cases[i].cols);
    }
    char small[4];
    assert_int_equal(text_cut("abcdef", 6, 6, "...", small, sizeof small), 3);
    assert_string_equal(small, "abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lead),  cmocka_unit_test(test_decode), cmocka_unit_test(test_valid),
        cmocka_unit_test(test_width), cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_refused_table), cmocka_unit_test(test_valid_table),
        cmocka_unit_test(test_clean), cmocka_unit_test(test_cut),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}

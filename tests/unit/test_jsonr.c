/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/jsonr.c: the token stream of accepted documents, string
 * escapes and UTF-8, whole numbers at their limits, and every refusal with
 * its line number. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/jsonr.h"
#include "tests/memfile.h"

static struct jsonr reader; /* ~8 KB: keep it off the stack */

static FILE *input(const char *data, size_t len)
{
    FILE *f = memfile_open(data, len);
    assert_non_null(f);
    return f;
}

/* The tokens of a document as a compact string: { } [ ] k:NAME s:TEXT
 * i:NUM n t f, separated by spaces; "!" and the message on an error. */
static void tokens(const char *doc, size_t len, char *out, size_t outlen)
{
    struct jsonr_token t;
    char err[UNKNOT_ERR_LEN];
    size_t used = 0;
    int rc;
    FILE *f = input(doc, len);
    jsonr_init(&reader, f);
    out[0] = '\0';
    while ((rc = jsonr_next(&reader, &t, err, sizeof err)) == 1) {
        char one[JSONR_STRING_MAX + 8];
        switch (t.type) {
        case JSONR_OBJECT: snprintf(one, sizeof one, "{"); break;
        case JSONR_OBJECT_END: snprintf(one, sizeof one, "}"); break;
        case JSONR_ARRAY: snprintf(one, sizeof one, "["); break;
        case JSONR_ARRAY_END: snprintf(one, sizeof one, "]"); break;
        case JSONR_KEY: snprintf(one, sizeof one, "k:%s", t.str); break;
        case JSONR_STRING: snprintf(one, sizeof one, "s:%s", t.str); break;
        case JSONR_INT: snprintf(one, sizeof one, "i:%lld", (long long)t.num); break;
        case JSONR_NULL: snprintf(one, sizeof one, "n"); break;
        case JSONR_TRUE: snprintf(one, sizeof one, "t"); break;
        case JSONR_FALSE: snprintf(one, sizeof one, "f"); break;
        }
        used += (size_t)snprintf(out + used, outlen - used, "%s%s", used ? " " : "", one);
        assert_true(used < outlen);
    }
    if (rc < 0)
        snprintf(out + used, outlen - used, "%s! %s", used ? " " : "", err);
    fclose(f);
}

static void test_accepted(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"{}", "{ }"},
        {"[]", "[ ]"},
        {" \t\r\n{ \"a\" : 1 , \"b\":[true,false,null] }\n\n", "{ k:a i:1 k:b [ t f n ] }"},
        {"{\"format\": \"unknot-export\", \"version\": 1, \"episodes\": []}",
         "{ k:format s:unknot-export k:version i:1 k:episodes [ ] }"},
        {"[[[]],{}]", "[ [ [ ] ] { } ]"},
        {"\"just a string\"", "s:just a string"},
        {"-0", "i:0"},
        {"[0, -1, 123]", "[ i:0 i:-1 i:123 ]"},
        {"9223372036854775807", "i:9223372036854775807"},
        {"-9223372036854775808", "i:-9223372036854775808"},
        {"\"\"", "s:"},
        {"{\"\": \"\"}", "{ k: s: }"},
    };
    char out[1024];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tokens(cases[i].in, strlen(cases[i].in), out, sizeof out);
        assert_string_equal(out, cases[i].out);
    }
}

static void test_string_escapes(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d"},
        {"\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t"},
        {"\"\\u0041\\u00e9\\u20AC\"", "A\xC3\xA9\xE2\x82\xAC"},              /* A é € */
        {"\"\\uD83D\\uDE42\"", "\xF0\x9F\x99\x82"},                          /* 🙂 pair */
        {"\"\\uDBFF\\uDFFF\"", "\xF4\x8F\xBF\xBF"},                          /* U+10FFFF */
        {"\"na\xC3\xAFve \xE7\x97\x9B\xE3\x81\xBF \xF0\x9F\x99\x82\"", "na\xC3\xAFve "
                                                                       "\xE7\x97\x9B\xE3\x81\xBF "
                                                                       "\xF0\x9F\x99\x82"},
        {"\"\x7F\"", "\x7F"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct jsonr_token t;
        char err[UNKNOT_ERR_LEN];
        FILE *f = input(cases[i].in, strlen(cases[i].in));
        jsonr_init(&reader, f);
        assert_int_equal(jsonr_next(&reader, &t, err, sizeof err), 1);
        assert_int_equal(t.type, JSONR_STRING);
        assert_string_equal(t.str, cases[i].out);
        assert_int_equal(t.len, strlen(cases[i].out));
        assert_int_equal(jsonr_next(&reader, &t, err, sizeof err), 0);
        fclose(f);
    }
}

/* Tokens carry the physical line where they start. */
static void test_lines(void **state)
{
    static const char doc[] = "{\n  \"a\": [\n    1,\n\n    \"x\"\n  ]\n}\n";
    static const long want[] = {1, 2, 2, 3, 5, 6, 7};
    struct jsonr_token t;
    char err[UNKNOT_ERR_LEN];
    size_t n = 0;
    (void)state;
    FILE *f = input(doc, strlen(doc));
    jsonr_init(&reader, f);
    while (jsonr_next(&reader, &t, err, sizeof err) == 1) {
        assert_true(n < sizeof want / sizeof want[0]);
        assert_int_equal(t.line, want[n++]);
    }
    assert_int_equal(n, sizeof want / sizeof want[0]);
    fclose(f);
}

struct err_case {
    const char *in;
    size_t len; /* 0: strlen */
    const char *err;
};

static void test_errors(void **state)
{
    static const struct err_case cases[] = {
        {"", 0, "line 1: the input ends before any value"},
        {"\n\n", 0, "line 3: the input ends before any value"},
        {"{", 0, "line 1: the input ends inside an object"},
        {"[1,\n", 0, "line 2: the input ends inside an array"},
        {"{\"a\" 1}", 0, "line 1: expected ':' after a key, found '1'"},
        {"{\"a\": 1,}", 0, "line 1: expected a key in quotes (no comma before a closing brace), "
                           "found '}'"},
        {"[1,]", 0, "line 1: expected a value, found ']' (no comma before a closing bracket)"},
        {"[1 2]", 0, "line 1: expected ',' or ']', found '2'"},
        {"{1: 2}", 0, "line 1: expected a key in quotes or '}', found '1'"},
        {"{} {}", 0, "line 1: expected the end of the input after the top-level value, found '{'"},
        {"1.5", 0, "line 1: numbers must be whole (no fraction or exponent)"},
        {"1e3", 0, "line 1: numbers must be whole (no fraction or exponent)"},
        {"012", 0, "line 1: numbers may not have leading zeros"},
        {"-", 0, "line 1: expected a digit, found the end of the input"},
        {"9223372036854775808", 0, "line 1: number out of range"},
        {"-9223372036854775809", 0, "line 1: number out of range"},
        {"nul", 0, "line 1: unknown word: use null, true, false, a number or a quoted string"},
        {"[\n'x']", 0, "line 2: expected a value, found '''"},
        {"\"a\nb\"", 0, "line 1: control character 0x0A in a string: write it as an escape such "
                        "as \\n"},
        {"\n\"a\tb\"", 0, "line 2: control character 0x09 in a string: write it as an escape "
                          "such as \\n"},
        {"\"abc", 0, "line 1: the input ends inside a string that starts here"},
        {"\"\\x\"", 0, "line 1: unknown escape \\ followed by 'x': use \\\" \\\\ \\/ \\b \\f \\n "
                       "\\r \\t or \\uXXXX"},
        {"\"\\u12\"", 0, "line 1: \\u must be followed by four hex digits"},
        {"\"\\u0000\"", 0, "line 1: \\u0000 is not allowed in a string"},
        {"\"\\uDE42\"", 0, "line 1: lone low surrogate \\uDE42: it must follow a high one"},
        {"\"\\uD83D\"", 0, "line 1: high surrogate \\uD83D must be followed by a low one "
                           "(\\uDC00 to \\uDFFF)"},
        {"\"\\uD83D\\u0041\"", 0, "line 1: high surrogate \\uD83D must be followed by a low one "
                                  "(\\uDC00 to \\uDFFF)"},
        {"\"\xC0\xAF\"", 0, "line 1: invalid UTF-8 (byte 0xC0) in a string"},
        {"\"\xED\xA0\x80\"", 0, "line 1: invalid UTF-8 in a string"},
        {"\"\xF4\x90\x80\x80\"", 0, "line 1: invalid UTF-8 in a string"},
        {"\"\xE2\x82\"", 0, "line 1: invalid UTF-8 in a string"},
        {"\"\xFF\"", 0, "line 1: invalid UTF-8 (byte 0xFF) in a string"},
        {"\xEF\xBB\xBF{}", 0, "line 1: expected a value, found byte 0xEF"},
        {"[\"a\0b\"]", 7, "line 1: control character 0x00 in a string: write it as an escape "
                          "such as \\n"},
        {"[[[[[[[[[[[[[[[[[", 0, "line 1: nested deeper than 16 levels"},
    };
    char out[1024];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
        tokens(cases[i].in, len, out, sizeof out);
        const char *bang = strstr(out, "! ");
        assert_non_null(bang);
        assert_string_equal(bang + 2, cases[i].err);
    }
}

/* After an error every call repeats it; err may be NULL. */
static void test_error_sticks(void **state)
{
    struct jsonr_token t;
    char err[UNKNOT_ERR_LEN];
    (void)state;
    FILE *f = input("[1,,2]", 6);
    jsonr_init(&reader, f);
    assert_int_equal(jsonr_next(&reader, &t, NULL, 0), 1);
    assert_int_equal(jsonr_next(&reader, &t, NULL, 0), 1);
    assert_int_equal(jsonr_next(&reader, &t, err, sizeof err), -1);
    assert_int_equal(jsonr_next(&reader, &t, err, sizeof err), -1);
    assert_string_equal(err, "line 1: expected a value, found ','");
    fclose(f);
}

/* A string of exactly JSONR_STRING_MAX bytes fits; one more does not. */
static void test_string_limit(void **state)
{
    char *doc = malloc(JSONR_STRING_MAX + 4);
    struct jsonr_token t;
    char err[UNKNOT_ERR_LEN];
    (void)state;
    assert_non_null(doc);
    for (int extra = 0; extra < 2; extra++) {
        size_t n = JSONR_STRING_MAX + (size_t)extra;
        doc[0] = '"';
        memset(doc + 1, 'z', n);
        doc[n + 1] = '"';
        FILE *f = input(doc, n + 2);
        jsonr_init(&reader, f);
        if (extra == 0) {
            assert_int_equal(jsonr_next(&reader, &t, err, sizeof err), 1);
            assert_int_equal(t.len, JSONR_STRING_MAX);
        } else {
            assert_int_equal(jsonr_next(&reader, &t, err, sizeof err), -1);
            assert_string_equal(err, "line 1: string longer than 8192 bytes");
        }
        fclose(f);
    }
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepted),    cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_lines),       cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_sticks), cmocka_unit_test(test_string_limit),
    };
    return cmocka_run_group_tests_name("jsonr", tests, NULL, NULL);
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of src/csv.c: the writer's quoting, round trips of nasty fields,
 * what the reader accepts, every error with its line number, and line
 * counting across records that span lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/csv.h"
#include "tests/memfile.h"

#define MAX_RECS 8

static char buf[CSV_RECORD_BUF]; /* 256 KiB: keep it off the stack */

/* A read stream over len bytes (tmpfile, so empty input and NUL bytes
 * work, which fmemopen does not promise). */
static FILE *input(const char *data, size_t len)
{
    FILE *f = memfile_open(data, len);
    assert_non_null(f);
    return f;
}

/* Everything written by fn(f), as a string the caller frees. */
static char *written(void (*fn)(FILE *, const void *), const void *arg)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    fn(f, arg);
    assert_int_equal(fclose(f), 0);
    return out;
}

/* ---- writer ------------------------------------------------------------- */

static void write_one(FILE *f, const void *arg)
{
    assert_int_equal(csv_write_field(f, arg), 0);
}

static void test_write_quoting(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},
        {"", "\"\""},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"\"", "\"\"\"\""},
        {"l1\nl2", "\"l1\nl2\""},
        {"cr\rx", "\"cr\rx\""},
        {"  spaces kept  ", "  spaces kept  "},
        {"naïve – 痛み", "naïve – 痛み"},
        {"\xEF\xBB\xBF"
         "bom",
         "\"\xEF\xBB\xBF"
         "bom\""},
        {"semi;colon\ttab", "semi;colon\ttab"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = written(write_one, cases[i].in);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
}

static void write_rows(FILE *f, const void *arg)
{
    static const char *const row[] = {"a", "", "b,c"};
    (void)arg;
    assert_int_equal(csv_write_row(f, row, 3), 0);
    assert_int_equal(csv_write_field(f, NULL), 0);
    assert_int_equal(csv_write_sep(f), 0);
    assert_int_equal(csv_write_field(f, "x"), 0);
    assert_int_equal(csv_end_row(f), 0);
}

static void test_write_rows(void **state)
{
    (void)state;
    char *out = written(write_rows, NULL);
    assert_string_equal(out, "a,\"\",\"b,c\"\r\n\"\",x\r\n");
    free(out);
}

/* ---- reading: accepted input -------------------------------------------- */

struct rec_spec {
    long line;
    size_t n;
    const char *fields[4];
};

struct read_case {
    const char *name;
    const char *in;
    size_t nrecs;
    struct rec_spec recs[MAX_RECS];
};

static void check_read(const struct read_case *c)
{
    struct csv_reader r;
    struct csv_record rec;
    char err[UNKNOT_ERR_LEN] = "";
    FILE *f = input(c->in, strlen(c->in));
    csv_reader_init(&r, f);
    for (size_t i = 0; i < c->nrecs; i++) {
        int rc = csv_read(&r, buf, sizeof buf, &rec, err, sizeof err);
        if (rc != 1)
            fail_msg("%s: record %zu: rc %d (%s)", c->name, i, rc, err);
        if (rec.line != c->recs[i].line || rec.nfields != c->recs[i].n)
            fail_msg("%s: record %zu: line %ld, %zu fields; want line %ld, %zu fields", c->name, i,
                     rec.line, rec.nfields, c->recs[i].line, c->recs[i].n);
        for (size_t j = 0; j < rec.nfields; j++) {
            assert_string_equal(rec.fields[j], c->recs[i].fields[j]);
            assert_int_equal(rec.lens[j], strlen(c->recs[i].fields[j]));
        }
    }
    if (csv_read(&r, buf, sizeof buf, &rec, err, sizeof err) != 0)
        fail_msg("%s: expected the end after %zu records (%s)", c->name, c->nrecs, err);
    assert_int_equal(csv_read(&r, buf, sizeof buf, &rec, err, sizeof err), 0);
    fclose(f);
}

static void test_read_accepted(void **state)
{
    static const struct read_case cases[] = {
        {"empty input", "", 0, {{0}}},
        {"only blank lines", "\n\r\n\n", 0, {{0}}},
        {"LF", "a,b\nc,d\n", 2, {{1, 2, {"a", "b"}}, {2, 2, {"c", "d"}}}},
        {"CRLF", "a,b\r\nc,d\r\n", 2, {{1, 2, {"a", "b"}}, {2, 2, {"c", "d"}}}},
        {"no final line end", "a,b\nc", 2, {{1, 2, {"a", "b"}}, {2, 1, {"c"}}}},
        {"quoted, no final line end", "\"a\"", 1, {{1, 1, {"a"}}}},
        {"blank lines skipped", "\n\na\n\r\n\nb\n", 2, {{3, 1, {"a"}}, {6, 1, {"b"}}}},
        {"empty fields",
         "a,,b\n,\n\"\"\n",
         3,
         {{1, 3, {"a", "", "b"}}, {2, 2, {"", ""}}, {3, 1, {""}}}},
        {"trailing comma at EOF", "a,", 1, {{1, 2, {"a", ""}}}},
        {"spaces kept", "  a , b  \n", 1, {{1, 2, {"  a ", " b  "}}}},
        {"doubled quotes", "\"say \"\"hi\"\"\",\"\"\"\"\n", 1, {{1, 2, {"say \"hi\"", "\""}}}},
        {"comma inside quotes", "\"a,b\",c\n", 1, {{1, 2, {"a,b", "c"}}}},
        {"newlines inside quotes",
         "\"l1\nl2\r\nl3\",x\r\nnext\n",
         2,
         {{1, 2, {"l1\nl2\r\nl3", "x"}}, {4, 1, {"next"}}}},
        {"lone CR inside quotes", "\"a\rb\"\n", 1, {{1, 1, {"a\rb"}}}},
        {"UTF-8", "naïve – 痛み,😀\n", 1, {{1, 2, {"naïve – 痛み", "😀"}}}},
        {"byte order mark dropped",
         "\xEF\xBB\xBF"
         "a,b\n",
         1,
         {{1, 2, {"a", "b"}}}},
        {"only a byte order mark", "\xEF\xBB\xBF", 0, {{0}}},
        {"mark later is data",
         "a\n\xEF\xBB\xBF"
         "b\n",
         2,
         {{1, 1, {"a"}},
          {2,
           1,
           {"\xEF\xBB\xBF"
            "b"}}}},
        {"short non-mark start", "\xC3\xA9", 1, {{1, 1, {"é"}}}},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_read(&cases[i]);
}

/* Physical lines are counted by LF inside quoted fields too, so the line
 * of a record after a multi-line one is its line in an editor. */
static void test_line_counting(void **state)
{
    static const struct read_case c = {
        "multi-line records",
        "id,note\n"
        "1,\"first line\nsecond line\nthird\"\n"
        "2,\"\"\"quoted\"\"\r\nand more\"\r\n"
        "\n"
        "3,plain\n",
        4,
        {{1, 2, {"id", "note"}},
         {2, 2, {"1", "first line\nsecond line\nthird"}},
         {5, 2, {"2", "\"quoted\"\r\nand more"}},
         {8, 2, {"3", "plain"}}},
    };
    (void)state;
    check_read(&c);
}

/* ---- round trip ---------------------------------------------------------- */

static const char *const nasty[][5] = {
    {"plain", "with,comma", "say \"hi\"", "\"", ","},
    {"line1\nline2", "crlf\r\ninside", "lone\rcr", "", "  lead and trail  "},
    {"naïve – 痛み",
     "\xEF\xBB\xBF"
     "mark first",
     "\"\"\"", ",\n,", "end"},
    {"", "", "", "", ""},
};
#define NASTY_ROWS (sizeof nasty / sizeof nasty[0])

static void write_nasty(FILE *f, const void *arg)
{
    (void)arg;
    for (size_t i = 0; i < NASTY_ROWS; i++)
        assert_int_equal(csv_write_row(f, nasty[i], 5), 0);
    /* A row of one empty field must not vanish as a blank line. */
    assert_int_equal(csv_write_row(f, nasty[3], 1), 0);
}

static void test_round_trip(void **state)
{
    struct csv_reader r;
    struct csv_record rec;
    char err[UNKNOT_ERR_LEN] = "";
    long want_line = 1;
    (void)state;
    char *out = written(write_nasty, NULL);
    FILE *f = input(out, strlen(out));
    csv_reader_init(&r, f);
    for (size_t i = 0; i < NASTY_ROWS; i++) {
        assert_int_equal(csv_read(&r, buf, sizeof buf, &rec, err, sizeof err), 1);
        assert_int_equal(rec.line, want_line);
        assert_int_equal(rec.nfields, 5);
        for (size_t j = 0; j < 5; j++) {
            assert_string_equal(rec.fields[j], nasty[i][j]);
            for (const char *p = nasty[i][j]; *p; p++)
                want_line += *p == '\n';
        }
        want_line++;
    }
    assert_int_equal(csv_read(&r, buf, sizeof buf, &rec, err, sizeof err), 1);
    assert_int_equal(rec.nfields, 1);
    assert_string_equal(rec.fields[0], "");
    assert_int_equal(csv_read(&r, buf, sizeof buf, &rec, err, sizeof err), 0);
    fclose(f);
    free(out);
}

/* ---- errors -------------------------------------------------------------- */

struct err_case {
    const char *name;
    const char *in;
    size_t len;       /* 0: strlen(in) */
    size_t good;      /* records read before the error */
    const char *want; /* the whole message */
};

static void check_error(const struct err_case *c, size_t buflen)
{
    struct csv_reader r;
    struct csv_record rec;
    char err[UNKNOT_ERR_LEN] = "", again[UNKNOT_ERR_LEN] = "";
    FILE *f = input(c->in, c->len ? c->len : strlen(c->in));
    csv_reader_init(&r, f);
    for (size_t i = 0; i < c->good; i++)
        if (csv_read(&r, buf, buflen, &rec, err, sizeof err) != 1)
            fail_msg("%s: record %zu did not read (%s)", c->name, i, err);
    if (csv_read(&r, buf, buflen, &rec, err, sizeof err) != -1)
        fail_msg("%s: no error", c->name);
    if (strcmp(err, c->want) != 0)
        fail_msg("%s: got \"%s\", want \"%s\"", c->name, err, c->want);
    assert_null(strchr(err, '\n'));
    /* The reader stays failed and says the same again. */
    assert_int_equal(csv_read(&r, buf, buflen, &rec, again, sizeof again), -1);
    assert_string_equal(again, err);
    fclose(f);
}

#define STRAY "quote inside an unquoted field: quote the whole field and double the quote (\"\")"
#define AFTER "text after a closing quote: write a quote inside a quoted field as \"\""
#define OPEN "quoted field never closed: the input ends inside it"
#define CR "carriage return without a line feed: end lines with CRLF or LF"

static void test_errors(void **state)
{
    static const struct err_case cases[] = {
        {"stray quote", "a,b\nc,d\nab\"c,d\n", 0, 2, "line 3: " STRAY},
        {"quote after spaces", "x\n  \"a\"\n", 0, 1, "line 2: " STRAY},
        {"text after closing quote", "\"a\"b\n", 0, 0, "line 1: " AFTER},
        {"text after a multi-line field", "h\n\"a\nb\nc\" x\n", 0, 1, "line 4: " AFTER},
        {"never closed, names the opening line", "a\nb,\"open\nstill\nopen", 0, 1, "line 2: " OPEN},
        {"never closed after a good multi-line record", "\"1\n2\"\n\n\"x\n", 0, 1, "line 4: " OPEN},
        {"lone CR", "a\rb\n", 0, 0, "line 1: " CR},
        {"CR at the end", "a\nb\r", 0, 1, "line 2: " CR},
        {"CR after a closing quote", "\"a\"\rb", 0, 0, "line 1: " CR},
        {"NUL byte", "a\nb\0c\n", 6, 1, "line 2: NUL byte: the file is not text"},
        {"invalid byte", "ok\nok\n\xFF\n", 0, 2, "line 3: invalid UTF-8: byte 0xFF"},
        {"overlong", "\xC0\xAF\n", 0, 0, "line 1: invalid UTF-8: byte 0xC0"},
        {"overlong 3-byte", "\xE0\x80\x80", 0, 0,
         "line 1: invalid UTF-8: byte 0x80 inside a multi-byte character"},
        {"surrogate", "a\n\"x\n\xED\xA0\x80\"", 0, 1,
         "line 3: invalid UTF-8: byte 0xA0 inside a multi-byte character"},
        {"overlong 4-byte", "\xF0\x8F\xBF\xBF", 0, 0,
         "line 1: invalid UTF-8: byte 0x8F inside a multi-byte character"},
        {"above U+10FFFF", "\xF4\x90\x80\x80", 0, 0,
         "line 1: invalid UTF-8: byte 0x90 inside a multi-byte character"},
        {"F5 lead", "\xF5\x80", 0, 0, "line 1: invalid UTF-8: byte 0xF5"},
        {"cut short by a comma", "\xC3,x", 0, 0,
         "line 1: invalid UTF-8: byte 0x2C inside a multi-byte character"},
        {"cut short at the end", "a\n\xE7\x97", 0, 1,
         "line 2: invalid UTF-8: a multi-byte character is cut short at the end of the input"},
        {"broken mark",
         "\xEF\xBB"
         "a",
         0, 0, "line 1: invalid UTF-8: byte 0x61 inside a multi-byte character"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_error(&cases[i], sizeof buf);
}

/* Input of `n` copies of `unit` followed by `tail`, in static storage. */
static const char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
    static char text[3 * CSV_FIELD_MAX];
    size_t used = 0, ul = strlen(unit);
    used += (size_t)snprintf(text, sizeof text, "%s", head);
    for (size_t i = 0; i < n; i++, used += ul)
        memcpy(text + used, unit, ul);
    snprintf(text + used, sizeof text - used, "%s", tail);
    return text;
}

static void test_limits(void **state)
{
    struct err_case c = {0};
    (void)state;
    struct csv_reader r;
    struct csv_record rec;
    char err[UNKNOT_ERR_LEN] = "";
    const char *in = repeat("", "x,", CSV_MAX_FIELDS - 1, "x\n");

    /* At the limit: accepted. */
    FILE *f = input(in, strlen(in));
    csv_reader_init(&r, f);
    assert_int_equal(csv_read(&r, buf, sizeof buf, &rec, err, sizeof err), 1);
    assert_int_equal(rec.nfields, CSV_MAX_FIELDS);
    for (size_t i = 0; i < rec.nfields; i++)
        assert_string_equal(rec.fields[i], "x");
    fclose(f);

    /* Over them: refused, naming the line. */
    c = (struct err_case){"33 fields", repeat("a\nb\n", "x,", CSV_MAX_FIELDS, "x\n"), 0, 2,
                          "line 3: too many fields: at most 32"};
    check_error(&c, sizeof buf);

    c = (struct err_case){"field too long", repeat("a\n\"", "y", CSV_FIELD_MAX + 1, "\"\n"), 0, 1,
                          "line 2: field too long: at most 8192 bytes"};
    check_error(&c, sizeof buf);

    /* Named by the line where the field starts, not where it overflows. */
    c = (struct err_case){"long multi-line field", repeat("a\nb,\"\n\n", "y", CSV_FIELD_MAX, "\""),
                          0, 1, "line 2: field too long: at most 8192 bytes"};
    check_error(&c, sizeof buf);

    c = (struct err_case){"record too long for the buffer", "ok\n0123456789,0123456789\n", 0, 1,
                          "line 2: record too long: at most 16 bytes"};
    check_error(&c, 16);
}

static void test_field_at_limit(void **state)
{
    struct csv_reader r;
    struct csv_record rec;
    char err[UNKNOT_ERR_LEN] = "";
    const char *in = repeat("\"", "z", CSV_FIELD_MAX, "\",\n");
    (void)state;
    FILE *f = input(in, strlen(in));
    csv_reader_init(&r, f);
    assert_int_equal(csv_read(&r, buf, sizeof buf, &rec, err, sizeof err), 1);
    assert_int_equal(rec.nfields, 2);
    assert_int_equal(rec.lens[0], CSV_FIELD_MAX);
    assert_int_equal(rec.lens[1], 0);
    fclose(f);
}

/* A buffer that holds exactly the fields and their NULs is enough. */
static void test_exact_buffer(void **state)
{
    const struct err_case one_short = {"one byte short", "ab,c\n", 0, 0,
                                       "line 1: record too long: at most 4 bytes"};
    struct csv_reader r;
    struct csv_record rec;
    char err[UNKNOT_ERR_LEN] = "";
    (void)state;
    FILE *f = input("ab,c\n", 5);
    csv_reader_init(&r, f);
    assert_int_equal(csv_read(&r, buf, 5, &rec, err, sizeof err), 1);
    assert_string_equal(rec.fields[1], "c");
    fclose(f);
    check_error(&one_short, 4);
}

/* The formula guard: what it guards, and unguard(guard(s)) == s. */
static void test_guard(void **state)
{
    static const char *const tricky[] = {
        "=SUM(A1)", "+1", "-3 pain", "@home", "'", "''", "'=", "'=x", "'a", "'''x", "=",
        "-",        "@", "+",       "a=b",   " =x", "x'", "",  "'\n=", "=\n'", "'-1",
    };
    (void)state;
    for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
        const char *s = tricky[i];
        char guarded[32];
        snprintf(guarded, sizeof guarded, "%s%s", csv_needs_guard(s) ? "'" : "", s);
        if (guarded[0] != '\0')
            assert_null(strchr("=+-@", guarded[0])); /* nothing a spreadsheet evaluates */
        if (guarded[0] == '\'')
            assert_non_null(strchr("=+-@'", guarded[1])); /* an apostrophe always guards */
        size_t len = strlen(guarded);
        const char *back = csv_unguard(guarded, &len);
        assert_int_equal(len, strlen(s));
        assert_memory_equal(back, s, len);
    }
    assert_false(csv_needs_guard("plain"));
    assert_false(csv_needs_guard(""));
    assert_false(csv_needs_guard(" =x"));
    size_t len = 2;
    assert_string_equal(csv_unguard("'a", &len), "'a"); /* not a guard: kept */
    assert_int_equal(len, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_quoting), cmocka_unit_test(test_write_rows),
        cmocka_unit_test(test_read_accepted), cmocka_unit_test(test_line_counting),
        cmocka_unit_test(test_round_trip),    cmocka_unit_test(test_errors),
        cmocka_unit_test(test_limits),        cmocka_unit_test(test_field_at_limit),
        cmocka_unit_test(test_exact_buffer),  cmocka_unit_test(test_guard),
    };
    return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}

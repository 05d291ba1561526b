/* SPDX-License-Identifier: BSD-2-Clause */
/* json: string escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "src/json.h"

static void expect_json(const char *in, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_write_string(f, in);
    fclose(f);
    assert_string_equal(buf, want);
    free(buf);
}

static void test_escapes(void **state)
{
    (void)state;
    expect_json("", "\"\"");
    expect_json("plain", "\"plain\"");
    expect_json("say \"hi\"", "\"say \\\"hi\\\"\"");
    expect_json("a\\b", "\"a\\\\b\"");
    expect_json("l1\nl2\r\t", "\"l1\\nl2\\r\\t\"");
    expect_json("\x01\x1f", "\"\\u0001\\u001f\"");
    expect_json("naïve – 痛み", "\"naïve – 痛み\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_escapes)};
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}

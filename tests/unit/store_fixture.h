/* SPDX-License-Identifier: BSD-2-Clause */
/* store_fixture: what the suites that open real databases share. Every
 * file database lives under one mkdtemp directory, made by
 * store_fixture_setup and removed with all it holds by
 * store_fixture_teardown (group setup and teardown of cmocka). Include
 * after <cmocka.h>. */
#ifndef UNKNOT_TESTS_STORE_FIXTURE_H
#define UNKNOT_TESTS_STORE_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "db/store.h"

static char g_root[64];

static int store_fixture_rm(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static inline int store_fixture_setup(void **state)
{
    (void)state;
    snprintf(g_root, sizeof(g_root), "/tmp/unknot-test-XXXXXX");
    return mkdtemp(g_root) ? 0 : -1;
}

static inline int store_fixture_teardown(void **state)
{
    (void)state;
    return nftw(g_root, store_fixture_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* The path of rel inside the suite's directory. */
static inline void tpath(char *out, size_t n, const char *rel)
{
    int w = snprintf(out, n, "%s/%s", g_root, rel);
    assert_true(w > 0 && (size_t)w < n);
}

/* Opens path (":memory:" for a private one) or fails the test with the
 * store's message. */
static inline struct store *open_ok(const char *path)
{
    struct store *st = NULL;
    char err[STORE_ERR_LEN] = "";
    int rc = store_open(&st, path, err, sizeof(err));
    if (rc != STORE_OK)
        fail_msg("store_open(%s): %s", path, err);
    assert_non_null(st);
    return st;
}

#endif

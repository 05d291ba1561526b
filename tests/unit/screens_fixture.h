/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the screen suites: a temporary database written through the
 * store, a headless app on it (ui/headless.h) at a fixed clock, TZ=UTC,
 * and assertions on what the screen shows that print the whole screen
 * when they fail. Include after <cmocka.h>. */
#ifndef UNKNOT_SCREENS_FIXTURE_H
#define UNKNOT_SCREENS_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "tests/unit/cli_fixture.h"
#include "ui/headless.h"

/* NOW, the temporary directory, TZ=UTC and the CLI runner come from
 * cli_fixture.h. */
#define MIN_S 60LL
#define HOUR_S 3600LL
#define DAY_S 86400LL

struct sfix {
    struct fixture *cli; /* the directory, the database path, the CLI's output */
    struct store *st;
    struct headless *h;
};

static inline int sfix_setup(void **state)
{
    char err[STORE_ERR_LEN];
    struct sfix *f = calloc(1, sizeof(*f));
    if (!f || setup((void **)&f->cli) != 0)
        return -1;
    if (store_open(&f->st, f->cli->db, err, sizeof(err)) != STORE_OK) {
        fprintf(stderr, "store_open: %s\n", err);
        return -1;
    }
    *state = f;
    return 0;
}

static inline int sfix_teardown(void **state)
{
    struct sfix *f = *state;
    headless_close(&f->h);
    store_close(&f->st);
    int rc = teardown((void **)&f->cli);
    free(f);
    return rc;
}

/* Opens the app on home (or on open(app, arg)) at lines x cols. */
static inline void sfix_open_with(struct sfix *f, int lines, int cols,
                                  int (*open)(struct app *app, void *arg), void *arg)
{
    char err[256];
    headless_close(&f->h);
    if (headless_open(&f->h, f->st, lines, cols, NOW, open, arg, err, sizeof(err)) != 0) {
        print_error("headless_open: %s\n", err);
        fail();
    }
}

static inline void sfix_open(struct sfix *f, int lines, int cols)
{
    sfix_open_with(f, lines, cols, NULL, NULL);
}

/* An episode written through the store; returns its id. ended_at 0 (EPISODE_ONGOING):
 * ongoing. trigger and note may be NULL. */
static inline int64_t sfix_episode(struct sfix *f, int64_t started_at, int64_t ended_at,
                                   int intensity, enum region region, enum side side,
                                   const char *trigger, const char *note)
{
    char err[STORE_ERR_LEN];
    struct episode *ep = malloc(sizeof(*ep));
    assert_non_null(ep);
    episode_init(ep);
    ep->started_at = started_at;
    ep->ended_at = ended_at;
    ep->intensity = intensity;
    ep->region = region;
    ep->side = side;
    if (trigger)
        assert_int_equal(episode_add_tag(ep, TAG_TRIGGER, trigger, err, sizeof(err)), 0);
    if (note)
        snprintf(ep->note, sizeof(ep->note), "%s", note);
    assert_int_equal(episode_validate(ep, NOW, err, sizeof(err)), 0);
    assert_int_equal(store_episode_add(f->st, ep, NOW, err, sizeof(err)), STORE_OK);
    int64_t id = ep->id;
    free(ep);
    return id;
}

/* Reads episode id back from the store into *ep (caller's, heap: it is large). */
static inline void sfix_get(struct sfix *f, int64_t id, struct episode *ep)
{
    char err[STORE_ERR_LEN];
    int rc = store_episode_get(f->st, id, ep, err, sizeof(err));
    if (rc != STORE_OK)
        print_error("store_episode_get(%lld): %s\n", (long long)id, err);
    assert_int_equal(rc, STORE_OK);
}

/* Runs an unknot command (words separated by '|') on the fixture's
 * database at NOW and returns what it printed. What the CLI prints is
 * frozen by the golden tests, so reading the store through it does not
 * depend on the store's record types. */
static inline const char *sfix_cli(struct sfix *f, const char *line)
{
    int rc = run_full(f->cli, f->cli->db, "", line);
    if (rc != CLI_OK)
        print_error("unknot %s: exit %d: %s\n", line, rc, f->cli->err);
    assert_int_equal(rc, CLI_OK);
    return f->cli->out;
}

/* ---- assertions on the screen ---------------------------------------- */

/* Prints the screen, a row at a time (cmocka cuts long messages). */
static inline void sfix_dump(struct sfix *f)
{
    print_error("the screen, %dx%d:\n", headless_cols(f->h), headless_lines(f->h));
    for (int y = 0; y < headless_lines(f->h); y++)
        print_error("%2d|%s\n", y, headless_row(f->h, y));
}

static inline void sfix_keys_at(struct sfix *f, const char *script, const char *file, int line)
{
    if (headless_keys(f->h, script) != 0) {
        print_error("headless_keys(\"%s\") failed\n", script);
        sfix_dump(f);
        _fail(file, line);
    }
}

/* Feeds a key script (ui/headless.h). */
#define keys(f, script) sfix_keys_at((f), (script), __FILE__, __LINE__)

static inline int sfix_shows_at(struct sfix *f, const char *needle, int want, const char *file,
                                int line)
{
    int y = headless_find(f->h, needle);
    if ((y >= 0) != want) {
        print_error("\"%s\" is%s on the screen\n", needle, want ? " not" : "");
        sfix_dump(f);
        _fail(file, line);
    }
    return y;
}

static inline void sfix_title_at(struct sfix *f, const char *title, const char *file, int line)
{
    char want[128];
    const char *row = headless_row(f->h, 0);
    snprintf(want, sizeof(want), " unknot  %s", title);
    /* the whole title: a blank or the end of the row after it */
    if (strncmp(row, want, strlen(want)) != 0 || (row[strlen(want)] && row[strlen(want)] != ' ')) {
        print_error("the title is not \"%s\"\n", title);
        sfix_dump(f);
        _fail(file, line);
    }
}

/* Asserts the screen's title in the title bar ("History"). */
#define assert_title(f, title) sfix_title_at((f), (title), __FILE__, __LINE__)

/* Asserts that row y contains needle. */
static inline void sfix_row_has_at(struct sfix *f, int y, const char *needle, const char *file,
                                   int line)
{
    if (!strstr(headless_row(f->h, y), needle)) {
        print_error("row %d has no \"%s\"\n", y, needle);
        sfix_dump(f);
        _fail(file, line);
    }
}

#define assert_row_has(f, y, needle) sfix_row_has_at((f), (y), (needle), __FILE__, __LINE__)

/* Copies s with every run of blanks made one space. */
static inline void sfix_squeeze(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (; *s && n + 1 < size; s++)
        if (*s != ' ' || (n > 0 && out[n - 1] != ' '))
            out[n++] = *s;
    out[n] = '\0';
}

/* Asserts that some row contains needle when runs of blanks count as one
 * (for lines whose alignment is not the point); returns that row. */
static inline int sfix_shows_words_at(struct sfix *f, const char *needle, const char *file,
                                      int line)
{
    char want[512], row[2048];
    sfix_squeeze(needle, want, sizeof(want));
    for (int y = 0; y < headless_lines(f->h); y++) {
        sfix_squeeze(headless_row(f->h, y), row, sizeof(row));
        if (strstr(row, want))
            return y;
    }
    print_error("\"%s\" is not on the screen\n", needle);
    sfix_dump(f);
    _fail(file, line);
    return -1;
}

#define assert_shows_words(f, needle) sfix_shows_words_at((f), (needle), __FILE__, __LINE__)

/* Asserts that some row contains needle; returns that row. */
#define assert_shows(f, needle) sfix_shows_at((f), (needle), 1, __FILE__, __LINE__)
/* Asserts that no row contains needle. */
#define assert_not_shows(f, needle) sfix_shows_at((f), (needle), 0, __FILE__, __LINE__)

static inline void sfix_row_at(struct sfix *f, int y, const char *want, const char *file, int line)
{
    const char *row = headless_row(f->h, y);
    if (strcmp(row, want) != 0) {
        print_error("row %d is\n  \"%s\", not\n  \"%s\"\n", y, row, want);
        sfix_dump(f);
        _fail(file, line);
    }
}

/* Asserts the whole text of row y. */
#define assert_row(f, y, want) sfix_row_at((f), (y), (want), __FILE__, __LINE__)

/* Asserts rows first .. first + n - 1, given as one text with a '\n'
 * after each row (trailing blanks cut, as headless_text gives them). */
static inline void sfix_rows_at(struct sfix *f, int first, const char *want, const char *file,
                                int line)
{
    int y = first;
    for (const char *p = want; *p; y++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char expect[1024];
        snprintf(expect, sizeof(expect), "%.*s", (int)len, p);
        sfix_row_at(f, y, expect, file, line);
        p += len + (nl != NULL);
    }
}

#define assert_rows(f, first, want) sfix_rows_at((f), (first), (want), __FILE__, __LINE__)

#endif

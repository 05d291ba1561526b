/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the in-process CLI suites: a temporary directory and database,
 * memory streams for stdout and stderr, a fixed clock, TZ=UTC. Include
 * after <cmocka.h>; define NOW first to change the clock. */
#ifndef UNKNOT_CLI_FIXTURE_H
#define UNKNOT_CLI_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/memfile.h"
#include "src/app/cli.h"
#include "db/store.h"

#ifndef NOW
#define NOW 1795000000LL /* 2026-11-18 11:06:40 UTC */
#endif

struct fixture {
    char dir[64];
    char db[96];
    char *out, *err;
    size_t outlen, errlen;
    int width; /* the terminal's columns the commands see; 0: 80 */
};

static inline int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    snprintf(f->dir, sizeof(f->dir), "/tmp/unknot-cli-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof(f->db), "%s/u.db", f->dir);
    setenv("TZ", "UTC", 1);
    tzset();
    *state = f;
    return 0;
}

/* Creates the fixture's empty database: the read-only commands (list,
 * flags, checks, ...) refuse a missing one. */
static inline void make_db(struct fixture *f)
{
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    if (store_open(&st, f->db, err, sizeof(err)) != STORE_OK) {
        fprintf(stderr, "store_open: %s\n", err);
        abort();
    }
    store_close(&st);
}

static inline int teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[160];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f->out);
    free(f->err);
    free(f);
    return 0;
}

/* Runs one command line (words separated by '|', "@" replaced by the
 * fixture's directory) on database db with stdin text `in`; a non-empty
 * `in` counts as a terminal, so questions may be asked. */
static inline int run_full(struct fixture *f, const char *db, const char *in, const char *line)
{
    char buf[2048], *argv[32], *p = buf;
    int argc = 0;
    for (const char *s = line; *s && p < buf + sizeof(buf) - 80; s++)
        p += *s == '@' ? sprintf(p, "%s", f->dir) : sprintf(p, "%c", *s);
    *p = '\0';
    for (char *tok = strtok(buf, "|"); tok && argc < 31; tok = strtok(NULL, "|"))
        argv[argc++] = tok;
    argv[argc] = NULL;
    free(f->out);
    free(f->err);
    FILE *out = open_memstream(&f->out, &f->outlen);
    FILE *err = open_memstream(&f->err, &f->errlen);
    FILE *input = memfile_open(in, strlen(in) + 1);
    struct cli_ctx ctx = {.db_path = db, .now = NOW, .out = out, .err = err, .in = input,
                          .interactive = in[0] != '\0', .width = f->width};
    int rc = cli_run(&ctx, argc, argv);
    fclose(out);
    fclose(err);
    fclose(input);
    return rc;
}

static inline int run_in(struct fixture *f, const char *in, const char *line)
{
    return run_full(f, f->db, in, line);
}

static inline int run_db(struct fixture *f, const char *db, const char *line)
{
    return run_full(f, db, "", line);
}

static inline int run(struct fixture *f, const char *line)
{
    return run_full(f, f->db, "", line);
}

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
/* cli_question: `unknot question` — the patient's own questions for the
 * next visit (src/question.h), which the visit brief lists. With text it
 * adds one; alone it lists them numbered; --delete N removes one, --clear
 * all of them. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/question.h"

enum { OPT_CLEAR = 1200, OPT_DELETE, OPT_HELP };

static const char usage_question[] =
    "usage: unknot question [TEXT... | --delete N | --clear]\n"
    "Questions to ask at the next visit; the visit brief (unknot report --brief)\n"
    "lists them. With TEXT it adds one (the words are joined with blanks); alone\n"
    "it lists them, numbered in the order asked.\n"
    "  --delete N        remove question N of the list\n"
    "  --clear           remove every question (after the visit)\n";

const struct option cli_question_options[] = {
    {"clear", no_argument, NULL, OPT_CLEAR},
    {"delete", required_argument, NULL, OPT_DELETE},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

struct question_opts {
    int clear;
    int64_t nth; /* --delete N; 0 when not given */
};

/* Returns CLI_OK, -1 after --help, or an exit code after a message. */
static int parse_question(struct cli_ctx *ctx, int argc, char **argv, struct question_opts *o)
{
    int c;
    memset(o, 0, sizeof *o);
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_question_options, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_question, ctx->out);
            return -1;
        }
        if (c == '?' || c == ':')
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        if (c == OPT_CLEAR)
            o->clear = 1;
        else if (cli_parse_id(optarg, &o->nth) != 0) {
            fprintf(ctx->err, "unknot question: invalid number \"%s\": use the number "
                              "`unknot question` shows\n", optarg);
            return CLI_USAGE;
        }
    }
    if ((o->clear || o->nth) && optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    if (o->clear && o->nth) {
        fprintf(ctx->err, "unknot question: give --delete N or --clear, not both\n");
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* The operands argv[from ..] joined with blanks into q->text; -1 after a
 * message when they are longer than a question may be. */
static int join_text(struct cli_ctx *ctx, int argc, char **argv, int from, struct question *q)
{
    size_t used = 0;
    for (int i = from; i < argc; i++) {
        size_t len = strlen(argv[i]);
        if (used + (i > from) + len > QUESTION_TEXT_MAX) {
            fprintf(ctx->err, "unknot question: the question is longer than %d bytes: make it "
                              "shorter\n", QUESTION_TEXT_MAX);
            return -1;
        }
        if (i > from)
            q->text[used++] = ' ';
        memcpy(q->text + used, argv[i], len);
        used += len;
    }
    q->text[used] = '\0';
    return 0;
}

/* Prints the questions numbered, each wrapped under its text; *count gets
 * how many, and *pos_of the number of question id (0: not there). */
static int list_questions(struct cli_ctx *ctx, struct store *st, int print, int64_t id,
                          size_t *count, size_t *pos_of)
{
    char err[STORE_ERR_LEN];
    struct store_iter *it = NULL;
    struct question q;
    size_t n = 0;
    int rc = store_questions_iter(st, &it, err, sizeof err);
    while (rc == STORE_OK && (rc = store_iter_next(it, &q, err, sizeof err)) == STORE_OK) {
        n++;
        if (q.id == id && pos_of)
            *pos_of = n;
        if (!print)
            continue;
        int w = fprintf(ctx->out, "%zu. ", n);
        cli_wrap(ctx, ctx->out, w > 0 ? w : 0, 1, q.text);
    }
    store_iter_free(&it);
    if (rc != STORE_END) {
        fprintf(ctx->err, "unknot question: %s\n", err);
        return CLI_RUNTIME;
    }
    *count = n;
    return CLI_OK;
}

static int add_question(struct cli_ctx *ctx, struct store *st, struct question *q)
{
    char err[STORE_ERR_LEN];
    q->asked_at = ctx->now;
    if (store_question_add(st, q, err, sizeof err) != STORE_OK) {
        fprintf(ctx->err, "unknot question: %s\n", err);
        return CLI_RUNTIME;
    }
    size_t n = 0, pos = 0;
    int rc = list_questions(ctx, st, 0, q->id, &n, &pos);
    if (rc == CLI_OK)
        fprintf(ctx->out, "Saved question %zu for the next visit (%zu in all; unknot question "
                          "lists them).\n", pos, n);
    return rc;
}

static int remove_questions(struct cli_ctx *ctx, struct store *st, const struct question_opts *o)
{
    char err[STORE_ERR_LEN];
    size_t removed = 0;
    int rc = o->clear ? store_questions_clear(st, &removed, err, sizeof err)
                      : store_question_delete_nth(st, o->nth, err, sizeof err);
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot question: %s\n", err);
        return rc == STORE_NOT_FOUND ? CLI_USAGE : CLI_RUNTIME;
    }
    if (o->clear)
        fprintf(ctx->out, "Removed %zu question%s.\n", removed, removed == 1 ? "" : "s");
    else
        fprintf(ctx->out, "Removed question %lld; the others keep their order.\n",
                (long long)o->nth);
    return CLI_OK;
}

int cli_cmd_question(struct cli_ctx *ctx, int argc, char **argv)
{
    struct question_opts o;
    struct question q;
    memset(&q, 0, sizeof q);
    char err[STORE_ERR_LEN];
    int rc = parse_question(ctx, argc, argv, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    int adding = optind < argc;
    if (adding) {
        if (join_text(ctx, argc, argv, optind, &q) != 0)
            return CLI_USAGE;
        if (question_validate(&q, err, sizeof err) != 0) {
            fprintf(ctx->err, "unknot question: %s\n", err);
            return CLI_USAGE;
        }
    }
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    size_t n = 0;
    if (adding)
        rc = add_question(ctx, st, &q);
    else if (o.clear || o.nth)
        rc = remove_questions(ctx, st, &o);
    else
        rc = list_questions(ctx, st, 1, 0, &n, NULL);
    store_close(&st);
    if (rc == CLI_OK && !adding && !o.clear && !o.nth && n == 0)
        fprintf(ctx->out, "No questions for the next visit; add one: unknot question "
                          "\"Is it safe to lift?\"\n");
    return rc;
}

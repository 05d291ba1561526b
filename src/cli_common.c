/* Shared helpers of the sub-commands: option errors, ids, the store. */
#include "src/cli_common.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"

void cli_getopt_reset(void)
{
    /* 0, not 1: glibc then also forgets its permutation state. */
    optind = 0;
    opterr = 0;
}

int cli_bad_option(struct cli_ctx *ctx, const char *cmd, int c, int argc, char **argv)
{
    const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
    if (c == ':')
        fprintf(ctx->err, "unknot %s: option %s needs a value; see unknot %s --help\n", cmd,
                arg, cmd);
    else if (optopt && optopt < 256)
        fprintf(ctx->err, "unknot %s: unknown option -%c; see unknot %s --help\n", cmd,
                optopt, cmd);
    else
        fprintf(ctx->err, "unknot %s: unknown option %s; see unknot %s --help\n", cmd, arg,
                cmd);
    return CLI_USAGE;
}

int cli_extra_args(struct cli_ctx *ctx, const char *cmd, const char *arg)
{
    fprintf(ctx->err, "unknot %s: unexpected argument \"%s\"; see unknot %s --help\n", cmd,
            arg, cmd);
    return CLI_USAGE;
}

int cli_no_memory(struct cli_ctx *ctx)
{
    fprintf(ctx->err, "unknot: out of memory\n");
    return CLI_RUNTIME;
}

static int parse_id(const char *text, int64_t *id)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end != '\0' || v <= 0 || text[0] == '+')
        return -1;
    *id = v;
    return 0;
}

int cli_one_id(struct cli_ctx *ctx, int argc, char **argv, int64_t *id)
{
    if (optind >= argc) {
        fprintf(ctx->err, "unknot %s: give the episode ID (see unknot list)\n", argv[0]);
        return CLI_USAGE;
    }
    if (parse_id(argv[optind], id) != 0) {
        fprintf(ctx->err, "unknot %s: invalid ID \"%s\": use the number shown by unknot list\n",
                argv[0], argv[optind]);
        return CLI_USAGE;
    }
    if (optind + 1 < argc)
        return cli_extra_args(ctx, argv[0], argv[optind + 1]);
    return CLI_OK;
}

int cli_parse_help_only(struct cli_ctx *ctx, int argc, char **argv, const char *usage)
{
    static const struct option longopts[] = {{"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, ctx->out);
            return -1;
        }
        return cli_bad_option(ctx, argv[0], c, argc, argv);
    }
    return CLI_OK;
}

int cli_parse_id_only(struct cli_ctx *ctx, int argc, char **argv, const char *usage,
                      int64_t *id)
{
    int rc = cli_parse_help_only(ctx, argc, argv, usage);
    return rc != CLI_OK ? rc : cli_one_id(ctx, argc, argv, id);
}

struct store *cli_open_store(struct cli_ctx *ctx)
{
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    if (store_open(&st, ctx->db_path, err, sizeof(err)) != STORE_OK) {
        fprintf(ctx->err, "unknot: %s\n", err);
        return NULL;
    }
    return st;
}

int cli_ask_yes(struct cli_ctx *ctx, const char *question)
{
    char line[64];
    fprintf(ctx->out, "%s [y/N] ", question);
    fflush(ctx->out);
    if (!fgets(line, sizeof(line), ctx->in))
        return 0;
    return line[0] == 'y' || line[0] == 'Y';
}

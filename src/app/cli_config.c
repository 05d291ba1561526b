/* SPDX-License-Identifier: BSD-2-Clause */
/* `unknot config`: the effective settings, one of them, or setting one in
 * the settings file. Every word comes from the table in src/settings.c. */
#include <getopt.h>
#include <string.h>

#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/app/config.h"
#include "src/util.h"

enum { OPT_HELP = 1000, OPT_UNSET };

static void config_usage(FILE *f)
{
    char acc[128];
    fputs("usage: unknot config [KEY [VALUE...]]\n"
          "       unknot config --unset KEY\n"
          "Without KEY, print the effective settings, key = value, each marked with the\n"
          "line of the settings file that set it or # default. KEY prints its value.\n"
          "KEY VALUE sets it in the settings file (the words of VALUE joined by one\n"
          "blank), keeping every other line; a value it refuses changes nothing (exit 2).\n"
          "--unset KEY removes it from the file: it is back at its default.\n"
          "The settings (default in brackets):\n",
          f);
    for (size_t i = 0; i < settings_count(); i++) {
        const struct setting_def *d = settings_def_at(i);
        settings_accepted(d, acc, sizeof acc);
        fprintf(f, "  %-20s %s [%s]\n  %-20s   %s\n", d->key, acc, d->def[0] ? d->def : "empty",
                "", d->help);
    }
}

static int list_all(struct cli_ctx *ctx)
{
    const struct settings *s = config_settings();
    char path[4096], val[SETTINGS_TEXT_MAX];
    if (config_path(path, sizeof path) == 0)
        fprintf(ctx->out, "# %s\n", path);
    for (size_t i = 0; i < settings_count(); i++) {
        const struct setting_def *d = settings_def_at(i);
        settings_value(s, d, val, sizeof val);
        fprintf(ctx->out, "%s = %s", d->key, val);
        if (s->line[i])
            fprintf(ctx->out, "%s# line %ld\n", val[0] ? "  " : " ", s->line[i]);
        else
            fprintf(ctx->out, "%s# default\n", val[0] ? "  " : " ");
    }
    return CLI_OK;
}

static const struct setting_def *known_key(struct cli_ctx *ctx, const char *key)
{
    const struct setting_def *d = settings_find(key);
    if (!d)
        fprintf(ctx->err, "unknot config: unknown setting \"%.32s\"; unknot config --help "
                          "lists them\n",
                key);
    return d;
}

static int show_one(struct cli_ctx *ctx, const char *key)
{
    char val[SETTINGS_TEXT_MAX];
    const struct setting_def *d = known_key(ctx, key);
    if (!d)
        return CLI_USAGE;
    settings_value(config_settings(), d, val, sizeof val);
    fprintf(ctx->out, "%s\n", val);
    return CLI_OK;
}

/* The words of argv[from..argc) joined by one blank, into buf; -1 when
 * they do not fit a line. */
static int join_words(int argc, char **argv, int from, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = from; i < argc; i++) {
        int n = snprintf(buf + used, len - used, "%s%s", i > from ? " " : "", argv[i]);
        if (n < 0 || (size_t)n >= len - used)
            return -1;
        used += (size_t)n;
    }
    return 0;
}

static int write_key(struct cli_ctx *ctx, const struct setting_def *d, const char *value)
{
    char err[UNKNOT_ERR_LEN] = "", path[4096] = "", val[SETTINGS_TEXT_MAX];
    int found = 0;
    if (config_write(d->key, value, &found, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot config: %s; the settings file is unchanged\n", err);
        return CLI_RUNTIME;
    }
    (void)config_path(path, sizeof path);
    if (value) {
        cli_say(ctx, "%s = %s (in %s)", d->key, value, path);
        return CLI_OK;
    }
    struct settings def;
    settings_init(&def);
    settings_value(&def, d, val, sizeof val);
    fprintf(ctx->out, "%s %s: back at its default, \"%s\"\n", d->key,
            found ? "removed" : "was not set", val);
    return CLI_OK;
}

const struct option cli_config_options[] = {{"unset", required_argument, NULL, OPT_UNSET},
                                         {"help", no_argument, NULL, OPT_HELP},
                                         {NULL, 0, NULL, 0}};

static int set_one(struct cli_ctx *ctx, int argc, char **argv, int from)
{
    char value[SETTINGS_LINE_MAX], err[UNKNOT_ERR_LEN];
    const struct setting_def *d = known_key(ctx, argv[from]);
    if (!d)
        return CLI_USAGE;
    if (join_words(argc, argv, from + 1, value, sizeof value) != 0) {
        fprintf(ctx->err, "unknot config: the value of %s is too long\n", d->key);
        return CLI_USAGE;
    }
    /* The file reads a value without its outer blanks: check what it
     * will read, with the file's own parser. */
    size_t lead = strspn(value, " \t"), len = strlen(value);
    while (len > lead && (value[len - 1] == ' ' || value[len - 1] == '\t'))
        value[--len] = '\0';
    struct settings scratch;
    settings_init(&scratch);
    if (settings_set(&scratch, d->key, value + lead, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot config: %s; the settings file is unchanged\n", err);
        return CLI_USAGE;
    }
    return write_key(ctx, d, value + lead);
}

int cli_cmd_config(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *unset = NULL;
    int c;
    cli_getopt_reset();
    /* "+": a value may start with '-' (a command's own options). */
    while ((c = getopt_long(argc, argv, "+:h", cli_config_options, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            config_usage(ctx->out);
            return CLI_OK;
        }
        if (c != OPT_UNSET)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        unset = optarg;
    }
    if (unset) {
        if (optind < argc)
            return cli_extra_args(ctx, argv[0], argv[optind]);
        const struct setting_def *d = known_key(ctx, unset);
        return d ? write_key(ctx, d, NULL) : CLI_USAGE;
    }
    if (optind >= argc)
        return list_all(ctx);
    if (optind + 1 == argc)
        return show_one(ctx, argv[optind]);
    return set_one(ctx, argc, argv, optind);
}

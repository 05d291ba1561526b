/* SPDX-License-Identifier: BSD-2-Clause */
/* `unknot routines`: the stretch routines there are, built-in and the
 * user's own, and `unknot routines --check FILE` for a file being written. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/app/routines_load.h"
#include "src/episode.h"
#include "src/timer.h"
#include "src/util.h"

enum { OPT_HELP = 1000, OPT_CHECK, OPT_NAMES };

static const char usage_routines[] =
    "usage: unknot routines [--check FILE | --names]\n"
    "List the stretch routines: code, name, regions, holds and where each comes\n"
    "from (built-in, or the file of one of your own in\n"
    "$XDG_CONFIG_HOME/unknot/routines, else ~/.config/unknot/routines). A file\n"
    "that is refused is named on stderr with its line and reason.\n"
    "  --check FILE   check a routine file: exit 0 when it is good, 2 with\n"
    "                 FILE:LINE: what is wrong\n"
    "  --names        print only the codes, one a line (for scripts and completion)\n"
    "The format is in man unknot, ROUTINE FILES.\n";

static void note_refused(void *ctx, const char *note)
{
    fprintf(ctx, "unknot routines: %s (skipped)\n", note);
}

/* "lower", "mid, upper". */
static void format_regions(const struct routine *r, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int g = 0; g < REGION_COUNT && used < len; g++)
        if (routine_for_region(r, g))
            used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? "," : "",
                                     region_code((enum region)g));
}

static void format_holds(const struct routine *r, char *buf, size_t len)
{
    if (!r->switchable)
        snprintf(buf, len, "as set");
    else if (r->hold_s)
        snprintf(buf, len, "%d or %d", r->hold_s,
                 r->hold_s == ROUTINE_HOLD_SHORT_S ? ROUTINE_HOLD_LONG_S : ROUTINE_HOLD_SHORT_S);
    else
        snprintf(buf, len, "5/30 mixed");
}

static int list_routines(struct cli_ctx *ctx, int names)
{
    struct routine_lib lib;
    char err[UNKNOT_ERR_LEN], regions[40], holds[16];
    if (routines_load(&lib, NULL, note_refused, ctx->err, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot routines: %s\n", err);
        return CLI_RUNTIME;
    }
    if (!names)
        fprintf(ctx->out, "%-16s  %-32s  %-10s  %-10s  %s\n", "CODE", "NAME", "REGION", "HOLDS",
                "FROM");
    for (size_t i = 0; i < lib.n && names; i++)
        fprintf(ctx->out, "%s\n", lib.items[i].code);
    for (size_t i = 0; i < lib.n && !names; i++) {
        const struct routine *r = &lib.items[i];
        format_regions(r, regions, sizeof regions);
        format_holds(r, holds, sizeof holds);
        fprintf(ctx->out, "%-16s  %-32s  %-10s  %-10s  %s\n", r->code, r->name, regions, holds,
                lib.where[i]);
    }
    routines_free(&lib);
    return CLI_OK;
}

/* The routines that FILE must not repeat: all but FILE itself, when it
 * is one of the own files already. */
static void without_file(struct routine_lib *lib, const char *path)
{
    char want[PATH_MAX], have[PATH_MAX];
    size_t k = 0;
    if (!realpath(path, want))
        return;
    for (size_t i = 0; i < lib->n; i++) {
        if (i >= lib->nbuiltin && realpath(lib->where[i], have) && strcmp(have, want) == 0)
            continue;
        if (k != i) {
            lib->items[k] = lib->items[i];
            memcpy(lib->where[k], lib->where[i], sizeof lib->where[k]);
        }
        k++;
    }
    lib->n = k;
}

const struct option cli_routines_options[] = {
    {"check", required_argument, NULL, OPT_CHECK},
    {"names", no_argument, NULL, OPT_NAMES},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static int check_file(struct cli_ctx *ctx, const char *path)
{
    struct routine_lib lib;
    struct routine *r = malloc(sizeof *r);
    struct timer_plan *plan = malloc(sizeof *plan);
    char err[ROUTINES_NOTE_LEN], total[24];
    int rc = CLI_RUNTIME;
    if (!r || !plan || routines_load(&lib, NULL, NULL, NULL, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot routines: %s\n", r && plan ? err : "out of memory");
        free(r);
        free(plan);
        return CLI_RUNTIME;
    }
    without_file(&lib, path);
    if (routines_read_file(path, &lib, r, err, sizeof err) != 0) {
        fprintf(ctx->err, "%s\n", err);
        rc = CLI_USAGE;
    } else if (timer_plan_routine(plan, r, 0, err, sizeof err) != 0) {
        fprintf(ctx->err, "%s: %s\n", path, err);
        rc = CLI_USAGE;
    } else {
        timer_format_clock((timer_total_ms(plan) + 999) / 1000, total, sizeof total);
        fprintf(ctx->out, "%s: good: \"%s\" (%s), %zu steps, about %s\n", path, r->name, r->code,
                plan->nsteps, total);
        rc = CLI_OK;
    }
    routines_free(&lib);
    free(r);
    free(plan);
    return rc;
}

int cli_cmd_routines(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *check = NULL;
    int c, names = 0;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_routines_options, NULL)) != -1) {
        switch (c) {
        case OPT_HELP:
        case 'h': fputs(usage_routines, ctx->out); return CLI_OK;
        case OPT_CHECK: check = optarg; break;
        case OPT_NAMES: names = 1; break;
        default: return cli_bad_option(ctx, argv[0], c, argc, argv);
        }
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    if (check && names) {
        fprintf(ctx->err, "unknot routines: give --check FILE or --names, not both\n");
        return CLI_USAGE;
    }
    return check ? check_file(ctx, check) : list_routines(ctx, names);
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* The data side of the sub-commands: the appointment report, export,
 * import and backup. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/app/config.h"
#include "src/app/outfile.h"
#include "src/app/report_store.h"
#include "src/util.h"
#include "src/when.h"
#include "src/app/xfer_store.h"

enum { OPT_HELP = 1000, OPT_SINCE, OPT_UNTIL, OPT_FORMAT, OPT_FORCE, OPT_TABLE, OPT_BRIEF,
       OPT_NAME, OPT_OMIT, OPT_PAPER };

static const char usage_report[] =
    "usage: unknot report [--since WHEN] [--until WHEN] [--format FORMAT] [-o FILE]\n"
    "                     [--force] [--brief [--name NAME] [--omit LIST] [--paper P]]\n"
    "The appointment report: what the spasms feel like, where, how long and how\n"
    "often, medications, triggers, relief, flags, red-flag checks and timer sessions.\n"
    "  --since WHEN     start of the period (default: midnight 89 days before today,\n"
    "                   so the period is the last 90 days including today; the\n"
    "                   setting report_days changes 90)\n"
    "  --until WHEN     end of the period (default now; a date alone: the whole day)\n"
    "  --format FORMAT  text, markdown, csv or json (default: from the extension of\n"
    "                   -o FILE, .md .csv .json; else text, or report_format)\n"
    "  -o, --output FILE  write to FILE (created 0600) instead of the standard output\n"
    "  --force          replace FILE if it exists\n"
    "  --brief          the visit brief: one page (66 lines of text) with the warning\n"
    "                   signs, the figures against the previous period, the daily\n"
    "                   pain, what helped, medications, triggers and notes; text,\n"
    "                   markdown or html (--format html or -o FILE.html: the brief)\n"
    "  --name NAME      a name line in the brief's header\n"
    "  --omit LIST      leave out of the brief: notes,medications,questions,name\n"
    "  --paper P        the html brief's page: a4 (default) or letter\n"
    "WHEN: now, today, yesterday [HH:MM], YYYY-MM-DD [HH:MM], HH:MM, 3h ago, 2d ago\n";

static const char usage_export[] =
    "usage: unknot export [--format csv|json] [--table TABLE] [-o FILE] [--force]\n"
    "Write every episode with its tags, every timer session and every red-flag check\n"
    "with its answers, for unknot import or a spreadsheet.\n"
    "  --format F       csv or json (default: the extension of -o FILE, else csv)\n"
    "  --table TABLE    episodes, sessions or checks: that one flat CSV table with\n"
    "                   one header row (tags joined with \"; \"), for pandas or a\n"
    "                   spreadsheet; unknot import does not read it\n"
    "  -o, --output FILE  write to FILE (created 0600) instead of the standard output\n"
    "  --force          replace FILE if it exists\n";

static const char usage_import[] =
    "usage: unknot import FILE\n"
    "Read an export of unknot (CSV or JSON; - reads the standard input) into the\n"
    "database in one transaction, keeping its ids. A bad row or an id already in\n"
    "the database stops it with the line number, and nothing is written.\n";

static const char usage_backup[] =
    "usage: unknot backup FILE [--force]\n"
    "Copy the database consistently into FILE (0600), also while the app is open.\n"
    "  --force          replace FILE if it exists\n";

/* Options of report and export. */
struct out_opts {
    int has_since, has_until, has_format, force;
    int64_t since, until;
    const char *format, *output, *table;
    /* the brief (report only) */
    int brief;
    const char *name, *omit, *paper;
};

const struct option cli_report_options[] = {
    {"since", required_argument, NULL, OPT_SINCE},
    {"until", required_argument, NULL, OPT_UNTIL},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, OPT_FORCE},
    {"brief", no_argument, NULL, OPT_BRIEF},
    {"name", required_argument, NULL, OPT_NAME},
    {"omit", required_argument, NULL, OPT_OMIT},
    {"paper", required_argument, NULL, OPT_PAPER},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* report's, without the period: an export holds everything. */
const struct option cli_export_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"table", required_argument, NULL, OPT_TABLE},
    {"output", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, OPT_FORCE},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* end: the option ends the period, so a date alone means the whole day. */
static int when_opt(struct cli_ctx *ctx, const char *cmd, const char *arg, int end, int64_t *out)
{
    char err[UNKNOT_ERR_LEN];
    int rc = end ? when_parse_end(arg, ctx->now, out, err, sizeof err)
                 : when_parse(arg, ctx->now, out, err, sizeof err);
    if (rc != 0) {
        fprintf(ctx->err, "unknot %s: %s\n", cmd, err);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* One option of the table getopt_long was given. */
static int out_opt(struct cli_ctx *ctx, const char *cmd, int c, struct out_opts *o)
{
    switch (c) {
    case OPT_SINCE: o->has_since = 1; return when_opt(ctx, cmd, optarg, 0, &o->since);
    case OPT_UNTIL: o->has_until = 1; return when_opt(ctx, cmd, optarg, 1, &o->until);
    case OPT_FORMAT: o->has_format = 1; o->format = optarg; return CLI_OK;
    case 'o': o->output = optarg; return CLI_OK;
    case OPT_TABLE: o->table = optarg; return CLI_OK;
    case OPT_BRIEF: o->brief = 1; return CLI_OK;
    case OPT_NAME: o->name = optarg; return CLI_OK;
    case OPT_OMIT: o->omit = optarg; return CLI_OK;
    case OPT_PAPER: o->paper = optarg; return CLI_OK;
    default: o->force = 1; return CLI_OK; /* OPT_FORCE */
    }
}

/* Parses the options of report or export. Returns CLI_OK, CLI_USAGE, or
 * -1 after printing the usage for --help. */
static int parse_out_opts(struct cli_ctx *ctx, int argc, char **argv, const char *usage,
                          const struct option *longopts, struct out_opts *o)
{
    int c;
    memset(o, 0, sizeof *o);
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage, ctx->out);
            return -1;
        }
        if (c == '?' || c == ':')
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        int rc = out_opt(ctx, argv[0], c, o);
        if (rc != CLI_OK)
            return rc;
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    if (o->force && !o->output) {
        fprintf(ctx->err, "unknot %s: --force goes with -o FILE\n", argv[0]);
        return CLI_USAGE;
    }
    if (o->output && strcmp(o->output, "-") == 0)
        o->output = NULL; /* -o -: the standard output, as without -o */
    return CLI_OK;
}

/* Opens -o FILE (outfile.h: never the database, a temporary file until
 * complete); prints why and returns -1 on failure. */
static int open_output(struct cli_ctx *ctx, const char *cmd, const struct out_opts *o,
                       struct outfile *of)
{
    char err[UNKNOT_ERR_LEN];
    int rc = outfile_open(of, o->output, o->force, ctx->db_path, err, sizeof err);
    if (rc == OUTFILE_EXISTS)
        fprintf(ctx->err, "unknot %s: %s: add --force to replace it\n", cmd, err);
    else if (rc != 0)
        fprintf(ctx->err, "unknot %s: %s\n", cmd, err);
    return rc == 0 ? 0 : -1;
}

/* Finishes -o FILE after the writer's status `ok`; returns an exit code. */
static int close_output(struct cli_ctx *ctx, const char *cmd, int ok, struct outfile *of)
{
    char err[UNKNOT_ERR_LEN];
    if (!ok) {
        outfile_abort(of);
        return CLI_RUNTIME;
    }
    if (outfile_commit(of, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot %s: %s\n", cmd, err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

static int report_format(struct cli_ctx *ctx, const struct out_opts *o, enum report_format *fmt)
{
    char err[UNKNOT_ERR_LEN];
    *fmt = config_settings()->report_format;
    if (o->has_format && report_format_parse(o->format, fmt, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot report: %s\n", err);
        return CLI_USAGE;
    }
    if (!o->has_format && o->output && report_format_from_path(o->output, fmt, err, sizeof err))
        *fmt = config_settings()->report_format; /* any other name: as without -o */
    return CLI_OK;
}

/* Writes the report of the period to f; returns 1 when it went well. */
static int write_report(struct cli_ctx *ctx, const struct out_opts *o, enum report_format fmt,
                        FILE *f)
{
    char err[UNKNOT_ERR_LEN];
    struct store *st = cli_open_store_whole(ctx);
    if (!st)
        return 0;
    int rc = report_from_store(st, o->since, o->until, ctx->now, fmt, f, err, sizeof err);
    store_close(&st);
    if (rc != 0)
        fprintf(ctx->err, "unknot report: %s\n", err);
    return rc == 0;
}

/* Whether the report asked for is the brief: --brief, --format html, or
 * -o FILE.html without --format. */
static int wants_brief(const struct out_opts *o)
{
    const char *ext = path_extension(o->output);
    if (o->has_format)
        return o->brief || strcasecmp(o->format, "html") == 0;
    return o->brief || (ext && strcasecmp(ext, "html") == 0);
}

/* The brief's format and options from the command line: CLI_OK or
 * CLI_USAGE after one line. */
static int brief_options(struct cli_ctx *ctx, const struct out_opts *o, enum brief_format *fmt,
                         struct brief_opts *bo)
{
    char err[UNKNOT_ERR_LEN];
    const char *ext = path_extension(o->output);
    memset(bo, 0, sizeof *bo);
    bo->name = o->name;
    bo->made = ctx->now;
    bo->version = UNKNOT_VERSION;
    bo->ascii = !o->output && !cli_locale_utf8();
    *fmt = config_settings()->report_format == REPORT_MARKDOWN ? BRIEF_MARKDOWN : BRIEF_TEXT;
    struct report_out by_name;
    /* -o x.csv or x.json names a format the brief has not: refused, as the
     * report screen's x refuses it, rather than text under that name. */
    if (!o->has_format && o->output &&
        report_out_from_path(o->output, 1, &by_name, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot report: %s\n", err);
        return CLI_USAGE;
    }
    if (!o->has_format && ext && brief_format_parse(ext, fmt, err, sizeof err) != 0)
        *fmt = BRIEF_TEXT;
    if ((o->has_format && brief_format_parse(o->format, fmt, err, sizeof err) != 0) ||
        (o->omit && brief_omit_parse(o->omit, &bo->omit, err, sizeof err) != 0) ||
        (o->paper && brief_paper_parse(o->paper, &bo->paper, err, sizeof err) != 0)) {
        fprintf(ctx->err, "unknot report: %s\n", err);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* Writes the brief of the period to f; returns 1 when it went well. */
static int write_brief(struct cli_ctx *ctx, const struct out_opts *o, enum brief_format fmt,
                       const struct brief_opts *bo, FILE *f)
{
    char err[UNKNOT_ERR_LEN];
    struct store *st = cli_open_store_whole(ctx);
    if (!st)
        return 0;
    int rc = report_brief_from_store(st, o->since, o->until, ctx->now, bo, fmt, f, err,
                                     sizeof err);
    store_close(&st);
    if (rc != 0)
        fprintf(ctx->err, "unknot report: %s\n", err);
    return rc == 0;
}

static void say_written(struct cli_ctx *ctx, const char *what, const char *path)
{
    cli_say(ctx, "Wrote %s to %s.", what, path);
}

int cli_cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
    struct out_opts o;
    enum report_format fmt;
    struct outfile of;
    int rc = parse_out_opts(ctx, argc, argv, usage_report, cli_report_options, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    int brief = wants_brief(&o);
    enum brief_format bfmt = BRIEF_TEXT;
    struct brief_opts bo;
    if (!brief && (o.name || o.omit || o.paper)) {
        fprintf(ctx->err, "unknot report: --name, --omit and --paper go with --brief\n");
        return CLI_USAGE;
    }
    rc = brief ? brief_options(ctx, &o, &bfmt, &bo) : report_format(ctx, &o, &fmt);
    if (rc != CLI_OK)
        return rc;
    if (!o.has_until)
        o.until = ctx->now;
    if (!o.has_since)
        o.since = when_days_start(o.until < ctx->now ? o.until : ctx->now,
                                  config_settings()->report_days);
    if (o.since > o.until) {
        fprintf(ctx->err, "unknot report: the period starts after it ends: give --since "
                          "before --until\n");
        return CLI_USAGE;
    }
    if (!o.output)
        return (brief ? write_brief(ctx, &o, bfmt, &bo, ctx->out)
                      : write_report(ctx, &o, fmt, ctx->out))
                   ? CLI_OK
                   : CLI_RUNTIME;
    if (open_output(ctx, "report", &o, &of) != 0)
        return CLI_RUNTIME;
    rc = close_output(ctx, "report",
                      brief ? write_brief(ctx, &o, bfmt, &bo, of.f)
                            : write_report(ctx, &o, fmt, of.f),
                      &of);
    if (rc == CLI_OK)
        say_written(ctx, brief ? "the brief" : "the report", o.output);
    return rc;
}

static int export_format(struct cli_ctx *ctx, const struct out_opts *o, enum xfer_format *fmt)
{
    char err[UNKNOT_ERR_LEN];
    const char *ext = path_extension(o->output);
    *fmt = XFER_CSV;
    if (o->has_format && xfer_format_parse(o->format, fmt, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot export: %s\n", err);
        return CLI_USAGE;
    }
    if (!o->has_format && ext && xfer_format_parse(ext, fmt, err, sizeof err) != 0)
        *fmt = XFER_CSV;
    return CLI_OK;
}

static int write_export(struct cli_ctx *ctx, enum xfer_format fmt, const struct out_opts *o,
                        FILE *f)
{
    if (o->table) /* cli_export_table checked it */
        return cli_export_table_write(ctx, o->table, f) == CLI_OK;
    char err[UNKNOT_ERR_LEN];
    struct store *st = cli_open_store_whole(ctx);
    if (!st)
        return 0;
    int rc = xfer_export(st, f, fmt, err, sizeof err);
    store_close(&st);
    if (rc != 0)
        fprintf(ctx->err, "unknot export: %s\n", err);
    return rc == 0;
}

int cli_cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
    struct out_opts o;
    enum xfer_format fmt;
    struct outfile of;
    int rc = parse_out_opts(ctx, argc, argv, usage_export, cli_export_options, &o);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if ((rc = export_format(ctx, &o, &fmt)) != CLI_OK)
        return rc;
    if (o.table && (rc = cli_export_table_check(ctx, o.table, fmt == XFER_CSV)) != CLI_OK)
        return rc;
    if (!o.output)
        return write_export(ctx, fmt, &o, ctx->out) ? CLI_OK : CLI_RUNTIME;
    if (open_output(ctx, "export", &o, &of) != 0)
        return CLI_RUNTIME;
    rc = close_output(ctx, "export", write_export(ctx, fmt, &o, of.f), &of);
    if (rc == CLI_OK)
        say_written(ctx, "the export", o.output);
    return rc;
}

static void say_imported(struct cli_ctx *ctx, const struct store_import_counts *n, const char *path)
{
    cli_say(ctx, "Imported %zu episode%s (%zu tag%s), %zu session%s and %zu check%s from %s.",
            n->episodes, n->episodes == 1 ? "" : "s", n->tags, n->tags == 1 ? "" : "s",
            n->sessions, n->sessions == 1 ? "" : "s", n->checks, n->checks == 1 ? "" : "s",
            path);
    /* Lines of their own, when there are any: the one above stays as it
     * was (scripts read it). */
    if (n->readings || n->treatments)
        cli_say(ctx, "Imported %zu pain reading%s and %zu treatment%s.", n->readings,
                n->readings == 1 ? "" : "s", n->treatments, n->treatments == 1 ? "" : "s");
    if (n->checkins || n->weekly)
        cli_say(ctx, "Imported %zu daily and %zu weekly check-in%s.", n->checkins,
                n->weekly, n->weekly == 1 ? "" : "s");
    if (n->questions)
        cli_say(ctx, "Imported %zu question%s for the next visit.", n->questions,
                n->questions == 1 ? "" : "s");
}

const struct option cli_backup_options[] = {{"force", no_argument, NULL, OPT_FORCE},
                                         {"help", no_argument, NULL, OPT_HELP},
                                         {NULL, 0, NULL, 0}};

int cli_cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
    char err[UNKNOT_ERR_LEN];
    struct store_import_counts n;
    int rc = cli_parse_help_only(ctx, argc, argv, usage_import);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (optind >= argc) {
        fprintf(ctx->err, "unknot import: give the file to import (see unknot export)\n");
        return CLI_USAGE;
    }
    if (optind + 1 < argc)
        return cli_extra_args(ctx, argv[0], argv[optind + 1]);
    const char *path = argv[optind];
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? ctx->in : fopen(path, "r");
    if (!f) {
        fprintf(ctx->err, "unknot import: cannot read %s: %s\n", path, strerror(errno));
        return CLI_RUNTIME;
    }
    struct store *st = cli_open_store_whole(ctx);
    rc = st ? xfer_import(st, f, ctx->now, &n, err, sizeof err) : -1;
    if (!is_stdin)
        fclose(f); /* read only: nothing is lost if this fails */
    if (rc != 0 && st)
        fprintf(ctx->err, "unknot import: %s: %s; nothing was imported\n", path, err);
    store_close(&st); /* without a store, cli_open_store said why */
    if (rc != 0)
        return CLI_RUNTIME;
    say_imported(ctx, &n, is_stdin ? "the standard input" : path);
    return CLI_OK;
}

/* The copy goes to a temporary file beside path and is published only when
 * complete, as every output (outfile.h). */
static int backup_to(struct cli_ctx *ctx, const char *path, int force)
{
    char err[UNKNOT_ERR_LEN];
    struct outfile of;
    if (strcmp(path, "-") == 0) {
        fprintf(ctx->err, "unknot backup: the copy is a database file: give its name, not - "
                          "(the standard output)\n");
        return CLI_USAGE;
    }
    int rc = outfile_open_file(&of, path, force, ctx->db_path, err, sizeof err);
    if (rc != 0) {
        fprintf(ctx->err, "unknot backup: %s%s\n", err,
                rc == OUTFILE_EXISTS ? ": add --force to replace it" : "");
        return CLI_RUNTIME;
    }
    struct store *st = cli_open_store_whole(ctx); /* without it, it said why */
    rc = st ? store_backup(st, of.tmp, err, sizeof err) : STORE_ERROR;
    if (st && rc != STORE_OK)
        fprintf(ctx->err, "unknot backup: %s\n", err);
    store_close(&st);
    rc = close_output(ctx, "backup", rc == STORE_OK, &of);
    if (rc == CLI_OK)
        cli_say(ctx, "Backed up the database to %s.", path);
    return rc;
}

int cli_cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
    int force = 0, c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_backup_options, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_backup, ctx->out);
            return CLI_OK;
        }
        if (c != OPT_FORCE)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        force = 1;
    }
    if (optind >= argc) {
        fprintf(ctx->err, "unknot backup: give the file to write the copy to\n");
        return CLI_USAGE;
    }
    if (optind + 1 < argc)
        return cli_extra_args(ctx, argv[0], argv[optind + 1]);
    return backup_to(ctx, argv[optind], force);
}

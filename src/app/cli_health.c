/* The health side of the sub-commands: flags from the history, the
 * red-flag checklist and the list of past checks. */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/history.h"
#include "src/flags.h"
#include "src/json.h"
#include "src/redflags.h"
#include "src/util.h"
#include "src/when.h"

enum { OPT_HELP = 1000, OPT_JSON, OPT_YES, OPT_NONE };

static const char usage_flags[] =
    "usage: unknot flags [--json]\n"
    "Print the emergency or urgent warning in force first (a red-flag verdict or a\n"
    "warning sign logged, until a newer complete check with no yes), then the flags\n"
    "computed from the history (over a week, recurring, severe and not easing,\n"
    "chronic), one per line with its advice and the episodes behind it.\n"
    "  --json   print them as a JSON array\n";

static const char usage_check[] =
    "usage: unknot check [--yes LIST | --none]\n"
    "Answer the red-flag checklist and store the verdict. On a terminal each item is\n"
    "asked in turn (y, n, or ? for an explanation).\n"
    "  --yes LIST   answer yes to these item numbers (1,5) and no to the rest\n"
    "  --none       answer no to every item\n";

static const char usage_checks[] = "usage: unknot checks\nList past red-flag checks, newest "
                                   "first.\n";

/* Feeds every episode, oldest first, into f. */
static int compute_flags(struct cli_ctx *ctx, struct flags *f)
{
    char err[STORE_ERR_LEN];
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    int rc = history_flags(st, ctx->now, f, err, sizeof(err));
    store_close(&st);
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot flags: %s\n", err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

static void print_flag_text(struct cli_ctx *ctx, const struct flag *fl)
{
    char day[WHEN_FMT_LEN];
    fprintf(ctx->out, "%s: %s", fl->title, fl->advice);
    if (fl->note[0])
        fprintf(ctx->out, " %s", fl->note);
    fprintf(ctx->out, " Episodes:");
    for (size_t i = 0; i < fl->nrefs; i++) {
        when_format(fl->refs[i].started_at, day, sizeof(day));
        day[10] = '\0'; /* the date is enough to find it */
        fprintf(ctx->out, "%s #%" PRId64 " (%s)", i ? "," : "", fl->refs[i].id, day);
    }
    if (fl->total > fl->nrefs)
        fprintf(ctx->out, " and %zu earlier", fl->total - fl->nrefs);
    fputc('\n', ctx->out);
}

static void json_field_time(FILE *f, const char *name, int64_t t)
{
    char iso[WHEN_FMT_LEN];
    when_format_iso(t, iso, sizeof(iso));
    fprintf(f, "\"%s\": \"%s\"", name, iso);
}

static void print_flag_json(struct cli_ctx *ctx, const struct flag *fl)
{
    FILE *f = ctx->out;
    fprintf(f, "  {\"kind\": \"%s\", \"title\": ", flag_kind_code(fl->kind));
    json_write_string(f, fl->title);
    fputs(", \"advice\": ", f);
    json_write_string(f, fl->advice);
    fputs(", \"note\": ", f);
    json_write_string(f, fl->note);
    fputs(", ", f);
    json_field_time(f, "from", fl->from);
    fputs(", ", f);
    json_field_time(f, "to", fl->to);
    fprintf(f, ", \"span_s\": %" PRId64 ", \"total\": %zu, \"episodes\": [", fl->span,
            fl->total);
    for (size_t i = 0; i < fl->nrefs; i++) {
        fprintf(f, "%s{\"id\": %" PRId64 ", ", i ? ", " : "", fl->refs[i].id);
        json_field_time(f, "started_at", fl->refs[i].started_at);
        fputc('}', f);
    }
    fputs("]}", f);
}

/* ---- the warning in force, before the flags (issue 10) ---------------- */

static void print_warning_json(struct cli_ctx *ctx, const struct warnsign_state *w,
                               const char *source, size_t nflags)
{
    FILE *f = ctx->out;
    fprintf(f, "[\n  {\"kind\": \"%s\", \"level\": \"%s\", \"title\": ",
            w->sign ? "warning_sign" : "verdict", redflag_level_code(w->level));
    json_write_string(f, redflag_level_title(w->level));
    fputs(", \"words\": ", f);
    json_write_string(f, source);
    fputs(", \"advice\": ", f);
    json_write_string(f, redflag_level_advice(w->level));
    if (w->sign) {
        fputs(", \"sign\": ", f);
        json_write_string(f, w->sign->code);
        fprintf(f, ", \"episodes\": [{\"id\": %" PRId64 ", ", w->episode_id);
        json_field_time(f, "started_at", w->episode_started_at);
        fputs("}]}", f);
    } else {
        fprintf(f, ", \"check\": {\"id\": %" PRId64 ", ", w->check_id);
        json_field_time(f, "taken_at", w->check_taken_at);
        fputs("}}", f);
    }
    fputs(nflags ? ",\n" : "\n", f);
}

/* Prints the emergency or urgent warning in force (a verdict, or a
 * warning sign logged) before the computed flags: it reaches the patient
 * first. Text: its title, what holds it, its advice and a blank line; JSON:
 * opens the array with it as the first object. Returns 1 when it printed,
 * 0 when none is in force, and 0 with *rc set on a store error. */
static int print_warning(struct cli_ctx *ctx, int json, size_t nflags, int *rc)
{
    char err[STORE_ERR_LEN], source[HISTORY_SOURCE_LEN];
    struct warnsign_state w;
    struct store *st = cli_open_store(ctx);
    if (!st) {
        *rc = CLI_RUNTIME;
        return 0;
    }
    int src = history_warning(st, ctx->now, &w, err, sizeof(err));
    store_close(&st);
    if (src != STORE_OK) {
        fprintf(ctx->err, "unknot flags: %s\n", err);
        *rc = CLI_RUNTIME;
        return 0;
    }
    if (!history_warning_in_force(&w))
        return 0;
    history_warning_source(&w, source, sizeof(source));
    if (json)
        print_warning_json(ctx, &w, source, nflags);
    else
        fprintf(ctx->out, "%s\n%s\n%s\n\n", redflag_level_title(w.level), source,
                redflag_level_advice(w.level));
    return 1;
}

int cli_cmd_flags(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {{"json", no_argument, NULL, OPT_JSON},
                                             {"help", no_argument, NULL, OPT_HELP},
                                             {NULL, 0, NULL, 0}};
    int json = 0, c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_flags, ctx->out);
            return CLI_OK;
        }
        if (c != OPT_JSON)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        json = 1;
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    struct flags *f = malloc(sizeof(*f));
    if (!f)
        return cli_no_memory(ctx);
    int rc = compute_flags(ctx, f);
    size_t n = rc == CLI_OK ? flags_count(f) : 0;
    int warned = rc == CLI_OK ? print_warning(ctx, json, n, &rc) : 0;
    if (rc == CLI_OK && json) {
        if (!warned)
            fputs(n ? "[\n" : "[", ctx->out);
        for (size_t i = 0; i < n; i++) {
            print_flag_json(ctx, flags_at(f, i));
            fputs(i + 1 < n ? ",\n" : "\n", ctx->out);
        }
        fputs("]\n", ctx->out);
    } else if (rc == CLI_OK) {
        for (size_t i = 0; i < n; i++)
            print_flag_text(ctx, flags_at(f, i));
        fprintf(ctx->out, "%s%s\n", n || warned ? "" : "No flags.\n",
                warned ? HISTORY_NOT_ADVICE_SHORT : FLAGS_NOT_MEDICAL_ADVICE);
    }
    free(f);
    return rc;
}

static void print_verdict(struct cli_ctx *ctx, enum redflag_level level)
{
    fprintf(ctx->out, "%s\n%s\n", redflag_level_title(level), redflag_level_advice(level));
}

/* Asks one item until the answer is y or n; -1 at end of input. */
static int ask_item(struct cli_ctx *ctx, const struct redflag_item *item)
{
    for (;;) {
        /* The answer goes on its own line: questions use up to 76 columns. */
        fprintf(ctx->out, "%2d/%d  %s\n       [y/n/?] ", item->number, REDFLAG_COUNT,
                item->question);
        fflush(ctx->out);
        switch (cli_read_answer(ctx)) {
        case CLI_ANSWER_EOF: return -1;
        case CLI_ANSWER_YES: return 1;
        case CLI_ANSWER_NO: return 0;
        case CLI_ANSWER_EXPLAIN: fprintf(ctx->out, "       %s\n", item->explain); break;
        default: fprintf(ctx->out, "       Answer y (yes), n (no) or ? (explain).\n");
        }
    }
}

static int ask_checklist(struct cli_ctx *ctx, unsigned char answers[REDFLAG_COUNT])
{
    fprintf(ctx->out, "Red-flag checklist: answer each question about now.\n\n");
    for (int i = 1; i <= REDFLAG_COUNT; i++) {
        const struct redflag_item *item = redflags_item(i);
        int a = ask_item(ctx, item);
        if (a < 0) {
            fprintf(ctx->err, "\nunknot check: input ended before item %d; nothing was "
                              "saved\n", i);
            return CLI_RUNTIME;
        }
        answers[i - 1] = (unsigned char)a;
        /* Never make someone with an emergency sign read on first. */
        if (a && item->level == REDFLAG_EMERGENCY)
            fprintf(ctx->out, "\n%s\n%s\n\n", redflag_level_title(REDFLAG_EMERGENCY),
                    redflag_level_advice(REDFLAG_EMERGENCY));
    }
    fputc('\n', ctx->out);
    return CLI_OK;
}

/* Parses check's options into answers; `asked` says whether to ask. */
static int check_options(struct cli_ctx *ctx, int argc, char **argv,
                         unsigned char answers[REDFLAG_COUNT], int *asked)
{
    static const struct option longopts[] = {{"yes", required_argument, NULL, OPT_YES},
                                             {"none", no_argument, NULL, OPT_NONE},
                                             {"help", no_argument, NULL, OPT_HELP},
                                             {NULL, 0, NULL, 0}};
    char err[UNKNOT_ERR_LEN];
    int given = 0, c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_check, ctx->out);
            return -1;
        }
        if (c != OPT_YES && c != OPT_NONE)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        if (given++) {
            fprintf(ctx->err, "unknot check: give --yes LIST or --none once\n");
            return CLI_USAGE;
        }
        /* An empty list from a script's empty variable must not pass as
         * "no to everything": that is what --none says on purpose. */
        if (c == OPT_YES && optarg[strspn(optarg, " \t")] == '\0') {
            fprintf(ctx->err, "unknot check: --yes needs item numbers (e.g. --yes 1,5); use "
                              "--none for no to all\n");
            return CLI_USAGE;
        }
        if (redflags_parse_yes_list(c == OPT_YES ? optarg : "", answers, err,
                                    sizeof(err)) != 0) {
            fprintf(ctx->err, "unknot check: %s\n", err);
            return CLI_USAGE;
        }
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    if (!given && !ctx->interactive) {
        fprintf(ctx->err, "unknot check: not a terminal, so nothing can be asked; answer "
                          "with --yes LIST (e.g. --yes 1,5) or --none\n");
        return CLI_USAGE;
    }
    *asked = !given;
    return CLI_OK;
}

static int save_check(struct cli_ctx *ctx, const unsigned char answers[REDFLAG_COUNT])
{
    char err[STORE_ERR_LEN];
    struct check chk;
    check_from_answers(ctx->now, answers, &chk);
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    int rc = store_check_add(st, &chk, err, sizeof(err));
    store_close(&st);
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot check: %s; the check was not saved\n", err);
        return CLI_RUNTIME;
    }
    fprintf(ctx->out, "Saved as check %" PRId64 ".\n", chk.id);
    return CLI_OK;
}

static void print_yes_items(FILE *f, const unsigned char answers[REDFLAG_COUNT])
{
    int any = 0;
    for (int i = 0; i < REDFLAG_COUNT; i++) {
        if (!answers[i])
            continue;
        const struct redflag_item *item = redflags_item(i + 1);
        fprintf(f, "%s  yes %2d. %s\n", any++ ? "" : "You answered yes to:\n", item->number,
                item->question);
    }
}

int cli_cmd_check(struct cli_ctx *ctx, int argc, char **argv)
{
    unsigned char answers[REDFLAG_COUNT] = {0};
    int asked = 0;
    int rc = check_options(ctx, argc, argv, answers, &asked);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (asked && (rc = ask_checklist(ctx, answers)) != CLI_OK)
        return rc;
    enum redflag_level level = redflags_verdict(answers);
    /* The verdict comes first: an emergency must never be buried. */
    print_verdict(ctx, level);
    fputc('\n', ctx->out);
    print_yes_items(ctx->out, answers);
    return save_check(ctx, answers);
}

static void print_check_line(struct cli_ctx *ctx, const struct check *c)
{
    char when[WHEN_FMT_LEN], yes[128] = "";
    size_t used = 0;
    when_format(c->taken_at, when, sizeof(when));
    for (int i = 0; i < c->nanswers && used < sizeof(yes); i++) {
        if (!c->answers[i])
            continue;
        int w = snprintf(yes + used, sizeof(yes) - used, "%s%d", used ? "," : "", i + 1);
        if (w > 0)
            used += (size_t)w;
    }
    fprintf(ctx->out, "%5" PRId64 "  %-16s  %-10s  %s\n", c->id, when,
            redflag_level_code(c->verdict),
            used ? yes : "-");
}

int cli_cmd_checks(struct cli_ctx *ctx, int argc, char **argv)
{
    int rc = cli_parse_help_only(ctx, argc, argv, usage_checks);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    char err[STORE_ERR_LEN];
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    struct store_iter *it = NULL;
    struct check c;
    long rows = 0;
    rc = store_checks_iter(st, INT64_MIN, INT64_MAX, STORE_NEWEST_FIRST, &it, err, sizeof(err));
    while (rc == STORE_OK && (rc = store_iter_next(it, &c, err, sizeof(err))) == STORE_OK) {
        if (rows++ == 0)
            fprintf(ctx->out, "%5s  %-16s  %-10s  %s\n", "ID", "TAKEN", "VERDICT", "YES TO");
        print_check_line(ctx, &c);
    }
    store_iter_free(&it);
    store_close(&st);
    if (rc < 0) {
        fprintf(ctx->err, "unknot checks: %s\n", err);
        return CLI_RUNTIME;
    }
    if (rows == 0)
        fprintf(ctx->out, "No checks yet. Take one with unknot check.\n");
    return CLI_OK;
}

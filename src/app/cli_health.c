/* SPDX-License-Identifier: BSD-2-Clause */
/* The health side of the sub-commands: flags from the history, the
 * red-flag checklist and the list of past checks. */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/app/history.h"
#include "src/check.h"
#include "src/flag_json.h"
#include "src/flags.h"
#include "src/json.h"
#include "src/redflags.h"
#include "src/util.h"
#include "src/when.h"

enum { OPT_HELP = 1000, OPT_JSON, OPT_YES, OPT_NONE, OPT_LIST, OPT_FORMAT, OPT_UNSURE };

static const char usage_flags[] =
    "usage: unknot flags [--format text|json] [--json]\n"
    "Print the emergency or urgent warning in force first (a red-flag verdict or a\n"
    "warning sign logged, until a newer complete check with no yes), then the flags\n"
    "computed from the history (leg symptoms, severe and not easing, over 3 days, a\n"
    "week or two weeks, recurring, long-running), one per line with its advice and\n"
    "the episodes behind it.\n"
    "  --format F   text (default) or json, the document \"unknot-flags\" (man unknot:\n"
    "               JSON output)\n"
    "  --json       the bare JSON array of earlier releases (the document's \"flags\")\n";

static const char usage_check[] =
    "usage: unknot check [--yes LIST | --none] [--unsure LIST] | --list\n"
    "Answer the red-flag checklist and store the verdict. On a terminal each item is\n"
    "asked in turn (y, n, u for not sure, or ? for an explanation). Not sure counts\n"
    "neither as yes nor as no; the verdict says what to do about it. An emergency\n"
    "answer is saved at once and you may stop there; input that ends after a yes\n"
    "keeps the answers given as a partial check.\n"
    "  --yes LIST     answer yes to these item numbers (1,5) and no to the rest\n"
    "  --none         answer no to every item\n"
    "  --unsure LIST  answer not sure to these items (alone, or with --yes or\n"
    "                 --none: no to the rest)\n"
    "  --list         print the items: number, level, question (wrapped under\n"
    "                 itself; an item's line starts with its number)\n";

static const char usage_checks[] =
    "usage: unknot checks [--since WHEN] [--until WHEN] [--format text|json|csv]\n"
    "List past red-flag checks, newest first: id, time, verdict, the items answered\n"
    "yes.\n"
    "  --format F   text (default); json, the document \"unknot-checks\" with every\n"
    "               answer; csv, one row per check (man unknot: JSON output)\n";

/* Feeds every episode, oldest first, into f. */
/* The flags and the warning in force, read in one opening of the store. */
static int read_history(struct cli_ctx *ctx, struct flags *f, struct warnsign_state *w)
{
    char err[STORE_ERR_LEN];
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    int rc = history_flags(st, ctx->now, f, err, sizeof(err));
    if (rc == STORE_OK)
        rc = history_warning(st, ctx->now, w, err, sizeof(err));
    store_close(&st);
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot flags: %s\n", err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

/* One flag as a paragraph: its title, advice, note and episodes, wrapped
 * with the lines after the first indented. */
static void print_flag_text(struct cli_ctx *ctx, const struct flag *fl)
{
    char day[WHEN_FMT_LEN], *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        fprintf(ctx->out, "%s: %s\n", fl->title, fl->advice); /* the essentials */
        return;
    }
    fprintf(f, "%s: %s", fl->title, fl->advice);
    if (fl->note[0])
        fprintf(f, " %s", fl->note);
    fprintf(f, " Episodes:");
    for (size_t i = 0; i < fl->nrefs; i++) {
        when_format(fl->refs[i].started_at, day, sizeof(day));
        day[10] = '\0'; /* the date is enough to find it */
        fprintf(f, "%s #%" PRId64 " (%s)", i ? "," : "", fl->refs[i].id, day);
    }
    if (fl->total > fl->nrefs)
        fprintf(f, " and %zu earlier", fl->total - fl->nrefs);
    fclose(f);
    cli_wrap(ctx, ctx->out, 2, 1, text);
    free(text);
}

/* One flag, in the shape the report's "flags" array shares (flag_json.h). */
static void print_flag_json(struct cli_ctx *ctx, const struct flag *fl)
{
    fputs("  ", ctx->out);
    flag_write_json(ctx->out, fl);
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
        flag_json_time(f, "started_at", w->episode_started_at);
        fputs("}]}", f);
    } else {
        fprintf(f, ", \"check\": {\"id\": %" PRId64 ", ", w->check_id);
        flag_json_time(f, "taken_at", w->check_taken_at);
        fputs("}}", f);
    }
    fputs(nflags ? ",\n" : "\n", f);
}

const struct option cli_flags_options[] = {{"json", no_argument, NULL, OPT_JSON},
                                           {"format", required_argument, NULL, OPT_FORMAT},
                                         {"help", no_argument, NULL, OPT_HELP},
                                         {NULL, 0, NULL, 0}};

/* Prints the emergency or urgent warning in force (a verdict, or a
 * warning sign logged) before the computed flags: it reaches the patient
 * first. Text: its title, what holds it, its advice and a blank line; JSON:
 * opens the array with it as the first object. Returns 1 when it printed,
 * 0 when none is in force, and 0 with *rc set on a store error. */
/* Prints the warning in force, if there is one, before the flags.
 * Returns 1 when it printed one. */
static int print_warning(struct cli_ctx *ctx, const struct warnsign_state *w, int json,
                         size_t nflags)
{
    char source[HISTORY_SOURCE_LEN];
    if (!history_warning_in_force(w))
        return 0;
    history_warning_source(w, source, sizeof(source));
    if (json)
        print_warning_json(ctx, w, source, nflags);
    else {
        cli_wrap(ctx, ctx->out, 0, 0, redflag_level_title(w->level));
        cli_wrap(ctx, ctx->out, 0, 0, source);
        cli_wrap(ctx, ctx->out, 0, 0, redflag_level_advice(w->level));
        fputc('\n', ctx->out);
    }
    return 1;
}

int cli_cmd_flags(struct cli_ctx *ctx, int argc, char **argv)
{
    int json = 0, doc = 0, c;
    enum listing_format fmt = LISTING_TEXT;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_flags_options, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_flags, ctx->out);
            return CLI_OK;
        }
        if (c == OPT_FORMAT && cli_format_opt(ctx, "flags", optarg, CLI_DOC_FORMATS, &fmt))
            return CLI_USAGE;
        if (c != OPT_JSON && c != OPT_FORMAT)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        json = c == OPT_JSON || fmt == LISTING_JSON;
        doc = c == OPT_FORMAT && json;
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    struct flags *f = malloc(sizeof(*f));
    if (!f)
        return cli_no_memory(ctx);
    struct warnsign_state w;
    int rc = read_history(ctx, f, &w);
    size_t n = rc == CLI_OK ? flags_count(f) : 0;
    if (rc == CLI_OK && doc)
        fprintf(ctx->out, "{\"format\": \"unknot-flags\", \"version\": %d, \"flags\": ",
                LISTING_VERSION);
    int warned = rc == CLI_OK && print_warning(ctx, &w, json, n);
    if (rc == CLI_OK && json) {
        if (!warned)
            fputs(n ? "[\n" : "[", ctx->out);
        for (size_t i = 0; i < n; i++) {
            print_flag_json(ctx, flags_at(f, i));
            fputs(i + 1 < n ? ",\n" : "\n", ctx->out);
        }
        fputs(doc ? "]}\n" : "]\n", ctx->out);
    } else if (rc == CLI_OK) {
        for (size_t i = 0; i < n; i++)
            print_flag_text(ctx, flags_at(f, i));
        if (!n && !warned)
            fputs("No flags.\n", ctx->out);
        cli_wrap(ctx, ctx->out, 0, 0, warned ? HISTORY_NOT_ADVICE_SHORT : FLAGS_NOT_MEDICAL_ADVICE);
    }
    free(f);
    return rc;
}

static void print_verdict(struct cli_ctx *ctx, enum redflag_level level)
{
    cli_wrap(ctx, ctx->out, 0, 0, redflag_level_title(level));
    cli_wrap(ctx, ctx->out, 0, 0, redflag_level_advice(level));
}

/* `check --list`: an item per line that starts with its number, then its
 * level and question; a question longer than the width wraps under
 * itself (continuation lines start with blanks), so scripts that answer
 * with --yes read the numbers off the lines that begin with one. */
static void print_items(struct cli_ctx *ctx)
{
    for (int i = 1; i <= REDFLAG_COUNT; i++) {
        const struct redflag_item *item = redflags_item(i);
        fprintf(ctx->out, "%2d  %-10s  ", item->number, redflag_level_code(item->level));
        cli_wrap(ctx, ctx->out, 16, 1, item->question);
    }
}

/* A checklist being taken: the answers so far and the check they make,
 * stored (id set) from the first emergency yes on. */
struct taking {
    struct cli_ctx *ctx;
    struct store *st;                 /* opened at the first save */
    unsigned char ans[REDFLAG_COUNT]; /* CHECK_NO, CHECK_YES, CHECK_NOT_ASKED */
    struct check chk;
};

/* How taking the checklist ended. */
enum taken { TAKEN_ALL, TAKEN_STOPPED, TAKEN_ENDED };

/* Stores the answers so far: a new check the first time, the same one
 * after (check_update). Says why on failure. */
static int save_taking(struct taking *t)
{
    char err[STORE_ERR_LEN];
    check_update(&t->chk, t->ctx->now, t->ans);
    if (!t->st && !(t->st = cli_open_store(t->ctx)))
        return CLI_RUNTIME;
    if (store_check_save(t->st, &t->chk, err, sizeof(err)) != STORE_OK) {
        fprintf(t->ctx->err, "unknot check: %s; the check was not saved\n", err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

/* "Saved as check 3." or, for a check left part way, "Saved as check 3
 * (partial: 1 of 20 asked)." */
static void print_saved(struct cli_ctx *ctx, const struct check *c)
{
    fprintf(ctx->out, "Saved as check %" PRId64, c->id);
    if (!c->complete)
        fprintf(ctx->out, " (partial: %d of %d asked)", check_answer_count(c), REDFLAG_COUNT);
    fputs(".\n", ctx->out);
}

/* Asks one item until the answer is y, n or u: CHECK_YES, CHECK_NO or
 * CHECK_UNSURE; -1 at end of input. */
static int ask_item(struct cli_ctx *ctx, const struct redflag_item *item)
{
    for (;;) {
        /* The answer goes on its own line: questions use up to 76 columns. */
        fprintf(ctx->out, "%2d/%d  ", item->number, REDFLAG_COUNT);
        cli_wrap(ctx, ctx->out, 7, 1, item->question);
        fputs("       [y/n/u/?] ", ctx->out);
        fflush(ctx->out);
        switch (cli_read_answer(ctx)) {
        case CLI_ANSWER_EOF: return -1;
        case CLI_ANSWER_YES: return CHECK_YES;
        case CLI_ANSWER_NO: return CHECK_NO;
        case CLI_ANSWER_UNSURE: return CHECK_UNSURE;
        case CLI_ANSWER_EXPLAIN: cli_wrap(ctx, ctx->out, 7, 0, item->explain); break;
        default:
            fprintf(ctx->out, "       Answer y (yes), n (no), u (not sure) or ? (explain).\n");
        }
    }
}

/* "Stop here?", stopping by default: 1 to stop (also at end of input), 0
 * to go on. */
static int ask_stop(struct cli_ctx *ctx)
{
    for (;;) {
        fputs("Stop here and get help? [Y/n] ", ctx->out);
        fflush(ctx->out);
        switch (cli_read_answer(ctx)) {
        case CLI_ANSWER_YES:
        case CLI_ANSWER_EMPTY: return 1;
        case CLI_ANSWER_EOF: fputc('\n', ctx->out); return 1;
        case CLI_ANSWER_NO: fputc('\n', ctx->out); return 0;
        default: fputs("Answer y (stop here; Enter says y) or n (go on).\n", ctx->out);
        }
    }
}

/* An emergency item answered yes: the verdict before anything else, the
 * answers stored at once (the rest not asked), then the offer to stop.
 * Returns 1 to stop. */
static int emergency_answered(struct taking *t, int item)
{
    struct cli_ctx *ctx = t->ctx;
    fputc('\n', ctx->out);
    print_verdict(ctx, REDFLAG_EMERGENCY);
    fputc('\n', ctx->out);
    if (save_taking(t) == CLI_OK)
        print_saved(ctx, &t->chk);
    return item < REDFLAG_COUNT && ask_stop(ctx);
}

/* Asks the items in turn; *item is the last one answered (stopped) or the
 * one input ended at. Once stored, the check is saved after every answer,
 * so that whatever ends the command leaves it up to date. */
static enum taken take_checklist(struct taking *t, int *item)
{
    struct cli_ctx *ctx = t->ctx;
    fprintf(ctx->out, "Red-flag checklist: answer each question about now.\n\n");
    for (*item = 1; *item <= REDFLAG_COUNT; (*item)++) {
        const struct redflag_item *it = redflags_item(*item);
        int a = ask_item(ctx, it);
        if (a < 0)
            return TAKEN_ENDED;
        t->ans[*item - 1] = (unsigned char)a;
        if (a == CHECK_YES && it->level == REDFLAG_EMERGENCY) {
            if (emergency_answered(t, *item))
                return TAKEN_STOPPED;
        } else if (t->chk.id != 0) {
            (void)save_taking(t); /* says why; saved again at the end */
        }
    }
    fputc('\n', ctx->out);
    return TAKEN_ALL;
}

const struct option cli_check_options[] = {{"yes", required_argument, NULL, OPT_YES},
                                         {"none", no_argument, NULL, OPT_NONE},
                                         {"unsure", required_argument, NULL, OPT_UNSURE},
                                         {"list", no_argument, NULL, OPT_LIST},
                                         {"help", no_argument, NULL, OPT_HELP},
                                         {NULL, 0, NULL, 0}};

/* Reads the item list of --yes or --unsure (opt names it) into list. An
 * empty list from a script's empty variable must not pass as "no to
 * everything": that is what --none says on purpose. */
static int read_item_list(struct cli_ctx *ctx, const char *opt, const char *text,
                          unsigned char list[REDFLAG_COUNT])
{
    char err[UNKNOT_ERR_LEN];
    if (text[strspn(text, " \t")] == '\0') {
        fprintf(ctx->err, "unknot check: --%s needs item numbers (e.g. --%s 1,5); use "
                          "--none for no to all\n", opt, opt);
        return CLI_USAGE;
    }
    if (redflags_parse_yes_list(text, list, err, sizeof(err)) != 0) {
        fprintf(ctx->err, "unknot check: --%s: %s\n", opt, err);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* Marks the --unsure items of unsure[] in answers (yes or no so far); an
 * item given both yes and not sure is refused. */
static int merge_unsure(struct cli_ctx *ctx, const unsigned char unsure[REDFLAG_COUNT],
                        unsigned char answers[REDFLAG_COUNT])
{
    for (int i = 0; i < REDFLAG_COUNT; i++) {
        if (unsure[i] && answers[i] == CHECK_YES) {
            fprintf(ctx->err, "unknot check: item %d is given both --yes and --unsure\n", i + 1);
            return CLI_USAGE;
        }
    }
    for (int i = 0; i < REDFLAG_COUNT; i++)
        if (unsure[i])
            answers[i] = CHECK_UNSURE;
    return CLI_OK;
}

/* One option of check into answers / unsure; *given counts --yes, --none
 * and --list, of which one at most is given. */
static int check_option(struct cli_ctx *ctx, int c, int *given, int *list,
                        unsigned char answers[REDFLAG_COUNT], unsigned char unsure[REDFLAG_COUNT])
{
    char err[UNKNOT_ERR_LEN];
    if (c == OPT_UNSURE)
        return read_item_list(ctx, "unsure", optarg, unsure);
    if ((*given)++) {
        fprintf(ctx->err, "unknot check: give one of --yes LIST, --none or --list\n");
        return CLI_USAGE;
    }
    *list = c == OPT_LIST;
    if (c == OPT_YES)
        return read_item_list(ctx, "yes", optarg, answers);
    if (c == OPT_NONE)
        (void)redflags_parse_yes_list("", answers, err, sizeof(err)); /* all no */
    return CLI_OK;
}

/* Parses check's options into answers; *ask says whether to ask, *list
 * whether to print the items only. */
static int check_options(struct cli_ctx *ctx, int argc, char **argv,
                         unsigned char answers[REDFLAG_COUNT], int *ask, int *list)
{
    unsigned char unsure[REDFLAG_COUNT] = {0};
    int given = 0, unsure_given = 0, c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_check_options, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_check, ctx->out);
            return -1;
        }
        if (c != OPT_YES && c != OPT_NONE && c != OPT_LIST && c != OPT_UNSURE)
            return cli_bad_option(ctx, argv[0], c, argc, argv);
        unsure_given |= c == OPT_UNSURE;
        int rc = check_option(ctx, c, &given, list, answers, unsure);
        if (rc != CLI_OK)
            return rc;
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    if (*list && unsure_given) {
        fprintf(ctx->err, "unknot check: --list takes no answers\n");
        return CLI_USAGE;
    }
    if (unsure_given) {
        if (!given)
            memset(answers, CHECK_NO, REDFLAG_COUNT);
        given = 1;
        if (merge_unsure(ctx, unsure, answers) != CLI_OK)
            return CLI_USAGE;
    }
    if (!given && !ctx->interactive) {
        fprintf(ctx->err, "unknot check: not a terminal, so nothing can be asked; answer "
                          "with --yes LIST (e.g. --yes 1,5) or --none, and --unsure LIST for "
                          "items you are not sure about; --list shows the items\n");
        return CLI_USAGE;
    }
    *ask = !given;
    return CLI_OK;
}

/* The items answered `answer` under a heading, one a line: "  yes  1. ...". */
static void print_items_answered(struct cli_ctx *ctx, const unsigned char answers[REDFLAG_COUNT],
                                 unsigned char answer, const char *heading, const char *mark)
{
    int any = 0;
    for (int i = 0; i < REDFLAG_COUNT; i++) {
        if (answers[i] != answer)
            continue;
        const struct redflag_item *item = redflags_item(i + 1);
        if (!any++)
            fprintf(ctx->out, "%s\n", heading);
        fprintf(ctx->out, "  %-4s%2d. ", mark, item->number);
        cli_wrap(ctx, ctx->out, 10, 1, item->question);
    }
}

/* The verdict of a check taken: its headline; the "not sure" line first
 * when it asks more than the verdict does (an emergency sign not sure under
 * a see-soon verdict: the more urgent reading wins), else after the advice.
 * Not sure about an emergency or urgent sign asks to call now or today:
 * the not-medical-advice line ("if you are worried") must not soften it. */
static void print_check_verdict(struct cli_ctx *ctx, const struct check *c)
{
    char unsure[CHECK_UNSURE_TEXT_LEN], advice[512];
    enum redflag_level asks = check_unsure_level(c);
    int first = check_unsure_text(c, unsure, sizeof unsure) > 0 && asks > c->verdict;
    snprintf(advice, sizeof advice, "%s", redflag_level_advice(c->verdict));
    char *soft = strstr(advice, "\n" REDFLAGS_NOT_MEDICAL_ADVICE);
    if (soft && asks >= REDFLAG_URGENT)
        *soft = '\0';
    cli_wrap(ctx, ctx->out, 0, 0, check_title(c));
    if (first)
        cli_wrap(ctx, ctx->out, 0, 0, unsure);
    cli_wrap(ctx, ctx->out, 0, 0, advice);
    if (unsure[0] && !first)
        cli_wrap(ctx, ctx->out, 0, 0, unsure);
}

/* The end of a checklist answered to the last item, or left part way
 * after a yes: the verdict first, what was answered yes, the check stored. */
static int report_verdict(struct taking *t, enum taken how, int item)
{
    struct cli_ctx *ctx = t->ctx;
    if (how == TAKEN_ENDED)
        fputs("\n\n", ctx->out); /* off the unanswered prompt */
    check_update(&t->chk, ctx->now, t->ans);
    print_check_verdict(ctx, &t->chk);
    fputc('\n', ctx->out);
    print_items_answered(ctx, t->ans, CHECK_YES, "You answered yes to:", "yes");
    print_items_answered(ctx, t->ans, CHECK_UNSURE, "You were not sure about:", "?");
    int rc = save_taking(t);
    if (rc == CLI_OK)
        print_saved(ctx, &t->chk);
    if (rc == CLI_OK && how == TAKEN_ENDED)
        fprintf(ctx->out, "Input ended before item %d; the answers given are kept.\n", item);
    return rc;
}

/* Stopped after an emergency yes: the advice was printed at the yes. */
static int report_stopped(struct taking *t, int item)
{
    if (t->chk.id == 0) { /* the save at the yes failed: once more */
        if (save_taking(t) != CLI_OK)
            return CLI_RUNTIME;
        print_saved(t->ctx, &t->chk);
    }
    fprintf(t->ctx->out, "Stopped after item %d. Seek emergency care now.\n", item);
    return CLI_OK;
}

/* Input ended: the answers are kept when one is yes, or "not sure" to an
 * emergency or urgent item (whose advice is to act now or today: it must
 * not be lost with the rest); a run of no's makes no check, and must
 * never read as "no warning signs". */
static int report_ended(struct taking *t, int item)
{
    for (int i = 0; i < REDFLAG_COUNT; i++)
        if (t->ans[i] == CHECK_YES ||
            (t->ans[i] == CHECK_UNSURE && redflags_item(i + 1)->level >= REDFLAG_URGENT))
            return report_verdict(t, TAKEN_ENDED, item);
    fprintf(t->ctx->err, "\nunknot check: input ended before item %d; nothing was saved (no "
                         "item was answered yes)\n", item);
    return CLI_RUNTIME;
}

int cli_cmd_check(struct cli_ctx *ctx, int argc, char **argv)
{
    struct taking t = {.ctx = ctx};
    int ask = 0, list = 0, item = 0;
    memset(t.ans, CHECK_NOT_ASKED, sizeof(t.ans));
    int rc = check_options(ctx, argc, argv, t.ans, &ask, &list);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (list) {
        print_items(ctx);
        return CLI_OK;
    }
    enum taken how = ask ? take_checklist(&t, &item) : TAKEN_ALL;
    switch (how) {
    case TAKEN_STOPPED: rc = report_stopped(&t, item); break;
    case TAKEN_ENDED: rc = report_ended(&t, item); break;
    default: rc = report_verdict(&t, how, item);
    }
    store_close(&t.st);
    return rc;
}

/* The VERDICT column: the verdict's word, except that a check without a yes
 * never reads "clear" (CONTENT.md), and one left part way without a yes
 * says so rather than pass for "no warning signs". */
static const char *verdict_word(const struct check *c)
{
    if (c->verdict != REDFLAG_CLEAR)
        return redflag_level_word(c->verdict);
    if (!c->complete)
        return "incomplete";
    return check_unsure_count(c) ? "not sure" : "no signs";
}

/* The columns of `unknot checks`; on a narrow terminal the partial note
 * and then the YES TO list are cut. */
static const struct cli_col check_cols[] = {
    {"ID", 5, 1, 0}, {"TAKEN", 16, 0, 0}, {"VERDICT", 12, 0, 0}, {"YES TO", 0, 0, 6}};
static const struct cli_fit_step check_steps[] = {{2, 10}};

static void print_check_line(struct cli_ctx *ctx, const struct cli_cols *t, const struct check *c)
{
    char id[24], when[WHEN_FMT_LEN], yes[192] = "", unsure[CHECK_MAX_ITEMS * 3 + 1];
    when_format(c->taken_at, when, sizeof(when));
    check_items_text(c, CHECK_YES, ",", yes, sizeof yes);
    int nunsure = check_items_text(c, CHECK_UNSURE, ",", unsure, sizeof unsure);
    size_t used = strlen(yes);
    if (nunsure)
        used += (size_t)snprintf(yes + used, sizeof yes - used, "%snot sure: %s",
                                 used ? "  " : "", unsure);
    else if (!used)
        used = (size_t)snprintf(yes, sizeof yes, "-");
    if (!c->complete && used < sizeof yes)
        snprintf(yes + used, sizeof yes - used, "  (partial: %d of %d asked)",
                 check_answer_count(c), REDFLAG_COUNT);
    snprintf(id, sizeof id, "%" PRId64, c->id);
    const char *const cells[] = {id, when, verdict_word(c), yes};
    cli_cols_row(ctx->out, t, cells);
}

int cli_cmd_checks(struct cli_ctx *ctx, int argc, char **argv)
{
    int64_t since, until;
    enum listing_format fmt;
    int rc = cli_parse_listing(ctx, argc, argv, usage_checks, CLI_TABLE_FORMATS, &since, &until,
                               &fmt);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (fmt != LISTING_TEXT)
        return cli_write_listing(ctx, "checks", LISTING_CHECKS, fmt, since, until,
                                 STORE_NEWEST_FIRST, ctx->out);
    char err[STORE_ERR_LEN];
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    struct store_iter *it = NULL;
    struct check c;
    long rows = 0;
    struct cli_cols t;
    cli_cols_fit(&t, ctx, check_cols, (int)COUNT(check_cols), check_steps, COUNT(check_steps));
    rc = store_checks_iter(st, since, until, STORE_NEWEST_FIRST, &it, err, sizeof(err));
    while (rc == STORE_OK && (rc = store_iter_next(it, &c, err, sizeof(err))) == STORE_OK) {
        if (rows++ == 0)
            cli_cols_head(ctx->out, &t);
        print_check_line(ctx, &t, &c);
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

/* SPDX-License-Identifier: BSD-2-Clause */
/* The timer side of the sub-commands: `unknot timer` checks its options
 * before anything starts, then hands over to the full-screen timer through
 * cli_timer_ui (src/ may not call ui/); `unknot sessions` lists sessions. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/config.h"
#include "src/app/cli_table.h"
#include "src/app/routines_load.h"
#include "src/routines.h"
#include "src/text.h"
#include "src/timer.h"
#include "src/suggest.h"
#include "src/util.h"
#include "src/when.h"

enum { OPT_HELP = 1000, OPT_ROUTINE, OPT_HOLD, OPT_MINUTES, OPT_SINCE, OPT_UNTIL, OPT_QUIET,
       OPT_EXEC };

int (*cli_timer_ui)(const char *db_path, enum session_kind kind, const char *routine,
                    int hold_s, int minutes);

static const char usage_timer[] =
    "usage: unknot timer stretch [--routine CODE] [--hold 5|30] [--quiet] [--exec CMD]\n"
    "       unknot timer ice [--minutes N] [--quiet] [--exec CMD]\n"
    "       unknot timer heat [--minutes N] [--quiet] [--exec CMD]\n"
    "Open the guided timer on a terminal: a stretch routine, built-in or your own\n"
    "(unknot routines lists them), or an ice or heat session. It asks the pain now\n"
    "first (Enter skips) and again at the end; the session is recorded (see unknot\n"
    "sessions).\n"
    "  --routine CODE   a routine's code; first-aid (the default) is the first aid\n"
    "                   for the region of the ongoing or latest episode\n"
    "  --hold S         5 or 30: every \"5 or 30\" hold of the routine (default: as\n"
    "                   its file says)\n"
    "  --minutes N      ice or heat, 10 to 20 (default 20; longer risks a burn or\n"
    "                   frostbite)\n"
    "  --quiet          no bell, and not the cue_command of the settings\n"
    "  --exec CMD       run CMD at each cue (count-in, hold, rest, side, end), in\n"
    "                   the background: words split on blanks, no shell, with\n"
    "                   %cue %step %side %% (default: the cue_command setting)\n"
    "Cues: a bell and a banner at the count-in, every hold, rest and side switch\n"
    "and at the end; the end of ice or heat rings every 30 s until a key.\n"
    "The set-up shows any warning in force first; after an emergency verdict or\n"
    "warning sign the session starts only when you say y to \"start anyway\".\n"
    "Keys: Space pause/resume, n skip the step, q stop (asks first), ? help.\n";

static const char usage_sessions[] =
    "usage: unknot sessions [--since WHEN] [--until WHEN] [--format text|json|csv]\n"
    "List stretch, ice and heat sessions newest first: id, start, kind, routine and\n"
    "hold, planned and done time, status (running, done, stopped, interrupted) and\n"
    "the pain before and after.\n"
    "  --format F   text (default); json, the document \"unknot-sessions\"; csv, one\n"
    "               row per session (man unknot: JSON output)\n";

/* What the options of `unknot timer` said, as typed. */
struct timer_args {
    const char *routine, *hold, *minutes, *exec;
    int quiet;
};

/* Says msg as every CLI message reads: the core's timer and routine
 * messages are sentences for the screens ("Ice time must be ..."), here
 * lower-cased with no final stop. */
static void timer_say(struct cli_ctx *ctx, const char *msg)
{
    size_t len = strlen(msg);
    if (len > 0 && msg[len - 1] == '.')
        len--;
    fprintf(ctx->err, "unknot timer: %c%.*s\n", tolower((unsigned char)msg[0]),
            len > 0 ? (int)len - 1 : 0, len > 0 ? msg + 1 : "");
}

static int timer_usage_error(struct cli_ctx *ctx, const char *msg)
{
    timer_say(ctx, msg);
    return CLI_USAGE;
}

/* Reads --hold: 5 or 30, digits only. */
static int parse_hold(struct cli_ctx *ctx, const char *text, int *hold)
{
    char msg[UNKNOT_ERR_LEN], *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end != '\0' || text[0] == '+' || text[0] == '-' ||
        v > ROUTINE_HOLD_LONG_S) {
        snprintf(msg, sizeof(msg), "--hold takes %d or %d (seconds), not \"%.24s\"",
                 ROUTINE_HOLD_SHORT_S, ROUTINE_HOLD_LONG_S, text);
        return timer_usage_error(ctx, msg);
    }
    if (routine_hold_check((int)v, msg, sizeof(msg)) != 0)
        return timer_usage_error(ctx, msg);
    *hold = (int)v;
    return CLI_OK;
}

static int check_stretch(struct cli_ctx *ctx, const struct timer_args *a, const char **routine,
                         int *hold)
{
    char msg[UNKNOT_ERR_LEN];
    struct routine_lib lib;
    const struct routine *r;
    int rc = CLI_OK;
    if (a->minutes)
        return timer_usage_error(ctx, "--minutes is for ice and heat; a stretch takes "
                                      "--routine and --hold");
    if (a->hold && (rc = parse_hold(ctx, a->hold, hold)) != CLI_OK)
        return rc;
    if (!a->routine)
        return CLI_OK;
    /* The timer reads the routines again; here they are checked before
     * the screen opens. A refused own file is said by `unknot routines`. */
    if (routines_load(&lib, NULL, NULL, NULL, msg, sizeof(msg)) != 0) {
        timer_say(ctx, msg);
        return CLI_RUNTIME;
    }
    r = routines_find(&lib, a->routine, -1, msg, sizeof(msg));
    if (!r)
        rc = timer_usage_error(ctx, msg);
    else if (*hold && !r->switchable)
        rc = timer_usage_error(ctx, "--hold: this routine's holds are set by its file");
    *routine = a->routine;
    routines_free(&lib);
    return rc;
}

static int check_therapy(struct cli_ctx *ctx, enum therapy_kind kind, const struct timer_args *a,
                         int *minutes)
{
    char msg[UNKNOT_ERR_LEN];
    if (a->routine || a->hold)
        return timer_usage_error(ctx, "--routine and --hold are for stretch; ice and heat "
                                      "take --minutes");
    if (a->minutes && therapy_minutes_parse(kind, a->minutes, minutes, msg, sizeof(msg)) != 0)
        return timer_usage_error(ctx, msg);
    return CLI_OK;
}

/* --quiet and --exec over the settings file, for this run only. */
static int apply_cues(struct cli_ctx *ctx, const struct timer_args *a)
{
    char msg[UNKNOT_ERR_LEN + 16], why[UNKNOT_ERR_LEN];
    if (a->exec && timer_cue_command_check(a->exec, why, sizeof why) != 0) {
        snprintf(msg, sizeof msg, "--exec: %s", why);
        return timer_usage_error(ctx, msg);
    }
    if (a->quiet && (config_override("bell", "off", why, sizeof why) != 0 ||
                     config_override("cue_command", "", why, sizeof why) != 0))
        return timer_usage_error(ctx, why);
    if (a->exec && config_override("cue_command", a->exec, why, sizeof why) != 0) {
        snprintf(msg, sizeof msg, "--exec: %s", why);
        return timer_usage_error(ctx, msg);
    }
    return CLI_OK;
}

const struct option cli_timer_options[] = {
    {"routine", required_argument, NULL, OPT_ROUTINE},
    {"hold", required_argument, NULL, OPT_HOLD},
    {"minutes", required_argument, NULL, OPT_MINUTES},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"exec", required_argument, NULL, OPT_EXEC},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* Reads the options into *a. CLI_OK, CLI_USAGE, or -1 after --help. */
static int parse_timer_opts(struct cli_ctx *ctx, int argc, char **argv, struct timer_args *a)
{
    int c;
    memset(a, 0, sizeof(*a));
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":h", cli_timer_options, NULL)) != -1) {
        switch (c) {
        case OPT_HELP:
        case 'h': fputs(usage_timer, ctx->out); return -1;
        case OPT_ROUTINE: a->routine = optarg; break;
        case OPT_HOLD: a->hold = optarg; break;
        case OPT_MINUTES: a->minutes = optarg; break;
        case OPT_QUIET: a->quiet = 1; break;
        case OPT_EXEC: a->exec = optarg; break;
        default: return cli_bad_option(ctx, argv[0], c, argc, argv);
        }
    }
    return CLI_OK;
}

int cli_cmd_timer(struct cli_ctx *ctx, int argc, char **argv)
{
    struct timer_args a;
    int rc = parse_timer_opts(ctx, argc, argv, &a);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (optind >= argc)
        return timer_usage_error(ctx, "give stretch, ice or heat; see unknot timer --help");
    const char *word = argv[optind];
    if (optind + 1 < argc)
        return cli_extra_args(ctx, argv[0], argv[optind + 1]);
    const char *routine = NULL;
    int hold = 0, minutes = 0;
    enum session_kind kind;
    if (session_kind_parse(word, &kind) != 0) {
        char msg[UNKNOT_ERR_LEN];
        struct suggest sg;
        suggest_init(&sg, word);
        for (int k = 0; k < SESSION_KIND_COUNT; k++)
            suggest_add(&sg, session_kind_code((enum session_kind)k));
        snprintf(msg, sizeof msg, "unknown timer \"%.24s\": use stretch, ice or heat", word);
        suggest_append(&sg, msg, sizeof msg);
        cli_error(ctx, "%s", msg);
        return CLI_USAGE;
    }
    if (kind == SESSION_STRETCH)
        rc = check_stretch(ctx, &a, &routine, &hold);
    else
        rc = check_therapy(ctx, kind == SESSION_ICE ? THERAPY_ICE : THERAPY_HEAT, &a, &minutes);
    if (rc == CLI_OK)
        rc = apply_cues(ctx, &a);
    if (rc != CLI_OK)
        return rc;
    if (!cli_timer_ui) {
        fprintf(ctx->err, "unknot timer: this build has no full-screen timer\n");
        return CLI_RUNTIME;
    }
    return cli_timer_ui(ctx->db_path, kind, routine, hold, minutes);
}

/* ---- unknot sessions ------------------------------------------------------ */

/* "6 -> 4", "6 -> -", "-" when neither was given. */
static void format_pain(const struct session *s, char *buf, size_t len)
{
    char before[4] = "-", after[4] = "-";
    if (s->pain_before == SESSION_PAIN_NONE && s->pain_after == SESSION_PAIN_NONE) {
        snprintf(buf, len, "-");
        return;
    }
    if (s->pain_before != SESSION_PAIN_NONE)
        snprintf(before, sizeof(before), "%d", s->pain_before);
    if (s->pain_after != SESSION_PAIN_NONE)
        snprintf(after, sizeof(after), "%d", s->pain_after);
    snprintf(buf, len, "%s -> %s", before, after);
}

/* The columns of `unknot sessions`, and how they give way on a narrow
 * terminal: the routine shortens a little and the times lose their spare
 * blanks (80 columns: the routine still reads), then the pain goes, then
 * the routine, the status shortens and the planned time goes. PLAN is
 * short so that its column can narrow to "20:00" whole. */
enum { SES_ID, SES_STARTED, SES_KIND, SES_ROUTINE, SES_PLANNED, SES_DONE, SES_STATUS, SES_PAIN,
       SES_COLS };
static const struct cli_col session_cols[SES_COLS] = {
    {"ID", 5, 1, 0},      {"STARTED", 16, 0, 0}, {"KIND", 7, 0, 0},   {"ROUTINE", 13, 0, 0},
    {"PLAN", 7, 1, 0}, {"DONE", 7, 1, 0},     {"STATUS", 11, 0, 0}, {"PAIN", 0, 0, 6}};
static const struct cli_fit_step session_steps[] = {
    {SES_ROUTINE, 10}, {SES_DONE, 5},     {SES_PLANNED, 5}, {SES_PAIN, 0},
    {SES_ROUTINE, 0},  {SES_STATUS, 8},   {SES_PLANNED, 0}};

static void print_session(struct cli_ctx *ctx, const struct cli_cols *t, const struct session *s)
{
    char id[24], at[WHEN_FMT_LEN], routine[3 * SESSION_ROUTINE_LEN + 8], planned[24], done[24];
    char pain[16];
    char name[3 * SESSION_ROUTINE_LEN]; /* a hand-edited database may hold anything */
    text_clean(s->routine, 0, name, sizeof(name));
    when_format(s->started_at, at, sizeof(at));
    if (name[0] && s->hold_s)
        snprintf(routine, sizeof(routine), "%s %ds", name, s->hold_s);
    else
        snprintf(routine, sizeof(routine), "%s", name[0] ? name : "-");
    timer_format_clock(s->planned_s, planned, sizeof(planned));
    timer_format_clock(s->elapsed_s, done, sizeof(done));
    format_pain(s, pain, sizeof(pain));
    snprintf(id, sizeof id, "%" PRId64, s->id);
    const char *const cells[SES_COLS] = {id,      at,   session_kind_code(s->kind),
                                         routine, planned, done,
                                         session_status_code(s->status), pain};
    cli_cols_row(ctx->out, t, cells);
}

static int list_sessions(struct cli_ctx *ctx, int64_t since, int64_t until)
{
    char err[STORE_ERR_LEN];
    struct store *st = cli_open_store(ctx);
    if (!st)
        return CLI_RUNTIME;
    struct store_iter *it = NULL;
    struct session s;
    long rows = 0;
    struct cli_cols t;
    cli_cols_fit(&t, ctx, session_cols, SES_COLS, session_steps, COUNT(session_steps));
    int rc = store_sessions_iter(st, since, until, STORE_NEWEST_FIRST, &it, err, sizeof(err));
    while (rc == STORE_OK && (rc = store_iter_next(it, &s, err, sizeof(err))) == STORE_OK) {
        if (rows++ == 0)
            cli_cols_head(ctx->out, &t);
        print_session(ctx, &t, &s);
    }
    store_iter_free(&it);
    store_close(&st);
    if (rc < 0) {
        fprintf(ctx->err, "unknot sessions: %s\n", err);
        return CLI_RUNTIME;
    }
    if (rows == 0)
        fprintf(ctx->out, "No sessions.\n");
    return CLI_OK;
}

int cli_cmd_sessions(struct cli_ctx *ctx, int argc, char **argv)
{
    int64_t since, until;
    enum listing_format fmt;
    int rc = cli_parse_listing(ctx, argc, argv, usage_sessions, CLI_TABLE_FORMATS, &since,
                               &until, &fmt);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    if (fmt != LISTING_TEXT)
        return cli_write_listing(ctx, "sessions", LISTING_SESSIONS, fmt, since, until,
                                 STORE_NEWEST_FIRST, ctx->out);
    return list_sessions(ctx, since, until);
}

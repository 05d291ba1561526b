/* SPDX-License-Identifier: BSD-2-Clause */
/* `unknot remind`: reads the facts the rules need from the history (read
 * only), asks src/remind.c which reminders are due, runs the reminder
 * command for each (fork + execvp, never a shell) and saves what was
 * reminded in the state file. `--install` writes a systemd user timer.
 * Nothing here needs the network. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/store.h"
#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/app/config.h"
#include "src/app/history.h"
#include "src/app/outfile.h"
#include "src/remind.h"
#include "src/util.h"

enum { OPT_HELP = 1000, OPT_DRY_RUN, OPT_INSTALL };

#define REMIND_DEFAULT_COMMAND "notify-send %title %body"
#define REMIND_LOGGED_WINDOW_S (31 * 86400) /* episodes edited today start within this */
#define PATH_LEN 4096

static const char usage_remind[] =
    "usage: unknot remind [--dry-run | --install]\n"
    "Check the reminder rules of the settings (unknot config --help lists them)\n"
    "and run remind_command once for each reminder due; each fires once until its\n"
    "state changes. Meant to run every 15 minutes from a timer or cron.\n"
    "  --dry-run   print what would fire; run nothing, record nothing\n"
    "  --install   write a systemd user timer and service that run it every 15\n"
    "              minutes, and print the crontab line for those without systemd\n"
    "remind_command: words split on blanks, no shell; %title %body %kind in a word\n"
    "are replaced (%% is a %). Empty: notify-send %title %body when notify-send\n"
    "is on PATH, else a line \"title: body\" on the standard output.\n";

/* ---- the facts ---- */

/* The newest time something was logged: an episode created or updated, a
 * check taken, a session started. */
static int read_logged(struct store *st, int64_t now, struct remind_facts *f, char *err,
                       size_t errlen)
{
    struct episode *ep = malloc(sizeof(*ep));
    struct store_iter *it = NULL;
    struct check c;
    struct session s;
    int rc = ep ? store_episodes_active_iter(st, now - REMIND_LOGGED_WINDOW_S, now, 0, &it, err,
                                             errlen)
                : (snprintf(err, errlen, "out of memory"), STORE_ERROR);
    while (rc == STORE_OK && (rc = store_iter_next(it, ep, err, errlen)) == STORE_OK) {
        int64_t t = ep->updated_at > ep->created_at ? ep->updated_at : ep->created_at;
        if (t > f->last_logged_at)
            f->last_logged_at = t;
    }
    store_iter_free(&it);
    free(ep);
    if (rc == STORE_END)
        rc = store_check_latest(st, &c, err, errlen);
    if (rc == STORE_OK && c.taken_at > f->last_logged_at)
        f->last_logged_at = c.taken_at;
    if (rc == STORE_OK || rc == STORE_NOT_FOUND)
        rc = store_sessions_iter(st, INT64_MIN, INT64_MAX, STORE_NEWEST_FIRST, &it, err, errlen);
    if (rc == STORE_OK && (rc = store_iter_next(it, &s, err, errlen)) == STORE_OK &&
        s.started_at > f->last_logged_at)
        f->last_logged_at = s.started_at;
    store_iter_free(&it);
    return rc == STORE_END ? STORE_OK : rc;
}

static int read_ongoing_ice(struct store *st, struct remind_facts *f, char *err, size_t errlen)
{
    struct episode *ep = malloc(sizeof(*ep));
    int rc = ep ? store_episode_ongoing(st, ep, err, errlen)
                : (snprintf(err, errlen, "out of memory"), STORE_ERROR);
    if (rc == STORE_OK) {
        f->ongoing_id = ep->id;
        f->ongoing_started_at = ep->started_at;
        f->ongoing_updated_at = ep->updated_at;
    }
    free(ep);
    if (rc == STORE_OK || rc == STORE_NOT_FOUND)
        rc = store_session_last_ice_end(st, &f->last_ice_end, err, errlen);
    return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

/* The medication due for a rating, for the medication rule. */
static int read_followup(struct store *st, struct remind_facts *f, char *err, size_t errlen)
{
    struct treatment t;
    size_t due = 0;
    int rc = history_followup(st, f->now, &t, &due, err, errlen);
    if (rc == STORE_OK && due) {
        f->followup_id = t.id;
        f->followup_taken_at = t.taken_at;
        snprintf(f->followup_name, sizeof f->followup_name, "%s", t.name);
    }
    return rc;
}

/* The latest weekly check-in, for the weekly rule. */
static int read_weekly(struct store *st, struct remind_facts *f, char *err, size_t errlen)
{
    struct weekly w;
    int rc = store_weekly_latest(st, &w, err, errlen);
    if (rc == STORE_OK) {
        f->have_weekly = 1;
        f->last_weekly_at = w.taken_at;
    }
    return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

static int read_warning_flags(struct store *st, struct remind_facts *f, char *err,
                              size_t errlen)
{
    struct warnsign_state w;
    int rc = history_warning(st, f->now, &w, err, errlen);
    if (rc == STORE_OK && history_warning_in_force(&w)) {
        f->warning = w.level;
        f->warning_check_id = w.check_id;
        f->warning_episode_id = w.episode_id;
    }
    struct flags *fl = rc == STORE_OK ? malloc(sizeof(*fl)) : NULL;
    if (rc == STORE_OK)
        rc = fl ? history_flags(st, f->now, fl, err, errlen)
                : (snprintf(err, errlen, "out of memory"), STORE_ERROR);
    for (size_t i = 0; rc == STORE_OK && i < flags_count(fl) && i < FLAG_MAX; i++) {
        const struct flag *g = flags_at(fl, i);
        f->flags[i].kind = g->kind;
        snprintf(f->flags[i].title, sizeof f->flags[i].title, "%s", g->title);
        f->nflags = i + 1;
    }
    free(fl);
    return rc;
}

/* The facts at ctx->now; no database yet is a history with nothing in it. */
static int read_facts(struct cli_ctx *ctx, struct remind_facts *f)
{
    char err[STORE_ERR_LEN];
    struct store *st = NULL;
    memset(f, 0, sizeof *f);
    f->now = ctx->now;
    f->warning = REDFLAG_CLEAR;
    int rc = store_open_readonly(&st, ctx->db_path, err, sizeof err);
    if (rc == STORE_NOT_FOUND)
        return CLI_OK;
    if (rc == STORE_OK)
        rc = read_logged(st, ctx->now, f, err, sizeof err);
    if (rc == STORE_OK)
        rc = read_ongoing_ice(st, f, err, sizeof err);
    if (rc == STORE_OK)
        rc = read_weekly(st, f, err, sizeof err);
    if (rc == STORE_OK)
        rc = read_followup(st, f, err, sizeof err);
    if (rc == STORE_OK)
        rc = read_warning_flags(st, f, err, sizeof err);
    store_close(&st);
    if (rc != STORE_OK) {
        fprintf(ctx->err, "unknot remind: %s\n", err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

/* ---- the state file ---- */

static void load_state(const char *path, struct remind_state *state)
{
    FILE *f = path[0] ? fopen(path, "r") : NULL;
    remind_state_read(f, state);
    if (f)
        fclose(f);
}

static int save_state(struct cli_ctx *ctx, const char *path, const struct remind_state *state)
{
    char err[UNKNOT_ERR_LEN];
    struct outfile of;
    if (!path[0] || config_make_dirs(path, err, sizeof err) != 0 ||
        outfile_open(&of, path, 1, ctx->db_path, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot remind: %s\n", path[0] ? err : "no state file: set HOME");
        return CLI_RUNTIME;
    }
    if (remind_state_write(of.f, state) != 0) {
        outfile_abort(&of);
        fprintf(ctx->err, "unknot remind: cannot write %s\n", path);
        return CLI_RUNTIME;
    }
    if (outfile_commit(&of, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot remind: %s\n", err);
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

/* ---- firing ---- */

/* Whether an executable named name is in a directory of $PATH. */
static int on_path(const char *name)
{
    const char *p = getenv("PATH");
    char file[PATH_LEN];
    while (p && *p) {
        size_t n = strcspn(p, ":");
        snprintf(file, sizeof file, "%.*s/%s", (int)(n ? n : 1), n ? p : ".", name);
        if (access(file, X_OK) == 0)
            return 1;
        p += n + (p[n] == ':');
    }
    return 0;
}

/* Runs argv and waits; 0 when it exited 0, else -1 after a message. */
static int run_argv(struct cli_ctx *ctx, char *const argv[])
{
    fflush(ctx->out);
    fflush(ctx->err);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(ctx->err, "unknot remind: cannot start %s: %s\n", argv[0], strerror(errno));
        return -1;
    }
    if (pid == 0) {
        execvp(argv[0], argv);
        fprintf(stderr, "unknot remind: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    fprintf(ctx->err, "unknot remind: %s %s %d\n", argv[0],
            WIFEXITED(status) ? "exited with" : "was killed by signal",
            WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    return -1;
}

/* Delivers one reminder; 0, or -1 when it did not reach the user. */
static int fire(struct cli_ctx *ctx, const char *command, const struct reminder *r)
{
    char err[UNKNOT_ERR_LEN];
    static struct remind_argv av; /* 4 KiB of words */
    if (!command[0] && !on_path("notify-send")) {
        cli_say(ctx, "%s: %s", r->title, r->body);
        return 0;
    }
    if (remind_argv_build(command[0] ? command : REMIND_DEFAULT_COMMAND, r, &av, err,
                          sizeof err) < 0) {
        fprintf(ctx->err, "unknot remind: remind_command: %s\n", err);
        return -1;
    }
    return run_argv(ctx, av.argv);
}

static void dry_run(struct cli_ctx *ctx, const struct remind_list *due)
{
    if (!due->n)
        fprintf(ctx->out, "Nothing to remind.\n");
    for (size_t i = 0; i < due->n; i++)
        cli_say(ctx, "%s: %s: %s", remind_kind_code(due->r[i].kind), due->r[i].title,
                due->r[i].body);
}

static int remind_run(struct cli_ctx *ctx, int dry)
{
    const struct settings *s = config_settings();
    char path[PATH_LEN] = "";
    struct remind_facts f;
    struct remind_state before, after;
    struct remind_list due;
    int rc = read_facts(ctx, &f);
    if (rc != CLI_OK)
        return rc;
    if (config_state_path("remind.state", path, sizeof path) != 0)
        path[0] = '\0';
    load_state(path, &before);
    after = before;
    remind_check(s, &f, &after, &due);
    if (dry) {
        dry_run(ctx, &due);
        return CLI_OK;
    }
    for (size_t i = 0; i < due.n; i++)
        if (fire(ctx, s->remind_command, &due.r[i]) != 0) {
            /* not delivered: due again at the next run */
            memcpy(after.fp[due.r[i].kind], before.fp[due.r[i].kind], REMIND_FP_MAX);
            rc = CLI_RUNTIME;
        }
    if (memcmp(&before, &after, sizeof before) != 0 && save_state(ctx, path, &after) != CLI_OK)
        rc = CLI_RUNTIME;
    return rc;
}

/* ---- --install ---- */

/* The absolute path of the running program, else "unknot" from PATH. */
static void self_path(char *out, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", out, len - 1);
    if (n <= 0)
        snprintf(out, len, "unknot");
    else
        out[n] = '\0';
}

/* s in double quotes for a systemd ExecStart line: \ and " escaped, % as
 * %% (a specifier otherwise). */
static void put_systemd_word(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '\\' || *s == '"')
            fputc('\\', f);
        fputs(*s == '%' ? "%%" : (char[]){*s, 0}, f);
    }
    fputc('"', f);
}

/* s in single quotes for a crontab line (a % ends cron's command). */
static void put_cron_word(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++)
        fputs(*s == '\'' ? "'\\''" : *s == '%' ? "\\%" : (char[]){*s, 0}, f);
    fputc('\'', f);
}

static int write_unit(struct cli_ctx *ctx, const char *dir, const char *name, const char *exe,
                      int is_timer)
{
    char path[PATH_LEN], err[UNKNOT_ERR_LEN];
    struct outfile of;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (config_make_dirs(path, err, sizeof err) != 0 ||
        outfile_open(&of, path, 1, ctx->db_path, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot remind: %s\n", err);
        return CLI_RUNTIME;
    }
    if (is_timer) {
        fputs("[Unit]\nDescription=unknot reminders, every 15 minutes\n\n"
              "[Timer]\nOnCalendar=*:0/15\nPersistent=true\n\n"
              "[Install]\nWantedBy=timers.target\n",
              of.f);
    } else {
        fputs("[Unit]\nDescription=unknot reminders (unknot remind)\n\n"
              "[Service]\nType=oneshot\nExecStart=",
              of.f);
        put_systemd_word(of.f, exe);
        fputs(" --db ", of.f);
        put_systemd_word(of.f, ctx->db_path);
        fputs(" remind\n", of.f);
    }
    if (outfile_commit(&of, err, sizeof err) != 0) {
        fprintf(ctx->err, "unknot remind: %s\n", err);
        return CLI_RUNTIME;
    }
    fprintf(ctx->out, "Wrote %s\n", path);
    return CLI_OK;
}

const struct option cli_remind_options[] = {{"dry-run", no_argument, NULL, OPT_DRY_RUN},
                                         {"install", no_argument, NULL, OPT_INSTALL},
                                         {"help", no_argument, NULL, OPT_HELP},
                                         {NULL, 0, NULL, 0}};

static int install(struct cli_ctx *ctx)
{
    char dir[PATH_LEN], exe[PATH_LEN];
    if (config_xdg_path("XDG_CONFIG_HOME", ".config", "systemd/user", dir, sizeof dir) != 0) {
        fprintf(ctx->err, "unknot remind: no place for the timer: set HOME or "
                          "XDG_CONFIG_HOME\n");
        return CLI_RUNTIME;
    }
    self_path(exe, sizeof exe);
    int rc = write_unit(ctx, dir, "unknot-remind.service", exe, 0);
    if (rc == CLI_OK)
        rc = write_unit(ctx, dir, "unknot-remind.timer", exe, 1);
    if (rc != CLI_OK)
        return rc;
    fprintf(ctx->out, "Start it (unknot does not run systemctl itself):\n"
                      "  systemctl --user daemon-reload\n"
                      "  systemctl --user enable --now unknot-remind.timer\n"
                      "Without systemd, add this line with crontab -e:\n"
                      "  */15 * * * * DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/%ld/bus ",
            (long)getuid());
    put_cron_word(ctx->out, exe);
    fputs(" --db ", ctx->out);
    put_cron_word(ctx->out, ctx->db_path);
    fputs(" remind\n", ctx->out);
    return CLI_OK;
}

int cli_cmd_remind(struct cli_ctx *ctx, int argc, char **argv)
{
    int dry = 0, inst = 0, c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, ":nh", cli_remind_options, NULL)) != -1) {
        if (c == OPT_HELP || c == 'h') {
            fputs(usage_remind, ctx->out);
            return CLI_OK;
        }
        if (c == OPT_DRY_RUN || c == 'n')
            dry = 1;
        else if (c == OPT_INSTALL)
            inst = 1;
        else
            return cli_bad_option(ctx, argv[0], c, argc, argv);
    }
    if (optind < argc)
        return cli_extra_args(ctx, argv[0], argv[optind]);
    if (dry && inst) {
        fprintf(ctx->err, "unknot remind: give --dry-run or --install, not both\n");
        return CLI_USAGE;
    }
    return inst ? install(ctx) : remind_run(ctx, dry);
}

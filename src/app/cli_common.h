/* SPDX-License-Identifier: BSD-2-Clause */
/* Internal to the cli_*.c files: shared helpers for the sub-commands.
 * Every helper that fails prints its one-line message on ctx->err and
 * returns an enum cli_exit. */
#ifndef UNKNOT_CLI_COMMON_H
#define UNKNOT_CLI_COMMON_H

#include <stdint.h>

#include "src/app/cli.h"
#include "src/episode.h"
#include "src/listing.h"
#include "src/session.h"

struct store;

/* Prints "unknot CMD: " (CMD: ctx->cmd; "unknot: " without one), the
 * message of fmt and a newline on ctx->err. */
void cli_error(const struct cli_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Makes the next getopt_long call start afresh on a new argv. */
void cli_getopt_reset(void);

/* Reports an unknown option or a missing argument (getopt returned '?'
 * or ':'); returns CLI_USAGE. */
int cli_bad_option(struct cli_ctx *ctx, const char *cmd, int c, int argc, char **argv);

/* Reports an unexpected argument; returns CLI_USAGE. */
int cli_extra_args(struct cli_ctx *ctx, const char *cmd, const char *arg);

int cli_no_memory(struct cli_ctx *ctx);

/* Parses a positive id as cli_one_id does: 0, or -1. */
int cli_parse_id(const char *text, int64_t *id);

/* Reads exactly one positive episode ID from argv[optind..]. */
int cli_one_id(struct cli_ctx *ctx, int argc, char **argv, int64_t *id);

/* For commands that take no options: handles --help (returns -1 after
 * printing usage) and bad options; CLI_OK leaves optind at the operands. */
int cli_parse_help_only(struct cli_ctx *ctx, int argc, char **argv, const char *usage);

/* For commands that list a period (list, sessions): --since WHEN, --until
 * WHEN (a bare date is the whole of that day) and --help, no operands.
 * *since and *until are INT64_MIN / INT64_MAX when not given. Returns
 * CLI_OK, -1 after printing usage, or CLI_USAGE after a message. */
int cli_parse_period(struct cli_ctx *ctx, int argc, char **argv, const char *usage,
                     int64_t *since, int64_t *until);

/* The --format words of the listing commands (list, sessions, checks)
 * and of show and flags. */
#define CLI_TABLE_FORMATS                                                                   \
    (LISTING_BIT(LISTING_TEXT) | LISTING_BIT(LISTING_JSON) | LISTING_BIT(LISTING_CSV))
#define CLI_DOC_FORMATS (LISTING_BIT(LISTING_TEXT) | LISTING_BIT(LISTING_JSON))

/* For the listing commands (list, sessions, checks): the period options
 * of cli_parse_period and --format FMT among the formats of the mask
 * (LISTING_BIT); *fmt is LISTING_TEXT when not given. */
int cli_parse_listing(struct cli_ctx *ctx, int argc, char **argv, const char *usage,
                      unsigned formats, int64_t *since, int64_t *until,
                      enum listing_format *fmt);

/* Reads a --format word among the formats of the mask; CLI_OK, or
 * CLI_USAGE after a message naming the accepted words. */
int cli_format_opt(struct cli_ctx *ctx, const char *cmd, const char *word, unsigned formats,
                   enum listing_format *fmt);

/* For commands whose only argument is an ID: handles --help (returns -1
 * after printing usage) and bad options. */
int cli_parse_id_only(struct cli_ctx *ctx, int argc, char **argv, const char *usage,
                      int64_t *id);

/* Says why the database file at ctx->db_path cannot be used, before SQLite
 * sees it: a directory, a FIFO or device (SQLite would block on it or
 * write beside it), no permission; a missing file when ctx->read_only
 * ("no database at PATH": opening would create it). Returns 0, or -1
 * after printing the reason to ctx->err. */
int cli_db_file_check(struct cli_ctx *ctx);

/* How long a command's write waits for another unknot that writes (an
 * import of years of history takes seconds): a minute, saying after
 * STORE_WAIT_NOTICE_MS that it waits. */
#define CLI_WAIT_MS 60000
/* A command that writes first checks a file of up to this many pages (1
 * MiB of 4 KiB pages, some 7,000 episodes), so that it does not write into
 * a damaged one. The check costs ~50 us a page: `log` on 5,000 episodes
 * (190 pages) went from 4 to 14 ms. A bigger file is left to the commands
 * that read everything, which always check, and to SQLite's own
 * detection of a damaged page a write touches. */
#define CLI_WRITE_CHECK_PAGES 256

/* Opens the store at ctx->db_path after cli_db_file_check; prints why and
 * returns NULL on failure. For a command that writes (not
 * ctx->read_only), a damaged file is refused ("the database PATH is
 * damaged: restore it from a backup") when it has at most
 * CLI_WRITE_CHECK_PAGES pages. */
struct store *cli_open_store(struct cli_ctx *ctx);

/* cli_open_store for the commands that read or replace everything
 * (export, report, backup, import): the whole file is checked first, at
 * any size, and a damaged one is refused. */
struct store *cli_open_store_whole(struct cli_ctx *ctx);

/* Reads episode id from an open store. */
int cli_get_episode(struct cli_ctx *ctx, struct store *st, int64_t id, struct episode *ep);

/* Saves a validated episode (added when is_new, else updated) and says so. */
int cli_store_episode(struct cli_ctx *ctx, struct episode *ep, int is_new);

/* After a save, on ctx->err: a note naming each other episode that is
 * still ongoing (with how to end it) or overlaps ep in its region, a few
 * and then how many more. Notes are not errors: the caller's exit code
 * stays 0. Returns CLI_OK, or CLI_RUNTIME after saying the store could
 * not be read (ep is saved anyway). */
int cli_episode_notes(struct cli_ctx *ctx, const struct episode *ep);

/* Prints one aligned line per episode started in [since, until]. */
int cli_list_episodes(struct cli_ctx *ctx, int64_t since, int64_t until);

/* Prints every field of ep. */
void cli_print_episode(struct cli_ctx *ctx, const struct episode *ep);

/* cli_output.c: writes table t's rows started (taken) in [since, until]
 * in the given order as a listing (src/listing.h) of format fmt (JSON or
 * CSV) to f. Returns an exit code, after a message naming cmd. */
int cli_write_listing(struct cli_ctx *ctx, const char *cmd, enum listing_table t,
                      enum listing_format fmt, int64_t since, int64_t until, int order,
                      FILE *f);

/* `export --table WORD`: checks the word, and that the format is CSV
 * (csv), before any output is opened; then writes the whole table, oldest
 * first, to f. Return exit codes. */
int cli_export_table_check(struct cli_ctx *ctx, const char *word, int csv);
int cli_export_table_write(struct cli_ctx *ctx, const char *word, FILE *f);

/* `show --format json`: ep as the document "unknot-episode", with its
 * pain readings from st. CLI_OK, or CLI_RUNTIME after a message. */
int cli_show_episode_json(struct cli_ctx *ctx, struct store *st, const struct episode *ep);

/* Deletes episode id, asking first on a terminal unless yes. */
int cli_delete_episode(struct cli_ctx *ctx, int64_t id, int yes);

/* One answer read from ctx->in: a whole line that is exactly y, yes, n,
 * no, u, unsure (the checklist's "not sure") or ? (case and surrounding
 * blanks ignored); a blank line is EMPTY (a question's default); anything
 * else is OTHER. */
enum cli_answer { CLI_ANSWER_YES, CLI_ANSWER_NO, CLI_ANSWER_EXPLAIN, CLI_ANSWER_OTHER,
                  CLI_ANSWER_EOF, CLI_ANSWER_EMPTY, CLI_ANSWER_UNSURE };
enum cli_answer cli_read_answer(struct cli_ctx *ctx);

/* Asks a yes/no question on ctx->in; returns 1 for yes, 0 otherwise. */
int cli_ask_yes(struct cli_ctx *ctx, const char *question);

/* cli_cols.c: text outputs that fit ctx->width. */

/* The columns the outputs of ctx wrap to, and the ellipsis of a cut
 * cell ("\u2026", or "..." outside a UTF-8 locale). */
int cli_width(const struct cli_ctx *ctx);
const char *cli_ellipsis(const struct cli_ctx *ctx);

/* One column of a text table: its head, its width in columns (0: the rest
 * of the line, at least min), right-aligned or not. */
struct cli_col {
    const char *head;
    int width, right;
    int min; /* the flexible last column: dropped when less than this is left */
};

/* One step of fitting a table to a narrow terminal: column col shrinks to
 * min columns, or goes when min is 0. Steps are taken in order until the
 * table fits. */
struct cli_fit_step {
    int col, min;
};

#define CLI_COLS_MAX 12
struct cli_cols {
    const struct cli_col *col;
    int n;
    int w[CLI_COLS_MAX]; /* fitted widths; 0: the column is not shown */
    const char *ell;
    int width;
};

/* Fits the n (<= CLI_COLS_MAX) columns to cli_width(ctx) by the steps, in
 * order; whatever still does not fit is cut at the edge by cli_cols_row. */
void cli_cols_fit(struct cli_cols *t, const struct cli_ctx *ctx, const struct cli_col *cols,
                  int n, const struct cli_fit_step *steps, size_t nsteps);

/* Writes the heads, or one row of n cells (text from anywhere: cleaned
 * and cut with the ellipsis to its column), to f; blanks between columns
 * and none at the end of the line. */
void cli_cols_head(FILE *f, const struct cli_cols *t);
void cli_cols_row(FILE *f, const struct cli_cols *t, const char *const cells[]);

/* Writes text (its newlines kept, anything else cleaned) to f wrapped at
 * word boundaries to cli_width(ctx), every line indented by ind blanks
 * (text_wrap) except the first when hang is set: the caller has written
 * the first line's ind columns itself (a label), or wants it flush left. */
void cli_wrap(const struct cli_ctx *ctx, FILE *f, int ind, int hang, const char *text);

/* Formats a sentence for the user (no newline in fmt) and writes it to
 * ctx->out wrapped by cli_wrap, ended by a newline. */
void cli_say(const struct cli_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* cli_health.c */
int cli_cmd_flags(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_check(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_checks(struct cli_ctx *ctx, int argc, char **argv);

/* cli_checkin.c */
int cli_cmd_checkin(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_weekly(struct cli_ctx *ctx, int argc, char **argv);

/* cli_question.c */
int cli_cmd_question(struct cli_ctx *ctx, int argc, char **argv);

/* cli_report.c */
int cli_cmd_report(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_export(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_import(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_backup(struct cli_ctx *ctx, int argc, char **argv);

/* cli_config.c */
int cli_cmd_config(struct cli_ctx *ctx, int argc, char **argv);

/* cli_remind.c */
int cli_cmd_remind(struct cli_ctx *ctx, int argc, char **argv);

/* cli_status.c */
int cli_cmd_status(struct cli_ctx *ctx, int argc, char **argv);

/* cli_routines.c */
int cli_cmd_routines(struct cli_ctx *ctx, int argc, char **argv);
/* cli_pain.c: pain readings (unknot pain), and the readings of `show` */
int cli_cmd_pain(struct cli_ctx *ctx, int argc, char **argv);
/* The readings of episode_id under its `show` text, read through st (the
 * store the episode came from). CLI_OK, or CLI_RUNTIME after a message. */
int cli_print_readings(struct cli_ctx *ctx, struct store *st, int64_t episode_id);

/* cli_treat.c: medication intakes and relief without the timer */
int cli_cmd_took(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_did(struct cli_ctx *ctx, int argc, char **argv);

/* cli_timer.c */
int cli_cmd_timer(struct cli_ctx *ctx, int argc, char **argv);
int cli_cmd_sessions(struct cli_ctx *ctx, int argc, char **argv);

/* Opens the full-screen timer once `unknot timer` has checked its options:
 * the session kind; routine code or NULL (stretch only); hold_s 0 and
 * minutes 0 mean the defaults. Returns an exit code. main.c sets it (src/
 * may not call ui/); while it is NULL, `unknot timer` says it cannot. */
extern int (*cli_timer_ui)(const char *db_path, enum session_kind kind, const char *routine,
                           int hold_s, int minutes);


#endif

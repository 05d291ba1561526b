/* SPDX-License-Identifier: BSD-2-Clause */
/* remind: which reminders are due, from the rules in the settings, the
 * facts the app read from the history and what was reminded before.
 * Pure: libc and the core only, `now` comes in the facts, no I/O but the
 * streams it is given.
 *
 * Each rule fires once until its state changes. A rule's state is a short
 * text, its fingerprint, kept in the state file between runs:
 *
 * no-entry  remind_no_entry_by = HH:MM. Fires from that local time on when
 *           nothing was logged today (no episode created or updated, no
 *           check taken, no session started since local midnight);
 *           fingerprint: the local day, "2026-11-18".
 * ice-ok    remind_ice_ok = on. Fires once the last ice session ended
 *           ICE_MIN_GAP_S ago, up to REMIND_ICE_LATE_S after that (an old
 *           session is not news); fingerprint: its end, Unix seconds.
 * ongoing   remind_ongoing_hours = N. Fires when the ongoing episode was
 *           not updated for N hours; fingerprint "ID@UPDATED_AT", so it
 *           fires again only after the next update goes stale.
 * warning   remind_flags = on. A warning sign or red-flag verdict in force
 *           (history_warning_in_force); fingerprint "LEVEL:CHECK:EPISODE".
 * flags     remind_flags = on. Fires for the flag kinds present now that
 *           were not at the last run; fingerprint: the kinds present,
 *           sorted, comma-separated (a flag that goes and comes back is
 *           new again).
 * weekly    remind_weekly = on. Fires when a weekly check-in is due
 *           (weekly_due, src/checkin.h: CHECKIN_WEEKLY_DAYS local days
 *           after the last one; never before the first); fingerprint
 *           "LAST/WEEKS", the last one's time and the whole weeks since
 *           it was due, so it fires again a week later if still not done,
 *           and a check-in done makes the next one new.
 * medication remind_medication = on. Fires for a medication taken without
 *           a pain-after rating once it is due for one
 *           (treatment_followup_due: 30 min to 4 h after); fingerprint: the
 *           intake's record id, so each intake is asked about once. */
#ifndef UNKNOT_REMIND_H
#define UNKNOT_REMIND_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/flags.h"
#include "src/redflags.h"
#include "src/settings.h"
#include "src/treatment.h"

#define REMIND_ICE_LATE_S (6 * 3600) /* ice-ok stays news this long after the gap */
#define REMIND_FP_MAX 160            /* bytes of a fingerprint, with the NUL */
#define REMIND_TITLE_MAX 96
#define REMIND_BODY_MAX 512

/* X(enum value, code: %kind and the state file's key) */
/* A warning sign first (CONTENT.md, Principle 1). */
#define REMIND_KIND_INFO(X)             \
    X(REMIND_WARNING, "warning")        \
    X(REMIND_FLAGS, "flags")            \
    X(REMIND_NO_ENTRY, "no-entry")      \
    X(REMIND_ICE_OK, "ice-ok")          \
    X(REMIND_ONGOING, "ongoing")        \
    X(REMIND_WEEKLY, "weekly")          \
    X(REMIND_MEDICATION, "medication")

#define REMIND_ENUM_(id, code) id,
enum remind_kind { REMIND_KIND_INFO(REMIND_ENUM_) REMIND_KIND_COUNT };
#undef REMIND_ENUM_

/* "no-entry", ...; "?" outside the enum. Static storage. */
const char *remind_kind_code(enum remind_kind kind);

/* What the app read from the history at `now`. Times are Unix seconds; 0
 * means none. */
struct remind_facts {
    int64_t now;
    int64_t last_logged_at;  /* newest episode created/updated, check, session start */
    int64_t last_ice_end;    /* end of the last ice session that ran */
    int64_t ongoing_id;      /* the ongoing episode, 0: none */
    int64_t ongoing_started_at, ongoing_updated_at;
    int have_weekly;            /* a weekly check-in was ever taken */
    int64_t last_weekly_at;     /* when the latest one was taken */
    /* the medication due for a rating (history_followup), id 0: none */
    int64_t followup_id, followup_taken_at;
    char followup_name[TREATMENT_NAME_MAX + 1];
    enum redflag_level warning; /* in force, REDFLAG_CLEAR: none */
    int64_t warning_check_id, warning_episode_id; /* its source */
    size_t nflags;
    struct {
        enum flag_kind kind;
        char title[FLAG_TITLE_MAX];
    } flags[FLAG_MAX];
};

/* What was reminded: a fingerprint per kind, "" for none. */
struct remind_state {
    char fp[REMIND_KIND_COUNT][REMIND_FP_MAX];
};

struct reminder {
    enum remind_kind kind;
    char title[REMIND_TITLE_MAX]; /* one line, plain ASCII but for patient text */
    char body[REMIND_BODY_MAX];   /* one line */
};

struct remind_list {
    size_t n;
    struct reminder r[REMIND_KIND_COUNT];
};

/* The reminders due under the rules of s, in enum order, into *out, and
 * the state updated as if they fired (the caller saves it only when they
 * did: --dry-run keeps the old one). A rule that is off changes nothing. */
void remind_check(const struct settings *s, const struct remind_facts *f,
                  struct remind_state *state, struct remind_list *out);

/* Reads a state file: "kind = fingerprint" lines; unknown keys and bad
 * lines are skipped (a state file is ours, and losing it only repeats a
 * reminder). Starts from an empty state; f may be NULL (no file). */
void remind_state_read(FILE *f, struct remind_state *state);

/* Writes the state, one line per kind with a fingerprint. Returns 0, or -1
 * on a write error. */
int remind_state_write(FILE *f, const struct remind_state *state);

/* ---- the command a reminder runs ------------------------------------------
 * The command line is split into words on blanks (spaces and tabs); no
 * quoting, no shell. In each word %title, %body and %kind are replaced by
 * the reminder's text and %% by '%', so a word stays one argument whatever
 * the patient's text holds: notify-send %title %body gives notify-send
 * exactly two arguments. */
#define REMIND_ARGV_MAX 32
#define REMIND_ARGS_BYTES 4096

struct remind_argv {
    char *argv[REMIND_ARGV_MAX + 1]; /* NULL-terminated, into buf */
    char buf[REMIND_ARGS_BYTES];
};

/* Builds the argv of command for r. Returns the number of words (at
 * least 1), or -1 with a one-line message in err: no word, too many words
 * (REMIND_ARGV_MAX) or too long, or an unknown %NAME. */
int remind_argv_build(const char *command, const struct reminder *r, struct remind_argv *out,
                      char *err, size_t errlen);

/* Checks a command as remind_argv_build would take it. 0 or -1 with err. */
int remind_command_check(const char *command, char *err, size_t errlen);

#endif

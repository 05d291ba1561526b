/* SPDX-License-Identifier: BSD-2-Clause */
/* redflags: the red-flag checklist of CONTENT.md and its verdict. Pure: libc
 * only, static tables, no allocation.
 *
 * Items 1-9 are emergencies (1-3: the warning signs of cauda equina
 * syndrome, never ranked lower), 10-16 urgent, 17-20 "see a doctor soon".
 * The verdict is the most serious level answered yes; with none, the
 * stored code is "clear", but the patient reads "No warning signs
 * reported", never "clear".
 */
#ifndef UNKNOT_REDFLAGS_H
#define UNKNOT_REDFLAGS_H

#include <stddef.h>

#define REDFLAG_COUNT 20

/* The three answers to an item, as stored (src/check.h names them too):
 * "not sure" counts neither as yes nor as no in the verdict. */
#define REDFLAG_NO 0
#define REDFLAG_YES 1
#define REDFLAG_UNSURE 2

/* Ordered by seriousness: a larger value is more serious. */
enum redflag_level {
    REDFLAG_CLEAR,
    REDFLAG_SEE_DOCTOR,
    REDFLAG_URGENT,
    REDFLAG_EMERGENCY,
    REDFLAG_LEVEL_COUNT
};

/* The line that ends the advice of a check with no yes (CONTENT.md); never
 * under an emergency or urgent verdict, which nothing may soften. */
#define REDFLAGS_NOT_MEDICAL_ADVICE \
    "unknot is not medical advice. If you are worried, call your doctor."

/* CONTENT.md's safety net, under every verdict but emergency. */
#define REDFLAGS_SAFETY_NET \
    "If you get bladder or bowel trouble, numbness between your legs, or weakness\n" \
    "in both legs, seek emergency care at once."

/* One checklist item. All text is plain ASCII in static storage. */
struct redflag_item {
    int number;               /* 1..REDFLAG_COUNT */
    enum redflag_level level; /* never REDFLAG_CLEAR */
    const char *question;     /* one line of at most 76 columns, ends with '?' */
    const char *explain;      /* for the "?" key: a few sentences, no newline,
                                 to be wrapped by the caller; ends with what to do */
};

/* Item `number` (1..REDFLAG_COUNT), or NULL outside that range. Static
 * storage; never free. */
const struct redflag_item *redflags_item(int number);

/* The most serious level among the items answered yes (answers[i] ==
 * REDFLAG_YES means item i + 1 is yes; REDFLAG_UNSURE and any other value
 * are not); REDFLAG_CLEAR when none is. answers must hold REDFLAG_COUNT
 * values. */
enum redflag_level redflags_verdict(const unsigned char answers[REDFLAG_COUNT]);

/* The code stored in the database: "clear", "see_doctor", "urgent",
 * "emergency"; "unknown" for a value outside the enum. */
const char *redflag_level_code(enum redflag_level level);

/* The verdict as a word for a table's cell, as the patient reads it: "no
 * signs", "see a doctor", "urgent", "emergency"; "unknown" outside the
 * enum. At most 12 columns. Static storage. */
const char *redflag_level_word(enum redflag_level level);

/* Parses a stored code (exact, case-sensitive, as redflag_level_code writes
 * it). Returns 0 and sets *out, or -1 and leaves *out alone. */
int redflag_level_parse(const char *code, enum redflag_level *out);

/* The emergency number the advice names (CONTENT.md, Principle 5): by
 * default "your local emergency number (112 in Europe, 911 in North
 * America, 999 in the UK)"; once set (from the settings, at start), the
 * emergency advice says "Call 999 or go to ...". At most
 * REDFLAGS_NUMBER_MAX characters: digits, blanks, '-' and a leading '+'.
 * NULL or "" goes back to the generic wording. Returns 0, or -1 for a
 * number that is not one (nothing changes). */
#define REDFLAGS_NUMBER_MAX 20
int redflags_set_emergency_number(const char *number);

/* 1 when number would be accepted by redflags_set_emergency_number. */
int redflags_emergency_number_valid(const char *number);

/* Headline of a verdict, one line: "EMERGENCY: seek emergency care now". */
const char *redflag_level_title(enum redflag_level level);

/* What to do, in plain words: one to three lines separated by '\n' (no
 * trailing newline), each at most 78 columns. The clear advice ends with
 * REDFLAGS_NOT_MEDICAL_ADVICE; the others do not, so that an instruction
 * to act now is not softened ("if you are worried"). Static storage. */
const char *redflag_level_advice(enum redflag_level level);

/* What to do about items answered "not sure" whose most serious level is
 * `level` (not REDFLAG_CLEAR), one sentence of at most 200 bytes, no
 * newline, to be wrapped by the caller; "" for REDFLAG_CLEAR. Not sure is
 * no clear answer: the patient is sent to ask someone at that level's
 * pace (an emergency sign: now), never told it is nothing. Static
 * storage. */
const char *redflag_unsure_advice(enum redflag_level level);

/* What a doubt asks under an emergency verdict: the emergency care sought
 * anyway hears of it (no second, slower instruction). */
#define REDFLAGS_UNSURE_UNDER_EMERGENCY "Tell the emergency team you were not sure."

/* The headline of a check with no yes but some "not sure" (never "No
 * warning signs reported", which would read as an all-clear). */
#define REDFLAGS_UNSURE_TITLE "No yes answers, but some you were not sure about"

/* The checklist before version 0.2 had 16 items. The item of today's
 * checklist that old item `old` (1..REDFLAG_V1_COUNT) asked, or 0 outside
 * that range. Two old items map to one new item where the new wording
 * covers both (a yes to either is a yes); an old item whose wording joined
 * two signs maps to the more urgent one (CONTENT.md, Principle 2). Items
 * 12, 13, 14, 16 and 19 were never asked before. */
#define REDFLAG_V1_COUNT 16
int redflags_item_from_v1(int old);

/* Parses the item numbers answered yes, e.g. "1,5", "1, 5,16" or "1 5";
 * "" or "none" means no yes at all. Numbers are 1..REDFLAG_COUNT, separated
 * by commas and/or blanks; a repeated number is accepted once. On success
 * returns 0 and writes all REDFLAG_COUNT answers (1 = yes, 0 = no). On
 * error returns -1, leaves answers untouched and writes into err (if
 * errlen > 0) a one-line message quoting the bad part and naming what is
 * accepted. A NULL text is an error, not an empty list. */
int redflags_parse_yes_list(const char *text, unsigned char answers[REDFLAG_COUNT], char *err,
                            size_t errlen);

#endif

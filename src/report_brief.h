/* SPDX-License-Identifier: BSD-2-Clause */
/* report_brief: the visit brief, one page a doctor reads in a minute
 * (issue 15), written from two finished reports (report.h): the period's
 * and the previous period of the same number of days. It computes no
 * figure of its own: every number is one the full report counted (its
 * tables, report_pain.h's and report_days.h's), laid out short. Pure:
 * libc only, no heap; `made` is passed in.
 *
 * Sections, in this order: a header (period, date made, "kept by the
 * patient with unknot", the name when given), the warning signs of the
 * period in a box (as the full report opens), the headline figures
 * against the previous period, the daily peak pain (a one-line
 * sparkline in text and markdown, a calendar heat map and a line in
 * SVG in html), "What I've tried - did it help?", the medications taken
 * (unknot took), the top triggers, the patient's own questions for the
 * visit (unknot question), the notes of the most severe episodes and a
 * footer ("not medical advice", the version).
 *
 * Text: at most BRIEF_TEXT_LINES lines of at most 78 columns (lists are
 * cut, and say how many were left out; when the lines of a history run
 * over, the lists are cut shorter until they fit). Markdown: the same, as headings
 * and tables. Html: one self-contained file (no script, no network, inline
 * CSS with a print stylesheet and @page size, inline SVG), readable in
 * black and white; every text from the database is escaped. */
#ifndef UNKNOT_REPORT_BRIEF_H
#define UNKNOT_REPORT_BRIEF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/question.h"
#include "src/report.h"

#define BRIEF_TEXT_LINES 66

enum brief_format { BRIEF_TEXT, BRIEF_MARKDOWN, BRIEF_HTML };
enum brief_paper { BRIEF_A4, BRIEF_LETTER };

/* Sections --omit drops (bits of brief_opts.omit). */
#define BRIEF_OMIT_NOTES 1u
#define BRIEF_OMIT_MEDICATIONS 2u /* the medication log and medication rows */
#define BRIEF_OMIT_QUESTIONS 4u   /* the patient's questions for the visit */
#define BRIEF_OMIT_NAME 8u

/* The questions the brief is given (the first ones in the order asked)
 * and how many there are in all; the rest are counted ("and N more"). */
#define BRIEF_QUESTIONS_MAX 5
struct brief_questions {
    size_t n, total;
    struct question q[BRIEF_QUESTIONS_MAX];
};

struct brief_opts {
    const char *name;    /* the name line, or NULL */
    unsigned omit;       /* BRIEF_OMIT_* */
    int ascii;           /* text sparkline and rules in ASCII only */
    enum brief_paper paper;
    int64_t made;        /* when the brief is made */
    const char *version; /* unknot's version */
    const struct brief_questions *questions; /* NULL: none */
};

/* Writes the brief of cur (the period) against prev (the same number of
 * days just before it; NULL: no comparison) to f. Both must be finished
 * (report_end). Returns 0, or -1 when a report is not finished, the
 * format is unknown, or the stream reports a write error. */
int report_brief_write(const struct report *cur, const struct report *prev,
                       const struct brief_opts *o, enum brief_format fmt, FILE *f);

/* Parses "text", "markdown" (or "md"), "html", case-insensitive: 0, or -1
 * with a one-line message in err. */
int brief_format_parse(const char *text, enum brief_format *out, char *err, size_t errlen);

/* Parses a comma-separated list of notes, medications, questions, name
 * into BRIEF_OMIT_* bits: 0, or -1 with a one-line message naming the bad
 * word. */
int brief_omit_parse(const char *list, unsigned *out, char *err, size_t errlen);

/* Parses "a4" or "letter", case-insensitive: 0, or -1 with a message. */
int brief_paper_parse(const char *text, enum brief_paper *out, char *err, size_t errlen);

#endif

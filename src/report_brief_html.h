/* SPDX-License-Identifier: BSD-2-Clause */
/* report_brief_html: the page around the html brief and its two
 * pictures, for report_brief.c only. The pictures are SVG documents in
 * img data: URLs, so the page stays plain HTML a strict parser (xmllint
 * --html) reads without an error, and needs nothing outside the file.
 * They show no text from the database: dates and numbers only. */
#ifndef UNKNOT_REPORT_BRIEF_HTML_H
#define UNKNOT_REPORT_BRIEF_HTML_H

#include <stdio.h>

#include "src/report.h"
#include "src/report_brief.h"

/* The doctype, head with the inline style sheet (@page of `paper`),
 * and the opening of the body. */
void brief_html_begin(FILE *f, enum brief_paper paper);

/* The calendar heat map and the daily peak pain line of r's days, with
 * their legends. */
void brief_html_pictures(FILE *f, const struct report *r);

/* Closes the body and the document. */
void brief_html_end(FILE *f);

#endif

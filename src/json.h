/* SPDX-License-Identifier: BSD-2-Clause */
/* json: the little JSON writing the exports need. */
#ifndef UNKNOT_JSON_H
#define UNKNOT_JSON_H

#include <stdio.h>

/* Writes s as a JSON string literal, quotes included: escapes '"', '\\'
 * and every code point text.h refuses (controls, bidi, zero-width) as
 * \\uXXXX; a byte that is not UTF-8 becomes \\ufffd; other UTF-8 passes
 * through unchanged. */
void json_write_string(FILE *f, const char *s);

#endif

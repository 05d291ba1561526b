/* SPDX-License-Identifier: BSD-2-Clause */
/* json: the little JSON writing the exports need. */
#ifndef UNKNOT_JSON_H
#define UNKNOT_JSON_H

#include <stdio.h>

/* Writes s as a JSON string literal, quotes included: escapes '"', '\\'
 * and control characters; UTF-8 passes through unchanged. */
void json_write_string(FILE *f, const char *s);

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
/* text: UTF-8 as the core reads, checks and lays it out. Pure and
 * locale-free: the same bytes give the same answer everywhere, so a report
 * is byte-identical whatever LANG says.
 *
 * Well-formed UTF-8 here is RFC 3629's: no overlong forms, no surrogates,
 * nothing above U+10FFFF, no sequence cut short. Widths come from a fixed
 * table (combining marks 0 columns, wide East Asian characters and emoji
 * 2, everything else 1), not from wcwidth: the screens measure with the C
 * library's wcwidth because the terminal draws with it (ui/widgets.c). */
#ifndef UNKNOT_TEXT_H
#define UNKNOT_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The continuation bytes that follow lead byte c (0 for ASCII) and the
 * range [*lo, *hi] the first of them must lie in (the others lie in
 * 0x80..0xBF); -1 when c cannot start a character. For readers that check
 * a stream byte by byte (csv, jsonr). */
int text_utf8_lead(unsigned char c, unsigned char *lo, unsigned char *hi);

/* Decodes the character at s[0 .. len), len > 0, into *cp and returns its
 * byte length; a byte that does not start a well-formed character is
 * U+FFFD, one byte long. */
size_t text_decode(const char *s, size_t len, uint32_t *cp);

/* 1 when s is well-formed UTF-8 without control characters other than tab
 * and, if allow_newline, newline; else 0. */
int text_utf8_valid(const char *s, int allow_newline);

/* Columns code point cp takes: 0, 1 or 2 (see above). */
int text_cp_width(uint32_t cp);

/* Columns of s[0 .. len). */
int text_width(const char *s, size_t len);

/* Writes s to f word-wrapped to width columns, every line indented by ind
 * spaces (width counts them) and ended by '\n'. Words break at blanks; a
 * newline in s ends a line; a word longer than a line is cut where it
 * would pass the edge. Nothing is written for a text of blanks only. */
void text_wrap(FILE *f, const char *s, int ind, int width);

#endif

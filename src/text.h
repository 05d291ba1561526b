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

/* The one rule for what text unknot accepts and prints as it is. A
 * refused code point is a control character (C0 U+0000-U+001F, DEL, C1
 * U+0080-U+009F: terminals act on them, C1 as CSI/OSC), a bidi embedding,
 * override or isolate (U+202A-U+202E, U+2066-U+2069: they reorder what
 * follows them on screen) or a zero-width one (U+200B-U+200F, U+FEFF: they
 * hide text or make two equal-looking words differ). Tab and newline are
 * refused here too: callers that accept them say so with TEXT_KEEP_*. */
#define TEXT_KEEP_TAB 1u
#define TEXT_KEEP_NEWLINE 2u

/* 1 when cp is refused (see above), tab and newline included; else 0. */
int text_cp_refused(uint32_t cp);

/* 1 when s[0 .. len) is well-formed UTF-8 without a refused code point
 * other than those keep (TEXT_KEEP_*) lets through; else 0. A NUL byte in
 * the range is refused. */
int text_valid_n(const char *s, size_t len, unsigned keep);

/* text_valid_n over the string s with tab kept and, if allow_newline,
 * newline: the rule for every text a user types (notes, tags). */
int text_utf8_valid(const char *s, int allow_newline);

/* The replacement for what may not be printed as it is: U+FFFD. */
#define TEXT_REPLACEMENT "\xEF\xBF\xBD"

/* Copies s into out[0 .. outlen) (outlen > 0), NUL-terminated, with every
 * byte that does not start a well-formed character and every refused code
 * point that keep does not let through replaced by U+FFFD. Stops before a
 * character that would not fit whole. Returns the bytes written. */
size_t text_clean(const char *s, unsigned keep, char *out, size_t outlen);

/* Writes s[0 .. len) to f as text_clean would, however long. For printing
 * what a database holds: a hand-edited one may hold anything. */
void text_write_clean(FILE *f, const char *s, size_t len, unsigned keep);

/* Columns code point cp takes: 0, 1 or 2 (see above). */
int text_cp_width(uint32_t cp);

/* Columns of s[0 .. len). */
int text_width(const char *s, size_t len);

/* Writes s to f word-wrapped to width columns, every line indented by ind
 * spaces (width counts them) and ended by '\n'. Words break at blanks; a
 * newline in s ends a line; a word longer than a line is cut where it
 * would pass the edge. Nothing is written for a text of blanks only. */
void text_wrap(FILE *f, const char *s, int ind, int width);

/* The ellipsis that ends a cut text: U+2026 in a UTF-8 locale, three
 * dots elsewhere (the caller knows the locale; the core does not). */
#define TEXT_ELLIPSIS "\xE2\x80\xA6"
#define TEXT_ELLIPSIS_ASCII "..."

/* Copies s[0 .. len) into out[0 .. outlen) (outlen > 0), NUL-terminated,
 * as text_clean would but with tabs and newlines made blanks (a cell is
 * one line), in at most width columns: a text wider than that is cut
 * before the character that would pass width minus the width of ell and
 * ends with ell. A width too small for ell gives the text cut without it.
 * Returns the columns the copy takes. */
int text_cut(const char *s, size_t len, int width, const char *ell, char *out, size_t outlen);

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
/* widgets: drawing helpers shared by the screens: colours, clipped and
 * wrapped UTF-8 text, chart pieces and big digits. Body rows are
 * ui_body_top() .. ui_body_bottom(). */
#ifndef UNKNOT_WIDGETS_H
#define UNKNOT_WIDGETS_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "src/util.h"

/* Colour pairs (with a monochrome attribute when there are no colours). */
enum ui_color { UC_NORMAL, UC_TITLE, UC_MILD, UC_MODERATE, UC_SEVERE, UC_EMERGENCY,
                UC_URGENT, UC_OK, UC_DIM, UC_SELECTED, UC_COUNT };
attr_t ui_attr(enum ui_color c);
attr_t ui_band_attr(int intensity);

int ui_body_top(void);
int ui_body_bottom(void);

/* Draws UTF-8 text at (y, x) in `width` columns; returns columns used.
 * Text that does not fit (trailing blanks aside) is cut on a character
 * boundary, at the blank before a word that would be split when that
 * loses at most half the width, and ends with the ellipsis
 * (ui_ellipsis_text); a field no wider than the ellipsis is only
 * clipped. Handles wide characters (CJK) by their display width. */
int ui_put(int y, int x, int width, const char *utf8, attr_t attr);

/* The mark ui_put ends cut text with: U+2026 where the locale shows
 * UTF-8, else "..." (static storage), and its width in columns. */
const char *ui_ellipsis_text(void);
int ui_ellipsis_width(void);

/* Bytes of s[0 .. len) that fit in width columns: all of them when they
 * fit, else broken after the last blank (space or tab) that fits; a word
 * longer than the line is cut on a character boundary. At least one
 * character when len > 0, so a caller always advances. */
size_t ui_fit_bytes(const char *s, size_t len, int width);

/* Draws UTF-8 text wrapped to `width` columns from row y at column x,
 * never past row last_row; when text is left over, the last row ends
 * with the ellipsis. A '\n' starts a new line (an empty one takes a
 * row), blanks at line starts are skipped. Returns the row after the last
 * one drawn (y when nothing was). */
int ui_put_wrapped(int y, int x, int width, int last_row, const char *text, attr_t attr);

/* Rows ui_put_wrapped would use for text at width with no row limit. */
int ui_wrapped_rows(const char *text, int width);

/* The not-medical-advice line (FLAGS_NOT_MEDICAL_ADVICE), dim, at row y
 * from column 2: every screen with advice ends with it. */
void ui_put_not_advice(int y);

/* printf into ui_put. */
int ui_putf(int y, int x, int width, attr_t attr, const char *fmt, ...)
    PRINTF_LIKE(5, 6);

/* Display width of UTF-8 text (columns). */
int ui_width(const char *utf8);

/* Chart pieces (history pictures). A day's peak intensity is 0..10, or -1
 * when no episode covers the day; each band has its own fill character as
 * well as its colour, so the charts read without colour too. */

/* 1 when the locale's character set is UTF-8 (block glyphs), else 0 (ASCII). */
int ui_unicode(void);

/* The fill of a day's peak: no episode "·" (.), 0 "▁" (_), mild "░" (:),
 * moderate "▒" (+), severe "█" (#); ASCII in brackets. Static storage. */
const char *ui_band_fill(int peak);

/* One bar of a bar chart: value of max scaled to `height` rows (rounded up,
 * so a logged 0 or 1 still shows), growing up from row y_base, `width`
 * columns wide, filled and coloured by the value's band. -1 draws nothing. */
void ui_bar_column(int y_base, int x, int width, int height, int value, int max);

/* One day of a calendar heat map: width x height cells at (y, x) filled by
 * the band of peak (an empty day shows one dim dot). marked puts [ ] in
 * the columns either side (the caller leaves them free). label (may be
 * NULL) is written over the start of the first row, with a blank after
 * it so that it never runs into the fill, when it fits. */
void ui_heat_cell(int y, int x, int width, int height, int peak, int marked,
                  const char *label);

/* The legend of the fills, on one row within width; returns columns used. */
int ui_band_legend(int y, int x, int width);

/* A count right-aligned in 4 columns and a blank (UI_COUNT_NUM columns),
 * then a bar `units` long in the rest of width: a unit is an eighth of a
 * cell in UTF-8 (partial blocks), a cell in ASCII (ui_count_units). */
#define UI_COUNT_NUM 5
void ui_count_bar(int y, int x, int width, int64_t n, int units);
/* Units per cell of ui_count_bar's bars: 8 in UTF-8, else 1. */
int ui_count_units(void);

/* Big block characters for a countdown readable from a metre away: each
 * character is 3 x 5 cells, a cell `scale` rows high and 2 * scale
 * columns wide (terminal cells are about twice as tall as wide), one cell
 * apart. Drawn as reverse-video blanks, so they show on any terminal, with
 * or without colour or Unicode. Knows 0-9, ':', ' ', and the letters of
 * "DONE", "HOLD", "REST", "SIDE" and "MOVE"; anything else is a blank.
 * Draws text with its top-left corner at (y, x), clipped to the screen;
 * returns the columns it spans. */
int ui_bigtext(int y, int x, const char *text, int scale, attr_t attr);
/* Columns and rows ui_bigtext takes for text at scale. */
int ui_bigtext_width(const char *text, int scale);
int ui_bigtext_height(int scale);

#endif

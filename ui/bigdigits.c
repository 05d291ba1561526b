/* SPDX-License-Identifier: BSD-2-Clause */
/* bigdigits: block characters for the timer's countdown. */
#include <string.h>

#include "ui/ui.h"
#include "ui/widgets.h"

#define GLYPH_W 3
#define GLYPH_H 5

struct glyph {
    char c;
    int w; /* cells: 3, or 1 for ':' */
    const char *rows[GLYPH_H];
};

/* '#' is a lit cell. One glyph a row, so the table reads as the shapes. */
/* clang-format off */
static const struct glyph glyphs[] = {
    {'0', 3, {"###", "#.#", "#.#", "#.#", "###"}},
    {'1', 3, {".#.", "##.", ".#.", ".#.", "###"}},
    {'2', 3, {"###", "..#", "###", "#..", "###"}},
    {'3', 3, {"###", "..#", "###", "..#", "###"}},
    {'4', 3, {"#.#", "#.#", "###", "..#", "..#"}},
    {'5', 3, {"###", "#..", "###", "..#", "###"}},
    {'6', 3, {"###", "#..", "###", "#.#", "###"}},
    {'7', 3, {"###", "..#", "..#", "..#", "..#"}},
    {'8', 3, {"###", "#.#", "###", "#.#", "###"}},
    {'9', 3, {"###", "#.#", "###", "..#", "###"}},
    {':', 1, {".", "#", ".", "#", "."}},
    {'D', 3, {"##.", "#.#", "#.#", "#.#", "##."}},
    {'O', 3, {"###", "#.#", "#.#", "#.#", "###"}},
    {'N', 3, {"##.", "#.#", "#.#", "#.#", "#.#"}},
    {'E', 3, {"###", "#..", "##.", "#..", "###"}},
    /* HOLD, REST, SIDE, MOVE: the step in words, not only in colour */
    {'H', 3, {"#.#", "#.#", "###", "#.#", "#.#"}},
    {'L', 3, {"#..", "#..", "#..", "#..", "###"}},
    {'R', 3, {"##.", "#.#", "##.", "#.#", "#.#"}},
    {'S', 3, {".##", "#..", ".#.", "..#", "##."}},
    {'T', 3, {"###", ".#.", ".#.", ".#.", ".#."}},
    {'I', 3, {"###", ".#.", ".#.", ".#.", "###"}},
    {'M', 3, {"#.#", "###", "###", "#.#", "#.#"}},
    {'V', 3, {"#.#", "#.#", "#.#", "#.#", ".#."}},
    {' ', 3, {"...", "...", "...", "...", "..."}},
};
/* clang-format on */

static const struct glyph *glyph_of(char c)
{
    for (size_t i = 0; i < sizeof(glyphs) / sizeof(glyphs[0]); i++)
        if (glyphs[i].c == c)
            return &glyphs[i];
    return &glyphs[sizeof(glyphs) / sizeof(glyphs[0]) - 1];
}

static int clamp_scale(int scale)
{
    return scale < 1 ? 1 : scale;
}

int ui_bigtext_height(int scale)
{
    return GLYPH_H * clamp_scale(scale);
}

int ui_bigtext_width(const char *text, int scale)
{
    int cells = 0;
    scale = clamp_scale(scale);
    for (const char *p = text; *p; p++)
        cells += glyph_of(*p)->w + (p[1] ? 1 : 0);
    return cells * 2 * scale;
}

/* One lit cell: a block of reverse-video blanks, clipped to the screen. */
static void put_cell(int y, int x, int scale, attr_t attr)
{
    int w = 2 * scale;
    if (x >= COLS || x + w <= 0)
        return;
    if (x < 0) {
        w += x;
        x = 0;
    }
    if (x + w > COLS)
        w = COLS - x;
    for (int r = 0; r < scale; r++)
        if (y + r >= 0 && y + r < LINES)
            mvhline(y + r, x, ' ' | attr, w);
}

int ui_bigtext(int y, int x, const char *text, int scale, attr_t attr)
{
    int x0 = x;
    scale = clamp_scale(scale);
    attr |= A_REVERSE;
    for (const char *p = text; *p; p++) {
        const struct glyph *g = glyph_of(*p);
        for (int row = 0; row < GLYPH_H; row++)
            for (int col = 0; col < g->w; col++)
                if (g->rows[row][col] == '#')
                    put_cell(y + row * scale, x + col * 2 * scale, scale, attr);
        x += (g->w + (p[1] ? 1 : 0)) * 2 * scale;
    }
    return x - x0;
}

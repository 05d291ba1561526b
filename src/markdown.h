/* SPDX-License-Identifier: BSD-2-Clause */
/* markdown: text written into a CommonMark (and GitHub) document so that
 * it renders as written and still reads well as plain text.
 *
 * Only what would change the rendering at its place is escaped: "#5" in a
 * sentence stays "#5", "# 5" starting a block becomes "\# 5"; "a_b_c"
 * stays, "_x_" becomes "\_x\_"; "2 * 3" stays, "*x*" becomes "\*x\*".
 * What a note typed by the patient may hold (a heading, a list, a quote,
 * emphasis, code, a link, HTML or an entity) comes out literally. Line
 * breaks become spaces: each text is one line of the document.
 *
 * Pure: libc only; writes to a FILE the caller owns. */
#ifndef UNKNOT_MARKDOWN_H
#define UNKNOT_MARKDOWN_H

#include <stdio.h>

/* Where the text goes: its place decides what would be markup there. */
enum md_place {
    MD_INLINE,  /* after other text on the line (a value after "label: ") */
    MD_BLOCK,   /* starting a paragraph or a list item's text */
    MD_HEADING, /* the text of an ATX heading ("## " before it) */
};

/* Writes s (UTF-8, NUL-terminated; NULL writes nothing) to f with the
 * escapes its place needs (see above); leading blanks of a block or a
 * heading are left out (four would start code). Errors are the stream's
 * (ferror). */
void md_write_text(FILE *f, const char *s, enum md_place place);

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
/* textfield: a single-line text editor for forms and filters.
 *
 * The text is held as wide characters (one wchar_t per character, so the
 * cursor moves by characters, never inside a UTF-8 sequence) and converted
 * to and from UTF-8 at the edges. This relies on wchar_t holding Unicode
 * code points (__STDC_ISO_10646__, as on glibc and musl), which is also
 * what wget_wch returns in a UTF-8 locale.
 *
 * Usage:
 *     struct textfield tf;
 *     textfield_init(&tf, 200);          // at most 200 bytes of UTF-8
 *     textfield_set(&tf, "now");         // cursor at the end
 *     ... textfield_key(&tf, &key) ...   // from the screen's handle
 *     ... textfield_draw(&tf, y, x, 30, A_NORMAL, focused) ...
 *     char buf[201]; textfield_get(&tf, buf, sizeof(buf));
 *     textfield_free(&tf);
 */
#ifndef UNKNOT_TEXTFIELD_H
#define UNKNOT_TEXTFIELD_H

#include <stddef.h>
#include <wchar.h>

#include "ui/ui.h"

struct textfield {
    wchar_t *buf;     /* len characters and a L'\0'; owned; NULL until used */
    size_t len;       /* characters in buf */
    size_t cap;       /* characters buf has room for, not counting the L'\0' */
    size_t cursor;    /* insertion point, 0 .. len */
    size_t scroll;    /* first character shown; kept by textfield_draw */
    size_t max_bytes; /* most UTF-8 bytes the text may take; 0: no limit */
};

/* What a key did to the field. */
enum textfield_ret {
    TF_IGNORED, /* not an editing key: the caller handles it (Tab, Enter, Esc, ...) */
    TF_MOVED,   /* the cursor moved (or stayed at an edge); the text is unchanged */
    TF_EDITED,  /* the text changed */
    TF_FULL,    /* a character was refused: the text would exceed max_bytes */
};

/* Makes an empty field that takes at most max_bytes of UTF-8 (0: any). */
void textfield_init(struct textfield *tf, size_t max_bytes);

/* Frees the text; the field is empty and usable again. NULL-safe. */
void textfield_free(struct textfield *tf);

/* Replaces the text with UTF-8 (invalid bytes become U+FFFD; control
 * characters such as a newline are kept, so stored text round-trips) and
 * puts the cursor at the end. Returns 0, or -1 when out of memory or the
 * text is longer than max_bytes (the field is then unchanged). */
int textfield_set(struct textfield *tf, const char *utf8);

/* Writes the text as UTF-8 into out (always NUL-terminated when outlen >
 * 0, cut at a character boundary when too small; out may be NULL when
 * outlen is 0). Returns the bytes the whole text needs, not counting the
 * NUL, like snprintf. */
size_t textfield_get(const struct textfield *tf, char *out, size_t outlen);

/* 1 when the field holds exactly the UTF-8 text utf8 (as textfield_get
 * would write it), without copying it anywhere. */
int textfield_equals(const struct textfield *tf, const char *utf8);

/* Edits the field with one key: printable characters are inserted;
 * Left/Right, Home/End and Ctrl-A/Ctrl-E move; Backspace (also Ctrl-H and
 * DEL) and Delete erase; Ctrl-U erases before the cursor, Ctrl-K after it.
 * Every other key is TF_IGNORED and left to the caller. */
enum textfield_ret textfield_key(struct textfield *tf, const struct ui_key *key);

/* Draws the text at (y, x) in `width` columns with attr, scrolled so the
 * cursor shows; the unused columns are filled with blanks in attr (so an
 * underline shows the field's extent). When `focused`, the cursor cell is
 * drawn in reverse video (the app hides the terminal cursor). Wide
 * characters take two columns; control characters show as one placeholder
 * column. */
void textfield_draw(struct textfield *tf, int y, int x, int width, attr_t attr, int focused);

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
/* keys: the bottom key line, drawn from the key table. */
#include "ui/keys.h"

#include <stdio.h>
#include <string.h>

#include "ui/widgets.h"

#define HINT_MAX 256

size_t ui_hint_text(const struct keybind *keys, unsigned mode, const char *sep, char *buf,
                    size_t len)
{
    size_t used = 0;
    if (len > 0)
        buf[0] = '\0';
    for (const struct keybind *b = keys; b->key; b++) {
        if (!b->bar || (b->modes != 0 && !(b->modes & mode)))
            continue;
        int w = snprintf(used < len ? buf + used : NULL, used < len ? len - used : 0, "%s%s",
                         used ? sep : "", b->bar);
        if (w > 0)
            used += (size_t)w;
    }
    return used;
}

int ui_hint_line(int y, int x, int width, const struct keybind *keys, unsigned mode,
                 attr_t attr)
{
    char line[HINT_MAX];
    ui_hint_text(keys, mode, "  ", line, sizeof(line));
    /* Whole hints only: those that do not fit go, and the ellipsis says
     * so (help lists every key). One hint wider than the line is cut. */
    size_t cut = strlen(line);
    for (int cutting = ui_width(line) > width; cutting;) {
        while (cut > 0 && strncmp(line + cut - 1, "  ", 2) != 0)
            cut--;
        if (cut == 0) {
            ui_hint_text(keys, mode, "  ", line, sizeof(line));
            break;
        }
        line[--cut] = '\0'; /* at the separator before the last hint */
        if (ui_width(line) + 2 + ui_ellipsis_width() <= width) {
            snprintf(line + cut, sizeof(line) - cut, "  %s", ui_ellipsis_text());
            break;
        }
    }
    return ui_put(y, x, width, line, attr);
}

/* The action a key has in keys, or -1 when the table leaves it to the
 * loop's global keys. */
static int table_action(const struct keybind *keys, int key)
{
    for (const struct keybind *b = keys; b && b->key; b++)
        if (b->key == key)
            return (int)b->act;
    return -1;
}

const char *ui_help_label(const struct keybind *keys)
{
    int q = table_action(keys, '?'), f1 = table_action(keys, KEY_F(1));
    if (q < 0 || q == ACT_HELP)
        return UI_HELP_BAR;
    if (f1 < 0 || f1 == ACT_HELP)
        return UI_HELP_BAR_F1;
    return NULL;
}

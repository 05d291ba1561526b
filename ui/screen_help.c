/* SPDX-License-Identifier: BSD-2-Clause */
/* help: the keys of the screen below, straight from its key table. */
#include <stdlib.h>

#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "ui/screens.h"

struct help {
    const char *title;          /* of the screen below, in its mode when opened */
    const struct keybind *keys;
};

/* Every key that opened the help closes it, as do q, Esc and Enter; the
 * key line says so. */
static const struct keybind help_keys[] = {
    KEYS_BACK("close the help", "q/Esc/Enter close the help"),
    KB_ALSO('?', ACT_BACK),
    KB_ALSO(KEY_F(1), ACT_BACK),
    KB_ALSO(KEY_ENTER, ACT_BACK),
    KB_ALSO('\r', ACT_BACK),
    KB_ALSO('\n', ACT_BACK),
    KB_END,
};

static int lists_help(const struct keybind *keys)
{
    for (const struct keybind *b = keys; b->key; b++)
        if (b->act == ACT_HELP && b->name)
            return 1;
    return 0;
}

static void help_draw(struct app *app, struct screen *s)
{
    (void)app;
    const struct help *h = s->data;
    int y = ui_body_top() + 1, last = ui_body_bottom() - 2;
    ui_putf(y++, 2, COLS - 4, A_BOLD, "Keys of %s", h->title);
    y++;
    for (const struct keybind *b = h->keys; b->key && y <= last; b++) {
        if (!b->name)
            continue;
        ui_put(y, 4, 16, b->name, A_BOLD);
        ui_put(y++, 22, COLS - 24, b->help, A_NORMAL);
    }
    /* The loop's own help keys, unless the table lists a help key itself
     * (where ? is text or means something else, F1 is listed there). */
    if (y <= last && !lists_help(h->keys)) {
        ui_put(y, 4, 16, "? / F1", A_BOLD);
        ui_put(y, 22, COLS - 24, "this help", A_NORMAL);
    }
    ui_hint_line(ui_body_bottom() - 1, 2, COLS - 4, help_keys, 0, A_BOLD);
    ui_put_not_advice(ui_body_bottom());
}

const struct screen_ops screen_help = {
    .title = "Help",
    .keys = help_keys,
    .draw = help_draw,
    .handle = app_handle_back,
};

int screen_help_open(struct app *app, const struct screen *of)
{
    if (of->ops == &screen_help)
        return 0;
    struct help *h = malloc(sizeof(*h));
    if (!h) {
        app_status(app, "Out of memory");
        return -1;
    }
    h->title = ui_screen_title(of);
    h->keys = ui_screen_keys(of);
    return app_push(app, &screen_help, h);
}

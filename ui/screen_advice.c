/* SPDX-License-Identifier: BSD-2-Clause */
/* advice: what the patient must hear at once after saving an episode
 * (CONTENT.md "Warning signs logged as symptoms"). A new warning sign's
 * verdict comes first, then the sign and the advice of that verdict as
 * src/redflags.c words it, never softened: no not-medical-advice line
 * under an emergency or urgent verdict. A nerve symptom new to the
 * episode adds the prompt to take the checklist, which `c` opens in this
 * screen's place; Enter, q or Esc go back to where the form was opened. */
#include <stdlib.h>

#include <string.h>

#include "src/episode_text.h"
#include "src/redflags.h"
#include "src/warnsign.h"
#include "ui/keys.h"
#include "ui/screens.h"
#include "ui/ui.h"
#include "ui/widgets.h"

struct advice {
    const struct warnsign *sign; /* the sign the save told of, or NULL */
    int nerve;                   /* 1: the checklist prompt is due */
    char prompt[WARNSIGN_PROMPT_LEN]; /* what it says (warnsign_prompt_text) */
    char signs[EPISODE_TEXT_TAGS_MAX]; /* "Warning sign: ..." */
};

static const struct keybind advice_keys[] = {
    KB_BAR('c', ACT_CHECK, "c", "take the red-flag checklist now", "c checklist"),
    KEYS_ENTER(ACT_SELECT, "done: back to where the form was opened", "Enter done"),
    KEYS_BACK("done, as Enter", NULL),
    KB_END,
};

static void advice_draw(struct app *app, struct screen *s)
{
    (void)app;
    const struct advice *a = s->data;
    int y = ui_body_top() + 1, last = ui_body_bottom() - 2;
    if (a->sign) {
        enum redflag_level lv = a->sign->level;
        attr_t title = ui_attr(lv == REDFLAG_EMERGENCY ? UC_EMERGENCY : UC_URGENT) | A_BOLD;
        y = ui_put_wrapped(y, 2, COLS - 4, last, redflag_level_title(lv), title) + 1;
        y = ui_put_wrapped(y, 2, COLS - 4, last, a->signs, A_BOLD) + 1;
        y = ui_put_wrapped(y, 2, COLS - 4, last, redflag_level_advice(lv), A_NORMAL) + 1;
    }
    if (a->nerve)
        ui_put_wrapped(y, 2, COLS - 4, last, a->prompt, A_BOLD);
    ui_hint_line(ui_body_bottom(), 2, COLS - 4, advice_keys, 0, ui_attr(UC_DIM) | A_BOLD);
}

static int advice_handle(struct app *app, struct screen *s, const struct ui_key *key,
                         enum action act)
{
    (void)s;
    (void)key;
    switch (act) {
    /* UI_POP once the checklist is open: it takes this screen's place. */
    case ACT_CHECK: return screen_check_open(app) == 0 ? UI_POP : UI_OK;
    case ACT_SELECT:
    case ACT_BACK: return UI_POP;
    default: return UI_OK;
    }
}

static const struct screen_ops advice_ops = {
    .title = "What to do now",
    .keys = advice_keys,
    .draw = advice_draw,
    .handle = advice_handle,
};

int screen_advice_open(struct app *app, const struct episode *before, const struct episode *after)
{
    const struct warnsign *sign = warnsign_added(before, after);
    char prompt[sizeof ((struct advice *)0)->prompt] = "";
    int nerve = warnsign_prompt_text(before, after, "c", prompt, sizeof prompt);
    if (!sign && !nerve)
        return 0;
    struct advice *a = app_alloc(app, sizeof(*a));
    if (a) {
        a->sign = sign;
        a->nerve = nerve;
        memcpy(a->prompt, prompt, sizeof prompt);
        episode_text_signs(after, a->signs, sizeof(a->signs));
    }
    if (a && app_push(app, &advice_ops, a) == 0)
        return 1;
    /* No room for the screen: the verdict still reaches the status line. */
    if (sign)
        app_status(app, "%s", redflag_level_title(sign->level));
    return -1;
}

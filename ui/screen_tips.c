/* SPDX-License-Identifier: BSD-2-Clause */
/* tips: comfort and prevention tips (CONTENT.md), a page of plain text. */
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/screens.h"
#include "ui/widgets.h"

static const char *const tips[] = {
    "Resting positions",
    "  On your back with pillows under the knees and a small rolled towel under "
    "the low back; or on your side with a pillow between the knees.",
    "Keep moving",
    "  Avoid long bed rest: short, gentle walks help the muscles relax.",
    "Sitting",
    "  Sit with support for the low back and change position often.",
    "Lifting",
    "  Bend the knees and lift with the legs, holding the load close.",
    "Drink",
    "  Stay hydrated: dehydration is one of the triggers of spasms.",
    "Ice and heat",
    "  10 to 20 minutes (longer risks a burn or frostbite), wrapped in a towel or "
    "cloth, never on bare, numb or broken skin; diabetes or poor circulation: check "
    "the skin after. Ice at most every 2 hours. Heat warm, not hot; never fall "
    "asleep on a heating pad. First 48 hours: whichever eases it more (many use "
    "ice); later, heat helps stiff muscles and alternating is fine.",
    NULL,
};

static const struct keybind tips_keys[] = {
    KEYS_BACK("back", "q back"),
    KEYS_HELP_HINT,
    KB_END,
};

static void tips_draw(struct app *app, struct screen *s)
{
    (void)app;
    (void)s;
    int y = ui_body_top() + 1, last = ui_body_bottom() - 2;
    ui_put(y, 2, COLS - 4, "Comfort and prevention tips", A_BOLD);
    y += 2;
    for (int i = 0; tips[i] && y <= last; i++) {
        int heading = tips[i][0] != ' ';
        y = ui_put_wrapped(y, heading ? 2 : 4, COLS - 6, last, tips[i],
                           heading ? A_BOLD : A_NORMAL);
    }
    ui_hint_line(ui_body_bottom() - 1, 2, COLS - 4, tips_keys, 0, A_BOLD);
    ui_put_not_advice(ui_body_bottom());
}

const struct screen_ops screen_tips = {
    .title = "Tips",
    .keys = tips_keys,
    .draw = tips_draw,
    .handle = app_handle_back,
};

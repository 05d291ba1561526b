/* form: placeholder until the episode form lands. */
#include "ui/ui.h"

int screen_form_open(struct app *app, int64_t id)
{
    (void)id;
    app_status(app, "The episode form is not built yet: use unknot log");
    return -1;
}

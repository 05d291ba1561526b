/* history: placeholder until the history screen lands. */
#include "ui/ui.h"

int screen_history_open(struct app *app)
{
    app_status(app, "The history screen is not built yet: use unknot list");
    return -1;
}

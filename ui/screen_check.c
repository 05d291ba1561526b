/* check: placeholder until the checklist screen lands. */
#include "ui/ui.h"

int screen_check_open(struct app *app)
{
    app_status(app, "The checklist screen is not built yet: use unknot check");
    return -1;
}

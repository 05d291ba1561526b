/* app: curses set-up and teardown. For now a single placeholder screen;
 * the real screens arrive with the full-screen app. */
#include "ui/app.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "db/store.h"

int ui_run(const char *db_path)
{
    char err[STORE_ERR_LEN];
    struct store *st = NULL;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "unknot: the full-screen app needs a terminal; "
                        "see unknot --help for the commands\n");
        return 1;
    }
    if (store_open(&st, db_path, err, sizeof(err)) != STORE_OK) {
        fprintf(stderr, "unknot: %s\n", err);
        return 1;
    }
    setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    int ch;
    do {
        erase();
        mvaddstr(0, 0, "unknot");
        mvaddstr(2, 2, "The full-screen app is not built yet.");
        mvaddstr(3, 2, "Use the commands meanwhile: unknot --help");
        mvaddstr(5, 2, "q quit");
        refresh();
        ch = getch();
    } while (ch != 'q' && ch != 'Q' && ch != ERR);
    endwin();
    store_close(&st);
    return 0;
}

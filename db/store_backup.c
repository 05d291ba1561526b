/* SPDX-License-Identifier: BSD-2-Clause */
/* store_backup: a consistent copy of the open database (see store.h). */
#include <stdio.h>

#include "db/store_private.h"

/* ---- backup ------------------------------------------------------------------ */

int store_backup(struct store *st, const char *path, char *err, size_t errlen)
{
    sqlite3 *dst = NULL;
    int rc = STORE_OK;
    if (!path || !*path)
        return db_set_err(err, errlen, "no backup file given");
    /* The file exists (the caller made it 0600): no SQLITE_OPEN_CREATE. */
    if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        rc = DB_FAIL(dst, "cannot open %s", path);
    } else {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", st->db, "main");
        if (!b) {
            rc = DB_FAIL(dst, "cannot start the backup");
        } else {
            int step = sqlite3_backup_step(b, -1);
            int fin = sqlite3_backup_finish(b);
            /* The failure is on the copy's connection (finish leaves it
             * there), in the plain words of every store message. */
            if (step != SQLITE_DONE || fin != SQLITE_OK)
                rc = DB_FAIL(dst, "backup failed");
        }
    }
    if (sqlite3_close(dst) != SQLITE_OK && rc == STORE_OK)
        rc = DB_FAIL(dst, "closing %s", path);
    return rc;
}

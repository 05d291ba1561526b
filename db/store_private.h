/* store_private: what the other files of db/ may know about a store and
 * nothing outside db/ may. Include it only from the .c files of db/. The
 * helpers are defined in db/store.c; their names start with db_ so they
 * cannot clash with anything outside db/. */
#ifndef UNKNOT_STORE_PRIVATE_H
#define UNKNOT_STORE_PRIVATE_H

#include <stddef.h>

#include <sqlite3.h>

struct store;

#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* The columns of the sessions table that export and import carry (those
 * of the first schema: struct session but checkpoint_at), in this order. */
#define DB_SES_COLS_XFER "id, kind, routine, hold_s, planned_s, elapsed_s, started_at," \
                         " ended_at, status, episode_id, pain_before, pain_after"
/* Every column a struct session is read from, in this order. */
#define DB_SES_COLS DB_SES_COLS_XFER ", checkpoint_at"

/* The store's connection, for the statements of db/store_io.c. Owned by
 * the store: never close it. */
sqlite3 *store_sqlite(struct store *st);

/* Formats the message into err (NULL or errlen 0: nothing). Returns
 * STORE_ERROR, so a failure can be `return db_set_err(...)`. */
PRINTF_LIKE(3, 4)
int db_set_err(char *err, size_t errlen, const char *fmt, ...);

/* "<what>: <sqlite3_errmsg>" (db NULL: "out of memory"), plus file:line
 * when file is not NULL. Call it before anything else runs on db (a
 * ROLLBACK would replace the message). Returns STORE_ERROR. Use DB_FAIL. */
PRINTF_LIKE(6, 7)
int db_fail_at(sqlite3 *db, char *err, size_t errlen, const char *file, int line,
               const char *fmt, ...);

/* DB_FAIL(db, fmt, ...) reports into the caller's `err` / `errlen`. Users
 * see the message; developers building with -DUNKNOT_DEBUG also see where
 * it came from. */
#ifndef UNKNOT_DEBUG
#define DB_FAIL(db, ...) db_fail_at((db), err, errlen, NULL, 0, __VA_ARGS__)
#else
#define DB_FAIL(db, ...) db_fail_at((db), err, errlen, __FILE__, __LINE__, __VA_ARGS__)
#endif

/* Binds the C string in a buffer of size bytes as text ?i, SQLITE_STATIC
 * (buf must outlive the step). Never reads past the buffer, so an
 * unterminated one reaches the schema's length CHECK instead. Returns an
 * SQLite code. */
int db_bind_buf(sqlite3_stmt *s, int i, const char *buf, size_t size);

/* Copies text column col into buf (size bytes with the NUL); NULL reads
 * as "". Returns 0, or -1 when it does not fit or memory ran out. */
int db_column_copy(sqlite3_stmt *s, int col, char *buf, size_t size);

#endif

/* store_private: what the other files of db/ may know about a store and
 * nothing outside db/ may. Include it only from the .c files of db/. */
#ifndef UNKNOT_STORE_PRIVATE_H
#define UNKNOT_STORE_PRIVATE_H

#include <sqlite3.h>

struct store;

/* The store's connection, for the statements of db/store_io.c. Owned by
 * the store: never close it. */
sqlite3 *store_sqlite(struct store *st);

#endif

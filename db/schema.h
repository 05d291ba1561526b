/* SPDX-License-Identifier: BSD-2-Clause */
/* schema: the database layout as an ordered list of migration steps.
 * Private to db/ (store.c applies them; tests may inspect them). */
#ifndef UNKNOT_SCHEMA_H
#define UNKNOT_SCHEMA_H

#include <stddef.h>

/* PRAGMA application_id of every unknot database: 0x756E6B6E, "unkn" in
 * ASCII, written in decimal because PRAGMA wants a plain integer. */
#define SCHEMA_APPLICATION_ID 1970170734

/* One step brings a database from version - 1 to version. Its SQL ends by
 * setting PRAGMA user_version to version (see schema.c), so a step and its
 * version number cannot disagree. */
struct schema_step {
    int version;
    const char *sql;
};

/* Steps in ascending order, versions 1, 2, 3, ... without gaps. */
extern const struct schema_step schema_steps[];
extern const size_t schema_step_count;

#endif

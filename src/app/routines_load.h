/* SPDX-License-Identifier: BSD-2-Clause */
/* routines_load: the routines a user can run, the built-ins (compiled in)
 * and the user's own files in $XDG_CONFIG_HOME/unknot/routines/ (else
 * ~/.config/unknot/routines/), read and checked with src/routine_file.h.
 * A bad own file is refused with its name, line and reason and leaves the
 * others, and every built-in, in the list. */
#ifndef UNKNOT_ROUTINES_LOAD_H
#define UNKNOT_ROUTINES_LOAD_H

#include <stddef.h>

#include "src/routines.h"

#define ROUTINES_OWN_MAX 64   /* own files read; the rest are refused */
#define ROUTINES_PATH_LEN 4096
#define ROUTINES_NOTE_LEN (ROUTINES_PATH_LEN + 256) /* "PATH:LINE: message" */

struct routine_lib {
    size_t n, nbuiltin;     /* routines; the first nbuiltin are the built-ins */
    struct routine *items;  /* heap, n of them, in menu order */
    char (*where)[ROUTINES_PATH_LEN]; /* per routine: "built-in" or the file's path */
    size_t nrefused;        /* own files refused */
    char first_note[ROUTINES_NOTE_LEN]; /* the first refusal, "" when none */
};

/* The directory of the user's own routines into out. 0, or -1 when there
 * is no HOME to find it by (out ""). */
int routines_own_dir(char *out, size_t len);

/* Loads the built-ins, then every *.routine file of dir (sorted by name;
 * NULL: routines_own_dir; a missing directory is no error). Each refused
 * own file is passed to note (when not NULL) as "PATH:LINE: message",
 * counted in nrefused and, the first, kept in first_note. Returns 0, or -1
 * with err set when memory runs out or a built-in is bad (never in a
 * release: a test parses each). Free with routines_free. */
int routines_load(struct routine_lib *lib, const char *dir, void (*note)(void *, const char *),
                  void *note_ctx, char *err, size_t errlen);

void routines_free(struct routine_lib *lib);

/* Reads and checks one routine file: its name, size, text and format, and
 * (when lib is not NULL) that its name and code are new to lib. Returns 0
 * and fills *out, or -1 with "PATH:LINE: message" (LINE left out for the
 * file as a whole) in msg. */
int routines_read_file(const char *path, const struct routine_lib *lib, struct routine *out,
                       char *msg, size_t len);

/* The routine whose code is typed (case-insensitive, blanks around
 * ignored), or NULL with a one-line message listing the codes in err.
 * The legacy "first-aid" finds the first aid of region (enum region, or
 * -1 for none: the lower back). */
const struct routine *routines_find(const struct routine_lib *lib, const char *typed, int region,
                                    char *err, size_t errlen);

/* Moves routine i to the front of the menu, the others keeping their
 * order (the timer offers the first aid of the episode's region first). */
void routines_put_first(struct routine_lib *lib, size_t i);

/* Index of the built-in first aid for region (enum region; -1: none, the
 * lower back) in lib, or lib->n when it is missing. */
size_t routines_first_aid_index(const struct routine_lib *lib, int region);

#endif

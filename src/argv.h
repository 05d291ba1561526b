/* SPDX-License-Identifier: BSD-2-Clause */
/* argv: the argv of a command a setting names (remind_command,
 * cue_command), built without a shell. Pure: libc only.
 *
 * The command line is split into words on blanks (spaces and tabs); no
 * quoting, no shell. In each word every %NAME of the caller's variables is
 * replaced by its value and %% by '%', so a word stays one argument
 * whatever the value holds: notify-send %title %body gives notify-send
 * exactly two arguments. */
#ifndef UNKNOT_ARGV_H
#define UNKNOT_ARGV_H

#include <stddef.h>

/* One variable: %name stands for value (static or the caller's). */
struct argv_var {
    const char *name;
    const char *value;
};

/* Builds the words of command into argv (at most max words, then a NULL)
 * pointing into buf (buflen bytes). Returns the number of words (at least
 * 1), or -1 with a one-line message in err: no word, more than max words,
 * longer than buf, or a %NAME not among vars[0 .. nvars) (the message
 * lists those accepted). A name that is a prefix of another must come
 * after it in vars. */
int argv_build(const char *command, const struct argv_var *vars, size_t nvars, char **argv,
               size_t max, char *buf, size_t buflen, char *err, size_t errlen);

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
/* config: where the settings file lives, loading it at start, the
 * settings the code reads, and changing one key of the file. */
#ifndef UNKNOT_CONFIG_H
#define UNKNOT_CONFIG_H

#include <stdio.h>

#include "src/settings.h"

/* $ENV/REL when the environment variable env holds an absolute path (the
 * XDG rule), else $HOME/FALLBACK/REL. Returns 0, or -1 when neither gives
 * one (or it does not fit). */
int config_xdg_path(const char *env, const char *fallback, const char *rel, char *out,
                    size_t outlen);

/* The settings file: $XDG_CONFIG_HOME/unknot/config (an absolute
 * XDG_CONFIG_HOME), else $HOME/.config/unknot/config. Returns 0, or -1
 * when there is no HOME to find it by. */
int config_path(char *out, size_t outlen);

/* Any file or directory `name` under unknot's configuration directory,
 * found as config_path finds "config" (the routines: "routines"). */
int config_file_path(const char *name, char *out, size_t outlen);

/* A file of unknot's state: $XDG_STATE_HOME/unknot/NAME (an absolute
 * XDG_STATE_HOME), else $HOME/.local/state/unknot/NAME. Returns 0, or -1
 * when there is no HOME to find it by. */
int config_state_path(const char *name, char *out, size_t outlen);

/* Reads the settings file into *s (defaults when there is none), keeps a
 * copy for config_settings() and applies what the core needs (the
 * emergency number). Each bad line, and a file that exists but cannot be
 * read, is reported on err as "unknot: PATH: line N: ..." and skipped:
 * never fatal. */
void config_load(struct settings *s, FILE *err);

/* The settings the code runs with: those config_load read last, or the
 * defaults before it ran (the in-process tests). Static storage; never
 * NULL. */
const struct settings *config_settings(void);

/* Sets key to value in the settings the code runs with (config_settings),
 * not in the file: a command-line option over the file (`unknot timer
 * --quiet`, `--exec CMD`). Returns 0, or -1 with settings_set's one-line
 * message in err, the settings as they were. */
int config_override(const char *key, const char *value, char *err, size_t errlen);

/* Sets key to value in the settings file (value NULL: removes every line
 * of key), keeping every other line byte for byte: the new text goes to a
 * temporary file in the same directory, mode 0600, renamed over the file
 * (over the target of a symbolic link, which stays). Directories it
 * creates get mode 0700. The value must have passed settings_set. *found
 * receives the number of lines that set key before. Returns 0, or -1 with
 * a one-line message in err; the file is then as it was. */
int config_write(const char *key, const char *value, int *found, char *err, size_t errlen);

/* Creates the directories of path that are missing, up to its last '/',
 * with mode 0700. Returns 0, or -1 with a message naming the directory. */
int config_make_dirs(const char *path, char *err, size_t errlen);

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
/* config: where the settings file lives, and loading it at start. */
#ifndef UNKNOT_CONFIG_H
#define UNKNOT_CONFIG_H

#include <stdio.h>

#include "src/settings.h"

/* The settings file: $XDG_CONFIG_HOME/unknot/config (an absolute
 * XDG_CONFIG_HOME), else $HOME/.config/unknot/config. Returns 0, or -1
 * when there is no HOME to find it by. */
int config_path(char *out, size_t outlen);

/* Any file or directory `name` under unknot's configuration directory,
 * found as config_path finds "config" (the routines: "routines"). */
int config_file_path(const char *name, char *out, size_t outlen);

/* Reads the settings file into *s (defaults when there is none) and
 * applies what the core needs (the emergency number). Each bad line, and
 * a file that exists but cannot be read, is reported on err as
 * "unknot: PATH: line N: ..." and skipped: never fatal. */
void config_load(struct settings *s, FILE *err);

#endif

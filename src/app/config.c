/* SPDX-License-Identifier: BSD-2-Clause */
/* config: the settings file's place and loading it. */
#include "src/app/config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int config_path(char *out, size_t outlen)
{
    return config_file_path("config", out, outlen);
}

int config_file_path(const char *name, char *out, size_t outlen)
{
    const char *v;
    int n = -1;
    /* The XDG spec says to ignore a relative XDG_CONFIG_HOME. */
    if ((v = getenv("XDG_CONFIG_HOME")) && *v == '/')
        n = snprintf(out, outlen, "%s/unknot/%s", v, name);
    else if ((v = getenv("HOME")) && *v)
        n = snprintf(out, outlen, "%s/.config/unknot/%s", v, name);
    if (n < 0 || (size_t)n >= outlen) {
        if (outlen)
            out[0] = '\0';
        return -1;
    }
    return 0;
}

struct warn_ctx {
    FILE *err;
    const char *path;
};

static void warn_line(void *ctx, const char *msg)
{
    const struct warn_ctx *w = ctx;
    fprintf(w->err, "unknot: %s: %s (skipped)\n", w->path, msg);
}

void config_load(struct settings *s, FILE *err)
{
    char path[4096];
    settings_init(s);
    if (config_path(path, sizeof path) == 0) {
        FILE *f = fopen(path, "r");
        if (f) {
            struct warn_ctx w = {err, path};
            settings_read(f, s, warn_line, &w);
            fclose(f);
        } else if (errno != ENOENT) {
            fprintf(err, "unknot: %s: %s (using the defaults)\n", path, strerror(errno));
        }
    }
    /* settings_read accepted only a valid number */
    (void)redflags_set_emergency_number(s->emergency_number);
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* config: the settings file's place, loading it, and rewriting one key. */
#include "src/app/config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "src/app/outfile.h"
#include "src/util.h"

static struct settings loaded;
static int have_loaded;

int config_xdg_path(const char *env, const char *fallback, const char *rel, char *out,
                    size_t outlen)
{
    const char *v;
    int n = -1;
    /* The XDG spec says to ignore a relative base directory. */
    if ((v = getenv(env)) && *v == '/')
        n = snprintf(out, outlen, "%s/%s", v, rel);
    else if ((v = getenv("HOME")) && *v)
        n = snprintf(out, outlen, "%s/%s/%s", v, fallback, rel);
    if (n < 0 || (size_t)n >= outlen) {
        if (outlen)
            out[0] = '\0';
        return -1;
    }
    return 0;
}

int config_path(char *out, size_t outlen)
{
    return config_xdg_path("XDG_CONFIG_HOME", ".config", "unknot/config", out, outlen);
}

int config_file_path(const char *name, char *out, size_t outlen)
{
    char rel[256];
    snprintf(rel, sizeof rel, "unknot/%s", name);
    return config_xdg_path("XDG_CONFIG_HOME", ".config", rel, out, outlen);
}

int config_state_path(const char *name, char *out, size_t outlen)
{
    char rel[256];
    snprintf(rel, sizeof rel, "unknot/%s", name);
    return config_xdg_path("XDG_STATE_HOME", ".local/state", rel, out, outlen);
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
    loaded = *s;
    have_loaded = 1;
}

const struct settings *config_settings(void)
{
    if (!have_loaded) {
        settings_init(&loaded);
        have_loaded = 1;
    }
    return &loaded;
}

int config_override(const char *key, const char *value, char *err, size_t errlen)
{
    (void)config_settings(); /* the defaults when nothing was loaded */
    return settings_set(&loaded, key, value, err, errlen);
}

int config_make_dirs(const char *path, char *err, size_t errlen)
{
    char dir[4096];
    size_t len = strlen(path);
    if (len >= sizeof dir) {
        snprintf(err, errlen, "%s: path too long", path);
        return -1;
    }
    memcpy(dir, path, len + 1);
    for (char *p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
            return -1;
        }
        *p = '/';
    }
    return 0;
}

/* The file to replace: the target of a symbolic link (a settings file
 * kept with the user's dotfiles stays where it is), else path itself. */
static void write_target(const char *path, char *out, size_t outlen)
{
    struct stat sb;
    char real[PATH_MAX];
    if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) && realpath(path, real))
        snprintf(out, outlen, "%s", real);
    else
        snprintf(out, outlen, "%s", path);
}

int config_write(const char *key, const char *value, int *found, char *err, size_t errlen)
{
    char path[4096], target[4096], msg[UNKNOT_ERR_LEN];
    struct outfile of;
    if (config_path(path, sizeof path) != 0) {
        snprintf(err, errlen, "no settings file: set HOME or XDG_CONFIG_HOME");
        return -1;
    }
    write_target(path, target, sizeof target);
    FILE *in = fopen(target, "r");
    if (!in && errno != ENOENT) {
        snprintf(err, errlen, "cannot read %s: %s", target, strerror(errno));
        return -1;
    }
    int rc = config_make_dirs(target, err, errlen);
    if (rc == 0 && (rc = outfile_open(&of, target, 1, NULL, msg, sizeof msg)) != 0)
        snprintf(err, errlen, "%s", msg);
    if (rc != 0) {
        if (in)
            fclose(in);
        return -1;
    }
    *found = settings_rewrite(in, of.f, key, value);
    if (in)
        fclose(in);
    if (*found < 0) {
        outfile_abort(&of);
        snprintf(err, errlen, "cannot rewrite %s: %s", target, strerror(errno));
        return -1;
    }
    if (outfile_commit(&of, err, errlen) != 0)
        return -1;
    return 0;
}

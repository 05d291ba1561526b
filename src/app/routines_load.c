/* SPDX-License-Identifier: BSD-2-Clause */
/* routines_load: built-in and own routines, with the file I/O the core
 * parser must not do. */
#include "src/app/routines_load.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "src/app/config.h"

#define BUILTIN_WHERE "built-in"

int routines_own_dir(char *out, size_t len)
{
    return config_file_path("routines", out, len);
}

/* "PATH:LINE: message", or "PATH: message" for the file as a whole. */
static void put_note(char *msg, size_t len, const char *path, const struct routine_error *e)
{
    if (e->line > 0)
        snprintf(msg, len, "%s:%ld: %s", path, e->line, e->msg);
    else
        snprintf(msg, len, "%s: %s", path, e->msg);
}

/* Reads at most ROUTINE_FILE_MAX bytes into buf (ROUTINE_FILE_MAX + 1
 * long); *n the bytes read, *size the file's size. 0, or -1 with errno. */
static int slurp(const char *path, char *buf, size_t *n, long long *size)
{
    struct stat sb;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return -1;
    }
    *size = (long long)sb.st_size;
    *n = fread(buf, 1, ROUTINE_FILE_MAX + 1, f);
    if (ferror(f)) {
        fclose(f);
        errno = EIO;
        return -1;
    }
    fclose(f);
    return 0;
}

int routines_read_file(const char *path, const struct routine_lib *lib, struct routine *out,
                       char *msg, size_t len)
{
    struct routine_error e = {0, ""};
    char code[ROUTINE_CODE_LEN];
    char *buf = malloc(ROUTINE_FILE_MAX + 1);
    size_t n = 0;
    long long size = 0;
    int rc = -1;
    if (!buf) {
        snprintf(msg, len, "%s: out of memory", path);
        return -1;
    }
    if (routine_code_from_name(path, code, sizeof code, e.msg, sizeof e.msg) != 0)
        put_note(msg, len, path, &e);
    else if (slurp(path, buf, &n, &size) != 0)
        snprintf(msg, len, "%s: %s", path, strerror(errno));
    else if (n > ROUTINE_FILE_MAX)
        snprintf(msg, len, "%s: the file is %lld bytes: a routine file is at most %d bytes", path,
                 size, ROUTINE_FILE_MAX);
    else if (routine_file_parse(buf, n, code, out, &e) != 0 ||
             (lib && routine_check_unique(out, lib->items, lib->n, &e) != 0))
        put_note(msg, len, path, &e);
    else
        rc = 0;
    free(buf);
    return rc;
}

/* Makes room for one more routine. 0, or -1 when memory runs out. */
static int lib_grow(struct routine_lib *lib, size_t *cap)
{
    struct routine *items;
    char(*where)[ROUTINES_PATH_LEN];
    size_t want = *cap ? *cap * 2 : 16;
    if (lib->n < *cap)
        return 0;
    items = realloc(lib->items, want * sizeof *items);
    if (!items)
        return -1;
    lib->items = items;
    where = realloc(lib->where, want * sizeof *where);
    if (!where)
        return -1;
    lib->where = where;
    *cap = want;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.routine names of dir, sorted; *n of them (heap, free each and the
 * array). NULL with *n 0 when there is none or dir cannot be read. */
static char **list_dir(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d)
        return NULL;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len < 9 || strcmp(de->d_name + len - 8, ".routine") != 0)
            continue;
        if (*n == cap) {
            char **more = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
            if (!more)
                break;
            names = more;
        }
        if ((names[*n] = strdup(de->d_name)) != NULL)
            ++*n;
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, by_name);
    return names;
}

static void refuse(struct routine_lib *lib, const char *note, void (*cb)(void *, const char *),
                   void *ctx)
{
    if (lib->nrefused++ == 0)
        snprintf(lib->first_note, sizeof lib->first_note, "%s", note);
    if (cb)
        cb(ctx, note);
}

static int load_builtins(struct routine_lib *lib, size_t *cap, char *err, size_t errlen)
{
    struct routine_error e;
    for (size_t i = 0; i < routines_builtin_count(); i++) {
        if (lib_grow(lib, cap) != 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        if (routines_builtin(i, &lib->items[lib->n], &e) != 0) {
            snprintf(err, errlen, "built-in routine %s:%ld: %s", routine_builtin_sources[i].code,
                     e.line, e.msg);
            return -1;
        }
        snprintf(lib->where[lib->n++], ROUTINES_PATH_LEN, "%s", BUILTIN_WHERE);
    }
    lib->nbuiltin = lib->n;
    return 0;
}

static void load_own(struct routine_lib *lib, size_t *cap, const char *dir,
                     void (*cb)(void *, const char *), void *ctx)
{
    size_t n = 0;
    char **names = list_dir(dir, &n);
    char path[ROUTINES_PATH_LEN], note[ROUTINES_NOTE_LEN];
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (w < 0 || (size_t)w >= sizeof path) {
            refuse(lib, "a routine file's path is too long", cb, ctx);
        } else if (i >= ROUTINES_OWN_MAX) {
            snprintf(note, sizeof note, "%s: at most %d own routines are read", path,
                     ROUTINES_OWN_MAX);
            refuse(lib, note, cb, ctx);
        } else if (lib_grow(lib, cap) != 0) {
            refuse(lib, "out of memory reading the own routines", cb, ctx);
        } else if (routines_read_file(path, lib, &lib->items[lib->n], note, sizeof note) != 0) {
            refuse(lib, note, cb, ctx);
        } else {
            snprintf(lib->where[lib->n++], ROUTINES_PATH_LEN, "%s", path);
        }
        free(names[i]);
    }
    free(names);
}

int routines_load(struct routine_lib *lib, const char *dir, void (*note)(void *, const char *),
                  void *note_ctx, char *err, size_t errlen)
{
    char own[ROUTINES_PATH_LEN];
    size_t cap = 0;
    memset(lib, 0, sizeof *lib);
    if (load_builtins(lib, &cap, err, errlen) != 0) {
        routines_free(lib);
        return -1;
    }
    if (!dir && routines_own_dir(own, sizeof own) == 0)
        dir = own;
    if (dir)
        load_own(lib, &cap, dir, note, note_ctx);
    return 0;
}

void routines_free(struct routine_lib *lib)
{
    free(lib->items);
    free(lib->where);
    memset(lib, 0, sizeof *lib);
}

const struct routine *routines_find(const struct routine_lib *lib, const char *typed, int region,
                                    char *err, size_t errlen)
{
    char want[ROUTINE_CODE_LEN + 8];
    const char *s = typed ? typed + strspn(typed, " \t") : "";
    size_t used = strcspn(s, " \t\n");
    if (s[used + strspn(s + used, " \t\n")] != '\0')
        used = strlen(s); /* "daily x" is no code */
    snprintf(want, sizeof want, "%.*s", (int)used, s); /* blanks around ignored */
    if (strcasecmp(want, ROUTINE_LEGACY_FIRST_AID) == 0)
        snprintf(want, sizeof want, "%s", routine_first_aid_code(region));
    for (size_t i = 0; i < lib->n; i++)
        if (strcasecmp(lib->items[i].code, want) == 0)
            return &lib->items[i];
    used = (size_t)snprintf(err, errlen, "unknown routine \"%.24s\": use %s", want,
                            ROUTINE_LEGACY_FIRST_AID);
    for (size_t i = 0; i < lib->n && used < errlen; i++)
        used += (size_t)snprintf(err + used, errlen - used, ", %s", lib->items[i].code);
    return NULL;
}

void routines_put_first(struct routine_lib *lib, size_t i)
{
    struct routine keep;
    char where[ROUTINES_PATH_LEN];
    if (i == 0 || i >= lib->n)
        return;
    keep = lib->items[i];
    memcpy(where, lib->where[i], sizeof where);
    memmove(&lib->items[1], &lib->items[0], i * sizeof lib->items[0]);
    memmove(&lib->where[1], &lib->where[0], i * sizeof lib->where[0]);
    lib->items[0] = keep;
    memcpy(lib->where[0], where, sizeof where);
}

size_t routines_first_aid_index(const struct routine_lib *lib, int region)
{
    const char *code = routine_first_aid_code(region);
    for (size_t i = 0; i < lib->n; i++)
        if (strcmp(lib->items[i].code, code) == 0)
            return i;
    return lib->n;
}

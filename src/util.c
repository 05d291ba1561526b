/* SPDX-License-Identifier: BSD-2-Clause */
/* util: the shared helpers of util.h. */
#include "src/util.h"

#include <stdio.h>
#include <string.h>

void err_at_linev(char *err, size_t errlen, long line, const char *fmt, va_list ap)
{
    if (!err || errlen == 0)
        return;
    int n = snprintf(err, errlen, "line %ld: ", line);
    if (n > 0 && (size_t)n < errlen)
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
}

void err_at_line(char *err, size_t errlen, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_at_linev(err, errlen, line, fmt, ap);
    va_end(ap);
}

int path_dir(const char *path, char *out, size_t outlen)
{
    const char *slash = strrchr(path, '/');
    int n = slash ? snprintf(out, outlen, "%.*s", (int)(slash - path + (slash == path)), path)
                  : snprintf(out, outlen, ".");
    return n >= 0 && (size_t)n < outlen ? 0 : -1;
}

const char *path_extension(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    const char *slash = path ? strrchr(path, '/') : NULL;
    return dot && (!slash || dot > slash) ? dot + 1 : NULL;
}

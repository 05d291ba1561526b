/* SPDX-License-Identifier: BSD-2-Clause */
/* util: the few macros and helpers every layer shares, defined once (in
 * the spirit of htop's Macros.h). Pure: libc only. */
#ifndef UNKNOT_UTIL_H
#define UNKNOT_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Number of elements of an array (not of a pointer). */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Lets the compiler check a printf-style format: fmt is the position of
 * the format argument, args that of the first value (0 for a va_list). */
#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PRINTF_LIKE(fmt, args)
#endif

/* Bytes of every one-line error message buffer, in every layer: a message
 * written by one layer is never cut when another passes it on. */
#define UNKNOT_ERR_LEN 512

/* The extension of a file name: what follows the last '.' of its last
 * '/'-separated component ("md" for "a/b.md"), or NULL without one. Points
 * into path. The one rule by which report and export pick a format. */
const char *path_extension(const char *path);

/* The directory part of path into out (outlen bytes): "." for a bare name,
 * "/" for "/name", "a/b" for "a/b/c". Where SQLite puts a database's -wal
 * and -shm, and outputs their temporary file. Returns 0, or -1 when it
 * does not fit. */
int path_dir(const char *path, char *out, size_t outlen);

/* Writes "line N: " and the formatted message into err (errlen bytes,
 * always NUL-terminated when errlen > 0, cut to fit). The one spelling of
 * a message placed at an input line, for the CSV, JSON and import readers. */
void err_at_line(char *err, size_t errlen, long line, const char *fmt, ...) PRINTF_LIKE(4, 5);

/* err_at_line with the values in a va_list (for a reader's own variadic
 * fail function); ap is used up. */
void err_at_linev(char *err, size_t errlen, long line, const char *fmt, va_list ap)
    PRINTF_LIKE(4, 0);

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
/* memfile: a read-only stream over bytes in memory, for fuzz targets and
 * CLI fixtures. fmemopen(3) takes a non-const buffer, so a const input
 * would need a cast that hides a promise; an unlinked temporary file holds
 * a copy instead, and works for zero bytes too. NULL on failure. */
#ifndef UNKNOT_TESTS_MEMFILE_H
#define UNKNOT_TESTS_MEMFILE_H

#include <stddef.h>
#include <stdio.h>

static inline FILE *memfile_open(const void *data, size_t size)
{
    FILE *f = tmpfile();
    if (!f)
        return NULL;
    if ((size && fwrite(data, 1, size, f) != size) || fflush(f) != 0 || fseek(f, 0, SEEK_SET)) {
        fclose(f);
        return NULL;
    }
    return f;
}

#endif

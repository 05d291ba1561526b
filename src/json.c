/* SPDX-License-Identifier: BSD-2-Clause */
#include "src/json.h"

#include <string.h>

#include "src/text.h"

void json_write_string(FILE *f, const char *s)
{
    size_t len = strlen(s);
    fputc('"', f);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = text_decode(s + i, len - i, &cp);
        if (n == 1 && (unsigned char)s[i] >= 0x80)
            fputs("\\ufffd", f); /* not UTF-8: a hand-edited database */
        else if (cp == '"')
            fputs("\\\"", f);
        else if (cp == '\\')
            fputs("\\\\", f);
        else if (cp == '\n')
            fputs("\\n", f);
        else if (cp == '\r')
            fputs("\\r", f);
        else if (cp == '\t')
            fputs("\\t", f);
        else if (text_cp_refused(cp))
            fprintf(f, "\\u%04x", (unsigned)cp); /* every refused one is below U+10000 */
        else
            fwrite(s + i, 1, n, f);
        i += n;
    }
    fputc('"', f);
}

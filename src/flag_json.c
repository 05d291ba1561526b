/* SPDX-License-Identifier: BSD-2-Clause */
/* flag_json: one flag as JSON (see flag_json.h). */
#include "src/flag_json.h"

#include <inttypes.h>

#include "src/json.h"
#include "src/when.h"

void flag_json_time(FILE *f, const char *name, int64_t t)
{
    char iso[WHEN_FMT_LEN];
    when_format_iso(t, iso, sizeof(iso));
    fputc('"', f);
    fputs(name, f);
    fprintf(f, "\": \"%s\"", iso);
}

void flag_write_json(FILE *f, const struct flag *fl)
{
    fprintf(f, "{\"kind\": \"%s\", \"level\": \"%s\", \"title\": ", flag_kind_code(fl->kind),
            flag_level_code(fl->level));
    json_write_string(f, fl->title);
    fputs(", \"advice\": ", f);
    json_write_string(f, fl->advice);
    fputs(", \"note\": ", f);
    json_write_string(f, fl->note);
    fputs(", ", f);
    flag_json_time(f, "from", fl->from);
    fputs(", ", f);
    flag_json_time(f, "to", fl->to);
    fprintf(f, ", \"span_s\": %" PRId64 ", \"days\": %zu, \"total\": %zu, \"episodes\": [",
            fl->span, fl->days, fl->total);
    for (size_t i = 0; i < fl->nrefs; i++) {
        fprintf(f, "%s{\"id\": %" PRId64 ", ", i ? ", " : "", fl->refs[i].id);
        flag_json_time(f, "started_at", fl->refs[i].started_at);
        fputc('}', f);
    }
    fputs("]}", f);
}

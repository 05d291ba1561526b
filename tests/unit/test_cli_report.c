/* SPDX-License-Identifier: BSD-2-Clause */
/* report, export, import and backup driven in-process with memory
 * streams, temporary databases and a fixed clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>


#include "tests/unit/cli_fixture.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void spill(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static void history(struct fixture *f)
{
    assert_int_equal(run(f, "log|--at|2026-11-01 08:00|--for|2h|-i|6|-r|lower|--trigger|lifting|"
                            "--med|ibuprofen 400 mg|--note|bent, \"then\" stuck"),
                     CLI_OK);
    assert_int_equal(run(f, "log|--at|2026-11-10 09:00|--for|30m|-i|3|-r|neck|--relief|heat"),
                     CLI_OK);
    assert_int_equal(run(f, "log|--at|2026-06-01 09:00|--for|1h|-i|2|-r|mid"), CLI_OK);
    assert_int_equal(run(f, "check|--yes|12"), CLI_OK);
}

static void test_report_default_period(void **state)
{
    struct fixture *f = *state;
    history(f);
    assert_int_equal(run(f, "report"), CLI_OK);
    /* The last 90 days including today: from midnight of 2026-08-21. */
    assert_non_null(strstr(f->out, "unknot appointment report\n"));
    assert_non_null(strstr(f->out, "  from                                      2026-08-21 00:00\n"));
    assert_non_null(strstr(f->out, "  report made                               2026-11-18 11:06\n"));
    assert_non_null(strstr(f->out, "  episodes                                  2\n"));
    assert_non_null(strstr(f->out, "ibuprofen 400 mg"));
    /* --since with the same date names the same instant: the same bytes. */
    char *dflt = strdup(f->out);
    assert_int_equal(run(f, "report|--since|2026-08-21|--until|now"), CLI_OK);
    assert_string_equal(f->out, dflt);
    free(dflt);
    assert_int_equal(run(f, "report|--since|2026-01-01"), CLI_OK);
    assert_non_null(strstr(f->out, "  episodes                                  3\n"));
}

static void test_report_formats(void **state)
{
    struct fixture *f = *state;
    history(f);
    assert_int_equal(run(f, "report|--format|json"), CLI_OK);
    assert_true(f->out[0] == '{');
    assert_non_null(strstr(f->out, "\"median_s\": "));
    assert_int_equal(run(f, "report|--format|markdown"), CLI_OK);
    assert_true(strncmp(f->out, "# unknot appointment report\n", 28) == 0);
    assert_int_equal(run(f, "report|--format|csv"), CLI_OK);
    assert_true(strncmp(f->out, "section,key,label,value\r\n", 25) == 0);
    assert_int_equal(run(f, "report|--format|pdf"), CLI_USAGE);
    assert_string_equal(f->err, "unknot report: invalid format \"pdf\": use text, markdown, csv "
                                "or json\n");
    assert_int_equal(run(f, "report|--since|2026-11-10|--until|2026-11-01"), CLI_USAGE);
    assert_non_null(strstr(f->err, "starts after it ends"));
    assert_int_equal(run(f, "report|--since|whenever"), CLI_USAGE);
    assert_non_null(strstr(f->err, "unknot report: invalid time \"whenever\""));
    assert_int_equal(run(f, "report|--bogus"), CLI_USAGE);
    assert_int_equal(run(f, "report|--force"), CLI_USAGE);
    assert_string_equal(f->err, "unknot report: --force goes with -o FILE\n");
    assert_int_equal(run(f, "report|extra"), CLI_USAGE);
    assert_int_equal(run(f, "report|--help"), CLI_OK);
    assert_non_null(strstr(f->out, "usage: unknot report"));
}

static void test_report_output_file(void **state)
{
    struct fixture *f = *state;
    char path[160], tmp[170];
    struct stat sb;
    history(f);
    snprintf(path, sizeof path, "%s/r.md", f->dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(run(f, "report|-o|@/r.md"), CLI_OK);
    assert_non_null(strstr(f->out, "Wrote the report to "));
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char *md = slurp(path);
    assert_true(strncmp(md, "# unknot appointment report\n", 28) == 0);
    /* Refused without --force, and the file is left as it was. */
    assert_int_equal(run(f, "report|--format|text|-o|@/r.md"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "r.md already exists: add --force to replace it"));
    char *same = slurp(path);
    assert_string_equal(md, same);
    assert_int_equal(run(f, "report|--format|text|-o|@/r.md|--force"), CLI_OK);
    char *text = slurp(path);
    assert_true(strncmp(text, "unknot appointment report\n", 26) == 0);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(access(tmp, F_OK), -1);
    free(md);
    free(same);
    free(text);
    /* A name without a known extension is text. */
    assert_int_equal(run(f, "report|-o|@/report"), CLI_OK);
    text = slurp(strcat(strcpy(path, f->dir), "/report"));
    assert_true(strncmp(text, "unknot appointment report\n", 26) == 0);
    free(text);
    assert_int_equal(run(f, "report|-o|@/no/such/dir/r.txt"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "cannot create"));
}

static void test_export_import_round_trip(void **state)
{
    struct fixture *f = *state;
    char other[128], path[160];
    history(f);
    snprintf(other, sizeof other, "%s/other.db", f->dir);
    for (int json = 0; json < 2; json++) {
        assert_int_equal(run(f, json ? "export|-o|@/e.json" : "export|-o|@/e.csv"), CLI_OK);
        snprintf(path, sizeof path, "%s/%s", f->dir, json ? "e.json" : "e.csv");
        char *first = slurp(path);
        assert_true(json ? first[0] == '{' : strncmp(first, "#unknot-export,3\r\n", 18) == 0);
        unlink(other);
        assert_int_equal(run_db(f, other, json ? "import|@/e.json" : "import|@/e.csv"), CLI_OK);
        assert_non_null(strstr(f->out, "Imported 3 episodes (3 tags), 0 sessions and 1 check"));
        assert_non_null(strstr(f->out, "\nImported 3 pain readings and 0 treatments.\n"));
        assert_int_equal(run_db(f, other, json ? "export|--format|json" : "export"), CLI_OK);
        assert_string_equal(f->out, first);
        /* The same rows again: refused, nothing written. */
        assert_int_equal(run_db(f, other, json ? "import|@/e.json" : "import|@/e.csv"),
                         CLI_RUNTIME);
        assert_non_null(strstr(f->err, "episode 3 is already in this database"));
        assert_non_null(strstr(f->err, "; nothing was imported\n"));
        free(first);
    }
}

static void test_import_errors(void **state)
{
    struct fixture *f = *state;
    char path[160];
    snprintf(path, sizeof path, "%s/bad.csv", f->dir);
    spill(path, "#unknot-export,1\r\n"
                "#episode,id,started_at,ended_at,intensity,region,side,notes,created_at,"
                "updated_at\r\n#tag,episode_id,kind,tag\r\n"
                "#session,id,kind,routine,hold_s,planned_s,elapsed_s,started_at,ended_at,status,"
                "episode_id,pain_before,pain_after\r\n#check,id,taken_at,verdict\r\n"
                "#answer,check_id,item,answer\r\n"
                "episode,1,2026-11-01T08:00:00Z,,4,lower,,,,\r\n"
                "episode,2,2026-11-02T08:00:00Z,,eleven,lower,,,,\r\n");
    assert_int_equal(run(f, "import|@/bad.csv"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "bad.csv: line 8: invalid intensity \"eleven\": use a whole "
                                   "number from 0 (none) to 10 (worst); nothing was imported\n"));
    assert_int_equal(run(f, "list"), CLI_OK);
    assert_string_equal(f->out, "No episodes.\n");
    assert_int_equal(run(f, "import|@/missing.csv"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "cannot read"));
    assert_int_equal(run(f, "import"), CLI_USAGE);
    assert_int_equal(run(f, "import|a|b"), CLI_USAGE);
    assert_int_equal(run(f, "export|--format|xml"), CLI_USAGE);
    assert_string_equal(f->err, "unknot export: invalid format \"xml\": use csv or json\n");
    assert_int_equal(run(f, "export|--since|2026-01-01"), CLI_USAGE);
}

static void test_backup(void **state)
{
    struct fixture *f = *state;
    char copy[128];
    struct stat sb;
    history(f);
    snprintf(copy, sizeof copy, "%s/b.db", f->dir);
    assert_int_equal(run(f, "backup|@/b.db"), CLI_OK);
    assert_non_null(strstr(f->out, "Backed up the database to "));
    assert_int_equal(stat(copy, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(run_db(f, copy, "list"), CLI_OK);
    assert_non_null(strstr(f->out, "lower back"));
    assert_int_equal(run(f, "backup|@/b.db"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "b.db already exists: add --force to replace it"));
    assert_int_equal(run(f, "backup|--force|@/b.db"), CLI_OK);
    assert_int_equal(run(f, "backup"), CLI_USAGE);
    assert_int_equal(run(f, "backup|x|y"), CLI_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_report_default_period, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_formats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_output_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_import_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup, setup, teardown),
    };
    return cmocka_run_group_tests_name("cli_report", tests, NULL, NULL);
}

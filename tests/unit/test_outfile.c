/* SPDX-License-Identifier: BSD-2-Clause */
/* outfile: where an output goes (the database never, devices and FIFOs in
 * place, symlinks followed), the temporary file and its publication, and
 * the signals that remove it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/app/outfile.h"
#include "src/util.h"
#include "tests/unit/store_fixture.h"

static char g_db[128];

static void touch(const char *rel, const char *text)
{
    char p[128];
    tpath(p, sizeof p, rel);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void slurp(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Files of outfile.h's temporary name in the suite's directory. */
static int tmp_count(void)
{
    DIR *d = opendir(g_root);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)))
        n += strstr(e->d_name, OUTFILE_TMP_TAG) != NULL;
    closedir(d);
    return n;
}

static int setup(void **state)
{
    char p[128], q[128];
    if (store_fixture_setup(state) != 0)
        return -1;
    tpath(g_db, sizeof g_db, "u.db");
    touch("u.db", "db");
    touch("u.db-wal", "wal");
    touch("plain.txt", "old");
    tpath(p, sizeof p, "sub");
    mkdir(p, 0700);
    tpath(p, sizeof p, "fifo");
    mkfifo(p, 0600);
    tpath(p, sizeof p, "link-plain");
    symlink("plain.txt", p);
    tpath(p, sizeof p, "link-db");
    symlink("u.db", p);
    tpath(p, sizeof p, "link-none");
    symlink("missing/nothing", p);
    tpath(p, sizeof p, "link-sub");
    symlink("sub", p);
    tpath(p, sizeof p, "u.db");
    tpath(q, sizeof q, "hard.db");
    link(p, q);
    return 0;
}

struct plan_case {
    const char *rel; /* in the suite's directory, or absolute with a leading '/' */
    int replace, regular_only;
    int rc;
    enum outfile_kind kind;
    const char *msg; /* part of the message, when rc != 0 */
};

static const struct plan_case plan_cases[] = {
    {"new.csv", 0, 0, 0, OUTFILE_NEW, NULL},
    {"new.csv", 1, 0, 0, OUTFILE_NEW, NULL},
    {"plain.txt", 0, 0, OUTFILE_EXISTS, 0, "plain.txt already exists"},
    {"plain.txt", 1, 0, 0, OUTFILE_REPLACE, NULL},
    {"link-plain", 1, 0, 0, OUTFILE_REPLACE, NULL},
    {"link-plain", 0, 0, OUTFILE_EXISTS, 0, "already exists"},
    {"link-none", 1, 0, -1, 0, "is a symbolic link to a missing file"},
    {"fifo", 0, 0, 0, OUTFILE_IN_PLACE, NULL},
    {"fifo", 1, 0, 0, OUTFILE_IN_PLACE, NULL},
    {"fifo", 1, 1, -1, 0, "is not a regular file (a device or FIFO)"},
    {"/dev/null", 0, 0, 0, OUTFILE_IN_PLACE, NULL},
    {"/dev/null", 1, 1, -1, 0, "is not a regular file"},
    {"sub", 1, 0, -1, 0, "is a directory"},
    {"link-sub", 1, 0, -1, 0, "is a directory"},
    /* The database under every name, with and without replace. */
    {"u.db", 1, 0, OUTFILE_IS_DB, 0, "is the database in use"},
    {"u.db", 0, 0, OUTFILE_IS_DB, 0, "is the database in use"},
    {"u.db-wal", 1, 0, OUTFILE_IS_DB, 0, "is the database in use"},
    {"u.db-shm", 1, 0, OUTFILE_IS_DB, 0, "is the database in use"}, /* not there yet */
    {"u.db-journal", 0, 0, OUTFILE_IS_DB, 0, "is the database in use"},
    {"sub/../u.db", 1, 0, OUTFILE_IS_DB, 0, "is the database in use"},
    {"link-sub/../u.db-shm", 1, 0, OUTFILE_IS_DB, 0, "is the database in use"},
    {"link-db", 1, 0, OUTFILE_IS_DB, 0, "is the database in use"},
    {"hard.db", 1, 0, OUTFILE_IS_DB, 0, "is the database in use"},
    {"u.db-walx", 1, 0, 0, OUTFILE_NEW, NULL},
    {"", 1, 0, -1, 0, "no file name given"},
};

static void test_plan(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof plan_cases / sizeof plan_cases[0]; i++) {
        const struct plan_case *c = &plan_cases[i];
        char path[128], target[256], err[256] = "";
        enum outfile_kind kind = OUTFILE_NEW;
        if (c->rel[0] == '/' || !c->rel[0])
            snprintf(path, sizeof path, "%s", c->rel);
        else
            tpath(path, sizeof path, c->rel);
        int rc = outfile_plan(path, c->replace, g_db, c->regular_only, &kind, target,
                              sizeof target, err, sizeof err);
        if (rc != c->rc)
            fail_msg("%s (replace %d): rc %d, wanted %d (%s)", c->rel, c->replace, rc, c->rc,
                     err);
        if (rc == 0 && kind != c->kind)
            fail_msg("%s: kind %d, wanted %d", c->rel, kind, c->kind);
        if (c->msg && !strstr(err, c->msg))
            fail_msg("%s: message \"%s\" lacks \"%s\"", c->rel, err, c->msg);
        if (c->msg)
            assert_null(strchr(err, '\n'));
    }
    /* No database given: only the path's own kind counts. */
    char path[128], target[256], err[256];
    enum outfile_kind kind;
    tpath(path, sizeof path, "u.db");
    assert_int_equal(outfile_plan(path, 1, NULL, 0, &kind, target, sizeof target, err,
                                  sizeof err), 0);
    assert_int_equal(kind, OUTFILE_REPLACE);
    /* A symlink is followed: the target is what it points at. */
    tpath(path, sizeof path, "link-plain");
    assert_int_equal(outfile_plan(path, 1, g_db, 0, &kind, target, sizeof target, err,
                                  sizeof err), 0);
    assert_non_null(strstr(target, "/plain.txt"));
    assert_int_equal(tmp_count(), 0); /* planning creates nothing */
}

static void write_all(const char *rel, int replace, const char *text, int want)
{
    char path[128], err[256] = "";
    struct outfile o;
    tpath(path, sizeof path, rel);
    int rc = outfile_open(&o, path, replace, g_db, err, sizeof err);
    if (rc != 0) {
        assert_int_equal(rc, want);
        return;
    }
    fputs(text, o.f);
    rc = outfile_commit(&o, err, sizeof err);
    if (rc != want)
        fail_msg("%s: commit %d, wanted %d (%s)", rel, rc, want, err);
}

static void test_write_and_publish(void **state)
{
    char path[128], buf[64];
    struct stat sb;
    (void)state;
    mode_t old = umask(0);
    write_all("out.csv", 0, "one", 0);
    umask(old);
    tpath(path, sizeof path, "out.csv");
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "one");
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    write_all("out.csv", 0, "two", OUTFILE_EXISTS);
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "one");
    write_all("out.csv", 1, "three", 0);
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "three");
    /* Through a symlink: the file it points at changes, the link stays. */
    write_all("link-plain", 1, "via link", 0);
    tpath(path, sizeof path, "plain.txt");
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "via link");
    tpath(path, sizeof path, "link-plain");
    assert_int_equal(lstat(path, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    /* The database is never written, whatever the name. */
    write_all("link-db", 1, "gone", OUTFILE_IS_DB);
    slurp(g_db, buf, sizeof buf);
    assert_string_equal(buf, "db");
    /* /dev/null stays a device. */
    struct outfile o;
    char err[256];
    assert_int_equal(outfile_open(&o, "/dev/null", 1, g_db, err, sizeof err), 0);
    assert_int_equal(o.kind, OUTFILE_IN_PLACE);
    assert_null(o.tmp);
    fputs("x", o.f);
    assert_int_equal(outfile_commit(&o, err, sizeof err), 0);
    assert_int_equal(stat("/dev/null", &sb), 0);
    assert_true(S_ISCHR(sb.st_mode));
    assert_int_equal(tmp_count(), 0);
}

/* Without replace, a file that appears while the output is written wins. */
static void test_no_clobber(void **state)
{
    char path[128], buf[64], err[256];
    struct outfile o;
    (void)state;
    tpath(path, sizeof path, "race.csv");
    assert_int_equal(outfile_open(&o, path, 0, g_db, err, sizeof err), 0);
    assert_non_null(o.tmp);
    assert_non_null(strstr(o.tmp, "/.race.csv" OUTFILE_TMP_TAG));
    fputs("mine", o.f);
    touch("race.csv", "theirs");
    assert_int_equal(outfile_commit(&o, err, sizeof err), OUTFILE_EXISTS);
    assert_non_null(strstr(err, "appeared while writing"));
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "theirs");
    assert_int_equal(tmp_count(), 0);
    /* An abort removes the temporary file and leaves nothing. */
    tpath(path, sizeof path, "aborted.csv");
    assert_int_equal(outfile_open(&o, path, 0, g_db, err, sizeof err), 0);
    assert_int_equal(tmp_count(), 1);
    outfile_abort(&o);
    outfile_abort(&o); /* twice is safe */
    assert_int_equal(tmp_count(), 0);
    assert_int_equal(access(path, F_OK), -1);
    /* For a writer by name (the backup): an empty file, then published. */
    tpath(path, sizeof path, "copy.db");
    assert_int_equal(outfile_open_file(&o, path, 0, g_db, err, sizeof err), 0);
    assert_null(o.f);
    FILE *f = fopen(o.tmp, "w");
    assert_non_null(f);
    fputs("copy", f);
    fclose(f);
    assert_int_equal(outfile_commit(&o, err, sizeof err), 0);
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "copy");
}

/* The directory of a path: where its -wal and temporary files go. */
static void test_path_dir(void **state)
{
    static const char *const cases[][2] = {
        {"u.db", "."}, {"/u.db", "/"}, {"./u.db", "."}, {"a/b/u.db", "a/b"},
        {"/tmp/x/u.db", "/tmp/x"}, {"a//u.db", "a/"},
    };
    char dir[16];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(path_dir(cases[i][0], dir, sizeof dir), 0);
        assert_string_equal(dir, cases[i][1]);
    }
    assert_int_equal(path_dir("/a/very/long/directory/u.db", dir, sizeof dir), -1);
}

static volatile sig_atomic_t g_handled;
static void own_handler(int sig)
{
    g_handled = sig;
}

/* In a child: opens an output, then raises sig; 0 when it lived. */
static void child_raise(const char *path, int sig)
{
    char err[256];
    struct outfile o;
    if (outfile_open(&o, path, 0, NULL, err, sizeof err) != 0)
        _exit(3);
    fputs("partial", o.f);
    fflush(o.f);
    raise(sig);
    _exit(g_handled == sig ? 0 : 4);
}

static void test_signals_remove_tmp(void **state)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    char path[128];
    (void)state;
    tpath(path, sizeof path, "sig.csv");
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            child_raise(path, sigs[i]);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status)); /* the default action still ends it */
        assert_int_equal(WTERMSIG(status), sigs[i]);
        assert_int_equal(tmp_count(), 0);
        assert_int_equal(access(path, F_OK), -1);
    }
    /* A program's own handler (the full-screen app's) is still called. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGTERM, own_handler);
        child_raise(path, SIGTERM);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(tmp_count(), 0);
}

/* In a child: opens an output, then a second one inside it (as the
 * verified cache is written while an export opens the database), commits
 * the second, then raises sig: the first's temporary file must still go,
 * and the default action still end the child (no handler calling itself). */
static void child_nested_raise(const char *outer_path, const char *inner_path, int sig)
{
    char err[256];
    struct outfile outer, inner;
    if (outfile_open(&outer, outer_path, 0, NULL, err, sizeof err) != 0 ||
        outfile_open(&inner, inner_path, 0, NULL, err, sizeof err) != 0)
        _exit(3);
    fputs("inner", inner.f);
    if (outfile_commit(&inner, err, sizeof err) != 0)
        _exit(5);
    fputs("partial", outer.f);
    fflush(outer.f);
    raise(sig);
    _exit(4);
}

static void test_signals_nested_outputs(void **state)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    char outer[128], inner[128];
    (void)state;
    tpath(outer, sizeof outer, "outer.csv");
    tpath(inner, sizeof inner, "inner.txt");
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        unlink(inner);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            child_nested_raise(outer, inner, sigs[i]);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), sigs[i]);
        assert_int_equal(tmp_count(), 0);
        assert_int_equal(access(outer, F_OK), -1);
        assert_int_equal(access(inner, F_OK), 0); /* the committed one stays */
    }
    /* Both done: the program's handlers are back, exactly as they were. */
    struct outfile a, b;
    struct sigaction now;
    char err[256];
    unlink(inner);
    signal(SIGHUP, own_handler);
    assert_int_equal(outfile_open(&a, outer, 0, NULL, err, sizeof err), 0);
    assert_int_equal(outfile_open(&b, inner, 0, NULL, err, sizeof err), 0);
    outfile_abort(&a); /* in any order */
    sigaction(SIGHUP, NULL, &now);
    assert_false(now.sa_handler == own_handler); /* b still needs ours */
    outfile_abort(&b);
    sigaction(SIGHUP, NULL, &now);
    assert_true(now.sa_handler == own_handler);
    signal(SIGHUP, SIG_DFL);
    assert_int_equal(tmp_count(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan),
        cmocka_unit_test(test_path_dir),
        cmocka_unit_test(test_write_and_publish),
        cmocka_unit_test(test_no_clobber),
        cmocka_unit_test(test_signals_remove_tmp),
        cmocka_unit_test(test_signals_nested_outputs),
    };
    return cmocka_run_group_tests(tests, setup, store_fixture_teardown);
}

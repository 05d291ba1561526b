/* SPDX-License-Identifier: BSD-2-Clause */
/* Tests of the command table (src/app/cli_table.h) against the commands
 * themselves: every command answers --help with its usage, which names
 * each of its long options; every value kind names an option that takes
 * a value; --help and the three completion scripts list exactly the
 * visible commands; the scripts carry the core's vocabularies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/cli_fixture.h"

#include "src/app/cli_table.h"
#include "src/episode.h"
#include "src/session.h"

static const struct option *find_option(const struct cli_command *c, const char *name)
{
    for (const struct option *o = c->options; o && o->name; o++)
        if (strcmp(o->name, name) == 0)
            return o;
    return NULL;
}

static void test_every_command_has_help(void **state)
{
    struct fixture *f = *state;
    size_t n;
    const struct cli_command *cmds = cli_commands(&n);
    assert_true(n > 10);
    for (size_t i = 0; i < n; i++) {
        char line[64], usage[64], opt[64];
        snprintf(line, sizeof line, "%s|--help", cmds[i].name);
        assert_int_equal(run(f, line), CLI_OK);
        snprintf(usage, sizeof usage, "usage: unknot %s", cmds[i].name);
        if (strncmp(f->out, usage, strlen(usage)) != 0)
            fail_msg("%s --help: %s", cmds[i].name, f->out);
        if (!cmds[i].options)
            fail_msg("%s: no options table in the command table (cli_table.h): the "
                     "completions cannot offer its options",
                     cmds[i].name);
        for (const struct option *o = cmds[i].options; o->name; o++) {
            char short_opt[8];
            int has_short = o->val >= 'a' && o->val <= 'z'; /* -r REGION names --region */
            snprintf(opt, sizeof opt, "--%s", o->name);
            snprintf(short_opt, sizeof short_opt, "-%c ", has_short ? o->val : '?');
            if (strcmp(o->name, "help") != 0 && !strstr(f->out, opt) &&
                !(has_short && strstr(f->out, short_opt)))
                fail_msg("%s --help does not name %s", cmds[i].name, opt);
        }
    }
}

static void test_value_kinds_name_options(void **state)
{
    (void)state;
    size_t n;
    const struct cli_command *cmds = cli_commands(&n);
    for (size_t i = 0; i < n; i++)
        for (const struct cli_argspec *a = cmds[i].args; a && a->arg != CLI_ARG_FREE; a++) {
            if (!a->option)
                continue;
            const struct option *o = find_option(&cmds[i], a->option);
            if (!o || o->has_arg != required_argument)
                fail_msg("%s: --%s has a value kind but takes no value", cmds[i].name, a->option);
            assert_ptr_equal(cli_command_arg(&cmds[i], a->option), a);
        }
    const struct cli_command *log = cli_command_find("log");
    assert_non_null(log);
    assert_int_equal(cli_command_arg(log, "region")->arg, CLI_ARG_REGION);
    assert_null(cli_command_arg(log, "note"));
    assert_null(cli_command_arg(log, NULL)); /* log takes no operand */
    assert_int_equal(cli_command_arg(cli_command_find("timer"), NULL)->arg, CLI_ARG_TIMER);
    assert_null(cli_command_find("nosuch"));
}

/* name appears in text as a whole word. */
static int has_word(const char *text, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = strstr(text, name); p; p = strstr(p + 1, name))
        if ((p == text || strchr(" \"'\n", p[-1])) && strchr(" \"'\n", p[len]))
            return 1;
    return 0;
}

static void test_help_and_completions_list_the_commands(void **state)
{
    struct fixture *f = *state;
    static const char *const shells[] = {"bash", "zsh", "fish"};
    size_t n;
    const struct cli_command *cmds = cli_commands(&n);
    char *usage = NULL;
    size_t len = 0;
    FILE *u = open_memstream(&usage, &len);
    assert_non_null(u);
    cli_usage(u);
    fclose(u);
    for (size_t s = 0; s < 3; s++) {
        char line[64], first[160], head[40];
        snprintf(line, sizeof line, "completions|%s", shells[s]);
        assert_int_equal(run(f, line), CLI_OK);
        assert_string_equal(f->err, "");
        /* bash and zsh list the commands on one line, fish one a line */
        const char *list = f->out;
        if (s < 2) {
            const char *p = strstr(f->out, "_unknot_cmds=\"");
            assert_non_null(p);
            snprintf(first, sizeof first, "%.*s", (int)strcspn(p + 14, "\n"), p + 14);
            list = first;
        }
        for (size_t i = 0; i < n; i++) {
            snprintf(head, sizeof head, "-a %s -d", cmds[i].name);
            int listed = s < 2 ? has_word(list, cmds[i].name) : strstr(list, head) != NULL;
            snprintf(head, sizeof head, "\n  %-8s ", cmds[i].name);
            int in_help = strstr(usage, head) != NULL;
            if (listed != !cmds[i].hidden || in_help != !cmds[i].hidden)
                fail_msg("%s: hidden %d, in the %s script %d, in --help %d", cmds[i].name,
                         cmds[i].hidden, shells[s], listed, in_help);
        }
    }
    free(usage);
    assert_int_equal(run(f, "completions|tcsh"), CLI_USAGE);
    assert_string_equal(f->err, "unknot completions: give the shell: bash, zsh or fish\n");
}

/* The vocabularies come from the core's tables, not a copy. */
static void test_scripts_carry_the_vocabularies(void **state)
{
    struct fixture *f = *state;
    char words[256] = "";
    size_t used = 0, nv;
    for (int r = 0; r < REGION_COUNT; r++)
        used += (size_t)snprintf(words + used, sizeof words - used, "%s%s", r ? " " : "",
                                 region_code((enum region)r));
    char want[300];
    assert_int_equal(run(f, "completions|bash"), CLI_OK);
    snprintf(want, sizeof want, "\"log --region\"|\"log -r\") _unknot_reply \"%s\" ;;", words);
    assert_non_null(strstr(f->out, want));
    assert_non_null(strstr(f->out, "\"timer --routine\") _unknot_reply \"$(_unknot_run routines "
                                   "--names)\" ;;"));
    snprintf(want, sizeof want, "\"timer \") _unknot_reply \"%s %s %s\" ;;",
             session_kind_code(SESSION_STRETCH), session_kind_code(SESSION_ICE),
             session_kind_code(SESSION_HEAT));
    assert_non_null(strstr(f->out, want));
    const struct vocab *v = episode_vocab(TAG_SYMPTOM, &nv);
    for (size_t i = 0; i < nv; i++)
        assert_true(has_word(f->out, strcmp(v[i].code, "other") ? v[i].code : "other:"));
    assert_non_null(strstr(f->out, "\"export --table\") _unknot_reply \"episodes sessions "
                                   "checks\" ;;"));
    assert_int_equal(run(f, "completions|fish"), CLI_OK);
    assert_non_null(strstr(f->out, "complete -c unknot -n '__fish_seen_subcommand_from log' -l "
                                   "side -s s -x -a 'left right both center'\n"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_command_has_help, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_kinds_name_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_and_completions_list_the_commands, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_scripts_carry_the_vocabularies, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

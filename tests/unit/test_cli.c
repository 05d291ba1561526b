/* SPDX-License-Identifier: BSD-2-Clause */
/* cli: the sub-commands driven in-process with memory streams, a temporary
 * database and a fixed clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>


#include "src/episode.h"
#include "src/redflags.h"
#include "src/text.h"
#include "tests/unit/cli_fixture.h"

static void test_log_list_show(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "log|-i|6|-r|lower|--trigger|lifting|--note|bent for a pen"),
                     CLI_OK);
    assert_non_null(strstr(f->out, "Logged episode 1 (ongoing)"));
    assert_int_equal(run(f, "list"), CLI_OK);
    assert_non_null(strstr(f->out, "    1  2026-11-18"));
    assert_non_null(strstr(f->out, "ongoing"));
    assert_non_null(strstr(f->out, " 6 moderate"));
    assert_non_null(strstr(f->out, "lifting"));
    assert_int_equal(run(f, "show|1"), CLI_OK);
    assert_non_null(strstr(f->out, "Notes:       bent for a pen"));
    assert_non_null(strstr(f->out, "Ended:       ongoing (0s so far)"));
}

static void test_list_empty_and_range(void **state)
{
    struct fixture *f = *state;
    make_db(f); /* an empty database: list and checks need one */
    assert_int_equal(run(f, "list"), CLI_OK);
    assert_string_equal(f->out, "No episodes.\n");
    assert_int_equal(run(f, "log|--at|2026-11-10 08:00|--for|2h|-i|3|-r|neck"), CLI_OK);
    assert_int_equal(run(f, "log|--at|2026-11-15 08:00|--for|1h|-i|4|-r|mid"), CLI_OK);
    assert_int_equal(run(f, "list|--since|2026-11-12"), CLI_OK);
    assert_non_null(strstr(f->out, "mid back"));
    assert_null(strstr(f->out, "neck"));
    assert_int_equal(run(f, "list|--until|2026-11-12"), CLI_OK);
    assert_non_null(strstr(f->out, "neck"));
    assert_null(strstr(f->out, "mid back"));
}

static void test_bad_input_is_usage_and_writes_nothing(void **state)
{
    struct fixture *f = *state;
    make_db(f); /* an empty database: list and checks need one */
    static const char *const bad[] = {
        "log|-i|11|-r|lower",      "log|-i|5|-r|elbow",
        "log|--at|tomorrow-ish|-i|5|-r|lower", "log|-i|5",
        "log|-i|5|-r|lower|--for|1h|--ended|now", "log|-i|5|-r|lower|--trigger|juggling",
        "log|-i|5|-r|lower|--at|1h ago|--for|2h", "log|-i|5|-r|lower|extra",
        "log|-x",                  "log|--at",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(run(f, bad[i]), CLI_USAGE);
        assert_true(f->errlen > 0);
        assert_non_null(strchr(f->err, '\n'));
    }
    assert_int_equal(run(f, "list"), CLI_OK);
    assert_string_equal(f->out, "No episodes.\n");
}

static void test_end_and_edit(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "end"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "no episode is ongoing"));
    assert_int_equal(run(f, "log|--at|2h ago|-i|6|-r|lower|-s|left|--med|ibuprofen"), CLI_OK);
    assert_int_equal(run(f, "end"), CLI_OK);
    assert_non_null(strstr(f->out, "after 2h"));
    assert_int_equal(run(f, "end|1"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "already ended"));
    assert_int_equal(run(f, "edit|1|-i|4"), CLI_OK);
    assert_int_equal(run(f, "show|1"), CLI_OK);
    assert_non_null(strstr(f->out, "Intensity:   4 (moderate)"));
    assert_non_null(strstr(f->out, "Side:        left"));
    assert_non_null(strstr(f->out, "Medication:  ibuprofen"));
    assert_non_null(strstr(f->out, "lasted 2h"));
    assert_int_equal(run(f, "edit|1|--ongoing"), CLI_OK);
    assert_int_equal(run(f, "show|1"), CLI_OK);
    assert_non_null(strstr(f->out, "ongoing (2h so far)"));
    assert_int_equal(run(f, "edit|9|-i|4"), CLI_RUNTIME);
    assert_int_equal(run(f, "edit|x|-i|4"), CLI_USAGE);
}

/* One save, what it must print (on stdout or, the notes, stderr; NULL:
 * nothing more) and what it must not say on stderr. */
static const struct note_case {
    const char *line;
    const char *want[3];
    const char *not_want;
} note_cases[] = {
    {"log|-i|5|-r|lower|--at|2h ago", {NULL}, "Note:"},
    /* another region, ongoing: named, with how to end it; no overlap */
    {"log|-i|4|-r|neck|--at|90m ago|--for|30m",
     {"Note: episode 1 (lower back, since 2026-11-18 09:06) is still ongoing; end it with: "
      "unknot end 1 --at WHEN\n"},
     "overlaps"},
    /* inside an ended one of its region */
    {"log|-i|6|-r|neck|--at|80m ago|--for|10m",
     {"is still ongoing; end it with: unknot end 1",
      "Note: this episode overlaps episode 2 (neck, 2026-11-18 09:36 for 30m).\n"},
     NULL},
    /* the same region as the ongoing one */
    {"log|-i|6|-r|lower|--at|1h ago|--for|5m",
     {"Note: episode 1 (lower back, since 2026-11-18 09:06) is still ongoing and overlaps "
      "this one; end it with: unknot end 1 --at WHEN\n"},
     "episode 2"},
    /* an edit that moves it away from episode 2: only the ongoing one */
    {"edit|3|--at|3h ago", {"Updated episode 3.\n", "episode 1 (lower back"}, "episode 2"},
    {"end|1|--at|1h ago", {"Ended episode 1 after 1h"}, "Note:"},
    {"log|-i|2|-r|upper|--at|10m ago|--for|5m", {NULL}, "Note:"},
};

/* Notes name every other ongoing episode and each same-region overlap;
 * they are never errors: exit 0 and the episode saved. */
static void test_log_notes_other_episodes(void **state)
{
    struct fixture *f = *state;
    f->width = 200; /* a wide terminal: each note on one line */
    for (size_t k = 0; k < sizeof(note_cases) / sizeof(note_cases[0]); k++) {
        const struct note_case *c = &note_cases[k];
        int rc = run(f, c->line);
        if (rc != CLI_OK)
            fail_msg("%s: exit %d: %s", c->line, rc, f->err);
        for (int i = 0; i < 3 && c->want[i]; i++)
            if (!strstr(f->err, c->want[i]) && !strstr(f->out, c->want[i]))
                fail_msg("%s: no \"%s\" in:\n%s", c->line, c->want[i], f->err);
        if (c->not_want && strstr(f->err, c->not_want))
            fail_msg("%s: \"%s\" in:\n%s", c->line, c->not_want, f->err);
    }
    assert_int_equal(run(f, "show|5"), CLI_OK);
    assert_non_null(strstr(f->out, "upper back"));
}

/* Many forgotten episodes: three notes and a count, not a screenful. */
static void test_log_notes_are_few(void **state)
{
    struct fixture *f = *state;
    f->width = 200; /* a wide terminal: each note on one line */
    const char *lines[] = {"log|-i|5|-r|lower|--at|5h ago", "log|-i|5|-r|mid|--at|4h ago",
                           "log|-i|5|-r|upper|--at|3h ago", "log|-i|5|-r|neck|--at|2h ago",
                           "log|-i|5|-r|neck|--at|1h ago"};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(run(f, lines[i]), CLI_OK);
    assert_non_null(strstr(f->out, "Logged episode 5 (ongoing).\n"));
    const char *p = f->err;
    int notes = 0;
    while ((p = strstr(p, "Note: ")) != NULL) {
        notes++;
        p++;
    }
    assert_int_equal(notes, 4);
    assert_non_null(strstr(f->err, "episode 4 (neck, since 2026-11-18 09:06) is still ongoing "
                                   "and overlaps this one"));
    assert_non_null(strstr(f->err, "Note: and 1 more ongoing or overlapping episodes"));
    assert_null(strstr(f->err, "episode 1 (")); /* the oldest is the one counted */
}

static void test_delete_asks(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "log|-i|6|-r|lower"), CLI_OK);
    assert_int_equal(run(f, "delete|1"), CLI_USAGE); /* not a terminal, no --yes */
    assert_int_equal(run_in(f, "n\n", "delete|1"), CLI_OK);
    assert_non_null(strstr(f->out, "Nothing deleted."));
    assert_int_equal(run_in(f, "y\n", "delete|1"), CLI_OK);
    assert_non_null(strstr(f->out, "Deleted episode 1."));
    assert_int_equal(run(f, "show|1"), CLI_RUNTIME);
    assert_int_equal(run(f, "delete|1|--yes"), CLI_RUNTIME);
}

static void test_flags_and_checks(void **state)
{
    struct fixture *f = *state;
    make_db(f); /* an empty database: list and checks need one */
    assert_int_equal(run(f, "flags"), CLI_OK);
    assert_non_null(strstr(f->out, "No flags."));
    assert_int_equal(run(f, "log|--at|8d ago|-i|5|-r|lower"), CLI_OK);
    assert_int_equal(run(f, "flags"), CLI_OK);
    assert_non_null(strstr(f->out, "One spasm lasting 8 days, still going: Book an appointment"));
    assert_non_null(strstr(f->out, "#1 (2026-11-10)"));
    assert_int_equal(run(f, "flags|--json"), CLI_OK);
    assert_non_null(strstr(f->out, "\"kind\": \"over_week\""));
    assert_non_null(strstr(f->out, "\"episodes\": [{\"id\": 1, \"started_at\": \"2026-11-10T"));

    assert_int_equal(run(f, "check|--yes|1"), CLI_OK);
    assert_memory_equal(f->out, "EMERGENCY", 9);
    assert_int_equal(run(f, "check"), CLI_USAGE);
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_non_null(strstr(f->out, "emergency     1\n"));
}

/* n answers, one a line, into buf (after what it holds already). */
static char *nos(char *buf, size_t size, int n)
{
    size_t len = strlen(buf);
    for (int i = 0; i < n && len + 2 < size; i++, len += 2)
        memcpy(buf + len, "n\n", 3);
    return buf;
}

static void test_interactive_check(void **state)
{
    struct fixture *f = *state;
    char in[256] = "?\n";
    /* ? explains and asks again; then no to all but item 17 (see soon). */
    nos(in, sizeof(in), 16);
    strcat(in, "y\n");
    nos(in, sizeof(in), 3);
    assert_int_equal(run_in(f, in, "check"), CLI_OK);
    assert_non_null(strstr(f->out, "cauda equina")); /* the explanation of item 1 */
    assert_non_null(strstr(f->out, "\nSee a doctor soon: book an appointment within a few days\n"
                                   "Book an appointment"));
    assert_non_null(strstr(f->out, "yes 17."));
    assert_non_null(strstr(f->out, "Saved as check 1.\n"));
    assert_null(strstr(f->out, "If you are worried"));
    assert_null(strstr(f->out, "Stop here")); /* no emergency, no stop */
    assert_int_equal(run_in(f, "n\nn\n", "check"), CLI_RUNTIME); /* input ends early */
    assert_non_null(strstr(f->err, "nothing was saved"));
    assert_null(strstr(f->out, "No warning signs"));
    assert_null(strstr(f->err, "No warning signs"));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_non_null(strstr(f->out, "see a doctor  17\n"));
    assert_null(strstr(f->out, "    2  "));
}

/* Every item's level, through the CLI: --yes N alone stores that level. */
static void test_every_item_level(void **state)
{
    struct fixture *f = *state;
    static const char *const code[] = {"emergency", "urgent", "see a doctor"};
    for (int n = 1; n <= 20; n++) {
        int lv = n <= 9 ? 0 : n <= 16 ? 1 : 2; /* CONTENT.md: 1-9, 10-16, 17-20 */
        char line[32], want[64];
        snprintf(line, sizeof(line), "check|--yes|%d", n);
        assert_int_equal(run(f, line), CLI_OK);
        assert_memory_equal(f->out, lv == 0 ? "EMERGENCY: seek emergency care now\n"
                                    : lv == 1 ? "URGENT: contact a doctor today\n"
                                              : "See a doctor soon: book an appointment",
                            lv == 2 ? 38 : lv == 1 ? 31 : 35);
        assert_null(strstr(f->out, "If you are worried"));
        snprintf(want, sizeof(want), "Saved as check %d.\n", n);
        assert_non_null(strstr(f->out, want));
        assert_int_equal(run(f, "checks"), CLI_OK);
        snprintf(want, sizeof(want), "%5d  2026-11-18 11:06  %-12s  %d\n", n, code[lv], n);
        assert_non_null(strstr(f->out, want));
    }
}

/* The most serious level answered wins; no yes reads "No warning signs
 * reported", never "clear". */
static void test_mixed_answers(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "check|--yes|20,12,17"), CLI_OK);
    assert_memory_equal(f->out, "URGENT: contact a doctor today\n", 31);
    assert_non_null(strstr(f->out, "yes 12."));
    assert_non_null(strstr(f->out, "yes 17."));
    assert_non_null(strstr(f->out, "yes 20."));
    assert_int_equal(run(f, "check|--yes|19 3"), CLI_OK);
    assert_memory_equal(f->out, "EMERGENCY", 9);
    assert_int_equal(run(f, "check|--none"), CLI_OK);
    assert_memory_equal(f->out, "No warning signs reported\n", 26);
    assert_non_null(strstr(f->out, "If you get bladder or bowel trouble"));
    assert_null(strstr(f->out, "lear"));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_non_null(strstr(f->out, "    1  2026-11-18 11:06  urgent        12,17,20\n"));
    assert_non_null(strstr(f->out, "    2  2026-11-18 11:06  emergency     3,19\n"));
    assert_non_null(strstr(f->out, "    3  2026-11-18 11:06  no signs      -\n"));
    assert_null(strstr(f->out, "clear"));
    assert_null(strstr(f->out, "partial"));
}

static void test_check_list(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "check|--list"), CLI_OK);
    int items = 0; /* the lines that begin an item: a number first */
    for (const char *p = f->out; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        items += (p[0] == ' ' && p[1] >= '1' && p[1] <= '9') || (p[0] >= '1' && p[0] <= '9');
    assert_int_equal(items, 20);
    assert_memory_equal(f->out, " 1  emergency   Trouble with your bladder or bowel", 50);
    assert_non_null(strstr(f->out, "\n 9  emergency   Pain in your side (flank)"));
    assert_non_null(strstr(f->out, "\n10  urgent      Have you ever had cancer"));
    assert_non_null(strstr(f->out, "\n20  see_doctor  No better after a week or two"));
    assert_int_equal(run(f, "check|--list|--yes|1"), CLI_USAGE);
    assert_int_equal(run(f, "check|--help"), CLI_OK);
    assert_non_null(strstr(f->out, "--list"));
    assert_int_equal(access(f->db, F_OK), -1); /* the list opens no database */
}

/* Input ends after item 1 answered yes: the emergency check is stored
 * partial, and the command ends well. */
static void test_emergency_yes_then_end_of_input(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run_in(f, "y\n", "check"), CLI_OK);
    const char *verdict = strstr(f->out, "EMERGENCY: seek emergency care now\n");
    assert_non_null(verdict);
    assert_true(verdict < strstr(f->out, "Saved as check 1 (partial: 1 of 20 asked)."));
    assert_non_null(strstr(f->out, "Stop here and get help? [Y/n]"));
    assert_non_null(strstr(f->out, "Stopped after item 1."));
    assert_null(strstr(f->out, " 2/20 "));
    assert_null(strstr(f->out, "If you are worried"));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_non_null(strstr(f->out, "    1  2026-11-18 11:06  emergency     1  (partial: 1 of 20 "
                                   "asked)\n"));
}

/* Input ends in the middle of the item that follows an urgent yes. */
static void test_urgent_yes_then_end_of_input(void **state)
{
    struct fixture *f = *state;
    char in[256] = "";
    nos(in, sizeof(in), 9);
    strcat(in, "y\nn\n"); /* 10 yes (urgent), 11 no, then nothing */
    assert_int_equal(run_in(f, in, "check"), CLI_OK);
    const char *verdict = strstr(f->out, "URGENT: contact a doctor today\n");
    assert_non_null(verdict);
    assert_true(verdict > strstr(f->out, "12/20"));
    assert_non_null(strstr(verdict, "If you get bladder or bowel trouble"));
    assert_null(strstr(f->out, "If you are worried"));
    assert_null(strstr(f->out, "Stop here")); /* offered after an emergency only */
    assert_non_null(strstr(verdict, "yes 10."));
    assert_non_null(strstr(verdict, "Saved as check 1 (partial: 11 of 20 asked)."));
    assert_non_null(strstr(verdict, "Input ended before item 12"));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_non_null(strstr(f->out, "    1  2026-11-18 11:06  urgent        10  (partial: 11 of 20 "
                                   "asked)\n"));
}

/* No to every item asked, then the input ends: nothing is stored. */
static void test_all_no_then_end_of_input(void **state)
{
    struct fixture *f = *state;
    make_db(f); /* an empty database: list and checks need one */
    char in[256] = "";
    assert_int_equal(run_in(f, nos(in, sizeof(in), 19), "check"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "input ended before item 20; nothing was saved"));
    assert_null(strstr(f->out, "No warning signs"));
    assert_null(strstr(f->out, "Saved"));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_string_equal(f->out, "No checks yet. Take one with unknot check.\n");
}

/* Stop after the emergency yes (Enter takes the default): one partial check. */
static void test_emergency_yes_then_stop(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run_in(f, "n\nn\ny\n\nn\nn\n", "check"), CLI_OK);
    assert_non_null(strstr(f->out, "Saved as check 1 (partial: 3 of 20 asked)."));
    assert_non_null(strstr(f->out, "Stopped after item 3."));
    assert_null(strstr(f->out, " 4/20 ")); /* nothing asked after the stop */
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_string_equal(f->out, "   ID  TAKEN             VERDICT       YES TO\n"
                                "    1  2026-11-18 11:06  emergency     3  (partial: 3 of 20 "
                                "asked)\n");
    /* y stops as well; an answer that is neither asks again. */
    assert_int_equal(run_in(f, "y\nperhaps\ny\n", "check"), CLI_OK);
    assert_non_null(strstr(f->out, "Answer y (stop here"));
    assert_non_null(strstr(f->out, "Stopped after item 1."));
}

/* Going on after the emergency yes to the last item: the same check is
 * saved as the answers come, and ends complete: one check, not two. */
static void test_emergency_yes_then_go_on(void **state)
{
    struct fixture *f = *state;
    char in[256] = "y\nn\n";
    nos(in, sizeof(in), 15);
    strcat(in, "y\nn\nn\nn\n"); /* 17 yes too */
    assert_int_equal(run_in(f, in, "check"), CLI_OK);
    assert_non_null(strstr(f->out, "Saved as check 1 (partial: 1 of 20 asked)."));
    assert_non_null(strstr(f->out, "20/20"));
    /* The verdict again once all is answered, before what was answered yes. */
    const char *last = strstr(f->out, "20/20");
    assert_non_null(last = strstr(last, "\nEMERGENCY: seek emergency care now\n"));
    assert_non_null(strstr(last, "yes  1."));
    assert_non_null(strstr(last, "yes 17."));
    assert_non_null(strstr(last, "Saved as check 1.\n"));
    assert_null(strstr(f->out, "Saved as check 2"));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_string_equal(f->out, "   ID  TAKEN             VERDICT       YES TO\n"
                                "    1  2026-11-18 11:06  emergency     1,17\n");
}

/* Going on, then the input ends: the stored check keeps every answer. */
static void test_emergency_go_on_then_end_of_input(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run_in(f, "n\ny\nn\nn\ny\n", "check"), CLI_OK);
    /* item 2 yes, go on, 3 no, 4 yes, then the input ends at the stop question */
    assert_non_null(strstr(f->out, "Stopped after item 4."));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_non_null(strstr(f->out, "    1  2026-11-18 11:06  emergency     2,4  (partial: 4 of 20 "
                                   "asked)\n"));
    assert_null(strstr(f->out, "    2  "));
    assert_int_equal(run_in(f, "n\ny\nn\nn\n", "check"), CLI_OK); /* ends at item 4 */
    assert_non_null(strstr(f->out, "Saved as check 2 (partial: 3 of 20 asked)."));
    assert_non_null(strstr(f->out, "Input ended before item 4"));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_non_null(strstr(f->out, "    2  2026-11-18 11:06  emergency     2  (partial: 3 of 20 "
                                   "asked)\n"));
    assert_null(strstr(f->out, "    3  "));
}

/* "u" answers not sure: neither yes nor no. Not sure about an emergency
 * item under no yes: the headline is not "No warning signs reported", the
 * line saying what to do comes before the verdict's advice, and nothing
 * softens it; `checks` says "not sure" and lists the items. */
static void test_interactive_unsure(void **state)
{
    struct fixture *f = *state;
    char in[256] = "u\n";
    nos(in, sizeof(in), 18);
    strcat(in, "unsure\n");
    assert_int_equal(run_in(f, in, "check"), CLI_OK);
    assert_null(strstr(f->out, "No warning signs reported"));
    const char *title = strstr(f->out, "\nNo yes answers, but some you were not sure about\n");
    assert_non_null(title);
    const char *line = strstr(title, "Not sure: items 1, 20. Not sure is not a no for an emergency");
    const char *advice = strstr(title, "Book an appointment if the pain");
    assert_non_null(line);
    assert_non_null(advice);
    assert_true(line < advice);
    assert_null(strstr(title, "If you are worried"));
    assert_non_null(strstr(title, "You were not sure about:\n  ?    1. "));
    assert_non_null(strstr(title, "  ?   20. "));
    assert_non_null(strstr(title, "Saved as check 1.\n"));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_string_equal(f->out, "   ID  TAKEN             VERDICT       YES TO\n"
                                "    1  2026-11-18 11:06  not sure      not sure: 1,20\n");
}

/* Input ends after "not sure" to an emergency item: the answers are kept
 * and its advice given (a doubt about an emergency sign is not lost with
 * the rest); after "not sure" only to a see-a-doctor item, nothing is. */
static void test_unsure_then_end_of_input(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run_in(f, "u\n", "check"), CLI_OK); /* kept, as after a yes */
    assert_non_null(strstr(f->out, "No yes answers, but some you were not sure about"));
    assert_non_null(strstr(f->out, "Not sure is not a no for an emergency sign"));
    assert_non_null(strstr(f->out, "Input ended before item 2; the answers given are kept."));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_non_null(strstr(f->out, "not sure: 1"));
    /* 18 no's and a doubt about item 19 (see a doctor), then the end: no check. */
    char in[256] = "";
    nos(in, sizeof(in), 18);
    strcat(in, "u\n");
    assert_int_equal(redflags_item(19)->level, REDFLAG_SEE_DOCTOR);
    assert_int_equal(run_in(f, in, "check"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "nothing was saved"));
}

/* --unsure alone, with --yes or --none; an item both yes and not sure, or
 * an empty list, is refused and stores nothing. */
static void test_unsure_option(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "check|--yes|17|--unsure|20"), CLI_OK);
    const char *advice = strstr(f->out, "Book an appointment with your doctor");
    assert_non_null(advice);
    /* under a see-soon verdict, a see-soon not sure comes after the advice */
    assert_non_null(strstr(advice, "Not sure: item 20. Take the checklist again"));
    assert_int_equal(run(f, "check|--unsure|12"), CLI_OK);
    assert_non_null(strstr(f->out, "Not sure: item 12. Not sure is not a no: ask your doctor's "));
    assert_int_equal(run(f, "check|--none|--unsure|19"), CLI_OK);
    assert_int_equal(run(f, "check|--yes|3|--unsure|3"), CLI_USAGE);
    assert_non_null(strstr(f->err, "item 3 is given both --yes and --unsure"));
    assert_int_equal(run(f, "check|--unsure| "), CLI_USAGE);
    assert_int_equal(run(f, "check|--list|--unsure|3"), CLI_USAGE);
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_string_equal(f->out, "   ID  TAKEN             VERDICT       YES TO\n"
                                "    3  2026-11-18 11:06  not sure      not sure: 19\n"
                                "    2  2026-11-18 11:06  not sure      not sure: 12\n"
                                "    1  2026-11-18 11:06  see a doctor  17  not sure: 20\n");
}

static void test_long_answer_answers_one_question(void **state)
{
    struct fixture *f = *state;
    char in[2048];
    /* A long line starting with "no" and ending in "yes": one answer only,
     * and not a valid one, so item 1 is asked again; then no to all. */
    int n = snprintf(in, sizeof(in), "no, not that, %0200d yes\n", 0);
    for (int i = 0; i < 20 && n < (int)sizeof(in) - 4; i++)
        n += snprintf(in + n, sizeof(in) - (size_t)n, "n\n");
    assert_int_equal(run_in(f, in, "check"), CLI_OK);
    assert_non_null(strstr(f->out, "Answer y (yes), n (no), u (not sure) or ? (explain)."));
    assert_non_null(strstr(f->out, "No warning signs reported"));
    assert_null(strstr(f->out, "Clear"));
    assert_int_equal(run_in(f, " YES \n", "delete|1"), CLI_RUNTIME); /* no episode 1 */
}

static void test_empty_yes_list_refused(void **state)
{
    struct fixture *f = *state;
    make_db(f); /* an empty database: list and checks need one */
    assert_int_equal(run(f, "check|--yes| "), CLI_USAGE);
    assert_non_null(strstr(f->err, "--none"));
    assert_int_equal(run(f, "checks"), CLI_OK);
    assert_non_null(strstr(f->out, "No checks yet"));
}

static void test_edit_moves_zero_length_episode(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "log|--at|3d ago|--ended|3d ago|-i|3|-r|mid"), CLI_OK);
    assert_int_equal(run(f, "edit|1|--at|2d ago"), CLI_OK);
    assert_int_equal(run(f, "show|1"), CLI_OK);
    assert_non_null(strstr(f->out, "Started:     2026-11-16"));
    assert_non_null(strstr(f->out, "lasted 0s"));
}

static void test_help_and_unknown(void **state)
{
    struct fixture *f = *state;
    static const char *const cmds[] = {"log", "end", "list", "show", "edit",
                                       "delete", "flags", "check", "checks"};
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        char line[32];
        snprintf(line, sizeof(line), "%s|--help", cmds[i]);
        assert_int_equal(run(f, line), CLI_OK);
        assert_memory_equal(f->out, "usage: unknot ", 14);
        assert_true(cli_is_command(cmds[i]));
    }
    assert_false(cli_is_command("frobnicate"));
    assert_int_equal(run(f, "frobnicate"), CLI_USAGE);
    assert_int_equal(access(f->db, F_OK), -1); /* help never creates the database */
}

/* ---- log and edit: warning signs and what the pain feels like ---------- */

/* A warning sign reaches the patient first: the verdict's title on the
 * first line, then the sign and the advice, before what was saved; the
 * episode is saved and the exit is 0. */
static void test_log_warning_sign_advice_first(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *sign, *words;
        enum redflag_level level;
    } rows[] = {
        {"saddle-numbness", "numbness between the legs", REDFLAG_EMERGENCY},
        {"bladder-bowel", "bladder or bowel trouble", REDFLAG_EMERGENCY},
        {"arm-hand", "arm or hand numbness or weakness", REDFLAG_URGENT},
        {"weakness", "weakness in a leg", REDFLAG_URGENT},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        char line[128], want[1024];
        snprintf(line, sizeof(line), "log|-i|5|-r|lower|--symptom|stiffness|--symptom|%s",
                 rows[i].sign);
        assert_int_equal(run(f, line), CLI_OK);
        snprintf(want, sizeof(want), "%s\nWarning sign: %s.\n%s\n\nLogged episode %zu (ongoing).\n",
                 redflag_level_title(rows[i].level), rows[i].words,
                 redflag_level_advice(rows[i].level), i + 1);
        assert_string_equal(f->out, want);
        assert_null(strstr(f->out, "If you are worried"));
        snprintf(line, sizeof(line), "show|%zu", i + 1);
        assert_int_equal(run(f, line), CLI_OK);
        assert_non_null(strstr(f->out, rows[i].words));
    }
    /* Two signs: the most serious one's advice, both named. */
    assert_int_equal(run(f, "log|-i|5|-r|lower|--symptom|weakness|--symptom|both-legs"), CLI_OK);
    assert_memory_equal(f->out, "EMERGENCY: seek emergency care now\n", 35);
    assert_non_null(strstr(f->out, "Warning signs: weakness in a leg, symptoms in both legs.\n"));
}

/* A nerve symptom prompts the checklist after the line of what was saved;
 * an ordinary symptom says nothing more. A refused log prints no advice. */
static void test_log_nerve_symptom_prompts_check(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "log|-i|4|-r|lower|--symptom|radiating-leg"), CLI_OK);
    assert_string_equal(f->out, "Logged episode 1 (ongoing).\n"
                                "Numbness, tingling or leg pain: take the red-flag checklist "
                                "now (unknot check).\n");
    assert_int_equal(run(f, "log|--at|2h ago|--for|1h|-i|4|-r|lower|--symptom|stiffness"), CLI_OK);
    assert_string_equal(f->out, "Logged episode 2.\n");
    assert_int_equal(run(f, "log|-i|11|-r|lower|--symptom|saddle-numbness"), CLI_USAGE);
    assert_string_equal(f->out, "");
}

/* --feel takes the pain-quality words (repeatable, other:TEXT too) and
 * show reads them back; a symptom is no feel. */
static void test_log_feel_round_trip(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "log|-i|6|-r|lower|--feel|sharp|--feel|other:like a vice|"
                            "--feel|Burning"), CLI_OK);
    assert_int_equal(run(f, "show|1"), CLI_OK);
    assert_non_null(strstr(f->out, "\n  Feels like:  sharp or stabbing, like a vice, burning\n"));
    assert_int_equal(run(f, "log|-i|6|-r|lower|--feel|knot"), CLI_USAGE);
    assert_non_null(strstr(f->err, "invalid feel \"knot\": use one of tight, sharp, burning"));
    /* An edit's --feel replaces that list only. */
    assert_int_equal(run(f, "edit|1|--feel|dull"), CLI_OK);
    assert_string_equal(f->out, "Updated episode 1 (ongoing).\n");
    assert_int_equal(run(f, "show|1"), CLI_OK);
    assert_non_null(strstr(f->out, "\n  Feels like:  dull ache\n"));
}

/* An edit that adds a warning sign prints its advice first; one that keeps
 * it (or adds none) does not. A nerve symptom new to the episode prompts
 * the checklist. */
static void test_edit_adding_sign_advises(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, "log|-i|5|-r|lower|--symptom|stiffness"), CLI_OK);
    assert_int_equal(run(f, "edit|1|--symptom|stiffness|--symptom|fever"), CLI_OK);
    assert_memory_equal(f->out, "EMERGENCY: seek emergency care now\nWarning sign: fever or "
                                "chills.\n", 61);
    assert_non_null(strstr(f->out, "\n\nUpdated episode 1 (ongoing).\n"));
    assert_int_equal(run(f, "edit|1|-i|7"), CLI_OK);
    assert_string_equal(f->out, "Updated episode 1 (ongoing).\n");
    assert_int_equal(run(f, "edit|1|--symptom|fever|--symptom|below-knee"), CLI_OK);
    assert_string_equal(f->out, "Updated episode 1 (ongoing).\n"
                                "Numbness, tingling or leg pain: take the red-flag checklist "
                                "now (unknot check).\n");
    assert_int_equal(run(f, "edit|1|--symptom|fever|--symptom|below-knee|-i|6"), CLI_OK);
    assert_string_equal(f->out, "Updated episode 1 (ongoing).\n");
}

/* log --help names every word --feel and --symptom take. */
static void test_log_help_lists_codes(void **state)
{
    struct fixture *f = *state;
    static const enum tag_kind kinds[] = {TAG_TRIGGER, TAG_FEEL, TAG_SYMPTOM, TAG_RELIEF};
    assert_int_equal(run(f, "log|--help"), CLI_OK);
    assert_non_null(strstr(f->out, "--feel F"));
    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        size_t n;
        const struct vocab *v = episode_vocab(kinds[k], &n);
        for (size_t i = 0; i < n; i++)
            if (!strstr(f->out, v[i].code))
                fail_msg("log --help lacks the %s code %s", tag_kind_code(kinds[k]), v[i].code);
    }
}

/* The read-only commands never create a database: a typo in --db says so
 * and leaves no file (nor directory) behind; a directory or FIFO is named. */
static void test_read_only_needs_a_database(void **state)
{
    struct fixture *f = *state;
    static const char *const cmds[] = {
        "list", "show|1", "flags", "checks", "sessions", "report", "export", "backup|@/copy.db",
    };
    char typo[160], want[240];
    snprintf(typo, sizeof typo, "%s/sub/typo.db", f->dir);
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        snprintf(want, sizeof want, "unknot %.*s: no database at %s\n",
                 (int)strcspn(cmds[i], "|"), cmds[i], typo);
        assert_int_equal(run_db(f, typo, cmds[i]), CLI_RUNTIME);
        assert_string_equal(f->err, want);
        assert_int_equal(access(typo, F_OK), -1);
    }
    char sub[160];
    snprintf(sub, sizeof sub, "%s/sub", f->dir);
    assert_int_equal(access(sub, F_OK), -1); /* no directory made either */
    assert_int_equal(run_db(f, f->dir, "list"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "is a directory, not a database file"));
    assert_int_equal(run_db(f, f->dir, "log|-i|3|-r|neck"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "is a directory, not a database file"));
    char fifo[160];
    snprintf(fifo, sizeof fifo, "%s/fifo", f->dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(run_db(f, fifo, "log|-i|3|-r|neck"), CLI_RUNTIME);
    assert_non_null(strstr(f->err, "is not a regular file (a FIFO, device or socket)"));
    /* A write command still creates it. */
    assert_int_equal(run_db(f, typo, "log|-i|3|-r|neck"), CLI_OK);
    assert_int_equal(access(typo, F_OK), 0);
}

static void test_db_path_check(void **state)
{
    char err[256];
    (void)state;
    assert_int_equal(cli_db_path_check("", err, sizeof err), CLI_USAGE);
    assert_non_null(strstr(err, "empty"));
    assert_int_equal(cli_db_path_check(":memory:", err, sizeof err), CLI_USAGE);
    assert_non_null(strstr(err, ":memory: is not a file"));
    assert_int_equal(cli_db_path_check("file:x.db?mode=memory", err, sizeof err), CLI_USAGE);
    assert_non_null(strstr(err, "SQLite URI"));
    assert_null(strchr(err, '\n'));
    assert_int_equal(cli_db_path_check("./file:x.db", err, sizeof err), CLI_OK);
    assert_int_equal(cli_db_path_check("/tmp/u.db", err, sizeof err), CLI_OK);
    assert_int_equal(cli_db_path_check("memory.db", err, sizeof err), CLI_OK);
}

/* A typo gets the word meant, when one is close: commands, long options,
 * and the vocabularies; exit 2, nothing written. */
static void test_did_you_mean(void **state)
{
    static const struct {
        const char *line, *want;
    } cases[] = {
        {"lgo", "unknot: unknown command \"lgo\"; did you mean \"log\"?\n"},
        {"sesions", "did you mean \"sessions\"?"},
        {"qqqqq", "unknot: unknown command \"qqqqq\"; see unknot --help\n"},
        {"log|-i|3|-r|lowr", "invalid region \"lowr\": use lower, mid, upper or neck; did you "
                             "mean \"lower\"?\n"},
        {"log|-i|3|-r|lower|--trigger|bend", "did you mean \"bending\"?\n"},
        {"log|-i|3|-r|lower|--tirgger|lifting",
         "unknot log: unknown option --tirgger; did you mean \"--trigger\"?\n"},
        {"log|-i|3|-r|lower|-s|lfet", "did you mean \"left\"?"},
        {"log|-i|3|-r|lower|--symptom|stifness", "did you mean \"stiffness\"?"},
        {"list|--format|jsno", "did you mean \"json\"?"},
        {"timer|ise", "did you mean \"ice\"?"},
        {"did|haet", "did you mean \"heat\"?"},
        {"log|-i|3|-r|zzzz", "use lower, mid, upper or neck\n"}, /* nothing close */
    };
    struct fixture *f = *state;
    make_db(f);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = run(f, cases[i].line);
        if (rc != CLI_USAGE || !strstr(f->err, cases[i].want))
            fail_msg("%s: exit %d, stderr \"%s\", wanted \"%s\"", cases[i].line, rc, f->err,
                     cases[i].want);
    }
    assert_int_equal(run(f, "list"), CLI_OK);
    assert_string_equal(f->out, "No episodes.\n");
}

/* Every line of the text outputs fits the terminal, at 60 columns too. */
static void test_outputs_fit_the_width(void **state)
{
    struct fixture *f = *state;
    const char *lines[] = {"list", "show|1", "checks", "sessions", "flags", "pain|--list|1"};
    assert_int_equal(run(f, "log|-i|6|-r|lower|-s|left|--at|1h ago|--trigger|lifting|--trigger|"
                            "bending|--trigger|sitting|--trigger|other:carrying the shopping "
                            "up three flights|--note|it started when I bent down to lift the "
                            "laundry basket and got worse all afternoon at the desk"),
                     CLI_OK);
    assert_int_equal(run(f, "check|--yes|17"), CLI_OK);
    for (int w = 60; w <= 80; w += 20) {
        f->width = w;
        for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
            assert_int_equal(run(f, lines[i]), CLI_OK);
            for (const char *p = f->out; *p;) {
                size_t n = strcspn(p, "\n");
                int cols = text_width(p, n);
                if (cols > w)
                    fail_msg("%s at %d: a line of %d columns: %.*s", lines[i], w, cols, (int)n, p);
                p += n + (p[n] == '\n');
            }
        }
    }
    f->width = 60;
    assert_int_equal(run(f, "list"), CLI_OK);
    assert_null(strstr(f->out, "TRIGGERS")); /* the first to go */
    assert_non_null(strstr(f->out, "WHERE"));
    assert_int_equal(run(f, "show|1"), CLI_OK);
    assert_non_null(strstr(f->out, "\n  Notes:       it started when I bent down to lift the\n"
                                   "               laundry basket"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_log_list_show, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_empty_and_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_input_is_usage_and_writes_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_end_and_edit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_notes_other_episodes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_notes_are_few, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_asks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flags_and_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interactive_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_item_level, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mixed_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_emergency_yes_then_end_of_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_urgent_yes_then_end_of_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_no_then_end_of_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_emergency_yes_then_stop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_emergency_yes_then_go_on, setup, teardown),
        cmocka_unit_test_setup_teardown(test_emergency_go_on_then_end_of_input, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_long_answer_answers_one_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interactive_unsure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsure_then_end_of_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsure_option, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_yes_list_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edit_moves_zero_length_episode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_and_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_warning_sign_advice_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_nerve_symptom_prompts_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_feel_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edit_adding_sign_advises, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_help_lists_codes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_needs_a_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_did_you_mean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outputs_fit_the_width, setup, teardown),
        cmocka_unit_test(test_db_path_check),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}

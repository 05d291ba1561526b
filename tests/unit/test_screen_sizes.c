/* SPDX-License-Identifier: BSD-2-Clause */
/* Every screen at every size (issue 18): home, history, the form, the
 * checklist, the timer, the charts and the report on a busy history at
 * 60x18 (home and the timer; the others' smallest is 72x20), 80x24 and
 * 200x60, each checked by assert_no_cut_word below, plus what each size
 * must show: the notice only below a screen's smallest size, home using
 * the room of a large terminal, History's columns in their fixed order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <unistd.h>

#include "src/session.h"
#include "src/treatment.h"
#include "src/flags.h"
#include "tests/unit/screens_fixture.h"
#include "ui/screens.h"
#include "ui/ui.h"
#include "ui/widgets.h"

#define ELLIPSIS "\xE2\x80\xA6"

/* The long texts of the fixture: what a cut would split. */
static const char *const fixture_words =
    "bending forward lifting prolonged sitting twisting sneezing or coughing stress "
    "after moving heavy boxes into the attic all afternoon without a break "
    "ibuprofen paracetamol naproxen";

/* The busy history: ten episodes over the last 30 days (recurring; the
 * latest ongoing, severe, for three hours, with long triggers, a note and
 * two medications), one ended earlier today, and an ice and a stretch
 * session today. */
static void busy_history(struct sfix *f)
{
    char err[STORE_ERR_LEN];
    struct episode *ep = malloc(sizeof(*ep));
    assert_non_null(ep);
    for (int i = 0; i < 10; i++) {
        episode_init(ep);
        ep->started_at = i == 9 ? NOW - 3 * HOUR_S : NOW - (27 - 3 * i) * DAY_S;
        ep->ended_at = i == 9 ? EPISODE_ONGOING : ep->started_at + 2 * HOUR_S;
        if (i == 8) { /* earlier today, ended */
            ep->started_at = NOW - 6 * HOUR_S;
            ep->ended_at = NOW - 5 * HOUR_S;
        }
        ep->intensity = i == 9 ? 8 : 3 + i % 4;
        ep->region = REGION_LOWER;
        ep->side = SIDE_RIGHT;
        static const char *const trig[] = {"bending", "lifting", "sitting", "twisting",
                                           "sneeze-cough", "stress"};
        for (size_t t = 0; t < sizeof(trig) / sizeof(trig[0]); t++)
            assert_int_equal(episode_add_tag(ep, TAG_TRIGGER, trig[t], err, sizeof err), 0);
        assert_int_equal(episode_add_tag(ep, TAG_MEDICATION, "ibuprofen 400 mg", err, sizeof err),
                         0);
        assert_int_equal(episode_add_tag(ep, TAG_MEDICATION, "paracetamol 1 g", err, sizeof err),
                         0);
        snprintf(ep->note, sizeof ep->note, "%s",
                 "after moving heavy boxes into the attic all afternoon without a break");
        assert_int_equal(episode_validate(ep, NOW, err, sizeof err), 0);
        assert_int_equal(store_episode_add(f->st, ep, NOW, err, sizeof err), STORE_OK);
    }
    free(ep);
    static const enum session_kind kinds[] = {SESSION_ICE, SESSION_STRETCH};
    for (int i = 0; i < 2; i++) {
        struct session s;
        memset(&s, 0, sizeof s);
        s.kind = kinds[i];
        s.planned_s = 15 * MIN_S;
        s.started_at = NOW - (4 - i) * HOUR_S;
        s.pain_before = 6;
        if (kinds[i] == SESSION_STRETCH) {
            snprintf(s.routine, sizeof s.routine, "%s", "gentle");
            s.hold_s = 30;
        }
        assert_int_equal(store_session_start(f->st, &s, getpid(), err, sizeof err), STORE_OK);
        assert_int_equal(store_session_finish(f->st, s.id, SESSION_DONE, 15 * MIN_S,
                                              s.started_at + 15 * MIN_S, 4, err, sizeof err),
                         STORE_OK);
    }
}

/* 1 when word (len bytes) is one of the words of text, or else begins
 * none longer (*longer then 0). Words are runs of letters. */
static int word_in(const char *text, const char *word, size_t len, int *longer)
{
    *longer = 0;
    for (const char *p = text; *p;) {
        if (!isalpha((unsigned char)*p)) {
            p++;
            continue;
        }
        size_t n = 0;
        while (isalpha((unsigned char)p[n]))
            n++;
        if (n == len && strncmp(p, word, len) == 0)
            return 1;
        if (n > len && strncmp(p, word, len) == 0)
            *longer = 1;
        p += n;
    }
    return 0;
}

/* The words a screen may show whole: the fixture's texts and what the
 * same screen draws at 200x60, where nothing needs cutting. */
static char allowed[64 * 1024];

/* No drawn line ends mid-word without an ellipsis. Precisely: every run
 * of letters on the screen that begins a longer allowed word, but is no
 * allowed word itself, is followed by the ellipsis ("lif…" passes, "lif"
 * fails, "lifting" passes). */
static void assert_no_cut_word_at(struct sfix *f, const char *file, int line)
{
    for (int y = 0; y < headless_lines(f->h); y++) {
        const char *row = headless_row(f->h, y);
        for (const char *p = row; *p;) {
            if (!isalpha((unsigned char)*p)) {
                p++;
                continue;
            }
            size_t n = 0;
            int longer;
            while (isalpha((unsigned char)p[n]))
                n++;
            int marked = strncmp(p + n, ELLIPSIS, strlen(ELLIPSIS)) == 0;
            if (n > 1 && !marked && !word_in(allowed, p, n, &longer) && longer) {
                print_error("row %d cuts \"%.*s\" with no ellipsis\n", y, (int)n, p);
                sfix_dump(f);
                _fail(file, line);
            }
            p += n;
        }
    }
}

#define assert_no_cut_word(f) assert_no_cut_word_at((f), __FILE__, __LINE__)

/* The sizes every screen is tried at, smallest first. */
static const struct { int lines, cols; } sizes[] = {{18, 60}, {20, 72}, {24, 80}, {60, 200}};

/* Opens the app at each size and types keys_to; check(f) then asserts
 * what that size must show (NULL: nothing more) after the cut words. */
static void at_every_size(struct sfix *f, const char *keys_to, void (*check)(struct sfix *f))
{
    sfix_open(f, 60, 200);
    keys(f, keys_to);
    snprintf(allowed, sizeof allowed, "%s\n%s", fixture_words, headless_text(f->h));
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        sfix_open(f, sizes[i].lines, sizes[i].cols);
        keys(f, keys_to);
        if (getenv("SIZES_DUMP")) /* SIZES_DUMP=1: print every screen tried */
            sfix_dump(f);
        assert_no_cut_word(f);
        if (check)
            check(f);
    }
}

/* 1 when the screen shows the too-small notice. */
static int too_small(struct sfix *f)
{
    return strncmp(headless_row(f->h, 0), "terminal too small", 18) == 0;
}

/* Screens other than home and the timer: the notice at 60x18 only. */
static void check_72x20(struct sfix *f)
{
    int small = headless_cols(f->h) < 72;
    assert_int_equal(too_small(f), small);
    if (small)
        assert_row(f, 1, "this screen needs 72x20");
}

/* Home at every size: the flag whole, today's episodes and sessions, the
 * key line, and at 100 columns and more today's triggers. */
static void check_home(struct sfix *f)
{
    assert_false(too_small(f));
    assert_shows(f, "Spasms on 9 days in the last 30");
    assert_shows(f, "worth checking with your doctor.");
    int today = assert_shows(f, "Today");
    assert_row_has(f, today + 1, "#10");
    assert_row_has(f, today + 2, "stretch");
    assert_row_has(f, today + 2, "done for 15m, pain 6, then 4");
    assert_row_has(f, today + 3, "ice");
    assert_row_has(f, today + 4, "#9");
    assert_shows(f, "n new  e end");
    /* The last line whole at every width: the shorter words where it must. */
    assert_shows(f, headless_cols(f->h) >= 72 ? FLAGS_NOT_MEDICAL_ADVICE
                                              : FLAGS_NOT_MEDICAL_ADVICE_NARROW);
    if (headless_cols(f->h) >= 100)
        assert_row_has(f, today + 1, "bending forward, lifting, prolonged sitting");
    else
        assert_not_shows(f, "bending");
}

static void test_home_every_size(void **state)
{
    struct sfix *f = *state;
    busy_history(f);
    at_every_size(f, "", check_home);
}

/* History's columns in one order: the duration from 80 columns, the
 * notes from 120, the medication after them from 160. */
static void check_history(struct sfix *f)
{
    int cols = headless_cols(f->h);
    check_72x20(f);
    if (cols < 72)
        return;
    int heads = assert_shows(f, "TRIGGERS");
    const char *row = headless_row(f->h, heads);
    assert_int_equal(strstr(row, "DURATION") != NULL, cols >= 80);
    assert_int_equal(strstr(row, "NOTES") != NULL, cols >= 120);
    assert_int_equal(strstr(row, "MEDICATION") != NULL, cols >= 160);
    if (cols >= 160) {
        assert_true(strstr(row, "MEDICATION") > strstr(row, "NOTES"));
        assert_row_has(f, heads + 1, "ibuprofen 400 mg, paracetamol 1 g");
    }
    /* The triggers cut at a word, marked. */
    assert_row_has(f, heads + 1, cols < 120 ? "bending" ELLIPSIS : ", lifting");
    assert_row_has(f, heads + 1, cols < 120 ? "bending" ELLIPSIS : ELLIPSIS);
}

static void test_history_every_size(void **state)
{
    struct sfix *f = *state;
    busy_history(f);
    at_every_size(f, "l", check_history);
}

/* The form, the checklist (and an explanation), the charts' four views
 * and the report: usable from 72x20, no word cut unmarked. */
static void test_other_screens_every_size(void **state)
{
    static const char *const scripts[] = {"n", "c", "c?", "lv", "lvv", "lvvv", "lvvvv", "r"};
    struct sfix *f = *state;
    busy_history(f);
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
        at_every_size(f, scripts[i], check_72x20);
}

/* The timer's set-up and countdown from 60x18: the countdown's lines
 * and keys whole, the big digits (reverse video) whenever they fit. */
static void check_timer(struct sfix *f)
{
    assert_false(too_small(f));
    assert_title(f, "Timer");
    assert_shows(f, "left of");
    assert_shows(f, "Space pause");
}

static void test_timer_every_size(void **state)
{
    struct sfix *f = *state;
    busy_history(f);
    at_every_size(f, "i", NULL);
    at_every_size(f, "i<Enter>", check_timer);
    at_every_size(f, "s<Enter>", check_timer);
    /* Ice at 60x18: the digits fit (5 rows of reverse video), above the lines. */
    sfix_open(f, 18, 60);
    keys(f, "i<Enter>");
    int line = assert_shows(f, "20:00 left of 20:00");
    int lit = 0;
    for (int y = 2; y < line; y++)
        for (int x = 0; x < 60; x++)
            lit += (headless_attr(f->h, y, x) & A_REVERSE) != 0;
    assert_true(lit > 0);
    assert_shows(f, "Use ice at most once every 2 hours.");
}

/* Below its smallest size the timer's notice replaces it, and the
 * countdown runs on: it ends, is saved done, and says so at the size
 * back. */
static void test_timer_runs_under_notice(void **state)
{
    struct sfix *f = *state;
    char err[STORE_ERR_LEN];
    struct session s;
    sfix_open(f, 24, 80);
    keys(f, "i<Left><Left><Left><Left><Left><Left><Left><Left><Left><Left><Enter>");
    assert_shows(f, "10:00 left of 10:00");
    assert_int_equal(headless_resize(f->h, 17, 59), 0);
    assert_row(f, 0, "terminal too small: 59x17");
    assert_row(f, 1, "this screen needs 60x18");
    headless_advance(f->h, 5 * 60 * 1000);
    assert_int_equal(store_session_get(f->st, 1, &s, err, sizeof err), STORE_OK);
    assert_int_equal(s.status, SESSION_RUNNING);
    assert_true(s.elapsed_s >= 4 * 60); /* checkpointed meanwhile */
    headless_advance(f->h, 5 * 60 * 1000 + 1000);
    assert_row(f, 0, "terminal too small: 59x17");
    assert_int_equal(store_session_get(f->st, 1, &s, err, sizeof err), STORE_OK);
    assert_int_equal(s.status, SESSION_DONE);
    assert_int_equal(s.elapsed_s, 10 * 60);
    assert_int_equal(headless_resize(f->h, 18, 60), 0);
    assert_shows(f, "Session done.");
}

/* A busy day: 14 episodes, 3 sessions and a medication today. 200x60 lists them all;
 * 80x24 as many as fit and counts the rest. */
static void test_home_large_busy_day(void **state)
{
    struct sfix *f = *state;
    char err[STORE_ERR_LEN];
    int64_t midnight = NOW - NOW % DAY_S;
    for (int i = 0; i < 14; i++)
        sfix_episode(f, midnight + i * 40 * MIN_S, midnight + i * 40 * MIN_S + 20 * MIN_S, 3,
                     REGION_NECK, SIDE_UNSET, NULL, NULL);
    for (int i = 0; i < 3; i++) {
        struct session s;
        memset(&s, 0, sizeof s);
        s.kind = SESSION_HEAT;
        s.planned_s = 15 * MIN_S;
        s.started_at = midnight + i * 40 * MIN_S + 25 * MIN_S;
        s.pain_before = SESSION_PAIN_NONE;
        assert_int_equal(store_session_start(f->st, &s, getpid(), err, sizeof err), STORE_OK);
        assert_int_equal(store_session_finish(f->st, s.id, SESSION_STOPPED, 5 * MIN_S,
                                              s.started_at + 5 * MIN_S, SESSION_PAIN_NONE, err,
                                              sizeof err),
                         STORE_OK);
    }
    struct treatment t; /* and a medication, recorded with m or `unknot took` */
    treatment_init(&t, TREATMENT_MEDICATION, midnight + 9 * HOUR_S);
    assert_int_equal(treatment_set_name(&t, "ibuprofen 400 mg", err, sizeof err), 0);
    assert_int_equal(store_treatment_add(f->st, &t, NOW, err, sizeof err), STORE_OK);
    sfix_open(f, 60, 200);
    int today = assert_shows(f, "Today");
    assert_row_has(f, today + 1, "09:00");
    assert_row_has(f, today + 1, "ibuprofen 400 mg taken");
    today++;
    assert_row_has(f, today + 1, "#14");
    assert_row_has(f, today + 17, "00:00");
    assert_row_has(f, today + 17, "#1");
    assert_row_has(f, today + 16, "heat");
    assert_row_has(f, today + 16, "stopped early for 5m");
    assert_not_shows(f, "more");
    sfix_open(f, 24, 80);
    today = assert_shows(f, "Today");
    assert_row_has(f, today + 2, "#14");
    int more = assert_shows(f, "and ");
    assert_true(more > today + 3);
    assert_row_has(f, more, "and 6 more episodes (l: history), 3 relief records");
}

/* The ellipsis: where text is cut and how (ui_put directly on a headless
 * screen). */
static void test_put_ellipsis(void **state)
{
    static const struct {
        int width;
        const char *text, *want;
    } cases[] = {
        {20, "bending forward", "bending forward"},       /* fits */
        {15, "bending forward   ", "bending forward"},    /* only blanks left over */
        {12, "bending forward", "bending" ELLIPSIS},      /* back to the word */
        {10, "lifting, twisting", "lifting" ELLIPSIS},    /* the comma goes too */
        {6, "prolonged", "prolo" ELLIPSIS},               /* one long word: cut in it */
        {16, "a bcdefghijklmnopq", "a bcdefghijklmn" ELLIPSIS}, /* the blank is too far back */
        {5, "日本語テキスト", "日本" ELLIPSIS},            /* wide characters, whole */
        {1, "ab", "a"},                                   /* no room for the mark */
    };
    struct sfix *f = *state;
    sfix_open(f, 24, 80);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        move(5, 0);
        clrtoeol();
        int used = ui_put(5, 0, cases[i].width, cases[i].text, A_NORMAL);
        assert_string_equal(headless_row(f->h, 5), cases[i].want);
        assert_true(used <= cases[i].width);
    }
    /* Wrapped text cut at its last row ends with the mark too. */
    move(6, 0);
    clrtoeol();
    assert_int_equal(ui_put_wrapped(5, 0, 10, 6, "one two three four five six", A_NORMAL), 7);
    assert_string_equal(headless_row(f->h, 5), "one two");
    assert_string_equal(headless_row(f->h, 6), "three" ELLIPSIS);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, sfix_setup, sfix_teardown)
    const struct CMUnitTest tests[] = {
        T(test_put_ellipsis),
        T(test_home_every_size),
        T(test_home_large_busy_day),
        T(test_history_every_size),
        T(test_timer_every_size),
        T(test_timer_runs_under_notice),
        T(test_other_screens_every_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

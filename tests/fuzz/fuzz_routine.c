/* SPDX-License-Identifier: BSD-2-Clause */
/* Fuzz target for src/routine_file.c: every input is either a routine
 * whose plan the timer builds (within its steps, every field in range) or
 * is refused with a one-line message and a line inside the input.
 * Anything else aborts, so the fuzzer reports it.
 *
 * libFuzzer:  clang -DFUZZ_LIBFUZZER -fsanitize=fuzzer,address,undefined ...
 * replay:     built without FUZZ_LIBFUZZER, runs each file named on the
 *             command line once (for CI and for reproducing a crash). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/routine_file.h"
#include "src/timer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long count_lines(const uint8_t *data, size_t size)
{
    long n = 1;
    for (size_t i = 0; i < size; i++)
        n += data[i] == '\n';
    return n;
}

static void check_routine(const struct routine *r)
{
    static struct timer_plan plan;
    if (!r->name[0] || !r->regions || r->nsteps == 0 || r->nsteps > ROUTINE_MAX_STEPS)
        abort();
    for (size_t i = 0; i < r->nsteps; i++) {
        const struct routine_step *st = &r->steps[i];
        if (st->hold_s < 1 || st->hold_s > ROUTINE_HOLD_MAX_S || st->reps < 1 ||
            st->reps > ROUTINE_REPS_MAX || st->stop_above > 9 || !st->instruction[0])
            abort();
    }
    if (timer_plan_routine(&plan, r, 0, NULL, 0) != 0 || plan.nsteps != routine_plan_steps(r))
        abort();
    if (r->switchable && (timer_plan_routine(&plan, r, 5, NULL, 0) != 0 ||
                          timer_plan_routine(&plan, r, 30, NULL, 0) != 0))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct routine r;
    struct routine_error e = {-1, ""};
    if (routine_file_parse((const char *)data, size, "fuzz", &r, &e) == 0) {
        check_routine(&r);
        return 0;
    }
    if (!e.msg[0] || strchr(e.msg, '\n') || e.line < 0 || e.line > count_lines(data, size))
        abort();
    return 0;
}

#define FUZZ_NAME "fuzz_routine"
#include "tests/fuzz/replay.h"

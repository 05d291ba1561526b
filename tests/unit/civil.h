/* SPDX-License-Identifier: BSD-2-Clause */
/* Expected instants for the time tests, computed without mktime so that
 * the code under test is not checked against itself. Include after
 * <cmocka.h>. */
#ifndef UNKNOT_CIVIL_H
#define UNKNOT_CIVIL_H

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

static inline void set_tz(const char *tz)
{
    assert_int_equal(setenv("TZ", tz, 1), 0);
    tzset();
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01, proleptic Gregorian. */
static inline int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The instant whose UTC wall clock reads y-m-d h:mi. */
static inline int64_t utc(int y, int m, int d, int h, int mi)
{
    return days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60;
}

/* Berlin wall clock in winter (CET, +01:00) and summer (CEST, +02:00). */
static inline int64_t cet(int y, int m, int d, int h, int mi)
{
    return utc(y, m, d, h, mi) - 3600;
}

static inline int64_t cest(int y, int m, int d, int h, int mi)
{
    return utc(y, m, d, h, mi) - 7200;
}

#endif

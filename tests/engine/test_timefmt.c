/* test_timefmt.c: times as users write them. */
#include <math.h>
#include "engine/core/timefmt.h"
#include "tests/engine/check.h"

static double parse(const char *s)
{
    double t = NAN;
    mr_err err;
    return mr_time_parse(s, &t, &err) == 0 ? t : NAN;
}

int main(void)
{
    CHECK_NEAR(parse("12.5"), 12.5, 1e-12);
    CHECK_NEAR(parse("01:30"), 90, 1e-12);
    CHECK_NEAR(parse("1:02:03.250"), 3723.25, 1e-9);
    CHECK_NEAR(parse("00:00:02.000"), 2, 1e-12);
    CHECK_NEAR(parse("-3"), -3, 1e-12);
    CHECK_NEAR(parse("-0:01.5"), -1.5, 1e-12);
    CHECK(isnan(parse("1:60")));        /* seconds field past 59 */
    CHECK(isnan(parse("1.5:20")));      /* a fraction before the last field */
    CHECK(isnan(parse("abc")));
    CHECK(isnan(parse("1:2:3:4")));
    CHECK(isnan(parse("")));
    mr_err err;
    double t;
    CHECK(mr_time_parse("soon", &t, &err) < 0);
    CHECK_STR(err.msg, "'soon'");

    char buf[32];
    mr_time_format(90.5, buf, sizeof buf);
    CHECK_STR(buf, "1:30.500");
    mr_time_format(3723.25, buf, sizeof buf);
    CHECK_STR(buf, "1:02:03.250");
    mr_time_format(INFINITY, buf, sizeof buf);
    CHECK_STR(buf, "unbounded");
    return CHECK_DONE();
}

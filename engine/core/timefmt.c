/* timefmt.c: parsing and printing of times. */
#include "engine/core/timefmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int mr_time_parse(const char *text, double *seconds, mr_err *err)
{
    const char *p = text;
    int sign = 1;
    if (*p == '-') {
        sign = -1;
        p++;
    }
    double parts[3];
    int n = 0;
    for (;;) {
        char *end;
        if (*p < '0' || *p > '9')
            goto bad;
        double v = strtod(p, &end);
        if (end == p || n == 3)
            goto bad;
        parts[n++] = v;
        if (*end == ':') {
            /* only the last field may have a fraction */
            for (const char *q = p; q < end; q++)
                if (*q == '.')
                    goto bad;
            p = end + 1;
            continue;
        }
        if (*end != '\0')
            goto bad;
        break;
    }
    double t = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && parts[i] >= 60)
            goto bad;
        t = t * 60 + parts[i];
    }
    *seconds = sign * t;
    return 0;
bad:
    return mr_err_set(err, "cannot read '%s' as a time (use seconds, \"mm:ss\" or \"hh:mm:ss.fff\")", text);
}

void mr_time_format(double t, char *buf, size_t n)
{
    if (isinf(t)) {
        snprintf(buf, n, "unbounded");
        return;
    }
    const char *sign = t < 0 ? "-" : "";
    long long ms = llround(fabs(t) * 1000);
    long long h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60;
    if (h)
        snprintf(buf, n, "%s%lld:%02lld:%02lld.%03lld", sign, h, m, s, ms % 1000);
    else
        snprintf(buf, n, "%s%lld:%02lld.%03lld", sign, m, s, ms % 1000);
}

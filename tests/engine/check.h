/* check.h: the assertions of the C unit tests. Each failed check prints file:line and the
 * values; main() ends with CHECK_DONE(), which prints the tally and sets the exit status. */
#ifndef MR_CHECK_H
#define MR_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond) do { if (cond) check_passed++; else { check_failed++; \
    fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

#define CHECK_INT(a, b) do { long long _a = (long long)(a), _b = (long long)(b); if (_a == _b) check_passed++; \
    else { check_failed++; fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #a, _a, _b); } } while (0)

#define CHECK_NEAR(a, b, tol) do { double _a = (a), _b = (b); if (_a - _b <= (tol) && _b - _a <= (tol)) check_passed++; \
    else { check_failed++; fprintf(stderr, "%s:%d: %s is %g, expected %g (+-%g)\n", __FILE__, __LINE__, #a, _a, _b, (double)(tol)); } } while (0)

#define CHECK_STR(a, b) do { const char *_a = (a), *_b = (b); if (_a && _b && strstr(_a, _b)) check_passed++; \
    else { check_failed++; fprintf(stderr, "%s:%d: %s is \"%s\", expected it to contain \"%s\"\n", __FILE__, __LINE__, #a, _a ? _a : "(null)", _b); } } while (0)

#define CHECK_DONE() (printf("%d passed, %d failed\n", check_passed, check_failed), check_failed ? 1 : 0)

#endif

/* test_segments.c: segment plans: boundaries on frame numbers, every frame in exactly one
 * segment, more segments than frames, K/N and --segments parsing, and what auto picks. */
#include "engine/render/segments.h"
#include "tests/engine/check.h"

/* Checks that the n segments of `total` frames tile [0, total) in order, lengths differing
 * by one at most. */
static void check_tiles(int64_t total, int n)
{
    int64_t next = 0, shortest = INT64_MAX, longest = 0;
    for (int k = 0; k < n; k++) {
        mr_segment s = mr_segment_of(total, k, n);
        CHECK_INT(s.first, next);
        CHECK(s.count >= 0);
        next = s.first + s.count;
        shortest = s.count < shortest ? s.count : shortest;
        longest = s.count > longest ? s.count : longest;
    }
    CHECK_INT(next, total);
    CHECK(longest - shortest <= 1);
}

int main(void)
{
    /* 450 frames (15 s at 30 fps) in 4: 112, 112, 113, 113 */
    mr_segment s = mr_segment_of(450, 0, 4);
    CHECK_INT(s.first, 0);
    CHECK_INT(s.count, 112);
    s = mr_segment_of(450, 3, 4);
    CHECK_INT(s.first, 337);
    CHECK_INT(s.count, 113);
    check_tiles(450, 4);
    check_tiles(1, 1);
    check_tiles(7, 7);
    check_tiles(1799, 16);
    check_tiles(108000, 1000); /* an hour at 30 fps on a thousand tasks */
    for (int n = 1; n <= 40; n++)
        for (int64_t total = 1; total <= 60; total++)
            check_tiles(total, n);

    /* more segments than frames: each frame in its own segment, the rest empty */
    int ones = 0, empties = 0;
    for (int k = 0; k < 10; k++) {
        s = mr_segment_of(3, k, 10);
        ones += s.count == 1;
        empties += s.count == 0;
    }
    CHECK_INT(ones, 3);
    CHECK_INT(empties, 7);
    check_tiles(3, 10);
    /* nonsense asks get an empty segment, not a crash */
    CHECK_INT(mr_segment_of(100, 4, 4).count, 0);
    CHECK_INT(mr_segment_of(100, -1, 4).count, 0);
    CHECK_INT(mr_segment_of(0, 0, 4).count, 0);

    int k, n;
    mr_err err;
    CHECK(mr_segment_parse("3/8", &k, &n, &err) == 0 && k == 3 && n == 8);
    CHECK(mr_segment_parse("0/1", &k, &n, &err) == 0 && k == 0 && n == 1);
    CHECK(mr_segment_parse("8/8", &k, &n, &err) < 0);
    CHECK_STR(err.msg, "the segments of 8 are 0/8 to 7/8, got '8/8'");
    CHECK_STR(err.msg, "'8/8'");
    CHECK(mr_segment_parse("-1/4", &k, &n, &err) < 0);
    CHECK(mr_segment_parse("1/0", &k, &n, &err) < 0);
    CHECK(mr_segment_parse("1/4x", &k, &n, &err) < 0);
    CHECK(mr_segment_parse("1 /4", &k, &n, &err) < 0);
    CHECK(mr_segment_parse("4", &k, &n, &err) < 0);
    CHECK(mr_segment_parse("0/10001", &k, &n, &err) < 0);
    CHECK(mr_segments_parse("auto", &n, &err) == 0 && n == 0);
    CHECK(mr_segments_parse("6", &n, &err) == 0 && n == 6);
    CHECK(mr_segments_parse("0", &n, &err) < 0);
    CHECK(mr_segments_parse("2.5", &n, &err) < 0);
    CHECK_STR(err.msg, "'2.5'");

    /* auto: one segment on small machines and short outputs; never more than each segment's
     * MR_SEGMENT_MIN_SECONDS allows, nor more than the cores feed */
    mr_rational fps30 = {30, 1};
    CHECK_INT(mr_segments_auto(450 * 40, fps30, 2, false), 1);
    CHECK_INT(mr_segments_auto(450 * 40, fps30, 4, false), 1);
    CHECK_INT(mr_segments_auto(90, fps30, 64, false), 1);      /* 3 s */
    CHECK_INT(mr_segments_auto(450, fps30, 16, false), 1);     /* 15 s: less than two segments' worth */
    CHECK_INT(mr_segments_auto(1800, fps30, 16, false), 2);    /* a minute: 2 segments of 30 s */
    CHECK_INT(mr_segments_auto(450 * 40, fps30, 16, false), 4);
    CHECK_INT(mr_segments_auto(450 * 40, fps30, 128, false), 8);
    /* off the CPU (NVENC or render only on a GPU): a segment a 7.5 s, up to 4, on 4 cores */
    CHECK_INT(mr_segments_auto(450, fps30, 16, true), 2);          /* W1: 15 s */
    CHECK_INT(mr_segments_auto(1800, fps30, 16, true), 4);         /* a minute */
    CHECK_INT(mr_segments_auto(200, fps30, 16, true), 1);          /* under 15 s */
    CHECK_INT(mr_segments_auto(1800, fps30, 2, true), 1);          /* 2 cores */
    CHECK_INT(mr_segments_auto(1800, fps30, 4, true), 4);
    return CHECK_DONE();
}

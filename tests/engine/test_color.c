/* test_color.c: colour parsing. */
#include "engine/core/color.h"
#include "tests/engine/check.h"

static int parse(const char *s, mr_rgba *c)
{
    mr_err err;
    return mr_color_parse(s, c, &err);
}

int main(void)
{
    mr_rgba c;
    CHECK(parse("#ff8800", &c) == 0);
    CHECK(c.r == 255 && c.g == 0x88 && c.b == 0 && c.a == 255);
    CHECK(parse("#11223344", &c) == 0);
    CHECK(c.r == 0x11 && c.g == 0x22 && c.b == 0x33 && c.a == 0x44);
    CHECK(parse("#fff", &c) == 0);
    CHECK(c.r == 255 && c.g == 255 && c.b == 255 && c.a == 255);
    CHECK(parse("orange", &c) == 0);
    CHECK(c.r == 255 && c.g == 165 && c.b == 0);
    CHECK(parse("White", &c) == 0);
    CHECK(c.r == 255 && c.g == 255 && c.b == 255);
    CHECK(parse("transparent", &c) == 0);
    CHECK(c.a == 0);
    CHECK(parse("#12345", &c) < 0);
    CHECK(parse("#gg0000", &c) < 0);
    CHECK(parse("notacolour", &c) < 0);
    mr_err err;
    CHECK(mr_color_parse("blurple", &c, &err) < 0);
    CHECK_STR(err.msg, "unknown colour 'blurple'");
    /* premultiplied storage */
    CHECK(mr_rgba_premul((mr_rgba){255, 128, 0, 128}) == (128u | 64u << 8 | 0u << 16 | 128u << 24));
    CHECK(mr_rgba_premul((mr_rgba){10, 20, 30, 255}) == (10u | 20u << 8 | 30u << 16 | 255u << 24));
    return CHECK_DONE();
}

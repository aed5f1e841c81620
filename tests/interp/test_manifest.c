/* test_manifest.c: the parts' manifests (part_manifest.h): written and read back, the same
 * render told apart from another, and every malformed manifest refused naming its file. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "interp/part_manifest.h"
#include "tests/engine/check.h"

static char dir[] = "/tmp/moonreel-test-manifest-XXXXXX";

/* Writes text as the manifest of part 0/2 and reads it: the result of mr_manifest_read. */
static int read_text(const char *text, mr_part_manifest *m, mr_err *err)
{
    char path[256];
    snprintf(path, sizeof path, "%s/bad.json", dir);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return mr_manifest_read(path, m, err);
}

static const char *good =
    "{\"moonreel\": \"part\", \"version\": \"0.1.0\", \"script\": \"/w/edit.lua\", \"script_sha256\": \"ab\","
    " \"args\": [\"--crf=20\"], \"segment\": 0, \"segments\": 2, \"first\": 0, \"frames\": 5, \"total\": 10,"
    " \"fps\": \"30/1\", \"file\": \"part-0000-of-0002.mp4\", \"bytes\": 100, \"file_sha256\": \"cd\"}";

/* good with `from` replaced by `to`, read. */
static int read_changed(const char *from, const char *to, mr_err *err)
{
    char text[2048];
    const char *at = strstr(good, from);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
    mr_part_manifest m;
    return read_text(text, &m, err);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    mr_err err;
    mr_part_manifest *m = calloc(1, sizeof *m), *b = calloc(1, sizeof *b), *c = calloc(1, sizeof *c);
    *m = (mr_part_manifest){.k = 1, .n = 2, .first = 5, .frames = 5, .total = 10, .fps = {30000, 1001}, .bytes = 1234};
    snprintf(m->version, sizeof m->version, "0.1.0");
    snprintf(m->script, sizeof m->script, "/work/edit \"quoted\" ü.lua");
    snprintf(m->script_sha256, sizeof m->script_sha256, "%064d", 7);
    snprintf(m->file, sizeof m->file, "part-0001-of-0002.mp4");
    snprintf(m->file_sha256, sizeof m->file_sha256, "%064d", 9);
    m->args[m->nargs++] = "--set=title=Hello, \"world\"";
    m->args[m->nargs++] = "--crf=18";
    CHECK(mr_manifest_write(dir, m, &err) == 0);
    char name[64], path[256];
    mr_manifest_name(1, 2, name, sizeof name);
    CHECK_STR(name, "part-0001-of-0002.json");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK(mr_manifest_read(path, b, &err) == 0);
    CHECK_STR(b->script, "/work/edit \"quoted\" ü.lua");
    CHECK_INT(b->nargs, 2);
    CHECK_STR(b->args[0], "--set=title=Hello, \"world\"");
    CHECK_INT(b->fps.num, 30000);
    CHECK_INT(b->fps.den, 1001);
    CHECK_INT(b->first, 5);
    CHECK_INT(b->bytes, 1234);
    CHECK_STR(b->file_sha256, "0009");
    CHECK(mr_manifest_same_render(m, b, &err) == 0);

    /* a copy keeps its own arguments; another render is told apart, naming what differs */
    mr_manifest_copy(c, b);
    CHECK(c->args[0] >= c->argbuf && c->args[0] < c->argbuf + sizeof c->argbuf);
    b->args[1] = "--crf=30";
    CHECK(mr_manifest_same_render(c, b, &err) < 0);
    CHECK_STR(err.msg, "options differ: '--crf=18' against '--crf=30'");
    b->args[1] = c->args[1];
    b->n = 3;
    CHECK(mr_manifest_same_render(c, b, &err) < 0);
    CHECK_STR(err.msg, "numbers of segments differ");
    b->n = 2;
    snprintf(b->script_sha256, sizeof b->script_sha256, "other");
    CHECK(mr_manifest_same_render(c, b, &err) < 0);
    CHECK_STR(err.msg, "script's contents differ");

    /* malformed manifests: each refused, naming the file */
    CHECK(read_text(good, c, &err) == 0);
    CHECK(read_text("{\"moonreel\": ", c, &err) < 0);
    CHECK_STR(err.msg, "bad.json:1: not a part manifest");
    CHECK(read_text("[1, 2]", c, &err) < 0);
    CHECK_STR(err.msg, "bad.json");
    CHECK(read_changed("\"moonreel\": \"part\"", "\"moonreel\": \"row\"", &err) < 0);
    CHECK_STR(err.msg, "not a part manifest of this moonreel");
    CHECK(read_changed("\"segment\": 0", "\"segment\": 2", &err) < 0);           /* k >= n */
    CHECK(read_changed("\"segment\": 0", "\"segment\": \"0\"", &err) < 0);       /* a string */
    CHECK(read_changed("\"frames\": 5", "\"frames\": 11", &err) < 0);           /* past the total */
    CHECK(read_changed("\"first\": 0", "\"first\": 9223372036854775807", &err) < 0); /* no overflow */
    CHECK(read_changed("\"frames\": 5", "\"frames\": -1", &err) < 0);
    CHECK(read_changed("\"fps\": \"30/1\"", "\"fps\": \"30/0\"", &err) < 0);
    CHECK(read_changed("\"file\": \"part-0000-of-0002.mp4\"", "\"file\": \"../../etc/passwd\"", &err) < 0);
    CHECK(read_changed("\"file\": \"part-0000-of-0002.mp4\"", "\"file\": \".hidden\"", &err) < 0);
    CHECK(read_changed("\"file\": \"part-0000-of-0002.mp4\"", "\"file\": \"\"", &err) < 0); /* frames, no file */
    CHECK(read_changed("\"segments\": 2", "\"segments\": 100000", &err) < 0);
    CHECK(read_changed("\"args\": [\"--crf=20\"]", "\"args\": [20]", &err) < 0);
    CHECK(read_changed(", \"file_sha256\": \"cd\"", "", &err) < 0);             /* a field missing */
    char path2[256];
    snprintf(path2, sizeof path2, "%s/missing.json", dir);
    CHECK(mr_manifest_read(path2, c, &err) < 0);
    CHECK_STR(err.msg, "missing.json");

    snprintf(path2, sizeof path2, "%s/bad.json", dir);
    unlink(path2);
    unlink(path);
    rmdir(dir);
    free(m);
    free(b);
    free(c);
    return CHECK_DONE();
}

/* test_batch.c: batch rows (CSV per RFC 4180, JSON, JSON Lines, and their errors) and output
 * paths (fields cannot leave the output folder). */
#include <stdlib.h>
#include "interp/batch_plan.h"
#include "interp/batch_rows.h"
#include "tests/engine/check.h"

static json_t *parse(const char *text, const char *fmt, mr_err *err)
{
    return mr_rows_parse(text, strlen(text), fmt, "rows", err);
}

static const char *field(json_t *rows, size_t i, const char *k)
{
    return json_string_value(json_object_get(json_array_get(rows, i), k));
}

int main(void)
{
    mr_err err;
    /* CSV: a BOM, quotes with commas, doubled quotes, a newline inside a quoted field, CRLF,
     * an empty line, UTF-8 */
    json_t *r = parse("\xEF\xBB\xBFid,name,note\r\n1,\"Doe, Jane\",\"she said \"\"hi\"\"\"\r\n\r\n2,Zoë,\"two\nlines\"\n", "csv", &err);
    CHECK(r && json_array_size(r) == 2);
    CHECK_STR(field(r, 0, "id"), "1");
    CHECK_STR(field(r, 0, "name"), "Doe, Jane");
    CHECK_STR(field(r, 0, "note"), "she said \"hi\"");
    CHECK_STR(field(r, 1, "name"), "Zoë");
    CHECK_STR(field(r, 1, "note"), "two\nlines");
    json_decref(r);
    CHECK(parse("a,b\n1,2,3\n", "csv", &err) == NULL);
    CHECK_STR(err.msg, "line 2 has more fields than the header's 2");
    CHECK(parse("a,b\n1\n", "csv", &err) == NULL);
    CHECK_STR(err.msg, "line 2 has 1 fields, the header 2");
    CHECK(parse("a,b\n\"open,2\n", "csv", &err) == NULL);
    CHECK_STR(err.msg, "unclosed quote");
    CHECK(parse("", "csv", &err) == NULL);
    CHECK_STR(err.msg, "needs a header");
    r = parse("a,b\n", "csv", &err);
    CHECK(r && json_array_size(r) == 0);
    json_decref(r);

    /* JSON and JSON Lines keep types; errors name the line */
    r = parse("[{\"id\": 7, \"name\": \"x\", \"ok\": true}, {\"id\": 8}]", "json", &err);
    CHECK(r && json_array_size(r) == 2 && json_integer_value(json_object_get(json_array_get(r, 0), "id")) == 7);
    json_decref(r);
    CHECK(parse("{\"id\": 1}", "json", &err) == NULL);
    CHECK_STR(err.msg, "must be a JSON array of objects");
    CHECK(parse("[1, 2]", "json", &err) == NULL);
    CHECK_STR(err.msg, "row 1 is not an object");
    r = parse("{\"id\": 1}\n\n{\"id\": 2}\n", "jsonl", &err);
    CHECK(r && json_array_size(r) == 2);
    json_decref(r);
    CHECK(parse("{\"id\": 1}\n{\"id\": \n", "jsonl", &err) == NULL);
    CHECK_STR(err.msg, "rows:2:");

    /* a CSV field that is not UTF-8: never dropped; strict parsing names line, row and field,
     * noting parsing keeps the row (bad bytes as U+FFFD) and says why under its index */
    const char *latin = "id,name\n1,Ada\n2,Andr\xe9\n3,Zo\xc3\xab\n";
    CHECK(parse(latin, "csv", &err) == NULL);
    CHECK_STR(err.msg, "line 3: row 2: field 'name' is not valid UTF-8 (byte 0xE9 at byte 5)");
    json_t *bad = json_object();
    r = mr_rows_parse_noting(latin, strlen(latin), "csv", "rows", bad, &err);
    CHECK(r && json_array_size(r) == 3);
    CHECK_STR(field(r, 1, "name"), "Andr\xEF\xBF\xBD");
    CHECK_STR(field(r, 2, "name"), "Zo\xc3\xab");
    CHECK(json_object_size(bad) == 1);
    CHECK_STR(json_string_value(json_object_get(bad, "1")), "row 2: field 'name' is not valid UTF-8");
    json_decref(r);
    CHECK(mr_rows_parse_noting("n\xff,b\n1,2\n", 9, "csv", "rows", bad, &err) == NULL);
    CHECK_STR(err.msg, "line 1: the name of field 1 is not valid UTF-8");
    json_decref(bad);
    static const char *const not_utf8[] = {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80"};
    for (int i = 0; i < 5; i++)
        CHECK(mr_utf8_char_len((const unsigned char *)not_utf8[i], strlen(not_utf8[i])) == 0);
    CHECK(mr_utf8_char_len((const unsigned char *)"\xe2\x82\xac", 3) == 3);

    /* output paths */
    json_t *row = json_pack("{sssssssiss}", "id", "007", "name", "../../etc/passwd", "dot", "..", "n", 3, "ctl", "a\tb\nc");
    char out[512];
    CHECK(mr_batch_expand("out/{id}.mp4", row, 4, out, sizeof out, &err) == 0);
    CHECK_STR(out, "out/007.mp4");
    CHECK(mr_batch_expand("out/{name}.mp4", row, 4, out, sizeof out, &err) == 0);
    CHECK(strcmp(out, "out/_._.._etc_passwd.mp4") == 0); /* no folder, no "..", no hidden file */
    CHECK(mr_batch_expand("out/{dot}", row, 4, out, sizeof out, &err) == 0);
    CHECK(strcmp(out, "out/_.") == 0);
    CHECK(mr_batch_expand("out/{ctl}-{n}-{index}-{index:05}.mp4", row, 42, out, sizeof out, &err) == 0);
    CHECK(strcmp(out, "out/abc-3-42-00042.mp4") == 0);
    CHECK(mr_batch_expand("out/{row}-{row:03}.mp4", row, 0, out, sizeof out, &err) == 0);
    CHECK(strcmp(out, "out/1-001.mp4") == 0); /* the first data row is row 1, as in a spreadsheet */
    CHECK(mr_batch_expand("out/{missing}.mp4", row, 4, out, sizeof out, &err) < 0);
    CHECK_STR(err.msg, "row 5 has no field 'missing'");
    CHECK(mr_batch_expand("out/../{id}.mp4", row, 4, out, sizeof out, &err) < 0);
    CHECK_STR(err.msg, "may not contain '..'");
    CHECK(mr_batch_expand("out/{id", row, 4, out, sizeof out, &err) < 0);
    char rec[512];
    mr_batch_record_path("out/sub/x.mp4", rec, sizeof rec);
    CHECK_STR(rec, "out/sub/.moonreel-batch/x.mp4.json");
    json_decref(row);
    return CHECK_DONE();
}

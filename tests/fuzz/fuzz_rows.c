/* fuzz_rows.c: libFuzzer target for batch rows: CSV (libcsv), JSON and JSON Lines (jansson)
 * as moonreel reads them. The first byte picks the format; the rest is the file. */
#include <stdint.h>
#include <stdlib.h>
#include "interp/batch_rows.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const formats[] = {"csv", "json", "jsonl"};
    mr_err err;
    json_t *rows = mr_rows_parse((const char *)data + 1, size - 1, formats[data[0] % 3], "fuzz", &err);
    if (rows && !json_is_array(rows))
        abort(); /* rows are always an array (of objects) */
    json_decref(rows);
    return 0;
}

/* fuzz_parse.c: libFuzzer target for the small parsers that read what users type: times,
 * colours, frame rates and every render option. The first byte picks the parser; the rest
 * is the text. Any crash, hang or sanitizer report is a finding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/color.h"
#include "engine/render/render.h"
#include "engine/render/render_opts.h"
#include "engine/core/suggest.h"
#include "engine/core/timefmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = 0;
    mr_err err;
    int nopts = 0;
    while (mr_render_opt_table[nopts].name)
        nopts++;
    switch (data[0] % 5) {
    case 0: {
        double t;
        if (mr_time_parse(text, &t, &err) == 0) {
            char back[64];
            mr_time_format(t, back, sizeof back);
        }
        break;
    }
    case 1: {
        mr_rgba c;
        mr_color_parse(text, &c, &err);
        break;
    }
    case 2: {
        mr_rational q;
        if (mr_fps_parse(text, &q, &err) == 0 && !(q.num > 0 && q.den > 0))
            abort(); /* a parsed rate is always a positive fraction */
        break;
    }
    case 3: { /* every render option, then the engine's own check of the result */
        mr_render_opts o = mr_render_opts_default();
        for (int i = 0; i < nopts; i++)
            mr_render_opt_set(&o, &mr_render_opt_table[i], text, &err);
        if (mr_render_opts_check(&o, &err) < 0)
            abort(); /* whatever the parsers accept, the check accepts */
        break;
    }
    case 4: {
        const char *names[nopts];
        for (int i = 0; i < nopts; i++)
            names[i] = mr_render_opt_table[i].name;
        mr_suggest(text, names, (size_t)nopts);
        break;
    }
    }
    free(text);
    return 0;
}

/* serve_outline.c: the timeline's data. GET /api/outline: the layers of the page's compose
 * (or the segments of its concat, or the clip itself) as bars: when each starts, how long it
 * lasts and its summary (engine/ops/graph_outline.h); and the clip that shows one bar alone. */
#include "interp/serve_internal.h"

#include <math.h>
#include <stdlib.h>
#include "engine/ops/graph_outline.h"

/* Answers {"version", "kind", "duration", "items": [{"start", "duration" (null: to the end),
 * "summary", "origin"}]}; 404 without a clip, 500 when out of memory. */
enum MHD_Result mr_serve_outline(mr_server *s, struct MHD_Connection *c)
{
    unsigned version;
    mr_clip *clip = mr_serve_clip(s, &version);
    if (!clip)
        return mr_serve_reply_text(c, MHD_HTTP_NOT_FOUND, "no clip to outline");
    mr_err err;
    mr_outline_kind kind;
    mr_outline_item *it;
    int n = mr_outline(clip, &kind, &it, &err);
    if (n < 0) {
        mr_clip_unref(clip);
        return mr_serve_reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, err.msg);
    }
    static const char *const kinds[] = {"clip", "compose", "concat"};
    json_t *j = json_object(), *items = json_array();
    json_object_set_new(j, "version", json_integer(version));
    json_object_set_new(j, "kind", json_string(kinds[kind]));
    json_object_set_new(j, "duration", isinf(clip->duration) ? json_null() : json_real(clip->duration));
    for (int i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "start", json_real(it[i].start));
        json_object_set_new(o, "duration", isinf(it[i].duration) ? json_null() : json_real(it[i].duration));
        json_object_set_new(o, "summary", json_string(it[i].summary));
        json_object_set_new(o, "origin", json_string(it[i].origin));
        json_array_append_new(items, o);
    }
    json_object_set_new(j, "items", items);
    free(it);
    mr_clip_unref(clip);
    return mr_serve_reply_json(c, MHD_HTTP_OK, j);
}

mr_clip *mr_serve_solo(mr_clip *clip, const char *solo, mr_err *err)
{
    if (!solo || !*solo)
        return mr_clip_ref(clip);
    char *end;
    long i = strtol(solo, &end, 10);
    if (*end || i < 0 || i > 1000000) {
        mr_err_set(err, "solo: '%.40s' is not a bar's number", solo);
        return NULL;
    }
    return mr_outline_solo(clip, (int)i, err);
}

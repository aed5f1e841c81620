/* graph_outline.c: a compose's layers or a concat's segments as a list (graph_outline.h). */
#include "engine/ops/graph_outline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/ops/concat_node.h"
#include "engine/ops/ops.h"

/* The children of clip's top node (borrowed) and their begin times (NULL: each child's own
 * start); *n is 0 for a node that is neither a compose nor a concat. */
static mr_clip **children(const mr_clip *clip, mr_outline_kind *kind, const double **begin, int *n)
{
    *begin = NULL;
    mr_clip *const *layers = mr_compose_layers(clip, n);
    if (layers) {
        *kind = MR_OUTLINE_COMPOSE;
        return (mr_clip **)layers;
    }
    if (!strcmp(clip->ops->kind, "concat")) {
        const concat_priv *p = clip->priv;
        *kind = MR_OUTLINE_CONCAT;
        *begin = p->begin;
        *n = p->n;
        return p->clips;
    }
    *kind = MR_OUTLINE_CLIP;
    *n = 0;
    return NULL;
}

int mr_outline(const mr_clip *clip, mr_outline_kind *kind, mr_outline_item **items, mr_err *err)
{
    const double *begin;
    int n;
    mr_clip **kids = children(clip, kind, &begin, &n);
    int count = n > 0 ? n : 1;
    mr_outline_item *it = calloc((size_t)count, sizeof *it);
    if (!it) {
        mr_err_set(err, "out of memory");
        return -1;
    }
    for (int i = 0; i < count; i++) {
        const mr_clip *c = n > 0 ? kids[i] : clip;
        it[i].start = n == 0 ? 0 : begin ? begin[i] : c->start;
        it[i].duration = c->duration;
        mr_clip_describe(c, it[i].summary, sizeof it[i].summary);
        snprintf(it[i].origin, sizeof it[i].origin, "%s", c->origin);
    }
    *items = it;
    return count;
}

mr_clip *mr_outline_solo(mr_clip *clip, int i, mr_err *err)
{
    mr_outline_kind kind;
    const double *begin;
    int n;
    mr_clip **kids = children(clip, &kind, &begin, &n);
    if (n == 0 && i == 0)
        return mr_clip_ref(clip);
    if (i < 0 || i >= n) {
        mr_err_set(err, "solo: no layer %d (the clip has %d)", i + 1, n > 0 ? n : 1);
        return NULL;
    }
    /* a concat's segment starts at its begin time; a compose's layer keeps its own start */
    mr_clip *layer = begin ? mr_clip_start_at(kids[i], begin[i], err) : mr_clip_ref(kids[i]);
    if (!layer)
        return NULL;
    mr_compose_opts o = mr_compose_opts_default();
    o.w = clip->w;
    o.h = clip->h;
    o.fps = clip->fps;
    o.duration = clip->duration;
    mr_clip *solo = mr_compose_new(&layer, 1, &o, err);
    mr_clip_unref(layer);
    return solo;
}

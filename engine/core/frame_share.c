/* frame_share.c: one picture for every consumer of a node within one frame (frame_share.h). */
#include "engine/core/frame_share.h"

#include "engine/core/clip.h"

mr_share_entry *mr_share_find(mr_frame_share *s, const mr_clip *clip, double t, bool gpu)
{
    for (int i = 0; i < s->n; i++) {
        mr_share_entry *e = &s->e[i];
        if (e->clip == clip && e->t == t && e->gpu == gpu)
            return e;
    }
    if (s->n == MR_SHARE_MAX)
        return NULL;
    s->e[s->n] = (mr_share_entry){clip, t, gpu, 0, 0, NULL};
    return &s->e[s->n++];
}

mr_frame *mr_share_take(mr_share_entry *e)
{
    if (!e->frame)
        return NULL;
    if (--e->left > 0)
        return mr_frame_ref(e->frame);
    mr_frame *f = e->frame; /* the last expected ask: the kept reference changes hands */
    e->frame = NULL;
    return f;
}

void mr_share_keep(mr_share_entry *e, mr_frame *f)
{
    int consumers = atomic_load(&e->clip->consumers);
    if (e->frame || consumers <= e->asks)
        return;
    e->frame = mr_frame_ref(f);
    e->left = consumers - e->asks;
}

void mr_share_end_frame(mr_frame_share *s)
{
    for (int i = 0; i < s->n; i++) {
        mr_share_entry *e = &s->e[i];
        atomic_store(&((mr_clip *)e->clip)->consumers, e->asks);
        mr_frame_unref(e->frame);
    }
    s->n = 0;
}

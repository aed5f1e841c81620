/* memo.c: a node's last picture with the values it was made from (memo.h). */
#include "engine/core/memo.h"

#include <stdlib.h>
#include <string.h>

void mr_memo_init(mr_memo *m)
{
    memset(m, 0, sizeof *m);
    pthread_mutex_init(&m->lock, NULL);
}

void mr_memo_free(mr_memo *m)
{
    for (int i = 0; i < 1 + MR_MEMO_LANES; i++) {
        free(m->slot[i].key);
        mr_frame_unref(m->slot[i].input);
        mr_frame_unref(m->slot[i].frame);
    }
    pthread_mutex_destroy(&m->lock);
}

/* The slot for pictures made where ev works: the host's, the one holding the lane's picture,
 * an empty one, or (put only) the next to give up. -1 when a get finds none. Under m->lock. */
static int slot_for(mr_memo *m, const mr_eval *ev, bool put)
{
    if (!ev->gpu)
        return 0;
    int empty = -1;
    for (int i = 1; i <= MR_MEMO_LANES; i++) {
        if (m->slot[i].frame && m->slot[i].lane == ev->gpu)
            return i;
        if (!m->slot[i].frame && empty < 0)
            empty = i;
    }
    if (!put)
        return -1;
    if (empty > 0)
        return empty;
    m->evict = m->evict % MR_MEMO_LANES + 1;
    return m->evict;
}

mr_frame *mr_memo_get(mr_memo *m, const mr_eval *ev, const void *key, size_t n, const mr_frame *input)
{
    mr_frame *f = NULL;
    pthread_mutex_lock(&m->lock);
    int s = slot_for(m, ev, false);
    if (s >= 0 && m->slot[s].frame && mr_frame_usable(m->slot[s].frame, ev->gpu) && m->slot[s].n == n &&
        m->slot[s].input == input && !memcmp(m->slot[s].key, key, n))
        f = mr_frame_ref(m->slot[s].frame);
    pthread_mutex_unlock(&m->lock);
    return f;
}

void mr_memo_put(mr_memo *m, const mr_eval *ev, const void *key, size_t n, mr_frame *input, mr_frame *f)
{
    void *copy = malloc(n);
    if (copy)
        memcpy(copy, key, n);
    pthread_mutex_lock(&m->lock);
    int s = slot_for(m, ev, true);
    void *old_key = m->slot[s].key;
    mr_frame *old_input = m->slot[s].input, *old_frame = m->slot[s].frame;
    m->slot[s].key = copy;
    m->slot[s].n = n;
    m->slot[s].input = copy && input ? mr_frame_ref(input) : NULL;
    m->slot[s].frame = copy ? mr_frame_ref(f) : NULL;
    m->slot[s].lane = ev->gpu;
    pthread_mutex_unlock(&m->lock);
    free(old_key);
    mr_frame_unref(old_input);
    mr_frame_unref(old_frame);
}

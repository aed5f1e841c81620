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
    for (int i = 0; i < 2; i++) {
        free(m->slot[i].key);
        mr_frame_unref(m->slot[i].input);
        mr_frame_unref(m->slot[i].frame);
    }
    pthread_mutex_destroy(&m->lock);
}

mr_frame *mr_memo_get(mr_memo *m, const mr_eval *ev, const void *key, size_t n, const mr_frame *input)
{
    int s = ev->gpu != NULL;
    mr_frame *f = NULL;
    pthread_mutex_lock(&m->lock);
    if (m->slot[s].frame && mr_frame_usable(m->slot[s].frame, ev->gpu) && m->slot[s].n == n &&
        m->slot[s].input == input && !memcmp(m->slot[s].key, key, n))
        f = mr_frame_ref(m->slot[s].frame);
    pthread_mutex_unlock(&m->lock);
    return f;
}

void mr_memo_put(mr_memo *m, const mr_eval *ev, const void *key, size_t n, mr_frame *input, mr_frame *f)
{
    int s = ev->gpu != NULL;
    void *copy = malloc(n);
    if (copy)
        memcpy(copy, key, n);
    pthread_mutex_lock(&m->lock);
    void *old_key = m->slot[s].key;
    mr_frame *old_input = m->slot[s].input, *old_frame = m->slot[s].frame;
    m->slot[s].key = copy;
    m->slot[s].n = n;
    m->slot[s].input = copy && input ? mr_frame_ref(input) : NULL;
    m->slot[s].frame = copy ? mr_frame_ref(f) : NULL;
    pthread_mutex_unlock(&m->lock);
    free(old_key);
    mr_frame_unref(old_input);
    mr_frame_unref(old_frame);
}

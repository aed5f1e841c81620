/* memo.c: a node's last picture with the values it was made from (memo.h). */
#include "engine/core/memo.h"

#include <stdlib.h>
#include <string.h>

static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;
static mr_memo *all; /* every memo alive */

void mr_memo_init(mr_memo *m)
{
    memset(m, 0, sizeof *m);
    pthread_mutex_init(&m->lock, NULL);
    pthread_mutex_lock(&all_lock);
    m->next = all;
    if (all)
        all->prev = m;
    all = m;
    pthread_mutex_unlock(&all_lock);
}

/* Empties slot i of m. Under m->lock; the references are dropped by the caller, after. */
static void take_slot(mr_memo *m, int i, mr_frame **frame, mr_frame **input, void **key)
{
    *frame = m->slot[i].frame;
    *input = m->slot[i].input;
    *key = m->slot[i].key;
    memset(&m->slot[i], 0, sizeof m->slot[i]);
}

static void drop(mr_frame *frame, mr_frame *input, void *key)
{
    mr_frame_unref(frame);
    mr_frame_unref(input);
    free(key);
}

void mr_memo_free(mr_memo *m)
{
    pthread_mutex_lock(&all_lock);
    if (m->prev)
        m->prev->next = m->next;
    else
        all = m->next;
    if (m->next)
        m->next->prev = m->prev;
    pthread_mutex_unlock(&all_lock);
    for (int i = 0; i < 1 + MR_MEMO_LANES; i++)
        drop(m->slot[i].frame, m->slot[i].input, m->slot[i].key);
    pthread_mutex_destroy(&m->lock);
}

void mr_memo_forget_lane(const struct mr_gpu *lane)
{
    if (!lane)
        return;
    pthread_mutex_lock(&all_lock); /* a memo is not freed meanwhile */
    for (mr_memo *m = all; m; m = m->next) {
        mr_frame *frame = NULL, *input = NULL;
        void *key = NULL;
        pthread_mutex_lock(&m->lock);
        for (int i = 1; i <= MR_MEMO_LANES; i++)
            if (m->slot[i].frame && m->slot[i].lane == lane)
                take_slot(m, i, &frame, &input, &key); /* a lane has one slot */
        pthread_mutex_unlock(&m->lock);
        drop(frame, input, key);
    }
    pthread_mutex_unlock(&all_lock);
}

/* The slot for pictures made where ev works: the host's or the one holding the lane's picture;
 * for a put to a lane new to m, a free one, else the next to push out. -1 when a get finds
 * none. Under m->lock. */
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
    mr_frame *old_frame, *old_input;
    void *old_key;
    take_slot(m, s, &old_frame, &old_input, &old_key);
    if (copy) {
        m->slot[s].key = copy;
        m->slot[s].n = n;
        m->slot[s].input = input ? mr_frame_ref(input) : NULL;
        m->slot[s].frame = mr_frame_ref(f);
        m->slot[s].lane = ev->gpu;
    }
    pthread_mutex_unlock(&m->lock);
    drop(old_frame, old_input, old_key);
}

/* test_memo.c: a node's last picture kept per place it was made: the host, and each GPU lane
 * in a slot of its own, the oldest given up when more lanes ask than there are slots. Lanes are
 * only compared here, never used, so host frames stand in for their pictures. */
#include "engine/core/memo.h"
#include "tests/engine/check.h"

/* The picture m hands out where ev works for key, or NULL (the reference dropped at once: the
 * memo keeps its own). */
static mr_frame *peek(mr_memo *m, const mr_eval *ev, int key)
{
    mr_frame *f = mr_memo_get(m, ev, &key, sizeof key, NULL);
    mr_frame_unref(f);
    return f;
}

int main(void)
{
    mr_err err;
    static char lanes[MR_MEMO_LANES + 1]; /* addresses that stand for lanes */
    mr_eval host, ev[MR_MEMO_LANES + 1];
    mr_eval_init(&host, &err, NULL);
    mr_frame *pic[MR_MEMO_LANES + 2];
    for (int i = 0; i < MR_MEMO_LANES + 2; i++)
        CHECK((pic[i] = mr_frame_new(4, 4, &err)) != NULL);
    for (int i = 0; i <= MR_MEMO_LANES; i++) {
        mr_eval_init(&ev[i], &err, NULL);
        ev[i].gpu = (struct mr_gpu *)&lanes[i];
    }
    mr_memo m;
    mr_memo_init(&m);
    int key = 1, other = 2;

    CHECK(peek(&m, &host, key) == NULL); /* nothing kept yet */
    mr_memo_put(&m, &host, &key, sizeof key, NULL, pic[MR_MEMO_LANES + 1]);
    CHECK(peek(&m, &host, key) == pic[MR_MEMO_LANES + 1]);
    CHECK(peek(&m, &host, other) == NULL); /* other values: drawn again */
    CHECK(peek(&m, &ev[0], key) == NULL);  /* the host's picture is not a lane's */

    /* every lane keeps its own, side by side */
    for (int i = 0; i < MR_MEMO_LANES; i++)
        mr_memo_put(&m, &ev[i], &key, sizeof key, NULL, pic[i]);
    for (int i = 0; i < MR_MEMO_LANES; i++)
        CHECK(peek(&m, &ev[i], key) == pic[i]);
    CHECK(peek(&m, &host, key) == pic[MR_MEMO_LANES + 1]);

    /* a lane's new picture takes its own slot again */
    mr_memo_put(&m, &ev[1], &other, sizeof other, NULL, pic[0]);
    CHECK(peek(&m, &ev[1], other) == pic[0] && peek(&m, &ev[1], key) == NULL);
    CHECK(peek(&m, &ev[0], key) == pic[0] && peek(&m, &ev[2], key) == pic[2]);

    /* one lane more than the slots: one lane's picture is given up, the newcomer kept */
    mr_memo_put(&m, &ev[MR_MEMO_LANES], &key, sizeof key, NULL, pic[MR_MEMO_LANES]);
    CHECK(peek(&m, &ev[MR_MEMO_LANES], key) == pic[MR_MEMO_LANES]);
    int kept = 0;
    for (int i = 0; i < MR_MEMO_LANES; i++)
        kept += peek(&m, &ev[i], i == 1 ? other : key) != NULL;
    CHECK_INT(kept, MR_MEMO_LANES - 1);
    CHECK(peek(&m, &host, key) == pic[MR_MEMO_LANES + 1]); /* the host's slot is never given up */

    /* a lane that goes empties its slot in every memo: its picture's reference is dropped */
    mr_memo other_memo;
    mr_memo_init(&other_memo);
    mr_memo_put(&other_memo, &ev[MR_MEMO_LANES], &key, sizeof key, NULL, pic[MR_MEMO_LANES]);
    CHECK_INT(pic[MR_MEMO_LANES]->refs, 3); /* ours and the two memos' */
    mr_memo_forget_lane(ev[MR_MEMO_LANES].gpu);
    CHECK(peek(&m, &ev[MR_MEMO_LANES], key) == NULL && peek(&other_memo, &ev[MR_MEMO_LANES], key) == NULL);
    CHECK_INT(pic[MR_MEMO_LANES]->refs, 1);
    CHECK(peek(&m, &ev[2], key) == pic[2] && peek(&m, &host, key) == pic[MR_MEMO_LANES + 1]); /* the rest stay */
    mr_memo_put(&m, &ev[MR_MEMO_LANES], &other, sizeof other, NULL, pic[1]); /* the freed slot is taken */
    CHECK(peek(&m, &ev[MR_MEMO_LANES], other) == pic[1] && peek(&m, &ev[2], key) == pic[2]);
    mr_memo_free(&other_memo);

    mr_memo_free(&m);
    for (int i = 0; i < MR_MEMO_LANES + 2; i++)
        mr_frame_unref(pic[i]);
    for (int i = 0; i <= MR_MEMO_LANES; i++)
        mr_eval_free(&ev[i]);
    mr_eval_free(&host);
    return CHECK_DONE();
}

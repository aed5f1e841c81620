/* mux.c: encoded packets into the container, interleaved. */
#include "engine/output/mux.h"

int mr_mux_encode(mr_mux *m, AVCodecContext *enc, AVStream *st, AVFrame *f, mr_err *err)
{
    int r = avcodec_send_frame(enc, f);
    if (r < 0 && r != AVERROR_EOF)
        return mr_err_av(err, r, "%s encoder failed", enc->codec->name);
    for (;;) {
        if (!f && m->cancel && *m->cancel) /* flushing, and asked to stop */
            return mr_err_set(err, "interrupted");
        r = avcodec_receive_packet(enc, m->pkt);
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
            return 0;
        if (r < 0)
            return mr_err_av(err, r, "%s encoder failed", enc->codec->name);
        av_packet_rescale_ts(m->pkt, enc->time_base, st->time_base);
        m->pkt->stream_index = st->index;
        if ((r = av_interleaved_write_frame(m->oc, m->pkt)) < 0)
            return mr_err_av(err, r, "cannot write '%s'", m->path);
    }
}

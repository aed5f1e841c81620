/* video_copy.c: an output's picture copied as encoded packets (a join of segments' parts):
 * the stream takes the parts' codec parameters, and packets are moved from frame counts to
 * the stream's time base and interleaved with the sound. */
#include "engine/output/output_internal.h"

#include <string.h>

int mr_vcopy_open(mr_output *o, const AVCodecParameters *par, mr_rational fps, mr_err *err)
{
    const AVOutputFormat *f = o->mux.oc->oformat;
    if (avformat_query_codec(f, par->codec_id, FF_COMPLIANCE_NORMAL) == 0)
        return mr_err_set(err, "'%s' cannot hold %s pictures, the parts' codec (render the parts with another "
                          "--codec, or join into .mkv)", o->path, avcodec_get_name(par->codec_id));
    if (!(o->vst = avformat_new_stream(o->mux.oc, NULL)) || avcodec_parameters_copy(o->vst->codecpar, par) < 0)
        return mr_err_set(err, "out of memory");
    o->vst->codecpar->codec_tag = 0; /* the container's own tag for the codec, but HEVC in MP4/MOV as
                                      * hvc1, as the encoder writes it (Apple's players want it) */
    const char *mux = f->name;
    if (par->codec_id == AV_CODEC_ID_HEVC && (!strcmp(mux, "mp4") || !strcmp(mux, "mov")))
        o->vst->codecpar->codec_tag = MKTAG('h', 'v', 'c', '1');
    o->copy = true;
    o->copy_tb = (AVRational){fps.den, fps.num};
    o->vst->time_base = o->copy_tb;
    o->vst->avg_frame_rate = o->vst->r_frame_rate = (AVRational){fps.num, fps.den};
    return 0;
}

int mr_output_packet(mr_output *o, AVPacket *pkt, mr_err *err)
{
    av_packet_rescale_ts(pkt, o->copy_tb, o->vst->time_base);
    pkt->stream_index = o->vst->index;
    pkt->pos = -1;
    int r = av_interleaved_write_frame(o->mux.oc, pkt);
    return r < 0 ? mr_err_av(err, r, "cannot write '%s'", o->path) : 0;
}

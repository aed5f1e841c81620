/* nvenc_memo.h: remembers that NVENC refused to open on a GPU because the GPU has no video
 * encoder (A100, H100 and H200 answer "unsupported device"). Asking costs a quarter of a
 * second, during which the driver also holds up NVDEC, on every run; the answer does not
 * change for one GPU and driver. Kept per GPU identity and codec in
 * $XDG_CACHE_HOME/moonreel/nvenc-refused/ (default ~/.cache), and in the process when that
 * folder cannot be written. `moonreel probe` and `--encoder nvenc` always ask the GPU again. */
#ifndef MR_NVENC_MEMO_H
#define MR_NVENC_MEMO_H

#include <stdbool.h>
#include <stddef.h>

/* What is known of NVENC for a GPU and codec: no refusal (it opened, or was never asked), a
 * refusal this process met, or one read from the file an earlier process wrote (only that
 * one is called "remembered" in messages). */
typedef enum { MR_NVENC_NOT_REFUSED = 0, MR_NVENC_REFUSED_HERE, MR_NVENC_REFUSED_BEFORE } mr_nvenc_known;

/* Whether NVENC for `codec` ("h264", "hevc") was found missing on the GPU `identity`
 * (mr_gpu_identity), and where; when it was, what it said, in why[n] (n >= 1; untouched
 * otherwise). MR_NVENC_NOT_REFUSED for an empty or NULL identity. */
mr_nvenc_known mr_nvenc_memo_get(const char *identity, const char *codec, char *why, size_t n);

/* Remembers NVENC's refusal `why`, or forgets it (why NULL: NVENC opened). Failing to write
 * the file is not an error: the process still remembers. */
void mr_nvenc_memo_set(const char *identity, const char *codec, const char *why);

#endif

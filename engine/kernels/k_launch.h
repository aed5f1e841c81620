/* k_launch.h: how the dispatch files (engine/kernels/k_*.c) start a CUDA twin: on the
 * pipeline's stream, its launch error turned into -1 and a message in ev->err. Without CUDA
 * ev->gpu is always NULL, so the GPU branches are never taken. */
#ifndef MR_K_LAUNCH_H
#define MR_K_LAUNCH_H

#include "engine/core/eval.h"
#include "engine/gpu/gpu.h"

#ifdef MR_HAVE_CUDA
#include "cuda/kernels.h"
#define MR_K_STREAM(ev) ((mr_cu_stream)mr_gpu_stream((ev)->gpu))
#define MR_K_LAUNCH(ev, what, call) mr_gpu_check((call), what, (ev)->err)
#else
#define MR_K_LAUNCH(ev, what, call) mr_err_set((ev)->err, "this moonreel was built without CUDA")
#endif

#endif

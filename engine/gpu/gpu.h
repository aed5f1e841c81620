/* gpu.h: the CUDA device moonreel renders on. One per process, found at first use: the
 * device's primary context (shared with FFmpeg's NVDEC/NVENC through an AVHWDeviceContext),
 * a stream on which every kernel, copy, decode and encode of a pipeline is ordered, and device
 * memory. A pipeline that runs beside others (a segment of a render) takes a lane: the same
 * device and context with a stream and an FFmpeg device of its own, so that its decoders,
 * copies and kernels wait only for each other. Without CUDA at build time, or without a driver or a device at run time,
 * mr_gpu_open says why and the engine renders on the CPU. */
#ifndef MR_GPU_H
#define MR_GPU_H

#include <stdbool.h>
#include <stddef.h>
#include "engine/core/error.h"

struct AVBufferRef;
typedef struct mr_gpu mr_gpu;

/* The process's GPU (started on the first call; later calls return the same one), or NULL
 * with `why` in words ("no NVIDIA driver (libcuda.so.1 cannot be loaded)"). Thread-safe. */
mr_gpu *mr_gpu_open(mr_err *why);

/* Starts opening the GPU on a background thread (driver start-up takes a third of a second
 * or more), so that it overlaps with the script and the media probing; mr_gpu_open then
 * waits for it. Does nothing in a build without CUDA. */
void mr_gpu_open_async(void);

/* The GPU if it is open already, else NULL: never waits, never starts opening it. */
mr_gpu *mr_gpu_ready(void);

/* Waits until a background open has finished. main() calls it before the process ends: the
 * CUDA runtime's own exit handlers must not run while that thread is still inside it (an
 * atexit handler of ours would run after theirs, too late). */
void mr_gpu_settle(void);

/* Lets go of the GPU for good, on a background thread, for a process that is about to end:
 * the CUDA context is destroyed, and with it all device memory, NVDEC sessions, events and
 * page-locked buffers; then the process's NVIDIA device files are swapped for /dev/null, so
 * the driver frees the rest. Done while the CPU still drains the encoder, this takes the
 * driver's teardown (a seventh of a second) off the end of the command. From this call on,
 * moonreel's own GPU frees do nothing and its allocations fail; FFmpeg's CUDA objects
 * (decoders, frame pools) must not be freed at all, so the caller ends the process without
 * freeing them. */
void mr_gpu_release_for_exit(void);

/* Whether mr_gpu_release_for_exit was called. */
bool mr_gpu_released(void);

/* Whether this build has the CUDA engine at all. */
bool mr_gpu_built(void);

/* Whether an NVIDIA driver is on this machine (libcuda.so.1 loads); false in a build without
 * CUDA. Asks the driver once (as mr_gpu_open). */
bool mr_gpu_driver_present(void);

/* How many CUDA devices the driver reports (0 without a driver or a device). */
int mr_gpu_count(void);

/* Name, memory and driver, for messages and `moonreel probe`. */
const char *mr_gpu_name(const mr_gpu *g);
size_t mr_gpu_memory(const mr_gpu *g);
int mr_gpu_driver_version(void);

/* What identifies this GPU and its driver for remembering what it can do ("GPU-<uuid> driver
 * 580.159.04"): the GPU's UUID and the kernel driver's version. */
const char *mr_gpu_identity(const mr_gpu *g);

/* A lane of g: the same GPU with its own stream and FFmpeg device (on the primary context),
 * usable wherever an mr_gpu is. NULL with err set. The caller frees it with mr_gpu_lane_free
 * (which waits for its stream) after everything that used it is gone; free takes NULL and
 * ignores the process's own handle. */
mr_gpu *mr_gpu_lane_new(const mr_gpu *g, mr_err *err);
void mr_gpu_lane_free(mr_gpu *lane);

/* Makes what g's stream has queued so far safe for other lanes to read: a picture or table
 * kept where any pipeline takes it (a static node's picture, a LUT's device tables) is
 * published this way. Waits for g's stream while lanes exist; does nothing otherwise (one
 * stream orders everything; mr_gpu_lane_new waits for the process's stream once). Returns 0,
 * or -1 with the stream's error. */
int mr_gpu_publish(const mr_gpu *g, mr_err *err);

/* g's stream (a cudaStream_t) and FFmpeg's device on the same context and stream
 * (borrowed: add a reference to keep it). */
void *mr_gpu_stream(const mr_gpu *g);
struct AVBufferRef *mr_gpu_hw_device(const mr_gpu *g);

/* Device memory (NULL with err set when it runs out). Free with the same size (it keeps the
 * count of moonreel's device memory); NULL is fine. */
void *mr_gpu_malloc(size_t bytes, mr_err *err);
void mr_gpu_free(void *p, size_t bytes);

/* Page-locked host memory for asynchronous downloads; free takes NULL. */
void *mr_gpu_host_malloc(size_t bytes, mr_err *err);
void mr_gpu_host_free(void *p);

/* Turns a CUDA error code into -1 with "what: reason" in err, or returns 0 for success. */
int mr_gpu_check(int cuda_error, const char *what, mr_err *err);

/* A 2D copy on g's stream, device or host memory on either side. */
int mr_gpu_copy2d(const mr_gpu *g, void *dst, size_t dpitch, const void *src, size_t spitch, size_t width,
                  size_t height, mr_err *err);

/* Waits for everything queued on g's stream. Returns 0, or -1 with the first error. */
int mr_gpu_sync(const mr_gpu *g, mr_err *err);

/* Events, to wait for one frame's work without waiting for the device. */
void *mr_gpu_event_new(mr_err *err);
int mr_gpu_event_record(const mr_gpu *g, void *ev, mr_err *err);
int mr_gpu_event_wait(void *ev, mr_err *err);
void mr_gpu_event_free(void *ev);

/* Peak bytes of device memory moonreel's own allocations held (frames, scratch). */
size_t mr_gpu_peak_bytes(void);

#endif

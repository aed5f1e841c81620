/* gpu.c: the CUDA device, its stream, FFmpeg's device context on it, memory and events.
 * The CUDA runtime is linked statically and loads the driver when first called, so this
 * binary runs where there is no driver: mr_gpu_open then says so. */
#include "engine/gpu/gpu.h"
#include "engine/gpu/gpu_identity.h"
#include "engine/core/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#ifdef MR_HAVE_CUDA
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <cuda_runtime_api.h>
#include <libavutil/hwcontext.h>
#include <libavutil/hwcontext_cuda.h>

struct mr_gpu {
    bool lane;                 /* made by mr_gpu_lane_new: its stream and FFmpeg device are its own */
    int device;
    char name[256];
    char identity[MR_GPU_IDENTITY_MAX];
    size_t memory;
    cudaStream_t stream;
    AVBufferRef *hw_device;
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static mr_gpu the_gpu;
static _Atomic(mr_gpu *) opened; /* set last, once the GPU is fully open */
static mr_err open_error;
static atomic_size_t live_bytes, peak_bytes;
static atomic_bool released; /* the context is gone (or going): no more CUDA calls */
static atomic_int lanes;      /* lanes alive beside the process's own stream */

static void *refuse_released(mr_err *err)
{
    mr_err_set(err, "the GPU was let go: the process is ending");
    return NULL;
}

bool mr_gpu_built(void) { return true; }

int mr_gpu_check(int e, const char *what, mr_err *err)
{
    if (e == cudaSuccess)
        return 0;
    return mr_err_set(err, "%s: %s (CUDA error %d)", what, cudaGetErrorString((cudaError_t)e), e);
}

/* identity = "GPU-<uuid> driver <version>", the version from the kernel module's own line
 * in /proc (CUDA's number where there is none). */
static void describe(mr_gpu *g, const unsigned char uuid[16])
{
    char driver[64];
    mr_gpu_driver_of(MR_PROC_NVIDIA, driver, sizeof driver);
    if (!driver[0])
        snprintf(driver, sizeof driver, "cuda-%d", mr_gpu_driver_version());
    mr_gpu_identity_format(uuid, driver, g->identity, sizeof g->identity);
}

/* A stream of its own on the primary context, and FFmpeg's device on it (so NVDEC copies its
 * frames out on that stream). Returns 0, or -1 with err set and nothing kept. */
static int open_stream(mr_gpu *g, mr_err *err)
{
    AVDictionary *opts = NULL;
    av_dict_set(&opts, "primary_ctx", "1", 0);
    int r = av_hwdevice_ctx_create(&g->hw_device, AV_HWDEVICE_TYPE_CUDA, "0", opts, 0);
    av_dict_free(&opts);
    if (r < 0)
        return mr_err_av(err, r, "FFmpeg cannot open the CUDA device");
    if (mr_gpu_check(cudaStreamCreateWithFlags(&g->stream, cudaStreamNonBlocking), "cannot make a CUDA stream", err) <
        0) {
        av_buffer_unref(&g->hw_device);
        return -1;
    }
    AVCUDADeviceContext *hw = ((AVHWDeviceContext *)g->hw_device->data)->hwctx;
    hw->stream = (CUstream)g->stream;
    return 0;
}

static bool no_driver; /* set once by open_once: libcuda.so.1 could not be loaded */

static void open_once(void)
{
    int n = 0;
    mr_trace("opening the GPU");
    cudaError_t e = cudaGetDeviceCount(&n);
    mr_trace("CUDA driver loaded, %d device(s)", n);
    if (e == cudaErrorInsufficientDriver || e == cudaErrorNoDevice || e == cudaErrorInitializationError) {
        int drv = 0;
        cudaDriverGetVersion(&drv);
        if (drv == 0) {
            no_driver = true;
            mr_err_set(&open_error, "no NVIDIA driver on this machine (libcuda.so.1 cannot be loaded)");
        }
        else if (e == cudaErrorInsufficientDriver)
            mr_err_set(&open_error, "the NVIDIA driver (CUDA %d.%d) is older than moonreel's CUDA runtime", drv / 1000,
                       drv % 1000 / 10);
        else
            mr_err_set(&open_error, "no CUDA device found");
        return;
    }
    if (e != cudaSuccess || n == 0) {
        mr_gpu_check(e == cudaSuccess ? cudaErrorNoDevice : e, "no usable CUDA device", &open_error);
        return;
    }
    mr_gpu *g = &the_gpu;
    g->device = 0;
    struct cudaDeviceProp prop;
    if (mr_gpu_check(cudaGetDeviceProperties(&prop, 0), "cannot read the GPU's properties", &open_error) < 0)
        return;
    snprintf(g->name, sizeof g->name, "%s", prop.name);
    g->memory = prop.totalGlobalMem;
    describe(g, (const unsigned char *)prop.uuid.bytes);
    /* FFmpeg retains the device's primary context first (it sets the context's flags, which
     * it can only do before the context is active); the runtime then works in that same
     * context, so NVDEC, NVENC and our kernels share one context */
    if (open_stream(g, &open_error) < 0)
        return;
    atomic_store(&opened, g);
    mr_trace("GPU open: %s", g->name);
}

static void *open_in_background(void *arg)
{
    (void)arg;
    pthread_once(&once, open_once);
    return NULL;
}

static pthread_t opener;
static bool opener_running;

void mr_gpu_settle(void)
{
    if (opener_running)
        pthread_join(opener, NULL);
    opener_running = false;
}

void mr_gpu_open_async(void)
{
    if (opener_running)
        return;
    if (pthread_create(&opener, NULL, open_in_background, NULL) != 0) {
        pthread_once(&once, open_once);
        return;
    }
    opener_running = true;
}

/* Puts /dev/null in place of every open NVIDIA device file of the process: the driver frees
 * what the process still holds (its client, the unified memory space) when the last of them
 * goes, which is otherwise the longest part of ending the process. The descriptors' numbers
 * stay taken, so nothing opened later gets one that the driver's threads still look at. */
static void drop_driver_files(void)
{
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    DIR *d = null >= 0 ? opendir("/proc/self/fd") : NULL;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char link[64], target[64] = "";
        snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
        if (readlink(link, target, sizeof target - 1) > 0 && !strncmp(target, "/dev/nvidia", 11))
            dup2(null, atoi(e->d_name));
    }
    if (d)
        closedir(d);
    if (null >= 0)
        close(null);
}

static void *reset_device(void *arg)
{
    (void)arg;
    cudaSetDevice(the_gpu.device);
    cudaDeviceReset(); /* an error here changes nothing: the process ends next */
    drop_driver_files();
    mr_trace("GPU let go");
    return NULL;
}

void mr_gpu_release_for_exit(void)
{
    if (!atomic_load(&opened) || atomic_exchange(&released, true))
        return;
    mr_trace("letting go of the GPU");
    pthread_t t;
    if (pthread_create(&t, NULL, reset_device, NULL) == 0)
        pthread_detach(t); /* the process may end first: the kernel then finishes the job */
}

bool mr_gpu_released(void) { return atomic_load(&released); }

int mr_gpu_count(void)
{
    int n = 0;
    return cudaGetDeviceCount(&n) == cudaSuccess ? n : 0;
}

mr_gpu *mr_gpu_open(mr_err *why)
{
    pthread_once(&once, open_once);
    if (!opened && why)
        *why = open_error;
    return opened;
}

mr_gpu *mr_gpu_ready(void) { return atomic_load(&opened); }

bool mr_gpu_driver_present(void)
{
    pthread_once(&once, open_once);
    return !no_driver;
}

const char *mr_gpu_name(const mr_gpu *g) { return g->name; }
const char *mr_gpu_identity(const mr_gpu *g) { return g->identity; }
size_t mr_gpu_memory(const mr_gpu *g) { return g->memory; }
void *mr_gpu_stream(const mr_gpu *g) { return g->stream; }
AVBufferRef *mr_gpu_hw_device(const mr_gpu *g) { return g->hw_device; }

mr_gpu *mr_gpu_lane_new(const mr_gpu *g, mr_err *err)
{
    if (atomic_load(&released))
        return refuse_released(err);
    /* what g queued before lanes existed was never published: order it before any lane reads */
    if (mr_gpu_sync(g, err) < 0)
        return NULL;
    mr_gpu *lane = malloc(sizeof *lane);
    if (!lane) {
        mr_err_set(err, "out of memory");
        return NULL;
    }
    *lane = *g;
    lane->lane = true;
    if (open_stream(lane, err) < 0) {
        free(lane);
        return NULL;
    }
    atomic_fetch_add(&lanes, 1);
    return lane;
}

void mr_gpu_lane_free(mr_gpu *lane)
{
    if (!lane || !lane->lane)
        return;
    if (!atomic_load(&released)) {
        cudaStreamSynchronize(lane->stream);
        av_buffer_unref(&lane->hw_device); /* FFmpeg's device lets the primary context go */
        cudaStreamDestroy(lane->stream);
    }
    atomic_fetch_sub(&lanes, 1);
    free(lane);
}

int mr_gpu_publish(const mr_gpu *g, mr_err *err)
{
    return atomic_load(&lanes) > 0 ? mr_gpu_sync(g, err) : 0;
}

int mr_gpu_driver_version(void)
{
    int v = 0;
    cudaDriverGetVersion(&v);
    return v;
}

void *mr_gpu_malloc(size_t bytes, mr_err *err)
{
    void *p = NULL;
    if (atomic_load(&released))
        return refuse_released(err);
    if (mr_gpu_check(cudaMalloc(&p, bytes), "out of GPU memory", err) < 0)
        return NULL;
    size_t now = atomic_fetch_add(&live_bytes, bytes) + bytes, peak = atomic_load(&peak_bytes);
    while (now > peak && !atomic_compare_exchange_weak(&peak_bytes, &peak, now))
        ;
    return p;
}

void mr_gpu_free(void *p, size_t bytes)
{
    if (!p || atomic_load(&released))
        return;
    cudaFree(p);
    atomic_fetch_sub(&live_bytes, bytes);
}

size_t mr_gpu_peak_bytes(void) { return atomic_load(&peak_bytes); }

void *mr_gpu_host_malloc(size_t bytes, mr_err *err)
{
    void *p = NULL;
    if (atomic_load(&released))
        return refuse_released(err);
    if (mr_gpu_check(cudaMallocHost(&p, bytes), "out of page-locked memory", err) < 0)
        return NULL;
    return p;
}

void mr_gpu_host_free(void *p)
{
    if (p && !atomic_load(&released))
        cudaFreeHost(p);
}

int mr_gpu_copy2d(const mr_gpu *g, void *dst, size_t dpitch, const void *src, size_t spitch, size_t width,
                  size_t height, mr_err *err)
{
    return mr_gpu_check(cudaMemcpy2DAsync(dst, dpitch, src, spitch, width, height, cudaMemcpyDefault, g->stream),
                        "GPU copy failed", err);
}

int mr_gpu_sync(const mr_gpu *g, mr_err *err)
{
    return mr_gpu_check(cudaStreamSynchronize(g->stream), "GPU work failed", err);
}

void *mr_gpu_event_new(mr_err *err)
{
    cudaEvent_t e;
    if (atomic_load(&released))
        return refuse_released(err);
    if (mr_gpu_check(cudaEventCreateWithFlags(&e, cudaEventDisableTiming), "cannot make a CUDA event", err) < 0)
        return NULL;
    return e;
}

int mr_gpu_event_record(const mr_gpu *g, void *ev, mr_err *err)
{
    return mr_gpu_check(cudaEventRecord((cudaEvent_t)ev, g->stream), "cannot record a CUDA event", err);
}

int mr_gpu_event_wait(void *ev, mr_err *err)
{
    return mr_gpu_check(cudaEventSynchronize((cudaEvent_t)ev), "GPU work failed", err);
}

void mr_gpu_event_free(void *ev)
{
    if (ev && !atomic_load(&released))
        cudaEventDestroy((cudaEvent_t)ev);
}

#else /* built without CUDA: every entry says so */

bool mr_gpu_built(void) { return false; }
int mr_gpu_count(void) { return 0; }
mr_gpu *mr_gpu_ready(void) { return NULL; }
void mr_gpu_open_async(void) {}
void mr_gpu_settle(void) {}
void mr_gpu_release_for_exit(void) {}
bool mr_gpu_released(void) { return false; }
bool mr_gpu_driver_present(void) { return false; }
mr_gpu *mr_gpu_open(mr_err *why)
{
    mr_err_set(why, "this moonreel was built without CUDA");
    return NULL;
}
const char *mr_gpu_name(const mr_gpu *g) { return ""; }
const char *mr_gpu_identity(const mr_gpu *g) { return ""; }
size_t mr_gpu_memory(const mr_gpu *g) { return 0; }
int mr_gpu_driver_version(void) { return 0; }
void *mr_gpu_stream(const mr_gpu *g) { return NULL; }
struct AVBufferRef *mr_gpu_hw_device(const mr_gpu *g) { return NULL; }
void *mr_gpu_malloc(size_t bytes, mr_err *err)
{
    mr_err_set(err, "this moonreel was built without CUDA");
    return NULL;
}
void mr_gpu_free(void *p, size_t bytes) {}
void *mr_gpu_host_malloc(size_t bytes, mr_err *err) { return mr_gpu_malloc(bytes, err); }
void mr_gpu_host_free(void *p) {}
int mr_gpu_check(int e, const char *what, mr_err *err) { return e ? mr_err_set(err, "%s", what) : 0; }
int mr_gpu_copy2d(const mr_gpu *g, void *d, size_t dp, const void *s, size_t sp, size_t w, size_t h, mr_err *err)
{
    return mr_err_set(err, "this moonreel was built without CUDA");
}
int mr_gpu_sync(const mr_gpu *g, mr_err *err) { return 0; }
mr_gpu *mr_gpu_lane_new(const mr_gpu *g, mr_err *err) { return mr_gpu_malloc(0, err); }
void mr_gpu_lane_free(mr_gpu *lane) {}
int mr_gpu_publish(const mr_gpu *g, mr_err *err) { return 0; }
void *mr_gpu_event_new(mr_err *err) { return mr_gpu_malloc(0, err); }
int mr_gpu_event_record(const mr_gpu *g, void *ev, mr_err *err) { return 0; }
int mr_gpu_event_wait(void *ev, mr_err *err) { return 0; }
void mr_gpu_event_free(void *ev) {}
size_t mr_gpu_peak_bytes(void) { return 0; }

#endif

/* gpu_identity.h: what names a GPU and its driver for remembering what it can do
 * ("GPU-<uuid in hex> driver 580.159.04"): CUDA's UUID of the device and the version of the
 * kernel driver as its /proc file states it. Plain C, no CUDA, so it is tested anywhere. */
#ifndef MR_GPU_IDENTITY_H
#define MR_GPU_IDENTITY_H

#include <stddef.h>

#define MR_GPU_IDENTITY_MAX 128
#define MR_PROC_NVIDIA "/proc/driver/nvidia"

/* The kernel driver's version from <root>/version ("580.159.04") in out[n]; "" when there is
 * no such file or no version in it. */
void mr_gpu_driver_of(const char *root, char *out, size_t n);

/* out[n] = "GPU-<32 hex digits> driver <driver>" for the 16 bytes of a UUID. */
void mr_gpu_identity_format(const unsigned char uuid[16], const char *driver, char *out, size_t n);

#endif

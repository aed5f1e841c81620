/* test_gpu_identity.c: the kernel driver's version read from its /proc line (a made-up tree
 * here: the proprietary and the open kernel module word it differently) and the identity
 * made from CUDA's UUID bytes, which names NVENC's remembered refusal. */
#include <stdio.h>
#include <stdlib.h>
#include "engine/gpu/gpu_identity.h"
#include "tests/engine/check.h"

/* Writes line as <root>/version and returns what mr_gpu_driver_of reads from it. */
static const char *driver_from(const char *root, const char *line)
{
    static char driver[64];
    char path[512];
    snprintf(path, sizeof path, "%s/version", root);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(line, f);
        fclose(f);
    }
    mr_gpu_driver_of(root, driver, sizeof driver);
    return driver;
}

int main(void)
{
    char root[] = "/tmp/mr_procnv_XXXXXX", driver[64];
    CHECK(mkdtemp(root) != NULL);

    mr_gpu_driver_of(root, driver, sizeof driver); /* no driver */
    CHECK_STR(driver, "");
    CHECK_STR(driver_from(root, "NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.95.05  Tue Sep 23 09:39:03 UTC 2025\n"
                                "GCC version:  gcc version 13.3.0\n"),
              "580.95.05");
    CHECK_STR(driver_from(root, "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.159.04  Release Build  "
                                "(dvs-builder@U22)\n"),
              "580.159.04");
    CHECK_STR(driver_from(root, "NVRM version: something else entirely\n"), "");

    const unsigned char uuid[16] = {0xae, 0x3f, 0xc5, 0xb7, 0xee, 0xd7, 0x58, 0xe8,
                                    0xf8, 0x70, 0xfe, 0x98, 0x9c, 0xf1, 0x53, 0x06};
    char id[MR_GPU_IDENTITY_MAX];
    mr_gpu_identity_format(uuid, "580.159.04", id, sizeof id);
    CHECK_STR(id, "GPU-ae3fc5b7eed758e8f870fe989cf15306 driver 580.159.04");

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    CHECK(system(cmd) == 0);
    return CHECK_DONE();
}

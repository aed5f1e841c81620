/* gpu_identity.c: GPU identities from CUDA's UUID and the NVIDIA kernel driver's version line. */
#include "engine/gpu/gpu_identity.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void mr_gpu_driver_of(const char *root, char *out, size_t n)
{
    char path[512], line[256];
    snprintf(path, sizeof path, "%s/version", root);
    *out = 0;
    FILE *f = fopen(path, "r");
    /* "NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.159.04  ..." or "... Open Kernel
     * Module for x86_64  580.159.04 ...": the first word after "Kernel Module" that is a number */
    const char *k = f && fgets(line, sizeof line, f) ? strstr(line, "Kernel Module") : NULL;
    char word[64];
    for (int used = 0; k && sscanf(k, " %63s%n", word, &used) == 1; k += used)
        if (isdigit((unsigned char)word[0])) {
            snprintf(out, n, "%s", word);
            break;
        }
    if (f)
        fclose(f);
}

void mr_gpu_identity_format(const unsigned char uuid[16], const char *driver, char *out, size_t n)
{
    char hex[33];
    for (int i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", uuid[i]);
    snprintf(out, n, "GPU-%s driver %s", hex, driver);
}

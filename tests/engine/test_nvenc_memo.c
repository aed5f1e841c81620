/* test_nvenc_memo.c: NVENC refusals remembered per GPU and codec, in a file and in the
 * process when no file can be written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "engine/gpu/nvenc_memo.h"
#include "tests/engine/check.h"

int main(void)
{
    char dir[] = "/tmp/mr_memo_XXXXXX", why[512], path[1024];
    CHECK(mkdtemp(dir) != NULL);
    setenv("XDG_CACHE_HOME", dir, 1);
    const char *gpu = "GPU-00112233 driver 580.159.04";

    CHECK(!mr_nvenc_memo_get(gpu, "h264", why, sizeof why));
    mr_nvenc_memo_set(gpu, "h264", "unsupported device (2)");
    CHECK(mr_nvenc_memo_get(gpu, "h264", why, sizeof why) == MR_NVENC_REFUSED_HERE); /* this process asked */
    CHECK_STR(why, "unsupported device (2)");
    CHECK(!mr_nvenc_memo_get(gpu, "hevc", why, sizeof why));              /* per codec */
    CHECK(!mr_nvenc_memo_get("GPU-00112233 driver 590.1", "h264", why, sizeof why)); /* per driver */
    CHECK(!mr_nvenc_memo_get("", "h264", why, sizeof why));

    /* the file that later processes read: one line, under the cache folder */
    snprintf(path, sizeof path, "%s/moonreel/nvenc-refused/GPU-00112233_driver_580.159.04-h264", dir);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    char line[128] = "";
    if (f) {
        CHECK(fgets(line, sizeof line, f) != NULL);
        fclose(f);
    }
    CHECK_STR(line, "unsupported device (2)\n");

    /* a refusal an earlier process wrote is told apart: messages say it is remembered */
    snprintf(path, sizeof path, "%s/moonreel/nvenc-refused/GPU-99_driver_1-h264", dir);
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("no encode device (1)\n", f);
        fclose(f);
    }
    CHECK(mr_nvenc_memo_get("GPU-99 driver 1", "h264", why, sizeof why) == MR_NVENC_REFUSED_BEFORE);
    CHECK_STR(why, "no encode device (1)");
    unlink(path);
    snprintf(path, sizeof path, "%s/moonreel/nvenc-refused/GPU-00112233_driver_580.159.04-h264", dir);

    /* NVENC opened after all (moonreel probe, --encoder nvenc): forgotten, file gone */
    mr_nvenc_memo_set(gpu, "h264", NULL);
    CHECK(!mr_nvenc_memo_get(gpu, "h264", why, sizeof why));
    CHECK(access(path, F_OK) != 0);

    /* nowhere to write: the process still remembers */
    setenv("XDG_CACHE_HOME", "/proc/no/such/folder", 1);
    mr_nvenc_memo_set(gpu, "hevc", "no encode device (1)");
    CHECK(mr_nvenc_memo_get(gpu, "hevc", why, sizeof why) == MR_NVENC_REFUSED_HERE);
    CHECK_STR(why, "no encode device (1)");

    rmdir(dir); /* left non-empty only if a check above failed */
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    return CHECK_DONE();
}

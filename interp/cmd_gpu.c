/* cmd_gpu.c: the GPU commands: probe (what the GPU does) and compare (CPU against GPU). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/core/compare.h"
#include "engine/gpu/gpu.h"
#include "engine/ops/ops.h"
#include "engine/gpu/probe.h"
#include "interp/commands.h"
#include "interp/host.h"
#include "interp/json_out.h"

void mr_print_line(const char *text, void *ud)
{
    (void)ud;
    puts(text);
}

int mr_cmd_probe(int argc, char **argv)
{
    bool json = argc == 2 && !strcmp(argv[1], "--json");
    if (argc > 1 && !json) { /* probe takes --json only */
        mr_cli_complain("probe", argv[1][0] == '-' ? "unknown option '%s'" : "unexpected argument '%s'", argv[1]);
        return 2;
    }
    mr_probe_report r;
    mr_probe_run(&r);
    if (json)
        return mr_json_probe(&r, stdout) == 0 ? 0 : 1;
    mr_probe_print(&r, mr_print_line, NULL);
    return 0;
}

/* Exit status: 0 all frames agree, 1 some differ or it failed, 77 no GPU (a test skips). */
int mr_cmd_compare(int argc, char **argv)
{
    mr_cli cli;
    if (mr_cli_parse(argc, argv, "compare", &cli) < 0)
        return 2;
    mr_err err;
    struct mr_gpu *gpu = mr_gpu_open(&err);
    if (!gpu) {
        printf("%s: no GPU to compare with: %s\n", mr_gpu_count() ? "failed" : "skipped", err.msg);
        return mr_gpu_count() ? 1 : 77;
    }
    mr_host host;
    lua_State *L;
    mr_clip *clip;
    int status = mr_load_clip(&cli, &host, &L, &clip);
    if (!status) {
        mr_rational fps;
        mr_clip *c = mr_clip_to_evaluate(&cli, clip, &fps, &err);
        mr_compare_stats st;
        if (!c || mr_compare_backends(c, fps, gpu, 50.0, mr_print_line, NULL, &st, &mr_interrupted, &err) < 0) {
            fprintf(stderr, "moonreel: %s: %s\n", cli.script, err.msg);
            status = 1;
        } else {
            printf("compared %lld frames on the CPU and on %s: max diff %d, lowest PSNR %s%.1f dB, %lld differ; "
                   "video frames decoded by NVDEC %ld\n",
                   (long long)st.frames, mr_gpu_name(gpu), st.max_diff, isinf(st.min_psnr) ? "inf " : "",
                   isinf(st.min_psnr) ? 0.0 : st.min_psnr, (long long)st.differing, st.gpu_decoded);
            status = st.differing ? 1 : 0;
        }
        mr_clip_unref(c);
    }
    lua_close(L);
    return status;
}

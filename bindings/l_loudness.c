/* l_loudness.c: clip:loudness(): the integrated loudness (EBU R128, LUFS) and the true peak
 * (dBTP) of a clip's whole sound, measured by engine/ops/loudness.c. */
#include <math.h>
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/core/eval.h"
#include "engine/ops/loudness.h"

/* local lufs, peak = clip:loudness(): two numbers (-math.huge for silence). Raises on a clip
 * without an end, or when its sound fails (the script line named). */
int l_clip_loudness(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    mr_err err = {0};
    mr_eval ev;
    mr_eval_init(&ev, &err, NULL);
    mr_loudness m;
    int held = l_lua_suspend(); /* function curves take the Lua lock themselves */
    int r = mr_loudness_measure(c, &ev, &m);
    l_lua_resume(held);
    mr_eval_free(&ev);
    if (r < 0)
        return l_fail(L, NULL, &err);
    lua_pushnumber(L, m.lufs);
    lua_pushnumber(L, m.peak_dbtp);
    return 2;
}

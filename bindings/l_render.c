/* l_render.c: render(clip, path[, opts]) from a script. */
#include "bindings/l_types.h"
#include "bindings/lua_util.h"
#include "engine/core/log.h"
#include "engine/render/render.h"

static int l_render(lua_State *L)
{
    mr_clip *c = l_check_clip(L, 1);
    const char *path = luaL_checkstring(L, 2);
    mr_host *host = l_host(L);
    if (host->sandboxed)
        return luaL_error(L, "render is not allowed in a batch template: return the clip (or a function making it)");
    if (host->segment_task) { /* the same render would run in every segment's process at once */
        static bool said;
        luaL_where(L, 1);
        if (!said)
            mr_log("%srender() is skipped: segments and their join render the returned clip only", lua_tostring(L, -1));
        said = true;
        return 0;
    }
    mr_render_opts o = host->defaults;
    l_read_render_opts(L, 3, "render", &o);
    mr_err err;
    int held = l_lua_suspend(); /* the render's workers call function curves under the Lua lock */
    int r = mr_render(c, path, &o, &err);
    l_lua_resume(held);
    if (r < 0)
        return l_fail(L, "render", &err);
    host->renders++;
    return 0;
}

void l_add_render(lua_State *L)
{
    lua_pushcfunction(L, l_render);
    lua_setfield(L, -2, "render");
}

/* batch_worker.c: one row, in a worker process: a fresh sandbox, the template, the clip it
 * makes, the render (to a temporary file renamed when complete), then the row's record. */
#include <lauxlib.h>
#include <stdio.h>
#include <string.h>
#include "engine/clock.h"
#include "engine/log.h"
#include "interp/batch.h"
#include "interp/batch_plan.h"
#include "interp/host.h"

/* Pushes a JSON value as Lua (objects and arrays as tables; null as nil). */
static void push_json(lua_State *L, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *x;
        lua_createtable(L, 0, (int)json_object_size(v));
        json_object_foreach((json_t *)v, k, x) {
            push_json(L, x);
            lua_setfield(L, -2, k);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *x;
        lua_createtable(L, (int)json_array_size(v), 0);
        json_array_foreach(v, i, x) {
            push_json(L, x);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        break;
    }
    case JSON_STRING: lua_pushlstring(L, json_string_value(v), json_string_length(v)); break;
    case JSON_INTEGER: lua_pushinteger(L, (lua_Integer)json_integer_value(v)); break;
    case JSON_REAL: lua_pushnumber(L, json_real_value(v)); break;
    case JSON_TRUE: lua_pushboolean(L, 1); break;
    case JSON_FALSE: lua_pushboolean(L, 0); break;
    default: lua_pushnil(L); break;
    }
}

static json_t *failed(long i, const char *msg)
{
    return json_pack("{sIsbss}", "i", (json_int_t)i, "ok", 0, "error", msg);
}

json_t *mr_batch_run_row(const mr_batch *b, long i, int worker)
{
    const mr_batch_row *r = &b->plan[i];
    double t0 = mr_clock_seconds();
    mr_host host;
    memset(&host, 0, sizeof host);
    host.defaults = b->render;
    host.defaults.cancel = &mr_interrupted;
    host.sandboxed = true;
    snprintf(host.script_dir, sizeof host.script_dir, "%s", b->template_dir);
    for (int k = 0; k < b->nallowed; k++)
        snprintf(host.allowed[k], sizeof host.allowed[k], "%s", b->allowed[k]);
    host.nallowed = b->nallowed;
    lua_State *L = mr_sandbox_new(&host, &b->limits);
    if (!L)
        return failed(i, "out of memory for the row's Lua state");
    push_json(L, b->args);
    lua_setglobal(L, "args");
    push_json(L, r->fields);
    lua_setglobal(L, "row");
    json_t *result = NULL;
    mr_sandbox_start_clock(L);
    if (luaL_loadbufferx(L, b->bytecode, b->bytecode_len, "=template", "b") != LUA_OK ||
        mr_host_pcall(L, 0, 1) != LUA_OK) {
        result = failed(i, lua_tostring(L, -1));
    } else if (lua_isfunction(L, -1)) { /* the template gives a function(row, args) */
        push_json(L, r->fields);
        push_json(L, b->args);
        if (mr_host_pcall(L, 2, 1) != LUA_OK)
            result = failed(i, lua_tostring(L, -1));
    }
    mr_clip *clip = result ? NULL : mr_bindings_to_clip(L, -1);
    if (!result && !clip) {
        char msg[256];
        snprintf(msg, sizeof msg, "the template gave a %s, not a clip (return a clip, or a function(row, args) making one)",
                 luaL_typename(L, -1));
        result = failed(i, msg);
    }
    double startup = (mr_clock_seconds() - t0) * 1e3;
    mr_err err;
    if (!result && mr_render(clip, r->output, &host.defaults, &err) < 0)
        result = failed(i, err.msg);
    char md5[33];
    long long size = 0;
    if (!result && (mr_file_md5(r->output, md5, &size) < 0 ||
                    mr_batch_record_write(r->record, r->output, r->row_hash, b->template_hash, size, md5, &err) < 0))
        result = failed(i, mr_file_md5(r->output, md5, &size) < 0 ? "the output cannot be read back" : err.msg);
    if (!result)
        result = json_pack("{sIsbsfsfsI}", "i", (json_int_t)i, "ok", 1, "ms", (mr_clock_seconds() - t0) * 1e3, "startup_ms", startup,
                           "size", (json_int_t)size);
    else
        json_object_set_new(result, "startup_ms", json_real(startup));
    mr_sandbox_close(L);
    (void)worker;
    return result;
}

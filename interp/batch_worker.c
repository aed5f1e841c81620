/* batch_worker.c: one row, in a worker process: a fresh sandbox, the row's data, the
 * template and the clip it makes (the Lua phase), then the render (to a temporary file renamed
 * when complete), during which the row's Lua state stays open for the functions the clip calls
 * back (curves, map, canvas), still inside its limits; then the state is closed and the row's
 * record written. What it says to the supervisor goes up a pipe as one JSON line each: the
 * start of the render, the result. */
#include <errno.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "bindings/lua_util.h"
#include "engine/core/clock.h"
#include "engine/core/log.h"
#include "engine/media/media_policy.h"
#include "interp/batch.h"
#include "interp/batch_plan.h"
#include "interp/batch_rows.h"
#include "interp/host.h"

enum { MAX_DEPTH = 32, MAX_MESSAGE = 4096 };

/* What the protected push of a row's data needs. */
typedef struct row_input {
    const json_t *fields, *args;
    long row;                /* the row's number from 1, for messages */
    const char *field;       /* the top-level field being pushed */
} row_input;

/* Pushes a JSON value as Lua (objects and arrays as tables; null as nil), at most MAX_DEPTH
 * tables deep below the row. Raises (a Lua error naming the row and field) when deeper, or
 * when Lua's memory runs out: call it protected. */
static void push_json(lua_State *L, const json_t *v, int depth, row_input *in)
{
    if (json_is_object(v) || json_is_array(v)) {
        if (depth > MAX_DEPTH)
            luaL_error(L, "row %d: the field '%s' is nested more than %d levels deep (the limit for row data)", (int)in->row,
                       in->field ? in->field : "?", MAX_DEPTH);
        luaL_checkstack(L, 3, "row data");
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *x;
        lua_createtable(L, 0, (int)json_object_size(v));
        json_object_foreach((json_t *)v, k, x) {
            if (depth == 0)
                in->field = k;
            push_json(L, x, depth + 1, in);
            lua_setfield(L, -2, k);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *x;
        lua_createtable(L, (int)json_array_size(v), 0);
        json_array_foreach(v, i, x) {
            push_json(L, x, depth + 1, in);
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

/* Protected: the globals `args` and `row`, then (row, args) for the template's function
 * (lua_touserdata(L, 1) is the row_input). */
static int push_inputs(lua_State *L)
{
    row_input *in = lua_touserdata(L, 1);
    lua_settop(L, 0);
    push_json(L, in->args, 0, in);
    lua_setglobal(L, "args");
    push_json(L, in->fields, 0, in);
    lua_setglobal(L, "row");
    push_json(L, in->fields, 0, in);
    push_json(L, in->args, 0, in);
    return 2;
}

/* Copies msg into out (n bytes) as valid UTF-8 (a byte that is not becomes U+FFFD), cut at a
 * character's end to about MAX_MESSAGE bytes with "…(cut)" after. Returns out. */
static char *clean_message(const char *msg, char *out, size_t n)
{
    static const char cut[] = "\xE2\x80\xA6(cut)", bad[] = "\xEF\xBF\xBD";
    size_t room = n - sizeof cut, o = 0;
    const unsigned char *p = (const unsigned char *)(msg ? msg : "(no message)");
    while (*p) {
        int k = mr_utf8_char_len(p, strlen((const char *)p));
        const char *src = k ? (const char *)p : bad;
        size_t len = k ? (size_t)k : 3;
        if (o + len > room || o + len > MAX_MESSAGE) {
            memcpy(out + o, cut, sizeof cut);
            return out;
        }
        memcpy(out + o, src, len);
        o += len;
        p += k ? k : 1;
    }
    out[o] = 0;
    return out;
}

int mr_batch_send(int fd, json_t *msg)
{
    char *text = msg ? json_dumps(msg, JSON_COMPACT) : NULL;
    if (!text)
        return -1;
    size_t len = strlen(text), done = 0;
    text[len++] = '\n'; /* json_dumps left room: the terminating byte becomes the newline */
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    free(text);
    return done == len ? 0 : -1;
}

static json_t *failed(long i, const char *msg)
{
    char clean[MAX_MESSAGE + 64];
    json_t *r = json_pack("{sIsbss}", "i", (json_int_t)i, "ok", 0, "error", clean_message(msg, clean, sizeof clean));
    return r ? r : json_pack("{sIsbss}", "i", (json_int_t)i, "ok", 0, "error", "out of memory");
}

/* The Lua phase of plan row i: a fresh sandbox, the row's data, the template run. Returns the
 * clip it made (the caller's reference) with *Lp the row's Lua state, left open for the
 * functions the clip calls during its render (the caller closes it with mr_sandbox_close after
 * dropping the clip); or NULL with *result the row's failure and the state closed. */
static mr_clip *run_template(const mr_batch *b, long i, mr_host *host, lua_State **Lp, json_t **result)
{
    *Lp = NULL;
    const mr_batch_row *r = &b->plan[i];
    lua_State *L = mr_sandbox_new(host, &b->limits);
    if (!L) {
        *result = failed(i, "out of memory for the row's Lua state (--lua-memory)");
        return NULL;
    }
    row_input in = {r->fields, b->args, r->index + 1, NULL};
    lua_pushcfunction(L, push_inputs);
    lua_pushlightuserdata(L, &in);
    mr_sandbox_start_clock(L);
    *result = NULL;
    int st = lua_pcall(L, 1, 2, 0);
    if (st == LUA_ERRMEM) {
        char msg[160];
        snprintf(msg, sizeof msg, "row %ld: its data does not fit in the row's Lua memory (--lua-memory %g MiB)", r->index + 1,
                 (double)b->limits.memory / (1 << 20));
        *result = failed(i, msg);
    } else if (st != LUA_OK) {
        *result = failed(i, lua_tostring(L, -1));
    } else if (luaL_loadbufferx(L, b->bytecode, b->bytecode_len, "=template", "b") != LUA_OK ||
               mr_host_pcall(L, 0, 1) != LUA_OK) {
        *result = failed(i, lua_tostring(L, -1));
    } else if (lua_isfunction(L, -1)) { /* the template gives a function(row, args) */
        lua_insert(L, -3);
        if (mr_host_pcall(L, 2, 1) != LUA_OK)
            *result = failed(i, lua_tostring(L, -1));
    }
    mr_clip *clip = *result ? NULL : mr_bindings_to_clip(L, -1);
    if (!*result && !clip) {
        char msg[256];
        snprintf(msg, sizeof msg, "the template gave a %s, not a clip (return a clip, or a function(row, args) making one)",
                 l_type_name(L, -1));
        *result = failed(i, msg);
    }
    if (!clip) {
        mr_sandbox_close(L);
        return NULL;
    }
    mr_clip_ref(clip);
    lua_settop(L, 0);
    *Lp = L;
    return clip;
}

json_t *mr_batch_run_row(const mr_batch *b, long i, int say)
{
    const mr_batch_row *r = &b->plan[i];
    double t0 = mr_clock_seconds();
    mr_host host;
    memset(&host, 0, sizeof host);
    host.defaults = b->render;
    host.defaults.cancel = &mr_interrupted;
    host.sandboxed = true;
    snprintf(host.script_dir, sizeof host.script_dir, "%s", b->template_dir);
    const char *dirs[8];
    for (int k = 0; k < b->nallowed; k++) {
        snprintf(host.allowed[k], sizeof host.allowed[k], "%s", b->allowed[k]);
        dirs[k] = b->allowed[k];
    }
    host.nallowed = b->nallowed;
    mr_err err;
    if (mr_media_policy_set(dirs, b->nallowed, &err) < 0) /* FFmpeg too reads only there */
        return failed(i, err.msg);
    json_t *result = NULL;
    lua_State *L;
    mr_clip *clip = run_template(b, i, &host, &L, &result);
    double startup = (mr_clock_seconds() - t0) * 1e3;
    if (clip) { /* the supervisor now gives the row its render time instead of the Lua time */
        mr_sandbox_start_render(L); /* the callbacks' Lua time counts in-process from here */
        json_t *phase = json_pack("{sIsssf}", "i", (json_int_t)i, "phase", "render", "duration",
                                  isfinite(clip->duration) ? clip->duration : -1.0);
        mr_batch_send(say, phase);
        json_decref(phase);
    }
    if (clip && mr_render(clip, r->output, &host.defaults, &err) < 0)
        result = failed(i, err.msg);
    mr_clip_unref(clip);
    mr_sandbox_close(L); /* after the clip: its kept functions are released into L */
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
    return result;
}

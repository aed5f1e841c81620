/* repl_complete.c: what <TAB> offers in the REPL. */
#include "interp/repl_complete.h"

#include <ctype.h>
#include <editline/readline.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>
#include "bindings/lua_util.h"

static lua_State *CL;

typedef struct list {
    char **v;
    int n, cap;
} list;

static void add(list *l, const char *prefix, const char *name, const char *text)
{
    size_t pl = strlen(prefix), nl = strlen(name);
    char *full = malloc(pl + nl + 1);
    if (!full)
        return;
    memcpy(full, prefix, pl);
    memcpy(full + pl, name, nl + 1);
    if (strncmp(full, text, strlen(text)) != 0) {
        free(full);
        return;
    }
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], full)) {
            free(full);
            return;
        }
    if (l->n + 2 > l->cap) {
        int cap = l->cap ? l->cap * 2 : 32;
        char **v = realloc(l->v, sizeof *v * cap);
        if (!v) {
            free(full);
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = full;
    l->v[l->n] = NULL;
}

/* The string keys of the table at idx that are identifiers. */
static void add_keys(lua_State *L, int idx, list *l, const char *prefix, const char *text)
{
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) == LUA_TSTRING) {
            const char *k = lua_tostring(L, -2);
            if (isalpha((unsigned char)k[0]) || k[0] == '_')
                add(l, prefix, k, text);
        }
        lua_pop(L, 1);
    }
}

/* What can follow `value.` or `value:`: a table's keys; a userdata's methods (the table its
 * __index is, or holds as its first upvalue, as moonreel's types do) and known fields. */
static void add_members(lua_State *L, list *l, const char *prefix, const char *text)
{
    if (lua_type(L, -1) == LUA_TTABLE)
        add_keys(L, -1, l, prefix, text);
    if (!lua_getmetatable(L, -1))
        return;
    if (lua_getfield(L, -1, "__index") == LUA_TTABLE)
        add_keys(L, -1, l, prefix, text);
    else if (lua_iscfunction(L, -1) && lua_getupvalue(L, -1, 1)) {
        if (lua_type(L, -1) == LUA_TTABLE)
            add_keys(L, -1, l, prefix, text);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    lua_getfield(L, -1, "__name");
    const char *name = lua_tostring(L, -1);
    static const char *const clip_fields[] = {"duration", "w", "h", "fps", "has_audio", "has_video", "start_time", NULL};
    static const char *const frame_fields[] = {"w", "h", "pixel", "save", NULL};
    const char *const *fields = name && !strcmp(name, MR_CLIP_MT) ? clip_fields : name && !strcmp(name, MR_FRAME_MT) ? frame_fields : NULL;
    for (int i = 0; fields && fields[i]; i++)
        add(l, prefix, fields[i], text);
    lua_pop(L, 2);
}

char **mr_repl_candidates(lua_State *L, const char *line, const char *text)
{
    list l = {0};
    int top = lua_gettop(L);
    const char *sep = NULL;
    for (const char *p = text; *p; p++)
        if (*p == '.' || *p == ':')
            sep = p;
    if (sep) {
        /* walk a.b.c through plain lookups (no calls, no side effects beyond __index) */
        lua_pushglobaltable(L);
        const char *p = text;
        bool ok = true;
        while (p < sep && ok) {
            const char *q = p;
            while (q < sep && *q != '.' && *q != ':')
                q++;
            lua_pushlstring(L, p, (size_t)(q - p));
            if (lua_type(L, -2) == LUA_TTABLE)
                lua_rawget(L, -2);
            else if (lua_type(L, -2) == LUA_TUSERDATA)
                lua_gettable(L, -2);
            else
                ok = false;
            p = q + 1;
        }
        if (ok && !lua_isnil(L, -1)) {
            char prefix[512];
            snprintf(prefix, sizeof prefix, "%.*s", (int)(sep - text + 1), text);
            add_members(L, &l, prefix, text);
        }
    } else {
        static const char *const keywords[] = {"and", "break", "do", "else", "elseif", "end", "false", "for",
                                               "function", "goto", "if", "in", "local", "nil", "not", "or",
                                               "repeat", "return", "then", "true", "until", "while", NULL};
        lua_pushglobaltable(L);
        add_keys(L, -1, &l, "", text);
        for (int i = 0; keywords[i]; i++)
            add(&l, "", keywords[i], text);
    }
    lua_settop(L, top);
    return l.v;
}

static char **found;
static int next_found;

static char *generate(const char *text, int state)
{
    (void)text;
    if (!found || !found[next_found])
        return NULL;
    return strdup(found[next_found++]);
}

/* Inside a string (an odd number of quotes before the word)? Then it is a path. */
static bool in_string(const char *line, int start)
{
    int q = 0;
    for (int i = 0; i < start && line[i]; i++)
        if (line[i] == '"' || line[i] == '\'')
            q++;
    return q & 1;
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    rl_attempted_completion_over = 1;
    if (in_string(rl_line_buffer, start)) {
        rl_completion_append_character = '\0';
        return rl_completion_matches(text, rl_filename_completion_function);
    }
    rl_completion_append_character = '\0';
    if (found) {
        for (int i = 0; found[i]; i++)
            free(found[i]);
        free(found);
    }
    found = mr_repl_candidates(CL, rl_line_buffer, text);
    next_found = 0;
    return found ? rl_completion_matches(text, generate) : NULL;
}

void mr_repl_complete_init(lua_State *L)
{
    CL = L;
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = " \t\n\"'()[]{},;=+-*/<>~^%#";
}

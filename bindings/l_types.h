/* l_types.h: how the binding files reach each other's types. */
#ifndef MR_L_TYPES_H
#define MR_L_TYPES_H

#include <lua.h>
#include "engine/frame.h"
#include "engine/fx.h"

/* Metatables and function tables, registered by luaopen_moonreel. */
void l_register_clip(lua_State *L);
void l_register_frame(lua_State *L);
void l_register_pos(lua_State *L);
void l_register_fx(lua_State *L);       /* leaves the fx table on the stack */

/* Module functions, set into the table on the stack top. */
void l_add_sources(lua_State *L);
void l_add_compose(lua_State *L);
void l_add_render(lua_State *L);
void l_add_pos(lua_State *L);

/* An effect of `kind` from the Lua arguments starting at arg (raises on bad ones). */
mr_fx l_fx_from_args(lua_State *L, mr_fx_kind kind, int arg);
const mr_fx *l_check_fx(lua_State *L, int arg);

/* Pushes a Frame owning f (the caller's reference passes to Lua). Returns 1. */
int l_push_frame(lua_State *L, mr_frame *f);

#endif

/* stubs.c: `moonreel stubs`: LuaLS annotations (---@meta) of the API, for completion and
 * type checks in editors. The Clip methods and fx values come from the registry of
 * operations; the module functions and the value types are listed below. */
#include <stdio.h>
#include <string.h>
#include "engine/ops/op.h"
#include "engine/transitions/transition.h"
#include "engine/render/render_opts.h"
#include "interp/commands.h"

/* The LuaLS type of a parameter. */
static const char *lua_type_of(const mr_param_desc *p)
{
    switch (p->type) {
    case MR_P_NUMBER:
    case MR_P_INT: return p->animatable ? "number|Curve|fun(t: number): number" : p->type == MR_P_INT ? "integer" : "number";
    case MR_P_TIME: return "number|string";
    case MR_P_COLOR: return "string|integer[]";
    case MR_P_ENUM: return "string";
    case MR_P_POS: return "number|string|Position|Curve|fun(t: number): number, number";
    case MR_P_CLIP: return "Clip";
    case MR_P_BOOL: return "boolean";
    case MR_P_MASK: return "Mask|Clip";
    case MR_P_POINTS: return "number[][]";
    case MR_P_FILE: return "string";
    }
    return "any";
}

/* The LuaLS type of an enum: its choices as string literals ("x"|"y"), into buf. */
static const char *enum_type(const mr_param_desc *p, char *buf, size_t n)
{
    size_t k = 0;
    for (const char *c = p->choices; *c && k + 4 < n;) {
        size_t len = strcspn(c, "|");
        k += (size_t)snprintf(buf + k, n - k, "%s\"%.*s\"", k ? "|" : "", (int)len, c);
        c += len + (c[len] == '|');
    }
    return buf;
}

/* Annotations of one operation: as a method of a class (owner "Clip", "Mask") or a function
 * of a table (owner "fx", "mask"). A position takes (x, y[, margin]) or one value, so it is
 * written as those three. */
static void write_op(FILE *f, const mr_op *op, const char *owner, const char *ret)
{
    bool method = owner[0] >= 'A' && owner[0] <= 'Z';
    fprintf(f, "---%s\n", op->doc);
    for (int i = 0; i < op->nparams; i++) {
        const mr_param_desc *p = &op->params[i];
        char choices[256];
        if (p->type == MR_P_POS)
            fprintf(f, "---@param x number|string|Position|Curve|fun(t: number): number, number pixels, \"25%%\", an edge "
                       "name, a Position or a curve of x, y\n---@param y? number|string pixels, \"25%%\" or an edge name\n"
                       "---@param margin? number pixels in from named edges\n");
        else
            fprintf(f, "---@param %s%s %s %s\n", p->name, p->optional ? "?" : "",
                    p->type == MR_P_ENUM ? enum_type(p, choices, sizeof choices) : lua_type_of(p), p->doc);
    }
    if (op->nparams) /* named arguments: {w = 640} */
        fprintf(f, "---@overload fun(%s%s%sargs: table): %s\n", method ? "self: " : "", method ? owner : "",
                method ? ", " : "", ret);
    fprintf(f, "---@return %s\nfunction %s%s%s(", ret, owner, method ? ":" : ".", op->name);
    for (int i = 0; i < op->nparams; i++)
        fprintf(f, "%s%s", i ? ", " : "", op->params[i].type == MR_P_POS ? "x, y, margin" : op->params[i].name);
    fprintf(f, ") end\n\n");
}

static const char *const header =
    "---@meta moonreel\n"
    "-- LuaLS annotations of moonreel's Lua API, written by `moonreel stubs` (do not edit).\n\n"
    "---@class Clip: userdata An immutable clip: every method returns a new one\n"
    "---@field duration number|nil seconds; nil when it has no end\n"
    "---@field w integer|nil the picture's width\n"
    "---@field h integer|nil the picture's height\n"
    "---@field fps number|nil frames per second\n"
    "---@field has_audio boolean\n"
    "---@field has_video boolean\n"
    "---@field start_time number when it begins inside a compose\n"
    "local Clip = {}\n\n"
    "---@class Fx: userdata An operation with its values, to apply with clip:fx()\n"
    "---@class Mask: userdata Coverage 0..1 over time, built at the size of the picture it masks\n"
    "---@operator mul(Mask|Clip): Mask\n"
    "---@operator add(Mask|Clip): Mask\n"
    "---@operator sub(Mask|Clip): Mask\n"
    "local Mask = {}\n"
    "---The mask as a clip to look at: white where it covers\n---@param w integer\n---@param h integer\n"
    "---@return Clip\nfunction Mask:clip(w, h) end\n"
    "---The clip's own alpha as a mask\n---@return Mask\nfunction Clip:alpha() end\n\n"
    "---@class Position: userdata\n"
    "local Position = {}\n"
    "---@class Curve: userdata Values over time: keys{}, spring{}, arithmetic, c(t)\n"
    "---@operator add(Curve|number): Curve\n"
    "---@operator sub(Curve|number): Curve\n"
    "---@operator mul(Curve|number): Curve\n"
    "---@operator div(Curve|number): Curve\n"
    "---@operator unm: Curve\n"
    "---@operator call(number): number\n"
    "local Curve = {}\n"
    "---@param d number|string seconds\n---@return Curve\nfunction Curve:delay(d) end\n\n"
    "---@class Ease: userdata\n"
    "---@class Frame: userdata\n"
    "---@field w integer\n---@field h integer\n"
    "local Frame = {}\n"
    "---@param x integer\n---@param y integer\n---@return integer r, integer g, integer b, integer a\n"
    "function Frame:pixel(x, y) end\n"
    "---@param x integer\n---@param y integer\n---@param colour string|integer[]\nfunction Frame:set_pixel(x, y, colour) end\n"
    "---@param x integer\n---@param y integer\n---@param w integer\n---@param h integer\n---@param colour string|integer[]\n"
    "function Frame:fill_rect(x, y, w, h, colour) end\n"
    "---@param other Frame\n---@param x integer\n---@param y integer\nfunction Frame:blit(other, x, y) end\n"
    "---@return Frame\nfunction Frame:copy() end\n"
    "---@param path string\nfunction Frame:save(path) end\n\n"
    "---@type table<string, number|string> the --set key=value options\nargs = {}\n"
    "---@type string moonreel's version\nversion = \"\"\n"
    "---@param w integer\n---@param h integer\n---@param fn fun(ctx: table, t?: number)\n---@return Clip\n"
    "function canvas(w, h, fn) end\n"
    "---@param fn fun(frame: Frame, t: number): Frame|nil\n---@return Clip\nfunction Clip:map(fn) end\n\n"
    "---@param path string a media file\n---@return Clip\nfunction video(path) end\n"
    "---@param path string a picture\n---@return Clip\nfunction image(path) end\n"
    "---@param path string a media file's sound\n---@return Clip\nfunction audio(path) end\n"
    "---@param c string|integer[]\n---@param w integer\n---@param h integer\n---@return Clip\nfunction color(c, w, h) end\n"
    "gradient = {}\n---@param opts {size: integer[]|string, p1?: number[], p2?: number[], stops: table[]}\n---@return Clip\n"
    "function gradient.linear(opts) end\n"
    "---@param opts {size: integer[]|string, center?: number[], r?: number, inner?: number, stops: table[]}\n"
    "---@return Clip\nfunction gradient.radial(opts) end\n"
    "---@param kind \"bars\"|\"gradient\"|\"checker\"|\"counter\"\n---@param w integer\n---@param h integer\n"
    "---@param opts? {fps?: number|string}\n---@return Clip\nfunction pattern(kind, w, h, opts) end\n"
    "---@param hz? number (none with a table first: tone{wave = \"noise\"})\n"
    "---@param opts? {wave?: \"sine\"|\"square\"|\"saw\"|\"noise\", seed?: integer}\n---@return Clip\nfunction tone(hz, opts) end\n"
    "---@return Clip\nfunction silence() end\n"
    "---@param fn fun(t0: number, n: integer): number[] n numbers (mono) or 2n (stereo, interleaved)\n"
    "---@param opts? {duration?: number|string}\n---@return Clip\nfunction sound(fn, opts) end\n"
    "---@param clips Clip[]\n---@param opts? {volumes?: number[]}\n---@return Clip\nfunction audio_mix(clips, opts) end\n"
    "---@param ms? number|boolean the ramp at hard cuts of sound (0 or false: off; true: 5 ms)\n---@return number\n"
    "function declick(ms) end\n"
    "---The sound from t0 to t1 as numbers, left and right interleaved (rate, channels, frames, t0 fields)\n"
    "---@param t0? number|string\n---@param t1? number|string\n---@param opts? {mono?: boolean}\n---@return number[]\n"
    "function Clip:samples(t0, t1, opts) end\n"
    "---The whole sound's integrated loudness (EBU R128, LUFS) and true peak (dBTP)\n"
    "---@return number lufs, number peak\nfunction Clip:loudness() end\n"
    "---@param path string an .srt, .vtt, .ass or .ssa file\n---@param style? {size?: integer[]|string, font?: string, "
    "font_size?: number, color?: string|integer[], outline?: number, outline_color?: string|integer[], "
    "box?: boolean|string|integer[], margin?: number, align?: string|integer, bold?: boolean, italic?: boolean}\n"
    "---@return Clip\nfunction subtitles(path, style) end\n"
    "---The cues of a subtitle file burnt onto the clip at its size\n---@param path string an .srt, .vtt, .ass or .ssa file\n"
    "---@param style? table font, font_size, color, outline, outline_color, box, margin, align, bold, italic\n"
    "---@return Clip\nfunction Clip:subtitles(path, style) end\n"
    "---@param s string\n---@param opts? {font?: string, size?: number, color?: string|integer[], "
    "stroke?: table, align?: \"left\"|\"center\"|\"right\", width?: integer}\n---@return Clip\nfunction text(s, opts) end\n"
    "---@param layers Clip[]\n---@param opts? {size?: integer[]|string, bg?: string|integer[], duration?: number|string, "
    "fps?: number|string}\n---@return Clip\nfunction compose(layers, opts) end\n"
    "---@param clips (Clip|Transition)[] clips in order, a transition between two of them; options by name too\n"
    "---@param opts? {size?: integer[]|string, method?: \"letterbox\"|\"compose\", bg?: string|integer[], "
    "padding?: number, transition?: Transition, audio?: \"cut\"|number}\n---@return Clip\nfunction concat(clips, opts) end\n"
    "---@param x number|string\n---@param y? number|string\n---@param margin? number\n---@return Position\n"
    "function pos(x, y, margin) end\n"
    "---@param x1 number\n---@param y1 number\n---@param d number|string\n---@param opts? {ease?: string, delay?: number|string}\n"
    "---@return Position\nfunction Position:to(x1, y1, d, opts) end\n"
    "---@param frames table[] {t, value[, ease = ...]} in time order\n---@return Curve\nfunction keys(frames) end\n"
    "---@param opts? {from?: number, to?: number, stiffness?: number, damping?: number, mass?: number, delay?: number}\n"
    "---@return Curve\nfunction spring(opts) end\n"
    "---@param x1 number\n---@param y1 number\n---@param x2 number\n---@param y2 number\n---@return Ease\n"
    "function bezier(x1, y1, x2, y2) end\n\n";

/* The render options as a table type, from their table. */
static void write_render(FILE *f)
{
    fprintf(f, "---@class RenderOptions\n");
    for (const mr_render_opt *d = mr_render_opt_table; d->name; d++) {
        const char *type = d->type == MR_ROPT_BOOL ? "boolean" : d->type == MR_ROPT_STRING || d->type == MR_ROPT_BACKEND
                           ? "string" : d->type == MR_ROPT_SIZE ? "integer[]|string" : "number|string";
        fprintf(f, "---@field %s? %s %s\n", d->name, type, d->doc);
    }
    fprintf(f, "\n---@param clip Clip\n---@param path string\n---@param opts? RenderOptions\nfunction render(clip, path, opts) end\n\n");
}

/* Every transition as a global function and as transition.NAME (transition.custom only
 * there, its function first). */
static void write_transitions(FILE *f)
{
    fprintf(f, "---@class Transition: userdata How one clip of a concat gives way to the next\n"
               "---@field name string\n---@field duration number seconds\n\ntransition = {}\n\n");
    for (const mr_transition_desc *t = mr_transition_table; t->op.name; t++) {
        for (int as_field = !t->frame; as_field < 2; as_field++) {
            fprintf(f, "---%s\n", t->op.doc);
            if (!t->frame)
                fprintf(f, "---@param fn fun(a: Clip, b: Clip, progress: Curve, t: Curve): Clip\n");
            for (int i = 0; i < t->op.nparams; i++) {
                const mr_param_desc *p = &t->op.params[i];
                char choices[1024];
                fprintf(f, "---@param %s? %s %s\n", p->name,
                        p->type == MR_P_ENUM ? enum_type(p, choices, sizeof choices) : lua_type_of(p), p->doc);
            }
            fprintf(f, "---@overload fun(%sargs: table): Transition\n---@return Transition\nfunction %s%s(%s",
                    t->frame ? "" : "fn: function, ", as_field ? "transition." : "", t->op.name, t->frame ? "" : "fn");
            for (int i = 0; i < t->op.nparams; i++)
                fprintf(f, "%s%s", i || !t->frame ? ", " : "", t->op.params[i].name);
            fprintf(f, ") end\n\n");
        }
    }
}

int mr_cmd_stubs(int argc, char **argv)
{
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            out = argv[++i];
        } else {
            fprintf(stderr, "moonreel stubs: unknown argument '%s'\n(see 'moonreel help stubs')\n", argv[i]);
            return 2;
        }
    }
    FILE *f = out ? fopen(out, "w") : stdout;
    if (!f) {
        perror(out);
        return 1;
    }
    fputs(header, f);
    write_render(f);
    for (const mr_op *const *op = mr_op_table; *op; op++)
        write_op(f, *op, "Clip", "Clip");
    fprintf(f, "---Apply effect values in order, or the operation called name with its arguments\n"
               "---@param ... Fx|string|any\n---@return Clip\nfunction Clip:fx(...) end\n"
               "---The picture at t\n---@param t? number|string\n---@return Frame\nfunction Clip:frame(t) end\n\n"
               "fx = {}\n\n");
    for (const mr_op *const *op = mr_op_table; *op; op++)
        write_op(f, *op, "fx", "Fx");
    fprintf(f, "mask = {}\n\n---A drawing's alpha as a mask (see canvas)\n---@param w integer\n---@param h integer\n"
               "---@param fn fun(ctx: table, t?: number)\n---@return Mask\nfunction mask.canvas(w, h, fn) end\n\n");
    for (const mr_op *const *op = mr_mask_table; *op; op++)
        write_op(f, *op, (*op)->role == MR_ROLE_MASK_NEW ? "mask" : "Mask", "Mask");
    write_transitions(f);
    if (out && fclose(f) != 0) {
        perror(out);
        return 1;
    }
    return 0;
}

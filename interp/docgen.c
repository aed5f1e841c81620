/* docgen.c: the man page and shell completions from the command and option tables (docgen.h). */
#include "interp/docgen.h"

#include <ctype.h>
#include <string.h>
#include "engine/render/render_opts.h"

/* Writes text for roff: backslashes doubled, a line starting with . or ' escaped. */
static void roff(FILE *out, const char *text)
{
    bool line_start = true;
    for (const char *p = text; *p; p++) {
        if (line_start && (*p == '.' || *p == '\''))
            fputs("\\&", out);
        if (*p == '\\')
            fputs("\\e", out);
        else if (*p == '-')
            fputs("\\-", out);
        else
            fputc(*p, out);
        line_start = *p == '\n';
    }
}

void mr_write_man(FILE *out, const mr_cmd_doc *cmds, int n)
{
    fprintf(out, ".TH MOONREEL 1 \"\" \"moonreel %s\" \"User Commands\"\n", MR_VERSION);
    fputs(".SH NAME\nmoonreel \\- edit video with Lua scripts\n.SH SYNOPSIS\n.nf\n", out);
    for (int i = 0; i < n; i++) {
        roff(out, cmds[i].usage);
        fputc('\n', out);
    }
    fputs(".fi\n.SH DESCRIPTION\nmoonreel runs a Lua script that describes an edit (clips, masks, positions, effects,\n"
          "transitions, text and sound) and renders it, on the GPU with CUDA where there is one and on\n"
          "the CPU otherwise. The Lua API is in the installed docs (\\fBmoonreel help\\fR says where).\n"
          ".SH COMMANDS\n", out);
    for (int i = 0; i < n; i++) {
        fprintf(out, ".SS %s\n.nf\n", cmds[i].name);
        roff(out, cmds[i].usage);
        fputs("\n.fi\n", out);
        roff(out, cmds[i].text);
        fputc('\n', out);
    }
    fputs(".SH RENDER OPTIONS\nThe commands that render take these, as do render()'s option tables (with _ for -).\n", out);
    for (const mr_render_opt *d = mr_render_opt_table; d->name; d++) {
        fputs(".TP\n.B \\-\\-", out);
        roff(out, d->flag);
        fputc('\n', out);
        roff(out, d->doc);
        fputc('\n', out);
    }
    fputs(".SH OPTIONS OF EVERY COMMAND\n.TP\n.B \\-q, \\-\\-quiet\nno notices, no progress line\n.TP\n"
          ".B \\-v, \\-\\-verbose\nthe Lua traceback under a script's error\n.TP\n.B \\-\\-log\\-level quiet|info|verbose\n"
          "as \\-q, the default, or \\-v\n.TP\n.B \\-h, \\-\\-help\nthe command's usage\n"
          ".SH ENVIRONMENT\n.TP\n.B MOONREEL_TRACEBACK=1\nas \\-v\n.TP\n.B MOONREEL_TRACE=1\nwhen each stage of a "
          "command starts (GPU start\\-up, encoder, first frame)\n.TP\n.B MOONREEL_FFMPEG_LOG=error|warning|info\n"
          "FFmpeg's own messages at that level\n.SH EXIT STATUS\n0 on success; 1 when the work failed; 2 for a bad "
          "command line; 130 after Ctrl\\-C, 143 after SIGTERM.\n.SH SEE ALSO\n\\fBffmpeg\\fR(1), \\fBlua\\fR(1)\n",
          out);
}

/* The option words of usage ("--set", "-o"), space-separated into buf. */
static void usage_options(const char *usage, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = 0;
    for (const char *p = usage; *p; p++) {
        if (*p != '-' || (p > usage && !isspace((unsigned char)p[-1]) && p[-1] != '[' && p[-1] != '|'))
            continue;
        const char *e = p + 1;
        while (*e == '-' || isalnum((unsigned char)*e))
            e++;
        if (e - p >= 2 && k + (size_t)(e - p) + 2 < n && isalpha((unsigned char)p[e - p - 1])) {
            memcpy(buf + k, p, (size_t)(e - p));
            k += (size_t)(e - p);
            buf[k++] = ' ';
            buf[k] = 0;
        }
        p = e - 1;
    }
}

/* Every option a command takes: its usage's, the render options where it has them, and the
 * options every command takes. */
static void command_options(const mr_cmd_doc *c, char *buf, size_t n)
{
    usage_options(c->usage, buf, n);
    size_t k = strlen(buf);
    if (c->render_options)
        for (const mr_render_opt *d = mr_render_opt_table; d->name && k + 40 < n; d++)
            k += (size_t)snprintf(buf + k, n - k, "--%s ", d->flag);
    snprintf(buf + k, n - k, "-q --quiet -v --verbose --log-level -h --help");
}

static void bash(FILE *out, const mr_cmd_doc *cmds, int n)
{
    fputs("# bash completion for moonreel (written by `moonreel help --completion bash`)\n"
          "_moonreel() {\n  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=${COMP_WORDS[1]}\n"
          "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n    COMPREPLY=($(compgen -W \"",
          out);
    for (int i = 0; i < n; i++)
        fprintf(out, "%s%s", i ? " " : "", cmds[i].name);
    fputs(" --version --help\" -- \"$cur\"))\n    return\n  fi\n"
          "  case $prev in\n"
          "    -o|--output|--report) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
          "    --allow) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n"
          "    --backend) COMPREPLY=($(compgen -W \"auto cpu cuda\" -- \"$cur\")); return ;;\n"
          "    --encoder) COMPREPLY=($(compgen -W \"auto nvenc x264 x265 vp9 prores null\" -- \"$cur\")); return ;;\n"
          "    --codec) COMPREPLY=($(compgen -W \"h264 hevc vp9 prores png qtrle\" -- \"$cur\")); return ;;\n"
          "    --log-level) COMPREPLY=($(compgen -W \"quiet info verbose\" -- \"$cur\")); return ;;\n"
          "  esac\n  local opts glob\n  case $cmd in\n",
          out);
    for (int i = 0; i < n; i++) {
        char opts[4096];
        command_options(&cmds[i], opts, sizeof opts);
        const char *g = cmds[i].files;
        fprintf(out, "    %s) opts=\"%s\"; glob='%s' ;;\n", cmds[i].name, opts, g ? g : "");
    }
    fputs("    *) return ;;\n  esac\n"
          "  if [[ $cur == -* ]]; then\n    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
          "  elif [ \"$cmd\" = help ]; then\n    COMPREPLY=($(compgen -W \"",
          out);
    for (int i = 0; i < n; i++)
        fprintf(out, "%s ", cmds[i].name);
    fputs("ops\" -- \"$cur\"))\n  elif [ -n \"$glob\" ]; then\n    local IFS=$'\\n'\n    shopt -s extglob\n"
          "    COMPREPLY=($(compgen -f -X \"!$glob\" -- \"$cur\") $(compgen -d -S / -- \"$cur\"))\n"
          "    compopt -o nospace 2>/dev/null\n  fi\n}\ncomplete -F _moonreel moonreel\n",
          out);
}

/* zsh wants a pattern where bash has an extended glob: *.@(a|b) becomes *.(a|b). */
static void zsh_glob(FILE *out, const char *g)
{
    for (; *g; g++)
        if (*g != '@')
            fputc(*g, out);
}

static void zsh(FILE *out, const mr_cmd_doc *cmds, int n)
{
    fputs("#compdef moonreel\n# zsh completion for moonreel (written by `moonreel help --completion zsh`)\n"
          "_moonreel() {\n  local -a commands\n  commands=(\n",
          out);
    for (int i = 0; i < n; i++) {
        char first[160];
        const char *nl = strchr(cmds[i].text, '\n');
        size_t len = nl ? (size_t)(nl - cmds[i].text) : strlen(cmds[i].text);
        snprintf(first, sizeof first, "%.*s", (int)(len < 150 ? len : 150), cmds[i].text);
        for (char *p = first; *p; p++)
            if (*p == '\'' || *p == ':' || *p == '[' || *p == ']')
                *p = ' ';
        fprintf(out, "    '%s:%s'\n", cmds[i].name, first);
    }
    fputs("  )\n  if (( CURRENT == 2 )); then\n    _describe command commands\n    return\n  fi\n"
          "  local -a opts\n  case $words[2] in\n",
          out);
    for (int i = 0; i < n; i++) {
        char opts[4096];
        command_options(&cmds[i], opts, sizeof opts);
        fprintf(out, "    %s)\n      opts=(%s)\n", cmds[i].name, opts);
        const char *g = cmds[i].files;
        if (g) {
            fputs("      _arguments -s \"${opts[@]/%/[]}\" '*:file:_files -g \"", out);
            zsh_glob(out, g);
            fputs("\"' ;;\n", out);
        } else {
            fputs("      _arguments -s \"${opts[@]/%/[]}\" ;;\n", out);
        }
    }
    fputs("  esac\n}\n_moonreel \"$@\"\n", out);
}

int mr_write_completion(FILE *out, const char *shell, const mr_cmd_doc *cmds, int n)
{
    if (!strcmp(shell, "bash"))
        bash(out, cmds, n);
    else if (!strcmp(shell, "zsh"))
        zsh(out, cmds, n);
    else
        return -1;
    return 0;
}

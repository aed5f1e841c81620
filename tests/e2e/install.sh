#!/bin/bash
# install.sh: `cmake --install` puts the binary, its Lua stdlib, the docs, the man page and the
# bash and zsh completions in place; the installed binary finds its docs and renders; the man
# page reads without warnings and the completions complete.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
build=$(dirname "$MR")
prefix=$WORK/prefix
cmake --install "$build" --prefix "$prefix" > install.log 2>&1 && ok || { bad "cmake --install"; cat install.log; }
for f in bin/moonreel share/man/man1/moonreel.1 share/bash-completion/completions/moonreel \
         share/zsh/vendor-completions/_moonreel share/doc/moonreel/api.md share/doc/moonreel/batch.md \
         share/doc/moonreel/cli.md share/doc/moonreel/LICENSE share/moonreel/lua/moonreel/layout.lua; do
  [ -s "$prefix/$f" ] && ok || bad "installed: $f"
done
expect_contains "the installed binary says where its docs are" "$("$prefix/bin/moonreel" help | tail -1)" \
  "$prefix/share/doc/moonreel/api.md"
printf 'return pattern("bars", 64, 48):dur(0.5)\n' > edit.lua
"$prefix/bin/moonreel" run edit.lua -o out.mp4 -q && ok || bad "the installed binary renders"
expect_contains "what it rendered" "$("$MC" out.mp4)" "video 64x48 fps=30/1 frames=15"

# the man page: one section per command, and it reads without warnings where man is installed
page=$prefix/share/man/man1/moonreel.1
for c in run frame info repl batch probe compare checksum stubs help; do
  expect_contains "man page section: $c" "$(cat "$page")" ".SS $c"
done
expect_contains "man page: the render options" "$(cat "$page")" ".B \\-\\-crf"
if command -v man >/dev/null; then
  warn=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  expect_eq "man reads it without warnings" "$warn" ""
else
  echo "  skipped: reading the man page (no man here)"
fi

# bash completion: commands, options, and file names by extension
mkdir comp && cd comp && touch a.lua b.csv c.mp4 && mkdir sub
comp() { # comp WORD...: what bash completes for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _moonreel; echo "${COMPREPLY[*]}"' \
    _ "$prefix/share/bash-completion/completions/moonreel" "$@"
}
expect_eq "bash: commands" "$(comp moonreel re)" "repl"
expect_eq "bash: run's scripts" "$(comp moonreel run '')" "a.lua sub/"
expect_eq "bash: info's media" "$(comp moonreel info '')" "c.mp4 sub/"
expect_contains "bash: batch's rows" "$(comp moonreel batch a.lua '')" "b.csv"
expect_contains "bash: render options" "$(comp moonreel run a.lua --cr)" "--crf"
expect_eq "bash: backends" "$(comp moonreel run a.lua --backend c)" "cpu cuda"
if command -v zsh >/dev/null; then
  zsh -n "$prefix/share/zsh/vendor-completions/_moonreel" && ok || bad "zsh: the completion parses"
else
  echo "  skipped: the zsh completion's syntax (no zsh here)"
fi
finish

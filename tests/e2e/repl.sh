#!/bin/bash
# repl.sh: the REPL driven as a user would, in tmux (send-keys, capture-pane): completion of a
# global and of a method, a multi-line function, an error and the session going on, a preview
# written as a PNG, Ctrl-C during a render (no partial file), Ctrl-C at the prompt, Ctrl-D.
source "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { echo "skipped: tmux is not installed"; exit 77; }
S=mrtest$$
export TMUX_TMPDIR=$WORK
cd "$WORK"
trap 'tmux kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
tmux new-session -d -s $S -x 160 -y 40 "env MOONREEL_HISTORY=$WORK/history MOONREEL_PREVIEW_DIR=$WORK/previews MOONREEL_IMAGES=none '$MR' repl --backend cpu; echo REPL-EXITED $?; sleep 5"
screen() { tmux capture-pane -t $S -p -S -200; }
type_() { tmux send-keys -t $S -l "$1"; }
wait_for() { # wait_for TEXT [seconds]: until the screen shows TEXT
  for i in $(seq $(( ${2:-5} * 10 ))); do screen | grep -qF -- "$1" && return 0; sleep 0.1; done
  return 1
}
wait_for "Ctrl-D leaves." && ok || bad "no banner: $(screen)"

# completion: a global, then a method through the value's metatable
type_ 'clip = patt'; tmux send-keys -t $S Tab
wait_for 'clip = pattern' && ok || bad "global completion: $(screen | tail -3)"
type_ '("counter", 64, 48):dur(2)'; tmux send-keys -t $S Enter
type_ 'small = clip:res'; tmux send-keys -t $S Tab
wait_for 'small = clip:resize' && ok || bad "method completion: $(screen | tail -3)"
type_ '(32, 24)'; tmux send-keys -t $S Enter
type_ 'small'; tmux send-keys -t $S Enter
wait_for 'Clip(pattern "counter" > dur > resize, 32x24' && ok || bad "value printed: $(screen | tail -3)"

# a multi-line function
type_ 'function twice(x)'; tmux send-keys -t $S Enter
for i in $(seq 30); do screen | grep -qx ">>" && break; sleep 0.1; done
screen | grep -qx ">>" && ok || bad "continuation prompt: $(screen | tail -3)"
type_ 'return 2 * x'; tmux send-keys -t $S Enter
type_ 'end'; tmux send-keys -t $S Enter
type_ 'twice(21)'; tmux send-keys -t $S Enter
wait_for $'\n42' 3 || screen | grep -qx '42' && ok || bad "multi-line function: $(screen | tail -5)"

# an error, then the session goes on
type_ 'clip:resize("big")'; tmux send-keys -t $S Enter
wait_for "bad argument 'scale' to 'resize' (number expected, got string)" && ok || bad "error shown: $(screen | tail -4)"
type_ 'twice(5)'; tmux send-keys -t $S Enter
wait_for $'\n10' 3 || screen | grep -qx '10' && ok || bad "session goes on: $(screen | tail -3)"

# a preview: a PNG in the preview folder, its path printed
type_ 'preview(clip, 1.5)'; tmux send-keys -t $S Enter
wait_for "preview: $WORK/previews/preview-0001.png (64x48 at 1.500 s)" && ok || bad "preview: $(screen | tail -3)"
expect_file "$WORK/previews/preview-0001.png"
expect_contains "the preview is frame 45" "$("$MC" "$WORK/previews/preview-0001.png" counter 0)" 45

# Ctrl-C during a render: interrupted, no output, no temporary file, the prompt again
type_ "render(pattern('counter', 640, 480):dur(600), '$WORK/long.mp4')"; tmux send-keys -t $S Enter
wait_for "frame " 20 || sleep 3 # the render has started (slow builds, such as the sanitizers', take a while)
tmux send-keys -t $S C-c
wait_for "interrupted" 10 && ok || bad "Ctrl-C during render: $(screen | tail -4)"
type_ 'twice(100)'; tmux send-keys -t $S Enter
wait_for "200" && ok || bad "prompt after Ctrl-C: $(screen | tail -3)"
expect_no_file "$WORK/long.mp4"
expect_no_temp "$WORK"

# Ctrl-C at the prompt drops the line; Ctrl-D leaves (status 0) and keeps the history
type_ 'half a line'; tmux send-keys -t $S C-c
wait_for "^C" && ok || bad "Ctrl-C at the prompt: $(screen | tail -3)"
tmux send-keys -t $S C-d
wait_for "REPL-EXITED 0" && ok || bad "Ctrl-D: $(screen | tail -3)"
grep -q 'twice(21)' "$WORK/history" && ok || bad "history not kept"
finish

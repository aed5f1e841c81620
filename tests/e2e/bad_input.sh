#!/bin/bash
# bad_input.sh: bad scripts and bad files get a clear error naming the file or line, exit
# non-zero, and leave no output (an existing file at the target stays as it was).
source "$(dirname "$0")/lib.sh"
cd "$WORK"
echo "precious" > keep.mp4

# run SCRIPT_TEXT: runs it to keep.mp4 and returns the messages; checks exit status and no damage
attempt() {
  printf '%s\n' "$1" > bad.lua
  "$MR" run bad.lua -o keep.mp4 > out.txt 2>&1
  local st=$?
  if [ $st -ne 0 ]; then ok; else bad "script should fail: $1"; fi
  expect_eq "existing output untouched" "$(cat keep.mp4)" "precious"
  expect_no_temp "$WORK"
  cat out.txt
}

msg=$(attempt 'return compose({ pattern("bars", 10, 10)')
expect_contains "syntax error names file and line" "$msg" "bad.lua:2: '}' expected (to close '{' at line 1)"
msg=$(attempt 'local x = nil
return x.y')
expect_contains "runtime error names the line" "$msg" "bad.lua:2: attempt to index a nil value"
expect_eq "a runtime error is one line, no traceback" "$(grep -c . out.txt)" 1
expect_contains "-v shows the traceback" "$("$MR" run bad.lua -o keep.mp4 -v 2>&1)" "stack traceback"
expect_contains "MOONREEL_TRACEBACK=1 shows it too" "$(MOONREEL_TRACEBACK=1 "$MR" run bad.lua -o keep.mp4 2>&1)" \
  "stack traceback"
expect_contains "--log-level verbose is -v" "$("$MR" run bad.lua -o keep.mp4 --log-level verbose 2>&1)" "stack traceback"
expect_contains "a bad log level is said" "$("$MR" run bad.lua --log-level loud 2>&1)" "--log-level wants quiet, info or verbose"
msg=$(attempt 'return pattern("bars", 64, 64):dur(1):resize("big")')
expect_contains "argument error" "$msg" "bad.lua:1: bad argument 'scale' to 'resize' (number expected, got string)"
msg=$(attempt 'return 42')
expect_contains "non-clip result" "$msg" "returned a number, not a clip"

# missing, folder, non-media, truncated (index past the end), damaged (no index) files
msg=$(attempt 'return video("missing.mp4")')
expect_contains "missing file" "$msg" "bad.lua:1: video: cannot open '"
expect_contains "missing file reason" "$msg" "missing.mp4': No such file or directory"
mkdir -p adir
msg=$(attempt 'return video("adir")')
expect_contains "a folder" "$msg" "adir': it is a folder"
if [ "$(id -u)" -ne 0 ]; then
  cp "$ROOT/scripts/assets/sample.mp4" locked.mp4 && chmod 000 locked.mp4
  msg=$(attempt 'return video("locked.mp4")')
  expect_contains "unreadable file" "$msg" "locked.mp4': Permission denied"
else
  echo "skipped: the unreadable-file check (running as root, which can read any file)"
fi
echo "this is not a video" > notes.txt
msg=$(attempt 'return video("notes.txt")')
expect_contains "not media" "$msg" "notes.txt': not a media file moonreel can read, or damaged"
msg=$(attempt 'return image("notes.txt")')
expect_contains "image not media" "$msg" "image: cannot open"

"$MR" run "$ROOT/scripts/title_overlay.lua" -o good.mp4 -q  # faststart-less mp4: index at the end
size=$(stat -c %s good.mp4)
head -c $((size / 2)) good.mp4 > cut.mp4
msg=$(attempt 'return video("cut.mp4")')
expect_contains "damaged file names it" "$msg" "cut.mp4'"
cat > faststart.lua <<'LUA'
render(pattern("counter", 64, 48):dur(4), args.out, {faststart = true})
LUA
"$MR" run faststart.lua --set out=front.mp4 -q && ok || bad "faststart render"
size=$(stat -c %s front.mp4)
head -c $((size * 2 / 3)) front.mp4 > front_cut.mp4
msg=$(attempt 'return video("front_cut.mp4")')
expect_contains "truncated file" "$msg" "front_cut.mp4' is truncated"

# a bad file met while rendering (not at open): still no output
msg=$(attempt 'local v = video("good.mp4")
return v:sub(0, 1):with_audio(audio("notes.txt"))')
expect_contains "bad audio input" "$msg" "bad.lua:2: audio: cannot open"

# render() failing inside a script: error at its line, earlier renders kept, nothing partial
printf 'render(pattern("bars", 32, 32):dur(0.2), "first.mp4")\nrender(pattern("bars", 32, 32):dur(0.2), "nope/second.mp4")\n' > two.lua
"$MR" run two.lua -q 2> two.err; expect_eq "failing render exits 1" $? 1
expect_contains "failing render names line" "$(cat two.err)" "two.lua:2: render: cannot write 'nope/second.mp4'"
expect_file first.mp4
expect_no_temp "$WORK"
finish

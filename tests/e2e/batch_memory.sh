#!/bin/bash
# batch_memory.sh: a batch's memory is flat: 1000 rows take no more peak memory (parent, and
# the largest worker) than 100 rows do, within 10 % or 4 MB (a leak of a few KB a row over
# the 900 more rows would show). Each row's Lua state stays open through its render for the
# functions it calls back (a canvas and a function curve here), and is closed after it.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
cat > t.lua <<'LUA'
return function(row)
  local bar = canvas(64, 4, function(ctx, t) ctx:rectangle(0, 0, 64 * (t + 0.1), 4); ctx:fill(row.c) end)
  return compose({color(row.c, 64, 36), text(row.n, {size = 10}):at("center"), bar:at(function(t) return 0, 30 end)},
    {duration = 0.1, fps = 10})
end
LUA
rows() { printf 'id,n,c\n'; for i in $(seq 0 $(($1 - 1))); do printf '%d,name %d,#%06x\n' $i $i $((i * 997 % 16777216)); done; }
rows 100 > r100.csv
rows 1000 > r1000.csv
"$MR" batch t.lua r100.csv -o 'a/{id}.mp4' -j 2 --preset ultrafast --quiet --report a.json; expect_eq "100 rows" $? 0
"$MR" batch t.lua r1000.csv -o 'b/{id}.mp4' -j 2 --preset ultrafast --quiet --report b.json; expect_eq "1000 rows" $? 0
peak() { grep -o "\"$2\": [0-9]*" "$1" | grep -o '[0-9]*$'; }
for k in peak_rss_kb_worker peak_rss_kb_parent; do
  a=$(peak a.json $k); b=$(peak b.json $k)
  echo "$k: 100 rows $a KB, 1000 rows $b KB"
  tol=$((a / 10 > 4096 ? a / 10 : 4096))
  expect_near "$k flat" "$b" "$a" "$tol"
done
expect_eq "1000 outputs" "$(ls b/*.mp4 | wc -l)" 1000
finish

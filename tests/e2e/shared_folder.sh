#!/bin/bash
# shared_folder.sh: shards of one batch writing to one folder, each in its own PID namespace
# (as containers of a Kubernetes Job on one node are, or Slurm tasks under a container
# runtime): a shard starting while another renders must not take the other's part files for
# a dead process's (its PIDs mean nothing here), and a `moonreel run` in a third namespace
# writing there neither. Needs `unshare --pid` (root, or user namespaces): skipped (77) without.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
if ! unshare --pid --fork --mount-proc true 2>/dev/null; then
  echo "skipped: unshare --pid is not permitted here"
  exit 77
fi
NS() { unshare --pid --fork --mount-proc --kill-child "$@"; }  # killing it kills the namespace

# rows that each take a few seconds, so one shard's part files are there when the other starts
mkdir -p tpl
cat > tpl/slow.lua <<'LUA'
return function(row)
  return compose({pattern("counter", 1920, 1080), text(row.id, {size = 40})}, {duration = 4, fps = 30})
end
LUA
printf 'id\n' > rows.csv
for i in $(seq 1 4); do echo "r$i" >> rows.csv; done
S() { NS "$MR" batch tpl/slow.lua rows.csv -o 'out/{id}.mp4' -j 1 --threads 1 --encoder-threads 1 \
        --preset ultrafast --quiet "$@"; }

S --shard 0/2 --report a.json &
a=$!
for _ in $(seq 200); do   # until shard 0 is writing its first row
  [ -n "$(find out -maxdepth 1 -name '.*.moonreel-*.part' 2>/dev/null)" ] && break
  sleep 0.05
done
[ -n "$(find out -maxdepth 1 -name '.*.moonreel-*.part' 2>/dev/null)" ] && ok || bad "shard 0 never started writing"
S --shard 1/2 --report b.json &
b=$!
printf 'return pattern("bars", 64, 48):dur(0.2)\n' > one.lua
NS "$MR" run one.lua -o out/single.mp4 -q; expect_eq "a run in a third namespace: status 0" $? 0
wait $a; expect_eq "shard 0: status 0" $? 0
wait $b; expect_eq "shard 1: status 0" $? 0
expect_contains "shard 0 did its rows" "$(cat a.json)" '"done": 2'
expect_contains "shard 1 did its rows" "$(cat b.json)" '"done": 2'
for i in 1 2 3 4; do
  expect_near "out/r$i.mp4 complete" "$(field frames "$("$MC" out/r$i.mp4 | head -1)")" 120 0
done
expect_file out/single.mp4
expect_no_temp "$WORK/out"

# a shard killed in its namespace, then run again in another: its part files go, its rows are done
rm -rf out
S --shard 0/2 --report k.json &
k=$!
for _ in $(seq 200); do
  [ -n "$(find out -maxdepth 1 -name '.*.moonreel-*.part' 2>/dev/null)" ] && break
  sleep 0.05
done
# $k is the subshell running S: kill unshare itself (its --kill-child takes the namespace along)
pkill -9 -f -- "unshare --pid --fork --mount-proc --kill-child .*--report k.json"; wait $k 2>/dev/null
# the namespace's processes die with its first one (slow builds take a while to go)
for _ in $(seq 100); do pgrep -f -- "--report k.json" >/dev/null || break; sleep 0.1; done
[ -n "$(find out -maxdepth 1 -name '.*.moonreel-*.part')" ] && ok || bad "a killed shard leaves its part file"
S --shard 0/2 --resume --report k2.json; expect_eq "shard 0 again: status 0" $? 0
expect_no_temp "$WORK/out"
finish

#!/bin/bash
# slurm.sh: the batch split over a real Slurm job array: munge, slurmctld and slurmd started
# here (one node: this machine), `sbatch --array=0-2` running one shard per task, the reports
# merged, every row's output present once; then one edit rendered in segments by an array of 4
# and joined by a job that depends on it, against a single render. Exit 77 (skipped, saying
# why) when Slurm cannot be started here (not root, not installed, or a daemon refuses).
source "$(dirname "$0")/lib.sh"
skip() { echo "skipped: Slurm cannot be started here: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "the daemons need root"
for c in munged slurmctld slurmd sbatch squeue sinfo; do command -v $c >/dev/null || skip "$c is not installed (apt-get install slurm-wlm munge)"; done
D=$WORK/slurm
mkdir -p $D/state $D/spool /run/munge /var/log/munge /var/lib/munge /etc/munge
stop() {
  [ -f $D/slurmd.pid ] && kill "$(cat $D/slurmd.pid)" 2>/dev/null
  [ -f $D/slurmctld.pid ] && kill "$(cat $D/slurmctld.pid)" 2>/dev/null
  [ -n "${MUNGED:-}" ] && kill "$MUNGED" 2>/dev/null
  sleep 0.5
  rm -rf "$WORK"
}
trap stop EXIT
# munge: a key if there is none, and the daemon (as its own user when the package made one)
[ -s /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; chmod 400 /etc/munge/munge.key; }
owner=root; id munge >/dev/null 2>&1 && owner=munge
chown -R $owner /etc/munge /run/munge /var/log/munge /var/lib/munge
if ! pgrep -x munged >/dev/null; then
  if [ $owner = munge ]; then runuser -u munge -- munged || skip "munged would not start"; else munged --force || skip "munged would not start"; fi
  MUNGED=$(pgrep -x munged | head -1)
fi
munge -n >/dev/null 2>&1 || skip "munge does not answer"
cat > $D/slurm.conf <<CONF
ClusterName=moonreeltest
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmdSpoolDir=$D/spool
StateSaveLocation=$D/state
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
NodeName=localhost CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$D/slurm.conf
slurmctld -f $SLURM_CONF || skip "slurmctld would not start: $(tail -2 $D/slurmctld.log 2>/dev/null)"
slurmd -N localhost -f $SLURM_CONF || skip "slurmd would not start: $(tail -2 $D/slurmd.log 2>/dev/null)"
for i in $(seq 60); do sinfo -h -o %t 2>/dev/null | grep -qE 'idle|mix' && break; sleep 0.5; done
sinfo -h -o %t 2>/dev/null | grep -qE 'idle|mix' || skip "the node did not come up: $(sinfo 2>&1 | tail -1); $(tail -2 $D/slurmd.log)"
ok

# the job: three array tasks, one shard each
cd "$WORK"
cat > t.lua <<'LUA'
return function(row) return compose({color(row.c, 96, 54), text(row.id, {size = 14}):at("center")}, {duration = 0.5, fps = 10}) end
LUA
printf 'id,c\n' > rows.csv
for i in $(seq 0 9); do printf 'r%d,#%02x%02x40\n' $i $((i * 20)) $((200 - i * 15)) >> rows.csv; done
jobid=$(sbatch --parsable --array=0-2 --chdir="$WORK" --output="$WORK/task-%a.log" --wrap \
  "'$MR' batch t.lua rows.csv -o 'out/{id}.mp4' -j 1 --shard \${SLURM_ARRAY_TASK_ID}/\${SLURM_ARRAY_TASK_COUNT} --quiet --report rep-\${SLURM_ARRAY_TASK_ID}.json") \
  && ok || bad "sbatch refused the job"
for i in $(seq 240); do [ -z "$(squeue -h -j "$jobid" 2>/dev/null)" ] && break; sleep 0.5; done
expect_eq "the array finished" "$(squeue -h -j "$jobid" 2>/dev/null | wc -l)" 0
for k in 0 1 2; do expect_file "rep-$k.json"; done
"$MR" batch --merge-reports rep-0.json rep-1.json rep-2.json --report all.json 2>/dev/null; expect_eq "merged: status 0" $? 0
expect_contains "every row done" "$(cat all.json)" '"done": 10'
expect_eq "10 outputs" "$(ls out/*.mp4 2>/dev/null | wc -l)" 10
expect_eq "no row twice" "$(grep -ho '"row": [0-9]*' rep-*.json | sort | uniq -d | wc -l)" 0
expect_contains "an output" "$("$MC" out/r7.mp4)" "video 96x54 fps=10/1 frames=5"
cat task-*.log 2>/dev/null | head -5

# one 60-second edit in segments: an array of 4 renders the parts, a job depending on it joins
# them; the result is the single render's (lossless x264: identical pictures; the same sound)
AC=$(dirname "$MC")/avcompare
cat > long.lua <<'LUA'
local title = text(args.title or "sixty seconds", {size = 12, color = "white"}):at(function(t) return t, 40 end)
local picture = compose({color("#203050", 160, 90), title}, {duration = 60, fps = 30})
return picture:with_audio(concat{tone(330):dur(20), tone(440):dur(20), tone(550):dur(20)}:volume(0.3))
LUA
"$MR" run long.lua -o single.mp4 --crf 0 --set title=segments -q && ok || bad "the single render"
jobid=$(sbatch --parsable --array=0-3 --chdir="$WORK" --output="$WORK/part-%a.log" --wrap \
  "'$MR' run long.lua --segment \${SLURM_ARRAY_TASK_ID}/\${SLURM_ARRAY_TASK_COUNT} -o parts/ --crf 0 --set title=segments -q") \
  && ok || bad "sbatch refused the parts' array"
joinid=$(sbatch --parsable --dependency=afterok:$jobid --chdir="$WORK" --output="$WORK/join.log" --wrap \
  "'$MR' join parts/ -o joined.mp4 -q") && ok || bad "sbatch refused the join"
for i in $(seq 480); do [ -z "$(squeue -h -j "$jobid,$joinid" 2>/dev/null)" ] && break; sleep 0.5; done
expect_eq "the parts and the join finished" "$(squeue -h -j "$jobid,$joinid" 2>/dev/null | wc -l)" 0
expect_eq "four parts" "$(ls parts/*.json 2>/dev/null | wc -l)" 4
expect_file joined.mp4
cmp=$("$AC" single.mp4 joined.mp4 2>&1)
expect_contains "joined: every frame" "$cmp" "frames 1800 1800"
expect_contains "joined: every picture the single render's" "$cmp" "psnr min=inf"
expect_contains "joined: the sound sample for sample" "$cmp" "maxdiff=0.000000"
keys=" $("$MC" joined.mp4 keyframes | head -1)"
for f in 0 450 900 1350; do expect_contains "joined: a key frame at the segment start $f" "$keys" " $f "; done
cat part-*.log join.log 2>/dev/null | head -5
finish

#!/bin/bash
# run.sh BUILD SECONDS: runs each fuzz target for SECONDS, starting from its seeds (copied to
# a scratch corpus, so the tree stays as it is), and prints how many inputs each executed.
# The mutations follow FUZZ_SEED (default 1), so CI explores the same inputs each run and
# its verdict does not change by chance; FUZZ_SEED=0 lets libFuzzer pick (for hunting).
# Exit status 1 when any target crashed, hung or tripped a sanitizer: the input is saved
# under BUILD/fuzz-findings/TARGET/ (add it to tests/fuzz/crashers/TARGET/ once fixed).
set -u
build=$(realpath "$1") seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
export LSAN_OPTIONS="suppressions=$here/../sanitize/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=0
for t in parse rows script media; do
  bin="$build/tests/fuzz/fuzz_$t"
  corpus=$(mktemp -d) findings="$build/fuzz-findings/$t"
  mkdir -p "$findings"
  cp -r "$here/seeds/$t/." "$corpus/"
  extra=()
  [ -f "$here/$t.dict" ] && extra+=(-dict="$here/$t.dict")
  [ "$t" = media ] && extra+=(-max_len=65536)
  log="$build/fuzz-findings/$t.log"
  # -timeout: one input running longer is a finding (a hang); -rss_limit_mb: a memory blow-up is
  "$bin" -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
    -artifact_prefix="$findings/" "${extra[@]}" "$corpus" > "$log" 2>&1
  st=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  if [ $st -ne 0 ]; then
    failed=1
    echo "fuzz_$t: FAILED after ${execs:-?} executions (status $st); findings in $findings:"
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -8
  else
    echo "fuzz_$t: ${execs:-?} executions in ${seconds} s, no finding ($(ls "$corpus" | wc -l) inputs in the corpus)"
  fi
  rm -rf "$corpus"
done
exit $failed

# lib.sh: helpers for the end-to-end tests (sourced). Each test script is called as
#   bash tests/e2e/NAME.sh MOONREEL MEDIACHECK PROJECT_ROOT
# and prints "N passed, M failed" at the end; any failure makes it exit 1.
set -u
MR=$(realpath "$1") MC=$(realpath "$2") ROOT=$(realpath "$3")
WORK=$(mktemp -d /tmp/moonreel-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PASS=0 FAIL=0 SKIP=0

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }
# skip WHAT WHY: a check this machine or build cannot make, said out loud
skip() { SKIP=$((SKIP + 1)); echo "SKIP: $1 ($2)" >&2; }
# has_gif: whether this moonreel was built with GIF output
has_gif() { ! "$MR" --version | grep -q "no GIF output"; }

# expect_eq WHAT GOT WANT
expect_eq() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi; }
# expect_contains WHAT TEXT NEEDLE
expect_contains() { case "$2" in *"$3"*) ok ;; *) bad "$1: '$3' not in: $2" ;; esac; }
# expect_near WHAT GOT WANT TOLERANCE (numbers)
expect_near() {
  if awk -v a="$2" -v b="$3" -v t="$4" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; then ok
  else bad "$1: got $2, want $3 +- $4"; fi
}
# expect_file / expect_no_file PATH
expect_file() { if [ -s "$1" ]; then ok; else bad "missing or empty: $1"; fi; }
expect_no_file() { if [ ! -e "$1" ]; then ok; else bad "should not exist: $1"; fi; }
# expect_no_temp DIR: no moonreel temporary files left in DIR
expect_no_temp() {
  left=$(find "$1" -name '*.moonreel-*.part' 2>/dev/null)
  if [ -z "$left" ]; then ok; else bad "temporary files left: $left"; fi
}
# field NAME LINE: the value of NAME=... in a mediacheck line
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
# pixel FILE FRAME X Y: "R G B"
pixel() { "$MC" "$1" pixel "$2" "$3" "$4"; }
# near_rgb WHAT "R G B" R G B TOL
near_rgb() {
  set -- "$1" $2 "$3" "$4" "$5" "$6"
  if [ $# -ne 8 ]; then bad "$1: no pixel"; return; fi
  expect_near "$1 red" "$2" "$5" "$8"; expect_near "$1 green" "$3" "$6" "$8"; expect_near "$1 blue" "$4" "$7" "$8"
}

finish() {
  if [ "$SKIP" -gt 0 ]; then echo "$PASS passed, $FAIL failed, $SKIP skipped"; else echo "$PASS passed, $FAIL failed"; fi
  [ "$FAIL" -eq 0 ]
}
